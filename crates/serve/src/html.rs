//! Server-rendered pages: no scripts, every article-derived string escaped by `maud`.

use crate::AppState;
use crate::api::pairs;
use crate::error::ApiError;
use crate::filters::{self, Filters, Unknown};
use attache_model::{Act, Article, Encounter, EncounterType, Evidence, Participant, When};
use attache_store::{DocumentMeta, EventDetail, EventRecord, TimelineEntry};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use maud::{DOCTYPE, Markup, html};

const STYLE: &str = include_str!("../static/style.css");

/// `GET /static/style.css`.
pub(crate) async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLE,
    )
}

pub(crate) fn layout(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · attaché" }
                link rel="stylesheet" href="/static/style.css";
            }
            body {
                header {
                    a.home href="/" { "attaché" } " · diplomatic events from the news"
                    (crate::search::search_form(None))
                }
                main { (body) }
            }
        }
    }
}

/// An error as a page, with the error's status.
pub(crate) fn error_page(e: &ApiError) -> Response {
    let body = html! {
        h1 { (e.status().as_u16()) " " (e.status().canonical_reason().unwrap_or("error")) }
        p.error { (e.message()) " " code { "(" (e.code()) ")" } }
        p { a href="/" { "Back to the timeline" } }
    };
    (e.status(), Html(layout("Error", body).into_string())).into_response()
}

pub(crate) fn page(result: Result<Markup, ApiError>) -> Response {
    match result {
        Ok(m) => (StatusCode::OK, Html(m.into_string())).into_response(),
        Err(e) => error_page(&e),
    }
}

/// `GET /`: the timeline, filtered by the form's GET parameters.
pub(crate) async fn timeline_page(
    State(state): State<AppState>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Response {
    page(timeline(state, query).await)
}

/// The form's parameters: a person typing may write `vnm`, so codes are upper-cased here
/// (the API itself is strict).
pub(crate) fn form_params(
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Vec<(String, String)>, ApiError> {
    let mut params = pairs(query)?;
    for (k, v) in &mut params {
        if k == "country" || k == "dyad" {
            *v = v.trim().to_ascii_uppercase();
        }
    }
    Ok(params)
}

async fn timeline(
    state: AppState,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Markup, ApiError> {
    let params = form_params(query)?;
    let f = filters::parse(&params, Unknown::Ignore)?;
    let (q, offset, limit) = (f.query.clone(), f.offset, f.limit);
    let (total, entries) =
        state.with_store(move |store| Ok(store.timeline_page(&q, offset, limit)?)).await?;
    let shown: Vec<&TimelineEntry> = entries.iter().collect();

    // consecutive entries of one year (or undated) form a group
    let mut groups: Vec<(Option<i16>, Vec<&TimelineEntry>)> = Vec::new();
    for entry in shown {
        let year = first_day(&entry.encounter.date).map(|d| d.year());
        match groups.last_mut() {
            Some((y, list)) if *y == year => list.push(entry),
            _ => groups.push((year, vec![entry])),
        }
    }
    let next = (f.offset + f.limit < total).then(|| page_link(&params, f.offset + f.limit));
    let prev = (f.offset > 0).then(|| page_link(&params, f.offset.saturating_sub(f.limit)));

    let body = html! {
        h1 { "Timeline" }
        (filter_form(&f, &params))
        @if total > 0 {
            figure.chart {
                img src=(chart_link(&params)) alt="Bar chart: contacts per month, by type";
                figcaption { "Contacts per month: " span.phone_call { "phone calls" } ", "
                    span.meeting { "meetings" } ", " span.visit { "visits" } "." }
            }
        }
        p.count {
            @if total == 0 { "No events match." }
            @else if f.offset >= total { "No events on this page (" (total) " in all)." }
            @else {
                "Events " (f.offset + 1) "–" ((f.offset + f.limit).min(total)) " of " (total) "."
            }
        }
        @for (year, list) in &groups {
            section.year {
                h2 { @match year { Some(y) => (y), None => "Undated" } }
                ol.events {
                    @for entry in list { (timeline_item(entry)) }
                }
            }
        }
        nav.pages {
            @if let Some(href) = &prev { a rel="prev" href=(href) { "← earlier page" } " " }
            @if let Some(href) = &next { a rel="next" href=(href) { "next page →" } }
        }
    };
    Ok(layout("Timeline", body))
}

fn filter_form(f: &Filters, params: &[(String, String)]) -> Markup {
    let value = |key: &str| {
        params.iter().find(|(k, v)| k == key && !v.trim().is_empty()).map(|(_, v)| v.trim())
    };
    html! {
        form.filters method="get" action="/" {
            label { "Country " input type="text" name="country" size="4" maxlength="3"
                placeholder="VNM" pattern="[A-Za-z]{2,3}" value=[value("country")]; }
            label { "Dyad " input type="text" name="dyad" size="8" maxlength="7"
                placeholder="RUS-VNM" value=[value("dyad")]; }
            label { "Person " input type="text" name="person" placeholder="to lam"
                value=[value("person")]; }
            label { "Type "
                select name="type" {
                    option value="" { "any" }
                    @for t in EncounterType::ALL {
                        option value=(t.as_str()) selected[f.query.types.iter().any(|x| x == t.as_str())] {
                            (t.as_str().replace('_', " "))
                        }
                    }
                }
            }
            label { "From " input type="date" name="from" value=[value("from")]; }
            label { "To " input type="date" name="to" value=[value("to")]; }
            button type="submit" { "Filter" }
            " " a href="/" { "clear" }
        }
    }
}

fn timeline_item(entry: &TimelineEntry) -> Markup {
    let e = &entry.encounter;
    let sources = e.documents.len();
    html! {
        li.event {
            a.date href=(event_href(&e.id)) { (e.date.label()) }
            " "
            span.type { (e.kind.as_str().replace('_', " ")) }
            " "
            span.who { (participants(&e.participants)) }
            @if let Some(p) = &e.place { " · " span.place { (p.name) } }
            " · "
            span.sources { (sources) " source" @if sources != 1 { "s" } }
            @if !entry.acts.is_empty() {
                ul.acts {
                    @for a in &entry.acts {
                        li { a href=(event_href(&a.id)) { (act_label(a)) } }
                    }
                }
            }
        }
    }
}

/// `GET /documents/{id}`: one stored document, its metadata and cleaned text.
pub(crate) async fn document_page(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Response {
    page(document(state, id).await)
}

async fn document(state: AppState, id: String) -> Result<Markup, ApiError> {
    let doc = attache_model::DocId(id.clone());
    let found = state
        .with_store(move |store| {
            let Some(meta) = store.documents(std::slice::from_ref(&doc))?.pop() else {
                return Ok(None);
            };
            Ok(Some((meta, store.article(&doc)?)))
        })
        .await?;
    let (meta, article) =
        found.ok_or_else(|| ApiError::not_found(format!("no document with id {id:?}")))?;
    let title = meta.title.clone().unwrap_or_else(|| "Document".into());
    let body = html! {
        h1 { (title) }
        (document_section(&meta, article.as_ref(), &[]))
    };
    Ok(layout(&title, body))
}

/// `GET /events/{id}`: one encounter or act with its documents and highlighted evidence.
pub(crate) async fn event_page(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    page(event(state, id).await)
}

async fn event(state: AppState, id: String) -> Result<Markup, ApiError> {
    let found = {
        let id = id.clone();
        state
            .with_store(move |store| {
                let Some(detail) = store.event(&id)? else { return Ok(None) };
                let mut docs = Vec::with_capacity(detail.documents.len());
                for meta in &detail.documents {
                    docs.push((meta.clone(), store.article(&meta.id)?));
                }
                // what happened during this encounter: acts, and the meetings of a visit,
                // which join the same countries
                let related = match &detail.event {
                    EventRecord::Encounter(e) => {
                        let (encounters, acts) = store.events_in_dyads(&[e.dyad()])?;
                        Related {
                            episode: encounters
                                .into_iter()
                                .filter(|m| m.episode.as_deref() == Some(e.id.as_str()))
                                .collect(),
                            acts: acts
                                .into_iter()
                                .filter(|a| a.during.as_deref() == Some(e.id.as_str()))
                                .collect(),
                        }
                    }
                    EventRecord::Act(_) => Related::default(),
                };
                Ok(Some((detail, docs, related)))
            })
            .await?
    };
    let (detail, docs, related) =
        found.ok_or_else(|| ApiError::not_found(format!("no event with id {id:?}")))?;
    let (title, summary, evidence) = match &detail.event {
        EventRecord::Encounter(e) => (
            format!("{} · {}", e.kind.as_str().replace('_', " "), participants(&e.participants)),
            encounter_summary(e),
            &e.evidence,
        ),
        EventRecord::Act(a) => (act_label(a), act_summary(a), &a.evidence),
    };
    let body = html! {
        h1 { (title) }
        p.id { "Event " code { (event_id(&detail)) } }
        (summary)
        @if !related.episode.is_empty() {
            h2 { "During this visit" }
            ul.related {
                @for m in &related.episode {
                    li {
                        a href=(event_href(&m.id)) { (m.date.label()) }
                        " " (m.kind.as_str().replace('_', " ")) " · " (participants(&m.participants))
                    }
                }
            }
        }
        @if !related.acts.is_empty() {
            h2 { "Acts during this encounter" }
            ul.related {
                @for a in &related.acts { li { a href=(event_href(&a.id)) { (act_label(a)) } } }
            }
        }
        h2 { "Sources" }
        @if docs.is_empty() { p { "None of the reporting documents is stored." } }
        @for (meta, article) in &docs {
            (document_section(meta, article.as_ref(), evidence))
        }
    };
    Ok(layout(&title, body))
}

/// Events that belong to an encounter: the meetings of a visit, the acts during it.
#[derive(Debug, Default)]
struct Related {
    episode: Vec<Encounter>,
    acts: Vec<Act>,
}

fn event_id(d: &EventDetail) -> &str {
    match &d.event {
        EventRecord::Encounter(e) => &e.id,
        EventRecord::Act(a) => &a.id,
    }
}

fn when_rows(w: &When) -> Markup {
    html! {
        dt { "Date" } dd { (w.label()) }
        @if let Some(t) = &w.text { dt { "As written" } dd { q { (t) } } }
        @if let Some(how) = &w.how { dt { "Resolved" } dd { (how) } }
    }
}

fn encounter_summary(e: &Encounter) -> Markup {
    html! {
        dl.summary {
            dt { "Type" } dd { (e.kind.as_str().replace('_', " ")) }
            (when_rows(&e.date))
            dt { "Participants" }
            dd { ul { @for p in &e.participants { li { (p.label()) } } } }
            @if let Some(p) = &e.place {
                dt { "Place" }
                dd { (p.name) @if let Some(c) = &p.country { " (" (c) ")" } }
            }
            dt { "Sources" } dd { (e.documents.len()) ", confidence " (format!("{:.2}", e.confidence)) }
            @if let Some(v) = &e.episode {
                dt { "During" } dd { a href=(event_href(v)) { "visit " (v) } }
            }
            @if !e.why.is_empty() {
                dt { "Merged because" } dd { ul { @for w in &e.why { li { (w) } } } }
            }
        }
    }
}

fn act_summary(a: &Act) -> Markup {
    html! {
        dl.summary {
            dt { "Type" } dd { (a.kind.as_str().replace('_', " ")) }
            (when_rows(&a.date))
            dt { "From" } dd { (a.from.label()) }
            dt { "To" } dd { (a.to.label()) }
            @if let Some(o) = &a.object { dt { "About" } dd { (o) } }
            @if let Some(d) = &a.during { dt { "During" } dd { a href=(event_href(d)) { (d) } } }
            @if let Some(v) = &a.fulfilled_by {
                dt { "Fulfilled by" } dd { a href=(event_href(v)) { "visit " (v) } }
            }
            dt { "Sources" } dd { (a.documents.len()) }
        }
    }
}

fn document_section(
    meta: &DocumentMeta,
    article: Option<&Article>,
    evidence: &[Evidence],
) -> Markup {
    let mine: Vec<&Evidence> = evidence.iter().filter(|ev| ev.document == meta.id).collect();
    html! {
        section.document {
            h3 { (meta.title.as_deref().unwrap_or("(no title)")) }
            p.meta {
                "language " (meta.lang.as_deref().unwrap_or("?"))
                @if let Some(d) = meta.published { " · published " (d) }
                @if let Some(s) = &meta.source { " · " (s) }
                " · document " code { (meta.id) }
                @if let Some(story) = meta.story.as_ref().filter(|s| **s != meta.id) {
                    " · a copy or translation of " code { (story) }
                }
            }
            @if let Some(url) = &meta.url {
                p.url {
                    @if let Some(href) = safe_href(url) { a href=(href) rel="noopener noreferrer nofollow" { (url) } }
                    @else { "address: " code { (url) } }
                }
            }
            @match article {
                Some(a) => (highlighted(&a.text, &mine)),
                None => {
                    @for ev in &mine { blockquote { mark { (ev.text) } } }
                }
            }
        }
    }
}

/// `url` as a link target when it is an http(s) address; anything else (`javascript:`,
/// `data:`) is shown as text only.
pub(crate) fn safe_href(url: &str) -> Option<&str> {
    let u = url.trim();
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then_some(u)
}

/// Byte ranges of the evidence sentences in `text`: at their character offsets when the
/// sentence is there, else where the sentence is first found. Sorted and merged; the second
/// list holds the sentences not found at all.
pub(crate) fn evidence_ranges<'e>(
    text: &str,
    evidence: &[&'e Evidence],
) -> (Vec<(usize, usize)>, Vec<&'e Evidence>) {
    // byte offset of every character, and of the end
    let bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    let mut ranges = Vec::new();
    let mut missing = Vec::new();
    for ev in evidence {
        let sentence = ev.text.trim();
        let at_offsets = match (bytes.get(ev.start), bytes.get(ev.end)) {
            (Some(&s), Some(&e)) if s < e && text[s..e].trim() == sentence => Some((s, e)),
            _ => None,
        };
        let found = at_offsets.or_else(|| {
            (!sentence.is_empty())
                .then(|| text.find(sentence).map(|s| (s, s + sentence.len())))
                .flatten()
        });
        match found {
            Some(r) => ranges.push(r),
            None => missing.push(*ev),
        }
    }
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    (merged, missing)
}

/// The document's text with its evidence sentences in `<mark>`.
fn highlighted(text: &str, evidence: &[&Evidence]) -> Markup {
    let (ranges, missing) = evidence_ranges(text, evidence);
    let mut pieces: Vec<(bool, &str)> = Vec::with_capacity(ranges.len() * 2 + 1);
    let mut at = 0;
    for (s, e) in ranges {
        pieces.push((false, &text[at..s]));
        pieces.push((true, &text[s..e]));
        at = e;
    }
    pieces.push((false, &text[at..]));
    html! {
        @for ev in &missing { blockquote.missing { mark { (ev.text) } } }
        div.text {
            @for (marked, piece) in &pieces {
                @if *marked { mark { (piece) } } @else { (piece) }
            }
        }
    }
}

fn first_day(w: &When) -> Option<jiff::civil::Date> {
    w.start.or(w.not_before)
}

fn participants(ps: &[Participant]) -> String {
    ps.iter().map(Participant::label).collect::<Vec<_>>().join(" — ")
}

fn act_label(a: &Act) -> String {
    let mut s =
        format!("{} {} → {}", a.kind.as_str().replace('_', " "), a.from.label(), a.to.label());
    if let Some(o) = &a.object {
        s.push_str(": ");
        s.push_str(o);
    }
    s
}

/// The page of an event: `/events/` and the id, percent-encoded.
pub(crate) fn event_href(id: &str) -> String {
    format!("/events/{}", encode(id))
}

/// The chart of the timeline's filters (paging left out).
fn chart_link(params: &[(String, String)]) -> String {
    format!("/chart.svg?{}", query_string(params, &["offset", "limit"]).join("&"))
}

/// The timeline with the same parameters and another `offset`.
fn page_link(params: &[(String, String)], offset: usize) -> String {
    let mut parts = query_string(params, &["offset"]);
    parts.push(format!("offset={offset}"));
    format!("/?{}", parts.join("&"))
}

/// The non-empty parameters but `leave_out`, each `key=value`, percent-encoded.
fn query_string(params: &[(String, String)], leave_out: &[&str]) -> Vec<String> {
    params
        .iter()
        .filter(|(k, v)| !leave_out.contains(&k.as_str()) && !v.trim().is_empty())
        .map(|(k, v)| format!("{}={}", encode(k), encode(v.trim())))
        .collect()
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
pub(crate) fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use attache_model::DocId;

    fn ev(text: &str, start: usize, end: usize) -> Evidence {
        Evidence {
            document: DocId("d".into()),
            language: "en".into(),
            text: text.into(),
            start,
            end,
        }
    }

    #[test]
    fn evidence_ranges_use_character_offsets() {
        let text = "Tô Lâm met Putin. Then they ate. Lâm left.";
        // "Then they ate." starts at character 18 and ends at 32
        let a = ev("Then they ate.", 18, 32);
        let (ranges, missing) = evidence_ranges(text, &[&a]);
        assert!(missing.is_empty());
        let (s, e) = ranges[0];
        assert_eq!(&text[s..e], "Then they ate.");
    }

    #[test]
    fn evidence_ranges_fall_back_to_search_merge_and_report_missing() {
        let text = "One. Two. Three.";
        let wrong = ev("Two.", 0, 2);
        let overlap = ev("Two. Three.", 5, 16);
        let absent = ev("Four.", 0, 4);
        let (ranges, missing) = evidence_ranges(text, &[&wrong, &overlap, &absent]);
        assert_eq!(ranges, [(5, 16)]);
        assert_eq!(missing, [&absent]);
        let out = ev("x", 100, 200);
        assert_eq!(evidence_ranges(text, &[&out]).1.len(), 1);
    }

    #[test]
    fn highlighted_escapes_and_marks() {
        let text = "<b>x</b> said: <script>alert(1)</script>. Fine.";
        let e = ev("<script>alert(1)</script>.", 15, 41);
        let html = highlighted(text, &[&e]).into_string();
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(html.contains("<mark>&lt;script&gt;alert(1)&lt;/script&gt;.</mark>"), "{html}");
    }

    #[test]
    fn safe_href_only_http() {
        let cases = [
            ("https://example.org/a", Some("https://example.org/a")),
            ("HTTP://example.org", Some("HTTP://example.org")),
            ("javascript:alert(1)", None),
            (" JavaScript:alert(1)", None),
            ("data:text/html,x", None),
            ("//evil.example", None),
            ("", None),
        ];
        for (url, want) in cases {
            assert_eq!(safe_href(url), want, "{url}");
        }
    }

    #[test]
    fn encode_and_links() {
        assert_eq!(encode("ev-1a_b.c~"), "ev-1a_b.c~");
        assert_eq!(encode("a/b c\"<"), "a%2Fb%20c%22%3C");
        assert_eq!(event_href("x/y"), "/events/x%2Fy");
        let params = vec![
            ("person".to_string(), "Tô Lâm".to_string()),
            ("offset".to_string(), "5".to_string()),
            ("to".to_string(), String::new()),
        ];
        assert_eq!(page_link(&params, 10), "/?person=T%C3%B4%20L%C3%A2m&offset=10");
    }
}
