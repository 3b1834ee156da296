//! Checks on `lexicons/persons.toml`: the file parses, ids are unique, countries and role
//! codes exist, terms are well formed, no two people hold one head-of-state or
//! head-of-government office in a country on the same day, and no name form belongs to two
//! people (a bare name is resolved without regard to dates, so a shared form would always
//! pick the first person listed).

use attache_model::fold::fold;
use jiff::civil::Date;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    person: Vec<Person>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Person {
    id: String,
    name: String,
    country: String,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    short: Vec<String>,
    #[serde(default)]
    titled: Vec<String>,
    #[serde(default)]
    offices: Vec<Term>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Term {
    role: String,
    from: Date,
    to: Option<Date>,
}

/// Offices only one person can hold in a country at a time.
const EXCLUSIVE: &[&str] = &[
    "president",
    "prime_minister",
    "chancellor",
    "king",
    "queen",
    "supreme_leader",
    "general_secretary",
];

/// Folded name forms that may belong to more than one person, with the reason. Keep it
/// small: a shared form always resolves to the first person listed.
const SHARED_FORMS: &[(&str, &str)] = &[];

/// How many days two terms may overlap at a handover.
const HANDOVER_DAYS: i32 = 1;

fn lexicons() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lexicons")
}

fn load() -> Vec<Person> {
    let path = lexicons().join("persons.toml");
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let file: File = toml::from_str(&src).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    file.person
}

/// ISO 3166-1 alpha-3 codes of lexicons/generated/countries.tsv.
fn countries() -> BTreeSet<String> {
    let path = lexicons().join("generated/countries.tsv");
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    src.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1) // header
        .filter_map(|l| l.split('\t').next())
        .map(str::to_string)
        .collect()
}

/// Role codes: the keys of `[offices]` in every lexicons/*/extract.toml.
fn roles() -> BTreeSet<String> {
    let mut roles = BTreeSet::new();
    let dir = lexicons();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path().join("extract.toml");
        let Ok(src) = std::fs::read_to_string(&path) else { continue };
        let table: toml::Table =
            toml::from_str(&src).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if let Some(offices) = table.get("offices").and_then(|o| o.as_table()) {
            roles.extend(offices.keys().cloned());
        }
    }
    assert!(!roles.is_empty(), "no [offices] found under {}", dir.display());
    roles
}

fn fail(problems: Vec<String>, what: &str) {
    assert!(problems.is_empty(), "{} {what}:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn persons_file_parses_and_is_not_empty() {
    assert!(!load().is_empty());
}

#[test]
fn ids_are_unique_slugs() {
    let mut seen = BTreeSet::new();
    let mut problems = Vec::new();
    for p in load() {
        let slug = !p.id.is_empty()
            && p.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !p.id.starts_with('-')
            && !p.id.ends_with('-')
            && !p.id.contains("--");
        if !slug {
            problems.push(format!("{:?} is not a slug", p.id));
        }
        if !seen.insert(p.id.clone()) {
            problems.push(format!("id {:?} is used twice", p.id));
        }
    }
    fail(problems, "bad ids");
}

#[test]
fn countries_are_known_alpha3_codes() {
    let known = countries();
    assert!(known.len() > 200, "only {} countries read", known.len());
    let problems: Vec<String> = load()
        .iter()
        .filter(|p| {
            p.country.len() != 3
                || !p.country.chars().all(|c| c.is_ascii_uppercase())
                || !known.contains(&p.country)
        })
        .map(|p| format!("{}: country {:?}", p.id, p.country))
        .collect();
    fail(problems, "unknown countries");
}

#[test]
fn names_are_present_and_clean() {
    let mut problems = Vec::new();
    for p in load() {
        if p.name.trim().is_empty() {
            problems.push(format!("{}: empty display name", p.id));
        }
        if p.names.is_empty() {
            problems.push(format!("{}: no names", p.id));
        }
        if !p.names.contains(&p.name) {
            problems.push(format!("{}: display name {:?} is not among its names", p.id, p.name));
        }
        for form in p.names.iter().chain(&p.short).chain(&p.titled) {
            if form.trim().is_empty() || form.trim() != form || fold(form).trim().is_empty() {
                problems.push(format!("{}: bad form {form:?}", p.id));
            }
        }
    }
    fail(problems, "problems with names");
}

#[test]
fn no_name_form_belongs_to_two_people() {
    let allowed: BTreeSet<&str> = SHARED_FORMS.iter().map(|(form, _)| *form).collect();
    let mut owners: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    // (titled forms may be shared: they stand only with a title, and the person who held
    // that title on the day is the one meant, "이 대통령" in 2025 being Lee Jae-myung)
    for p in load() {
        for form in p.names.iter().chain(&p.short) {
            owners.entry(fold(form)).or_default().insert(p.id.clone());
        }
    }
    let problems: Vec<String> = owners
        .iter()
        .filter(|(form, ids)| ids.len() > 1 && !allowed.contains(form.as_str()))
        .map(|(form, ids)| {
            format!("{form:?}: {}", ids.iter().cloned().collect::<Vec<_>>().join(", "))
        })
        .collect();
    fail(problems, "name forms shared by several people");
}

#[test]
fn terms_are_well_formed() {
    let roles = roles();
    let first = Date::constant(1900, 1, 1);
    let last = Date::constant(2100, 1, 1);
    let mut problems = Vec::new();
    for p in load() {
        for t in &p.offices {
            if !roles.contains(&t.role) {
                problems.push(format!("{}: unknown role {:?}", p.id, t.role));
            }
            if t.from < first || t.from > last {
                problems.push(format!("{}: {} from {} is out of range", p.id, t.role, t.from));
            }
            if let Some(to) = t.to
                && t.from >= to
            {
                problems
                    .push(format!("{}: {} from {} is not before to {to}", p.id, t.role, t.from));
            }
        }
    }
    fail(problems, "bad terms");
}

#[test]
fn one_holder_per_exclusive_office() {
    let open_end = Date::constant(9999, 12, 31);
    // (country, role) -> (id, from, to)
    type Terms = HashMap<(String, String), Vec<(String, Date, Date)>>;
    let mut terms: Terms = HashMap::new();
    for p in load() {
        for t in p.offices.iter().filter(|t| EXCLUSIVE.contains(&t.role.as_str())) {
            terms.entry((p.country.clone(), t.role.clone())).or_default().push((
                p.id.clone(),
                t.from,
                t.to.unwrap_or(open_end),
            ));
        }
    }
    let mut problems = Vec::new();
    for ((country, role), list) in &terms {
        for (i, (a, a_from, a_to)) in list.iter().enumerate() {
            for (b, b_from, b_to) in &list[i + 1..] {
                if a == b {
                    continue;
                }
                let start = (*a_from).max(*b_from);
                let end = (*a_to).min(*b_to);
                if start < end {
                    let days = (end - start).get_days();
                    if days > HANDOVER_DAYS {
                        problems.push(format!(
                            "{country} {role}: {a} ({a_from}..{a_to}) and {b} ({b_from}..{b_to}) overlap {days} days"
                        ));
                    }
                }
            }
        }
    }
    problems.sort();
    fail(problems, "overlapping office holders");
}
