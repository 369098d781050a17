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

/// Drops windows that ended before `before`.
#[tracing::instrument(skip(db))]
pub async fn prune(db: &Db, before: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM rate_limits WHERE window_start < $1")
        .bind(before)
        .execute(db.pool())
        .await?;
    Ok(())
}
