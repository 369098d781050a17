//! General Assemblies in storage: attendance, proxies, polls, and the one
//! transaction that records a ballot. The counting itself is
//! `domain::voting`; here is what keeps votes right under concurrency: one
//! "has voted" row per organisation per poll (its primary key), written in
//! the same transaction as the ballot, and a poll that is open for the
//! whole of that transaction (a ballot racing the close is counted or
//! refused, never accepted and lost).

use super::{now_unix, Backend, Db};
use crate::domain::voting::{self, Choice, ElectionResult, MotionResult, Rule};
use rand::RngCore;

pub struct NewAssembly<'a> {
    pub title_ka: &'a str,
    pub title_en: &'a str,
    pub kind: &'a str,
    pub starts_at: i64,
    pub place: &'a str,
}

pub async fn create(db: &Db, a: &NewAssembly<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO assemblies (title_ka, title_en, kind, starts_at, place, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, 'in_session', $6) RETURNING id",
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
    pub title_ka: &'a str,
    pub kind: &'a str,
    pub secret: bool,
    pub rule: Rule,
    pub seats: i64,
    pub candidates: &'a [String],
}

pub async fn create_poll(db: &Db, p: &NewPoll<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO polls (assembly_id, title_ka, kind, secret, rule, seats, candidates) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(p.assembly_id)
    .bind(p.title_ka)
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
    let assembly: Option<i64> =
        sqlx::query_scalar("SELECT assembly_id FROM polls WHERE id = $1 AND status = 'draft'")
            .bind(poll)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(assembly) = assembly else {
        return Ok(None);
    };
    let categories = voting_categories
        .iter()
        .map(|c| format!("'{}'", c.replace('\'', "")))
        .collect::<Vec<_>>()
        .join(", ");
    let categories = if categories.is_empty() {
        "''".to_string()
    } else {
        categories
    };
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
pub async fn close_poll(db: &Db, poll: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE polls SET status = 'closed', closed_at = $1 WHERE id = $2 AND status = 'open'",
    )
    .bind(now_unix())
    .bind(poll)
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
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
            BallotContent::Election(marks) => serde_json::to_string(marks).unwrap_or_default(),
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
}
