//! News: the list, one article, and the cards other pages show.
//!
//! Staff write posts in the back office (`edit_page`, `posts_page`), posted
//! to `post`; the rules of a post are in `editing`. Reads are server
//! functions in `api`, SQL is in `store`.

pub mod api;
mod article_page;
mod card;
mod edit_page;
pub mod editing;
mod list_page;
#[cfg(feature = "ssr")]
pub mod post;
mod posts_page;
#[cfg(feature = "ssr")]
pub mod store;

pub use article_page::NewsArticlePage;
pub use card::NewsCard;
pub use edit_page::PostEditPage;
pub use list_page::NewsListPage;
pub use posts_page::PostsPage;

use crate::auth::validate::Problem;
use editing::{PostInput, PostState};

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
    /// 0: no picture; otherwise part of the picture's address.
    pub image_version: i64,
}

/// A post with its bodies as sanitised HTML, ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct NewsArticle {
    #[cfg_attr(feature = "ssr", sqlx(flatten))]
    pub summary: NewsSummary,
    pub body_ka: String,
    pub body_en: String,
    pub image_alt_ka: String,
    pub image_alt_en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsPage {
    pub items: Vec<NewsSummary>,
    pub page: i64,
    pub pages: i64,
}

/// A post in the staff's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostRow {
    pub id: i64,
    pub slug: String,
    pub title_ka: String,
    pub title_en: String,
    pub state: PostState,
    pub published_at: i64,
    pub changed_at: i64,
}

/// The staff's post form: the post as stored (or as typed, when a post
/// needs correcting or was previewed) and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostForm {
    /// 0: a new post.
    pub id: i64,
    pub values: PostInput,
    pub problems: Vec<(String, Problem)>,
    pub state: PostState,
    pub image_version: i64,
    /// The slug the post is published under (for its public link).
    pub stored_slug: String,
    /// The texts rendered as visitors will see them, after "Preview".
    pub preview: Option<Preview>,
}

/// A post's bodies as sanitised HTML, made on the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    pub body_ka: String,
    pub body_en: String,
    /// A picture was chosen: it is not kept, so it must be chosen again.
    pub picture_sent: bool,
}

/// What a post that needs correcting or was previewed typed, handed to the
/// form rendered again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostSubmitted {
    pub id: i64,
    pub values: PostInput,
    pub problems: Vec<(String, Problem)>,
    pub preview: Option<Preview>,
}
