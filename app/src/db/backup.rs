//! Online, consistent backups while the server keeps running.

use super::{Backend, Db};
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} already exists; choose a new file")]
    Exists(String),
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
    #[error("pg_dump failed: {0}")]
    PgDump(String),
}

/// Writes a consistent copy of the database to `target`.
///
/// SQLite: `VACUUM INTO`, which reads one snapshot while writers continue
/// (WAL) and produces a compact, ready-to-open database file.
/// PostgreSQL: `pg_dump --format=custom`, restored with `pg_restore`.
#[tracing::instrument(skip(db))]
pub async fn backup(db: &Db, database_url: &str, target: &Path) -> Result<(), BackupError> {
    if target.exists() {
        return Err(BackupError::Exists(target.display().to_string()));
    }
    match db.backend() {
        Backend::Sqlite => {
            sqlx::query("VACUUM INTO $1")
                .bind(target.display().to_string())
                .execute(db.pool())
                .await?;
        }
        Backend::Postgres => {
            let output = tokio::process::Command::new("pg_dump")
                .arg("--format=custom")
                .arg("--file")
                .arg(target)
                .arg(database_url)
                .output()
                .await
                .map_err(|e| BackupError::PgDump(e.to_string()))?;
            if !output.status.success() {
                return Err(BackupError::PgDump(
                    String::from_utf8_lossy(&output.stderr).trim().to_string(),
                ));
            }
        }
    }
    Ok(())
}
