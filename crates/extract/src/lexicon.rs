//! Loading `lexicons/` and compiling one automaton per language.
//!
//! Every phrase the extractor recognises — country names and adjectives, places, people,
//! office titles, event and act cues, modality cues, months, weekdays, small grammatical
//! words — becomes one pattern of a single Aho-Corasick automaton over folded text. A
//! pattern can carry several meanings ([`Pat`]): "i" is a place and a destination
//! preposition in Swedish; "Kreml" is a metonym for Russia and a place.

use crate::Error;
use aho_corasick::AhoCorasick;
use attache_model::fold::{fold, fold_case};
use attache_model::{ActType, EncounterType};
use jiff::civil::Date;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

/// What a matched phrase means.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Pat {
    Country {
        iso3: u16,
        form: CountryForm,
    },
    Place(u16),
    Person {
        idx: u16,
        form: NameForm,
    },
    Office(u16),
    Encounter(EncounterType),
    Act(ActType),
    /// A by-phrase naming the actor after it: "at the invitation of X".
    ActBy(ActType),
    /// "that", "att", "rằng": opens a reported clause.
    Complementizer,
    /// "since", "siden": what follows dates a point of reference, not the event.
    Since,
    /// "de" in "9 de julio de 2024": joins a date's parts.
    DateJoin,
    /// "with", "med", "với", "mellan": a meeting's complement follows.
    Comitative,
    /// "the two leaders", "hai nhà lãnh đạo": the last two people of different countries.
    Pair,
    /// A name that contains a country's but is something else ("Ấn Độ Dương", the Indian
    /// Ocean): matched only to keep the shorter name from matching inside it.
    Block,
    Modal(Modal),
    Honorific,
    Pronoun,
    Relative,
    PlacePrep,
    DestPrep,
    DayMarker,
    YearMarker,
    RangeTo,
    OpenFrom,
    Conj,
    RelDay(i8),
    /// "last year", "i fjor": a year offset for the date before it.
    RelYear(i8),
    Month(u8),
    Weekday(u8),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CountryForm {
    Name,
    Adjective,
    Genitive,
    Demonym,
    Metonym,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameForm {
    Full,
    Short,
    Titled,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Modal {
    Future,
    Plan,
    Cancel,
    Negation,
    Acknowledge,
}

/// One meaning of a pattern and how it must match.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub(crate) pat: Pat,
    /// The text must start with an upper-case letter (the lexicon wrote it so).
    pub(crate) cap: bool,
    /// A prefix: the match extends to the end of the word.
    pub(crate) prefix: bool,
    /// An abbreviation that is also an ordinary word ("mar", "po", "ma"): it counts only
    /// before a period, a comma or a number ("mar. 12", "Dec 12"). Written with a leading `~`.
    pub(crate) abbr: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum DateOrder {
    Dmy,
    Mdy,
}

/// Everything the extractor knows about one language, compiled.
#[derive(Debug)]
pub(crate) struct LangLex {
    pub(crate) keep_diacritics: bool,
    pub(crate) date_order: DateOrder,
    pub(crate) verb_second: bool,
    /// The verb comes last (Turkish, Hindi, Persian, Japanese, Korean): a visit's destination
    /// stands before the visit word.
    pub(crate) verb_final: bool,
    /// A name may stand right before its title ("이 대통령", "岸田首相").
    pub(crate) name_before_title: bool,
    /// Endings a name can take: the genitive ("Rysslands", "To Lams") and case endings
    /// ("Путина", "Путиным").
    pub(crate) name_suffixes: Vec<String>,
    /// Clitics written together with the next word (Arabic "و", "ب", "ل", "ال").
    pub(crate) clitic_prefixes: Vec<String>,
    /// Endings a month or weekday name takes ("torsdagen", "i torsdags").
    pub(crate) calendar_suffixes: Vec<String>,
    /// Years are written in the Buddhist era (Thai).
    pub(crate) buddhist_era: bool,
    /// "with" words, folded: a cue ending in one names only its complement ("a meeting with").
    pub(crate) comitative: Vec<String>,
    pub(crate) ac: AhoCorasick,
    pub(crate) entries: Vec<Vec<Entry>>,
    /// How many phrases each part of the lexicon has, for `attache languages`.
    pub(crate) coverage: BTreeMap<&'static str, usize>,
}

/// Phrases per lexicon part.
fn coverage(entries: &[Vec<Entry>]) -> BTreeMap<&'static str, usize> {
    let mut out: BTreeMap<&'static str, usize> = BTreeMap::new();
    for e in entries.iter().flatten() {
        let part = match e.pat {
            Pat::Country { form: CountryForm::Name, .. } => "country names",
            Pat::Country { .. } => "country adjectives and aliases",
            Pat::Place(_) => "places",
            Pat::Person { .. } => continue,
            Pat::Office(_) => "office titles",
            Pat::Encounter(_) => "encounter cues",
            Pat::Act(_) | Pat::ActBy(_) => "act cues",
            Pat::Modal(_) => "modality cues",
            Pat::Month(_) => "month names",
            Pat::Weekday(_) => "weekday names",
            Pat::RelDay(_) | Pat::RelYear(_) => "relative days and years",
            _ => "grammar words",
        };
        *out.entry(part).or_default() += 1;
    }
    out
}

/// A person the lexicon knows.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Person {
    #[allow(dead_code, reason = "kept for the office-holder listing and future links")]
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) country: String,
    #[serde(default)]
    pub(crate) names: Vec<String>,
    #[serde(default)]
    pub(crate) short: Vec<String>,
    #[serde(default)]
    pub(crate) titled: Vec<String>,
    #[serde(default)]
    pub(crate) offices: Vec<Term>,
}

/// A term of office.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Term {
    pub(crate) role: String,
    pub(crate) from: Date,
    pub(crate) to: Option<Date>,
}

impl Term {
    pub(crate) fn covers(&self, day: Date) -> bool {
        self.from <= day && self.to.is_none_or(|to| day < to)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonsFile {
    person: Vec<Person>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExtractFile {
    grammar: Grammar,
    offices: BTreeMap<String, Vec<String>>,
    encounters: BTreeMap<String, Vec<String>>,
    acts: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    acts_by: BTreeMap<String, Vec<String>>,
    modality: BTreeMap<String, Vec<String>>,
    words: Words,
    #[serde(default)]
    relative_days: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    relative_years: BTreeMap<String, Vec<String>>,
    /// Forms of month and weekday names CLDR does not give ("в среду", "в июле"), by English
    /// name ("wednesday", "july").
    #[serde(default)]
    calendar: BTreeMap<String, Vec<String>>,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const WEEKDAYS: [&str; 7] =
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Grammar {
    date_order: DateOrder,
    verb_second: bool,
    #[serde(default)]
    genitive_suffix: String,
    #[serde(default)]
    name_suffixes: Vec<String>,
    #[serde(default)]
    clitic_prefixes: Vec<String>,
    #[serde(default)]
    keep_diacritics: bool,
    #[serde(default)]
    calendar_suffixes: Vec<String>,
    #[serde(default)]
    buddhist_era: bool,
    #[serde(default)]
    verb_final: bool,
    #[serde(default)]
    name_before_title: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Words {
    honorifics: Vec<String>,
    personal_pronouns: Vec<String>,
    relative_pronouns: Vec<String>,
    place_prepositions: Vec<String>,
    destination_prepositions: Vec<String>,
    day_markers: Vec<String>,
    year_markers: Vec<String>,
    range_to: Vec<String>,
    open_from: Vec<String>,
    conjunctions: Vec<String>,
    #[serde(default)]
    complementizers: Vec<String>,
    #[serde(default)]
    since: Vec<String>,
    #[serde(default)]
    comitative: Vec<String>,
    #[serde(default)]
    date_joiners: Vec<String>,
    #[serde(default)]
    pairs: Vec<String>,
    #[serde(default)]
    not_names: Vec<String>,
}

fn country_form(kind: &str) -> CountryForm {
    match kind {
        "adjective" => CountryForm::Adjective,
        "genitive" => CountryForm::Genitive,
        "demonym" => CountryForm::Demonym,
        "metonym" => CountryForm::Metonym,
        _ => CountryForm::Name,
    }
}

/// The whole lexicon: shared tables plus one compiled [`LangLex`] per language.
#[derive(Debug)]
pub(crate) struct Lexicon {
    pub(crate) countries: Vec<String>,
    pub(crate) places: Vec<(String, u16)>,
    pub(crate) persons: Vec<Person>,
    pub(crate) roles: Vec<String>,
    pub(crate) langs: HashMap<String, LangLex>,
}

struct Builder<'a> {
    fold: &'a dyn Fn(&str) -> String,
    keys: HashMap<String, usize>,
    patterns: Vec<String>,
    entries: Vec<Vec<Entry>>,
}

impl Builder<'_> {
    fn add(&mut self, form: &str, pat: Pat) {
        let form = form.trim();
        if form.is_empty() {
            return;
        }
        let (form, abbr) = match form.strip_prefix('~') {
            Some(f) => (f, true),
            None => (form, false),
        };
        let (body, prefix) = match form.strip_suffix('*') {
            Some(b) => (b, true),
            None => (form, false),
        };
        if body.is_empty() {
            return; // an empty pattern would match everywhere, even inside characters
        }
        let cap = body.chars().next().is_some_and(char::is_uppercase);
        let key = (self.fold)(body);
        let id = *self.keys.entry(key.clone()).or_insert_with(|| {
            self.patterns.push(key);
            self.entries.push(Vec::new());
            self.patterns.len() - 1
        });
        let entry = Entry { pat, cap, prefix, abbr };
        if !self.entries[id]
            .iter()
            .any(|e| e.pat == entry.pat && e.prefix == prefix && e.abbr == abbr)
        {
            self.entries[id].push(entry);
        }
    }
}

fn file(path: &str) -> Result<&'static str, Error> {
    attache_lexicon::file(path)
        .ok_or_else(|| Error::Invalid { file: path.into(), problem: "file is missing".into() })
}

impl Lexicon {
    pub(crate) fn load() -> Result<Lexicon, Error> {
        let persons: PersonsFile = toml::from_str(file("persons.toml")?)
            .map_err(|source| Error::Parse { file: "persons.toml".into(), source })?;
        let mut lex = Lexicon {
            countries: Vec::new(),
            places: Vec::new(),
            persons: persons.person,
            roles: Vec::new(),
            langs: HashMap::new(),
        };
        // country and place rows per language: (lang, form, pat)
        let mut rows: Vec<(String, String, Pat)> = Vec::new();
        let generated = attache_lexicon::file("generated/countries.tsv").unwrap_or("");
        for r in attache_lexicon::tsv_rows(generated) {
            if let [iso3, _a2, locale, _kind, form] = r[..] {
                let idx = lex.country_index(iso3);
                let lang = locale.split(['-', '_']).next().unwrap_or(locale);
                let pat = Pat::Country { iso3: idx, form: CountryForm::Name };
                rows.push((lang.to_string(), form.to_string(), pat));
            }
        }
        for r in attache_lexicon::tsv_rows(file("countries.tsv")?) {
            let [iso3, lang, kind, form] = r[..] else {
                return Err(Error::Invalid {
                    file: "countries.tsv".into(),
                    problem: format!("row {:?} does not have 4 columns", r.join("\t")),
                });
            };
            let form_kind = country_form(kind);
            let idx = lex.country_index(iso3);
            rows.push((lang.into(), form.into(), Pat::Country { iso3: idx, form: form_kind }));
        }
        for r in attache_lexicon::tsv_rows(file("places.tsv")?) {
            let [iso3, place, lang, form] = r[..] else {
                return Err(Error::Invalid {
                    file: "places.tsv".into(),
                    problem: format!("row {:?} does not have 4 columns", r.join("\t")),
                });
            };
            let idx = lex.place_index(place, iso3);
            rows.push((lang.into(), form.into(), Pat::Place(idx)));
        }
        let calendar = attache_lexicon::file("generated/calendar.tsv").unwrap_or("");
        for r in attache_lexicon::tsv_rows(calendar) {
            if let [locale, kind, index, form] = r[..] {
                let Ok(n) = index.parse::<u8>() else { continue };
                let pat = match kind {
                    k if k.starts_with("month") => Pat::Month(n),
                    k if k.starts_with("weekday") => Pat::Weekday(n),
                    _ => continue,
                };
                let lang = locale.split(['-', '_']).next().unwrap_or(locale);
                let form = form.trim_end_matches('.');
                // abbreviations are often ordinary words too ("mar", "po", "so")
                let form =
                    if kind.contains("abbr") { format!("~{form}") } else { form.to_string() };
                rows.push((lang.to_string(), form, pat));
            }
        }
        // a language's own tables: lexicons/<lang>/countries.tsv (iso3, kind, form) and
        // lexicons/<lang>/places.tsv (iso3, place, form)
        for lang in attache_lexicon::languages() {
            if let Some(src) = attache_lexicon::file(&format!("{lang}/countries.tsv")) {
                for r in attache_lexicon::tsv_rows(src) {
                    let [iso3, kind, form] = r[..] else {
                        return Err(Error::Invalid {
                            file: format!("{lang}/countries.tsv"),
                            problem: format!("row {:?} does not have 3 columns", r.join("\t")),
                        });
                    };
                    let idx = lex.country_index(iso3);
                    rows.push((
                        lang.into(),
                        form.into(),
                        Pat::Country { iso3: idx, form: country_form(kind) },
                    ));
                }
            }
            if let Some(src) = attache_lexicon::file(&format!("{lang}/places.tsv")) {
                for r in attache_lexicon::tsv_rows(src) {
                    let [iso3, place, form] = r[..] else {
                        return Err(Error::Invalid {
                            file: format!("{lang}/places.tsv"),
                            problem: format!("row {:?} does not have 3 columns", r.join("\t")),
                        });
                    };
                    let idx = lex.place_index(place, iso3);
                    rows.push((lang.into(), form.into(), Pat::Place(idx)));
                }
            }
        }
        for lang in attache_lexicon::languages() {
            let path = format!("{lang}/extract.toml");
            let Some(src) = attache_lexicon::file(&path) else { continue };
            let parsed: ExtractFile = toml::from_str(src)
                .map_err(|source| Error::Parse { file: path.clone(), source })?;
            let compiled = lex.compile(lang, &path, &parsed, &rows)?;
            lex.langs.insert(lang.to_string(), compiled);
        }
        Ok(lex)
    }

    fn country_index(&mut self, iso3: &str) -> u16 {
        match self.countries.iter().position(|c| c == iso3) {
            Some(i) => i as u16,
            None => {
                self.countries.push(iso3.to_string());
                (self.countries.len() - 1) as u16
            }
        }
    }

    fn place_index(&mut self, place: &str, iso3: &str) -> u16 {
        let country = self.country_index(iso3);
        match self.places.iter().position(|(p, c)| p == place && *c == country) {
            Some(i) => i as u16,
            None => {
                self.places.push((place.to_string(), country));
                (self.places.len() - 1) as u16
            }
        }
    }

    fn role_index(&mut self, role: &str) -> u16 {
        match self.roles.iter().position(|r| r == role) {
            Some(i) => i as u16,
            None => {
                self.roles.push(role.to_string());
                (self.roles.len() - 1) as u16
            }
        }
    }

    fn compile(
        &mut self,
        lang: &str,
        path: &str,
        f: &ExtractFile,
        rows: &[(String, String, Pat)],
    ) -> Result<LangLex, Error> {
        let keep = f.grammar.keep_diacritics;
        let fold_fn = move |s: &str| if keep { fold_case(s) } else { fold(s) };
        let mut b =
            Builder { fold: &fold_fn, keys: HashMap::new(), patterns: vec![], entries: vec![] };
        let invalid = |problem: String| Error::Invalid { file: path.to_string(), problem };
        for (role, titles) in &f.offices {
            let idx = self.role_index(role);
            for t in titles {
                b.add(t, Pat::Office(idx));
            }
        }
        for (kind, cues) in &f.encounters {
            let t = EncounterType::parse(kind)
                .ok_or_else(|| invalid(format!("unknown encounter type {kind:?}")))?;
            cues.iter().for_each(|c| b.add(c, Pat::Encounter(t)));
        }
        for (kind, cues) in &f.acts {
            let t = ActType::parse(kind)
                .ok_or_else(|| invalid(format!("unknown act type {kind:?}")))?;
            cues.iter().for_each(|c| b.add(c, Pat::Act(t)));
        }
        for (kind, cues) in &f.acts_by {
            let t = ActType::parse(kind)
                .ok_or_else(|| invalid(format!("unknown act type {kind:?} in [acts_by]")))?;
            cues.iter().for_each(|c| b.add(c, Pat::ActBy(t)));
        }
        for (kind, cues) in &f.modality {
            let m = match kind.as_str() {
                "future" => Modal::Future,
                "plan" => Modal::Plan,
                "cancel" => Modal::Cancel,
                "negation" => Modal::Negation,
                "acknowledge" => Modal::Acknowledge,
                other => return Err(invalid(format!("unknown modality {other:?}"))),
            };
            cues.iter().for_each(|c| b.add(c, Pat::Modal(m)));
        }
        let w = &f.words;
        let lists: [(&[String], Pat); 16] = [
            (&w.complementizers, Pat::Complementizer),
            (&w.date_joiners, Pat::DateJoin),
            (&w.comitative, Pat::Comitative),
            (&w.since, Pat::Since),
            (&w.pairs, Pat::Pair),
            (&w.not_names, Pat::Block),
            (&w.honorifics, Pat::Honorific),
            (&w.personal_pronouns, Pat::Pronoun),
            (&w.relative_pronouns, Pat::Relative),
            (&w.place_prepositions, Pat::PlacePrep),
            (&w.destination_prepositions, Pat::DestPrep),
            (&w.day_markers, Pat::DayMarker),
            (&w.year_markers, Pat::YearMarker),
            (&w.range_to, Pat::RangeTo),
            (&w.open_from, Pat::OpenFrom),
            (&w.conjunctions, Pat::Conj),
        ];
        for (list, pat) in lists {
            list.iter().for_each(|x| b.add(x, pat.clone()));
        }
        for (name, words) in &f.relative_days {
            let offset = match name.as_str() {
                "today" => 0,
                "yesterday" => -1,
                "tomorrow" => 1,
                other => return Err(invalid(format!("unknown relative day {other:?}"))),
            };
            words.iter().for_each(|x| b.add(x, Pat::RelDay(offset)));
        }
        for (name, words) in &f.relative_years {
            let offset = match name.as_str() {
                "this_year" => 0,
                "last_year" => -1,
                "next_year" => 1,
                other => return Err(invalid(format!("unknown relative year {other:?}"))),
            };
            words.iter().for_each(|x| b.add(x, Pat::RelYear(offset)));
        }
        for (name, forms) in &f.calendar {
            let pat = if let Some(m) = MONTHS.iter().position(|x| x == name) {
                Pat::Month(m as u8 + 1)
            } else if let Some(d) = WEEKDAYS.iter().position(|x| x == name) {
                Pat::Weekday(d as u8 + 1)
            } else {
                return Err(invalid(format!(
                    "[calendar] has {name:?}: not an English month or weekday name"
                )));
            };
            forms.iter().for_each(|x| b.add(x, pat.clone()));
        }
        for (row_lang, form, pat) in rows {
            if row_lang == lang {
                b.add(form, pat.clone());
            }
        }
        // people are written the same in every Latin-script language; names in other scripts
        // simply never match elsewhere
        for (idx, p) in self.persons.iter().enumerate() {
            let idx = idx as u16;
            p.names.iter().for_each(|n| b.add(n, Pat::Person { idx, form: NameForm::Full }));
            p.short.iter().for_each(|n| b.add(n, Pat::Person { idx, form: NameForm::Short }));
            p.titled.iter().for_each(|n| b.add(n, Pat::Person { idx, form: NameForm::Titled }));
        }
        let ac = AhoCorasick::builder()
            .build(&b.patterns)
            .map_err(|source| Error::Compile { lang: lang.to_string(), source })?;
        Ok(LangLex {
            keep_diacritics: keep,
            date_order: f.grammar.date_order,
            verb_second: f.grammar.verb_second,
            verb_final: f.grammar.verb_final,
            name_before_title: f.grammar.name_before_title,
            name_suffixes: std::iter::once(&f.grammar.genitive_suffix)
                .chain(&f.grammar.name_suffixes)
                .filter(|x| !x.is_empty())
                .map(|x| fold_fn(x))
                .collect(),
            clitic_prefixes: f.grammar.clitic_prefixes.iter().map(|x| fold_fn(x)).collect(),
            calendar_suffixes: f.grammar.calendar_suffixes.iter().map(|x| fold_fn(x)).collect(),
            buddhist_era: f.grammar.buddhist_era,
            comitative: f.words.comitative.iter().map(|x| fold_fn(x)).collect(),
            coverage: coverage(&b.entries),
            ac,
            entries: b.entries,
        })
    }

    /// The person holding `role` in `country` on `day`.
    pub(crate) fn holder(&self, country: &str, role: &str, day: Date) -> Option<usize> {
        self.persons.iter().position(|p| {
            p.country == country && p.offices.iter().any(|t| t.role == role && t.covers(day))
        })
    }

    /// The office a person held on `day` (the last listed when several).
    pub(crate) fn role_at(&self, person: usize, day: Date) -> Option<&str> {
        self.persons[person].offices.iter().rev().find(|t| t.covers(day)).map(|t| t.role.as_str())
    }
}
