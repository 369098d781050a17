//! The Board: the term in force and its seven seats.
//!
//! Reads are server functions in `api`, SQL is in `store`; terms come from
//! the back office or `seed`.

pub mod api;
mod page;
#[cfg(feature = "ssr")]
pub mod store;

pub use page::BoardPage;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct BoardSeat {
    pub seat: i64,
    /// chair, deputy_chair or member.
    pub role: String,
    pub person_ka: String,
    pub person_en: String,
    pub organisation_ka: String,
    pub organisation_en: String,
    pub organisation_slug: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardTerm {
    /// ISO dates.
    pub starts_on: String,
    pub ends_on: String,
    pub seats: Vec<BoardSeat>,
}
