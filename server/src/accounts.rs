//! Creating accounts from the command line and for the demo.

use app::auth::server::password;
use app::auth::{validate, Role};
use app::db::{users, Db};
use app::directory::store::organisations;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;

pub struct NewAccount<'a> {
    pub email: &'a str,
    pub role: &'a str,
    pub org_slug: Option<&'a str>,
    pub name: &'a str,
    pub lang: &'a str,
}

/// Creates a verified account. Refuses unknown roles, unknown organisations,
/// a member without an organisation, taken addresses and weak passwords.
pub async fn create(
    db: &Db,
    account: &NewAccount<'_>,
    password: &str,
) -> anyhow::Result<app::domain::ids::UserId> {
    let email =
        validate::email(account.email).map_err(|p| anyhow::anyhow!("email: {}", p.code()))?;
    let role = Role::from_code(account.role)
        .ok_or_else(|| anyhow::anyhow!("role must be one of admin, staff, board, member"))?;
    let organisation_id = match account.org_slug {
        Some(slug) => Some(
            organisations::id_by_slug(db, slug)
                .await?
                .ok_or_else(|| anyhow::anyhow!("no organisation with slug {slug}"))?,
        ),
        None if role == Role::Member => anyhow::bail!("a member representative needs --org SLUG"),
        None => None,
    };
    let hash = password::hash(password.to_string()).await?;
    let user = users::NewUser {
        email: &email,
        password_hash: &hash,
        role,
        organisation_id,
        display_name: account.name,
        lang: account.lang,
        verified: true,
    };
    users::insert(db, &user)
        .await?
        .ok_or_else(|| anyhow::anyhow!("{email} already has an account"))
}

/// Checks a password chosen by an operator like any other new password.
pub fn check_password(password: &str, email: &str) -> anyhow::Result<()> {
    validate::new_password(password, password)
        .map_err(|p| anyhow::anyhow!("password: {}", p.code()))?;
    if password::is_too_common(password, &[email]) {
        anyhow::bail!("password: too common or too easy to guess");
    }
    Ok(())
}

/// 128 random bits as 22 URL-safe characters.
pub fn generate_password() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}
