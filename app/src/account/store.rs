//! The account area's own SQL: the administrators' list of accounts,
//! invitations, roles, deactivation, and an organisation's representatives.

pub use super::REPRESENTATIVES_MAX;
use super::{AccountRow, Representative};
use crate::auth::server::links::{self, Purpose};
use crate::auth::Role;
use crate::db::users::{self, NewUser};
use crate::db::{Backend, Db};
use crate::domain::ids::{OrganisationId, UserId};
use crate::domain::paging::{Paged, Window, LIST_PAGE_SIZE};

/// One page of the accounts, by e-mail address, for administrators.
#[tracing::instrument(skip(db))]
pub async fn list(db: &Db, page: i64) -> Result<Paged<AccountRow>, sqlx::Error> {
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(db.pool())
        .await?;
    let window = Window::of(total, page, LIST_PAGE_SIZE);
    let rows = sqlx::query_as(
        "SELECT u.id, u.email, u.display_name, u.role, COALESCE(o.name_ka, '') AS organisation, \
           CASE WHEN u.email_verified_at IS NULL THEN 0 ELSE 1 END AS verified, \
           CASE WHEN u.deactivated_at IS NOT NULL THEN 'deactivated' \
                WHEN u.email_verified_at IS NULL AND EXISTS (SELECT 1 FROM one_time_tokens t \
                  WHERE t.user_id = u.id AND t.purpose = 'invitation') THEN 'invited' \
                ELSE 'active' END AS status \
         FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id \
         ORDER BY u.email, u.id LIMIT $1 OFFSET $2",
    )
    .bind(window.limit)
    .bind(window.offset)
    .fetch_all(db.pool())
    .await?;
    Ok(Paged::new(rows, window, total))
}

/// A member organisation (not one that has left) by its identification code:
/// its id and its names.
#[tracing::instrument(skip(db))]
pub async fn organisation_by_id_code(
    db: &Db,
    id_code: &str,
) -> Result<Option<(OrganisationId, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, name_ka, name_en FROM organisations \
         WHERE id_code = $1 AND status <> 'left'",
    )
    .bind(id_code)
    .fetch_optional(db.pool())
    .await
}

/// What became of an invitation.
#[derive(Debug, PartialEq, Eq)]
pub enum Invited {
    /// The account exists, unconfirmed, with this link token.
    Sent(UserId, String),
    /// The address already has an account.
    Taken,
    /// The organisation already has as many representatives as its own
    /// invitations may reach.
    Full,
}

/// Creates the invited person's account (unconfirmed, with a password
/// nobody knows) and its invitation link, in one transaction. With
/// `limit`, the organisation's active representatives are counted under a
/// lock first, so two invitations at once cannot pass the limit together.
#[tracing::instrument(skip(db, user), fields(email = %user.email))]
pub async fn invite(
    db: &Db,
    user: &NewUser<'_>,
    limit: Option<i64>,
    now: i64,
) -> Result<Invited, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    if let (Some(limit), Some(org)) = (limit, user.organisation_id) {
        if db.backend() == Backend::Postgres {
            sqlx::query("SELECT id FROM organisations WHERE id = $1 FOR UPDATE")
                .bind(org)
                .fetch_optional(&mut *tx)
                .await?;
        }
        let count = representatives_in(&mut tx, org).await?;
        if count >= limit {
            return Ok(Invited::Full);
        }
    }
    let Some(id) = users::insert_in(&mut tx, user).await? else {
        return Ok(Invited::Taken);
    };
    let token = links::issue_in(&mut tx, Purpose::Invitation, id, "", now).await?;
    tx.commit().await?;
    Ok(Invited::Sent(id, token))
}

/// A new invitation link for an account that has not accepted yet (the old
/// link stops working); `None` for an account already in use.
#[tracing::instrument(skip(db))]
pub async fn invite_again(
    db: &Db,
    id: UserId,
    now: i64,
) -> Result<Option<(String, String, String)>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let pending: Option<(String, String)> = sqlx::query_as(
        "SELECT email, lang FROM users u WHERE id = $1 AND email_verified_at IS NULL \
           AND deactivated_at IS NULL AND EXISTS (SELECT 1 FROM one_time_tokens t \
             WHERE t.user_id = u.id AND t.purpose = 'invitation')",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((email, lang)) = pending else {
        return Ok(None);
    };
    let token = links::issue_in(&mut tx, Purpose::Invitation, id, "", now).await?;
    tx.commit().await?;
    Ok(Some((email, lang, token)))
}

/// Why a change to an account was not made.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    NotFound,
    /// It would leave the platform without an active administrator.
    LastAdmin,
    /// An administrator deactivating their own account.
    Yourself,
    /// It would leave the organisation without a representative.
    LastRepresentative,
}

/// Locks the active administrators' rows (PostgreSQL; SQLite's write
/// transaction already excludes every other writer) and counts the others.
async fn other_admins(
    db: &Db,
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    except: UserId,
) -> Result<i64, sqlx::Error> {
    let lock = match db.backend() {
        Backend::Postgres => " FOR UPDATE",
        Backend::Sqlite => "",
    };
    let admins: Vec<UserId> = sqlx::query_scalar(&format!(
        "SELECT id FROM users WHERE role = 'admin' AND deactivated_at IS NULL{lock}"
    ))
    .fetch_all(&mut **tx)
    .await?;
    Ok(admins.iter().filter(|&&id| id != except).count() as i64)
}

/// The account's role and whether it is active, in the transaction.
async fn current(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: UserId,
) -> Result<Option<(String, bool)>, sqlx::Error> {
    let row: Option<(String, Option<i64>)> =
        sqlx::query_as("SELECT role, deactivated_at FROM users WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(row.map(|(role, off)| (role, off.is_none())))
}

/// Gives an account another role. A representative keeps its organisation
/// only as a member; other roles belong to no organisation.
#[tracing::instrument(skip(db))]
pub async fn set_role(db: &Db, id: UserId, role: Role) -> Result<Result<(), Refused>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let Some((was, active)) = current(&mut tx, id).await? else {
        return Ok(Err(Refused::NotFound));
    };
    if was == "admin" && role != Role::Admin && active && other_admins(db, &mut tx, id).await? == 0
    {
        return Ok(Err(Refused::LastAdmin));
    }
    sqlx::query(
        "UPDATE users SET role = $1, \
           organisation_id = CASE WHEN $1 = 'member' THEN organisation_id ELSE NULL END, \
           updated_at = $2 WHERE id = $3",
    )
    .bind(role.code())
    .bind(crate::db::now_unix())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let entry = crate::audit::store::Entry::new("account.role", format!("account {id}"))
        .with("from", was.as_str())
        .with("to", role.code());
    crate::audit::store::append(db, &mut tx, &entry).await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// Deactivates an account (its sessions end in the same transaction) or
/// lets it sign in again.
#[tracing::instrument(skip(db))]
pub async fn set_active(
    db: &Db,
    id: UserId,
    active: bool,
    by: UserId,
) -> Result<Result<(), Refused>, sqlx::Error> {
    if !active && id == by {
        return Ok(Err(Refused::Yourself));
    }
    let mut tx = db.begin_write().await?;
    let Some((role, _)) = current(&mut tx, id).await? else {
        return Ok(Err(Refused::NotFound));
    };
    if !active && role == "admin" && other_admins(db, &mut tx, id).await? == 0 {
        return Ok(Err(Refused::LastAdmin));
    }
    let now = crate::db::now_unix();
    sqlx::query(
        "UPDATE users SET deactivated_at = CASE WHEN $1 = 1 THEN NULL \
           ELSE COALESCE(deactivated_at, $2) END, updated_at = $2 WHERE id = $3",
    )
    .bind(i64::from(active))
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if !active {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(Ok(()))
}

async fn representatives_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    org: OrganisationId,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM users \
         WHERE organisation_id = $1 AND role = 'member' AND deactivated_at IS NULL",
    )
    .bind(org)
    .fetch_one(&mut **tx)
    .await
}

/// The organisation's representatives (active accounts), by name.
#[tracing::instrument(skip(db))]
pub async fn representatives(
    db: &Db,
    org: OrganisationId,
    you: UserId,
) -> Result<Vec<Representative>, sqlx::Error> {
    let rows: Vec<(UserId, String, String, Option<i64>)> = sqlx::query_as(
        "SELECT id, email, display_name, email_verified_at FROM users \
         WHERE organisation_id = $1 AND role = 'member' AND deactivated_at IS NULL \
         ORDER BY display_name, email",
    )
    .bind(org)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, email, display_name, verified)| Representative {
            id: id.get(),
            email,
            display_name,
            pending: verified.is_none(),
            you: id == you,
        })
        .collect())
}

/// Ends an account's representation of `org` (the account stays, as a
/// registered user; an invitation not yet accepted stops working). Never
/// the organisation's last representative.
#[tracing::instrument(skip(db))]
pub async fn remove_representative(
    db: &Db,
    org: OrganisationId,
    id: UserId,
) -> Result<Result<(), Refused>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    if db.backend() == Backend::Postgres {
        sqlx::query("SELECT id FROM organisations WHERE id = $1 FOR UPDATE")
            .bind(org)
            .fetch_optional(&mut *tx)
            .await?;
    }
    let theirs: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM users WHERE id = $1 AND organisation_id = $2 AND role = 'member' \
           AND deactivated_at IS NULL",
    )
    .bind(id)
    .bind(org)
    .fetch_optional(&mut *tx)
    .await?;
    if theirs.is_none() {
        return Ok(Err(Refused::NotFound));
    }
    if representatives_in(&mut tx, org).await? <= 1 {
        return Ok(Err(Refused::LastRepresentative));
    }
    let now = crate::db::now_unix();
    sqlx::query("UPDATE users SET organisation_id = NULL, updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    crate::db::tokens::revoke(&mut *tx, id, Purpose::Invitation.code(), now).await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// Whether a staff member or administrator chose to be mailed when an
/// application arrives or a member asks to leave.
#[tracing::instrument(skip(db))]
pub async fn notify_staff(db: &Db, user: UserId) -> Result<bool, sqlx::Error> {
    let on: Option<i64> = sqlx::query_scalar("SELECT notify_staff FROM users WHERE id = $1")
        .bind(user)
        .fetch_optional(db.pool())
        .await?;
    Ok(on == Some(1))
}

#[tracing::instrument(skip(db))]
pub async fn set_notify_staff(db: &Db, user: UserId, on: bool) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET notify_staff = $1, updated_at = $2 WHERE id = $3")
        .bind(i64::from(on))
        .bind(crate::db::now_unix())
        .bind(user)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Whether (and when, and why) an organisation asked to leave.
#[tracing::instrument(skip(db))]
pub async fn leave_request(
    db: &Db,
    org: OrganisationId,
) -> Result<(Option<i64>, String), sqlx::Error> {
    let row: Option<(Option<i64>, String)> =
        sqlx::query_as("SELECT leave_requested_at, leave_reason FROM organisations WHERE id = $1")
            .bind(org)
            .fetch_optional(db.pool())
            .await?;
    Ok(row.unwrap_or_default())
}

/// Records that `org` asks to leave the Alliance (once: a second request
/// while the first stands changes nothing), in its history, and queues the
/// mail to the staff who asked to be told, all in one transaction. Returns
/// the mails' ids, or `None` when nothing was recorded.
#[tracing::instrument(skip(db, reason, compose))]
pub async fn ask_to_leave(
    db: &Db,
    org: OrganisationId,
    by: UserId,
    reason: &str,
    compose: &(dyn Fn(crate::domain::lang::Lang) -> crate::i18n::mails::Mail + Send + Sync),
    now: i64,
) -> Result<Option<Vec<i64>>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let asked = sqlx::query(
        "UPDATE organisations SET leave_requested_at = $1, leave_reason = $2 \
         WHERE id = $3 AND status <> 'left' AND leave_requested_at IS NULL",
    )
    .bind(now)
    .bind(reason)
    .bind(org)
    .execute(&mut *tx)
    .await?;
    if asked.rows_affected() == 0 {
        return Ok(None);
    }
    let change = serde_json::json!({ "leave_requested": [null, reason] });
    crate::directory::store::organisations::record_change(db, &mut tx, org, by, &change, now)
        .await?;
    let mails = crate::mail::queue_for_staff_in(&mut tx, compose, now).await?;
    tx.commit().await?;
    Ok(Some(mails))
}

/// Takes back a request to leave that the secretariat has not acted on.
#[tracing::instrument(skip(db))]
pub async fn take_back_leave(
    db: &Db,
    org: OrganisationId,
    by: UserId,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let taken = sqlx::query(
        "UPDATE organisations SET leave_requested_at = NULL, leave_reason = '' \
         WHERE id = $1 AND status <> 'left' AND leave_requested_at IS NOT NULL",
    )
    .bind(org)
    .execute(&mut *tx)
    .await?;
    if taken.rows_affected() == 0 {
        return Ok(false);
    }
    let change = serde_json::json!({ "leave_requested": ["", null] });
    crate::directory::store::organisations::record_change(db, &mut tx, org, by, &change, now)
        .await?;
    tx.commit().await?;
    Ok(true)
}
