//! The contacts: one row, written whole by an administrator.

use super::Contacts;
use crate::db::Db;
use crate::domain::ids::UserId;

/// The contacts and the time (Unix seconds) of their last change.
#[tracing::instrument(skip(db))]
pub async fn load(db: &Db) -> Result<Option<(Contacts, i64)>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        contacts: Contacts,
        updated_at: i64,
    }
    let row: Option<Row> = sqlx::query_as(
        "SELECT address_ka, address_en, email, phone, secretariat_ka, secretariat_en, \
           board_ka, board_en, updated_at FROM contacts WHERE id = 1",
    )
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|r| (r.contacts, r.updated_at)))
}

/// Replaces the contacts.
#[tracing::instrument(skip(db, contacts))]
pub async fn save(db: &Db, contacts: &Contacts, by: UserId, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO contacts (id, address_ka, address_en, email, phone, secretariat_ka, \
           secretariat_en, board_ka, board_en, updated_at, updated_by) \
         VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         ON CONFLICT (id) DO UPDATE SET address_ka = $1, address_en = $2, email = $3, \
           phone = $4, secretariat_ka = $5, secretariat_en = $6, board_ka = $7, board_en = $8, \
           updated_at = $9, updated_by = $10",
    )
    .bind(&contacts.address_ka)
    .bind(&contacts.address_en)
    .bind(&contacts.email)
    .bind(&contacts.phone)
    .bind(&contacts.secretariat_ka)
    .bind(&contacts.secretariat_en)
    .bind(&contacts.board_ka)
    .bind(&contacts.board_en)
    .bind(now)
    .bind(by)
    .execute(db.pool())
    .await?;
    Ok(())
}
