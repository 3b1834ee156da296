/// Errors of the language stage: only bad lexicon data can fail.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A `lexicons/<lang>/lang.toml` file does not parse.
    #[error("cannot read lexicon {file}")]
    Lexicon {
        /// Path relative to `lexicons/`.
        file: String,
        /// The parse error.
        #[source]
        source: toml::de::Error,
    },
}
