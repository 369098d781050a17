//! Saving an organisation's profile and serving its logo.
//!
//! The edit form posts `multipart/form-data` (fields and the logo) to its own
//! address. A valid profile is saved and answered with a redirect (303) back
//! to the form; otherwise the server renders the form again (422) with
//! everything that was typed and each problem next to its field, so nothing
//! is lost, with or without JavaScript.

use super::Submitted;
use crate::auth::server::CurrentSession;
use crate::auth::validate::Problem;
use crate::auth::{Access, Role};
use crate::directory::store::organisations::{self, LogoChange, Saved};
use crate::domain::lang::Lang;
use crate::domain::profile::{
    self, ProfileInput, LOGO_MAX_BYTES, LOGO_MAX_PIXELS, LOGO_STORED_PIXELS,
};
use crate::platform::post::typed_text;
use crate::platform::post::{lang_of, page_again, redirect, simple_page, unavailable};
use crate::platform::routes::Routes;
use crate::platform::AppState;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Path, RawQuery, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Extension;

/// The whole form may carry a logo over the limit, so that it can be
/// refused with a message while the rest of the form is kept.
const FORM_BODY_LIMIT: usize = 12 * 1024 * 1024;

pub fn router() -> Routes<AppState> {
    Routes::new()
        // Signed in here; `save` asks whether for this organisation.
        .route(
            "/members/{slug}/edit",
            "POST",
            Access::SignedIn,
            FORM_BODY_LIMIT,
            post(save).layer(DefaultBodyLimit::max(FORM_BODY_LIMIT)),
        )
        .get("/members/{slug}/logo", Access::Anyone, logo)
}

/// The form as posted: typed values, the logo's bytes, whether to remove it.
#[derive(Default)]
struct Posted {
    input: ProfileInput,
    logo: Option<Vec<u8>>,
    remove_logo: bool,
}

async fn read_form(
    mut multipart: Multipart,
) -> Result<Posted, axum::extract::multipart::MultipartError> {
    let mut posted = Posted::default();
    while let Some(field) = multipart.next_field().await? {
        let name = field.name().unwrap_or_default().to_string();
        match name.as_str() {
            "logo" => {
                let bytes = field.bytes().await?;
                if !bytes.is_empty() {
                    posted.logo = Some(bytes.to_vec());
                }
            }
            "listed" => posted.input.listed = true,
            "remove_logo" => posted.remove_logo = true,
            "sector" | "region" | "impact" => {
                let value = field.text().await?;
                if let Some(list) = posted.input.list_mut(&name) {
                    list.push(value);
                }
            }
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

/// Answers a refused upload only once its body has been read (within the
/// route's limit). Answering first closes the connection while the browser is
/// still sending, and the browser then shows a reset connection instead of
/// the answer.
async fn after_reading(request: Request, response: Response) -> Response {
    let _ = crate::platform::post::read_bounded(request.into_body(), FORM_BODY_LIMIT).await;
    response
}

/// `POST /members/{slug}/edit` (the organisation's representative, staff).
async fn save(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Extension(current): Extension<Option<CurrentSession>>,
    headers: HeaderMap,
    request: Request,
) -> Response {
    let lang = lang_of(&headers);
    let Some(session) = current else {
        let to_login = redirect("/login", &[("next", &format!("/members/{slug}/edit"))]);
        return after_reading(request, to_login).await;
    };
    let caller = session.caller;
    let (id, stored) = match organisations::editable(&state.db, &slug).await {
        Ok(Some((id, stored, _))) => (id, stored),
        Ok(None) => return after_reading(request, refusal(lang, StatusCode::NOT_FOUND)).await,
        Err(error) => return after_reading(request, unavailable(lang, error)).await,
    };
    if !Access::MemberOf(id).allows(Some(&caller)) {
        return after_reading(request, refusal(lang, StatusCode::FORBIDDEN)).await;
    }
    let by_staff = matches!(caller.role, Role::Staff | Role::Admin);
    let (parts, body) = request.into_parts();
    let multipart =
        match Multipart::from_request(Request::from_parts(parts.clone(), body), &state).await {
            Ok(multipart) => multipart,
            Err(rejection) => return rejection.into_response(),
        };
    let posted = match read_form(multipart).await {
        Ok(posted) => posted,
        Err(error) => return error.into_response(),
    };
    let mut problems = Vec::new();
    let clean = match profile::validate(&posted.input, &stored, by_staff) {
        Ok(clean) => Some(clean),
        Err(found) => {
            problems = found;
            None
        }
    };
    let logo = match posted.logo {
        Some(bytes) => match decode_in_turn(bytes).await {
            Ok(Ok(png)) => LogoChange::Replace {
                content_type: "image/png".into(),
                bytes: png,
            },
            Ok(Err(problem)) => {
                problems.push(("logo".into(), problem));
                LogoChange::Keep
            }
            Err(error) => return unavailable(lang, error),
        },
        None if posted.remove_logo => LogoChange::Remove,
        None => LogoChange::Keep,
    };
    let mut typed = posted.input;
    if !by_staff {
        // What a representative cannot change is shown as stored.
        for field in profile::STAFF_FIELDS {
            if let Some(text) = typed.text_mut(field) {
                *text = stored.text(field).to_string();
            }
        }
    }
    let clean = match clean {
        Some(clean) if problems.is_empty() => clean,
        _ => return form_again(&state, parts, slug, typed, problems).await,
    };
    match organisations::save_profile(&state.db, id, caller.user_id, &stored, &clean, &logo).await {
        Ok(Saved::Changed) => redirect(&format!("/members/{slug}/edit"), &[("saved", "1")]),
        Ok(Saved::Unchanged) => redirect(&format!("/members/{slug}/edit"), &[("saved", "0")]),
        Ok(Saved::IdCodeTaken) => {
            let problems = vec![("id_code".to_string(), Problem::IdCodeTaken)];
            form_again(&state, parts, slug, typed, problems).await
        }
        Err(error) => unavailable(lang, error),
    }
}

/// Renders the edit page again, as a GET of the same address would, with
/// the typed values and the problems in the app's context; answers 422.
async fn form_again(
    state: &AppState,
    parts: axum::http::request::Parts,
    slug: String,
    values: ProfileInput,
    problems: Vec<(String, Problem)>,
) -> Response {
    let path = format!("/members/{slug}/edit");
    let submitted = Submitted {
        slug,
        values,
        problems,
    };
    page_again(state, parts, &path, submitted).await
}

fn refusal(lang: Lang, status: StatusCode) -> Response {
    let r = crate::i18n::messages(lang).refusals();
    let (title, text) = if status == StatusCode::NOT_FOUND {
        (r.not_found_title, r.organisation_not_found)
    } else {
        (r.forbidden_title, r.organisation_forbidden)
    };
    (
        status,
        simple_page(lang, title, text, "/members", r.members),
    )
        .into_response()
}

/// Logos decoded at once: a decode holds up to [`LOGO_DECODE_MAX_BYTES`]
/// and a core, so a burst of uploads waits its turn rather than taking the
/// server's memory.
const LOGO_DECODES_AT_ONCE: usize = 2;

/// The most memory one logo's decoder may ask for: a 4096 × 4096 picture
/// with an alpha channel (64 MiB) and room for the decoder's own buffers.
pub const LOGO_DECODE_MAX_BYTES: u64 = 80 * 1024 * 1024;

/// [`process_logo`] on a blocking thread, at most
/// [`LOGO_DECODES_AT_ONCE`] at a time.
async fn decode_in_turn(bytes: Vec<u8>) -> Result<Result<Vec<u8>, Problem>, anyhow::Error> {
    static TURNS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    let turns = TURNS.get_or_init(|| tokio::sync::Semaphore::new(LOGO_DECODES_AT_ONCE));
    let _turn = turns.acquire().await?;
    Ok(tokio::task::spawn_blocking(move || process_logo(&bytes)).await?)
}

/// Checks an uploaded logo by its content (PNG, JPEG or WebP, at most 1 MB
/// and 4096 × 4096 pixels), and re-encodes it as a PNG that fits 256 × 256,
/// which also drops anything but the pixels.
pub fn process_logo(bytes: &[u8]) -> Result<Vec<u8>, Problem> {
    use image::{ImageFormat, ImageReader};
    use std::io::Cursor;
    if bytes.len() > LOGO_MAX_BYTES {
        return Err(Problem::ImageTooLarge);
    }
    let format = image::guess_format(bytes).map_err(|_| Problem::ImageType)?;
    if !matches!(
        format,
        ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP
    ) {
        return Err(Problem::ImageType);
    }
    let (width, height) = ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(|_| Problem::ImageType)?;
    if width > LOGO_MAX_PIXELS || height > LOGO_MAX_PIXELS {
        return Err(Problem::ImageDimensions);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(LOGO_MAX_PIXELS);
    limits.max_image_height = Some(LOGO_MAX_PIXELS);
    limits.max_alloc = Some(LOGO_DECODE_MAX_BYTES);
    reader.limits(limits);
    let image = reader.decode().map_err(|error| match error {
        // Within the pixels but more memory than a logo may take to decode
        // (16 bits per colour at nearly the largest size).
        image::ImageError::Limits(_) => Problem::ImageDimensions,
        _ => Problem::ImageType,
    })?;
    let image = if width > LOGO_STORED_PIXELS || height > LOGO_STORED_PIXELS {
        image.resize(
            LOGO_STORED_PIXELS,
            LOGO_STORED_PIXELS,
            image::imageops::FilterType::Lanczos3,
        )
    } else {
        image
    };
    let mut png = Vec::new();
    image::DynamicImage::ImageRgba8(image.to_rgba8())
        .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
        .map_err(|_| Problem::ImageType)?;
    Ok(png)
}

/// `GET /members/{slug}/logo?v=N`: a listed member's logo, cached for a year
/// when `v` is the current version (a new logo gets a new address). An
/// unlisted organisation's logo is shown only to those who may edit it.
async fn logo(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Extension(current): Extension<Option<CurrentSession>>,
    RawQuery(query): RawQuery,
) -> Response {
    let found = match organisations::logo(&state.db, &slug).await {
        Ok(found) => found,
        Err(error) => {
            tracing::error!(%error, "logo query failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let Some(organisations::Logo {
        organisation_id: id,
        content_type,
        bytes,
        version,
        public,
    }) = found
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let caller = current.map(|s| s.caller);
    if !public && !Access::MemberOf(id).allows(caller.as_ref()) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let asked: Option<i64> =
        serde_urlencoded::from_str::<Vec<(String, String)>>(query.as_deref().unwrap_or(""))
            .ok()
            .and_then(|pairs| pairs.into_iter().find(|(k, _)| k == "v"))
            .and_then(|(_, v)| v.parse().ok());
    let cache = if public && asked == Some(version) {
        "public, max-age=31536000, immutable"
    } else {
        "private, no-cache"
    };
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, cache.to_string()),
        ],
        bytes,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::{process_logo, LOGO_DECODE_MAX_BYTES};
    use crate::auth::validate::Problem;
    use image::{ImageFormat, RgbaImage};
    use std::io::Cursor;

    fn encoded(width: u32, height: u32, format: ImageFormat) -> Vec<u8> {
        let image = image::DynamicImage::ImageRgba8(RgbaImage::from_pixel(
            width,
            height,
            image::Rgba([200, 30, 30, 255]),
        ));
        let image = if format == ImageFormat::Jpeg {
            image::DynamicImage::ImageRgb8(image.to_rgb8())
        } else {
            image
        };
        let mut out = Vec::new();
        image.write_to(&mut Cursor::new(&mut out), format).unwrap();
        out
    }

    #[test]
    fn logos_are_reencoded_as_png_within_256_pixels() {
        for format in [ImageFormat::Png, ImageFormat::Jpeg, ImageFormat::WebP] {
            let png = process_logo(&encoded(600, 300, format)).unwrap();
            let image = image::load_from_memory_with_format(&png, ImageFormat::Png).unwrap();
            assert_eq!((image.width(), image.height()), (256, 128), "{format:?}");
        }
        let small = process_logo(&encoded(40, 40, ImageFormat::Png)).unwrap();
        let image = image::load_from_memory(&small).unwrap();
        assert_eq!(
            (image.width(), image.height()),
            (40, 40),
            "small logos keep their size"
        );
    }

    #[test]
    fn a_logo_whose_decoding_takes_more_memory_than_the_limit_is_refused() {
        use image::codecs::png::{CompressionType, FilterType, PngEncoder};
        use image::{ExtendedColorType, ImageEncoder};
        // Within 4096 × 4096 pixels and 1 MB as a file, but 16 bits per
        // colour with alpha: 4096 × 2600 × 8 bytes = 85 MB once decoded.
        let (width, height) = (4096u32, 2600u32);
        assert!(u64::from(width) * u64::from(height) * 8 > LOGO_DECODE_MAX_BYTES);
        let pixels = vec![0u8; width as usize * height as usize * 8];
        let mut png = Vec::new();
        PngEncoder::new_with_quality(&mut png, CompressionType::Fast, FilterType::NoFilter)
            .write_image(&pixels, width, height, ExtendedColorType::Rgba16)
            .unwrap();
        drop(pixels);
        assert!(
            png.len() <= crate::domain::profile::LOGO_MAX_BYTES,
            "{} bytes",
            png.len()
        );
        assert_eq!(process_logo(&png), Err(Problem::ImageDimensions));
    }

    #[test]
    fn anything_else_is_refused_by_content() {
        assert_eq!(
            process_logo(b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
            Err(Problem::ImageType)
        );
        assert_eq!(
            process_logo(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
            Err(Problem::ImageType)
        );
        let mut truncated = encoded(100, 100, ImageFormat::Png);
        truncated.truncate(60);
        assert_eq!(process_logo(&truncated), Err(Problem::ImageType));
        assert_eq!(
            process_logo(&encoded(4097, 1, ImageFormat::Png)),
            Err(Problem::ImageDimensions)
        );
        assert_eq!(
            process_logo(&vec![0u8; 1024 * 1024 + 1]),
            Err(Problem::ImageTooLarge)
        );
    }
}
