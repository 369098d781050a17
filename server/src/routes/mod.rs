//! Routes outside Leptos: health, the language switch without JavaScript,
//! the news feed and the account forms.

mod account;
pub mod applications;
mod assemblies;
mod feed;
mod health;
pub mod lang;
mod open_data;

use crate::startup::AppState;
pub(crate) use account::lang_of;
use axum::routing::{get, post};
use axum::Router;

/// The server's own routes and every area's form handlers (which run on the
/// areas' shared state).
pub fn router(areas: &app::platform::AppState) -> Router<AppState> {
    Router::new()
        .merge(app::directory::post::router().with_state(areas.clone()))
        .merge(open_data::router())
        .merge(applications::router())
        .merge(assemblies::router())
        .route("/healthz", get(health::healthz))
        .route("/lang", post(lang::set_lang))
        .route("/news/feed.xml", get(feed::atom))
        .route("/api/login", post(account::login))
        .route("/api/logout", post(account::logout))
        .route("/api/register", post(account::register))
        .route("/api/verify", post(account::verify))
        .route("/api/forgot", post(account::forgot))
        .route("/api/reset", post(account::reset))
        .route("/api/account/password", post(account::change_password))
        .route("/api/account/email", post(account::change_email))
        .route("/api/confirm-email", post(account::confirm_email))
}
