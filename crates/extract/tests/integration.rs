//! Extraction rules, one table row per case, on sentences written for these tests (none
//! comes from the seed articles). Each row: name, language, publication date, text, the
//! encounters expected (as `type date COUNTRY:person|COUNTRY:person`, sides marked `>` for
//! the visitor) and the acts expected (as `type FROM>TO`).

use attache_extract::Extractor;
use attache_lang::LangStage;
use attache_model::{Article, DocId, Side};
use jiff::civil::Date;
use std::path::Path;

fn describe_encounters(x: &attache_model::DocExtraction) -> Vec<String> {
    let mut out: Vec<String> = x
        .encounters
        .iter()
        .map(|e| {
            let date = e.date.start.map_or("undated".to_string(), |d| match e.date.last_day() {
                Some(l) if l != d => format!("{d}..{l}"),
                _ => d.to_string(),
            });
            let mut parts: Vec<String> = e
                .participants
                .iter()
                .map(|p| {
                    let mark = if p.side == Some(Side::Visitor) { ">" } else { "" };
                    format!(
                        "{mark}{}:{}",
                        p.country.as_deref().unwrap_or("?"),
                        p.person.as_deref().unwrap_or("-")
                    )
                })
                .collect();
            parts.sort();
            format!("{} {date} {}", e.kind.as_str(), parts.join("|"))
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

fn describe_acts(x: &attache_model::DocExtraction) -> Vec<String> {
    // standalone acts are marked with their own date
    let mut out: Vec<String> = x
        .acts
        .iter()
        .map(|a| {
            let alone = match (&a.during, a.date.start) {
                (None, Some(d)) => format!(" alone {d}"),
                (None, None) => " alone".to_string(),
                _ => String::new(),
            };
            let mut sides =
                [a.from.country.as_deref().unwrap_or("?"), a.to.country.as_deref().unwrap_or("?")];
            if a.kind == attache_model::ActType::Agreement {
                sides.sort_unstable(); // an agreement has no direction
            }
            format!("{} {}>{}{alone}", a.kind.as_str(), sides[0], sides[1])
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

type Case = (
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

#[rustfmt::skip]
const CASES: &[Case] = &[
    // encounter types, per language
    ("en meeting, explicit date", "en", None,
     "President Joe Biden held talks with Chinese President Xi Jinping in Woodside on 15 November 2023.",
     &["meeting 2023-11-15 CHN:Xi Jinping|USA:Joe Biden"], &[]),
    ("en phone call, weekday", "en", Some("2024-04-04"),
     "Joe Biden spoke by phone with Xi Jinping on Tuesday about Taiwan and trade.",
     &["phone_call 2024-04-02 CHN:Xi Jinping|USA:Joe Biden"], &[]),
    ("en visit, destination after the cue", "en", Some("2024-07-10"),
     "Indian Prime Minister Narendra Modi paid an official visit to Russia on 8 July.",
     &["visit 2024-07-08 >IND:Narendra Modi|RUS:-"], &[]),
    ("nb meeting, ordinal date", "nb", None,
     "Statsminister Jonas Gahr Støre møtte Ukrainas president Volodymyr Zelenskyj i Oslo 13. desember 2023.",
     &["meeting 2023-12-13 NOR:Jonas Gahr Støre|UKR:Volodymyr Zelensky"], &[]),
    ("sv phone call", "sv", Some("2023-05-20"),
     "Statsminister Ulf Kristersson ringde till Turkiets president Recep Tayyip Erdoğan den 18 maj.",
     &["phone_call 2023-05-18 SWE:Ulf Kristersson|TUR:Recep Tayyip Erdoğan"], &[]),
    ("vi phone call, day marker", "vi", Some("2023-03-30"),
     "Ngày 29/3, Tổng Bí thư Nguyễn Phú Trọng đã có cuộc điện đàm với Tổng thống Mỹ Joe Biden.",
     &["phone_call 2023-03-29 USA:Joe Biden|VNM:Nguyễn Phú Trọng"], &[]),
    ("vi visit with two days", "vi", Some("2023-12-14"),
     "Tổng Bí thư, Chủ tịch nước Tập Cận Bình thăm cấp Nhà nước Việt Nam trong hai ngày 12 và 13/12.",
     &["visit 2023-12-12..2023-12-13 >CHN:Xi Jinping|VNM:-"], &[]),
    // modality: announced, planned, cancelled, denied events are not events
    ("en future", "en", Some("2023-08-29"), "US President Joe Biden will visit Vietnam on 10 September.", &[], &[]),
    ("en planned", "en", None, "Xi Jinping is expected to meet Joe Biden in San Francisco next month.", &[], &[]),
    ("en cancelled after the cue", "en", Some("2023-05-17"), "Biden's visit to Australia was cancelled because of the debt talks.", &[], &[]),
    ("en negated", "en", None, "Erdogan did not meet Kristersson in Ankara.", &[], &[]),
    ("nb future", "nb", None, "Statsminister Jonas Gahr Støre skal besøke Kina i neste uke.", &[], &[]),
    ("sv future", "sv", None, "Ulf Kristersson ska besöka Turkiet nästa månad.", &[], &[]),
    ("vi future", "vi", None, "Tổng thống Mỹ Joe Biden sẽ thăm Việt Nam.", &[], &[]),
    ("vi postponed", "vi", None, "Chuyến thăm Nhật Bản của Thủ tướng Phạm Minh Chính bị hoãn.", &[], &[]),
    ("a date after publication is a plan", "en", Some("2024-06-12"),
     "Narendra Modi meets Vladimir Putin in Moscow on 8 July 2024.", &[], &[]),
    // invitations: the invited-to visit is not a visit
    ("en invitation to visit", "en", Some("2023-05-17"),
     "Joe Biden invited Anthony Albanese to pay a state visit to the United States.",
     &[], &["invitation USA>AUS alone"]),
    ("nb invitation and acceptance, verb second", "nb", None,
     "Under telefonsamtalen inviterte statsminister Jonas Gahr Støre president Volodymyr Zelenskyj til et besøk i Norge. President Zelenskyj aksepterte invitasjonen.",
     &["phone_call undated NOR:Jonas Gahr Støre|UKR:Volodymyr Zelensky"], &["accept_invitation UKR>NOR", "invitation NOR>UKR"]),
    ("vi invitation and acceptance", "vi", None,
     "Tổng Bí thư Nguyễn Phú Trọng đã mời Tổng thống Joe Biden thăm Việt Nam, ông Biden đã nhận lời.",
     &[], &["accept_invitation USA>VNM alone", "invitation VNM>USA alone"]),
    ("en by-phrase: the inviter follows", "en", Some("2024-05-18"),
     "Vladimir Putin paid a state visit to China on 16 May at the invitation of Xi Jinping.",
     &["visit 2024-05-16 >RUS:Vladimir Putin|CHN:Xi Jinping"], &["invitation CHN>RUS"]),
    ("vi by-phrase", "vi", None,
     "Thủ tướng Narendra Modi thăm chính thức Nga theo lời mời của Tổng thống Vladimir Putin.",
     &["visit undated >IND:Narendra Modi|RUS:Vladimir Putin"], &["invitation RUS>IND"]),
    ("the invited visit's date is not the invitation's", "en", Some("2023-08-29"),
     "On Tuesday Nguyen Phu Trong invited Joe Biden to visit Vietnam on 10 September.",
     &[], &["invitation VNM>USA alone 2023-08-29"]),
    ("en reported clause: the subject follows that", "en", None,
     "Albanese said that Biden had invited him to Washington.",
     &[], &["invitation USA>AUS alone"]),
    ("vi two invitations in one sentence", "vi", None,
     "Trong cuộc điện đàm, Thủ tướng Phạm Minh Chính mời Thủ tướng Anthony Albanese thăm Việt Nam, còn Thủ tướng Anthony Albanese mời Thủ tướng Phạm Minh Chính thăm Úc.",
     &["phone_call undated AUS:Anthony Albanese|VNM:Phạm Minh Chính"], &["invitation AUS>VNM", "invitation VNM>AUS"]),
    // thanks: the act went the other way, and what is thanked for is no new encounter
    ("en thanks flip the act", "en", None,
     "Xi Jinping held talks with Vladimir Putin. Putin thanked Xi for the congratulations and for the visit to Moscow.",
     &["meeting undated CHN:Xi Jinping|RUS:Vladimir Putin"], &["congratulation CHN>RUS"]),
    // act direction
    ("en participle opens the sentence", "en", None,
     "Congratulating India on its election, President Vladimir Putin held talks with Narendra Modi.",
     &["meeting undated IND:Narendra Modi|RUS:Vladimir Putin"], &["congratulation RUS>IND"]),
    ("sv verb second", "sv", None,
     "Enligt Kreml gratulerade president Xi Jinping Vladimir Putin under ett telefonsamtal.",
     &["phone_call undated CHN:Xi Jinping|RUS:Vladimir Putin"], &["congratulation CHN>RUS"]),
    ("en subject of the clause", "en", Some("2024-07-09"),
     "Modi telephoned Putin in March to congratulate him on his re-election.",
     &["phone_call 2024-03-01..2024-03-31 IND:Narendra Modi|RUS:Vladimir Putin"], &["congratulation IND>RUS"]),
    ("en agreement between two countries", "en", None,
     "India and Russia signed nine cooperation documents during the talks between Modi and Putin.",
     &["meeting undated IND:Narendra Modi|RUS:Vladimir Putin"], &["agreement IND>RUS"]),
    ("agreement by the two sides of the talks", "sv", None,
     "Xi Jinping höll samtal med Vladimir Putin i Peking. Efter samtalen undertecknade de ett gemensamt uttalande.",
     &["meeting undated CHN:Xi Jinping|RUS:Vladimir Putin"], &["agreement CHN>RUS"]),
    ("an act dated apart from the talks stands alone", "en", Some("2024-05-17"),
     "Xi Jinping held talks with Vladimir Putin in Beijing on 16 May. Xi had congratulated Putin on his re-election in March.",
     &["meeting 2024-05-16 CHN:Xi Jinping|RUS:Vladimir Putin"], &["congratulation CHN>RUS alone 2024-03-01"]),
    ("en condolence", "en", None,
     "In a phone call, Joe Biden offered sympathy to President Erdogan after the earthquake.",
     &["phone_call undated TUR:Recep Tayyip Erdoğan|USA:Joe Biden"], &["condolence USA>TUR"]),
    // people: offices resolve to their holder on the day; pronouns; one-to-many meetings
    ("en office holder by title", "en", None,
     "The Russian president held talks with the Indian prime minister in Moscow on 9 July 2024.",
     &["meeting 2024-07-09 IND:Narendra Modi|RUS:Vladimir Putin"], &[]),
    ("sv office holder by title, other year", "sv", None,
     "Rysslands president träffade Kinas president i Peking den 5 februari 2014.",
     &["meeting 2014-02-05 CHN:Xi Jinping|RUS:Vladimir Putin"], &[]),
    ("nb pronoun is this sentence's subject", "nb", Some("2023-12-13"),
     "Zelenskyj kom fra Washington, der han tirsdag møtte USAs president Joe Biden.",
     &["meeting 2023-12-12 UKR:Volodymyr Zelensky|USA:Joe Biden"], &[]),
    ("en one host meets two leaders", "en", Some("2023-09-12"),
     "On Monday Biden met President Vo Van Thuong and Prime Minister Pham Minh Chinh.",
     &["meeting 2023-09-11 USA:Joe Biden|VNM:Phạm Minh Chính", "meeting 2023-09-11 USA:Joe Biden|VNM:Võ Văn Thưởng"], &[]),
    ("unknown person from title and name", "en", None,
     "Japanese Prime Minister Shigeru Ishiba held talks with President Vo Van Thuong on 3 March 2023.",
     &["meeting 2023-03-03 JPN:Shigeru Ishiba|VNM:Võ Văn Thưởng"], &[]),
    // dates, places and references that belong to something else
    ("a date after 'since' is a point of reference", "en", Some("2024-07-09"),
     "It is Narendra Modi's first visit to Russia since February 2022.",
     &["visit undated >IND:Narendra Modi|RUS:-"], &[]),
    ("a date past another cue belongs to it", "en", Some("2024-07-09"),
     "On Monday Putin held informal talks with Modi and congratulated him on his re-election in June.",
     &["meeting 2024-07-08 IND:Narendra Modi|RUS:Vladimir Putin"], &["congratulation RUS>IND"]),
    ("future governs its whole clause", "en", Some("2024-07-09"),
     "Narendra Modi was due to fly on to Vienna later on Tuesday for the first visit to Austria in decades.",
     &[], &[]),
    ("the two leaders", "sv", Some("2024-07-09"),
     "Narendra Modi landade i Moskva. Vladimir Putin tog emot honom. De två ledarna höll samtal på tisdagen.",
     &["meeting 2024-07-09 IND:Narendra Modi|RUS:Vladimir Putin", "meeting undated IND:Narendra Modi|RUS:Vladimir Putin", "visit undated >IND:Narendra Modi|RUS:-"], &[]),
    ("an object pronoun is not its clause's subject", "pl", None,
     "Kanclerz Niemiec Friedrich Merz przyleciał do Warszawy 7 maja 2025. Premier Donald Tusk przyjął go w kancelarii.",
     &["meeting undated DEU:Friedrich Merz|POL:Donald Tusk", "visit 2025-05-07 >DEU:Friedrich Merz|POL:-"], &[]),
    ("a place elsewhere in the sentence is not the venue", "en", None,
     "Modi held talks with Putin on 9 July 2024, the day a missile hit a hospital in Kyiv.",
     &["meeting 2024-07-09 IND:Narendra Modi|RUS:Vladimir Putin"], &[]),
    ("the other side carried over only after 'with'", "nb", Some("2024-07-10"),
     "Zelenskyj kritiserte besøket. Under samtalene i Kreml tirsdag sa Narendra Modi at krig ikke er løsningen.",
     &[], &[]),
    ("an ocean is not a country", "vi", None,
     "Tại cuộc hội đàm, hai bên trao đổi về khu vực Ấn Độ Dương và tình hình Afghanistan.",
     &[], &[]),
    // word order of other languages
    ("fr visitor after the visit noun", "fr", None,
     "La visite d'État de Xi Jinping en France a commencé le 6 mai 2024.",
     &["visit 2024-05-06 >CHN:Xi Jinping|FRA:-"], &[]),
    ("fr adjective after the title", "fr", None,
     "Le président russe a reçu le Premier ministre indien Narendra Modi le 9 juillet 2024.",
     &["meeting 2024-07-09 IND:Narendra Modi|RUS:Vladimir Putin"], &[]),
    ("de recipient between subject and cue", "de", None,
     "Bei dem Telefonat übermittelte Xi Jinping Wladimir Putin seine Glückwünsche.",
     &["phone_call undated CHN:Xi Jinping|RUS:Vladimir Putin"], &["congratulation CHN>RUS"]),
    ("pl declined first name before a known surname", "pl", None,
     "Prezydent Rosji przyjął premiera Indii Narendrę Modiego na Kremlu 9 lipca 2024.",
     &["meeting 2024-07-09 IND:Narendra Modi|RUS:Vladimir Putin"], &[]),
    ("cs abbreviation that is a word", "cs", Some("2024-07-12"),
     "Po jednání v Moskvě 9. července podepsali Módí a Putin dohody.",
     &["meeting 2024-07-09 IND:Narendra Modi|RUS:Vladimir Putin"], &["agreement IND>RUS"]),
    ("en cancellation later in the clause", "en", None,
     "The visit of Joe Biden to Australia planned for May was later called off.",
     &[], &[]),
    ("tr destination before the visit word", "tr", None,
     "Cumhurbaşkanı Recep Tayyip Erdoğan 7 Aralık 2023'te Yunanistan'ı ziyaret etti.",
     &["visit 2023-12-07 >TUR:Recep Tayyip Erdoğan|GRC:-"], &[]),
    ("ar clause ends at the Arabic semicolon", "ar", Some("2024-02-15"),
     "وتأتي زيارة الرئيس رجب طيب أردوغان إلى القاهرة بعد مسار طويل؛ ففي ٢٩ مايو أجرى الرئيس عبد الفتاح السيسي اتصالا هاتفيا مع أردوغان.",
     &["phone_call 2023-05-29 EGY:Abdel Fattah el-Sisi|TUR:Recep Tayyip Erdoğan", "visit undated >TUR:Recep Tayyip Erdoğan|EGY:Abdel Fattah el-Sisi"], &[]),
    // background that is not an event
    ("trade figures", "en", None, "Trade between Vietnam and Russia rose 26 percent to 4.6 billion dollars in 2024.", &[], &[]),
    ("anniversary", "sv", None, "Vietnam och Ryssland firade 75-årsdagen av sina diplomatiska förbindelser i januari.", &[], &[]),
    ("vi term of office is not signing", "vi", None,
     "Việt Nam và Liên bang Nga là thành viên Hội đồng Bảo an nhiệm kỳ 2020-2021.", &[], &[]),
    ("one country is no encounter", "en", None, "Vladimir Putin met regional governors in Moscow on 3 May 2024.", &[], &[]),
];

#[test]
fn extraction_rules() {
    let x = Extractor::new().unwrap();
    let lang = LangStage::new().unwrap();
    let mut failures = Vec::new();
    for (name, code, published, text, encounters, acts) in CASES {
        let article = Article {
            id: DocId(format!("{name}.txt")),
            origin: name.to_string(),
            text: text.to_string(),
            title: None,
            published: published.map(|p| p.parse::<Date>().unwrap()),
            dateline: None,
            source: None,
            url: None,
            lang: Some(code.to_string()),
        };
        let sentences = lang.sentences(text, code);
        let out = x.extract(&article, &sentences);
        let (got_e, got_a) = (describe_encounters(&out), describe_acts(&out));
        if got_e != *encounters || got_a != *acts {
            failures.push(format!("{name}:\n  encounters {got_e:?}\n  want       {encounters:?}\n  acts       {got_a:?}\n  want       {acts:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn evidence_offsets_are_character_offsets_into_the_text() {
    let x = Extractor::new().unwrap();
    let lang = LangStage::new().unwrap();
    let text = "Hà Nội — Ngày 12/12, Tổng Bí thư Nguyễn Phú Trọng hội đàm với Tổng Bí thư, Chủ tịch nước Trung Quốc Tập Cận Bình.";
    let article = Article {
        id: DocId("vi.txt".into()),
        origin: "vi.txt".into(),
        text: text.into(),
        title: None,
        published: Some("2023-12-13".parse().unwrap()),
        dateline: None,
        source: None,
        url: None,
        lang: Some("vi".into()),
    };
    let out = x.extract(&article, &lang.sentences(text, "vi"));
    let e = &out.encounters[0];
    let ev = &e.evidence[0];
    let by_chars: String = text.chars().skip(ev.start).take(ev.end - ev.start).collect();
    assert_eq!(by_chars, ev.text);
}

/// The shared battery every language must pass: `testdata/battery/<lang>.toml`, one file per
/// language with an extraction lexicon. Format:
///
/// ```toml
/// [[case]]
/// name = "meeting with a full date"
/// published = "2024-07-10"            # optional
/// text = "…"
/// encounters = ["meeting 2024-07-09 IND:Narendra Modi|RUS:Vladimir Putin"]
/// acts = []                           # "type FROM>TO", "alone" when in no encounter
/// tags = ["date"]                     # date, planned, cancelled, title_only
/// ```
///
/// Each language needs at least 12 cases covering every encounter and act type, two date
/// notations (`date`), a planned and a cancelled event that yield no encounter (`planned`,
/// `cancelled`), and an office holder named only by title (`title_only`).
mod battery {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Case {
        name: String,
        published: Option<Date>,
        text: String,
        #[serde(default)]
        encounters: Vec<String>,
        #[serde(default)]
        acts: Vec<String>,
        #[serde(default)]
        tags: Vec<String>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        case: Vec<Case>,
    }

    fn coverage_problems(cases: &[Case]) -> Vec<String> {
        let mut problems = Vec::new();
        if cases.len() < 12 {
            problems.push(format!("{} cases, at least 12 needed", cases.len()));
        }
        for t in ["phone_call", "meeting", "visit"] {
            if !cases.iter().any(|c| c.encounters.iter().any(|e| e.starts_with(&format!("{t} ")))) {
                problems.push(format!("no {t}"));
            }
        }
        for t in ["invitation", "accept_invitation", "congratulation", "condolence", "agreement"] {
            if !cases.iter().any(|c| c.acts.iter().any(|a| a.starts_with(&format!("{t} ")))) {
                problems.push(format!("no {t}"));
            }
        }
        let tagged = |tag: &str| cases.iter().filter(|c| c.tags.iter().any(|t| t == tag)).count();
        if tagged("date") < 2 {
            problems.push("fewer than two date notations (tag \"date\")".into());
        }
        for tag in ["planned", "cancelled"] {
            let ok =
                cases.iter().any(|c| c.tags.iter().any(|t| t == tag) && c.encounters.is_empty());
            if !ok {
                problems.push(format!("no {tag} event without an encounter (tag \"{tag}\")"));
            }
        }
        if tagged("title_only") < 1 {
            problems.push("no office holder named only by title (tag \"title_only\")".into());
        }
        problems
    }

    #[test]
    fn every_language_passes_its_battery() {
        let x = Extractor::new().unwrap();
        let lang = LangStage::new().unwrap();
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/battery");
        let mut failures = Vec::new();
        for code in x.languages() {
            let path = dir.join(format!("{code}.toml"));
            let Ok(src) = std::fs::read_to_string(&path) else {
                failures.push(format!("{code}: no battery at {}", path.display()));
                continue;
            };
            let file: File =
                toml::from_str(&src).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            for p in coverage_problems(&file.case) {
                failures.push(format!("{code}: {p}"));
            }
            for case in &file.case {
                let article = Article {
                    id: DocId(format!("{code}-{}", case.name)),
                    origin: case.name.clone(),
                    text: case.text.clone(),
                    title: None,
                    published: case.published,
                    dateline: None,
                    source: None,
                    url: None,
                    lang: Some(code.to_string()),
                };
                let out = x.extract(&article, &lang.sentences(&case.text, code));
                let (mut want_e, mut want_a) = (case.encounters.clone(), case.acts.clone());
                want_e.sort();
                want_a.sort();
                let (got_e, got_a) = (describe_encounters(&out), describe_acts(&out));
                if got_e != want_e || got_a != want_a {
                    failures.push(format!(
                        "{code}/{}:\n  encounters {got_e:?}\n  want       {want_e:?}\n  acts       {got_a:?}\n  want       {want_a:?}",
                        case.name
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "{} problem(s):\n{}", failures.len(), failures.join("\n"));
    }
}
