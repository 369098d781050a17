//! The language switch: a link to the same page at the other language's
//! address (Georgian at `/…`, English at `/en/…`), query included. A full
//! page load (`rel="external"`): the page's language is fixed for its life.

use crate::i18n::{page_path, use_i18n};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let other = i18n.lang().other();
    // The router gives the query without its "?"; the browser's path carries
    // the page's own language, the server's does not.
    let href = move || {
        let (path, query) = (location.pathname.get(), location.search.get());
        let path = page_path(&path);
        if query.is_empty() {
            other.at(path)
        } else {
            other.at(&format!("{path}?{query}"))
        }
    };
    view! {
        <a class="lang-switch" href=href hreflang=other.code() lang=other.code() rel="external">
            <span class="visually-hidden" lang=i18n.lang().code()>{i18n.t().lang.switch_to} ": "</span>
            {other.endonym()}
        </a>
    }
}
