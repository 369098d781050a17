//! The account area's own SQL: the administrators' list of accounts.

use super::AccountRow;
use crate::db::Db;

/// Every account, for administrators.
#[tracing::instrument(skip(db))]
pub async fn list(db: &Db) -> Result<Vec<AccountRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.email, u.display_name, u.role, COALESCE(o.name_ka, '') AS organisation, \
           CASE WHEN u.email_verified_at IS NULL THEN 0 ELSE 1 END AS verified \
         FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id ORDER BY u.email",
    )
    .fetch_all(db.pool())
    .await
}
