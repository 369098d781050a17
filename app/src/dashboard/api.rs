//! The dashboard's read, for the secretariat.

use super::Dashboard;
use crate::error::AppError;
use leptos::prelude::*;

#[server]
pub async fn load_dashboard() -> Result<Dashboard, AppError> {
    crate::auth::server::require(crate::auth::Access::Staff)?;
    let db = crate::platform::request::db()?;
    // The rules count in Tbilisi's days.
    let today = crate::apply::today();
    let mut dashboard = super::store::load(&db, today).await?;
    let terms = crate::board::store::terms(&db).await?;
    dashboard.board_reminder = crate::board::reminder_for(&terms, today);
    Ok(dashboard)
}
