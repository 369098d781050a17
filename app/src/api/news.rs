use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
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

#[server(input = GetUrl)]
pub async fn list_news(page: i64, per_page: i64) -> Result<NewsPage, AppError> {
    crate::auth::server::authorize(crate::auth::Access::Anyone)?;
    use crate::db::{news, now_unix};
    let db = super::server::db()?;
    let per_page = per_page.clamp(1, 50);
    let now = now_unix();
    let total = news::count_published(&db, now).await?;
    let pages = ((total + per_page - 1) / per_page).max(1);
    let page = page.clamp(1, pages);
    let items = news::list_published(&db, now, per_page, (page - 1) * per_page).await?;
    Ok(NewsPage { items, page, pages })
}

#[server(input = GetUrl)]
pub async fn get_news(slug: String) -> Result<NewsArticle, AppError> {
    crate::auth::server::authorize(crate::auth::Access::Anyone)?;
    use crate::db::{news, now_unix};
    let db = super::server::db()?;
    let Some(mut article) = news::find_published(&db, &slug, now_unix()).await? else {
        super::server::set_not_found();
        return Err(AppError::NotFound);
    };
    article.body_ka = crate::markdown::to_safe_html(&article.body_ka);
    article.body_en = crate::markdown::to_safe_html(&article.body_en);
    Ok(article)
}
