//! `attache`: the command line. Flags become a store path and a pipeline; each subcommand
//! is one verb of the pipeline (`ingest`, `run`) or one view of the store (`timeline`,
//! `show`, `export`).

use anyhow::{Context, Result, bail};
use attache_model::{Act, Encounter, Participant, When};
use attache_pipeline::{Added, Pipeline, Processed, RunReport, Sink};
use attache_store::{Store, TimelineQuery};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use jiff::civil::Date;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Diplomatic events from multilingual news: who phoned, met, visited, invited,
/// congratulated or signed with whom, when and where, with the sentences that say so.
#[derive(Debug, Parser)]
#[command(name = "attache", version, about)]
struct Cli {
    /// The SQLite database (created on first use).
    #[arg(long, global = true, env = "ATTACHE_DB", default_value = "attache.db")]
    db: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read articles (.txt, .html, .htm, .jsonl; directories recursively) into the store.
    Ingest {
        /// Files and directories.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Ingest, then print the timeline of everything in the store.
    Run {
        /// Files and directories.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Encounters in date order, with the acts that happened in them.
    Timeline(Filters),
    /// One event with every evidence sentence and the documents it came from.
    Show {
        /// Event id (`ev-…` or `act-…`), or a unique prefix of one.
        id: String,
    },
    /// Everything in the interchange format (see INTERCHANGE.md).
    Export {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
        format: ExportFormat,
        /// Write here instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Languages with lexicons, and how many phrases each part of each lexicon has.
    Languages,
    /// Serve the store read-only: a JSON API under /api and HTML pages (timeline, events
    /// with their evidence highlighted in the source text).
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        bind: std::net::SocketAddr,
    },
}

#[derive(Debug, Clone, clap::Args)]
struct Filters {
    /// Only encounters with this country (ISO 3166-1 alpha-3); repeat for a dyad.
    #[arg(long = "country", value_parser = parse_country)]
    countries: Vec<String>,
    /// Only encounters with this person (any spelling, diacritics optional).
    #[arg(long)]
    person: Option<String>,
    /// Only these types (phone_call, meeting, visit); repeatable.
    #[arg(long = "type", value_parser = ["phone_call", "meeting", "visit"])]
    types: Vec<String>,
    /// Only from this day on (YYYY-MM-DD).
    #[arg(long)]
    since: Option<Date>,
    /// Only up to this day (YYYY-MM-DD).
    #[arg(long)]
    until: Option<Date>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ExportFormat {
    Jsonl,
    Csv,
}

fn parse_country(s: &str) -> Result<String, String> {
    let up = s.to_ascii_uppercase();
    if up.len() == 3 && up.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(up)
    } else {
        Err(format!("{s:?} is not an ISO 3166-1 alpha-3 code (like VNM, RUS)"))
    }
}

/// The store as the pipeline's sink; remembers the dyads the new documents touch, which are
/// the ones to resolve again.
struct StoreSink<'a> {
    store: &'a mut Store,
    dyads: std::collections::BTreeSet<String>,
}

impl Sink for StoreSink<'_> {
    type Error = attache_store::Error;
    fn add(&mut self, batch: &[Processed]) -> Result<Added, Self::Error> {
        for (_, _, x) in batch {
            self.dyads.extend(x.dyads());
        }
        let r = self.store.add_documents(batch)?;
        Ok(Added {
            stored: r.stored,
            duplicates: r.duplicates,
            conflicts: r.conflicts.iter().map(|d| d.0.clone()).collect(),
        })
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Ingest { paths } => {
            let mut store = open(&cli.db)?;
            let report = ingest(&mut store, &paths)?;
            Ok(if report.failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
        }
        Command::Run { paths } => {
            let mut store = open(&cli.db)?;
            let report = ingest(&mut store, &paths)?;
            eprintln!();
            print_timeline(&store, &TimelineQuery::default())?;
            Ok(if report.failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
        }
        Command::Timeline(f) => {
            let store = open(&cli.db)?;
            let q = TimelineQuery {
                countries: f.countries,
                person: f.person,
                types: f.types,
                since: f.since,
                until: f.until,
            };
            print_timeline(&store, &q)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { id } => {
            let store = open(&cli.db)?;
            show(&store, &id)
        }
        Command::Export { format, output } => {
            let store = open(&cli.db)?;
            let (encounters, acts) = store.export_encounters_and_acts()?;
            let mut out: Box<dyn Write> = match &output {
                Some(p) => Box::new(std::io::BufWriter::new(
                    std::fs::File::create(p)
                        .with_context(|| format!("cannot create {}", p.display()))?,
                )),
                None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
            };
            match format {
                ExportFormat::Jsonl => {
                    attache_store::export::write_jsonl(&mut out, &encounters, &acts)?
                }
                ExportFormat::Csv => {
                    attache_store::export::write_csv(&mut out, &encounters, &acts)?
                }
            }
            out.flush().context("cannot write the export")?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve { bind } => {
            let runtime = tokio::runtime::Runtime::new().context("cannot start the web server")?;
            runtime.block_on(attache_serve::serve(cli.db.clone(), bind))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Languages => {
            let pipeline = Pipeline::new(Default::default())?;
            let parts = [
                ("office titles", "offices"),
                ("encounter cues", "encounters"),
                ("act cues", "acts"),
                ("modality cues", "modality"),
                ("month names", "months"),
                ("weekday names", "weekdays"),
                ("relative days and years", "relative"),
                ("country names", "countries"),
                ("country adjectives and aliases", "adjectives"),
                ("places", "places"),
            ];
            let mut out = std::io::stdout().lock();
            write!(out, "{:<6}", "lang")?;
            for (_, short) in parts {
                write!(out, " {short:>10}")?;
            }
            writeln!(out)?;
            for (lang, counts) in pipeline.extractor().coverage() {
                write!(out, "{lang:<6}")?;
                for (part, _) in parts {
                    let n = counts.iter().find(|(p, _)| *p == part).map_or(0, |(_, n)| *n);
                    let cell = if n == 0 { "—".to_string() } else { n.to_string() };
                    write!(out, " {cell:>10}")?;
                }
                writeln!(out)?;
            }
            writeln!(
                out,
                "\n(phrases per lexicon part; — means missing. Files: lexicons/<lang>/)"
            )?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn open(db: &PathBuf) -> Result<Store> {
    Store::open(db).with_context(|| format!("cannot open the store {}", db.display()))
}

fn ingest(store: &mut Store, paths: &[PathBuf]) -> Result<RunReport> {
    for p in paths {
        if !p.exists() {
            bail!("{}: no such file or directory", p.display());
        }
    }
    let pipeline = Pipeline::new(Default::default())?;
    let bar = ProgressBar::new_spinner();
    if std::io::stderr().is_terminal() {
        bar.set_style(
            ProgressStyle::with_template("{spinner} {pos} documents  {msg}  [{elapsed}]")
                .expect("valid template"),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
    } else {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    let started = std::time::Instant::now();
    let mut sink = StoreSink { store, dyads: Default::default() };
    let report = pipeline.run(paths, &mut sink, |p| {
        bar.set_position(p.read as u64);
        let secs = started.elapsed().as_secs_f64().max(1e-6);
        bar.set_message(format!(
            "{:.0} docs/s, {:.1} MB/s",
            p.read as f64 / secs,
            p.bytes as f64 / secs / 1e6
        ));
    })?;
    bar.finish_and_clear();
    let dyads: Vec<String> = sink.dyads.into_iter().collect();
    let store = sink.store;
    if report.stored > 0 {
        bar.println("resolving events…");
        resolve(store, &dyads)?;
    }
    for f in &report.failed {
        // ingest's reasons already begin with the file (and line) they are about
        if f.reason.starts_with(&f.origin) {
            eprintln!("failed: {} ({})", f.reason, f.stage);
        } else {
            eprintln!("failed: {}: {} ({})", f.origin, f.reason, f.stage);
        }
    }
    let counts = store.counts()?;
    eprintln!(
        "read {} documents: {} stored, {} already stored, {} failed, {} files of other types skipped{}",
        report.read,
        report.stored,
        report.duplicates,
        report.failed.len(),
        report.unsupported,
        if report.unsupported_language > 0 {
            format!(", {} in languages without a lexicon", report.unsupported_language)
        } else {
            String::new()
        }
    );
    eprintln!(
        "store: {} documents, {} encounters, {} acts",
        counts.documents, counts.encounters, counts.acts
    );
    Ok(report)
}

/// Resolves the events of the dyads new documents touched, and only those: the cost of an
/// ingest follows what it adds, not the size of the store. A store from before dyads were
/// recorded is resolved whole once. Events already stored keep their ids.
fn resolve(store: &mut Store, dyads: &[String]) -> Result<()> {
    if store.needs_full_resolution()? {
        let docs: Vec<_> = store.all_extractions()?.into_iter().map(|(a, x)| (a.id, x)).collect();
        let mut r = attache_pipeline::resolve_all(&docs);
        let (old_encounters, old_acts) = store.export_encounters_and_acts()?;
        attache_pipeline::carry_ids(&old_encounters, &old_acts, &mut r);
        store.replace_events(&r.encounters, &r.acts)?;
        store.set_stories(&r.stories)?;
        return Ok(());
    }
    if dyads.is_empty() {
        return Ok(());
    }
    let keep: std::collections::HashSet<String> = dyads.iter().cloned().collect();
    let docs: Vec<_> = store
        .extractions_in_dyads(dyads)?
        .into_iter()
        .map(|(a, x)| (a.id, x.within(&keep)))
        .collect();
    let mut r = attache_pipeline::resolve_all(&docs);
    let (old_encounters, old_acts) = store.events_in_dyads(dyads)?;
    attache_pipeline::carry_ids(&old_encounters, &old_acts, &mut r);
    store.replace_events_in_dyads(dyads, &r.encounters, &r.acts)?;
    let ids: Vec<attache_model::DocId> = docs.into_iter().map(|(id, _)| id).collect();
    store.set_stories_of(&ids, &r.stories)?;
    Ok(())
}

fn languages(e: &Encounter) -> usize {
    let mut l: Vec<&str> = e.evidence.iter().map(|ev| ev.language.as_str()).collect();
    l.sort_unstable();
    l.dedup();
    l.len()
}

/// Whether a standalone act passes the timeline's filters.
fn act_matches(a: &Act, q: &TimelineQuery) -> bool {
    let countries = [a.from.country.as_deref(), a.to.country.as_deref()];
    let person_ok = q.person.as_ref().is_none_or(|p| {
        let p = attache_model::fold::fold(p);
        [&a.from.person, &a.to.person]
            .iter()
            .any(|n| n.as_deref().is_some_and(|n| attache_model::fold::fold(n).contains(&p)))
    });
    let first = a.date.start.or(a.date.not_before);
    let last = a.date.last_day().or(first);
    q.types.is_empty()
        && q.countries.iter().all(|c| countries.contains(&Some(c.as_str())))
        && person_ok
        && q.since.is_none_or(|s| last.is_some_and(|l| l >= s))
        && q.until.is_none_or(|u| first.is_some_and(|f| f <= u))
}

fn print_timeline(store: &Store, q: &TimelineQuery) -> Result<()> {
    let entries = store.timeline(q)?;
    let (_, acts) = store.export_encounters_and_acts()?;
    let alone: Vec<&Act> =
        acts.iter().filter(|a| a.during.is_none() && act_matches(a, q)).collect();
    // encounters come sorted from the store; acts on their own slot in by date
    let key = |w: &When| (w.start.is_none(), w.start.or(w.not_before));
    let mut lines: Vec<((bool, Option<Date>), String)> = Vec::new();
    for entry in &entries {
        let e = &entry.encounter;
        let parts: Vec<String> = e.participants.iter().map(Participant::label).collect();
        let place = e.place.as_ref().map(|p| format!(" · {}", p.name)).unwrap_or_default();
        let (sources, langs) = (e.documents.len(), languages(e));
        let episode =
            e.episode.as_ref().map(|v| format!(" (during visit {v})")).unwrap_or_default();
        let mut text = format!(
            "{:<23} {:<10} {}{} · {} source{}, {} language{}  {}{episode}",
            e.date.label(),
            e.kind.as_str(),
            parts.join(" — "),
            place,
            sources,
            if sources == 1 { "" } else { "s" },
            langs,
            if langs == 1 { "" } else { "s" },
            e.id
        );
        for a in &entry.acts {
            let mut object = a.object.as_ref().map(|o| format!(": {o}")).unwrap_or_default();
            if let Some(v) = &a.fulfilled_by {
                object.push_str(&format!(" (fulfilled by {v})"));
            }
            text.push_str(&format!(
                "\n{:<23}   ↳ {} {} → {}{}  {}",
                "",
                a.kind.as_str(),
                a.from.label(),
                a.to.label(),
                object,
                a.id
            ));
        }
        lines.push((key(&e.date), text));
    }
    for a in alone {
        let object = a.object.as_ref().map(|o| format!(": {o}")).unwrap_or_default();
        let text = format!(
            "{:<23} {:<10} {} → {}{}  {}",
            a.date.label(),
            a.kind.as_str(),
            a.from.label(),
            a.to.label(),
            object,
            a.id
        );
        lines.push((key(&a.date), text));
    }
    lines.sort_by_key(|l| l.0);
    let mut out = std::io::stdout().lock();
    if lines.is_empty() {
        writeln!(out, "no events match")?;
    }
    for (_, text) in lines {
        writeln!(out, "{text}")?;
    }
    Ok(())
}

fn show(store: &Store, id: &str) -> Result<ExitCode> {
    let mut target = id.to_string();
    if store.event(&target)?.is_none() {
        let (encounters, acts) = store.export_encounters_and_acts()?;
        let ids: Vec<String> = encounters
            .iter()
            .map(|e| e.id.clone())
            .chain(acts.iter().map(|a| a.id.clone()))
            .filter(|i| i.starts_with(id))
            .collect();
        match &ids[..] {
            [one] => target = one.clone(),
            [] => bail!("no event with id {id:?}"),
            many => bail!("{id:?} is ambiguous: {}", many.join(", ")),
        }
    }
    let detail = store.event(&target)?.expect("found above");
    let mut out = std::io::stdout().lock();
    let (evidence, when) = match &detail.event {
        attache_store::EventRecord::Encounter(e) => {
            show_encounter(&mut out, e)?;
            // the episode: the visit this happened during, or what happened during this visit
            let (all, _) = store.export_encounters_and_acts()?;
            if let Some(v) = &e.episode {
                writeln!(out, "during:    visit {v}")?;
            }
            for why in &e.why {
                writeln!(out, "merged:    {why}")?;
            }
            for m in all.iter().filter(|m| m.episode.as_deref() == Some(e.id.as_str())) {
                let who: Vec<String> = m.participants.iter().map(Participant::label).collect();
                writeln!(
                    out,
                    "episode:   {} {} {} ({})",
                    m.date.label(),
                    m.kind.as_str(),
                    who.join(" — "),
                    m.id
                )?;
            }
            (&e.evidence, &e.date)
        }
        attache_store::EventRecord::Act(a) => {
            show_act(&mut out, a)?;
            (&a.evidence, &a.date)
        }
    };
    if let Some(how) = &when.how {
        writeln!(out, "date:      {} ({how})", when.label())?;
    }
    writeln!(out, "\nevidence:")?;
    for ev in evidence {
        writeln!(out, "  [{}] {} @{}–{}", ev.language, ev.document, ev.start, ev.end)?;
        writeln!(out, "    {}", ev.text)?;
    }
    writeln!(out, "\ndocuments:")?;
    for d in &detail.documents {
        let published = d.published.map(|p| p.to_string()).unwrap_or_else(|| "undated".into());
        writeln!(
            out,
            "  {}  [{}] {}  {}{}{}",
            d.id,
            d.lang.as_deref().unwrap_or("?"),
            published,
            d.title.as_deref().unwrap_or("(no title)"),
            d.source.as_deref().map(|s| format!(" · {s}")).unwrap_or_default(),
            d.url.as_deref().map(|u| format!(" · {u}")).unwrap_or_default(),
        )?;
        if let Some(story) = d.story.as_ref().filter(|s| **s != d.id) {
            writeln!(out, "      a copy or translation of {story}: adds a source, not an event")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn show_encounter(out: &mut impl Write, e: &Encounter) -> Result<()> {
    writeln!(out, "{} {}", e.kind.as_str(), e.id)?;
    writeln!(out, "when:      {}", e.date.label())?;
    if let Some(t) = &e.date.text {
        writeln!(out, "as written: {t}")?;
    }
    for p in &e.participants {
        writeln!(out, "who:       {}", p.label())?;
    }
    if let Some(p) = &e.place {
        writeln!(
            out,
            "where:     {}{}",
            p.name,
            p.country.as_deref().map(|c| format!(" ({c})")).unwrap_or_default()
        )?;
    }
    writeln!(
        out,
        "sources:   {} documents, {} languages, confidence {:.2}",
        e.documents.len(),
        languages(e),
        e.confidence
    )?;
    Ok(())
}

fn show_act(out: &mut impl Write, a: &Act) -> Result<()> {
    writeln!(out, "{} {}", a.kind.as_str(), a.id)?;
    writeln!(out, "from:      {}", a.from.label())?;
    writeln!(out, "to:        {}", a.to.label())?;
    if let Some(o) = &a.object {
        writeln!(out, "about:     {o}")?;
    }
    if let Some(d) = &a.during {
        writeln!(out, "during:    {d}")?;
    }
    if let Some(v) = &a.fulfilled_by {
        writeln!(out, "fulfilled: by the visit {v}")?;
    }
    Ok(())
}
