use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_meta::Title;

/// The page for any address the router does not know; answers 404.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::platform::request::set_not_found();
    crate::pages::announce_live();
    let i18n = use_i18n();
    let t = move || i18n.t();
    view! {
        <Title text=t().errors.not_found_title/>
        <div class="container page">
            <h1>{t().errors.not_found_title}</h1>
            <p>{t().errors.not_found_text}</p>
            <p><a class="button" href=crate::i18n::at("/")>{t().errors.go_home}</a></p>
        </div>
    }
}
