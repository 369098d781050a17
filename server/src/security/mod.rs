//! The security baseline every request passes through: cross-site request
//! refusal, the session, and response headers.

mod calls;
mod client;
mod csrf;
mod headers;
mod session;

pub use calls::refuse_nul_in_calls;
pub use client::{resolve_client, IpRange, TrustedProxies};

pub use csrf::{refuse_cross_site, SiteOrigin};
pub use headers::{security_headers, Https, PageNonce};
pub use session::resolve_session;
