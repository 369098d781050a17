//! Routes outside Leptos: health, the language switch without JavaScript,
//! the news feed and open data; and the mounting of every area's form handlers.

mod feed;
mod health;
pub mod lang;
mod open_data;
mod sitemap;
mod spreadsheet;

use crate::state::AppState;
use app::auth::Access;
use app::platform::routes::{Declared, Routes};
use axum::Router;

/// The server's own routes and every area's form handlers (which run on the
/// areas' shared state).
pub fn router(areas: &app::platform::AppState) -> Router<AppState> {
    Router::new()
        .merge(app::form_routes().with_state(areas.clone()).into_router())
        .merge(server_routes().into_router())
}

/// The server's own routes: the live stream, open data, the feed, the
/// language switch and the health check.
fn server_routes() -> Routes<AppState> {
    Routes::new()
        .get(
            "/assemblies/{id}/live",
            Access::Participant,
            crate::live::stream,
        )
        .merge(open_data::router())
        .get("/healthz", Access::Anyone, health::healthz)
        .post("/lang", Access::Anyone, lang::set_lang)
        .get("/news/feed.xml", Access::Anyone, feed::atom)
        .get("/news/feed.ka.xml", Access::Anyone, feed::atom_ka)
        .get("/news/feed.en.xml", Access::Anyone, feed::atom_en)
        .get("/sitemap.xml", Access::Anyone, sitemap::sitemap)
        .get("/robots.txt", Access::Anyone, sitemap::robots)
}

/// Every route outside Leptos's pages and server functions, with who may
/// call it (the role × endpoint test walks this list).
pub fn declared() -> Vec<Declared> {
    let mut declared = app::form_routes().declared().to_vec();
    declared.extend_from_slice(server_routes().declared());
    declared
}
