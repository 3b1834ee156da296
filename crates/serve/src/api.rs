//! The JSON API.

use crate::AppState;
use crate::error::ApiError;
use crate::filters::{self, Unknown};
use attache_model::DocId;
use attache_store::TimelineEntry;
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use serde_json::{Value, json};

/// The query string as pairs, in order (repeated keys kept); a malformed one is `bad_query`.
pub(crate) fn pairs(
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Vec<(String, String)>, ApiError> {
    query
        .map(|Query(p)| p)
        .map_err(|e| ApiError::bad("bad_query", format!("cannot read the query string: {e}")))
}

/// `GET /api/events`: `{"total", "offset", "limit", "events": [...]}`, each event an encounter
/// (its fields, `kind: "encounter"`, `sources`: how many documents report it) with the `acts`
/// that happened during it.
pub(crate) async fn events(
    State(state): State<AppState>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let f = filters::parse(&pairs(query)?, Unknown::Reject)?;
    let (q, offset, limit) = (f.query.clone(), f.offset, f.limit);
    let (total, entries) =
        state.with_store(move |store| Ok(store.timeline_page(&q, offset, limit)?)).await?;
    let events: Vec<Value> = entries.iter().map(entry_json).collect::<Result<_, _>>()?;
    Ok(Json(json!({ "total": total, "offset": f.offset, "limit": f.limit, "events": events })))
}

fn entry_json(entry: &TimelineEntry) -> Result<Value, ApiError> {
    let mut v = serde_json::to_value(&entry.encounter).map_err(ApiError::internal)?;
    let acts = serde_json::to_value(&entry.acts).map_err(ApiError::internal)?;
    if let Value::Object(map) = &mut v {
        map.insert("kind".into(), "encounter".into());
        map.insert("sources".into(), entry.encounter.documents.len().into());
        map.insert("acts".into(), acts);
    }
    Ok(v)
}

/// `GET /api/events/{id}`: the encounter or act (`event`, tagged by `kind`) and the metadata of
/// its stored documents (`documents`).
pub(crate) async fn event(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let detail = {
        let id = id.clone();
        state.with_store(move |store| Ok(store.event(&id)?)).await?
    };
    let detail = detail.ok_or_else(|| ApiError::not_found(format!("no event with id {id:?}")))?;
    Ok(Json(serde_json::to_value(&detail).map_err(ApiError::internal)?))
}

/// `GET /api/documents/{id}`: one document's metadata and cleaned text.
pub(crate) async fn document(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let doc = DocId(id.clone());
    let found = state
        .with_store(move |store| {
            let Some(article) = store.article(&doc)? else { return Ok(None) };
            let story = store.documents(std::slice::from_ref(&doc))?.pop().and_then(|m| m.story);
            Ok(Some((article, story)))
        })
        .await?;
    let (a, story) =
        found.ok_or_else(|| ApiError::not_found(format!("no document with id {id:?}")))?;
    Ok(Json(json!({
        "id": a.id,
        "title": a.title,
        "lang": a.lang,
        "source": a.source,
        "url": a.url,
        "published": a.published,
        "dateline": a.dateline,
        "story": story,
        "text": a.text,
    })))
}

/// `GET /api/counts`: encounters per month and type (`months`, every month from the first to
/// the last, empty ones included) and how many matched but have no date (`undated`), for the
/// filters of `/api/events` (its paging is accepted and has no effect).
pub(crate) async fn counts(
    State(state): State<AppState>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let f = filters::parse(&pairs(query)?, Unknown::Reject)?;
    let entries = state.with_store(move |store| Ok(store.timeline(&f.query)?)).await?;
    let (months, undated) = crate::chart::monthly(&entries);
    Ok(Json(json!({ "months": months, "undated": undated })))
}

/// `GET /api/stats`: how many documents, encounters and acts the store holds.
pub(crate) async fn stats(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    let counts = state.with_store(|store| Ok(store.counts()?)).await?;
    Ok(Json(serde_json::to_value(counts).map_err(ApiError::internal)?))
}
