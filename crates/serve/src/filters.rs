//! Timeline filters from a query string, shared by `/api/events` and the `/` page.

use crate::error::ApiError;
use attache_model::EncounterType;
use attache_store::TimelineQuery;
use jiff::civil::Date;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// The most events one request may ask for.
pub(crate) const MAX_LIMIT: usize = 1000;
/// Events per request when `limit` is not given.
pub(crate) const DEFAULT_LIMIT: usize = 100;
/// The longest person search accepted.
const MAX_PERSON: usize = 200;

/// Parsed filters and paging.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Filters {
    /// What the store filters on.
    pub(crate) query: TimelineQuery,
    /// Events to return at most.
    pub(crate) limit: usize,
    /// Events to skip first.
    pub(crate) offset: usize,
}

/// Whether parameters the filters do not know are an error (the API) or ignored (the HTML
/// form, whose browser may add its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unknown {
    Reject,
    Ignore,
}

/// Parses `country` (repeatable; an upper-case ISO 3166-1 alpha-2 or alpha-3 code, made the
/// alpha-3 code the store keeps), `dyad` (`RU-VN` or `RUS-VNM`), `person`, `type` (repeatable), `from`/`to` (`YYYY-MM-DD`),
/// `limit` (at most [`MAX_LIMIT`]) and `offset`. Empty values count as absent, as an empty
/// form field sends them.
pub(crate) fn parse(params: &[(String, String)], unknown: Unknown) -> Result<Filters, ApiError> {
    let mut f = Filters { limit: DEFAULT_LIMIT, ..Filters::default() };
    let add_country = |f: &mut Filters, c: &str| {
        if !f.query.countries.iter().any(|have| have == c) {
            f.query.countries.push(c.to_owned());
        }
    };
    for (key, value) in params {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        match key.as_str() {
            "country" => {
                let c = check_country(value)?;
                add_country(&mut f, &c);
            }
            "dyad" => {
                let (a, b) = value.split_once('-').ok_or_else(|| {
                    ApiError::bad(
                        "bad_dyad",
                        format!(
                            "dyad {value:?} is not two country codes joined by '-' (like RU-VN)"
                        ),
                    )
                })?;
                for c in [a, b] {
                    let c = check_country(c)?;
                    add_country(&mut f, &c);
                }
            }
            "person" => {
                if value.chars().count() > MAX_PERSON {
                    return Err(ApiError::bad(
                        "bad_person",
                        format!("person is longer than {MAX_PERSON} characters"),
                    ));
                }
                f.query.person = Some(value.to_owned());
            }
            "type" => {
                let kind = EncounterType::parse(value).ok_or_else(|| {
                    ApiError::bad(
                        "bad_type",
                        format!("type {value:?} is not one of phone_call, meeting, visit"),
                    )
                })?;
                let name = kind.as_str().to_owned();
                if !f.query.types.contains(&name) {
                    f.query.types.push(name);
                }
            }
            "from" => f.query.since = Some(parse_date("from", value)?),
            "to" => f.query.until = Some(parse_date("to", value)?),
            "limit" => {
                let n: usize = value.parse().map_err(|_| {
                    ApiError::bad("bad_limit", format!("limit {value:?} is not a whole number"))
                })?;
                if n > MAX_LIMIT {
                    return Err(ApiError::bad(
                        "bad_limit",
                        format!("limit {n} is above the maximum of {MAX_LIMIT}"),
                    ));
                }
                f.limit = n;
            }
            "offset" => {
                f.offset = value.parse().map_err(|_| {
                    ApiError::bad("bad_offset", format!("offset {value:?} is not a whole number"))
                })?;
            }
            other => {
                if unknown == Unknown::Reject {
                    return Err(ApiError::bad(
                        "unknown_parameter",
                        format!(
                            "unknown parameter {other:?} (known: country, dyad, person, type, \
                             from, to, limit, offset)"
                        ),
                    ));
                }
            }
        }
    }
    if let (Some(since), Some(until)) = (f.query.since, f.query.until)
        && since > until
    {
        return Err(ApiError::bad("bad_date", format!("from ({since}) is after to ({until})")));
    }
    Ok(f)
}

/// Known countries: ISO 3166-1 alpha-3 codes, and alpha-2 → alpha-3, from the lexicons.
#[derive(Debug, Default)]
struct Countries {
    iso3: HashSet<&'static str>,
    by_alpha2: HashMap<&'static str, &'static str>,
}

fn countries() -> &'static Countries {
    static COUNTRIES: OnceLock<Countries> = OnceLock::new();
    COUNTRIES.get_or_init(|| {
        let mut c = Countries::default();
        // iso3, alpha2, locale, kind, form
        for row in attache_lexicon::tsv_rows(
            attache_lexicon::file("generated/countries.tsv").unwrap_or_default(),
        ) {
            if let [iso3, alpha2, ..] = row[..] {
                c.iso3.insert(iso3);
                if !alpha2.is_empty() {
                    c.by_alpha2.insert(alpha2, iso3);
                }
            }
        }
        // iso3, lang, kind, form: codes CLDR lacks
        for row in
            attache_lexicon::tsv_rows(attache_lexicon::file("countries.tsv").unwrap_or_default())
        {
            if let Some(iso3) = row.first().filter(|c| c.len() == 3) {
                c.iso3.insert(iso3);
            }
        }
        c
    })
}

/// A country code as the store keeps it (ISO 3166-1 alpha-3), from an alpha-3 or alpha-2
/// code in upper case: `VNM` and `VN` are both `VNM`. Malformed and unknown codes are
/// `bad_country`.
fn check_country(c: &str) -> Result<String, ApiError> {
    let shape = (c.len() == 2 || c.len() == 3) && c.bytes().all(|b| b.is_ascii_uppercase());
    if !shape {
        return Err(ApiError::bad(
            "bad_country",
            format!(
                "country {c:?} is not an ISO 3166-1 code (two or three upper-case letters, \
                 like VN or VNM)"
            ),
        ));
    }
    let known = countries();
    let code = if c.len() == 2 {
        known.by_alpha2.get(c).map(|s| (*s).to_owned())
    } else if known.iso3.is_empty() || known.iso3.contains(c) {
        Some(c.to_owned())
    } else {
        None
    };
    code.ok_or_else(|| ApiError::bad("bad_country", format!("country {c:?} is not a known code")))
}

/// A day written `YYYY-MM-DD`, and nothing else.
fn parse_date(name: &str, value: &str) -> Result<Date, ApiError> {
    let bad = || ApiError::bad("bad_date", format!("{name} {value:?} is not a date (YYYY-MM-DD)"));
    let b = value.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return Err(bad());
    }
    value.parse::<Date>().map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn code(pairs: &[(&str, &str)]) -> &'static str {
        parse(&p(pairs), Unknown::Reject).unwrap_err().code()
    }

    #[test]
    fn parses_every_filter() {
        let f = parse(
            &p(&[
                ("country", "VN"),
                ("dyad", "RUS-VNM"),
                ("dyad", "CN-VN"),
                ("person", " to lam "),
                ("type", "visit"),
                ("type", "meeting"),
                ("from", "2023-01-01"),
                ("to", "2023-12-31"),
                ("limit", "5"),
                ("offset", "10"),
                ("empty", ""),
            ]),
            Unknown::Reject,
        )
        .unwrap();
        assert_eq!(f.query.countries, ["VNM", "RUS", "CHN"]);
        assert_eq!(f.query.person.as_deref(), Some("to lam"));
        assert_eq!(f.query.types, ["visit", "meeting"]);
        assert_eq!(f.query.since, Some(jiff::civil::date(2023, 1, 1)));
        assert_eq!(f.query.until, Some(jiff::civil::date(2023, 12, 31)));
        assert_eq!((f.limit, f.offset), (5, 10));
    }

    #[test]
    fn defaults() {
        let f = parse(&[], Unknown::Reject).unwrap();
        assert_eq!(f.query, TimelineQuery::default());
        assert_eq!((f.limit, f.offset), (DEFAULT_LIMIT, 0));
    }

    #[test]
    fn rejects_bad_values_with_stable_codes() {
        let cases: [(&[(&str, &str)], &str); 17] = [
            (&[("from", "2023-13-01")], "bad_date"),
            (&[("from", "2023-02-30")], "bad_date"),
            (&[("to", "yesterday")], "bad_date"),
            (&[("to", "20230101")], "bad_date"),
            (&[("from", "2024-01-02"), ("to", "2024-01-01")], "bad_date"),
            (&[("country", "V")], "bad_country"),
            (&[("country", "vn")], "bad_country"),
            (&[("country", "QQ")], "bad_country"),
            (&[("country", "QQQ")], "bad_country"),
            (&[("country", "vnm")], "bad_country"),
            (&[("country", "VNMX")], "bad_country"),
            (&[("dyad", "RUS")], "bad_dyad"),
            (&[("dyad", "RUS-vn")], "bad_country"),
            (&[("type", "dinner")], "bad_type"),
            (&[("limit", "1001")], "bad_limit"),
            (&[("offset", "-1")], "bad_offset"),
            (&[("colour", "red")], "unknown_parameter"),
        ];
        for (pairs, want) in cases {
            assert_eq!(code(pairs), want, "{pairs:?}");
        }
        assert_eq!(code(&[("limit", "-3")]), "bad_limit");
        assert_eq!(parse(&p(&[("limit", "1000")]), Unknown::Reject).unwrap().limit, 1000);
        assert!(parse(&p(&[("colour", "red")]), Unknown::Ignore).is_ok());
    }
}
