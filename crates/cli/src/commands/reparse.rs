//! `remit reparse`: rebuild the statements from the raw store with the current extractors.
//!
//! No network. Filings are parsed on every core and loaded by this one thread (SQLite has one
//! writer), which parses too while nothing is ready to load; a bounded channel keeps only a few
//! parsed filings in memory however large the store.

use std::path::PathBuf;
use std::sync::mpsc::sync_channel;
use std::sync::Mutex;

use anyhow::{Context, Result};
use remit_fetch::RawStore;

use super::ingest::open_history;
use super::network::Paths;
use super::LoadTally;
use crate::cli::StoreArgs;
use crate::config::Config;
use crate::exit;
use crate::pipeline::{parse_filing, KnownFacts, ParsedFiling};

/// The most filings the writer loads in one transaction. A commit per filing was a large share
/// of the load; past a few dozen the saving is small and only the memory held grows.
pub const LOAD_BATCH: usize = 32;

pub fn run(config: &Config, all: bool, store: &StoreArgs) -> Result<i32> {
    let paths = Paths::resolve(config, store);
    let raw = RawStore::new(&paths.raw);
    let mut history = open_history(&paths.db)?;
    let run = history.begin_run("reparse")?;
    let files: Vec<PathBuf> = raw
        .iter()
        .with_context(|| format!("listing the raw store {}", paths.raw.display()))?
        .collect();
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let tally = reparse_files(&mut history, &files, workers, all, Some(&raw))?;
    super::settle_continuity(&mut history)?;
    let summary = tally.to_string();
    history.finish_run(
        run,
        if tally.failed.is_empty() {
            "ok"
        } else {
            "partial"
        },
        None,
        summary.trim_end(),
    )?;
    print!("{}", tally.report(&history)?);
    Ok(if tally.failed.is_empty() {
        exit::OK
    } else {
        exit::SOME_FAILED
    })
}

/// Parses `files` on `workers` threads, this one included, and loads them in this thread.
/// Public for the benchmarks. With `raw`, a file stored before the store was compressed is
/// rewritten compressed once it has been read, so the first reparse converts an old store on
/// the fly.
///
/// The writer is one of the `workers`: it loads whatever is parsed when it is free, and parses a
/// filing itself when nothing is. With a writer thread beside `workers` parsers, three threads
/// shared two cores: the writer got a third of the CPU time it needed while the parsers were
/// ahead, and the two-core reparse ran at the one-core rate plus a half. On one core the writer
/// alone parses and loads in batches, with no thread to hand filings over to.
pub fn reparse_files(
    history: &mut remit_history::History,
    files: &[PathBuf],
    workers: usize,
    force: bool,
    raw: Option<&RawStore>,
) -> Result<LoadTally> {
    let next = Mutex::new(files.iter());
    let parse_next = || {
        let file = next.lock().ok().and_then(|mut files| files.next())?;
        Some(parse_stored(file, raw))
    };
    let (sender, receiver) = sync_channel::<ParsedFiling>(workers.max(1) * 4);
    std::thread::scope(|scope| {
        for _ in 1..workers.max(1) {
            let sender = sender.clone();
            let parse_next = &parse_next;
            scope.spawn(move || {
                while let Some(parsed) = parse_next() {
                    if sender.send(parsed).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        // Owned by this closure: if a load fails, returning drops it, the parsers' sends fail
        // and they stop, and the scope can join them.
        let receiver = receiver;
        let mut tally = LoadTally::default();
        let mut batch: Vec<ParsedFiling> = Vec::with_capacity(LOAD_BATCH);
        loop {
            // What the parsers have ready, and while they have nothing, a filing parsed here:
            // once anything of theirs came in the batch is loaded, so one commit covers several
            // filings and the writer never sits waiting while files are left to parse.
            let mut theirs = false;
            while batch.len() < LOAD_BATCH {
                match receiver.try_recv() {
                    Ok(parsed) => {
                        batch.push(parsed);
                        theirs = true;
                    }
                    Err(_) if theirs => break,
                    Err(_) => match parse_next() {
                        Some(parsed) => batch.push(parsed),
                        None => break,
                    },
                }
            }
            if batch.is_empty() {
                // Every file is taken: wait for the parsers still at work, if any.
                match receiver.recv() {
                    Ok(parsed) => batch.push(parsed),
                    Err(_) => break,
                }
            }
            let reports = history
                .load_batch(batch.iter().map(|p| (&p.record, &p.outcome)), force)
                .with_context(|| {
                    let sources: Vec<&str> =
                        batch.iter().map(|p| p.record.source.as_str()).collect();
                    format!("loading {}", sources.join(", "))
                })?;
            for (parsed, report) in batch.drain(..).zip(reports) {
                tally.add(&parsed.record.source, &parsed.outcome, &report);
            }
        }
        Ok(tally)
    })
}

/// One stored filing read and parsed; a file that cannot be read is a failed filing.
fn parse_stored(file: &std::path::Path, raw: Option<&RawStore>) -> ParsedFiling {
    let source = file.display().to_string();
    match remit_fetch::read_stored(file) {
        Ok(bytes) => {
            if let Some(raw) = raw {
                recompress(raw, file, &bytes);
            }
            parse_filing(&bytes, &source, &KnownFacts::default())
        }
        Err(e) => ParsedFiling {
            record: remit_history::FilingRecord {
                accession: source.clone(),
                cik: 0,
                form: String::new(),
                filed_date: None,
                source: source.clone(),
                sha256: String::new(),
            },
            outcome: remit_history::FilingOutcome::Failed(format!("cannot read: {e}")),
        },
    }
}

/// Converts an uncompressed store file in place; a failure costs only the space it would have
/// saved, so it is logged and the reparse goes on.
fn recompress(raw: &RawStore, file: &std::path::Path, bytes: &[u8]) {
    match raw.recompress(file, bytes) {
        Ok(true) => tracing::debug!(file = %file.display(), "raw filing compressed"),
        Ok(false) => {}
        Err(e) => tracing::warn!(file = %file.display(), "cannot compress raw filing: {e}"),
    }
}
