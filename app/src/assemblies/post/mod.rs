//! General Assemblies' form posts: calling and announcing an assembly (with
//! a calendar invitation mailed to every member representative), the
//! agenda, check-in (by a delegate, or by staff on site), proxies, polls,
//! and casting a ballot in two steps (choose, then confirm). Each answers
//! with a redirect back to the page (303), or renders the page again with
//! what needs correcting (422); a ballot's confirmation and its receipt are
//! rendered directly, so no choice or tracker code ever appears in an
//! address.

mod agenda;
mod ballot;
mod details;
mod documents;
mod session;

use crate::auth::server::CurrentSession;
use crate::auth::validate::Problem;
use crate::auth::Access;
use crate::domain::ids::AssemblyId;
use crate::domain::lang::Lang;
use crate::platform::post::{
    lang_of, read_body, redirect, refuse, value, Refusal, FORM_BODY_LIMIT,
};
use crate::platform::routes::Routes;
use crate::platform::AppState;
use axum::extract::{Path, Request, State};
use axum::response::Response;
use axum::Extension;

const TITLE_MAX: usize = 200;

const CANDIDATES_MAX: usize = 50;

pub fn router() -> Routes<AppState> {
    Routes::new()
        .post("/assemblies", Access::Staff, details::create)
        // Participants check in and give proxies; the rest is staff's
        // (`act` asks again for what the form's `do` needs).
        .post("/assemblies/{id}", Access::Participant, act)
        .post(
            "/assemblies/{id}/polls/{poll}",
            Access::Delegate,
            ballot::vote,
        )
        .merge(documents::router())
        .merge(crate::assemblies::minutes::routes::router())
}

/// What a post to an assembly's page does (its `do` field). Every form of
/// the page posts to the page's own address, so a refused post is rendered
/// again at the address the browser shows.
async fn act(
    State(state): State<AppState>,
    Path(id): Path<AssemblyId>,
    Extension(current): Extension<Option<CurrentSession>>,
    request: Request,
) -> Response {
    let here = format!("/assemblies/{id}");
    let lang = lang_of(request.headers());
    let (parts, body) = request.into_parts();
    let Some(posted) = read_body(body, FORM_BODY_LIMIT).await else {
        return refuse(lang, Refusal::BadForm);
    };
    let access = match value(&posted, "do") {
        "check_in" | "check_out" | "proxy" | "withdraw_proxy" => Access::Participant,
        _ => Access::Staff,
    };
    let session = match allowed(current, access, &here, lang) {
        Ok(s) => s,
        Err(refused) => return *refused,
    };
    let state = state.acting(session.caller.user_id);
    let post = Post {
        state: &state,
        id,
        session,
        posted: &posted,
        lang,
    };
    match value(&posted, "do") {
        "advance" => details::advance(post).await,
        "details" => details::save(post, parts).await,
        "cancel" => details::cancel(post, parts).await,
        "agenda" => agenda::add_item(post, parts).await,
        "item_correct" => agenda::correct_item(post, parts).await,
        "item_up" | "item_down" => agenda::move_item(post).await,
        "item_remove" => agenda::remove_item(post).await,
        "document_remove" => documents::remove(post).await,
        "poll" => session::create_poll(post, parts).await,
        "open" | "close" => session::open_or_close(post).await,
        "runoff" => session::runoff(post).await,
        "check_in" => session::check_in(post).await,
        "check_out" => session::check_out(post).await,
        "withdraw_proxy" => session::withdraw_proxy(post).await,
        "proxy" => session::proxy(post).await,
        _ => refuse(lang, Refusal::BadForm),
    }
}

/// One post to an assembly's page, its caller allowed.
struct Post<'a> {
    state: &'a AppState,
    id: AssemblyId,
    session: CurrentSession,
    posted: &'a [(String, String)],
    lang: Lang,
}

/// The caller, if `access` allows them; otherwise the answer to give.
fn allowed(
    current: Option<CurrentSession>,
    access: Access,
    back: &str,
    lang: Lang,
) -> Result<CurrentSession, Box<Response>> {
    match current {
        None => Err(Box::new(redirect("/login", &[("next", back)]))),
        Some(s) if access.allows(Some(&s.caller)) => Ok(s),
        Some(_) => Err(Box::new(refuse(lang, Refusal::Forbidden))),
    }
}

fn back(id: AssemblyId, done: &str) -> Response {
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
