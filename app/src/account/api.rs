//! Account reads: the signed-in person's account, and every account for
//! administrators.

use super::{AccountOverview, AccountRow};
use crate::error::AppError;
use leptos::prelude::*;

#[server]
pub async fn load_account() -> Result<AccountOverview, AppError> {
    use crate::auth::server::require;
    use crate::auth::Access;
    use crate::db::{sessions, users};
    use crate::directory::store::organisations;
    let caller = require(Access::SignedIn)?;
    let db = crate::platform::request::db()?;
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
        representatives: match (caller.role, caller.organisation_id) {
            (crate::auth::Role::Member, Some(org)) => {
                super::store::representatives(&db, org, caller.user_id).await?
            }
            _ => Vec::new(),
        },
    })
}

#[server]
pub async fn list_accounts(
    page: i64,
) -> Result<crate::domain::paging::Paged<AccountRow>, AppError> {
    crate::auth::server::require(crate::auth::Access::Admin)?;
    let db = crate::platform::request::db()?;
    Ok(super::store::list(&db, page).await?)
}
