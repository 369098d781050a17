//! Cookies: the one parser every reader of a `Cookie` header uses (the
//! server's session, draft and language, and the browser's language), and
//! the one way a `Set-Cookie` value is written.

/// The value of the first cookie called `name` in a `Cookie` header value,
/// or `None` when it is absent or empty. Pairs are separated by `;`; names
/// and values are trimmed, and a value in double quotes is taken without
/// them (RFC 6265, section 4.1.1). A pair without `=` is skipped.
pub fn find<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header
        .split(';')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| key.trim() == name)
        .map(|(_, value)| {
            let value = value.trim();
            value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap_or(value)
        })
        .filter(|value| !value.is_empty())
}

/// The name a site cookie goes by: with the `__Host-` prefix when the
/// site runs on HTTPS. The browser then keeps it only if it came from this
/// very host, over HTTPS, for the whole site and with no `Domain`, so
/// neither a sibling subdomain nor a plain-HTTP page (a network attacker)
/// can plant or overwrite it; and the server reads only that name, so a
/// planted unprefixed cookie of the same base name is ignored.
pub fn site_name(base: &str, secure: bool) -> String {
    if secure {
        format!("__Host-{base}")
    } else {
        base.to_string()
    }
}

/// How long a cookie lives and who may read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keep {
    /// Seconds (zero makes the browser forget the cookie at once); `None`
    /// keeps it until the browser closes.
    pub max_age: Option<i64>,
    /// Not readable by the page's scripts.
    pub http_only: bool,
    /// Sent over HTTPS only.
    pub secure: bool,
}

/// A `Set-Cookie` value for the whole site, sent with same-site requests
/// and top-level navigations only (`SameSite=Lax`).
pub fn set(name: &str, value: &str, keep: Keep) -> String {
    let Keep {
        max_age,
        http_only,
        secure,
    } = keep;
    let http_only = if http_only { "; HttpOnly" } else { "" };
    let max_age = max_age
        .map(|s| format!("; Max-Age={s}"))
        .unwrap_or_default();
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={value}; Path=/{http_only}; SameSite=Lax{max_age}{secure}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn over_https_a_site_cookie_is_host_only() {
        assert_eq!(site_name("s", false), "s");
        assert_eq!(site_name("s", true), "__Host-s");
        let keep = Keep {
            max_age: None,
            http_only: true,
            secure: true,
        };
        let value = set(&site_name("s", true), "v", keep);
        // What the browser demands of a `__Host-` cookie.
        assert!(value.starts_with("__Host-s=v; Path=/;"));
        assert!(value.ends_with("; Secure"));
        assert!(!value.contains("Domain"));
        assert_eq!(find("s=planted; __Host-s=v", "__Host-s"), Some("v"));
    }

    #[test]
    fn a_cookie_is_found_by_its_whole_name() {
        let header = "lang=en; alliance_session=abc; xlang=ka";
        assert_eq!(find(header, "lang"), Some("en"));
        assert_eq!(find(header, "alliance_session"), Some("abc"));
        assert_eq!(find(header, "session"), None);
        assert_eq!(find("xlang=ka", "lang"), None);
        assert_eq!(find("a=1;b=2", "b"), Some("2"), "no space after ;");
        assert_eq!(find(" b = 2 ", "b"), Some("2"));
        assert_eq!(find("b=\"quoted\"", "b"), Some("quoted"));
        assert_eq!(
            find("b=; b=2", "b"),
            None,
            "the first one counts, and it is empty"
        );
        assert_eq!(find("junk; b=2", "b"), Some("2"));
        assert_eq!(find("", "b"), None);
        assert_eq!(find("token=a=b", "token"), Some("a=b"));
    }

    #[test]
    fn set_cookie_values_say_how_long_and_for_whom() {
        let keep = Keep {
            max_age: Some(60),
            http_only: true,
            secure: true,
        };
        assert_eq!(
            set("s", "v", keep),
            "s=v; Path=/; HttpOnly; SameSite=Lax; Max-Age=60; Secure"
        );
        let open = Keep {
            max_age: Some(0),
            http_only: false,
            secure: false,
        };
        assert_eq!(
            set("lang", "ka", open),
            "lang=ka; Path=/; SameSite=Lax; Max-Age=0"
        );
    }

    proptest! {
        /// Whatever else a header holds, a cookie written with a plain
        /// value is read back, and no input makes the parser panic.
        #[test]
        fn what_is_written_is_read_back(
            before in "[ -~]{0,40}",
            value in "[A-Za-z0-9_-]{1,40}",
        ) {
            let header = format!("{};wanted={value}", before.replace("wanted", "w"));
            prop_assert_eq!(find(&header, "wanted"), Some(value.as_str()));
            let _ = find(&before, "wanted");
        }
    }
}
