//! An assembly's agenda: items added at the end, corrected (also during the
//! session: the text only, its polls untouched), moved up or down and
//! removed before the session. Positions stay 1, 2, 3… without gaps.

use super::assembly::locked_status;
use crate::assemblies::AgendaItem;
use crate::audit::store::{self as audit, Entry};
use crate::db::Db;
use crate::domain::assembly::AssemblyStatus;
use crate::domain::ids::{AgendaItemId, AssemblyId};

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
    let id: AgendaItemId = sqlx::query_scalar(
        "INSERT INTO agenda_items (assembly_id, position, title_ka, title_en) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(assembly)
    .bind(position)
    .bind(title_ka)
    .bind(title_en)
    .fetch_one(&mut *tx)
    .await?;
    let entry = Entry::new("agenda.added", format!("assembly {assembly}"))
        .with("item", id.get())
        .with("position", position)
        .with("title_ka", title_ka)
        .with("title_en", title_en);
    audit::append(db, &mut tx, &entry).await?;
    tx.commit().await?;
    Ok(id)
}

/// What a change of the agenda did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgendaChange {
    Done,
    /// The item is not on this assembly's agenda (any more).
    NoItem,
    /// Not at this stage of the assembly.
    TooLate,
    /// A poll belongs to the item: it stays.
    HasPolls,
}

/// Corrects an item's text, until the assembly is over.
pub async fn correct_item(
    db: &Db,
    assembly: AssemblyId,
    item: AgendaItemId,
    title_ka: &str,
    title_en: &str,
) -> Result<AgendaChange, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    if locked_status(db, &mut tx, assembly)
        .await?
        .is_none_or(AssemblyStatus::is_over)
    {
        return Ok(AgendaChange::TooLate);
    }
    let changed = sqlx::query(
        "UPDATE agenda_items SET title_ka = $1, title_en = $2 WHERE id = $3 AND assembly_id = $4",
    )
    .bind(title_ka)
    .bind(title_en)
    .bind(item)
    .bind(assembly)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 1 {
        let entry = Entry::new("agenda.corrected", format!("assembly {assembly}"))
            .with("item", item.get())
            .with("title_ka", title_ka)
            .with("title_en", title_en);
        audit::append(db, &mut tx, &entry).await?;
    }
    tx.commit().await?;
    Ok(if changed == 1 {
        AgendaChange::Done
    } else {
        AgendaChange::NoItem
    })
}

/// The item's position, with the assembly locked before its session.
async fn position_before_session(
    db: &Db,
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    assembly: AssemblyId,
    item: AgendaItemId,
) -> Result<Result<i64, AgendaChange>, sqlx::Error> {
    if !locked_status(db, tx, assembly)
        .await?
        .is_some_and(AssemblyStatus::before_session)
    {
        return Ok(Err(AgendaChange::TooLate));
    }
    let position: Option<i64> =
        sqlx::query_scalar("SELECT position FROM agenda_items WHERE id = $1 AND assembly_id = $2")
            .bind(item)
            .bind(assembly)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(position.ok_or(AgendaChange::NoItem))
}

/// Swaps the item with the one before it (`up`) or after it; the first
/// item does not move up, nor the last down.
pub async fn move_item(
    db: &Db,
    assembly: AssemblyId,
    item: AgendaItemId,
    up: bool,
) -> Result<AgendaChange, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let position = match position_before_session(db, &mut tx, assembly, item).await? {
        Ok(position) => position,
        Err(change) => return Ok(change),
    };
    let neighbour = if up {
        "SELECT id, position FROM agenda_items WHERE assembly_id = $1 AND position < $2 \
         ORDER BY position DESC LIMIT 1"
    } else {
        "SELECT id, position FROM agenda_items WHERE assembly_id = $1 AND position > $2 \
         ORDER BY position LIMIT 1"
    };
    let other: Option<(AgendaItemId, i64)> = sqlx::query_as(neighbour)
        .bind(assembly)
        .bind(position)
        .fetch_optional(&mut *tx)
        .await?;
    let Some((other, other_position)) = other else {
        return Ok(AgendaChange::Done);
    };
    // Positions are unique per assembly: the item waits at 0 while its
    // neighbour takes its place.
    for (id, to) in [(item, 0), (other, position), (item, other_position)] {
        sqlx::query("UPDATE agenda_items SET position = $1 WHERE id = $2")
            .bind(to)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    let entry = Entry::new("agenda.moved", format!("assembly {assembly}"))
        .with("item", item.get())
        .with("from", position)
        .with("to", other_position);
    audit::append(db, &mut tx, &entry).await?;
    tx.commit().await?;
    Ok(AgendaChange::Done)
}

/// Removes an item no poll belongs to; the items after it move up.
pub async fn remove_item(
    db: &Db,
    assembly: AssemblyId,
    item: AgendaItemId,
) -> Result<AgendaChange, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let position = match position_before_session(db, &mut tx, assembly, item).await? {
        Ok(position) => position,
        Err(change) => return Ok(change),
    };
    let polls: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM polls WHERE agenda_item_id = $1")
        .bind(item)
        .fetch_one(&mut *tx)
        .await?;
    if polls > 0 {
        return Ok(AgendaChange::HasPolls);
    }
    sqlx::query("DELETE FROM agenda_items WHERE id = $1")
        .bind(item)
        .execute(&mut *tx)
        .await?;
    // Through negative positions, so no two items share one on the way.
    sqlx::query(
        "UPDATE agenda_items SET position = 1 - position WHERE assembly_id = $1 AND position > $2",
    )
    .bind(assembly)
    .bind(position)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE agenda_items SET position = -position WHERE assembly_id = $1 AND position < 0",
    )
    .bind(assembly)
    .execute(&mut *tx)
    .await?;
    let entry = Entry::new("agenda.removed", format!("assembly {assembly}"))
        .with("item", item.get())
        .with("position", position);
    audit::append(db, &mut tx, &entry).await?;
    tx.commit().await?;
    Ok(AgendaChange::Done)
}
