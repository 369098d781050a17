//! The language switch: a form that posts to `/lang`; the server remembers
//! the choice in a cookie and sends the visitor back to the same page, now
//! rendered in the other language. The same with or without JavaScript.

use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    // The router gives the query without its "?".
    let next = move || {
        let (path, query) = (location.pathname.get(), location.search.get());
        if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        }
    };
    let other = i18n.lang().other();
    view! {
        <form class="lang-switch" method="post" action="/lang">
            <input type="hidden" name="next" value=next/>
            <input type="hidden" name="lang" value=other.code()/>
            <button type="submit">
                <span class="visually-hidden">{i18n.t().lang.switch_to} ": "</span>
                <span lang=other.code()>{other.endonym()}</span>
            </button>
        </form>
    }
}
