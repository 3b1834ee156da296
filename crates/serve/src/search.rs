//! Full-text search over every document, any language: `GET /api/search` and `GET /search`.

use crate::AppState;
use crate::api::pairs;
use crate::error::ApiError;
use crate::html::{encode, layout, page};
use attache_store::{MATCH_END, MATCH_START, SearchHit};
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::Response;
use maud::{Markup, html};
use serde_json::{Value, json};

/// The longest query accepted, in characters.
const MAX_QUERY: usize = 200;
/// Hits returned at most.
const MAX_LIMIT: usize = 100;

/// `q` (required, at most [`MAX_QUERY`] characters) and `limit` (1..=[`MAX_LIMIT`], default 20).
fn parse(params: &[(String, String)], strict: bool) -> Result<(String, usize), ApiError> {
    let mut q = None;
    let mut limit = 20;
    for (k, v) in params {
        match k.as_str() {
            "q" => q = Some(v.trim().to_string()),
            "limit" => {
                limit = v.parse().ok().filter(|n| (1..=MAX_LIMIT).contains(n)).ok_or_else(|| {
                    ApiError::bad("bad_limit", format!("limit must be 1 to {MAX_LIMIT}, not {v:?}"))
                })?
            }
            _ if strict => {
                return Err(ApiError::bad("unknown_parameter", format!("unknown parameter {k:?}")));
            }
            _ => {}
        }
    }
    let q =
        q.filter(|q| !q.is_empty()).ok_or_else(|| ApiError::bad("bad_query", "q is required"))?;
    if q.chars().count() > MAX_QUERY {
        return Err(ApiError::bad("bad_query", format!("q is over {MAX_QUERY} characters")));
    }
    Ok((q, limit))
}

async fn run(
    state: &AppState,
    q: String,
    limit: usize,
) -> Result<(usize, Vec<SearchHit>), ApiError> {
    state.with_store(move |store| Ok(store.search(&q, limit)?)).await
}

/// `GET /api/search?q=…&limit=…`: `{"total", "hits": [{id, title, lang, published, snippet}]}`,
/// the match in each snippet between U+E000 and U+E001.
pub(crate) async fn api(
    State(state): State<AppState>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let (q, limit) = parse(&pairs(query)?, true)?;
    let (total, hits) = run(&state, q, limit).await?;
    Ok(Json(json!({ "total": total, "hits": hits })))
}

/// `GET /search?q=…`: the hits as a page, matches marked.
pub(crate) async fn html_page(
    State(state): State<AppState>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Response {
    page(search_page(state, query).await)
}

async fn search_page(
    state: AppState,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Markup, ApiError> {
    let params = pairs(query)?;
    let asked = params.iter().any(|(k, v)| k == "q" && !v.trim().is_empty());
    let found = if asked {
        let (q, limit) = parse(&params, false)?;
        Some((q.clone(), run(&state, q, limit).await?))
    } else {
        None
    };
    let body = html! {
        h1 { "Search the articles" }
        (search_form(found.as_ref().map(|f| f.0.as_str())))
        @if let Some((q, (total, hits))) = &found {
            p.count { (total) " document" @if *total != 1 { "s" } " contain “" (q) "”"
                @if *total > hits.len() { "; the first " (hits.len()) " are shown" } "." }
            ol.hits {
                @for hit in hits {
                    li.hit {
                        a href=(format!("/documents/{}", encode(&hit.id.0))) {
                            (hit.title.as_deref().unwrap_or("(no title)"))
                        }
                        " " span.meta {
                            (hit.lang.as_deref().unwrap_or("?"))
                            @if let Some(d) = &hit.published { " · " (d) }
                        }
                        p.snippet { (marked(&hit.snippet)) }
                    }
                }
            }
        }
    };
    Ok(layout("Search", body))
}

/// The search box, on the search page and in every page's header.
pub(crate) fn search_form(value: Option<&str>) -> Markup {
    html! {
        form.search method="get" action="/search" role="search" {
            label { "Search " input type="search" name="q" value=[value] maxlength="200"
                placeholder="any words, any language"; }
            button type="submit" { "Search" }
        }
    }
}

/// A snippet with its match in `<mark>`; every piece escaped.
fn marked(snippet: &str) -> Markup {
    let mut parts: Vec<(bool, &str)> = Vec::new();
    for (i, piece) in snippet.split(MATCH_START).enumerate() {
        match piece.split_once(MATCH_END) {
            Some((hit, rest)) if i > 0 => parts.extend([(true, hit), (false, rest)]),
            _ => parts.push((false, piece)),
        }
    }
    html! { @for (hit, text) in parts { @if hit { mark { (text) } } @else { (text) } } }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_match_is_marked_and_everything_escaped() {
        let s = format!("a <b> {MATCH_START}Kreml{MATCH_END} & <script>");
        assert_eq!(marked(&s).into_string(), "a &lt;b&gt; <mark>Kreml</mark> &amp; &lt;script&gt;");
        assert_eq!(marked("plain").into_string(), "plain");
    }

    #[test]
    fn queries_are_checked() {
        let p = |kv: &[(&str, &str)]| -> Vec<(String, String)> {
            kv.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
        };
        assert_eq!(parse(&p(&[("q", " Kreml ")]), true).unwrap(), ("Kreml".into(), 20));
        assert_eq!(parse(&p(&[]), true).unwrap_err().code(), "bad_query");
        assert_eq!(parse(&p(&[("q", "x"), ("limit", "0")]), true).unwrap_err().code(), "bad_limit");
        assert_eq!(
            parse(&p(&[("q", "x"), ("x", "1")]), true).unwrap_err().code(),
            "unknown_parameter"
        );
        assert!(parse(&p(&[("q", "x"), ("x", "1")]), false).is_ok());
        assert_eq!(parse(&p(&[("q", &"é".repeat(201))]), true).unwrap_err().code(), "bad_query");
    }
}
