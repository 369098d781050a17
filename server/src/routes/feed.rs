use crate::state::AppState;
use app::db::now_unix;
use app::domain::date::Date;
use app::domain::lang::Lang;
use app::news::store as news;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use std::fmt::Write;

/// `/news/feed.xml`: the latest news as an Atom feed, in the visitor's
/// language.
pub async fn atom(State(state): State<AppState>, headers: HeaderMap) -> Response {
    feed(&state, app::platform::post::lang_of(&headers)).await
}

/// `/news/feed.ka.xml`: the feed in Georgian.
pub async fn atom_ka(State(state): State<AppState>) -> Response {
    feed(&state, Lang::Ka).await
}

/// `/news/feed.en.xml`: the feed in English.
pub async fn atom_en(State(state): State<AppState>) -> Response {
    feed(&state, Lang::En).await
}

/// Published posts only, newest first (a draft, an unpublished post and one
/// whose time has not come are left out).
async fn feed(state: &AppState, lang: Lang) -> Response {
    // Links come from the configured public address: the request's Host
    // header is the client's to choose (a cache in front would keep them).
    let base = state.site.link("");
    // The posts' pages in the feed's language (the entries' ids stay the
    // Georgian addresses they always were, so readers see no new entries).
    let pages = state.site.link(lang.at("/").trim_end_matches('/'));
    let posts = match news::list_published(&state.db, now_unix(), 20, 0).await {
        Ok(posts) => posts,
        Err(error) => {
            tracing::error!(%error, "cannot read news for the feed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let t = app::i18n::messages(lang);
    let updated = posts.first().map_or(0, |p| p.published_at);
    let mut xml = String::new();
    let _ = write!(
        xml,
        r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">
<title>{title}</title>
<id>{base}/news</id>
<link rel="self" href="{base}/news/feed.{lang}.xml"/>
<link rel="alternate" href="{pages}/news"/>
<updated>{updated}</updated>
"#,
        lang = lang.code(),
        pages = pages,
        title = escape(&format!("{} — {}", t.site_name, t.news.title)),
        updated = rfc3339(updated),
    );
    for post in posts {
        let title = lang.pick(&post.title_ka, &post.title_en);
        let summary = lang.pick(&post.summary_ka, &post.summary_en);
        let _ = write!(
            xml,
            r#"<entry>
<title>{title}</title>
<id>{base}/news/{slug}</id>
<link href="{pages}/news/{slug}"/>
<updated>{updated}</updated>
<author><name>{author}</name></author>
<summary>{summary}</summary>
</entry>
"#,
            title = escape(title),
            pages = pages,
            slug = escape(&post.slug),
            updated = rfc3339(post.published_at),
            author = escape(t.site_name),
            summary = escape(summary),
        );
    }
    xml.push_str("</feed>\n");
    (
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        xml,
    )
        .into_response()
}

fn rfc3339(seconds: i64) -> String {
    let date = Date::from_unix(seconds);
    let s = seconds.rem_euclid(86_400);
    format!("{date}T{:02}:{:02}:{:02}Z", s / 3600, s % 3600 / 60, s % 60)
}

pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_rfc3339() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_478_606_461), "2016-11-08T12:01:01Z");
    }

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"
        );
    }
}
