//! News posts.

use super::{NewsArticle, NewsSummary};
use crate::db::Db;
use crate::domain::ids::NewsId;

/// A post as written: Markdown bodies in both languages.
#[derive(Debug, Clone)]
pub struct NewPost {
    pub slug: String,
    pub title_ka: String,
    pub title_en: String,
    pub summary_ka: String,
    pub summary_en: String,
    pub body_ka: String,
    pub body_en: String,
    pub published_at: i64,
}

const SUMMARY_COLUMNS: &str = "slug, title_ka, title_en, summary_ka, summary_en, published_at";

#[tracing::instrument(skip(db))]
pub async fn count_published(db: &Db, now: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM news_posts WHERE published_at <= $1")
        .bind(now)
        .fetch_one(db.pool())
        .await
}

/// Published posts, newest first.
#[tracing::instrument(skip(db))]
pub async fn list_published(
    db: &Db,
    now: i64,
    limit: i64,
    offset: i64,
) -> Result<Vec<NewsSummary>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM news_posts WHERE published_at <= $1 \
         ORDER BY published_at DESC, id DESC LIMIT $2 OFFSET $3"
    ))
    .bind(now)
    .bind(limit)
    .bind(offset)
    .fetch_all(db.pool())
    .await
}

/// One published post with its Markdown bodies.
#[tracing::instrument(skip(db))]
pub async fn find_published(
    db: &Db,
    slug: &str,
    now: i64,
) -> Result<Option<NewsArticle>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {SUMMARY_COLUMNS}, body_ka, body_en FROM news_posts \
         WHERE slug = $1 AND published_at <= $2"
    ))
    .bind(slug)
    .bind(now)
    .fetch_optional(db.pool())
    .await
}

#[tracing::instrument(skip(db, post), fields(slug = %post.slug))]
pub async fn insert(db: &Db, post: &NewPost) -> Result<NewsId, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO news_posts (slug, title_ka, title_en, summary_ka, summary_en, body_ka, body_en, \
         published_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(&post.slug)
    .bind(&post.title_ka)
    .bind(&post.title_en)
    .bind(&post.summary_ka)
    .bind(&post.summary_en)
    .bind(&post.body_ka)
    .bind(&post.body_en)
    .bind(post.published_at)
    .bind(crate::db::now_unix())
    .fetch_one(db.pool())
    .await
}
