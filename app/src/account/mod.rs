//! Accounts: signing in and up, the links a mail carries (verify, reset,
//! confirm a new address), the account page, and the administrators' list.
//! The account forms post to `/api/...` (handled in `post`) and come back
//! to these pages with what to show in the query string.
//!
//! Reads are server functions in `api`, writes the form handlers in `post`;
//! the administrators' list is the
//! only SQL of its own (`store`): users, sessions and links are shared by
//! every area and live in `db` and `auth`.

pub mod api;
mod link_pages;
mod login_page;
mod overview_page;
#[cfg(feature = "ssr")]
pub mod post;
mod register_page;
#[cfg(feature = "ssr")]
pub mod store;
mod users_page;

pub use link_pages::{ConfirmEmailPage, ForgotPage, ResetPage, VerifyPage};
pub use login_page::LoginPage;
pub use overview_page::AccountPage;
pub use register_page::RegisterPage;
pub use users_page::UsersPage;

use crate::auth::Role;
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
