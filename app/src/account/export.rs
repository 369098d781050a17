//! "Download my data": everything the platform holds about a person's
//! account and, for an organisation's representative, about the
//! organisation, as one JSON document.
//!
//! Left out on purpose: password and link hashes (secrets, not data about
//! anyone), who among the secretariat took each step (their data, not the
//! organisation's), and the choice in a secret ballot (the platform cannot
//! tell whose it is; the file says which secret polls the organisation
//! voted in).

use crate::db::Db;
use crate::domain::date::Date;
use crate::domain::ids::{OrganisationId, UserId};
use serde_json::{json, Value};

/// A Unix time as an ISO 8601 instant in UTC.
fn instant(seconds: i64) -> String {
    let of_day = seconds.rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        Date::from_unix(seconds),
        of_day / 3600,
        of_day % 3600 / 60,
        of_day % 60
    )
}

fn maybe_instant(seconds: Option<i64>) -> Value {
    seconds
        .map(instant)
        .map(Value::String)
        .unwrap_or(Value::Null)
}

/// Text stored as JSON, as JSON (or as the text, should it not parse).
fn stored_json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_string()))
}

/// The whole document for `user` (and `organisation`, when they represent
/// one), taken at `now`.
#[tracing::instrument(skip(db))]
pub async fn export(
    db: &Db,
    user: UserId,
    organisation: Option<OrganisationId>,
    now: i64,
) -> Result<Value, sqlx::Error> {
    let (email, display_name, role, lang, created_at, verified_at): (
        String,
        String,
        String,
        String,
        i64,
        Option<i64>,
    ) = sqlx::query_as(
        "SELECT email, display_name, role, lang, created_at, email_verified_at \
         FROM users WHERE id = $1",
    )
    .bind(user)
    .fetch_one(db.pool())
    .await?;
    let sessions: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT created_at, last_seen_at FROM sessions WHERE user_id = $1 ORDER BY created_at",
    )
    .bind(user)
    .fetch_all(db.pool())
    .await?;
    let account = json!({
        "email": email,
        "name": display_name,
        "role": role,
        "language": lang,
        "created_at": instant(created_at),
        "email_confirmed_at": maybe_instant(verified_at),
        "sessions": sessions.into_iter().map(|(created, seen)| json!({
            "signed_in_at": instant(created),
            "last_seen_at": instant(seen),
        })).collect::<Vec<_>>(),
    });
    let document = match organisation {
        Some(id) => organisation_document(db, id).await?,
        None => Value::Null,
    };
    Ok(json!({
        "about": "Everything the Social Enterprises Alliance platform holds about this account and its organisation.",
        "exported_at": instant(now),
        "account": account,
        "applications": applications(db, user, organisation).await?,
        "organisation": document,
    }))
}

/// The applications sent by `user`, or filed for `organisation`, each with
/// its history.
async fn applications(
    db: &Db,
    user: UserId,
    organisation: Option<OrganisationId>,
) -> Result<Vec<Value>, sqlx::Error> {
    type Row = (
        i64,
        String,
        String,
        String,
        String,
        String,
        String,
        Option<String>,
        i64,
        i64,
        i64,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, id_code, name_ka, name_en, answers, category, status, granted, version, \
           submitted_at, updated_at FROM applications \
         WHERE user_id = $1 OR organisation_id = $2 ORDER BY submitted_at, id",
    )
    .bind(user)
    .bind(organisation.map(|o| o.0).unwrap_or(0))
    .fetch_all(db.pool())
    .await?;
    let mut list = Vec::with_capacity(rows.len());
    for (
        id,
        id_code,
        name_ka,
        name_en,
        answers,
        category,
        status,
        granted,
        version,
        sent,
        updated,
    ) in rows
    {
        let events: Vec<(String, Option<String>, String, i64)> = sqlx::query_as(
            "SELECT action, category, message, at FROM application_events \
             WHERE application_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(db.pool())
        .await?;
        list.push(json!({
            "identification_code": id_code,
            "name_ka": name_ka,
            "name_en": name_en,
            "category_asked": category,
            "status": status,
            "category_granted": granted,
            "version": version,
            "sent_at": instant(sent),
            "updated_at": instant(updated),
            "answers": stored_json(&answers),
            "history": events.into_iter().map(|(action, category, message, at)| json!({
                "at": instant(at),
                "what": action,
                "category": category,
                "message": message,
            })).collect::<Vec<_>>(),
        }));
    }
    Ok(list)
}

async fn codes(db: &Db, sql: &str, id: OrganisationId) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(sql).bind(id).fetch_all(db.pool()).await
}

async fn organisation_document(db: &Db, id: OrganisationId) -> Result<Value, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        slug: String,
        name_ka: String,
        name_en: String,
        legal_form: String,
        id_code: String,
        category: String,
        status: String,
        listed: i64,
        member_since: String,
        activity_start: Option<String>,
        description_ka: String,
        description_en: String,
        products_ka: String,
        products_en: String,
        website: String,
        email: String,
        phone: String,
        created_at: i64,
        updated_at: i64,
        leave_requested_at: Option<i64>,
        leave_reason: String,
        left_on: Option<String>,
    }
    let o: Row = sqlx::query_as(
        "SELECT slug, name_ka, name_en, legal_form, id_code, category, status, listed, \
           member_since, activity_start, description_ka, description_en, products_ka, \
           products_en, website, email, phone, created_at, updated_at, leave_requested_at, \
           leave_reason, left_on FROM organisations WHERE id = $1",
    )
    .bind(id)
    .fetch_one(db.pool())
    .await?;
    let has_logo: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM organisation_logos WHERE organisation_id = $1")
            .bind(id)
            .fetch_optional(db.pool())
            .await?;
    let changes: Vec<(i64, String)> = sqlx::query_as(
        "SELECT changed_at, changes FROM organisation_changes \
         WHERE organisation_id = $1 ORDER BY changed_at, id",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    let representatives: Vec<(String, String)> = sqlx::query_as(
        "SELECT email, display_name FROM users WHERE organisation_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    let attendance: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT a.title_ka, a.title_en, t.checked_in_at FROM attendance t \
           JOIN assemblies a ON a.id = t.assembly_id \
         WHERE t.organisation_id = $1 ORDER BY t.checked_in_at",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    let proxies: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT a.title_ka, CASE WHEN p.from_org = $1 THEN 'given' ELSE 'held' END, \
           o.name_ka, p.created_at FROM proxies p JOIN assemblies a ON a.id = p.assembly_id \
           JOIN organisations o ON o.id = CASE WHEN p.from_org = $1 THEN p.to_org ELSE p.from_org END \
         WHERE p.from_org = $1 OR p.to_org = $1 ORDER BY p.created_at",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    let votes: Vec<(String, String, i64, Option<String>)> = sqlx::query_as(
        "SELECT a.title_ka, p.title_ka, p.secret, b.choice FROM poll_votes v \
           JOIN polls p ON p.id = v.poll_id JOIN assemblies a ON a.id = p.assembly_id \
           LEFT JOIN named_ballots b ON b.poll_id = v.poll_id AND b.organisation_id = v.organisation_id \
         WHERE v.organisation_id = $1 ORDER BY p.id",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    Ok(json!({
        "slug": o.slug,
        "name_ka": o.name_ka,
        "name_en": o.name_en,
        "legal_form": o.legal_form,
        "identification_code": o.id_code,
        "category": o.category,
        "status": o.status,
        "listed_in_directory": o.listed == 1,
        "member_since": o.member_since,
        "activity_start": o.activity_start,
        "description_ka": o.description_ka,
        "description_en": o.description_en,
        "products_ka": o.products_ka,
        "products_en": o.products_en,
        "website": o.website,
        "email": o.email,
        "phone": o.phone,
        "logo": has_logo.map(|_| format!("/members/{}/logo", o.slug)),
        "sectors": codes(db, "SELECT sector FROM organisation_sectors WHERE organisation_id = $1 ORDER BY sector", id).await?,
        "regions": codes(db, "SELECT region FROM organisation_regions WHERE organisation_id = $1 ORDER BY region", id).await?,
        "impact_areas": codes(db, "SELECT impact_area FROM organisation_impact_areas WHERE organisation_id = $1 ORDER BY impact_area", id).await?,
        "created_at": instant(o.created_at),
        "updated_at": instant(o.updated_at),
        "asked_to_leave_at": maybe_instant(o.leave_requested_at),
        "leave_reason": o.leave_reason,
        "membership_ended_on": o.left_on,
        "representatives": representatives.into_iter().map(|(email, name)| json!({ "email": email, "name": name })).collect::<Vec<_>>(),
        "history": changes.into_iter().map(|(at, changes)| json!({ "at": instant(at), "changes": stored_json(&changes) })).collect::<Vec<_>>(),
        "assemblies": {
            "attended": attendance.into_iter().map(|(ka, en, at)| json!({ "assembly_ka": ka, "assembly_en": en, "checked_in_at": instant(at) })).collect::<Vec<_>>(),
            "proxies": proxies.into_iter().map(|(assembly, way, other, at)| json!({ "assembly": assembly, "proxy": way, "organisation": other, "at": instant(at) })).collect::<Vec<_>>(),
            "votes": votes.into_iter().map(|(assembly, poll, secret, choice)| json!({
                "assembly": assembly,
                "poll": poll,
                "secret": secret == 1,
                "choice": if secret == 1 { Value::Null } else { choice.map(|c| stored_json(&c)).unwrap_or(Value::Null) },
            })).collect::<Vec<_>>(),
        },
    }))
}
