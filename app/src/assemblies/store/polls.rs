//! Polls: creating, opening and closing one; closing a secret poll
//! rewrites its rows so nothing in storage follows the order of casting.

use super::attendance::{attendance_sql, in_list};
use crate::audit::store::{self as audit, Entry};
use crate::db::{now_unix, Backend, Db};
use crate::domain::assembly::PollStatus;
use crate::domain::ids::{AgendaItemId, AssemblyId, PollId};
use crate::domain::voting::{Rule, VotingRules};

/// A poll as the assembly page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Poll {
    pub id: PollId,
    pub assembly_id: AssemblyId,
    pub agenda_item_id: Option<AgendaItemId>,
    pub title_ka: String,
    pub title_en: String,
    pub kind: String,
    pub secret: bool,
    pub rule: Rule,
    pub seats: i64,
    pub candidates: Vec<String>,
    pub status: PollStatus,
    /// Voters fixed at opening, and how many of them have voted.
    pub voters: i64,
    pub voted: i64,
    pub closed_at: Option<i64>,
    /// The quorum when it opened: (voting organisations present, needed).
    pub quorum_at_open: Option<(i64, i64)>,
    pub opened_at: Option<i64>,
    /// Voting organisations when it opened (the quorum's base).
    pub quorum_voters: Option<i64>,
    /// A run-off: the election whose tie it resolves.
    pub runoff_of: Option<PollId>,
    /// An election with a tie: the run-off held for it.
    pub runoff: Option<PollId>,
}

#[derive(sqlx::FromRow)]
struct PollRow {
    id: PollId,
    assembly_id: AssemblyId,
    agenda_item_id: Option<AgendaItemId>,
    title_ka: String,
    title_en: String,
    kind: String,
    secret: i64,
    rule: String,
    seats: i64,
    candidates: String,
    status: String,
    voters: i64,
    voted: i64,
    opened_at: Option<i64>,
    closed_at: Option<i64>,
    quorum_present: Option<i64>,
    quorum_needed: Option<i64>,
    quorum_voters: Option<i64>,
    runoff_of: Option<PollId>,
    runoff: Option<PollId>,
}

const POLL: &str =
    "SELECT p.id, p.assembly_id, p.agenda_item_id, p.title_ka, p.title_en, p.kind, p.secret, \
    p.rule, p.seats, p.candidates, p.status, \
    (SELECT COUNT(*) FROM poll_voters v WHERE v.poll_id = p.id) AS voters, \
    (SELECT COUNT(*) FROM poll_votes v WHERE v.poll_id = p.id) AS voted, p.opened_at, p.closed_at, \
    p.quorum_present, p.quorum_needed, p.quorum_voters, p.runoff_of, \
    (SELECT r.id FROM polls r WHERE r.runoff_of = p.id) AS runoff FROM polls p";

fn poll_of(r: PollRow) -> Poll {
    Poll {
        id: r.id,
        assembly_id: r.assembly_id,
        agenda_item_id: r.agenda_item_id,
        title_ka: r.title_ka,
        title_en: r.title_en,
        kind: r.kind,
        secret: r.secret == 1,
        rule: Rule::from_code(&r.rule).unwrap_or(Rule::SimpleMajority),
        seats: r.seats,
        candidates: serde_json::from_str(&r.candidates).unwrap_or_default(),
        status: PollStatus::from_code(&r.status).unwrap_or_default(),
        voters: r.voters,
        voted: r.voted,
        closed_at: r.closed_at,
        quorum_at_open: r.quorum_present.zip(r.quorum_needed),
        opened_at: r.opened_at,
        quorum_voters: r.quorum_voters,
        runoff_of: r.runoff_of,
        runoff: r.runoff,
    }
}

pub async fn polls(db: &Db, assembly: AssemblyId) -> Result<Vec<Poll>, sqlx::Error> {
    let rows: Vec<PollRow> =
        sqlx::query_as(&format!("{POLL} WHERE p.assembly_id = $1 ORDER BY p.id"))
            .bind(assembly)
            .fetch_all(db.pool())
            .await?;
    Ok(rows.into_iter().map(poll_of).collect())
}

pub async fn poll(db: &Db, id: PollId) -> Result<Option<Poll>, sqlx::Error> {
    let row: Option<PollRow> = sqlx::query_as(&format!("{POLL} WHERE p.id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    Ok(row.map(poll_of))
}

/// A poll's assembly and kind, without the counts of its voters and votes
/// (each a scan of the poll's rows): what a ballot post checks before the
/// ballot is cast, which reads the poll again in its transaction.
pub async fn poll_kind(db: &Db, id: PollId) -> Result<Option<(AssemblyId, String)>, sqlx::Error> {
    sqlx::query_as("SELECT assembly_id, kind FROM polls WHERE id = $1")
        .bind(id)
        .fetch_optional(db.pool())
        .await
}

pub struct NewPoll<'a> {
    pub assembly_id: AssemblyId,
    pub agenda_item_id: Option<AgendaItemId>,
    pub title_ka: &'a str,
    pub title_en: &'a str,
    pub kind: &'a str,
    pub secret: bool,
    pub rule: Rule,
    pub seats: i64,
    pub candidates: &'a [String],
}

pub async fn create_poll(db: &Db, p: &NewPoll<'_>) -> Result<PollId, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let id = insert_poll(db, &mut tx, p, None).await?;
    tx.commit().await?;
    id.ok_or(sqlx::Error::RowNotFound)
}

/// Prepares the run-off of election `of` (its tied candidates, the seats
/// the tie leaves open): once per election — `None` when one exists.
pub async fn create_runoff(
    db: &Db,
    of: PollId,
    p: &NewPoll<'_>,
) -> Result<Option<PollId>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let id = insert_poll(db, &mut tx, p, Some(of)).await?;
    tx.commit().await?;
    Ok(id)
}

async fn insert_poll(
    db: &Db,
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    p: &NewPoll<'_>,
    runoff_of: Option<PollId>,
) -> Result<Option<PollId>, sqlx::Error> {
    let id: Option<PollId> = sqlx::query_scalar(
        "INSERT INTO polls (assembly_id, agenda_item_id, title_ka, title_en, kind, secret, rule, seats, candidates, runoff_of) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING id",
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
    .bind(runoff_of)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(id) = id else {
        return Ok(None);
    };
    let entry = Entry::new("poll.created", format!("poll {id}"))
        .with("assembly", p.assembly_id.get())
        .with("item", p.agenda_item_id.map(|i| i.get()))
        .with("title_ka", p.title_ka)
        .with("title_en", p.title_en)
        .with("kind", p.kind)
        .with("secret", p.secret)
        .with("rule", p.rule.code())
        .with("seats", p.seats)
        .with("candidates", p.candidates.to_vec())
        .with("runoff_of", runoff_of.map(|r| r.get()));
    audit::append(db, tx, &entry).await?;
    Ok(Some(id))
}

/// What opening a poll did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opening {
    /// Open, with this many voters.
    Opened { voters: i64 },
    /// Not opened: the quorum is not met and opening without it was not
    /// confirmed.
    NoQuorum { present: i64, needed: i64 },
    /// Not opened: the poll is not a draft or the assembly not in session.
    NotNow,
}

/// Opens a poll and fixes who may vote under the assembly's rules: every
/// checked-in organisation of a voting category, and every voting
/// organisation that is not checked in but gave its proxy to one that is
/// (cast by the holder's delegate). The quorum as it stands is kept with
/// the poll; without quorum the poll opens only when `without_quorum`.
pub async fn open_poll(
    db: &Db,
    poll: PollId,
    rules: &VotingRules,
    without_quorum: bool,
) -> Result<Opening, sqlx::Error> {
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
        return Ok(Opening::NotNow);
    };
    let voting_categories = rules.category_codes();
    let (present, all, _): (i64, i64, i64) = sqlx::query_as(&attendance_sql(&voting_categories))
        .bind(assembly)
        .fetch_one(&mut *tx)
        .await?;
    let needed = rules.quorum.needed(all.max(0) as u64) as i64;
    if present < needed && !without_quorum {
        return Ok(Opening::NoQuorum { present, needed });
    }
    let categories = in_list(&voting_categories);
    sqlx::query(&format!(
        "INSERT INTO poll_voters (poll_id, organisation_id, cast_by_org) \
         SELECT $1, o.id, o.id FROM attendance a JOIN organisations o ON o.id = a.organisation_id \
         WHERE a.assembly_id = $2 AND a.checked_out_at IS NULL AND o.status = 'active' \
           AND o.category IN ({categories})"
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
           AND ha.checked_out_at IS NULL \
         WHERE p.assembly_id = $2 AND o.status = 'active' AND o.category IN ({categories}) \
           AND h.status = 'active' AND h.category IN ({categories}) \
           AND NOT EXISTS (SELECT 1 FROM attendance fa \
                           WHERE fa.assembly_id = p.assembly_id AND fa.organisation_id = p.from_org \
                             AND fa.checked_out_at IS NULL)"
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
        "UPDATE polls SET status = 'open', present_at_open = $1, opened_at = $2, \
         quorum_present = $3, quorum_needed = $4, quorum_voters = $5 WHERE id = $6",
    )
    .bind(voters)
    .bind(now_unix())
    .bind(present)
    .bind(needed)
    .bind(all)
    .bind(poll)
    .execute(&mut *tx)
    .await?;
    let entry = Entry::new("poll.opened", format!("poll {poll}"))
        .with("assembly", assembly)
        .with("voters", voters)
        .with("present", present)
        .with("needed", needed)
        .with("voting_organisations", all)
        .with("without_quorum", present < needed)
        .with("quorum", rules.quorum.code())
        .with("voting_categories", rules.categories_code());
    audit::append(db, &mut tx, &entry).await?;
    tx.commit().await?;
    Ok(Opening::Opened { voters })
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
pub async fn close_poll(db: &Db, poll: PollId) -> Result<bool, sqlx::Error> {
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
    let (voters, voted): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM poll_voters WHERE poll_id = $1), \
                (SELECT COUNT(*) FROM poll_votes WHERE poll_id = $1)",
    )
    .bind(poll)
    .fetch_one(&mut *tx)
    .await?;
    let entry = Entry::new("poll.closed", format!("poll {poll}"))
        .with("voters", voters)
        .with("ballots", voted);
    audit::append(db, &mut tx, &entry).await?;
    tx.commit().await?;
    if secret == 1 {
        if let Err(error) = compact(db).await {
            // The poll is closed and counted either way; the operator must
            // know the storage still holds the casting order.
            tracing::error!(%error, poll = poll.get(), "storage not compacted after a secret poll closed");
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
    poll: PollId,
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
pub(super) fn placeholders(rows: usize, columns: usize) -> String {
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
