//! The dashboard's reads and its one-step upgrade.

use super::{Change, Dashboard, FailedMail, Leaving, Preparing, Upgrade, Waiting, SHOWN};
use crate::db::Db;
use crate::domain::date::Date;
use crate::domain::ids::UserId;

#[tracing::instrument(skip(db))]
pub async fn load(db: &Db, today: Date) -> Result<Dashboard, sqlx::Error> {
    const WAITING: &str = "FROM applications WHERE status IN ('submitted', 'resubmitted')";
    let waiting_total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) {WAITING}"))
        .fetch_one(db.pool())
        .await?;
    let waiting: Vec<Waiting> = sqlx::query_as(&format!(
        "SELECT id, name_ka, name_en, submitted_at {WAITING} ORDER BY submitted_at, id LIMIT $1"
    ))
    .bind(SHOWN)
    .fetch_all(db.pool())
    .await?;
    let candidates = crate::apply::store::upgrade_candidates(db, today, 1).await?;
    let upgrades = candidates
        .items
        .into_iter()
        .take(SHOWN as usize)
        .map(|(slug, name_ka, name_en, since)| Upgrade {
            slug,
            name_ka,
            name_en,
            since,
        })
        .collect();
    let assemblies: Vec<Preparing> = sqlx::query_as(
        "SELECT a.id, a.title_ka, a.title_en, a.starts_at, a.status, \
           (SELECT COUNT(*) FROM agenda_items i WHERE i.assembly_id = a.id) AS agenda_items, \
           (SELECT COUNT(*) FROM assembly_documents d WHERE d.assembly_id = a.id) AS documents \
         FROM assemblies a WHERE a.status IN ('draft', 'announced') \
         ORDER BY a.starts_at, a.id LIMIT $1",
    )
    .bind(SHOWN)
    .fetch_all(db.pool())
    .await?;
    let mail_retrying: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM mail_queue WHERE failed_at IS NULL AND attempts > 0",
    )
    .fetch_one(db.pool())
    .await?;
    let mail_failed: Vec<FailedMail> = sqlx::query_as(
        "SELECT id, to_address, subject, COALESCE(last_error, '') AS last_error, failed_at \
         FROM mail_queue WHERE failed_at IS NOT NULL ORDER BY failed_at DESC, id DESC LIMIT $1",
    )
    .bind(SHOWN)
    .fetch_all(db.pool())
    .await?;
    let changes = latest_changes(db).await?;
    Ok(Dashboard {
        today: Some(today),
        leaving: leaving(db).await?,
        waiting,
        waiting_total,
        upgrades,
        upgrades_total: candidates.total,
        assemblies,
        mail_retrying,
        mail_failed,
        changes,
        board_reminder: None,
    })
}

/// The latest application events and profile changes, newest first.
async fn latest_changes(db: &Db) -> Result<Vec<Change>, sqlx::Error> {
    let sql = String::from(
        "SELECT happened_at, kind, name_ka, name_en, link, actor FROM ( \
           SELECT e.at AS happened_at, e.action AS kind, a.name_ka AS name_ka, \
             a.name_en AS name_en, '/admin/applications/' || CAST(a.id AS TEXT) AS link, \
             COALESCE(u.email, '') AS actor, e.id AS tiebreak \
           FROM application_events e JOIN applications a ON a.id = e.application_id \
             LEFT JOIN users u ON u.id = e.actor_user_id \
           UNION ALL \
           SELECT c.changed_at, \
             CASE WHEN c.changes LIKE '{\"imported\":%' THEN 'imported' \
               WHEN c.changes LIKE '{\"leave_requested\":[null,%' THEN 'leave_requested' \
               WHEN c.changes LIKE '%\"status\":[%,\"left\"]%' THEN 'left' \
               ELSE 'profile' END, \
             o.name_ka, o.name_en, '/members/' || o.slug, \
             COALESCE(u.email, ''), c.id \
           FROM organisation_changes c JOIN organisations o ON o.id = c.organisation_id \
             LEFT JOIN users u ON u.id = c.user_id \
         ) AS latest ORDER BY happened_at DESC, tiebreak DESC LIMIT $1",
    );
    sqlx::query_as(&sql).bind(SHOWN).fetch_all(db.pool()).await
}

/// Makes an active associate whose experience reached two years a full
/// member, recorded in its history like a profile edit; returns its names,
/// or `None` when it is not (or no longer) such an organisation: the
/// server checks again.
#[tracing::instrument(skip(db))]
pub async fn upgrade(
    db: &Db,
    slug: &str,
    today: Date,
    by: UserId,
) -> Result<Option<(String, String)>, sqlx::Error> {
    use crate::domain::eligibility::{latest_start_reaching, FULL_MONTHS};
    let cut = latest_start_reaching(FULL_MONTHS, today).to_string();
    let now = crate::db::now_unix();
    let mut tx = db.begin_write().await?;
    let row: Option<(crate::domain::ids::OrganisationId, String, String)> = sqlx::query_as(
        "UPDATE organisations SET category = 'full', updated_at = $1 \
         WHERE slug = $2 AND status = 'active' AND category = 'associate' \
           AND activity_start IS NOT NULL AND activity_start <= $3 RETURNING id, name_ka, name_en",
    )
    .bind(now)
    .bind(slug)
    .bind(&cut)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((id, name_ka, name_en)) = row else {
        return Ok(None);
    };
    crate::directory::store::listing::refresh_derived(&mut tx, id).await?;
    let change = serde_json::json!({ "category": ["associate", "full"] });
    crate::directory::store::organisations::record_change(db, &mut tx, id, by, &change, now)
        .await?;
    tx.commit().await?;
    crate::directory::store::listing::cache(db).changed();
    Ok(Some((name_ka, name_en)))
}

/// Member organisations that asked to leave, oldest request first.
#[tracing::instrument(skip(db))]
pub async fn leaving(db: &Db) -> Result<Vec<Leaving>, sqlx::Error> {
    sqlx::query_as(
        "SELECT slug, name_ka, name_en, member_since, leave_requested_at AS asked_at, \
           leave_reason AS reason FROM organisations \
         WHERE status <> 'left' AND leave_requested_at IS NOT NULL \
         ORDER BY leave_requested_at, id LIMIT $1",
    )
    .bind(SHOWN)
    .fetch_all(db.pool())
    .await
}

/// What recording the end of a membership came to.
#[derive(Debug, PartialEq, Eq)]
pub enum Ended {
    /// Recorded: the organisation's names.
    Done(String, String),
    /// No member organisation has this address (or it has left already).
    NotMember,
    /// The day is before the organisation joined.
    BeforeJoining,
}

/// Records that the membership of the organisation at `slug` ended on
/// `left_on`: it leaves the directory and the voting lists (both list
/// active organisations only), keeps its history and past votes, and its
/// representatives speak for it no more. In its history, in one
/// transaction.
#[tracing::instrument(skip(db))]
pub async fn end_membership(
    db: &Db,
    slug: &str,
    left_on: Date,
    by: UserId,
) -> Result<Ended, sqlx::Error> {
    let now = crate::db::now_unix();
    let mut tx = db.begin_write().await?;
    let row: Option<(
        crate::domain::ids::OrganisationId,
        String,
        String,
        String,
        String,
    )> = sqlx::query_as(
        "SELECT id, name_ka, name_en, member_since, status FROM organisations \
             WHERE slug = $1 AND status <> 'left'",
    )
    .bind(slug)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((id, name_ka, name_en, member_since, status)) = row else {
        return Ok(Ended::NotMember);
    };
    if left_on.to_string() < member_since {
        return Ok(Ended::BeforeJoining);
    }
    let updated = sqlx::query(
        "UPDATE organisations SET status = 'left', left_on = $1, updated_at = $2 \
         WHERE id = $3 AND status <> 'left'",
    )
    .bind(left_on.to_string())
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Ok(Ended::NotMember);
    }
    crate::directory::store::listing::refresh_derived(&mut tx, id).await?;
    let change = serde_json::json!({
        "status": [status, "left"],
        "left_on": [null, left_on.to_string()],
    });
    crate::directory::store::organisations::record_change(db, &mut tx, id, by, &change, now)
        .await?;
    tx.commit().await?;
    crate::directory::store::listing::cache(db).changed();
    Ok(Ended::Done(name_ka, name_en))
}
