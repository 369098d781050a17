//! General Assemblies in storage: attendance, proxies, polls, and the one
//! transaction that records a ballot. The counting itself is
//! `domain::voting`; here is what keeps votes right under concurrency: one
//! "has voted" row per organisation per poll (its primary key), written in
//! the same transaction as the ballot, and a poll that is open for the
//! whole of that transaction (a ballot racing the close is counted or
//! refused, never accepted and lost).

use super::{now_unix, Backend, Db};
pub use crate::domain::assembly::{next_status, Assembly};
use crate::domain::voting::{self, Choice, ElectionResult, MotionResult, Rule};
use rand::RngCore;

pub struct NewAssembly<'a> {
    pub title_ka: &'a str,
    pub title_en: &'a str,
    pub kind: &'a str,
    pub starts_at: i64,
    pub place: &'a str,
}

/// Creates an assembly as a draft.
pub async fn create(db: &Db, a: &NewAssembly<'_>) -> Result<i64, sqlx::Error> {
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
pub async fn advance(db: &Db, id: i64, from: &str) -> Result<bool, sqlx::Error> {
    let Some(to) = next_status(from) else {
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
    if status.as_deref() != Some(from) {
        return Ok(false);
    }
    if to == "closed" {
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
        .bind(to)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(true)
}

/// How many of the assembly's polls are open.
pub async fn open_polls(db: &Db, id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM polls WHERE assembly_id = $1 AND status = 'open'")
        .bind(id)
        .fetch_one(db.pool())
        .await
}

const ASSEMBLY: &str =
    "SELECT id, title_ka, title_en, kind, starts_at, place, status FROM assemblies";

type AssemblyRow = (i64, String, String, String, i64, String, String);

fn assembly_of(r: AssemblyRow) -> Assembly {
    Assembly {
        id: r.0,
        title_ka: r.1,
        title_en: r.2,
        kind: r.3,
        starts_at: r.4,
        place: r.5,
        status: r.6,
    }
}

/// Every assembly, the latest first; drafts only when `drafts`.
pub async fn list(db: &Db, drafts: bool) -> Result<Vec<Assembly>, sqlx::Error> {
    let filter = if drafts {
        ""
    } else {
        " WHERE status <> 'draft'"
    };
    let rows: Vec<AssemblyRow> = sqlx::query_as(&format!(
        "{ASSEMBLY}{filter} ORDER BY starts_at DESC, id DESC"
    ))
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(assembly_of).collect())
}

pub async fn get(db: &Db, id: i64) -> Result<Option<Assembly>, sqlx::Error> {
    let row: Option<AssemblyRow> = sqlx::query_as(&format!("{ASSEMBLY} WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    Ok(row.map(assembly_of))
}

/// The agenda in order: (id, position, title ka, title en).
pub async fn agenda(
    db: &Db,
    assembly: i64,
) -> Result<Vec<(i64, i64, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, position, title_ka, title_en FROM agenda_items WHERE assembly_id = $1 ORDER BY position",
    )
    .bind(assembly)
    .fetch_all(db.pool())
    .await
}

/// Adds an item at the end of the agenda.
pub async fn add_agenda_item(
    db: &Db,
    assembly: i64,
    title_ka: &str,
    title_en: &str,
) -> Result<i64, sqlx::Error> {
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

/// A poll as the assembly page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Poll {
    pub id: i64,
    pub assembly_id: i64,
    pub agenda_item_id: Option<i64>,
    pub title_ka: String,
    pub title_en: String,
    pub kind: String,
    pub secret: bool,
    pub rule: Rule,
    pub seats: i64,
    pub candidates: Vec<String>,
    pub status: String,
    /// Voters fixed at opening, and how many of them have voted.
    pub voters: i64,
    pub voted: i64,
    pub closed_at: Option<i64>,
}

type PollRow = (
    i64,
    i64,
    Option<i64>,
    String,
    String,
    String,
    i64,
    String,
    i64,
    String,
    String,
    i64,
    i64,
    Option<i64>,
);

const POLL: &str =
    "SELECT p.id, p.assembly_id, p.agenda_item_id, p.title_ka, p.title_en, p.kind, p.secret, \
    p.rule, p.seats, p.candidates, p.status, \
    (SELECT COUNT(*) FROM poll_voters v WHERE v.poll_id = p.id), \
    (SELECT COUNT(*) FROM poll_votes v WHERE v.poll_id = p.id), p.closed_at FROM polls p";

fn poll_of(r: PollRow) -> Poll {
    Poll {
        id: r.0,
        assembly_id: r.1,
        agenda_item_id: r.2,
        title_ka: r.3,
        title_en: r.4,
        kind: r.5,
        secret: r.6 == 1,
        rule: Rule::from_code(&r.7).unwrap_or(Rule::SimpleMajority),
        seats: r.8,
        candidates: serde_json::from_str(&r.9).unwrap_or_default(),
        status: r.10,
        voters: r.11,
        voted: r.12,
        closed_at: r.13,
    }
}

pub async fn polls(db: &Db, assembly: i64) -> Result<Vec<Poll>, sqlx::Error> {
    let rows: Vec<PollRow> =
        sqlx::query_as(&format!("{POLL} WHERE p.assembly_id = $1 ORDER BY p.id"))
            .bind(assembly)
            .fetch_all(db.pool())
            .await?;
    Ok(rows.into_iter().map(poll_of).collect())
}

pub async fn poll(db: &Db, id: i64) -> Result<Option<Poll>, sqlx::Error> {
    let row: Option<PollRow> = sqlx::query_as(&format!("{POLL} WHERE p.id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    Ok(row.map(poll_of))
}

/// Who is present: (voting organisations checked in, all voting
/// organisations, every organisation checked in).
pub async fn attendance(
    db: &Db,
    assembly: i64,
    voting_categories: &[&str],
) -> Result<(i64, i64, i64), sqlx::Error> {
    let categories = in_list(voting_categories);
    let (present, voters, everyone): (i64, i64, i64) = sqlx::query_as(&format!(
        "SELECT \
           (SELECT COUNT(*) FROM attendance a JOIN organisations o ON o.id = a.organisation_id \
             WHERE a.assembly_id = $1 AND o.status = 'active' AND o.category IN ({categories})), \
           (SELECT COUNT(*) FROM organisations o WHERE o.status = 'active' AND o.category IN ({categories})), \
           (SELECT COUNT(*) FROM attendance a WHERE a.assembly_id = $1)"
    ))
    .bind(assembly)
    .fetch_one(db.pool())
    .await?;
    Ok((present, voters, everyone))
}

pub async fn is_checked_in(db: &Db, assembly: i64, org: i64) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM attendance WHERE assembly_id = $1 AND organisation_id = $2",
    )
    .bind(assembly)
    .bind(org)
    .fetch_optional(db.pool())
    .await?;
    Ok(found.is_some())
}

/// The ballots a delegate of `caster` casts in `poll`: (organisation id,
/// its names ka/en, whether it has voted) — its own first, then proxies.
pub async fn ballots_of(
    db: &Db,
    poll: i64,
    caster: i64,
) -> Result<Vec<(i64, String, String, bool)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT o.id, o.name_ka, o.name_en, \
           CASE WHEN EXISTS (SELECT 1 FROM poll_votes pv WHERE pv.poll_id = v.poll_id \
             AND pv.organisation_id = v.organisation_id) THEN 1 ELSE 0 END \
         FROM poll_voters v JOIN organisations o ON o.id = v.organisation_id \
         WHERE v.poll_id = $1 AND v.cast_by_org = $2 \
         ORDER BY CASE WHEN v.organisation_id = $2 THEN 0 ELSE 1 END, o.id",
    )
    .bind(poll)
    .bind(caster)
    .fetch_all(db.pool())
    .await
    .map(|rows: Vec<(i64, String, String, i64)>| {
        rows.into_iter()
            .map(|(id, ka, en, voted)| (id, ka, en, voted == 1))
            .collect()
    })
}

/// The named ballots of a poll: (organisation names ka/en, choice).
pub async fn named_votes(db: &Db, poll: i64) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT o.name_ka, o.name_en, b.choice FROM named_ballots b \
         JOIN organisations o ON o.id = b.organisation_id WHERE b.poll_id = $1 ORDER BY o.name_ka",
    )
    .bind(poll)
    .fetch_all(db.pool())
    .await
}

/// The named ballots of a poll as (organisation id, choice), for live
/// screens (which know the names).
pub async fn named_choices(db: &Db, poll: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT organisation_id, choice FROM named_ballots WHERE poll_id = $1 ORDER BY organisation_id",
    )
    .bind(poll)
    .fetch_all(db.pool())
    .await
}

/// Where to announce an assembly: every representative of an active member
/// (email, display name, language).
pub async fn representatives(db: &Db) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.email, u.display_name, u.lang FROM users u \
         JOIN organisations o ON o.id = u.organisation_id \
         WHERE u.role = 'member' AND o.status = 'active' ORDER BY u.email",
    )
    .fetch_all(db.pool())
    .await
}

/// Active member organisations with whether they vote and whether they are
/// checked in: (id, name ka, name en, votes, checked in), by Georgian name.
pub async fn organisations(
    db: &Db,
    assembly: i64,
    voting_categories: &[&str],
) -> Result<Vec<(i64, String, String, bool, bool)>, sqlx::Error> {
    let categories = in_list(voting_categories);
    let rows: Vec<(i64, String, String, i64, i64)> = sqlx::query_as(&format!(
        "SELECT o.id, o.name_ka, o.name_en, \
           CASE WHEN o.category IN ({categories}) THEN 1 ELSE 0 END, \
           CASE WHEN a.organisation_id IS NULL THEN 0 ELSE 1 END \
         FROM organisations o LEFT JOIN attendance a \
           ON a.assembly_id = $1 AND a.organisation_id = o.id \
         WHERE o.status = 'active' ORDER BY o.name_ka, o.id"
    ))
    .bind(assembly)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, ka, en, votes, present)| (id, ka, en, votes == 1, present == 1))
        .collect())
}

/// The proxy `org` gave (to whom) and the proxies it holds (from whom).
#[allow(clippy::type_complexity)]
pub async fn proxies_of(
    db: &Db,
    assembly: i64,
    org: i64,
) -> Result<(Option<(String, String)>, Vec<(String, String)>), sqlx::Error> {
    let given: Option<(String, String)> = sqlx::query_as(
        "SELECT o.name_ka, o.name_en FROM proxies p JOIN organisations o ON o.id = p.to_org \
         WHERE p.assembly_id = $1 AND p.from_org = $2",
    )
    .bind(assembly)
    .bind(org)
    .fetch_optional(db.pool())
    .await?;
    let held: Vec<(String, String)> = sqlx::query_as(
        "SELECT o.name_ka, o.name_en FROM proxies p JOIN organisations o ON o.id = p.from_org \
         WHERE p.assembly_id = $1 AND p.to_org = $2 ORDER BY o.name_ka",
    )
    .bind(assembly)
    .bind(org)
    .fetch_all(db.pool())
    .await?;
    Ok((given, held))
}

/// `'full', 'associate'`: a list for `IN (...)` from fixed category codes.
fn in_list(categories: &[&str]) -> String {
    let list = categories
        .iter()
        .filter(|c| c.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_'))
        .map(|c| format!("'{c}'"))
        .collect::<Vec<_>>()
        .join(", ");
    if list.is_empty() {
        "''".into()
    } else {
        list
    }
}

/// Checks an organisation in; false when it already was.
pub async fn check_in(
    db: &Db,
    assembly: i64,
    org: i64,
    by: Option<i64>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO attendance (assembly_id, organisation_id, checked_in_by, checked_in_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (assembly_id, organisation_id) DO NOTHING",
    )
    .bind(assembly)
    .bind(org)
    .bind(by)
    .bind(now_unix())
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProxyOutcome {
    Given,
    /// The holder already carries as many proxies as allowed.
    HolderFull,
    /// The organisation already gave its proxy for this assembly.
    AlreadyGiven,
    /// An organisation cannot hold its own proxy.
    SelfProxy,
    /// Proxies are given only while the assembly is announced or in session.
    NotNow,
}

/// `from` authorises `to` to vote for it at `assembly`; a holder carries at
/// most `per_holder` proxies.
pub async fn give_proxy(
    db: &Db,
    assembly: i64,
    from: i64,
    to: i64,
    per_holder: i64,
) -> Result<ProxyOutcome, sqlx::Error> {
    if from == to {
        return Ok(ProxyOutcome::SelfProxy);
    }
    let mut tx = db.begin_write().await?;
    if db.backend() == Backend::Postgres {
        // Serialises proxies given to one holder at the same time.
        sqlx::query("SELECT pg_advisory_xact_lock($1, $2)")
            .bind(assembly as i32)
            .bind(to as i32)
            .execute(&mut *tx)
            .await?;
    }
    let lock = match db.backend() {
        Backend::Postgres => "SELECT status FROM assemblies WHERE id = $1 FOR SHARE",
        Backend::Sqlite => "SELECT status FROM assemblies WHERE id = $1",
    };
    let status: Option<String> = sqlx::query_scalar(lock)
        .bind(assembly)
        .fetch_optional(&mut *tx)
        .await?;
    if !matches!(status.as_deref(), Some("announced" | "in_session")) {
        return Ok(ProxyOutcome::NotNow);
    }
    let given: Option<i64> =
        sqlx::query_scalar("SELECT to_org FROM proxies WHERE assembly_id = $1 AND from_org = $2")
            .bind(assembly)
            .bind(from)
            .fetch_optional(&mut *tx)
            .await?;
    if given.is_some() {
        return Ok(ProxyOutcome::AlreadyGiven);
    }
    let held: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM proxies WHERE assembly_id = $1 AND to_org = $2")
            .bind(assembly)
            .bind(to)
            .fetch_one(&mut *tx)
            .await?;
    if held >= per_holder {
        return Ok(ProxyOutcome::HolderFull);
    }
    let done = sqlx::query(
        "INSERT INTO proxies (assembly_id, from_org, to_org, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (assembly_id, from_org) DO NOTHING",
    )
    .bind(assembly)
    .bind(from)
    .bind(to)
    .bind(now_unix())
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(ProxyOutcome::AlreadyGiven);
    }
    tx.commit().await?;
    Ok(ProxyOutcome::Given)
}

pub struct NewPoll<'a> {
    pub assembly_id: i64,
    pub agenda_item_id: Option<i64>,
    pub title_ka: &'a str,
    pub title_en: &'a str,
    pub kind: &'a str,
    pub secret: bool,
    pub rule: Rule,
    pub seats: i64,
    pub candidates: &'a [String],
}

pub async fn create_poll(db: &Db, p: &NewPoll<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO polls (assembly_id, agenda_item_id, title_ka, title_en, kind, secret, rule, seats, candidates) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(p.assembly_id)
    .bind(p.agenda_item_id)
    .bind(p.title_ka)
    .bind(p.title_en)
    .bind(p.kind)
    .bind(i64::from(p.secret))
    .bind(p.rule.code())
    .bind(p.seats)
    .bind(serde_json::to_string(p.candidates).unwrap_or_else(|_| "[]".into()))
    .fetch_one(db.pool())
    .await
}

/// Opens a poll and fixes who may vote: every checked-in organisation of a
/// voting category, and every voting organisation that is not checked in
/// but gave its proxy to one that is (cast by the holder's delegate).
/// Returns the number of voters; `None` if the poll was not a draft.
pub async fn open_poll(
    db: &Db,
    poll: i64,
    voting_categories: &[&str],
) -> Result<Option<i64>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    // Only while the assembly is in session; on PostgreSQL its row is held
    // so that closing the assembly waits for this opening (see `advance`).
    let sql = match db.backend() {
        Backend::Postgres => {
            "SELECT p.assembly_id FROM polls p JOIN assemblies a ON a.id = p.assembly_id \
             WHERE p.id = $1 AND p.status = 'draft' AND a.status = 'in_session' FOR SHARE OF a"
        }
        Backend::Sqlite => {
            "SELECT p.assembly_id FROM polls p JOIN assemblies a ON a.id = p.assembly_id \
             WHERE p.id = $1 AND p.status = 'draft' AND a.status = 'in_session'"
        }
    };
    let assembly: Option<i64> = sqlx::query_scalar(sql)
        .bind(poll)
        .fetch_optional(&mut *tx)
        .await?;
    let Some(assembly) = assembly else {
        return Ok(None);
    };
    let categories = in_list(voting_categories);
    sqlx::query(&format!(
        "INSERT INTO poll_voters (poll_id, organisation_id, cast_by_org) \
         SELECT $1, o.id, o.id FROM attendance a JOIN organisations o ON o.id = a.organisation_id \
         WHERE a.assembly_id = $2 AND o.status = 'active' AND o.category IN ({categories})"
    ))
    .bind(poll)
    .bind(assembly)
    .execute(&mut *tx)
    .await?;
    sqlx::query(&format!(
        "INSERT INTO poll_voters (poll_id, organisation_id, cast_by_org) \
         SELECT $1, p.from_org, p.to_org FROM proxies p \
         JOIN organisations o ON o.id = p.from_org \
         JOIN organisations h ON h.id = p.to_org \
         JOIN attendance ha ON ha.assembly_id = p.assembly_id AND ha.organisation_id = p.to_org \
         WHERE p.assembly_id = $2 AND o.status = 'active' AND o.category IN ({categories}) \
           AND h.status = 'active' AND h.category IN ({categories}) \
           AND NOT EXISTS (SELECT 1 FROM attendance fa \
                           WHERE fa.assembly_id = p.assembly_id AND fa.organisation_id = p.from_org)"
    ))
    .bind(poll)
    .bind(assembly)
    .execute(&mut *tx)
    .await?;
    let voters: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM poll_voters WHERE poll_id = $1")
        .bind(poll)
        .fetch_one(&mut *tx)
        .await?;
    sqlx::query(
        "UPDATE polls SET status = 'open', present_at_open = $1, opened_at = $2 WHERE id = $3",
    )
    .bind(voters)
    .bind(now_unix())
    .bind(poll)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some(voters))
}

/// Closes an open poll; false when it was not open. Waits for ballots being
/// recorded: they are counted.
///
/// Closing a secret poll also erases the order in which its ballots arrived:
/// in the closing transaction its "has voted" rows are written again in
/// organisation order and its ballots in (random) id order
/// (`rewrite_in_key_order`), and on SQLite the file is rebuilt once that is
/// committed (`compact`) so that no freed page or log frame keeps the old
/// order. Afterwards nothing stored
/// links a ballot to its organisation: every row of the poll in both tables
/// was written by the same transaction, in an order that follows the key.
pub async fn close_poll(db: &Db, poll: i64) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let secret: Option<i64> = sqlx::query_scalar(
        "UPDATE polls SET status = 'closed', closed_at = $1 WHERE id = $2 AND status = 'open' \
         RETURNING secret",
    )
    .bind(now_unix())
    .bind(poll)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(secret) = secret else {
        return Ok(false);
    };
    if secret == 1 {
        rewrite_in_key_order(&mut tx, db.backend(), poll).await?;
    }
    tx.commit().await?;
    if secret == 1 {
        if let Err(error) = compact(db).await {
            // The poll is closed and counted either way; the operator must
            // know the storage still holds the casting order.
            tracing::error!(%error, poll, "storage not compacted after a secret poll closed");
        }
    }
    Ok(true)
}

/// Rows written per statement when a closed secret poll is rewritten.
const REWRITE_CHUNK: usize = 200;

/// Writes the "has voted" rows again in (poll, organisation) order and the
/// secret ballots in id order, all by the closing transaction. On SQLite the
/// closed poll's rows are deleted and written again (`compact` then rebuilds
/// the file). On PostgreSQL both tables are emptied with `TRUNCATE` and every
/// row is written again: a deleted row version stays in the table's file
/// while any other session's snapshot might still see it (`VACUUM` keeps it
/// too), whereas `TRUNCATE` gives the tables new, empty files at commit.
async fn rewrite_in_key_order(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    backend: Backend,
    poll: i64,
) -> Result<(), sqlx::Error> {
    let only_this_poll = backend == Backend::Sqlite;
    let filter = if only_this_poll {
        " WHERE poll_id = $1"
    } else {
        ""
    };
    let sql = format!(
        "SELECT poll_id, organisation_id FROM poll_votes{filter} ORDER BY poll_id, organisation_id"
    );
    let mut query = sqlx::query_as(&sql);
    if only_this_poll {
        query = query.bind(poll);
    }
    let votes: Vec<(i64, i64)> = query.fetch_all(&mut **tx).await?;
    let sql =
        format!("SELECT id, poll_id, tracker, choice FROM secret_ballots{filter} ORDER BY id");
    let mut query = sqlx::query_as(&sql);
    if only_this_poll {
        query = query.bind(poll);
    }
    let ballots: Vec<(String, i64, String, String)> = query.fetch_all(&mut **tx).await?;
    if only_this_poll {
        for table in ["poll_votes", "secret_ballots"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE poll_id = $1"))
                .bind(poll)
                .execute(&mut **tx)
                .await?;
        }
    } else {
        sqlx::query("TRUNCATE poll_votes, secret_ballots")
            .execute(&mut **tx)
            .await?;
    }
    for chunk in votes.chunks(REWRITE_CHUNK) {
        let sql = format!(
            "INSERT INTO poll_votes (poll_id, organisation_id) VALUES {}",
            placeholders(chunk.len(), 2)
        );
        let mut query = sqlx::query(&sql);
        for (poll, org) in chunk {
            query = query.bind(*poll).bind(*org);
        }
        query.execute(&mut **tx).await?;
    }
    for chunk in ballots.chunks(REWRITE_CHUNK) {
        let sql = format!(
            "INSERT INTO secret_ballots (id, poll_id, tracker, choice) VALUES {}",
            placeholders(chunk.len(), 4)
        );
        let mut query = sqlx::query(&sql);
        for (id, poll, tracker, choice) in chunk {
            query = query.bind(id).bind(*poll).bind(tracker).bind(choice);
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

/// `($1, $2), ($3, $4), …` for `rows` rows of `columns` values.
fn placeholders(rows: usize, columns: usize) -> String {
    (0..rows)
        .map(|r| {
            let row: Vec<String> = (1..=columns)
                .map(|c| format!("${}", r * columns + c))
                .collect();
            format!("({})", row.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Rebuilds the storage after a secret poll closed, on SQLite: `VACUUM`
/// writes every page anew (with `secure_delete` on, freed space is zeroed
/// rather than left with old rows), then the write-ahead log, which holds a
/// page image per commit in casting order, is checkpointed and truncated.
/// On PostgreSQL the rewrite's `TRUNCATE` already left no old row version.
async fn compact(db: &Db) -> Result<(), sqlx::Error> {
    use sqlx::Executor;
    if db.backend() != Backend::Sqlite {
        return Ok(());
    }
    let mut conn = db.pool().acquire().await?;
    conn.execute("VACUUM").await?;
    // A reader still inside an old snapshot keeps the log in use; wait a
    // moment for it rather than leave the frames behind.
    for attempt in 0..20 {
        let (busy, _, _): (i64, i64, i64) = sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
            .fetch_one(&mut *conn)
            .await?;
        if busy == 0 {
            return Ok(());
        }
        if attempt == 19 {
            tracing::error!("write-ahead log still in use after a secret poll closed");
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    Ok(())
}

/// What a ballot says: a motion choice or the marked candidates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BallotContent {
    Motion(Choice),
    Election(Vec<usize>),
}

impl BallotContent {
    fn encode(&self) -> String {
        match self {
            BallotContent::Motion(Choice::Yes) => "yes".into(),
            BallotContent::Motion(Choice::No) => "no".into(),
            BallotContent::Motion(Choice::Abstain) => "abstain".into(),
            // Sorted, so that the order of marks cannot sign a ballot.
            BallotContent::Election(marks) => {
                let mut marks = marks.clone();
                marks.sort_unstable();
                serde_json::to_string(&marks).unwrap_or_default()
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cast {
    /// Recorded; for a secret poll, the voter's tracker code.
    Recorded {
        tracker: Option<String>,
    },
    AlreadyVoted,
    /// The organisation may not vote in this poll through this caster.
    NotAVoter,
    /// The poll is not open.
    Closed,
    /// The ballot does not fit the poll (wrong kind, too many marks).
    Invalid,
}

/// A random (version 4) UUID.
fn uuid_v4() -> String {
    let mut b = [0u8; 16];
    rand::rng().fill_bytes(&mut b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// A tracker code a person can read back: 12 characters in 3 groups.
fn tracker_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut b = [0u8; 12];
    rand::rng().fill_bytes(&mut b);
    let chars: String = b
        .iter()
        .map(|x| ALPHABET[usize::from(*x) % ALPHABET.len()] as char)
        .collect();
    format!("{}-{}-{}", &chars[0..4], &chars[4..8], &chars[8..12])
}

/// Records `org`'s ballot in `poll`, cast by a delegate of `caster` (the
/// organisation itself, or its proxy holder). One transaction: the poll is
/// open throughout, the caster is the one fixed at opening, the "has voted"
/// row is new, and the ballot is written with it.
pub async fn cast(
    db: &Db,
    poll: i64,
    org: i64,
    caster: i64,
    ballot: &BallotContent,
) -> Result<Cast, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    // On PostgreSQL a shared lock on the poll row: casts run side by side,
    // and a close (an update of the row) waits until they are committed.
    let lock = match db.backend() {
        Backend::Postgres => "SELECT kind, secret, seats, candidates FROM polls WHERE id = $1 AND status = 'open' FOR SHARE",
        Backend::Sqlite => "SELECT kind, secret, seats, candidates FROM polls WHERE id = $1 AND status = 'open'",
    };
    let found: Option<(String, i64, i64, String)> = sqlx::query_as(lock)
        .bind(poll)
        .fetch_optional(&mut *tx)
        .await?;
    let Some((kind, secret, seats, candidates)) = found else {
        return Ok(Cast::Closed);
    };
    let fits = match ballot {
        BallotContent::Motion(_) => kind == "motion",
        BallotContent::Election(marks) => {
            let count = serde_json::from_str::<Vec<String>>(&candidates).map_or(0, |c| c.len());
            kind == "election"
                && voting::check_election_ballot(marks, count, usize::try_from(seats).unwrap_or(0))
                    .is_ok()
        }
    };
    if !fits {
        return Ok(Cast::Invalid);
    }
    let allowed: Option<i64> = sqlx::query_scalar(
        "SELECT cast_by_org FROM poll_voters WHERE poll_id = $1 AND organisation_id = $2 AND cast_by_org = $3",
    )
    .bind(poll)
    .bind(org)
    .bind(caster)
    .fetch_optional(&mut *tx)
    .await?;
    if allowed.is_none() {
        return Ok(Cast::NotAVoter);
    }
    let first = sqlx::query(
        "INSERT INTO poll_votes (poll_id, organisation_id) VALUES ($1, $2) \
         ON CONFLICT (poll_id, organisation_id) DO NOTHING",
    )
    .bind(poll)
    .bind(org)
    .execute(&mut *tx)
    .await?;
    if first.rows_affected() != 1 {
        return Ok(Cast::AlreadyVoted);
    }
    let content = ballot.encode();
    let tracker = if secret == 1 {
        let tracker = tracker_code();
        sqlx::query(
            "INSERT INTO secret_ballots (id, poll_id, tracker, choice) VALUES ($1, $2, $3, $4)",
        )
        .bind(uuid_v4())
        .bind(poll)
        .bind(&tracker)
        .bind(&content)
        .execute(&mut *tx)
        .await?;
        Some(tracker)
    } else {
        sqlx::query(
            "INSERT INTO named_ballots (poll_id, organisation_id, choice) VALUES ($1, $2, $3)",
        )
        .bind(poll)
        .bind(org)
        .bind(&content)
        .execute(&mut *tx)
        .await?;
        None
    };
    tx.commit().await?;
    Ok(Cast::Recorded { tracker })
}

/// The ballots of a poll as stored: secret ones in id order (which says
/// nothing about who or when), named ones by organisation.
pub async fn ballots(db: &Db, poll: i64) -> Result<Vec<String>, sqlx::Error> {
    let secret: i64 = sqlx::query_scalar("SELECT secret FROM polls WHERE id = $1")
        .bind(poll)
        .fetch_one(db.pool())
        .await?;
    let sql = if secret == 1 {
        "SELECT choice FROM secret_ballots WHERE poll_id = $1 ORDER BY id"
    } else {
        "SELECT choice FROM named_ballots WHERE poll_id = $1 ORDER BY organisation_id"
    };
    sqlx::query_scalar(sql)
        .bind(poll)
        .fetch_all(db.pool())
        .await
}

/// The published bulletin of a closed secret poll: (tracker, ballot), in id
/// order. Empty while the poll is open.
pub async fn bulletin(db: &Db, poll: i64) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT b.tracker, b.choice FROM secret_ballots b JOIN polls p ON p.id = b.poll_id \
         WHERE b.poll_id = $1 AND p.status = 'closed' ORDER BY b.id",
    )
    .bind(poll)
    .fetch_all(db.pool())
    .await
}

/// The count of a motion poll.
pub async fn motion_result(db: &Db, poll: i64) -> Result<MotionResult, sqlx::Error> {
    let (rule, present): (String, i64) =
        sqlx::query_as("SELECT rule, present_at_open FROM polls WHERE id = $1")
            .bind(poll)
            .fetch_one(db.pool())
            .await?;
    let choices: Vec<Choice> = ballots(db, poll)
        .await?
        .iter()
        .filter_map(|c| match c.as_str() {
            "yes" => Some(Choice::Yes),
            "no" => Some(Choice::No),
            "abstain" => Some(Choice::Abstain),
            _ => None,
        })
        .collect();
    let rule = Rule::from_code(&rule).unwrap_or(Rule::SimpleMajority);
    Ok(voting::tally_motion(
        &choices,
        u64::try_from(present).unwrap_or(0),
        rule,
    ))
}

/// The count of an election poll.
pub async fn election_result(db: &Db, poll: i64) -> Result<ElectionResult, sqlx::Error> {
    let (seats, candidates): (i64, String) =
        sqlx::query_as("SELECT seats, candidates FROM polls WHERE id = $1")
            .bind(poll)
            .fetch_one(db.pool())
            .await?;
    let count = serde_json::from_str::<Vec<String>>(&candidates).map_or(0, |c| c.len());
    let marks: Vec<Vec<usize>> = ballots(db, poll)
        .await?
        .iter()
        .filter_map(|c| serde_json::from_str(c).ok())
        .collect();
    Ok(voting::tally_election(
        count,
        usize::try_from(seats).unwrap_or(0),
        &marks,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_trackers_have_their_forms() {
        let id = uuid_v4();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4", "version 4");
        assert!(
            matches!(&id[19..20], "8" | "9" | "a" | "b"),
            "RFC 4122 variant"
        );
        assert_ne!(uuid_v4(), uuid_v4());
        let t = tracker_code();
        assert_eq!(t.len(), 14);
        assert_eq!(t.matches('-').count(), 2);
        assert!(!t.contains('0') && !t.contains('O') && !t.contains('1') && !t.contains('I'));
    }

    #[test]
    fn election_marks_are_stored_in_one_order() {
        let a = BallotContent::Election(vec![2, 0, 1]).encode();
        let b = BallotContent::Election(vec![0, 1, 2]).encode();
        assert_eq!(a, b);
        assert_eq!(a, "[0,1,2]");
    }

    #[test]
    fn placeholders_number_every_value() {
        assert_eq!(placeholders(2, 2), "($1, $2), ($3, $4)");
        assert_eq!(placeholders(1, 4), "($1, $2, $3, $4)");
    }
}
