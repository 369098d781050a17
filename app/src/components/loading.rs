//! What a page shows instead of its content: loading, a failure, a refusal.

use crate::components::form::Notice;
use crate::error::AppError;
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

/// Shown instead of a page that needs an account.
#[component]
pub fn SignInRequired() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    view! {
        <Notice error=true>{t().auth().sign_in_required}</Notice>
        <p><a class="button" href=crate::i18n::at("/login")>{t().nav.login}</a></p>
    }
}

/// Shown instead of a page its reader may not see, or that failed to load.
#[component]
pub fn Refused(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    match error {
        AppError::Unauthorized => view! { <SignInRequired/> }.into_any(),
        AppError::Forbidden => {
            view! { <Notice error=true>{i18n.t().auth().forbidden}</Notice> }.into_any()
        }
        AppError::NotFound => view! { <p>{i18n.t().errors.not_found_title}</p> }.into_any(),
        _ => view! { <LoadError/> }.into_any(),
    }
}
