use crate::domain::lang::Lang;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
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

/// The directory for a query string of filters (as in the page's URL).
#[server(input = GetUrl)]
pub async fn search_members(query: String, lang: Lang) -> Result<Listing, AppError> {
    use crate::domain::directory::Filters;
    crate::auth::server::authorize(crate::auth::Access::Anyone)?;
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(&query).unwrap_or_default();
    let filters = Filters::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(|e| AppError::BadFilter(e.param))?;
    let db = super::server::db()?;
    Ok(crate::db::directory::search(&db, &filters, lang).await?)
}
