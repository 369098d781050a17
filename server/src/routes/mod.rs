//! Routes outside Leptos: health, the language switch without JavaScript,
//! the news feed and open data; and the mounting of every area's form handlers.

mod feed;
mod health;
pub mod lang;
mod open_data;

use crate::state::AppState;
use app::auth::Access;
use app::platform::routes::{Declared, Routes};
use axum::routing::{get, post};
use axum::Router;

/// The server's own routes and every area's form handlers (which run on the
/// areas' shared state).
pub fn router(areas: &app::platform::AppState) -> Router<AppState> {
    Router::new()
        .merge(app::form_routes().with_state(areas.clone()).into_router())
        .merge(server_routes().into_router())
        .merge(open_data::router())
        .route("/healthz", get(health::healthz))
        .route("/lang", post(lang::set_lang))
        .route("/news/feed.xml", get(feed::atom))
}

/// The server's own routes that need a caller: the live stream.
fn server_routes() -> Routes<AppState> {
    Routes::new().get(
        "/assemblies/{id}/live",
        Access::Participant,
        crate::live::stream,
    )
}

/// Every route that declares who may call it: the areas' forms and the
/// live stream (the role × endpoint test walks this list).
pub fn declared() -> Vec<Declared> {
    let mut declared = app::form_routes().declared().to_vec();
    declared.extend_from_slice(server_routes().declared());
    declared
}
