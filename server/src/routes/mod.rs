//! Routes outside Leptos: health, the language switch without JavaScript,
//! and the news feed.

mod feed;
mod health;
mod lang;

use crate::startup::AppState;
use axum::routing::{get, post};
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/lang", post(lang::set_lang))
        .route("/news/feed.xml", get(feed::atom))
}
