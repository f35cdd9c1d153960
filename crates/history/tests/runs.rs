//! The runs table and the watermark a nightly run continues from.

use remit_history::{Error, History};

#[test]
fn the_watermark_is_the_last_completed_runs() {
    let mut history = History::open_in_memory().unwrap();
    assert_eq!(history.last_watermark("nightly").unwrap(), None);

    let first = history.begin_run("nightly").unwrap();
    history
        .finish_run(first, "ok", Some("2024-05-01"), "nightly: 3 new filings")
        .unwrap();
    assert_eq!(
        history.last_watermark("nightly").unwrap().as_deref(),
        Some("2024-05-01")
    );

    // A failed run, and one still running (or killed), leave the watermark where it was.
    let failed = history.begin_run("nightly").unwrap();
    history
        .finish_run(failed, "failed", Some("2024-05-09"), "index unreadable")
        .unwrap();
    history.begin_run("nightly").unwrap();
    assert_eq!(
        history.last_watermark("nightly").unwrap().as_deref(),
        Some("2024-05-01")
    );

    // A partial run finished: some filings failed (recorded in filings), the days were read.
    let partial = history.begin_run("nightly").unwrap();
    history
        .finish_run(partial, "partial", Some("2024-05-03"), "1 failed")
        .unwrap();
    assert_eq!(
        history.last_watermark("nightly").unwrap().as_deref(),
        Some("2024-05-03")
    );

    // Other commands keep their own.
    let backfill = history.begin_run("backfill").unwrap();
    history
        .finish_run(backfill, "ok", Some("2003-12-31"), "")
        .unwrap();
    assert_eq!(
        history.last_watermark("backfill").unwrap().as_deref(),
        Some("2003-12-31")
    );
    assert_eq!(
        history.last_watermark("nightly").unwrap().as_deref(),
        Some("2024-05-03")
    );
}

#[test]
fn last_runs_gives_the_latest_run_of_each_command() {
    let mut history = History::open_in_memory().unwrap();
    let a = history.begin_run("nightly").unwrap();
    history
        .finish_run(a, "ok", Some("2024-05-01"), "fine")
        .unwrap();
    let b = history.begin_run("reparse").unwrap();
    history.finish_run(b, "partial", None, "2 failed").unwrap();
    let c = history.begin_run("nightly").unwrap();
    let runs = history.last_runs().unwrap();
    let seen: Vec<_> = runs
        .iter()
        .map(|r| {
            (
                r.id,
                r.command.as_str(),
                r.status.as_str(),
                r.finished_at.is_some(),
                r.watermark.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        vec![
            (c, "nightly", "running", false, None),
            (b, "reparse", "partial", true, None)
        ]
    );
    assert_eq!(runs[1].summary.as_deref(), Some("2 failed"));
}

#[test]
fn finishing_an_unknown_run_is_an_error() {
    let mut history = History::open_in_memory().unwrap();
    assert!(matches!(
        history.finish_run(42, "ok", None, ""),
        Err(Error::UnknownRun(42))
    ));
}
