use super::*;
use attache_model::{EncounterType, Evidence, Side};
use jiff::civil::{Date, date};

fn part(country: &str, person: Option<&str>, side: Option<Side>) -> Participant {
    Participant { country: Some(country.into()), person: person.map(Into::into), role: None, side }
}

fn day(d: Date) -> When {
    When { start: Some(d), end: Some(d), ..When::default() }
}

fn enc(
    doc: &str,
    local: &str,
    kind: EncounterType,
    when: When,
    parts: Vec<Participant>,
    at: usize,
) -> Encounter {
    Encounter {
        id: local.into(),
        kind,
        date: when,
        participants: parts,
        place: None,
        documents: vec![DocId(doc.into())],
        evidence: vec![Evidence {
            document: DocId(doc.into()),
            language: "en".into(),
            text: format!("s{at}"),
            start: at,
            end: at + 1,
        }],
        confidence: 0.5,
        episode: None,
        why: vec![],
    }
}

fn meeting(doc: &str, local: &str, when: When, vn: &str, at: usize) -> Encounter {
    enc(
        doc,
        local,
        EncounterType::Meeting,
        when,
        vec![part("VNM", Some(vn), None), part("RUS", Some("Vladimir Putin"), None)],
        at,
    )
}

fn doc(id: &str, encounters: Vec<Encounter>) -> (DocId, DocExtraction) {
    (
        DocId(id.into()),
        DocExtraction { published: None, encounters, acts: vec![], fingerprint: None },
    )
}

#[test]
fn headline_joins_the_nearest_dated_report() {
    let d = doc(
        "a",
        vec![
            meeting("a", "m0", When::default(), "Tô Lâm", 0),
            meeting("a", "m1", day(date(2025, 5, 10)), "Tô Lâm", 50),
            meeting(
                "a",
                "m2",
                When {
                    start: Some(date(2024, 6, 1)),
                    end: Some(date(2024, 6, 30)),
                    ..When::default()
                },
                "Tô Lâm",
                400,
            ),
        ],
    );
    let (e, _) = resolve(&[d]);
    assert_eq!(e.len(), 2, "{e:#?}");
    let may = e.iter().find(|e| e.date.start == Some(date(2025, 5, 10))).unwrap();
    assert_eq!(may.evidence.len(), 2);
}

#[test]
fn merge_cases() {
    let june =
        When { start: Some(date(2024, 6, 1)), end: Some(date(2024, 6, 30)), ..When::default() };
    type Case = (&'static str, Vec<(DocId, DocExtraction)>, usize);
    let cases: Vec<Case> = vec![
        (
            "same day, two documents",
            vec![
                doc("a", vec![meeting("a", "m0", day(date(2024, 6, 20)), "Tô Lâm", 0)]),
                doc("b", vec![meeting("b", "m0", day(date(2024, 6, 20)), "To Lam", 0)]),
            ],
            1,
        ),
        (
            "month and day",
            vec![
                doc("a", vec![meeting("a", "m0", day(date(2024, 6, 20)), "Tô Lâm", 0)]),
                doc("b", vec![meeting("b", "m0", june.clone(), "Tô Lâm", 0)]),
            ],
            1,
        ),
        (
            "different days",
            vec![
                doc("a", vec![meeting("a", "m0", day(date(2024, 6, 20)), "Tô Lâm", 0)]),
                doc("b", vec![meeting("b", "m0", day(date(2024, 6, 21)), "Tô Lâm", 0)]),
            ],
            2,
        ),
        (
            "different people",
            vec![
                doc("a", vec![meeting("a", "m0", day(date(2024, 6, 20)), "Tô Lâm", 0)]),
                doc("b", vec![meeting("b", "m0", day(date(2024, 6, 20)), "Nguyễn Phú Trọng", 0)]),
            ],
            2,
        ),
        (
            "undated, one candidate",
            vec![
                doc("a", vec![meeting("a", "m0", day(date(2024, 6, 20)), "Tô Lâm", 0)]),
                doc("b", vec![meeting("b", "m0", When::default(), "Tô Lâm", 0)]),
            ],
            1,
        ),
        (
            "undated, two candidates",
            vec![
                doc("a", vec![meeting("a", "m0", day(date(2024, 6, 20)), "Tô Lâm", 0)]),
                doc("c", vec![meeting("c", "m0", day(date(2025, 5, 10)), "Tô Lâm", 0)]),
                doc("b", vec![meeting("b", "m0", When::default(), "Tô Lâm", 0)]),
            ],
            3,
        ),
        (
            "undated, bound after",
            vec![
                doc("a", vec![meeting("a", "m0", day(date(2020, 6, 11)), "Tô Lâm", 0)]),
                doc(
                    "b",
                    vec![meeting(
                        "b",
                        "m0",
                        When { not_before: Some(date(2024, 3, 22)), ..When::default() },
                        "Tô Lâm",
                        0,
                    )],
                ),
            ],
            2,
        ),
    ];
    for (name, docs, want) in cases {
        let (e, _) = resolve(&docs);
        assert_eq!(e.len(), want, "{name}: {e:#?}");
        let mut reversed = docs.clone();
        reversed.reverse();
        let (r, _) = resolve(&reversed);
        assert_eq!(e, r, "{name}: order changed the result");
    }
}

#[test]
fn an_article_published_during_a_visit_still_merges_with_its_later_days() {
    let v = |doc: &str, when: When| {
        enc(
            doc,
            "m0",
            EncounterType::Visit,
            when,
            vec![
                part("CHN", Some("Xi Jinping"), Some(Side::Visitor)),
                part("VNM", None, Some(Side::Host)),
            ],
            0,
        )
    };
    let two_days =
        When { start: Some(date(2023, 12, 12)), end: Some(date(2023, 12, 13)), ..When::default() };
    let first = (
        DocId("a".into()),
        DocExtraction {
            published: Some(date(2023, 12, 12)),
            encounters: vec![v("a", two_days)],
            acts: vec![],
            fingerprint: None,
        },
    );
    let second = (
        DocId("b".into()),
        DocExtraction {
            published: Some(date(2023, 12, 14)),
            encounters: vec![v("b", day(date(2023, 12, 13)))],
            acts: vec![],
            fingerprint: None,
        },
    );
    let (e, _) = resolve(&[first, second]);
    assert_eq!(e.len(), 1, "{e:#?}");
}

#[test]
fn undated_reports_join_a_recent_event_but_not_a_later_one() {
    let undated = |published| {
        (
            DocId("u".into()),
            DocExtraction {
                published: Some(published),
                encounters: vec![enc(
                    "u",
                    "m0",
                    EncounterType::Meeting,
                    When::default(),
                    vec![part("CHN", None, None), part("USA", None, None)],
                    0,
                )],
                acts: vec![],
                fingerprint: None,
            },
        )
    };
    let dated = (
        DocId("d".into()),
        DocExtraction {
            published: None,
            encounters: vec![enc(
                "d",
                "m0",
                EncounterType::Meeting,
                day(date(2023, 11, 15)),
                vec![part("CHN", Some("Xi Jinping"), None), part("USA", Some("Joe Biden"), None)],
                0,
            )],
            acts: vec![],
            fingerprint: None,
        },
    );
    assert_eq!(resolve(&[dated.clone(), undated(date(2023, 11, 16))]).0.len(), 1, "recent");
    assert_eq!(resolve(&[dated.clone(), undated(date(2024, 6, 1))]).0.len(), 2, "long after");
    assert_eq!(
        resolve(&[dated, undated(date(2023, 11, 1))]).0.len(),
        2,
        "published before the event"
    );
}

#[test]
fn merged_date_is_the_intersection() {
    let june = When {
        start: Some(date(2024, 6, 1)),
        end: Some(date(2024, 6, 30)),
        text: Some("i juni 2024".into()),
        ..When::default()
    };
    let docs = vec![
        doc("a", vec![meeting("a", "m0", june, "Tô Lâm", 0)]),
        doc("b", vec![meeting("b", "m0", day(date(2024, 6, 20)), "Tô Lâm", 0)]),
    ];
    let (e, _) = resolve(&docs);
    assert_eq!(
        (e[0].date.start, e[0].date.end),
        (Some(date(2024, 6, 20)), Some(date(2024, 6, 20)))
    );
    assert_eq!(e[0].documents.len(), 2);
    // the merge says why: the vaguer report joined the precise one
    assert_eq!(e[0].why.len(), 1, "{:?}", e[0].why);
    assert!(e[0].why[0].starts_with("a (i juni 2024): same type"), "{:?}", e[0].why);
}

#[test]
fn visits_need_the_same_visitor() {
    let v = |doc: &str, visitor: &str, host: &str| {
        enc(
            doc,
            "m0",
            EncounterType::Visit,
            day(date(2024, 6, 20)),
            vec![part(visitor, None, Some(Side::Visitor)), part(host, None, Some(Side::Host))],
            0,
        )
    };
    let (e, _) =
        resolve(&[doc("a", vec![v("a", "RUS", "VNM")]), doc("b", vec![v("b", "VNM", "RUS")])]);
    assert_eq!(e.len(), 2);
    let (e, _) =
        resolve(&[doc("a", vec![v("a", "RUS", "VNM")]), doc("b", vec![v("b", "RUS", "VNM")])]);
    assert_eq!(e.len(), 1);
}

#[test]
fn acts_follow_their_encounter_and_merge() {
    let act = |doc: &str| Act {
        id: "a0".into(),
        kind: attache_model::ActType::Invitation,
        during: Some("m0".into()),
        from: attache_model::Party {
            country: Some("RUS".into()),
            person: Some("Vladimir Putin".into()),
        },
        to: attache_model::Party { country: Some("VNM".into()), person: None },
        object: None,
        date: When::default(),
        documents: vec![DocId(doc.into())],
        evidence: vec![],
        fulfilled_by: None,
    };
    let docs = vec![
        (
            DocId("a".into()),
            DocExtraction {
                published: None,
                encounters: vec![meeting("a", "m0", day(date(2024, 6, 20)), "Tô Lâm", 0)],
                acts: vec![act("a")],
                fingerprint: None,
            },
        ),
        (
            DocId("b".into()),
            DocExtraction {
                published: None,
                encounters: vec![meeting("b", "m0", day(date(2024, 6, 20)), "Tô Lâm", 0)],
                acts: vec![act("b")],
                fingerprint: None,
            },
        ),
    ];
    let (e, a) = resolve(&docs);
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].during.as_deref(), Some(e[0].id.as_str()));
    assert_eq!(a[0].documents.len(), 2);
    assert_eq!(a[0].date.start, Some(date(2024, 6, 20)));
}

#[test]
fn agreement_sides_keep_their_own_names_whatever_the_order() {
    let agreement = |doc: &str, from: (&str, Option<&str>), to: (&str, Option<&str>)| Act {
        id: "a0".into(),
        kind: attache_model::ActType::Agreement,
        during: Some("m0".into()),
        from: attache_model::Party { country: Some(from.0.into()), person: from.1.map(Into::into) },
        to: attache_model::Party { country: Some(to.0.into()), person: to.1.map(Into::into) },
        object: None,
        date: When::default(),
        documents: vec![DocId(doc.into())],
        evidence: vec![],
        fulfilled_by: None,
    };
    let m = |doc: &str| meeting(doc, "m0", day(date(2023, 12, 12)), "Nguyễn Phú Trọng", 0);
    let docs = vec![
        (
            DocId("a".into()),
            DocExtraction {
                published: None,
                encounters: vec![m("a")],
                acts: vec![agreement("a", ("VNM", None), ("RUS", None))],
                fingerprint: None,
            },
        ),
        (
            DocId("b".into()),
            DocExtraction {
                published: None,
                encounters: vec![m("b")],
                acts: vec![agreement("b", ("RUS", Some("Vladimir Putin")), ("VNM", None))],
                fingerprint: None,
            },
        ),
    ];
    let (_, a) = resolve(&docs);
    assert_eq!(a.len(), 1);
    let russia =
        [&a[0].from, &a[0].to].into_iter().find(|p| p.country.as_deref() == Some("RUS")).unwrap();
    let vietnam =
        [&a[0].from, &a[0].to].into_iter().find(|p| p.country.as_deref() == Some("VNM")).unwrap();
    assert_eq!(russia.person.as_deref(), Some("Vladimir Putin"));
    assert_eq!(vietnam.person, None);
}

fn weekdays(first: u8, last: u8, text: &str) -> When {
    When { weekdays: Some((first, last)), text: Some(text.into()), ..When::default() }
}

fn visit(doc: &str, when: When, at: usize) -> Encounter {
    enc(
        doc,
        "m9",
        EncounterType::Visit,
        when,
        vec![
            part("RUS", Some("Vladimir Putin"), Some(Side::Visitor)),
            part("VNM", None, Some(Side::Host)),
        ],
        at,
    )
}

#[test]
fn a_visit_dated_only_by_weekdays_takes_its_week_from_a_dated_meeting() {
    // one undated article: a visit "from Wednesday to Thursday" and talks "on Thursday";
    // another dates a meeting of the same visitor on Thursday 20 June 2024
    let undated = (
        DocId("a".into()),
        DocExtraction {
            published: None,
            encounters: vec![
                visit("a", weekdays(3, 4, "from Wednesday to Thursday"), 10),
                meeting("a", "m0", weekdays(4, 4, "on Thursday"), "Nguyễn Phú Trọng", 0),
            ],
            acts: vec![],
            fingerprint: None,
        },
    );
    let dated = doc("b", vec![meeting("b", "m0", day(date(2024, 6, 20)), "Tô Lâm", 0)]);
    let (e, _) = resolve(&[undated, dated]);
    let v = e.iter().find(|e| e.kind == EncounterType::Visit).unwrap();
    assert_eq!(
        (v.date.start, v.date.end),
        (Some(date(2024, 6, 19)), Some(date(2024, 6, 20))),
        "{v:#?}"
    );
    assert!(v.date.how.as_deref().unwrap().contains("2024-06-20"));
    assert_eq!(v.documents.len(), 2, "the dated meeting's report reports the visit too");
    let talks = e
        .iter()
        .find(|e| e.participants.iter().any(|p| p.person.as_deref() == Some("Nguyễn Phú Trọng")))
        .unwrap();
    assert_eq!(talks.date.start, Some(date(2024, 6, 20)));
    assert_eq!(talks.episode.as_deref(), Some(v.id.as_str()));
}

#[test]
fn weekdays_stay_undated_when_the_anchors_disagree_or_miss() {
    let undated = || {
        (
            DocId("a".into()),
            DocExtraction {
                published: None,
                encounters: vec![visit("a", weekdays(3, 4, "from Wednesday to Thursday"), 0)],
                acts: vec![],
                fingerprint: None,
            },
        )
    };
    // two Thursday meetings in different weeks: ambiguous
    let two = doc(
        "b",
        vec![
            meeting("b", "m0", day(date(2024, 6, 20)), "Tô Lâm", 0),
            meeting("b", "m1", day(date(2020, 6, 11)), "Nguyễn Phú Trọng", 500),
        ],
    );
    let (e, _) = resolve(&[undated(), two]);
    assert!(e.iter().find(|e| e.kind == EncounterType::Visit).unwrap().date.is_undated());
    // a Saturday meeting is not on the visit's weekdays
    let saturday = doc("c", vec![meeting("c", "m0", day(date(2025, 5, 10)), "Tô Lâm", 0)]);
    let (e, _) = resolve(&[undated(), saturday]);
    assert!(e.iter().find(|e| e.kind == EncounterType::Visit).unwrap().date.is_undated());
}

#[test]
fn an_invitation_is_fulfilled_by_the_next_visit_the_other_way() {
    let invitation = Act {
        id: "a0".into(),
        kind: attache_model::ActType::Invitation,
        during: Some("m0".into()),
        from: attache_model::Party {
            country: Some("RUS".into()),
            person: Some("Vladimir Putin".into()),
        },
        to: attache_model::Party { country: Some("VNM".into()), person: Some("Tô Lâm".into()) },
        object: Some("visit Moscow".into()),
        date: When::default(),
        documents: vec![DocId("a".into())],
        evidence: vec![],
        fulfilled_by: None,
    };
    let to_moscow = |doc: &str, d| {
        enc(
            doc,
            "m0",
            EncounterType::Visit,
            day(d),
            vec![
                part("VNM", Some("Tô Lâm"), Some(Side::Visitor)),
                part("RUS", None, Some(Side::Host)),
            ],
            0,
        )
    };
    let docs = vec![
        (
            DocId("a".into()),
            DocExtraction {
                published: None,
                encounters: vec![meeting("a", "m0", day(date(2024, 6, 20)), "Tô Lâm", 0)],
                acts: vec![invitation],
                fingerprint: None,
            },
        ),
        doc("b", vec![to_moscow("b", date(2025, 5, 8))]),
        doc("c", vec![to_moscow("c", date(2026, 5, 8))]),
        doc("d", vec![to_moscow("d", date(2023, 5, 8))]),
    ];
    let (e, a) = resolve(&docs);
    let may_2025 = e.iter().find(|e| e.date.start == Some(date(2025, 5, 8))).unwrap();
    assert_eq!(a[0].fulfilled_by.as_deref(), Some(may_2025.id.as_str()));
}

#[test]
fn ids_stay_stable_when_an_earlier_sorting_document_arrives() {
    let first = vec![doc("m", vec![meeting("m", "m0", day(date(2024, 6, 20)), "Tô Lâm", 0)])];
    let before = resolve_all(&first);
    // a new report of the same meeting from a document whose id sorts first
    let mut both = first.clone();
    both.push(doc("a", vec![meeting("a", "m0", day(date(2024, 6, 20)), "To Lam", 0)]));
    let mut after = resolve_all(&both);
    assert_ne!(after.encounters[0].id, before.encounters[0].id, "ids follow the first report");
    carry_ids(&before.encounters, &before.acts, &mut after);
    assert_eq!(after.encounters[0].id, before.encounters[0].id);
    assert_eq!(after.encounters[0].documents.len(), 2);
}
