//! The Social Enterprises Alliance platform: shared domain rules, pages,
//! components and server functions. Compiled twice: with `ssr` into the
//! server binary and with `hydrate` into the browser's WebAssembly.

pub mod account;
mod app;
pub mod apply;
pub mod assemblies;
pub mod audit;
pub mod auth;
pub mod board;
#[cfg(feature = "hydrate")]
pub mod browser;
pub mod components;
pub mod contact;
pub mod dashboard;
pub mod directory;
pub mod domain;
pub mod error;
pub mod home;
pub mod i18n;
pub mod news;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod platform;

#[cfg(feature = "ssr")]
pub mod db;

pub use app::{shell, App};
#[cfg(feature = "ssr")]
pub mod config;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod markdown;

/// Applies the pending migrations, then brings up to date what the areas
/// derive from the tables (the directory's search and filter columns).
#[cfg(feature = "ssr")]
pub async fn migrate(db: &db::Db) -> Result<(), db::DbError> {
    db.migrate().await?;
    let refreshed = directory::store::listing::reindex_stale(db).await?;
    if refreshed > 0 {
        tracing::info!(refreshed, "directory index brought up to date");
    }
    Ok(())
}

/// Every area's form routes, each with who may call it.
#[cfg(feature = "ssr")]
pub fn form_routes() -> platform::routes::Routes<platform::AppState> {
    account::post::router()
        .merge(apply::post::router())
        .merge(assemblies::post::router())
        .merge(directory::post::router())
        .merge(contact::post::router())
        .merge(dashboard::post::router())
        .merge(news::post::router())
        .merge(directory::import_post::router())
        .merge(board::post::router())
}
