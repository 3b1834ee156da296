//! Resolve stage: one event per real-world encounter, with every report of it.
//!
//! Input: every article's [`DocExtraction`] (one encounter per reporting sentence, acts
//! linked to them by local ids). Output: [`Encounter`]s and [`Act`]s with stable ids
//! (`ev-…`, `act-…`), each listing all the documents and evidence sentences that report it.
//!
//! Two reports are the same encounter when they have the same type, the same countries (and
//! the same visitor, for visits), no conflicting names for any country, compatible dates
//! and no conflicting places. Merging happens in two steps:
//! 1. within an article: dated reports merge with each other; an undated one ("the talks")
//!    joins the nearest compatible report of the same article;
//! 2. across articles: dated events merge; an undated event joins another only when exactly
//!    one candidate exists and both sides are named the same.
//!
//! A merged date is the intersection of the reports' dates, so "in June 2024" and
//! "20 June 2024" give 20 June 2024. The result does not depend on the order of the input.
//!
//! ```
//! let (encounters, acts) = attache_resolve::resolve(&[]);
//! assert!(encounters.is_empty() && acts.is_empty());
//! ```
//!
//! Not yet: episodes (a visit holding its meetings), dates taken from sibling events,
//! near-duplicate articles.

use attache_model::{Act, DocExtraction, DocId, Encounter, EncounterType, Participant, When, dyad};
use jiff::ToSpan;
use jiff::civil::Date;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// A group of reports believed to be one encounter.
#[derive(Debug, Clone)]
struct Cluster {
    event: Encounter,
    /// The publication date of the reporting article, for a single article's cluster.
    published: Option<jiff::civil::Date>,
    /// (document, local id) of every report in it.
    members: Vec<(DocId, String)>,
    /// Evidence character offsets of its reports, per document, for distances.
    offsets: Vec<(DocId, usize)>,
}

fn countries(e: &Encounter) -> Vec<&str> {
    let mut c: Vec<&str> = e.participants.iter().filter_map(|p| p.country.as_deref()).collect();
    c.sort_unstable();
    c.dedup();
    c
}

fn visitors(e: &Encounter) -> Vec<&str> {
    let mut c: Vec<&str> = e
        .participants
        .iter()
        .filter(|p| p.side == Some(attache_model::Side::Visitor))
        .filter_map(|p| p.country.as_deref())
        .collect();
    c.sort_unstable();
    c.dedup();
    c
}

fn names_of(e: &Encounter, country: &str) -> Vec<String> {
    e.participants
        .iter()
        .filter(|p| p.country.as_deref() == Some(country))
        .filter_map(|p| p.person.as_deref())
        .map(attache_model::fold::fold)
        .collect()
}

/// Whether two reports can be the same encounter.
fn compatible(a: &Encounter, b: &Encounter) -> bool {
    if a.kind != b.kind || countries(a) != countries(b) {
        return false;
    }
    let (va, vb) = (visitors(a), visitors(b));
    if !va.is_empty() && !vb.is_empty() && va != vb {
        return false;
    }
    for c in countries(a) {
        let (na, nb) = (names_of(a, c), names_of(b, c));
        if !na.is_empty() && !nb.is_empty() && !na.iter().any(|n| nb.contains(n)) {
            return false;
        }
    }
    if let (Some(pa), Some(pb)) = (&a.place, &b.place)
        && pa.name != pb.name
    {
        return false;
    }
    a.date.compatible(&b.date)
        || (a.kind == EncounterType::Visit
            && days_apart(&a.date, &b.date).is_some_and(|d| d <= VISIT_GAP))
}

/// Reports of one visit often date different days of it ("arrived on Monday", "talks on
/// Tuesday"): visit reports this many days apart or closer are one visit.
const VISIT_GAP: i64 = 3;

/// Days between two dated, closed intervals (0 when they overlap).
fn days_apart(a: &When, b: &When) -> Option<i64> {
    let (sa, ea, sb, eb) = (a.start?, a.last_day()?, b.start?, b.last_day()?);
    if ea < sb {
        Some(i64::from((sb - ea).get_days()))
    } else if eb < sa {
        Some(i64::from((sa - eb).get_days()))
    } else {
        Some(0)
    }
}

/// Both sides named, and named alike, in both reports.
fn same_people(a: &Encounter, b: &Encounter) -> bool {
    countries(a).iter().all(|c| {
        let (na, nb) = (names_of(a, c), names_of(b, c));
        !na.is_empty() && na.iter().any(|n| nb.contains(n))
    })
}

/// The intersection of two compatible dates.
fn merge_dates(a: &When, b: &When) -> When {
    let mut out = a.clone();
    match (a.start, b.start) {
        (None, Some(_)) => return merge_dates(b, a),
        (Some(sa), Some(sb)) => {
            let start = sa.max(sb);
            let end = match (a.last_day(), b.last_day()) {
                (Some(x), Some(y)) => Some(x.min(y)),
                (x, y) => x.or(y),
            };
            out.start = Some(start);
            out.end = end;
            out.not_before = if end.is_none() { a.not_before.max(b.not_before) } else { None };
            // keep the words and reasoning of the more precise report
            let narrower =
                if a.width_days().unwrap_or(i64::MAX) <= b.width_days().unwrap_or(i64::MAX) {
                    a
                } else {
                    b
                };
            out.text = narrower.text.clone().or_else(|| a.text.clone()).or_else(|| b.text.clone());
            out.how = narrower.how.clone();
        }
        (Some(_), None) => {}
        (None, None) => {
            out.not_before = a.not_before.max(b.not_before);
            // keep the words and weekdays of whichever report has them
            let words = if a.text.is_some() { a } else { b };
            out.text.clone_from(&words.text);
            out.how.clone_from(&words.how);
            out.weekdays = a.weekdays.or(b.weekdays);
        }
    }
    out
}

fn merge_participants(into: &mut Vec<Participant>, from: &[Participant]) {
    for p in from {
        if let Some(q) = into
            .iter_mut()
            .find(|q| q.country == p.country && q.person.is_none() && p.person.is_some())
        {
            let side = q.side.or(p.side);
            *q = Participant { side, ..p.clone() };
            continue;
        }
        let present = into.iter().any(|q| {
            q.country == p.country
                && (p.person.is_none()
                    || q.person.as_deref().map(attache_model::fold::fold)
                        == p.person.as_deref().map(attache_model::fold::fold))
        });
        if !present {
            into.push(p.clone());
        }
    }
}

/// An undated report in an article joins a known event that ended at most this many days
/// before the article was published.
const RECENT_DAYS: i32 = 31;

/// Two days of one visit: the span from the first to the last.
fn union_dates(a: &When, b: &When) -> When {
    let mut out = a.clone();
    out.start = a.start.min(b.start);
    out.end = a.last_day().max(b.last_day());
    out.how = Some("days of one visit reported separately, joined".into());
    out.text = a.text.clone().or_else(|| b.text.clone());
    out
}

impl Cluster {
    fn absorb(&mut self, other: Cluster) {
        self.event.date = if self.event.date.compatible(&other.event.date) {
            merge_dates(&self.event.date, &other.event.date)
        } else {
            union_dates(&self.event.date, &other.event.date)
        };
        merge_participants(&mut self.event.participants, &other.event.participants);
        if self.event.place.is_none() {
            self.event.place = other.event.place.clone();
        }
        for d in other.event.documents {
            if !self.event.documents.contains(&d) {
                self.event.documents.push(d);
            }
        }
        for e in other.event.evidence {
            if !self.event.evidence.contains(&e) {
                self.event.evidence.push(e);
            }
        }
        self.members.extend(other.members);
        self.offsets.extend(other.offsets);
    }

    fn distance(&self, doc: &DocId, offset: usize) -> usize {
        self.offsets
            .iter()
            .filter(|(d, _)| d == doc)
            .map(|(_, o)| o.abs_diff(offset))
            .min()
            .unwrap_or(usize::MAX)
    }
}

fn cluster_of(doc: &DocId, e: &Encounter, published: Option<jiff::civil::Date>) -> Cluster {
    let offset = e.evidence.first().map_or(0, |ev| ev.start);
    Cluster {
        event: e.clone(),
        published,
        members: vec![(doc.clone(), e.id.clone())],
        offsets: vec![(doc.clone(), offset)],
    }
}

/// Step 1: the encounters of one article.
fn within_document(doc: &DocId, x: &DocExtraction) -> Vec<Cluster> {
    let mut clusters: Vec<Cluster> = Vec::new();
    let (dated, undated): (Vec<&Encounter>, Vec<&Encounter>) =
        x.encounters.iter().partition(|e| !e.date.is_undated());
    for e in dated {
        match clusters.iter_mut().find(|c| compatible(&c.event, e)) {
            Some(c) => c.absorb(cluster_of(doc, e, x.published)),
            None => clusters.push(cluster_of(doc, e, x.published)),
        }
    }
    for e in undated {
        let offset = e.evidence.first().map_or(0, |ev| ev.start);
        let best = clusters
            .iter_mut()
            .filter(|c| compatible(&c.event, e))
            // an undated mention ("the talks", "have met") is most likely about the article's
            // news, its latest event; older events it names come with their dates
            .min_by_key(|c| {
                (
                    c.event.date.is_undated(),
                    std::cmp::Reverse(c.event.date.last_day().or(c.event.date.start)),
                    c.distance(doc, offset),
                )
            });
        match best {
            Some(c) => c.absorb(cluster_of(doc, e, x.published)),
            None => clusters.push(cluster_of(doc, e, x.published)),
        }
    }
    clusters
}

fn short_hash(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0]);
    }
    h.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Keeps event ids stable as the corpus grows: a new event that shares evidence with an
/// event of the previous resolution takes that event's id (each old id once, the largest
/// overlap first), and references to renamed events follow.
pub fn carry_ids(old_encounters: &[Encounter], old_acts: &[Act], r: &mut Resolution) {
    type Key = (DocId, usize);
    fn keys(evidence: &[attache_model::Evidence]) -> std::collections::HashSet<Key> {
        evidence.iter().map(|e| (e.document.clone(), e.start)).collect()
    }
    fn pairs<T>(
        old: &[(String, String, std::collections::HashSet<Key>)],
        new: &[T],
        view: impl Fn(&T) -> (String, std::collections::HashSet<Key>),
    ) -> HashMap<usize, String> {
        // old events by their evidence, so that each new event meets only those it shares with
        let mut by_evidence: HashMap<&Key, Vec<usize>> = HashMap::new();
        for (o, (_, _, oev)) in old.iter().enumerate() {
            for k in oev {
                by_evidence.entry(k).or_default().push(o);
            }
        }
        let mut scored: Vec<(usize, usize, usize)> = Vec::new();
        for (n, item) in new.iter().enumerate() {
            let (kind, ev) = view(item);
            let mut shared: HashMap<usize, usize> = HashMap::new();
            for k in &ev {
                for &o in by_evidence.get(k).map_or(&[][..], Vec::as_slice) {
                    *shared.entry(o).or_default() += 1;
                }
            }
            for (o, count) in shared {
                if old[o].1 == kind {
                    scored.push((count, n, o));
                }
            }
        }
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let (mut used_new, mut used_old) = (vec![false; new.len()], vec![false; old.len()]);
        let mut out = HashMap::new();
        for (_, n, o) in scored {
            if !used_new[n] && !used_old[o] {
                used_new[n] = true;
                used_old[o] = true;
                out.insert(n, old[o].0.clone());
            }
        }
        out
    }
    let old_e: Vec<_> = old_encounters
        .iter()
        .map(|e| (e.id.clone(), e.kind.as_str().to_string(), keys(&e.evidence)))
        .collect();
    let old_a: Vec<_> = old_acts
        .iter()
        .map(|a| (a.id.clone(), a.kind.as_str().to_string(), keys(&a.evidence)))
        .collect();
    let enc = pairs(&old_e, &r.encounters, |e| (e.kind.as_str().to_string(), keys(&e.evidence)));
    let acts = pairs(&old_a, &r.acts, |a| (a.kind.as_str().to_string(), keys(&a.evidence)));
    // a new id that an old event held and that now goes to another event would collide: only
    // rename when the old id is not in use by an event that keeps its own id
    let mut rename: HashMap<String, String> = HashMap::new();
    for (n, id) in enc {
        rename.insert(r.encounters[n].id.clone(), id);
    }
    let taken: std::collections::HashSet<String> =
        r.encounters.iter().filter(|e| !rename.contains_key(&e.id)).map(|e| e.id.clone()).collect();
    rename.retain(|_, id| !taken.contains(id));
    let follow = |id: &mut String| {
        if let Some(new) = rename.get(id) {
            id.clone_from(new);
        }
    };
    for e in &mut r.encounters {
        follow(&mut e.id);
        if let Some(v) = e.episode.as_mut() {
            follow(v);
        }
    }
    for (n, a) in r.acts.iter_mut().enumerate() {
        if let Some(d) = a.during.as_mut() {
            follow(d);
        }
        if let Some(v) = a.fulfilled_by.as_mut() {
            follow(v);
        }
        if let Some(id) = acts.get(&n) {
            a.id.clone_from(id);
        }
    }
}

fn a_kind(a: &Act) -> String {
    a.kind.as_str().to_string()
}

/// An invitation from X to Y is fulfilled by the first visit of Y to X that starts on or after
/// the day of the invitation.
fn fulfil_invitations(acts: &mut [Act], encounters: &[Encounter]) {
    let mut visits: HashMap<String, Vec<&Encounter>> = HashMap::new();
    for e in encounters.iter().filter(|e| e.kind == EncounterType::Visit) {
        visits.entry(e.dyad()).or_default().push(e);
    }
    for a in acts.iter_mut().filter(|a| a.kind == attache_model::ActType::Invitation) {
        let (Some(inviter), Some(invitee), Some(day)) =
            (&a.from.country, &a.to.country, a.date.start.or(a.date.not_before))
        else {
            continue;
        };
        let side = |e: &Encounter, side, country: &String| {
            e.participants
                .iter()
                .any(|p| p.side == Some(side) && p.country.as_ref() == Some(country))
        };
        a.fulfilled_by = visits
            .get(&dyad([Some(inviter.as_str()), Some(invitee.as_str())]))
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .copied()
            .filter(|e| e.date.start.is_some_and(|s| s >= day))
            .filter(|e| {
                side(e, attache_model::Side::Visitor, invitee)
                    && side(e, attache_model::Side::Host, inviter)
            })
            .min_by_key(|e| e.date.start)
            .map(|e| e.id.clone());
    }
}

/// The days of the week containing `anchor` from weekday `first` to `last` (Monday = 1).
fn week_span(anchor: Date, (first, last): (u8, u8)) -> Option<(Date, Date)> {
    let wd = anchor.weekday().to_monday_one_offset();
    let (first, last) = (i8::try_from(first).ok()?, i8::try_from(last).ok()?);
    if !(first <= wd && wd <= last) {
        return None;
    }
    let start = anchor.checked_sub(i64::from(wd - first).days()).ok()?;
    let end = anchor.checked_add(i64::from(last - wd).days()).ok()?;
    Some((start, end))
}

fn names(e: &Encounter, countries: &[&str]) -> Vec<String> {
    countries.iter().flat_map(|c| names_of(e, c)).collect()
}

/// Episodes: a visit holds the meetings between its two countries during it.
///
/// A visit the text dates only by weekdays ("from Wednesday to Thursday", in an article
/// without a date) takes its days from a dated meeting of the same visitor in the host
/// country on one of those weekdays, when every such meeting falls in the same week; the
/// visit's undated meetings that name a weekday then take that day. Returns (member, visit)
/// cluster indices.
fn episodes(clusters: &mut [Cluster]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // meetings by the countries they join: a visit looks only at its own dyad's
    let mut meetings_of: HashMap<String, Vec<usize>> = HashMap::new();
    for (k, c) in clusters.iter().enumerate() {
        if c.event.kind == EncounterType::Meeting {
            meetings_of.entry(countries(&c.event).join(",")).or_default().push(k);
        }
    }
    for v in 0..clusters.len() {
        if clusters[v].event.kind != EncounterType::Visit {
            continue;
        }
        let visit = clusters[v].event.clone();
        let visitors_c = visitors(&visit);
        let all = countries(&visit);
        let visitor_names = names(&visit, &visitors_c);
        let shares_visitor = |m: &Encounter| {
            visitor_names.is_empty()
                || names(m, &visitors_c).iter().any(|n| visitor_names.contains(n))
        };
        let meetings: Vec<usize> = meetings_of
            .get(&all.join(","))
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .copied()
            .filter(|&k| shares_visitor(&clusters[k].event))
            .collect();
        // date the visit from its weekdays and a dated meeting
        if visit.date.is_undated()
            && let Some(days) = visit.date.weekdays
        {
            let spans: Vec<((Date, Date), usize)> = meetings
                .iter()
                .filter_map(|&k| {
                    let d = clusters[k]
                        .event
                        .date
                        .start
                        .filter(|_| clusters[k].event.date.width_days() == Some(1))?;
                    Some((week_span(d, days)?, k))
                })
                .collect();
            if let Some(&((start, end), anchor)) = spans.first()
                && spans.iter().all(|(span, _)| *span == (start, end))
            {
                let on = clusters[anchor].event.date.start.expect("dated above");
                let date = &mut clusters[v].event.date;
                date.start = Some(start);
                date.end = Some(end);
                date.not_before = None;
                date.how = Some(format!(
                    "weekdays of the report, placed by the dated meeting on {on} (same visitor, same visit)"
                ));
            }
        }
        let visit = clusters[v].event.clone();
        let visit_docs = &visit.documents;
        let hosts: Vec<&str> = visit
            .participants
            .iter()
            .filter(|p| p.side == Some(attache_model::Side::Host))
            .filter_map(|p| p.country.as_deref())
            .collect();
        for k in meetings {
            let m = &clusters[k].event;
            // a meeting elsewhere than in the host country is not part of this visit
            if m.place
                .as_ref()
                .and_then(|p| p.country.as_deref())
                .is_some_and(|c| !hosts.contains(&c))
            {
                continue;
            }
            let inside = match (visit.date.start, m.date.start) {
                (Some(_), Some(_)) => visit.date.compatible(&m.date),
                (Some(_), None) => m.documents.iter().any(|d| visit_docs.contains(d)),
                _ => false,
            };
            if !inside {
                continue;
            }
            if m.date.is_undated()
                && let (Some(days), Some(start), Some(end)) =
                    (m.date.weekdays, visit.date.start, visit.date.last_day())
            {
                let day = (0..=(end - start).get_days())
                    .filter_map(|i| start.checked_add(i64::from(i).days()).ok())
                    .find(|d| d.weekday().to_monday_one_offset() == days.0 as i8);
                if let Some(day) = day {
                    let date = &mut clusters[k].event.date;
                    date.start = Some(day);
                    date.end = Some(day);
                    date.not_before = None;
                    date.how = Some(format!(
                        "the weekday of the report, within the visit of {start} – {end}"
                    ));
                }
            }
            out.push((k, v));
        }
    }
    out
}

/// Merges every article's reports into events; the output is sorted by date, then id.
pub fn resolve(docs: &[(DocId, DocExtraction)]) -> (Vec<Encounter>, Vec<Act>) {
    let r = resolve_all(docs);
    (r.encounters, r.acts)
}

/// What resolution makes of a corpus.
#[derive(Debug, Clone, Default)]
pub struct Resolution {
    /// One per real-world encounter, sorted by date.
    pub encounters: Vec<Encounter>,
    /// One per act.
    pub acts: Vec<Act>,
    /// For every article that is one of several copies of a story (wire copies,
    /// translations): the story's first article. Copies add sources, never events.
    pub stories: HashMap<DocId, DocId>,
}

/// Like [`resolve`], also telling which articles are copies of one story (see [`dedupe`]).
pub fn resolve_all(docs: &[(DocId, DocExtraction)]) -> Resolution {
    let mut docs: Vec<&(DocId, DocExtraction)> = docs.iter().collect();
    docs.sort_by(|a, b| a.0.cmp(&b.0));
    let fingerprints: Vec<(DocId, &dedupe::Fingerprint)> =
        docs.iter().filter_map(|(id, x)| Some((id.clone(), x.fingerprint.as_ref()?))).collect();
    let stories = dedupe::stories(&fingerprints);
    let is_copy = |doc: &DocId| stories.get(doc).is_some_and(|first| first != doc);
    let mut items: Vec<Cluster> = docs.iter().flat_map(|(id, x)| within_document(id, x)).collect();
    // dated first, most precise first, so that vaguer reports meet the precise one
    items.sort_by(|a, b| {
        let key = |c: &Cluster| {
            (
                c.event.date.is_undated(),
                c.event.date.width_days().unwrap_or(i64::MAX),
                c.event.date.start,
                c.members[0].clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    let mut clusters: Vec<Cluster> = Vec::new();
    // clusters by type and countries: only those can be compatible
    let mut buckets: HashMap<(EncounterType, String), Vec<usize>> = HashMap::new();
    for item in items {
        let bucket = (item.event.kind, countries(&item.event).join(","));
        // an undated report cannot be of an event that began after its article was published
        let before_publication = |c: &Cluster| {
            !item.event.date.is_undated()
                || item.published.is_none_or(|p| c.event.date.start.is_none_or(|s| s <= p))
        };
        let candidates: Vec<usize> = buckets
            .get(&bucket)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .copied()
            .filter(|&k| {
                compatible(&clusters[k].event, &item.event) && before_publication(&clusters[k])
            })
            .collect();
        let target = if item.event.date.is_undated() {
            // an undated report joins the one event it can be: the same people, or a recent
            // event (news reports what just happened)
            let recent = |c: &Cluster| match (item.published, c.event.date.last_day()) {
                (Some(p), Some(last)) => p.since(last).is_ok_and(|d| d.get_days() <= RECENT_DAYS),
                _ => false,
            };
            let named: Vec<usize> = candidates
                .iter()
                .copied()
                .filter(|&k| same_people(&clusters[k].event, &item.event))
                .collect();
            // several events of the same people: the article reports the one that ended on
            // its publication day or the day before, if one did
            let just_before = |c: &Cluster| match (item.published, c.event.date.last_day()) {
                (Some(p), Some(last)) => {
                    p.since(last).is_ok_and(|d| (0..=1).contains(&d.get_days()))
                }
                _ => false,
            };
            let fresh: Vec<usize> =
                named.iter().copied().filter(|&k| just_before(&clusters[k])).collect();
            match (&named[..], &candidates[..], &fresh[..]) {
                ([k], _, _) => {
                    Some((*k, "an undated report, and the only such event of the same people"))
                }
                (_, [k], _) if recent(&clusters[*k]) => Some((
                    *k,
                    "an undated report, and the only such event in the month before the article",
                )),
                (_, _, [.., k]) => fresh
                    .iter()
                    .copied()
                    .max_by_key(|&j| clusters[j].event.date.last_day())
                    .or(Some(*k))
                    .map(|k| {
                        (k, "an undated report of the same people's event of the article's day")
                    }),
                _ => None,
            }
        } else {
            candidates.first().map(|&k| (k, "same type, countries and people; the dates agree"))
        };
        match target {
            Some((k, why)) => {
                let docs: Vec<String> = item.event.documents.iter().map(|d| d.0.clone()).collect();
                let date = item.event.date.text.clone().unwrap_or_else(|| "no date".into());
                clusters[k].event.why.push(format!("{} ({date}): {why}", docs.join(", ")));
                clusters[k].absorb(item);
            }
            None => {
                buckets.entry(bucket).or_default().push(clusters.len());
                clusters.push(item);
            }
        }
    }
    // a story's copies add sources to its events, never events of their own
    clusters.retain(|c| c.members.iter().any(|(doc, _)| !is_copy(doc)));
    let episode_of = episodes(&mut clusters);
    let mut local_to_global: HashMap<(DocId, String), String> = HashMap::new();
    let mut encounters: Vec<Encounter> = Vec::with_capacity(clusters.len());
    let mut ids: Vec<String> = Vec::with_capacity(clusters.len());
    for mut c in clusters {
        c.members.sort();
        let (doc, local) = &c.members[0];
        let mut e = c.event;
        let countries = countries(&e).join(",");
        e.id = format!("ev-{}", short_hash(&[e.kind.as_str(), &countries, &doc.0, local]));
        e.documents.sort();
        e.evidence.sort_by(|a, b| (&a.document, a.start).cmp(&(&b.document, b.start)));
        e.participants
            .sort_by(|a, b| (a.side, &a.country, &a.person).cmp(&(b.side, &b.country, &b.person)));
        let dated = if e.date.is_undated() { 0.0 } else { 0.15 };
        e.confidence = (0.5 + 0.1 * e.documents.len() as f32 + dated).min(0.99);
        if e.documents.len() > 1 {
            let how = e.date.how.take().unwrap_or_default();
            e.date.how = Some(format!(
                "{how}; merged {} reports from {} documents",
                c.members.len(),
                e.documents.len()
            ));
        }
        for m in &c.members {
            local_to_global.insert(m.clone(), e.id.clone());
        }
        ids.push(e.id.clone());
        encounters.push(e);
    }
    // a report of a meeting during a visit reports the visit too
    for (member, visit) in episode_of {
        encounters[member].episode = Some(ids[visit].clone());
        let docs = encounters[member].documents.clone();
        let v = &mut encounters[visit];
        for d in docs {
            if !v.documents.contains(&d) {
                v.documents.push(d);
            }
        }
        v.documents.sort();
    }
    encounters.sort_by(|a, b| {
        (a.date.start.is_none(), a.date.start, &a.id).cmp(&(
            b.date.start.is_none(),
            b.date.start,
            &b.id,
        ))
    });
    let by_id: HashMap<&str, &Encounter> = encounters.iter().map(|e| (e.id.as_str(), e)).collect();

    // acts: reports of one act (same type and sides) merge when their dates can agree,
    // preferring reports of the same encounter
    let mut incoming: Vec<(&DocId, Act, (String, String, String))> = Vec::new();
    for (doc, x) in &docs {
        for a in &x.acts {
            let during = a
                .during
                .as_ref()
                .and_then(|l| local_to_global.get(&(doc.clone(), l.clone())))
                .cloned();
            let (mut x, mut y) = (
                a.from.country.clone().unwrap_or_default(),
                a.to.country.clone().unwrap_or_default(),
            );
            if a.kind == attache_model::ActType::Agreement && y < x {
                // an agreement has no direction
                std::mem::swap(&mut x, &mut y);
            }
            let mut a = a.clone();
            a.during = during.clone();
            if let Some(e) = during.as_deref().and_then(|d| by_id.get(d)) {
                a.date = When {
                    how: Some("date of the encounter it happened in".into()),
                    text: None,
                    ..e.date.clone()
                };
            }
            let kind = a_kind(&a);
            incoming.push((doc, a, (kind, x, y)));
        }
    }
    incoming.sort_by(|(da, a, _), (db, b, _)| {
        let key = |d: &DocId, a: &Act| {
            (a.date.is_undated(), a.date.width_days().unwrap_or(i64::MAX), d.clone())
        };
        key(da, a).cmp(&key(db, b))
    });
    let mut merged: Vec<(Act, (String, String, String))> = Vec::new();
    let mut by_key: HashMap<(String, String, String), Vec<usize>> = HashMap::new();
    for (doc, a, key) in incoming {
        let candidates: Vec<usize> = by_key
            .get(&key)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .copied()
            .filter(|&k| merged[k].0.date.compatible(&a.date))
            // acts reported in two different encounters are two acts
            .filter(|&k| {
                a.during.is_none() || merged[k].0.during.is_none() || merged[k].0.during == a.during
            })
            .collect();
        let same_encounter = candidates
            .iter()
            .copied()
            .find(|&k| a.during.is_some() && merged[k].0.during == a.during);
        let target = same_encounter.or(match candidates[..] {
            [k] => Some(k),
            [k, ..] if !a.date.is_undated() => Some(k),
            _ => None,
        });
        match target {
            Some(k) => {
                let existing = &mut merged[k].0;
                for d in a.documents {
                    if !existing.documents.contains(&d) {
                        existing.documents.push(d);
                    }
                }
                for e in a.evidence {
                    if !existing.evidence.contains(&e) {
                        existing.evidence.push(e);
                    }
                }
                // fill in names by country (an agreement's sides may come in either order)
                for side in [a.from, a.to] {
                    for own in [&mut existing.from, &mut existing.to] {
                        if own.country == side.country && own.person.is_none() {
                            own.person.clone_from(&side.person);
                        }
                    }
                }
                if existing.object.is_none() {
                    existing.object = a.object;
                }
                if existing.during.is_none() {
                    existing.during = a.during;
                }
            }
            None => {
                let mut a = a;
                let anchor = a.during.clone().unwrap_or_else(|| format!("doc:{doc}"));
                a.id = format!("act-{}", short_hash(&[&key.0, &key.1, &key.2, &anchor, &doc.0]));
                by_key.entry(key.clone()).or_default().push(merged.len());
                merged.push((a, key));
            }
        }
    }
    let mut acts: Vec<Act> = merged.into_iter().map(|(a, _)| a).collect();
    acts.sort_by(|a, b| a.id.cmp(&b.id));
    fulfil_invitations(&mut acts, &encounters);
    for a in &mut acts {
        a.documents.sort();
        a.evidence.sort_by(|x, y| (&x.document, x.start).cmp(&(&y.document, y.start)));
    }
    acts.retain(|a| a.during.is_some() || a.documents.iter().any(|d| !is_copy(d)));
    Resolution { encounters, acts, stories }
}

#[cfg(test)]
mod tests;

pub mod dedupe;
