//! Languages at run time: the page's language is provided at the root and
//! fixed for the page's life (the switch loads the other language's address).
//! Georgian pages live at `/…`, English ones at `/en/…`: the server takes
//! the language from the address (see [`Lang::at`]) and the browser from
//! `<html lang>`, so hydration always matches. Every link to a page of the
//! site goes through [`I18n::at`].

mod en;
mod ka;
#[cfg(feature = "ssr")]
pub mod mails;
pub mod messages;

use crate::domain::date::Date;
pub use crate::domain::lang::Lang;
use leptos::prelude::*;
pub use messages::Messages;

/// One method per section: the section of the messages' own language.
macro_rules! sections {
    ($($name:ident: $ty:ident = $stat:ident,)*) => {
        impl messages::Messages {
            $(
                pub fn $name(&self) -> &'static messages::$ty {
                    match self.language {
                        Lang::Ka => &ka::$stat,
                        Lang::En => &en::$stat,
                    }
                }
            )*
        }
    };
}

sections! {
    about: About = ABOUT,
    board: Board = BOARD,
    members: Members = MEMBERS,
    profile_edit: ProfileEdit = PROFILE_EDIT,
    apply: Apply = APPLY,
    assemblies: Assemblies = ASSEMBLIES,
    reference: ReferenceLabels = REFERENCE,
    auth: Auth = AUTH,
    people: People = PEOPLE,
    leaving: Leaving = LEAVING,
    contact: Contact = CONTACT,
    privacy: Privacy = PRIVACY,
    dashboard: DashboardTexts = DASHBOARD,
    news_desk: NewsDesk = NEWS_DESK,
    audit: AuditTexts = AUDIT,
    import: ImportTexts = IMPORT,
    problems: Problems = PROBLEMS,
    refusals: Refusals = REFUSALS,
    paging: Paging = PAGING,
}

/// Picks one text out of the messages, whatever the language.
pub type Text = fn(&'static Messages) -> &'static str;

pub fn messages(lang: Lang) -> &'static Messages {
    match lang {
        Lang::Ka => &ka::KA,
        Lang::En => &en::EN,
    }
}

/// The language of the page. It is fixed for a page's life: the switch
/// posts to the server, which remembers the choice and renders the page
/// again in the other language. Texts are therefore rendered once, not kept
/// as one reactive closure each (which cost the browser bundle several
/// kilobytes per page; see docs/DECISIONS.md).
#[derive(Clone, Copy)]
pub struct I18n {
    lang: Lang,
}

impl I18n {
    /// The current language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The texts of the current language.
    pub fn t(&self) -> &'static Messages {
        messages(self.lang)
    }

    /// The address of the site's page `path` in the page's language.
    pub fn at(&self, path: &str) -> String {
        self.lang.at(path)
    }

    pub fn date(&self, date: Date) -> String {
        (self.t().format_date)(date)
    }
}

pub fn provide_i18n() -> I18n {
    let i18n = I18n {
        lang: initial_lang(),
    };
    provide_context(i18n);
    i18n
}

/// The address of the site's page `path` (a Georgian-site path such as
/// `/members?sector=C`) in the language of the page being rendered.
pub fn at(path: &str) -> String {
    use_context::<I18n>()
        .map(|i18n| i18n.lang)
        .unwrap_or_default()
        .at(path)
}

/// The path of an address without its language: what the routes and the
/// Georgian site call it (`/en/members` is `/members`).
pub fn page_path(pathname: &str) -> &str {
    Lang::of_path(pathname).1
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

#[cfg(feature = "ssr")]
fn initial_lang() -> Lang {
    use_context::<http::request::Parts>()
        .map(|parts| crate::platform::post::lang_of(&parts.headers))
        .unwrap_or_default()
}

#[cfg(not(feature = "ssr"))]
fn initial_lang() -> Lang {
    #[cfg(feature = "hydrate")]
    return crate::browser::root_attribute("lang")
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or_default();
    #[cfg(not(feature = "hydrate"))]
    Lang::default()
}
