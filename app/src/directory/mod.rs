//! The member directory, a member's public profile, and editing a profile
//! (by its representative or the secretariat), with the secretariat's list
//! of every organisation.
//!
//! Reads are server functions in `api`; writes are the form handlers in
//! `post` (saving a profile is a multipart post that re-renders the form
//! with `Submitted` in context when something needs correcting; the logo
//! is served from there too); SQL is in `store` (the listing with its
//! filters and cache; organisations and their profiles). Staff bring in
//! the existing members from a CSV file: the rules in `import`, the page in
//! `import_page`, its handler in `import_post`.

pub mod api;
pub mod import;
mod import_page;
#[cfg(feature = "ssr")]
pub mod import_post;
mod member_edit_page;
mod members_page;
#[cfg(feature = "ssr")]
pub mod post;
mod profile_page;
#[cfg(feature = "ssr")]
pub mod store;

pub use import_page::ImportPage;
pub use member_edit_page::{MemberEditPage, OrganisationsPage};
pub use members_page::MembersPage;
pub use profile_page::ProfilePage;

use crate::auth::validate::Problem;
use crate::domain::profile::ProfileInput;
use serde::{Deserialize, Serialize};

/// An organisation as the directory lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryCard {
    pub slug: String,
    pub name_ka: String,
    pub name_en: String,
    pub category: String,
    pub member_since: String,
    pub sectors: Vec<String>,
    pub regions: Vec<String>,
    pub impact: Vec<String>,
    /// 0 when there is no logo; otherwise part of its URL, for caching.
    pub logo_version: i64,
    pub summary_ka: String,
    pub summary_en: String,
}

/// For one facet, each value's count under the other facets' filters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facet {
    pub param: String,
    pub counts: Vec<(String, i64)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listing {
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    pub items: Vec<DirectoryCard>,
    pub facets: Vec<Facet>,
}

impl Listing {
    pub fn counts(&self, param: &str) -> &[(String, i64)] {
        self.facets
            .iter()
            .find(|f| f.param == param)
            .map(|f| f.counts.as_slice())
            .unwrap_or(&[])
    }
}

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
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Submitted {
    pub slug: String,
    pub values: ProfileInput,
    pub problems: Vec<(String, Problem)>,
}

/// A row of the secretariat's list of organisations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationRow {
    pub slug: String,
    pub name_ka: String,
    pub name_en: String,
    pub category: String,
    pub status: crate::domain::directory::OrganisationStatus,
    pub listed: bool,
}

/// What the import page shows after a post: the file's rows with their
/// problems, or why the file could not be read; the checked file's text
/// when every row is right (sent back with "Import"); whether an import
/// found something taken meanwhile.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSubmitted {
    pub rows: Vec<import::Row>,
    pub file_problem: Option<import::FileProblem>,
    pub csv: String,
    pub changed: bool,
    /// One organisation added by hand that needs correcting: what was
    /// typed, and its problems by field.
    pub one: Option<import::Row>,
}
