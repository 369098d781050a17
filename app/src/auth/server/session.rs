//! Session tokens and the session cookie.

use crate::db::{sessions, Db};
use crate::domain::cookies::{self, Keep};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

pub const COOKIE: &str = "alliance_session";

/// How long a session lives without use, and at most.
#[derive(Debug, Clone, Copy)]
pub struct Lifetimes {
    pub idle_seconds: i64,
    pub absolute_seconds: i64,
}

impl Default for Lifetimes {
    fn default() -> Self {
        Lifetimes {
            idle_seconds: 60 * 60,
            absolute_seconds: 12 * 60 * 60,
        }
    }
}

/// 128 random bits, URL-safe: a page's script nonce.
pub fn new_nonce() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// 256 random bits, URL-safe.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database keeps instead of the token.
pub fn hash_token(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Starts a new session (a new id: signing in always rotates it) and returns
/// the token for the cookie.
pub async fn start(
    db: &Db,
    user_id: crate::domain::ids::UserId,
    now: i64,
) -> Result<String, sqlx::Error> {
    let token = new_token();
    sessions::insert(db, &hash_token(&token), user_id, now).await?;
    Ok(token)
}

/// `Set-Cookie` value for a new session. `Secure` when the site runs on HTTPS.
pub fn cookie(token: &str, secure: bool) -> String {
    let keep = Keep {
        max_age: None,
        http_only: true,
        secure,
    };
    cookies::set(&cookies::site_name(COOKIE, secure), token, keep)
}

/// `Set-Cookie` value that removes the session cookie.
pub fn clear_cookie(secure: bool) -> String {
    let keep = Keep {
        max_age: Some(0),
        http_only: true,
        secure,
    };
    cookies::set(&cookies::site_name(COOKIE, secure), "", keep)
}

/// Whether a session created at `created_at` and last used at `last_seen_at`
/// is still valid at `now`.
pub fn is_alive(lifetimes: Lifetimes, created_at: i64, last_seen_at: i64, now: i64) -> bool {
    now - last_seen_at < lifetimes.idle_seconds && now - created_at < lifetimes.absolute_seconds
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_hashed() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(hash_token(&a).len(), 64);
        assert_eq!(hash_token(&a), hash_token(&a));
        assert_ne!(hash_token(&a), a);
    }

    #[test]
    fn cookies_are_http_only_and_same_site() {
        let c = cookie("t", false);
        assert_eq!(c, "alliance_session=t; Path=/; HttpOnly; SameSite=Lax");
        assert!(cookie("t", true).ends_with("; Secure"));
        assert!(clear_cookie(false).contains("Max-Age=0"));
        assert_eq!(
            cookies::find("lang=ka; alliance_session=abc", COOKIE),
            Some("abc")
        );
        assert_eq!(cookies::find("alliance_session=", COOKIE), None);
    }

    #[test]
    fn idle_and_absolute_limits() {
        let l = Lifetimes {
            idle_seconds: 100,
            absolute_seconds: 1000,
        };
        assert!(is_alive(l, 0, 0, 99));
        assert!(!is_alive(l, 0, 0, 100), "idle too long");
        assert!(is_alive(l, 0, 950, 999));
        assert!(!is_alive(l, 0, 990, 1000), "too old, however busy");
    }
}
