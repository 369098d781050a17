//! Directory reads: the listing and a profile for anyone, the edit form for
//! the organisation's representatives and the secretariat, the list of every
//! organisation for the secretariat.

use super::{Listing, MemberProfile, OrganisationRow, ProfileForm};
use crate::domain::lang::Lang;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The directory for a query string of filters (as in the page's URL).
#[server(input = GetUrl)]
pub async fn search_members(query: String, lang: Lang) -> Result<Listing, AppError> {
    use crate::domain::directory::Filters;
    crate::auth::server::authorize(crate::auth::Access::Anyone)?;
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(&query).unwrap_or_default();
    let filters = Filters::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(|e| AppError::BadFilter(e.param))?;
    let db = crate::platform::request::db()?;
    Ok(super::store::listing::search(&db, &filters, lang).await?)
}

/// A listed member's profile; `None` (and 404) for anything else.
#[server(input = GetUrl)]
pub async fn load_member(slug: String) -> Result<Option<MemberProfile>, AppError> {
    crate::auth::server::authorize(crate::auth::Access::Anyone)?;
    let db = crate::platform::request::db()?;
    let site = use_context::<crate::config::SiteConfig>().unwrap_or_default();
    let profile = super::store::organisations::public_profile(&db, &slug)
        .await?
        .map(|mut p| {
            p.url = site.link(&format!("/members/{}", p.slug));
            p.logo_url = (p.logo_version > 0)
                .then(|| site.link(&format!("/members/{}/logo?v={}", p.slug, p.logo_version)));
            p
        });
    if profile.is_none() {
        crate::platform::request::set_not_found();
    }
    Ok(profile)
}

/// An organisation's profile for its representative or the secretariat.
#[server(input = GetUrl)]
pub async fn load_profile_form(slug: String) -> Result<ProfileForm, AppError> {
    use crate::auth::{Access, Role};
    let db = crate::platform::request::db()?;
    let found = super::store::organisations::editable(&db, &slug).await?;
    // Who may edit is known only once the organisation is: refuse strangers
    // the same way whether or not it exists.
    let id = found
        .as_ref()
        .map_or(crate::domain::ids::OrganisationId(-1), |(id, ..)| *id);
    let caller = crate::auth::server::require(Access::MemberOf(id))?;
    let Some((id, stored, logo_version)) = found else {
        crate::platform::request::set_not_found();
        return Err(AppError::NotFound);
    };
    let by_staff = matches!(caller.role, Role::Staff | Role::Admin);
    let (values, problems) = match use_context::<super::Submitted>() {
        Some(s) if s.slug == slug => (s.values, s.problems),
        _ => (stored, Vec::new()),
    };
    let history = super::store::organisations::history(&db, id, 20)
        .await?
        .into_iter()
        .map(|(at, who, fields)| super::ChangeEntry { at, who, fields })
        .collect();
    Ok(ProfileForm {
        slug,
        values,
        problems,
        logo_version,
        by_staff,
        history,
    })
}

/// Every organisation, whatever its status, for the secretariat.
#[server(input = GetUrl)]
pub async fn list_organisations(
    lang: Lang,
    page: i64,
) -> Result<crate::domain::paging::Paged<OrganisationRow>, AppError> {
    crate::auth::server::require(crate::auth::Access::Staff)?;
    let db = crate::platform::request::db()?;
    Ok(super::store::organisations::all_for_staff(&db, lang, page).await?)
}

/// What the import page shows after a post (from the answer's context), for
/// staff; nothing before one.
#[server]
pub async fn load_import() -> Result<Option<super::ImportSubmitted>, AppError> {
    crate::auth::server::require(crate::auth::Access::Staff)?;
    Ok(use_context::<super::ImportSubmitted>())
}
