//! The review: applications as stored, the queue, duplicates, decisions
//! (guarded by the application's version), reopening and upgrades.

use super::{event, save_draft, Draft};
use crate::db::mail_queue::{enqueue_in, Outgoing};
use crate::db::{is_unique_violation, now_unix, Db};
use crate::directory::store::organisations::{self, NewOrganisation};
use crate::domain::application::{Answers, ApplicationStatus};
use crate::domain::ids::{ApplicationId, OrganisationId, UserId};
use crate::domain::paging::{Paged, Window, LIST_PAGE_SIZE};
use sqlx::{Any, Transaction};

/// An application as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    pub id: ApplicationId,
    pub user_id: UserId,
    pub answers: Answers,
    pub category: String,
    pub status: ApplicationStatus,
    pub granted: Option<String>,
    pub organisation_id: Option<OrganisationId>,
    pub lang: String,
    pub version: i64,
    pub submitted_at: i64,
    pub updated_at: i64,
    /// The applicant's account email and name.
    pub email: String,
    pub applicant_name: String,
}

/// One recorded step of an application's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub action: String,
    pub category: Option<String>,
    pub message: String,
    pub at: i64,
    pub actor: Option<String>,
}

type Row = (
    ApplicationId,
    UserId,
    String,
    String,
    String,
    Option<String>,
    Option<OrganisationId>,
    String,
    i64,
    i64,
    i64,
    String,
    String,
);

const SELECT: &str = "SELECT a.id, a.user_id, a.answers, a.category, a.status, a.granted, \
    a.organisation_id, a.lang, a.version, a.submitted_at, a.updated_at, u.email, u.display_name \
    FROM applications a JOIN users u ON u.id = a.user_id";

fn from_row(row: Row) -> Application {
    let (
        id,
        user_id,
        answers,
        category,
        status,
        granted,
        organisation_id,
        lang,
        version,
        submitted_at,
        updated_at,
        email,
        applicant_name,
    ) = row;
    Application {
        id,
        user_id,
        answers: serde_json::from_str(&answers).unwrap_or_default(),
        category,
        status: ApplicationStatus::from_code(&status).unwrap_or_default(),
        granted,
        organisation_id,
        lang,
        version,
        submitted_at,
        updated_at,
        email,
        applicant_name,
    }
}

pub async fn by_id(db: &Db, id: ApplicationId) -> Result<Option<Application>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(&format!("{SELECT} WHERE a.id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    Ok(row.map(from_row))
}

/// The application whose status page `token_hash` opens.
pub async fn by_status_token(
    db: &Db,
    token_hash: &str,
) -> Result<Option<Application>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(&format!("{SELECT} WHERE a.status_token_hash = $1"))
        .bind(token_hash)
        .fetch_optional(db.pool())
        .await?;
    Ok(row.map(from_row))
}

/// Applications sent from one account, newest first.
pub async fn by_user(db: &Db, user_id: UserId) -> Result<Vec<Application>, sqlx::Error> {
    let rows: Vec<Row> =
        sqlx::query_as(&format!("{SELECT} WHERE a.user_id = $1 ORDER BY a.id DESC"))
            .bind(user_id)
            .fetch_all(db.pool())
            .await?;
    Ok(rows.into_iter().map(from_row).collect())
}

/// One page of the review queue: applications in `statuses` (all when
/// empty), oldest first, and submitted before `before` when given (to
/// filter by age).
pub async fn queue(
    db: &Db,
    statuses: &[ApplicationStatus],
    before: Option<i64>,
    page: i64,
) -> Result<Paged<Application>, sqlx::Error> {
    // The statuses are the enumeration's own codes, bound as parameters.
    let matching = if statuses.is_empty() {
        String::new()
    } else {
        let marks: Vec<String> = (0..statuses.len()).map(|i| format!("${}", i + 2)).collect();
        format!(" AND a.status IN ({})", marks.join(", "))
    };
    let count_sql =
        format!("SELECT COUNT(*) FROM applications a WHERE a.submitted_at <= $1{matching}");
    let mut count = sqlx::query_scalar::<_, i64>(&count_sql).bind(before.unwrap_or(i64::MAX));
    for status in statuses {
        count = count.bind(status.code());
    }
    let total = count.fetch_one(db.pool()).await?;
    let window = Window::of(total, page, LIST_PAGE_SIZE);
    let n = statuses.len();
    let page_sql = format!(
        "{SELECT} WHERE a.submitted_at <= $1{matching} ORDER BY a.submitted_at, a.id LIMIT ${} OFFSET ${}",
        n + 2,
        n + 3
    );
    let mut rows = sqlx::query_as::<_, Row>(&page_sql).bind(before.unwrap_or(i64::MAX));
    for status in statuses {
        rows = rows.bind(status.code());
    }
    let rows = rows
        .bind(window.limit)
        .bind(window.offset)
        .fetch_all(db.pool())
        .await?;
    Ok(Paged::new(
        rows.into_iter().map(from_row).collect(),
        window,
        total,
    ))
}

pub async fn events(db: &Db, application_id: ApplicationId) -> Result<Vec<Event>, sqlx::Error> {
    type EventRow = (String, Option<String>, String, i64, Option<String>);
    let rows: Vec<EventRow> = sqlx::query_as(
        "SELECT e.action, e.category, e.message, e.at, u.email FROM application_events e \
         LEFT JOIN users u ON u.id = e.actor_user_id WHERE e.application_id = $1 ORDER BY e.id",
    )
    .bind(application_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(action, category, message, at, actor)| Event {
            action,
            category,
            message,
            at,
            actor,
        })
        .collect())
}

/// A record that may be the same organisation or person as an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// "application" or "organisation".
    pub kind: &'static str,
    pub id: i64,
    pub name: String,
    pub status: String,
    /// Which of code, name, email matched.
    pub matched: Vec<&'static str>,
}

/// Other applications and organisations with the same identification code,
/// name (either language, case-insensitive) or email.
pub async fn duplicates(db: &Db, app: &Application) -> Result<Vec<Duplicate>, sqlx::Error> {
    let code = app.answers.id_code.trim().to_string();
    let names: Vec<String> = [&app.answers.name_ka, &app.answers.name_en]
        .iter()
        .map(|n| n.trim().to_lowercase())
        .filter(|n| !n.is_empty())
        .collect();
    let email = app.email.to_lowercase();
    // The database narrows the candidates (emails are stored lower-cased);
    // the comparison below decides, with full Unicode case folding.
    let never = "\u{1}";
    let name_a = names.first().map_or(never, String::as_str);
    let name_b = names.get(1).map_or(name_a, String::as_str);
    let name_matches = |ka: &str, en: &str| {
        names.contains(&ka.trim().to_lowercase()) || names.contains(&en.trim().to_lowercase())
    };
    let mut found = Vec::new();
    let apps: Vec<(i64, String, String, String, String, String)> = sqlx::query_as(
        "SELECT a.id, a.id_code, a.name_ka, a.name_en, a.status, u.email FROM applications a \
         JOIN users u ON u.id = a.user_id WHERE a.id <> $1 AND (a.id_code = $2 OR u.email = $3 \
           OR lower(a.name_ka) IN ($4, $5) OR lower(a.name_en) IN ($4, $5))",
    )
    .bind(app.id)
    .bind(&code)
    .bind(&email)
    .bind(name_a)
    .bind(name_b)
    .fetch_all(db.pool())
    .await?;
    for (id, other_code, ka, en, status, other_email) in apps {
        let mut matched = Vec::new();
        if other_code == code {
            matched.push("code");
        }
        if name_matches(&ka, &en) {
            matched.push("name");
        }
        if other_email == email {
            matched.push("email");
        }
        if !matched.is_empty() {
            found.push(Duplicate {
                kind: "application",
                id,
                name: if ka.is_empty() { en } else { ka },
                status,
                matched,
            });
        }
    }
    let orgs: Vec<(i64, String, String, String, String, String)> = sqlx::query_as(
        "SELECT id, id_code, name_ka, name_en, status, email FROM organisations \
             WHERE id_code = $1 OR lower(email) = $2 \
               OR lower(name_ka) IN ($3, $4) OR lower(name_en) IN ($3, $4)",
    )
    .bind(&code)
    .bind(&email)
    .bind(name_a)
    .bind(name_b)
    .fetch_all(db.pool())
    .await?;
    for (id, other_code, ka, en, status, other_email) in orgs {
        let mut matched = Vec::new();
        if other_code == code {
            matched.push("code");
        }
        if name_matches(&ka, &en) {
            matched.push("name");
        }
        if !other_email.is_empty() && other_email.to_lowercase() == email {
            matched.push("email");
        }
        if !matched.is_empty() {
            found.push(Duplicate {
                kind: "organisation",
                id,
                name: if ka.is_empty() { en } else { ka },
                status,
                matched,
            });
        }
    }
    Ok(found)
}

/// A reviewer's decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Approve { category: String, today: String },
    Reject { reason: String },
    Return { message: String },
}

impl Decision {
    /// The status it leaves the application in (also the event's action).
    pub fn status(&self) -> ApplicationStatus {
        match self {
            Decision::Approve { .. } => ApplicationStatus::Approved,
            Decision::Reject { .. } => ApplicationStatus::Rejected,
            Decision::Return { .. } => ApplicationStatus::Returned,
        }
    }

    pub fn action(&self) -> &'static str {
        self.status().code()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decided {
    /// Taken; for an approval, the new organisation's slug.
    Done {
        slug: Option<String>,
        /// The applicant's mail, queued with the decision.
        mail: i64,
    },
    /// Someone else decided first, or the application is not awaiting a
    /// decision: nothing was changed.
    Stale,
    /// Approval refused: a member already has the identification code.
    CodeMember,
}

/// Takes `decision` on application `id` if it is still at `version` and
/// awaiting a decision. On approval the organisation is created (active,
/// member since `today`) and the applicant becomes its representative.
/// `tell` (the applicant's mail) is queued in the same transaction.
pub async fn decide(
    db: &Db,
    id: ApplicationId,
    version: i64,
    actor: UserId,
    decision: &Decision,
    tell: Outgoing<'_>,
) -> Result<Decided, sqlx::Error> {
    let now = now_unix();
    let mut tx = db.begin_write().await?;
    let (granted, message) = match decision {
        Decision::Approve { category, .. } => (Some(category.as_str()), ""),
        Decision::Reject { reason } => (None, reason.as_str()),
        Decision::Return { message } => (None, message.as_str()),
    };
    let updated = sqlx::query(
        "UPDATE applications SET status = $1, granted = $2, version = version + 1, updated_at = $3 \
         WHERE id = $4 AND version = $5 AND status IN ('submitted', 'resubmitted')",
    )
    .bind(decision.action())
    .bind(granted)
    .bind(now)
    .bind(id)
    .bind(version)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() != 1 {
        return Ok(Decided::Stale);
    }
    let mut slug = None;
    let mut organisation = None;
    if let Decision::Approve { category, today } = decision {
        let (user_id, json): (UserId, String) =
            sqlx::query_as("SELECT user_id, answers FROM applications WHERE id = $1")
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
        let answers: Answers = serde_json::from_str(&json).unwrap_or_default();
        let (contact_email, contact_phone): (String, String) = if answers.contact_email.is_empty() {
            let email: String = sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
                .bind(user_id)
                .fetch_one(&mut *tx)
                .await?;
            (email, answers.contact_phone.clone())
        } else {
            (answers.contact_email.clone(), answers.contact_phone.clone())
        };
        let new_slug = free_slug(&mut tx, &answers, id).await?;
        let org = NewOrganisation {
            slug: new_slug.clone(),
            name_ka: answers.name_ka.trim().to_string(),
            name_en: answers.name_en.trim().to_string(),
            legal_form: answers.legal_form.clone(),
            id_code: answers.id_code.trim().to_string(),
            category: category.clone(),
            status: crate::domain::directory::OrganisationStatus::Active,
            listed: answers.listed,
            member_since: today.clone(),
            activity_start: (!answers.activity_start.is_empty())
                .then(|| answers.activity_start.clone()),
            description_ka: answers.mission.trim().to_string(),
            description_en: String::new(),
            products_ka: answers.projects.trim().to_string(),
            products_en: String::new(),
            website: String::new(),
            email: contact_email,
            phone: contact_phone,
            sectors: answers.sectors.clone(),
            regions: answers.regions.clone(),
            impact_areas: answers.impact.clone(),
        };
        let org_id = match organisations::insert_in(&mut tx, &org).await {
            Ok(org_id) => org_id,
            Err(error) if is_unique_violation(&error) => return Ok(Decided::CodeMember),
            Err(error) => return Err(error),
        };
        sqlx::query("UPDATE applications SET organisation_id = $1 WHERE id = $2")
            .bind(org_id)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE users SET organisation_id = $1, updated_at = $2 WHERE id = $3 AND role = 'member'",
        )
        .bind(org_id)
        .bind(now)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        slug = Some(new_slug);
        organisation = Some(org_id.get());
    }
    event(
        &mut tx,
        id,
        Some(actor),
        decision.action(),
        granted,
        message,
        now,
    )
    .await?;
    let mail = enqueue_in(&mut tx, tell, now).await?;
    let entry = crate::audit::store::Entry::new("application.decided", format!("application {id}"))
        .by(actor)
        .with("decision", decision.action())
        .with("category", granted)
        .with("organisation", organisation)
        .with("message", message);
    crate::audit::store::append(db, &mut tx, &entry).await?;
    tx.commit().await?;
    if slug.is_some() {
        crate::directory::store::listing::cache(db).changed();
    }
    Ok(Decided::Done { slug, mail })
}

/// A slug from the English name (or the Georgian one transliterated), made
/// unique with the application's id when taken.
async fn free_slug(
    tx: &mut Transaction<'static, Any>,
    answers: &Answers,
    id: ApplicationId,
) -> Result<String, sqlx::Error> {
    let base = crate::domain::slug::from_names(
        &answers.name_en,
        &answers.name_ka,
        &format!("member-{id}"),
    );
    let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM organisations WHERE slug = $1")
        .bind(&base)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(if taken.is_some() {
        format!("{base}-{id}")
    } else {
        base
    })
}

/// Makes a draft from an application returned for changes, under the
/// application's own token, so the applicant edits it in the wizard.
pub async fn reopen(db: &Db, token_hash: &str) -> Result<bool, sqlx::Error> {
    let Some(app) = by_status_token(db, token_hash).await? else {
        return Ok(false);
    };
    if app.status != ApplicationStatus::Returned {
        return Ok(false);
    }
    let draft = Draft {
        answers: app.answers,
        password_hash: String::new(),
        step_done: 4,
        application_id: Some(app.id),
        resume_sent_to: String::new(),
    };
    save_draft(db, token_hash, &draft).await?;
    Ok(true)
}

/// Withdraws an open application for its applicant (`user`): recorded in
/// its history, and any draft of changes to it dropped. `false` when it is
/// not (any more) open, or not theirs.
pub async fn withdraw(db: &Db, id: ApplicationId, user: UserId) -> Result<bool, sqlx::Error> {
    let now = crate::db::now_unix();
    let mut tx = db.begin_write().await?;
    let withdrawn = sqlx::query(
        "UPDATE applications SET status = 'withdrawn', updated_at = $1 \
         WHERE id = $2 AND user_id = $3 AND status IN ('submitted', 'returned', 'resubmitted')",
    )
    .bind(now)
    .bind(id)
    .bind(user)
    .execute(&mut *tx)
    .await?;
    if withdrawn.rows_affected() == 0 {
        return Ok(false);
    }
    event(&mut tx, id, Some(user), "withdrawn", None, "", now).await?;
    sqlx::query("DELETE FROM application_drafts WHERE application_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(true)
}

/// Active associate members whose experience reached two years: (slug,
/// name ka, name en, since when eligible for full membership).
pub async fn upgrade_candidates(
    db: &Db,
    today: crate::domain::date::Date,
    page: i64,
) -> Result<Paged<(String, String, String, crate::domain::date::Date)>, sqlx::Error> {
    use crate::domain::date::Date;
    use crate::domain::eligibility::{experience_reached, latest_start_reaching, FULL_MONTHS};
    // Start dates are stored as YYYY-MM-DD, so text order is date order.
    const WHERE: &str = "WHERE status = 'active' AND category = 'associate' \
        AND activity_start IS NOT NULL AND activity_start <= $1";
    let cut = latest_start_reaching(FULL_MONTHS, today).to_string();
    let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM organisations {WHERE}"))
        .bind(&cut)
        .fetch_one(db.pool())
        .await?;
    let window = Window::of(total, page, LIST_PAGE_SIZE);
    let rows: Vec<(String, String, String, Option<String>)> = sqlx::query_as(&format!(
        "SELECT slug, name_ka, name_en, activity_start FROM organisations {WHERE} \
         ORDER BY activity_start, id LIMIT $2 OFFSET $3"
    ))
    .bind(&cut)
    .bind(window.limit)
    .bind(window.offset)
    .fetch_all(db.pool())
    .await?;
    let items = rows
        .into_iter()
        .filter_map(|(slug, ka, en, start)| {
            let start = Date::parse(&start?).ok()?;
            Some((slug, ka, en, experience_reached(start, FULL_MONTHS)))
        })
        .collect();
    Ok(Paged::new(items, window, total))
}
