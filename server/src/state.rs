//! What the server's own handlers reach.

use leptos::config::LeptosOptions;

/// What the server's own handlers can reach: the areas' shared state
/// (`app`, which field access reaches through `Deref`) and what only the
/// server holds — the directory page cache, the live streams, the proxies.
#[derive(Clone, Debug)]
pub struct AppState {
    pub app: app::platform::AppState,
    /// Whole directory pages for anonymous visitors.
    pub pages: std::sync::Arc<crate::page_cache::PageCache>,
    /// Live General Assemblies.
    pub live: std::sync::Arc<crate::live::Live>,
    /// Proxies whose X-Forwarded-For names the client.
    pub proxies: std::sync::Arc<crate::security::TrustedProxies>,
}

impl std::ops::Deref for AppState {
    type Target = app::platform::AppState;

    fn deref(&self) -> &Self::Target {
        &self.app
    }
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.app.leptos_options.clone()
    }
}

impl axum::extract::FromRef<AppState> for app::platform::AppState {
    fn from_ref(state: &AppState) -> Self {
        state.app.clone()
    }
}

impl axum::extract::FromRef<AppState> for std::sync::Arc<crate::live::Live> {
    fn from_ref(state: &AppState) -> Self {
        state.live.clone()
    }
}
