//! Member organisations.

use super::Db;
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
    pub status: String,
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
pub async fn insert(db: &Db, org: &NewOrganisation) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let id = insert_in(&mut tx, org).await?;
    tx.commit().await?;
    Ok(id)
}

/// Inserts many organisations in one transaction (seeding, benchmarks).
#[tracing::instrument(skip_all, fields(count = orgs.len()))]
pub async fn insert_many(db: &Db, orgs: &[NewOrganisation]) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    for org in orgs {
        insert_in(&mut tx, org).await?;
    }
    tx.commit().await
}

async fn insert_in(
    tx: &mut Transaction<'static, Any>,
    org: &NewOrganisation,
) -> Result<i64, sqlx::Error> {
    let now = super::now_unix();
    let id: i64 = sqlx::query_scalar(
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
    .bind(&org.status)
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
    for (table, column, values) in [
        ("organisation_sectors", "sector", &org.sectors),
        ("organisation_regions", "region", &org.regions),
        (
            "organisation_impact_areas",
            "impact_area",
            &org.impact_areas,
        ),
    ] {
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
    super::directory::refresh_derived(tx, id).await?;
    Ok(id)
}

#[tracing::instrument(skip(db))]
pub async fn count_all(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM organisations")
        .fetch_one(db.pool())
        .await
}

/// The id of an organisation by its slug.
#[tracing::instrument(skip(db))]
pub async fn id_by_slug(db: &Db, slug: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM organisations WHERE slug = $1")
        .bind(slug)
        .fetch_optional(db.pool())
        .await
}

/// Active organisations that agreed to be listed, in Georgian alphabetical
/// order (Mkhedruli code points follow the alphabet, so byte order is right).
#[tracing::instrument(skip(db))]
pub async fn listed_cards(db: &Db) -> Result<Vec<crate::api::members::MemberCard>, sqlx::Error> {
    use crate::api::members::MemberCard;
    use std::collections::HashMap;

    let rows: Vec<(i64, String, String, String, String, String)> = sqlx::query_as(&format!(
        "SELECT id, slug, name_ka, name_en, category, member_since FROM organisations \
         WHERE status = 'active' AND listed = 1 ORDER BY name_ka COLLATE {}, id",
        db.binary_collation()
    ))
    .fetch_all(db.pool())
    .await?;
    let mut links: HashMap<i64, (Vec<String>, Vec<String>)> = HashMap::new();
    for (table, column, is_sector) in [
        ("organisation_sectors", "sector", true),
        ("organisation_regions", "region", false),
    ] {
        let pairs: Vec<(i64, String)> = sqlx::query_as(&format!(
            "SELECT l.organisation_id, l.{column} FROM {table} l \
             JOIN organisations o ON o.id = l.organisation_id \
             WHERE o.status = 'active' AND o.listed = 1 ORDER BY l.{column}"
        ))
        .fetch_all(db.pool())
        .await?;
        for (id, code) in pairs {
            let entry = links.entry(id).or_default();
            if is_sector {
                entry.0.push(code)
            } else {
                entry.1.push(code)
            }
        }
    }
    Ok(rows
        .into_iter()
        .map(|(id, slug, name_ka, name_en, category, member_since)| {
            let (sectors, regions) = links.remove(&id).unwrap_or_default();
            MemberCard {
                slug,
                name_ka,
                name_en,
                category,
                member_since,
                sectors,
                regions,
            }
        })
        .collect())
}

/// (name in Georgian, name in English, slug) of an organisation.
#[tracing::instrument(skip(db))]
pub async fn names(db: &Db, id: i64) -> Result<Option<(String, String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT name_ka, name_en, slug FROM organisations WHERE id = $1")
        .bind(id)
        .fetch_optional(db.pool())
        .await
}
