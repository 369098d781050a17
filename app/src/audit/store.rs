//! The log in the database: appending inside the caller's transaction,
//! reading it with filters, and verifying the whole chain.

use super::chain::{self, Break, Record, Walk};
use super::{AuditFilter, AuditLine};
use crate::db::{now_unix, Backend, Db};
use crate::domain::ids::UserId;
use crate::domain::paging::{Paged, Window};
use serde_json::{Map, Value};
use sqlx::{Any, Transaction};

/// What to record: who, what kind of event, about what, and its facts.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub actor: Option<UserId>,
    /// Recorded without anyone's name, whoever's handle writes it (a
    /// secret ballot).
    anonymous: bool,
    pub kind: &'static str,
    pub subject: String,
    detail: Map<String, Value>,
}

impl Entry {
    /// An event about `subject` ("assembly 3"); by the platform itself
    /// until `by` names a person.
    pub fn new(kind: &'static str, subject: impl Into<String>) -> Entry {
        Entry {
            actor: None,
            anonymous: false,
            kind,
            subject: subject.into(),
            detail: Map::new(),
        }
    }

    pub fn by(mut self, actor: impl Into<Option<UserId>>) -> Entry {
        self.actor = actor.into();
        self
    }

    /// Names nobody, whoever records it.
    pub fn anonymous(mut self) -> Entry {
        self.actor = None;
        self.anonymous = true;
        self
    }

    /// One recorded fact.
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Entry {
        self.detail.insert(key.to_string(), value.into());
        self
    }

    /// The facts as canonical JSON: keys sorted, no spaces.
    fn detail_text(&self) -> String {
        // serde_json's map keeps its keys sorted.
        Value::Object(self.detail.clone()).to_string()
    }
}

/// Appends `entry` to the chain inside `tx`, the transaction of the change
/// it records, so that one is never stored without the other. Append last
/// in the transaction: on PostgreSQL the chain's end stays locked until
/// the commit, and taking it last means a transaction holding it never
/// waits for another lock. On SQLite the write transaction (`BEGIN
/// IMMEDIATE`) is the lock. The actor is the entry's, or else the one
/// `db` acts for (`Db::acting`). Returns the entry's number.
pub async fn append(
    db: &Db,
    tx: &mut Transaction<'static, Any>,
    entry: &Entry,
) -> Result<i64, sqlx::Error> {
    append_all(db, tx, std::slice::from_ref(entry)).await
}

/// Appends `entries` in their order, as [`append`] does one: one read of
/// the chain's end, one insert of every entry and one update of the end
/// (a group of ballots). Returns the last entry's number.
pub async fn append_all(
    db: &Db,
    tx: &mut Transaction<'static, Any>,
    entries: &[Entry],
) -> Result<i64, sqlx::Error> {
    let head = match db.backend() {
        Backend::Postgres => "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE",
        Backend::Sqlite => "SELECT seq, hash FROM audit_head WHERE id = 1",
    };
    let (mut seq, mut hash): (i64, String) = sqlx::query_as(head).fetch_one(&mut **tx).await?;
    if entries.is_empty() {
        return Ok(seq);
    }
    let at = now_unix();
    // Eight values a row; a part stays far below every driver's limit.
    for part in entries.chunks(500) {
        let mut rows = Vec::with_capacity(part.len());
        for entry in part {
            let actor_id = if entry.anonymous {
                None
            } else {
                entry.actor.or(db.actor()).map(|a| a.0)
            };
            let detail = entry.detail_text();
            seq += 1;
            let prev_hash = std::mem::take(&mut hash);
            hash = chain::link(
                &prev_hash,
                &chain::canonical(seq, at, actor_id, entry.kind, &entry.subject, &detail),
            );
            rows.push((seq, actor_id, entry, detail, prev_hash, hash.clone()));
        }
        let sql = format!(
            "INSERT INTO audit_log (seq, at, actor_id, kind, subject, detail, prev_hash, hash) VALUES {}",
            crate::db::value_rows(rows.len(), 8)
        );
        let mut insert = sqlx::query(&sql);
        for (seq, actor_id, entry, detail, prev_hash, hash) in &rows {
            insert = insert
                .bind(*seq)
                .bind(at)
                .bind(*actor_id)
                .bind(entry.kind)
                .bind(entry.subject.as_str())
                .bind(detail.as_str())
                .bind(prev_hash.as_str())
                .bind(hash.as_str());
        }
        insert.execute(&mut **tx).await?;
    }
    sqlx::query("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1")
        .bind(seq)
        .bind(&hash)
        .execute(&mut **tx)
        .await?;
    Ok(seq)
}

/// Records `entry` in a transaction of its own, for an event whose change
/// is not a database write of ours (nothing else to keep together).
pub async fn record(db: &Db, entry: &Entry) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let seq = append(db, &mut tx, entry).await?;
    tx.commit().await?;
    Ok(seq)
}

/// The chain's end: (number of the last entry, its hash).
pub async fn head(db: &Db) -> Result<(i64, String), sqlx::Error> {
    sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1")
        .fetch_one(db.pool())
        .await
}

/// The stored hash of entry `seq`.
pub async fn hash_of(db: &Db, seq: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT hash FROM audit_log WHERE seq = $1")
        .bind(seq)
        .fetch_optional(db.pool())
        .await
}

/// An entry as stored: seq, at, actor, kind, subject, detail, prev_hash, hash.
type StoredRow = (
    i64,
    i64,
    Option<i64>,
    String,
    String,
    String,
    String,
    String,
);

/// An entry as listed: seq, at, actor's email, kind, subject, detail, hash.
type LineRow = (i64, i64, Option<String>, String, String, String, String);

/// Walks the whole chain, a thousand entries at a time: the number of
/// entries and the last hash, or the first break.
pub async fn verify(db: &Db) -> Result<Result<(i64, String), Break>, sqlx::Error> {
    let mut walk = Walk::default();
    let mut after = 0_i64;
    loop {
        let rows: Vec<StoredRow> = sqlx::query_as(
            "SELECT seq, at, actor_id, kind, subject, detail, prev_hash, hash FROM audit_log \
                 WHERE seq > $1 ORDER BY seq LIMIT 1000",
        )
        .bind(after)
        .fetch_all(db.pool())
        .await?;
        let Some(last) = rows.last() else {
            break;
        };
        after = last.0;
        for (seq, at, actor_id, kind, subject, detail, prev_hash, hash) in rows {
            let record = Record {
                seq,
                at,
                actor_id,
                kind,
                subject,
                detail,
                prev_hash,
                hash,
            };
            if let Err(broken) = walk.step(&record) {
                return Ok(Err(broken));
            }
        }
    }
    let (head_seq, head_hash) = head(db).await?;
    Ok(walk
        .finish(head_seq, &head_hash)
        .map(|()| (walk.checked(), walk.last_hash().to_string())))
}

/// Entries on a page of the log.
pub const PAGE_SIZE: i64 = 50;

/// The time span of a filter: [from, to) in Unix time, from its dates in
/// Tbilisi time; `None` when a date cannot be read.
pub fn span(filter: &AuditFilter) -> Option<(Option<i64>, Option<i64>)> {
    let day = |text: &str, next: bool| -> Option<Option<i64>> {
        let text = text.trim();
        if text.is_empty() {
            return Some(None);
        }
        let start = crate::domain::calendar::parse_local(
            &format!("{text}T00:00"),
            crate::apply::TBILISI_OFFSET_SECONDS,
        )?;
        Some(Some(if next { start + 86_400 } else { start }))
    };
    Some((day(&filter.from, false)?, day(&filter.to, true)?))
}

/// One page of the log, the latest first, as filtered.
pub async fn list(
    db: &Db,
    filter: &AuditFilter,
    span: (Option<i64>, Option<i64>),
    page: i64,
) -> Result<Paged<AuditLine>, sqlx::Error> {
    let who = filter.who.trim().to_lowercase();
    let what = filter.what.trim();
    let family = format!("{what}.");
    let conditions = "($1 = '' OR l.actor_id IN (SELECT id FROM users WHERE LOWER(email) = $1)) \
         AND ($2 = '' OR l.kind = $2 OR SUBSTR(l.kind, 1, CAST($3 AS INTEGER)) = $4) \
         AND ($5 < 0 OR l.at >= $5) AND ($6 < 0 OR l.at < $6)";
    let (from, to) = (span.0.unwrap_or(-1), span.1.unwrap_or(-1));
    let family_len = family.chars().count() as i64;
    let total: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM audit_log l WHERE {conditions}"
    ))
    .bind(&who)
    .bind(what)
    .bind(family_len)
    .bind(&family)
    .bind(from)
    .bind(to)
    .fetch_one(db.pool())
    .await?;
    let window = Window::of(total, page, PAGE_SIZE);
    let rows: Vec<LineRow> = sqlx::query_as(&format!(
        "SELECT l.seq, l.at, u.email, l.kind, l.subject, l.detail, l.hash \
             FROM audit_log l LEFT JOIN users u ON u.id = l.actor_id \
             WHERE {conditions} ORDER BY l.seq DESC LIMIT $7 OFFSET $8"
    ))
    .bind(&who)
    .bind(what)
    .bind(family_len)
    .bind(&family)
    .bind(from)
    .bind(to)
    .bind(window.limit)
    .bind(window.offset)
    .fetch_all(db.pool())
    .await?;
    let lines = rows
        .into_iter()
        .map(|(seq, at, actor, kind, subject, detail, hash)| AuditLine {
            seq,
            at,
            actor,
            kind,
            subject,
            detail,
            hash,
        })
        .collect();
    Ok(Paged::new(lines, window, total))
}

/// The kinds recorded so far.
pub async fn kinds(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT DISTINCT kind FROM audit_log ORDER BY kind")
        .fetch_all(db.pool())
        .await
}
