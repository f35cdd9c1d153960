//! The reparse path split into its stages, for instruction counts under `valgrind --tool=callgrind`
//! (repeatable on a loaded machine, unlike wall-clock time).
//!
//! `cargo run --release -p remit-cli --example reparse_cost -- STAGE N` generates N statements in
//! memory (seed 11, the bench's corpus) and runs the stages up to STAGE: `generate`, `parse`
//! (normalize + extract), `load` (each filing through `History::load` into a fresh file),
//! `batch` (the same loads in `History::load_batch` calls of `LOAD_BATCH` filings) or
//! `reparse` (the real `reparse_files` from a raw store, on `REMIT_WORKERS` workers, the writer one of them, default 1). The instructions of a
//! stage are the difference between two runs. A third argument keeps the history at that path.

use chrono::NaiveDate;
use remit_cli::{parse_filing, reparse_files, KnownFacts, LOAD_BATCH};
use remit_fetch::RawStore;
use remit_history::History;
use remit_samples::{generate, GeneratorConfig};

// The `remit` binary's allocator and its settings, so the stages cost what they cost there.
include!("../src/allocator.rs");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    tune_allocator();
    let mut args = std::env::args().skip(1);
    let stage = args.next().unwrap_or_else(|| "parse".into());
    let n: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(50);
    let trusts = n.min(50) as u32;
    let config = GeneratorConfig {
        trusts,
        months: n.div_ceil(trusts as usize) as u32,
        first_distribution: NaiveDate::from_ymd_opt(2002, 3, 25).unwrap_or_default(),
        seed: 11,
        amendments: 0,
    };
    let filings: Vec<_> = generate(&config).take(n).collect();
    let dir = tempfile::tempdir()?;
    // A third argument keeps the history there (to compare two builds' rows).
    let db = args
        .next()
        .map_or_else(|| dir.path().join("remit.db"), std::path::PathBuf::from);
    match stage.as_str() {
        "generate" => {}
        // Only the raw store, at the third argument's path, for `remit reparse --raw` to read
        // (peak memory is the real binary's; `REMIT_REPORT_PEAK_RSS=1` makes it print it).
        "store" => {
            let store = RawStore::new(&db);
            for f in &filings {
                store.put(f.cik, &f.accession, f.text.as_bytes())?;
            }
        }
        "parse" | "load" => {
            let mut history = History::open(&db)?;
            for filing in &filings {
                let parsed = parse_filing(filing.text.as_bytes(), "x", &KnownFacts::default());
                if stage == "load" {
                    history.load(&parsed.record, &parsed.outcome)?;
                }
            }
        }
        "batch" => {
            let mut history = History::open(&db)?;
            for chunk in filings.chunks(LOAD_BATCH) {
                let parsed: Vec<_> = chunk
                    .iter()
                    .map(|f| parse_filing(f.text.as_bytes(), "x", &KnownFacts::default()))
                    .collect();
                history.load_batch(parsed.iter().map(|p| (&p.record, &p.outcome)), false)?;
            }
        }
        "reparse" => {
            let store = RawStore::new(dir.path().join("raw"));
            let files: Vec<_> = filings
                .iter()
                .map(|f| {
                    store.put(f.cik, &f.accession, f.text.as_bytes())?;
                    Ok(store.path(f.cik, &f.accession))
                })
                .collect::<Result<_, Box<dyn std::error::Error>>>()?;
            let mut history = History::open(&db)?;
            // REMIT_WORKERS parsers (default 1), to compare wall and CPU time across cores.
            let workers = std::env::var("REMIT_WORKERS")
                .ok()
                .and_then(|n| n.parse().ok())
                .unwrap_or(1);
            let started = std::time::Instant::now();
            reparse_files(&mut history, &files, workers, false, None)?;
            eprintln!(
                "reparse of {n} on {workers} workers: {:.2?}",
                started.elapsed()
            );
        }
        other => return Err(format!("unknown stage {other}").into()),
    }
    if let Some(kb) = remit_cli::peak_rss_kb() {
        eprintln!("peak_rss_kb={kb}");
    }
    Ok(())
}
