//! The membership application: the wizard, the applicant's status page and
//! the review pages. Moving between steps, sending and deciding are plain
//! form posts (they work without JavaScript); the wizard also saves its
//! answers as they are typed.
//!
//! Reads are server functions in `api`; writes are the form handlers in
//! `post` (wizard, resume, review); SQL is in `store` (drafts, submission,
//! review).

pub mod api;
mod check;
#[cfg(feature = "ssr")]
pub mod cookie;
#[cfg(feature = "ssr")]
pub mod post;
mod review_page;
mod status_page;

#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "hydrate")]
mod wizard_browser;
mod wizard_fields;
mod wizard_page;
mod words;

pub use review_page::{ReviewPage, ReviewQueuePage};
pub use status_page::ApplicationStatusPage;
pub use wizard_page::ApplyPage;

use crate::auth::validate::Problem;
use crate::domain::application::{Answers, ApplicationStatus};
use crate::domain::date::Date;
use crate::domain::eligibility::Assessment;
use crate::domain::ids::ApplicationId;
use serde::{Deserialize, Serialize};

/// The cookie that holds the wizard's draft token (also the key of the
/// application's status page once it is sent).
pub const DRAFT_COOKIE: &str = "alliance_draft";

/// Tbilisi is UTC+4 all year: the day the rules count in.
pub const TBILISI_OFFSET_SECONDS: i64 = 4 * 3600;

#[cfg(feature = "ssr")]
pub fn today() -> Date {
    Date::from_unix(crate::db::now_unix() + TBILISI_OFFSET_SECONDS)
}

/// What one step of the wizard shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WizardView {
    pub step: u8,
    pub step_done: u8,
    pub answers: Answers,
    pub problems: Vec<(String, Problem)>,
    /// The signed-in applicant: no account step.
    pub account: Option<SignedInAs>,
    /// A password was given on the account step earlier.
    pub has_password: bool,
    /// The draft changes an application returned for changes.
    pub is_change: bool,
    pub today: Date,
}

/// Who applies, when signed in: the contact person of the application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedInAs {
    pub name: String,
    pub email: String,
}

/// What a refused step post typed, handed to the re-rendered wizard.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WizardSubmitted {
    pub step: u8,
    pub answers: Answers,
    pub problems: Vec<(String, Problem)>,
}

/// One entry of an application's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventView {
    pub action: String,
    pub category: Option<String>,
    pub message: String,
    pub at: i64,
    /// Shown to reviewers only.
    pub actor: Option<String>,
}

/// An application as its applicant sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusView {
    pub id: ApplicationId,
    pub name_ka: String,
    pub name_en: String,
    pub category: String,
    pub status: ApplicationStatus,
    pub granted: Option<String>,
    pub submitted_at: i64,
    pub events: Vec<EventView>,
    /// The organisation's page once approved.
    pub organisation_slug: Option<String>,
    /// The key for "change your answers" when returned (from the link).
    pub token: Option<String>,
}

/// A row of the review queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueRow {
    pub id: ApplicationId,
    pub name_ka: String,
    pub name_en: String,
    pub category: String,
    pub status: ApplicationStatus,
    pub submitted_at: i64,
    pub updated_at: i64,
}

/// Another record that may be the same organisation or person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicateView {
    pub kind: String,
    pub id: i64,
    pub name: String,
    pub status: String,
    pub matched: Vec<String>,
}

/// Everything a reviewer needs to decide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewView {
    pub id: ApplicationId,
    pub version: i64,
    pub status: ApplicationStatus,
    pub category: String,
    pub granted: Option<String>,
    pub answers: Answers,
    pub applicant_email: String,
    pub applicant_name: String,
    pub lang: String,
    pub submitted_at: i64,
    /// The rules as of today (`None`: the answers no longer make sense).
    pub assessment: Option<Assessment>,
    pub today: Date,
    pub events: Vec<EventView>,
    pub duplicates: Vec<DuplicateView>,
    pub organisation_slug: Option<String>,
}

/// What a refused decision typed, handed to the re-rendered review page.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DecisionSubmitted {
    pub id: ApplicationId,
    pub problems: Vec<(String, Problem)>,
    pub message: String,
}

/// An associate member that may now become a full member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpgradeRow {
    pub slug: String,
    pub name_ka: String,
    pub name_en: String,
    pub since: Date,
}
