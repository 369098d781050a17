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
    let window = limit.window_seconds.max(1);
    let window_start = now - now.rem_euclid(window);
    let key = format!("{bucket}:{client}");
    match rate_limits::hit(db, &key, window_start).await {
        Ok(hits) if hits > limit.max => Err(window_start + window - now),
        Ok(_) => Ok(()),
        Err(error) => {
            // Failing open keeps people able to sign in if the counter breaks.
            tracing::error!(%error, "rate limit counter unavailable");
            Ok(())
        }
    }
}
