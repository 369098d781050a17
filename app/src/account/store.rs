//! The account area's own SQL: the administrators' list of accounts.

use super::AccountRow;
use crate::db::Db;
use crate::domain::paging::{Paged, Window, LIST_PAGE_SIZE};

/// One page of the accounts, by e-mail address, for administrators.
#[tracing::instrument(skip(db))]
pub async fn list(db: &Db, page: i64) -> Result<Paged<AccountRow>, sqlx::Error> {
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(db.pool())
        .await?;
    let window = Window::of(total, page, LIST_PAGE_SIZE);
    let rows = sqlx::query_as(
        "SELECT u.email, u.display_name, u.role, COALESCE(o.name_ka, '') AS organisation, \
           CASE WHEN u.email_verified_at IS NULL THEN 0 ELSE 1 END AS verified \
         FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id \
         ORDER BY u.email, u.id LIMIT $1 OFFSET $2",
    )
    .bind(window.limit)
    .bind(window.offset)
    .fetch_all(db.pool())
    .await?;
    Ok(Paged::new(rows, window, total))
}
