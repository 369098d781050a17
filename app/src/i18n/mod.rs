//! Languages at run time: the visitor's language lives in one signal provided
//! at the root; every text reads it, so a switch re-renders in place.
//! The server takes the language from the `lang` cookie (Georgian otherwise)
//! and the browser takes it from `<html lang>`, so hydration always matches.

mod en;
mod ka;
pub mod messages;

use crate::domain::date::Date;
pub use crate::domain::lang::Lang;
use leptos::prelude::*;
pub use messages::Messages;

/// Picks one text out of the messages, whatever the language.
pub type Text = fn(&'static Messages) -> &'static str;

pub fn messages(lang: Lang) -> &'static Messages {
    match lang {
        Lang::Ka => &ka::KA,
        Lang::En => &en::EN,
    }
}

#[derive(Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
    /// On the server the language is fixed for the whole response, and text
    /// may be read after the render's reactive owner is gone (leptos_meta
    /// builds `<title>` while streaming), so the server never reads the signal.
    #[cfg(feature = "ssr")]
    fixed: Lang,
}

impl I18n {
    /// The current language (tracked in the browser).
    pub fn lang(&self) -> Lang {
        #[cfg(feature = "ssr")]
        return self.fixed;
        #[cfg(not(feature = "ssr"))]
        self.lang.get()
    }

    /// The texts of the current language (tracked in the browser).
    pub fn t(&self) -> &'static Messages {
        messages(self.lang())
    }

    pub fn date(&self, date: Date) -> String {
        (self.t().format_date)(date)
    }

    /// Switches language and remembers the choice for a year.
    pub fn set_lang(&self, lang: Lang) {
        self.lang.set(lang);
        #[cfg(feature = "hydrate")]
        client::remember(lang);
    }
}

pub fn provide_i18n() -> I18n {
    let lang = initial_lang();
    let i18n = I18n {
        lang: RwSignal::new(lang),
        #[cfg(feature = "ssr")]
        fixed: lang,
    };
    provide_context(i18n);
    i18n
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

#[cfg(feature = "ssr")]
fn initial_lang() -> Lang {
    use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get_all(http::header::COOKIE)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .find_map(crate::domain::lang::lang_from_cookie_header)
        })
        .unwrap_or_default()
}

#[cfg(not(feature = "ssr"))]
fn initial_lang() -> Lang {
    #[cfg(feature = "hydrate")]
    return client::document_lang().unwrap_or_default();
    #[cfg(not(feature = "hydrate"))]
    Lang::default()
}

#[cfg(feature = "hydrate")]
mod client {
    use super::Lang;
    use crate::domain::lang::LANG_COOKIE;
    use wasm_bindgen::JsCast;

    fn document() -> Option<web_sys::Document> {
        web_sys::window().and_then(|w| w.document())
    }

    pub fn document_lang() -> Option<Lang> {
        let root = document()?.document_element()?;
        Lang::from_code(&root.get_attribute("lang")?)
    }

    pub fn remember(lang: Lang) {
        if let Some(doc) = document().and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok()) {
            let cookie = format!(
                "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
                lang.code()
            );
            let _ = doc.set_cookie(&cookie);
        }
    }
}
