//! The agenda: items added until the assembly is over, corrected (during
//! the session too: the text only, its polls untouched), moved and removed
//! before the session.

use super::{back, title_problem, Post, TITLE_MAX};
use crate::assemblies::store::{self as assemblies, AgendaChange};
use crate::assemblies::AssemblySubmitted;
use crate::auth::validate::Problem;
use crate::domain::ids::AgendaItemId;
use crate::platform::post::{page_again, refuse, unavailable, value, Refusal};
use axum::http::request::Parts;
use axum::response::Response;

/// An item's text as posted in the fields `ka` and `en`: what needs
/// correcting, under the name of the Georgian field.
fn item_problem(ka: &str, en: &str) -> Option<Problem> {
    title_problem(ka).or((en.chars().count() > TITLE_MAX).then_some(Problem::TooLong))
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
    if let Some(problem) = item_problem(ka, en) {
        let submitted = AssemblySubmitted {
            problems: vec![("item_ka".into(), problem)],
            values: posted.to_vec(),
        };
        return page_again(state, parts, &here, submitted).await;
    }
    match assemblies::get(&state.db, id).await {
        Ok(Some(a)) if !a.status.is_over() => {}
        Ok(_) => return refuse(lang, Refusal::NotFound),
        Err(error) => return unavailable(lang, error),
    }
    match assemblies::add_agenda_item(&state.db, id, ka, en).await {
        Ok(_) => back(id, "item"),
        Err(error) => unavailable(lang, error),
    }
}

/// The item a post names, as the field `item`.
fn item_of(posted: &[(String, String)]) -> Option<AgendaItemId> {
    value(posted, "item").parse().ok()
}

/// The notice after a change of the agenda.
fn after(post_id: crate::domain::ids::AssemblyId, change: AgendaChange, done: &str) -> Response {
    match change {
        AgendaChange::Done => back(post_id, done),
        AgendaChange::NoItem => back(post_id, "stale"),
        AgendaChange::TooLate => back(post_id, "too_late"),
        AgendaChange::HasPolls => back(post_id, "item_has_polls"),
    }
}

/// Corrects an item's text. The fields are named after the item
/// (`item_{id}_ka`, `item_{id}_en`), so each item's form on the page has
/// fields of its own.
pub(super) async fn correct_item(post: Post<'_>, parts: Parts) -> Response {
    let Post {
        state,
        id,
        posted,
        lang,
        ..
    } = post;
    let Some(item) = item_of(posted) else {
        return back(id, "stale");
    };
    let (ka_field, en_field) = (format!("item_{item}_ka"), format!("item_{item}_en"));
    let (ka, en) = (
        value(posted, &ka_field).trim(),
        value(posted, &en_field).trim(),
    );
    if let Some(problem) = item_problem(ka, en) {
        let field = if title_problem(ka).is_some() {
            ka_field
        } else {
            en_field
        };
        let submitted = AssemblySubmitted {
            problems: vec![(field, problem)],
            values: posted.to_vec(),
        };
        return page_again(state, parts, &format!("/assemblies/{id}"), submitted).await;
    }
    match assemblies::correct_item(&state.db, id, item, ka, en).await {
        Ok(change) => {
            state.live.publish(id).await;
            after(id, change, "item_saved")
        }
        Err(error) => unavailable(lang, error),
    }
}

/// Moves an item up or down (`do` is `item_up` or `item_down`).
pub(super) async fn move_item(post: Post<'_>) -> Response {
    let Post {
        state,
        id,
        posted,
        lang,
        ..
    } = post;
    let Some(item) = item_of(posted) else {
        return back(id, "stale");
    };
    let up = value(posted, "do") == "item_up";
    match assemblies::move_item(&state.db, id, item, up).await {
        Ok(change) => after(id, change, "moved"),
        Err(error) => unavailable(lang, error),
    }
}

pub(super) async fn remove_item(post: Post<'_>) -> Response {
    let Post {
        state,
        id,
        posted,
        lang,
        ..
    } = post;
    let Some(item) = item_of(posted) else {
        return back(id, "stale");
    };
    match assemblies::remove_item(&state.db, id, item).await {
        Ok(change) => after(id, change, "item_removed"),
        Err(error) => unavailable(lang, error),
    }
}
