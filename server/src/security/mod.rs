//! The security baseline every request passes through: cross-site request
//! refusal, the session, and response headers.

mod csrf;
mod headers;
mod session;

pub use csrf::refuse_cross_site;
pub use headers::{security_headers, PageNonce};
pub use session::resolve_session;

use axum::http::HeaderMap;
use std::net::SocketAddr;

/// The client's address: the socket peer, or the first `X-Forwarded-For`
/// entry when the server is configured to sit behind a trusted proxy.
pub fn client_ip(peer: SocketAddr, headers: &HeaderMap, trust_proxy: bool) -> String {
    if trust_proxy {
        if let Some(forwarded) = headers.get("x-forwarded-for").and_then(|v| v.to_str().ok()) {
            if let Some(first) = forwarded
                .split(',')
                .next()
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                return first.to_string();
            }
        }
    }
    peer.ip().to_string()
}
