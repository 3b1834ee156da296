//! Errors a request can end in, as JSON (`/api/…`) or as an HTML page.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// What went wrong with a request. The `code` strings are stable: clients may match on them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ApiError {
    /// The request is malformed (400); `code` names the problem (`bad_date`, `bad_country`, …).
    BadRequest { code: &'static str, message: String },
    /// Nothing with that id (404, code `not_found`).
    NotFound { message: String },
    /// The store failed (500, code `internal`); the detail is logged, not sent.
    Internal,
}

impl ApiError {
    pub(crate) fn bad(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::BadRequest { code, message: message.into() }
    }

    pub(crate) fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::NotFound { message: message.into() }
    }

    /// Logs `detail` on the server's standard error and returns the opaque 500 error.
    pub(crate) fn internal(detail: impl std::fmt::Display) -> ApiError {
        eprintln!("attache-serve: internal error: {detail}");
        ApiError::Internal
    }

    pub(crate) fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            ApiError::NotFound { .. } => StatusCode::NOT_FOUND,
            ApiError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub(crate) fn code(&self) -> &'static str {
        match self {
            ApiError::BadRequest { code, .. } => code,
            ApiError::NotFound { .. } => "not_found",
            ApiError::Internal => "internal",
        }
    }

    pub(crate) fn message(&self) -> &str {
        match self {
            ApiError::BadRequest { message, .. } | ApiError::NotFound { message } => message,
            ApiError::Internal => "the server could not read the store",
        }
    }
}

impl From<attache_store::Error> for ApiError {
    fn from(e: attache_store::Error) -> ApiError {
        ApiError::internal(error_chain(&e))
    }
}

/// An error and its causes on one line.
pub(crate) fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        out.push_str(": ");
        out.push_str(&c.to_string());
        cause = c.source();
    }
    out
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({ "error": { "code": self.code(), "message": self.message() } });
        (self.status(), Json(body)).into_response()
    }
}
