//! Language stage: identify an article's language, split it into sentences, normalise.
//!
//! Input: an [`Article`] from `clean` (NFC text). Output: the same article with
//! [`Article::lang`] set, and the sentence [`Span`]s of its text (byte offsets into the
//! text, which the extractor and the evidence use).
//!
//! Identification uses `whatlang` on the whole text; metadata that names the language wins.
//! Sentences come from Unicode sentence boundaries (UAX #29, `unicode-segmentation`), then
//! boundaries after known abbreviations ("Mr.", "bl.a.") and after day ordinals ("22. mars")
//! are undone. Abbreviations are data: `lexicons/<lang>/lang.toml`.
//!
//! ```
//! let stage = attache_lang::LangStage::new().unwrap();
//! let text = "Mr. Trong met Putin on 20 June. They talked.";
//! let spans = stage.sentences(text, "en");
//! assert_eq!(spans.len(), 2);
//! assert_eq!(stage.detect("Tổng Bí thư đã có cuộc điện đàm với Tổng thống Nga.").unwrap().code, "vi");
//! ```
//!
//! It does not translate, and it does not split words (the extractor matches lexicon
//! phrases on folded text instead).

use attache_model::{Article, Span};
use serde::Deserialize;
use std::collections::HashMap;
use unicode_segmentation::UnicodeSegmentation;

mod error;
pub use error::Error;

/// Result of language identification.
#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    /// ISO 639-1 code ("nb", "vi").
    pub code: String,
    /// whatlang's confidence, 0..1.
    pub confidence: f64,
    /// whatlang's own judgement of whether the guess can be trusted.
    pub reliable: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LangFile {
    #[serde(default)]
    abbreviations: Vec<String>,
    /// Languages that whatlang confuses with this one ("nb" ↔ "da").
    #[serde(default)]
    confusable_with: Vec<String>,
    /// Frequent words that tell this language from its confusables.
    #[serde(default)]
    markers: Vec<String>,
}

/// The language stage, built once from the lexicons.
#[derive(Debug)]
pub struct LangStage {
    abbreviations: HashMap<String, Vec<String>>,
    confusable: HashMap<String, Vec<String>>,
    markers: HashMap<String, Vec<String>>,
}

impl LangStage {
    /// Loads `lexicons/<lang>/lang.toml` for every language that has one.
    pub fn new() -> Result<LangStage, Error> {
        let mut stage = LangStage {
            abbreviations: HashMap::new(),
            confusable: HashMap::new(),
            markers: HashMap::new(),
        };
        for lang in attache_lexicon::languages() {
            if let Some(src) = attache_lexicon::stage_file(lang, "lang") {
                let file: LangFile = toml::from_str(src).map_err(|source| Error::Lexicon {
                    file: format!("{lang}/lang.toml"),
                    source,
                })?;
                let lower = |v: Vec<String>| v.iter().map(|a| a.to_lowercase()).collect();
                stage.abbreviations.insert(lang.to_string(), lower(file.abbreviations));
                stage.markers.insert(lang.to_string(), lower(file.markers));
                for other in file.confusable_with {
                    stage.confusable.entry(other.clone()).or_default().push(lang.to_string());
                    stage.confusable.entry(lang.to_string()).or_default().push(other);
                }
            }
        }
        for group in stage.confusable.values_mut() {
            group.sort();
            group.dedup();
        }
        Ok(stage)
    }

    /// Identifies the language of `text`; `None` when whatlang cannot tell or the language
    /// has no two-letter code. When the guess has close relatives that whatlang is known to
    /// mix up (Bokmål, Danish, Swedish), the marker words of each relative decide.
    pub fn detect(&self, text: &str) -> Option<Detection> {
        let info = whatlang::detect(text)?;
        // whatlang names Mandarin "cmn", which has no two-letter code of its own: it is the
        // "zh" of ISO 639-1 (and of lexicons/zh)
        let three = match info.lang().code() {
            "cmn" => "zho",
            "pes" => "fas", // Iranian Persian is ISO 639-1 "fa"
            other => other,
        };
        let code = isolang::Language::from_639_3(three)?.to_639_1()?.to_string();
        let code = self.settle_confusable(text, code);
        Some(Detection { code, confidence: info.confidence(), reliable: info.is_reliable() })
    }

    fn settle_confusable(&self, text: &str, guess: String) -> String {
        let Some(group) = self.confusable.get(&guess) else { return guess };
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let score = |lang: &str| {
            let markers = self.markers.get(lang).map(Vec::as_slice).unwrap_or(&[]);
            words.iter().filter(|w| markers.contains(w)).count()
        };
        let best = group.iter().map(|l| (score(l), l)).max_by_key(|(s, _)| *s);
        match best {
            Some((s, lang)) if s > score(&guess) => lang.clone(),
            _ => guess,
        }
    }

    /// Sets `article.lang` unless metadata already did.
    pub fn identify(&self, article: &mut Article) {
        if article.lang.is_none() {
            article.lang = self.detect(&article.text).map(|d| d.code);
        }
    }

    /// Sentence spans of `text` (byte offsets), trimmed of surrounding whitespace; never empty
    /// spans, never a span across a blank line.
    pub fn sentences(&self, text: &str, lang: &str) -> Vec<Span> {
        let abbreviations = self.abbreviations.get(lang).map(Vec::as_slice).unwrap_or(&[]);
        let mut out: Vec<Span> = Vec::new();
        let mut glue = false;
        for (start, piece) in text.split_sentence_bound_indices() {
            let trimmed = piece.trim_end();
            let lead = piece.len() - piece.trim_start().len();
            if trimmed.trim().is_empty() {
                continue;
            }
            let span = Span::new(start + lead, start + trimmed.len());
            match out.last_mut() {
                Some(last) if glue && !text[last.end..span.start].contains('\n') => {
                    last.end = span.end;
                }
                _ => out.push(span),
            }
            glue = ends_without_sentence_end(span.of(text), abbreviations);
        }
        out
    }
}

/// Whether a piece that UAX #29 closed really ends mid-sentence: after an abbreviation, an
/// initial ("V."), or a day ordinal ("22.") when the next word is not capitalised is
/// judged by the caller's newline rule; here only the piece itself is inspected.
fn ends_without_sentence_end(piece: &str, abbreviations: &[String]) -> bool {
    let Some(last_word) = piece.split_whitespace().last() else { return false };
    if !last_word.ends_with('.') {
        return false;
    }
    let lower = last_word.to_lowercase();
    let bare = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
    if abbreviations.iter().any(|a| a == bare) {
        return true;
    }
    // "»." or "…)." : no word before the period
    let Some(stem) = bare.strip_suffix('.') else { return false };
    // a day or ordinal number ("22.") or a single initial ("V.")
    (!stem.is_empty() && stem.len() <= 2 && stem.chars().all(|c| c.is_ascii_digit()))
        || (stem.chars().count() == 1 && stem.chars().all(char::is_uppercase))
        || (stem.chars().count() == 1 && last_word.chars().next().is_some_and(char::is_uppercase))
}

/// NFC-normalises text (the clean stage does this already; exposed for other inputs).
pub fn nfc(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_table() {
        let stage = LangStage::new().unwrap();
        let cases: &[(&str, &str, &str, usize)] = &[
            (
                "en abbreviation",
                "en",
                "Mr. Biden met Mr. Xi in Woodside. They talked for hours.",
                2,
            ),
            ("en initials", "en", "The U.S. president spoke. Then he left.", 2),
            ("nb day ordinal", "nb", "Møtet fant sted 13. desember i Oslo. Det varte en time.", 2),
            ("nb abbreviation", "nb", "De drøftet bl.a. handel. Senere dro de.", 2),
            ("sv klockan", "sv", "Mötet började kl. 12 i Stockholm. Sedan åt de lunch.", 2),
            ("vi two", "vi", "Hai bên đã hội đàm. Sau đó họ ký kết văn kiện.", 2),
            ("paragraphs", "en", "Headline without period\n\nFirst sentence. Second one.", 3),
            ("question", "en", "Will they meet? Nobody knows.", 2),
            (
                "quote before the period",
                "fr",
                "Il a parlé des « nouvelles réalités ». Puis il est parti.",
                2,
            ),
        ];
        for (name, lang, text, want) in cases {
            let spans = stage.sentences(text, lang);
            let got: Vec<&str> = spans.iter().map(|s| s.of(text)).collect();
            assert_eq!(spans.len(), *want, "{name}: {got:?}");
            for s in &spans {
                assert!(!s.of(text).trim().is_empty() && s.of(text) == s.of(text).trim(), "{name}");
            }
        }
    }

    #[test]
    fn detection_table() {
        let stage = LangStage::new().unwrap();
        let cases = [
            (
                "en",
                "The president held talks with the visiting prime minister in the capital on Tuesday, and the two leaders signed several agreements.",
            ),
            (
                "vi",
                "Chủ tịch nước đã hội đàm với Thủ tướng nước bạn tại Hà Nội và hai bên đã ký kết nhiều văn kiện hợp tác quan trọng.",
            ),
            (
                "sv",
                "Statsministern träffade sin kollega i huvudstaden på tisdagen och de två ledarna undertecknade flera avtal om samarbete.",
            ),
            (
                "nb",
                "Statsministeren møtte sin kollega i hovedstaden tirsdag, og de to lederne undertegnet flere avtaler om samarbeid og handel mellom landene.",
            ),
        ];
        for (want, text) in cases {
            assert_eq!(stage.detect(text).map(|d| d.code).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn metadata_language_wins() {
        let stage = LangStage::new().unwrap();
        let mut a = Article {
            id: attache_model::DocId("x".into()),
            origin: "x".into(),
            text: "The president held talks with the prime minister.".into(),
            title: None,
            published: None,
            dateline: None,
            source: None,
            url: None,
            lang: Some("sv".into()),
        };
        stage.identify(&mut a);
        assert_eq!(a.lang.as_deref(), Some("sv"));
    }
}
