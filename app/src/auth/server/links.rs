//! One-time links sent by mail: a random token in the link, its SHA-256 in
//! the database, single use, expiring.

use super::session::{hash_token, new_token};
use crate::db::{tokens, Db};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    VerifyEmail,
    ResetPassword,
    ChangeEmail,
    /// An administrator's or a representative's invitation: the link lets
    /// the invited person choose a password.
    Invitation,
}

impl Purpose {
    pub fn code(self) -> &'static str {
        match self {
            Purpose::VerifyEmail => "verify_email",
            Purpose::ResetPassword => "reset_password",
            Purpose::ChangeEmail => "change_email",
            Purpose::Invitation => "invitation",
        }
    }

    /// How long a link stays valid.
    pub fn lifetime_seconds(self) -> i64 {
        match self {
            Purpose::VerifyEmail | Purpose::ChangeEmail => 48 * 60 * 60,
            Purpose::ResetPassword => 60 * 60,
            Purpose::Invitation => 7 * 24 * 60 * 60,
        }
    }

    /// The page the link opens.
    pub fn path(self) -> &'static str {
        match self {
            Purpose::VerifyEmail => "/verify",
            Purpose::ResetPassword => "/reset",
            Purpose::ChangeEmail => "/confirm-email",
            Purpose::Invitation => "/invite",
        }
    }
}

/// Issues a link token (older unused ones of the same purpose stop working).
pub async fn issue(
    db: &Db,
    purpose: Purpose,
    user_id: crate::domain::ids::UserId,
    payload: &str,
    now: i64,
) -> Result<String, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let token = issue_in(&mut tx, purpose, user_id, payload, now).await?;
    tx.commit().await?;
    Ok(token)
}

/// [`issue`] inside the transaction of the change the link belongs to.
pub async fn issue_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    purpose: Purpose,
    user_id: crate::domain::ids::UserId,
    payload: &str,
    now: i64,
) -> Result<String, sqlx::Error> {
    tokens::revoke(&mut **tx, user_id, purpose.code(), now).await?;
    let token = new_token();
    let expires = now + purpose.lifetime_seconds();
    tokens::insert(
        &mut **tx,
        &hash_token(&token),
        purpose.code(),
        user_id,
        payload,
        expires,
    )
    .await?;
    Ok(token)
}

/// Voids every unused link of `purpose` the account has (after a password
/// or e-mail change, a reset link mailed earlier must not work).
pub async fn revoke(
    db: &Db,
    purpose: Purpose,
    user_id: crate::domain::ids::UserId,
    now: i64,
) -> Result<(), sqlx::Error> {
    tokens::revoke(db.pool(), user_id, purpose.code(), now).await
}

/// Uses a link token: `Some((user, payload))` exactly once, before it expires.
pub async fn consume(
    db: &Db,
    purpose: Purpose,
    token: &str,
    now: i64,
) -> Result<Option<(crate::domain::ids::UserId, String)>, sqlx::Error> {
    tokens::consume(db, &hash_token(token), purpose.code(), now).await
}

pub async fn is_usable(
    db: &Db,
    purpose: Purpose,
    token: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    tokens::is_usable(db, &hash_token(token), purpose.code(), now).await
}
