//! `cargo xtask lexicons`: checks the hand-written tables `lexicons/countries.tsv` and
//! `lexicons/places.tsv` against each other and against `lexicons/generated/countries.tsv`.
//!
//! The rules: every row has four columns with no blank and no space at either end; iso3 codes
//! exist in the generated table; languages are ones the generator has CLDR data for; kinds
//! are known; no row appears twice; one form names one country per language (so the matcher
//! never has to choose); an alias is not a name CLDR already gives; one place belongs to one
//! country.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::cldr;

/// Path of the hand-written country table, relative to `lexicons/`.
const COUNTRIES_PATH: &str = "countries.tsv";
/// Path of the hand-written place table, relative to `lexicons/`.
const PLACES_PATH: &str = "places.tsv";

const COUNTRIES_HEADER: &str = "iso3\tlang\tkind\tform";
const PLACES_HEADER: &str = "iso3\tplace\tlang\tform";
const KINDS: &[&str] = &["adjective", "demonym", "genitive", "alias", "metonym"];

/// Checks the tables under `lexicons` and fails with every problem found.
pub(crate) fn run(lexicons: &Path) -> Result<()> {
    let read = |rel: &str| {
        let path = lexicons.join(rel);
        std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))
    };
    let tables = Tables {
        generated: read(cldr::COUNTRIES_PATH)?,
        countries: read(COUNTRIES_PATH)?,
        places: read(PLACES_PATH)?,
    };
    let problems = tables.check();
    if problems.is_empty() {
        println!(
            "{COUNTRIES_PATH}: {} rows, {PLACES_PATH}: {} rows, no problems",
            tsv_rows(&tables.countries).count(),
            tsv_rows(&tables.places).count()
        );
        return Ok(());
    }
    for p in &problems {
        eprintln!("{p}");
    }
    bail!("{} problems in the lexicon tables", problems.len())
}

/// The three files, as text.
struct Tables {
    generated: String,
    countries: String,
    places: String,
}

impl Tables {
    /// Every problem found, one line each, naming the file and the offending row.
    fn check(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut names: BTreeMap<(&str, &str), BTreeSet<String>> = BTreeMap::new();
        for row in tsv_rows(&self.generated) {
            if let [iso3, _alpha2, locale, _kind, form] = row[..] {
                names.entry((iso3, locale)).or_default().insert(form.to_lowercase());
            }
        }
        let iso3s: HashSet<&str> = names.keys().map(|(iso3, _)| *iso3).collect();
        let langs: HashSet<&str> =
            cldr::LOCALES.iter().map(|l| l.split('-').next().unwrap_or(l)).collect();

        let countries =
            common_rows(COUNTRIES_PATH, &self.countries, COUNTRIES_HEADER, &iso3s, &mut problems);
        // Which country a (lang, lower-cased form) names: CLDR's names first, then ours.
        let mut owner: HashMap<(&str, String), &str> = HashMap::new();
        for ((iso3, locale), forms) in &names {
            for form in forms {
                owner.entry((*locale, form.clone())).or_insert(iso3);
            }
        }
        for row in countries.iter().filter(|r| r.len() == 4) {
            let [iso3, lang, kind, form] = [row[0], row[1], row[2], row[3]];
            if !langs.contains(lang) {
                problems.push(format!("{COUNTRIES_PATH}: unknown lang {lang:?} for {form:?}"));
            }
            if !KINDS.contains(&kind) {
                problems.push(format!("{COUNTRIES_PATH}: unknown kind {kind:?} for {form:?}"));
            }
            let folded = form.to_lowercase();
            if kind == "alias" && names.get(&(iso3, lang)).is_some_and(|n| n.contains(&folded)) {
                problems.push(format!(
                    "{COUNTRIES_PATH}: alias {form:?} ({iso3}, {lang}) is already a CLDR name"
                ));
            }
            match owner.get(&(lang, folded.clone())) {
                Some(other) if *other != iso3 => problems.push(format!(
                    "{COUNTRIES_PATH}: {lang} {form:?} names both {other} and {iso3}"
                )),
                _ => {
                    owner.insert((lang, folded), iso3);
                }
            }
        }

        let places = common_rows(PLACES_PATH, &self.places, PLACES_HEADER, &iso3s, &mut problems);
        let mut place_country: HashMap<&str, &str> = HashMap::new();
        for row in places.iter().filter(|r| r.len() == 4) {
            let [iso3, place, lang, form] = [row[0], row[1], row[2], row[3]];
            if !langs.contains(lang) {
                problems.push(format!("{PLACES_PATH}: unknown lang {lang:?} for {form:?}"));
            }
            match place_country.insert(place, iso3) {
                Some(other) if other != iso3 => problems
                    .push(format!("{PLACES_PATH}: place {place:?} is in both {other} and {iso3}")),
                _ => {}
            }
        }
        problems
    }
}

/// Rows of a tab-separated file: blank lines, `#` comment lines and the first remaining line
/// (the header) are skipped. The same rule as `attache_lexicon::tsv_rows`, which a test checks;
/// it is repeated here so that `cargo xtask` does not build the workspace crates.
fn tsv_rows(contents: &str) -> impl Iterator<Item = Vec<&str>> {
    contents
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1)
        .map(|l| l.split('\t').collect())
}

/// The rows of one table, after the checks both tables share: header, column count, spaces,
/// duplicates and iso3 codes.
fn common_rows<'a>(
    file: &str,
    text: &'a str,
    header: &str,
    iso3s: &HashSet<&str>,
    problems: &mut Vec<String>,
) -> Vec<Vec<&'a str>> {
    let rows: Vec<Vec<&str>> = tsv_rows(text).collect();
    let first = text.lines().find(|l| !l.trim().is_empty() && !l.starts_with('#'));
    if first != Some(header) {
        problems.push(format!("{file}: header is {first:?}, not {header:?}"));
    }
    let mut seen = BTreeSet::new();
    for row in &rows {
        let line = row.join("\t");
        if row.len() != 4 {
            problems.push(format!("{file}: {} columns, not 4: {line:?}", row.len()));
            continue;
        }
        if row.iter().any(|c| c.is_empty() || c.trim() != *c) {
            problems.push(format!("{file}: empty column or space at an end: {line:?}"));
        }
        if !iso3s.contains(row[0]) {
            problems.push(format!("{file}: unknown iso3 {:?} in {line:?}", row[0]));
        }
        if !seen.insert(line) {
            problems.push(format!("{file}: duplicate row {:?}", row.join("\t")));
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_tables_have_no_problems() {
        let dir = crate::lexicons_dir();
        let read = |rel: &str| std::fs::read_to_string(dir.join(rel)).unwrap();
        let tables = Tables {
            generated: read(cldr::COUNTRIES_PATH),
            countries: read(COUNTRIES_PATH),
            places: read(PLACES_PATH),
        };
        let problems = tables.check();
        assert!(problems.is_empty(), "run `cargo xtask lexicons`:\n{}", problems.join("\n"));
    }

    /// `tsv_rows` reads every table as the lexicon crate (and so the pipeline) does.
    #[test]
    fn rows_are_read_as_the_lexicon_crate_reads_them() {
        for rel in [COUNTRIES_PATH, PLACES_PATH, cldr::COUNTRIES_PATH, cldr::CALENDAR_PATH] {
            let ours: Vec<_> = tsv_rows(attache_lexicon::file(rel).unwrap()).collect();
            let theirs: Vec<_> =
                attache_lexicon::tsv_rows(attache_lexicon::file(rel).unwrap()).collect();
            assert_eq!(ours, theirs, "{rel}");
        }
        let tricky = "# c\n\nh\ta\n#x\n a\tb\n\t\nc\td\t\n";
        assert_eq!(
            tsv_rows(tricky).collect::<Vec<_>>(),
            attache_lexicon::tsv_rows(tricky).collect::<Vec<_>>()
        );
    }

    const GENERATED: &str = "# comment\niso3\talpha2\tlocale\tkind\tform\n\
        RUS\tRU\ten\tname\tRussia\nUSA\tUS\ten\tname\tUnited States\nUSA\tUS\tvi\tshort\tMỹ\n";
    const GOOD_COUNTRY: &str = "RUS\ten\tadjective\tRussian";
    const GOOD_PLACE: &str = "RUS\tMoscow\ten\tMoscow";

    /// (name, extra countries.tsv rows, extra places.tsv rows, expected problem substring)
    const BAD: &[(&str, &str, &str, &str)] = &[
        ("three columns", "RUS\ten\tRussian", "", "3 columns"),
        ("five columns", "RUS\ten\talias\tRussia\tx", "", "5 columns"),
        ("trailing space", "RUS\ten\talias\tRussian Federation ", "", "space at an end"),
        ("leading space", "", "RUS\tMoscow\tnb\t Moskva", "space at an end"),
        ("empty form", "RUS\ten\talias\t", "", "empty column"),
        ("duplicate", GOOD_COUNTRY, "", "duplicate row"),
        ("unknown iso3", "XXX\ten\talias\tNowhere", "", "unknown iso3"),
        ("unknown iso3 in places", "", "XXX\tNowhere\ten\tNowhere", "unknown iso3"),
        ("unknown lang", "RUS\txx\talias\tRusland", "", "unknown lang"),
        ("unknown lang in places", "", "RUS\tMoscow\txx\tMoskou", "unknown lang"),
        ("unknown kind", "RUS\ten\tnickname\tBear", "", "unknown kind"),
        ("alias that CLDR has", "USA\tvi\talias\tmỹ", "", "already a CLDR name"),
        ("one form, two countries", "USA\ten\tadjective\trussian", "", "names both"),
        ("one place, two countries", "", "USA\tMoscow\ten\tMoscow, Idaho", "in both"),
    ];

    fn tables(countries: &str, places: &str) -> Tables {
        Tables {
            generated: GENERATED.to_owned(),
            countries: format!("# c\n{COUNTRIES_HEADER}\n{GOOD_COUNTRY}\n{countries}\n"),
            places: format!("# p\n{PLACES_HEADER}\n{GOOD_PLACE}\n{places}\n"),
        }
    }

    #[test]
    fn good_rows_pass() {
        assert_eq!(tables("", "").check(), Vec::<String>::new());
    }

    #[test]
    fn bad_rows_are_reported() {
        for (name, countries, places, expected) in BAD {
            let problems = tables(countries, places).check();
            assert!(
                problems.iter().any(|p| p.contains(expected)),
                "{name}: expected {expected:?} in {problems:?}"
            );
        }
    }

    #[test]
    fn wrong_header_is_reported() {
        let mut t = tables("", "");
        t.places = t.places.replace(PLACES_HEADER, "iso3\tcity\tlang\tform");
        assert!(t.check().iter().any(|p| p.contains("header")));
    }
}
