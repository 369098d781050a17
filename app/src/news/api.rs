//! News reads, open to anyone.

use super::{NewsArticle, NewsPage};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(input = GetUrl)]
pub async fn list_news(page: i64, per_page: i64) -> Result<NewsPage, AppError> {
    crate::auth::server::authorize(crate::auth::Access::Anyone)?;
    use super::store;
    use crate::db::now_unix;
    let db = crate::platform::request::db()?;
    let per_page = per_page.clamp(1, 50);
    let now = now_unix();
    let total = store::count_published(&db, now).await?;
    let window = crate::domain::paging::Window::of(total, page, per_page);
    let items = store::list_published(&db, now, window.limit, window.offset).await?;
    Ok(NewsPage {
        items,
        page: window.page,
        pages: window.pages,
    })
}

#[server(input = GetUrl)]
pub async fn get_news(slug: String) -> Result<NewsArticle, AppError> {
    crate::auth::server::authorize(crate::auth::Access::Anyone)?;
    use super::store;
    use crate::db::now_unix;
    let db = crate::platform::request::db()?;
    let Some(mut article) = store::find_published(&db, &slug, now_unix()).await? else {
        crate::platform::request::set_not_found();
        return Err(AppError::NotFound);
    };
    article.body_ka = crate::markdown::to_safe_html(&article.body_ka);
    article.body_en = crate::markdown::to_safe_html(&article.body_en);
    Ok(article)
}
