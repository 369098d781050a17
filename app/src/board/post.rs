//! Staff record a Board: by hand (the initial Board: up to seven seats,
//! blank rows left out) or from a closed election (its elected, in order;
//! their names are the election's, not the form's).

use super::store::{self, NewSeat, NewTerm, Recorded};
use super::{check_seats, Outcome, SeatInput, ROLES, SEATS};
use crate::auth::validate::Problem;
use crate::auth::Access;
use crate::domain::date::Date;
use crate::domain::ids::{OrganisationId, PollId};
use crate::platform::post::{
    form_again, lang_of, read_body, redirect, refuse, typed_text, unavailable, value, Refusal,
    FORM_BODY_LIMIT,
};
use crate::platform::routes::Routes;
use crate::platform::{AppState, SignedIn};
use axum::extract::{Request, State};
use axum::response::Response;

pub fn router() -> Routes<AppState> {
    Routes::new().post("/board", Access::Staff, record)
}

/// `POST /board` (staff): the form's seats and first day; problems are
/// shown on the form again with everything typed.
async fn record(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    request: Request,
) -> Response {
    let lang = lang_of(request.headers());
    let (parts, body) = request.into_parts();
    let Some(posted) = read_body(body, FORM_BODY_LIMIT).await else {
        return refuse(lang, Refusal::BadForm);
    };
    let poll = match value(&posted, "poll") {
        "" => None,
        text => match text.parse::<PollId>() {
            Ok(poll) => Some(poll),
            Err(_) => return refuse(lang, Refusal::BadForm),
        },
    };
    let form_page = match poll {
        Some(poll) => format!("/board/new?poll={poll}"),
        None => "/board/new".to_string(),
    };
    // From an election: its elected, once it stands ready.
    let elected = match poll {
        Some(poll) => match store::elected(&state.db, poll).await {
            Ok(Some(e)) if e.outcome == Outcome::Ready => Some(e),
            Ok(Some(e)) if e.outcome == Outcome::Confirmed => {
                return redirect("/board", &[("done", "confirmed_before")])
            }
            Ok(Some(_)) => return redirect(&form_page, &[]),
            Ok(None) => return refuse(lang, Refusal::NotFound),
            Err(error) => return unavailable(lang, error),
        },
        None => None,
    };
    let organisations = match store::organisations(&state.db).await {
        Ok(list) => list,
        Err(error) => return unavailable(lang, error),
    };
    let text = |name: String| typed_text(value(&posted, &name).to_string());
    let rows = elected.as_ref().map_or(SEATS, |e| e.names.len());
    let mut seats: Vec<(usize, SeatInput)> = Vec::new();
    for n in 1..=rows {
        let org_text = text(format!("org_{n}"));
        let seat = SeatInput {
            person_ka: match &elected {
                Some(e) => e.names[n - 1].clone(),
                None => text(format!("person_ka_{n}")),
            },
            person_en: text(format!("person_en_{n}")),
            organisation: org_text.parse::<OrganisationId>().ok(),
            organisation_given: !org_text.is_empty(),
            role: text(format!("role_{n}")),
        };
        if elected.is_some() || !seat.is_blank() {
            seats.push((n, seat));
        }
    }
    let mut problems = check_seats(&seats, |org| organisations.iter().any(|o| o.0 == org));
    let starts_on = Date::parse(value(&posted, "starts_on").trim());
    if starts_on.is_err() {
        problems.push(("starts_on".into(), Problem::DateInvalid));
    }
    let again = |problems: Vec<(String, Problem)>| {
        let mut shown: Vec<(String, String)> = posted
            .iter()
            .filter(|(k, _)| k != "poll")
            .cloned()
            .collect();
        shown.push(("sent".into(), "1".into()));
        shown.extend(
            problems
                .iter()
                .map(|(field, p)| (format!("e_{field}"), p.code().to_string())),
        );
        shown
    };
    let Ok(starts_on) = starts_on else {
        let shown = again(problems);
        return show_again(&state, parts, &form_page, &shown).await;
    };
    if !problems.is_empty() {
        let shown = again(problems);
        return show_again(&state, parts, &form_page, &shown).await;
    }
    let new_seats: Vec<NewSeat> = seats
        .iter()
        .enumerate()
        .map(|(i, (_, s))| NewSeat {
            seat: i as i64 + 1,
            role: ROLES.into_iter().find(|r| *r == s.role).unwrap_or("member"),
            person_ka: s.person_ka.trim().to_string(),
            person_en: s.person_en.trim().to_string(),
            organisation_id: s.organisation,
        })
        .collect();
    let term = NewTerm {
        starts_on,
        seats: &new_seats,
        poll: elected.as_ref().map(|e| e.election.id),
        by: Some(session.caller.user_id),
    };
    match store::record(&state.db, &term).await {
        Ok(Recorded::Recorded) => redirect("/board", &[("done", "recorded")]),
        Ok(Recorded::AlreadyConfirmed) => redirect("/board", &[("done", "confirmed_before")]),
        Ok(Recorded::Overlaps) => {
            let shown = again(vec![("starts_on".into(), Problem::TermOverlaps)]);
            show_again(&state, parts, &form_page, &shown).await
        }
        Err(error) => unavailable(lang, error),
    }
}

async fn show_again(
    state: &AppState,
    parts: axum::http::request::Parts,
    page: &str,
    shown: &[(String, String)],
) -> Response {
    let shown: Vec<(&str, &str)> = shown
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    form_again(state, parts, page, &shown).await
}
