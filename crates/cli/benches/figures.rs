//! The figures of docs/performance.md, printed as one table by `cargo bench --bench figures`.
//!
//! Each figure is measured in the same run as its reference (the limit, the SQLite floor, the
//! smaller corpus), so a noisy machine moves both and the ratio stays honest. The corpus comes from
//! `remit_samples::generate` (statements derived from the bundled fixture), so anyone can rebuild
//! it. `REMIT_BENCH_STATEMENTS` shrinks the reparse corpus (and the crawl with it) for a quick run;
//! `REMIT_BENCH_ONLY=crawl` measures the crawl alone. The reparse runs in this process with the
//! binary's allocator (mimalloc), the floor too.
//!
//! The crawl runs against a simulator that delays each arrival by 0 to 50 ms (a real path) and
//! counts windows where requests arrive; the client keeps its default 50 ms network allowance, so
//! its ceiling is 10 requests per 1.05 s (9.52/s), and its rate is reported against both. The
//! rate is the simulator's: (requests - 1) / (last arrival - first arrival), every request of the
//! run counted, the submissions listing included, so the round trip before the first filing is
//! inside the span. Each departure is logged by the client; where the time went is printed on
//! stderr.

use std::path::{Path, PathBuf};

// The reparse is measured in this process: it must allocate as the `remit` binary does.
include!("../src/allocator.rs");
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use remit_cli::{parse_filing, reparse_files, KnownFacts, ParsedFiling, LOAD_BATCH};
use remit_edgar_sim::{Corpus, SimConfig};
use remit_fetch::RawStore;
use remit_history::History;
use remit_samples::{generate, GeneratorConfig};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// SEC's fair-access limit, which the simulator enforces and the client is configured to.
const LIMIT_PER_SEC: f64 = 10.0;
/// The client's default network allowance (`jitter_allowance_ms`), and the simulator's arrival
/// jitter in the crawl: the allowance is sized for exactly this much.
const JITTER_MS: u64 = 50;
/// How many parsed filings the floor holds in memory at once before timing their loads.
const FLOOR_CHUNK: usize = 500;
/// Months per trust (two trusts) of the backfill whose peak memory is measured: ~3 s at the limit.
const BACKFILL_RSS_MONTHS: u32 = 15;

fn main() -> Result<()> {
    tune_allocator();
    let statements: usize = std::env::var("REMIT_BENCH_STATEMENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5_000)
        .max(10);
    let scratch = tempfile::tempdir()?;
    let mut table = Table::default();

    // 1. Crawl efficiency: ~100 requests at 10/s is ~10 s of steady state per latency.
    let crawl_months = (statements / 100).clamp(3, 50) as u32;
    for latency_ms in [150, 300] {
        let crawl = crawl(
            &scratch.path().join(format!("crawl-{latency_ms}")),
            latency_ms,
            crawl_months,
        )?;
        let efficiency = crawl.rate / LIMIT_PER_SEC;
        table.row(
            format!("crawl @{latency_ms} ms: req/s ÷ limit"),
            format!("{:.2} req/s ({} req)", crawl.rate, crawl.requests),
            format!("limit {LIMIT_PER_SEC} req/s"),
            format!("{efficiency:.3}"),
            "",
            true,
        );
        // What the allowance leaves: 10 requests per (1 s + 50 ms).
        let ceiling = LIMIT_PER_SEC / (1.0 + JITTER_MS as f64 / 1000.0);
        let of_ceiling = crawl.rate / ceiling;
        table.row(
            format!("crawl @{latency_ms} ms: req/s ÷ ceiling with {JITTER_MS} ms allowance"),
            format!("{:.2} req/s", crawl.rate),
            format!("ceiling {ceiling:.2} req/s"),
            format!("{of_ceiling:.3}"),
            "≥ 0.99",
            of_ceiling >= 0.99,
        );
        table.row(
            format!("crawl @{latency_ms} ms: busiest 1-s window"),
            format!("{} req", crawl.max_window),
            format!("limit {LIMIT_PER_SEC} req/s"),
            format!("{:.2}", crawl.max_window as f64 / LIMIT_PER_SEC),
            "≤ 1.00",
            crawl.max_window as f64 <= LIMIT_PER_SEC,
        );
    }

    if std::env::var("REMIT_BENCH_ONLY").is_ok_and(|only| only == "crawl") {
        table.print();
        return Ok(());
    }

    // 4a. Peak memory of a backfill (latency ~0, so the client's pace is the only brake).
    let backfill_kb = crawl_peak_rss(&scratch.path().join("crawl-rss"))?;

    // 2. Reparse throughput over the generated corpus, one core and all cores.
    let raw = scratch.path().join("raw");
    let corpus = write_raw(&raw, statements)?;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    // One core: the parser and the writer pinned to one CPU, so they take turns.
    let one = on_one_cpu(|| time_reparse(&scratch.path().join("one.db"), &corpus.files, 1))?;
    let all = time_reparse(&scratch.path().join("all.db"), &corpus.files, cores)?;
    // 3. The SQLite floor: the same rows, loads alone.
    let floor = time_floor(&scratch.path().join("floor.db"), &corpus.files)?;

    let filings = corpus.files.len() as f64;
    let stored_kb = corpus.stored_bytes as f64 / filings / 1024.0;
    table.row(
        "raw store: KB per filing".into(),
        format!("{stored_kb:.1} KB (gzip)"),
        format!("text {:.1} KB", corpus.bytes as f64 / filings / 1024.0),
        format!("{:.2}x", corpus.stored_bytes as f64 / corpus.bytes as f64),
        "≤ 16 KB",
        stored_kb <= 16.0,
    );

    let mb = corpus.bytes as f64 / 1e6;
    // 5. History size per statement, beside the text it was read from.
    let size = history_size(&scratch.path().join("one.db"))?;
    let per_statement = size.bytes as f64 / 1024.0 / corpus.files.len() as f64;
    let text_per_statement = corpus.bytes as f64 / 1024.0 / corpus.files.len() as f64;
    table.row(
        "history KB per statement".into(),
        format!("{per_statement:.1} KB"),
        format!("text {text_per_statement:.1} KB"),
        format!("{:.2}x", per_statement / text_per_statement),
        "≤ 48 KB",
        per_statement <= 48.0,
    );
    for (name, bytes) in size.largest {
        table.row(
            format!("  of which {name}"),
            format!(
                "{:.1} KB",
                bytes as f64 / 1024.0 / corpus.files.len() as f64
            ),
            String::new(),
            String::new(),
            "",
            true,
        );
    }
    for (label, secs) in [("1 core", one), (&*format!("{cores} cores"), all)] {
        let per_sec = corpus.files.len() as f64 / secs;
        table.row(
            format!("reparse {label}: statements/s"),
            format!("{per_sec:.0}/s, {:.1} MB/s", mb / secs),
            format!("{} stmts, {mb:.1} MB in {secs:.2} s", corpus.files.len()),
            String::new(),
            if label == "1 core" { "" } else { "≥ 600/s" },
            label == "1 core" || per_sec >= 600.0,
        );
        table.row(
            format!("reparse {label} ÷ SQLite floor"),
            format!("{secs:.2} s"),
            format!(
                "floor {floor:.2} s ({:.0}/s)",
                corpus.files.len() as f64 / floor
            ),
            format!("{:.2}x", secs / floor),
            "≤ 1.5x",
            secs / floor <= 1.5,
        );
    }

    // 4b. Peak memory of the real binary's reparse, small corpus beside the full one.
    let small = (statements / 10).max(10);
    let small_raw = scratch.path().join("raw-small");
    write_raw(&small_raw, small)?;
    let small_kb = reparse_peak_rss(&scratch.path().join("rss-small"), &small_raw)?;
    let full_kb = reparse_peak_rss(&scratch.path().join("rss-full"), &raw)?;
    table.row(
        "peak RSS: backfill (remit binary)".into(),
        format!("{:.1} MB", backfill_kb as f64 / 1024.0),
        format!("{} filings, latency 0", BACKFILL_RSS_MONTHS * 2),
        String::new(),
        "< 64 MB",
        backfill_kb < 64 * 1024,
    );
    table.row(
        format!("peak RSS: reparse {small} stmts"),
        format!("{:.1} MB", small_kb as f64 / 1024.0),
        String::new(),
        String::new(),
        "< 64 MB",
        small_kb < 64 * 1024,
    );
    // "Flat" allows 10% for allocator noise; growth with the corpus would be far larger.
    let growth = full_kb as f64 / small_kb as f64;
    table.row(
        format!("peak RSS: reparse {} stmts", corpus.files.len()),
        format!("{:.1} MB", full_kb as f64 / 1024.0),
        format!("{small} stmts: {:.1} MB", small_kb as f64 / 1024.0),
        format!("{growth:.2}x"),
        "< 64 MB, ≤ 1.10x",
        full_kb < 64 * 1024 && growth <= 1.10,
    );
    table.print();
    Ok(())
}

/// One figure per row, printed as an aligned table at the end.
#[derive(Default)]
struct Table {
    rows: Vec<[String; 6]>,
}

impl Table {
    fn row(
        &mut self,
        figure: String,
        measured: String,
        reference: String,
        ratio: String,
        target: &str,
        met: bool,
    ) {
        let verdict = if target.is_empty() {
            ""
        } else if met {
            "MET"
        } else {
            "NOT MET"
        };
        self.rows.push([
            figure,
            measured,
            reference,
            ratio,
            target.to_string(),
            verdict.to_string(),
        ]);
    }

    fn print(&self) {
        let header = ["figure", "measured", "reference", "ratio", "target", ""].map(String::from);
        let mut widths = [0usize; 6];
        for row in std::iter::once(&header).chain(&self.rows) {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.chars().count());
            }
        }
        for row in std::iter::once(&header).chain(&self.rows) {
            let cells: Vec<String> = row
                .iter()
                .zip(widths)
                .map(|(cell, width)| format!("{cell:<width$}"))
                .collect();
            println!("{}", cells.join(" | ").trim_end());
        }
    }
}

struct Crawl {
    requests: usize,
    rate: f64,
    max_window: usize,
}

/// A generator config for `filings` statements: fifty trusts' worth of months, no amendments.
fn generator(trusts: u32, months: u32) -> GeneratorConfig {
    GeneratorConfig {
        trusts,
        months,
        first_distribution: NaiveDate::from_ymd_opt(2002, 3, 25).unwrap_or_default(),
        seed: 11,
        amendments: 0,
    }
}

/// Backfills two generated trusts' `months` from a simulator answering after `latency_ms`.
fn crawl(dir: &Path, latency_ms: u64, months: u32) -> Result<Crawl> {
    let latency = Duration::from_millis(latency_ms);
    let run = backfill(dir, months, latency, true)?;
    let records = &run.records;
    let first = records.first().map(|r| r.at).unwrap_or_default();
    let last = records.last().map(|r| r.at).unwrap_or_default();
    // n arrivals span n - 1 intervals.
    let span = (last - first).as_secs_f64();
    let rate = if span > 0.0 {
        (records.len() - 1) as f64 / span
    } else {
        0.0
    };
    eprintln!(
        "crawl @{latency_ms} ms: {}",
        breakdown(records, &departures(&run.stderr), run.wall)
    );
    Ok(Crawl {
        requests: records.len(),
        rate,
        max_window: run.max_window,
    })
}

/// Each request's departure from the client (`request sent` trace lines): path, Unix µs.
fn departures(stderr: &str) -> Vec<(String, u64)> {
    stderr
        .lines()
        .filter(|l| l.contains("\"request sent\""))
        .filter_map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).ok()?;
            let url = value.get("url")?.as_str()?;
            let path = url.splitn(4, '/').nth(3).map(|p| format!("/{p}"))?;
            Some((path, value.get("sent_unix_us")?.as_u64()?))
        })
        .collect()
}

/// Where the crawl's time went, departures (client) beside arrivals (simulator), ms from the
/// first departure. The two clocks are aligned on the smallest departure-to-arrival delay.
fn breakdown(
    records: &[remit_edgar_sim::RequestRecord],
    sent: &[(String, u64)],
    wall: Duration,
) -> String {
    let mut pairs: Vec<(f64, f64, &str)> = Vec::new();
    let mut used = vec![false; sent.len()];
    for record in records {
        let found = sent
            .iter()
            .enumerate()
            .find(|(i, (path, _))| !used[*i] && *path == record.path);
        if let Some((i, (_, us))) = found {
            used[i] = true;
            pairs.push((
                *us as f64 / 1e3,
                record.at.as_secs_f64() * 1e3,
                &record.path,
            ));
        }
    }
    if pairs.len() < 2 {
        return format!(
            "no departures logged ({} of {})",
            pairs.len(),
            records.len()
        );
    }
    let offset = pairs
        .iter()
        .map(|(d, a, _)| a - d)
        .fold(f64::INFINITY, f64::min);
    pairs.sort_by(|x, y| x.0.total_cmp(&y.0));
    let d0 = pairs[0].0;
    let deps: Vec<f64> = pairs.iter().map(|p| p.0 - d0).collect();
    let arrs: Vec<f64> = pairs.iter().map(|p| p.1 - offset - d0).collect();
    let filings = pairs
        .iter()
        .position(|p| p.2.ends_with(".txt"))
        .unwrap_or(1);
    let window = 1000.0 + JITTER_MS as f64;
    // At the ceiling, n requests span (n - 1) / 10 windows.
    let ideal = (pairs.len() - 1) as f64 / LIMIT_PER_SEC * window;
    let delays: Vec<f64> = deps.iter().zip(&arrs).map(|(d, a)| a - d).collect();
    let mean_delay = delays.iter().sum::<f64>() / delays.len() as f64;
    let last_dep = deps.last().copied().unwrap_or_default();
    let first_arr = arrs.iter().copied().fold(f64::INFINITY, f64::min);
    let last_arr = arrs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    format!(
        "{} requests ({} discovery); first filing left at {:.0} ms; 11th request at {:.0} ms \
         (one window: {window:.0}); departures span {last_dep:.0} ms (at the ceiling: {ideal:.0}), \
         arrivals {first_arr:.0}..{last_arr:.0} ms; departure->arrival mean {mean_delay:.1} ms; \
         whole run (process start to exit) {:.0} ms",
        pairs.len(),
        filings,
        deps.get(filings).copied().unwrap_or_default(),
        deps.get(10).copied().unwrap_or_default(),
        wall.as_secs_f64() * 1e3,
    )
}

fn crawl_peak_rss(dir: &Path) -> Result<u64> {
    let run = backfill(dir, BACKFILL_RSS_MONTHS, Duration::ZERO, false)?;
    peak_rss(&run.stderr)
}

/// What one `remit backfill` against the simulator left: its stderr, the simulator's request log,
/// the busiest one-second window and the run's wall time (process start to exit).
struct BackfillRun {
    stderr: String,
    records: Vec<remit_edgar_sim::RequestRecord>,
    max_window: usize,
    wall: Duration,
}

/// Runs `remit backfill` against an in-process simulator; `trace` logs each request's departure
/// (JSON lines on stderr).
fn backfill(dir: &Path, months: u32, latency: Duration, trace: bool) -> Result<BackfillRun> {
    std::fs::create_dir_all(dir)?;
    let mut corpus = Corpus::default();
    let mut ciks = std::collections::BTreeSet::new();
    for filing in generate(&generator(2, months)) {
        ciks.insert(filing.cik);
        corpus.add(filing.text)?;
    }
    let config = write_config(dir, &ciks)?;
    let runtime = tokio::runtime::Runtime::new()?;
    let sim_config = SimConfig {
        latency: (latency, latency),
        arrival_jitter: Duration::from_millis(JITTER_MS),
        ..SimConfig::default()
    };
    let sim = runtime.block_on(remit_edgar_sim::start(corpus, sim_config))?;
    let mut command = remit(dir, &config);
    if trace {
        command
            .env("RUST_LOG", "warn,remit_fetch=trace")
            .args(["--log-format", "json"]);
    }
    let started = Instant::now();
    let output = command
        .args(["backfill", "--since", "2002-01-01", "--until", "2012-12-31"])
        .arg("--db")
        .arg(dir.join("remit.db"))
        .arg("--raw")
        .arg(dir.join("raw"))
        .args([
            "--www-base",
            &sim.www_base(),
            "--data-base",
            &sim.data_base(),
        ])
        .args(["--user-agent", "remit-bench bench@example.org"])
        .output()?;
    let wall = started.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    if !output.status.success() {
        return Err(format!("remit backfill failed: {stderr}").into());
    }
    let records = sim.requests();
    let max_window = sim.max_in_window(Duration::from_secs(1));
    runtime.block_on(sim.shutdown());
    Ok(BackfillRun {
        stderr,
        records,
        max_window,
        wall,
    })
}

fn reparse_peak_rss(dir: &Path, raw: &Path) -> Result<u64> {
    std::fs::create_dir_all(dir)?;
    let config = write_config(dir, &Default::default())?;
    let output = remit(dir, &config)
        .args(["reparse", "--all", "--raw"])
        .arg(raw)
        .arg("--db")
        .arg(dir.join("remit.db"))
        .output()?;
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    if !output.status.success() {
        return Err(format!("remit reparse failed: {stderr}").into());
    }
    peak_rss(&stderr)
}

/// The real binary, quiet, reporting its peak memory, with its history in `dir`.
fn remit(dir: &Path, config: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_remit"));
    command
        .current_dir(dir)
        .env("REMIT_REPORT_PEAK_RSS", "1")
        .env_remove("REMIT_USER_AGENT")
        .arg("--quiet")
        .arg("--config")
        .arg(config);
    command
}

fn write_config(dir: &Path, ciks: &std::collections::BTreeSet<u64>) -> Result<PathBuf> {
    // The budget in the bench's own directory: a real run of the user never waits on it.
    let mut text = format!(
        "[edgar]\nbudget_dir = {:?}\n[backfill]\nforms = [\"8-K\", \"8-K/A\"]\n",
        dir.join("budget").display().to_string()
    );
    for cik in ciks {
        text.push_str(&format!(
            "[[trust]]\ncik = {cik}\nlabel = \"bench {cik}\"\n"
        ));
    }
    let path = dir.join("remit.toml");
    std::fs::write(&path, text)?;
    Ok(path)
}

fn peak_rss(stderr: &str) -> Result<u64> {
    stderr
        .lines()
        .find_map(|line| line.strip_prefix("peak_rss_kb="))
        .and_then(|kb| kb.trim().parse().ok())
        .ok_or_else(|| format!("no peak_rss_kb in remit's stderr: {stderr}").into())
}

struct RawCorpus {
    files: Vec<PathBuf>,
    /// The filings' text as fetched.
    bytes: u64,
    /// What the raw store keeps of them on disk.
    stored_bytes: u64,
}

/// Writes about `statements` generated filings into a raw store as a fetch would.
fn write_raw(dir: &Path, statements: usize) -> Result<RawCorpus> {
    let trusts = statements.min(50) as u32;
    let months = statements.div_ceil(trusts as usize) as u32;
    let mut corpus = RawCorpus {
        files: Vec::new(),
        bytes: 0,
        stored_bytes: 0,
    };
    let store = RawStore::new(dir);
    for filing in generate(&generator(trusts, months)).take(statements) {
        store.put(filing.cik, &filing.accession, filing.text.as_bytes())?;
        let path = store.path(filing.cik, &filing.accession);
        corpus.bytes += filing.text.len() as u64;
        corpus.stored_bytes += std::fs::metadata(&path)?.len();
        corpus.files.push(path);
    }
    Ok(corpus)
}

/// Seconds for normalize + extract + load of `files` on `workers` threads into a fresh history.
fn time_reparse(db: &Path, files: &[PathBuf], workers: usize) -> Result<f64> {
    let mut history = History::open(db)?;
    let started = Instant::now();
    let tally = reparse_files(&mut history, files, workers, false, None)?;
    let secs = started.elapsed().as_secs_f64();
    if tally.statements != files.len() || !tally.failed.is_empty() {
        return Err(format!(
            "reparse read {} of {} statements",
            tally.statements,
            files.len()
        )
        .into());
    }
    Ok(secs)
}

struct HistorySize {
    /// `page_count * page_size` after a VACUUM.
    bytes: u64,
    /// The largest tables and indexes (dbstat), bytes each.
    largest: Vec<(String, u64)>,
}

/// The size of a history file once VACUUMed (no free pages, no WAL), and where it goes.
fn history_size(db: &Path) -> Result<HistorySize> {
    let conn = rusqlite::Connection::open(db)?;
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); VACUUM;")?;
    let pages: u64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
    let page_size: u64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
    let mut stmt =
        conn.prepare("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 6")?;
    let largest = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(HistorySize {
        bytes: pages * page_size,
        largest,
    })
}

/// Seconds for the loads alone: each chunk is parsed untimed, then only the loads are timed,
/// through the call reparse's writer makes (`History::load_batch`), in its largest batches.
fn time_floor(db: &Path, files: &[PathBuf]) -> Result<f64> {
    let mut history = History::open(db)?;
    let mut loading = Duration::ZERO;
    for chunk in files.chunks(FLOOR_CHUNK) {
        let parsed = parse_untimed(chunk)?;
        let started = Instant::now();
        for batch in parsed.chunks(LOAD_BATCH) {
            history.load_batch(batch.iter().map(|p| (&p.record, &p.outcome)), false)?;
        }
        loading += started.elapsed();
    }
    Ok(loading.as_secs_f64())
}

/// Runs `f` on a thread allowed only the first CPU (threads it starts inherit that), so a
/// "1 core" figure is one core even on a larger machine. Elsewhere than Linux it runs unpinned.
fn on_one_cpu<T: Send>(f: impl FnOnce() -> Result<T> + Send) -> Result<T> {
    std::thread::scope(|scope| {
        scope
            .spawn(|| {
                #[cfg(target_os = "linux")]
                // SAFETY: a zeroed cpu_set_t is a valid empty set; CPU_SET writes inside it, and
                // sched_setaffinity(0, ..) changes only the calling thread.
                unsafe {
                    let mut set: libc::cpu_set_t = std::mem::zeroed();
                    libc::CPU_SET(0, &mut set);
                    if libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set) != 0
                    {
                        return Err("cannot pin the 1-core reparse to one CPU".into());
                    }
                }
                f().map_err(|e| e.to_string())
            })
            .join()
            .map_err(|_| "the 1-core reparse panicked".to_string())?
            .map_err(Into::into)
    })
}

/// Parses `files` on every core (untimed: it only prepares the floor's rows sooner).
fn parse_untimed(files: &[PathBuf]) -> Result<Vec<ParsedFiling>> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let share = files.len().div_ceil(cores).max(1);
    let parse = |part: &[PathBuf]| -> std::io::Result<Vec<ParsedFiling>> {
        part.iter()
            .map(|file| {
                let bytes = remit_fetch::read_stored(file).map_err(std::io::Error::other)?;
                let source = file.display().to_string();
                Ok(parse_filing(&bytes, &source, &KnownFacts::default()))
            })
            .collect()
    };
    let parts: Vec<std::io::Result<Vec<ParsedFiling>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(share)
            .map(|part| scope.spawn(move || parse(part)))
            .collect();
        handles
            .into_iter()
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|_| Err(std::io::Error::other("parser panicked")))
            })
            .collect()
    });
    let mut parsed = Vec::with_capacity(files.len());
    for part in parts {
        parsed.extend(part?);
    }
    Ok(parsed)
}
