//! Fixed-window rate limits kept in the database, so every server instance
//! counts the same requests.

use super::Db;

/// Counts one hit in `bucket`'s current window and returns the hits so far.
#[tracing::instrument(skip(db))]
pub async fn hit(db: &Db, bucket: &str, window_start: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, $2, 1) \
         ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1 \
         RETURNING hits",
    )
    .bind(bucket)
    .bind(window_start)
    .fetch_one(db.pool())
    .await
}

/// The hits counted so far in `bucket`'s window (0 when none).
#[tracing::instrument(skip(db))]
pub async fn hits(db: &Db, bucket: &str, window_start: i64) -> Result<i64, sqlx::Error> {
    let hits: Option<i64> =
        sqlx::query_scalar("SELECT hits FROM rate_limits WHERE bucket = $1 AND window_start = $2")
            .bind(bucket)
            .bind(window_start)
            .fetch_optional(db.pool())
            .await?;
    Ok(hits.unwrap_or(0))
}

/// Takes back one hit counted in `bucket`'s window.
#[tracing::instrument(skip(db))]
pub async fn undo(db: &Db, bucket: &str, window_start: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE rate_limits SET hits = hits - 1 WHERE bucket = $1 AND window_start = $2 AND hits > 0",
    )
    .bind(bucket)
    .bind(window_start)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Drops windows that ended before `before`.
#[tracing::instrument(skip(db))]
pub async fn prune(db: &Db, before: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM rate_limits WHERE window_start < $1")
        .bind(before)
        .execute(db.pool())
        .await?;
    Ok(())
}
