//! Figures for the home page.

use super::SiteFigures;
use crate::db::Db;

const LISTED: &str = "o.status = 'active' AND o.listed = 1";

#[tracing::instrument(skip(db))]
pub async fn home_figures(db: &Db) -> Result<SiteFigures, sqlx::Error> {
    let (members, full, associate, honorary): (i64, i64, i64, i64) = sqlx::query_as(&format!(
        "SELECT COUNT(*), \
           COUNT(CASE WHEN category = 'full' THEN 1 END), \
           COUNT(CASE WHEN category = 'associate' THEN 1 END), \
           COUNT(CASE WHEN category = 'honorary' THEN 1 END) \
         FROM organisations o WHERE {LISTED}"
    ))
    .fetch_one(db.pool())
    .await?;
    let regions: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(DISTINCT r.region) FROM organisation_regions r \
         JOIN organisations o ON o.id = r.organisation_id WHERE {LISTED}"
    ))
    .fetch_one(db.pool())
    .await?;
    let sectors: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(DISTINCT s.sector) FROM organisation_sectors s \
         JOIN organisations o ON o.id = s.organisation_id WHERE {LISTED}"
    ))
    .fetch_one(db.pool())
    .await?;
    Ok(SiteFigures {
        members,
        full,
        associate,
        honorary,
        regions,
        sectors,
        years: 0,
    })
}
