//! The language switch. Without JavaScript it is a form that posts to `/lang`
//! (the server sets the cookie and sends the visitor back); with the WASM
//! loaded it switches in place and writes the cookie itself.

use crate::i18n::use_i18n;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let next = move || format!("{}{}", location.pathname.get(), location.search.get());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        i18n.set_lang(i18n.lang().other());
    };
    view! {
        <form class="lang-switch" method="post" action="/lang" on:submit=on_submit>
            <input type="hidden" name="next" value=next/>
            <input type="hidden" name="lang" value=move || i18n.lang().other().code()/>
            <button type="submit">
                <span class="visually-hidden">{move || i18n.t().lang.switch_to} ": "</span>
                <span lang=move || i18n.lang().other().code()>
                    {move || i18n.lang().other().endonym()}
                </span>
            </button>
        </form>
    }
}
