//! Routes outside Leptos: health, the language switch without JavaScript,
//! the news feed and open data; and the mounting of every area's form handlers.

mod feed;
mod health;
pub mod lang;
mod open_data;

use crate::state::AppState;
use axum::routing::{get, post};
use axum::Router;

/// The server's own routes and every area's form handlers (which run on the
/// areas' shared state).
pub fn router(areas: &app::platform::AppState) -> Router<AppState> {
    Router::new()
        .merge(app::account::post::router().with_state(areas.clone()))
        .merge(app::apply::post::router().with_state(areas.clone()))
        .merge(app::directory::post::router().with_state(areas.clone()))
        .merge(open_data::router())
        .merge(app::assemblies::post::router().with_state(areas.clone()))
        .route("/assemblies/{id}/live", get(crate::live::stream))
        .route("/healthz", get(health::healthz))
        .route("/lang", post(lang::set_lang))
        .route("/news/feed.xml", get(feed::atom))
}
