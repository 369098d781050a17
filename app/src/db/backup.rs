//! Online, consistent backups while the server keeps running.

use super::{Backend, Db};
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} already exists; choose a new file")]
    Exists(String),
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
    #[error("pg_dump or pg_restore failed: {0}")]
    PgDump(String),
    #[error("no backup file at {0}")]
    Missing(String),
    #[error("the database is not empty; restore into a new, empty database")]
    NotEmpty,
    #[error("the database cannot be opened: {0}")]
    Unreachable(String),
    #[error("the backup cannot be read: {0}")]
    Damaged(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Writes a consistent copy of the database to `target`.
///
/// SQLite: `VACUUM INTO`, which reads one snapshot while writers continue
/// (WAL) and produces a compact, ready-to-open database file.
/// PostgreSQL: `pg_dump --format=custom`, restored with `pg_restore`. The
/// password, if the URL has one, reaches `pg_dump` through its environment
/// (`PGPASSWORD`), not its command line, which every user of the machine can
/// read; neither it nor the URL is recorded.
#[tracing::instrument(skip(db, database_url))]
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
            let args = [
                "--format=custom".as_ref(),
                "--file".as_ref(),
                target.as_os_str(),
            ];
            run_pg_tool("pg_dump", &args, database_url, None).await?;
        }
    }
    Ok(())
}

/// Restores a backup written by [`backup`] into the database at
/// `database_url`, which must be empty (a new SQLite file, or a PostgreSQL
/// database without tables), so a restore never mixes two installations.
///
/// SQLite: the backup is checked (`PRAGMA integrity_check`) and copied into
/// place. PostgreSQL: `pg_restore` in one transaction that stops at the
/// first error, without the dumped owner and grants (the restoring role
/// owns everything); the password again goes through `PGPASSWORD`.
#[tracing::instrument(skip(database_url))]
pub async fn restore(database_url: &str, source: &Path) -> Result<(), BackupError> {
    if !source.is_file() {
        return Err(BackupError::Missing(source.display().to_string()));
    }
    match Backend::of_url(database_url) {
        Some(Backend::Sqlite) => {
            let rest = database_url
                .trim_start_matches("sqlite:")
                .trim_start_matches("//");
            let path = Path::new(rest.split_once('?').map_or(rest, |(path, _)| path));
            if path.exists() && std::fs::metadata(path)?.len() > 0 {
                return Err(BackupError::NotEmpty);
            }
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)?;
            }
            // Copied beside and checked there, then renamed: a half-written
            // or damaged file never becomes the database.
            let partial = path.with_extension("restoring");
            std::fs::copy(source, &partial)?;
            let check = async {
                let copy = Db::connect(&format!("sqlite:{}", partial.display()))
                    .await
                    .map_err(|e| BackupError::Damaged(e.to_string()))?;
                let check: Result<String, _> = sqlx::query_scalar("PRAGMA integrity_check")
                    .fetch_one(copy.pool())
                    .await;
                copy.pool().close().await;
                match check {
                    Ok(check) if check == "ok" => Ok(()),
                    Ok(check) => Err(BackupError::Damaged(check)),
                    Err(error) => Err(BackupError::Damaged(error.to_string())),
                }
            };
            if let Err(error) = check.await {
                let _ = std::fs::remove_file(&partial);
                return Err(error);
            }
            std::fs::rename(&partial, path)?;
        }
        Some(Backend::Postgres) => {
            let db = Db::connect(database_url)
                .await
                .map_err(|e| BackupError::Unreachable(e.to_string()))?;
            let tables: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'",
            )
            .fetch_one(db.pool())
            .await?;
            db.pool().close().await;
            if tables > 0 {
                return Err(BackupError::NotEmpty);
            }
            let args = [
                "--no-owner".as_ref(),
                "--no-privileges".as_ref(),
                "--exit-on-error".as_ref(),
                "--single-transaction".as_ref(),
                "--dbname".as_ref(),
            ];
            run_pg_tool("pg_restore", &args, database_url, Some(source)).await?;
        }
        None => return Err(BackupError::Unreachable("unsupported database URL".into())),
    }
    Ok(())
}

/// Runs `pg_dump` or `pg_restore` with `args`, then the database URL
/// (without its password, which goes through `PGPASSWORD`), then `last`.
async fn run_pg_tool(
    tool: &str,
    args: &[&std::ffi::OsStr],
    database_url: &str,
    last: Option<&Path>,
) -> Result<(), BackupError> {
    let (url, password) = without_password(database_url);
    let mut command = tokio::process::Command::new(tool);
    command.args(args).arg(url);
    if let Some(last) = last {
        command.arg(last);
    }
    if let Some(password) = password {
        command.env("PGPASSWORD", password);
    }
    let output = command
        .output()
        .await
        .map_err(|e| BackupError::PgDump(e.to_string()))?;
    if !output.status.success() {
        return Err(BackupError::PgDump(
            String::from_utf8_lossy(&output.stderr).trim().to_string(),
        ));
    }
    Ok(())
}

/// The URL with its password taken out, and the password (percent-decoded).
/// `postgres://user:secret@host/db` → (`postgres://user@host/db`, `secret`).
fn without_password(url: &str) -> (String, Option<String>) {
    let Some((scheme, rest)) = url.split_once("://") else {
        return (url.to_string(), None);
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    let Some((userinfo, host)) = authority.rsplit_once('@') else {
        return (url.to_string(), None);
    };
    let Some((user, password)) = userinfo.split_once(':') else {
        return (url.to_string(), None);
    };
    (
        format!("{scheme}://{user}@{host}{path}"),
        Some(percent_decode(password)),
    )
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_leaves_the_url() {
        assert_eq!(
            without_password(
                "postgres://alliance:s%40cr%3At@db.example.org:5432/alliance?sslmode=require"
            ),
            (
                "postgres://alliance@db.example.org:5432/alliance?sslmode=require".to_string(),
                Some("s@cr:t".to_string())
            )
        );
        assert_eq!(
            without_password("postgres://postgres@127.0.0.1:5432/alliance"),
            (
                "postgres://postgres@127.0.0.1:5432/alliance".to_string(),
                None
            )
        );
        assert_eq!(
            without_password("postgresql:///alliance"),
            ("postgresql:///alliance".to_string(), None)
        );
    }
}
