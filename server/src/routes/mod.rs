//! Routes outside Leptos: health, the language switch without JavaScript,
//! the news feed and the account forms.

mod account;
pub mod applications;
mod assemblies;
mod feed;
mod health;
pub mod lang;
mod open_data;
mod organisations;

use crate::startup::AppState;
pub(crate) use account::lang_of;
use axum::routing::{get, post};
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(open_data::router())
        .merge(organisations::router())
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
