//! During the session: check-in, proxies, and the polls (added, opened,
//! closed).

use super::{back, title_problem, Post, CANDIDATES_MAX, TITLE_MAX};
use crate::assemblies::store::{self as assemblies, NewPoll, Opening, ProxyOutcome, Withdrawal};
use crate::assemblies::AssemblySubmitted;
use crate::auth::validate::Problem;
use crate::auth::{Access, Role};
use crate::domain::assembly::{AssemblyStatus, PollStatus};
use crate::domain::ids::{AgendaItemId, OrganisationId, PollId};
use crate::domain::voting::Rule;
use crate::platform::post::{page_again, refuse, unavailable, value, Refusal};
use axum::http::request::Parts;
use axum::response::Response;

pub(super) async fn create_poll(post: Post<'_>, parts: Parts) -> Response {
    let Post {
        state,
        id,
        posted,
        lang,
        ..
    } = post;
    let here = format!("/assemblies/{id}");
    let (ka, en) = (
        value(posted, "poll_ka").trim(),
        value(posted, "poll_en").trim(),
    );
    let kind = value(posted, "kind");
    let rule = Rule::from_code(value(posted, "rule"));
    let seats: i64 = value(posted, "seats").trim().parse().unwrap_or(0);
    let candidates: Vec<String> = value(posted, "candidates")
        .lines()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(String::from)
        .collect();
    let agenda_items = match assemblies::agenda(&state.db, id).await {
        Ok(items) => items,
        Err(error) => return unavailable(lang, error),
    };
    let agenda_item = value(posted, "agenda_item").parse::<AgendaItemId>().ok();
    let mut problems = Vec::new();
    if let Some(p) = title_problem(ka) {
        problems.push(("poll_ka".to_string(), p));
    }
    if en.chars().count() > TITLE_MAX {
        problems.push(("poll_ka".into(), Problem::TooLong));
    }
    if !matches!(kind, "motion" | "election") || rule.is_none() {
        problems.push(("poll_ka".into(), Problem::InvalidChoice));
    }
    if agenda_item.is_some_and(|item| !agenda_items.iter().any(|a| a.id == item)) {
        problems.push(("poll_ka".into(), Problem::InvalidChoice));
    }
    if kind == "election" {
        let too_long = candidates.iter().any(|c| c.chars().count() > TITLE_MAX);
        if candidates.is_empty() {
            problems.push(("candidates".into(), Problem::Required));
        } else if too_long || candidates.len() > CANDIDATES_MAX {
            problems.push(("candidates".into(), Problem::TooLong));
        } else if seats < 1 || seats as usize > candidates.len() {
            problems.push(("candidates".into(), Problem::InvalidChoice));
        }
    }
    if !problems.is_empty() {
        let submitted = AssemblySubmitted {
            problems,
            values: posted.to_vec(),
        };
        return page_again(state, parts, &here, submitted).await;
    }
    let motion = kind == "motion";
    let new = NewPoll {
        assembly_id: id,
        agenda_item_id: agenda_item,
        title_ka: ka,
        title_en: en,
        kind,
        secret: value(posted, "secret") == "1",
        rule: rule.unwrap_or(Rule::SimpleMajority),
        seats: if motion { 1 } else { seats },
        candidates: if motion { &[] } else { &candidates },
    };
    match assemblies::get(&state.db, id).await {
        Ok(Some(a)) if !a.status.is_over() => {}
        Ok(Some(_)) => return back(id, "too_late"),
        Ok(None) => return refuse(lang, Refusal::NotFound),
        Err(error) => return unavailable(lang, error),
    }
    match assemblies::create_poll(&state.db, &new).await {
        Ok(_) => back(id, "poll"),
        Err(error) => unavailable(lang, error),
    }
}

/// Whose attendance a check-in or check-out post changes: a delegate's own
/// organisation, or for staff the organisation posted (on site) — only
/// while the assembly is in session; otherwise the answer to give.
async fn attendee(post: &Post<'_>) -> Result<OrganisationId, Response> {
    let (caller, lang, id) = (&post.session.caller, post.lang, post.id);
    let org = if Access::Staff.allows(Some(caller)) {
        value(post.posted, "org").parse::<OrganisationId>().ok()
    } else if caller.role == Role::Member {
        caller.organisation_id
    } else {
        None
    };
    let Some(org) = org else {
        return Err(refuse(lang, Refusal::Forbidden));
    };
    match assemblies::get(&post.state.db, id).await {
        Ok(Some(a)) if a.status == AssemblyStatus::InSession => Ok(org),
        Ok(Some(_)) => Err(back(id, "stale")),
        Ok(None) => Err(refuse(lang, Refusal::NotFound)),
        Err(error) => Err(unavailable(lang, error)),
    }
}

/// A delegate checks their own organisation in; staff check in the
/// organisation posted (on site).
pub(super) async fn check_in(post: Post<'_>) -> Response {
    let org = match attendee(&post).await {
        Ok(org) => org,
        Err(answer) => return answer,
    };
    let Post {
        state,
        id,
        session,
        lang,
        ..
    } = post;
    match assemblies::check_in(&state.db, id, org, Some(session.caller.user_id)).await {
        Ok(_) => {
            state.live.publish(id).await;
            back(id, "checked_in")
        }
        Err(error) => unavailable(lang, error),
    }
}

/// A delegate checks their own organisation out (leaving the hall); staff
/// check out the organisation posted.
pub(super) async fn check_out(post: Post<'_>) -> Response {
    let org = match attendee(&post).await {
        Ok(org) => org,
        Err(answer) => return answer,
    };
    let Post {
        state,
        id,
        session,
        lang,
        ..
    } = post;
    match assemblies::check_out(&state.db, id, org, Some(session.caller.user_id)).await {
        Ok(true) => {
            state.live.publish(id).await;
            back(id, "checked_out")
        }
        Ok(false) => back(id, "stale"),
        Err(error) => unavailable(lang, error),
    }
}

/// A member takes back the proxy its organisation gave.
pub(super) async fn withdraw_proxy(post: Post<'_>) -> Response {
    let Post {
        state,
        id,
        session,
        lang,
        ..
    } = post;
    let (Role::Member, Some(from)) = (session.caller.role, session.caller.organisation_id) else {
        return refuse(lang, Refusal::Forbidden);
    };
    match assemblies::withdraw_proxy(&state.db, id, from).await {
        Ok(Withdrawal::Withdrawn) => back(id, "proxy_withdrawn"),
        Ok(Withdrawal::NoProxy) => back(id, "stale"),
        Ok(Withdrawal::NotNow) => back(id, "proxies_closed"),
        Err(error) => unavailable(lang, error),
    }
}

/// A voting member authorises another voting member for this assembly.
pub(super) async fn proxy(post: Post<'_>) -> Response {
    let Post {
        state,
        id,
        session,
        posted,
        lang,
    } = post;
    let (Role::Member, Some(from)) = (session.caller.role, session.caller.organisation_id) else {
        return refuse(lang, Refusal::Forbidden);
    };
    let Ok(to) = value(posted, "to").parse::<OrganisationId>() else {
        return back(id, "stale");
    };
    let rules = match assemblies::get(&state.db, id).await {
        Ok(Some(assembly)) => assembly.rules,
        Ok(None) => return refuse(lang, Refusal::NotFound),
        Err(error) => return unavailable(lang, error),
    };
    let categories = rules.category_codes();
    let organisations = match assemblies::organisations(&state.db, id, &categories).await {
        Ok(list) => list,
        Err(error) => return unavailable(lang, error),
    };
    let votes = |org: OrganisationId| organisations.iter().any(|o| o.id == org && o.votes);
    if !votes(from) || !votes(to) {
        return refuse(lang, Refusal::Forbidden);
    }
    match assemblies::give_proxy(&state.db, id, from, to, rules.proxies_per_holder).await {
        Ok(ProxyOutcome::Given) => back(id, "proxy"),
        Ok(ProxyOutcome::HolderFull) => back(id, "proxy_full"),
        Ok(ProxyOutcome::AlreadyGiven) => back(id, "proxy_given"),
        Ok(ProxyOutcome::SelfProxy) => back(id, "stale"),
        Ok(ProxyOutcome::NotNow) => back(id, "proxies_closed"),
        Err(error) => unavailable(lang, error),
    }
}

/// Staff open a prepared poll (fixing who may vote) or close an open one.
pub(super) async fn open_or_close(post: Post<'_>) -> Response {
    let Post {
        state,
        id,
        posted,
        lang,
        ..
    } = post;
    let Ok(poll) = value(posted, "poll").parse::<PollId>() else {
        return back(id, "stale");
    };
    match assemblies::poll(&state.db, poll).await {
        Ok(Some(p)) if p.assembly_id == id => {}
        Ok(_) => return refuse(lang, Refusal::NotFound),
        Err(error) => return unavailable(lang, error),
    }
    let done = if value(posted, "do") == "open" {
        let assembly = match assemblies::get(&state.db, id).await {
            Ok(Some(a)) if a.status == AssemblyStatus::InSession => a,
            Ok(_) => return back(id, "stale"),
            Err(error) => return unavailable(lang, error),
        };
        let without_quorum = value(posted, "without_quorum") == "yes";
        assemblies::open_poll(&state.db, poll, &assembly.rules, without_quorum)
            .await
            .map(|opening| match opening {
                Opening::Opened { .. } => "opened",
                Opening::NoQuorum { .. } => "no_quorum",
                Opening::NotNow => "stale",
            })
    } else {
        assemblies::close_poll(&state.db, poll).await.map(|closed| {
            if closed {
                "poll_closed"
            } else {
                "stale"
            }
        })
    };
    match done {
        Ok(done) => {
            state.live.publish(id).await;
            back(id, done)
        }
        Err(error) => unavailable(lang, error),
    }
}

/// Staff prepare the run-off of a closed election whose last seats are
/// tied: the tied candidates, for the seats the tie leaves open, as the
/// election was held (secret or named, its rule) — once per election.
pub(super) async fn runoff(post: Post<'_>) -> Response {
    let Post {
        state,
        id,
        posted,
        lang,
        ..
    } = post;
    let Ok(poll) = value(posted, "poll").parse::<PollId>() else {
        return back(id, "stale");
    };
    let election = match assemblies::poll(&state.db, poll).await {
        Ok(Some(p)) if p.assembly_id == id => p,
        Ok(_) => return refuse(lang, Refusal::NotFound),
        Err(error) => return unavailable(lang, error),
    };
    match assemblies::get(&state.db, id).await {
        Ok(Some(a)) if !a.status.is_over() => {}
        Ok(Some(_)) => return back(id, "too_late"),
        Ok(None) => return refuse(lang, Refusal::NotFound),
        Err(error) => return unavailable(lang, error),
    }
    if election.kind != "election" || election.status != PollStatus::Closed {
        return back(id, "stale");
    }
    let result = match assemblies::election_result(&state.db, poll).await {
        Ok(result) => result,
        Err(error) => return unavailable(lang, error),
    };
    if result.runoff.is_empty() {
        return back(id, "stale");
    }
    let candidates: Vec<String> = result
        .runoff
        .iter()
        .filter_map(|i| election.candidates.get(*i).cloned())
        .collect();
    let title_ka = format!("განმეორებითი კენჭისყრა: {}", election.title_ka);
    let title_en = if election.title_en.is_empty() {
        String::new()
    } else {
        format!("Run-off: {}", election.title_en)
    };
    let new = NewPoll {
        assembly_id: id,
        agenda_item_id: election.agenda_item_id,
        title_ka: &title_ka,
        title_en: &title_en,
        kind: "election",
        secret: election.secret,
        rule: election.rule,
        seats: result.runoff_seats as i64,
        candidates: &candidates,
    };
    match assemblies::create_runoff(&state.db, poll, &new).await {
        Ok(Some(_)) => {
            state.live.publish(id).await;
            back(id, "runoff")
        }
        Ok(None) => back(id, "stale"),
        Err(error) => unavailable(lang, error),
    }
}
