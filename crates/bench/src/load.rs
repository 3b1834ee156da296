//! `attache-bench serve`: a load test of `attache serve` from a second process. It fills a
//! store with generated resolved events (no articles: the web view reads events), starts the
//! real `attache serve` on 127.0.0.1, and sends timeline queries from client threads over
//! plain HTTP/1.1, one connection per request, counting requests/s, latency percentiles and
//! errors.

use crate::Rng;
use anyhow::{Context, Result, bail};
use attache_model::{DocId, Encounter, EncounterType, Evidence, Participant, Side, When};
use attache_store::Store;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const COUNTRIES: [&str; 40] = [
    "ARG", "AUS", "BRA", "CAN", "CHN", "DEU", "DNK", "EGY", "ESP", "FIN", "FRA", "GBR", "IDN",
    "IND", "IRN", "ITA", "JPN", "KHM", "KOR", "LAO", "MEX", "MYS", "NLD", "NOR", "PHL", "POL",
    "PRK", "RUS", "SAU", "SGP", "SWE", "THA", "TUR", "UKR", "USA", "VNM", "ZAF", "ISR", "QAT",
    "KAZ",
];

/// `count` resolved encounters between random pairs of 40 countries, 2000–2025.
fn events(count: usize) -> Vec<Encounter> {
    let mut rng = Rng(7);
    let kinds = [EncounterType::PhoneCall, EncounterType::Meeting, EncounterType::Visit];
    (0..count)
        .map(|n| {
            let a = rng.below(COUNTRIES.len());
            let b = (a + 1 + rng.below(COUNTRIES.len() - 1)) % COUNTRIES.len();
            let day = jiff::civil::date(2000, 1, 1)
                .checked_add(jiff::Span::new().days(i64::try_from(rng.below(9490)).unwrap_or(0)))
                .expect("within 2000–2025");
            let kind = kinds[rng.below(3)];
            let side = |s| (kind == EncounterType::Visit).then_some(s);
            let mut participants = vec![
                Participant {
                    country: Some(COUNTRIES[a].into()),
                    person: Some(format!("Leader {a}")),
                    role: Some("president".into()),
                    side: side(Side::Visitor),
                },
                Participant {
                    country: Some(COUNTRIES[b].into()),
                    person: Some(format!("Leader {b}")),
                    role: Some("prime_minister".into()),
                    side: side(Side::Host),
                },
            ];
            participants.sort_by(|x, y| x.country.cmp(&y.country));
            let text = format!(
                "Leader {a} of {} and Leader {b} of {} held talks on {day}.",
                COUNTRIES[a], COUNTRIES[b]
            );
            let document = DocId(format!("doc-{n}.txt"));
            Encounter {
                id: format!("ev-{n:016x}"),
                kind,
                date: When { start: Some(day), end: Some(day), ..When::default() },
                participants,
                place: None,
                documents: vec![document.clone()],
                evidence: vec![Evidence {
                    document,
                    language: "en".into(),
                    end: text.chars().count(),
                    text,
                    start: 0,
                }],
                confidence: 0.6,
                episode: None,
                why: Vec::new(),
            }
        })
        .collect()
}

/// Stops the server however the run ends.
struct Server(Child);
impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// One request on a new connection: the status and the body.
fn get(addr: &str, path: &str) -> std::io::Result<(u16, Vec<u8>)> {
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(30)))?;
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n")?;
    let mut response = Vec::new();
    s.read_to_end(&mut response)?;
    let status = std::str::from_utf8(response.get(9..12).unwrap_or_default())
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or_else(Vec::new, |at| response[at + 4..].to_vec());
    Ok((status, body))
}

/// Fills a store at `db` with `count` events, serves it, and sends `requests` timeline
/// queries from `clients` threads; prints one line per query kind.
pub(crate) fn run(
    attache: &Path,
    db: &Path,
    count: usize,
    requests: usize,
    clients: usize,
) -> Result<()> {
    let started = Instant::now();
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let mut store = Store::open(db)?;
    store.replace_events(&events(count), &[])?;
    drop(store);
    println!("store: {count} events in {:.1} s", started.elapsed().as_secs_f64());

    let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let addr = format!("127.0.0.1:{port}");
    let _server = Server(
        Command::new(attache)
            .arg("--db")
            .arg(db)
            .args(["serve", "--bind", &addr])
            .stderr(Stdio::null())
            .spawn()
            .with_context(|| format!("cannot start {}", attache.display()))?,
    );
    let ready = Instant::now();
    while get(&addr, "/api/stats").is_err() {
        if ready.elapsed() > Duration::from_secs(30) {
            bail!("attache serve did not answer on {addr}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }

    println!(
        "{:<44} {:>8} {:>9} {:>9} {:>9} {:>7} {:>9}",
        "query", "requests", "req/s", "p50 ms", "p99 ms", "errors", "events"
    );
    let queries = [
        ("dyad timeline (API, 100 per page)", "/api/events?dyad=RUS-VNM&limit=100"),
        (
            "country since 2020 (API, 100 per page)",
            "/api/events?country=VNM&from=2020-01-01&limit=100",
        ),
        ("dyad timeline (HTML page)", "/?dyad=RUS-VNM"),
        ("dyad counts per month (API)", "/api/counts?dyad=RUS-VNM"),
    ];
    for (name, path) in queries {
        // how many events the query selects (the JSON queries say)
        let total = get(&addr, path)
            .ok()
            .and_then(|(_, body)| serde_json::from_slice::<serde_json::Value>(&body).ok())
            .and_then(|v| v["total"].as_u64());
        let per_client = requests.div_ceil(clients);
        let wall = Instant::now();
        let results: Vec<(Vec<f64>, usize)> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..clients)
                .map(|_| {
                    let addr = &addr;
                    scope.spawn(move || {
                        let mut latencies = Vec::with_capacity(per_client);
                        let mut errors = 0;
                        for _ in 0..per_client {
                            let t = Instant::now();
                            match get(addr, path) {
                                Ok((200, _)) => latencies.push(t.elapsed().as_secs_f64() * 1e3),
                                _ => errors += 1,
                            }
                        }
                        (latencies, errors)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().expect("client thread")).collect()
        });
        let secs = wall.elapsed().as_secs_f64();
        let errors: usize = results.iter().map(|r| r.1).sum();
        let mut all: Vec<f64> = results.into_iter().flat_map(|r| r.0).collect();
        all.sort_by(f64::total_cmp);
        let pct = |p: f64| {
            all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1)))
                .copied()
                .unwrap_or(f64::NAN)
        };
        println!(
            "{name:<44} {:>8} {:>9.0} {:>9.1} {:>9.1} {errors:>7} {:>9}",
            all.len() + errors,
            (all.len() + errors) as f64 / secs,
            pct(0.5),
            pct(0.99),
            total.map_or("-".to_string(), |t| t.to_string()),
        );
    }
    Ok(())
}
