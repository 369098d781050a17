use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// Everything the public profile of a member shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberProfile {
    pub slug: String,
    pub name_ka: String,
    pub name_en: String,
    pub legal_form: String,
    pub id_code: String,
    pub category: String,
    pub member_since: String,
    pub description_ka: String,
    pub description_en: String,
    pub products_ka: String,
    pub products_en: String,
    pub website: String,
    pub email: String,
    pub phone: String,
    pub sectors: Vec<String>,
    pub regions: Vec<String>,
    pub impact: Vec<String>,
    pub logo_version: i64,
    /// Absolute addresses, for Open Graph and schema.org.
    pub url: String,
    pub logo_url: Option<String>,
}

/// A listed member's profile; `None` (and 404) for anything else.
#[server(input = GetUrl)]
pub async fn load_member(slug: String) -> Result<Option<MemberProfile>, AppError> {
    crate::auth::server::authorize(crate::auth::Access::Anyone)?;
    let db = super::server::db()?;
    let site = use_context::<crate::config::SiteConfig>().unwrap_or_default();
    let profile = crate::db::organisations::public_profile(&db, &slug)
        .await?
        .map(|mut p| {
            p.url = site.link(&format!("/members/{}", p.slug));
            p.logo_url = (p.logo_version > 0)
                .then(|| site.link(&format!("/members/{}/logo?v={}", p.slug, p.logo_version)));
            p
        });
    if profile.is_none() {
        super::server::set_not_found();
    }
    Ok(profile)
}
