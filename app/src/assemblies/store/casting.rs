//! Recording ballots, in groups. Each cast is handed to the database's one
//! committer, which takes every cast that is waiting (up to
//! [`GROUP_MOST`]), puts them in a random order and records them in one
//! transaction. While a poll is open, then, the rows a group writes share
//! one transaction id (PostgreSQL's `xmin`) and one commit, and sit in the
//! table in an order unrelated to the order of casting: someone reading the
//! database learns which group a ballot came with, not which organisation
//! cast it (docs/DECISIONS.md says what is left). Each cast is still
//! refused or recorded on its own terms, and answered only once its group
//! is committed. A group also costs one commit instead of one per cast.

use super::ballots::{tracker_code, uuid_v4, BallotContent, Cast};
use crate::audit::store::{self as audit, Entry};
use crate::db::{Backend, Db};
use crate::domain::ids::{OrganisationId, PollId};
use crate::domain::voting;
use rand::seq::SliceRandom;
use std::collections::BTreeMap;
use tokio::sync::{mpsc, oneshot};

/// The most casts one transaction carries.
const GROUP_MOST: usize = 256;

/// Casts waiting for the committer, at most this many (then a cast waits
/// to be queued).
const QUEUE_MOST: usize = 4096;

/// One cast waiting for its group.
struct Job {
    poll: PollId,
    org: OrganisationId,
    caster: OrganisationId,
    ballot: BallotContent,
    answer: oneshot::Sender<Result<Cast, sqlx::Error>>,
}

/// The way to a database's committer, started with its first cast.
#[derive(Default)]
pub struct Committer(std::sync::Mutex<Option<mpsc::Sender<Job>>>);

/// Records `org`'s ballot in `poll`, cast by a delegate of `caster` (the
/// organisation itself, or its proxy holder), in the next group's
/// transaction: the poll is open throughout, the caster is the one fixed at
/// opening, the "has voted" row is new, and the ballot is written with it.
/// Answers once the group is committed.
pub async fn cast(
    db: &Db,
    poll: PollId,
    org: OrganisationId,
    caster: OrganisationId,
    ballot: &BallotContent,
) -> Result<Cast, sqlx::Error> {
    let (answer, answered) = oneshot::channel();
    let job = Job {
        poll,
        org,
        caster,
        ballot: ballot.clone(),
        answer,
    };
    if committer(db).send(job).await.is_err() {
        return Err(sqlx::Error::PoolClosed);
    }
    answered.await.unwrap_or(Err(sqlx::Error::PoolClosed))
}

fn committer(db: &Db) -> mpsc::Sender<Job> {
    let kept = db.shared::<Committer>();
    let mut sender = kept.0.lock().unwrap_or_else(|e| e.into_inner());
    match sender.as_ref() {
        Some(sender) if !sender.is_closed() => sender.clone(),
        _ => {
            let (send, receive) = mpsc::channel(QUEUE_MOST);
            tokio::spawn(commit_groups(db.clone(), receive));
            *sender = Some(send.clone());
            send
        }
    }
}

async fn commit_groups(db: Db, mut jobs: mpsc::Receiver<Job>) {
    let mut group = Vec::with_capacity(GROUP_MOST);
    while let Some(first) = jobs.recv().await {
        group.push(first);
        while group.len() < GROUP_MOST {
            match jobs.try_recv() {
                Ok(job) => group.push(job),
                Err(_) => break,
            }
        }
        group.shuffle(&mut rand::rng());
        match record_group(&db, &group).await {
            Ok(outcomes) => {
                for (job, outcome) in group.drain(..).zip(outcomes) {
                    let _ = job.answer.send(Ok(outcome));
                }
            }
            // One cast's failure (or the database's) must not decide the
            // others: each is tried again alone.
            Err(error) => {
                tracing::warn!(%error, casts = group.len(), "a group of casts failed; each is tried alone");
                for job in group.drain(..) {
                    let outcome = record_group(&db, std::slice::from_ref(&job))
                        .await
                        .map(|mut one| one.remove(0));
                    let _ = job.answer.send(outcome);
                }
            }
        }
    }
}

/// What a cast needs to know of its poll, read (and on PostgreSQL locked)
/// at the start of the group's transaction.
struct OpenPoll {
    kind: String,
    secret: bool,
    seats: i64,
    candidates: usize,
}

/// Records `group` in one transaction, in its order; the outcomes in the
/// same order.
async fn record_group(db: &Db, group: &[Job]) -> Result<Vec<Cast>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    // Every poll of the group first, in id order: on PostgreSQL a shared
    // lock on the poll row, so casts run beside each other and a close (an
    // update of the row) waits until they are committed — taken before any
    // ballot is written, so a close of one poll never waits on a group that
    // waits on it.
    let lock = match db.backend() {
        Backend::Postgres => "SELECT kind, secret, seats, candidates FROM polls WHERE id = $1 AND status = 'open' FOR SHARE",
        Backend::Sqlite => "SELECT kind, secret, seats, candidates FROM polls WHERE id = $1 AND status = 'open'",
    };
    let mut polls = BTreeMap::new();
    for job in group {
        polls.entry(job.poll).or_insert(None);
    }
    for (poll, open) in polls.iter_mut() {
        let found: Option<(String, i64, i64, String)> = sqlx::query_as(lock)
            .bind(*poll)
            .fetch_optional(&mut *tx)
            .await?;
        *open = found.map(|(kind, secret, seats, candidates)| OpenPoll {
            kind,
            secret: secret == 1,
            seats,
            candidates: serde_json::from_str::<Vec<String>>(&candidates).map_or(0, |c| c.len()),
        });
    }
    let mut outcomes = Vec::with_capacity(group.len());
    for job in group {
        let outcome = match &polls[&job.poll] {
            None => Cast::Closed,
            Some(open) => record_one(db, &mut tx, open, job).await?,
        };
        outcomes.push(outcome);
    }
    tx.commit().await?;
    Ok(outcomes)
}

/// One cast inside its group's transaction. A refusal writes nothing.
async fn record_one(
    db: &Db,
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    poll: &OpenPoll,
    job: &Job,
) -> Result<Cast, sqlx::Error> {
    let fits = match &job.ballot {
        BallotContent::Motion(_) => poll.kind == "motion",
        BallotContent::Election(marks) => {
            poll.kind == "election"
                && voting::check_election_ballot(
                    marks,
                    poll.candidates,
                    usize::try_from(poll.seats).unwrap_or(0),
                )
                .is_ok()
        }
    };
    if !fits {
        return Ok(Cast::Invalid);
    }
    let allowed: Option<i64> = sqlx::query_scalar(
        "SELECT cast_by_org FROM poll_voters WHERE poll_id = $1 AND organisation_id = $2 AND cast_by_org = $3",
    )
    .bind(job.poll)
    .bind(job.org)
    .bind(job.caster)
    .fetch_optional(&mut **tx)
    .await?;
    if allowed.is_none() {
        return Ok(Cast::NotAVoter);
    }
    let first = sqlx::query(
        "INSERT INTO poll_votes (poll_id, organisation_id) VALUES ($1, $2) \
         ON CONFLICT (poll_id, organisation_id) DO NOTHING",
    )
    .bind(job.poll)
    .bind(job.org)
    .execute(&mut **tx)
    .await?;
    if first.rows_affected() != 1 {
        return Ok(Cast::AlreadyVoted);
    }
    let content = job.ballot.encode();
    let tracker = if poll.secret {
        let tracker = tracker_code();
        sqlx::query(
            "INSERT INTO secret_ballots (id, poll_id, tracker, choice) VALUES ($1, $2, $3, $4)",
        )
        .bind(uuid_v4())
        .bind(job.poll)
        .bind(&tracker)
        .bind(&content)
        .execute(&mut **tx)
        .await?;
        Some(tracker)
    } else {
        sqlx::query(
            "INSERT INTO named_ballots (poll_id, organisation_id, choice) VALUES ($1, $2, $3)",
        )
        .bind(job.poll)
        .bind(job.org)
        .bind(&content)
        .execute(&mut **tx)
        .await?;
        None
    };
    // A secret ballot is recorded as a fact: its poll, nothing else. A
    // named one is public anyway: its organisation, proxy holder and choice.
    let entry = if poll.secret {
        Entry::new("ballot.secret", format!("poll {}", job.poll)).anonymous()
    } else {
        Entry::new("ballot.named", format!("poll {}", job.poll))
            .anonymous()
            .with("organisation", job.org.get())
            .with("cast_by", job.caster.get())
            .with("choice", content)
    };
    audit::append(db, tx, &entry).await?;
    Ok(Cast::Recorded { tracker })
}
