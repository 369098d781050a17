//! What a server function finds in its request.

use crate::db::Db;
use crate::error::AppError;
use leptos::prelude::*;

/// The database provided to every request by the server.
pub fn db() -> Result<Db, AppError> {
    use_context::<Db>().ok_or_else(|| {
        tracing::error!("no database in the request context");
        AppError::Internal
    })
}

/// Marks the response as 404 (during server rendering).
pub fn set_not_found() {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
}
