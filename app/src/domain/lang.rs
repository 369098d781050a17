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

/// Name of the cookie that remembers the visitor's language.
pub const LANG_COOKIE: &str = "lang";

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
    fn pick_falls_back_to_the_other_language() {
        assert_eq!(Lang::En.pick("ქართული", "English"), "English");
        assert_eq!(Lang::En.pick("ქართული", "  "), "ქართული");
        assert_eq!(Lang::Ka.pick("", "English"), "English");
    }
}
