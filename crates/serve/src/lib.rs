//! `attache-serve`: a read-only web view of an attache store.
//!
//! - A JSON API: `GET /api/events` (the timeline, filtered by `country` (ISO 3166-1 alpha-2
//!   or alpha-3, upper case), `dyad` (`RU-VN`), `person`, `type`, `from`, `to`, paged by
//!   `limit`/`offset`), `GET /api/events/{id}`, `GET /api/documents/{id}`, `GET /api/stats`, `GET /api/counts` (encounters per month and type), `GET /api/search?q=` (full text, any language).
//!   Errors are
//!   `{"error":{"code":"…","message":"…"}}` with stable codes (`bad_date`, `bad_country`,
//!   `bad_dyad`, `bad_type`, `bad_limit`, `bad_offset`, `bad_person`, `bad_query`,
//!   `unknown_parameter`, `not_found`, `internal`); store failures are logged on standard error
//!   and reach the client only as `internal`.
//! - Server-rendered HTML without scripts: `GET /` (the timeline with a filter form whose
//!   values stay in the URL) with a server-drawn SVG chart of contacts per month (`GET /chart.svg`), and `GET /events/{id}` (one event, its documents, and its
//!   evidence sentences highlighted in each document's cleaned text). Every article-derived
//!   string is escaped by `maud`.
//! - Every response carries a strict `Content-Security-Policy` and `X-Content-Type-Options:
//!   nosniff`.
//!
//! The store's connection is not `Sync`, so each request opens the store on a blocking
//! thread (`spawn_blocking`); SQLite's WAL mode lets these readers run beside a writer.
//!
//! ```no_run
//! # async fn run() -> anyhow::Result<()> {
//! attache_serve::serve("attache.db".into(), "127.0.0.1:8080".parse()?).await
//! # }
//! ```

mod api;
mod chart;
mod error;
mod filters;
mod html;
mod search;

use anyhow::Context;
use attache_store::Store;
use axum::Router;
use axum::http::{HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use error::ApiError;

/// The `Content-Security-Policy` of every response: no scripts, no plugins, no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'none'; \
     object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/// What every handler shares: where the store is.
#[derive(Debug, Clone)]
pub(crate) struct AppState {
    db: Arc<PathBuf>,
}

impl AppState {
    /// Runs `f` on a store opened for this request, on a blocking thread.
    pub(crate) async fn with_store<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    {
        let db = Arc::clone(&self.db);
        tokio::task::spawn_blocking(move || {
            let store = Store::open(db.as_path())?;
            f(&store)
        })
        .await
        .map_err(|e| ApiError::internal(format!("a store task failed: {e}")))?
    }
}

/// The whole application over the store at `db_path`: the JSON API under `/api`, the HTML
/// pages, and `/static/style.css`.
pub fn router(db_path: PathBuf) -> Router {
    let state = AppState { db: Arc::new(db_path) };
    Router::new()
        .route("/", get(html::timeline_page))
        .route("/events/{id}", get(html::event_page))
        .route("/documents/{id}", get(html::document_page))
        .route("/static/style.css", get(html::stylesheet))
        .route("/api/events", get(api::events))
        .route("/api/events/{id}", get(api::event))
        .route("/api/documents/{id}", get(api::document))
        .route("/api/stats", get(api::stats))
        .route("/api/counts", get(api::counts))
        .route("/api/search", get(search::api))
        .route("/search", get(search::html_page))
        .route("/chart.svg", get(chart::chart))
        .fallback(not_found)
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

/// Serves [`router`] on `bind` until Ctrl-C. The store must exist (a mistyped path would
/// otherwise serve a new, empty store).
pub async fn serve(db_path: PathBuf, bind: SocketAddr) -> anyhow::Result<()> {
    if !db_path.is_file() {
        anyhow::bail!("the store {} does not exist", db_path.display());
    }
    let check = db_path.clone();
    tokio::task::spawn_blocking(move || Store::open(&check).map(drop))
        .await
        .context("the store check failed")?
        .with_context(|| format!("cannot open the store {}", db_path.display()))?;
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .with_context(|| format!("cannot listen on {bind}"))?;
    eprintln!("attache: serving {} on http://{}/", db_path.display(), listener.local_addr()?);
    axum::serve(listener, router(db_path))
        .with_graceful_shutdown(async {
            // If the handler cannot be installed, serve until killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        })
        .await
        .context("the server failed")
}

async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers
        .insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}

/// Unknown paths: JSON under `/api`, a page elsewhere.
async fn not_found(uri: Uri) -> Response {
    let e = ApiError::not_found("no such page");
    if uri.path() == "/api" || uri.path().starts_with("/api/") {
        e.into_response()
    } else {
        html::error_page(&e)
    }
}
