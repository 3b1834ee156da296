//! Pipeline: ingest → clean → language → extract, per document, and resolve over a corpus.
//!
//! [`Pipeline::process`] turns one [`RawDoc`] into its [`Article`] (with its publication
//! date read from its dateline when metadata gives none), the article's content hash, and
//! its [`DocExtraction`]. [`Pipeline::run`] reads paths, processes documents in parallel
//! batches and hands each batch to a [`Sink`] (the store), recording every failure by
//! document and stage without stopping. [`resolve`] is re-exported for the caller to merge
//! the stored extractions into events.
//!
//! ```
//! use attache_model::{DocId, Format, Meta, RawDoc};
//! let pipeline = attache_pipeline::Pipeline::new(Default::default()).unwrap();
//! let raw = RawDoc { id: DocId("a.txt".into()), origin: "a.txt".into(), format: Format::Text,
//!     body: "President Joe Biden held talks with Chinese President Xi Jinping in Woodside on 15 November 2023.".into(),
//!     meta: Meta::default() };
//! let (article, _hash, extraction) = pipeline.process(&raw).unwrap();
//! assert_eq!(article.lang.as_deref(), Some("en"));
//! assert_eq!(extraction.encounters.len(), 1);
//! ```
//!
//! It does no storage itself: the caller owns the store (see `attache-store`).

use attache_model::{Article, DocExtraction, RawDoc};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::path::PathBuf;

pub use attache_resolve::{Resolution, carry_ids, resolve, resolve_all};

mod error;
pub use error::Error;

/// Settings of every stage.
#[derive(Debug, Clone, Default)]
pub struct PipelineConfig {
    /// How files are read.
    pub ingest: attache_ingest::IngestConfig,
    /// How articles are cleaned.
    pub clean: attache_clean::CleanConfig,
    /// Documents processed together (in parallel) and handed to the sink at once.
    pub batch: Option<usize>,
}

/// One processed document, as handed to the sink.
pub type Processed = (Article, String, DocExtraction);

/// Where processed documents go.
pub trait Sink {
    /// The sink's error.
    type Error: std::error::Error + Send + Sync + 'static;
    /// Stores a batch; returns (stored, duplicates, conflicting ids).
    fn add(&mut self, batch: &[Processed]) -> Result<Added, Self::Error>;
}

/// What a sink did with a batch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Added {
    /// New documents stored.
    pub stored: usize,
    /// Documents already stored (same content).
    pub duplicates: usize,
    /// Ids already used by a different text: not stored.
    pub conflicts: Vec<String>,
}

/// One document that could not be processed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The file (or `file:line`).
    pub origin: String,
    /// The stage that failed.
    pub stage: &'static str,
    /// A one-line reason.
    pub reason: String,
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunReport {
    /// Documents read.
    pub read: usize,
    /// New documents stored.
    pub stored: usize,
    /// Documents skipped as already stored.
    pub duplicates: usize,
    /// Files skipped because their type is not read.
    pub unsupported: usize,
    /// Documents whose language has no extraction lexicon (stored, no events).
    pub unsupported_language: usize,
    /// Documents that failed, with the reason.
    pub failed: Vec<Failure>,
}

/// Progress, reported after each batch.
#[derive(Debug, Clone, Copy, Default)]
pub struct Progress {
    /// Documents read so far.
    pub read: usize,
    /// Bytes of text processed so far.
    pub bytes: usize,
}

/// The stages, built once.
#[derive(Debug)]
pub struct Pipeline {
    ingester: attache_ingest::Ingester,
    cleaner: attache_clean::Cleaner,
    lang: attache_lang::LangStage,
    extractor: attache_extract::Extractor,
    batch: usize,
}

/// Hex SHA-256 of an article's cleaned text: its identity in the store.
pub fn content_hash(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

impl Pipeline {
    /// Builds every stage.
    pub fn new(config: PipelineConfig) -> Result<Pipeline, Error> {
        Ok(Pipeline {
            ingester: config.ingest.build().map_err(Error::Ingest)?,
            cleaner: config.clean.build().map_err(Error::Clean)?,
            lang: attache_lang::LangStage::new().map_err(Error::Lang)?,
            extractor: attache_extract::Extractor::new().map_err(Error::Extract)?,
            batch: config.batch.unwrap_or(256).max(1),
        })
    }

    /// The extractor (for listing languages and reading dates).
    pub fn extractor(&self) -> &attache_extract::Extractor {
        &self.extractor
    }

    /// Sentence spans of an article, as the extractor sees them.
    pub fn sentences(&self, article: &Article) -> Vec<attache_model::Span> {
        self.lang.sentences(&article.text, article.lang.as_deref().unwrap_or_default())
    }

    /// The documents under some paths, as ingest reads them (for tests and tools).
    pub fn read(&self, paths: &[PathBuf]) -> attache_ingest::Docs {
        self.ingester.read(paths)
    }

    /// clean → language → extract for one document.
    pub fn process(&self, raw: &RawDoc) -> Result<Processed, Failure> {
        let mut article = self.cleaner.clean(raw).map_err(|e| Failure {
            origin: raw.origin.clone(),
            stage: "clean",
            reason: error_chain(&e),
        })?;
        if article.text.trim().is_empty() {
            return Err(Failure {
                origin: raw.origin.clone(),
                stage: "clean",
                reason: "no article text left after cleaning".into(),
            });
        }
        self.lang.identify(&mut article);
        if article.published.is_none()
            && let Some(line) = &article.dateline
        {
            article.published = self.extractor.dateline_date(line, article.lang.as_deref());
        }
        let sentences = self.sentences(&article);
        let mut extraction = self.extractor.extract(&article, &sentences);
        extraction.fingerprint = Some(fingerprint(&article, &extraction));
        let hash = content_hash(&article.text);
        Ok((article, hash, extraction))
    }

    /// Reads `paths`, processes every document and hands batches to `sink`. Never stops on a
    /// bad document; stops only when the sink fails.
    pub fn run<S: Sink>(
        &self,
        paths: &[PathBuf],
        sink: &mut S,
        mut progress: impl FnMut(Progress),
    ) -> Result<RunReport, S::Error> {
        let mut report = RunReport::default();
        let mut docs = self.ingester.read(paths);
        let mut seen = Progress::default();
        loop {
            let mut raws: Vec<RawDoc> = Vec::with_capacity(self.batch);
            for item in docs.by_ref() {
                match item {
                    Ok(raw) => raws.push(raw),
                    Err(e) if e.is_skip() => report.unsupported += 1,
                    Err(e) => report.failed.push(Failure {
                        origin: e.path().map(|p| p.display().to_string()).unwrap_or_default(),
                        stage: "ingest",
                        reason: error_chain(&e),
                    }),
                }
                if raws.len() == self.batch {
                    break;
                }
            }
            if raws.is_empty() {
                break;
            }
            report.read += raws.len();
            seen.read += raws.len();
            seen.bytes += raws.iter().map(|r| r.body.len()).sum::<usize>();
            let results: Vec<Result<Processed, Failure>> =
                raws.par_iter().map(|r| self.process(r)).collect();
            let mut batch = Vec::with_capacity(results.len());
            for r in results {
                match r {
                    Ok(p) => {
                        if !p.0.lang.as_deref().is_some_and(|l| self.extractor.supports(l)) {
                            report.unsupported_language += 1;
                        }
                        batch.push(p);
                    }
                    Err(f) => report.failed.push(f),
                }
            }
            let added = sink.add(&batch)?;
            report.stored += added.stored;
            report.duplicates += added.duplicates;
            for id in added.conflicts {
                report.failed.push(Failure {
                    origin: id,
                    stage: "store",
                    reason: "a different document with this id is already stored".into(),
                });
            }
            progress(seen);
        }
        Ok(report)
    }
}

/// The article's fingerprint for near-duplicate detection: its words, plus what survives
/// translation — the countries, people and days of the events extracted from it.
fn fingerprint(article: &Article, x: &DocExtraction) -> attache_model::Fingerprint {
    let mut features = Vec::new();
    for e in &x.encounters {
        for p in &e.participants {
            features.extend(p.country.clone());
            features.extend(p.person.clone());
        }
        features.extend(e.date.start.map(|d| d.to_string()));
    }
    for a in &x.acts {
        for p in [&a.from, &a.to] {
            features.extend(p.country.clone());
            features.extend(p.person.clone());
        }
    }
    attache_resolve::dedupe::fingerprint(
        article.lang.as_deref().unwrap_or_default(),
        &article.text,
        features,
    )
}

/// An error and its causes on one line: "a: b: c".
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        out.push_str(": ");
        out.push_str(&c.to_string());
        cause = c.source();
    }
    out
}
