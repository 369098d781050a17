//! News reads, open to anyone.

use super::{NewsArticle, NewsPage, PostForm, PostRow};
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

/// Every post, drafts and scheduled ones too, for staff.
#[server(input = GetUrl)]
pub async fn list_posts(page: i64) -> Result<crate::domain::paging::Paged<PostRow>, AppError> {
    crate::auth::server::require(crate::auth::Access::Staff)?;
    use crate::domain::paging::{Paged, Window};
    let db = crate::platform::request::db()?;
    let total = super::store::count_all(&db).await?;
    let window = Window::of(total, page, 20);
    let now = crate::db::now_unix();
    let items = super::store::list_all(&db, now, window.limit, window.offset).await?;
    Ok(Paged::new(items, window, total))
}

/// The post form for staff: post `id`, or a new one (0). After a post that
/// needs correcting or a preview, what was typed.
#[server]
pub async fn load_post(id: i64) -> Result<PostForm, AppError> {
    crate::auth::server::require(crate::auth::Access::Staff)?;
    use super::editing::{PostInput, PostState};
    let db = crate::platform::request::db()?;
    let mut form = if id == 0 {
        PostForm {
            id: 0,
            values: PostInput::default(),
            problems: Vec::new(),
            state: PostState::Draft,
            image_version: 0,
            stored_slug: String::new(),
            preview: None,
        }
    } else {
        let Some(stored) = super::store::load(&db, crate::domain::ids::NewsId(id)).await? else {
            crate::platform::request::set_not_found();
            return Err(AppError::NotFound);
        };
        let state = PostState::of(&stored.status, stored.published_at, crate::db::now_unix());
        PostForm {
            id,
            stored_slug: stored.input.slug.clone(),
            values: stored.input,
            problems: Vec::new(),
            state,
            image_version: stored.image_version,
            preview: None,
        }
    };
    if let Some(again) = use_context::<super::PostSubmitted>().filter(|s| s.id == id) {
        form.values = again.values;
        form.problems = again.problems;
        form.preview = again.preview;
    }
    Ok(form)
}
