/// Why the pipeline could not be built (bad configuration or lexicon data).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The ingest settings are invalid.
    #[error("cannot set up ingest")]
    Ingest(#[source] attache_ingest::Error),
    /// The clean settings or lexicons are invalid.
    #[error("cannot set up the cleaner")]
    Clean(#[source] attache_clean::Error),
    /// The language lexicons are invalid.
    #[error("cannot set up the language stage")]
    Lang(#[source] attache_lang::Error),
    /// The extraction lexicons are invalid.
    #[error("cannot set up the extractor")]
    Extract(#[source] attache_extract::Error),
}
