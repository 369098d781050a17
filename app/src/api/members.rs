use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the member list shows of an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberCard {
    pub slug: String,
    pub name_ka: String,
    pub name_en: String,
    pub category: String,
    pub member_since: String,
    pub sectors: Vec<String>,
    pub regions: Vec<String>,
}

#[server]
pub async fn list_members() -> Result<Vec<MemberCard>, AppError> {
    let db = super::server::db()?;
    Ok(crate::db::organisations::listed_cards(&db).await?)
}
