/// Errors of the extract stage: only bad lexicon data can fail; articles never do.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A lexicon file does not parse.
    #[error("cannot read lexicon {file}")]
    Parse {
        /// Path relative to `lexicons/`.
        file: String,
        /// The parse error.
        #[source]
        source: toml::de::Error,
    },
    /// A lexicon file parses but says something impossible.
    #[error("bad lexicon {file}: {problem}")]
    Invalid {
        /// Path relative to `lexicons/`.
        file: String,
        /// What is wrong, naming the entry.
        problem: String,
    },
    /// The patterns could not be compiled.
    #[error("cannot compile the patterns of language {lang}")]
    Compile {
        /// Language code.
        lang: String,
        /// The automaton builder's error.
        #[source]
        source: aho_corasick::BuildError,
    },
}
