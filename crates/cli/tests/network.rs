//! The real `remit` binary against the EDGAR simulator on 127.0.0.1 (never sec.gov).

mod common;

use std::time::{Duration, Instant};

use common::*;
use remit_edgar_sim::{BlockAnswer, Fault, SimConfig, Threshold};

fn quiet_sim() -> SimConfig {
    SimConfig {
        latency: (Duration::from_millis(5), Duration::from_millis(15)),
        ..SimConfig::default()
    }
}

fn submission_fetches(sim: &remit_edgar_sim::SimHandle) -> Vec<String> {
    sim.requests()
        .into_iter()
        .filter(|r| r.path.ends_with(".txt") && r.status == 200)
        .map(|r| r.path)
        .collect()
}

#[test]
fn a_backfill_loads_every_statement_and_fetches_nothing_twice() {
    let (corpus, filings) = sample_corpus(2, 4, 1);
    let ciks = distinct_ciks(&filings);
    let (_rt, sim) = start_sim(corpus, quiet_sim());
    let ws = Workspace::new(&ciks);

    let first = ws.remit(
        Some(&sim),
        &[
            "backfill",
            "--since",
            "2002-01-01",
            "--until",
            "2003-12-31",
            "--cooldown-secs",
            "2",
        ],
    );
    assert!(
        first.status.success(),
        "{}\n{}",
        stdout(&first),
        stderr(&first)
    );
    let statements = query_i64(&ws.db(), "SELECT count(*) FROM statements");
    assert_eq!(statements as usize, filings.len(), "{}", stdout(&first));
    // The amendment re-files one month: exactly one statement is superseded and kept.
    assert_eq!(
        query_i64(
            &ws.db(),
            "SELECT count(*) FROM statements WHERE superseded = 1"
        ),
        1
    );
    assert_eq!(
        query_i64(
            &ws.db(),
            "SELECT count(*) FROM filings WHERE status = 'parsed'"
        ) as usize,
        filings.len()
    );
    let fetched = submission_fetches(&sim);
    assert_eq!(fetched.len(), filings.len());

    // A second backfill finds everything in the raw store: no submission is downloaded again.
    let second = ws.remit(
        Some(&sim),
        &["backfill", "--since", "2002-01-01", "--until", "2003-12-31"],
    );
    assert!(second.status.success(), "{}", stderr(&second));
    assert_eq!(submission_fetches(&sim).len(), filings.len());
    assert_eq!(
        query_i64(&ws.db(), "SELECT count(*) FROM statements") as usize,
        filings.len()
    );
}

#[test]
fn the_client_never_goes_over_the_limit_where_requests_arrive() {
    let (corpus, filings) = sample_corpus(1, 40, 0);
    let cik = filings[0].cik;
    let config = SimConfig {
        latency: (Duration::from_millis(150), Duration::from_millis(150)),
        // A real path: each request arrives 0 to 50 ms late, unevenly; windows are counted on
        // arrival, where SEC counts them.
        arrival_jitter: Duration::from_millis(50),
        seed: 3,
        ..SimConfig::default()
    };
    let (_rt, sim) = start_sim(corpus, config);
    let ws = Workspace::new(&[cik]);
    let out = ws.remit(
        Some(&sim),
        &["backfill", "--since", "2002-01-01", "--until", "2009-12-31"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let requests = sim.requests();
    assert!(
        requests.iter().all(|r| r.status == 200),
        "no request may be refused"
    );
    assert!(
        sim.max_in_window(Duration::from_secs(1)) <= 10,
        "over the limit: {}",
        sim.max_in_window(Duration::from_secs(1))
    );
    let span = requests.last().unwrap().at - requests.first().unwrap().at;
    let rate = (requests.len() - 1) as f64 / span.as_secs_f64();
    eprintln!(
        "measured: {} requests at 150 ms latency, {rate:.2}/s, largest one-second window {}",
        requests.len(),
        sim.max_in_window(Duration::from_secs(1))
    );
    // How close to 10/s it gets is the benchmark's to measure (`cargo bench --bench figures`):
    // a debug build parsing on a loaded 2-core machine is no measure of speed.
}

/// Issue 10's overlap: a backfill fetches the filings of the first listing part while the rest
/// is still being listed. Two CIKs, each listing in parts of two (`recent`, then pages): the
/// simulator's log shows the first filing asked for before the last listing request arrived.
#[test]
fn filings_are_fetched_while_the_listing_is_still_coming() {
    let (corpus, filings) = sample_corpus(3, 6, 0);
    let ciks = distinct_ciks(&filings);
    assert_eq!(
        ciks.len(),
        2,
        "two trusts share a CIK, the third has its own"
    );
    let config = SimConfig {
        latency: (Duration::from_millis(30), Duration::from_millis(40)),
        recent_limit: 2,
        ..SimConfig::default()
    };
    let (_rt, sim) = start_sim(corpus, config);
    let ws = Workspace::new(&ciks);
    let out = ws.remit(
        Some(&sim),
        &["backfill", "--since", "2002-01-01", "--until", "2009-12-31"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        query_i64(&ws.db(), "SELECT count(*) FROM statements") as usize,
        filings.len()
    );
    let requests = sim.requests();
    let listing: Vec<_> = requests
        .iter()
        .filter(|r| r.path.starts_with("/submissions/"))
        .collect();
    // 12 filings of the first CIK in parts of two, 6 of the second: 6 + 3 listing requests.
    assert_eq!(listing.len(), 9, "{listing:?}");
    let first_filing = requests
        .iter()
        .find(|r| r.path.ends_with(".txt"))
        .expect("a filing fetched");
    let last_listing = listing.last().expect("a listing");
    assert!(
        first_filing.at < last_listing.at,
        "the first filing ({:?}) was only asked for after the last listing request ({:?})",
        first_filing.at,
        last_listing.at
    );
    // And not only the last: the first CIK's filings come before the second CIK is listed.
    let second_cik = format!("/submissions/CIK{:010}.json", ciks[1]);
    let second_listed = listing
        .iter()
        .find(|r| r.path == second_cik)
        .expect("second CIK listed");
    assert!(first_filing.at < second_listed.at);
    assert_eq!(submission_fetches(&sim).len(), filings.len());
}

/// Faults and a block, checked where they happen: the simulator's log shows that 5xx answers,
/// truncated bodies and resets were really sent, that nothing was asked during the cool-down,
/// that no second held more than 10, and that each filing got exactly one whole answer.
#[test]
fn faults_and_a_rate_threshold_block_lose_nothing() {
    let (corpus, filings) = sample_corpus(2, 12, 0);
    let ciks = distinct_ciks(&filings);
    let config = SimConfig {
        latency: (Duration::from_millis(5), Duration::from_millis(40)),
        error_rate: 0.10,
        truncate_rate: 0.10,
        reset_rate: 0.05,
        threshold: Some(Threshold {
            limit_per_sec: 10,
            lockout: Duration::from_secs(1),
            answer: BlockAnswer::TooMany429,
        }),
        arrival_jitter: Duration::from_millis(50),
        seed: 11,
        ..SimConfig::default()
    };
    let (_rt, sim) = start_sim(corpus, config);
    // The block meets the first request whenever it comes: a loaded machine may take longer
    // than the lockout to start the binary.
    sim.block_next_request();
    let ws = Workspace::with_edgar(&ciks, "max_retries = 8\n");
    let out = ws.remit(
        Some(&sim),
        &[
            "backfill",
            "--since",
            "2002-01-01",
            "--until",
            "2009-12-31",
            "--cooldown-secs",
            "2",
        ],
    );
    let log = stderr(&out);
    assert!(out.status.success(), "{}\n{log}", stdout(&out));
    assert_eq!(
        query_i64(&ws.db(), "SELECT count(*) FROM statements") as usize,
        filings.len()
    );
    assert_eq!(
        query_i64(&ws.db(), "SELECT count(DISTINCT accession) FROM statements") as usize,
        filings.len()
    );

    let records = sim.requests();
    // The block met the very first request (the filings listing, alone in flight): nothing was
    // asked for the 2 s cool-down after it, nor after the last refused answer (a refused probe).
    assert_eq!(records.first().map(|r| r.status), Some(429));
    let first_refused = records.first().map(|r| r.at).unwrap_or_default();
    let second = records.get(1).map(|r| r.at).expect("resumed");
    assert!(
        second >= first_refused + Duration::from_secs(2),
        "asked again {:?} after the first refused answer",
        second - first_refused
    );
    let refused: Vec<_> = records.iter().filter(|r| r.status == 429).collect();
    let last_refused = refused.last().map(|r| r.at).expect("the block was met");
    let next = records
        .iter()
        .find(|r| r.at > last_refused)
        .map(|r| r.at)
        .expect("resumed");
    assert!(
        next >= last_refused + Duration::from_secs(2),
        "asked again {:?} after a refused answer",
        next - last_refused
    );
    let sent = |kind| records.iter().filter(|r| r.fault == Some(kind)).count();
    let (errors, truncated, resets) = (
        sent(Fault::ServerError),
        sent(Fault::Truncated),
        sent(Fault::Reset),
    );
    eprintln!(
        "measured: {} requests; sent {errors} 5xx, {truncated} truncated, {resets} resets",
        records.len()
    );
    assert!(errors > 0 && truncated > 0 && resets > 0);
    let most = sim.max_in_window(Duration::from_secs(1));
    assert!(most <= 10, "{most} requests in one second");
    // Each filing got exactly one whole answer: none lost, none fetched twice.
    let mut whole = std::collections::HashMap::new();
    for r in records
        .iter()
        .filter(|r| r.path.ends_with(".txt") && r.status == 200 && r.fault.is_none())
    {
        *whole.entry(r.path.as_str()).or_insert(0) += 1;
    }
    assert_eq!(whole.len(), filings.len());
    assert!(whole.values().all(|n| *n == 1), "{whole:?}");
    assert!(
        log.contains("Rate Threshold"),
        "the block is logged:\n{log}"
    );
    assert!(log.contains("retry"), "retries are logged:\n{log}");
}

#[test]
fn a_killed_backfill_resumes_to_the_same_history() {
    let (corpus, filings) = sample_corpus(1, 30, 1);
    let cik = filings[0].cik;
    let config = SimConfig {
        latency: (Duration::from_millis(20), Duration::from_millis(60)),
        ..SimConfig::default()
    };
    let (_rt, sim) = start_sim(corpus, config);
    let args = ["backfill", "--since", "2002-01-01", "--until", "2009-12-31"];

    let reference = Workspace::new(&[cik]);
    let out = reference.remit(Some(&sim), &args);
    assert!(out.status.success(), "{}", stderr(&out));

    // Wait out the reference run's traffic so the killed run is not slowed by the threshold.
    std::thread::sleep(Duration::from_millis(1100));
    let killed = Workspace::new(&[cik]);
    let mut child = killed
        .remit_command(Some(&sim), &args)
        .spawn()
        .expect("spawn");
    let started = Instant::now();
    // Kill once some statements are in: mid-run, not before it began.
    loop {
        std::thread::sleep(Duration::from_millis(100));
        let loaded = rusqlite::Connection::open(killed.db())
            .and_then(|c| {
                c.query_row("SELECT count(*) FROM statements", [], |r| {
                    r.get::<_, i64>(0)
                })
            })
            .unwrap_or(0);
        if loaded >= 5 || started.elapsed() > Duration::from_secs(30) {
            break;
        }
    }
    child.kill().expect("kill");
    child.wait().expect("wait");
    let partial = query_i64(&killed.db(), "SELECT count(*) FROM statements") as usize;
    assert!(
        partial < filings.len(),
        "the kill came too late to test anything ({partial} loaded)"
    );

    let out = killed.remit(Some(&sim), &args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        content_fingerprint(&killed.db()),
        content_fingerprint(&reference.db())
    );
}

#[test]
fn an_empty_nightly_costs_a_few_requests_whatever_the_number_of_trusts() {
    let (corpus, filings) = sample_corpus(1, 6, 0);
    let cik = filings[0].cik;
    let last_filed = filings.iter().map(|f| f.filed_date).max().unwrap();
    let until = last_filed.format("%Y-%m-%d").to_string();
    let today = (last_filed + chrono::Duration::days(3))
        .format("%Y-%m-%d")
        .to_string();
    let (_rt, sim) = start_sim(corpus, quiet_sim());

    let mut counts = Vec::new();
    for tracked in [1usize, 40] {
        let ciks: Vec<u64> = std::iter::once(cik)
            .chain((0..tracked as u64 - 1).map(|i| 9_000_000 + i))
            .collect();
        let ws = Workspace::new(&ciks);
        let out = ws.remit(
            Some(&sim),
            &[
                "backfill",
                "--cik",
                &cik.to_string(),
                "--since",
                "2002-01-01",
                "--until",
                &until,
            ],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        let before = sim.requests().len();
        let out = ws.remit(Some(&sim), &["nightly", "--today", &today]);
        assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
        let made = sim.requests().len() - before;
        assert!(
            stdout(&out).lines().count() == 1,
            "one summary line: {}",
            stdout(&out)
        );
        counts.push(made);
        std::thread::sleep(Duration::from_millis(1100));
    }
    eprintln!(
        "measured: an empty nightly made {} requests with 1 trust tracked, {} with 40",
        counts[0], counts[1]
    );
    assert!(
        counts[0] <= 5,
        "an empty nightly made {} requests",
        counts[0]
    );
    assert_eq!(
        counts[0], counts[1],
        "requests must not grow with the number of trusts tracked"
    );
}

#[test]
fn a_second_nightly_exits_non_zero_while_one_runs() {
    let (corpus, filings) = sample_corpus(1, 3, 0);
    let cik = filings[0].cik;
    let config = SimConfig {
        latency: (Duration::from_millis(1500), Duration::from_millis(1500)),
        ..SimConfig::default()
    };
    let (_rt, sim) = start_sim(corpus, config);
    let ws = Workspace::new(&[cik]);
    let mut first = ws
        .remit_command(Some(&sim), &["nightly", "--today", "2002-06-28"])
        .spawn()
        .expect("spawn");
    std::thread::sleep(Duration::from_millis(700));
    let second = ws.remit(Some(&sim), &["nightly", "--today", "2002-06-28"]);
    assert_eq!(
        second.status.code(),
        Some(remit_cli::exit::LOCKED),
        "{}",
        stderr(&second)
    );
    assert!(
        stderr(&second).contains("already running"),
        "{}",
        stderr(&second)
    );
    assert!(first.wait().expect("wait").success());
}

#[test]
fn a_user_agent_without_an_email_is_refused_before_any_request() {
    let (corpus, _) = sample_corpus(1, 1, 0);
    let (_rt, sim) = start_sim(corpus, quiet_sim());
    let ws = Workspace::new(&[1017447]);
    let out = ws
        .remit_command(None, &["backfill"])
        .args([
            "--www-base",
            &sim.www_base(),
            "--data-base",
            &sim.data_base(),
            "--user-agent",
            "remit-tests",
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(remit_cli::exit::ERROR));
    assert!(stderr(&out).contains("email"), "{}", stderr(&out));
    assert!(sim.requests().is_empty());
}

#[test]
fn a_backfill_by_quarterly_index_finds_the_same_filings() {
    let (corpus, filings) = sample_corpus(2, 3, 0);
    let cik = filings[0].cik;
    let (_rt, sim) = start_sim(corpus, quiet_sim());
    let ws = Workspace::new(&[cik]);
    let out = ws.remit(
        Some(&sim),
        &[
            "backfill",
            "--since",
            "2002-01-01",
            "--until",
            "2002-12-31",
            "--discover",
            "index",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let index_reads: Vec<String> = sim
        .requests()
        .into_iter()
        .map(|r| r.path)
        .filter(|p| p.contains("/full-index/"))
        .collect();
    assert_eq!(
        index_reads.len(),
        4,
        "one master.idx per quarter of 2002: {index_reads:?}"
    );
    assert!(sim
        .requests()
        .iter()
        .all(|r| !r.path.starts_with("/submissions/")));
    assert_eq!(
        query_i64(&ws.db(), "SELECT count(*) FROM statements") as usize,
        filings.len()
    );
}
