//! The secretariat's dashboard (`/admin`): what waits for staff — the
//! applications to decide, the associates who may become full members (one
//! step), the assemblies still being prepared and what each lacks, mail that
//! could not be sent, the members that asked to leave (whose end of
//! membership staff record) — and the latest changes.
//!
//! The read is a server function in `api`, the one-step actions post to
//! `post`, the SQL is in `store`.

pub mod api;
mod page;
#[cfg(feature = "ssr")]
pub mod post;
#[cfg(feature = "ssr")]
pub mod store;

pub use page::DashboardPage;

use crate::domain::date::Date;
use serde::{Deserialize, Serialize};

/// How many rows each part of the dashboard shows.
pub const SHOWN: i64 = 10;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    /// Today in Tbilisi: the latest day a membership can be recorded to end.
    pub today: Option<Date>,
    /// Sent or sent again, waiting for a decision, oldest first.
    pub waiting: Vec<Waiting>,
    pub waiting_total: i64,
    /// Active associates whose experience reached two years.
    pub upgrades: Vec<Upgrade>,
    pub upgrades_total: i64,
    /// Assemblies not yet in session, soonest first.
    pub assemblies: Vec<Preparing>,
    /// Member organisations that asked to leave, oldest request first.
    pub leaving: Vec<Leaving>,
    /// Mail the server is still trying to send.
    pub mail_retrying: i64,
    /// Mail given up on, newest first.
    pub mail_failed: Vec<FailedMail>,
    /// The Board's term ends within 90 days (or has ended) and no next
    /// Board is on record.
    pub board_reminder: Option<crate::board::Reminder>,
    /// Application decisions and profile changes, newest first.
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Waiting {
    pub id: i64,
    pub name_ka: String,
    pub name_en: String,
    pub submitted_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Upgrade {
    pub slug: String,
    pub name_ka: String,
    pub name_en: String,
    /// When the two years were reached.
    pub since: Date,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Preparing {
    pub id: i64,
    pub title_ka: String,
    pub title_en: String,
    pub starts_at: i64,
    /// `draft` (not announced yet) or `announced`.
    pub status: String,
    pub agenda_items: i64,
    pub documents: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Leaving {
    pub slug: String,
    pub name_ka: String,
    pub name_en: String,
    /// The day it joined (the end cannot be earlier), YYYY-MM-DD.
    pub member_since: String,
    pub asked_at: i64,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct FailedMail {
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    pub last_error: String,
    pub failed_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Change {
    pub happened_at: i64,
    /// `approved`, `rejected`, `returned`, `submitted`, `resubmitted`
    /// (an application) or `profile` (an organisation's profile).
    pub kind: String,
    pub name_ka: String,
    pub name_en: String,
    /// Where it is seen.
    pub link: String,
    /// Who did it (an address), empty when unknown.
    pub actor: String,
}
