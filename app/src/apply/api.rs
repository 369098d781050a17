//! Application reads: the wizard's step, the applicant's status, the review
//! queue, one application under review, the upgrade list.

#[cfg(feature = "ssr")]
use super::{today, DecisionSubmitted, DuplicateView, EventView, WizardSubmitted, DRAFT_COOKIE};
use super::{QueueRow, ReviewView, StatusView, UpgradeRow, WizardView};
use crate::auth::validate::Problem;
#[cfg(feature = "ssr")]
use crate::domain::application::Answers;
use crate::domain::ids::ApplicationId;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
pub(crate) fn site_cookie_value(base: &str) -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    let secure = use_context::<crate::config::SiteConfig>().is_some_and(|s| s.secure_cookies());
    crate::platform::site_cookie(&parts.headers, base, secure)
}

#[cfg(feature = "ssr")]
fn draft_token_hash() -> Option<String> {
    site_cookie_value(DRAFT_COOKIE)
        .filter(|t| !t.is_empty())
        .map(|t| crate::auth::server::session::hash_token(&t))
}

/// The wizard at `step` (1–5); a step beyond the first unfinished one shows
/// that one instead, so the steps are taken in order.
#[server(input = GetUrl)]
pub async fn load_wizard(step: u8) -> Result<WizardView, AppError> {
    let db = crate::platform::request::db()?;
    let caller = crate::auth::server::caller();
    let draft = match draft_token_hash() {
        Some(hash) => super::store::load_draft(&db, &hash).await?,
        None => None,
    }
    .unwrap_or_default();
    let account = caller.map(|c| super::SignedInAs {
        name: c.display_name,
        email: c.email,
    });
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
    let db = crate::platform::request::db()?;
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
    super::store::save_answers(&db, &hash, &answers).await?;
    Ok(())
}

#[cfg(feature = "ssr")]
fn events_for(events: Vec<super::store::Event>, with_actor: bool) -> Vec<EventView> {
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
/// The cookie opens an application only once its applicant has confirmed
/// the address: until then the browser that sent it sees what it would see
/// had the address belonged to an account already (where nothing is sent
/// before its owner signs in), so the page does not tell the two apart.
#[server(input = GetUrl)]
pub async fn load_status(token: String) -> Result<Vec<StatusView>, AppError> {
    use super::store as applications;
    use crate::auth::server::session::hash_token;
    let db = crate::platform::request::db()?;
    let from_link = !token.is_empty();
    let token = Some(token)
        .filter(|t| !t.is_empty())
        .or_else(|| site_cookie_value(DRAFT_COOKIE));
    let mut found = Vec::new();
    if let Some(token) = &token {
        if let Some(app) = applications::by_status_token(&db, &hash_token(token)).await? {
            let confirmed = crate::db::users::by_id(&db, app.user_id)
                .await?
                .is_some_and(|u| u.email_verified_at.is_some());
            if from_link || confirmed {
                found.push((app, Some(token.clone())));
            }
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

/// The review queue, filtered by status ("open" = awaiting a decision or
/// the applicant; "all") and by age (submitted at least `min_days` ago).
#[server(input = GetUrl)]
pub async fn review_queue(
    status: String,
    min_days: u32,
    page: i64,
) -> Result<crate::domain::paging::Paged<QueueRow>, AppError> {
    use crate::domain::application::ApplicationStatus;
    crate::auth::server::require(crate::auth::Access::StaffOrBoard)?;
    let db = crate::platform::request::db()?;
    let statuses: Vec<ApplicationStatus> = match status.as_str() {
        "" | "open" => ApplicationStatus::ALL
            .into_iter()
            .filter(|s| s.can_decide())
            .collect(),
        "all" => Vec::new(),
        s => match ApplicationStatus::from_code(s) {
            Some(s) => vec![s],
            None => return Err(AppError::BadFilter("status".into())),
        },
    };
    let before = (min_days > 0).then(|| crate::db::now_unix() - i64::from(min_days) * 86_400);
    let found = super::store::queue(&db, &statuses, before, page).await?;
    Ok(found.map(|a| QueueRow {
        id: a.id,
        name_ka: a.answers.name_ka,
        name_en: a.answers.name_en,
        category: a.category,
        status: a.status,
        submitted_at: a.submitted_at,
        updated_at: a.updated_at,
    }))
}

#[server(input = GetUrl)]
pub async fn review_detail(
    id: ApplicationId,
) -> Result<(ReviewView, Vec<(String, Problem)>, String), AppError> {
    use super::store as applications;
    crate::auth::server::require(crate::auth::Access::StaffOrBoard)?;
    let db = crate::platform::request::db()?;
    let Some(app) = applications::by_id(&db, id).await? else {
        crate::platform::request::set_not_found();
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

#[server(input = GetUrl)]
pub async fn upgrade_list(page: i64) -> Result<crate::domain::paging::Paged<UpgradeRow>, AppError> {
    crate::auth::server::require(crate::auth::Access::StaffOrBoard)?;
    let db = crate::platform::request::db()?;
    let found = super::store::upgrade_candidates(&db, today(), page).await?;
    Ok(found.map(|(slug, name_ka, name_en, since)| UpgradeRow {
        slug,
        name_ka,
        name_en,
        since,
    }))
}
