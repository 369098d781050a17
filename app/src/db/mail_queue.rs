//! Mail waiting to leave: added by a request, delivered after its answer.

use super::Db;
use sqlx::{Any, Transaction};

/// A queued mail, as delivery needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queued {
    pub id: i64,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub calendar: Option<String>,
    pub attempts: i64,
}

const ENQUEUE: &str =
    "INSERT INTO mail_queue (to_address, subject, body, calendar, next_attempt_at, created_at) \
     VALUES ($1, $2, $3, $4, $5, $5) RETURNING id";

/// Adds a mail, due now; returns its id.
#[tracing::instrument(skip(db, subject, body, calendar))]
pub async fn enqueue(
    db: &Db,
    to: &str,
    subject: &str,
    body: &str,
    calendar: Option<&str>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(ENQUEUE)
        .bind(to)
        .bind(subject)
        .bind(body)
        .bind(calendar)
        .bind(now)
        .fetch_one(db.pool())
        .await
}

/// A mail that tells of a change, written with it.
#[derive(Debug, Clone, Copy)]
pub struct Outgoing<'a> {
    pub to: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
}

/// Adds `mail` inside the transaction of the change it tells of: it leaves
/// if and only if the change commits, also when the server stops between
/// the two. Returns its id (for delivery right after the commit).
#[tracing::instrument(skip(tx, mail))]
pub async fn enqueue_in(
    tx: &mut Transaction<'static, Any>,
    mail: Outgoing<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(ENQUEUE)
        .bind(mail.to)
        .bind(mail.subject)
        .bind(mail.body)
        .bind(None::<String>)
        .bind(now)
        .fetch_one(&mut **tx)
        .await
}

/// Takes mail `id` for delivery if it is due: the row is held until
/// `now + hold` so no other deliverer sends it meanwhile. `None` when it is
/// gone or held by another.
#[tracing::instrument(skip(db))]
pub async fn claim(db: &Db, id: i64, now: i64, hold: i64) -> Result<Option<Queued>, sqlx::Error> {
    let row: Option<(i64, String, String, String, Option<String>, i64)> = sqlx::query_as(
        "UPDATE mail_queue SET next_attempt_at = $1 \
         WHERE id = $2 AND next_attempt_at <= $3 AND failed_at IS NULL \
         RETURNING id, to_address, subject, body, calendar, attempts",
    )
    .bind(now + hold)
    .bind(id)
    .bind(now)
    .fetch_optional(db.pool())
    .await?;
    Ok(
        row.map(|(id, to, subject, body, calendar, attempts)| Queued {
            id,
            to,
            subject,
            body,
            calendar,
            attempts,
        }),
    )
}

/// The ids of mail due at `now`, oldest first.
#[tracing::instrument(skip(db))]
pub async fn due(db: &Db, now: i64, limit: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id FROM mail_queue WHERE next_attempt_at <= $1 AND failed_at IS NULL \
         ORDER BY next_attempt_at, id LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(db.pool())
    .await
}

/// Mail `id` has left: its row goes.
#[tracing::instrument(skip(db))]
pub async fn remove(db: &Db, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM mail_queue WHERE id = $1")
        .bind(id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// The most of a mail server's error kept for the dashboard.
const ERROR_MAX_CHARS: usize = 500;

fn shortened(error: &str) -> String {
    error.chars().take(ERROR_MAX_CHARS).collect()
}

/// Delivery of mail `id` failed: try again from `next_attempt_at`.
#[tracing::instrument(skip(db, error))]
pub async fn retry_at(
    db: &Db,
    id: i64,
    next_attempt_at: i64,
    error: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE mail_queue SET attempts = attempts + 1, next_attempt_at = $1, last_error = $2 \
         WHERE id = $3",
    )
    .bind(next_attempt_at)
    .bind(shortened(error))
    .bind(id)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Mail `id` is given up: the row stays, for the dashboard, with its
/// address, subject and last error, but without its text (which may hold a
/// link that must not be kept in clear).
#[tracing::instrument(skip(db, error))]
pub async fn give_up(db: &Db, id: i64, error: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE mail_queue SET attempts = attempts + 1, failed_at = $1, last_error = $2, \
           body = '', calendar = NULL WHERE id = $3",
    )
    .bind(now)
    .bind(shortened(error))
    .bind(id)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// The secretariat has read about given-up mail `id`: its row goes.
#[tracing::instrument(skip(db))]
pub async fn dismiss(db: &Db, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM mail_queue WHERE id = $1 AND failed_at IS NOT NULL")
        .bind(id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// How many mails are waiting (due or not; not those given up).
pub async fn waiting(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM mail_queue WHERE failed_at IS NULL")
        .fetch_one(db.pool())
        .await
}
