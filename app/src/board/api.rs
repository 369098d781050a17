//! Board reads, open to anyone.

use super::BoardTerm;
use crate::error::AppError;
use leptos::prelude::*;

#[server]
pub async fn current_board() -> Result<Option<BoardTerm>, AppError> {
    crate::auth::server::authorize(crate::auth::Access::Anyone)?;
    let db = crate::platform::request::db()?;
    let today = crate::domain::date::Date::from_unix(crate::db::now_unix()).to_string();
    Ok(super::store::current(&db, &today).await?)
}
