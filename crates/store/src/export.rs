//! Writers for the interchange formats: JSON Lines (`INTERCHANGE.md`) and a flat CSV.
//!
//! Both write every encounter first, then every act, each in the order given.

use crate::error::{Error, Result};
use attache_model::{Act, DocId, Encounter, Evidence, Participant, Party, Place, When};
use serde::Serialize;
use std::io::Write;

/// The `date` object of the interchange format (`how` is internal and left out).
#[derive(Serialize)]
struct DateLine<'a> {
    start: Option<jiff::civil::Date>,
    end: Option<jiff::civil::Date>,
    not_before: Option<jiff::civil::Date>,
    text: Option<&'a str>,
}

impl<'a> From<&'a When> for DateLine<'a> {
    fn from(w: &'a When) -> Self {
        DateLine { start: w.start, end: w.end, not_before: w.not_before, text: w.text.as_deref() }
    }
}

#[derive(Serialize)]
struct EncounterLine<'a> {
    kind: &'static str,
    id: &'a str,
    #[serde(rename = "type")]
    kind_name: &'static str,
    date: DateLine<'a>,
    participants: &'a [Participant],
    place: Option<&'a Place>,
    documents: &'a [DocId],
    evidence: &'a [Evidence],
    confidence: f32,
    /// The visit it happened during (an addition to the interchange format).
    #[serde(skip_serializing_if = "Option::is_none")]
    episode: Option<&'a str>,
}

#[derive(Serialize)]
struct ActLine<'a> {
    kind: &'static str,
    id: &'a str,
    #[serde(rename = "type")]
    kind_name: &'static str,
    during: Option<&'a str>,
    from: &'a Party,
    to: &'a Party,
    object: Option<&'a str>,
    date: DateLine<'a>,
    documents: &'a [DocId],
    evidence: &'a [Evidence],
    /// For an invitation, the visit that fulfilled it (an addition to the interchange format).
    #[serde(skip_serializing_if = "Option::is_none")]
    fulfilled_by: Option<&'a str>,
}

/// Writes one JSON object per line, as `INTERCHANGE.md` describes: `kind` `"encounter"` with
/// `id, type, date {start, end, not_before, text}, participants, place, documents, evidence,
/// confidence`, and `kind` `"act"` with `id, type, during, from, to, object, date, documents,
/// evidence`.
pub fn write_jsonl<W: Write>(mut w: W, encounters: &[Encounter], acts: &[Act]) -> Result<()> {
    let fail = |source: std::io::Error| Error::Export { format: "jsonl", source };
    let mut line = Vec::with_capacity(1024);
    for e in encounters {
        line.clear();
        serde_json::to_writer(
            &mut line,
            &EncounterLine {
                kind: "encounter",
                id: &e.id,
                kind_name: e.kind.as_str(),
                date: (&e.date).into(),
                participants: &e.participants,
                place: e.place.as_ref(),
                documents: &e.documents,
                evidence: &e.evidence,
                confidence: e.confidence,
                episode: e.episode.as_deref(),
            },
        )
        .map_err(|err| fail(err.into()))?;
        line.push(b'\n');
        w.write_all(&line).map_err(fail)?;
    }
    for a in acts {
        line.clear();
        serde_json::to_writer(
            &mut line,
            &ActLine {
                kind: "act",
                id: &a.id,
                kind_name: a.kind.as_str(),
                during: a.during.as_deref(),
                from: &a.from,
                to: &a.to,
                object: a.object.as_deref(),
                date: (&a.date).into(),
                documents: &a.documents,
                evidence: &a.evidence,
                fulfilled_by: a.fulfilled_by.as_deref(),
            },
        )
        .map_err(|err| fail(err.into()))?;
        line.push(b'\n');
        w.write_all(&line).map_err(fail)?;
    }
    w.flush().map_err(fail)
}

/// The CSV columns, in order.
pub const CSV_HEADER: [&str; 15] = [
    "kind",
    "id",
    "type",
    "date_start",
    "date_end",
    "not_before",
    "date_text",
    "participants",
    "place",
    "documents",
    "evidence",
    "during",
    "from",
    "to",
    "object",
];

/// Writes one row per encounter or act under [`CSV_HEADER`], for spreadsheets.
///
/// Flattening: `participants` is `country:person:role` per participant (empty fields stay
/// empty, `:visitor`/`:host` is appended for visits), joined by `;`
/// (`VNM:Tô Lâm:president;RUS:Vladimir Putin:president`); `place` is `name (country)`;
/// `documents` are joined by `;`; `evidence` is the number of sentences; `from` and `to`
/// are `country:person`, or the country alone. Columns that do not apply are empty.
pub fn write_csv<W: Write>(w: W, encounters: &[Encounter], acts: &[Act]) -> Result<()> {
    let fail = |err: csv::Error| Error::Export { format: "csv", source: err.into() };
    let mut out = csv::Writer::from_writer(w);
    out.write_record(CSV_HEADER).map_err(fail)?;
    let day = |d: Option<jiff::civil::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    for e in encounters {
        let participants: Vec<String> = e.participants.iter().map(participant_cell).collect();
        let place = e.place.as_ref().map(|p| match &p.country {
            Some(c) => format!("{} ({c})", p.name),
            None => p.name.clone(),
        });
        out.write_record([
            "encounter",
            &e.id,
            e.kind.as_str(),
            &day(e.date.start),
            &day(e.date.end),
            &day(e.date.not_before),
            e.date.text.as_deref().unwrap_or(""),
            &participants.join(";"),
            place.as_deref().unwrap_or(""),
            &join_documents(&e.documents),
            &e.evidence.len().to_string(),
            "",
            "",
            "",
            "",
        ])
        .map_err(fail)?;
    }
    for a in acts {
        out.write_record([
            "act",
            &a.id,
            a.kind.as_str(),
            &day(a.date.start),
            &day(a.date.end),
            &day(a.date.not_before),
            a.date.text.as_deref().unwrap_or(""),
            "",
            "",
            &join_documents(&a.documents),
            &a.evidence.len().to_string(),
            a.during.as_deref().unwrap_or(""),
            &party_cell(&a.from),
            &party_cell(&a.to),
            a.object.as_deref().unwrap_or(""),
        ])
        .map_err(fail)?;
    }
    out.flush().map_err(|err| Error::Export { format: "csv", source: err })
}

fn participant_cell(p: &Participant) -> String {
    let mut cell = format!(
        "{}:{}:{}",
        p.country.as_deref().unwrap_or(""),
        p.person.as_deref().unwrap_or(""),
        p.role.as_deref().unwrap_or("")
    );
    match p.side {
        Some(attache_model::Side::Visitor) => cell += ":visitor",
        Some(attache_model::Side::Host) => cell += ":host",
        None => {}
    }
    cell
}

fn party_cell(p: &Party) -> String {
    match &p.person {
        Some(person) => format!("{}:{person}", p.country.as_deref().unwrap_or("")),
        None => p.country.clone().unwrap_or_default(),
    }
}

fn join_documents(docs: &[DocId]) -> String {
    docs.iter().map(|d| d.0.as_str()).collect::<Vec<_>>().join(";")
}

#[cfg(test)]
mod tests {
    use super::*;
    use attache_model::Side;

    #[test]
    fn participant_cells() {
        let p =
            |country: Option<&str>, person: Option<&str>, role: Option<&str>, side| Participant {
                country: country.map(Into::into),
                person: person.map(Into::into),
                role: role.map(Into::into),
                side,
            };
        let cases = [
            (
                "full",
                p(Some("VNM"), Some("Tô Lâm"), Some("president"), None),
                "VNM:Tô Lâm:president",
            ),
            ("no person", p(Some("RUS"), None, Some("president"), None), "RUS::president"),
            ("country only", p(Some("CHN"), None, None, None), "CHN::"),
            (
                "visitor",
                p(Some("VNM"), Some("Tô Lâm"), None, Some(Side::Visitor)),
                "VNM:Tô Lâm::visitor",
            ),
            ("host", p(Some("LAO"), None, None, Some(Side::Host)), "LAO:::host"),
        ];
        for (name, participant, want) in cases {
            assert_eq!(participant_cell(&participant), want, "{name}");
        }
    }

    #[test]
    fn party_cells() {
        let p = |country: Option<&str>, person: Option<&str>| Party {
            country: country.map(Into::into),
            person: person.map(Into::into),
        };
        let cases = [
            ("full", p(Some("RUS"), Some("Vladimir Putin")), "RUS:Vladimir Putin"),
            ("country only", p(Some("VNM"), None), "VNM"),
            ("person only", p(None, Some("Tô Lâm")), ":Tô Lâm"),
            ("nothing", p(None, None), ""),
        ];
        for (name, party, want) in cases {
            assert_eq!(party_cell(&party), want, "{name}");
        }
    }
}
