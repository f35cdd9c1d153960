//! The real `remit` binary against the simulator (127.0.0.1 only) when things go wrong: two runs
//! from two directories, SEC's block, fatal answers, a filing that keeps failing, a crafted file.

mod common;

use std::process::Stdio;
use std::time::Duration;

use common::*;
use remit_edgar_sim::{ForeignBlock, SimConfig, Threshold};

fn quick_sim() -> SimConfig {
    SimConfig {
        latency: (Duration::from_millis(20), Duration::from_millis(40)),
        ..SimConfig::default()
    }
}

fn runs(ws: &Workspace) -> Vec<(String, String, Option<String>, String)> {
    let conn = rusqlite::Connection::open(ws.db()).expect("open db");
    let mut stmt = conn
        .prepare("SELECT command, status, watermark, ifnull(summary, '') FROM runs ORDER BY id")
        .expect("runs");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .expect("runs")
        .map(|r| r.expect("row"))
        .collect()
}

/// Two backfills started at once from two directories, each with its own data directory and
/// config, against one address that enforces 10 requests a second (arrivals jittered 0-50 ms):
/// they share the user's budget, so no second holds more than 10, nobody is blocked, both finish.
#[test]
fn two_backfills_from_two_directories_share_one_budget() {
    let (corpus, filings) = sample_corpus(2, 10, 0);
    let ciks = distinct_ciks(&filings);
    let config = SimConfig {
        threshold: Some(Threshold::default()),
        arrival_jitter: Duration::from_millis(50),
        seed: 21,
        ..quick_sim()
    };
    let (_rt, sim) = start_sim(corpus, config);
    // The user's budget, shared by both runs (any two runs of one user share it by default).
    let budget = tempfile::tempdir().expect("budget dir");
    let edgar = format!("budget_dir = {:?}\n", budget.path().display().to_string());
    let a = Workspace::with_edgar(&ciks, &edgar);
    let b = Workspace::with_edgar(&ciks, &edgar);
    let args = ["backfill", "--since", "2002-01-01", "--until", "2009-12-31"];
    let spawn = |ws: &Workspace| {
        ws.remit_command(Some(&sim), &args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn")
    };
    let (first, second) = (spawn(&a), spawn(&b));
    let (first, second) = (
        first.wait_with_output().expect("a"),
        second.wait_with_output().expect("b"),
    );
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(second.status.success(), "{}", stderr(&second));
    assert_eq!(query_i64(&a.db(), "SELECT count(*) FROM statements"), 20);
    assert_eq!(query_i64(&b.db(), "SELECT count(*) FROM statements"), 20);
    let most = sim.max_in_window(Duration::from_secs(1));
    let refused = sim.requests().iter().filter(|r| r.status != 200).count();
    eprintln!(
        "measured: two runs, {} requests, at most {most} in any second, {refused} refused",
        sim.requests().len()
    );
    assert!(most <= 10, "{most} requests in one second");
    assert_eq!(refused, 0);
}

/// Two backfills sharing the user's budget where the budget lets each catch up: answers take
/// 300 ms, so each run waits a round trip for its submissions listing and then makes it up in a
/// burst; the second starts while the first is catching up. Arrivals jittered 0-50 ms and counted
/// where they arrive: together never more than 10 in any second, nothing refused.
#[test]
fn two_backfills_catching_up_at_once_never_go_over_ten_a_second() {
    let (corpus, filings) = sample_corpus(2, 12, 0);
    let ciks = distinct_ciks(&filings);
    let config = SimConfig {
        latency: (Duration::from_millis(300), Duration::from_millis(300)),
        threshold: Some(Threshold::default()),
        arrival_jitter: Duration::from_millis(50),
        seed: 23,
        ..SimConfig::default()
    };
    let (_rt, sim) = start_sim(corpus, config);
    let budget = tempfile::tempdir().expect("budget dir");
    let edgar = format!("budget_dir = {:?}\n", budget.path().display().to_string());
    let a = Workspace::with_edgar(&ciks, &edgar);
    let b = Workspace::with_edgar(&ciks, &edgar);
    let args = ["backfill", "--since", "2002-01-01", "--until", "2009-12-31"];
    let spawn = |ws: &Workspace| {
        ws.remit_command(Some(&sim), &args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn")
    };
    let first = spawn(&a);
    // The second listing goes out while the first run is making up its round trip.
    std::thread::sleep(Duration::from_millis(400));
    let second = spawn(&b);
    let (first, second) = (
        first.wait_with_output().expect("a"),
        second.wait_with_output().expect("b"),
    );
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(second.status.success(), "{}", stderr(&second));
    assert_eq!(query_i64(&a.db(), "SELECT count(*) FROM statements"), 24);
    assert_eq!(query_i64(&b.db(), "SELECT count(*) FROM statements"), 24);
    let most = sim.max_in_window(Duration::from_secs(1));
    let refused = sim.requests().iter().filter(|r| r.status != 200).count();
    eprintln!(
        "measured: two runs, {} requests, at most {most} in any second, {refused} refused",
        sim.requests().len()
    );
    assert_eq!(sim.requests().len(), 50, "one listing and 24 filings each");
    assert!(most <= 10, "{most} requests in one second");
    assert_eq!(refused, 0);
}

/// Another client on the address brings SEC's block on at the 20th request; it lasts 1.5 s after
/// the last request asked during it, longer than the 1 s cool-down. remit stops, probes once
/// after the cool-down (refused: the block restarts), once more after twice that, and resumes.
#[test]
fn a_block_longer_than_the_cooldown_is_waited_out_and_every_filing_lands() {
    let (corpus, filings) = sample_corpus(1, 30, 0);
    let config = SimConfig {
        foreign_block: Some(ForeignBlock {
            at_request: 20,
            lasts: Duration::from_millis(1500),
        }),
        ..quick_sim()
    };
    let (_rt, sim) = start_sim(corpus, config);
    let ws = Workspace::with_edgar(
        &distinct_ciks(&filings),
        "cooldown_secs = 1\nmax_probe_interval_secs = 4\n",
    );
    let out = ws.remit(
        Some(&sim),
        &["backfill", "--since", "2002-01-01", "--until", "2009-12-31"],
    );
    let log = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{log}");
    assert_eq!(query_i64(&ws.db(), "SELECT count(*) FROM statements"), 30);
    let records = sim.requests();
    let refused: Vec<_> = records.iter().filter(|r| r.status == 403).collect();
    let first = refused.first().map(|r| r.at).expect("a block");
    // Refusals later than a cool-down after the first were probes; the others were in flight.
    let probes = refused
        .iter()
        .filter(|r| r.at >= first + Duration::from_secs(1))
        .count();
    let in_flight = refused.len() - probes;
    eprintln!(
        "measured: {} requests, {} refused: {in_flight} already in flight, {probes} probes",
        records.len(),
        refused.len()
    );
    assert!(probes >= 1, "the block outlasted the cool-down");
    assert!(
        in_flight <= 6,
        "{in_flight} refused besides probes (6 in flight at most)"
    );
    // Each step logged once.
    assert_eq!(log.matches("stopping every request").count(), 1, "{log}");
    assert_eq!(log.matches("probe refused").count(), probes, "{log}");
    assert_eq!(log.matches("SEC's block is over").count(), 1, "{log}");
}

/// A block that lasts past the configured limit stops the run with exit 5 and says when to try
/// again; the run is recorded as failed, and the next run (the block over) completes.
#[test]
fn a_block_past_the_limit_exits_5_and_the_next_run_resumes() {
    let (corpus, filings) = sample_corpus(1, 12, 0);
    let blocked = SimConfig {
        foreign_block: Some(ForeignBlock {
            at_request: 5,
            lasts: Duration::from_secs(120),
        }),
        ..quick_sim()
    };
    let (_rt, sim) = start_sim(corpus.clone(), blocked);
    let ws = Workspace::with_edgar(
        &distinct_ciks(&filings),
        "cooldown_secs = 1\nmax_probe_interval_secs = 1\nblock_limit_secs = 3\n",
    );
    let args = ["backfill", "--since", "2002-01-01", "--until", "2009-12-31"];
    let out = ws.remit(Some(&sim), &args);
    let log = stderr(&out);
    assert_eq!(out.status.code(), Some(remit_cli::exit::NETWORK), "{log}");
    assert!(log.contains("Try again after"), "{log}");
    assert!(
        log.contains("longer than the configured limit of 3s"),
        "{log}"
    );
    let refused = sim.requests().iter().filter(|r| r.status == 403).count();
    eprintln!("measured: a block past the limit drew {refused} refused requests");
    let recorded = runs(&ws);
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].1, "failed", "{recorded:?}");
    assert!(recorded[0].3.contains("Try again after"), "{recorded:?}");

    let (_rt2, open) = start_sim(corpus, quick_sim());
    let out = ws.remit(Some(&open), &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(query_i64(&ws.db(), "SELECT count(*) FROM statements"), 12);
}

/// SEC answers "Undeclared Automated Tool" from the 3rd request on: the run stops at the first
/// such answer with exit 1, asks nothing more, and is recorded as failed with the reason.
#[test]
fn an_undeclared_tool_answer_stops_the_run_at_once() {
    let (corpus, filings) = sample_corpus(1, 12, 0);
    let config = SimConfig {
        latency: (Duration::ZERO, Duration::from_millis(5)),
        undeclared_from_request: Some(3),
        ..SimConfig::default()
    };
    let (_rt, sim) = start_sim(corpus, config);
    let ws = Workspace::new(&distinct_ciks(&filings));
    let out = ws.remit(
        Some(&sim),
        &["backfill", "--since", "2002-01-01", "--until", "2009-12-31"],
    );
    let log = stderr(&out);
    assert_eq!(out.status.code(), Some(remit_cli::exit::ERROR), "{log}");
    assert!(log.contains("Undeclared Automated Tool"), "{log}");
    let records = sim.requests();
    let first = records
        .iter()
        .find(|r| r.status == 403)
        .map(|r| r.at)
        .expect("refused");
    // Only a request already on its way when that answer came back may follow it (requests
    // leave 105 ms apart and answers take 5 ms: normally none; one on a loaded machine).
    let after = records.iter().filter(|r| r.at > first).count();
    eprintln!(
        "measured: {} requests, {} after the first undeclared answer",
        records.len(),
        after
    );
    assert!(after <= 1, "{records:?}");
    let recorded = runs(&ws);
    assert_eq!(recorded[0].1, "failed");
    assert!(
        recorded[0].3.contains("Undeclared Automated Tool"),
        "{recorded:?}"
    );
}

/// A filing answered 503 every time fails three nightly runs in a row (exit 5: the network),
/// stays queued with its attempts, holds the watermark before its day, and is loaded by the
/// fourth run once EDGAR serves it.
#[test]
fn a_filing_failing_three_nightlies_is_loaded_by_the_fourth() {
    let (corpus, filings) = sample_corpus(1, 6, 0);
    let (_rt, sim) = start_sim(corpus, quick_sim());
    let ws = Workspace::with_edgar(&distinct_ciks(&filings), "max_retries = 1\n");
    let last = filings
        .iter()
        .max_by_key(|f| f.filed_date)
        .expect("filings");
    let day = last.filed_date;
    let before = (day - chrono::Duration::days(1))
        .format("%Y-%m-%d")
        .to_string();
    let out = ws.remit(
        Some(&sim),
        &["backfill", "--since", "2002-01-01", "--until", &before],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(query_i64(&ws.db(), "SELECT count(*) FROM statements"), 5);

    sim.fail_filing(&last.accession);
    let today = (day + chrono::Duration::days(2))
        .format("%Y-%m-%d")
        .to_string();
    for attempt in 1..=3 {
        let out = ws.remit(Some(&sim), &["nightly", "--today", &today]);
        assert_eq!(
            out.status.code(),
            Some(remit_cli::exit::NETWORK),
            "{}",
            stderr(&out)
        );
        let watermark = runs(&ws)
            .last()
            .and_then(|r| r.2.clone())
            .expect("watermark");
        assert!(
            watermark < day.format("%Y-%m-%d").to_string(),
            "run {attempt} moved the watermark to {watermark}, past {day}"
        );
        let attempts = query_i64(
            &ws.db(),
            &format!(
                "SELECT attempts FROM fetch_queue WHERE accession = '{}'",
                last.accession
            ),
        );
        assert_eq!(attempts, attempt);
    }
    let status = ws.remit(None, &["status"]);
    let shown = stdout(&status);
    assert!(
        shown.contains(&format!("  pending: {} (CIK", last.accession))
            && shown.contains("3 attempts"),
        "{shown}"
    );

    sim.heal_filing(&last.accession);
    let out = ws.remit(Some(&sim), &["nightly", "--today", &today]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(query_i64(&ws.db(), "SELECT count(*) FROM statements"), 6);
    assert_eq!(query_i64(&ws.db(), "SELECT count(*) FROM fetch_queue"), 0);
    let watermark = runs(&ws)
        .last()
        .and_then(|r| r.2.clone())
        .expect("watermark");
    assert!(
        watermark >= day.format("%Y-%m-%d").to_string(),
        "{watermark}"
    );
}

/// A document crafted to expand past the caps when its `>` lines are padded back: that filing
/// fails alone with its reason, the others load.
#[test]
fn a_document_crafted_to_expand_fails_alone() {
    let (mut corpus, filings) = sample_corpus(1, 3, 0);
    let model = &filings[0];
    let crafted_accession = "0009999999-02-000001";
    let start = model.text.find("<TEXT>").expect("text") + "<TEXT>\n".len();
    let end = model.text.find("</TEXT>").expect("end");
    let mut body = format!("{}\n>a\n{}\n>b\n", "w".repeat(250), "v".repeat(250));
    body.push_str(&"x\n>y\n".repeat(140_000));
    let crafted = format!("{}{}{}", &model.text[..start], body, &model.text[end..])
        .replace(&model.accession, crafted_accession);
    corpus.add(crafted).expect("crafted submission");
    let (_rt, sim) = start_sim(corpus, quick_sim());
    let ws = Workspace::new(&distinct_ciks(&filings));
    let out = ws.remit(
        Some(&sim),
        &["backfill", "--since", "2002-01-01", "--until", "2009-12-31"],
    );
    assert_eq!(
        out.status.code(),
        Some(remit_cli::exit::SOME_FAILED),
        "{}",
        stderr(&out)
    );
    assert_eq!(query_i64(&ws.db(), "SELECT count(*) FROM statements"), 3);
    let conn = rusqlite::Connection::open(ws.db()).expect("db");
    let (status, error): (String, String) = conn
        .query_row(
            "SELECT status, error FROM filings WHERE accession = ?1",
            [crafted_accession],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("crafted filing recorded");
    assert_eq!(status, "failed");
    assert!(error.contains("above the cap"), "{error}");
}
