//! Server function calls that carry a NUL. Forms drop the control
//! characters nobody types as they are read (`platform::post::typed_text`);
//! a server function reads its arguments itself, and PostgreSQL refuses a
//! NUL in text with an error — a 500 for something only a forged call
//! sends. Such a call is refused here (400) before it reaches the function.

use axum::body::Body;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The most a server function call's body may be (the framework's own
/// default body limit).
const CALL_BODY_LIMIT: usize = 2 * 1024 * 1024;

fn carries_nul(text: &[u8]) -> bool {
    let lower = text.to_ascii_lowercase();
    text.contains(&0)
        || lower.windows(3).any(|w| w == b"%00")
        || lower.windows(6).any(|w| w == b"\\u0000")
}

pub async fn refuse_nul_in_calls(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let is_call = path.starts_with("/api/") && !path.starts_with("/api/v1/");
    if !is_call {
        return next.run(request).await;
    }
    if carries_nul(request.uri().query().unwrap_or_default().as_bytes()) {
        return StatusCode::BAD_REQUEST.into_response();
    }
    let (parts, body) = request.into_parts();
    let Some(bytes) = app::platform::post::read_bounded(body, CALL_BODY_LIMIT).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    if carries_nul(&bytes) {
        return StatusCode::BAD_REQUEST.into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

#[cfg(test)]
mod tests {
    use super::carries_nul;

    #[test]
    fn a_nul_in_any_encoding_is_found() {
        assert!(carries_nul(b"slug=a%00b"));
        assert!(carries_nul(b"{\"json\":\"a\\u0000\"}"));
        assert!(carries_nul(b"a\0b"));
        assert!(carries_nul(b"SLUG=%00"));
        assert!(!carries_nul(b"slug=nakargi&page=100"));
        assert!(!carries_nul("ნაქარგი".as_bytes()));
    }
}
