//! Data types shared by every attache stage; no I/O lives here.
//!
//! The pipeline turns a [`RawDoc`] (bytes as read from a file, a JSONL line or a WARC
//! record) into an [`Article`] (cleaned text plus metadata), then into per-document
//! [`DocExtraction`]s (encounter and act mentions with their evidence), and finally into
//! resolved [`Encounter`]s and [`Act`]s, each carrying every document that reports it.
//!
//! Offsets: a [`Span`] holds **byte** offsets into [`Article::text`]; the interchange
//! format wants **character** offsets, which [`Evidence`] carries.

pub mod fold;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Identifier of a document: the file name for files, the JSONL `id`, or the WARC record id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocId(pub String);

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How the body of a raw document is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Text already extracted from a page (with its boilerplate still in).
    Text,
    /// An HTML page.
    Html,
}

/// Metadata that came with a document from outside its text (JSONL fields, HTTP headers).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// Address the page was fetched from.
    pub url: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Publication date as given by the feed.
    pub published: Option<Date>,
    /// ISO 639-1 language code as given by the feed; trusted over detection.
    pub language: Option<String>,
    /// Outlet or agency.
    pub source: Option<String>,
}

/// A document as read by `ingest`: decoded to UTF-8, not yet cleaned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawDoc {
    /// Document id (see [`DocId`]).
    pub id: DocId,
    /// Where it came from, for messages: a path, or `path:line` for JSONL.
    pub origin: String,
    /// Text or HTML.
    pub format: Format,
    /// The decoded body.
    pub body: String,
    /// Metadata given with the document.
    pub meta: Meta,
}

/// A cleaned article: main text only, NFC, with its metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Document id.
    pub id: DocId,
    /// Where it came from.
    pub origin: String,
    /// Cleaned main text; every [`Span`] indexes this string.
    pub text: String,
    /// Headline, when one was found.
    pub title: Option<String>,
    /// Publication date: from metadata, else from the article's own dateline.
    pub published: Option<Date>,
    /// The article's own dateline line as written ("12/06/2020 09:55"), found by `clean`;
    /// the date resolver reads `published` from it when metadata gives none.
    pub dateline: Option<String>,
    /// Outlet or agency, when named.
    pub source: Option<String>,
    /// Page address, when known.
    pub url: Option<String>,
    /// ISO 639-1 code, filled in by the language stage.
    pub lang: Option<String>,
}

/// Byte offsets `[start, end)` into an article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start after end");
        Span { start, end }
    }

    /// The text this span covers.
    pub fn of<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    /// Whether `other` lies inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// Kinds of diplomatic contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EncounterType {
    /// A telephone or video call.
    PhoneCall,
    /// Talks or a meeting in person.
    Meeting,
    /// One side travels to the other's country.
    Visit,
}

impl EncounterType {
    /// Every encounter type, in a stable order.
    pub const ALL: [EncounterType; 3] =
        [EncounterType::PhoneCall, EncounterType::Meeting, EncounterType::Visit];

    /// The snake_case name used in files and the interchange format.
    pub fn as_str(self) -> &'static str {
        match self {
            EncounterType::PhoneCall => "phone_call",
            EncounterType::Meeting => "meeting",
            EncounterType::Visit => "visit",
        }
    }

    /// Parses the snake_case name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// Kinds of act one side does towards another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActType {
    /// Invites the other side (usually to visit).
    Invitation,
    /// Accepts an invitation.
    AcceptInvitation,
    /// Congratulates.
    Congratulation,
    /// Offers condolences or sympathy.
    Condolence,
    /// Signs or issues a joint document.
    Agreement,
}

impl ActType {
    /// Every act type, in a stable order.
    pub const ALL: [ActType; 5] = [
        ActType::Invitation,
        ActType::AcceptInvitation,
        ActType::Congratulation,
        ActType::Condolence,
        ActType::Agreement,
    ];

    /// The snake_case name used in files and the interchange format.
    pub fn as_str(self) -> &'static str {
        match self {
            ActType::Invitation => "invitation",
            ActType::AcceptInvitation => "accept_invitation",
            ActType::Congratulation => "congratulation",
            ActType::Condolence => "condolence",
            ActType::Agreement => "agreement",
        }
    }

    /// Parses the snake_case name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// Which side of a visit a participant is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The travelling side.
    Visitor,
    /// The receiving side.
    Host,
}

/// One side of an encounter.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Participant {
    /// ISO 3166-1 alpha-3 code.
    pub country: Option<String>,
    /// Display name with diacritics; `None` when only the country or an unnamed office is known.
    pub person: Option<String>,
    /// Office code (`president`, `prime_minister`, `general_secretary`, …).
    pub role: Option<String>,
    /// Visitor or host, for visits.
    pub side: Option<Side>,
}

/// The sender or receiver of an act.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Party {
    /// ISO 3166-1 alpha-3 code.
    pub country: Option<String>,
    /// Display name, when known.
    pub person: Option<String>,
}

/// When an event happened, as far as the text tells.
///
/// `start`/`end` are `None` when no day is given; `not_before` may then bound it.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct When {
    /// First day.
    pub start: Option<Date>,
    /// Last day; `None` with a `start` and a `not_before` means open-ended.
    pub end: Option<Date>,
    /// Lower bound when the day itself is unknown (or the end is open).
    pub not_before: Option<Date>,
    /// The words the text used ("on Thursday", "Ngày 11/6").
    pub text: Option<String>,
    /// How the date was resolved, for `attache show`.
    pub how: Option<String>,
    /// Weekdays the text names but could not place (no publication date): first and last,
    /// Monday = 1 ("from Wednesday to Thursday" = (3, 4)). The resolve stage dates such an
    /// event from a dated sibling of the same visit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekdays: Option<(u8, u8)>,
}

impl When {
    /// The date as a reader sees it: `2024-06-20`, `2024-06-20 – 2024-06-22`, `2024-05-08 –`
    /// (open-ended), `undated, after 2024-03-01`, `undated`.
    pub fn label(&self) -> String {
        match (self.start, self.end) {
            (Some(s), Some(e)) if s != e => format!("{s} – {e}"),
            (Some(s), None) if self.not_before.is_some() => format!("{s} –"),
            (Some(s), _) => s.to_string(),
            (None, _) => match self.not_before {
                Some(nb) => format!("undated, after {nb}"),
                None => "undated".to_string(),
            },
        }
    }

    /// True when the text gave no day.
    pub fn is_undated(&self) -> bool {
        self.start.is_none()
    }

    /// The last day this date can be: `end`, else `start` when closed, else `None` (open).
    pub fn last_day(&self) -> Option<Date> {
        match (self.start, self.end) {
            (_, Some(e)) => Some(e),
            (Some(s), None) if self.not_before.is_none() => Some(s),
            _ => None,
        }
    }

    /// Number of days covered (1 for a single day); `None` when undated or open.
    pub fn width_days(&self) -> Option<i64> {
        let (s, e) = (self.start?, self.last_day()?);
        Some(i64::from((e - s).get_days()) + 1)
    }

    /// Whether two dates can describe the same event: intervals overlap, and an undated one
    /// does not contradict the other's bound.
    pub fn compatible(&self, other: &When) -> bool {
        match (self.start, other.start) {
            (None, None) => true,
            (None, Some(_)) => {
                self.not_before.is_none_or(|nb| other.last_day().is_none_or(|e| e >= nb))
            }
            (Some(_), None) => other.compatible(self),
            (Some(a), Some(b)) => {
                let ae = self.last_day();
                let be = other.last_day();
                ae.is_none_or(|ae| ae >= b) && be.is_none_or(|be| be >= a)
            }
        }
    }
}

/// Where an event happened.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Place {
    /// City or site as displayed ("Hanoi", "Moscow").
    pub name: String,
    /// ISO 3166-1 alpha-3 code.
    pub country: Option<String>,
}

/// A sentence that reports an event, in its original language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Evidence {
    /// Document the sentence is in.
    pub document: DocId,
    /// ISO 639-1 code of the document.
    pub language: String,
    /// The sentence itself.
    pub text: String,
    /// Character (not byte) offset of the sentence in the cleaned text.
    pub start: usize,
    /// Character offset one past the sentence's end.
    pub end: usize,
}

/// A diplomatic contact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Encounter {
    /// Stable id (`ev-…`); per-document ids before resolution.
    pub id: String,
    /// Phone call, meeting or visit.
    #[serde(rename = "type")]
    pub kind: EncounterType,
    /// When it happened.
    pub date: When,
    /// The sides, sorted by country.
    pub participants: Vec<Participant>,
    /// Where, when the text says.
    pub place: Option<Place>,
    /// Every document that reports it, sorted.
    pub documents: Vec<DocId>,
    /// Every sentence that reports it.
    pub evidence: Vec<Evidence>,
    /// 0..1, higher when more sources and explicit dates agree.
    pub confidence: f32,
    /// The visit this encounter happened during (its `ev-…` id), when it is part of one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub episode: Option<String>,
    /// Why reports from other articles were merged into this one, one line each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub why: Vec<String>,
}

/// What one side did towards another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Act {
    /// Stable id (`act-…`).
    pub id: String,
    /// Invitation, congratulation, …
    #[serde(rename = "type")]
    pub kind: ActType,
    /// Id of the encounter it happened in, if any.
    pub during: Option<String>,
    /// Who did it.
    pub from: Party,
    /// Towards whom.
    pub to: Party,
    /// What it was about ("official visit to Vietnam"), when the text says.
    pub object: Option<String>,
    /// When; usually the date of the encounter it happened in.
    pub date: When,
    /// Every document that reports it.
    pub documents: Vec<DocId>,
    /// Every sentence that reports it.
    pub evidence: Vec<Evidence>,
    /// For an invitation: the visit that later fulfilled it (its `ev-…` id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fulfilled_by: Option<String>,
}

/// What dedupe needs to know of an article to tell copies and translations of one story:
/// computed once when the article is processed, stored with its extraction.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// ISO 639-1 code.
    pub lang: String,
    /// MinHash minima over word 3-shingles (empty for texts under three words).
    pub minhash: Vec<u64>,
    /// Language-independent features: numbers, names, countries, days.
    pub skeleton: std::collections::BTreeSet<String>,
    /// Paragraphs in the text: a translation keeps the original's.
    #[serde(default)]
    pub paragraphs: u32,
    /// The numbers of the text in order: a translation keeps them, and their order.
    #[serde(default)]
    pub numbers: Vec<String>,
}

/// What extraction found in one article, before any cross-document resolution.
///
/// Encounter ids are local (`m0`, `m1`, …); [`Act::during`] refers to them. The resolve
/// stage merges reports of one encounter, within and across articles.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocExtraction {
    /// The article's publication date: nothing it reports as done happened after it.
    #[serde(default)]
    pub published: Option<Date>,
    /// Encounters reported by this article, one per reporting sentence.
    pub encounters: Vec<Encounter>,
    /// Acts reported by this article, deduplicated within the article.
    pub acts: Vec<Act>,
    /// For telling copies and translations of one story apart from new reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<Fingerprint>,
}

/// The set of countries an event joins, as one key ("RUS,VNM"): resolution works dyad by
/// dyad, since only reports between the same countries can be one event.
pub fn dyad<'a>(countries: impl IntoIterator<Item = Option<&'a str>>) -> String {
    let mut c: Vec<&str> = countries.into_iter().flatten().collect();
    c.sort_unstable();
    c.dedup();
    c.join(",")
}

/// `VNM Tô Lâm (general secretary)`: country, name and office, whichever are known.
fn who(country: Option<&str>, person: Option<&str>, role: Option<&str>) -> String {
    let mut s = country.unwrap_or("???").to_string();
    if let Some(p) = person {
        s.push(' ');
        s.push_str(p);
    }
    if let Some(r) = role {
        s.push_str(&format!(" ({})", r.replace('_', " ")));
    }
    s
}

impl Participant {
    /// As a reader sees it: country, name, office and side (`[visitor]`, `[host]`).
    pub fn label(&self) -> String {
        let mut s = who(self.country.as_deref(), self.person.as_deref(), self.role.as_deref());
        match self.side {
            Some(Side::Visitor) => s.push_str(" [visitor]"),
            Some(Side::Host) => s.push_str(" [host]"),
            None => {}
        }
        s
    }
}

impl Party {
    /// As a reader sees it: country and name.
    pub fn label(&self) -> String {
        who(self.country.as_deref(), self.person.as_deref(), None)
    }
}

impl Encounter {
    /// The countries this encounter joins (see [`dyad`]).
    pub fn dyad(&self) -> String {
        dyad(self.participants.iter().map(|p| p.country.as_deref()))
    }
}

impl Act {
    /// The countries this act joins (see [`dyad`]).
    pub fn dyad(&self) -> String {
        dyad([self.from.country.as_deref(), self.to.country.as_deref()])
    }
}

impl DocExtraction {
    /// Every dyad the article's reports touch.
    pub fn dyads(&self) -> Vec<String> {
        let mut d: Vec<String> = self
            .encounters
            .iter()
            .map(Encounter::dyad)
            .chain(self.acts.iter().map(Act::dyad))
            .filter(|d| !d.is_empty())
            .collect();
        d.sort();
        d.dedup();
        d
    }

    /// Only the reports of the given dyads (an act whose encounter is left out loses it).
    pub fn within(&self, dyads: &std::collections::HashSet<String>) -> DocExtraction {
        let encounters: Vec<Encounter> =
            self.encounters.iter().filter(|e| dyads.contains(&e.dyad())).cloned().collect();
        let kept: std::collections::HashSet<&str> =
            encounters.iter().map(|e| e.id.as_str()).collect();
        let acts = self
            .acts
            .iter()
            .filter(|a| dyads.contains(&a.dyad()))
            .map(|a| {
                let mut a = a.clone();
                if a.during.as_deref().is_some_and(|d| !kept.contains(d)) {
                    a.during = None;
                }
                a
            })
            .collect();
        DocExtraction { encounters, acts, ..self.clone() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn w(s: Option<Date>, e: Option<Date>, nb: Option<Date>) -> When {
        When { start: s, end: e, not_before: nb, ..When::default() }
    }

    #[test]
    fn date_labels() {
        let d = |m, day| Some(date(2024, m, day));
        let cases = [
            (w(d(6, 20), None, None), "2024-06-20"),
            (w(d(6, 20), d(6, 22), None), "2024-06-20 – 2024-06-22"),
            (w(d(5, 8), None, d(5, 8)), "2024-05-08 –"),
            (w(None, None, d(3, 1)), "undated, after 2024-03-01"),
            (w(None, None, None), "undated"),
        ];
        for (when, want) in cases {
            assert_eq!(when.label(), want);
        }
    }

    #[test]
    fn date_compatibility_table() {
        let d = |m, day| Some(date(2024, m, day));
        let cases = [
            ("same day", w(d(6, 20), None, None), w(d(6, 20), None, None), true),
            ("different days", w(d(6, 20), None, None), w(d(6, 21), None, None), false),
            ("day inside month", w(d(6, 1), d(6, 30), None), w(d(6, 20), None, None), true),
            ("undated vs dated", w(None, None, None), w(d(6, 20), None, None), true),
            ("bound before day", w(None, None, d(3, 22)), w(d(6, 20), None, None), true),
            ("bound after day", w(None, None, d(7, 1)), w(d(6, 20), None, None), false),
            ("open start covers later", w(d(5, 8), None, d(5, 8)), w(d(5, 10), None, None), true),
            ("open start not earlier", w(d(5, 8), None, d(5, 8)), w(d(5, 1), None, None), false),
        ];
        for (name, a, b, want) in cases {
            assert_eq!(a.compatible(&b), want, "{name}");
            assert_eq!(b.compatible(&a), want, "{name} (swapped)");
        }
    }

    #[test]
    fn type_names_round_trip() {
        for t in EncounterType::ALL {
            assert_eq!(EncounterType::parse(t.as_str()), Some(t));
            assert_eq!(serde_json::to_string(&t).unwrap(), format!("\"{}\"", t.as_str()));
        }
        for t in ActType::ALL {
            assert_eq!(ActType::parse(t.as_str()), Some(t));
            assert_eq!(serde_json::to_string(&t).unwrap(), format!("\"{}\"", t.as_str()));
        }
    }
}
