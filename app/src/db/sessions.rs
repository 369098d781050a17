//! Server-side sessions. The browser holds a random token; the database holds
//! its SHA-256, the account and two instants for the idle and absolute limits.

use super::users::StoredUser;
use super::Db;

#[tracing::instrument(skip_all)]
pub async fn insert(
    db: &Db,
    token_hash: &str,
    user_id: crate::domain::ids::UserId,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)")
        .bind(token_hash)
        .bind(user_id)
        .bind(now)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// The session's account and its two instants (created, last seen).
#[tracing::instrument(skip_all)]
pub async fn find(
    db: &Db,
    token_hash: &str,
) -> Result<Option<(StoredUser, i64, i64)>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        user: StoredUser,
        created_at: i64,
        last_seen_at: i64,
    }
    let row: Option<Row> = sqlx::query_as(
        // A representative of an organisation that left speaks for it no
        // more: the link is kept (its history), the session does not carry it.
        "SELECT u.id, u.email, u.password_hash, u.role, \
           CASE WHEN o.status = 'left' THEN NULL ELSE u.organisation_id END AS organisation_id, \
           u.display_name, u.lang, u.email_verified_at, u.deactivated_at, s.created_at, \
           s.last_seen_at \
         FROM sessions s JOIN users u ON u.id = s.user_id \
           LEFT JOIN organisations o ON o.id = u.organisation_id \
         WHERE s.token_hash = $1 AND u.deactivated_at IS NULL",
    )
    .bind(token_hash)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|r| (r.user, r.created_at, r.last_seen_at)))
}

#[tracing::instrument(skip_all)]
pub async fn touch(db: &Db, token_hash: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
        .bind(now)
        .bind(token_hash)
        .execute(db.pool())
        .await?;
    Ok(())
}

#[tracing::instrument(skip_all)]
pub async fn delete(db: &Db, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Ends every session of an account except, optionally, one.
#[tracing::instrument(skip(db, keep))]
pub async fn delete_for_user(
    db: &Db,
    user_id: crate::domain::ids::UserId,
    keep: Option<&str>,
) -> Result<u64, sqlx::Error> {
    let result = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(user_id)
        .bind(keep.unwrap_or(""))
        .execute(db.pool())
        .await?;
    Ok(result.rows_affected())
}

#[tracing::instrument(skip(db))]
pub async fn count_for_user(
    db: &Db,
    user_id: crate::domain::ids::UserId,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .fetch_one(db.pool())
        .await
}

/// Removes sessions that can no longer be used.
#[tracing::instrument(skip(db))]
pub async fn prune(db: &Db, idle_before: i64, created_before: i64) -> Result<u64, sqlx::Error> {
    let result = sqlx::query("DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2")
        .bind(idle_before)
        .bind(created_before)
        .execute(db.pool())
        .await?;
    Ok(result.rows_affected())
}
