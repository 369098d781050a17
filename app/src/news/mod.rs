//! News: the list, one article, and the cards other pages show.
//!
//! Reads are server functions in `api`, SQL is in `store`; news has no form
//! of its own (posts come from the back office or `seed`).

pub mod api;
mod article_page;
mod card;
mod list_page;
#[cfg(feature = "ssr")]
pub mod store;

pub use article_page::NewsArticlePage;
pub use card::NewsCard;
pub use list_page::NewsListPage;

use serde::{Deserialize, Serialize};

/// Posts per page of the news list.
pub const PAGE_SIZE: i64 = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct NewsSummary {
    pub slug: String,
    pub title_ka: String,
    pub title_en: String,
    pub summary_ka: String,
    pub summary_en: String,
    /// Unix seconds.
    pub published_at: i64,
}

/// A post with its bodies as sanitised HTML, ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct NewsArticle {
    #[cfg_attr(feature = "ssr", sqlx(flatten))]
    pub summary: NewsSummary,
    pub body_ka: String,
    pub body_en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsPage {
    pub items: Vec<NewsSummary>,
    pub page: i64,
    pub pages: i64,
}
