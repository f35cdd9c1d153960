//! `remit nightly`: what the followed trusts filed since the last successful run, for cron.
//!
//! It reads EDGAR's daily indexes, one request per day elapsed, and filters them by the followed
//! CIKs: its cost does not grow with the number of trusts. A day whose index is not there yet
//! (EDGAR builds them from about 10 pm ET) ends the run without moving the watermark past it.

use std::collections::HashSet;
use std::sync::Arc;

use anyhow::{Context, Result};
use chrono::{Duration, NaiveDate};
use remit_fetch::{Edgar, FilingRef, NetworkLock, RawStore};

use super::backfill::{parse_date, today};
use super::ingest::open_history;
use super::network::{
    client_config, earliest_pending, ensure_dir, exit_code, fetch_and_load, known, pending_refs,
    Paths,
};
use crate::cli::{EdgarArgs, StoreArgs};
use crate::config::Config;

/// How far back a first nightly run (no earlier run to continue from) looks.
const FIRST_RUN_DAYS: i64 = 7;

pub fn run(
    config: &Config,
    today_arg: Option<&str>,
    args: &EdgarArgs,
    store: &StoreArgs,
) -> Result<i32> {
    let today = match today_arg {
        Some(t) => parse_date(t, "--today")?,
        None => today(),
    };
    let paths = Paths::resolve(config, store);
    let client = client_config(config, args);
    let concurrency = client.concurrency;
    let edgar = Arc::new(Edgar::new(client).context("cannot start the EDGAR client")?);
    ensure_dir(&paths.raw)?;
    let _lock = NetworkLock::acquire(&paths.lock_dir(), "nightly")
        .context("cannot start: a remit run is already running")?;
    let raw = RawStore::new(&paths.raw);
    let mut history = open_history(&paths.db)?;
    let tracked: HashSet<u64> = config.trusts.iter().map(|t| t.cik).collect();
    let forms = config.backfill.forms.clone();
    let run = history.begin_run("nightly")?;
    let max_attempts = config.edgar.max_filing_attempts;

    let start = match history
        .last_watermark("nightly")?
        .or(history.last_watermark("backfill")?)
    {
        Some(w) => parse_date(&w, "watermark")? + Duration::days(1),
        None => {
            tracing::warn!(
                "no earlier run to continue from: reading the last {FIRST_RUN_DAYS} days"
            );
            today - Duration::days(FIRST_RUN_DAYS - 1)
        }
    };
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    let outcome = runtime.block_on(async {
        let mut refs: Vec<FilingRef> = Vec::new();
        let mut watermark: Option<NaiveDate> = None;
        let mut day = start;
        while day <= today {
            match edgar.daily_index(day).await? {
                Some(rows) => {
                    refs.extend(rows.into_iter().filter(|r| tracked.contains(&r.cik)));
                    watermark = Some(day);
                }
                // Yesterday's or today's index may simply not be built yet: try again next run.
                None if day >= today - Duration::days(1) => break,
                // An older day without an index is a weekend or holiday.
                None => watermark = Some(day),
            }
            day += Duration::days(1);
        }
        let mut refs = remit_fetch::filter(refs, &forms, None, None);
        refs.sort_by(|a, b| (a.filed_date, &a.accession).cmp(&(b.filed_date, &b.accession)));
        refs.dedup_by(|a, b| a.accession == b.accession);
        let new = refs.len();
        // Filings earlier runs could not fetch or load are tried again.
        refs.extend(pending_refs(&history, max_attempts)?);
        refs.sort_by(|a, b| (a.filed_date, &a.accession).cmp(&(b.filed_date, &b.accession)));
        refs.dedup_by(|a, b| a.accession == b.accession);
        let tally = fetch_and_load(
            Arc::clone(&edgar),
            &raw,
            &mut history,
            known(refs),
            false,
            concurrency,
        )
        .await?;
        super::settle_continuity(&mut history)?;
        // The watermark never passes a day with a filing still queued for another attempt: the
        // next run reads that day's index again.
        let watermark = match earliest_pending(&history, max_attempts, start)? {
            Some(pending) => {
                let held = pending - Duration::days(1);
                tracing::warn!("watermark held before {pending}: a filing of that day is queued");
                watermark.map(|w| w.min(held))
            }
            None => watermark,
        };
        anyhow::Ok((watermark, new, tally))
    });
    let (watermark, new, tally) = match outcome {
        Ok(done) => done,
        Err(e) => {
            history.finish_run(run, "failed", None, &format!("{e:#}"))?;
            return Err(e);
        }
    };
    let stats = edgar.stats();
    let through = watermark.map(|w| w.format("%Y-%m-%d").to_string());
    let line = format!(
        "nightly {}..{}: {} requests, {} new filings, {} statements loaded, {} failed{}",
        start,
        today,
        stats.requests,
        new,
        tally.statements,
        tally.failed.len(),
        through
            .as_ref()
            .map(|w| format!(", through {w}"))
            .unwrap_or_else(|| ", watermark unchanged".into())
    );
    let status = if tally.failed.is_empty() {
        "ok"
    } else {
        "partial"
    };
    // Without a newer watermark the next run starts where this one did.
    history.finish_run(
        run,
        status,
        through
            .as_deref()
            .or(Some(&(start - Duration::days(1)).to_string())),
        &line,
    )?;
    for (accession, reason) in &tally.failed {
        tracing::error!(accession = %accession, "{reason}");
    }
    println!("{line}");
    Ok(exit_code(&tally))
}
