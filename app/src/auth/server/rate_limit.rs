//! Per-client rate limits, counted in the database (shared by all instances).

use crate::db::{rate_limits, Db};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub max: i64,
    pub window_seconds: i64,
}

/// Counts a request from `client` in `bucket`; `Err(seconds)` tells how long
/// to wait once the window's allowance is used up.
pub async fn check(
    db: &Db,
    bucket: &str,
    client: &str,
    limit: RateLimit,
    now: i64,
) -> Result<(), i64> {
    let key = format!("{bucket}:{client}");
    match rate_limits::hit(db, &key, window_start(now, limit)).await {
        Ok(hits) if hits > limit.max => Err(wait(now, limit)),
        Ok(_) => Ok(()),
        Err(error) => {
            // Failing open keeps people able to sign in if the counter breaks.
            tracing::error!(%error, "rate limit counter unavailable");
            Ok(())
        }
    }
}

/// Why a login attempt is not even tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Too many failures; try again in this many seconds.
    Wait(i64),
    /// The counters cannot be read: login is refused rather than unlimited.
    Unavailable,
}

/// A login attempt let through, to be settled once the password is checked.
#[derive(Debug)]
#[must_use = "settle the attempt with succeeded or failed"]
pub struct LoginAttempt {
    address: (String, i64),
    account: Option<(String, i64)>,
}

fn window_start(now: i64, limit: RateLimit) -> i64 {
    now - now.rem_euclid(limit.window_seconds.max(1))
}

fn wait(now: i64, limit: RateLimit) -> i64 {
    window_start(now, limit) + limit.window_seconds.max(1) - now
}

/// Login limits count failures only, per client address and per account
/// (`email`, normalised; empty when the address is not one):
/// - the address may fail `per_address.max` times per window, so a hall of
///   delegates behind one NAT signing in correctly is never locked out;
/// - the account may fail `per_account.max` times per window from any
///   addresses, so rotating addresses gets no further against one account.
///
/// The account's attempt is counted before the password is checked and
/// given back when it was right, so parallel guesses cannot overrun the
/// limit. When the counters cannot be reached, login is refused.
pub async fn begin_login(
    db: &Db,
    client: &str,
    email: &str,
    per_address: RateLimit,
    per_account: RateLimit,
    now: i64,
) -> Result<LoginAttempt, Refused> {
    let address = (format!("login:{client}"), window_start(now, per_address));
    match rate_limits::hits(db, &address.0, address.1).await {
        Ok(hits) if hits >= per_address.max => return Err(Refused::Wait(wait(now, per_address))),
        Ok(_) => {}
        Err(error) => {
            tracing::error!(%error, "login limit unavailable");
            return Err(Refused::Unavailable);
        }
    }
    let account = if email.is_empty() {
        None
    } else {
        let key = (
            format!("login-account:{email}"),
            window_start(now, per_account),
        );
        match rate_limits::hit(db, &key.0, key.1).await {
            Ok(hits) if hits > per_account.max => {
                return Err(Refused::Wait(wait(now, per_account)))
            }
            Ok(_) => {}
            Err(error) => {
                tracing::error!(%error, "login limit unavailable");
                return Err(Refused::Unavailable);
            }
        }
        Some(key)
    };
    Ok(LoginAttempt { address, account })
}

impl LoginAttempt {
    /// The password was right: nothing is counted.
    pub async fn succeeded(self, db: &Db) {
        if let Some((key, window)) = &self.account {
            if let Err(error) = rate_limits::undo(db, key, *window).await {
                tracing::warn!(%error, "login attempt not given back");
            }
        }
    }

    /// The password (or the address) was wrong: the client address fails once;
    /// the account's attempt stays counted.
    pub async fn failed(self, db: &Db) {
        let (key, window) = &self.address;
        if let Err(error) = rate_limits::hit(db, key, *window).await {
            tracing::warn!(%error, "failed login not counted");
        }
    }
}
