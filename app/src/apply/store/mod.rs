//! Membership applications: drafts, submission, the review queue and
//! decisions. Every state change is one transaction that also writes its
//! event, and decisions are guarded by the application's version, so two
//! reviewers acting at once produce one decision.

mod drafts;
mod review;
mod submission;

pub use drafts::*;
pub use review::*;
pub use submission::*;

use sqlx::{Any, Transaction};

/// Records what happened to an application, inside the caller's transaction.
pub(super) async fn event(
    tx: &mut Transaction<'static, Any>,
    application_id: crate::domain::ids::ApplicationId,
    actor: Option<crate::domain::ids::UserId>,
    action: &str,
    category: Option<&str>,
    message: &str,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO application_events (application_id, actor_user_id, action, category, message, at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(application_id)
    .bind(actor)
    .bind(action)
    .bind(category)
    .bind(message)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
