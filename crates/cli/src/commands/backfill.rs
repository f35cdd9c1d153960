//! `remit backfill`: every statement the followed trusts filed in a date range.

use std::sync::Arc;

use anyhow::{bail, Context, Result};
use std::collections::HashSet;

use chrono::{Datelike, NaiveDate};
use futures_util::stream;
use remit_fetch::{Edgar, FilingRef, NetworkLock, RawStore};
use remit_history::History;

use super::ingest::open_history;
use super::network::{
    client_config, earliest_pending, ensure_dir, exit_code, fetch_and_load, pending_refs,
    AbortOnDrop, Found, Paths,
};
use super::LoadTally;
use crate::cli::{Discovery, EdgarArgs, StoreArgs};
use crate::config::Config;

/// What to fetch.
#[derive(Debug, Clone)]
pub struct Request {
    pub ciks: Vec<u64>,
    pub since: NaiveDate,
    pub until: NaiveDate,
    pub forms: Vec<String>,
    pub refetch: bool,
    pub discover: Discovery,
}

pub fn parse_date(text: &str, flag: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .with_context(|| format!("{flag} {text:?} is not a date like 2002-11-25"))
}

pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// The command line's choices.
pub struct Options {
    pub ciks: Vec<u64>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub forms: Vec<String>,
    pub refetch: bool,
    pub discover: Discovery,
}

pub fn run(
    config: &Config,
    options: &Options,
    edgar: &EdgarArgs,
    store: &StoreArgs,
) -> Result<i32> {
    let ciks: Vec<u64> = if options.ciks.is_empty() {
        config.trusts.iter().map(|t| t.cik).collect()
    } else {
        options.ciks.clone()
    };
    if ciks.is_empty() {
        bail!("no CIKs to fetch: name them with --cik or list them as [[trust]] entries in the config");
    }
    let since = match options
        .since
        .as_deref()
        .or(config.backfill.since.as_deref())
    {
        Some(s) => parse_date(s, "--since")?,
        None => NaiveDate::from_ymd_opt(1994, 1, 1).context("date")?,
    };
    let until = match options.until.as_deref() {
        Some(u) => parse_date(u, "--until")?,
        None => today(),
    };
    let forms = if options.forms.is_empty() {
        config.backfill.forms.clone()
    } else {
        options.forms.clone()
    };
    let request = Request {
        ciks,
        since,
        until,
        forms,
        refetch: options.refetch,
        discover: options.discover,
    };
    let paths = Paths::resolve(config, store);
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(backfill(config, edgar, &paths, &request))
}

/// The quarters (year, 1..=4) a date range touches, oldest first.
fn quarters(since: NaiveDate, until: NaiveDate) -> Vec<(i32, u32)> {
    let mut out = Vec::new();
    let (mut year, mut quarter) = (since.year(), since.month0() / 3 + 1);
    while (year, quarter) <= (until.year(), until.month0() / 3 + 1) {
        out.push((year, quarter));
        (year, quarter) = if quarter == 4 {
            (year + 1, 1)
        } else {
            (year, quarter + 1)
        };
    }
    out
}

/// Every filing of the requested CIKs, by whichever discovery costs fewer requests, handed to
/// `found` a listing page or an index at a time, as each arrives.
async fn discover(
    edgar: &Edgar,
    request: &Request,
    found: &mut impl FnMut(Vec<FilingRef>),
) -> Result<()> {
    let quarters = quarters(request.since, request.until);
    let by_index = match request.discover {
        Discovery::Index => true,
        Discovery::Submissions => false,
        Discovery::Auto => quarters.len() < request.ciks.len(),
    };
    if by_index {
        let wanted: HashSet<u64> = request.ciks.iter().copied().collect();
        tracing::info!(
            "reading {} quarterly indexes for {} CIKs",
            quarters.len(),
            wanted.len()
        );
        for (year, quarter) in quarters {
            match edgar.quarterly_index(year, quarter).await {
                Ok(rows) => found(
                    rows.into_iter()
                        .filter(|r| wanted.contains(&r.cik))
                        .collect(),
                ),
                // A quarter not published (yet) lists nothing.
                Err(e) if e.is_not_found() => tracing::warn!("no index for {year} QTR{quarter}"),
                Err(e) => {
                    return Err(e)
                        .with_context(|| format!("reading the index of {year} QTR{quarter}"))
                }
            }
        }
    } else {
        for cik in &request.ciks {
            match edgar.submissions_by_page(*cik, &mut *found).await {
                Ok(_) => {}
                Err(e) if e.is_permanent() => {
                    tracing::warn!(cik, "no filings listed for CIK {cik}: {e}")
                }
                Err(e) => {
                    return Err(e).with_context(|| format!("listing the filings of CIK {cik}"))
                }
            }
        }
    }
    Ok(())
}

/// The backfill itself, also used by `remit demo`.
pub async fn backfill(
    config: &Config,
    args: &EdgarArgs,
    paths: &Paths,
    request: &Request,
) -> Result<i32> {
    let client = client_config(config, args);
    let concurrency = client.concurrency;
    let edgar = Arc::new(Edgar::new(client).context("cannot start the EDGAR client")?);
    ensure_dir(&paths.raw)?;
    let _lock = NetworkLock::acquire(&paths.lock_dir(), "backfill")
        .context("cannot start: a remit run is already running")?;
    let raw = RawStore::new(&paths.raw);
    let mut history = open_history(&paths.db)?;
    let run = history.begin_run("backfill")?;
    let max_attempts = config.edgar.max_filing_attempts;
    // Whatever stops the run is recorded as its end, with the reason: never left `running`.
    let tally = match backfill_run(
        &edgar,
        &raw,
        &mut history,
        request,
        concurrency,
        max_attempts,
    )
    .await
    {
        Ok(tally) => tally,
        Err(e) => {
            history.finish_run(run, "failed", None, &format!("{e:#}"))?;
            return Err(e);
        }
    };
    let stats = edgar.stats();
    let summary = format!(
        "{} requests; {}",
        stats.requests,
        tally.to_string().trim_end()
    );
    let status = if tally.failed.is_empty() {
        "ok"
    } else {
        "partial"
    };
    // Never past a day whose filings are still queued for another attempt.
    let until = request.until.min(today());
    let watermark = match earliest_pending(&history, max_attempts, request.since)? {
        Some(pending) => until.min(pending - chrono::Duration::days(1)),
        None => until,
    };
    let watermark = watermark.format("%Y-%m-%d").to_string();
    history.finish_run(run, status, Some(&watermark), &summary)?;
    print!("{}", tally.report(&history)?);
    println!("{stats}");
    Ok(exit_code(&tally))
}

/// Discovery, the queue of earlier failures, fetch and load: everything that may stop the run.
async fn backfill_run(
    edgar: &Arc<Edgar>,
    raw: &RawStore,
    history: &mut History,
    request: &Request,
    concurrency: usize,
    max_attempts: u32,
) -> Result<LoadTally> {
    // Filings earlier runs could not fetch or load are tried again, whatever their date.
    let pending = pending_refs(history, max_attempts)?;
    if !pending.is_empty() {
        tracing::info!(
            "{} filings queued by earlier runs are tried again",
            pending.len()
        );
    }
    let found = found_filings(Arc::clone(edgar), request, pending);
    let tally = fetch_and_load(
        Arc::clone(edgar),
        raw,
        history,
        found,
        request.refetch,
        concurrency,
    )
    .await?;
    super::settle_continuity(history)?;
    Ok(tally)
}

/// The filings to fetch, as they are found: the queued ones at once, then each listing page or
/// index as it arrives, so fetching starts while the rest is still being listed (a short backfill
/// is then not a round trip behind). Each filing comes once; within a page, oldest first. A
/// discovery error ends the stream with that error.
fn found_filings(edgar: Arc<Edgar>, request: &Request, pending: Vec<FilingRef>) -> Found {
    let request = request.clone();
    let (sender, receiver) = tokio::sync::mpsc::unbounded_channel::<Result<FilingRef>>();
    let listing = tokio::spawn(async move {
        let mut seen: HashSet<String> = HashSet::new();
        let mut sent = 0usize;
        let mut send = |refs: Vec<FilingRef>, filter: bool| {
            let mut refs = if filter {
                remit_fetch::filter(
                    refs,
                    &request.forms,
                    Some(request.since),
                    Some(request.until),
                )
            } else {
                refs
            };
            // Oldest first, so an amendment is usually loaded after the filing it amends (the
            // history settles supersession whatever the order).
            refs.sort_by(|a, b| (a.filed_date, &a.accession).cmp(&(b.filed_date, &b.accession)));
            for filing in refs {
                if seen.insert(filing.accession.clone()) {
                    sent += 1;
                    // The receiver is gone only when the run stopped: nothing left to do.
                    let _ = sender.send(Ok(filing));
                }
            }
        };
        send(pending, false);
        let listed = discover(&edgar, &request, &mut |refs| send(refs, true)).await;
        tracing::info!(
            "{sent} filings of forms {} for {} CIKs between {} and {}",
            request.forms.join(", "),
            request.ciks.len(),
            request.since,
            request.until
        );
        if let Err(e) = listed {
            let _ = sender.send(Err(e));
        }
    });
    let guard = AbortOnDrop(listing);
    Box::pin(stream::unfold(
        (receiver, guard),
        |(mut receiver, guard)| async move {
            let next = receiver.recv().await?;
            Some((next, (receiver, guard)))
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_covers_each_quarter_it_touches() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(
            quarters(d(2002, 3, 31), d(2002, 4, 1)),
            vec![(2002, 1), (2002, 2)]
        );
        assert_eq!(
            quarters(d(2002, 11, 1), d(2003, 2, 1)),
            vec![(2002, 4), (2003, 1)]
        );
        assert_eq!(quarters(d(2003, 5, 1), d(2003, 5, 2)), vec![(2003, 2)]);
        assert!(quarters(d(2004, 1, 1), d(2003, 1, 1)).is_empty());
    }
}
