//! `/sitemap.xml` and `/robots.txt`: what search engines may read, in both
//! languages. Every public page is listed at its Georgian and its English
//! address, each naming the other as its translation (`xhtml:link`), member
//! profiles and news posts with the date they last changed.

use super::feed::escape;
use crate::state::AppState;
use app::db::now_unix;
use app::domain::date::Date;
use app::domain::lang::Lang;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use std::fmt::Write;

/// The public pages that are not a profile or a post.
const PAGES: [&str; 8] = [
    "/", "/about", "/members", "/news", "/board", "/apply", "/contact", "/privacy",
];

pub async fn sitemap(State(state): State<AppState>) -> Response {
    let (profiles, posts) = match tokio::try_join!(profiles(&state), posts(&state)) {
        Ok(found) => found,
        Err(error) => {
            tracing::error!(%error, "cannot read the sitemap's pages");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let mut xml = String::with_capacity(600 * (PAGES.len() + profiles.len() + posts.len()));
    xml.push_str(concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        "\n",
        r#"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">"#,
        "\n"
    ));
    let pages = PAGES.iter().map(|page| (page.to_string(), None));
    let profiles = profiles
        .into_iter()
        .map(|(slug, changed)| (format!("/members/{slug}"), Some(changed)));
    let posts = posts
        .into_iter()
        .map(|(slug, changed)| (format!("/news/{slug}"), Some(changed)));
    for (path, changed) in pages.chain(profiles).chain(posts) {
        let [ka, en] = [Lang::Ka, Lang::En].map(|lang| escape(&state.site.link(&lang.at(&path))));
        for loc in [&ka, &en] {
            let _ = write!(xml, "<url><loc>{loc}</loc>");
            if let Some(changed) = changed {
                let _ = write!(xml, "<lastmod>{}</lastmod>", Date::from_unix(changed));
            }
            let _ = writeln!(
                xml,
                r#"<xhtml:link rel="alternate" hreflang="ka" href="{ka}"/><xhtml:link rel="alternate" hreflang="en" href="{en}"/><xhtml:link rel="alternate" hreflang="x-default" href="{ka}"/></url>"#
            );
        }
    }
    xml.push_str("</urlset>\n");
    (
        [
            (header::CONTENT_TYPE, "application/xml; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        xml,
    )
        .into_response()
}

/// Listed members' profiles and when each last changed.
async fn profiles(state: &AppState) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT slug, updated_at FROM organisations \
         WHERE status = 'active' AND listed = 1 ORDER BY slug",
    )
    .fetch_all(state.db.pool())
    .await
}

/// Published posts and when each last changed.
async fn posts(state: &AppState) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT slug, CASE WHEN updated_at > published_at THEN updated_at ELSE published_at END \
         FROM news_posts WHERE status = 'published' AND published_at <= $1 ORDER BY published_at DESC",
    )
    .bind(now_unix())
    .fetch_all(state.db.pool())
    .await
}

/// Crawlers keep to the public pages: not the back office, the account
/// pages, the wizard's steps, the links sent by mail, an organisation's
/// editing page, nor the API (its open data is for programs, described in
/// its documentation).
pub async fn robots(State(state): State<AppState>) -> Response {
    const CLOSED: [&str; 13] = [
        "/admin",
        "/account",
        "/apply?",
        "/apply/",
        "/members/*/edit",
        "/assemblies",
        "/board/new",
        "/login?",
        "/verify",
        "/reset",
        "/invite",
        "/confirm-email",
        "/forgot",
    ];
    let mut text = String::from("User-agent: *\n");
    for path in CLOSED {
        for lang in [Lang::Ka, Lang::En] {
            let _ = writeln!(text, "Disallow: {}", lang.at(path));
        }
    }
    let _ = writeln!(text, "Disallow: /api/\nDisallow: /lang\n");
    let _ = writeln!(text, "Sitemap: {}", state.site.link("/sitemap.xml"));
    (
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        text,
    )
        .into_response()
}
