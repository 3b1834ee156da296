//! The one error type of `attache-clean`.

use attache_model::DocId;

/// Why a [`Cleaner`](crate::Cleaner) could not be built, or one document gave no article.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The config asks for a language that has no `lexicons/<lang>/clean.toml`.
    #[error("no clean lexicon for language {lang:?} (lexicons/{lang}/clean.toml)")]
    UnknownLanguage {
        /// The language code from the config.
        lang: String,
    },
    /// A `clean.toml` is not valid TOML or has unknown keys.
    #[error("cannot read lexicons/{lang}/clean.toml")]
    Lexicon {
        /// The language directory.
        lang: String,
        /// What the TOML parser said.
        #[source]
        source: toml::de::Error,
    },
    /// A lexicon entry makes an invalid or too large pattern.
    #[error("cannot compile the {field} patterns of the clean lexicons")]
    Pattern {
        /// The lexicon field (`photo_words`, `relative_times`, …).
        field: &'static str,
        /// What the regex compiler said.
        #[source]
        source: Box<regex::Error>,
    },
    /// A configuration value is out of range.
    #[error("invalid clean config: {key} {reason}")]
    Config {
        /// The key.
        key: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The HTML extractor failed on a page.
    #[error("cannot extract the main text of document {id} ({origin})")]
    Html {
        /// The document.
        id: DocId,
        /// Where it came from.
        origin: String,
        /// What the extractor said.
        #[source]
        source: trafilatura::TrafilaturaError,
    },
    /// The HTML extractor panicked on a page (a bug in it); the run goes on.
    #[error("the HTML extractor crashed on document {id} ({origin})")]
    HtmlPanic {
        /// The document.
        id: DocId,
        /// Where it came from.
        origin: String,
    },
    /// Nothing was left once boilerplate was removed.
    #[error("document {id} ({origin}) has no article text")]
    NoText {
        /// The document.
        id: DocId,
        /// Where it came from.
        origin: String,
    },
}
