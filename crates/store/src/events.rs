//! Resolved events: writing them, reading them back, one event's detail.

use crate::documents::{document_meta, parse_date};
use crate::error::{Error, Result, SqlContext};
use crate::{Store, search_key};
use attache_model::{
    Act, ActType, DocId, Encounter, EncounterType, Evidence, Participant, Party, Place, Side, When,
};
use jiff::civil::Date;
use rusqlite::{Connection, Params, Row, params};
use serde::Serialize;
use std::collections::HashSet;

/// An encounter or an act.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventRecord {
    /// A diplomatic contact.
    Encounter(Encounter),
    /// What one side did towards another.
    Act(Act),
}

/// Metadata of a document that reports an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentMeta {
    /// Document id.
    pub id: DocId,
    /// Headline.
    pub title: Option<String>,
    /// ISO 639-1 code.
    pub lang: Option<String>,
    /// Outlet or agency.
    pub source: Option<String>,
    /// Page address.
    pub url: Option<String>,
    /// Publication date.
    pub published: Option<Date>,
    /// When the document is one of several copies of a story (wire copy, translation): the
    /// story's first document.
    pub story: Option<DocId>,
}

/// One event with everything the detail view shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventDetail {
    /// The event, with all its evidence.
    pub event: EventRecord,
    /// The reporting documents that are stored, in the event's document order. An event
    /// may name documents the store does not hold (events loaded from elsewhere); they are
    /// left out here and still listed in the event itself.
    pub documents: Vec<DocumentMeta>,
}

impl Store {
    /// Metadata of the stored documents among `ids`, in that order (ids not stored are left
    /// out).
    pub fn documents(&self, ids: &[DocId]) -> Result<Vec<DocumentMeta>> {
        document_meta(&self.conn, ids)
    }

    /// Records which documents are copies of one story (document → the story's first
    /// document), replacing what was recorded before, in one transaction.
    pub fn set_stories(&mut self, stories: &std::collections::HashMap<DocId, DocId>) -> Result<()> {
        let tx = self.conn.transaction().op("begin the story update")?;
        tx.execute("UPDATE documents SET story = NULL WHERE story IS NOT NULL", [])
            .op("clear the stories")?;
        {
            let mut stmt = tx
                .prepare_cached("UPDATE documents SET story = ?2 WHERE id = ?1")
                .op("prepare the story update")?;
            let mut sorted: Vec<(&DocId, &DocId)> = stories.iter().collect();
            sorted.sort();
            for (doc, story) in sorted {
                stmt.execute([&doc.0, &story.0]).op("record a story")?;
            }
        }
        tx.commit().op("commit the story update")
    }

    /// The stored encounters and acts of the given dyads.
    pub fn events_in_dyads(&self, dyads: &[String]) -> Result<(Vec<Encounter>, Vec<Act>)> {
        let list = serde_json::to_string(dyads).expect("strings serialise");
        let encounters = read_encounters(
            &self.conn,
            "WHERE e.dyad IN (SELECT value FROM json_each(?1)) ORDER BY e.seq",
            [&list],
        )?;
        let acts = read_acts(
            &self.conn,
            "WHERE a.dyad IN (SELECT value FROM json_each(?1)) ORDER BY a.seq",
            [&list],
        )?;
        Ok((encounters, acts))
    }

    /// Replaces the encounters and acts of the given dyads (and only those) in one
    /// transaction: the result of resolving those dyads again.
    pub fn replace_events_in_dyads(
        &mut self,
        dyads: &[String],
        encounters: &[Encounter],
        acts: &[Act],
    ) -> Result<()> {
        let list = serde_json::to_string(dyads).expect("strings serialise");
        let tx = self.conn.transaction().op("begin replacing events")?;
        tx.execute("DELETE FROM acts WHERE dyad IN (SELECT value FROM json_each(?1))", [&list])
            .op("delete the acts of the dyads")?;
        tx.execute(
            "DELETE FROM encounters WHERE dyad IN (SELECT value FROM json_each(?1))",
            [&list],
        )
        .op("delete the encounters of the dyads")?;
        insert_events(&tx, encounters, acts)?;
        tx.commit().op("commit the replaced events")?;
        Ok(())
    }

    /// Records the stories of the given documents (document → its story's first document),
    /// replacing what was recorded for them.
    pub fn set_stories_of(
        &mut self,
        documents: &[DocId],
        stories: &std::collections::HashMap<DocId, DocId>,
    ) -> Result<()> {
        let tx = self.conn.transaction().op("begin the story update")?;
        {
            let mut stmt = tx
                .prepare_cached("UPDATE documents SET story = ?2 WHERE id = ?1")
                .op("prepare the story update")?;
            for doc in documents {
                stmt.execute(rusqlite::params![&doc.0, stories.get(doc).map(|s| &s.0)])
                    .op("record a story")?;
            }
        }
        tx.commit().op("commit the story update")
    }

    /// Replaces every stored encounter and act (with their participants, documents and
    /// evidence) in one transaction: a resolution run describes the whole corpus.
    ///
    /// Ids must be unique across encounters and acts, and an act's `during` must name one of
    /// `encounters`; otherwise nothing is changed.
    pub fn replace_events(&mut self, encounters: &[Encounter], acts: &[Act]) -> Result<()> {
        let mut ids = HashSet::new();
        for id in encounters.iter().map(|e| &e.id).chain(acts.iter().map(|a| &a.id)) {
            if !ids.insert(id.as_str()) {
                return Err(Error::DuplicateEventId { id: id.clone() });
            }
        }
        let encounter_ids: HashSet<&str> = encounters.iter().map(|e| e.id.as_str()).collect();
        for act in acts {
            if let Some(during) = &act.during
                && !encounter_ids.contains(during.as_str())
            {
                return Err(Error::UnknownDuring { act: act.id.clone(), during: during.clone() });
            }
        }

        let tx = self.conn.transaction().op("begin replacing events")?;
        tx.execute_batch(
            "DELETE FROM evidence; DELETE FROM act_documents; DELETE FROM acts; \
             DELETE FROM encounter_documents; DELETE FROM encounter_participants; \
             DELETE FROM encounters;",
        )
        .op("delete the previous events")?;
        insert_events(&tx, encounters, acts)?;
        tx.commit().op("commit the replaced events")?;
        Ok(())
    }

    /// One encounter or act by id, with its evidence and its documents' metadata.
    pub fn event(&self, id: &str) -> Result<Option<EventDetail>> {
        let event = if let Some(e) =
            read_encounters(&self.conn, "WHERE e.id = ?1", [id])?.into_iter().next()
        {
            EventRecord::Encounter(e)
        } else if let Some(a) = read_acts(&self.conn, "WHERE a.id = ?1", [id])?.into_iter().next() {
            EventRecord::Act(a)
        } else {
            return Ok(None);
        };
        let docs = match &event {
            EventRecord::Encounter(e) => &e.documents,
            EventRecord::Act(a) => &a.documents,
        };
        let documents = document_meta(&self.conn, docs)?;
        Ok(Some(EventDetail { event, documents }))
    }
}

/// The first and last day an event can be placed on, for filtering and sorting: the first is
/// `start`, else `not_before`; the last is [`When::last_day`], else the first (an open or
/// bounded-only date is placed at its known day). Both `None` when the text gives no day
/// and no bound.
fn day_range(w: &When) -> (Option<String>, Option<String>) {
    let first = w.start.or(w.not_before);
    let last = w.last_day().or(first);
    (first.map(|d| d.to_string()), last.map(|d| d.to_string()))
}

fn side_name(side: Side) -> &'static str {
    match side {
        Side::Visitor => "visitor",
        Side::Host => "host",
    }
}

/// Inserts encounters, then the acts that may refer to them.
fn insert_events(conn: &Connection, encounters: &[Encounter], acts: &[Act]) -> Result<()> {
    for encounter in encounters {
        insert_encounter(conn, encounter)
            .op_with(|| format!("store encounter {}", encounter.id))?;
    }
    for act in acts {
        insert_act(conn, act).op_with(|| format!("store act {}", act.id))?;
    }
    Ok(())
}

fn insert_encounter(conn: &Connection, e: &Encounter) -> rusqlite::Result<()> {
    let (first, last) = day_range(&e.date);
    conn.prepare_cached(
        "INSERT INTO encounters (id, type, date_start, date_end, not_before, date_text, date_how, \
         day_first, day_last, place_name, place_country, confidence, episode, dyad, why) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?
    .execute(params![
        e.id,
        e.kind.as_str(),
        e.date.start.map(|d| d.to_string()),
        e.date.end.map(|d| d.to_string()),
        e.date.not_before.map(|d| d.to_string()),
        e.date.text,
        e.date.how,
        first,
        last,
        e.place.as_ref().map(|p| &p.name),
        e.place.as_ref().and_then(|p| p.country.as_ref()),
        f64::from(e.confidence),
        e.episode,
        e.dyad(),
        (!e.why.is_empty()).then(|| serde_json::to_string(&e.why).expect("strings serialise")),
    ])?;
    let seq = conn.last_insert_rowid();
    let mut participant = conn.prepare_cached(
        "INSERT INTO encounter_participants (encounter, position, country, person, person_key, \
         role, side) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, p) in e.participants.iter().enumerate() {
        participant.execute(params![
            seq,
            i,
            p.country,
            p.person,
            p.person.as_deref().map(search_key),
            p.role,
            p.side.map(side_name),
        ])?;
    }
    let mut document = conn.prepare_cached(
        "INSERT INTO encounter_documents (encounter, position, document) VALUES (?1, ?2, ?3)",
    )?;
    for (i, d) in e.documents.iter().enumerate() {
        document.execute(params![seq, i, d.0])?;
    }
    insert_evidence(conn, "encounter", seq, &e.evidence)
}

fn insert_act(conn: &Connection, a: &Act) -> rusqlite::Result<()> {
    let (first, last) = day_range(&a.date);
    conn.prepare_cached(
        "INSERT INTO acts (id, type, during, from_country, from_person, from_key, to_country, \
         to_person, to_key, object, date_start, date_end, not_before, date_text, date_how, \
         day_first, day_last, fulfilled_by, dyad) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
    )?
    .execute(params![
        a.id,
        a.kind.as_str(),
        a.during,
        a.from.country,
        a.from.person,
        a.from.person.as_deref().map(search_key),
        a.to.country,
        a.to.person,
        a.to.person.as_deref().map(search_key),
        a.object,
        a.date.start.map(|d| d.to_string()),
        a.date.end.map(|d| d.to_string()),
        a.date.not_before.map(|d| d.to_string()),
        a.date.text,
        a.date.how,
        first,
        last,
        a.fulfilled_by,
        a.dyad(),
    ])?;
    let seq = conn.last_insert_rowid();
    let mut document = conn.prepare_cached(
        "INSERT INTO act_documents (act, position, document) VALUES (?1, ?2, ?3)",
    )?;
    for (i, d) in a.documents.iter().enumerate() {
        document.execute(params![seq, i, d.0])?;
    }
    insert_evidence(conn, "act", seq, &a.evidence)
}

/// `owner` is the evidence column naming the event's table: `encounter` or `act`.
fn insert_evidence(
    conn: &Connection,
    owner: &'static str,
    seq: i64,
    evidence: &[Evidence],
) -> rusqlite::Result<()> {
    let sql = format!(
        "INSERT INTO evidence ({owner}, position, document, language, text, start, \"end\") \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    for (i, ev) in evidence.iter().enumerate() {
        stmt.execute(params![seq, i, ev.document.0, ev.language, ev.text, ev.start, ev.end])?;
    }
    Ok(())
}

/// Encounters selected by `tail` (a `WHERE`/`ORDER BY` over alias `e`), fully loaded.
pub(crate) fn read_encounters(
    conn: &Connection,
    tail: &str,
    params: impl Params,
) -> Result<Vec<Encounter>> {
    let sql = format!(
        "SELECT e.seq, e.id, e.type, e.date_start, e.date_end, e.not_before, e.date_text, \
         e.date_how, e.place_name, e.place_country, e.confidence, e.episode, e.why FROM encounters e {tail}"
    );
    let mut stmt = conn.prepare_cached(&sql).op("prepare the encounter read")?;
    let heads = stmt
        .query_map(params, |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                when_columns(r, 3)?,
                r.get::<_, Option<String>>(8)?,
                r.get::<_, Option<String>>(9)?,
                r.get::<_, f64>(10)?,
                r.get::<_, Option<String>>(11)?,
                r.get::<_, Option<String>>(12)?,
            ))
        })
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
        .op("read encounters")?;
    let mut out = Vec::with_capacity(heads.len());
    for (seq, id, kind, date, place_name, place_country, confidence, episode, why) in heads {
        let kind = EncounterType::parse(&kind).ok_or_else(|| Error::Corrupt {
            column: "encounters.type",
            id: id.clone(),
            value: kind.clone(),
        })?;
        let date = parse_when(date, &id)?;
        let participants = read_participants(conn, seq, &id)?;
        let documents = read_documents(conn, "encounter_documents", "encounter", seq)
            .op_with(|| format!("read the documents of encounter {id}"))?;
        let evidence = read_evidence(conn, "encounter", seq)
            .op_with(|| format!("read the evidence of encounter {id}"))?;
        out.push(Encounter {
            id,
            kind,
            date,
            participants,
            place: place_name.map(|name| Place { name, country: place_country }),
            documents,
            evidence,
            // Stored from an f32, so the narrowing is exact.
            confidence: confidence as f32,
            episode,
            why: why.and_then(|w| serde_json::from_str(&w).ok()).unwrap_or_default(),
        });
    }
    Ok(out)
}

/// Acts selected by `tail` (a `WHERE`/`ORDER BY` over alias `a`), fully loaded.
pub(crate) fn read_acts(conn: &Connection, tail: &str, params: impl Params) -> Result<Vec<Act>> {
    let sql = format!(
        "SELECT a.seq, a.id, a.type, a.date_start, a.date_end, a.not_before, a.date_text, \
         a.date_how, a.during, a.from_country, a.from_person, a.to_country, a.to_person, \
         a.object, a.fulfilled_by FROM acts a {tail}"
    );
    let mut stmt = conn.prepare_cached(&sql).op("prepare the act read")?;
    let heads = stmt
        .query_map(params, |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                when_columns(r, 3)?,
                r.get::<_, Option<String>>(8)?,
                Party { country: r.get(9)?, person: r.get(10)? },
                Party { country: r.get(11)?, person: r.get(12)? },
                r.get::<_, Option<String>>(13)?,
                r.get::<_, Option<String>>(14)?,
            ))
        })
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
        .op("read acts")?;
    let mut out = Vec::with_capacity(heads.len());
    for (seq, id, kind, date, during, from, to, object, fulfilled_by) in heads {
        let kind = ActType::parse(&kind).ok_or_else(|| Error::Corrupt {
            column: "acts.type",
            id: id.clone(),
            value: kind.clone(),
        })?;
        let date = parse_when(date, &id)?;
        let documents = read_documents(conn, "act_documents", "act", seq)
            .op_with(|| format!("read the documents of act {id}"))?;
        let evidence =
            read_evidence(conn, "act", seq).op_with(|| format!("read the evidence of act {id}"))?;
        out.push(Act {
            id,
            kind,
            during,
            from,
            to,
            object,
            date,
            documents,
            evidence,
            fulfilled_by,
        });
    }
    Ok(out)
}

type WhenColumns = [Option<String>; 5];

/// Reads `date_start, date_end, not_before, date_text, date_how` from column `at` on.
fn when_columns(r: &Row<'_>, at: usize) -> rusqlite::Result<WhenColumns> {
    Ok([r.get(at)?, r.get(at + 1)?, r.get(at + 2)?, r.get(at + 3)?, r.get(at + 4)?])
}

fn parse_when([start, end, not_before, text, how]: WhenColumns, id: &str) -> Result<When> {
    Ok(When {
        start: parse_date(start, "date_start", || id.to_owned())?,
        end: parse_date(end, "date_end", || id.to_owned())?,
        not_before: parse_date(not_before, "not_before", || id.to_owned())?,
        text,
        how,
        weekdays: None,
    })
}

fn read_participants(conn: &Connection, seq: i64, id: &str) -> Result<Vec<Participant>> {
    let rows = conn
        .prepare_cached(
            "SELECT country, person, role, side FROM encounter_participants \
             WHERE encounter = ?1 ORDER BY position",
        )
        .and_then(|mut stmt| {
            stmt.query_map([seq], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, Option<String>>(3)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()
        })
        .op_with(|| format!("read the participants of encounter {id}"))?;
    rows.into_iter()
        .map(|(country, person, role, side)| {
            let side = match side.as_deref() {
                None => None,
                Some("visitor") => Some(Side::Visitor),
                Some("host") => Some(Side::Host),
                Some(other) => {
                    return Err(Error::Corrupt {
                        column: "encounter_participants.side",
                        id: id.to_owned(),
                        value: other.to_owned(),
                    });
                }
            };
            Ok(Participant { country, person, role, side })
        })
        .collect()
}

fn read_documents(
    conn: &Connection,
    table: &'static str,
    owner: &'static str,
    seq: i64,
) -> rusqlite::Result<Vec<DocId>> {
    let sql = format!("SELECT document FROM {table} WHERE {owner} = ?1 ORDER BY position");
    let mut stmt = conn.prepare_cached(&sql)?;
    stmt.query_map([seq], |r| Ok(DocId(r.get(0)?)))?.collect()
}

fn read_evidence(
    conn: &Connection,
    owner: &'static str,
    seq: i64,
) -> rusqlite::Result<Vec<Evidence>> {
    let sql = format!(
        "SELECT document, language, text, start, \"end\" FROM evidence \
         WHERE {owner} = ?1 ORDER BY position"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    stmt.query_map([seq], |r| {
        Ok(Evidence {
            document: DocId(r.get(0)?),
            language: r.get(1)?,
            text: r.get(2)?,
            start: r.get(3)?,
            end: r.get(4)?,
        })
    })?
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn day_range_table() {
        let d = |m, day| Some(date(2024, m, day));
        let s = |m, day| Some(date(2024, m, day).to_string());
        let w = |start, end, not_before| When { start, end, not_before, ..When::default() };
        let cases = [
            ("single day", w(d(6, 20), None, None), (s(6, 20), s(6, 20))),
            ("span", w(d(6, 20), d(6, 22), None), (s(6, 20), s(6, 22))),
            ("open-ended", w(d(5, 8), None, d(5, 8)), (s(5, 8), s(5, 8))),
            ("bound only", w(None, None, d(3, 1)), (s(3, 1), s(3, 1))),
            ("undated", w(None, None, None), (None, None)),
        ];
        for (name, when, want) in cases {
            assert_eq!(day_range(&when), want, "{name}");
        }
    }
}
