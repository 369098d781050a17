//! An assembly itself: calling it, correcting its details, moving it
//! through its stages, cancelling it, and mailing the member
//! representatives each time it concerns them (the invitation, a change of
//! time or place, the cancellation), each with its calendar entry.

use super::{back, title_problem, Post, TITLE_MAX};
use crate::apply::TBILISI_OFFSET_SECONDS;
use crate::assemblies::store::{self as assemblies, DetailsSaved, NewAssembly};
use crate::assemblies::AssemblySubmitted;
use crate::auth::validate::Problem;
use crate::db::now_unix;
use crate::domain::assembly::AssemblyStatus;
use crate::domain::calendar;
use crate::domain::ids::AssemblyId;
use crate::domain::lang::Lang;
use crate::domain::voting::{Quorum, VotingRules, PROXIES_MAX};
use crate::platform::post::{
    lang_of, page_again, read_body, refuse, unavailable, value, Refusal, FORM_BODY_LIMIT,
};
use crate::platform::AppState;
use axum::extract::{Request, State};
use axum::http::request::Parts;
use axum::response::Response;

/// The details as posted, or what needs correcting in them.
fn details_of(posted: &[(String, String)]) -> Result<NewAssembly<'_>, Vec<(String, Problem)>> {
    let (title_ka, title_en) = (
        value(posted, "title_ka").trim(),
        value(posted, "title_en").trim(),
    );
    let kind = value(posted, "kind");
    let place = value(posted, "place");
    let starts_at = calendar::parse_local(value(posted, "starts_at"), TBILISI_OFFSET_SECONDS);
    let mut problems = Vec::new();
    if let Some(p) = title_problem(title_ka) {
        problems.push(("title_ka".to_string(), p));
    }
    if title_en.chars().count() > TITLE_MAX {
        problems.push(("title_en".into(), Problem::TooLong));
    }
    if !matches!(kind, "ordinary" | "extraordinary") {
        problems.push(("kind".into(), Problem::InvalidChoice));
    }
    if !matches!(place, "in_person" | "online" | "hybrid") {
        problems.push(("place".into(), Problem::InvalidChoice));
    }
    let quorum = Quorum::from_code(value(posted, "quorum"));
    if quorum.is_err() {
        problems.push(("quorum".into(), Problem::InvalidChoice));
    }
    let posted_categories: Vec<&str> = posted
        .iter()
        .filter(|(k, _)| k == "voting_categories")
        .map(|(_, v)| v.as_str())
        .collect();
    let categories = VotingRules::categories_of(posted_categories.iter().copied());
    if categories.is_empty() || categories.len() != posted_categories.len() {
        problems.push(("voting_categories".into(), Problem::ChooseOne));
    }
    let proxies = value(posted, "proxies_per_holder")
        .parse::<i64>()
        .ok()
        .filter(|n| (0..=PROXIES_MAX).contains(n));
    if proxies.is_none() {
        problems.push(("proxies_per_holder".into(), Problem::InvalidChoice));
    }
    match (starts_at, quorum, proxies, problems.is_empty()) {
        (Some(starts_at), Ok(quorum), Some(proxies_per_holder), true) => Ok(NewAssembly {
            title_ka,
            title_en,
            kind,
            starts_at,
            place,
            rules: VotingRules {
                categories,
                quorum,
                proxies_per_holder,
            },
        }),
        (starts_at, ..) => {
            if starts_at.is_none() {
                problems.push(("starts_at".into(), Problem::DateInvalid));
            }
            Err(problems)
        }
    }
}

/// `POST /assemblies`: calls an assembly, as a draft.
pub(super) async fn create(State(state): State<AppState>, request: Request) -> Response {
    let lang = lang_of(request.headers());
    let state = match request
        .extensions()
        .get::<Option<crate::auth::server::CurrentSession>>()
    {
        Some(Some(current)) => state.acting(current.caller.user_id),
        _ => state,
    };
    let (parts, body) = request.into_parts();
    let Some(posted) = read_body(body, FORM_BODY_LIMIT).await else {
        return refuse(lang, Refusal::BadForm);
    };
    let new = match details_of(&posted) {
        Ok(new) => new,
        Err(problems) => {
            let submitted = AssemblySubmitted {
                problems,
                values: posted.clone(),
            };
            return page_again(&state, parts, "/assemblies", submitted).await;
        }
    };
    match assemblies::create(&state.db, &new).await {
        Ok(id) => back(id, "created"),
        Err(error) => unavailable(lang, error),
    }
}

/// Corrects a draft or announced assembly's details; the representatives
/// are mailed when an announced assembly's time or place changed.
pub(super) async fn save(post: Post<'_>, parts: Parts) -> Response {
    let Post {
        state,
        id,
        posted,
        lang,
        ..
    } = post;
    let details = match details_of(posted) {
        Ok(details) => details,
        Err(problems) => {
            let submitted = AssemblySubmitted {
                problems,
                values: posted.to_vec(),
            };
            return page_again(state, parts, &format!("/assemblies/{id}"), submitted).await;
        }
    };
    match assemblies::save_details(&state.db, id, &details).await {
        Ok(DetailsSaved::Saved { moved: false }) => back(id, "details"),
        Ok(DetailsSaved::Saved { moved: true }) => {
            state.live.publish(id).await;
            tell(state, id, Tidings::Changed).await;
            back(id, "details_mailed")
        }
        Ok(DetailsSaved::TooLate) => back(id, "too_late"),
        Err(error) => unavailable(lang, error),
    }
}

/// Cancels a draft or announced assembly, once its box is ticked.
pub(super) async fn cancel(post: Post<'_>, parts: Parts) -> Response {
    let Post {
        state,
        id,
        posted,
        lang,
        ..
    } = post;
    if value(posted, "confirm") != "yes" {
        let submitted = AssemblySubmitted {
            problems: vec![("confirm".into(), Problem::ConfirmRequired)],
            values: posted.to_vec(),
        };
        return page_again(state, parts, &format!("/assemblies/{id}"), submitted).await;
    }
    match assemblies::cancel(&state.db, id).await {
        Ok(Some(was)) => {
            state.live.publish(id).await;
            if was == AssemblyStatus::Announced {
                tell(state, id, Tidings::Cancelled).await;
            }
            back(id, "cancelled")
        }
        Ok(None) => back(id, "too_late"),
        Err(error) => unavailable(lang, error),
    }
}

pub(super) async fn advance(post: Post<'_>) -> Response {
    let Post {
        state,
        id,
        posted,
        lang,
        ..
    } = post;
    let Some(from) = AssemblyStatus::from_code(value(posted, "from")) else {
        return back(id, "stale");
    };
    match assemblies::advance(&state.db, id, from).await {
        Ok(true) => {}
        Ok(false) => {
            let open = assemblies::open_polls(&state.db, id).await.unwrap_or(0);
            let why = if from == AssemblyStatus::InSession && open > 0 {
                "polls_open"
            } else {
                "stale"
            };
            return back(id, why);
        }
        Err(error) => return unavailable(lang, error),
    }
    state.live.publish(id).await;
    let to = from.next().unwrap_or(from);
    if to == AssemblyStatus::Announced {
        tell(state, id, Tidings::Invitation).await;
    }
    back(id, to.code())
}

/// What the member representatives are told about an assembly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tidings {
    Invitation,
    /// Its time or place changed.
    Changed,
    Cancelled,
}

/// Mails every member representative the news, in their language, with the
/// assembly's calendar entry (the same event each time, its sequence
/// counting the changes). A mail that cannot be queued is logged; the
/// change itself stands.
pub(super) async fn tell(state: &AppState, id: AssemblyId, tidings: Tidings) {
    if let Err(error) = try_tell(state, id, tidings).await {
        tracing::error!(%error, ?tidings, "could not tell the representatives");
    }
}

async fn try_tell(state: &AppState, id: AssemblyId, tidings: Tidings) -> Result<(), sqlx::Error> {
    let Some(assembly) = assemblies::get(&state.db, id).await? else {
        return Ok(());
    };
    let sequence = assemblies::calendar_sequence(&state.db, id).await?;
    let host = state
        .site
        .public_url
        .split("://")
        .nth(1)
        .unwrap_or("alliance")
        .trim_end_matches('/')
        .to_string();
    for (email, _name, lang) in assemblies::representatives(&state.db).await? {
        let lang = Lang::from_code(&lang).unwrap_or_default();
        let link = state.site.link(&lang.at(&format!("/assemblies/{id}")));
        let t = crate::i18n::messages(lang);
        let a = t.assemblies();
        let title = lang.pick(&assembly.title_ka, &assembly.title_en);
        let when = crate::assemblies::words::when(t, assembly.starts_at);
        let place = crate::assemblies::words::place_text(t, &assembly.place);
        let ics = calendar::invitation(&calendar::Event {
            uid: &format!("assembly-{id}@{host}"),
            starts_at: assembly.starts_at,
            hours: 3,
            title,
            location: place,
            url: &link,
            now: now_unix(),
            sequence,
            cancelled: tidings == Tidings::Cancelled,
        });
        let (subject, body) = match tidings {
            Tidings::Invitation => (
                (a.mail_subject)(title),
                (a.mail_body)(title, &when, place, &link),
            ),
            Tidings::Changed => (
                (a.changed_subject)(title),
                (a.changed_body)(title, &when, place, &link),
            ),
            Tidings::Cancelled => (
                (a.cancelled_subject)(title),
                (a.cancelled_body)(title, &when, &link),
            ),
        };
        let queued = state
            .mailer
            .queue(&state.db, &email, &subject, &body, Some(&ics))
            .await;
        if let Err(error) = queued {
            tracing::error!(%error, "could not queue a mail about an assembly");
        }
    }
    Ok(())
}
