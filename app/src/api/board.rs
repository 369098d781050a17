use crate::error::AppError;
use leptos::prelude::*;
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

#[server]
pub async fn current_board() -> Result<Option<BoardTerm>, AppError> {
    crate::auth::server::authorize(crate::auth::Access::Anyone)?;
    let db = super::server::db()?;
    let today = crate::domain::date::Date::from_unix(crate::db::now_unix()).to_string();
    Ok(crate::db::board::current(&db, &today).await?)
}
