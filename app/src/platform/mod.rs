//! What every area's server side shares and no area owns: the state form
//! handlers reach, what a request carries from the server's middleware, the
//! post-back kit, and what a server function finds in its request. (The
//! pool and its transactions are in `db`, sessions and the access check in
//! `auth::server`, mail in `mail`.)

mod cookies;
pub mod csv;
pub mod picture;
pub mod post;
pub mod request;
pub mod routes;
mod state;

pub use cookies::{cookie, site_cookie};
pub use post::SignedIn;
pub use state::{provide_request_context, AppState, ClientKey, LiveNews, PageNonce};
