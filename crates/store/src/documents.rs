//! Documents and their per-document extractions.

use crate::Store;
use crate::error::{Error, Result, SqlContext};
use attache_model::{Article, DocExtraction, DocId};
use jiff::civil::Date;
use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;

/// What [`Store::add_documents`] did with a batch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AddReport {
    /// Documents stored.
    pub stored: usize,
    /// Documents whose content hash was already stored (earlier, or earlier in the batch);
    /// nothing was written for them.
    pub duplicates: usize,
    /// Documents not stored because their id is already taken by a document with another
    /// text. The pipeline records them as failures; the first text stays.
    pub conflicts: Vec<DocId>,
}

const ARTICLE_COLUMNS: &str = "id, origin, text, title, published, dateline, source, url, lang";

impl Store {
    /// Whether a document with this content hash (see [`crate::content_hash`]) is stored,
    /// so the pipeline can skip extracting it again.
    pub fn has_document_hash(&self, hash: &str) -> Result<bool> {
        self.conn
            .prepare_cached("SELECT 1 FROM documents WHERE hash = ?1")
            .and_then(|mut stmt| stmt.exists([hash]))
            .op_with(|| format!("look up document hash {hash}"))
    }

    /// Stores a batch of `(article, content hash, extraction)` in one transaction.
    ///
    /// A document whose hash is already stored is a duplicate and changes nothing; one whose
    /// id is already stored with another hash is a conflict (see [`AddReport::conflicts`]).
    /// Either way the rest of the batch is stored.
    pub fn add_documents(
        &mut self,
        batch: &[(Article, String, DocExtraction)],
    ) -> Result<AddReport> {
        let mut report = AddReport::default();
        let tx = self.conn.transaction().op("begin adding documents")?;
        {
            let mut by_hash = tx
                .prepare_cached("SELECT 1 FROM documents WHERE hash = ?1")
                .op("prepare the document hash lookup")?;
            let mut by_id = tx
                .prepare_cached("SELECT 1 FROM documents WHERE id = ?1")
                .op("prepare the document id lookup")?;
            let mut insert = tx
                .prepare_cached(
                    "INSERT INTO documents (id, hash, origin, text, title, published, dateline, \
                     source, url, lang, extraction) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                )
                .op("prepare the document insert")?;
            let mut dyad = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO document_dyads (dyad, document) VALUES (?1, ?2)",
                )
                .op("prepare the dyad insert")?;
            for (article, hash, extraction) in batch {
                let id = &article.id.0;
                if by_hash.exists([hash]).op_with(|| format!("look up document {id}"))? {
                    report.duplicates += 1;
                    continue;
                }
                if by_id.exists([id]).op_with(|| format!("look up document {id}"))? {
                    report.conflicts.push(article.id.clone());
                    continue;
                }
                for d in extraction.dyads() {
                    dyad.execute([&d, id])
                        .op_with(|| format!("store the dyads of document {id}"))?;
                }
                let extraction = serde_json::to_string(extraction)
                    .expect("a DocExtraction always serialises to JSON");
                insert
                    .execute(params![
                        id,
                        hash,
                        article.origin,
                        article.text,
                        article.title,
                        article.published.map(|d| d.to_string()),
                        article.dateline,
                        article.source,
                        article.url,
                        article.lang,
                        extraction,
                    ])
                    .op_with(|| format!("store document {id}"))?;
                report.stored += 1;
            }
        }
        tx.commit().op("commit added documents")?;
        Ok(report)
    }

    /// Every stored document with its extraction, ordered by document id, for the resolver.
    pub fn all_extractions(&self) -> Result<Vec<(Article, DocExtraction)>> {
        self.read_extractions("", "[]")
    }

    /// The stored documents whose reports touch any of `dyads`, with their extractions,
    /// ordered by id: what resolving those dyads needs.
    pub fn extractions_in_dyads(&self, dyads: &[String]) -> Result<Vec<(Article, DocExtraction)>> {
        let list = serde_json::to_string(dyads).expect("strings serialise");
        self.read_extractions(
            "WHERE id IN (SELECT document FROM document_dyads \
             WHERE dyad IN (SELECT value FROM json_each(?1)))",
            &list,
        )
    }

    /// Documents with their extractions, selected by `filter` (which may use `?1`).
    fn read_extractions(&self, filter: &str, param: &str) -> Result<Vec<(Article, DocExtraction)>> {
        let sql =
            format!("SELECT {ARTICLE_COLUMNS}, extraction FROM documents {filter} ORDER BY id");
        let mut stmt = self.conn.prepare(&sql).op("read extractions")?;
        let mut rows = if filter.contains("?1") { stmt.query([param]) } else { stmt.query([]) }
            .op("read extractions")?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().op("read extractions")? {
            let article = article_from_row(row)?;
            let json: String = row.get(9).op("read extractions")?;
            let extraction = serde_json::from_str(&json).map_err(|source| Error::Decode {
                what: "extraction",
                id: format!("document {}", article.id),
                source,
            })?;
            out.push((article, extraction));
        }
        Ok(out)
    }

    /// Whether documents were stored before the store knew their dyads (a database from
    /// before schema version 5): then the next resolution must cover everything.
    pub fn needs_full_resolution(&self) -> Result<bool> {
        self.conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM documents) AND NOT EXISTS (SELECT 1 FROM document_dyads) \
                 OR EXISTS (SELECT 1 FROM encounters WHERE dyad IS NULL)",
                [],
                |r| r.get(0),
            )
            .op("check whether the store needs a full resolution")
    }

    /// One stored article (its cleaned text, to show evidence in context).
    pub fn article(&self, id: &DocId) -> Result<Option<Article>> {
        let sql = format!("SELECT {ARTICLE_COLUMNS} FROM documents WHERE id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql).op("prepare the document read")?;
        let mut rows = stmt.query([&id.0]).op_with(|| format!("read document {id}"))?;
        match rows.next().op_with(|| format!("read document {id}"))? {
            Some(row) => article_from_row(row).map(Some),
            None => Ok(None),
        }
    }
}

/// Reads the [`ARTICLE_COLUMNS`] at the start of `row`.
fn article_from_row(row: &Row<'_>) -> Result<Article> {
    let get = |row: &Row<'_>| -> rusqlite::Result<_> {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, Option<String>>(3)?,
            row.get::<_, Option<String>>(4)?,
            row.get::<_, Option<String>>(5)?,
            row.get::<_, Option<String>>(6)?,
            row.get::<_, Option<String>>(7)?,
            row.get::<_, Option<String>>(8)?,
        ))
    };
    let (id, origin, text, title, published, dateline, source, url, lang) =
        get(row).op("read a document row")?;
    let published = parse_date(published, "published", || format!("document {id}"))?;
    Ok(Article { id: DocId(id), origin, text, title, published, dateline, source, url, lang })
}

/// Parses a stored ISO date.
pub(crate) fn parse_date(
    value: Option<String>,
    column: &'static str,
    id: impl FnOnce() -> String,
) -> Result<Option<Date>> {
    match value {
        None => Ok(None),
        Some(s) => match s.parse::<Date>() {
            Ok(d) => Ok(Some(d)),
            Err(_) => Err(Error::Corrupt { column, id: id(), value: s }),
        },
    }
}

/// Metadata of the stored documents among `ids`, in the order given; ids not stored are
/// left out.
pub(crate) fn document_meta(
    conn: &rusqlite::Connection,
    ids: &[DocId],
) -> Result<Vec<crate::DocumentMeta>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, title, lang, source, url, published, story FROM documents WHERE id = ?1",
        )
        .op("prepare the document metadata read")?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let row = stmt
            .query_row([&id.0], |r| {
                Ok((
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, Option<String>>(6)?,
                ))
            })
            .optional()
            .op_with(|| format!("read document {id}"))?;
        if let Some((title, lang, source, url, published, story)) = row {
            let published = parse_date(published, "published", || format!("document {id}"))?;
            let story = story.map(DocId);
            out.push(crate::DocumentMeta {
                id: id.clone(),
                title,
                lang,
                source,
                url,
                published,
                story,
            });
        }
    }
    Ok(out)
}
