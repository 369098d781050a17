use crate::i18n::use_i18n;
use leptos::prelude::*;

/// Shown while a page's data is on its way.
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="loading" role="status">{i18n.t().errors.loading}</p> }
}

/// Shown when a server function failed.
#[component]
pub fn LoadError() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    view! {
        <div class="notice notice-error" role="alert">
            <h2>{t().errors.server_title}</h2>
            <p>{t().errors.server_text}</p>
        </div>
    }
}
