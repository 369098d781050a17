//! One error type for every server function. The log gets the cause; the
//! browser gets only a kind it can translate into something useful.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// Not signed in.
    #[error("sign in first")]
    Unauthorized,
    /// Signed in, but this role may not do that.
    #[error("not allowed")]
    Forbidden,
    /// A directory filter parameter with a value that does not exist.
    #[error("unknown value for {0}")]
    BadFilter(String),
    /// Something failed on the server; the details are in its log.
    #[error("internal error")]
    Internal,
    /// The request did not reach the server function or its answer was garbled.
    #[error("transport error: {0}")]
    Transport(String),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(error: ServerFnErrorErr) -> Self {
        AppError::Transport(error.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        tracing::error!(%error, "database error");
        AppError::Internal
    }
}
