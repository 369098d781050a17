//! The server: configuration, the axum application around the Leptos app,
//! routes outside Leptos, and the seed data.

pub mod config;
mod routes;
pub mod seed;
pub mod startup;
pub mod telemetry;
