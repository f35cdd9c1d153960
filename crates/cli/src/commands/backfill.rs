//! `remit backfill`: every statement the followed trusts filed in a date range.

use std::sync::Arc;

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use remit_fetch::{Edgar, FilingRef, NetworkLock, RawStore};

use super::ingest::open_history;
use super::network::{client_config, ensure_dir, fetch_and_load, Paths};
use crate::cli::{EdgarArgs, StoreArgs};
use crate::config::Config;
use crate::exit;

/// What to fetch.
pub struct Request {
    pub ciks: Vec<u64>,
    pub since: NaiveDate,
    pub until: NaiveDate,
    pub forms: Vec<String>,
    pub refetch: bool,
}

pub fn parse_date(text: &str, flag: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .with_context(|| format!("{flag} {text:?} is not a date like 2002-11-25"))
}

pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

#[allow(clippy::too_many_arguments)]
pub fn run(
    config: &Config,
    ciks: &[u64],
    since: Option<&str>,
    until: Option<&str>,
    forms: &[String],
    refetch: bool,
    edgar: &EdgarArgs,
    store: &StoreArgs,
) -> Result<i32> {
    let ciks: Vec<u64> = if ciks.is_empty() {
        config.trusts.iter().map(|t| t.cik).collect()
    } else {
        ciks.to_vec()
    };
    if ciks.is_empty() {
        bail!("no CIKs to fetch: name them with --cik or list them as [[trust]] entries in the config");
    }
    let since = match since.or(config.backfill.since.as_deref()) {
        Some(s) => parse_date(s, "--since")?,
        None => NaiveDate::from_ymd_opt(1994, 1, 1).context("date")?,
    };
    let until = match until {
        Some(u) => parse_date(u, "--until")?,
        None => today(),
    };
    let forms = if forms.is_empty() {
        config.backfill.forms.clone()
    } else {
        forms.to_vec()
    };
    let request = Request {
        ciks,
        since,
        until,
        forms,
        refetch,
    };
    let paths = Paths::resolve(config, store);
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(backfill(config, edgar, &paths, &request))
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

    let mut refs: Vec<FilingRef> = Vec::new();
    for cik in &request.ciks {
        match edgar.submissions(*cik).await {
            Ok(found) => refs.extend(found),
            Err(e) if e.is_permanent() => {
                tracing::warn!(cik, "no filings listed for CIK {cik}: {e}")
            }
            Err(e) => {
                history.finish_run(run, "failed", None, &e.to_string())?;
                return Err(e).with_context(|| format!("listing the filings of CIK {cik}"));
            }
        }
    }
    let mut refs = remit_fetch::filter(
        refs,
        &request.forms,
        Some(request.since),
        Some(request.until),
    );
    // Oldest first, so an amendment is loaded after the filing it amends.
    refs.sort_by(|a, b| (a.filed_date, &a.accession).cmp(&(b.filed_date, &b.accession)));
    refs.dedup_by(|a, b| a.accession == b.accession);
    tracing::info!(
        "{} filings of forms {} for {} CIKs between {} and {}",
        refs.len(),
        request.forms.join(", "),
        request.ciks.len(),
        request.since,
        request.until
    );

    let tally = fetch_and_load(
        Arc::clone(&edgar),
        &raw,
        &mut history,
        refs,
        request.refetch,
        concurrency,
    )
    .await?;
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
    let watermark = request.until.min(today()).format("%Y-%m-%d").to_string();
    history.finish_run(run, status, Some(&watermark), &summary)?;
    print!("{}", tally.report(&history)?);
    println!("{stats}");
    Ok(if tally.failed.is_empty() {
        exit::OK
    } else {
        exit::SOME_FAILED
    })
}
