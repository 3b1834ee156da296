//! Full-text search over the stored documents, any language (schema v7's trigram index).

use crate::Store;
use crate::error::{Result, SqlContext};
use attache_model::DocId;
use serde::Serialize;

/// Where a snippet's match begins and ends: characters no article contains, so a caller can
/// escape the snippet and then turn these into markup.
pub const MATCH_START: char = '\u{E000}';
/// See [`MATCH_START`].
pub const MATCH_END: char = '\u{E001}';

/// One document a search found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    /// The document.
    pub id: DocId,
    /// Its headline.
    pub title: Option<String>,
    /// Its language.
    pub lang: Option<String>,
    /// Its publication date (`YYYY-MM-DD`).
    pub published: Option<String>,
    /// A few words around the first match, the match between [`MATCH_START`] and [`MATCH_END`].
    pub snippet: String,
}

impl Store {
    /// Documents whose title or text contains `query` (ignoring case), best first, at most
    /// `limit`; and how many there are in all. The query is taken as one literal phrase.
    /// Queries shorter than three characters (the index's grain) are matched by a scan.
    pub fn search(&self, query: &str, limit: usize) -> Result<(usize, Vec<SearchHit>)> {
        let query = query.trim();
        if query.is_empty() {
            return Ok((0, Vec::new()));
        }
        let (from, filter, order, arg) = if query.chars().count() >= 3 {
            let phrase = format!("\"{}\"", query.replace('"', "\"\""));
            (
                "documents_search s JOIN documents d ON d.seq = s.rowid",
                "documents_search MATCH ?1",
                "s.rank",
                phrase,
            )
        } else {
            let like = format!("%{}%", query.replace(['%', '_', '\\'], ""));
            ("documents d", "(d.text LIKE ?1 OR d.title LIKE ?1)", "d.seq", like)
        };
        let total: i64 = self
            .conn
            .query_row(&format!("SELECT COUNT(*) FROM {from} WHERE {filter}"), [&arg], |r| r.get(0))
            .op("count search results")?;
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT d.id, d.title, d.lang, d.published, d.text FROM {from} \
                 WHERE {filter} ORDER BY {order} LIMIT ?2"
            ))
            .op("prepare the search")?;
        let hits = stmt
            .query_map(rusqlite::params![arg, i64::try_from(limit).unwrap_or(i64::MAX)], |r| {
                Ok(SearchHit {
                    id: DocId(r.get(0)?),
                    title: r.get(1)?,
                    lang: r.get(2)?,
                    published: r.get(3)?,
                    snippet: {
                        let text: String = r.get(4)?;
                        let title: Option<String> = r.get(1)?;
                        // the text's match, else the title's (a headline-only hit)
                        snippet(&text, query)
                            .or_else(|| title.as_deref().and_then(|t| snippet(t, query)))
                            .unwrap_or_else(|| text.chars().take(120).collect())
                    },
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .op("search documents")?;
        Ok((usize::try_from(total).unwrap_or(0), hits))
    }
}

/// About 60 characters either side of the first place `text` contains `query` (ignoring case),
/// the match between [`MATCH_START`] and [`MATCH_END`]; `None` when it is not there.
fn snippet(text: &str, query: &str) -> Option<String> {
    let folded: Vec<char> = query.chars().flat_map(char::to_lowercase).collect();
    let chars: Vec<char> = text.chars().collect();
    let found = (0..chars.len()).find_map(|i| {
        // the number of text characters from `i` whose lower case is the query's
        let mut q = folded.iter();
        let mut used = 0;
        for c in &chars[i..] {
            used += 1;
            for l in c.to_lowercase() {
                if q.next() != Some(&l) {
                    return None;
                }
            }
            if q.len() == 0 {
                return Some((i, i + used));
            }
        }
        None
    });
    let (start, end) = found?;
    let from = start.saturating_sub(60);
    let to = (end + 60).min(chars.len());
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.extend(&chars[from..start]);
    out.push(MATCH_START);
    out.extend(&chars[start..end]);
    out.push(MATCH_END);
    out.extend(&chars[end..to]);
    if to < chars.len() {
        out.push('…');
    }
    Some(out)
}
