//! Staff write news: the post form (`multipart/form-data`: the texts and a
//! picture) posts to its own address, `/admin/news/new` or
//! `/admin/news/{id}`, with the button pressed as `do`: save, preview,
//! publish or unpublish. A post that needs correcting, and a preview, is
//! answered with the form again holding everything typed; the rest with a
//! redirect back to the post. The post's picture is served here too.

use super::editing::{self, PostInput};
use super::store::{self, PictureChange, Saved, Write};
use super::{PostSubmitted, Preview};
use crate::auth::validate::Problem;
use crate::auth::Access;
use crate::db::now_unix;
use crate::domain::ids::NewsId;
use crate::platform::picture::{self, Kind};
use crate::platform::post::{
    lang_of, multipart_of, page_with_status, redirect, typed_text, unavailable,
};
use crate::platform::routes::Routes;
use crate::platform::{AppState, SignedIn};
use axum::extract::{DefaultBodyLimit, Multipart, Path, RawQuery, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Extension;

/// The texts and a picture over its limit (refused with a message, the
/// rest of the form kept).
const FORM_BODY_LIMIT: usize = 10 * 1024 * 1024;

pub fn router() -> Routes<AppState> {
    Routes::new()
        .route(
            "/admin/news/{id}",
            "POST",
            Access::Staff,
            FORM_BODY_LIMIT,
            post(save).layer(DefaultBodyLimit::max(FORM_BODY_LIMIT)),
        )
        .get("/news/{slug}/picture", Access::Anyone, picture)
}

/// The form as posted.
#[derive(Default)]
struct Posted {
    input: PostInput,
    picture: Option<Vec<u8>>,
    remove_picture: bool,
    action: String,
}

async fn read_form(
    mut multipart: Multipart,
) -> Result<Posted, axum::extract::multipart::MultipartError> {
    let mut posted = Posted::default();
    while let Some(field) = multipart.next_field().await? {
        let name = field.name().unwrap_or_default().to_string();
        match name.as_str() {
            "picture" => {
                let bytes = field.bytes().await?;
                if !bytes.is_empty() {
                    posted.picture = Some(bytes.to_vec());
                }
            }
            "remove_picture" => posted.remove_picture = true,
            "do" => posted.action = field.text().await?,
            _ => {
                let value = typed_text(field.text().await?);
                if let Some(text) = posted.input.text_mut(&name) {
                    *text = value;
                }
            }
        }
    }
    Ok(posted)
}

/// `POST /admin/news/{id}` (`new` for a new post; staff).
async fn save(
    State(state): State<AppState>,
    Path(id): Path<String>,
    SignedIn(session): SignedIn,
    request: Request,
) -> Response {
    let lang = lang_of(request.headers());
    let now = now_unix();
    let id = match id.as_str() {
        "new" => None,
        other => match other.parse::<i64>() {
            Ok(id) => Some(NewsId(id)),
            Err(_) => return not_found(request).await,
        },
    };
    let stored = match id {
        Some(id) => match store::load(&state.db, id).await {
            Ok(Some(stored)) => Some(stored),
            Ok(None) => return not_found(request).await,
            Err(error) => return unavailable(lang, error),
        },
        None => None,
    };
    let (parts, multipart) = match multipart_of(request, &state).await {
        Ok(read) => read,
        Err(refused) => return *refused,
    };
    let posted = match read_form(multipart).await {
        Ok(posted) => posted,
        Err(error) => return error.into_response(),
    };
    let stored_status = stored.as_ref().map_or("draft", |s| s.status.as_str());
    let publishing = match posted.action.as_str() {
        "publish" => true,
        "unpublish" => false,
        _ => stored_status == "published",
    };
    let keeps_picture =
        stored.as_ref().is_some_and(|s| s.image_version > 0) && !posted.remove_picture;
    let has_picture = posted.picture.is_some() || keeps_picture;
    let mut problems = Vec::new();
    let clean = match editing::validate(&posted.input, publishing, has_picture) {
        Ok(clean) => Some(clean),
        Err(found) => {
            problems = found;
            None
        }
    };
    let change = match posted.picture {
        Some(bytes) => match picture::in_turn(bytes, Kind::Picture).await {
            Ok(Ok((content_type, bytes))) => PictureChange::Replace {
                content_type: content_type.into(),
                bytes,
            },
            Ok(Err(problem)) => {
                problems.push(("picture".into(), problem));
                PictureChange::Keep
            }
            Err(error) => return unavailable(lang, error),
        },
        None if posted.remove_picture => PictureChange::Remove,
        None => PictureChange::Keep,
    };
    let form_id = id.map_or(0, |id| id.0);
    let path = match id {
        Some(id) => format!("/admin/news/{}", id.0),
        None => "/admin/news/new".to_string(),
    };
    if posted.action == "preview" {
        // Shown as visitors will see it; nothing is stored.
        let preview = Preview {
            body_ka: crate::markdown::to_safe_html(&posted.input.body_ka),
            body_en: crate::markdown::to_safe_html(&posted.input.body_en),
            picture_sent: matches!(change, PictureChange::Replace { .. }),
        };
        let submitted = PostSubmitted {
            id: form_id,
            values: posted.input,
            problems,
            preview: Some(preview),
        };
        return page_with_status(&state, parts, &path, submitted, StatusCode::OK).await;
    }
    let clean = match clean {
        Some(clean) if problems.is_empty() => clean,
        _ => return again(&state, parts, &path, form_id, posted.input, problems).await,
    };
    let mut input = clean.input;
    if !clean.slug_typed {
        input.slug = match store::free_slug(&state.db, &input.slug, id).await {
            Ok(slug) => slug,
            Err(error) => return unavailable(lang, error),
        };
    }
    let kept_time = stored.as_ref().map_or(now, |s| s.published_at);
    let (status, published_at, outcome) = match posted.action.as_str() {
        "publish" => {
            let at = clean.publish_at.unwrap_or(now);
            let outcome = if at > now { "scheduled" } else { "published" };
            ("published", at, outcome)
        }
        "unpublish" => ("draft", kept_time, "unpublished"),
        _ => (
            if stored_status == "published" {
                "published"
            } else {
                "draft"
            },
            clean.publish_at.unwrap_or(kept_time),
            "saved",
        ),
    };
    let write = Write {
        input: &input,
        status,
        published_at,
        picture: &change,
        by: session.caller.user_id,
        now,
    };
    match store::save(&state.db, id, &write).await {
        Ok(Saved::Done(id)) => redirect(&format!("/admin/news/{}", id.0), &[("done", outcome)]),
        Ok(Saved::SlugTaken) => {
            let problems = vec![("slug".to_string(), Problem::SlugTaken)];
            let mut typed = posted.input;
            typed.slug = input.slug;
            again(&state, parts, &path, form_id, typed, problems).await
        }
        Err(error) => unavailable(lang, error),
    }
}

/// The form again (422) with what was typed and each problem.
async fn again(
    state: &AppState,
    parts: axum::http::request::Parts,
    path: &str,
    id: i64,
    values: PostInput,
    problems: Vec<(String, Problem)>,
) -> Response {
    let submitted = PostSubmitted {
        id,
        values,
        problems,
        preview: None,
    };
    crate::platform::post::page_again(state, parts, path, submitted).await
}

/// No such post: answered once the body is read (answering first resets
/// the browser's connection while it is still sending).
async fn not_found(request: Request) -> Response {
    let _ = crate::platform::post::read_bounded(request.into_body(), FORM_BODY_LIMIT).await;
    StatusCode::NOT_FOUND.into_response()
}

/// `GET /news/{slug}/picture?v=N`: a published post's picture, cached for a
/// year when `v` is the current version; a draft's only to staff.
async fn picture(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Extension(current): Extension<Option<crate::auth::server::CurrentSession>>,
    RawQuery(query): RawQuery,
) -> Response {
    let found = match store::picture(&state.db, &slug, now_unix()).await {
        Ok(found) => found,
        Err(error) => {
            tracing::error!(%error, "news picture query failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let Some(store::Picture {
        content_type,
        bytes,
        version,
        public,
    }) = found
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if !public && !Access::Staff.allows(current.map(|s| s.caller).as_ref()) {
        return StatusCode::NOT_FOUND.into_response();
    }
    picture::served(content_type, bytes, version, public, query.as_deref())
}
