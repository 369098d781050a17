//! Accounts.

use super::Db;
use crate::auth::{Caller, Role};

/// An account with the hash needed to check a password. Never serialised:
/// what leaves the server is a `Caller` or a view type.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredUser {
    pub id: crate::domain::ids::UserId,
    pub email: String,
    pub password_hash: String,
    pub role: String,
    pub organisation_id: Option<crate::domain::ids::OrganisationId>,
    pub display_name: String,
    pub lang: String,
    pub email_verified_at: Option<i64>,
    /// When an administrator deactivated the account: it cannot sign in.
    pub deactivated_at: Option<i64>,
}

impl StoredUser {
    pub fn caller(&self) -> Caller {
        Caller {
            user_id: self.id,
            email: self.email.clone(),
            display_name: self.display_name.clone(),
            role: Role::from_code(&self.role).unwrap_or(Role::Member),
            organisation_id: self.organisation_id,
        }
    }
}

const COLUMNS: &str =
    "id, email, password_hash, role, organisation_id, display_name, lang, email_verified_at, \
     deactivated_at";

pub struct NewUser<'a> {
    pub email: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub organisation_id: Option<crate::domain::ids::OrganisationId>,
    pub display_name: &'a str,
    pub lang: &'a str,
    pub verified: bool,
}

/// Creates an account; `None` when the email is already taken.
#[tracing::instrument(skip(db, user), fields(email = %user.email))]
pub async fn insert(
    db: &Db,
    user: &NewUser<'_>,
) -> Result<Option<crate::domain::ids::UserId>, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let id = insert_in(&mut tx, user).await?;
    if id.is_some() {
        tx.commit().await?;
    }
    Ok(id)
}

/// [`insert`] inside a transaction (an invitation writes its link with it).
/// After `None` the transaction is spent: PostgreSQL refuses what follows.
pub async fn insert_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    user: &NewUser<'_>,
) -> Result<Option<crate::domain::ids::UserId>, sqlx::Error> {
    let now = super::now_unix();
    let result = sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, role, organisation_id, display_name, lang, \
           email_verified_at, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
    )
    .bind(user.email)
    .bind(user.password_hash)
    .bind(user.role.code())
    .bind(user.organisation_id)
    .bind(user.display_name)
    .bind(user.lang)
    .bind(user.verified.then_some(now))
    .bind(now)
    .fetch_one(&mut **tx)
    .await;
    match result {
        Ok(id) => Ok(Some(id)),
        Err(error) if super::is_unique_violation(&error) => Ok(None),
        Err(error) => Err(error),
    }
}

#[tracing::instrument(skip(db))]
pub async fn by_email(db: &Db, email: &str) -> Result<Option<StoredUser>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE email = $1"))
        .bind(email)
        .fetch_optional(db.pool())
        .await
}

#[tracing::instrument(skip(db))]
pub async fn by_id(
    db: &Db,
    id: crate::domain::ids::UserId,
) -> Result<Option<StoredUser>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await
}

#[tracing::instrument(skip(db, password_hash))]
pub async fn set_password(
    db: &Db,
    id: crate::domain::ids::UserId,
    password_hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
        .bind(password_hash)
        .bind(super::now_unix())
        .bind(id)
        .execute(db.pool())
        .await?;
    Ok(())
}

#[tracing::instrument(skip(db))]
pub async fn mark_verified(db: &Db, id: crate::domain::ids::UserId) -> Result<(), sqlx::Error> {
    let now = super::now_unix();
    sqlx::query("UPDATE users SET email_verified_at = COALESCE(email_verified_at, $1), updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Changes the address (already proven by a link sent to it); `false` when
/// another account has taken it meanwhile.
#[tracing::instrument(skip(db))]
pub async fn set_email(
    db: &Db,
    id: crate::domain::ids::UserId,
    email: &str,
) -> Result<bool, sqlx::Error> {
    let now = super::now_unix();
    let result = sqlx::query(
        "UPDATE users SET email = $1, email_verified_at = $2, updated_at = $2 WHERE id = $3",
    )
    .bind(email)
    .bind(now)
    .bind(id)
    .execute(db.pool())
    .await;
    match result {
        Ok(_) => Ok(true),
        Err(error) if super::is_unique_violation(&error) => Ok(false),
        Err(error) => Err(error),
    }
}
