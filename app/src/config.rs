//! Settings the server functions and routes need at run time, provided once.

use crate::auth::server::rate_limit::RateLimit;
use crate::auth::server::session::Lifetimes;

#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// Where people reach the site, for links in mail (no trailing slash).
    pub public_url: String,
    pub sessions: Lifetimes,
    /// Failed logins per client address.
    pub login_limit: RateLimit,
    /// Failed logins per account, from any address.
    pub account_login_limit: RateLimit,
    pub register_limit: RateLimit,
    /// The rules a new assembly is called with unless the secretariat
    /// chooses others (each assembly keeps its own).
    pub voting: crate::domain::voting::VotingRules,
}

impl SiteConfig {
    /// Cookies are marked `Secure` when the public address is HTTPS.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    pub fn link(&self, path_and_query: &str) -> String {
        format!("{}{path_and_query}", self.public_url.trim_end_matches('/'))
    }
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            public_url: "http://127.0.0.1:3000".into(),
            sessions: Lifetimes::default(),
            login_limit: RateLimit {
                max: 10,
                window_seconds: 15 * 60,
            },
            account_login_limit: RateLimit {
                max: 10,
                window_seconds: 15 * 60,
            },
            register_limit: RateLimit {
                max: 5,
                window_seconds: 60 * 60,
            },
            voting: crate::domain::voting::VotingRules::default(),
        }
    }
}

/// The content security policy of every response: only the site's own
/// scripts, styles, fonts and WebAssembly; no framing, no plugins.
pub const CSP: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; \
form-action 'self'; frame-ancestors 'none'";

/// The policy of a rendered page: also the inline hydration script that
/// carries this render's nonce.
pub fn page_csp(nonce: &str) -> String {
    CSP.replacen(
        "script-src 'self'",
        &format!("script-src 'self' 'nonce-{nonce}'"),
        1,
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_page_policy_allows_only_its_own_nonce() {
        let csp = super::page_csp("abc");
        assert!(csp.contains("script-src 'self' 'nonce-abc' 'wasm-unsafe-eval';"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-inline"));
    }
}
