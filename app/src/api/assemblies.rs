//! General Assemblies: what the assembly list, the assembly page and the
//! ballot screen show. Every change (announcing, checking in, proxies,
//! opening and closing polls, casting a ballot) is a plain form post handled
//! by the server's assembly routes, so all of it works without JavaScript.

use crate::auth::validate::Problem;
use crate::domain::voting::{ElectionResult, MotionResult, Rule};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// An assembly as the pages show it.
pub type AssemblyItem = crate::domain::assembly::Assembly;

/// A poll with what may be shown of it now: results and named votes of a
/// closed poll (named votes also while a named poll is open), the bulletin
/// of a closed secret poll.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollView {
    pub id: i64,
    pub agenda_item_id: Option<i64>,
    pub title_ka: String,
    pub title_en: String,
    pub kind: String,
    pub secret: bool,
    pub rule: Rule,
    pub seats: i64,
    pub candidates: Vec<String>,
    pub status: String,
    pub voters: i64,
    pub voted: i64,
    pub closed_at: Option<i64>,
    pub motion: Option<MotionResult>,
    pub election: Option<ElectionResult>,
    /// Named polls: (organisation ka, en, choice as stored).
    pub named: Vec<(String, String, String)>,
    /// Closed secret polls: (tracker, choice as stored).
    pub bulletin: Vec<(String, String)>,
}

/// Present voting organisations against all voting organisations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuorumView {
    pub present: i64,
    pub voters: i64,
    pub needed: i64,
    pub met: bool,
    /// Every organisation checked in, voting or not.
    pub attending: i64,
}

/// What changes during a session, sent to every open screen of the
/// assembly as it changes (server-sent events): the quorum, and per poll
/// that is not a draft its status, turnout and — for open named polls — who
/// voted what (organisation id, choice as stored). Nothing in it is secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveSnapshot {
    pub status: String,
    pub quorum: QuorumView,
    pub polls: Vec<LivePoll>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LivePoll {
    pub id: i64,
    pub status: String,
    pub voted: i64,
    pub voters: i64,
    pub named: Vec<(i64, String)>,
}

impl LiveSnapshot {
    /// What a screen must load again for: the assembly's status and the
    /// polls and their statuses (turnout and named votes update in place).
    pub fn shape(&self) -> (String, Vec<(i64, String)>) {
        (
            self.status.clone(),
            self.polls
                .iter()
                .map(|p| (p.id, p.status.clone()))
                .collect(),
        )
    }

    pub fn poll(&self, id: i64) -> Option<&LivePoll> {
        self.polls.iter().find(|p| p.id == id)
    }
}

/// The snapshot of an assembly now.
#[cfg(feature = "ssr")]
pub async fn live_snapshot(
    db: &crate::db::Db,
    id: i64,
    voting: &crate::config::VotingSettings,
) -> Result<Option<LiveSnapshot>, sqlx::Error> {
    use crate::db::assemblies;
    let Some(assembly) = assemblies::get(db, id).await? else {
        return Ok(None);
    };
    let quorum = quorum_view(db, id, voting).await?;
    let mut polls = Vec::new();
    for p in assemblies::polls(db, id).await? {
        if p.status == "draft" {
            continue;
        }
        // Named votes stream while the vote is open; once closed, screens
        // load them with the results.
        let named = if p.secret || p.status != "open" {
            Vec::new()
        } else {
            assemblies::named_choices(db, p.id).await?
        };
        polls.push(LivePoll {
            id: p.id,
            status: p.status,
            voted: p.voted,
            voters: p.voters,
            named,
        });
    }
    Ok(Some(LiveSnapshot {
        status: assembly.status,
        quorum,
        polls,
    }))
}

#[cfg(feature = "ssr")]
async fn quorum_view(
    db: &crate::db::Db,
    id: i64,
    settings: &crate::config::VotingSettings,
) -> Result<QuorumView, sqlx::Error> {
    let categories = settings.category_codes();
    let (present, voters, attending) =
        crate::db::assemblies::attendance(db, id, &categories).await?;
    let (p, v) = (present.max(0) as u64, voters.max(0) as u64);
    Ok(QuorumView {
        present,
        voters,
        needed: settings.quorum.needed(v) as i64,
        met: settings.quorum.is_met(p, v),
        attending,
    })
}

/// The caller's organisation at this assembly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyPart {
    pub org_id: i64,
    pub name_ka: String,
    pub name_en: String,
    pub checked_in: bool,
    pub votes: bool,
    /// To whom this organisation gave its proxy (names ka, en).
    pub proxy_to: Option<(String, String)>,
    /// Organisations whose proxy this one holds.
    pub proxies_held: Vec<(String, String)>,
}

/// An organisation in staff's check-in list and the proxy choice:
/// (id, name ka, name en, votes, checked in).
pub type OrgLine = (i64, String, String, bool, bool);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssemblyView {
    pub assembly: AssemblyItem,
    /// (id, position, title ka, title en)
    pub agenda: Vec<(i64, i64, String, String)>,
    pub polls: Vec<PollView>,
    pub quorum: QuorumView,
    pub me: Option<MyPart>,
    pub staff: bool,
    pub organisations: Vec<OrgLine>,
    pub problems: Vec<(String, Problem)>,
    pub values: Vec<(String, String)>,
    /// What the last post did (a code the page turns into a sentence).
    pub notice: String,
}

/// What a refused or finished assembly post hands back to the page.
#[derive(Debug, Clone)]
pub struct AssemblySubmitted {
    pub problems: Vec<(String, Problem)>,
    pub values: Vec<(String, String)>,
}

/// A ballot post: the choice to confirm, or the outcome of casting it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum BallotStage {
    /// Chosen, not yet cast: shown back for confirmation.
    Confirm { org: i64, choice: String },
    /// Recorded; secret polls carry the voter's tracker code.
    Recorded { org: i64, tracker: Option<String> },
    /// Refused: already voted, not a voter, poll closed, or no choice.
    Refused { org: i64, reason: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotView {
    pub assembly: AssemblyItem,
    pub poll: PollView,
    /// The ballots the caller's organisation casts here: its own, then the
    /// proxies it holds: (organisation id, name ka, name en, has voted).
    pub ballots: Vec<(i64, String, String, bool)>,
    pub stage: Option<BallotStage>,
    /// The caller's own organisation (its ballot is not a proxy's).
    pub own_org: Option<i64>,
}

#[cfg(feature = "ssr")]
fn voting() -> crate::config::VotingSettings {
    use_context::<crate::config::SiteConfig>()
        .map(|s| s.voting)
        .unwrap_or_default()
}

#[cfg(feature = "ssr")]
async fn poll_view(
    db: &crate::db::Db,
    p: crate::db::assemblies::Poll,
) -> Result<PollView, sqlx::Error> {
    use crate::db::assemblies;
    let closed = p.status == "closed";
    let (motion, election) = match (closed, p.kind.as_str()) {
        (true, "motion") => (Some(assemblies::motion_result(db, p.id).await?), None),
        (true, _) => (None, Some(assemblies::election_result(db, p.id).await?)),
        _ => (None, None),
    };
    let named = if !p.secret && p.status != "draft" {
        assemblies::named_votes(db, p.id).await?
    } else {
        Vec::new()
    };
    let bulletin = if p.secret && closed {
        assemblies::bulletin(db, p.id).await?
    } else {
        Vec::new()
    };
    Ok(PollView {
        id: p.id,
        agenda_item_id: p.agenda_item_id,
        title_ka: p.title_ka,
        title_en: p.title_en,
        kind: p.kind,
        secret: p.secret,
        rule: p.rule,
        seats: p.seats,
        candidates: p.candidates,
        status: p.status,
        voters: p.voters,
        voted: p.voted,
        closed_at: p.closed_at,
        motion,
        election,
        named,
        bulletin,
    })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssembliesView {
    pub list: Vec<AssemblyItem>,
    pub staff: bool,
    /// A refused "call an assembly" post: its problems and what was typed.
    pub problems: Vec<(String, Problem)>,
    pub values: Vec<(String, String)>,
}

/// Assemblies for participants; staff also see drafts.
#[server(input = GetUrl)]
pub async fn list_assemblies() -> Result<AssembliesView, AppError> {
    use crate::auth::Access;
    let caller = crate::auth::server::require(Access::Participant)?;
    let staff = Access::Staff.allows(Some(&caller));
    let db = super::server::db()?;
    let list = crate::db::assemblies::list(&db, staff).await?;
    let (problems, values) = use_context::<AssemblySubmitted>()
        .map(|s| (s.problems, s.values))
        .unwrap_or_default();
    Ok(AssembliesView {
        list,
        staff,
        problems,
        values,
    })
}

#[server(input = GetUrl)]
pub async fn load_assembly(id: i64, notice: String) -> Result<AssemblyView, AppError> {
    use crate::auth::{Access, Role};
    use crate::db::assemblies;
    let caller = crate::auth::server::require(Access::Participant)?;
    let staff = Access::Staff.allows(Some(&caller));
    let db = super::server::db()?;
    let Some(assembly) = assemblies::get(&db, id)
        .await?
        .filter(|a| staff || a.status != "draft")
    else {
        super::server::set_not_found();
        return Err(AppError::NotFound);
    };
    let settings = voting();
    let categories = settings.category_codes();
    let quorum = quorum_view(&db, id, &settings).await?;
    let organisations = assemblies::organisations(&db, id, &categories).await?;
    let me = match (caller.role, caller.organisation_id) {
        (Role::Member, Some(org)) => {
            let line = organisations.iter().find(|o| o.0 == org).cloned();
            match line {
                Some((org_id, name_ka, name_en, votes, checked_in)) => {
                    let (proxy_to, proxies_held) = assemblies::proxies_of(&db, id, org_id).await?;
                    Some(MyPart {
                        org_id,
                        name_ka,
                        name_en,
                        checked_in,
                        votes,
                        proxy_to,
                        proxies_held,
                    })
                }
                None => None,
            }
        }
        _ => None,
    };
    let mut polls = Vec::new();
    for p in assemblies::polls(&db, id).await? {
        if staff || p.status != "draft" {
            polls.push(poll_view(&db, p).await?);
        }
    }
    let (problems, values) = use_context::<AssemblySubmitted>()
        .map(|s| (s.problems, s.values))
        .unwrap_or_default();
    Ok(AssemblyView {
        assembly,
        agenda: assemblies::agenda(&db, id).await?,
        polls,
        quorum,
        me,
        staff,
        organisations: if staff {
            organisations
        } else {
            organisations.into_iter().filter(|o| o.3).collect()
        },
        problems,
        values,
        notice,
    })
}

#[server(input = GetUrl)]
pub async fn load_ballot(assembly: i64, poll: i64) -> Result<BallotView, AppError> {
    use crate::auth::{Access, Role};
    use crate::db::assemblies;
    let caller = crate::auth::server::require(Access::Participant)?;
    let db = super::server::db()?;
    let found = assemblies::poll(&db, poll)
        .await?
        .filter(|p| p.assembly_id == assembly && p.status != "draft");
    let staff = Access::Staff.allows(Some(&caller));
    let found_assembly = assemblies::get(&db, assembly)
        .await?
        .filter(|a| staff || a.status != "draft");
    let (Some(p), Some(a)) = (found, found_assembly) else {
        super::server::set_not_found();
        return Err(AppError::NotFound);
    };
    let ballots = match (caller.role, caller.organisation_id) {
        (Role::Member, Some(org)) => assemblies::ballots_of(&db, poll, org).await?,
        _ => Vec::new(),
    };
    Ok(BallotView {
        assembly: a,
        poll: poll_view(&db, p).await?,
        ballots,
        stage: use_context::<BallotStage>(),
        own_org: caller.organisation_id,
    })
}
