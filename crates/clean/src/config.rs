//! [`CleanConfig`] (what the pipeline file says) and [`CleanLexicon`] (the per-language
//! `lexicons/<lang>/clean.toml` data), built into a [`Cleaner`].

use crate::Error;
use crate::text::Rules;
use crate::{Cleaner, html};
use serde::{Deserialize, Serialize};

/// How documents are cleaned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CleanConfig {
    /// Languages whose `lexicons/<lang>/clean.toml` are applied. Empty (the default) means every
    /// language that has one; all are applied to every document, since the language is not
    /// known before cleaning.
    pub languages: Vec<String>,
    /// More patterns, added to those of the lexicons (same fields as a `clean.toml`).
    pub extra: CleanLexicon,
    /// Longest headline, in characters; a longer first line is a paragraph.
    pub max_title_chars: usize,
    /// Longest dateline line, in characters.
    pub max_dateline_chars: usize,
    /// How many kept lines after the headline may hold the dateline and the lead's source tag;
    /// also how many kept lines at the top may hold the page's banner, clock and headline
    /// above the lead paragraph.
    pub header_lines: usize,
    /// A line this long (in characters) counts as article text: cut markers cut only after one.
    pub min_body_chars: usize,
    /// Join a line to the one before when that one breaks off mid-sentence (hard-wrapped text).
    pub join_wrapped_lines: bool,
    /// HTML nested deeper than this is flattened before extraction, so that no page can
    /// exhaust the stack.
    pub max_html_depth: usize,
}

impl Default for CleanConfig {
    fn default() -> Self {
        CleanConfig {
            languages: Vec::new(),
            extra: CleanLexicon::default(),
            max_title_chars: 200,
            max_dateline_chars: 80,
            header_lines: 6,
            min_body_chars: 80,
            join_wrapped_lines: true,
            max_html_depth: 256,
        }
    }
}

/// Boilerplate patterns of one language: the schema of `lexicons/<lang>/clean.toml`.
///
/// Phrases are matched case-insensitively against whole lines (or line starts), after NFC
/// normalisation and trimming. See `lexicons/en/clean.toml` for a commented example.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CleanLexicon {
    /// Lines that start the page's tail ("Related News", "Tin mới", "Kommentar (0)"): the line
    /// and everything after it are dropped. A count such as `(0)` may follow.
    pub cut_markers: Vec<String>,
    /// Line starts that start the page's tail, for widgets whose line goes on after the phrase
    /// ("Comments are closed for this article", "Kommentarfeltet er stengt …").
    pub cut_prefixes: Vec<String>,
    /// Lines that head a "read also" box ("Les også"): dropped with the short teaser lines
    /// right after; `Les også: <title>` on one line is dropped alone.
    pub aside_markers: Vec<String>,
    /// Labels of a line of tags, topics or share links ("Tags: …", "Läs mer om: …",
    /// "Chủ đề: …"): `Label: …` is dropped, and so is the label alone.
    pub tag_labels: Vec<String>,
    /// Lines dropped wherever they are ("Kildekobling", "Advertisement"). They are also the
    /// menu words that make a line of only two links a navigation line ("Abonner | Logg inn").
    pub drop_lines: Vec<String>,
    /// Line starts that drop the line: credits and banners ("Translated by", "Footer Banner").
    pub drop_prefixes: Vec<String>,
    /// Words that open a byline ("By", "Av", "Von"): `By Jane Doe and John Roe, Reuters` is
    /// dropped. The rest of the line must be names: capitalised words, or short lower-case
    /// particles ("and", "de", "van").
    pub byline_words: Vec<String>,
    /// Labels of a "Source: …" line; its URL becomes the article's url, a name its source.
    pub source_labels: Vec<String>,
    /// Words for "photo" in captions ("… - Foto 1.", "… - ảnh 1", "Foto: NTB").
    pub photo_words: Vec<String>,
    /// Relative timestamps, `{n}` standing for a number ("{n} giờ trước").
    pub relative_times: Vec<String>,
    /// Month names and abbreviations, for dateline lines.
    pub months: Vec<String>,
    /// Weekday names, for dateline lines.
    pub weekdays: Vec<String>,
    /// Other words a dateline line may hold ("Updated", "kl.").
    pub dateline_words: Vec<String>,
}

impl CleanLexicon {
    /// Parses one `clean.toml`.
    pub fn parse(lang: &str, toml_text: &str) -> Result<CleanLexicon, Error> {
        toml::from_str(toml_text).map_err(|source| Error::Lexicon { lang: lang.to_owned(), source })
    }

    /// The embedded lexicon of one language.
    pub fn embedded(lang: &str) -> Result<CleanLexicon, Error> {
        let text = attache_lexicon::stage_file(lang, "clean")
            .ok_or_else(|| Error::UnknownLanguage { lang: lang.to_owned() })?;
        CleanLexicon::parse(lang, text)
    }

    /// Adds every entry of `other` to this one.
    pub fn merge(&mut self, other: CleanLexicon) {
        let CleanLexicon {
            cut_markers,
            cut_prefixes,
            aside_markers,
            tag_labels,
            drop_lines,
            drop_prefixes,
            byline_words,
            source_labels,
            photo_words,
            relative_times,
            months,
            weekdays,
            dateline_words,
        } = other;
        self.cut_markers.extend(cut_markers);
        self.cut_prefixes.extend(cut_prefixes);
        self.aside_markers.extend(aside_markers);
        self.tag_labels.extend(tag_labels);
        self.drop_lines.extend(drop_lines);
        self.drop_prefixes.extend(drop_prefixes);
        self.byline_words.extend(byline_words);
        self.source_labels.extend(source_labels);
        self.photo_words.extend(photo_words);
        self.relative_times.extend(relative_times);
        self.months.extend(months);
        self.weekdays.extend(weekdays);
        self.dateline_words.extend(dateline_words);
    }
}

impl CleanConfig {
    /// Checks the config, loads the lexicons and compiles every pattern once.
    pub fn build(&self) -> Result<Cleaner, Error> {
        let positive = |key, value: usize| {
            if value == 0 {
                Err(Error::Config { key, reason: "must be at least 1" })
            } else {
                Ok(())
            }
        };
        positive("max_title_chars", self.max_title_chars)?;
        positive("max_dateline_chars", self.max_dateline_chars)?;
        positive("header_lines", self.header_lines)?;
        positive("max_html_depth", self.max_html_depth)?;
        let mut lexicon = CleanLexicon::default();
        if self.languages.is_empty() {
            for lang in attache_lexicon::languages() {
                if let Some(text) = attache_lexicon::stage_file(lang, "clean") {
                    lexicon.merge(CleanLexicon::parse(lang, text)?);
                }
            }
        } else {
            for lang in &self.languages {
                lexicon.merge(CleanLexicon::embedded(lang)?);
            }
        }
        lexicon.merge(self.extra.clone());
        Ok(Cleaner {
            rules: Rules::new(&lexicon, self)?,
            html: html::HtmlExtractor::new(self.max_html_depth),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_lexicon_parses_and_builds() {
        let langs: Vec<&str> = attache_lexicon::languages()
            .into_iter()
            .filter(|l| attache_lexicon::stage_file(l, "clean").is_some())
            .collect();
        for lang in ["en", "nb", "sv", "vi"] {
            assert!(langs.contains(&lang), "lexicons/{lang}/clean.toml is missing");
        }
        for lang in langs {
            let lexicon = CleanLexicon::embedded(lang).unwrap();
            assert!(!lexicon.cut_markers.is_empty(), "{lang}: no cut markers");
            let config = CleanConfig { languages: vec![lang.to_owned()], ..CleanConfig::default() };
            config.build().unwrap_or_else(|e| panic!("{lang}: {e}"));
        }
        CleanConfig::default().build().unwrap();
    }

    #[test]
    fn config_errors_table() {
        let cases = [
            (
                "unknown language",
                CleanConfig { languages: vec!["xx".into()], ..CleanConfig::default() },
                "no clean lexicon for language \"xx\" (lexicons/xx/clean.toml)",
            ),
            (
                "zero header lines",
                CleanConfig { header_lines: 0, ..CleanConfig::default() },
                "invalid clean config: header_lines must be at least 1",
            ),
        ];
        for (name, config, want) in cases {
            assert_eq!(config.build().unwrap_err().to_string(), want, "{name}");
        }
    }

    #[test]
    fn lexicon_rejects_unknown_keys() {
        let err = CleanLexicon::parse("xx", "cut_marker = [\"Related\"]").unwrap_err();
        assert_eq!(err.to_string(), "cannot read lexicons/xx/clean.toml");
        let ok = CleanLexicon::parse("xx", "cut_markers = [\"Related\"]").unwrap();
        assert_eq!(ok.cut_markers, ["Related"]);
    }
}
