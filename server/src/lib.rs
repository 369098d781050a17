//! The server: configuration, the axum application around the Leptos app,
//! routes outside Leptos, and the seed data.

pub mod accounts;
pub mod config;
mod language;
pub mod live;
mod page_cache;
pub mod routes;
pub mod security;
pub mod seed;
pub mod startup;
mod state;
pub mod telemetry;
