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
        // On the server this is a call whose arguments could not be read
        // (or whose answer could not be written): the caller's mistake, so
        // a 400 rather than the 500 a server function's error gets.
        #[cfg(feature = "ssr")]
        if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            let caller_sent = matches!(
                error,
                ServerFnErrorErr::Args(_)
                    | ServerFnErrorErr::Deserialization(_)
                    | ServerFnErrorErr::MissingArg(_)
                    | ServerFnErrorErr::Request(_)
            );
            if caller_sent {
                response.set_status(http::StatusCode::BAD_REQUEST);
                // What was sent is not echoed back.
                tracing::debug!(%error, "server function called with bad arguments");
                return AppError::Transport("bad arguments".into());
            }
        }
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
