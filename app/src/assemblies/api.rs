//! Assembly reads: the list, one assembly for its participants, a ballot,
//! and the live snapshot the stream sends.

use super::{AssembliesView, AssemblyView, BallotView};
#[cfg(feature = "ssr")]
use super::{AssemblySubmitted, BallotStage, LivePoll, LiveSnapshot, MyPart, PollView, QuorumView};
#[cfg(feature = "ssr")]
use crate::domain::assembly::{AssemblyStatus, PollStatus};
use crate::domain::ids::{AssemblyId, PollId};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The snapshot of an assembly now.
#[cfg(feature = "ssr")]
pub async fn live_snapshot(
    db: &crate::db::Db,
    id: AssemblyId,
) -> Result<Option<LiveSnapshot>, sqlx::Error> {
    use super::store as assemblies;
    let Some(assembly) = assemblies::get(db, id).await? else {
        return Ok(None);
    };
    let quorum = quorum_view(db, id, &assembly.rules).await?;
    let mut polls = Vec::new();
    for p in assemblies::polls(db, id).await? {
        if p.status == PollStatus::Draft {
            continue;
        }
        // Named votes stream while the vote is open; once closed, screens
        // load them with the results.
        let named = if p.secret || p.status != PollStatus::Open {
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
        agenda: assemblies::agenda(db, id).await?,
    }))
}

#[cfg(feature = "ssr")]
async fn quorum_view(
    db: &crate::db::Db,
    id: AssemblyId,
    rules: &crate::domain::voting::VotingRules,
) -> Result<QuorumView, sqlx::Error> {
    let categories = rules.category_codes();
    let (present, voters, attending) = super::store::attendance(db, id, &categories).await?;
    let (p, v) = (present.max(0) as u64, voters.max(0) as u64);
    Ok(QuorumView {
        present,
        voters,
        needed: rules.quorum.needed(v) as i64,
        met: rules.quorum.is_met(p, v),
        attending,
    })
}

/// The rules a new assembly is called with unless staff choose others.
#[cfg(feature = "ssr")]
fn default_rules() -> crate::domain::voting::VotingRules {
    use_context::<crate::config::SiteConfig>()
        .map(|s| s.voting)
        .unwrap_or_default()
}

#[cfg(feature = "ssr")]
async fn poll_view(db: &crate::db::Db, p: super::store::Poll) -> Result<PollView, sqlx::Error> {
    use super::store as assemblies;
    let closed = p.status == PollStatus::Closed;
    let (motion, election) = match (closed, p.kind.as_str()) {
        (true, "motion") => (Some(assemblies::motion_result(db, p.id).await?), None),
        (true, _) => (None, Some(assemblies::election_result(db, p.id).await?)),
        _ => (None, None),
    };
    let named = if !p.secret && p.status != PollStatus::Draft {
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
        quorum_at_open: p.quorum_at_open,
        runoff_of: p.runoff_of,
        runoff: p.runoff,
        motion,
        election,
        named,
        bulletin,
    })
}

/// Assemblies for participants; staff also see drafts.
#[server(input = GetUrl)]
pub async fn list_assemblies(page: i64) -> Result<AssembliesView, AppError> {
    use crate::auth::Access;
    let caller = crate::auth::server::require(Access::Participant)?;
    let staff = Access::Staff.allows(Some(&caller));
    let db = crate::platform::request::db()?;
    let list = super::store::list(&db, staff, page).await?;
    let (problems, values) = use_context::<AssemblySubmitted>()
        .map(|s| (s.problems, s.values))
        .unwrap_or_default();
    Ok(AssembliesView {
        list,
        staff,
        problems,
        values,
        rules: default_rules(),
    })
}

#[server(input = GetUrl)]
pub async fn load_assembly(id: AssemblyId, notice: String) -> Result<AssemblyView, AppError> {
    use super::store as assemblies;
    use crate::auth::{Access, Role};
    let caller = crate::auth::server::require(Access::Participant)?;
    let staff = Access::Staff.allows(Some(&caller));
    let db = crate::platform::request::db()?;
    let Some(assembly) = assemblies::get(&db, id)
        .await?
        .filter(|a| staff || a.status != AssemblyStatus::Draft)
    else {
        crate::platform::request::set_not_found();
        return Err(AppError::NotFound);
    };
    let categories = assembly.rules.category_codes();
    let quorum = quorum_view(&db, id, &assembly.rules).await?;
    let organisations = assemblies::organisations(&db, id, &categories).await?;
    let me = match (caller.role, caller.organisation_id) {
        (Role::Member, Some(org)) => match organisations.iter().find(|o| o.id == org).cloned() {
            Some(line) => {
                let (proxy_to, proxies_held) = assemblies::proxies_of(&db, id, line.id).await?;
                Some(MyPart {
                    org_id: line.id,
                    name_ka: line.name_ka,
                    name_en: line.name_en,
                    checked_in: line.checked_in,
                    votes: line.votes,
                    proxy_to,
                    proxies_held,
                })
            }
            None => None,
        },
        _ => None,
    };
    let mut polls = Vec::new();
    for p in assemblies::polls(&db, id).await? {
        if staff || p.status != PollStatus::Draft {
            polls.push(poll_view(&db, p).await?);
        }
    }
    let (problems, values) = use_context::<AssemblySubmitted>()
        .map(|s| (s.problems, s.values))
        .unwrap_or_default();
    Ok(AssemblyView {
        assembly,
        agenda: assemblies::agenda(&db, id).await?,
        documents: assemblies::documents(&db, id).await?,
        polls,
        quorum,
        me,
        staff,
        organisations: if staff {
            organisations
        } else {
            organisations.into_iter().filter(|o| o.votes).collect()
        },
        problems,
        values,
        notice,
    })
}

#[server(input = GetUrl)]
pub async fn load_ballot(assembly: AssemblyId, poll: PollId) -> Result<BallotView, AppError> {
    use super::store as assemblies;
    use crate::auth::{Access, Role};
    let caller = crate::auth::server::require(Access::Participant)?;
    let db = crate::platform::request::db()?;
    let found = assemblies::poll(&db, poll)
        .await?
        .filter(|p| p.assembly_id == assembly && p.status != PollStatus::Draft);
    let staff = Access::Staff.allows(Some(&caller));
    let found_assembly = assemblies::get(&db, assembly)
        .await?
        .filter(|a| staff || a.status != AssemblyStatus::Draft);
    let (Some(p), Some(a)) = (found, found_assembly) else {
        crate::platform::request::set_not_found();
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

/// An assembly's minutes for the printable page: participants (a draft's
/// only for staff).
#[server(input = GetUrl)]
pub async fn load_minutes(id: AssemblyId) -> Result<super::minutes::Minutes, AppError> {
    use crate::auth::Access;
    let caller = crate::auth::server::require(Access::Participant)?;
    let staff = Access::Staff.allows(Some(&caller));
    let db = crate::platform::request::db()?;
    match super::store::minutes(&db, id).await? {
        Some(m) if staff || m.assembly.status != AssemblyStatus::Draft.code() => Ok(m),
        _ => {
            crate::platform::request::set_not_found();
            Err(AppError::NotFound)
        }
    }
}
