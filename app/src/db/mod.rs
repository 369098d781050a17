//! Storage: one code path for SQLite and PostgreSQL through sqlx's `Any`
//! driver, with runtime queries and `$n` placeholders (SQLite accepts them).
//! SQL lives only under this module.

mod backup;
pub mod mail_queue;
pub mod rate_limits;
pub mod sessions;
pub mod tokens;
pub mod users;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{Any, AnyPool, Executor, Transaction};
use std::str::FromStr;
use std::time::Duration;

pub use backup::{backup, restore, BackupError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }
}

/// The application's database: a pool and the dialect behind it.
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    /// What an area keeps beside the pool for as long as it lives (one
    /// value per type, shared by every clone): the directory's cache.
    shared: std::sync::Arc<Shared>,
    /// Whose changes go through this handle (`acting`), for the audit log;
    /// none: the platform's own.
    actor: Option<crate::domain::ids::UserId>,
}

/// Values kept with a database, one per type (see `Db::shared`).
#[derive(Default)]
struct Shared(
    std::sync::Mutex<
        std::collections::HashMap<
            std::any::TypeId,
            std::sync::Arc<dyn std::any::Any + Send + Sync>,
        >,
    >,
);

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Shared")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("unsupported database URL (use sqlite:PATH or postgres://...): {0}")]
    UnsupportedUrl(String),
    #[error("cannot create the database folder {0}: {1}")]
    Folder(String, std::io::Error),
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl Db {
    /// Opens a pool for `url`. A SQLite file (and its folder) is created when
    /// missing; every SQLite connection runs in WAL mode with a busy timeout
    /// and foreign keys on. The URL may carry a password: it is never recorded.
    #[tracing::instrument(skip_all)]
    pub async fn connect(url: &str) -> Result<Db, DbError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::of_url(url).ok_or_else(|| DbError::UnsupportedUrl(url.into()))?;
        let url = match backend {
            Backend::Sqlite => prepare_sqlite_url(url)?,
            Backend::Postgres => url.to_string(),
        };
        let options = AnyConnectOptions::from_str(&url)?;
        let pool_options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(10));
        let pool = match backend {
            Backend::Sqlite => {
                pool_options
                    .max_connections(8)
                    .after_connect(|conn, _meta| {
                        Box::pin(async move {
                            for pragma in SQLITE_PRAGMAS {
                                conn.execute(*pragma).await?;
                            }
                            Ok(())
                        })
                    })
                    .connect_with(options)
                    .await?
            }
            Backend::Postgres => {
                pool_options
                    .max_connections(16)
                    .connect_with(options)
                    .await?
            }
        };
        Ok(Db {
            pool,
            backend,
            shared: Default::default(),
            actor: None,
        })
    }

    /// Applies the pending migrations of this dialect (`app::migrate` also
    /// brings what the areas derive from the tables up to date).
    #[tracing::instrument(skip(self))]
    pub async fn migrate(&self) -> Result<(), DbError> {
        match self.backend {
            Backend::Sqlite => {
                sqlx::migrate!("../migrations/sqlite")
                    .run(&self.pool)
                    .await?
            }
            Backend::Postgres => {
                sqlx::migrate!("../migrations/postgres")
                    .run(&self.pool)
                    .await?
            }
        }
        Ok(())
    }

    /// The value of type `T` kept with this database, made on first use.
    pub fn shared<T: Default + Send + Sync + 'static>(&self) -> std::sync::Arc<T> {
        let mut values = self.shared.0.lock().unwrap_or_else(|e| e.into_inner());
        let value = values
            .entry(std::any::TypeId::of::<T>())
            .or_insert_with(|| std::sync::Arc::new(T::default()));
        std::sync::Arc::clone(value)
            .downcast::<T>()
            .expect("a value is kept under its own type")
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The same database, used on behalf of `user`: the changes made
    /// through it are recorded in the audit log as theirs.
    pub fn acting(&self, user: crate::domain::ids::UserId) -> Db {
        Db {
            actor: Some(user),
            ..self.clone()
        }
    }

    /// Whose changes go through this handle.
    pub fn actor(&self) -> Option<crate::domain::ids::UserId> {
        self.actor
    }

    /// Starts a transaction that will write. On SQLite it takes the write lock
    /// up front (`BEGIN IMMEDIATE`), so a read-then-write transaction waits for
    /// the lock instead of failing with SQLITE_BUSY.
    pub async fn begin_write(&self) -> Result<Transaction<'static, Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    /// A collation that compares by code point, for Georgian alphabetical order.
    pub fn binary_collation(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite => "BINARY",
            Backend::Postgres => "\"C\"",
        }
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

const SQLITE_PRAGMAS: &[&str] = &[
    "PRAGMA journal_mode = WAL",
    "PRAGMA busy_timeout = 5000",
    "PRAGMA foreign_keys = ON",
    // Every commit reaches the disk before it is acknowledged: a recorded
    // ballot survives a crash or a power cut (writes are few; reads are free).
    "PRAGMA synchronous = FULL",
    // Deleted rows are overwritten with zeros, not left in free space: a
    // closed secret poll's old storage order must not survive its rewrite.
    "PRAGMA secure_delete = ON",
];

/// Makes sure the file's folder exists and asks SQLite to create the file.
fn prepare_sqlite_url(url: &str) -> Result<String, DbError> {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path != ":memory:" {
        if let Some(parent) = std::path::Path::new(path).parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| DbError::Folder(parent.display().to_string(), e))?;
            }
        }
    }
    Ok(if query.contains("mode=") {
        url.to_string()
    } else if query.is_empty() {
        format!("{url}?mode=rwc")
    } else {
        format!("{url}&mode=rwc")
    })
}

/// Whether an error is a violated unique constraint (both databases).
pub fn is_unique_violation(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Database(e) => e.is_unique_violation(),
        _ => false,
    }
}

/// The current time in Unix seconds.
/// `($1, $2), ($3, $4), …`: the placeholders of `rows` rows of `columns`
/// values each, for one multi-row `INSERT … VALUES`.
pub fn value_rows(rows: usize, columns: usize) -> String {
    (0..rows)
        .map(|row| {
            let values: Vec<String> = (1..=columns)
                .map(|column| format!("${}", row * columns + column))
                .collect();
            format!("({})", values.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn value_rows_number_every_placeholder_once() {
        assert_eq!(super::value_rows(2, 3), "($1, $2, $3), ($4, $5, $6)");
        assert_eq!(super::value_rows(1, 1), "($1)");
        assert_eq!(super::value_rows(0, 2), "");
    }

    use super::*;

    #[test]
    fn backend_follows_the_url_scheme() {
        assert_eq!(Backend::of_url("sqlite:data/a.db"), Some(Backend::Sqlite));
        assert_eq!(
            Backend::of_url("postgres://u@h/db"),
            Some(Backend::Postgres)
        );
        assert_eq!(
            Backend::of_url("postgresql://u@h/db"),
            Some(Backend::Postgres)
        );
        assert_eq!(Backend::of_url("mysql://u@h/db"), None);
    }

    #[test]
    fn sqlite_urls_ask_for_creation() {
        let dir = std::env::temp_dir().join("alliance-url-test");
        let url = format!("sqlite:{}/x.db", dir.display());
        assert_eq!(prepare_sqlite_url(&url).unwrap(), format!("{url}?mode=rwc"));
        assert!(dir.is_dir());
        assert_eq!(
            prepare_sqlite_url("sqlite::memory:").unwrap(),
            "sqlite::memory:?mode=rwc"
        );
        assert_eq!(
            prepare_sqlite_url("sqlite:a.db?mode=ro").unwrap(),
            "sqlite:a.db?mode=ro"
        );
    }
}
