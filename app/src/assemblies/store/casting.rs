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
use crate::db::{value_rows, Backend, Db};
use crate::domain::ids::{OrganisationId, PollId};
use crate::domain::voting;
use rand::seq::SliceRandom;
use std::collections::{BTreeMap, HashMap, HashSet};
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
/// same order. Each step is one statement for the whole group: who may
/// cast, the "has voted" rows, the ballots, the audit entries.
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
    // Who casts for each organisation of the group, per open poll.
    let mut casters: HashMap<(PollId, OrganisationId), OrganisationId> = HashMap::new();
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
        if open.is_some() {
            // Integers the server holds, written as literals.
            let orgs: Vec<String> = group
                .iter()
                .filter(|job| job.poll == *poll)
                .map(|job| job.org.get().to_string())
                .collect();
            let rows: Vec<(OrganisationId, OrganisationId)> = sqlx::query_as(&format!(
                "SELECT organisation_id, cast_by_org FROM poll_voters WHERE poll_id = $1 AND organisation_id IN ({})",
                orgs.join(", ")
            ))
            .bind(*poll)
            .fetch_all(&mut *tx)
            .await?;
            casters.extend(rows.into_iter().map(|(org, by)| ((*poll, org), by)));
        }
    }
    // Each cast's fate so far; `None`: it goes on to be recorded.
    let mut seen = HashSet::new();
    let mut outcomes: Vec<Option<Cast>> = group
        .iter()
        .map(|job| {
            let Some(open) = &polls[&job.poll] else {
                return Some(Cast::Closed);
            };
            if !fits(open, &job.ballot) {
                return Some(Cast::Invalid);
            }
            if casters.get(&(job.poll, job.org)) != Some(&job.caster) {
                return Some(Cast::NotAVoter);
            }
            // The same organisation twice in one group: the first counts.
            if !seen.insert((job.poll, job.org)) {
                return Some(Cast::AlreadyVoted);
            }
            None
        })
        .collect();
    let going: Vec<usize> = (0..group.len())
        .filter(|&i| outcomes[i].is_none())
        .collect();
    if going.is_empty() {
        tx.commit().await?;
        return Ok(outcomes
            .into_iter()
            .map(|o| o.unwrap_or(Cast::Closed))
            .collect());
    }
    // The "has voted" rows; an organisation that already has one (voted in
    // an earlier group) gets no new row and no ballot.
    let sql = format!(
        "INSERT INTO poll_votes (poll_id, organisation_id) VALUES {} \
         ON CONFLICT (poll_id, organisation_id) DO NOTHING RETURNING poll_id, organisation_id",
        value_rows(going.len(), 2)
    );
    let mut insert = sqlx::query_as::<_, (PollId, OrganisationId)>(&sql);
    for &i in &going {
        insert = insert.bind(group[i].poll).bind(group[i].org);
    }
    let first: HashSet<(PollId, OrganisationId)> =
        insert.fetch_all(&mut *tx).await?.into_iter().collect();
    let mut secret = Vec::new();
    let mut named = Vec::new();
    let mut entries = Vec::new();
    for &i in &going {
        let job = &group[i];
        if !first.contains(&(job.poll, job.org)) {
            outcomes[i] = Some(Cast::AlreadyVoted);
            continue;
        }
        let content = job.ballot.encode();
        let open = polls[&job.poll].as_ref().expect("checked above");
        // A secret ballot is recorded as a fact: its poll, nothing else. A
        // named one is public anyway: its organisation, proxy holder and
        // choice.
        if open.secret {
            let tracker = tracker_code();
            entries.push(Entry::new("ballot.secret", format!("poll {}", job.poll)).anonymous());
            secret.push((uuid_v4(), job.poll, tracker.clone(), content));
            outcomes[i] = Some(Cast::Recorded {
                tracker: Some(tracker),
            });
        } else {
            entries.push(
                Entry::new("ballot.named", format!("poll {}", job.poll))
                    .anonymous()
                    .with("organisation", job.org.get())
                    .with("cast_by", job.caster.get())
                    .with("choice", content.clone()),
            );
            named.push((job.poll, job.org, content));
            outcomes[i] = Some(Cast::Recorded { tracker: None });
        }
    }
    if !secret.is_empty() {
        let sql = format!(
            "INSERT INTO secret_ballots (id, poll_id, tracker, choice) VALUES {}",
            value_rows(secret.len(), 4)
        );
        let mut insert = sqlx::query(&sql);
        for (id, poll, tracker, choice) in &secret {
            insert = insert
                .bind(id.as_str())
                .bind(*poll)
                .bind(tracker.as_str())
                .bind(choice.as_str());
        }
        insert.execute(&mut *tx).await?;
    }
    if !named.is_empty() {
        let sql = format!(
            "INSERT INTO named_ballots (poll_id, organisation_id, choice) VALUES {}",
            value_rows(named.len(), 3)
        );
        let mut insert = sqlx::query(&sql);
        for (poll, org, choice) in &named {
            insert = insert.bind(*poll).bind(*org).bind(choice.as_str());
        }
        insert.execute(&mut *tx).await?;
    }
    audit::append_all(db, &mut tx, &entries).await?;
    tx.commit().await?;
    Ok(outcomes
        .into_iter()
        .map(|o| o.unwrap_or(Cast::Closed))
        .collect())
}

/// Whether a ballot has the poll's form (a motion's answer, or an
/// election's marks within the seats).
fn fits(poll: &OpenPoll, ballot: &BallotContent) -> bool {
    match ballot {
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
    }
}
