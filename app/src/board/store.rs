//! The Board's terms and seats; confirming a Board election's elected
//! (through its run-offs); the one reminder mail before a term ends.

use super::{BoardSeat, BoardTerm, ElectedAt, Outcome};
use crate::assemblies::store as assemblies;
use crate::audit::store::{self as audit, Entry};
use crate::db::{now_unix, Db};
use crate::domain::assembly::PollStatus;
use crate::domain::date::Date;
use crate::domain::ids::{AssemblyId, OrganisationId, PollId, UserId};

#[derive(sqlx::FromRow)]
struct TermRow {
    id: i64,
    starts_on: String,
    ends_on: String,
    assembly_id: Option<AssemblyId>,
    title_ka: Option<String>,
    title_en: Option<String>,
}

#[derive(sqlx::FromRow)]
struct SeatRow {
    term_id: i64,
    #[sqlx(flatten)]
    seat: BoardSeat,
}

/// Every term recorded, latest start first, with its seats; a term whose
/// successor took office before it ended says when it left.
#[tracing::instrument(skip(db))]
pub async fn terms(db: &Db) -> Result<Vec<BoardTerm>, sqlx::Error> {
    let rows: Vec<TermRow> = sqlx::query_as(
        "SELECT t.id, t.starts_on, t.ends_on, a.id AS assembly_id, a.title_ka, a.title_en \
         FROM board_terms t LEFT JOIN polls p ON p.id = t.poll_id \
         LEFT JOIN assemblies a ON a.id = p.assembly_id \
         ORDER BY t.starts_on DESC, t.id DESC",
    )
    .fetch_all(db.pool())
    .await?;
    // Seats link to a profile only while it is public.
    let seats: Vec<SeatRow> = sqlx::query_as(
        "SELECT b.term_id, b.seat, b.role, b.person_ka, b.person_en, \
           COALESCE(o.name_ka, '') AS organisation_ka, COALESCE(o.name_en, '') AS organisation_en, \
           CASE WHEN o.status = 'active' AND o.listed = 1 THEN o.slug ELSE '' END AS organisation_slug \
         FROM board_members b LEFT JOIN organisations o ON o.id = b.organisation_id \
         ORDER BY b.term_id, b.seat",
    )
    .fetch_all(db.pool())
    .await?;
    let mut terms: Vec<BoardTerm> = Vec::with_capacity(rows.len());
    for row in rows {
        let left_on = terms
            .last()
            .map(|later| later.starts_on.clone())
            .filter(|successor| *successor < row.ends_on);
        terms.push(BoardTerm {
            starts_on: row.starts_on,
            ends_on: row.ends_on,
            left_on,
            elected_at: row.assembly_id.map(|assembly| ElectedAt {
                assembly,
                title_ka: row.title_ka.unwrap_or_default(),
                title_en: row.title_en.unwrap_or_default(),
            }),
            seats: seats
                .iter()
                .filter(|s| s.term_id == row.id)
                .map(|s| s.seat.clone())
                .collect(),
        });
    }
    Ok(terms)
}

/// A seat of a new term, as staff, an election or the seed write it.
#[derive(Debug, Clone)]
pub struct NewSeat {
    pub seat: i64,
    pub role: &'static str,
    pub person_ka: String,
    pub person_en: String,
    pub organisation_id: Option<OrganisationId>,
}

/// A new Board term.
#[derive(Debug, Clone)]
pub struct NewTerm<'a> {
    pub starts_on: Date,
    pub seats: &'a [NewSeat],
    /// The election whose elected it confirms.
    pub poll: Option<PollId>,
    pub by: Option<UserId>,
}

/// What recording a term did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    Recorded,
    /// It does not start after the latest term on record.
    Overlaps,
    /// This election's Board is already on record.
    AlreadyConfirmed,
}

/// Records a term (ending three years on) with its seats, in one
/// transaction, audited; an election's Board once only.
#[tracing::instrument(skip(db, term))]
pub async fn record(db: &Db, term: &NewTerm<'_>) -> Result<Recorded, sqlx::Error> {
    let starts_on = term.starts_on.to_string();
    let ends_on = super::term_end(term.starts_on).to_string();
    let mut tx = db.begin_write().await?;
    let latest: Option<String> = sqlx::query_scalar("SELECT MAX(starts_on) FROM board_terms")
        .fetch_one(&mut *tx)
        .await?;
    if latest.is_some_and(|latest| latest >= starts_on) {
        return Ok(Recorded::Overlaps);
    }
    let term_id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO board_terms (starts_on, ends_on, poll_id, recorded_at, recorded_by) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(&starts_on)
    .bind(&ends_on)
    .bind(term.poll)
    .bind(now_unix())
    .bind(term.by)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(term_id) = term_id else {
        return Ok(Recorded::AlreadyConfirmed);
    };
    insert_seats(&mut tx, term_id, term.seats).await?;
    let mut seats = Vec::new();
    for seat in term.seats {
        seats.push(serde_json::json!({
            "seat": seat.seat,
            "role": seat.role,
            "person_ka": seat.person_ka,
            "person_en": seat.person_en,
            "organisation": seat.organisation_id.map(|o| o.get()),
        }));
    }
    let kind = if term.poll.is_some() {
        "board.confirmed"
    } else {
        "board.recorded"
    };
    let entry = Entry::new(kind, format!("board term {term_id}"))
        .by(term.by)
        .with("starts_on", starts_on.as_str())
        .with("ends_on", ends_on.as_str())
        .with("poll", term.poll.map(|p| p.get()))
        .with("seats", serde_json::Value::Array(seats));
    audit::append(db, &mut tx, &entry).await?;
    tx.commit().await?;
    Ok(Recorded::Recorded)
}

/// The seed's term: its own dates, no audit entry (the demo's history).
pub async fn insert_term(
    db: &Db,
    starts_on: &str,
    ends_on: &str,
    poll: Option<PollId>,
    seats: &[NewSeat],
) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let term_id: i64 = sqlx::query_scalar(
        "INSERT INTO board_terms (starts_on, ends_on, poll_id) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(starts_on)
    .bind(ends_on)
    .bind(poll)
    .fetch_one(&mut *tx)
    .await?;
    insert_seats(&mut tx, term_id, seats).await?;
    tx.commit().await?;
    Ok(term_id)
}

/// A term's seats, in its transaction.
async fn insert_seats(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    term_id: i64,
    seats: &[NewSeat],
) -> Result<(), sqlx::Error> {
    for seat in seats {
        sqlx::query(
            "INSERT INTO board_members (term_id, seat, role, person_ka, person_en, organisation_id) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(term_id)
        .bind(seat.seat)
        .bind(seat.role)
        .bind(&seat.person_ka)
        .bind(&seat.person_en)
        .bind(seat.organisation_id)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// A Board election and its elected, through its run-offs: the election
/// (the first of the chain), where it stands, and the elected names — the
/// election's by votes, then each run-off's.
#[derive(Debug, Clone)]
pub struct Elected {
    pub election: assemblies::Poll,
    pub outcome: Outcome,
    pub names: Vec<String>,
}

pub async fn elected(db: &Db, poll: PollId) -> Result<Option<Elected>, sqlx::Error> {
    let Some(mut election) = assemblies::poll(db, poll).await? else {
        return Ok(None);
    };
    // A run-off's election is the one it resolves (and so on up).
    while let Some(of) = election.runoff_of {
        match assemblies::poll(db, of).await? {
            Some(earlier) => election = earlier,
            None => break,
        }
    }
    let confirmed: Option<i64> =
        sqlx::query_scalar("SELECT id FROM board_terms WHERE poll_id = $1")
            .bind(election.id)
            .fetch_optional(db.pool())
            .await?;
    let mut names = Vec::new();
    let mut step = election.clone();
    let outcome = loop {
        if step.kind != "election" || step.status != PollStatus::Closed {
            break if step.id == election.id {
                Outcome::NotClosed
            } else {
                Outcome::TieOpen
            };
        }
        let result = assemblies::election_result(db, step.id).await?;
        names.extend(
            result
                .elected
                .iter()
                .filter_map(|i| step.candidates.get(*i).cloned()),
        );
        if result.runoff.is_empty() {
            break Outcome::Ready;
        }
        match step.runoff {
            Some(next) => match assemblies::poll(db, next).await? {
                Some(next) => step = next,
                None => break Outcome::TieOpen,
            },
            None => break Outcome::TieOpen,
        }
    };
    let outcome = if confirmed.is_some() {
        Outcome::Confirmed
    } else {
        outcome
    };
    Ok(Some(Elected {
        election,
        outcome,
        names,
    }))
}

/// Member organisations a Board seat may name: (id, ka, en), by name.
pub async fn organisations(db: &Db) -> Result<Vec<(OrganisationId, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, name_ka, name_en FROM organisations WHERE status = 'active' \
         ORDER BY name_ka, id",
    )
    .fetch_all(db.pool())
    .await
}

/// Whether `org` may hold a Board seat (a member organisation).
pub async fn is_member(db: &Db, org: OrganisationId) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT id FROM organisations WHERE id = $1 AND status = 'active'")
            .bind(org)
            .fetch_optional(db.pool())
            .await?;
    Ok(found.is_some())
}

/// The term that calls for the reminder mail `today` and has not had it:
/// claimed (marked sent) in `tx`, so two instances send it once. Returns
/// its last day.
pub async fn claim_reminder(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    today: Date,
) -> Result<Option<Date>, sqlx::Error> {
    let today_text = today.to_string();
    let latest: Option<(i64, String, Option<i64>)> = sqlx::query_as(
        "SELECT id, ends_on, reminded_at FROM board_terms ORDER BY starts_on DESC, id DESC LIMIT 1",
    )
    .fetch_optional(&mut **tx)
    .await?;
    // A later term on record (elected, not yet in office) needs no reminder:
    // only the latest term can call for one.
    let Some((id, ends_on, None)) = latest else {
        return Ok(None);
    };
    let Ok(ends) = Date::parse(&ends_on) else {
        return Ok(None);
    };
    if super::reminder(ends, today).is_none() || ends_on < today_text {
        return Ok(None);
    }
    let claimed = sqlx::query(
        "UPDATE board_terms SET reminded_at = $1 WHERE id = $2 AND reminded_at IS NULL",
    )
    .bind(now_unix())
    .bind(id)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok((claimed == 1).then_some(ends))
}
