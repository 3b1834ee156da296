//! Actor mentions in a sentence: people, offices, countries, pronouns and places.
//!
//! Grouping works on tokens. An office title takes a country modifier just before it
//! ("Russian President", "Rysslands president") or just after it ("Tổng thống Nga"), then a
//! name just after it: a known person, or one to four capitalised words for someone the
//! lexicon does not know. Titles in a row ("Tổng Bí thư, Chủ tịch nước …") form one actor
//! with the first title as its role. An honorific ("Mr.", "ông") also introduces a name.
//! ("le président russe", "الرئيس الروسي": an adjective may follow the title too.)
//! A country right after a place or destination preposition is where something happens or
//! where someone goes, not who acts.

use crate::lexicon::{CountryForm, NameForm, Pat};
use crate::tokens::{Tok, TokKind};

/// Who an actor names.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Who {
    /// A person the lexicon knows.
    Known(usize),
    /// A name the lexicon does not know, as written.
    Unknown(String),
    /// An office without a name ("the Russian president").
    Office,
    /// A country, its adjective or its seat of government, alone.
    Country,
    /// "he", "she", "ông".
    Pronoun,
    /// "who", "som".
    Relative,
    /// One of "the two leaders" (0 or 1): the last two people of different countries.
    Pair(u8),
}

/// Which preposition stands right before an actor or place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Prep {
    Place,
    Destination,
    Both,
}

/// An actor mention.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Actor {
    pub(crate) first: usize,
    pub(crate) last: usize,
    pub(crate) who: Who,
    pub(crate) country: Option<u16>,
    pub(crate) role: Option<u16>,
    pub(crate) prep: Option<Prep>,
    pub(crate) place: Option<u16>,
}

impl Actor {
    /// An actor with nothing but who it is.
    fn plain(first: usize, last: usize, who: Who) -> Actor {
        Actor { first, last, who, country: None, role: None, prep: None, place: None }
    }
}

fn country_of(t: &Tok, forms: &[CountryForm]) -> Option<u16> {
    t.pats().iter().find_map(|p| match p {
        Pat::Country { iso3, form } if forms.contains(form) => Some(*iso3),
        _ => None,
    })
}

fn office_of(t: &Tok) -> Option<u16> {
    t.pats().iter().find_map(|p| if let Pat::Office(r) = p { Some(*r) } else { None })
}

fn person_of(t: &Tok, titled_ok: bool) -> Option<usize> {
    t.pats().iter().find_map(|p| match p {
        Pat::Person { idx, form } if titled_ok || *form != NameForm::Titled => Some(*idx as usize),
        _ => None,
    })
}

fn place_of(t: &Tok) -> Option<u16> {
    t.pats().iter().find_map(|p| if let Pat::Place(i) = p { Some(*i) } else { None })
}

fn prep_before(toks: &[Tok], i: usize) -> Option<Prep> {
    let t = toks.get(i.checked_sub(1)?)?;
    let place = t.has(|p| *p == Pat::PlacePrep);
    let dest = t.has(|p| *p == Pat::DestPrep);
    match (place, dest) {
        (true, true) => Some(Prep::Both),
        (true, false) => Some(Prep::Place),
        (false, true) => Some(Prep::Destination),
        _ => None,
    }
}

/// Capitalised words after a title, as an unknown name: 1 to 4 words, none of them lexicon
/// phrases.
fn unknown_name(toks: &[Tok], text: &str, at: usize) -> Option<(String, usize)> {
    let mut last = None;
    for (k, t) in toks.iter().enumerate().skip(at).take(4) {
        match t.kind {
            TokKind::Word { cap: true } => last = Some(k),
            _ => break,
        }
    }
    let last = last?;
    Some((text[toks[at].start..toks[last].end].to_string(), last))
}

/// Every actor and place in a sentence's tokens, in order. `pick(people, role)` chooses, of
/// the people a name form can be, one who held the office (on the day if it can): a name that
/// stands only with a title ("Ban" after "Tổng Bí thư", "이" before "대통령") is a person only
/// if the title fits. With `name_before_title`, a name right before a title belongs to it.
pub(crate) fn find(
    toks: &[Tok],
    text: &str,
    pick: &dyn Fn(&[usize], u16) -> Option<usize>,
    name_before_title: bool,
) -> Vec<Actor> {
    let mut out: Vec<Actor> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if let Some(role) = office_of(t) {
            let mut first = i;
            let mut country = None;
            if let Some(prev) = out.last()
                && prev.last + 1 == i
                && prev.who == Who::Country
                && prev.prep.is_none()
            {
                country = prev.country;
                first = prev.first;
                out.pop();
            }
            let mut last = i;
            // more titles: "Tổng Bí thư, Chủ tịch nước", "vice premiärminister och utrikesminister"
            loop {
                let next = last + 1;
                if toks.get(next).and_then(office_of).is_some() {
                    last = next;
                } else if toks
                    .get(next)
                    .is_some_and(|t| t.is_punct(&[',']) || t.has(|p| *p == Pat::Conj))
                    && toks.get(next + 1).and_then(office_of).is_some()
                {
                    last = next + 1;
                } else {
                    break;
                }
            }
            if country.is_none()
                && let Some(c) = toks
                    .get(last + 1)
                    .and_then(|t| country_of(t, &[CountryForm::Name, CountryForm::Adjective]))
            {
                country = Some(c);
                last += 1;
            }
            let roles: Vec<u16> = toks[i..=last].iter().filter_map(office_of).collect();
            let fits = |t: &Tok| {
                let full = t.pats().iter().find_map(|p| match p {
                    Pat::Person { idx, form } if *form != NameForm::Titled => Some(*idx as usize),
                    _ => None,
                });
                let titled: Vec<usize> = t
                    .pats()
                    .iter()
                    .filter_map(|p| match p {
                        Pat::Person { idx, .. } => Some(*idx as usize),
                        _ => None,
                    })
                    .collect();
                full.or_else(|| roles.iter().find_map(|r| pick(&titled, *r)))
            };
            let mut who = Who::Office;
            // "이 대통령", "岸田首相": the name before the title
            if name_before_title
                && first == i
                && i > 0
                && let Some(p) = fits(&toks[i - 1])
            {
                who = Who::Known(p);
                first = i - 1;
                if out.last().is_some_and(|a| a.first == i - 1) {
                    out.pop();
                }
            }
            if who != Who::Office {
                // the name came first
            } else if let Some(p) = toks.get(last + 1).and_then(fits) {
                who = Who::Known(p);
                last += 1;
            } else if matches!(
                toks.get(last + 1).map(|t| &t.kind),
                Some(TokKind::Word { cap: true })
            ) && let Some(p) = toks.get(last + 2).and_then(fits)
            {
                // a first name the lexicon does not have in this form ("Narendrę Modiego")
                who = Who::Known(p);
                last += 2;
            } else if let Some((name, end)) = unknown_name(toks, text, last + 1) {
                who = Who::Unknown(name);
                last = end;
            }
            out.push(Actor {
                first,
                last,
                who,
                country,
                role: Some(role),
                prep: prep_before(toks, first),
                place: None,
            });
            i = last + 1;
            continue;
        }
        if t.has(|p| *p == Pat::Honorific) {
            if let Some(p) = toks.get(i + 1).and_then(|t| person_of(t, true)) {
                out.push(Actor::plain(i, i + 1, Who::Known(p)));
                i += 2;
                continue;
            }
            if let Some((name, end)) = unknown_name(toks, text, i + 1) {
                out.push(Actor::plain(i, end, Who::Unknown(name)));
                i = end + 1;
                continue;
            }
            if t.has(|p| *p == Pat::Pronoun) {
                out.push(Actor::plain(i, i, Who::Pronoun));
            }
            i += 1;
            continue;
        }
        if let Some(p) = person_of(t, false) {
            out.push(Actor {
                first: i,
                last: i,
                who: Who::Known(p),
                country: None,
                role: None,
                prep: prep_before(toks, i),
                place: None,
            });
        } else if let Some(c) = country_of(
            t,
            &[
                CountryForm::Name,
                CountryForm::Adjective,
                CountryForm::Genitive,
                CountryForm::Demonym,
                CountryForm::Metonym,
            ],
        ) {
            let place = place_of(t);
            out.push(Actor {
                first: i,
                last: i,
                who: Who::Country,
                country: Some(c),
                role: None,
                prep: prep_before(toks, i),
                place,
            });
        } else if let Some(pl) = place_of(t) {
            out.push(Actor {
                first: i,
                last: i,
                who: Who::Country,
                country: None,
                role: None,
                prep: prep_before(toks, i),
                place: Some(pl),
            });
        } else if t.has(|p| *p == Pat::Pair) {
            for k in 0..2 {
                out.push(Actor::plain(i, i, Who::Pair(k)));
            }
        } else if t.has(|p| *p == Pat::Pronoun) {
            out.push(Actor::plain(i, i, Who::Pronoun));
        } else if t.has(|p| *p == Pat::Relative) {
            out.push(Actor::plain(i, i, Who::Relative));
        }
        i += 1;
    }
    out
}
