//! `attache-bench`: a deterministic generator of realistic multilingual articles, and a
//! benchmark that runs the real `attache` binary over them.
//!
//! ```text
//! cargo build --release -p attache -p attache-bench
//! target/release/attache-bench generate --docs 1000 --out /tmp/corpus
//! target/release/attache-bench scale --sizes 1000,10000 --batch 200
//! ```
//!
//! `serve` fills a store with `--events` generated events, starts `attache serve` and
//! load-tests its timeline queries from this process (requests/s, p50 and p99 latency).
//!
//! `scale` builds a store of each size, then times one more ingest of `batch` new articles
//! into it: the cost of an ingest as the store grows. It prints documents/s, MB/s and the
//! peak resident memory of the ingesting process.

mod load;

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// A leader the generated articles can name, in office throughout 2023.
struct Leader {
    name: &'static str,
    title: [&'static str; 4], // en, nb, sv, vi
    country: [&'static str; 4],
    capital: [&'static str; 4],
}

const LEADERS: &[Leader] = &[
    Leader {
        name: "Vladimir Putin",
        title: [
            "Russian President",
            "Russlands president",
            "Rysslands president",
            "Tổng thống Nga",
        ],
        country: ["Russia", "Russland", "Ryssland", "Nga"],
        capital: ["Moscow", "Moskva", "Moskva", "Moskva"],
    },
    Leader {
        name: "Xi Jinping",
        title: ["Chinese President", "Kinas president", "Kinas president", "Chủ tịch Trung Quốc"],
        country: ["China", "Kina", "Kina", "Trung Quốc"],
        capital: ["Beijing", "Beijing", "Peking", "Bắc Kinh"],
    },
    Leader {
        name: "Joe Biden",
        title: ["US President", "USAs president", "USA:s president", "Tổng thống Mỹ"],
        country: ["the United States", "USA", "USA", "Mỹ"],
        capital: ["Washington", "Washington", "Washington", "Washington"],
    },
    Leader {
        name: "Narendra Modi",
        title: [
            "Indian Prime Minister",
            "Indias statsminister",
            "Indiens premiärminister",
            "Thủ tướng Ấn Độ",
        ],
        country: ["India", "India", "Indien", "Ấn Độ"],
        capital: ["New Delhi", "New Delhi", "New Delhi", "New Delhi"],
    },
    Leader {
        name: "Recep Tayyip Erdoğan",
        title: [
            "Turkish President",
            "Tyrkias president",
            "Turkiets president",
            "Tổng thống Thổ Nhĩ Kỳ",
        ],
        country: ["Turkey", "Tyrkia", "Turkiet", "Thổ Nhĩ Kỳ"],
        capital: ["Ankara", "Ankara", "Ankara", "Ankara"],
    },
    Leader {
        name: "Emmanuel Macron",
        title: [
            "French President",
            "Frankrikes president",
            "Frankrikes president",
            "Tổng thống Pháp",
        ],
        country: ["France", "Frankrike", "Frankrike", "Pháp"],
        capital: ["Paris", "Paris", "Paris", "Paris"],
    },
    Leader {
        name: "Olaf Scholz",
        title: [
            "German Chancellor",
            "Tysklands forbundskansler",
            "Tysklands förbundskansler",
            "Thủ tướng Đức",
        ],
        country: ["Germany", "Tyskland", "Tyskland", "Đức"],
        capital: ["Berlin", "Berlin", "Berlin", "Berlin"],
    },
    Leader {
        name: "Jonas Gahr Støre",
        title: [
            "Norwegian Prime Minister",
            "statsminister",
            "Norges statsminister",
            "Thủ tướng Na Uy",
        ],
        country: ["Norway", "Norge", "Norge", "Na Uy"],
        capital: ["Oslo", "Oslo", "Oslo", "Oslo"],
    },
    Leader {
        name: "Ulf Kristersson",
        title: [
            "Swedish Prime Minister",
            "Sveriges statsminister",
            "statsminister",
            "Thủ tướng Thụy Điển",
        ],
        country: ["Sweden", "Sverige", "Sverige", "Thụy Điển"],
        capital: ["Stockholm", "Stockholm", "Stockholm", "Stockholm"],
    },
    Leader {
        name: "Anthony Albanese",
        title: [
            "Australian Prime Minister",
            "Australias statsminister",
            "Australiens premiärminister",
            "Thủ tướng Úc",
        ],
        country: ["Australia", "Australia", "Australien", "Úc"],
        capital: ["Canberra", "Canberra", "Canberra", "Canberra"],
    },
    Leader {
        name: "Luiz Inácio Lula da Silva",
        title: [
            "Brazilian President",
            "Brasils president",
            "Brasiliens president",
            "Tổng thống Brazil",
        ],
        country: ["Brazil", "Brasil", "Brasilien", "Brazil"],
        capital: ["Brasília", "Brasília", "Brasília", "Brasília"],
    },
    Leader {
        name: "Fumio Kishida",
        title: [
            "Japanese Prime Minister",
            "Japans statsminister",
            "Japans premiärminister",
            "Thủ tướng Nhật Bản",
        ],
        country: ["Japan", "Japan", "Japan", "Nhật Bản"],
        capital: ["Tokyo", "Tokyo", "Tokyo", "Tokyo"],
    },
    Leader {
        name: "Volodymyr Zelensky",
        title: [
            "Ukrainian President",
            "Ukrainas president",
            "Ukrainas president",
            "Tổng thống Ukraine",
        ],
        country: ["Ukraine", "Ukraina", "Ukraina", "Ukraine"],
        capital: ["Kyiv", "Kyiv", "Kiev", "Kiev"],
    },
    Leader {
        name: "Võ Văn Thưởng",
        title: [
            "Vietnamese President",
            "Vietnams president",
            "Vietnams president",
            "Chủ tịch nước",
        ],
        country: ["Vietnam", "Vietnam", "Vietnam", "Việt Nam"],
        capital: ["Hanoi", "Hanoi", "Hanoi", "Hà Nội"],
    },
];

const MONTHS: [[&str; 12]; 4] = [
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    [
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    ],
    [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ],
    ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"],
];

/// Background sentences, per language, that carry no event.
const FILLER: [&[&str]; 4] = [
    &[
        "Trade between the two countries has grown steadily over the past decade.",
        "Officials said the talks covered energy, security and investment.",
        "Analysts expect cooperation on climate and technology to deepen.",
        "The two countries established diplomatic relations decades ago.",
        "Both sides stressed the importance of dialogue and international law.",
    ],
    &[
        "Handelen mellom landene har økt jevnt det siste tiåret.",
        "Ifølge tjenestemenn handlet samtalene om energi, sikkerhet og investeringer.",
        "Analytikere venter tettere samarbeid om klima og teknologi.",
        "Landene opprettet diplomatiske forbindelser for flere tiår siden.",
        "Begge sider understreket betydningen av dialog og folkerett.",
    ],
    &[
        "Handeln mellan länderna har ökat stadigt det senaste decenniet.",
        "Enligt tjänstemän handlade samtalen om energi, säkerhet och investeringar.",
        "Analytiker väntar sig ett närmare samarbete om klimat och teknik.",
        "Länderna upprättade diplomatiska förbindelser för flera decennier sedan.",
        "Båda sidor betonade vikten av dialog och folkrätt.",
    ],
    &[
        "Kim ngạch thương mại giữa hai nước đã tăng đều trong thập kỷ qua.",
        "Theo các quan chức, hai bên đã trao đổi về năng lượng, an ninh và đầu tư.",
        "Giới phân tích cho rằng hợp tác về khí hậu và công nghệ sẽ được thúc đẩy.",
        "Hai nước đã thiết lập quan hệ ngoại giao từ nhiều thập kỷ trước.",
        "Hai bên nhấn mạnh tầm quan trọng của đối thoại và luật pháp quốc tế.",
    ],
];

/// xorshift64*: deterministic, good enough to vary a corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// One article: a headline, a dateline, an event sentence, background and a boilerplate tail.
fn article(rng: &mut Rng, n: usize) -> (String, String) {
    let lang = rng.below(4);
    let a = rng.below(LEADERS.len());
    let mut b = rng.below(LEADERS.len() - 1);
    if b >= a {
        b += 1;
    }
    let (a, b) = (&LEADERS[a], &LEADERS[b]);
    let (month, day) = (rng.below(12), 1 + rng.below(28));
    let kind = rng.below(3);
    let date = match lang {
        0 => format!("on {} {} 2023", day, MONTHS[0][month]),
        1 => format!("{}. {} 2023", day, MONTHS[1][month]),
        2 => format!("den {} {} 2023", day, MONTHS[2][month]),
        _ => format!("ngày {}/{}/2023", day, month + 1),
    };
    let event = match (lang, kind) {
        (0, 0) => format!(
            "{} {} held talks with {} {} in {} {date}.",
            a.title[0], a.name, b.title[0], b.name, b.capital[0]
        ),
        (0, 1) => format!(
            "{} {} spoke by phone with {} {} {date}.",
            a.title[0], a.name, b.title[0], b.name
        ),
        (0, _) => {
            format!("{} {} paid a state visit to {} {date}.", a.title[0], a.name, b.country[0])
        }
        (1, 0) => format!(
            "{} {} møtte {} {} i {} {date}.",
            a.title[1], a.name, b.title[1], b.name, b.capital[1]
        ),
        (1, 1) => format!(
            "{} {} hadde en telefonsamtale med {} {} {date}.",
            a.title[1], a.name, b.title[1], b.name
        ),
        (1, _) => {
            format!("{} {} kom på statsbesøk til {} {date}.", a.title[1], a.name, b.country[1])
        }
        (2, 0) => format!(
            "{} {} träffade {} {} i {} {date}.",
            a.title[2], a.name, b.title[2], b.name, b.capital[2]
        ),
        (2, 1) => {
            format!("{} {} ringde till {} {} {date}.", a.title[2], a.name, b.title[2], b.name)
        }
        (2, _) => {
            format!("{} {} gjorde ett statsbesök i {} {date}.", a.title[2], a.name, b.country[2])
        }
        (_, 0) => format!(
            "{}, {} {} đã hội đàm với {} {} tại {}.",
            capitalise(&date),
            a.title[3],
            a.name,
            b.title[3],
            b.name,
            b.capital[3]
        ),
        (_, 1) => format!(
            "{}, {} {} đã có cuộc điện đàm với {} {}.",
            capitalise(&date),
            a.title[3],
            a.name,
            b.title[3],
            b.name
        ),
        (_, _) => format!(
            "{}, {} {} đã thăm cấp nhà nước {}.",
            capitalise(&date),
            a.title[3],
            a.name,
            b.country[3]
        ),
    };
    let headline = match lang {
        0 => format!("{} and {} discuss ties", a.name, b.name),
        1 => format!("{} og {} drøftet forbindelsene", a.name, b.name),
        2 => format!("{} och {} diskuterade relationerna", a.name, b.name),
        _ => format!("{} và {} thảo luận quan hệ song phương", a.name, b.name),
    };
    let mut text = format!(
        "News Portal {n}\nHome | World | Politics\n\n{headline}\n\n{}\n\n{event}",
        dateline(lang, day, month)
    );
    for _ in 0..4 + rng.below(4) {
        let f = FILLER[lang];
        text.push_str("\n\n");
        text.push_str(f[rng.below(f.len())]);
        text.push_str(&format!(" ({n}-{})", rng.below(1_000_000)));
    }
    text.push_str(
        [
            "\n\nRelated News\nMarkets rally\n",
            "\n\nLes også\nBørsen stiger\n",
            "\n\nLäs också\nBörsen stiger\n",
            "\n\nTin mới\nThị trường tăng\n",
        ][lang],
    );
    let code = ["en", "nb", "sv", "vi"][lang];
    (format!("{code}-{n:07}.txt"), text)
}

fn dateline(lang: usize, day: usize, month: usize) -> String {
    let published = (day + 1).min(28);
    match lang {
        0 => format!("{published} {} 2023", MONTHS[0][month]),
        1 => format!("{published}.{:02}.2023 kl. 12.00", month + 1),
        2 => format!("Publicerad {published} {} 2023", MONTHS[2][month]),
        _ => format!("{published:02}/{:02}/2023 09:00", month + 1),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn generate(docs: usize, out: &Path, seed: u64, first: usize) -> Result<u64> {
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let mut rng = Rng(seed.max(1));
    let mut bytes = 0;
    for n in first..first + docs {
        let (name, text) = article(&mut rng, n);
        bytes += text.len() as u64;
        std::fs::write(out.join(name), text).context("cannot write an article")?;
    }
    Ok(bytes)
}

/// Runs `attache ingest`, returning its wall time and its peak resident memory in MiB (read
/// from /proc while it runs: VmHWM is the high-water mark so far).
fn ingest(attache: &Path, db: &Path, dir: &Path) -> Result<(f64, f64)> {
    let start = Instant::now();
    let mut child = Command::new(attache)
        .arg("--db")
        .arg(db)
        .arg("ingest")
        .arg(dir)
        .stderr(std::process::Stdio::null())
        .spawn()?;
    let status_file = PathBuf::from(format!("/proc/{}/status", child.id()));
    let mut peak_kib = 0u64;
    let status = loop {
        if let Ok(text) = std::fs::read_to_string(&status_file) {
            let hwm = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok());
            peak_kib = peak_kib.max(hwm.unwrap_or(0));
        }
        if let Some(status) = child.try_wait()? {
            break status;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    if !status.success() {
        bail!("attache ingest {} failed", dir.display());
    }
    Ok((start.elapsed().as_secs_f64(), peak_kib as f64 / 1024.0))
}

fn scale(attache: &Path, sizes: &[usize], batch: usize) -> Result<()> {
    let tmp = std::env::temp_dir().join(format!("attache-bench-{}", std::process::id()));
    println!(
        "{:>8} {:>10} {:>10} {:>10} {:>14} {:>10}",
        "store", "build s", "docs/s", "MB/s", "+batch ms/doc", "peak MiB"
    );
    for &size in sizes {
        let dir = tmp.join(format!("base-{size}"));
        let bytes = generate(size, &dir, 42, 0)?;
        let db = tmp.join(format!("store-{size}.db"));
        let (secs, peak) = ingest(attache, &db, &dir)?;
        let more = tmp.join(format!("more-{size}"));
        generate(batch, &more, 7, 10_000_000)?;
        let (extra, _) = ingest(attache, &db, &more)?;
        println!(
            "{size:>8} {secs:>10.1} {:>10.0} {:>10.2} {:>14.2} {peak:>10.0}",
            size as f64 / secs,
            bytes as f64 / secs / 1e6,
            extra * 1000.0 / batch as f64,
        );
    }
    std::fs::remove_dir_all(&tmp).ok();
    Ok(())
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1).cloned())
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let attache = std::env::current_exe()?.with_file_name("attache");
    match args.first().map(String::as_str) {
        Some("generate") => {
            let docs = arg(&args, "--docs").unwrap_or("1000".into()).parse()?;
            let out = PathBuf::from(arg(&args, "--out").context("--out DIR is required")?);
            let bytes =
                generate(docs, &out, arg(&args, "--seed").unwrap_or("42".into()).parse()?, 0)?;
            println!("{docs} articles, {:.1} MB in {}", bytes as f64 / 1e6, out.display());
        }
        Some("scale") => {
            let sizes: Vec<usize> = arg(&args, "--sizes")
                .unwrap_or("1000,10000".into())
                .split(',')
                .map(str::parse)
                .collect::<Result<_, _>>()?;
            let batch = arg(&args, "--batch").unwrap_or("200".into()).parse()?;
            scale(&attache, &sizes, batch)?;
        }
        Some("serve") => {
            let events = arg(&args, "--events").unwrap_or("100000".into()).parse()?;
            let requests = arg(&args, "--requests").unwrap_or("400".into()).parse()?;
            let clients = arg(&args, "--clients").unwrap_or("4".into()).parse()?;
            let db = std::env::temp_dir().join(format!("attache-bench-serve-{events}.db"));
            load::run(&attache, &db, events, requests, clients)?;
        }
        _ => bail!(
            "usage: attache-bench generate --docs N --out DIR [--seed S] | scale [--sizes 1000,10000] [--batch 200] | serve [--events 100000] [--requests 400] [--clients 4]"
        ),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use attache_model::{DocId, Format, Meta, RawDoc};
    use std::collections::HashSet;

    /// A wire copy: the same story republished with another site's furniture and one
    /// background paragraph dropped.
    fn wire_copy(text: &str) -> String {
        let paragraphs: Vec<&str> = text.split("\n\n").collect();
        let mut kept: Vec<&str> = paragraphs.clone();
        if kept.len() > 6 {
            kept.remove(kept.len() - 2);
        }
        format!("Other Site\nStart | Nyheter\n\n{}", kept[1..].join("\n\n"))
    }

    /// Near-duplicate detection on a labelled set: 300 distinct generated stories (in four
    /// languages, from the same templates, so they share most of their phrasing) plus a wire
    /// copy of every tenth. Precision and recall are measured over pairs of articles.
    #[test]
    fn near_duplicates_precision_and_recall() {
        let pipeline = attache_pipeline::Pipeline::new(Default::default()).unwrap();
        let mut rng = Rng(42);
        let mut docs = Vec::new();
        let mut truth: HashSet<(String, String)> = HashSet::new();
        for n in 0..300 {
            let (name, text) = article(&mut rng, n);
            if n % 10 == 0 {
                let copy = format!("copy-{name}");
                truth.insert((copy.clone().min(name.clone()), copy.clone().max(name.clone())));
                docs.push((copy, wire_copy(&text)));
            }
            docs.push((name, text));
        }
        let extractions: Vec<(DocId, attache_model::DocExtraction)> = docs
            .iter()
            .map(|(name, text)| {
                let raw = RawDoc {
                    id: DocId(name.clone()),
                    origin: name.clone(),
                    format: Format::Text,
                    body: text.clone(),
                    meta: Meta::default(),
                };
                let (a, _, x) = pipeline.process(&raw).unwrap();
                (a.id, x)
            })
            .collect();
        let r = attache_pipeline::resolve_all(&extractions);
        let mut found: HashSet<(String, String)> = HashSet::new();
        for (a, sa) in &r.stories {
            for (b, sb) in &r.stories {
                if a < b && sa == sb {
                    found.insert((a.0.clone(), b.0.clone()));
                }
            }
        }
        let tp = found.intersection(&truth).count();
        let precision = if found.is_empty() { 1.0 } else { tp as f64 / found.len() as f64 };
        let recall = tp as f64 / truth.len() as f64;
        eprintln!(
            "near-duplicates: {} true pairs, {} found, precision {precision:.3}, recall {recall:.3}",
            truth.len(),
            found.len()
        );
        assert!(precision >= 0.95 && recall >= 0.9, "precision {precision:.3}, recall {recall:.3}");
    }

    #[test]
    fn the_generator_is_deterministic_and_varied() {
        let (mut a, mut b) = (Rng(42), Rng(42));
        let one: Vec<String> = (0..50).map(|n| article(&mut a, n).1).collect();
        let two: Vec<String> = (0..50).map(|n| article(&mut b, n).1).collect();
        assert_eq!(one, two);
        let mut distinct = one.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), one.len());
    }
}
