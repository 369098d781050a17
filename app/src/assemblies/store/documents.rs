//! An assembly's documents: PDF files kept in the database, listed without
//! their bytes, served whole.

use super::assembly::locked_status;
use crate::assemblies::DocumentLine;
use crate::audit::store::{self as audit, Entry};
use crate::db::{now_unix, Db};
use crate::domain::assembly::AssemblyStatus;
use crate::domain::ids::{AssemblyId, DocumentId, UserId};

pub struct NewDocument<'a> {
    pub title_ka: &'a str,
    pub title_en: &'a str,
    pub file_name: &'a str,
    pub sha256: &'a str,
    pub bytes: &'a [u8],
    pub by: UserId,
}

/// Attaches a document until the assembly is over; none when it is.
pub async fn add_document(
    db: &Db,
    assembly: AssemblyId,
    d: &NewDocument<'_>,
) -> Result<Option<DocumentId>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    if locked_status(db, &mut tx, assembly)
        .await?
        .is_none_or(AssemblyStatus::is_over)
    {
        return Ok(None);
    }
    let id: DocumentId = sqlx::query_scalar(
        "INSERT INTO assembly_documents \
         (assembly_id, title_ka, title_en, file_name, size, sha256, bytes, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(assembly)
    .bind(d.title_ka)
    .bind(d.title_en)
    .bind(d.file_name)
    .bind(d.bytes.len() as i64)
    .bind(d.sha256)
    .bind(d.bytes)
    .bind(now_unix())
    .bind(d.by)
    .fetch_one(&mut *tx)
    .await?;
    let entry = Entry::new("document.attached", format!("assembly {assembly}"))
        .by(d.by)
        .with("document", id.get())
        .with("title_ka", d.title_ka)
        .with("title_en", d.title_en)
        .with("file_name", d.file_name)
        .with("size", d.bytes.len() as i64)
        .with("sha256", d.sha256);
    audit::append(db, &mut tx, &entry).await?;
    tx.commit().await?;
    Ok(Some(id))
}

/// The assembly's documents in the order they were attached.
pub async fn documents(db: &Db, assembly: AssemblyId) -> Result<Vec<DocumentLine>, sqlx::Error> {
    let rows: Vec<(DocumentId, String, String, String, i64)> = sqlx::query_as(
        "SELECT id, title_ka, title_en, file_name, size FROM assembly_documents \
         WHERE assembly_id = $1 ORDER BY id",
    )
    .bind(assembly)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, title_ka, title_en, file_name, size)| DocumentLine {
            id,
            title_ka,
            title_en,
            file_name,
            size,
        })
        .collect())
}

/// A document as served.
pub struct StoredDocument {
    pub file_name: String,
    pub sha256: String,
    pub bytes: Vec<u8>,
}

pub async fn document(
    db: &Db,
    assembly: AssemblyId,
    id: DocumentId,
) -> Result<Option<StoredDocument>, sqlx::Error> {
    let row: Option<(String, String, Vec<u8>)> = sqlx::query_as(
        "SELECT file_name, sha256, bytes FROM assembly_documents WHERE id = $1 AND assembly_id = $2",
    )
    .bind(id)
    .bind(assembly)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|(file_name, sha256, bytes)| StoredDocument {
        file_name,
        sha256,
        bytes,
    }))
}

/// Removes a document until the assembly is over; false when there was
/// none to remove then.
pub async fn remove_document(
    db: &Db,
    assembly: AssemblyId,
    id: DocumentId,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    if locked_status(db, &mut tx, assembly)
        .await?
        .is_none_or(AssemblyStatus::is_over)
    {
        return Ok(false);
    }
    let removed = sqlx::query("DELETE FROM assembly_documents WHERE id = $1 AND assembly_id = $2")
        .bind(id)
        .bind(assembly)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if removed == 1 {
        let entry = Entry::new("document.removed", format!("assembly {assembly}"))
            .with("document", id.get());
        audit::append(db, &mut tx, &entry).await?;
    }
    tx.commit().await?;
    Ok(removed == 1)
}
