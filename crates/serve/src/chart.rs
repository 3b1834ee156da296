//! Contacts per month: the counts behind `GET /api/counts` and the bar chart of
//! `GET /chart.svg`, drawn on the server so the page needs no script.

use crate::AppState;
use crate::error::ApiError;
use crate::filters::{self, Unknown};
use attache_model::EncounterType;
use attache_store::TimelineEntry;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use jiff::civil::Date;
use serde::Serialize;
use std::fmt::Write;

/// Encounter types in the order the bars stack, with their colours.
const TYPES: [(EncounterType, &str); 3] = [
    (EncounterType::PhoneCall, "#6a9fd8"),
    (EncounterType::Meeting, "#e0a030"),
    (EncounterType::Visit, "#3f9b5a"),
];

/// `GET /chart.svg`: the chart of the encounters the timeline page's filters select.
pub(crate) async fn chart(
    State(state): State<AppState>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Result<Response, ApiError> {
    let f = filters::parse(&crate::html::form_params(query)?, Unknown::Ignore)?;
    let entries = state.with_store(move |store| Ok(store.timeline(&f.query)?)).await?;
    let (months, _) = monthly(&entries);
    Ok(([(header::CONTENT_TYPE, "image/svg+xml")], svg(&months)).into_response())
}

/// How many encounters of each type began in one month.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Month {
    /// `YYYY-MM`.
    pub(crate) month: String,
    pub(crate) phone_call: usize,
    pub(crate) meeting: usize,
    pub(crate) visit: usize,
    pub(crate) total: usize,
}

impl Month {
    fn count(&self, kind: EncounterType) -> usize {
        match kind {
            EncounterType::PhoneCall => self.phone_call,
            EncounterType::Meeting => self.meeting,
            EncounterType::Visit => self.visit,
        }
    }
}

/// Every month from the first dated encounter's to the last one's, empty months included
/// (a gap in contacts is information), each encounter counted in the month of its first day.
/// Undated encounters are left out; the second value says how many.
pub(crate) fn monthly(entries: &[TimelineEntry]) -> (Vec<Month>, usize) {
    let mut firsts: Vec<(Date, EncounterType)> = Vec::with_capacity(entries.len());
    let mut undated = 0;
    for e in entries {
        match e.encounter.date.start.or(e.encounter.date.not_before) {
            Some(d) => firsts.push((d.first_of_month(), e.encounter.kind)),
            None => undated += 1,
        }
    }
    let (Some(first), Some(last)) =
        (firsts.iter().map(|f| f.0).min(), firsts.iter().map(|f| f.0).max())
    else {
        return (Vec::new(), undated);
    };
    let mut months = Vec::new();
    let mut m = first;
    while m <= last {
        months.push(Month { month: m.strftime("%Y-%m").to_string(), ..Month::default() });
        let Ok(next) = m.checked_add(jiff::Span::new().months(1)) else { break };
        m = next;
    }
    for (d, kind) in firsts {
        let i = usize::try_from(
            (i32::from(d.year()) - i32::from(first.year())) * 12 + i32::from(d.month())
                - i32::from(first.month()),
        )
        .expect("every month is on or after the first");
        let month = &mut months[i];
        match kind {
            EncounterType::PhoneCall => month.phone_call += 1,
            EncounterType::Meeting => month.meeting += 1,
            EncounterType::Visit => month.visit += 1,
        }
        month.total += 1;
    }
    (months, undated)
}

/// A stacked bar chart of `months` as a standalone SVG document. Its only text is month labels
/// and numbers it formats itself, so nothing from an article can reach it.
pub(crate) fn svg(months: &[Month]) -> String {
    const BAR: usize = 14;
    const GAP: usize = 4;
    const HEIGHT: usize = 160;
    const LEFT: usize = 36;
    const BOTTOM: usize = 40;
    let max = months.iter().map(|m| m.total).max().unwrap_or(0).max(1);
    let width = LEFT + months.len().max(1) * (BAR + GAP) + 10;
    let total_height = HEIGHT + BOTTOM + 10;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{total_height}" viewBox="0 0 {width} {total_height}" font-family="sans-serif" font-size="10" role="img">"#
    );
    let total: usize = months.iter().map(|m| m.total).sum();
    let _ = write!(s, "<title>Contacts per month: {total} in {} months</title>", months.len());
    let y = |n: usize| 10 + HEIGHT - n * HEIGHT / max;
    // axis and the top value
    let _ = write!(
        s,
        r##"<line x1="{LEFT}" y1="10" x2="{LEFT}" y2="{}" stroke="#888"/><text x="{}" y="14" text-anchor="end">{max}</text><text x="{}" y="{}" text-anchor="end">0</text>"##,
        10 + HEIGHT,
        LEFT - 4,
        LEFT - 4,
        10 + HEIGHT
    );
    for (i, m) in months.iter().enumerate() {
        let x = LEFT + GAP + i * (BAR + GAP);
        let mut stacked = 0;
        for (kind, colour) in TYPES {
            let n = m.count(kind);
            if n == 0 {
                continue;
            }
            let top = y(stacked + n);
            let _ = write!(
                s,
                r#"<rect x="{x}" y="{top}" width="{BAR}" height="{}" fill="{colour}"><title>{} {}: {n}</title></rect>"#,
                y(stacked) - top,
                m.month,
                kind.as_str(),
            );
            stacked += n;
        }
        // label January of each year, and the first month shown
        if i == 0 || m.month.ends_with("-01") {
            let _ = write!(
                s,
                r#"<text x="{x}" y="{}" transform="rotate(45 {x} {})">{}</text>"#,
                HEIGHT + 22,
                HEIGHT + 22,
                m.month
            );
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use attache_model::{Encounter, When};

    fn entry(kind: EncounterType, day: Option<&str>) -> TimelineEntry {
        let date: Option<Date> = day.map(|d| d.parse().unwrap());
        TimelineEntry {
            encounter: Encounter {
                id: "ev-test".into(),
                kind,
                date: When { start: date, end: date, ..When::default() },
                participants: Vec::new(),
                place: None,
                documents: Vec::new(),
                evidence: Vec::new(),
                confidence: 0.5,
                episode: None,
                why: Vec::new(),
            },
            acts: Vec::new(),
        }
    }

    #[test]
    fn months_are_contiguous_and_counted_by_first_day() {
        let entries = [
            entry(EncounterType::Visit, Some("2023-11-30")),
            entry(EncounterType::PhoneCall, Some("2024-02-01")),
            entry(EncounterType::PhoneCall, Some("2024-02-29")),
            entry(EncounterType::Meeting, None),
        ];
        let (months, undated) = monthly(&entries);
        let names: Vec<&str> = months.iter().map(|m| m.month.as_str()).collect();
        assert_eq!(names, ["2023-11", "2023-12", "2024-01", "2024-02"]);
        assert_eq!((months[0].visit, months[0].total), (1, 1));
        assert_eq!(months[1].total, 0);
        assert_eq!((months[3].phone_call, months[3].total), (2, 2));
        assert_eq!(undated, 1);
    }

    #[test]
    fn nothing_dated_gives_no_months() {
        let (months, undated) = monthly(&[entry(EncounterType::Visit, None)]);
        assert!(months.is_empty());
        assert_eq!(undated, 1);
        assert!(svg(&months).ends_with("</svg>"));
    }

    #[test]
    fn the_chart_has_one_bar_per_type_and_month() {
        let entries = [
            entry(EncounterType::Visit, Some("2024-06-19")),
            entry(EncounterType::Meeting, Some("2024-06-20")),
            entry(EncounterType::Meeting, Some("2025-01-03")),
        ];
        let (months, _) = monthly(&entries);
        let chart = svg(&months);
        assert_eq!(chart.matches("<rect").count(), 3);
        assert!(chart.contains("2024-06 visit: 1") && chart.contains("2025-01 meeting: 1"));
        assert!(chart.contains(">2025-01</text>"), "January is labelled");
    }
}
