//! Extract stage: who did what to whom, when and where, sentence by sentence.
//!
//! Input: an [`Article`] with its language set and its sentence [`Span`]s (from the
//! language stage). Output: a [`DocExtraction`]: one [`Encounter`] per sentence that reports
//! a phone call, meeting or visit (ids `m0`, `m1`, … local to the article), and the [`Act`]s
//! (invitation, acceptance, congratulation, condolence, agreement) linked to the encounter
//! they happened in. Merging reports of one encounter — within the article and across
//! articles — is the resolve stage's job.
//!
//! All language knowledge is data under `lexicons/` (see [`lexicon`]); the rules here are
//! the same for every language:
//! - an event cue counts only if no modality cue (future, plan, cancellation, negation)
//!   governs it, if it is not the object of an invitation ("invited him to visit …"), and
//!   if it is not what someone is thanked for;
//! - a meeting or call needs actors of two countries; a visit needs a visitor and a
//!   destination in another country;
//! - dates come from the time expression nearest to the cue, resolved against the
//!   publication date (see [`dates`]); offices resolve to their holder on that date.
//!
//! ```
//! use attache_model::{Article, DocId, Span};
//! let x = attache_extract::Extractor::new().unwrap();
//! let text = "President Biden held talks with President Xi Jinping in Woodside on 15 November 2023.";
//! let article = Article { id: DocId("a".into()), origin: "a".into(), text: text.into(), title: None,
//!     published: None, dateline: None, source: None, url: None, lang: Some("en".into()) };
//! let out = x.extract(&article, &[Span::new(0, text.len())]);
//! assert_eq!(out.encounters.len(), 1);
//! assert_eq!(out.encounters[0].date.start.unwrap().to_string(), "2023-11-15");
//! ```
//!
//! It does not translate, does not parse syntax, and knows only the languages that have an
//! `extract.toml`.

mod actors;
mod dates;
mod error;
mod lexicon;
mod tokens;

pub use error::Error;

use actors::{Actor, Prep, Who};
use attache_model::{
    Act, ActType, Article, DocExtraction, Encounter, EncounterType, Evidence, Participant, Party,
    Place, Side, Span, When,
};
use jiff::civil::Date;
use lexicon::{LangLex, Lexicon, Modal, Pat};
use tokens::{Matched, Tok};

/// The extractor, built once from the lexicons.
#[derive(Debug)]
pub struct Extractor {
    lex: Lexicon,
}

/// An actor after resolution against the article so far.
#[derive(Debug, Clone, PartialEq)]
struct Resolved {
    country: Option<String>,
    known: Option<usize>,
    name: Option<String>,
    role: Option<String>,
}

/// What the article has said so far, for pronouns and bare titles.
#[derive(Debug, Default)]
struct DocState {
    last_subject: Option<Resolved>,
    history: Vec<Resolved>,
}

/// One sentence, analysed.
struct Sentence<'a> {
    text: &'a str,
    /// The subject carried over from the sentences before this one.
    prev_subject: Option<Resolved>,
    span: Span,
    toks: Vec<Tok>,
    actors: Vec<Actor>,
    resolved: Vec<Option<Resolved>>,
    dates: Vec<dates::DateExpr>,
    lex: &'a LangLex,
}

const WINDOW: usize = 6;

/// Marks that end a clause: comma, semicolon, colon, also in Arabic script and full width.
/// (The Chinese full-width comma is left out: "习近平致电普京，祝贺他…" keeps its subject.)
const CLAUSE: &[char] = &[',', ';', ':', '،', '؛', '；', '：'];
/// The same, with the sentence stop.
const CLAUSE_END: &[char] = &[',', ';', ':', '،', '؛', '；', '：', '.', '。', '।', '؟'];

impl Extractor {
    /// Loads and compiles every lexicon.
    pub fn new() -> Result<Extractor, Error> {
        Ok(Extractor { lex: Lexicon::load()? })
    }

    /// Languages with an extraction lexicon, sorted.
    pub fn languages(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.lex.langs.keys().map(String::as_str).collect();
        v.sort_unstable();
        v
    }

    /// What each language's lexicon covers: phrases per part ("office titles", "encounter
    /// cues", "month names" …), for `attache languages`.
    pub fn coverage(&self) -> Vec<(&str, Vec<(&'static str, usize)>)> {
        let mut out: Vec<(&str, Vec<(&'static str, usize)>)> = self
            .lex
            .langs
            .iter()
            .map(|(code, l)| (code.as_str(), l.coverage.iter().map(|(k, v)| (*k, *v)).collect()))
            .collect();
        out.sort_by_key(|(code, _)| *code);
        out
    }

    /// Whether `lang` has an extraction lexicon.
    pub fn supports(&self, lang: &str) -> bool {
        self.lex.langs.contains_key(lang)
    }

    /// Reads a dateline ("12/06/2020 09:55", "Thứ Năm 20/06/2024") as a date: the first
    /// expression that names its year. Tries the article's language, then every other.
    pub fn dateline_date(&self, dateline: &str, lang: Option<&str>) -> Option<Date> {
        let mut order: Vec<&LangLex> =
            lang.and_then(|l| self.lex.langs.get(l)).into_iter().collect();
        let mut rest: Vec<(&String, &LangLex)> = self.lex.langs.iter().collect();
        rest.sort_by_key(|(k, _)| k.as_str());
        order.extend(rest.into_iter().map(|(_, l)| l));
        for lex in order {
            let m = Matched::new(dateline, lex);
            let toks = m.tokens(0, dateline.len());
            let found = dates::find(&toks, dateline, lex, None);
            if let Some(d) =
                found.iter().find_map(|d| d.when.start.filter(|_| d.when.end == d.when.start))
            {
                return Some(d);
            }
        }
        None
    }

    /// Every time expression in `text`, resolved against `published` (for tests and debugging).
    pub fn dates_in(&self, text: &str, lang: &str, published: Option<Date>) -> Vec<When> {
        let Some(lex) = self.lex.langs.get(lang) else { return vec![] };
        let m = Matched::new(text, lex);
        let toks = m.tokens(0, text.len());
        dates::find(&toks, text, lex, published).into_iter().map(|d| d.when).collect()
    }

    /// Extracts encounters and acts from one article. An article in a language without a
    /// lexicon yields nothing.
    pub fn extract(&self, article: &Article, sentences: &[Span]) -> DocExtraction {
        let Some(lex) = article.lang.as_deref().and_then(|l| self.lex.langs.get(l)) else {
            return DocExtraction::default();
        };
        let text = &article.text;
        let matched = Matched::new(text, lex);
        let published = article.published;
        let mut state = DocState::default();
        let mut analysed: Vec<Sentence> = Vec::with_capacity(sentences.len());
        for &span in sentences {
            let toks = matched.tokens(span.start, span.end);
            let dates = dates::find(&toks, text, lex, published);
            let day = dates.iter().find_map(|d| d.when.start).or(published);
            // of the people a name form could be, the one holding the title on the day, else
            // one who ever held it
            let pick = |candidates: &[usize], role: u16| {
                let role = &self.lex.roles[role as usize];
                let held = |p: &usize, on: Option<Date>| {
                    self.lex.persons[*p]
                        .offices
                        .iter()
                        .any(|t| &t.role == role && on.is_none_or(|d| t.covers(d)))
                };
                candidates
                    .iter()
                    .find(|p| day.is_some() && held(p, day))
                    .or_else(|| candidates.iter().find(|p| held(p, None)))
                    .copied()
            };
            let actors = actors::find(&toks, text, &pick, lex.name_before_title);
            let prev_subject = state.last_subject.clone();
            let mut s =
                Sentence { text, prev_subject, span, toks, actors, resolved: vec![], dates, lex };
            let anchor = s.dates.iter().find_map(|d| d.when.start).or(published);
            s.resolved = self.resolve_actors(&s, &mut state, anchor);
            analysed.push(s);
        }
        // the latest day the article mentions bounds its undated events when it has no date
        let latest = analysed
            .iter()
            .flat_map(|s| s.dates.iter().filter_map(|d| d.when.last_day()))
            .filter(|d| published.is_none_or(|p| *d <= p))
            .max();
        let lang = article.lang.clone().unwrap_or_default();
        let mut out = DocExtraction { published, ..DocExtraction::default() };
        let mut act_sentences: Vec<(usize, Act)> = Vec::new();
        let mut enc_sentences: Vec<usize> = Vec::new();
        for (si, s) in analysed.iter().enumerate() {
            let evidence = evidence(article, &lang, s.span);
            for mut e in self.encounters_in(s, published) {
                // an undated event with no date words of its own comes after the latest day
                // the article names (when the article itself is undated)
                if e.date.is_undated() && e.date.text.is_none() && published.is_none() {
                    e.date.not_before = latest;
                    if latest.is_some() {
                        let how = e.date.how.take().unwrap_or_else(|| "undated".into());
                        e.date.how =
                            Some(format!("{how}; not before the latest day the article mentions"));
                    }
                }
                e.id = format!("m{}", out.encounters.len());
                e.documents = vec![article.id.clone()];
                e.evidence = vec![evidence.clone()];
                out.encounters.push(e);
                enc_sentences.push(si);
            }
            for mut a in self.acts_in(s) {
                a.documents = vec![article.id.clone()];
                a.evidence = vec![evidence.clone()];
                act_sentences.push((si, a));
            }
        }
        // acts belong to the encounter of their sentence, else the nearest one before, else after
        for (si, mut a) in act_sentences {
            // an act dated apart from the encounter ("congratulated him in March") stands alone
            // an act told in the same sentence as an encounter happened in it, whatever date
            // its occasion carries ("held talks and congratulated him on his re-election in June")
            let fits = |k: &usize| {
                enc_sentences[*k] == si
                    || a.date.is_undated()
                    || a.date.compatible(&out.encounters[*k].date)
            };
            // the nearest encounter (same sentence, then before, then after) whose date fits
            // (an encounter of the act's own people first: "Putin invites Modi" in a headline
            // belongs to the talks with Putin, not to the foreign ministers' meeting)
            let people: Vec<&str> =
                [&a.from.person, &a.to.person].into_iter().flatten().map(String::as_str).collect();
            let involves = |k: usize| {
                out.encounters[k]
                    .participants
                    .iter()
                    .any(|p| p.person.as_deref().is_some_and(|n| people.contains(&n)))
            };
            let mut order: Vec<usize> = (0..enc_sentences.len()).collect();
            order.sort_by_key(|&k| {
                let es = enc_sentences[k];
                (es != si && !involves(k), es > si, es.abs_diff(si))
            });
            let during = order.into_iter().find(fits);
            if let Some(k) = during {
                let enc = &out.encounters[k];
                a.during = Some(enc.id.clone());
                a.date = When {
                    text: None,
                    how: Some("date of the encounter it happened in".into()),
                    ..enc.date.clone()
                };
                if a.from.country.is_none() {
                    a.from = enc
                        .participants
                        .first()
                        .map(|p| Party { country: p.country.clone(), person: p.person.clone() })
                        .unwrap_or_default();
                }
                if a.to.country.is_none() {
                    a.to = other_side(enc, &a.from);
                }
            }
            if a.to.country.is_none() && a.kind == ActType::AcceptInvitation {
                // accepted: the invitation of whoever invited this side
                if let Some(inv) = out
                    .acts
                    .iter()
                    .rev()
                    .find(|i| i.kind == ActType::Invitation && i.to.country == a.from.country)
                {
                    a.to = inv.from.clone();
                }
            }
            if a.from.country.is_some() && a.to.country.is_some() && a.from.country != a.to.country
            {
                a.id = format!("a{}", out.acts.len());
                out.acts.push(a);
            }
        }
        out
    }

    fn resolve_actors(
        &self,
        s: &Sentence,
        state: &mut DocState,
        anchor: Option<Date>,
    ) -> Vec<Option<Resolved>> {
        let mut out: Vec<Option<Resolved>> = Vec::with_capacity(s.actors.len());
        let mut subject: Option<Resolved> = None;
        for (k, a) in s.actors.iter().enumerate() {
            let country = a.country.map(|c| self.lex.countries[c as usize].clone());
            let role = a.role.map(|r| self.lex.roles[r as usize].clone());
            let r = match &a.who {
                Who::Known(p) => Some(self.known(*p, role, anchor)),
                Who::Unknown(name) => {
                    let folded = attache_model::fold::fold(name);
                    let earlier = state.history.iter().rev().find(|h| {
                        h.name.as_deref().is_some_and(|n| {
                            let n = attache_model::fold::fold(n);
                            n == folded || n.ends_with(&format!(" {folded}"))
                        })
                    });
                    match earlier {
                        Some(h) => Some(h.clone()),
                        None => country.map(|c| Resolved {
                            country: Some(c),
                            known: None,
                            name: Some(name.clone()),
                            role,
                        }),
                    }
                }
                Who::Office => {
                    let role_name = role.clone().expect("offices have a role");
                    // the last person of that title in the article, preferring one who held
                    // it on the day ("首相" after a mention of a former prime minister)
                    let same = |h: &&Resolved| {
                        h.role.as_deref() == Some(&role_name)
                            && (country.is_none() || h.country == country)
                            && h.known.is_some()
                    };
                    let holds = |h: &&Resolved| {
                        anchor.is_some_and(|d| {
                            h.known.is_some_and(|p| {
                                self.lex.persons[p]
                                    .offices
                                    .iter()
                                    .any(|t| t.role == role_name && t.covers(d))
                            })
                        })
                    };
                    let earlier = state
                        .history
                        .iter()
                        .rev()
                        .filter(same)
                        .find(holds)
                        .or_else(|| state.history.iter().rev().find(same));
                    match (earlier, &country) {
                        (Some(h), _) => Some(Resolved { role: Some(role_name), ..h.clone() }),
                        (None, Some(c)) => {
                            match anchor.and_then(|d| self.lex.holder(c, &role_name, d)) {
                                Some(p) => Some(self.known(p, Some(role_name), anchor)),
                                None => Some(Resolved {
                                    country: Some(c.clone()),
                                    known: None,
                                    name: None,
                                    role: Some(role_name),
                                }),
                            }
                        }
                        (None, None) => None,
                    }
                }
                Who::Country => country.map(|c| Resolved {
                    country: Some(c),
                    known: None,
                    name: None,
                    role: None,
                }),
                // a pronoun after a person of its own clause is an object, and an object
                // pronoun is never its clause's subject ("Tusk received him", "X phoned Y to
                // congratulate him"): the last person named who is not that subject. Else it
                // is a subject: this sentence's subject ("X came from Washington, where he
                // met Y"), else the last sentence's.
                Who::Pronoun => {
                    let clause = clause_start(s, a.first);
                    let clause_subject = s.actors[..k]
                        .iter()
                        .zip(&out)
                        .find(|(b, r)| {
                            b.first >= clause && r.as_ref().is_some_and(|r| r.name.is_some())
                        })
                        .and_then(|(_, r)| r.clone());
                    match clause_subject {
                        Some(sub) => out
                            .iter()
                            .rev()
                            .flatten()
                            .chain(state.history.iter().rev())
                            .find(|r| r.name.is_some() && r.name != sub.name)
                            .cloned(),
                        None => subject.clone().or_else(|| state.last_subject.clone()),
                    }
                }
                Who::Relative => out[..k].iter().rev().flatten().next().cloned(),
                Who::Pair(n) => {
                    // the last two people of different countries the article named
                    let mut pair: Vec<&Resolved> = Vec::new();
                    for h in state.history.iter().rev() {
                        if h.country.is_some() && pair.iter().all(|p| p.country != h.country) {
                            pair.push(h);
                        }
                        if pair.len() == 2 {
                            break;
                        }
                    }
                    (pair.len() == 2).then(|| pair[usize::from(*n)].clone())
                }
            };
            if let Some(r) = &r
                && r.name.is_some()
            {
                let reference = matches!(a.who, Who::Pronoun | Who::Relative | Who::Pair(_));
                if subject.is_none() && !reference {
                    subject = Some(r.clone());
                }
                if !matches!(a.who, Who::Pair(_)) {
                    state.history.push(r.clone());
                }
            }
            out.push(r);
        }
        if subject.is_some() {
            state.last_subject = subject;
        }
        out
    }

    fn known(&self, p: usize, role: Option<String>, anchor: Option<Date>) -> Resolved {
        let person = &self.lex.persons[p];
        let role = role.or_else(|| anchor.and_then(|d| self.lex.role_at(p, d)).map(str::to_string));
        Resolved {
            country: Some(person.country.clone()),
            known: Some(p),
            name: Some(person.name.clone()),
            role,
        }
    }

    /// Encounters reported by one sentence (one per type at most).
    fn encounters_in(&self, s: &Sentence, published: Option<Date>) -> Vec<Encounter> {
        let mut out: Vec<Encounter> = Vec::new();
        for (c, t) in s.toks.iter().enumerate() {
            let Some(kind) = t
                .pats()
                .iter()
                .find_map(|p| if let Pat::Encounter(k) = p { Some(*k) } else { None })
            else {
                continue;
            };
            if out.iter().any(|e| e.kind == kind) {
                continue;
            }
            let earlier = &s.toks[..c];
            if earlier.iter().any(|t| {
                t.has(|p| {
                    matches!(
                        p,
                        Pat::Act(ActType::Invitation | ActType::AcceptInvitation)
                            | Pat::Modal(Modal::Acknowledge)
                    )
                })
            }) {
                continue; // the object of an invitation, or what someone is thanked for
            }
            if governed(&s.toks, c, &[Modal::Future, Modal::Plan, Modal::Cancel, Modal::Negation]) {
                continue;
            }
            let participants = match kind {
                EncounterType::Visit => self.visit_sides(s, c),
                _ => self.meeting_sides(s, c),
            };
            let Some((participants, place)) = participants else { continue };
            let mut date = nearest_date(s, c).unwrap_or_default();
            if let (Some(start), Some(p)) = (date.start, published)
                && start > p
            {
                continue; // a day after publication is a plan, whatever the verb says
            }
            if date.start.is_none() && date.how.is_none() {
                date.how = Some("undated: the sentence gives no day".into());
            }
            let place = place.or_else(|| self.place_in(s, c, &participants));
            for participants in split_by_person(participants, kind) {
                out.push(Encounter {
                    id: String::new(),
                    kind,
                    date: date.clone(),
                    participants,
                    place: place.clone(),
                    documents: vec![],
                    evidence: vec![],
                    confidence: 0.6,
                    episode: None,
                    why: vec![],
                });
            }
        }
        out
    }

    fn actors_with_person(&self, s: &Sentence) -> Vec<(usize, Resolved)> {
        s.actors
            .iter()
            .zip(&s.resolved)
            .enumerate()
            .filter(|(_, (a, r))| {
                !matches!(a.who, Who::Country) && r.as_ref().is_some_and(|r| r.country.is_some())
            })
            .map(|(k, (_, r))| (k, r.clone().expect("filtered")))
            .collect()
    }

    fn meeting_sides(&self, s: &Sentence, c: usize) -> Option<(Vec<Participant>, Option<Place>)> {
        let people = self.actors_with_person(s);
        let mut parts: Vec<Participant> = Vec::new();
        if people.is_empty() {
            // countries alone meet only as the subject of the cue ("India and Russia held
            // talks"), not when named after it ("discussed … Afghanistan")
            let clause = clause_start(s, c);
            for (a, r) in s.actors.iter().zip(&s.resolved) {
                if a.who == Who::Country
                    && a.prep.is_none()
                    && a.first >= clause
                    && a.last < c
                    && let Some(r) = r
                {
                    push_part(&mut parts, r, None);
                }
            }
        } else {
            for (_, r) in &people {
                push_part(&mut parts, r, None);
            }
            // "The news came after a meeting with X": the other side is the subject carried
            // over from the sentence before, when the cue names only its "with" complement
            let cue_text = &s.text[s.toks[c].start..s.toks[c].end];
            let last_word = cue_text.rsplit(' ').next().unwrap_or_default();
            let last_word = if s.lex.keep_diacritics {
                attache_model::fold::fold_case(last_word)
            } else {
                attache_model::fold::fold(last_word)
            };
            let with = s.lex.comitative.contains(&last_word)
                || s.toks.get(c + 1).is_some_and(|t| t.has(|p| *p == Pat::Comitative));
            let after_cue = with && people.iter().all(|(k, _)| s.actors[*k].first > c);
            if distinct_countries(&parts) == 1
                && after_cue
                && let Some(prev) =
                    s.prev_subject.as_ref().filter(|p| p.country != parts[0].country)
            {
                push_part(&mut parts, prev, None);
            }
        }
        // a bilateral encounter: when more countries are named, the two nearest the cue
        // ("Meeting Putin in the Kremlin, Jokowi passes on a message from Zelensky")
        if distinct_countries(&parts) > 2 {
            let distance = |country: &Option<String>| {
                s.actors
                    .iter()
                    .zip(&s.resolved)
                    .filter(|(_, r)| r.as_ref().is_some_and(|r| &r.country == country))
                    .map(|(a, _)| a.first.abs_diff(c))
                    .min()
                    .unwrap_or(usize::MAX)
            };
            let mut countries: Vec<Option<String>> =
                parts.iter().map(|p| p.country.clone()).collect();
            countries.sort();
            countries.dedup();
            countries.sort_by_key(|c| distance(c));
            countries.truncate(2);
            parts.retain(|p| countries.contains(&p.country));
        }
        let countries = distinct_countries(&parts);
        (countries >= 2).then_some((parts, None))
    }

    fn visit_sides(&self, s: &Sentence, c: usize) -> Option<(Vec<Participant>, Option<Place>)> {
        // destination: the first country or place after the cue, in the same clause; in
        // verb-final languages the nearest before it ("Yunanistan'ı ziyaret etti")
        let mut dest: Option<(String, Option<Place>)> = None;
        let mut order: Vec<usize> = (0..s.actors.len()).collect();
        if s.lex.verb_final {
            order.sort_by_key(|&k| (s.actors[k].first < c, s.actors[k].first.abs_diff(c)));
        }
        for k in order {
            let (a, r) = (&s.actors[k], &s.resolved[k]);
            let after = a.first > c
                && a.first <= c + WINDOW
                && !s.toks[c..a.first].iter().any(|t| t.is_punct(CLAUSE));
            let before = s.lex.verb_final
                && a.last < c
                && c - a.last <= WINDOW
                && !s.toks[a.last..c].iter().any(|t| t.is_punct(CLAUSE));
            if !after && !before {
                continue;
            }
            if !matches!(a.who, Who::Country)
                || matches!(a.prep, Some(Prep::Place)) && a.place.is_none() && a.country.is_none()
            {
                continue;
            }
            let place = a.place.map(|p| self.place(p));
            let country = place
                .as_ref()
                .and_then(|p| p.country.clone())
                .or_else(|| r.as_ref().and_then(|r| r.country.clone()));
            if let Some(country) = country {
                dest = Some((country, place));
                break;
            }
        }
        let (host, place) = dest?;
        let people = self.actors_with_person(s);
        // the visitor: the first person of the cue's clause ("…, who paid a state visit"),
        // else the sentence's subject ("Jokowi met Putin …, a day after visiting Ukraine")
        let clause = clause_start(s, c);
        let guest = |(k, r): &&(usize, Resolved)| {
            s.actors[*k].first < c && r.country.as_deref() != Some(&host)
        };
        let before = people
            .iter()
            .filter(guest)
            .find(|(k, _)| s.actors[*k].first >= clause)
            .or_else(|| people.iter().find(guest));
        // the visitor before the cue, else after it ("the state visit of Xi Jinping to
        // France", and verb-second order)
        let visitor = match before {
            Some((_, r)) => r.clone(),
            None => people
                .iter()
                .find(|(k, r)| s.actors[*k].first > c && r.country.as_deref() != Some(&host))?
                .1
                .clone(),
        };
        let mut parts = Vec::new();
        push_part(&mut parts, &visitor, Some(Side::Visitor));
        let host_person = people
            .iter()
            .find(|(_, r)| r.country.as_deref() == Some(&host))
            .map(|(_, r)| r.clone());
        let host_side = host_person.unwrap_or(Resolved {
            country: Some(host),
            known: None,
            name: None,
            role: None,
        });
        push_part(&mut parts, &host_side, Some(Side::Host));
        Some((parts, place))
    }

    fn place(&self, idx: u16) -> Place {
        let (name, country) = &self.lex.places[idx as usize];
        Place { name: name.clone(), country: Some(self.lex.countries[*country as usize].clone()) }
    }

    /// A place introduced by a place preposition ("in Hanoi", "i Kreml"), nearest the cue.
    /// Places in the cue's own clause come first; a place elsewhere in the sentence counts
    /// only in a participant's country ("… met in Moscow, on the day a missile hit Kyiv").
    fn place_in(&self, s: &Sentence, c: usize, parts: &[Participant]) -> Option<Place> {
        let (start, end) = (clause_start(s, c), clause_end(s, c));
        let places = s
            .actors
            .iter()
            .filter(|a| a.place.is_some() && matches!(a.prep, Some(Prep::Place | Prep::Both)))
            .map(|a| (a, self.place(a.place.expect("filtered"))));
        let mut best: Option<(bool, usize, Place)> = None;
        for (a, place) in places {
            let inside = a.first >= start && a.last <= end;
            let ours = parts.iter().any(|p| p.country.is_some() && p.country == place.country);
            if !inside && !ours {
                continue;
            }
            let key = (!inside, a.first.abs_diff(c));
            if best.as_ref().is_none_or(|(i, d, _)| key < (*i, *d)) {
                best = Some((key.0, key.1, place));
            }
        }
        best.map(|(_, _, p)| p)
    }

    /// Acts reported by one sentence (one per type at most).
    fn acts_in(&self, s: &Sentence) -> Vec<Act> {
        let mut out: Vec<Act> = Vec::new();
        for (c, t) in s.toks.iter().enumerate() {
            let Some(kind) = t.pats().iter().find_map(|p| match p {
                Pat::Act(k) => Some((*k, false)),
                Pat::ActBy(k) => Some((*k, true)),
                _ => None,
            }) else {
                continue;
            };
            let (kind, by) = kind;
            if kind == ActType::Invitation
                && s.toks[c.saturating_sub(4)..c]
                    .iter()
                    .any(|t| t.has(|p| *p == Pat::Act(ActType::AcceptInvitation)))
            {
                continue; // "accepted the invitation"
            }
            if governed(&s.toks, c, &[Modal::Future, Modal::Plan, Modal::Negation]) {
                continue;
            }
            let people: Vec<(usize, Resolved)> = s
                .actors
                .iter()
                .zip(&s.resolved)
                .enumerate()
                .filter(|(_, (a, r))| {
                    r.as_ref().is_some_and(|r| r.country.is_some())
                        && !(a.who == Who::Country && a.prep.is_some())
                })
                .map(|(k, (_, r))| (k, r.clone().expect("filtered")))
                .collect();
            // people act; a country alone ("according to the Kremlin") only when no one is named
            // people act; a country alone ("according to the Kremlin") acts only when no one
            // is named, though it can be on the receiving end ("congratulated Russia")
            let anyone = people.iter().any(|(k, _)| s.actors[*k].who != Who::Country);
            let actors: Vec<(usize, Resolved)> = people
                .iter()
                .filter(|(k, _)| !anyone || s.actors[*k].who != Who::Country)
                .cloned()
                .collect();
            let first = |k: usize| s.actors[k].first;
            let differs = |a: &Option<Resolved>, b: &Resolved| {
                a.as_ref().is_none_or(|a| a.country != b.country)
            };
            let thanks =
                s.toks[..c].iter().rposition(|t| t.has(|p| *p == Pat::Modal(Modal::Acknowledge)));
            let (from, to) = if by {
                // "X visited Y at the invitation of Z": Z invited X
                let clause = clause_start(s, c);
                let invited = actors
                    .iter()
                    .find(|(k, _)| first(*k) >= clause && first(*k) < c)
                    .or_else(|| actors.iter().rev().find(|(k, _)| first(*k) < c))
                    .map(|(_, r)| r.clone());
                let inviter = actors
                    .iter()
                    .filter(|(k, _)| first(*k) > c)
                    .map(|(_, r)| r)
                    .find(|r| differs(&invited, r))
                    .cloned();
                (inviter, invited)
            } else if let Some(ack) = thanks {
                // "X thanked Y for the congratulations": the act went from Y to X
                let thanker =
                    actors.iter().rev().find(|(k, _)| first(*k) < ack).map(|(_, r)| r.clone());
                let thanked = actors.iter().find(|(k, _)| first(*k) > ack).map(|(_, r)| r.clone());
                (thanked, thanker)
            } else if kind == ActType::Agreement {
                let mut sides: Vec<Resolved> = Vec::new();
                for (_, r) in &actors {
                    if !sides.iter().any(|x| x.country == r.country) {
                        sides.push(r.clone());
                    }
                }
                (sides.first().cloned(), sides.get(1).cloned())
            } else {
                // the subject: the first actor of the cue's clause ("X telephoned Y to
                // congratulate him"; "…, ông Putin đã nhận lời"), else the nearest before
                let clause = clause_start(s, c);
                let before = actors
                    .iter()
                    .find(|(k, _)| first(*k) >= clause && first(*k) < c)
                    .or_else(|| actors.iter().rev().find(|(k, _)| first(*k) < c))
                    .map(|(_, r)| r.clone());
                let after_actors = actors.iter().filter(|(k, _)| first(*k) > c).map(|(_, r)| r);
                let after_any = people.iter().filter(|(k, _)| first(*k) > c).map(|(_, r)| r);
                match before {
                    Some(b) => {
                        // the recipient after the cue, else between the subject and the cue
                        // ("Putin übermittelte Xi Jinping seine Glückwünsche")
                        let subject = Some(b.clone());
                        let to = after_any.clone().find(|r| differs(&subject, r)).cloned().or_else(
                            || {
                                people
                                    .iter()
                                    .filter(|(k, _)| first(*k) >= clause && first(*k) < c)
                                    .map(|(_, r)| r)
                                    .find(|r| differs(&subject, r))
                                    .cloned()
                            },
                        );
                        (Some(b), to)
                    }
                    None if s.lex.verb_second => {
                        // "Then congratulated X warmly Y": subject first, object after
                        let from = after_actors.clone().next().cloned();
                        let to = after_any.clone().skip(1).find(|r| differs(&from, r)).cloned();
                        (from, to)
                    }
                    None => {
                        // a participle opening the sentence: "Congratulating Russia …, X said"
                        let object = after_any.clone().next().cloned();
                        let subject = after_actors.clone().find(|r| differs(&object, r)).cloned();
                        (subject, object)
                    }
                }
            };
            // "the two sides issued a joint statement": the parties are the encounter's sides,
            // filled in below; any other act needs someone who did it
            let from = match from {
                Some(f) => f,
                None if kind == ActType::Agreement => {
                    Resolved { country: None, known: None, name: None, role: None }
                }
                None => continue,
            };
            let same = |a: &Act| {
                a.kind == kind
                    && a.from.country == from.country
                    && to.as_ref().is_none_or(|t| a.to.country == t.country)
            };
            if out.iter().any(same) {
                continue;
            }
            let object = invitation_object(s, c, kind);
            out.push(Act {
                id: String::new(),
                kind,
                during: None,
                from: party(&from),
                to: to.as_ref().map(party).unwrap_or_default(),
                object,
                // a by-phrase ("at the invitation of") refers to an earlier act: no date of its own
                date: if by { When::default() } else { act_date(s, c, kind) },
                documents: vec![],
                evidence: vec![],
                fulfilled_by: None,
            });
        }
        out
    }
}

fn party(r: &Resolved) -> Party {
    Party { country: r.country.clone(), person: r.name.clone() }
}

/// The side of an encounter that is not `from` (for an acceptance: the one who invited).
fn other_side(e: &Encounter, from: &Party) -> Party {
    e.participants
        .iter()
        .find(|p| p.country != from.country)
        .map(|p| Party { country: p.country.clone(), person: p.person.clone() })
        .unwrap_or_default()
}

fn push_part(parts: &mut Vec<Participant>, r: &Resolved, side: Option<Side>) {
    let p = Participant {
        country: r.country.clone(),
        person: r.name.clone(),
        role: r.role.clone(),
        side,
    };
    let same =
        |q: &Participant| q.country == p.country && (q.person == p.person || p.person.is_none());
    if let Some(q) = parts
        .iter_mut()
        .find(|q| q.country == p.country && q.person.is_none() && p.person.is_some())
    {
        *q = p;
    } else if !parts.iter().any(same) {
        parts.push(p);
    }
}

/// "X met President A and Prime Minister B": one named person on one side and several on
/// the other are separate bilateral meetings, one per person.
fn split_by_person(parts: Vec<Participant>, kind: EncounterType) -> Vec<Vec<Participant>> {
    if kind == EncounterType::Visit || distinct_countries(&parts) != 2 {
        return vec![parts];
    }
    let named =
        |c: &Option<String>| parts.iter().filter(|p| &p.country == c && p.person.is_some()).count();
    let countries: Vec<Option<String>> = {
        let mut c: Vec<Option<String>> = parts.iter().map(|p| p.country.clone()).collect();
        c.dedup();
        c.sort();
        c.dedup();
        c
    };
    let (a, b) = (&countries[0], &countries[1]);
    let (single, many) = match (named(a), named(b)) {
        (1, n) if n > 1 => (a, b),
        (n, 1) if n > 1 => (b, a),
        _ => return vec![parts],
    };
    let one =
        parts.iter().find(|p| &p.country == single && p.person.is_some()).expect("counted").clone();
    parts
        .iter()
        .filter(|p| &p.country == many && p.person.is_some())
        .map(|p| vec![one.clone(), p.clone()])
        .collect()
}

fn distinct_countries(parts: &[Participant]) -> usize {
    let mut c: Vec<&str> = parts.iter().filter_map(|p| p.country.as_deref()).collect();
    c.sort_unstable();
    c.dedup();
    c.len()
}

/// Whether a modality cue governs the cue at `c`: one of `kinds` within a few tokens before
/// it in the same clause, or a cancellation right after it ("the visit was cancelled").
fn governed(toks: &[Tok], c: usize, kinds: &[Modal]) -> bool {
    let is = |t: &Tok, kinds: &[Modal]| t.has(|p| matches!(p, Pat::Modal(m) if kinds.contains(m)));
    // future and plan govern their whole clause ("was due to fly on to Vienna … for the first
    // visit to Austria"); negation and cancellation only the words near the cue
    let far: Vec<Modal> =
        kinds.iter().copied().filter(|k| matches!(k, Modal::Future | Modal::Plan)).collect();
    for (n, t) in toks[..c].iter().rev().enumerate() {
        if t.is_punct(CLAUSE_END) || t.has(|p| *p == Pat::Complementizer) {
            break;
        }
        if is(t, &far) || (n < WINDOW && is(t, kinds)) {
            return true;
        }
    }
    if kinds.contains(&Modal::Cancel) {
        // "the visit … was postponed": a cancellation later in the clause, before any other cue
        for t in toks.iter().skip(c + 1) {
            if t.is_punct(CLAUSE_END)
                || t.has(|p| matches!(p, Pat::Encounter(_) | Pat::Act(_) | Pat::ActBy(_)))
            {
                break;
            }
            if is(t, &[Modal::Cancel]) {
                return true;
            }
        }
    }
    false
}

/// The first token of the clause holding token `c`: after the last comma or semicolon before
/// it that is not inside an actor ("Tổng Bí thư, Chủ tịch nước …" is one actor).
fn clause_start(s: &Sentence, c: usize) -> usize {
    let inside = |k: usize| s.actors.iter().any(|a| a.first < k && k < a.last);
    let opens = |k: usize| {
        (s.toks[k].is_punct(CLAUSE) || s.toks[k].has(|p| *p == Pat::Complementizer)) && !inside(k)
    };
    (0..c).rev().find(|&k| opens(k)).map_or(0, |k| k + 1)
}

/// An act's own date: the nearest time expression, or for invitations the nearest before the
/// cue.
fn act_date(s: &Sentence, c: usize, kind: ActType) -> When {
    // what follows an invitation dates the invited visit
    let own = match kind {
        ActType::Invitation | ActType::AcceptInvitation => {
            s.dates.iter().filter(|d| d.last < c).max_by_key(|d| d.last).map(|d| d.when.clone())
        }
        _ => nearest_date(s, c),
    };
    own.filter(|d| !d.is_undated()).unwrap_or_default()
}

/// The time expression nearest the cue at `c`.
fn nearest_date(s: &Sentence, c: usize) -> Option<When> {
    // a date past another event or act cue belongs to that one ("held talks and congratulated
    // him on his re-election in June")
    let own = s.toks[c].pats().iter().find(|p| matches!(p, Pat::Encounter(_))).cloned();
    let cue = |t: &Tok| {
        t.has(|p| {
            matches!(p, Pat::Encounter(_) | Pat::Act(_) | Pat::ActBy(_)) && Some(p) != own.as_ref()
        })
    };
    // (only forwards: in verb-final languages the date comes first and other cues may follow)
    let between = |d: &dates::DateExpr| d.first > c && s.toks[c + 1..d.first].iter().any(cue);
    // a semicolon separates statements: a date beyond one is another statement's
    let apart = |d: &dates::DateExpr| {
        let (a, b) = if d.first > c { (c, d.first) } else { (d.last, c) };
        s.toks[a..b].iter().any(|t| t.is_punct(&[';', '؛', '；']))
    };
    s.dates
        .iter()
        .filter(|d| !after_since(s, d.first) && !between(d) && !apart(d))
        .min_by_key(|d| if d.first > c { d.first - c } else { c.saturating_sub(d.last) })
        .map(|d| d.when.clone())
}

/// Whether token `k` lies after "since" in its clause: "his first visit since February
/// 2022" names a point of reference, not the day of the visit.
fn after_since(s: &Sentence, k: usize) -> bool {
    let start = clause_start(s, k);
    s.toks[start..k].iter().any(|t| t.has(|p| *p == Pat::Since))
}

/// One past the last token of the clause holding token `c` (see [`clause_start`]).
fn clause_end(s: &Sentence, c: usize) -> usize {
    let inside = |k: usize| s.actors.iter().any(|a| a.first < k && k < a.last);
    (c + 1..s.toks.len())
        .find(|&k| s.toks[k].is_punct(CLAUSE) && !inside(k))
        .unwrap_or(s.toks.len())
}

/// For an invitation: the invited-to event, from the encounter cue after it to the clause end.
fn invitation_object(s: &Sentence, c: usize, kind: ActType) -> Option<String> {
    if kind != ActType::Invitation {
        return None;
    }
    let cue =
        s.toks.iter().skip(c + 1).position(|t| t.has(|p| matches!(p, Pat::Encounter(_))))? + c + 1;
    let end = s
        .toks
        .iter()
        .skip(cue)
        .position(|t| t.is_punct(CLAUSE_END))
        .map_or(s.toks.len(), |k| cue + k);
    Some(s.text[s.toks[cue].start..s.toks[end - 1].end].to_string())
}

fn evidence(article: &Article, lang: &str, span: Span) -> Evidence {
    let start = article.text[..span.start].chars().count();
    let text = span.of(&article.text).to_string();
    let end = start + text.chars().count();
    Evidence { document: article.id.clone(), language: lang.to_string(), text, start, end }
}
