//! An assembly's documents: staff attach a PDF (a `multipart/form-data`
//! post of its titles and the file, checked to be a PDF of at most 10 MB
//! and kept in the database) or remove one until the assembly is over;
//! participants download them.

use super::{back, title_problem, Post, TITLE_MAX};
use crate::assemblies::store::{self as assemblies, NewDocument};
use crate::assemblies::AssemblySubmitted;
use crate::auth::server::CurrentSession;
use crate::auth::validate::Problem;
use crate::auth::Access;
use crate::domain::assembly::AssemblyStatus;
use crate::domain::ids::{AssemblyId, DocumentId};
use crate::platform::post::{lang_of, multipart_of, page_again, typed_text, unavailable, value};
use crate::platform::routes::Routes;
use crate::platform::{AppState, SignedIn};
use axum::extract::{DefaultBodyLimit, Multipart, Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Extension;
use sha2::{Digest, Sha256};

/// The largest document kept.
pub const DOCUMENT_MAX: usize = 10 * 1024 * 1024;

/// A document over its limit, with the titles beside it, is still read
/// (and refused with a message); a larger body is refused unread.
const BODY_LIMIT: usize = DOCUMENT_MAX + 2 * 1024 * 1024;

pub(super) fn router() -> Routes<AppState> {
    Routes::new()
        .route(
            "/assemblies/{id}/documents",
            "POST",
            Access::Staff,
            BODY_LIMIT,
            post(attach).layer(DefaultBodyLimit::max(BODY_LIMIT)),
        )
        .get(
            "/assemblies/{id}/documents/{doc}",
            Access::Participant,
            download,
        )
}

/// The file's name as kept and offered: its last path part without
/// control characters or quotes, at most 100 characters, ending in `.pdf`.
pub fn clean_file_name(sent: &str) -> String {
    let last = sent.rsplit(['/', '\\']).next().unwrap_or_default();
    let kept: String = last
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | ';'))
        .take(100)
        .collect();
    let kept = kept.trim().trim_start_matches('.').to_string();
    if kept.is_empty() {
        "document.pdf".into()
    } else if kept.to_lowercase().ends_with(".pdf") {
        kept
    } else {
        format!("{kept}.pdf")
    }
}

/// A PDF of at most [`DOCUMENT_MAX`] bytes: its content says so (the
/// `%PDF-` header within the first kilobyte), whatever its name or the
/// type the browser claimed.
pub fn check_pdf(bytes: &[u8]) -> Result<(), Problem> {
    if bytes.len() > DOCUMENT_MAX {
        return Err(Problem::DocumentTooLarge);
    }
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        Ok(())
    } else {
        Err(Problem::DocumentType)
    }
}

/// The form as posted.
#[derive(Default)]
struct Posted {
    values: Vec<(String, String)>,
    file: Option<(String, Vec<u8>)>,
}

async fn read_form(
    mut multipart: Multipart,
) -> Result<Posted, axum::extract::multipart::MultipartError> {
    let mut posted = Posted::default();
    while let Some(field) = multipart.next_field().await? {
        let name = field.name().unwrap_or_default().to_string();
        match name.as_str() {
            "file" => {
                let file_name = field.file_name().unwrap_or_default().to_string();
                let bytes = field.bytes().await?;
                if !bytes.is_empty() {
                    posted.file = Some((file_name, bytes.to_vec()));
                }
            }
            "doc_ka" | "doc_en" => {
                let text = typed_text(field.text().await?);
                posted.values.push((name, text));
            }
            _ => {}
        }
    }
    posted.values.push(("do".into(), "document".into()));
    Ok(posted)
}

/// `POST /assemblies/{id}/documents` (staff).
async fn attach(
    State(state): State<AppState>,
    Path(id): Path<AssemblyId>,
    SignedIn(session): SignedIn,
    request: Request,
) -> Response {
    let lang = lang_of(request.headers());
    let (parts, multipart) = match multipart_of(request, &state).await {
        Ok(read) => read,
        Err(refused) => return *refused,
    };
    let posted = match read_form(multipart).await {
        Ok(posted) => posted,
        Err(error) => return error.into_response(),
    };
    match assemblies::get(&state.db, id).await {
        Ok(Some(a)) if !a.status.is_over() => {}
        Ok(Some(_)) => return back(id, "too_late"),
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => return unavailable(lang, error),
    }
    let (ka, en) = (
        value(&posted.values, "doc_ka").trim(),
        value(&posted.values, "doc_en").trim(),
    );
    let mut problems = Vec::new();
    if let Some(p) = title_problem(ka) {
        problems.push(("doc_ka".to_string(), p));
    }
    if en.chars().count() > TITLE_MAX {
        problems.push(("doc_en".into(), Problem::TooLong));
    }
    match &posted.file {
        None => problems.push(("file".into(), Problem::Required)),
        Some((_, bytes)) => {
            if let Err(p) = check_pdf(bytes) {
                problems.push(("file".into(), p));
            }
        }
    }
    let Some((sent_name, bytes)) = posted.file.as_ref().filter(|_| problems.is_empty()) else {
        let submitted = AssemblySubmitted {
            problems,
            values: posted.values.clone(),
        };
        return page_again(&state, parts, &format!("/assemblies/{id}"), submitted).await;
    };
    let sha256: String = Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let document = NewDocument {
        title_ka: ka,
        title_en: en,
        file_name: &clean_file_name(sent_name),
        sha256: &sha256,
        bytes,
        by: session.caller.user_id,
    };
    match assemblies::add_document(&state.db, id, &document).await {
        Ok(Some(_)) => back(id, "document"),
        Ok(None) => back(id, "too_late"),
        Err(error) => unavailable(lang, error),
    }
}

/// Removes a document (`do=document_remove`, the document as `document`).
pub(super) async fn remove(post: Post<'_>) -> Response {
    let Post {
        state,
        id,
        posted,
        lang,
        ..
    } = post;
    let Ok(document) = value(posted, "document").parse::<DocumentId>() else {
        return back(id, "stale");
    };
    match assemblies::remove_document(&state.db, id, document).await {
        Ok(true) => back(id, "document_removed"),
        Ok(false) => back(id, "stale"),
        Err(error) => unavailable(lang, error),
    }
}

/// `GET /assemblies/{id}/documents/{doc}`: to the assembly's participants
/// (a draft's to staff), as a download; revalidated by its digest, never
/// kept by shared caches.
async fn download(
    State(state): State<AppState>,
    Path((id, doc)): Path<(String, String)>,
    Extension(current): Extension<Option<CurrentSession>>,
    headers: HeaderMap,
) -> Response {
    let (Ok(id), Ok(doc)) = (id.parse::<AssemblyId>(), doc.parse::<DocumentId>()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let staff = Access::Staff.allows(current.map(|s| s.caller).as_ref());
    let found = async {
        let visible = assemblies::get(&state.db, id)
            .await?
            .is_some_and(|a| staff || a.status != AssemblyStatus::Draft);
        if !visible {
            return Ok(None);
        }
        assemblies::document(&state.db, id, doc).await
    };
    let document = match found.await {
        Ok(Some(document)) => document,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            let error: sqlx::Error = error;
            tracing::error!(%error, "assembly document query failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let etag = format!("\"{}\"", document.sha256);
    let cache = (header::CACHE_CONTROL, "private, no-cache");
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let etag = HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("\"\""));
    if fresh {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, etag)], [cache]).into_response();
    }
    let disposition = HeaderValue::from_str(&disposition(&document.file_name)).unwrap_or(
        HeaderValue::from_static("attachment; filename=\"document.pdf\""),
    );
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/pdf"),
            ),
            (header::CONTENT_DISPOSITION, disposition),
            (header::ETAG, etag),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("default-src 'none'; sandbox"),
            ),
        ],
        [cache],
        document.bytes,
    )
        .into_response()
}

/// `attachment` with the name in ASCII for old clients and whole in UTF-8
/// (RFC 6266) for the rest.
fn disposition(file_name: &str) -> String {
    let ascii: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = file_name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_') {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pdf_content_is_a_document() {
        assert_eq!(check_pdf(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), Ok(()));
        assert_eq!(check_pdf(b"\xef\xbb\xbf%PDF-1.4"), Ok(()));
        assert_eq!(
            check_pdf(b"<html><script>alert(1)</script>"),
            Err(Problem::DocumentType)
        );
        assert_eq!(check_pdf(b"\x89PNG\r\n\x1a\n"), Err(Problem::DocumentType));
        assert_eq!(check_pdf(b""), Err(Problem::DocumentType));
        let mut big = b"%PDF-1.4\n".to_vec();
        big.resize(DOCUMENT_MAX + 1, b' ');
        assert_eq!(check_pdf(&big), Err(Problem::DocumentTooLarge));
        big.truncate(DOCUMENT_MAX);
        assert_eq!(check_pdf(&big), Ok(()));
    }

    #[test]
    fn file_names_lose_paths_and_quotes_and_end_in_pdf() {
        assert_eq!(
            clean_file_name("C:\\Users\\a\\Agenda 2027.pdf"),
            "Agenda 2027.pdf"
        );
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd.pdf");
        assert_eq!(clean_file_name("a\"b;\r\nc.PDF"), "abc.PDF");
        assert_eq!(clean_file_name(""), "document.pdf");
        assert_eq!(clean_file_name(".pdf"), "pdf.pdf");
        assert_eq!(clean_file_name("დღის წესრიგი.pdf"), "დღის წესრიგი.pdf");
        assert_eq!(clean_file_name(&"x".repeat(300)).chars().count(), 104);
    }

    #[test]
    fn the_download_name_is_ascii_and_utf8() {
        assert_eq!(
            disposition("დღის წესრიგი.pdf"),
            "attachment; filename=\"____ _______.pdf\"; filename*=UTF-8''%E1%83%93%E1%83%A6%E1%83%98%E1%83%A1%20%E1%83%AC%E1%83%94%E1%83%A1%E1%83%A0%E1%83%98%E1%83%92%E1%83%98.pdf"
        );
        assert_eq!(
            disposition("Agenda 2027.pdf"),
            "attachment; filename=\"Agenda 2027.pdf\"; filename*=UTF-8''Agenda%202027.pdf"
        );
    }
}
