//! An organisation's public columns, as the profile, the directory's export
//! and the open data read them.

/// The columns of `ProfileRow`, for the queries that read one.
pub const PROFILE_COLUMNS: &str =
    "slug, name_ka, name_en, legal_form, id_code, category, member_since, \
    description_ka, description_en, products_ka, products_en, website, email, phone, sectors_mask, \
    regions_mask, impact_mask, logo_version";

/// An organisation's public columns, as the profile and the export read them.
#[derive(sqlx::FromRow)]
pub struct ProfileRow {
    slug: String,
    name_ka: String,
    name_en: String,
    legal_form: String,
    id_code: String,
    category: String,
    member_since: String,
    description_ka: String,
    description_en: String,
    products_ka: String,
    products_en: String,
    website: String,
    email: String,
    phone: String,
    sectors_mask: i64,
    regions_mask: i64,
    impact_mask: i64,
    logo_version: i64,
}

impl From<ProfileRow> for crate::directory::MemberProfile {
    fn from(r: ProfileRow) -> Self {
        use crate::domain::directory::codes;
        use crate::domain::reference::{IMPACT_AREAS, REGIONS, SECTORS};
        crate::directory::MemberProfile {
            slug: r.slug,
            name_ka: r.name_ka,
            name_en: r.name_en,
            legal_form: r.legal_form,
            id_code: r.id_code,
            category: r.category,
            member_since: r.member_since,
            description_ka: r.description_ka,
            description_en: r.description_en,
            products_ka: r.products_ka,
            products_en: r.products_en,
            website: r.website,
            email: r.email,
            phone: r.phone,
            sectors: codes(SECTORS, r.sectors_mask),
            regions: codes(REGIONS, r.regions_mask),
            impact: codes(IMPACT_AREAS, r.impact_mask),
            logo_version: r.logo_version,
            url: String::new(),
            logo_url: None,
        }
    }
}
