//! Account reads: the signed-in person's account, and every account for
//! administrators.

use super::{AccountOverview, AccountRow};
use crate::error::AppError;
use leptos::prelude::*;

#[server]
pub async fn load_account() -> Result<AccountOverview, AppError> {
    use crate::auth::server::require;
    use crate::auth::{Access, Role};
    use crate::db::{sessions, users};
    use crate::directory::store::organisations;
    let caller = require(Access::SignedIn)?;
    let db = crate::platform::request::db()?;
    let user = users::by_id(&db, caller.user_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    // An organisation that left is not the account's any more (the session
    // does not carry it).
    let organisation = match caller.organisation_id {
        Some(id) => organisations::names(&db, id).await?,
        None => None,
    };
    let (organisation_ka, organisation_en, organisation_slug) = organisation.unwrap_or_default();
    let delegate_of = caller.represents();
    Ok(AccountOverview {
        email: user.email,
        display_name: user.display_name,
        role: caller.role,
        verified: user.email_verified_at.is_some(),
        organisation_ka,
        organisation_en,
        organisation_slug,
        sessions: sessions::count_for_user(&db, caller.user_id).await?,
        representatives: match delegate_of {
            Some(org) => super::store::representatives(&db, org, caller.user_id).await?,
            None => Vec::new(),
        },
        notify_staff: match caller.role {
            Role::Staff | Role::Admin => {
                Some(super::store::notify_staff(&db, caller.user_id).await?)
            }
            _ => None,
        },
        leave: match delegate_of {
            Some(org) => {
                let (asked_at, reason) = super::store::leave_request(&db, org).await?;
                Some(super::LeaveRequest { asked_at, reason })
            }
            None => None,
        },
        board_reminder: match caller.role {
            Role::Board => {
                let terms = crate::board::store::terms(&db).await?;
                crate::board::reminder_for(&terms, crate::apply::today())
            }
            _ => None,
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
