//! Integration tests of `attache-store`, one module per area.

mod fixtures {
    use attache_model::{
        Act, ActType, Article, DocExtraction, DocId, Encounter, EncounterType, Evidence,
        Participant, Party, Place, Side, When,
    };
    use attache_store::content_hash;
    use jiff::civil::{Date, date};

    pub(crate) fn day(y: i16, m: i8, d: i8) -> Option<Date> {
        Some(date(y, m, d))
    }

    pub(crate) fn article(id: &str, text: &str) -> Article {
        Article {
            id: DocId(id.into()),
            origin: format!("corpus/{id}"),
            text: text.into(),
            title: Some(format!("Tổng Bí thư Tô Lâm — {id}")),
            published: day(2024, 6, 21),
            dateline: Some("21/06/2024 09:55".into()),
            source: Some("VnExpress".into()),
            url: Some(format!("https://example.vn/{id}")),
            lang: Some("vi".into()),
        }
    }

    /// An article with no optional field set.
    pub(crate) fn bare_article(id: &str, text: &str) -> Article {
        Article {
            id: DocId(id.into()),
            origin: id.into(),
            text: text.into(),
            title: None,
            published: None,
            dateline: None,
            source: None,
            url: None,
            lang: None,
        }
    }

    pub(crate) fn evidence(doc: &str, text: &str, start: usize) -> Evidence {
        Evidence {
            document: DocId(doc.into()),
            language: "vi".into(),
            text: text.into(),
            start,
            end: start + text.chars().count(),
        }
    }

    pub(crate) fn person(country: &str, name: Option<&str>, role: &str) -> Participant {
        Participant {
            country: Some(country.into()),
            person: name.map(Into::into),
            role: Some(role.into()),
            side: None,
        }
    }

    pub(crate) fn when(start: Option<Date>, end: Option<Date>, not_before: Option<Date>) -> When {
        When { start, end, not_before, text: None, how: None, weekdays: None }
    }

    pub(crate) fn encounter(
        id: &str,
        kind: EncounterType,
        date: When,
        participants: Vec<Participant>,
        docs: &[&str],
    ) -> Encounter {
        Encounter {
            id: id.into(),
            kind,
            date,
            participants,
            place: None,
            documents: docs.iter().map(|d| DocId((*d).into())).collect(),
            evidence: docs.iter().map(|d| evidence(d, "Hai bên đã hội đàm.", 10)).collect(),
            confidence: 0.5,
            episode: None,
            why: vec![],
        }
    }

    pub(crate) fn party(country: &str, name: Option<&str>) -> Party {
        Party { country: Some(country.into()), person: name.map(Into::into) }
    }

    /// A richly filled encounter: every field set, diacritics, CJK, a visit with sides.
    pub(crate) fn full_encounter() -> Encounter {
        Encounter {
            id: "ev-7f3a".into(),
            kind: EncounterType::Visit,
            date: When {
                start: day(2024, 6, 19),
                end: day(2024, 6, 20),
                not_before: None,
                text: Some("Ngày 19-20/6".into()),
                how: Some("explicit range".into()),
                weekdays: None,
            },
            participants: vec![
                Participant {
                    country: Some("RUS".into()),
                    person: Some("Vladimir Putin".into()),
                    role: Some("president".into()),
                    side: Some(Side::Visitor),
                },
                Participant {
                    country: Some("VNM".into()),
                    person: Some("Tô Lâm".into()),
                    role: Some("president".into()),
                    side: Some(Side::Host),
                },
            ],
            place: Some(Place { name: "Hà Nội".into(), country: Some("VNM".into()) }),
            documents: vec![DocId("001_a.txt".into()), DocId("002_b.txt".into())],
            evidence: vec![
                evidence("001_a.txt", "Chủ tịch nước Tô Lâm hội đàm với Tổng thống Putin.", 312),
                Evidence {
                    document: DocId("002_b.txt".into()),
                    language: "zh".into(),
                    text: "普京会见苏林".into(),
                    start: 5,
                    end: 11,
                },
            ],
            confidence: 0.93,
            episode: None,
            why: vec![],
        }
    }

    /// A richly filled act during [`full_encounter`].
    pub(crate) fn full_act() -> Act {
        Act {
            id: "act-19c".into(),
            kind: ActType::Invitation,
            during: Some("ev-7f3a".into()),
            from: party("RUS", Some("Vladimir Putin")),
            to: party("VNM", Some("Tô Lâm")),
            object: Some("visit to Moscow, 9 May 2025".into()),
            date: When {
                start: day(2024, 6, 20),
                end: day(2024, 6, 20),
                not_before: None,
                text: Some("hôm qua".into()),
                how: Some("relative to dateline".into()),
                weekdays: None,
            },
            documents: vec![DocId("002_b.txt".into())],
            evidence: vec![evidence("002_b.txt", "Tổng thống Putin mời Chủ tịch nước Tô Lâm.", 40)],
            fulfilled_by: Some("ev-visit-2025".into()),
        }
    }

    /// An extraction with local ids, as the extract stage writes them.
    pub(crate) fn extraction(doc: &str) -> DocExtraction {
        let mut e = full_encounter();
        e.id = "m0".into();
        e.documents = vec![DocId(doc.into())];
        e.evidence.truncate(1);
        e.evidence[0].document = DocId(doc.into());
        let mut a = full_act();
        a.during = Some("m0".into());
        a.documents = vec![DocId(doc.into())];
        a.evidence[0].document = DocId(doc.into());
        let mut standalone = full_act();
        standalone.kind = ActType::Condolence;
        standalone.during = None;
        standalone.date = when(None, None, day(2024, 6, 1));
        standalone.from = Party::default();
        DocExtraction {
            published: None,
            encounters: vec![e],
            acts: vec![a, standalone],
            fingerprint: None,
        }
    }

    pub(crate) fn batch(docs: &[(&str, &str)]) -> Vec<(Article, String, DocExtraction)> {
        docs.iter()
            .map(|(id, text)| (article(id, text), content_hash(text), extraction(id)))
            .collect()
    }
}

mod documents {
    use crate::fixtures::*;
    use attache_model::{DocExtraction, DocId};
    use attache_store::{AddReport, Store, StoreCounts, content_hash};

    #[test]
    fn articles_and_extractions_round_trip_in_id_order() {
        let mut store = Store::open_in_memory().unwrap();
        let mut batch = batch(&[
            ("003_c.txt", "Thủ tướng Phạm Minh Chính điện đàm với Thủ tướng Lý Cường."),
            ("001_a.txt", "Путин провёл переговоры с То Ламом. 普京会见苏林。"),
            ("002_b.txt", "Jonas Gahr Støre visited Hanoi."),
        ]);
        batch.push((bare_article("000_bare", "x"), content_hash("x"), DocExtraction::default()));
        let report = store.add_documents(&batch).unwrap();
        assert_eq!(report, AddReport { stored: 4, duplicates: 0, conflicts: vec![] });

        let mut want: Vec<_> = batch.iter().map(|(a, _, x)| (a.clone(), x.clone())).collect();
        want.sort_by(|a, b| a.0.id.cmp(&b.0.id));
        assert_eq!(store.all_extractions().unwrap(), want);
        assert_eq!(store.article(&DocId("002_b.txt".into())).unwrap(), Some(batch[2].0.clone()));
        assert_eq!(store.article(&DocId("missing".into())).unwrap(), None);
    }

    #[test]
    fn re_adding_a_batch_changes_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let batch = batch(&[("a", "text a"), ("b", "text b"), ("c", "text c")]);
        assert_eq!(store.add_documents(&batch).unwrap().stored, 3);
        let before = store.all_extractions().unwrap();

        let again = store.add_documents(&batch).unwrap();
        assert_eq!(again, AddReport { stored: 0, duplicates: 3, conflicts: vec![] });
        assert_eq!(store.counts().unwrap(), StoreCounts { documents: 3, encounters: 0, acts: 0 });
        assert_eq!(store.all_extractions().unwrap(), before);
    }

    #[test]
    fn hashes_are_looked_up() {
        let mut store = Store::open_in_memory().unwrap();
        store.add_documents(&batch(&[("a", "text a")])).unwrap();
        assert!(store.has_document_hash(&content_hash("text a")).unwrap());
        assert!(!store.has_document_hash(&content_hash("text b")).unwrap());
    }

    #[test]
    fn same_text_under_another_id_is_a_duplicate() {
        let mut store = Store::open_in_memory().unwrap();
        let report = store.add_documents(&batch(&[("a", "same"), ("b", "same")])).unwrap();
        assert_eq!(report, AddReport { stored: 1, duplicates: 1, conflicts: vec![] });
        assert!(store.article(&DocId("b".into())).unwrap().is_none());
    }

    #[test]
    fn same_id_with_another_text_is_a_conflict_and_the_first_stays() {
        let mut store = Store::open_in_memory().unwrap();
        store.add_documents(&batch(&[("a", "first text")])).unwrap();
        let report = store.add_documents(&batch(&[("a", "second text"), ("b", "other")])).unwrap();
        assert_eq!(
            report,
            AddReport { stored: 1, duplicates: 0, conflicts: vec![DocId("a".into())] }
        );
        assert_eq!(store.article(&DocId("a".into())).unwrap().unwrap().text, "first text");
        assert!(!store.has_document_hash(&content_hash("second text")).unwrap());

        // Within one batch too.
        let report = store.add_documents(&batch(&[("c", "one"), ("c", "two")])).unwrap();
        assert_eq!(
            report,
            AddReport { stored: 1, duplicates: 0, conflicts: vec![DocId("c".into())] }
        );
    }

    #[test]
    fn an_empty_batch_is_fine() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(store.add_documents(&[]).unwrap(), AddReport::default());
    }
}

mod migrations {
    use crate::fixtures::*;
    use attache_model::DocId;
    use attache_store::{Error, SCHEMA_VERSION, Store, StoreCounts};

    #[test]
    fn an_empty_file_gets_the_schema_and_reopens_with_its_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("attache.db");
        std::fs::write(&path, b"").unwrap();
        {
            let mut store = Store::open(&path).unwrap();
            assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
            store.add_documents(&batch(&[("a", "text a")])).unwrap();
            store.replace_events(&[full_encounter()], &[full_act()]).unwrap();
            assert!(dir.path().join("attache.db-wal").exists(), "journal mode is WAL");
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        assert_eq!(store.counts().unwrap(), StoreCounts { documents: 1, encounters: 1, acts: 1 });
        store.check().unwrap();
    }

    #[test]
    fn a_missing_file_is_created() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        Store::open(&path).unwrap();
        assert!(path.exists());
    }

    #[test]
    fn an_unopenable_path_names_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no-such-dir").join("x.db");
        let err = Store::open(&path).unwrap_err();
        assert!(matches!(err, Error::Open { .. }), "{err:?}");
        assert!(err.to_string().contains("no-such-dir"), "{err}");
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("future.db");
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        drop(conn);
        let err = Store::open(&path).unwrap_err();
        assert!(matches!(err, Error::TooNew { found: 99, .. }), "{err:?}");
    }

    /// A database written by schema version 1, kept as SQL so it can be reviewed; every later
    /// schema must open it and read the same data.
    #[test]
    fn a_version_1_database_opens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("data/v1.sql")).unwrap();
        drop(conn);

        let store = Store::open(&path).unwrap();
        store.check().unwrap();
        assert_eq!(store.counts().unwrap(), StoreCounts { documents: 1, encounters: 1, acts: 1 });
        let (article, extraction) = store.all_extractions().unwrap().remove(0);
        assert_eq!(article.id, DocId("001_a.txt".into()));
        assert_eq!(article.published, day(2024, 6, 21));
        assert_eq!(extraction.encounters.len(), 1);
        let (encounters, acts) = store.export_encounters_and_acts().unwrap();
        assert_eq!(encounters[0].participants[1].person.as_deref(), Some("Tô Lâm"));
        assert_eq!(acts[0].during.as_deref(), Some("ev-1"));
        let found = store.timeline(&attache_store::TimelineQuery {
            person: Some("to lam".into()),
            ..Default::default()
        });
        assert_eq!(found.unwrap().len(), 1);
    }
}

mod check {
    use crate::fixtures::*;
    use attache_store::{Error, Store};

    #[test]
    fn check_reports_dangling_references() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("broken.db");
        let mut store = Store::open(&path).unwrap();
        store.replace_events(&[full_encounter()], &[full_act()]).unwrap();
        store.check().unwrap();
        drop(store);

        // Another program, with foreign keys off, leaves an act pointing nowhere.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "foreign_keys", false).unwrap();
        conn.execute("DELETE FROM encounters WHERE id = 'ev-7f3a'", []).unwrap();
        drop(conn);

        let store = Store::open(&path).unwrap();
        let err = store.check().unwrap_err();
        let Error::Integrity { problems } = &err else { panic!("{err:?}") };
        assert!(problems.iter().any(|p| p.starts_with("acts row 1 refers")), "{problems:?}");
        assert!(err.to_string().starts_with("database integrity check found"), "{err}");
    }
}

mod events {
    use crate::fixtures::*;
    use attache_model::{ActType, DocId, EncounterType};
    use attache_store::{Error, EventRecord, Store, StoreCounts};

    #[test]
    fn encounters_and_acts_round_trip() {
        let mut store = Store::open_in_memory().unwrap();
        let mut open = encounter(
            "ev-open",
            EncounterType::Meeting,
            when(day(2024, 5, 8), None, day(2024, 5, 8)),
            vec![person("CHN", None, "premier")],
            &[],
        );
        open.confidence = 0.1;
        let undated = encounter(
            "ev-undated",
            EncounterType::PhoneCall,
            when(None, None, None),
            vec![],
            &["x"],
        );
        let mut bare_act = full_act();
        bare_act.id = "act-bare".into();
        bare_act.kind = ActType::AcceptInvitation;
        bare_act.during = None;
        bare_act.from = Default::default();
        bare_act.to = Default::default();
        bare_act.object = None;
        bare_act.date = Default::default();
        bare_act.documents = vec![];
        bare_act.evidence = vec![];
        let encounters = vec![full_encounter(), open, undated];
        let acts = vec![full_act(), bare_act];

        store.replace_events(&encounters, &acts).unwrap();
        assert_eq!(store.export_encounters_and_acts().unwrap(), (encounters, acts));
        assert_eq!(store.counts().unwrap(), StoreCounts { documents: 0, encounters: 3, acts: 2 });
        store.check().unwrap();
    }

    #[test]
    fn replacing_drops_the_previous_events() {
        let mut store = Store::open_in_memory().unwrap();
        store.replace_events(&[full_encounter()], &[full_act()]).unwrap();
        let next = encounter(
            "ev-next",
            EncounterType::Meeting,
            when(day(2025, 1, 1), None, None),
            vec![],
            &["d"],
        );
        store.replace_events(std::slice::from_ref(&next), &[]).unwrap();
        assert_eq!(store.export_encounters_and_acts().unwrap(), (vec![next], vec![]));
        assert!(store.event("ev-7f3a").unwrap().is_none());
        store.replace_events(&[], &[]).unwrap();
        assert_eq!(store.counts().unwrap(), StoreCounts::default());
        store.check().unwrap();
    }

    #[test]
    fn invalid_input_changes_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        store.replace_events(&[full_encounter()], &[full_act()]).unwrap();
        let before = store.export_encounters_and_acts().unwrap();

        let mut clash = full_act();
        clash.id = "ev-7f3a".into();
        let err = store.replace_events(&[full_encounter()], &[clash]).unwrap_err();
        assert!(matches!(&err, Error::DuplicateEventId { id } if id == "ev-7f3a"), "{err:?}");

        let mut dangling = full_act();
        dangling.during = Some("ev-gone".into());
        let err = store.replace_events(&[], &[dangling]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "act act-19c happened during encounter ev-gone, which is not among the encounters"
        );
        assert_eq!(store.export_encounters_and_acts().unwrap(), before);
    }

    #[test]
    fn event_detail_has_evidence_and_stored_documents() {
        let mut store = Store::open_in_memory().unwrap();
        // Only 002_b.txt of the event's two documents is stored.
        store.add_documents(&batch(&[("002_b.txt", "Putin mời Tô Lâm.")])).unwrap();
        store.replace_events(&[full_encounter()], &[full_act()]).unwrap();

        let detail = store.event("ev-7f3a").unwrap().unwrap();
        assert_eq!(detail.event, EventRecord::Encounter(full_encounter()));
        assert_eq!(detail.documents.len(), 1);
        let meta = &detail.documents[0];
        assert_eq!(meta.id, DocId("002_b.txt".into()));
        assert_eq!(meta.title.as_deref(), Some("Tổng Bí thư Tô Lâm — 002_b.txt"));
        assert_eq!(meta.lang.as_deref(), Some("vi"));
        assert_eq!(meta.source.as_deref(), Some("VnExpress"));
        assert_eq!(meta.url.as_deref(), Some("https://example.vn/002_b.txt"));
        assert_eq!(meta.published, day(2024, 6, 21));

        let detail = store.event("act-19c").unwrap().unwrap();
        assert_eq!(detail.event, EventRecord::Act(full_act()));
        assert_eq!(detail.documents.len(), 1);

        assert!(store.event("nope").unwrap().is_none());
    }

    #[test]
    fn event_detail_serialises_with_its_kind() {
        let mut store = Store::open_in_memory().unwrap();
        store.replace_events(&[full_encounter()], &[full_act()]).unwrap();
        let json = serde_json::to_value(store.event("act-19c").unwrap().unwrap()).unwrap();
        assert_eq!(json["event"]["kind"], "act");
        assert_eq!(json["event"]["type"], "invitation");
    }
}

mod timeline {
    use crate::fixtures::*;
    use attache_model::{Act, ActType, Encounter, EncounterType, Side};
    use attache_store::{Error, Store, TimelineQuery};
    use jiff::civil::date;

    fn events() -> (Vec<Encounter>, Vec<Act>) {
        use EncounterType::*;
        let mut visit = encounter(
            "e3-visit",
            Visit,
            when(day(2024, 11, 4), day(2024, 11, 6), None),
            vec![
                person("NOR", Some("Jonas Gahr Støre"), "prime_minister"),
                person("VNM", Some("Tô Lâm"), "general_secretary"),
            ],
            &["d3"],
        );
        visit.participants[0].side = Some(Side::Visitor);
        visit.participants[1].side = Some(Side::Host);
        let encounters = vec![
            // Given out of date order: the timeline sorts.
            visit,
            encounter(
                "e1-meeting",
                Meeting,
                when(day(2024, 6, 20), None, None),
                vec![
                    person("RUS", Some("Vladimir Putin"), "president"),
                    person("VNM", Some("Tô Lâm"), "president"),
                ],
                &["d1"],
            ),
            encounter(
                "e5-undated",
                PhoneCall,
                when(None, None, None),
                vec![
                    person("CHN", Some("Tập Cận Bình"), "president"),
                    person("RUS", Some("Vladimir Putin"), "president"),
                ],
                &["d5"],
            ),
            encounter(
                "e2-call",
                PhoneCall,
                when(day(2024, 3, 1), None, None),
                vec![
                    person("CHN", Some("Lý Cường"), "premier"),
                    person("VNM", Some("Phạm Minh Chính"), "prime_minister"),
                ],
                &["d2"],
            ),
            encounter(
                "e4-bounded",
                Meeting,
                when(None, None, day(2024, 8, 1)),
                vec![person("LAO", None, "president"), person("VNM", None, "president")],
                &["d4"],
            ),
        ];
        let act = |id: &str, kind, during: Option<&str>, start| Act {
            id: id.into(),
            kind,
            during: during.map(Into::into),
            from: party("RUS", Some("Vladimir Putin")),
            to: party("VNM", Some("Tô Lâm")),
            object: None,
            date: when(start, None, None),
            documents: vec![],
            evidence: vec![],
            fulfilled_by: None,
        };
        let acts = vec![
            act("a3-agreement", ActType::Agreement, Some("e3-visit"), day(2024, 11, 5)),
            act("a1b-accept", ActType::AcceptInvitation, Some("e1-meeting"), None),
            act("a1-invitation", ActType::Invitation, Some("e1-meeting"), day(2024, 6, 20)),
            act("a2-congrats", ActType::Congratulation, None, day(2024, 5, 1)),
        ];
        (encounters, acts)
    }

    fn store() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let (encounters, acts) = events();
        store.replace_events(&encounters, &acts).unwrap();
        store
    }

    fn ids(store: &Store, query: &TimelineQuery) -> Vec<String> {
        store.timeline(query).unwrap().into_iter().map(|e| e.encounter.id).collect()
    }

    #[test]
    fn filters_table() {
        let store = store();
        let q = TimelineQuery::default;
        let strings = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let countries = |c: &[&str]| TimelineQuery { countries: strings(c), ..q() };
        let person = |p: &str| TimelineQuery { person: Some(p.into()), ..q() };
        let types = |t: &[&str]| TimelineQuery { types: strings(t), ..q() };
        let range = |since: Option<(i8, i8)>, until: Option<(i8, i8)>| TimelineQuery {
            since: since.map(|(m, d)| date(2024, m, d)),
            until: until.map(|(m, d)| date(2024, m, d)),
            ..q()
        };
        let cases: Vec<(&str, TimelineQuery, Vec<&str>)> = vec![
            (
                "everything, undated last",
                q(),
                vec!["e2-call", "e1-meeting", "e4-bounded", "e3-visit", "e5-undated"],
            ),
            (
                "one country",
                countries(&["VNM"]),
                vec!["e2-call", "e1-meeting", "e4-bounded", "e3-visit"],
            ),
            ("all countries must take part", countries(&["VNM", "RUS"]), vec!["e1-meeting"]),
            ("country in lower case", countries(&["rus"]), vec!["e1-meeting", "e5-undated"]),
            ("no such pair", countries(&["NOR", "RUS"]), vec![]),
            ("person without diacritics", person("to lam"), vec!["e1-meeting", "e3-visit"]),
            ("person with diacritics", person("Tô Lâm"), vec!["e1-meeting", "e3-visit"]),
            ("person in capitals", person("TO LAM"), vec!["e1-meeting", "e3-visit"]),
            ("person with o-stroke folded", person("store"), vec!["e3-visit"]),
            ("person with o-stroke given", person("Støre"), vec!["e3-visit"]),
            ("person substring", person("minh chinh"), vec!["e2-call"]),
            ("person with d-stroke", person("tap can binh"), vec!["e5-undated"]),
            (
                "empty person is no filter",
                person("  "),
                vec!["e2-call", "e1-meeting", "e4-bounded", "e3-visit", "e5-undated"],
            ),
            ("unknown person", person("merkel"), vec![]),
            ("one type", types(&["phone_call"]), vec!["e2-call", "e5-undated"]),
            (
                "two types",
                types(&["meeting", "visit"]),
                vec!["e1-meeting", "e4-bounded", "e3-visit"],
            ),
            (
                "since drops undated",
                range(Some((6, 20)), None),
                vec!["e1-meeting", "e4-bounded", "e3-visit"],
            ),
            ("until", range(None, Some((6, 19))), vec!["e2-call"]),
            ("until is inclusive", range(None, Some((6, 20))), vec!["e2-call", "e1-meeting"]),
            ("inside a span", range(Some((11, 5)), Some((11, 5))), vec!["e3-visit"]),
            (
                "bound-only date placed at its bound",
                range(Some((7, 1)), Some((8, 31))),
                vec!["e4-bounded"],
            ),
            ("after everything", range(Some((11, 7)), None), vec![]),
            (
                "filters combine",
                TimelineQuery {
                    person: Some("putin".into()),
                    types: strings(&["phone_call"]),
                    ..q()
                },
                vec!["e5-undated"],
            ),
        ];
        for (name, query, want) in cases {
            assert_eq!(ids(&store, &query), want, "{name}");
            // every page is the same slice of the whole, and the total is the whole's length
            for (offset, limit) in [(0, 1), (0, 2), (1, 2), (2, 10), (4, 1), (9, 3), (0, 0)] {
                let (total, page) = store.timeline_page(&query, offset, limit).unwrap();
                let page: Vec<String> = page.into_iter().map(|e| e.encounter.id).collect();
                let slice: Vec<&str> = want.iter().copied().skip(offset).take(limit).collect();
                assert_eq!(
                    (total, page),
                    (want.len(), slice.iter().map(|s| s.to_string()).collect()),
                    "{name} at {offset}+{limit}"
                );
            }
        }
    }

    #[test]
    fn acts_follow_their_encounter_in_date_order() {
        let store = store();
        let entries = store.timeline(&TimelineQuery::default()).unwrap();
        let acts: Vec<(String, Vec<String>)> = entries
            .into_iter()
            .map(|e| (e.encounter.id, e.acts.into_iter().map(|a| a.id).collect()))
            .collect();
        let want = [
            ("e2-call", vec![]),
            ("e1-meeting", vec!["a1-invitation", "a1b-accept"]),
            ("e4-bounded", vec![]),
            ("e3-visit", vec!["a3-agreement"]),
            ("e5-undated", vec![]),
        ];
        let want: Vec<(String, Vec<String>)> = want
            .into_iter()
            .map(|(e, a)| (e.to_string(), a.into_iter().map(String::from).collect()))
            .collect();
        assert_eq!(acts, want);
    }

    #[test]
    fn entries_carry_the_whole_encounter() {
        let store = store();
        let (encounters, _) = events();
        let entry = store
            .timeline(&TimelineQuery { person: Some("store".into()), ..Default::default() })
            .unwrap()
            .remove(0);
        assert_eq!(entry.encounter, encounters[0]);
    }

    #[test]
    fn unknown_type_is_an_error() {
        let store = store();
        let err = store
            .timeline(&TimelineQuery { types: vec!["summit".into()], ..Default::default() })
            .unwrap_err();
        assert!(matches!(&err, Error::UnknownEncounterType { name } if name == "summit"));
        assert_eq!(err.to_string(), "unknown encounter type \"summit\" in timeline query");
    }

    #[test]
    fn query_deserialises_with_defaults() {
        let q: TimelineQuery =
            serde_json::from_str(r#"{"countries": ["VNM"], "since": "2024-01-01"}"#).unwrap();
        assert_eq!(
            q,
            TimelineQuery {
                countries: vec!["VNM".into()],
                since: Some(date(2024, 1, 1)),
                ..Default::default()
            }
        );
    }
}

mod export {
    use crate::fixtures::*;
    use attache_model::{ActType, EncounterType};
    use attache_store::Store;
    use attache_store::export::{CSV_HEADER, write_csv, write_jsonl};
    use serde_json::{Value, json};

    fn keys(v: &Value) -> Vec<&str> {
        let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        k.sort_unstable();
        k
    }

    #[test]
    fn jsonl_has_the_interchange_fields() {
        let mut store = Store::open_in_memory().unwrap();
        store.replace_events(&[full_encounter()], &[full_act()]).unwrap();
        let (encounters, acts) = store.export_encounters_and_acts().unwrap();
        let mut out = Vec::new();
        write_jsonl(&mut out, &encounters, &acts).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.ends_with('\n'));
        let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines.len(), 2);

        let e = &lines[0];
        assert_eq!(
            keys(e),
            [
                "confidence",
                "date",
                "documents",
                "evidence",
                "id",
                "kind",
                "participants",
                "place",
                "type"
            ]
        );
        assert_eq!(e["kind"], "encounter");
        assert_eq!(e["id"], "ev-7f3a");
        assert_eq!(e["type"], "visit");
        assert_eq!(
            e["date"],
            json!({"start": "2024-06-19", "end": "2024-06-20", "not_before": null, "text": "Ngày 19-20/6"})
        );
        assert_eq!(
            e["participants"],
            json!([
                {"country": "RUS", "person": "Vladimir Putin", "role": "president", "side": "visitor"},
                {"country": "VNM", "person": "Tô Lâm", "role": "president", "side": "host"}
            ])
        );
        assert_eq!(e["place"], json!({"name": "Hà Nội", "country": "VNM"}));
        assert_eq!(e["documents"], json!(["001_a.txt", "002_b.txt"]));
        assert_eq!(
            e["evidence"][1],
            json!({"document": "002_b.txt", "language": "zh", "text": "普京会见苏林", "start": 5, "end": 11})
        );
        assert_eq!(e["evidence"].as_array().unwrap().len(), 2);
        assert_eq!(e["confidence"].as_f64().unwrap() as f32, 0.93);

        let a = &lines[1];
        assert_eq!(
            keys(a),
            [
                "date",
                "documents",
                "during",
                "evidence",
                "from",
                "fulfilled_by",
                "id",
                "kind",
                "object",
                "to",
                "type"
            ]
        );
        assert_eq!(a["kind"], "act");
        assert_eq!(a["id"], "act-19c");
        assert_eq!(a["type"], "invitation");
        assert_eq!(a["during"], "ev-7f3a");
        assert_eq!(a["from"], json!({"country": "RUS", "person": "Vladimir Putin"}));
        assert_eq!(a["to"], json!({"country": "VNM", "person": "Tô Lâm"}));
        assert_eq!(a["object"], "visit to Moscow, 9 May 2025");
        assert_eq!(
            a["date"],
            json!({"start": "2024-06-20", "end": "2024-06-20", "not_before": null, "text": "hôm qua"})
        );
        assert_eq!(a["documents"], json!(["002_b.txt"]));
        assert_eq!(
            a["evidence"],
            json!([{"document": "002_b.txt", "language": "vi",
                    "text": "Tổng thống Putin mời Chủ tịch nước Tô Lâm.", "start": 40, "end": 82}])
        );
    }

    #[test]
    fn jsonl_writes_nulls_for_missing_values() {
        let undated = encounter(
            "ev-u",
            EncounterType::PhoneCall,
            when(None, None, day(2024, 1, 2)),
            vec![],
            &[],
        );
        let mut act = full_act();
        act.kind = ActType::Condolence;
        act.during = None;
        act.from = Default::default();
        act.object = None;
        let mut out = Vec::new();
        write_jsonl(&mut out, &[undated], &[act]).unwrap();
        let lines: Vec<Value> = std::str::from_utf8(&out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(
            lines[0]["date"],
            json!({"start": null, "end": null, "not_before": "2024-01-02", "text": null})
        );
        assert_eq!(lines[0]["place"], Value::Null);
        assert_eq!(lines[0]["participants"], json!([]));
        assert_eq!(lines[1]["type"], "condolence");
        assert_eq!(lines[1]["during"], Value::Null);
        assert_eq!(lines[1]["from"], json!({"country": null, "person": null}));
        assert_eq!(lines[1]["object"], Value::Null);
    }

    #[test]
    fn csv_has_the_header_and_one_row_per_event() {
        let mut out = Vec::new();
        write_csv(&mut out, &[full_encounter()], &[full_act()]).unwrap();
        let mut reader = csv::Reader::from_reader(out.as_slice());
        assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), CSV_HEADER);
        assert_eq!(
            CSV_HEADER.join(","),
            "kind,id,type,date_start,date_end,not_before,date_text,participants,place,documents,\
             evidence,during,from,to,object"
        );
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[0].iter().collect::<Vec<_>>(),
            [
                "encounter",
                "ev-7f3a",
                "visit",
                "2024-06-19",
                "2024-06-20",
                "",
                "Ngày 19-20/6",
                "RUS:Vladimir Putin:president:visitor;VNM:Tô Lâm:president:host",
                "Hà Nội (VNM)",
                "001_a.txt;002_b.txt",
                "2",
                "",
                "",
                "",
                "",
            ]
        );
        assert_eq!(
            rows[1].iter().collect::<Vec<_>>(),
            [
                "act",
                "act-19c",
                "invitation",
                "2024-06-20",
                "2024-06-20",
                "",
                "hôm qua",
                "",
                "",
                "002_b.txt",
                "1",
                "ev-7f3a",
                "RUS:Vladimir Putin",
                "VNM:Tô Lâm",
                "visit to Moscow, 9 May 2025",
            ]
        );
    }

    #[test]
    fn csv_participants_without_sides() {
        let e = encounter(
            "ev-1",
            EncounterType::Meeting,
            when(day(2024, 6, 20), None, None),
            vec![
                person("VNM", Some("Tô Lâm"), "president"),
                person("RUS", Some("Vladimir Putin"), "president"),
            ],
            &["a"],
        );
        let mut out = Vec::new();
        write_csv(&mut out, &[e], &[]).unwrap();
        let row = csv::Reader::from_reader(out.as_slice()).records().next().unwrap().unwrap();
        assert_eq!(&row[7], "VNM:Tô Lâm:president;RUS:Vladimir Putin:president");
    }
}

mod stories {
    use crate::fixtures;
    use attache_model::{DocExtraction, DocId};
    use attache_store::Store;

    #[test]
    fn stories_are_recorded_and_replaced() {
        let mut store = Store::open_in_memory().unwrap();
        let batch: Vec<_> = ["a.txt", "b.txt", "c.txt"]
            .iter()
            .map(|id| {
                let a = fixtures::article(id, &format!("text of {id}"));
                let hash = attache_store::content_hash(&a.text);
                (a, hash, DocExtraction::default())
            })
            .collect();
        store.add_documents(&batch).unwrap();
        let mut stories = std::collections::HashMap::new();
        stories.insert(DocId("a.txt".into()), DocId("a.txt".into()));
        stories.insert(DocId("b.txt".into()), DocId("a.txt".into()));
        store.set_stories(&stories).unwrap();
        let ids: Vec<DocId> =
            ["a.txt", "b.txt", "c.txt"].iter().map(|i| DocId(i.to_string())).collect();
        let meta = store.documents(&ids).unwrap();
        let story: Vec<Option<&str>> =
            meta.iter().map(|m| m.story.as_ref().map(|s| s.0.as_str())).collect();
        assert_eq!(story, [Some("a.txt"), Some("a.txt"), None]);
        store.set_stories(&std::collections::HashMap::new()).unwrap();
        assert!(store.documents(&ids).unwrap().iter().all(|m| m.story.is_none()));
    }
}

mod dyads {
    use crate::fixtures::*;
    use attache_model::{DocId, EncounterType, Participant};
    use attache_store::{Store, content_hash};

    fn part(country: &str) -> Participant {
        Participant { country: Some(country.into()), person: None, role: None, side: None }
    }

    #[test]
    fn documents_record_their_dyads_and_events_are_replaced_dyad_by_dyad() {
        let mut store = Store::open_in_memory().unwrap();
        let a = article("a.txt", "text a");
        store.add_documents(&[(a.clone(), content_hash(&a.text), extraction("a.txt"))]).unwrap();
        assert!(!store.needs_full_resolution().unwrap());
        let found = store.extractions_in_dyads(&["RUS,VNM".to_string()]).unwrap();
        assert_eq!(found.iter().map(|(a, _)| a.id.0.as_str()).collect::<Vec<_>>(), ["a.txt"]);
        assert!(store.extractions_in_dyads(&["CHN,USA".to_string()]).unwrap().is_empty());

        let vn_ru = encounter(
            "ev-1",
            EncounterType::Meeting,
            when(day(2024, 6, 20), None, None),
            vec![part("VNM"), part("RUS")],
            &["a.txt"],
        );
        let us_cn = encounter(
            "ev-2",
            EncounterType::Meeting,
            when(day(2023, 11, 15), None, None),
            vec![part("USA"), part("CHN")],
            &["b.txt"],
        );
        store.replace_events(&[vn_ru.clone(), us_cn.clone()], &[]).unwrap();
        // resolving RUS,VNM again leaves CHN,USA alone
        let again = encounter(
            "ev-3",
            EncounterType::Meeting,
            when(day(2024, 6, 20), None, None),
            vec![part("VNM"), part("RUS")],
            &["a.txt", "c.txt"],
        );
        store.replace_events_in_dyads(&["RUS,VNM".to_string()], &[again], &[]).unwrap();
        let (encounters, _) = store.export_encounters_and_acts().unwrap();
        let mut ids: Vec<&str> = encounters.iter().map(|e| e.id.as_str()).collect();
        ids.sort_unstable();
        assert_eq!(ids, ["ev-2", "ev-3"]);
        let (in_dyad, _) = store.events_in_dyads(&["RUS,VNM".to_string()]).unwrap();
        assert_eq!(in_dyad.len(), 1);
        assert_eq!(in_dyad[0].documents, [DocId("a.txt".into()), DocId("c.txt".into())]);
    }
}

mod search {
    use super::fixtures::batch;
    use attache_store::{MATCH_END, MATCH_START, Store};

    fn ids(store: &Store, q: &str) -> Vec<String> {
        store.search(q, 10).unwrap().1.into_iter().map(|h| h.id.0).collect()
    }

    #[test]
    fn finds_phrases_in_any_script_ignoring_case() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .add_documents(&batch(&[
                ("sv", "Statsministern besökte Kreml i Moskva på tisdagen."),
                ("zh", "习近平主席在北京会见了越南国家主席。"),
                ("vi", "Chủ tịch nước tiếp Đại sứ Nga tại Hà Nội."),
                ("quote", "He said \"no comment\" to 50% of questions."),
            ]))
            .unwrap();
        assert_eq!(ids(&store, "kreml"), ["sv"]);
        assert_eq!(ids(&store, "KREML I MOSKVA"), ["sv"]);
        assert_eq!(ids(&store, "在北京会见"), ["zh"]);
        assert_eq!(ids(&store, "Đại sứ Nga"), ["vi"]);
        assert_eq!(ids(&store, "\"no comment\""), ["quote"], "quotes are literal");
        assert_eq!(ids(&store, "Kreml Moskva"), Vec::<String>::new(), "a phrase, not words");
        assert_eq!(ids(&store, "越南"), ["zh"], "two characters: a scan");
        assert_eq!(ids(&store, "50%"), ["quote"]);
        assert_eq!(ids(&store, "  "), Vec::<String>::new());
        let (total, hits) = store.search("Kreml", 10).unwrap();
        assert_eq!(total, 1);
        let marked = format!("{MATCH_START}Kreml{MATCH_END}");
        assert!(hits[0].snippet.contains(&marked), "{:?}", hits[0].snippet);
        // a headline-only match quotes the headline
        let (total, hits) = store.search("tô lâm", 10).unwrap();
        assert_eq!(total, 4);
        assert!(hits[0].snippet.contains(&format!("{MATCH_START}Tô Lâm{MATCH_END}")), "{hits:?}");
    }

    #[test]
    fn counts_all_and_returns_at_most_the_limit() {
        let mut store = Store::open_in_memory().unwrap();
        let texts: Vec<(String, String)> =
            (0..7).map(|i| (format!("d{i}"), format!("Talks number {i} on trade."))).collect();
        let docs: Vec<(&str, &str)> = texts.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        store.add_documents(&batch(&docs)).unwrap();
        let (total, hits) = store.search("on trade", 3).unwrap();
        assert_eq!((total, hits.len()), (7, 3));
    }
}
