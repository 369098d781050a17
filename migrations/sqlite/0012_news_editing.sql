-- News written in the browser: a post is a draft until staff publish it
-- (at once or at a time to come: published_at is then when it appears), can
-- be unpublished again, and may carry one picture (re-encoded on upload)
-- with a description in each language.
ALTER TABLE news_posts ADD COLUMN status TEXT NOT NULL DEFAULT 'published'
    CHECK (status IN ('draft', 'published'));
ALTER TABLE news_posts ADD COLUMN image_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE news_posts ADD COLUMN image_alt_ka TEXT NOT NULL DEFAULT '';
ALTER TABLE news_posts ADD COLUMN image_alt_en TEXT NOT NULL DEFAULT '';
ALTER TABLE news_posts ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE news_posts ADD COLUMN updated_by INTEGER REFERENCES users (id) ON DELETE SET NULL;

CREATE TABLE news_images (
    post_id      INTEGER PRIMARY KEY REFERENCES news_posts (id) ON DELETE CASCADE,
    content_type TEXT    NOT NULL,
    bytes        BLOB    NOT NULL,
    updated_at   INTEGER NOT NULL
);
