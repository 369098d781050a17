//! The two languages of the platform. Georgian is the default.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Ka,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Ka, Lang::En];

    /// The BCP 47 tag used in `<html lang>`, the cookie and URLs.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ka => "ka",
            Lang::En => "en",
        }
    }

    /// Parses a tag; anything unknown is `None` so callers pick the default.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim() {
            "ka" => Some(Lang::Ka),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language's own name, shown in the switch.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::Ka => "ქართული",
            Lang::En => "English",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Ka => Lang::En,
            Lang::En => Lang::Ka,
        }
    }

    /// Picks the text in this language, falling back to the other one when
    /// it is empty (profiles and posts may be written in one language only).
    pub fn pick<'a>(self, ka: &'a str, en: &'a str) -> &'a str {
        let (first, second) = match self {
            Lang::Ka => (ka, en),
            Lang::En => (en, ka),
        };
        if first.trim().is_empty() {
            second
        } else {
            first
        }
    }
}

/// Name of the cookie that remembers the language of the last page the
/// visitor read. It only decides where `/` sends a visitor arriving from
/// elsewhere: each page's language is its address's.
pub const LANG_COOKIE: &str = "lang";

/// The request header in which the server tells the app the language of the
/// page asked for, after taking `/en` off the path. The server removes any
/// such header a client sends.
pub const PAGE_LANG_HEADER: &str = "alliance-page-lang";

/// The prefix of English addresses.
const EN_PREFIX: &str = "/en";

impl Lang {
    /// The address of the page at `path` (a path of the Georgian site,
    /// with or without a query) in this language: Georgian at `/…`,
    /// English at `/en/…`. Anything that is not a site path (a fragment,
    /// a full URL, `//host`) is returned as it is.
    pub fn at(self, path: &str) -> String {
        match self {
            Lang::En if path == "/" => format!("{EN_PREFIX}/"),
            Lang::En if path.starts_with('/') && !path.starts_with("//") => {
                format!("{EN_PREFIX}{path}")
            }
            _ => path.to_string(),
        }
    }

    /// The language of an address and the Georgian site's path for it:
    /// `/en/members` is English `/members`, `/en` and `/en/` English `/`.
    pub fn of_path(path: &str) -> (Lang, &str) {
        match path.strip_prefix(EN_PREFIX) {
            Some("") => (Lang::En, "/"),
            Some(rest) if rest.starts_with('/') => (Lang::En, rest),
            _ => (Lang::Ka, path),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("de"), None);
        assert_eq!(Lang::default(), Lang::Ka);
    }

    #[test]
    fn addresses_carry_the_language_and_lose_it_again() {
        assert_eq!(Lang::Ka.at("/members?sector=C"), "/members?sector=C");
        assert_eq!(Lang::En.at("/members?sector=C"), "/en/members?sector=C");
        assert_eq!(Lang::En.at("/"), "/en/");
        assert_eq!(Lang::En.at("#main"), "#main");
        assert_eq!(
            Lang::En.at("//elsewhere.example/x"),
            "//elsewhere.example/x"
        );
        assert_eq!(Lang::En.at("https://example.org/"), "https://example.org/");
        assert_eq!(Lang::of_path("/en/members"), (Lang::En, "/members"));
        assert_eq!(Lang::of_path("/en"), (Lang::En, "/"));
        assert_eq!(Lang::of_path("/en/"), (Lang::En, "/"));
        // Only a whole first segment: a path that merely starts with "en" is Georgian.
        assert_eq!(Lang::of_path("/enrol"), (Lang::Ka, "/enrol"));
        assert_eq!(Lang::of_path("/members/en"), (Lang::Ka, "/members/en"));
        for path in ["/", "/about", "/members?sector=C&q=x", "/news/a-b"] {
            for lang in Lang::ALL {
                assert_eq!(Lang::of_path(&lang.at(path)), (lang, path));
            }
        }
    }

    #[test]
    fn pick_falls_back_to_the_other_language() {
        assert_eq!(Lang::En.pick("ქართული", "English"), "English");
        assert_eq!(Lang::En.pick("ქართული", "  "), "ქართული");
        assert_eq!(Lang::Ka.pick("", "English"), "English");
    }
}
