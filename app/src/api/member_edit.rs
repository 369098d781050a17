//! Editing an organisation's profile: what the edit form shows. Saving is a
//! plain multipart form post (it carries the logo), handled by the server's
//! organisation routes, which re-render the form with `Submitted` in context
//! when something needs correcting.

use crate::auth::validate::Problem;
use crate::domain::profile::ProfileInput;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// One recorded change: when (Unix seconds), who (email) and which fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeEntry {
    pub at: i64,
    pub who: String,
    pub fields: Vec<String>,
}

/// The edit form's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileForm {
    pub slug: String,
    pub values: ProfileInput,
    /// Problems of the last submission, by field name.
    pub problems: Vec<(String, Problem)>,
    pub logo_version: i64,
    /// Whether the editor may change category, status and registration facts.
    pub by_staff: bool,
    pub history: Vec<ChangeEntry>,
}

/// What a refused submission typed, handed to the re-rendered form.
#[derive(Debug, Clone)]
pub struct Submitted {
    pub slug: String,
    pub values: ProfileInput,
    pub problems: Vec<(String, Problem)>,
}

/// An organisation's profile for its representative or the secretariat.
#[server(input = GetUrl)]
pub async fn load_profile_form(slug: String) -> Result<ProfileForm, AppError> {
    use crate::auth::{Access, Role};
    let db = super::server::db()?;
    let found = crate::db::organisations::editable(&db, &slug).await?;
    // Who may edit is known only once the organisation is: refuse strangers
    // the same way whether or not it exists.
    let id = found.as_ref().map_or(-1, |(id, ..)| *id);
    let caller = crate::auth::server::require(Access::MemberOf(id))?;
    let Some((id, stored, logo_version)) = found else {
        super::server::set_not_found();
        return Err(AppError::NotFound);
    };
    let by_staff = matches!(caller.role, Role::Staff | Role::Admin);
    let (values, problems) = match use_context::<Submitted>() {
        Some(s) if s.slug == slug => (s.values, s.problems),
        _ => (stored, Vec::new()),
    };
    let history = crate::db::organisations::history(&db, id, 20)
        .await?
        .into_iter()
        .map(|(at, who, fields)| ChangeEntry { at, who, fields })
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

/// A row of the secretariat's list of organisations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationRow {
    pub slug: String,
    pub name_ka: String,
    pub name_en: String,
    pub category: String,
    pub status: String,
    pub listed: bool,
}

/// Every organisation, whatever its status, for the secretariat.
#[server(input = GetUrl)]
pub async fn list_organisations() -> Result<Vec<OrganisationRow>, AppError> {
    crate::auth::server::require(crate::auth::Access::Staff)?;
    let db = super::server::db()?;
    Ok(crate::db::organisations::all_for_staff(&db)
        .await?
        .into_iter()
        .map(
            |(slug, name_ka, name_en, category, status, listed)| OrganisationRow {
                slug,
                name_ka,
                name_en,
                category,
                status,
                listed: listed == 1,
            },
        )
        .collect())
}
