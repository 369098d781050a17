//! General Assemblies' form posts: calling and announcing an assembly (with
//! a calendar invitation mailed to every member representative), the
//! agenda, check-in (by a delegate, or by staff on site), proxies, polls,
//! and casting a ballot in two steps (choose, then confirm). Each answers
//! with a redirect back to the page (303), or renders the page again with
//! what needs correcting (422); a ballot's confirmation and its receipt are
//! rendered directly, so no choice or tracker code ever appears in an
//! address.

use crate::startup::AppState;
use app::apply::TBILISI_OFFSET_SECONDS;
use app::assemblies::store::{
    self as assemblies, BallotContent, Cast, NewAssembly, NewPoll, ProxyOutcome,
};
use app::assemblies::{AssemblySubmitted, BallotStage};
use app::auth::server::CurrentSession;
use app::auth::validate::Problem;
use app::auth::{Access, Role};
use app::db::now_unix;
use app::domain::calendar;
use app::domain::lang::Lang;
use app::domain::voting::{Choice, Rule};
use app::platform::post::{lang_of, page_again, page_with_status, redirect, unavailable};
use app::platform::post::{read_body, value, FORM_BODY_LIMIT};
use axum::extract::{Path, Request, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};

const TITLE_MAX: usize = 200;
const CANDIDATES_MAX: usize = 50;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/assemblies", post(create))
        .route("/assemblies/{id}", post(act))
        .route("/assemblies/{id}/polls/{poll}", post(vote))
        .route("/assemblies/{id}/live", get(live))
}

/// The assembly's snapshots as server-sent events, for participants:
/// the current one at once, then each change. The browser reconnects by
/// itself after a dropped connection and gets the current one again.
async fn live(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Extension(current): Extension<Option<CurrentSession>>,
    headers: axum::http::HeaderMap,
) -> Response {
    use axum::response::sse::{Event, KeepAlive, Sse};
    let Some(CurrentSession {
        caller, token_hash, ..
    }) = current
    else {
        return (StatusCode::UNAUTHORIZED, "sign in first").into_response();
    };
    if !Access::Participant.allows(Some(&caller)) {
        return (StatusCode::FORBIDDEN, "forbidden").into_response();
    }
    // A draft is the secretariat's alone; an assembly that does not exist
    // gets no watcher.
    match assemblies::get(&state.db, id).await {
        Ok(Some(a)) if a.status != "draft" || Access::Staff.allows(Some(&caller)) => {}
        Ok(_) => return (StatusCode::NOT_FOUND, "not found").into_response(),
        Err(error) => return unavailable(lang_of(&headers), error),
    }
    // A bounded number of streams per session and per instance: each holds
    // a connection and a task for as long as the screen is open.
    let place = match state.live.take_place(&token_hash) {
        Ok(place) => place,
        Err(crate::live::NoPlace::Session) => {
            let mut refused =
                (StatusCode::TOO_MANY_REQUESTS, "too many open screens").into_response();
            refused.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from_static("10"),
            );
            return refused;
        }
        Err(crate::live::NoPlace::Instance) => {
            return (StatusCode::SERVICE_UNAVAILABLE, "too many open screens").into_response()
        }
    };
    let mut watch = state.live.watch(id);
    // The latest snapshot, if one is kept for screens already open (a
    // change replaces it at once), else one computed now.
    let kept = watch.borrow_and_update().clone();
    let first = match kept {
        Some(first) => first,
        None => match state.live.snapshot(id).await {
            Ok(Some(first)) => first,
            Ok(None) => return (StatusCode::NOT_FOUND, "not found").into_response(),
            Err(error) => return unavailable(lang_of(&headers), error),
        },
    };
    let closing = state.live.closing();
    // The place travels with the stream and is given back when it ends.
    let stream = futures::stream::unfold(
        (Some(first), watch, closing, place),
        |(first, mut watch, mut closing, place)| async move {
            if let Some(first) = first {
                let event = Event::default().event("snapshot").data(&*first);
                return Some((
                    Ok::<_, std::convert::Infallible>(event),
                    (None, watch, closing, place),
                ));
            }
            loop {
                tokio::select! {
                    changed = watch.changed() => {
                        changed.ok()?;
                        let snapshot = watch.borrow_and_update().clone();
                        if let Some(snapshot) = snapshot {
                            let event = Event::default().event("snapshot").data(&*snapshot);
                            return Some((Ok(event), (None, watch, closing, place)));
                        }
                    }
                    _ = closing.changed() => return None,
                }
            }
        },
    );
    let mut response = Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(std::time::Duration::from_secs(15)))
        .into_response();
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    response
}

/// What a post to an assembly's page does (its `do` field). Every form of
/// the page posts to the page's own address, so a refused post is rendered
/// again at the address the browser shows.
async fn act(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Extension(current): Extension<Option<CurrentSession>>,
    request: Request,
) -> Response {
    let here = format!("/assemblies/{id}");
    let lang = lang_of(request.headers());
    let (parts, body) = request.into_parts();
    let Some(posted) = read_body(body, FORM_BODY_LIMIT).await else {
        return (StatusCode::BAD_REQUEST, "bad form").into_response();
    };
    let access = match value(&posted, "do") {
        "check_in" | "proxy" => Access::Participant,
        _ => Access::Staff,
    };
    let session = match allowed(current, access, &here) {
        Ok(s) => s,
        Err(refused) => return *refused,
    };
    let post = Post {
        state: &state,
        id,
        session,
        posted: &posted,
        lang,
    };
    match value(&posted, "do") {
        "advance" => advance(post).await,
        "agenda" => add_item(post, parts).await,
        "poll" => create_poll(post, parts).await,
        "open" | "close" => open_or_close(post).await,
        "check_in" => check_in(post).await,
        "proxy" => proxy(post).await,
        _ => (StatusCode::BAD_REQUEST, "unknown action").into_response(),
    }
}

/// One post to an assembly's page, its caller allowed.
struct Post<'a> {
    state: &'a AppState,
    id: i64,
    session: CurrentSession,
    posted: &'a [(String, String)],
    lang: Lang,
}

/// The caller, if `access` allows them; otherwise the answer to give.
fn allowed(
    current: Option<CurrentSession>,
    access: Access,
    back: &str,
) -> Result<CurrentSession, Box<Response>> {
    match current {
        None => Err(Box::new(redirect("/login", &[("next", back)]))),
        Some(s) if access.allows(Some(&s.caller)) => Ok(s),
        Some(_) => Err(Box::new(
            (StatusCode::FORBIDDEN, "forbidden").into_response(),
        )),
    }
}

fn back(id: i64, done: &str) -> Response {
    redirect(&format!("/assemblies/{id}"), &[("done", done)])
}

/// A required text of at most `TITLE_MAX` characters.
fn title_problem(text: &str) -> Option<Problem> {
    if text.trim().is_empty() {
        Some(Problem::Required)
    } else if text.chars().count() > TITLE_MAX {
        Some(Problem::TooLong)
    } else {
        None
    }
}

async fn create(
    State(state): State<AppState>,
    Extension(current): Extension<Option<CurrentSession>>,
    request: Request,
) -> Response {
    if let Err(refused) = allowed(current, Access::Staff, "/assemblies") {
        return *refused;
    }
    let lang = lang_of(request.headers());
    let (parts, body) = request.into_parts();
    let Some(posted) = read_body(body, FORM_BODY_LIMIT).await else {
        return (StatusCode::BAD_REQUEST, "bad form").into_response();
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

async fn advance(post: Post<'_>) -> Response {
    let Post {
        state,
        id,
        posted,
        lang,
        ..
    } = post;
    let from = value(posted, "from");
    match assemblies::advance(&state.db, id, from).await {
        Ok(true) => {}
        Ok(false) => {
            let open = assemblies::open_polls(&state.db, id).await.unwrap_or(0);
            let why = if from == "in_session" && open > 0 {
                "polls_open"
            } else {
                "stale"
            };
            return back(id, why);
        }
        Err(error) => return unavailable(lang, error),
    }
    state.live.publish(id).await;
    let to = assemblies::next_status(from).unwrap_or_default();
    if to == "announced" {
        if let Err(error) = announce(state, id).await {
            tracing::error!(%error, "could not announce the assembly");
        }
    }
    back(id, to)
}

/// Mails every member representative the invitation, in their language,
/// with the calendar event attached.
async fn announce(state: &AppState, id: i64) -> Result<(), sqlx::Error> {
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
        let t = app::i18n::messages(lang);
        let title = lang.pick(&assembly.title_ka, &assembly.title_en);
        let when = app::assemblies::words::when(t, assembly.starts_at);
        let place = app::assemblies::words::place_text(t, &assembly.place);
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
        if let Err(error) = state
            .mailer
            .send_with_calendar(&email, &subject, &body, &ics)
            .await
        {
            tracing::error!(%error, "could not send an invitation");
        }
    }
    Ok(())
}

async fn add_item(post: Post<'_>, parts: Parts) -> Response {
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
        Ok(Some(a)) if a.status != "closed" => {}
        Ok(_) => return (StatusCode::NOT_FOUND, "not found").into_response(),
        Err(error) => return unavailable(lang, error),
    }
    match assemblies::add_agenda_item(&state.db, id, ka, en).await {
        Ok(_) => back(id, "item"),
        Err(error) => unavailable(lang, error),
    }
}

async fn create_poll(post: Post<'_>, parts: Parts) -> Response {
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
    let agenda_item = value(posted, "agenda_item").parse::<i64>().ok();
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
    if agenda_item.is_some_and(|item| !agenda_items.iter().any(|a| a.0 == item)) {
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
        Ok(Some(a)) if a.status != "closed" => {}
        Ok(_) => return (StatusCode::NOT_FOUND, "not found").into_response(),
        Err(error) => return unavailable(lang, error),
    }
    match assemblies::create_poll(&state.db, &new).await {
        Ok(_) => back(id, "poll"),
        Err(error) => unavailable(lang, error),
    }
}

/// A delegate checks their own organisation in; staff check in the
/// organisation posted (on site). Only while the assembly is in session.
async fn check_in(post: Post<'_>) -> Response {
    let Post {
        state,
        id,
        session,
        posted,
        lang,
    } = post;
    let caller = &session.caller;
    let org = if Access::Staff.allows(Some(caller)) {
        value(posted, "org").parse::<i64>().ok()
    } else if caller.role == Role::Member {
        caller.organisation_id
    } else {
        None
    };
    let Some(org) = org else {
        return (StatusCode::FORBIDDEN, "forbidden").into_response();
    };
    match assemblies::get(&state.db, id).await {
        Ok(Some(a)) if a.status == "in_session" => {}
        Ok(Some(_)) => return back(id, "stale"),
        Ok(None) => return (StatusCode::NOT_FOUND, "not found").into_response(),
        Err(error) => return unavailable(lang, error),
    }
    match assemblies::check_in(&state.db, id, org, Some(caller.user_id)).await {
        Ok(_) => {
            state.live.publish(id).await;
            back(id, "checked_in")
        }
        Err(error) => unavailable(lang, error),
    }
}

/// A voting member authorises another voting member for this assembly.
async fn proxy(post: Post<'_>) -> Response {
    let Post {
        state,
        id,
        session,
        posted,
        lang,
    } = post;
    let (Role::Member, Some(from)) = (session.caller.role, session.caller.organisation_id) else {
        return (StatusCode::FORBIDDEN, "forbidden").into_response();
    };
    let Ok(to) = value(posted, "to").parse::<i64>() else {
        return back(id, "stale");
    };
    let voting = &state.site.voting;
    let categories = voting.category_codes();
    let organisations = match assemblies::organisations(&state.db, id, &categories).await {
        Ok(list) => list,
        Err(error) => return unavailable(lang, error),
    };
    let votes = |org: i64| organisations.iter().any(|o| o.0 == org && o.3);
    if !votes(from) || !votes(to) {
        return (StatusCode::FORBIDDEN, "forbidden").into_response();
    }
    match assemblies::give_proxy(&state.db, id, from, to, voting.proxies_per_holder).await {
        Ok(ProxyOutcome::Given) => back(id, "proxy"),
        Ok(ProxyOutcome::HolderFull) => back(id, "proxy_full"),
        Ok(ProxyOutcome::AlreadyGiven) => back(id, "proxy_given"),
        Ok(ProxyOutcome::SelfProxy) => back(id, "stale"),
        Ok(ProxyOutcome::NotNow) => back(id, "proxies_closed"),
        Err(error) => unavailable(lang, error),
    }
}

/// Staff open a prepared poll (fixing who may vote) or close an open one.
async fn open_or_close(post: Post<'_>) -> Response {
    let Post {
        state,
        id,
        posted,
        lang,
        ..
    } = post;
    let Ok(poll) = value(posted, "poll").parse::<i64>() else {
        return back(id, "stale");
    };
    match assemblies::poll(&state.db, poll).await {
        Ok(Some(p)) if p.assembly_id == id => {}
        Ok(_) => return (StatusCode::NOT_FOUND, "not found").into_response(),
        Err(error) => return unavailable(lang, error),
    }
    let done = if value(posted, "do") == "open" {
        let in_session =
            matches!(assemblies::get(&state.db, id).await, Ok(Some(a)) if a.status == "in_session");
        if !in_session {
            return back(id, "stale");
        }
        let categories = state.site.voting.category_codes();
        assemblies::open_poll(&state.db, poll, &categories)
            .await
            .map(|opened| if opened.is_some() { "opened" } else { "stale" })
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

/// A delegate's ballot, in two steps: the choice is shown back to confirm,
/// then cast. Both answers are the ballot page rendered with the outcome.
async fn vote(
    State(state): State<AppState>,
    Path((id, poll)): Path<(i64, i64)>,
    Extension(current): Extension<Option<CurrentSession>>,
    request: Request,
) -> Response {
    let here = format!("/assemblies/{id}/polls/{poll}");
    let lang = lang_of(request.headers());
    let found = match assemblies::poll(&state.db, poll).await {
        Ok(found) => found.filter(|p| p.assembly_id == id),
        Err(error) => return unavailable(lang, error),
    };
    if found.is_none() {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    let session = match allowed(current, Access::Participant, &here) {
        Ok(s) => s,
        Err(refused) => return *refused,
    };
    let (parts, body) = request.into_parts();
    let Some(posted) = read_body(body, FORM_BODY_LIMIT).await else {
        return (StatusCode::BAD_REQUEST, "bad form").into_response();
    };
    let (Role::Member, Some(caster)) = (session.caller.role, session.caller.organisation_id) else {
        return (StatusCode::FORBIDDEN, "forbidden").into_response();
    };
    let org = value(&posted, "org").parse::<i64>().unwrap_or(0);
    let is_election = found.as_ref().is_some_and(|p| p.kind == "election");
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
        let parsed = match choice {
            "yes" => Some(Choice::Yes),
            "no" => Some(Choice::No),
            "abstain" => Some(Choice::Abstain),
            _ => None,
        };
        (parsed.map(BallotContent::Motion), choice.to_string())
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
