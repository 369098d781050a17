//! The Board: seven members elected for a three-year term.

use super::{BoardSeat, BoardTerm};
use crate::db::Db;

/// The term in force on `today` (ISO date), or the latest one before it.
#[tracing::instrument(skip(db))]
pub async fn current(db: &Db, today: &str) -> Result<Option<BoardTerm>, sqlx::Error> {
    let term: Option<(i64, String, String)> = sqlx::query_as(
        "SELECT id, starts_on, ends_on FROM board_terms WHERE starts_on <= $1 \
         ORDER BY starts_on DESC LIMIT 1",
    )
    .bind(today)
    .fetch_optional(db.pool())
    .await?;
    let Some((id, starts_on, ends_on)) = term else {
        return Ok(None);
    };
    let seats: Vec<BoardSeat> = sqlx::query_as(
        "SELECT b.seat, b.role, b.person_ka, b.person_en, \
           COALESCE(o.name_ka, '') AS organisation_ka, COALESCE(o.name_en, '') AS organisation_en, \
           COALESCE(o.slug, '') AS organisation_slug \
         FROM board_members b LEFT JOIN organisations o ON o.id = b.organisation_id \
         WHERE b.term_id = $1 ORDER BY b.seat",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    Ok(Some(BoardTerm {
        starts_on,
        ends_on,
        seats,
    }))
}

/// A seat of a new term, as the seed or an election writes it.
#[derive(Debug, Clone)]
pub struct NewSeat {
    pub seat: i64,
    pub role: &'static str,
    pub person_ka: String,
    pub person_en: String,
    pub organisation_id: Option<crate::domain::ids::OrganisationId>,
}

#[tracing::instrument(skip(db, seats))]
pub async fn insert_term(
    db: &Db,
    starts_on: &str,
    ends_on: &str,
    seats: &[NewSeat],
) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let term_id: i64 = sqlx::query_scalar(
        "INSERT INTO board_terms (starts_on, ends_on) VALUES ($1, $2) RETURNING id",
    )
    .bind(starts_on)
    .bind(ends_on)
    .fetch_one(&mut *tx)
    .await?;
    for seat in seats {
        sqlx::query(
            "INSERT INTO board_members (term_id, seat, role, person_ka, person_en, organisation_id) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(term_id)
        .bind(seat.seat)
        .bind(seat.role)
        .bind(&seat.person_ka)
        .bind(&seat.person_en)
        .bind(seat.organisation_id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(term_id)
}
