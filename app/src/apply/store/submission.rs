//! Sending an application: one transaction that files it, records its
//! event and deletes the draft; a second send of the same draft finds the first.

use super::event;
use crate::db::mail_queue::{enqueue_in, Outgoing};
use crate::db::{is_unique_violation, now_unix, Db};
use crate::domain::application::{Answers, ApplicationStatus};
use crate::domain::ids::{ApplicationId, UserId};
use crate::domain::lang::Lang;
use sqlx::{Any, Transaction};

/// Who already holds an identification code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeHolder {
    /// A member organisation (one that has not left).
    Member,
    /// An application still open (sent, returned or sent again).
    OpenApplication(ApplicationId),
    Nobody,
}

pub async fn code_holder(db: &Db, code: &str) -> Result<CodeHolder, sqlx::Error> {
    let member: Option<i64> =
        sqlx::query_scalar("SELECT id FROM organisations WHERE id_code = $1 AND status <> 'left'")
            .bind(code)
            .fetch_optional(db.pool())
            .await?;
    if member.is_some() {
        return Ok(CodeHolder::Member);
    }
    let open: Option<ApplicationId> = sqlx::query_scalar(
        "SELECT id FROM applications WHERE id_code = $1 \
         AND status IN ('submitted', 'returned', 'resubmitted')",
    )
    .bind(code)
    .fetch_optional(db.pool())
    .await?;
    Ok(open.map_or(CodeHolder::Nobody, CodeHolder::OpenApplication))
}

/// Who sends an application.
pub enum Applicant<'a> {
    /// A logged-in account.
    Existing(UserId),
    /// A new, unverified account made from the contact step.
    New {
        email: &'a str,
        password_hash: &'a str,
        name: &'a str,
        lang: &'a str,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Submission {
    /// Sent (or, for a draft sent twice, already sent): the application's id
    /// and its applicant's account.
    Sent {
        id: ApplicationId,
        user_id: UserId,
        /// The mails queued with the submission (the applicant's, and the
        /// secretariat's who asked to be told): none when the draft had been
        /// sent already, or nothing was to be told.
        mails: Vec<i64>,
    },
    /// Another application for this identification code is open.
    CodeOpen,
    /// A member organisation already has this identification code.
    CodeMember,
    /// The contact email already has an account.
    EmailTaken,
    /// A returned application can no longer be changed (decided meanwhile).
    NotReturned,
}

/// Sends the draft found by `token_hash` as an application (or as the new
/// version of the application it changes). The token's hash becomes the
/// application's status-page key. Idempotent: a draft sent twice, even by
/// two requests at once, gives one application.
pub async fn submit(
    db: &Db,
    token_hash: &str,
    answers: &Answers,
    applicant: Applicant<'_>,
    lang: &str,
    application_id: Option<ApplicationId>,
    tell: Option<&Tell<'_>>,
) -> Result<Submission, sqlx::Error> {
    let result = submit_once(
        db,
        token_hash,
        answers,
        &applicant,
        lang,
        application_id,
        tell,
    )
    .await;
    // A concurrent request may have sent this very draft a moment ago: its
    // account or its application is what made this one fail. Then this
    // request's answer is that application.
    let lost_race = match &result {
        Err(error) => is_unique_violation(error),
        Ok(Submission::EmailTaken | Submission::CodeOpen) => application_id.is_none(),
        Ok(_) => false,
    };
    if lost_race {
        if let Some((id, user_id)) = by_token(db, token_hash).await? {
            return Ok(Submission::Sent {
                id,
                user_id,
                mails: Vec::new(),
            });
        }
    }
    result
}

/// The applicant's "received" mail, written with the submission so that it
/// leaves if and only if the application is sent.
pub struct Tell<'a> {
    pub to: &'a str,
    /// The mail, given the verification link's token when the account's
    /// address is not confirmed yet (the link is issued with the mail).
    pub compose: &'a (dyn Fn(Option<&str>) -> crate::i18n::mails::Mail + Send + Sync),
    /// The mail to the secretariat's members who asked to be told, in the
    /// language given, about the application given.
    pub staff: &'a (dyn Fn(Lang, ApplicationId) -> crate::i18n::mails::Mail + Send + Sync),
}

/// Queues `tell`'s mails inside the submission's transaction.
async fn queue_told(
    tx: &mut Transaction<'static, Any>,
    tell: Option<&Tell<'_>>,
    id: ApplicationId,
    user_id: UserId,
    now: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let Some(tell) = tell else {
        return Ok(Vec::new());
    };
    use crate::auth::server::links::{issue_in, Purpose};
    let verified: Option<i64> =
        sqlx::query_scalar("SELECT email_verified_at FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_one(&mut **tx)
            .await?;
    let token = match verified {
        Some(_) => None,
        None => Some(issue_in(tx, Purpose::VerifyEmail, user_id, "", now).await?),
    };
    let mail = (tell.compose)(token.as_deref());
    let outgoing = Outgoing {
        to: tell.to,
        subject: &mail.subject,
        body: &mail.body,
    };
    let mut ids = vec![enqueue_in(tx, outgoing, now).await?];
    let staff = |lang: Lang| (tell.staff)(lang, id);
    ids.extend(crate::mail::queue_for_staff_in(tx, &staff, now).await?);
    Ok(ids)
}

async fn by_token(
    db: &Db,
    token_hash: &str,
) -> Result<Option<(ApplicationId, UserId)>, sqlx::Error> {
    sqlx::query_as("SELECT id, user_id FROM applications WHERE status_token_hash = $1")
        .bind(token_hash)
        .fetch_optional(db.pool())
        .await
}

async fn submit_once(
    db: &Db,
    token_hash: &str,
    answers: &Answers,
    applicant: &Applicant<'_>,
    lang: &str,
    application_id: Option<ApplicationId>,
    tell: Option<&Tell<'_>>,
) -> Result<Submission, sqlx::Error> {
    let now = now_unix();
    let mut tx = db.begin_write().await?;
    let code = answers.id_code.trim();
    let member: Option<i64> =
        sqlx::query_scalar("SELECT id FROM organisations WHERE id_code = $1 AND status <> 'left'")
            .bind(code)
            .fetch_optional(&mut *tx)
            .await?;
    if member.is_some() {
        return Ok(Submission::CodeMember);
    }
    let json = serde_json::to_string(answers).unwrap_or_default();
    let category = answers.category.as_str();

    if let Some(id) = application_id {
        // Changes to an application returned for changes.
        let row: Option<(UserId, String)> =
            sqlx::query_as("SELECT user_id, status FROM applications WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        let Some((user_id, _)) = row
            .filter(|(_, s)| ApplicationStatus::from_code(s) == Some(ApplicationStatus::Returned))
        else {
            return Ok(Submission::NotReturned);
        };
        let updated = sqlx::query(
            "UPDATE applications SET answers = $1, name_ka = $2, name_en = $3, id_code = $4, \
               category = $5, status = 'resubmitted', version = version + 1, updated_at = $6 \
             WHERE id = $7 AND status = 'returned'",
        )
        .bind(&json)
        .bind(answers.name_ka.trim())
        .bind(answers.name_en.trim())
        .bind(code)
        .bind(category)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await;
        match updated {
            Err(error) if is_unique_violation(&error) => return Ok(Submission::CodeOpen),
            other => other?,
        };
        event(
            &mut tx,
            id,
            Some(user_id),
            "resubmitted",
            Some(category),
            "",
            now,
        )
        .await?;
        delete_draft(&mut tx, token_hash).await?;
        let mails = queue_told(&mut tx, tell, id, user_id, now).await?;
        tx.commit().await?;
        return Ok(Submission::Sent { id, user_id, mails });
    }

    if let Some((id, user_id)) = sqlx::query_as::<_, (ApplicationId, UserId)>(
        "SELECT id, user_id FROM applications WHERE status_token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(&mut *tx)
    .await?
    {
        return Ok(Submission::Sent {
            id,
            user_id,
            mails: Vec::new(),
        });
    }
    let user_id = match applicant {
        Applicant::Existing(id) => *id,
        Applicant::New {
            email,
            password_hash,
            name,
            lang,
        } => {
            let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
                .bind(email)
                .fetch_optional(&mut *tx)
                .await?;
            if taken.is_some() {
                return Ok(Submission::EmailTaken);
            }
            sqlx::query_scalar(
                "INSERT INTO users (email, password_hash, role, display_name, lang, created_at, \
                   updated_at) VALUES ($1, $2, 'member', $3, $4, $5, $5) RETURNING id",
            )
            .bind(email)
            .bind(password_hash)
            .bind(name)
            .bind(lang)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?
        }
    };
    let inserted: Result<ApplicationId, sqlx::Error> = sqlx::query_scalar(
        "INSERT INTO applications (user_id, id_code, name_ka, name_en, answers, category, status, \
           lang, status_token_hash, submitted_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'submitted', $7, $8, $9, $9) RETURNING id",
    )
    .bind(user_id)
    .bind(code)
    .bind(answers.name_ka.trim())
    .bind(answers.name_en.trim())
    .bind(&json)
    .bind(category)
    .bind(lang)
    .bind(token_hash)
    .bind(now)
    .fetch_one(&mut *tx)
    .await;
    let id = match inserted {
        Ok(id) => id,
        Err(error) if is_unique_violation(&error) => {
            // Sent meanwhile by a concurrent request with this draft, or
            // another application for the code is open.
            drop(tx);
            if let Some((id, user_id)) = by_token(db, token_hash).await? {
                return Ok(Submission::Sent {
                    id,
                    user_id,
                    mails: Vec::new(),
                });
            }
            return Ok(Submission::CodeOpen);
        }
        Err(error) => return Err(error),
    };
    event(
        &mut tx,
        id,
        Some(user_id),
        "submitted",
        Some(category),
        "",
        now,
    )
    .await?;
    delete_draft(&mut tx, token_hash).await?;
    let mails = queue_told(&mut tx, tell, id, user_id, now).await?;
    tx.commit().await?;
    Ok(Submission::Sent { id, user_id, mails })
}

async fn delete_draft(
    tx: &mut Transaction<'static, Any>,
    token_hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM application_drafts WHERE token_hash = $1")
        .bind(token_hash)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
