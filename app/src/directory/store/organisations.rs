//! Member organisations.

use super::profile_row::{ProfileRow, PROFILE_COLUMNS};
use crate::db::Db;
use crate::directory::OrganisationRow;
use crate::domain::directory::OrganisationStatus;
use crate::domain::ids::OrganisationId;
use crate::domain::paging::{Paged, Window, LIST_PAGE_SIZE};
use sqlx::{Any, Transaction};

/// An organisation as created by an approval, the demo seed or an import.
#[derive(Debug, Clone, Default)]
pub struct NewOrganisation {
    pub slug: String,
    pub name_ka: String,
    pub name_en: String,
    pub legal_form: String,
    pub id_code: String,
    pub category: String,
    pub status: OrganisationStatus,
    pub listed: bool,
    pub member_since: String,
    pub activity_start: Option<String>,
    pub description_ka: String,
    pub description_en: String,
    pub products_ka: String,
    pub products_en: String,
    pub website: String,
    pub email: String,
    pub phone: String,
    pub sectors: Vec<String>,
    pub regions: Vec<String>,
    pub impact_areas: Vec<String>,
}

#[tracing::instrument(skip(db, org), fields(slug = %org.slug))]
pub async fn insert(db: &Db, org: &NewOrganisation) -> Result<OrganisationId, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let id = insert_in(&mut tx, org).await?;
    tx.commit().await?;
    crate::directory::store::listing::cache(db).changed();
    Ok(id)
}

/// Inserts many organisations in one transaction (seeding, benchmarks).
#[tracing::instrument(skip_all, fields(count = orgs.len()))]
pub async fn insert_many(db: &Db, orgs: &[NewOrganisation]) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    for org in orgs {
        insert_in(&mut tx, org).await?;
    }
    tx.commit().await?;
    crate::directory::store::listing::cache(db).changed();
    Ok(())
}

pub(crate) async fn insert_in(
    tx: &mut Transaction<'static, Any>,
    org: &NewOrganisation,
) -> Result<OrganisationId, sqlx::Error> {
    let now = crate::db::now_unix();
    let id: OrganisationId = sqlx::query_scalar(
        "INSERT INTO organisations (slug, name_ka, name_en, legal_form, id_code, category, status, \
           listed, member_since, activity_start, description_ka, description_en, products_ka, \
           products_en, website, email, phone, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18) \
         RETURNING id",
    )
    .bind(&org.slug)
    .bind(&org.name_ka)
    .bind(&org.name_en)
    .bind(&org.legal_form)
    .bind(&org.id_code)
    .bind(&org.category)
    .bind(org.status.code())
    .bind(i64::from(org.listed))
    .bind(&org.member_since)
    .bind(&org.activity_start)
    .bind(&org.description_ka)
    .bind(&org.description_en)
    .bind(&org.products_ka)
    .bind(&org.products_en)
    .bind(&org.website)
    .bind(&org.email)
    .bind(&org.phone)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    write_links(tx, id, [&org.sectors, &org.regions, &org.impact_areas]).await?;
    super::listing::refresh_derived(tx, id).await?;
    Ok(id)
}

/// Sets an organisation's sectors, regions and impact areas (its link
/// tables), replacing what was there.
async fn write_links(
    tx: &mut Transaction<'static, Any>,
    id: OrganisationId,
    [sectors, regions, impact]: [&Vec<String>; 3],
) -> Result<(), sqlx::Error> {
    for (table, column, values) in [
        ("organisation_sectors", "sector", sectors),
        ("organisation_regions", "region", regions),
        ("organisation_impact_areas", "impact_area", impact),
    ] {
        sqlx::query(&format!("DELETE FROM {table} WHERE organisation_id = $1"))
            .bind(id)
            .execute(&mut **tx)
            .await?;
        for value in values {
            sqlx::query(&format!(
                "INSERT INTO {table} (organisation_id, {column}) VALUES ($1, $2)"
            ))
            .bind(id)
            .bind(value)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

#[tracing::instrument(skip(db))]
pub async fn count_all(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM organisations")
        .fetch_one(db.pool())
        .await
}

/// The id of an organisation by its slug.
#[tracing::instrument(skip(db))]
pub async fn id_by_slug(db: &Db, slug: &str) -> Result<Option<OrganisationId>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM organisations WHERE slug = $1")
        .bind(slug)
        .fetch_optional(db.pool())
        .await
}

/// (name in Georgian, name in English, slug) of an organisation.
#[tracing::instrument(skip(db))]
pub async fn names(
    db: &Db,
    id: OrganisationId,
) -> Result<Option<(String, String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT name_ka, name_en, slug FROM organisations WHERE id = $1")
        .bind(id)
        .fetch_optional(db.pool())
        .await
}

/// A listed organisation's public profile.
#[tracing::instrument(skip(db))]
pub async fn public_profile(
    db: &Db,
    slug: &str,
) -> Result<Option<crate::directory::MemberProfile>, sqlx::Error> {
    let row: Option<ProfileRow> = sqlx::query_as(
        &format!(
            "SELECT {PROFILE_COLUMNS} FROM organisations WHERE slug = $1 AND status = 'active' AND listed = 1"
        ),
    )
    .bind(slug)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(Into::into))
}

/// An organisation as its edit form shows it: id, fields and logo version.
#[tracing::instrument(skip(db))]
pub async fn editable(
    db: &Db,
    slug: &str,
) -> Result<Option<(OrganisationId, crate::domain::profile::ProfileInput, i64)>, sqlx::Error> {
    use crate::domain::directory::codes;
    use crate::domain::reference::{IMPACT_AREAS, REGIONS, SECTORS};
    #[derive(sqlx::FromRow)]
    struct Row {
        id: OrganisationId,
        name_ka: String,
        name_en: String,
        description_ka: String,
        description_en: String,
        products_ka: String,
        products_en: String,
        website: String,
        email: String,
        phone: String,
        sectors_mask: i64,
        regions_mask: i64,
        impact_mask: i64,
        listed: i64,
        legal_form: String,
        id_code: String,
        category: String,
        status: String,
        member_since: String,
        activity_start: Option<String>,
        logo_version: i64,
    }
    let row: Option<Row> = sqlx::query_as(
        "SELECT id, name_ka, name_en, description_ka, description_en, products_ka, products_en, website, \
           email, phone, sectors_mask, regions_mask, impact_mask, listed, legal_form, id_code, category, \
           status, member_since, activity_start, logo_version \
         FROM organisations WHERE slug = $1",
    )
    .bind(slug)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|r| {
        let input = crate::domain::profile::ProfileInput {
            name_ka: r.name_ka,
            name_en: r.name_en,
            description_ka: r.description_ka,
            description_en: r.description_en,
            products_ka: r.products_ka,
            products_en: r.products_en,
            website: r.website,
            email: r.email,
            phone: r.phone,
            sectors: codes(SECTORS, r.sectors_mask),
            regions: codes(REGIONS, r.regions_mask),
            impact: codes(IMPACT_AREAS, r.impact_mask),
            listed: r.listed == 1,
            legal_form: r.legal_form,
            id_code: r.id_code,
            category: r.category,
            status: r.status,
            member_since: r.member_since,
            activity_start: r.activity_start.unwrap_or_default(),
        };
        (r.id, input, r.logo_version)
    }))
}

/// What saving a profile did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    Changed,
    Unchanged,
    /// Another current member holds the identification code.
    IdCodeTaken,
}

/// A new logo (already checked and re-encoded) to store with a profile, or
/// the order to remove the current one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogoChange {
    Keep,
    Replace {
        content_type: String,
        bytes: Vec<u8>,
    },
    Remove,
}

/// Writes a validated profile and records who changed what, in one
/// transaction. `before` is the profile as the editor loaded it.
#[tracing::instrument(skip(db, before, after, logo))]
pub async fn save_profile(
    db: &Db,
    id: OrganisationId,
    user_id: crate::domain::ids::UserId,
    before: &crate::domain::profile::ProfileInput,
    after: &crate::domain::profile::ProfileInput,
    logo: &LogoChange,
) -> Result<Saved, sqlx::Error> {
    let mut changes: serde_json::Map<String, serde_json::Value> = after
        .changes_from(before)
        .into_iter()
        .map(|(field, a, b)| (field.to_string(), serde_json::json!([a, b])))
        .collect();
    match logo {
        LogoChange::Keep => {}
        LogoChange::Replace { .. } => {
            changes.insert("logo".into(), serde_json::json!(["", "new"]));
        }
        LogoChange::Remove => {
            changes.insert("logo".into(), serde_json::json!(["", "removed"]));
        }
    }
    if changes.is_empty() {
        return Ok(Saved::Unchanged);
    }
    let now = crate::db::now_unix();
    let mut tx = db.begin_write().await?;
    let updated = sqlx::query(
        "UPDATE organisations SET name_ka = $1, name_en = $2, description_ka = $3, description_en = $4, \
           products_ka = $5, products_en = $6, website = $7, email = $8, phone = $9, listed = $10, \
           legal_form = $11, id_code = $12, category = $13, status = $14, updated_at = $15, \
           member_since = $17, activity_start = $18 \
         WHERE id = $16",
    )
    .bind(&after.name_ka)
    .bind(&after.name_en)
    .bind(&after.description_ka)
    .bind(&after.description_en)
    .bind(&after.products_ka)
    .bind(&after.products_en)
    .bind(&after.website)
    .bind(&after.email)
    .bind(&after.phone)
    .bind(i64::from(after.listed))
    .bind(&after.legal_form)
    .bind(&after.id_code)
    .bind(&after.category)
    .bind(&after.status)
    .bind(now)
    .bind(id)
    .bind(&after.member_since)
    .bind((!after.activity_start.is_empty()).then_some(after.activity_start.as_str()))
    .execute(&mut *tx)
    .await;
    match updated {
        Err(error) if crate::db::is_unique_violation(&error) => return Ok(Saved::IdCodeTaken),
        other => {
            other?;
        }
    }
    write_links(&mut tx, id, [&after.sectors, &after.regions, &after.impact]).await?;
    match logo {
        LogoChange::Keep => {}
        LogoChange::Replace {
            content_type,
            bytes,
        } => {
            sqlx::query(
                "INSERT INTO organisation_logos (organisation_id, content_type, bytes, updated_at) \
                 VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (organisation_id) DO UPDATE SET content_type = excluded.content_type, \
                   bytes = excluded.bytes, updated_at = excluded.updated_at",
            )
            .bind(id)
            .bind(content_type)
            .bind(bytes.as_slice())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            sqlx::query("UPDATE organisations SET logo_version = logo_version + 1 WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        LogoChange::Remove => {
            sqlx::query("DELETE FROM organisation_logos WHERE organisation_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("UPDATE organisations SET logo_version = 0 WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
    }
    super::listing::refresh_derived(&mut tx, id).await?;
    record_change(
        db,
        &mut tx,
        id,
        user_id,
        &serde_json::Value::Object(changes),
        now,
    )
    .await?;
    tx.commit().await?;
    crate::directory::store::listing::cache(db).changed();
    Ok(Saved::Changed)
}

/// A stored logo and what serving it needs to know.
pub struct Logo {
    pub organisation_id: OrganisationId,
    pub content_type: String,
    pub bytes: Vec<u8>,
    pub version: i64,
    /// Whether the organisation is listed (its logo is public).
    pub public: bool,
}

#[tracing::instrument(skip(db))]
pub async fn logo(db: &Db, slug: &str) -> Result<Option<Logo>, sqlx::Error> {
    let row: Option<(OrganisationId, String, Vec<u8>, i64, i64)> = sqlx::query_as(
        "SELECT o.id, l.content_type, l.bytes, o.logo_version, \
           CASE WHEN o.status = 'active' AND o.listed = 1 THEN 1 ELSE 0 END \
         FROM organisations o JOIN organisation_logos l ON l.organisation_id = o.id WHERE o.slug = $1",
    )
    .bind(slug)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(
        |(organisation_id, content_type, bytes, version, public)| Logo {
            organisation_id,
            content_type,
            bytes,
            version,
            public: public == 1,
        },
    ))
}

/// The latest recorded changes of an organisation: when, by whom (email)
/// and which fields, newest first.
#[tracing::instrument(skip(db))]
pub async fn history(
    db: &Db,
    id: OrganisationId,
    limit: i64,
) -> Result<Vec<(i64, String, Vec<String>)>, sqlx::Error> {
    let rows: Vec<(i64, Option<String>, String)> = sqlx::query_as(
        "SELECT c.changed_at, u.email, c.changes FROM organisation_changes c \
         LEFT JOIN users u ON u.id = c.user_id WHERE c.organisation_id = $1 \
         ORDER BY c.changed_at DESC, c.id DESC LIMIT $2",
    )
    .bind(id)
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(at, email, changes)| {
            let fields =
                serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&changes)
                    .map(|m| m.keys().cloned().collect())
                    .unwrap_or_default();
            (at, email.unwrap_or_default(), fields)
        })
        .collect())
}

/// One page of every organisation, whatever its status, for the
/// secretariat: by Georgian name, or by the English one (the Georgian where
/// there is none) for staff reading in English.
#[tracing::instrument(skip(db))]
pub async fn all_for_staff(
    db: &Db,
    lang: crate::domain::lang::Lang,
    page: i64,
) -> Result<Paged<OrganisationRow>, sqlx::Error> {
    use crate::domain::lang::Lang;
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organisations")
        .fetch_one(db.pool())
        .await?;
    let window = Window::of(total, page, LIST_PAGE_SIZE);
    let by = match lang {
        Lang::Ka => "name_ka",
        Lang::En => "name_sort_en",
    };
    let rows: Vec<(String, String, String, String, String, i64)> = sqlx::query_as(&format!(
        "SELECT slug, name_ka, name_en, category, status, listed FROM organisations \
         ORDER BY {by} COLLATE {}, id LIMIT $1 OFFSET $2",
        db.binary_collation()
    ))
    .bind(window.limit)
    .bind(window.offset)
    .fetch_all(db.pool())
    .await?;
    let items = rows
        .into_iter()
        .map(
            |(slug, name_ka, name_en, category, status, listed)| OrganisationRow {
                slug,
                name_ka,
                name_en,
                category,
                status: OrganisationStatus::from_code(&status).unwrap_or_default(),
                listed: listed == 1,
            },
        )
        .collect();
    Ok(Paged::new(items, window, total))
}

/// One line of an organisation's history: `change` maps each field to its
/// value before and after (shown on the dashboard and in the organisation's
/// data).
///
/// The same change is appended to the audit log, in the same transaction.
pub async fn record_change(
    db: &Db,
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    org: OrganisationId,
    by: crate::domain::ids::UserId,
    change: &serde_json::Value,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO organisation_changes (organisation_id, user_id, changed_at, changes) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(org)
    .bind(by)
    .bind(now)
    .bind(change.to_string())
    .execute(&mut **tx)
    .await?;
    let entry = crate::audit::store::Entry::new(change_kind(change), format!("organisation {org}"))
        .by(by)
        .with("changes", change.clone());
    crate::audit::store::append(db, tx, &entry).await?;
    Ok(())
}

/// What kind of change an organisation's history line is, for the audit
/// log (the dashboard reads the same from the stored JSON).
pub fn change_kind(change: &serde_json::Value) -> &'static str {
    let field = |name: &str| change.get(name).and_then(|v| v.as_array());
    if field("imported").is_some() {
        "organisation.imported"
    } else if let Some(leave) = field("leave_requested") {
        if leave.get(1).is_some_and(|after| !after.is_null()) {
            "organisation.leave_requested"
        } else {
            "organisation.leave_withdrawn"
        }
    } else if field("status").is_some_and(|s| s.get(1).and_then(|v| v.as_str()) == Some("left")) {
        "organisation.left"
    } else if field("category").is_some() {
        "organisation.category"
    } else {
        "organisation.edited"
    }
}
