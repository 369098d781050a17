//! Ballots: what a ballot says and what a cast answers (recording them is
//! `casting`), the bulletin board of trackers, and the results.

use crate::assemblies::{BallotLine, BulletinLine, NamedVote};
use crate::db::Db;
use crate::domain::ids::{OrganisationId, PollId};
use crate::domain::voting::{self, Choice, ElectionResult, MotionResult, Rule};
use rand::RngCore;

/// The ballots a delegate of `caster` casts in `poll`: its own first, then
/// the proxies it holds.
pub async fn ballots_of(
    db: &Db,
    poll: PollId,
    caster: OrganisationId,
) -> Result<Vec<BallotLine>, sqlx::Error> {
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
    .map(|rows: Vec<(OrganisationId, String, String, i64)>| {
        rows.into_iter()
            .map(|(org, name_ka, name_en, voted)| BallotLine {
                org,
                name_ka,
                name_en,
                voted: voted == 1,
            })
            .collect()
    })
}

/// The named ballots of a poll, by the organisations' Georgian names.
pub async fn named_votes(db: &Db, poll: PollId) -> Result<Vec<NamedVote>, sqlx::Error> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT o.name_ka, o.name_en, b.choice FROM named_ballots b \
         JOIN organisations o ON o.id = b.organisation_id WHERE b.poll_id = $1 ORDER BY o.name_ka",
    )
    .bind(poll)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(name_ka, name_en, choice)| NamedVote {
            name_ka,
            name_en,
            choice,
        })
        .collect())
}

/// The named ballots of a poll as (organisation id, choice), for live
/// screens (which know the names).
pub async fn named_choices(
    db: &Db,
    poll: PollId,
) -> Result<Vec<(OrganisationId, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT organisation_id, choice FROM named_ballots WHERE poll_id = $1 ORDER BY organisation_id",
    )
    .bind(poll)
    .fetch_all(db.pool())
    .await
}

/// What a ballot says: a motion choice or the marked candidates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BallotContent {
    Motion(Choice),
    Election(Vec<usize>),
}

impl BallotContent {
    pub(super) fn encode(&self) -> String {
        match self {
            BallotContent::Motion(choice) => choice.code().into(),
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
pub(super) fn uuid_v4() -> String {
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
pub(super) fn tracker_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut b = [0u8; 12];
    rand::rng().fill_bytes(&mut b);
    let chars: String = b
        .iter()
        .map(|x| ALPHABET[usize::from(*x) % ALPHABET.len()] as char)
        .collect();
    format!("{}-{}-{}", &chars[0..4], &chars[4..8], &chars[8..12])
}

/// The ballots of a poll as stored: secret ones in id order (which says
/// nothing about who or when), named ones by organisation.
pub async fn ballots(db: &Db, poll: PollId) -> Result<Vec<String>, sqlx::Error> {
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
pub async fn bulletin(db: &Db, poll: PollId) -> Result<Vec<BulletinLine>, sqlx::Error> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT b.tracker, b.choice FROM secret_ballots b JOIN polls p ON p.id = b.poll_id \
         WHERE b.poll_id = $1 AND p.status = 'closed' ORDER BY b.id",
    )
    .bind(poll)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(tracker, choice)| BulletinLine { tracker, choice })
        .collect())
}

/// The count of a motion poll.
pub async fn motion_result(db: &Db, poll: PollId) -> Result<MotionResult, sqlx::Error> {
    let (rule, present): (String, i64) =
        sqlx::query_as("SELECT rule, present_at_open FROM polls WHERE id = $1")
            .bind(poll)
            .fetch_one(db.pool())
            .await?;
    let choices: Vec<Choice> = ballots(db, poll)
        .await?
        .iter()
        .filter_map(|c| Choice::from_code(c))
        .collect();
    let rule = Rule::from_code(&rule).unwrap_or(Rule::SimpleMajority);
    Ok(voting::tally_motion(
        &choices,
        u64::try_from(present).unwrap_or(0),
        rule,
    ))
}

/// The count of an election poll.
pub async fn election_result(db: &Db, poll: PollId) -> Result<ElectionResult, sqlx::Error> {
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
    use super::super::polls::placeholders;
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
