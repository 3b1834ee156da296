//! Matching the lexicon on an article and cutting each sentence into tokens.
//!
//! The automaton runs once over the folded article. Every match is checked against word
//! boundaries, the capital letter its entry asks for, and prefix entries are stretched to
//! the end of their word; overlapping matches are then resolved leftmost-longest. A sentence
//! becomes a list of [`Tok`]s: lexicon phrases, numbers, other words and punctuation, each
//! with its byte range in the original text.

use crate::lexicon::{Entry, LangLex, NameForm, Pat};
use attache_model::fold::Folded;

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum TokKind {
    /// A lexicon phrase with every meaning that fits.
    Lex(Vec<Pat>),
    /// A run of digits: its value and digit count.
    Num(u32, u8),
    /// Any other word; `cap` when it starts with a capital letter.
    Word { cap: bool },
    /// One punctuation character.
    Punct(char),
}

/// A token: its kind and original byte range.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Tok {
    pub(crate) kind: TokKind,
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// The character, when the token is one punctuation character (even one the lexicon
    /// knows, like the range dash).
    pub(crate) punct: Option<char>,
}

impl Tok {
    pub(crate) fn pats(&self) -> &[Pat] {
        match &self.kind {
            TokKind::Lex(p) => p,
            _ => &[],
        }
    }

    pub(crate) fn has(&self, f: impl Fn(&Pat) -> bool) -> bool {
        self.pats().iter().any(f)
    }

    pub(crate) fn is_punct(&self, chars: &[char]) -> bool {
        self.punct.is_some_and(|c| chars.contains(&c))
    }
}

/// A lexicon match in folded coordinates.
#[derive(Debug, Clone)]
struct Hit {
    start: usize,
    end: usize,
    pats: Vec<Pat>,
}

/// The matched article: folded text plus the accepted lexicon hits in order.
pub(crate) struct Matched<'a> {
    text: &'a str,
    folded: Folded,
    hits: Vec<Hit>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Scripts written without spaces between words (Chinese, Japanese kana, Thai, Lao, Khmer,
/// Myanmar): a phrase there needs no word boundary around it.
fn spaceless(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF)
}

/// Korean attaches particles to nouns ("푸틴은"): a phrase may end inside a Hangul word.
fn hangul(c: char) -> bool {
    matches!(c as u32, 0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F)
}

/// Whether `a` then `b` (adjacent characters) lie inside one word.
fn joined(a: Option<char>, b: Option<char>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => is_word_char(a) && is_word_char(b) && !spaceless(a) && !spaceless(b),
        _ => false,
    }
}

/// Whether the word holding offset `s` starts with exactly one of `clitics` right before `s`
/// (Arabic "و" + "بوتين": "and Putin").
fn after_clitic(f: &str, s: usize, clitics: &[String]) -> bool {
    let word_start = f[..s]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word_char(*c))
        .last()
        .map_or(s, |(i, _)| i);
    clitics.iter().any(|c| &f[word_start..s] == c.as_str())
}

/// Whether a period, a comma or a number comes next (after at most one space).
fn before_number_or_stop(rest: &str) -> bool {
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    rest.chars().next().is_some_and(|c| c == '.' || c == ',' || c.is_ascii_digit())
}

fn char_before(s: &str, at: usize) -> Option<char> {
    s[..at].chars().next_back()
}

fn char_at(s: &str, at: usize) -> Option<char> {
    s[at..].chars().next()
}

impl<'a> Matched<'a> {
    pub(crate) fn new(text: &'a str, lex: &LangLex) -> Matched<'a> {
        let folded = Folded::with(text, !lex.keep_diacritics);
        let f = folded.text.as_str();
        let mut hits: Vec<Hit> = Vec::new();
        for m in lex.ac.find_overlapping_iter(f) {
            let (s, e) = (m.start(), m.end());
            let first = char_at(f, s);
            let last = char_before(f, e);
            let starts_word =
                !joined(char_before(f, s), first) || after_clitic(f, s, &lex.clitic_prefixes);
            // a day or year marker may be written onto its number ("16일", "2023년")
            let after_digit = char_before(f, s).is_some_and(|c| c.is_ascii_digit());
            let original_start = folded.map[s];
            let upper = char_at(text, original_start).is_some_and(char::is_uppercase);
            let ends_word = !joined(last, char_at(f, e)) || last.is_some_and(hangul);
            let mut by_end: Vec<(usize, Pat)> = Vec::new();
            for entry in &lex.entries[m.pattern().as_usize()] {
                if entry.cap && !upper {
                    continue;
                }
                let marker = matches!(entry.pat, Pat::DayMarker | Pat::YearMarker);
                if !(starts_word || after_digit && marker) {
                    continue;
                }
                if let Some(end) = accept_end(f, e, ends_word, entry, lex)
                    && (!entry.abbr || before_number_or_stop(&f[end..]))
                {
                    by_end.push((end, entry.pat.clone()));
                }
            }
            for end in by_end.iter().map(|(e, _)| *e).collect::<std::collections::BTreeSet<_>>() {
                let pats =
                    by_end.iter().filter(|(e, _)| *e == end).map(|(_, p)| p.clone()).collect();
                hits.push(Hit { start: s, end, pats });
            }
        }
        // leftmost-longest, no overlaps
        hits.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut kept: Vec<Hit> = Vec::with_capacity(hits.len());
        for h in hits {
            if kept.last().is_none_or(|k| h.start >= k.end) {
                kept.push(h);
            }
        }
        Matched { text, folded, hits: kept }
    }

    /// Tokens of the original byte range `start..end` (a sentence).
    pub(crate) fn tokens(&self, start: usize, end: usize) -> Vec<Tok> {
        let f = self.folded.text.as_str();
        let (fs, fe) = (self.folded.folded_offset(start), self.folded.folded_offset(end));
        let mut out = Vec::new();
        let mut hit = self.hits.partition_point(|h| h.start < fs);
        let mut i = fs;
        while i < fe {
            if hit < self.hits.len() && self.hits[hit].start == i && self.hits[hit].end <= fe {
                let h = &self.hits[hit];
                out.push(self.tok(TokKind::Lex(h.pats.clone()), h.start, h.end));
                i = h.end;
                hit += 1;
                continue;
            }
            while hit < self.hits.len() && self.hits[hit].start < i {
                hit += 1;
            }
            let c = char_at(f, i).expect("i is inside the folded text");
            let next_hit = if hit < self.hits.len() { self.hits[hit].start.min(fe) } else { fe };
            if c.is_whitespace() {
                i += c.len_utf8();
            } else if c.is_ascii_digit() {
                let len = f[i..next_hit].bytes().take_while(u8::is_ascii_digit).count();
                let digits = &f[i..i + len];
                let value = digits.parse::<u32>().unwrap_or(u32::MAX);
                out.push(self.tok(TokKind::Num(value, len.min(255) as u8), i, i + len));
                i += len;
            } else if is_word_char(c) {
                let len: usize = f[i..next_hit]
                    .chars()
                    .take_while(|c| is_word_char(*c) && !c.is_ascii_digit())
                    .map(char::len_utf8)
                    .sum::<usize>()
                    .max(c.len_utf8());
                let original = self.folded.map[i];
                let cap = char_at(self.text, original).is_some_and(char::is_uppercase);
                out.push(self.tok(TokKind::Word { cap }, i, i + len));
                i += len;
            } else {
                out.push(self.tok(TokKind::Punct(c), i, i + c.len_utf8()));
                i += c.len_utf8();
            }
        }
        out
    }

    fn tok(&self, kind: TokKind, fs: usize, fe: usize) -> Tok {
        let (start, end) = self.folded.original_range(fs, fe);
        let mut chars = self.folded.text[fs..fe].chars();
        let punct = match (chars.next(), chars.next()) {
            (Some(c), None) if !is_word_char(c) => Some(c),
            _ => None,
        };
        Tok { kind, start, end, punct }
    }
}

/// Where a match of `entry` ending at folded offset `e` really ends, if it is acceptable:
/// at a word end; for prefixes, stretched to the word end; for names, also after a genitive
/// suffix ("Rysslands", "To Lams").
fn accept_end(f: &str, e: usize, ends_word: bool, entry: &Entry, lex: &LangLex) -> Option<usize> {
    if ends_word {
        return Some(e);
    }
    if entry.prefix {
        let len: usize = f[e..].chars().take_while(|c| is_word_char(*c)).map(char::len_utf8).sum();
        return Some(e + len);
    }
    let is_name =
        matches!(
            entry.pat,
            Pat::Person { form: NameForm::Full | NameForm::Short | NameForm::Titled, .. }
        ) || matches!(entry.pat, Pat::Country { form: crate::lexicon::CountryForm::Name, .. });
    let suffixes: &[String] = match entry.pat {
        _ if is_name => &lex.name_suffixes,
        Pat::Month(_) | Pat::Weekday(_) => &lex.calendar_suffixes,
        _ => &[],
    };
    suffixes.iter().find_map(|suffix| {
        let after = e + suffix.len();
        (f[e..].starts_with(suffix.as_str()) && !char_at(f, after).is_some_and(is_word_char))
            .then_some(after)
    })
}
