//! Accounts: signing in and up, the links a mail carries (verify, reset,
//! confirm a new address, accept an invitation), the account page with an
//! organisation's representatives, and the administrators' accounts:
//! invitations, roles, deactivation.
//! The account forms post to `/api/...` (handled in `post`) and come back
//! to these pages with what to show in the query string.
//!
//! Reads are server functions in `api`, writes the form handlers in `post`;
//! the administrators' list is the
//! only SQL of its own (`store`): users, sessions and links are shared by
//! every area and live in `db` and `auth`.

pub mod api;
#[cfg(feature = "ssr")]
pub mod export;
mod link_pages;
mod login_page;
mod overview_page;
#[cfg(feature = "ssr")]
pub mod post;
mod register_page;
#[cfg(feature = "ssr")]
pub mod store;
mod users_page;

pub use link_pages::{ConfirmEmailPage, ForgotPage, InvitePage, ResetPage, VerifyPage};
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
    /// For an organisation's representative: every representative of it.
    pub representatives: Vec<Representative>,
    /// For staff and administrators: whether they are mailed when an
    /// application arrives or a member asks to leave.
    pub notify_staff: Option<bool>,
    /// For an organisation's representative: whether it asked to leave.
    pub leave: Option<LeaveRequest>,
    /// For the Board (whose account page is their home): the Board's term
    /// ends within 90 days and no next Board is on record.
    pub board_reminder: Option<crate::board::Reminder>,
}

/// An organisation's request to leave the Alliance, as its representatives
/// see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaveRequest {
    /// When it asked (a Unix time); `None` when it has not.
    pub asked_at: Option<i64>,
    pub reason: String,
}

/// How many representatives an organisation's own invitations reach: the
/// representative and a colleague. (Administrators may add more.)
pub const REPRESENTATIVES_MAX: i64 = 2;

/// One of an organisation's representatives, as the others see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Representative {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    /// Invited, not yet accepted.
    pub pending: bool,
    /// The signed-in person.
    pub you: bool,
}

/// One row of the administrators' account list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AccountRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub organisation: String,
    pub verified: i64,
    /// `active`, `invited` (not yet accepted) or `deactivated`.
    pub status: String,
}
