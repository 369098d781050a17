//! Wizard drafts: kept by the hash of their token, pruned when idle.

use super::by_status_token;
use crate::db::{now_unix, Db};
use crate::domain::application::Answers;

/// A wizard draft, found by the hash of its token.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    pub answers: Answers,
    pub password_hash: String,
    /// The highest step whose checks passed.
    pub step_done: u8,
    /// Set when the draft changes an application returned for changes.
    pub application_id: Option<crate::domain::ids::ApplicationId>,
    /// Where the resume link was mailed (so it is mailed once per address).
    pub resume_sent_to: String,
}

pub async fn load_draft(db: &Db, token_hash: &str) -> Result<Option<Draft>, sqlx::Error> {
    let row: Option<(
        String,
        String,
        i64,
        Option<crate::domain::ids::ApplicationId>,
        String,
    )> = sqlx::query_as(
        "SELECT answers, password_hash, step_done, application_id, resume_sent_to \
         FROM application_drafts WHERE token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(
        |(answers, password_hash, step_done, application_id, resume_sent_to)| Draft {
            answers: serde_json::from_str(&answers).unwrap_or_default(),
            password_hash,
            step_done: step_done.clamp(0, 5) as u8,
            application_id,
            resume_sent_to,
        },
    ))
}

pub async fn save_draft(db: &Db, token_hash: &str, draft: &Draft) -> Result<(), sqlx::Error> {
    let now = now_unix();
    let answers = serde_json::to_string(&draft.answers).unwrap_or_default();
    sqlx::query(
        "INSERT INTO application_drafts (token_hash, answers, password_hash, step_done, \
           application_id, resume_sent_to, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) \
         ON CONFLICT (token_hash) DO UPDATE SET answers = excluded.answers, \
           password_hash = excluded.password_hash, step_done = excluded.step_done, \
           application_id = excluded.application_id, resume_sent_to = excluded.resume_sent_to, \
           updated_at = excluded.updated_at",
    )
    .bind(token_hash)
    .bind(answers)
    .bind(&draft.password_hash)
    .bind(i64::from(draft.step_done))
    .bind(draft.application_id)
    .bind(&draft.resume_sent_to)
    .bind(now)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Saves the answers typed so far, and nothing else of the draft: the
/// browser saves as the person types, and such a save may reach the server
/// while (or after) a step is posted, so it must not carry back the step
/// reached or the password of an older read. A draft whose application was
/// sent is not made again.
pub async fn save_answers(db: &Db, token_hash: &str, answers: &Answers) -> Result<(), sqlx::Error> {
    let now = now_unix();
    let json = serde_json::to_string(answers).unwrap_or_default();
    for _ in 0..2 {
        let updated = sqlx::query(
            "UPDATE application_drafts SET answers = $2, updated_at = $3 WHERE token_hash = $1",
        )
        .bind(token_hash)
        .bind(&json)
        .bind(now)
        .execute(db.pool())
        .await?;
        if updated.rows_affected() > 0 || by_status_token(db, token_hash).await?.is_some() {
            return Ok(());
        }
        let inserted = sqlx::query(
            "INSERT INTO application_drafts (token_hash, answers, created_at, updated_at) \
             VALUES ($1, $2, $3, $3) ON CONFLICT (token_hash) DO NOTHING",
        )
        .bind(token_hash)
        .bind(&json)
        .bind(now)
        .execute(db.pool())
        .await?;
        if inserted.rows_affected() > 0 {
            return Ok(());
        }
        // A step post made the draft in between: update that one.
    }
    Ok(())
}

/// Drafts untouched for longer than `idle_seconds` are removed.
pub async fn prune_drafts(db: &Db, idle_seconds: i64) -> Result<u64, sqlx::Error> {
    let result = sqlx::query("DELETE FROM application_drafts WHERE updated_at < $1")
        .bind(now_unix() - idle_seconds)
        .execute(db.pool())
        .await?;
    Ok(result.rows_affected())
}
