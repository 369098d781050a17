//! One-time tokens for links sent by mail.

use super::Db;

#[tracing::instrument(skip(on, token_hash, payload))]
pub async fn insert<'e>(
    on: impl sqlx::Executor<'e, Database = sqlx::Any>,
    token_hash: &str,
    purpose: &str,
    user_id: crate::domain::ids::UserId,
    payload: &str,
    expires_at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO one_time_tokens (token_hash, purpose, user_id, payload, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(token_hash)
    .bind(purpose)
    .bind(user_id)
    .bind(payload)
    .bind(super::now_unix())
    .bind(expires_at)
    .execute(on)
    .await?;
    Ok(())
}

/// Uses a token: marks it used and returns (user, payload) if it was unused,
/// unexpired and of this purpose. One statement, so two clicks at once
/// cannot both succeed.
#[tracing::instrument(skip(db, token_hash))]
pub async fn consume(
    db: &Db,
    token_hash: &str,
    purpose: &str,
    now: i64,
) -> Result<Option<(crate::domain::ids::UserId, String)>, sqlx::Error> {
    sqlx::query_as(
        "UPDATE one_time_tokens SET used_at = $1 \
         WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1 \
         RETURNING user_id, payload",
    )
    .bind(now)
    .bind(token_hash)
    .bind(purpose)
    .fetch_optional(db.pool())
    .await
}

/// Whether a token would be accepted now, without using it (to show a form).
#[tracing::instrument(skip(db, token_hash))]
pub async fn is_usable(
    db: &Db,
    token_hash: &str,
    purpose: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT user_id FROM one_time_tokens \
         WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
    )
    .bind(token_hash)
    .bind(purpose)
    .bind(now)
    .fetch_optional(db.pool())
    .await?;
    Ok(found.is_some())
}

/// Invalidates the account's other unused tokens of a purpose (a new reset
/// link replaces the old ones).
#[tracing::instrument(skip(on))]
pub async fn revoke<'e>(
    on: impl sqlx::Executor<'e, Database = sqlx::Any>,
    user_id: crate::domain::ids::UserId,
    purpose: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE one_time_tokens SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL")
        .bind(now)
        .bind(user_id)
        .bind(purpose)
        .execute(on)
        .await?;
    Ok(())
}

/// Removes tokens that expired more than a week ago.
#[tracing::instrument(skip(db))]
pub async fn prune(db: &Db, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM one_time_tokens WHERE expires_at < $1")
        .bind(now - 7 * 24 * 60 * 60)
        .execute(db.pool())
        .await?;
    Ok(())
}
