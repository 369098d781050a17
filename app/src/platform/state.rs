//! What every form handler can reach, and what a request carries from the
//! server's middleware (the client's rate-limit key, the page's nonce).

use crate::auth::server::CurrentSession;
use crate::config::SiteConfig;
use crate::db::Db;
use crate::domain::ids::AssemblyId;
use crate::mail::Mailer;
use axum::extract::FromRequestParts;
use http::request::Parts;
use leptos::config::LeptosOptions;
use leptos::prelude::{provide_context, use_context};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// The shared state of the areas' form handlers.
#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub site: SiteConfig,
    pub mailer: Mailer,
    /// Tells the live stream that an assembly changed.
    pub live: LiveNews,
}

impl AppState {
    /// The same state, its database used on behalf of `user` (the audit
    /// log records the changes as theirs).
    pub fn acting(&self, user: crate::domain::ids::UserId) -> AppState {
        AppState {
            db: self.db.acting(user),
            ..self.clone()
        }
    }
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

type Publish = dyn Fn(AssemblyId) -> Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync;

/// How a write tells the live stream (the server's, outside the areas)
/// that an assembly changed, so every screen following it updates.
#[derive(Clone)]
pub struct LiveNews(Arc<Publish>);

impl LiveNews {
    pub fn new(
        publish: impl Fn(AssemblyId) -> Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync + 'static,
    ) -> LiveNews {
        LiveNews(Arc::new(publish))
    }

    /// Nobody follows (command-line tools).
    pub fn nobody() -> LiveNews {
        LiveNews::new(|_| Box::pin(async {}))
    }

    pub async fn publish(&self, assembly: AssemblyId) {
        (self.0)(assembly).await
    }
}

impl std::fmt::Debug for LiveNews {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LiveNews")
    }
}

/// The key a rate limit counts a client by, as the server's middleware
/// worked it out from the connection and the trusted proxies' headers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientKey(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientKey {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        // Without the middleware (never in the server) every client shares
        // one key: limits then hold for all, never for none.
        Ok(parts
            .extensions
            .get::<ClientKey>()
            .cloned()
            .unwrap_or_else(|| ClientKey("unknown".into())))
    }
}

/// The nonce the security middleware puts into this response's policy.
#[derive(Clone, Debug)]
pub struct PageNonce(pub String);

/// What server functions and renders find in Leptos's context: the shared
/// state and the request's signed-in person.
pub fn provide_request_context(state: &AppState) {
    provide_context(state.db.clone());
    provide_context(state.site.clone());
    provide_context(state.mailer.clone());
    let parts = use_context::<Parts>();
    if let Some(nonce) = parts.as_ref().and_then(|p| p.extensions.get::<PageNonce>()) {
        provide_context(leptos::nonce::Nonce::from_value(nonce.0.as_str()));
    }
    let session = parts
        .and_then(|parts| parts.extensions.get::<Option<CurrentSession>>().cloned())
        .flatten();
    provide_context(session);
}
