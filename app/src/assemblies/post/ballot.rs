//! Casting a ballot: choose, confirm, and the receipt.

use crate::assemblies::store::{self as assemblies, BallotContent, Cast};
use crate::assemblies::BallotStage;
use crate::auth::Role;
use crate::domain::ids::{AssemblyId, OrganisationId, PollId};
use crate::domain::voting::Choice;
use crate::platform::post::{
    lang_of, page_again, page_with_status, read_body, refuse, unavailable, value, Refusal,
    FORM_BODY_LIMIT,
};
use crate::platform::{AppState, SignedIn};
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::Response;

/// A delegate's ballot, in two steps: the choice is shown back to confirm,
/// then cast. Both answers are the ballot page rendered with the outcome.
pub(super) async fn vote(
    State(state): State<AppState>,
    Path((id, poll)): Path<(AssemblyId, PollId)>,
    SignedIn(session): SignedIn,
    request: Request,
) -> Response {
    let here = format!("/assemblies/{id}/polls/{poll}");
    let lang = lang_of(request.headers());
    let kind = match assemblies::poll_kind(&state.db, poll).await {
        Ok(Some((assembly, kind))) if assembly == id => kind,
        Ok(_) => return refuse(lang, Refusal::NotFound),
        Err(error) => return unavailable(lang, error),
    };
    let (parts, body) = request.into_parts();
    let Some(posted) = read_body(body, FORM_BODY_LIMIT).await else {
        return refuse(lang, Refusal::BadForm);
    };
    let (Role::Member, Some(caster)) = (session.caller.role, session.caller.organisation_id) else {
        return refuse(lang, Refusal::Forbidden);
    };
    let org: OrganisationId = value(&posted, "org").parse().unwrap_or(OrganisationId(0));
    let is_election = kind == "election";
    let (ballot, choice) = if is_election {
        let marks: Vec<String> = posted
            .iter()
            .filter(|(k, _)| k == "mark")
            .map(|(_, v)| v.clone())
            .collect();
        let indexes: Option<Vec<usize>> = marks.iter().map(|m| m.parse().ok()).collect();
        (indexes.map(BallotContent::Election), marks.join(","))
    } else {
        let choice = value(&posted, "choice");
        (
            Choice::from_code(choice).map(BallotContent::Motion),
            choice.to_string(),
        )
    };
    let Some(ballot) = ballot else {
        let refused = BallotStage::Refused {
            org,
            reason: "invalid".into(),
        };
        return page_again(&state, parts, &here, refused).await;
    };
    if value(&posted, "confirm") != "1" {
        let confirm = BallotStage::Confirm { org, choice };
        return no_store(page_with_status(&state, parts, &here, confirm, StatusCode::OK).await);
    }
    let stage = match assemblies::cast(&state.db, poll, org, caster, &ballot).await {
        Ok(Cast::Recorded { tracker }) => {
            state.live.publish(id).await;
            BallotStage::Recorded { org, tracker }
        }
        Ok(outcome) => {
            let reason = match outcome {
                Cast::AlreadyVoted => "already",
                Cast::NotAVoter => "not_a_voter",
                Cast::Closed => "closed",
                _ => "invalid",
            };
            BallotStage::Refused {
                org,
                reason: reason.into(),
            }
        }
        Err(error) => return unavailable(lang, error),
    };
    let status = if matches!(stage, BallotStage::Recorded { .. }) {
        StatusCode::OK
    } else {
        StatusCode::CONFLICT
    };
    no_store(page_with_status(&state, parts, &here, stage, status).await)
}

/// A ballot's confirmation and receipt show a choice and a tracker code: no
/// cache, shared or the browser's own, may keep them.
fn no_store(mut response: Response) -> Response {
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    response
}
