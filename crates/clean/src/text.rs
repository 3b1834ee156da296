//! The plain-text line filter: boilerplate lines out, headline, dateline and source found.
//!
//! Every line is judged on its own with patterns compiled once ([`Rules::new`]): whole-line
//! phrases through a hash map, line starts through one anchored Aho-Corasick automaton, and the
//! shapes that are the same in every language (markdown images, `[ad_1]` placeholders, bare
//! domains, navigation menus, copyright footers) through regexes. Language words come from the
//! `clean.toml` lexicons.
//!
//! Then the kept lines are read as a page: the headline is the title-like line closest above
//! the lead paragraph (past the dateline), so that a site's banner, clock or slogan above it
//! is dropped, and short credit lines after the last paragraph ("TT", an author's name) go.

use crate::Error;
use crate::config::{CleanConfig, CleanLexicon};
use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};
use regex::Regex;
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

/// What a plain text reduces to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CleanText {
    /// Kept lines, one paragraph each, separated by a blank line; NFC.
    pub text: String,
    /// The headline, when the text starts with one.
    pub title: Option<String>,
    /// The article's own dateline line, as written.
    pub dateline: Option<String>,
    /// The agency or outlet: a lead tag `(VOVWORLD) -`, a `Source: VNA` line or a bare domain
    /// credit line, in that order of preference.
    pub source: Option<String>,
    /// The address from a `Source: https://…` line.
    pub url: Option<String>,
}

/// What a whole-line phrase does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Whole {
    Cut,
    Aside,
    Drop,
}

/// What a line-start phrase does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prefix {
    Cut,
    Drop,
    SourceLabel,
    Aside,
}

/// The verdict on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Verdict {
    Keep,
    Drop,
    /// A tail marker: cut here if article text came before, else drop the line.
    Cut,
    /// A "read also" heading: drop it and the teaser lines after it.
    Aside,
    /// A "Source: …" line: dropped, its URL or name kept.
    Source {
        url: Option<String>,
        name: Option<String>,
    },
    /// A bare domain ("Tuoitre.vn"): a credit line, dropped; the domain may name the source.
    Credit(String),
}

/// Characters of a line looked at for line-start phrases.
const HEAD_CHARS: usize = 100;
/// Longest line, in characters, that a whole-line phrase can be.
const MAX_PHRASE_CHARS: usize = 80;
/// Longest line, in characters, that a drop prefix, a source label or a banner can drop.
const MAX_LABEL_LINE_CHARS: usize = 150;
/// Teaser lines dropped after a bare "read also" heading.
const ASIDE_TEASERS: usize = 3;
/// Longest line, in characters, looked at as a navigation menu.
const MAX_NAV_CHARS: usize = 400;
/// Longest item of a navigation menu, in words and in characters.
const MAX_NAV_ITEM_WORDS: usize = 5;
const MAX_NAV_ITEM_CHARS: usize = 40;
/// Longest byline, in characters, and most words of names in it.
const MAX_BYLINE_CHARS: usize = 80;
const MAX_BYLINE_WORDS: usize = 8;
/// Longest credit line after the last paragraph ("TT", "Hồng Nhung", "(©NTB)"), in characters
/// and in words.
const MAX_CREDIT_CHARS: usize = 40;
const MAX_CREDIT_WORDS: usize = 4;
/// Fewest words of a lead paragraph.
const MIN_LEAD_WORDS: usize = 4;

/// The compiled line filter.
#[derive(Debug)]
pub(crate) struct Rules {
    whole: HashMap<String, Whole>,
    prefixes: Option<AhoCorasick>,
    prefix_kinds: Vec<Prefix>,
    caption: Regex,
    relative_time: Regex,
    link_only: Regex,
    placeholder: Regex,
    domain_line: Regex,
    banner: Regex,
    nav_separator: Regex,
    copyright: Regex,
    byline: Regex,
    date: Regex,
    date_noise: Regex,
    lead_tag: Regex,
    max_title_chars: usize,
    max_dateline_chars: usize,
    header_lines: usize,
    min_body_chars: usize,
    join_wrapped_lines: bool,
}

/// Lower-case, NFC, whitespace collapsed, and without a trailing count or colon:
/// `"Kommentar (0)"` → `"kommentar"`. The key of whole-line phrases.
fn line_key(line: &str) -> String {
    let lower: String = line.nfc().flat_map(char::to_lowercase).collect();
    let mut key = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    loop {
        let before = key.len();
        let trimmed = key.trim_end_matches([':', '：', ' ']);
        key.truncate(trimmed.len());
        // "(12)" or "[12]" or a bare "12" at the end.
        let stripped = key
            .strip_suffix(')')
            .and_then(|k| k.rsplit_once('('))
            .or_else(|| key.strip_suffix(']').and_then(|k| k.rsplit_once('[')))
            .filter(|(_, n)| !n.is_empty() && n.trim().chars().all(|c| c.is_ascii_digit()))
            .map(|(k, _)| k.len());
        if let Some(len) = stripped {
            key.truncate(len);
        }
        if key.len() == before {
            return key.trim().to_owned();
        }
    }
}

/// Words of a phrase list as a regex alternation (longest first), spaces matching any
/// whitespace; `None` when the list is empty.
fn alternation(words: &[String], number: bool) -> Option<String> {
    let mut words: Vec<String> = words
        .iter()
        .map(|w| w.trim().nfc().collect::<String>())
        .filter(|w| !w.is_empty())
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.dedup();
    let parts: Vec<String> = words
        .iter()
        .map(|w| {
            let escaped = regex::escape(w).replace(' ', r"\s+");
            if number { escaped.replace(r"\{n\}", r"\d+") } else { escaped }
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join("|"))
}

/// A regex that matches nothing, for an empty word list.
const NEVER: &str = r"[^\s\S]";

impl Rules {
    pub(crate) fn new(lexicon: &CleanLexicon, config: &CleanConfig) -> Result<Rules, Error> {
        let mut whole = HashMap::new();
        for (list, kind) in [
            (&lexicon.cut_markers, Whole::Cut),
            (&lexicon.aside_markers, Whole::Aside),
            (&lexicon.drop_lines, Whole::Drop),
            (&lexicon.tag_labels, Whole::Drop),
        ] {
            for phrase in list {
                let key = line_key(phrase);
                if !key.is_empty() {
                    whole.entry(key).or_insert(kind);
                }
            }
        }
        let mut prefix_map: HashMap<String, Prefix> = HashMap::new();
        for (list, kind) in [
            (&lexicon.cut_prefixes, Prefix::Cut),
            (&lexicon.drop_prefixes, Prefix::Drop),
            (&lexicon.source_labels, Prefix::SourceLabel),
            (&lexicon.aside_markers, Prefix::Aside),
            (&lexicon.tag_labels, Prefix::Aside),
        ] {
            for phrase in list {
                let key = line_key(phrase);
                if !key.is_empty() {
                    prefix_map.entry(key).or_insert(kind);
                }
            }
        }
        let mut prefix_list: Vec<(String, Prefix)> = prefix_map.into_iter().collect();
        prefix_list.sort_by(|a, b| a.0.cmp(&b.0));
        let prefixes = if prefix_list.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .start_kind(StartKind::Anchored)
                    .build(prefix_list.iter().map(|(p, _)| p))
                    .expect("a few hundred short literal phrases always build"),
            )
        };
        let prefix_kinds = prefix_list.into_iter().map(|(_, k)| k).collect();

        let compile = |field: &'static str, pattern: String| {
            regex::RegexBuilder::new(&pattern)
                .size_limit(50 << 20)
                .build()
                .map_err(|source| Error::Pattern { field, source: Box::new(source) })
        };
        let photo = alternation(&lexicon.photo_words, false).unwrap_or(NEVER.into());
        // "… - Photo 1", "Photo: AP" at the start, or a credit after the caption's last
        // sentence: "… in Hanoi on Tuesday. Photo: Reuters".
        let caption = compile(
            "photo_words",
            format!(
                r"(?i)(?:\s[-–—|]\s*(?:{photo})\s*(?:\d|:))|^[(\[]?\s*(?:{photo})(?:\s+\d+)?\s*[:：]|[.!?…][\x22”’»)]?\s+\(?(?:{photo})\s*[:：][^.!?:()]{{1,60}}\)?\.?$"
            ),
        )?;
        let byline_words = alternation(&lexicon.byline_words, false).unwrap_or(NEVER.into());
        let byline = compile(
            "byline_words",
            format!(r"^(?i:{byline_words})(?:\s*[:：]\s*|\s+)(\p{{Lu}}.*)$"),
        )?;
        let relative = alternation(&lexicon.relative_times, true).unwrap_or(NEVER.into());
        let relative_time =
            compile("relative_times", format!(r"(?i)^[\s·•|–-]*(?:{relative})[\s.]*$"))?;
        let months = alternation(&lexicon.months, false).unwrap_or(NEVER.into());
        let date = compile(
            "months",
            format!(
                r"(?i)\d{{1,2}}[./-]\d{{1,2}}[./-](?:\d{{4}}|\d{{2}})|\d{{4}}[./-]\d{{1,2}}[./-]\d{{1,2}}|\b(?:{months})\b\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\.?,?\s+\d{{4}}|\d{{1,2}}\.?\s+(?:\p{{L}}{{1,3}}\s+)?(?:{months})\b\.?,?\s+(?:\p{{L}}{{1,4}}\s+)?\d{{4}}"
            ),
        )?;
        let weekdays = alternation(&lexicon.weekdays, false).unwrap_or(NEVER.into());
        let words = alternation(&lexicon.dateline_words, false).unwrap_or(NEVER.into());
        let date_noise = compile(
            "dateline_words",
            format!(
                r"(?i)\d{{1,2}}[:h.]\d{{2}}(?::\d{{2}})?(?:\s*[ap]\.?m\b\.?)?|\b(?:GMT|UTC|ICT|CET|CEST|EET|EEST|MSK|EST|EDT|PST|PDT|BST|WIB)\b\s*(?:[+−-]\s*\d{{1,2}}(?::?\d{{2}})?)?|\b(?:{weekdays})\b|\b(?:{words})\b\.?"
            ),
        )?;
        let fixed = |pattern: &str| Regex::new(pattern).expect("fixed pattern compiles");
        Ok(Rules {
            whole,
            prefixes,
            prefix_kinds,
            caption,
            relative_time,
            link_only: fixed(r"^\[[^\]]*\]\([^)]*\)$"),
            placeholder: fixed(r"^\[[\p{L}\p{N}_ -]{1,40}\]$"),
            domain_line: fixed(
                r"(?i)^(?:https?://)?(?:www\.)?(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}(?:/\S*)?$",
            ),
            banner: fixed(r"(?i)^(?:www\.)?(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}\s*[-–—|:]\s+\S"),
            // "Home | World", "Home / World", "Home › World", "Home · World", "Home   World".
            nav_separator: fixed(r"\s*\|\s*|\s+[·•/›»>]\s+|\s{2,}"),
            copyright: fixed(r"(?i)^\(?\s*(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4}))"),
            // A city in capitals ("HANOI, VIETNAM", "WASHINGTON, May 16") or as a name
            // ("Hanoi", "Ho Chi Minh"; then a dash or colon must follow the tag, so that
            // "Jonas Støre (Ap) said" gives no source).
            lead_tag: fixed(
                r"^(?:(?P<caps>\p{Lu}[\p{Lu}\p{M} .,'’-]{1,40}(?:\s\p{Lu}\p{Ll}{2,}\.?\s+\d{1,2})?)\s|(?P<city>\p{Lu}\p{Ll}[\p{L}\p{M}'’-]*(?:\s\p{Lu}[\p{L}\p{M}'’-]*){0,2})\s)?\(\s*(?P<tag>[\p{Lu}\p{N}][^()\n]{0,38}?)\s*\)\s*(?P<sep>[-–—:]\s*)?(?P<rest>\S.*)$",
            ),
            byline,
            date,
            date_noise,
            max_title_chars: config.max_title_chars,
            max_dateline_chars: config.max_dateline_chars,
            header_lines: config.header_lines,
            min_body_chars: config.min_body_chars,
            join_wrapped_lines: config.join_wrapped_lines,
        })
    }

    /// The line-start phrase a line begins with, and the rest of the line after it.
    fn prefix<'a>(&self, line: &'a str) -> Option<(Prefix, &'a str)> {
        let ac = self.prefixes.as_ref()?;
        // Lower-case the head char by char, remembering where each lower-case char came from,
        // so that the match can be mapped back onto the original line.
        let mut head = String::new();
        let mut origin = Vec::new();
        for (i, c) in line.char_indices().take(HEAD_CHARS) {
            for l in c.to_lowercase() {
                origin.push((head.len(), i + c.len_utf8()));
                head.push(l);
            }
        }
        let found = ac.find(Input::new(&head).anchored(Anchored::Yes))?;
        let end = origin.iter().rev().find(|(at, _)| *at < found.end()).map(|(_, e)| *e)?;
        let rest = &line[end..];
        if rest.chars().next().is_some_and(char::is_alphanumeric) {
            return None; // "Sourcebook" is not "Source".
        }
        Some((self.prefix_kinds[found.pattern().as_usize()], rest))
    }

    /// Judges one trimmed, non-empty line.
    fn classify(&self, line: &str) -> Verdict {
        let chars = line.chars().count();
        if chars <= MAX_PHRASE_CHARS {
            match self.whole.get(&line_key(line)) {
                Some(Whole::Cut) => return Verdict::Cut,
                Some(Whole::Aside) => return Verdict::Aside,
                Some(Whole::Drop) => return Verdict::Drop,
                None => {}
            }
            if self.relative_time.is_match(line) || self.placeholder.is_match(line) {
                return Verdict::Drop;
            }
            if self.domain_line.is_match(line) {
                let domain = line.trim_start_matches("https://").trim_start_matches("http://");
                let domain = domain.split('/').next().unwrap_or(domain);
                return Verdict::Credit(domain.trim_start_matches("www.").to_lowercase());
            }
        }
        if line.starts_with("![") || line.starts_with("[![") || self.link_only.is_match(line) {
            return Verdict::Drop;
        }
        if self.caption.is_match(line) {
            return Verdict::Drop;
        }
        if chars <= MAX_LABEL_LINE_CHARS {
            if self.copyright.is_match(line) {
                return Verdict::Cut;
            }
            if let Some((kind, rest)) = self.prefix(line) {
                let after_colon = rest.trim_start().strip_prefix([':', '：']).map(str::trim);
                match kind {
                    Prefix::Cut => return Verdict::Cut,
                    Prefix::Drop => return Verdict::Drop,
                    Prefix::Aside if after_colon.is_some() => return Verdict::Drop,
                    Prefix::SourceLabel => {
                        if let Some(value) = after_colon {
                            let url = value
                                .split_whitespace()
                                .find(|w| w.starts_with("http://") || w.starts_with("https://"));
                            let name = match url {
                                None if !value.is_empty() && value.chars().count() <= 60 => {
                                    Some(value.to_owned())
                                }
                                _ => None,
                            };
                            return Verdict::Source { url: url.map(str::to_owned), name };
                        }
                    }
                    Prefix::Aside => {}
                }
            }
            if self.banner.is_match(line) || self.is_byline(line) {
                return Verdict::Drop;
            }
        }
        if chars <= MAX_NAV_CHARS && self.is_nav(line) {
            return Verdict::Drop;
        }
        Verdict::Keep
    }

    /// A navigation menu, breadcrumb or footer link row: several short items with no sentence
    /// punctuation between separators ("Home | World | Business", "Trang chủ › Thời sự",
    /// "Nyheter  Sport  Kultur"). Two items make one only when one is a menu word of the
    /// `drop_lines` ("Subscribe", "Logg inn"): "Putin in Hanoi | Example News" is a headline.
    fn is_nav(&self, line: &str) -> bool {
        if !self.nav_separator.is_match(line) || self.date.is_match(line) {
            return false;
        }
        let mut items = 0;
        let mut menu_word = false;
        for item in self.nav_separator.split(line).map(str::trim).filter(|i| !i.is_empty()) {
            let short = item.split_whitespace().count() <= MAX_NAV_ITEM_WORDS
                && item.chars().count() <= MAX_NAV_ITEM_CHARS;
            let prose = item.contains(['.', ',', ';', '!', '?', '"', '“', '”', '«', '»', '(']);
            if !short || prose || !item.chars().any(char::is_alphabetic) {
                return false;
            }
            menu_word |= self.whole.get(&line_key(item)) == Some(&Whole::Drop);
            items += 1;
        }
        items >= 3 || (items == 2 && menu_word)
    }

    /// A byline: a byline word, then only names ("By Jane Doe and John Roe, Reuters",
    /// "Av Kari Nordmann, NTB").
    fn is_byline(&self, line: &str) -> bool {
        if line.chars().count() > MAX_BYLINE_CHARS
            || line.ends_with(['.', '!', '?', ':', ';', '।', '。', '！', '？', '؟', '۔'])
        {
            return false;
        }
        let Some(names) = self.byline.captures(line).and_then(|c| c.get(1)) else {
            return false;
        };
        let words: Vec<&str> = names
            .as_str()
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '&'))
            .filter(|w| !w.is_empty())
            .collect();
        let name = |w: &&str| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || is_mark(c) || "-.'’".contains(c))
        };
        let particle = |w: &&str| w.chars().count() <= 3 && w.chars().all(char::is_lowercase);
        words.len() <= MAX_BYLINE_WORDS && words.iter().all(|w| name(w) || particle(w))
    }

    /// A short line that is mostly a date (and time): "12/06/2020 09:55",
    /// "Thứ Năm 20/06/2024 , 14:17 (GMT+7)", "Báo Tuổi TrẻBáo Tuổi Trẻ10/05/2025".
    ///
    /// Besides the date, time, zone, weekday and dateline words, at most three other words, or
    /// up to six when all are capitalised (an outlet or author name).
    pub(crate) fn is_date_line(&self, line: &str) -> bool {
        if line.chars().count() > self.max_dateline_chars
            || line.ends_with(['.', '।', '。', '؟', '۔'])
            || !self.date.is_match(line)
        {
            return false;
        }
        let without_date = self.date.replace_all(line, " ");
        let residue = self.date_noise.replace_all(&without_date, " ");
        let words: Vec<&str> = residue
            .split(|c: char| !c.is_alphabetic() && !is_mark(c))
            .filter(|w| !w.is_empty())
            .collect();
        words.len() <= 3
            || (words.len() <= 6
                && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase)))
    }

    /// A headline: short, more than one word, not ending a sentence with a period.
    fn is_title(&self, line: &str) -> bool {
        let chars = line.chars().count();
        let words = line.split_whitespace().count();
        chars <= self.max_title_chars
            && !line.ends_with(['.', '।', '。', '؟', '۔'])
            && (words >= 2 || chars >= 4 && !line.is_ascii())
    }

    /// A paragraph: at least a few words, and a sentence's end or longer than a headline.
    fn is_paragraph(&self, line: &str) -> bool {
        let end = line.trim_end_matches(['"', '”', '’', '\'', '»', ')', ']']);
        line.split_whitespace().count() >= MIN_LEAD_WORDS
            && (end.ends_with(['.', '…', '।', '。', '؟', '۔'])
                || line.chars().count() > self.max_title_chars)
    }

    /// The agency tag at the start of a lead paragraph: "(VOVWORLD) - …", "HANOI (VNA) – …",
    /// "Oslo (NTB): …".
    fn lead_tag<'a>(&self, line: &'a str) -> Option<&'a str> {
        let caps = self.lead_tag.captures(line)?;
        if caps.name("city").is_some() && caps.name("sep").is_none() {
            return None;
        }
        let tag = caps.name("tag")?.as_str().trim();
        let rest = caps.name("rest")?.as_str();
        let prose = rest.chars().count() >= 40 && rest.split_whitespace().count() >= 6;
        let short = tag.split_whitespace().count() <= 4;
        let not_a_date = !self.date.is_match(tag) && tag.chars().any(char::is_alphabetic);
        let not_a_caption = !self.caption.is_match(&format!("{tag}:"));
        (prose && short && not_a_date && not_a_caption).then_some(tag)
    }

    /// Cleans one plain text.
    pub(crate) fn clean(&self, text: &str) -> CleanText {
        let text: String = text.nfc().collect();
        let mut kept: Vec<Line<'_>> = Vec::new();
        let mut url = None;
        let mut label_source = None;
        let mut credit = None;
        let mut seen_body = false;
        let mut aside_teasers = 0;
        let mut adjacent = false;
        let mut dropped = false;
        for raw in text.split('\n') {
            let line = raw.trim();
            if line.is_empty() {
                adjacent = false;
                continue;
            }
            let verdict = self.classify(line);
            let keep = match verdict {
                Verdict::Keep => true,
                Verdict::Cut if seen_body => break,
                Verdict::Cut | Verdict::Drop => false,
                Verdict::Aside => {
                    aside_teasers = ASIDE_TEASERS;
                    false
                }
                Verdict::Source { url: u, name } => {
                    url = url.or(u);
                    label_source = label_source.or(name);
                    false
                }
                Verdict::Credit(domain) => {
                    credit = Some(domain);
                    false
                }
            };
            let teaser = keep && aside_teasers > 0 && self.is_teaser(line);
            if keep {
                aside_teasers = if teaser { aside_teasers - 1 } else { 0 };
            }
            if keep && !teaser {
                seen_body |= line.chars().count() >= self.min_body_chars;
                kept.push(Line { text: line, adjacent, dropped_before: dropped });
                adjacent = true;
                dropped = false;
            } else {
                adjacent = false;
                dropped = true;
            }
        }
        let header = self.header(&kept);
        // Credit lines after the last paragraph ("TT", an author's name) are not article text.
        let mut end = kept.len();
        if let Some(last) = kept.iter().rposition(|l| self.is_paragraph(l.text)) {
            let first = [Some(last), header.title, header.dateline].into_iter().flatten().max();
            let first = first.map_or(0, |i| i + 1);
            while end > first && is_credit(kept[end - 1].text) {
                end -= 1;
            }
        }
        let kept = &kept[..end];
        let mut paragraphs: Vec<String> = Vec::with_capacity(kept.len());
        for (i, line) in kept.iter().enumerate() {
            if i < header.drop_before {
                continue;
            }
            let special = |j: usize| Some(j) == header.title || Some(j) == header.dateline;
            let join = i > header.drop_before
                && !special(i)
                && !special(i - 1)
                && self.joins(kept[i - 1].text, line);
            match paragraphs.last_mut() {
                Some(last) if join => {
                    last.push(' ');
                    last.push_str(line.text);
                }
                _ => paragraphs.push(line.text.to_owned()),
            }
        }
        CleanText {
            text: paragraphs.join("\n\n"),
            title: header.title.map(|i| kept[i].text.to_owned()),
            dateline: header.dateline.map(|i| kept[i].text.to_owned()),
            source: header.lead_tag.map(str::to_owned).or(label_source).or(credit),
            url,
        }
    }

    /// A teaser title under a "read also" heading: short, no final period.
    fn is_teaser(&self, line: &str) -> bool {
        line.chars().count() <= self.max_title_chars
            && !line.ends_with(['.', '!', '?', ':', '।', '。', '！', '？', '؟', '۔'])
    }

    /// Whether `line` goes on the paragraph of the kept line before it (hard-wrapped text).
    fn joins(&self, before: &str, line: &Line<'_>) -> bool {
        self.join_wrapped_lines
            && line.adjacent
            && breaks_off(before)
            && line.text.chars().next().is_some_and(char::is_lowercase)
    }

    /// The headline above the lead paragraph at `lead`: the line closest above it, past the
    /// dateline, when the page shows its furniture: a dateline under that line, or dropped
    /// lines (menus, tag lines) or the page's clock above it; then the lines above it are the
    /// site's banner or slogan. With no furniture, the first line: a short line between the
    /// headline and the lead is a standfirst.
    fn headline_above(&self, kept: &[Line<'_>], lead: usize) -> Option<usize> {
        let date = |i: usize| self.is_date_line(kept[i].text);
        let closest = (0..lead).rev().find(|&i| !date(i))?;
        let furniture = closest + 1 < lead
            || kept[..=closest].iter().any(|l| l.dropped_before)
            || (0..closest).any(date);
        Some(if furniture { closest } else { 0 })
    }

    /// Finds the headline, the dateline and the lead tag among the first kept lines.
    fn header<'a>(&self, kept: &[Line<'a>]) -> Header<'a> {
        let window = self.header_lines;
        let top = &kept[..kept.len().min(window)];
        // The lead: the first paragraph, or the first line of a hard-wrapped one.
        let lead = (0..top.len()).find(|&i| {
            self.is_paragraph(kept[i].text)
                || kept.get(i + 1).is_some_and(|next| self.joins(kept[i].text, next))
        });
        let title = match lead {
            Some(lead) => self.headline_above(kept, lead),
            // Date lines above the headline are the page's clock; the first line that is not
            // one is the headline if it looks like one.
            None => top.iter().position(|l| !self.is_date_line(l.text)),
        };
        let title = title.filter(|&i| self.is_title(kept[i].text));
        let drop_before = title.unwrap_or(0);
        let start = title.map_or(0, |i| i + 1);
        let body = || kept.iter().enumerate().skip(start).take(window);
        let dateline = body().find(|(_, l)| self.is_date_line(l.text)).map(|(i, _)| i);
        let lead_tag = body().find_map(|(_, l)| self.lead_tag(l.text));
        Header { title, dateline, lead_tag, drop_before }
    }
}

/// A kept line; `adjacent` when the input line before it was kept too (no blank between),
/// `dropped_before` when a line was dropped between it and the kept line before.
struct Line<'a> {
    text: &'a str,
    adjacent: bool,
    dropped_before: bool,
}

/// What the first lines hold.
struct Header<'a> {
    title: Option<usize>,
    dateline: Option<usize>,
    lead_tag: Option<&'a str>,
    /// Kept lines before this index are dropped (the page clock above the headline).
    drop_before: usize,
}

/// A line that stops mid-sentence, as hard-wrapped text does.
fn breaks_off(line: &str) -> bool {
    line.chars().count() >= 40
        && !line.ends_with([
            '.', '!', '?', ':', ';', '…', '"', '\'', '”', '’', '»', ')', ']', '।', '。', '！',
            '？', '؟', '۔',
        ])
}

/// A credit line after the last paragraph: a few words, no sentence ("TT", "Hồng Nhung",
/// "(©NTB)").
fn is_credit(line: &str) -> bool {
    line.chars().count() <= MAX_CREDIT_CHARS
        && line.split_whitespace().count() <= MAX_CREDIT_WORDS
        && !line
            .ends_with(['.', '!', '?', '…', ':', '"', '”', '»', '।', '。', '！', '？', '؟', '۔'])
}

/// Combining marks count as part of a word.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Rules {
        let config = CleanConfig::default();
        let mut lexicon = CleanLexicon::default();
        for lang in ["en", "nb", "sv", "vi", "da", "de", "fr", "es", "ru"] {
            lexicon.merge(CleanLexicon::embedded(lang).unwrap());
        }
        Rules::new(&lexicon, &config).unwrap()
    }

    #[test]
    fn line_keys_table() {
        let cases = [
            ("plain", "Related News", "related news"),
            ("count", "Kommentar (0)", "kommentar"),
            ("count in brackets", "Comments [12]", "comments"),
            ("bare number kept", "Bình luận 3", "bình luận 3"),
            ("colon", "Les også:", "les også"),
            ("spaces", "  Tin   cùng chuyên mục ", "tin cùng chuyên mục"),
            ("upper case", "TIN MỚI", "tin mới"),
            ("number is part of text", "Top 10", "top 10"),
            ("parenthesis kept", "Putin (Russia)", "putin (russia)"),
        ];
        for (name, line, want) in cases {
            assert_eq!(line_key(line), want, "{name}");
        }
    }

    #[test]
    fn verdicts_table() {
        let r = rules();
        let keep = Verdict::Keep;
        let drop = Verdict::Drop;
        let cases = [
            // Section markers that cut the tail, in several languages and cases.
            ("en related", "Related News", Verdict::Cut),
            ("en comments count", "Comments (24)", Verdict::Cut),
            ("vi latest", "TIN MỚI", Verdict::Cut),
            ("vi same section", "Tin cùng chuyên mục", Verdict::Cut),
            ("sv same topic", "I samma ämne", Verdict::Cut),
            ("nb comments", "Kommentarer (3)", Verdict::Cut),
            ("de more", "Mehr zum Thema", Verdict::Cut),
            ("ru related", "Новости по теме", Verdict::Cut),
            (
                "marker inside prose",
                "Related news from the summit were scarce, officials said.",
                keep.clone(),
            ),
            ("aside", "Les også", Verdict::Aside),
            ("aside sv", "Läs också:", Verdict::Aside),
            ("aside with title", "Les også: Støre ringte Putin", drop.clone()),
            (
                "aside words in prose",
                "Les også denne saken om Putin og Xi, skriver avisen i dag.",
                keep.clone(),
            ),
            // Markdown and placeholders.
            ("markdown image", "![Putin i Moskva](https://example.org/a.jpg)", drop.clone()),
            ("linked image", "[![x](https://e.org/a.jpg)](https://e.org/)", drop.clone()),
            ("bare link", "[Đọc bài gốc](https://example.vn/bai-viet)", drop.clone()),
            ("ad placeholder", "[ad_1]", drop.clone()),
            ("ad placeholder words", "[quảng cáo]", drop.clone()),
            ("banner prefix", "Footer Banner Vietcombank", drop.clone()),
            // Captions.
            ("caption numbered", "Thủ tướng tiếp Đại sứ Nga - ảnh 2", drop.clone()),
            (
                "caption glued",
                "Scholz meets Xi in Beijing - Photo 1Scholz meets Xi in Beijing",
                drop.clone(),
            ),
            (
                "caption credit",
                "Kristersson tar emot Selenskyj i Stockholm - Foto: TT",
                drop.clone(),
            ),
            ("caption credit dash", "Støre og Zelenskyj i Oslo – Foto: NTB", drop.clone()),
            ("caption line", "Foto: Lise Åserud / NTB", drop.clone()),
            ("caption line vi", "Ảnh: TTXVN", drop.clone()),
            ("caption in parentheses", "(Photo: Reuters)", drop.clone()),
            (
                "photo word in prose",
                "Ảnh hưởng của cuộc gặp sẽ kéo dài, theo các chuyên gia.",
                keep.clone(),
            ),
            (
                "photo word not caption",
                "Photography exhibition opens in Hanoi - a first for the city",
                keep.clone(),
            ),
            // Relative timestamps.
            ("vi hours", "7 giờ trước", drop.clone()),
            ("nb hours", "3 timer siden", drop.clone()),
            ("en minutes", "12 minutes ago", drop.clone()),
            ("de hours", "vor 2 Stunden", drop.clone()),
            ("fr hours", "il y a 5 heures", drop.clone()),
            ("ru hours", "3 часа назад", drop.clone()),
            (
                "relative in prose",
                "Putin landed in Pyongyang 7 hours ago, state media said.",
                keep.clone(),
            ),
            // Credits and source lines.
            ("translated", "Translated by Nguyen Van A", drop.clone()),
            ("translated nb", "Oversatt av Kari Nordmann", drop.clone()),
            ("source link nb", "Kildekobling", drop.clone()),
            ("source link en", "Source link", drop.clone()),
            ("bare domain", "Vnexpress.net", Verdict::Credit("vnexpress.net".into())),
            ("bare url", "https://www.nrk.no/nyheter/", Verdict::Credit("nrk.no".into())),
            (
                "source url",
                "Nguồn: https://baochinhphu.vn/abc-102.htm",
                Verdict::Source {
                    url: Some("https://baochinhphu.vn/abc-102.htm".into()),
                    name: None,
                },
            ),
            ("source name", "Kilde: NTB", Verdict::Source { url: None, name: Some("NTB".into()) }),
            (
                "source word in prose",
                "Sources said the talks went well and lasted two hours in total.",
                keep.clone(),
            ),
            ("site banner", "Baomoi.com - Tin tức Việt Nam", drop.clone()),
            ("site banner pipe", "www.aftenposten.no | Nyheter", drop.clone()),
            (
                "abbreviation not a domain",
                "Mr. Putin - who arrived on Wednesday - met Mr. Xi.",
                keep.clone(),
            ),
            // Prose stays.
            ("prose", "President Putin takket respektfullt for gratulasjonene.", keep.clone()),
            ("headline", "Tổng thống Nga Vladimir Putin sẽ thăm chính thức Việt Nam", keep.clone()),
            // Tag, topic and share lines.
            ("en tags", "Tags: Macron, Modi, India", drop.clone()),
            ("fr tags, space before colon", "Mots-clés : Macron, Inde, Élysée", drop.clone()),
            ("vi topic", "Chủ đề: Ngoại giao, Hội nghị APEC", drop.clone()),
            ("nb topics", "Emner: Ukraina, Russland", drop.clone()),
            ("ru tags", "Теги: Путин, Си Цзиньпин", drop.clone()),
            ("sv read more about", "Läs mer om: Ukraina", drop.clone()),
            ("de label alone", "Themen", drop.clone()),
            (
                "label glued to a word",
                "Themenabend im Kanzleramt: Scholz empfängt Macron",
                keep.clone(),
            ),
            ("label word in prose", "Tema for møtet var handel og sikkerhet i Asia.", keep.clone()),
            ("share label", "Partager sur : Facebook, X, LinkedIn", drop.clone()),
            // Comment widgets that go on after the phrase, and copyright footers, cut the tail.
            ("en comments closed", "Comments are closed for this story.", Verdict::Cut),
            ("nb comments closed", "Kommentarfeltet er stengt på denne artikkelen", Verdict::Cut),
            ("es comments closed", "Los comentarios están cerrados.", Verdict::Cut),
            ("copyright sign", "© 2024 Nordposten AS", Verdict::Cut),
            ("copyright agency", "(© Ritzau)", Verdict::Cut),
            ("copyright word and year", "Copyright 2023 Example Media Group", Verdict::Cut),
            (
                "copyright in prose",
                "Copyright laws were debated in parliament on Tuesday.",
                keep.clone(),
            ),
            // Bylines.
            ("en byline", "By Maria Lopez and Tom Hart, Reuters", drop.clone()),
            ("nb byline", "Av Ingrid Berg, NTB", drop.clone()),
            ("de byline", "Von Hans Müller", drop.clone()),
            ("fr byline", "Par Jean-Luc Martin", drop.clone()),
            ("es byline with particles", "Por María José de la Fuente", drop.clone()),
            ("vi byline with colon", "Tác giả: Trần Thu Hà", drop.clone()),
            ("by in prose", "By Tuesday the talks had collapsed", keep.clone()),
            ("par in prose", "Par ailleurs, le président a reçu Modi.", keep.clone()),
            ("von in a headline", "Von Berlin nach Peking", keep.clone()),
            ("by in a title-case headline", "By The Numbers: Modi's Week In Moscow", keep.clone()),
            ("en byline with initials", "By J.R. O'Neill", drop.clone()),
            // A credit after the caption's last sentence.
            (
                "nb caption credit",
                "Modi og Putin i Kreml tirsdag. Foto: Sputnik / AP",
                drop.clone(),
            ),
            ("fr caption credit", "Macron accueille Modi à l'Élysée. Photo : AFP", drop.clone()),
            ("vi caption credit", "Thủ tướng đón Đại sứ tại Hà Nội. Ảnh: VGP", drop.clone()),
            (
                "en caption credit in brackets",
                "Modi in Moscow on Monday. (Photo: Reuters)",
                drop.clone(),
            ),
            (
                "photo word mid-sentence",
                "Han viste fram et foto: det var tatt i Moskva.",
                keep.clone(),
            ),
            (
                "photo after a sentence, then more prose",
                "They met in Hanoi. Photo: the two leaders shook hands. Talks followed.",
                keep,
            ),
        ];
        for (name, line, want) in cases {
            assert_eq!(r.classify(line), want, "{name}: {line}");
        }
    }

    #[test]
    fn nav_lines_table() {
        let r = rules();
        let cases = [
            ("en pipes", "Home | World | Business | Sport", true),
            ("fr breadcrumb", "Accueil › International › Asie", true),
            ("de spaces", "Politik  Wirtschaft  Kultur  Sport", true),
            ("es slashes", "Inicio / Mundo / América Latina", true),
            ("ru dots", "Главная · Политика · Экономика", true),
            ("sv footer bullets", "Om oss • Kontakt • Annonsera • Cookies", true),
            ("pipes without spaces", "Nyheter|Sport|Kultur", true),
            ("label before the items", "Dela: Facebook · LinkedIn · E-post", true),
            ("imprint", "Nordposten · Ansvarlig redaktør: Per Hansen · Personvern", true),
            ("two items, one a menu word", "Log ind | Abonnér", true),
            ("two items, vi menu word", "Tìm kiếm | Đăng nhập", true),
            ("two items, no menu word", "Scholz trifft Xi | Tagesschau", false),
            (
                "headline with site name",
                "Modi lands in Moscow for talks with Putin | World News",
                false,
            ),
            ("dateline with agency", "Publiceret 3. maj 2024 · Ritzau", false),
            ("dates and times", "12.05.2024 | 14:30 | Reuters", false),
            ("sentences with double spaces", "Hun sa  ja.  Han sa  nei.  Så gikk de.", false),
            (
                "prose double space",
                "Han sa  at avtalen var et viktig skritt for begge land i regionen",
                false,
            ),
            ("items with commas", "Lula, Xi · Modi · Putin", false),
            ("one item", "Politik", false),
            (
                "long item",
                "Home | World | The leaders of both countries met on Tuesday in Hanoi",
                false,
            ),
        ];
        for (name, line, want) in cases {
            assert_eq!(r.is_nav(line), want, "{name}: {line}");
        }
    }

    #[test]
    fn paragraphs_and_credits_table() {
        let r = rules();
        // (name, line, paragraph, credit)
        let cases = [
            ("sentence", "Modi held talks with Putin on Tuesday.", true, false),
            ("sentence in quotes", "«Vi er fornøyde», sa Støre etter møtet.", true, false),
            ("quote ends it", "Han sa: «Dette er en viktig dag.»", true, false),
            ("headline", "Modi holds talks with Putin in Moscow", false, false),
            ("question headline", "Hvorfor reiser Putin til Pyongyang?", false, false),
            ("too few words", "Bonn, 1990.", false, false),
            ("agency", "TT", false, true),
            ("vi author", "Thu Hà", false, true),
            ("agency in brackets", "(©Ritzau)", false, true),
            ("short sentence", "Det er uklart.", false, false),
            (
                "long teaser",
                "Biden and Xi agree to restore military communications at summit",
                false,
                false,
            ),
        ];
        for (name, line, paragraph, credit) in cases {
            assert_eq!(r.is_paragraph(line), paragraph, "{name}: paragraph: {line}");
            assert_eq!(is_credit(line), credit, "{name}: credit: {line}");
        }
    }

    #[test]
    fn date_lines_table() {
        let r = rules();
        let cases = [
            ("numeric with time", "12/06/2020 09:55", true),
            ("vi weekday and zone", "Thứ Năm 20/06/2024 , 14:17 (GMT+7)", true),
            ("outlet glued to date", "Báo Tuổi TrẻBáo Tuổi Trẻ10/05/2025", true),
            ("en page clock", "July 1, 2024 | 10:14 GMT +7", true),
            ("en published", "Published: Thursday, June 20, 2024 at 2:17 pm", true),
            ("nb", "Publisert 22. mars 2024 kl. 21.30", true),
            ("sv", "Uppdaterad 10 maj 2025 12:04", true),
            ("de", "Veröffentlicht am 20.06.2024 um 14:17 Uhr", true),
            ("fr", "Publié le 20 juin 2024 à 14h17", true),
            ("es", "20 de junio de 2024", true),
            ("ru", "20 июня 2024 г., 14:17", true),
            ("vi words", "Cập nhật lúc 09:55 ngày 12 tháng 6 năm 2020", true),
            ("iso", "2024-06-20T14:17", true),
            ("no date", "President To Lam holds talks with Putin", false),
            ("sentence with date", "The summit was held on 20/06/2024.", false),
            (
                "headline with date",
                "Putin visits Hanoi for talks with leaders on 20/06/2024",
                false,
            ),
            ("time only", "14:17", false),
            (
                "too long",
                "12/06/2020 09:55 – Tổng Bí thư, Chủ tịch nước Nguyễn Phú Trọng đã điện đàm với Putin",
                false,
            ),
        ];
        for (name, line, want) in cases {
            assert_eq!(r.is_date_line(line), want, "{name}: {line}");
        }
    }

    #[test]
    fn lead_tags_table() {
        let r = rules();
        let cases = [
            (
                "dash",
                "(VOVWORLD) - Party General Secretary Nguyen Phu Trong held talks with Putin in Hanoi.",
                Some("VOVWORLD"),
            ),
            (
                "no dash",
                "(VAN) After the welcoming ceremony at noon on June 20, the two presidents held talks.",
                Some("VAN"),
            ),
            (
                "city",
                "MOSKVA (NTB): Russlands president Vladimir Putin tok imot Kim Jong-un i Kreml i dag.",
                Some("NTB"),
            ),
            (
                "mixed case",
                "(Dân trí) - Chủ tịch nước Tô Lâm đã hội đàm với Tổng thống Nga Vladimir Putin tại Hà Nội.",
                Some("Dân trí"),
            ),
            ("short rest", "(VAN) Putin arrives", None),
            (
                "photo",
                "(Photo: VNA) President To Lam and President Putin held talks on June 20 in Hanoi.",
                None,
            ),
            (
                "date",
                "(20/06/2024) President To Lam and President Putin held talks on June 20 in Hanoi today.",
                None,
            ),
            (
                "city in capitals with a date",
                "BRUSSELS, March 3 (Reuters) - European Union leaders agreed on Thursday to more aid.",
                Some("Reuters"),
            ),
            (
                "city as a name, colon",
                "Bergen (NTB): Statsminister Jonas Gahr Støre møtte Polens president i Bergen i dag.",
                Some("NTB"),
            ),
            (
                "city as a name, dash",
                "Ho Chi Minh (TTXVN) - Chủ tịch nước đã tiếp Tổng thống Pháp tại thành phố hôm nay.",
                Some("TTXVN"),
            ),
            (
                "party after a name",
                "Jonas Berg (Ap) sa tirsdag at regjeringen vil øke støtten til Ukraina betydelig.",
                None,
            ),
            (
                "not at start",
                "President To Lam (left) and President Putin held talks on June 20 in Hanoi today.",
                None,
            ),
        ];
        for (name, line, want) in cases {
            assert_eq!(r.lead_tag(line), want, "{name}");
        }
    }

    #[test]
    fn documents_table() {
        let r = rules();
        // (name, input, text, title, dateline, source, url)
        type Row = (
            &'static str,
            &'static str,
            &'static str,
            Option<&'static str>,
            Option<&'static str>,
            Option<&'static str>,
            Option<&'static str>,
        );
        let cases: [Row; 14] = [
            (
                "headline, clock above it, dateline below",
                "June 3, 2025 | 08:00 GMT+2\n\nStøre ringte Putin om fangeutveksling\n\n04.06.2025 09:12\n\n(NTB) - Statsminister Jonas Gahr Støre snakket med Russlands president i telefon tirsdag.\n\nSamtalen varte i en time.",
                "Støre ringte Putin om fangeutveksling\n\n04.06.2025 09:12\n\n(NTB) - Statsminister Jonas Gahr Støre snakket med Russlands president i telefon tirsdag.\n\nSamtalen varte i en time.",
                Some("Støre ringte Putin om fangeutveksling"),
                Some("04.06.2025 09:12"),
                Some("NTB"),
                None,
            ),
            (
                "no headline: first line is a paragraph",
                "Statsminister Jonas Gahr Støre snakket med Russlands president Vladimir Putin i telefon tirsdag kveld.\nDe diskuterte krigen i Ukraina.",
                "Statsminister Jonas Gahr Støre snakket med Russlands president Vladimir Putin i telefon tirsdag kveld.\n\nDe diskuterte krigen i Ukraina.",
                None,
                None,
                None,
                None,
            ),
            (
                "tail cut after the article, source url kept",
                "Scholz trifft Xi in Peking\n\nBundeskanzler Olaf Scholz ist am Dienstag in Peking mit Staatschef Xi Jinping zusammengetroffen.\n\nQuelle: https://example.de/scholz-xi\n\nMehr zum Thema\n\nScholz reist nach Japan\nvor 3 Stunden",
                "Scholz trifft Xi in Peking\n\nBundeskanzler Olaf Scholz ist am Dienstag in Peking mit Staatschef Xi Jinping zusammengetroffen.",
                Some("Scholz trifft Xi in Peking"),
                None,
                None,
                Some("https://example.de/scholz-xi"),
            ),
            (
                "marker before any article text only drops the line",
                "Comments\n\nMacron meets Modi in Paris\n\nFrench President Emmanuel Macron received Indian Prime Minister Narendra Modi at the Elysee on Friday.",
                "Macron meets Modi in Paris\n\nFrench President Emmanuel Macron received Indian Prime Minister Narendra Modi at the Elysee on Friday.",
                Some("Macron meets Modi in Paris"),
                None,
                None,
                None,
            ),
            (
                "read-also box inside the article",
                "Kristersson ringde Zelenskyj\n\nStatsminister Ulf Kristersson talade i telefon med Ukrainas president Volodymyr Zelenskyj på måndagen.\n\nLäs också\n\nSverige skickar mer stöd\n\nSamtalet handlade om det fortsatta stödet till Ukraina och om Natos toppmöte.",
                "Kristersson ringde Zelenskyj\n\nStatsminister Ulf Kristersson talade i telefon med Ukrainas president Volodymyr Zelenskyj på måndagen.\n\nSamtalet handlade om det fortsatta stödet till Ukraina och om Natos toppmöte.",
                Some("Kristersson ringde Zelenskyj"),
                None,
                None,
                None,
            ),
            (
                "hard-wrapped lines are joined",
                "Modi visits Moscow\n\nIndian Prime Minister Narendra Modi arrived in Moscow on Monday for\ntalks with President Vladimir Putin, his first visit since 2019.",
                "Modi visits Moscow\n\nIndian Prime Minister Narendra Modi arrived in Moscow on Monday for talks with President Vladimir Putin, his first visit since 2019.",
                Some("Modi visits Moscow"),
                None,
                None,
                None,
            ),
            (
                "credit domain names the source; CRLF and NFD input",
                "Thu tuong tiep Dai su\r\n\r\nThủ tướng Phạm Minh Chính tiếp Đại sứ Nga Gennady Bezdetko tại trụ sở Chính phủ chiều 5/6.\r\n\r\nVnexpress.net\r\n",
                "Thu tuong tiep Dai su\n\nThủ tướng Phạm Minh Chính tiếp Đại sứ Nga Gennady Bezdetko tại trụ sở Chính phủ chiều 5/6.",
                Some("Thu tuong tiep Dai su"),
                None,
                Some("vnexpress.net"),
                None,
            ),
            (
                "banner, menu and tag line above the headline; agency credit after the body",
                "Nordposten\nHjem | Nyheter | Utenriks | Sport\nEmner: Ukraina · Russland\n\nPutin møter Erdoğan i Sotsji\n\nOppdatert 4. september 2023 kl. 14.05\n\nSotsji (NTB): Russlands president Vladimir Putin tok mandag imot Tyrkias president i Sotsji.\n\nSamtalene handlet om kornavtalen.\n\nNTB\n\nLes også\nKornavtalen er død\n\nKommentarfeltet er stengt.\nNordposten · Redaktør: Per Hansen · Personvern",
                "Putin møter Erdoğan i Sotsji\n\nOppdatert 4. september 2023 kl. 14.05\n\nSotsji (NTB): Russlands president Vladimir Putin tok mandag imot Tyrkias president i Sotsji.\n\nSamtalene handlet om kornavtalen.",
                Some("Putin møter Erdoğan i Sotsji"),
                Some("Oppdatert 4. september 2023 kl. 14.05"),
                Some("NTB"),
                None,
            ),
            (
                "slogan, page clock and account links above the headline; byline below it",
                "Der Tagesbote – Nachrichten aus aller Welt\nMontag, 8. Januar 2024\nAnmelden | Abonnieren\n\nScholz empfängt Macron in Berlin\n\nVon Hans Müller\n\nBundeskanzler Olaf Scholz hat den französischen Präsidenten Emmanuel Macron am Montag im Kanzleramt empfangen.\n\nBeide sprachen über die Ukraine.\n\nDie Kommentarfunktion ist geschlossen.\nImpressum · Datenschutz · Kontakt",
                "Scholz empfängt Macron in Berlin\n\nBundeskanzler Olaf Scholz hat den französischen Präsidenten Emmanuel Macron am Montag im Kanzleramt empfangen.\n\nBeide sprachen über die Ukraine.",
                Some("Scholz empfängt Macron in Berlin"),
                None,
                None,
                None,
            ),
            (
                "breadcrumb under the banner; author's name after the body",
                "Báo Mẫu - Tin tức 24h\nTrang chủ › Thế giới › Châu Á\n\nThủ tướng Nhật Bản thăm Việt Nam\n\n15/03/2024 10:20\n\n(BM) - Thủ tướng Nhật Bản đã đến Hà Nội sáng nay, bắt đầu chuyến thăm chính thức Việt Nam.\n\nHai bên sẽ ký nhiều văn kiện hợp tác.\n\nThu Hà\n\nTin liên quan\nNhật Bản viện trợ Việt Nam",
                "Thủ tướng Nhật Bản thăm Việt Nam\n\n15/03/2024 10:20\n\n(BM) - Thủ tướng Nhật Bản đã đến Hà Nội sáng nay, bắt đầu chuyến thăm chính thức Việt Nam.\n\nHai bên sẽ ký nhiều văn kiện hợp tác.",
                Some("Thủ tướng Nhật Bản thăm Việt Nam"),
                Some("15/03/2024 10:20"),
                Some("BM"),
                None,
            ),
            (
                "banner right above the headline, dateline under it",
                "Östersjöbladet – nyheter från norr\n\nKristersson besöker Helsingfors\n\nPublicerad 2 februari 2024 kl. 09.12\n\nStatsminister Ulf Kristersson reser på fredagen till Helsingfors för samtal med Finlands president.",
                "Kristersson besöker Helsingfors\n\nPublicerad 2 februari 2024 kl. 09.12\n\nStatsminister Ulf Kristersson reser på fredagen till Helsingfors för samtal med Finlands president.",
                Some("Kristersson besöker Helsingfors"),
                Some("Publicerad 2 februari 2024 kl. 09.12"),
                None,
                None,
            ),
            (
                "banner and page clock above the headline, no dateline",
                "El Diario del Sur\nMartes, 4 de junio de 2024\n\nSánchez recibe a Lula en Madrid\n\nEl presidente del Gobierno, Pedro Sánchez, recibió este martes al presidente brasileño en el palacio de la Moncloa.",
                "Sánchez recibe a Lula en Madrid\n\nEl presidente del Gobierno, Pedro Sánchez, recibió este martes al presidente brasileño en el palacio de la Moncloa.",
                Some("Sánchez recibe a Lula en Madrid"),
                None,
                None,
                None,
            ),
            (
                "no page furniture: a standfirst under the headline stays",
                "Macron reçoit Modi à l'Élysée\n\nUne visite placée sous le signe de la défense\n\nLe président Emmanuel Macron a reçu vendredi le Premier ministre indien Narendra Modi au palais de l'Élysée.",
                "Macron reçoit Modi à l'Élysée\n\nUne visite placée sous le signe de la défense\n\nLe président Emmanuel Macron a reçu vendredi le Premier ministre indien Narendra Modi au palais de l'Élysée.",
                Some("Macron reçoit Modi à l'Élysée"),
                None,
                None,
                None,
            ),
            (
                "dateline without headline",
                "12/06/2020 09:55\nNgày 11/6, Tổng Bí thư, Chủ tịch nước Nguyễn Phú Trọng đã có cuộc điện đàm với Tổng thống Nga.",
                "12/06/2020 09:55\n\nNgày 11/6, Tổng Bí thư, Chủ tịch nước Nguyễn Phú Trọng đã có cuộc điện đàm với Tổng thống Nga.",
                None,
                Some("12/06/2020 09:55"),
                None,
                None,
            ),
        ];
        for (name, input, text, title, dateline, source, url) in cases {
            let nfd: String = input.nfd().collect();
            let got = r.clean(&nfd);
            let want = CleanText {
                text: text.into(),
                title: title.map(Into::into),
                dateline: dateline.map(Into::into),
                source: source.map(Into::into),
                url: url.map(Into::into),
            };
            assert_eq!(got, want, "{name}");
        }
    }
}
