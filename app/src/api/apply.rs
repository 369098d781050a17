//! The membership application: what the wizard, the applicant's status page
//! and the review pages show. Moving between steps, sending and deciding are
//! plain form posts handled by the server's application routes (they work
//! without JavaScript); the wizard also saves its answers as they are typed.

use crate::auth::validate::Problem;
use crate::domain::application::Answers;
use crate::domain::date::Date;
use crate::domain::eligibility::Assessment;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
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
    /// The signed-in applicant (name, email): no account step.
    pub account: Option<(String, String)>,
    /// A password was given on the account step earlier.
    pub has_password: bool,
    /// The draft changes an application returned for changes.
    pub is_change: bool,
    pub today: Date,
}

/// What a refused step post typed, handed to the re-rendered wizard.
#[derive(Debug, Clone)]
pub struct WizardSubmitted {
    pub step: u8,
    pub answers: Answers,
    pub problems: Vec<(String, Problem)>,
}

#[cfg(feature = "ssr")]
pub(crate) fn cookie_value(name: &str) -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    parts
        .headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

#[cfg(feature = "ssr")]
fn draft_token_hash() -> Option<String> {
    cookie_value(DRAFT_COOKIE)
        .filter(|t| !t.is_empty())
        .map(|t| crate::auth::server::session::hash_token(&t))
}

/// The wizard at `step` (1–5); a step beyond the first unfinished one shows
/// that one instead, so the steps are taken in order.
#[server(input = GetUrl)]
pub async fn load_wizard(step: u8) -> Result<WizardView, AppError> {
    let db = super::server::db()?;
    let caller = crate::auth::server::caller();
    let draft = match draft_token_hash() {
        Some(hash) => crate::db::applications::load_draft(&db, &hash).await?,
        None => None,
    }
    .unwrap_or_default();
    let account = caller.map(|c| (c.display_name, c.email));
    let (step, answers, problems) = match use_context::<WizardSubmitted>() {
        Some(s) => (s.step, s.answers, s.problems),
        None => {
            let step = step.clamp(1, draft.step_done.saturating_add(1).min(5));
            (step, draft.answers, Vec::new())
        }
    };
    Ok(WizardView {
        step,
        step_done: draft.step_done,
        answers,
        problems,
        account,
        has_password: !draft.password_hash.is_empty() || draft.application_id.is_some(),
        is_change: draft.application_id.is_some(),
        today: today(),
    })
}

/// Saves the answers as they are typed (no checks: they run when the step
/// is posted, and again on sending). `json` is the answers as JSON.
#[server]
pub async fn save_answers(json: String) -> Result<(), AppError> {
    let db = super::server::db()?;
    let Some(hash) = draft_token_hash() else {
        return Ok(());
    };
    // Bounded like every post: nothing larger than the form allows is kept.
    if json.len() > 64 * 1024 {
        return Ok(());
    }
    let Ok(answers) = serde_json::from_str::<Answers>(&json) else {
        return Ok(());
    };
    crate::db::applications::save_answers(&db, &hash, &answers).await?;
    Ok(())
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
    pub id: i64,
    pub name_ka: String,
    pub name_en: String,
    pub category: String,
    pub status: String,
    pub granted: Option<String>,
    pub submitted_at: i64,
    pub events: Vec<EventView>,
    /// The organisation's page once approved.
    pub organisation_slug: Option<String>,
    /// The key for "change your answers" when returned (from the link).
    pub token: Option<String>,
}

#[cfg(feature = "ssr")]
fn events_for(events: Vec<crate::db::applications::Event>, with_actor: bool) -> Vec<EventView> {
    events
        .into_iter()
        .map(|e| EventView {
            action: e.action,
            category: e.category,
            message: e.message,
            at: e.at,
            actor: if with_actor { e.actor } else { None },
        })
        .collect()
}

/// The applicant's applications: the one the status link (`token`) or the
/// wizard's cookie opens, and every one sent from the signed-in account.
#[server(input = GetUrl)]
pub async fn load_status(token: String) -> Result<Vec<StatusView>, AppError> {
    use crate::auth::server::session::hash_token;
    use crate::db::applications;
    let db = super::server::db()?;
    let token = Some(token)
        .filter(|t| !t.is_empty())
        .or_else(|| cookie_value(DRAFT_COOKIE));
    let mut found = Vec::new();
    if let Some(token) = &token {
        if let Some(app) = applications::by_status_token(&db, &hash_token(token)).await? {
            found.push((app, Some(token.clone())));
        }
    }
    if let Some(caller) = crate::auth::server::caller() {
        for app in applications::by_user(&db, caller.user_id).await? {
            if !found.iter().any(|(a, _)| a.id == app.id) {
                found.push((app, None));
            }
        }
    }
    let mut views = Vec::new();
    for (app, token) in found {
        let events = events_for(applications::events(&db, app.id).await?, false);
        let organisation_slug = match app.organisation_id {
            Some(id) => crate::directory::store::organisations::names(&db, id)
                .await?
                .map(|(_, _, slug)| slug),
            None => None,
        };
        views.push(StatusView {
            id: app.id,
            name_ka: app.answers.name_ka,
            name_en: app.answers.name_en,
            category: app.category,
            status: app.status,
            granted: app.granted,
            submitted_at: app.submitted_at,
            events,
            organisation_slug,
            token,
        });
    }
    Ok(views)
}

/// A row of the review queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueRow {
    pub id: i64,
    pub name_ka: String,
    pub name_en: String,
    pub category: String,
    pub status: String,
    pub submitted_at: i64,
    pub updated_at: i64,
}

/// The review queue, filtered by status ("open" = awaiting a decision or
/// the applicant; "all") and by age (submitted at least `min_days` ago).
#[server(input = GetUrl)]
pub async fn review_queue(status: String, min_days: u32) -> Result<Vec<QueueRow>, AppError> {
    use crate::domain::application::STATUSES;
    crate::auth::server::require(crate::auth::Access::StaffOrBoard)?;
    let db = super::server::db()?;
    let statuses: Vec<&str> = match status.as_str() {
        "" | "open" => vec!["submitted", "resubmitted"],
        "all" => Vec::new(),
        s => match STATUSES.iter().find(|x| **x == s) {
            Some(s) => vec![*s],
            None => return Err(AppError::BadFilter("status".into())),
        },
    };
    let before = (min_days > 0).then(|| crate::db::now_unix() - i64::from(min_days) * 86_400);
    Ok(crate::db::applications::queue(&db, &statuses, before)
        .await?
        .into_iter()
        .map(|a| QueueRow {
            id: a.id,
            name_ka: a.answers.name_ka,
            name_en: a.answers.name_en,
            category: a.category,
            status: a.status,
            submitted_at: a.submitted_at,
            updated_at: a.updated_at,
        })
        .collect())
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
    pub id: i64,
    pub version: i64,
    pub status: String,
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
#[derive(Debug, Clone)]
pub struct DecisionSubmitted {
    pub id: i64,
    pub problems: Vec<(String, Problem)>,
    pub message: String,
}

#[server(input = GetUrl)]
pub async fn review_detail(
    id: i64,
) -> Result<(ReviewView, Vec<(String, Problem)>, String), AppError> {
    use crate::db::applications;
    crate::auth::server::require(crate::auth::Access::StaffOrBoard)?;
    let db = super::server::db()?;
    let Some(app) = applications::by_id(&db, id).await? else {
        super::server::set_not_found();
        return Err(AppError::NotFound);
    };
    let duplicates = applications::duplicates(&db, &app)
        .await?
        .into_iter()
        .map(|d| DuplicateView {
            kind: d.kind.into(),
            id: d.id,
            name: d.name,
            status: d.status,
            matched: d.matched.into_iter().map(String::from).collect(),
        })
        .collect();
    let events = events_for(applications::events(&db, app.id).await?, true);
    let organisation_slug = match app.organisation_id {
        Some(id) => crate::directory::store::organisations::names(&db, id)
            .await?
            .map(|(_, _, slug)| slug),
        None => None,
    };
    let today = today();
    let (problems, message) = match use_context::<DecisionSubmitted>() {
        Some(s) if s.id == id => (s.problems, s.message),
        _ => (Vec::new(), String::new()),
    };
    Ok((
        ReviewView {
            id: app.id,
            version: app.version,
            status: app.status,
            category: app.category,
            granted: app.granted,
            assessment: app.answers.assess(today).ok(),
            answers: app.answers,
            applicant_email: app.email,
            applicant_name: app.applicant_name,
            lang: app.lang,
            submitted_at: app.submitted_at,
            today,
            events,
            duplicates,
            organisation_slug,
        },
        problems,
        message,
    ))
}

/// An associate member that may now become a full member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpgradeRow {
    pub slug: String,
    pub name_ka: String,
    pub name_en: String,
    pub since: Date,
}

#[server(input = GetUrl)]
pub async fn upgrade_list() -> Result<Vec<UpgradeRow>, AppError> {
    crate::auth::server::require(crate::auth::Access::StaffOrBoard)?;
    let db = super::server::db()?;
    Ok(crate::db::applications::upgrade_candidates(&db, today())
        .await?
        .into_iter()
        .map(|(slug, name_ka, name_en, since)| UpgradeRow {
            slug,
            name_ka,
            name_en,
            since,
        })
        .collect())
}
