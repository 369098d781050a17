//! News posts: what visitors read (published, their time come) and what
//! staff write (drafts, scheduled posts, the picture).

use super::editing::{PostInput, PostState};
use super::{NewsArticle, NewsSummary, PostRow};
use crate::db::Db;
use crate::domain::ids::NewsId;
use crate::domain::ids::UserId;

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

const SUMMARY_COLUMNS: &str =
    "slug, title_ka, title_en, summary_ka, summary_en, published_at, image_version";

/// What visitors may read: published, its time come.
const VISIBLE: &str = "status = 'published' AND published_at <= $1";

#[tracing::instrument(skip(db))]
pub async fn count_published(db: &Db, now: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM news_posts WHERE {VISIBLE}"))
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
        "SELECT {SUMMARY_COLUMNS} FROM news_posts WHERE {VISIBLE} \
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
        "SELECT {SUMMARY_COLUMNS}, body_ka, body_en, image_alt_ka, image_alt_en FROM news_posts \
         WHERE {VISIBLE} AND slug = $2"
    ))
    .bind(now)
    .bind(slug)
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

/// Every post, newest change first, for staff.
#[tracing::instrument(skip(db))]
pub async fn list_all(
    db: &Db,
    now: i64,
    limit: i64,
    offset: i64,
) -> Result<Vec<PostRow>, sqlx::Error> {
    let rows: Vec<(NewsId, String, String, String, String, i64, i64)> = sqlx::query_as(
        "SELECT id, slug, title_ka, title_en, status, published_at, \
           CASE WHEN updated_at = 0 THEN created_at ELSE updated_at END \
         FROM news_posts ORDER BY CASE WHEN status = 'draft' THEN 0 ELSE 1 END, published_at DESC, id DESC \
         LIMIT $1 OFFSET $2",
    )
    .bind(limit)
    .bind(offset)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, slug, title_ka, title_en, status, published_at, changed_at)| PostRow {
                id: id.0,
                slug,
                title_ka,
                title_en,
                state: PostState::of(&status, published_at, now),
                published_at,
                changed_at,
            },
        )
        .collect())
}

#[tracing::instrument(skip(db))]
pub async fn count_all(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM news_posts")
        .fetch_one(db.pool())
        .await
}

/// A post as staff edit it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub input: PostInput,
    pub status: String,
    pub published_at: i64,
    pub image_version: i64,
}

/// One post, whatever its state, with its texts as written.
#[tracing::instrument(skip(db))]
pub async fn load(db: &Db, id: NewsId) -> Result<Option<Stored>, sqlx::Error> {
    type Row = (
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        i64,
        i64,
    );
    let row: Option<Row> = sqlx::query_as(
        "SELECT slug, title_ka, title_en, summary_ka, summary_en, body_ka, body_en, \
           image_alt_ka, image_alt_en, status, published_at, image_version \
         FROM news_posts WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(
        |(
            slug,
            title_ka,
            title_en,
            summary_ka,
            summary_en,
            body_ka,
            body_en,
            image_alt_ka,
            image_alt_en,
            status,
            published_at,
            image_version,
        )| Stored {
            input: PostInput {
                slug,
                title_ka,
                title_en,
                summary_ka,
                summary_en,
                body_ka,
                body_en,
                image_alt_ka,
                image_alt_en,
                publish_at: if status == "published" {
                    super::editing::local_input(published_at)
                } else {
                    String::new()
                },
            },
            status,
            published_at,
            image_version,
        },
    ))
}

/// What happens to a post's picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PictureChange {
    Keep,
    Replace {
        content_type: String,
        bytes: Vec<u8>,
    },
    Remove,
}

/// A post to write: its checked texts, whether it is published and from
/// when (a draft keeps the time it was given, or now).
pub struct Write<'a> {
    pub input: &'a PostInput,
    pub status: &'a str,
    pub published_at: i64,
    pub picture: &'a PictureChange,
    pub by: UserId,
    pub now: i64,
}

pub enum Saved {
    Done(NewsId),
    /// Another post has the address.
    SlugTaken,
}

/// Writes a new post (`id` None) or changes one, with its picture, in one
/// transaction.
#[tracing::instrument(skip(db, post), fields(slug = %post.input.slug))]
pub async fn save(db: &Db, id: Option<NewsId>, post: &Write<'_>) -> Result<Saved, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let taken: Option<NewsId> = sqlx::query_scalar("SELECT id FROM news_posts WHERE slug = $1")
        .bind(&post.input.slug)
        .fetch_optional(&mut *tx)
        .await?;
    if taken.is_some() && taken != id {
        return Ok(Saved::SlugTaken);
    }
    let p = post.input;
    let id = match id {
        Some(id) => {
            let changed = sqlx::query(
                "UPDATE news_posts SET slug = $1, title_ka = $2, title_en = $3, summary_ka = $4, \
                   summary_en = $5, body_ka = $6, body_en = $7, image_alt_ka = $8, image_alt_en = $9, \
                   status = $10, published_at = $11, updated_at = $12, updated_by = $13 WHERE id = $14",
            )
            .bind(&p.slug)
            .bind(&p.title_ka)
            .bind(&p.title_en)
            .bind(&p.summary_ka)
            .bind(&p.summary_en)
            .bind(&p.body_ka)
            .bind(&p.body_en)
            .bind(&p.image_alt_ka)
            .bind(&p.image_alt_en)
            .bind(post.status)
            .bind(post.published_at)
            .bind(post.now)
            .bind(post.by)
            .bind(id)
            .execute(&mut *tx)
            .await;
            let changed = match changed {
                // Two posts given the same address at once: the second is told.
                Err(error) if crate::db::is_unique_violation(&error) => {
                    return Ok(Saved::SlugTaken)
                }
                other => other?,
            };
            if changed.rows_affected() == 0 {
                return Err(sqlx::Error::RowNotFound);
            }
            id
        }
        None => {
            let inserted = sqlx::query_scalar(
                "INSERT INTO news_posts (slug, title_ka, title_en, summary_ka, summary_en, body_ka, \
                   body_en, image_alt_ka, image_alt_en, status, published_at, created_at, updated_at, \
                   updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13) \
                 RETURNING id",
            )
            .bind(&p.slug)
            .bind(&p.title_ka)
            .bind(&p.title_en)
            .bind(&p.summary_ka)
            .bind(&p.summary_en)
            .bind(&p.body_ka)
            .bind(&p.body_en)
            .bind(&p.image_alt_ka)
            .bind(&p.image_alt_en)
            .bind(post.status)
            .bind(post.published_at)
            .bind(post.now)
            .bind(post.by)
            .fetch_one(&mut *tx)
            .await;
            match inserted {
                Err(error) if crate::db::is_unique_violation(&error) => {
                    return Ok(Saved::SlugTaken)
                }
                other => other?,
            }
        }
    };
    match post.picture {
        PictureChange::Keep => {}
        PictureChange::Replace {
            content_type,
            bytes,
        } => {
            sqlx::query(
                "INSERT INTO news_images (post_id, content_type, bytes, updated_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (post_id) DO UPDATE SET content_type = excluded.content_type, \
                   bytes = excluded.bytes, updated_at = excluded.updated_at",
            )
            .bind(id)
            .bind(content_type)
            .bind(bytes.as_slice())
            .bind(post.now)
            .execute(&mut *tx)
            .await?;
            sqlx::query("UPDATE news_posts SET image_version = image_version + 1 WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        PictureChange::Remove => {
            sqlx::query("DELETE FROM news_images WHERE post_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("UPDATE news_posts SET image_version = 0, image_alt_ka = '', image_alt_en = '' WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(Saved::Done(id))
}

/// An address no other post has: `base`, or `base-2`, `base-3`, …
#[tracing::instrument(skip(db))]
pub async fn free_slug(db: &Db, base: &str, except: Option<NewsId>) -> Result<String, sqlx::Error> {
    let taken: Vec<(NewsId, String)> =
        sqlx::query_as("SELECT id, slug FROM news_posts WHERE slug = $1 OR slug LIKE $2")
            .bind(base)
            .bind(format!("{base}-%"))
            .fetch_all(db.pool())
            .await?;
    let taken: std::collections::HashSet<String> = taken
        .into_iter()
        .filter(|(id, _)| Some(*id) != except)
        .map(|(_, slug)| slug)
        .collect();
    let mut slug = base.to_string();
    let mut n = 2;
    while taken.contains(&slug) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    Ok(slug)
}

/// A post's picture as stored.
pub struct Picture {
    pub content_type: String,
    pub bytes: Vec<u8>,
    pub version: i64,
    /// Visitors may see it: the post is published and its time has come.
    pub public: bool,
}

#[tracing::instrument(skip(db))]
pub async fn picture(db: &Db, slug: &str, now: i64) -> Result<Option<Picture>, sqlx::Error> {
    let row: Option<(String, Vec<u8>, i64, i64)> = sqlx::query_as(
        "SELECT i.content_type, i.bytes, p.image_version, \
           CASE WHEN p.status = 'published' AND p.published_at <= $1 THEN 1 ELSE 0 END \
         FROM news_posts p JOIN news_images i ON i.post_id = p.id WHERE p.slug = $2",
    )
    .bind(now)
    .bind(slug)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|(content_type, bytes, version, public)| Picture {
        content_type,
        bytes,
        version,
        public: public == 1,
    }))
}
