//! Whole directory pages for visitors who are not signed in.
//!
//! `/members` with a given query renders the same HTML for every anonymous
//! visitor of one language, except the page's nonce. The rendered page is
//! kept with its nonce replaced by a marker; a later visitor gets it with
//! their own nonce put back. Entries follow the directory's listing cache:
//! they live as long as its answers (`--directory-cache-seconds`, 0 turns
//! both off) and are dropped by the same local writes.

use crate::security::PageNonce;
use app::auth::server::CurrentSession;
use app::db::Db;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::Mutex;
use std::time::Instant;

/// Distinct pages kept at once; beyond it the cache starts afresh.
const ENTRIES: usize = 512;
/// Pages larger than this are served but not kept.
const MAX_PAGE: usize = 2 * 1024 * 1024;

#[derive(Default)]
pub struct PageCache {
    entries: Mutex<HashMap<String, Kept>>,
}

impl std::fmt::Debug for PageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kept = self.entries.lock().map_or(0, |e| e.len());
        f.debug_struct("PageCache").field("kept", &kept).finish()
    }
}

struct Kept {
    generation: u64,
    at: Instant,
    headers: HeaderMap,
    /// The page split at each occurrence of its nonce.
    pieces: Vec<Bytes>,
}

impl PageCache {
    fn get(
        &self,
        key: &str,
        generation: u64,
        max_age: std::time::Duration,
    ) -> Option<(HeaderMap, Vec<Bytes>)> {
        let entries = self.entries.lock().ok()?;
        let kept = entries.get(key)?;
        (kept.generation == generation && kept.at.elapsed() < max_age)
            .then(|| (kept.headers.clone(), kept.pieces.clone()))
    }

    fn put(&self, key: String, generation: u64, headers: HeaderMap, pieces: Vec<Bytes>) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= ENTRIES {
                entries.clear();
            }
            entries.insert(
                key,
                Kept {
                    generation,
                    at: Instant::now(),
                    headers,
                    pieces,
                },
            );
        }
    }
}

fn join(pieces: &[Bytes], nonce: &str) -> Bytes {
    let len =
        pieces.iter().map(Bytes::len).sum::<usize>() + nonce.len() * pieces.len().saturating_sub(1);
    let mut out = Vec::with_capacity(len);
    for (i, piece) in pieces.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(nonce.as_bytes());
        }
        out.extend_from_slice(piece);
    }
    Bytes::from(out)
}

fn split(body: &[u8], nonce: &str) -> Vec<Bytes> {
    let mut pieces = Vec::new();
    let needle = nonce.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i + needle.len() <= body.len() {
        if &body[i..i + needle.len()] == needle {
            pieces.push(Bytes::copy_from_slice(&body[start..i]));
            i += needle.len();
            start = i;
        } else {
            i += 1;
        }
    }
    pieces.push(Bytes::copy_from_slice(&body[start..]));
    pieces
}

/// The middleware: serves kept pages, keeps fresh ones.
pub async fn directory_pages(
    State((pages, db)): State<(Arc<PageCache>, Db)>,
    request: Request,
    next: Next,
) -> Response {
    let max_age = app::directory::store::listing::cache(&db).max_age();
    let anonymous = request
        .extensions()
        .get::<Option<CurrentSession>>()
        .is_none_or(Option::is_none);
    let nonce = request.extensions().get::<PageNonce>().map(|n| n.0.clone());
    let cacheable = request.method() == Method::GET
        && request.uri().path() == "/members"
        && anonymous
        && !max_age.is_zero();
    let (true, Some(nonce)) = (cacheable, nonce) else {
        return next.run(request).await;
    };
    let lang = app::platform::post::lang_of(request.headers()).code();
    let key = format!("{lang}?{}", request.uri().query().unwrap_or(""));
    let generation = app::directory::store::listing::cache(&db).generation();
    if let Some((headers, pieces)) = pages.get(&key, generation, max_age) {
        let mut response = Response::new(Body::from(join(&pieces, &nonce)));
        *response.headers_mut() = headers;
        return response;
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK || response.headers().contains_key(header::SET_COOKIE) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_PAGE).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let mut headers = parts.headers.clone();
    headers.remove(header::CONTENT_LENGTH);
    pages.put(key, generation, headers, split(&bytes, &nonce));
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_page_gets_the_new_nonce_everywhere_the_old_one_was() {
        let page = b"<script nonce=\"abc\">x</script><p>abcd</p><script nonce=\"abc\"></script>";
        let pieces = split(page, "abc");
        assert_eq!(pieces.len(), 4);
        assert_eq!(
            join(&pieces, "XYZ"),
            Bytes::from_static(
                b"<script nonce=\"XYZ\">x</script><p>XYZd</p><script nonce=\"XYZ\"></script>"
            )
        );
        assert_eq!(
            join(&split(b"no nonce here", "abc"), "XYZ"),
            Bytes::from_static(b"no nonce here")
        );
    }
}
