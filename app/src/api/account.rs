use crate::auth::Role;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the account page shows of the signed-in person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountOverview {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub verified: bool,
    pub organisation_ka: String,
    pub organisation_en: String,
    pub organisation_slug: String,
    pub sessions: i64,
}

#[server]
pub async fn load_account() -> Result<AccountOverview, AppError> {
    use crate::auth::server::require;
    use crate::auth::Access;
    use crate::db::{sessions, users};
    use crate::directory::store::organisations;
    let caller = require(Access::SignedIn)?;
    let db = super::server::db()?;
    let user = users::by_id(&db, caller.user_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let organisation = match user.organisation_id {
        Some(id) => organisations::names(&db, id).await?,
        None => None,
    };
    let (organisation_ka, organisation_en, organisation_slug) = organisation.unwrap_or_default();
    Ok(AccountOverview {
        email: user.email,
        display_name: user.display_name,
        role: caller.role,
        verified: user.email_verified_at.is_some(),
        organisation_ka,
        organisation_en,
        organisation_slug,
        sessions: sessions::count_for_user(&db, caller.user_id).await?,
    })
}

/// One row of the administrators' account list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AccountRow {
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub organisation: String,
    pub verified: i64,
}

#[server]
pub async fn list_accounts() -> Result<Vec<AccountRow>, AppError> {
    crate::auth::server::require(crate::auth::Access::Admin)?;
    let db = super::server::db()?;
    Ok(crate::db::users::list(&db).await?)
}
