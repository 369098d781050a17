//! Preparing an assembly: announcing it (and mailing the representatives),
//! moving it through its stages, its agenda.

use super::{back, title_problem, Post, TITLE_MAX};
use crate::apply::TBILISI_OFFSET_SECONDS;
use crate::assemblies::store::{self as assemblies, NewAssembly};
use crate::assemblies::AssemblySubmitted;
use crate::auth::validate::Problem;
use crate::db::now_unix;
use crate::domain::assembly::AssemblyStatus;
use crate::domain::calendar;
use crate::domain::ids::AssemblyId;
use crate::domain::lang::Lang;
use crate::platform::post::{
    lang_of, page_again, read_body, refuse, unavailable, value, Refusal, FORM_BODY_LIMIT,
};
use crate::platform::AppState;
use axum::extract::{Request, State};
use axum::http::request::Parts;
use axum::response::Response;

pub(super) async fn create(State(state): State<AppState>, request: Request) -> Response {
    let lang = lang_of(request.headers());
    let (parts, body) = request.into_parts();
    let Some(posted) = read_body(body, FORM_BODY_LIMIT).await else {
        return refuse(lang, Refusal::BadForm);
    };
    let (title_ka, title_en) = (
        value(&posted, "title_ka").trim(),
        value(&posted, "title_en").trim(),
    );
    let kind = value(&posted, "kind");
    let place = value(&posted, "place");
    let starts_at = calendar::parse_local(value(&posted, "starts_at"), TBILISI_OFFSET_SECONDS);
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
    if starts_at.is_none() {
        problems.push(("starts_at".into(), Problem::DateInvalid));
    }
    if !problems.is_empty() {
        let submitted = AssemblySubmitted {
            problems,
            values: posted,
        };
        return page_again(&state, parts, "/assemblies", submitted).await;
    }
    let new = NewAssembly {
        title_ka,
        title_en,
        kind,
        starts_at: starts_at.unwrap_or_default(),
        place,
    };
    match assemblies::create(&state.db, &new).await {
        Ok(id) => back(id, "created"),
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
        if let Err(error) = announce(state, id).await {
            tracing::error!(%error, "could not announce the assembly");
        }
    }
    back(id, to.code())
}

/// Mails every member representative the invitation, in their language,
/// with the calendar event attached.
pub(super) async fn announce(state: &AppState, id: AssemblyId) -> Result<(), sqlx::Error> {
    let Some(assembly) = assemblies::get(&state.db, id).await? else {
        return Ok(());
    };
    let link = state.site.link(&format!("/assemblies/{id}"));
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
        let t = crate::i18n::messages(lang);
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
        });
        let subject = (t.assemblies().mail_subject)(title);
        let body = (t.assemblies().mail_body)(title, &when, place, &link);
        let queued = state
            .mailer
            .queue(&state.db, &email, &subject, &body, Some(&ics))
            .await;
        if let Err(error) = queued {
            tracing::error!(%error, "could not queue an invitation");
        }
    }
    Ok(())
}

pub(super) async fn add_item(post: Post<'_>, parts: Parts) -> Response {
    let Post {
        state,
        id,
        posted,
        lang,
        ..
    } = post;
    let here = format!("/assemblies/{id}");
    let (ka, en) = (
        value(posted, "item_ka").trim(),
        value(posted, "item_en").trim(),
    );
    if let Some(problem) =
        title_problem(ka).or((en.chars().count() > TITLE_MAX).then_some(Problem::TooLong))
    {
        let submitted = AssemblySubmitted {
            problems: vec![("item_ka".into(), problem)],
            values: posted.to_vec(),
        };
        return page_again(state, parts, &here, submitted).await;
    }
    match assemblies::get(&state.db, id).await {
        Ok(Some(a)) if a.status != AssemblyStatus::Closed => {}
        Ok(_) => return refuse(lang, Refusal::NotFound),
        Err(error) => return unavailable(lang, error),
    }
    match assemblies::add_agenda_item(&state.db, id, ka, en).await {
        Ok(_) => back(id, "item"),
        Err(error) => unavailable(lang, error),
    }
}
