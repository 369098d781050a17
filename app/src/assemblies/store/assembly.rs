//! Assemblies: calling one, moving it through its stages, correcting its
//! details and cancelling it before the session.

use crate::audit::store::{self as audit, Entry};
use crate::db::{now_unix, Backend, Db};
use crate::domain::assembly::{Assembly, AssemblyStatus};
use crate::domain::ids::AssemblyId;
use crate::domain::paging::{Paged, Window, LIST_PAGE_SIZE};
use crate::domain::voting::VotingRules;
use sqlx::{Any, Transaction};

pub struct NewAssembly<'a> {
    pub title_ka: &'a str,
    pub title_en: &'a str,
    pub kind: &'a str,
    pub starts_at: i64,
    pub place: &'a str,
    pub rules: VotingRules,
}

/// Creates an assembly as a draft.
pub async fn create(db: &Db, a: &NewAssembly<'_>) -> Result<AssemblyId, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let id: AssemblyId = sqlx::query_scalar(
        "INSERT INTO assemblies (title_ka, title_en, kind, starts_at, place, status, created_at, \
         quorum, voting_categories, proxies_per_holder) \
         VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $8, $9) RETURNING id",
    )
    .bind(a.title_ka)
    .bind(a.title_en)
    .bind(a.kind)
    .bind(a.starts_at)
    .bind(a.place)
    .bind(now_unix())
    .bind(a.rules.quorum.code())
    .bind(a.rules.categories_code())
    .bind(a.rules.proxies_per_holder)
    .fetch_one(&mut *tx)
    .await?;
    audit::append(db, &mut tx, &details_entry("assembly.created", id, a)).await?;
    tx.commit().await?;
    Ok(id)
}

/// What is recorded of an assembly's details.
fn details_entry(kind: &'static str, id: AssemblyId, a: &NewAssembly<'_>) -> Entry {
    Entry::new(kind, format!("assembly {id}"))
        .with("title_ka", a.title_ka)
        .with("title_en", a.title_en)
        .with("kind", a.kind)
        .with("starts_at", a.starts_at)
        .with("place", a.place)
        .with("quorum", a.rules.quorum.code())
        .with("voting_categories", a.rules.categories_code())
        .with("proxies_per_holder", a.rules.proxies_per_holder)
}

/// Moves an assembly from `from` to the status after it; false when it was
/// not at `from` (another click got there first), so a step happens once,
/// and when closing it while a vote is still open (`open_polls` tells).
pub async fn advance(db: &Db, id: AssemblyId, from: AssemblyStatus) -> Result<bool, sqlx::Error> {
    let Some(to) = from.next() else {
        return Ok(false);
    };
    let mut tx = db.begin_write().await?;
    if locked_status(db, &mut tx, id).await? != Some(from) {
        return Ok(false);
    }
    if to == AssemblyStatus::Closed {
        let open: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM polls WHERE assembly_id = $1 AND status = 'open'",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        if open > 0 {
            return Ok(false);
        }
    }
    sqlx::query("UPDATE assemblies SET status = $1 WHERE id = $2")
        .bind(to.code())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let kind = match to {
        AssemblyStatus::Announced => "assembly.announced",
        AssemblyStatus::InSession => "assembly.in_session",
        _ => "assembly.closed",
    };
    audit::append(db, &mut tx, &Entry::new(kind, format!("assembly {id}"))).await?;
    tx.commit().await?;
    Ok(true)
}

/// How many of the assembly's polls are open.
pub async fn open_polls(db: &Db, id: AssemblyId) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM polls WHERE assembly_id = $1 AND status = 'open'")
        .bind(id)
        .fetch_one(db.pool())
        .await
}

/// The assembly's status, its row locked for the rest of the transaction:
/// on PostgreSQL the row lock makes a poll opening at the same moment
/// (which holds the row FOR SHARE) either finish first or see the change;
/// SQLite's write transaction is the lock there.
pub(super) async fn locked_status(
    db: &Db,
    tx: &mut Transaction<'static, Any>,
    id: AssemblyId,
) -> Result<Option<AssemblyStatus>, sqlx::Error> {
    let lock = match db.backend() {
        Backend::Postgres => "SELECT status, cancelled_at FROM assemblies WHERE id = $1 FOR UPDATE",
        Backend::Sqlite => "SELECT status, cancelled_at FROM assemblies WHERE id = $1",
    };
    let row: Option<(String, Option<i64>)> = sqlx::query_as(lock)
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(row.map(|(status, cancelled_at)| status_of(&status, cancelled_at)))
}

/// Storage keeps a cancelled assembly closed, with the time it was
/// cancelled.
fn status_of(code: &str, cancelled_at: Option<i64>) -> AssemblyStatus {
    match AssemblyStatus::from_code(code).unwrap_or_default() {
        AssemblyStatus::Closed if cancelled_at.is_some() => AssemblyStatus::Cancelled,
        status => status,
    }
}

/// What saving an assembly's details did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailsSaved {
    /// Saved; `moved` when an announced assembly's time or place changed
    /// (its participants are to be told, the calendar sequence is counted).
    Saved { moved: bool },
    /// The session has started (or the assembly is over): nothing changed.
    TooLate,
}

/// Corrects a draft or announced assembly's title, kind, time and place.
pub async fn save_details(
    db: &Db,
    id: AssemblyId,
    a: &NewAssembly<'_>,
) -> Result<DetailsSaved, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let status = locked_status(db, &mut tx, id).await?;
    if !status.is_some_and(AssemblyStatus::before_session) {
        return Ok(DetailsSaved::TooLate);
    }
    let (starts_at, place): (i64, String) =
        sqlx::query_as("SELECT starts_at, place FROM assemblies WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
    let moved =
        status == Some(AssemblyStatus::Announced) && (starts_at != a.starts_at || place != a.place);
    sqlx::query(
        "UPDATE assemblies SET title_ka = $1, title_en = $2, kind = $3, starts_at = $4, place = $5, \
         calendar_sequence = calendar_sequence + $6, quorum = $7, voting_categories = $8, \
         proxies_per_holder = $9 WHERE id = $10",
    )
    .bind(a.title_ka)
    .bind(a.title_en)
    .bind(a.kind)
    .bind(a.starts_at)
    .bind(a.place)
    .bind(i64::from(moved))
    .bind(a.rules.quorum.code())
    .bind(a.rules.categories_code())
    .bind(a.rules.proxies_per_holder)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let entry = details_entry("assembly.details", id, a).with("mailed", moved);
    audit::append(db, &mut tx, &entry).await?;
    tx.commit().await?;
    Ok(DetailsSaved::Saved { moved })
}

/// Cancels a draft or announced assembly; the status it had (to tell the
/// participants of an announced one), or none when it was too late.
pub async fn cancel(db: &Db, id: AssemblyId) -> Result<Option<AssemblyStatus>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let status = locked_status(db, &mut tx, id).await?;
    let Some(was) = status.filter(|s| s.before_session()) else {
        return Ok(None);
    };
    sqlx::query(
        "UPDATE assemblies SET status = 'closed', cancelled_at = $1, \
         calendar_sequence = calendar_sequence + 1 WHERE id = $2",
    )
    .bind(now_unix())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let entry = Entry::new("assembly.cancelled", format!("assembly {id}")).with("was", was.code());
    audit::append(db, &mut tx, &entry).await?;
    tx.commit().await?;
    Ok(Some(was))
}

/// How many changes of the assembly were mailed (the calendar's SEQUENCE).
pub async fn calendar_sequence(db: &Db, id: AssemblyId) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT calendar_sequence FROM assemblies WHERE id = $1")
        .bind(id)
        .fetch_one(db.pool())
        .await
}

const ASSEMBLY: &str =
    "SELECT id, title_ka, title_en, kind, starts_at, place, status, cancelled_at, quorum, \
     voting_categories, proxies_per_holder FROM assemblies";

type AssemblyRow = (
    AssemblyId,
    String,
    String,
    String,
    i64,
    String,
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<i64>,
);

fn assembly_of(r: AssemblyRow) -> Assembly {
    Assembly {
        id: r.0,
        title_ka: r.1,
        title_en: r.2,
        kind: r.3,
        starts_at: r.4,
        place: r.5,
        status: status_of(&r.6, r.7),
        rules: VotingRules::from_stored(r.8.as_deref(), r.9.as_deref(), r.10),
    }
}

/// Gives the assemblies called before each kept its own rules the rules
/// the server is configured with (once: a later restart with other
/// settings changes no assembly).
pub async fn keep_rules(db: &Db, rules: &VotingRules) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE assemblies SET quorum = COALESCE(quorum, $1), \
         voting_categories = COALESCE(voting_categories, $2), \
         proxies_per_holder = COALESCE(proxies_per_holder, $3) \
         WHERE quorum IS NULL OR voting_categories IS NULL OR proxies_per_holder IS NULL",
    )
    .bind(rules.quorum.code())
    .bind(rules.categories_code())
    .bind(rules.proxies_per_holder)
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected())
}

/// One page of the assemblies, the latest first; drafts only when `drafts`.
pub async fn list(db: &Db, drafts: bool, page: i64) -> Result<Paged<Assembly>, sqlx::Error> {
    let filter = if drafts {
        ""
    } else {
        " WHERE status <> 'draft'"
    };
    let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM assemblies{filter}"))
        .fetch_one(db.pool())
        .await?;
    let window = Window::of(total, page, LIST_PAGE_SIZE);
    let rows: Vec<AssemblyRow> = sqlx::query_as(&format!(
        "{ASSEMBLY}{filter} ORDER BY starts_at DESC, id DESC LIMIT $1 OFFSET $2"
    ))
    .bind(window.limit)
    .bind(window.offset)
    .fetch_all(db.pool())
    .await?;
    Ok(Paged::new(
        rows.into_iter().map(assembly_of).collect(),
        window,
        total,
    ))
}

pub async fn get(db: &Db, id: AssemblyId) -> Result<Option<Assembly>, sqlx::Error> {
    let row: Option<AssemblyRow> = sqlx::query_as(&format!("{ASSEMBLY} WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    Ok(row.map(assembly_of))
}
