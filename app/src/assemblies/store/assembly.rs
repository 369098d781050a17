//! Assemblies and their agendas: announcing, moving through the stages.

use crate::assemblies::AgendaItem;
use crate::db::{now_unix, Backend, Db};
use crate::domain::assembly::{Assembly, AssemblyStatus};
use crate::domain::ids::{AgendaItemId, AssemblyId};
use crate::domain::paging::{Paged, Window, LIST_PAGE_SIZE};

pub struct NewAssembly<'a> {
    pub title_ka: &'a str,
    pub title_en: &'a str,
    pub kind: &'a str,
    pub starts_at: i64,
    pub place: &'a str,
}

/// Creates an assembly as a draft.
pub async fn create(db: &Db, a: &NewAssembly<'_>) -> Result<AssemblyId, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO assemblies (title_ka, title_en, kind, starts_at, place, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, 'draft', $6) RETURNING id",
    )
    .bind(a.title_ka)
    .bind(a.title_en)
    .bind(a.kind)
    .bind(a.starts_at)
    .bind(a.place)
    .bind(now_unix())
    .fetch_one(db.pool())
    .await
}

/// Moves an assembly from `from` to the status after it; false when it was
/// not at `from` (another click got there first), so a step happens once,
/// and when closing it while a vote is still open (`open_polls` tells).
pub async fn advance(db: &Db, id: AssemblyId, from: AssemblyStatus) -> Result<bool, sqlx::Error> {
    let Some(to) = from.next() else {
        return Ok(false);
    };
    let mut tx = db.begin_write().await?;
    // On PostgreSQL the row lock makes a poll opening at the same moment
    // (which holds the row FOR SHARE) either finish first or see the close.
    let lock = match db.backend() {
        Backend::Postgres => "SELECT status FROM assemblies WHERE id = $1 FOR UPDATE",
        Backend::Sqlite => "SELECT status FROM assemblies WHERE id = $1",
    };
    let status: Option<String> = sqlx::query_scalar(lock)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
    if status.as_deref() != Some(from.code()) {
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

const ASSEMBLY: &str =
    "SELECT id, title_ka, title_en, kind, starts_at, place, status FROM assemblies";

type AssemblyRow = (AssemblyId, String, String, String, i64, String, String);

fn assembly_of(r: AssemblyRow) -> Assembly {
    Assembly {
        id: r.0,
        title_ka: r.1,
        title_en: r.2,
        kind: r.3,
        starts_at: r.4,
        place: r.5,
        status: AssemblyStatus::from_code(&r.6).unwrap_or_default(),
    }
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

/// The agenda in order.
pub async fn agenda(db: &Db, assembly: AssemblyId) -> Result<Vec<AgendaItem>, sqlx::Error> {
    let rows: Vec<(AgendaItemId, i64, String, String)> = sqlx::query_as(
        "SELECT id, position, title_ka, title_en FROM agenda_items WHERE assembly_id = $1 ORDER BY position",
    )
    .bind(assembly)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, position, title_ka, title_en)| AgendaItem {
            id,
            position,
            title_ka,
            title_en,
        })
        .collect())
}

/// Adds an item at the end of the agenda.
pub async fn add_agenda_item(
    db: &Db,
    assembly: AssemblyId,
    title_ka: &str,
    title_en: &str,
) -> Result<AgendaItemId, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let position: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(position), 0) + 1 FROM agenda_items WHERE assembly_id = $1",
    )
    .bind(assembly)
    .fetch_one(&mut *tx)
    .await?;
    let id = sqlx::query_scalar(
        "INSERT INTO agenda_items (assembly_id, position, title_ka, title_en) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(assembly)
    .bind(position)
    .bind(title_ka)
    .bind(title_en)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}
