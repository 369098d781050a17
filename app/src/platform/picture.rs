//! Pictures people upload (an organisation's logo, a news post's picture),
//! checked by their content and re-encoded, which keeps only the pixels.

use crate::auth::validate::Problem;
use crate::domain::profile::{LOGO_MAX_BYTES, LOGO_MAX_PIXELS, LOGO_STORED_PIXELS};
use crate::news::editing::{PICTURE_MAX_BYTES, PICTURE_STORED_PIXELS};

/// What a picture is for: its limits, how it is stored, what a refusal says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// PNG (a logo may be transparent), fits 256 × 256, 1 MB sent at most.
    Logo,
    /// JPEG (a photograph), fits 1200 × 1200, 8 MB sent at most.
    Picture,
}

impl Kind {
    fn max_bytes(self) -> usize {
        match self {
            Kind::Logo => LOGO_MAX_BYTES,
            Kind::Picture => PICTURE_MAX_BYTES,
        }
    }

    fn stored_pixels(self) -> u32 {
        match self {
            Kind::Logo => LOGO_STORED_PIXELS,
            Kind::Picture => PICTURE_STORED_PIXELS,
        }
    }

    /// The problems of a wrong type, a file too large, too many pixels.
    fn problems(self) -> (Problem, Problem, Problem) {
        match self {
            Kind::Logo => (
                Problem::ImageType,
                Problem::ImageTooLarge,
                Problem::ImageDimensions,
            ),
            Kind::Picture => (
                Problem::PictureType,
                Problem::PictureTooLarge,
                Problem::PictureDimensions,
            ),
        }
    }
}

/// Pictures decoded at once: a decode holds up to [`DECODE_MAX_BYTES`]
/// and a core, so a burst of uploads waits its turn rather than taking the
/// server's memory.
const DECODES_AT_ONCE: usize = 2;

/// The most memory one picture's decoder may ask for: a 4096 × 4096 picture
/// with an alpha channel (64 MiB) and room for the decoder's own buffers.
pub const DECODE_MAX_BYTES: u64 = 80 * 1024 * 1024;

/// [`process`] on a blocking thread, at most [`DECODES_AT_ONCE`] at a time.
pub async fn in_turn(
    bytes: Vec<u8>,
    kind: Kind,
) -> Result<Result<(&'static str, Vec<u8>), Problem>, anyhow::Error> {
    static TURNS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    let turns = TURNS.get_or_init(|| tokio::sync::Semaphore::new(DECODES_AT_ONCE));
    let _turn = turns.acquire().await?;
    Ok(tokio::task::spawn_blocking(move || process(&bytes, kind)).await?)
}

/// Checks an uploaded picture by its content (PNG, JPEG or WebP, within the
/// kind's file size and 4096 × 4096 pixels), and re-encodes it to fit the
/// kind's box: its media type and bytes.
pub fn process(bytes: &[u8], kind: Kind) -> Result<(&'static str, Vec<u8>), Problem> {
    use image::{ImageFormat, ImageReader};
    use std::io::Cursor;
    let (wrong_type, too_large, too_many_pixels) = kind.problems();
    if bytes.len() > kind.max_bytes() {
        return Err(too_large);
    }
    let format = image::guess_format(bytes).map_err(|_| wrong_type)?;
    if !matches!(
        format,
        ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP
    ) {
        return Err(wrong_type);
    }
    let (width, height) = ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(|_| wrong_type)?;
    if width > LOGO_MAX_PIXELS || height > LOGO_MAX_PIXELS {
        return Err(too_many_pixels);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(LOGO_MAX_PIXELS);
    limits.max_image_height = Some(LOGO_MAX_PIXELS);
    limits.max_alloc = Some(DECODE_MAX_BYTES);
    reader.limits(limits);
    let image = reader.decode().map_err(|error| match error {
        // Within the pixels but more memory than a picture may take to
        // decode (16 bits per colour at nearly the largest size).
        image::ImageError::Limits(_) => too_many_pixels,
        _ => wrong_type,
    })?;
    let side = kind.stored_pixels();
    let image = if width > side || height > side {
        image.resize(side, side, image::imageops::FilterType::Lanczos3)
    } else {
        image
    };
    let mut out = Vec::new();
    match kind {
        Kind::Logo => {
            image::DynamicImage::ImageRgba8(image.to_rgba8())
                .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
                .map_err(|_| wrong_type)?;
            Ok(("image/png", out))
        }
        Kind::Picture => {
            let rgb = image::DynamicImage::ImageRgb8(image.to_rgb8());
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
                .encode_image(&rgb)
                .map_err(|_| wrong_type)?;
            Ok(("image/jpeg", out))
        }
    }
}

/// A stored picture as an answer: cached for a year when it is public and
/// asked for by its current version (`?v=N`: a new picture gets a new
/// address), otherwise checked again each time.
pub fn served(
    content_type: String,
    bytes: Vec<u8>,
    version: i64,
    public: bool,
    query: Option<&str>,
) -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    let asked: Option<i64> =
        serde_urlencoded::from_str::<Vec<(String, String)>>(query.unwrap_or(""))
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
    use super::{process, Kind, DECODE_MAX_BYTES};
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

    fn process_logo(bytes: &[u8]) -> Result<Vec<u8>, Problem> {
        process(bytes, Kind::Logo).map(|(content_type, bytes)| {
            assert_eq!(content_type, "image/png");
            bytes
        })
    }

    #[test]
    fn news_pictures_are_reencoded_as_jpeg_within_1200_pixels() {
        for format in [ImageFormat::Png, ImageFormat::Jpeg, ImageFormat::WebP] {
            let (content_type, jpeg) =
                process(&encoded(3000, 1500, format), Kind::Picture).unwrap();
            assert_eq!(content_type, "image/jpeg");
            let image = image::load_from_memory_with_format(&jpeg, ImageFormat::Jpeg).unwrap();
            assert_eq!((image.width(), image.height()), (1200, 600), "{format:?}");
        }
        assert_eq!(
            process(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", Kind::Picture),
            Err(Problem::PictureType)
        );
        assert_eq!(
            process(&vec![0u8; 8 * 1024 * 1024 + 1], Kind::Picture),
            Err(Problem::PictureTooLarge)
        );
        assert!(
            process(&vec![0u8; 1024 * 1024 + 1], Kind::Picture) == Err(Problem::PictureType),
            "a picture may be larger than a logo"
        );
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
        assert!(u64::from(width) * u64::from(height) * 8 > DECODE_MAX_BYTES);
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
