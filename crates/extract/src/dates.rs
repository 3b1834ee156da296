//! Time expressions in a sentence, resolved against the publication date.
//!
//! Recognised shapes (over tokens, so the same grammar serves every language; the words come
//! from the lexicon and CLDR):
//! - numeric `D/M/Y`, `D.M.Y`, `Y-M-D`; `D/M` only after a day marker ("Ngày 11/6");
//!   ambiguous day-month order follows the language's `date_order`;
//! - `D[.] MONTH [YEAR]` ("22. mars 2024", "10 maj", "20 tháng 6 năm 2024"), `D-D MONTH`;
//! - `MONTH D[,] [YEAR]` ("June 20, 2024"), `MONTH YEAR` (a month span);
//! - weekdays ("on Thursday": the last such day on or before publication), weekday ranges
//!   ("from Wednesday to Thursday"), relative days ("yesterday");
//! - an open start ("från och med den 8 maj": from that day on).
//!
//! A day without a year takes the publication year, or the year before when that would put
//! it more than a week after publication. Without a publication date, only expressions that
//! carry their year resolve; the others keep their words and say why they are undated.

use crate::lexicon::{DateOrder, LangLex, Pat};
use crate::tokens::{Tok, TokKind};
use attache_model::When;
use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

/// A time expression: the tokens it covers and what it means.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DateExpr {
    pub(crate) first: usize,
    pub(crate) last: usize,
    pub(crate) when: When,
}

/// What an expression says before resolution.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Raw {
    Day {
        y: Option<i16>,
        m: i8,
        d: i8,
    },
    Month {
        y: Option<i16>,
        m: i8,
    },
    /// A day of the month alone ("16日", "16일"): in the month of publication.
    DayOnly(i8),
    /// A month or day whose year is given relative to publication ("in March last year").
    Shifted {
        m: i8,
        d: Option<i8>,
        years: i8,
    },
    Weekday(Weekday),
    Relative(i8),
}

fn month_of(t: &Tok) -> Option<i8> {
    t.pats().iter().find_map(|p| if let Pat::Month(m) = p { Some(*m as i8) } else { None })
}

fn weekday_of(t: &Tok) -> Option<Weekday> {
    t.pats().iter().find_map(|p| match p {
        Pat::Weekday(n) => Weekday::from_monday_one_offset(*n as i8).ok(),
        _ => None,
    })
}

fn rel_year(t: &Tok) -> Option<i8> {
    t.pats().iter().find_map(|p| if let Pat::RelYear(r) = p { Some(*r) } else { None })
}

fn num(t: Option<&Tok>) -> Option<(u32, u8)> {
    match t?.kind {
        TokKind::Num(v, len) => Some((v, len)),
        _ => None,
    }
}

/// A four-digit year; in Thai text a Buddhist-era year (2566 = 2023) is read as such.
fn year(v: u32, len: u8, lex: &LangLex) -> Option<i16> {
    match len {
        4 if (1900..2100).contains(&v) => Some(v as i16),
        4 if lex.buddhist_era && (2443..2643).contains(&v) => Some(v as i16 - 543),
        _ => None,
    }
}

fn day(v: u32) -> Option<i8> {
    (1..=31).contains(&v).then_some(v as i8)
}

/// Parses one expression starting at token `i`; returns it and the index of its last token.
fn parse_at(toks: &[Tok], i: usize, lex: &LangLex) -> Option<(Raw, usize)> {
    let t = &toks[i];
    let sep = |k: usize, chars: &[char]| toks.get(k).is_some_and(|t| t.is_punct(chars));
    let year_after = |k: usize| -> Option<(i16, usize)> {
        // optional year marker ("năm"), optional comma or slash, then a 4-digit year
        let mut k = k;
        if toks.get(k).is_some_and(|t| t.has(|p| matches!(p, Pat::YearMarker | Pat::DateJoin)))
            || sep(k, &[',', '/'])
        {
            k += 1;
        }
        let (v, len) = num(toks.get(k))?;
        Some((year(v, len, lex)?, k))
    };
    if let Some(m) = month_of(t) {
        // MONTH D[,] [YEAR] | MONTH YEAR | in MONTH
        if let Some((y, k)) = year_after(i + 1) {
            return Some((Raw::Month { y: Some(y), m }, k));
        }
        if let Some(r) = toks.get(i + 1).and_then(rel_year) {
            return Some((Raw::Shifted { m, d: None, years: r }, i + 1));
        }
        let after_prep = i > 0 && toks[i - 1].has(|p| *p == Pat::PlacePrep);
        let Some((v, len)) = num(toks.get(i + 1)) else {
            return after_prep.then_some((Raw::Month { y: None, m }, i));
        };
        if len > 2 {
            return None;
        }
        let d = day(v)?;
        let mut end = i + 1;
        if suffix_at(toks, end + 1) {
            end += 1; // "12月12日"
        }
        let mut y = None;
        if let Some((yy, k)) = year_after(end + 1) {
            y = Some(yy);
            end = k;
        }
        return Some((Raw::Day { y, m, d }, end));
    }
    if let Some(w) = weekday_of(t) {
        return Some((Raw::Weekday(w), i));
    }
    if let Some(r) =
        t.pats().iter().find_map(|p| if let Pat::RelDay(r) = p { Some(*r) } else { None })
    {
        return Some((Raw::Relative(r), i));
    }
    let (a, alen) = num(Some(t))?;
    // DAY + day suffix alone: "16日", "16일", "16号"
    if alen <= 2
        && suffix_at(toks, i + 1)
        && let Some(d) = day(a)
    {
        return Some((Raw::DayOnly(d), i + 1));
    }
    // YEAR marker MONTH [DAY]: "2023年12月12日", "2023년 12월 12일"
    if let Some(y) = year(a, alen, lex)
        && toks.get(i + 1).is_some_and(|t| t.has(|p| *p == Pat::YearMarker))
        && let Some(m) = toks.get(i + 2).and_then(month_of)
    {
        return match num(toks.get(i + 3)) {
            Some((d, len)) if len <= 2 && day(d).is_some() => {
                let end = if suffix_at(toks, i + 4) { i + 4 } else { i + 3 };
                Some((Raw::Day { y: Some(y), m, d: d as i8 }, end))
            }
            _ => Some((Raw::Month { y: Some(y), m }, i + 2)),
        };
    }
    // numeric: a sep b [sep c]
    let numeric_sep = ['/', '.', '-'];
    if sep(i + 1, &numeric_sep)
        && let Some((b, blen)) = num(toks.get(i + 2))
    {
        let same_sep =
            toks.get(i + 3).is_some_and(|t| t.punct.is_some() && t.punct == toks[i + 1].punct);
        if same_sep && let Some((c, clen)) = num(toks.get(i + 4)) {
            if alen == 4 {
                let (m, d) = (b as i8, day(c)?);
                return Some((Raw::Day { y: year(a, 4, lex), m, d }, i + 4))
                    .filter(|_| (1..=12).contains(&m));
            }
            let y = year(c, clen, lex)?;
            let (d, m) = order(a, b, lex.date_order)?;
            return Some((Raw::Day { y: Some(y), m, d }, i + 4));
        }
        // "ngày 11/6", and the second day of "ngày 12 và 13/12"
        let marker = |k: usize| toks.get(k).is_some_and(|t| t.has(|p| *p == Pat::DayMarker));
        let joined = |k: usize| {
            toks.get(k).is_some_and(|t| t.has(|p| matches!(p, Pat::Conj | Pat::RangeTo)))
        };
        let marked = (i > 0 && marker(i - 1))
            || (i >= 3 && joined(i - 1) && num(toks.get(i - 2)).is_some() && marker(i - 3));
        if marked && alen <= 2 && blen <= 2 && toks[i + 1].is_punct(&['/', '.']) {
            let (d, m) = order(a, b, DateOrder::Dmy)?;
            return Some((Raw::Day { y: None, m, d }, i + 2));
        }
    }
    if alen > 2 {
        return None;
    }
    // D[.] MONTH [YEAR], D-D MONTH; also "1er mars", "1st March", "9 de julio de 2024"
    let mut k = i + 1;
    if sep(k, &['.']) {
        k += 1;
    } else if let Some(next) = toks.get(k)
        && matches!(next.kind, TokKind::Word { .. })
        && next.start == t.end
        && next.end - next.start <= 2
    {
        k += 1; // an ordinal ending glued to the number
    }
    if toks.get(k).is_some_and(|t| t.has(|p| *p == Pat::DateJoin)) {
        k += 1;
    }
    if sep(k, &['-', '–']) {
        // a day range "12-13 December": take the range as one expression
        let (b, blen) = num(toks.get(k + 1))?;
        if blen > 2 {
            return None;
        }
        let m = month_of(toks.get(k + 2)?)?;
        let _ = (day(a)?, day(b)?);
        let y = year_after(k + 3);
        return Some((Raw::Day { y: y.map(|x| x.0), m, d: day(a)? }, y.map_or(k + 2, |x| x.1)));
    }
    let m = month_of(toks.get(k)?)?;
    let d = day(a)?;
    match year_after(k + 1) {
        Some((y, e)) => Some((Raw::Day { y: Some(y), m, d }, e)),
        None => match toks.get(k + 1).and_then(rel_year) {
            Some(r) => Some((Raw::Shifted { m, d: Some(d), years: r }, k + 1)),
            None => Some((Raw::Day { y: None, m, d }, k)),
        },
    }
}

/// A day marker written right after a number, with no space ("12日", "12일"): a suffix,
/// unlike Vietnamese "ngày 12", which comes before.
fn suffix_at(toks: &[Tok], k: usize) -> bool {
    k > 0
        && toks
            .get(k)
            .is_some_and(|t| t.has(|p| *p == Pat::DayMarker) && t.start == toks[k - 1].end)
        && matches!(toks[k - 1].kind, TokKind::Num(..))
}

fn order(a: u32, b: u32, order: DateOrder) -> Option<(i8, i8)> {
    let (d, m) = match order {
        _ if a > 12 && b <= 12 => (a, b),
        _ if b > 12 && a <= 12 => (b, a),
        DateOrder::Dmy => (a, b),
        DateOrder::Mdy => (b, a),
    };
    Some((day(d)?, i8::try_from(m).ok().filter(|m| (1..=12).contains(m))?))
}

/// Resolves a raw expression to a day or span against the publication date.
fn resolve(raw: Raw, published: Option<Date>) -> Result<(Date, Date, String), &'static str> {
    match raw {
        Raw::Day { y: Some(y), m, d } => {
            let day = Date::new(y, m, d).map_err(|_| "no such day")?;
            Ok((day, day, "explicit date".into()))
        }
        Raw::Day { y: None, m, d } => {
            let p = published.ok_or("no year and no publication date")?;
            let mut day = Date::new(p.year(), m, d).map_err(|_| "no such day")?;
            if day > p.checked_add(7.days()).map_err(|_| "date out of range")? {
                day = Date::new(p.year() - 1, m, d).map_err(|_| "no such day")?;
            }
            Ok((day, day, format!("day and month, year from publication date {p}")))
        }
        Raw::Month { y: Some(y), m } => {
            let first = Date::new(y, m, 1).map_err(|_| "no such month")?;
            Ok((first, first.last_of_month(), "month only".into()))
        }
        Raw::Month { y: None, m } => {
            let p = published.ok_or("month without year and no publication date")?;
            let y = if m > p.month() { p.year() - 1 } else { p.year() };
            let first = Date::new(y, m, 1).map_err(|_| "no such month")?;
            Ok((
                first,
                first.last_of_month(),
                format!("month only, year from publication date {p}"),
            ))
        }
        Raw::Shifted { m, d, years } => {
            let p = published.ok_or("year relative to an unknown publication date")?;
            let y = p.year() + i16::from(years);
            let first = Date::new(y, m, d.unwrap_or(1)).map_err(|_| "no such day")?;
            let last = if d.is_some() { first } else { first.last_of_month() };
            Ok((first, last, format!("year {years:+} from publication date {p}")))
        }
        Raw::DayOnly(d) => {
            let p = published.ok_or("day of the month and no publication date")?;
            let mut day = Date::new(p.year(), p.month(), d).map_err(|_| "no such day")?;
            if day > p.checked_add(7.days()).map_err(|_| "date out of range")? {
                let prev =
                    p.first_of_month().checked_sub(1.day()).map_err(|_| "date out of range")?;
                day = Date::new(prev.year(), prev.month(), d).map_err(|_| "no such day")?;
            }
            Ok((day, day, format!("day of the month, month from publication date {p}")))
        }
        Raw::Weekday(w) => {
            let p = published.ok_or("weekday and no publication date")?;
            let day = if p.weekday() == w {
                p
            } else {
                p.nth_weekday(-1, w).map_err(|_| "date out of range")?
            };
            Ok((day, day, format!("last {w:?} on or before publication date {p}")))
        }
        Raw::Relative(r) => {
            let p = published.ok_or("relative day and no publication date")?;
            let day = p.checked_add(i64::from(r).days()).map_err(|_| "date out of range")?;
            Ok((day, day, format!("{r:+} days from publication date {p}")))
        }
    }
}

/// Every time expression in a sentence, resolved where possible.
pub(crate) fn find(
    toks: &[Tok],
    text: &str,
    lex: &LangLex,
    published: Option<Date>,
) -> Vec<DateExpr> {
    let mut raws: Vec<(usize, usize, Raw)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match parse_at(toks, i, lex) {
            Some((raw, last)) => {
                raws.push((i, last, raw));
                i = last + 1;
            }
            None => i += 1,
        }
    }
    let mut out: Vec<DateExpr> = Vec::new();
    let mut k = 0;
    while k < raws.len() {
        let (first, mut last, raw) = raws[k];
        let mut when = When::default();
        let resolved = resolve(raw, published);
        // a range: X to Y, with only a connector between
        let mut end_resolved = None;
        let mut end_raw = None;
        if let Some(&(f2, l2, raw2)) = raws.get(k + 1) {
            let between = &toks[last + 1..f2];
            if between.len() == 1 && between[0].has(|p| *p == Pat::RangeTo) {
                let raw2 = fill_year(raw2, raw);
                end_raw = Some(raw2);
                end_resolved = Some(resolve(raw2, published));
                last = l2;
                k += 1;
            }
        }
        // a day range inside one expression: "12-13 December"
        let inner_end = inner_range_end(toks, first, last);
        match resolved {
            Ok((s, e, how)) => {
                when.start = Some(s);
                when.end = Some(e);
                when.how = Some(how);
                if let Some(Ok((_, e2, _))) = end_resolved
                    && e2 >= s
                {
                    when.end = Some(e2);
                }
                if let Some(d2) = inner_end
                    && let Ok(e2) = Date::new(s.year(), s.month(), d2)
                    && e2 >= s
                {
                    when.end = Some(e2);
                }
                let open = first > 0
                    && toks[..first].iter().rev().take(3).any(|t| t.has(|p| *p == Pat::OpenFrom));
                if open && when.start == when.end {
                    when.end = None;
                    when.not_before = when.start;
                    when.how = when.how.map(|h| format!("{h}; open-ended from that day"));
                }
            }
            Err(why) => {
                when.how = Some(format!("undated: {why}"));
                // keep the weekdays for the resolver ("from Wednesday to Thursday")
                if let Raw::Weekday(w) = raw {
                    let last = match end_raw {
                        Some(Raw::Weekday(w2)) => w2,
                        _ => w,
                    };
                    when.weekdays =
                        Some((w.to_monday_one_offset() as u8, last.to_monday_one_offset() as u8));
                }
            }
        }
        // "12 and 13 December", "12 và 13/12": a bare day joined to the expression starts it
        let mut first = first;
        if let (Some(s), Some(e)) = (when.start, when.end)
            && s == e
            && first >= 2
            && toks[first - 1].has(|p| matches!(p, Pat::Conj | Pat::RangeTo))
            && let Some((d, len)) = num(toks.get(first - 2))
            && len <= 2
            && let Ok(day0) = Date::new(s.year(), s.month(), d as i8)
            && day0 < s
        {
            when.start = Some(day0);
            first -= 2;
        }
        let start = if first > 0 && toks[first - 1].has(|p| *p == Pat::DayMarker) {
            first - 1
        } else {
            first
        };
        when.text = Some(text[toks[start].start..toks[last].end].to_string());
        out.push(DateExpr { first: start, last, when });
        k += 1;
    }
    out
}

fn fill_year(raw: Raw, from: Raw) -> Raw {
    match (raw, from) {
        (Raw::DayOnly(d), Raw::Day { y, m, .. }) => Raw::Day { y, m, d },
        (Raw::Day { y: None, m, d }, Raw::Day { y: Some(y), .. }) => Raw::Day { y: Some(y), m, d },
        _ => raw,
    }
}

fn inner_range_end(toks: &[Tok], first: usize, last: usize) -> Option<i8> {
    let span = &toks[first..=last];
    let dash = span.iter().position(|t| t.is_punct(&['-', '–']))?;
    let (v, len) = num(span.get(dash + 1))?;
    (len <= 2 && span.get(dash + 2).and_then(month_of).is_some()).then_some(day(v)?)
}

#[cfg(test)]
mod tests {
    use crate::Extractor;
    use jiff::civil::date;

    /// (name, language, sentence, publication date, expected start, expected end)
    #[test]
    #[rustfmt::skip]
    fn date_table() {
        let x = Extractor::new().unwrap();
        type Case = (
            &'static str,
            &'static str,
            &'static str,
            Option<(i16, i8, i8)>,
            Option<(i16, i8, i8)>,
            Option<(i16, i8, i8)>,
        );
        let cases: &[Case] = &[
            ("vi day marker", "vi", "Ngày 3/9, hai bên đã hội đàm.", Some((2023, 9, 5)), Some((2023, 9, 3)), Some((2023, 9, 3))),
            ("vi full", "vi", "Hôm 12/12/2023 hai nhà lãnh đạo gặp nhau.", None, Some((2023, 12, 12)), Some((2023, 12, 12))),
            ("vi words", "vi", "Ngày 20 tháng 6 năm 2024, hai bên gặp nhau.", None, Some((2024, 6, 20)), Some((2024, 6, 20))),
            ("nb ordinal month year", "nb", "Det skjedde 13. desember 2023 i Oslo.", None, Some((2023, 12, 13)), Some((2023, 12, 13))),
            ("nb without year", "nb", "De møttes 2. april.", Some((2024, 4, 10)), Some((2024, 4, 2)), Some((2024, 4, 2))),
            ("sv den", "sv", "Mötet hölls den 10 juli i Vilnius.", Some((2023, 7, 12)), Some((2023, 7, 10)), Some((2023, 7, 10))),
            ("sv previous year", "sv", "Mötet hölls den 28 december.", Some((2024, 1, 3)), Some((2023, 12, 28)), Some((2023, 12, 28))),
            ("en month day year", "en", "They met on November 15, 2023 in Woodside.", None, Some((2023, 11, 15)), Some((2023, 11, 15))),
            ("en day month year", "en", "The call took place on 2 April 2024.", None, Some((2024, 4, 2)), Some((2024, 4, 2))),
            ("en weekday", "en", "The leaders met on Tuesday.", Some((2023, 9, 14)), Some((2023, 9, 12)), Some((2023, 9, 12))),
            ("en weekday same day", "en", "The leaders met on Thursday.", Some((2023, 9, 14)), Some((2023, 9, 14)), Some((2023, 9, 14))),
            ("en weekday range", "en", "He was in Hanoi from Sunday to Monday.", Some((2023, 9, 12)), Some((2023, 9, 10)), Some((2023, 9, 11))),
            ("en day range", "en", "a state visit on 12-13 December 2023", None, Some((2023, 12, 12)), Some((2023, 12, 13))),
            ("zh day only", "zh", "岸田文雄首相16日与习近平会谈。", Some((2023, 11, 17)), Some((2023, 11, 16)), Some((2023, 11, 16))),
            ("ko day only", "ko", "윤석열 대통령은 16일 정상회담을 했다.", Some((2023, 11, 17)), Some((2023, 11, 16)), Some((2023, 11, 16))),
            ("zh day range", "zh", "习近平于12月12日至13日对越南进行国事访问。", Some((2023, 12, 14)), Some((2023, 12, 12)), Some((2023, 12, 13))),
            ("ru locative month", "ru", "Путин встретился с ним в июле 2024 года.", None, Some((2024, 7, 1)), Some((2024, 7, 31))),
            ("ru accusative weekday", "ru", "Путин встретился с ним в среду.", Some((2024, 7, 12)), Some((2024, 7, 10)), Some((2024, 7, 10))),
            ("fr ordinal", "fr", "Il est arrivé le 1er mars 2024 à Paris.", None, Some((2024, 3, 1)), Some((2024, 3, 1))),
            ("en ordinal", "en", "They met on the 2nd of April 2024.", None, Some((2024, 4, 2)), Some((2024, 4, 2))),
            ("es de", "es", "Se reunió con Putin en Moscú el 9 de julio de 2024.", None, Some((2024, 7, 9)), Some((2024, 7, 9))),
            ("pt de", "pt", "Lula recebeu Modi em Brasília em 18 de novembro de 2024.", None, Some((2024, 11, 18)), Some((2024, 11, 18))),
            ("en two days", "en", "a state visit on 12 and 13 December 2023", None, Some((2023, 12, 12)), Some((2023, 12, 13))),
            ("vi two days", "vi", "thăm Việt Nam trong hai ngày 12 và 13/12", Some((2023, 12, 20)), Some((2023, 12, 12)), Some((2023, 12, 13))),
            ("en month only", "en", "They last spoke in March 2024.", None, Some((2024, 3, 1)), Some((2024, 3, 31))),
            ("en month, year from publication", "en", "He had telephoned her in March.", Some((2024, 7, 9)), Some((2024, 3, 1)), Some((2024, 3, 31))),
            ("sv month last year", "sv", "Han besökte Moskva i mars förra året.", Some((2024, 5, 16)), Some((2023, 3, 1)), Some((2023, 3, 31))),
            ("sv definite weekday", "sv", "Han kom till Peking på torsdagen.", Some((2024, 5, 17)), Some((2024, 5, 16)), Some((2024, 5, 16))),
            ("nb last year", "nb", "De møttes 3. mai i fjor.", Some((2024, 2, 1)), Some((2023, 5, 3)), Some((2023, 5, 3))),
            ("sv month, previous year", "sv", "Han var där i november.", Some((2024, 2, 1)), Some((2023, 11, 1)), Some((2023, 11, 30))),
            ("en yesterday", "en", "The two spoke by phone yesterday.", Some((2024, 4, 3)), Some((2024, 4, 2)), Some((2024, 4, 2))),
            ("mdy numeric", "en", "Posted 04/02/2024 at noon.", None, Some((2024, 4, 2)), Some((2024, 4, 2))),
            ("dmy numeric", "nb", "Publisert 04.02.2024 kl. 12.", None, Some((2024, 2, 4)), Some((2024, 2, 4))),
            ("unambiguous numeric", "en", "Posted 20/06/2024.", None, Some((2024, 6, 20)), Some((2024, 6, 20))),
            ("iso", "sv", "Publicerad 2024-06-20.", None, Some((2024, 6, 20)), Some((2024, 6, 20))),
            ("weekday without publication", "en", "They met on Friday.", None, None, None),
        ];
        for (name, lang, text, published, start, end) in cases {
            let d = |t: &Option<(i16, i8, i8)>| t.map(|(y, m, d)| date(y, m, d));
            let got = x.dates_in(text, lang, d(published));
            let first = got.first().unwrap_or_else(|| panic!("{name}: no date found in {text:?}"));
            assert_eq!((first.start, first.end), (d(start), d(end)), "{name}: {first:?}");
        }
    }

    #[test]
    fn weekdays_without_a_publication_date_are_kept() {
        let x = Extractor::new().unwrap();
        let got = x.dates_in("He paid a state visit from Wednesday to Thursday.", "en", None);
        assert_eq!((got[0].start, got[0].weekdays), (None, Some((3, 4))));
        let got = x.dates_in("They held talks on Thursday.", "en", None);
        assert_eq!(got[0].weekdays, Some((4, 4)));
    }

    #[test]
    fn open_start() {
        let x = Extractor::new().unwrap();
        let got =
            x.dates_in("Besöket pågår från och med den 8 maj.", "sv", Some(date(2025, 5, 10)));
        assert_eq!(got[0].start, Some(date(2025, 5, 8)));
        assert_eq!(got[0].end, None);
        assert_eq!(got[0].not_before, Some(date(2025, 5, 8)));
    }

    #[test]
    fn numbers_that_are_not_dates() {
        let x = Extractor::new().unwrap();
        for (lang, text) in [
            ("en", "Trade rose 26.1 % to 4.58 billion USD."),
            ("vi", "quan hệ ngoại giao (1950-2020) và nhiệm kỳ 2020-2021"),
            ("sv", "Klockan 12 sade han 3 saker."),
        ] {
            assert!(x.dates_in(text, lang, None).is_empty(), "{text}");
        }
    }
}
