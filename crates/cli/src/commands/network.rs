//! What backfill, nightly and demo share: the EDGAR client built from config and flags, the
//! network lock, and the fetch -> raw store -> parse -> load loop.
//!
//! Fetches run concurrently on their own task (the client's limiter keeps them within SEC's rate),
//! starting as soon as the first filings are found; parsing and loading happen on the caller's
//! task, so the history has a single writer and one transaction per filing: a killed run loses at
//! most the filing in flight, and the raw store means a restart never downloads what it already
//! has.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use futures_util::stream::{self, StreamExt};
use indicatif::{ProgressBar, ProgressStyle};
use remit_fetch::{ClientConfig, Edgar, FilingRef, RawStore};
use remit_history::{FilingOutcome, FilingRecord, History};

use super::LoadTally;
use crate::cli::{EdgarArgs, StoreArgs};
use crate::config::Config;
use crate::pipeline::{parse_filing, KnownFacts};

/// Resolved locations of the history, the raw store and the lock files.
pub struct Paths {
    pub db: PathBuf,
    pub raw: PathBuf,
}

impl Paths {
    pub fn resolve(config: &Config, store: &StoreArgs) -> Paths {
        Paths {
            db: store.db.clone().unwrap_or_else(|| config.paths.db.clone()),
            raw: store
                .raw
                .clone()
                .unwrap_or_else(|| config.paths.raw.clone()),
        }
    }

    /// Where the data directory's lock lives: beside the raw store, which every run that fetches
    /// into it shares.
    pub fn lock_dir(&self) -> PathBuf {
        self.raw.clone()
    }
}

/// The client configuration: config file, then `REMIT_USER_AGENT`, then flags.
pub fn client_config(config: &Config, args: &EdgarArgs) -> ClientConfig {
    let edgar = &config.edgar;
    ClientConfig {
        user_agent: args
            .user_agent
            .clone()
            .unwrap_or_else(|| edgar.user_agent.clone()),
        www_base: args
            .www_base
            .clone()
            .unwrap_or_else(|| edgar.www_base.clone()),
        data_base: args
            .data_base
            .clone()
            .unwrap_or_else(|| edgar.data_base.clone()),
        max_requests_per_second: args.rate.unwrap_or(edgar.max_requests_per_second),
        concurrency: edgar.concurrency,
        jitter_allowance: Duration::from_millis(edgar.jitter_allowance_ms),
        budget_dir: edgar.budget_dir.clone(),
        cooldown: Duration::from_secs(args.cooldown_secs.unwrap_or(edgar.cooldown_secs)),
        max_probe_interval: Duration::from_secs(edgar.max_probe_interval_secs),
        block_limit: Duration::from_secs(args.block_limit_secs.unwrap_or(edgar.block_limit_secs)),
        max_retries: edgar.max_retries,
        timeout: Duration::from_secs(edgar.timeout_secs),
        ..ClientConfig::default()
    }
}

/// A progress bar with rate and ETA on a terminal; hidden otherwise (log lines take over).
pub fn progress(len: u64, what: &str) -> ProgressBar {
    if !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    if let Ok(style) =
        ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} {per_sec} eta {eta}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(what.to_string());
    bar
}

/// This many filings in a row given up on network errors (every retry spent) stop the run: the
/// network, not the filings, is failing, and going on would only hammer it.
const STOP_AFTER_NETWORK_FAILURES: usize = 8;

/// Filings to fetch as they are found: a discovery that fails sends its error, which stops the
/// run like any fatal answer.
pub type Found = std::pin::Pin<Box<dyn futures_util::Stream<Item = Result<FilingRef>> + Send>>;

/// The filings of a list already known, as a [`Found`] stream.
pub fn known(refs: Vec<FilingRef>) -> Found {
    Box::pin(stream::iter(refs.into_iter().map(Ok)))
}

/// One filing's bytes, fetched or read from the raw store.
struct Fetched {
    filing: FilingRef,
    cached: bool,
    bytes: Result<Vec<u8>, remit_fetch::Error>,
}

/// Aborts a task of the run (listing, fetching) when the run stops early (an error, a fatal
/// answer), so no request leaves after it has ended.
pub struct AbortOnDrop(pub tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Fetches what the raw store lacks, then parses and loads every filing the history needs.
///
/// Filings are fetched as `found` yields them, so a backfill starts fetching while discovery is
/// still listing. Fetching runs on its own task and hands bodies over a bounded channel: while
/// this task parses and loads a filing, the next requests still leave the moment the budget lets
/// them (fetches driven from this loop would wait for each parse).
///
/// A filing that cannot be fetched or loaded is recorded `failed` with the reason and queued
/// (`fetch_queue`) for the next run; one that lands leaves the queue. A fatal answer (SEC's
/// "Undeclared Automated Tool", a block past the limit), a failed discovery, a disk or database
/// error, or a run of network failures stops the run at once with the error.
pub async fn fetch_and_load(
    edgar: Arc<Edgar>,
    raw: &RawStore,
    history: &mut History,
    found: Found,
    refetch: bool,
    concurrency: usize,
) -> Result<LoadTally> {
    let mut tally = LoadTally::default();
    let bar = progress(0, "filings");
    let listed = Arc::new(AtomicUsize::new(0));
    let concurrency = concurrency.max(1);
    let (sender, mut fetched) = tokio::sync::mpsc::channel::<Result<Fetched>>(concurrency * 4);
    let fetching = {
        let raw = raw.clone();
        let bar = bar.clone();
        let listed = Arc::clone(&listed);
        tokio::spawn(async move {
            let jobs = found.map(move |found| {
                let edgar = Arc::clone(&edgar);
                let filing = found.map(|filing| {
                    listed.fetch_add(1, Ordering::Relaxed);
                    bar.inc_length(1);
                    // The raw store alone knows where a filing lives; reading it here (as the
                    // stream pulls this job) keeps that knowledge in one place.
                    let stored = match refetch {
                        false if raw.contains(filing.cik, &filing.accession) => {
                            Some(raw.read(filing.cik, &filing.accession))
                        }
                        _ => None,
                    };
                    (filing, stored)
                });
                async move {
                    let (filing, stored) = filing?;
                    let cached = stored.is_some();
                    let bytes = match stored {
                        Some(stored) => stored,
                        None => edgar.fetch_submission(&filing).await.map(|b| b.to_vec()),
                    };
                    Ok(Fetched {
                        filing,
                        cached,
                        bytes,
                    })
                }
            });
            let mut results = jobs.buffer_unordered(concurrency);
            while let Some(result) = results.next().await {
                if sender.send(result).await.is_err() {
                    return;
                }
            }
        })
    };
    let _fetching = AbortOnDrop(fetching);
    let mut done = 0usize;
    let mut network_in_a_row = 0usize;
    while let Some(result) = fetched.recv().await {
        let Fetched {
            filing,
            cached,
            bytes,
        } = result?;
        done += 1;
        let known = KnownFacts {
            accession: Some(filing.accession.clone()),
            cik: Some(filing.cik),
            form: Some(filing.form.clone()),
            filed_date: Some(filing.filed_date.format("%Y-%m-%d").to_string()),
        };
        let source = raw
            .path(filing.cik, &filing.accession)
            .display()
            .to_string();
        let record = FilingRecord {
            accession: filing.accession.clone(),
            cik: filing.cik,
            form: filing.form.clone(),
            filed_date: known.filed_date.clone(),
            source: source.clone(),
            sha256: String::new(),
        };
        match bytes {
            Ok(bytes) => {
                network_in_a_row = 0;
                if !cached {
                    raw.put(filing.cik, &filing.accession, &bytes)
                        .with_context(|| {
                            format!("storing {} in {}", filing.accession, raw.root().display())
                        })?;
                }
                let parsed = parse_filing(&bytes, &source, &known);
                match history.load(&parsed.record, &parsed.outcome) {
                    Ok(report) => {
                        if report.refused.is_some() {
                            let why = format!(
                                "load refused: {}",
                                report.refused.as_deref().unwrap_or_default()
                            );
                            history.queue_failure(&record, &why)?;
                        } else {
                            history.queue_done(&filing.accession)?;
                        }
                        tally.add(&filing.accession, &parsed.outcome, &report);
                    }
                    // One filing the history cannot take fails alone; if even its failure
                    // cannot be recorded, the database is at fault and the run stops.
                    Err(e) => {
                        let outcome = FilingOutcome::Failed(format!("load failed: {e}"));
                        tracing::warn!(accession = %filing.accession, "load failed: {e}");
                        let report = history
                            .load(&parsed.record, &outcome)
                            .with_context(|| format!("recording {} as failed", filing.accession))?;
                        history.queue_failure(&record, &format!("load failed: {e}"))?;
                        tally.add(&filing.accession, &outcome, &report);
                    }
                }
            }
            Err(e) if e.is_fatal() => {
                return Err(anyhow::Error::new(e))
                    .with_context(|| format!("stopped at {}", filing.accession));
            }
            Err(e) => {
                tracing::warn!(accession = %filing.accession, "not fetched: {e}");
                let outcome = FilingOutcome::Failed(format!("fetch failed: {e}"));
                let report = history.load(&record, &outcome)?;
                let attempts = history.queue_failure(&record, &e.to_string())?;
                tracing::info!(accession = %filing.accession, attempts, "queued for the next run");
                tally.add(&filing.accession, &outcome, &report);
                if e.is_network() {
                    tally.network_failed += 1;
                    network_in_a_row += 1;
                    if network_in_a_row >= STOP_AFTER_NETWORK_FAILURES {
                        return Err(anyhow::Error::new(e)).context(format!(
                            "the network kept failing: {network_in_a_row} filings in a row gave up \
                             after every retry; stopping (they are queued for the next run)"
                        ));
                    }
                } else {
                    network_in_a_row = 0;
                }
            }
        }
        bar.inc(1);
        if bar.is_hidden() && done.is_multiple_of(50) {
            tracing::info!("{done}/{} filings done", listed.load(Ordering::Relaxed));
        }
    }
    bar.finish_and_clear();
    if bar.is_hidden() && !done.is_multiple_of(50) {
        tracing::info!("{done}/{done} filings done");
    }
    Ok(tally)
}

/// The queued filings still worth another attempt (fewer than `max_attempts` so far), as
/// filings to fetch; the rest are given up and only shown by `remit status`.
pub fn pending_refs(history: &History, max_attempts: u32) -> Result<Vec<FilingRef>> {
    Ok(history
        .queued()?
        .into_iter()
        .filter(|q| q.attempts < max_attempts)
        .filter_map(|q| {
            let filed_date =
                chrono::NaiveDate::parse_from_str(q.filed_date.as_deref()?, "%Y-%m-%d").ok()?;
            Some(FilingRef {
                cik: q.cik,
                company: String::new(),
                form: q.form,
                filed_date,
                accession: q.accession,
                report_date: None,
            })
        })
        .collect())
}

/// The earliest filing date, on or after `from`, of a queued filing still worth another
/// attempt: a watermark must stay before it.
pub fn earliest_pending(
    history: &History,
    max_attempts: u32,
    from: chrono::NaiveDate,
) -> Result<Option<chrono::NaiveDate>> {
    Ok(pending_refs(history, max_attempts)?
        .into_iter()
        .map(|f| f.filed_date)
        .filter(|d| *d >= from)
        .min())
}

/// The exit code of a run that finished: failures that need a person (3) before failures the
/// network caused and the next run retries (5).
pub fn exit_code(tally: &LoadTally) -> i32 {
    if tally.failed.len() > tally.network_failed {
        crate::exit::SOME_FAILED
    } else if tally.network_failed > 0 {
        crate::exit::NETWORK
    } else {
        crate::exit::OK
    }
}

/// Makes sure a directory exists, with a message naming it.
pub fn ensure_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))
}
