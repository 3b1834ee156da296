//! The language data under `lexicons/`, embedded in the binary at build time.
//!
//! Layout: `lexicons/<iso639-1>/<stage>.toml` per language and stage (for example
//! `lexicons/vi/clean.toml`, `lexicons/vi/extract.toml`), shared tables at the top level
//! (`lexicons/countries.tsv`, `lexicons/places.tsv`, `lexicons/persons.toml`) and files
//! generated from CLDR under `lexicons/generated/`. Adding a language is adding its
//! directory; nothing in the code lists languages.

include!(concat!(env!("OUT_DIR"), "/files.rs"));

/// The contents of one embedded file, by path relative to `lexicons/`.
pub fn file(path: &str) -> Option<&'static str> {
    FILES.iter().find(|(p, _)| *p == path).map(|(_, c)| *c)
}

/// Languages that have a directory, sorted: every `xx/…` path's first component.
pub fn languages() -> Vec<&'static str> {
    let mut langs: Vec<&str> =
        FILES.iter().filter_map(|(p, _)| p.split_once('/')).map(|(l, _)| l).collect();
    langs.retain(|l| *l != "generated");
    langs.sort_unstable();
    langs.dedup();
    langs
}

/// The per-language file for one stage, e.g. `stage_file("vi", "clean")`.
pub fn stage_file(lang: &str, stage: &str) -> Option<&'static str> {
    file(&format!("{lang}/{stage}.toml"))
}

/// Rows of a tab-separated file, skipping blank lines, `#` comments and the header line.
pub fn tsv_rows(contents: &str) -> impl Iterator<Item = Vec<&str>> {
    contents
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1)
        .map(|l| l.split('\t').collect())
}
