//! Supersession: of the statements naming one trust and distribution date, the one from the
//! latest filing is current; the others are kept, marked superseded. Never keyed by CIK alone.

mod common;

use common::*;
use remit_history::History;

const ORIGINAL: &str = "0001020242-02-000466";
const AMENDMENT: &str = "0001020242-03-000012";

fn superseded(history: &History, accession: &str) -> i64 {
    count(
        history,
        &format!("SELECT superseded FROM statements WHERE accession = '{accession}'"),
    )
}

fn amended() -> remit_extract::Statement {
    // The 8-K/A corrects class A's current balance.
    month(IMPAC_1, "2002-11-25", 439_506_706.9, 412_000_000.0)
}

#[test]
fn an_8k_a_supersedes_the_8k_for_the_same_trust_and_date() {
    let mut history = History::open_in_memory().unwrap();
    history
        .load(
            &record(ORIGINAL, "8-K", "2002-12-06", "aa11"),
            &parsed(vec![november(IMPAC_1)]),
        )
        .unwrap();
    assert_eq!(superseded(&history, ORIGINAL), 0);
    let report = history
        .load(
            &record(AMENDMENT, "8-K/A", "2003-01-15", "bb22"),
            &parsed(vec![amended()]),
        )
        .unwrap();
    assert_eq!(report.superseded, 0);
    assert_eq!(
        (
            superseded(&history, ORIGINAL),
            superseded(&history, AMENDMENT)
        ),
        (1, 0)
    );
    // Both kept; the views see only the amendment.
    assert_eq!(history.counts().unwrap().statements, 2);
    assert_eq!(history.counts().unwrap().superseded, 1);
    assert_eq!(
        count(
            &history,
            "SELECT count(*) FROM class_history WHERE class = 'A'"
        ),
        1
    );
    assert_eq!(
        real(
            &history,
            "SELECT current_balance FROM class_history WHERE class = 'A'"
        ),
        Some(412_000_000.0)
    );
    assert_eq!(
        text(&history, "SELECT accession FROM pool_history").as_deref(),
        Some(AMENDMENT)
    );
    let status = history.trust_status().unwrap();
    assert_eq!((status.len(), status[0].statements), (1, 1));
}

#[test]
fn the_order_of_loading_does_not_matter() {
    let mut history = History::open_in_memory().unwrap();
    let report = history
        .load(
            &record(AMENDMENT, "8-K/A", "2003-01-15", "bb22"),
            &parsed(vec![amended()]),
        )
        .unwrap();
    assert_eq!(report.superseded, 0);
    let report = history
        .load(
            &record(ORIGINAL, "8-K", "2002-12-06", "aa11"),
            &parsed(vec![november(IMPAC_1)]),
        )
        .unwrap();
    assert_eq!(report.superseded, 1);
    assert_eq!(
        (
            superseded(&history, ORIGINAL),
            superseded(&history, AMENDMENT)
        ),
        (1, 0)
    );

    // Reparsing the original with a newer extractor keeps it superseded.
    let mut reread = november(IMPAC_1);
    reread.layout_version = 2;
    let report = history
        .load(
            &record(ORIGINAL, "8-K", "2002-12-06", "aa11"),
            &parsed(vec![reread]),
        )
        .unwrap();
    assert_eq!((report.replaced, report.superseded), (1, 1));
    assert_eq!(
        (
            superseded(&history, ORIGINAL),
            superseded(&history, AMENDMENT)
        ),
        (1, 0)
    );
}

#[test]
fn the_same_filed_date_falls_back_to_the_accession() {
    let mut history = History::open_in_memory().unwrap();
    history
        .load(
            &record(AMENDMENT, "8-K/A", "2002-12-06", "bb22"),
            &parsed(vec![amended()]),
        )
        .unwrap();
    history
        .load(
            &record(ORIGINAL, "8-K", "2002-12-06", "aa11"),
            &parsed(vec![november(IMPAC_1)]),
        )
        .unwrap();
    assert_eq!(
        (
            superseded(&history, ORIGINAL),
            superseded(&history, AMENDMENT)
        ),
        (1, 0)
    );
}

#[test]
fn a_failed_amendment_restores_the_original() {
    let mut history = History::open_in_memory().unwrap();
    history
        .load(
            &record(ORIGINAL, "8-K", "2002-12-06", "aa11"),
            &parsed(vec![november(IMPAC_1)]),
        )
        .unwrap();
    let amendment = record(AMENDMENT, "8-K/A", "2003-01-15", "bb22");
    history.load(&amendment, &parsed(vec![amended()])).unwrap();
    assert_eq!(superseded(&history, ORIGINAL), 1);
    // A newer extractor can no longer read the amendment: its statement goes, the original is current again.
    let outcome = remit_history::FilingOutcome::Failed("page 2, line 7: unreadable".into());
    history.reload(&amendment, &outcome).unwrap();
    assert_eq!(superseded(&history, ORIGINAL), 0);
    assert_eq!(history.counts().unwrap().superseded, 0);
}

#[test]
fn two_trusts_under_one_cik_do_not_supersede_each_other() {
    let mut history = History::open_in_memory().unwrap();
    // One filing holding both trusts' statements, then a later filing for the second trust only.
    history
        .load(
            &record(ORIGINAL, "8-K", "2002-12-06", "aa11"),
            &parsed(vec![november(IMPAC_1), november(IMPAC_2)]),
        )
        .unwrap();
    assert_eq!(
        count(
            &history,
            "SELECT count(*) FROM statements WHERE superseded = 1"
        ),
        0
    );
    history
        .load(
            &record("0001020242-02-000470", "8-K", "2002-12-09", "dd44"),
            &parsed(vec![november(IMPAC_2)]),
        )
        .unwrap();
    assert_eq!(
        text(
            &history,
            "SELECT group_concat(trust_name || ' ' || accession || ' ' || superseded, '; ')
             FROM (SELECT * FROM statements ORDER BY trust_name, accession)"
        )
        .as_deref(),
        Some(
            "Impac CMB Trust 2002-1 0001020242-02-000466 0; \
             Impac CMB Trust 2002-2 0001020242-02-000466 1; \
             Impac CMB Trust 2002-2 0001020242-02-000470 0"
        )
    );
    let status = history.trust_status().unwrap();
    let names: Vec<_> = status
        .iter()
        .map(|t| (t.trust_name.as_str(), t.cik, t.statements))
        .collect();
    assert_eq!(
        names,
        vec![(IMPAC_1, IMPAC_CIK, 1), (IMPAC_2, IMPAC_CIK, 1)]
    );
}

#[test]
fn months_of_one_trust_do_not_supersede_each_other() {
    let mut history = History::open_in_memory().unwrap();
    history
        .load(
            &record(ORIGINAL, "8-K", "2002-12-06", "aa11"),
            &parsed(vec![november(IMPAC_1)]),
        )
        .unwrap();
    let december = month(IMPAC_1, "2002-12-26", 431_000_000.0, 405_000_000.0);
    history
        .load(
            &record("0001020242-03-000001", "8-K", "2003-01-06", "ee55"),
            &parsed(vec![december]),
        )
        .unwrap();
    assert_eq!(history.counts().unwrap().superseded, 0);
    let status = &history.trust_status().unwrap()[0];
    assert_eq!(
        (
            status.statements,
            status.first_distribution.as_deref(),
            status.last_distribution.as_deref()
        ),
        (2, Some("2002-11-25"), Some("2002-12-26"))
    );
}

#[test]
fn a_statement_without_a_distribution_date_is_never_superseded() {
    let mut history = History::open_in_memory().unwrap();
    let mut undated = november(IMPAC_1);
    undated.distribution_date = None;
    history
        .load(
            &record(ORIGINAL, "8-K", "2002-12-06", "aa11"),
            &parsed(vec![undated.clone()]),
        )
        .unwrap();
    history
        .load(
            &record(AMENDMENT, "8-K/A", "2003-01-15", "bb22"),
            &parsed(vec![undated]),
        )
        .unwrap();
    assert_eq!(
        count(
            &history,
            "SELECT count(*) FROM statements WHERE superseded = 0"
        ),
        2
    );
}

#[test]
fn failures_of_a_cik_without_statements_still_show() {
    let mut history = History::open_in_memory().unwrap();
    let mut other = record("0000950123-05-000001", "10-D", "2005-02-01", "");
    other.cik = 1_234_567;
    history
        .load(
            &other,
            &remit_history::FilingOutcome::Failed("fetch failed: 404".into()),
        )
        .unwrap();
    history
        .load(
            &record(ORIGINAL, "8-K", "2002-12-06", "aa11"),
            &parsed(vec![november(IMPAC_1)]),
        )
        .unwrap();
    let status = history.trust_status().unwrap();
    assert_eq!(status.len(), 2);
    assert_eq!(
        (status[0].trust_name.as_str(), status[0].failures),
        (IMPAC_1, 0)
    );
    assert_eq!(
        (
            status[1].trust_name.as_str(),
            status[1].cik,
            status[1].statements,
            status[1].failures
        ),
        (remit_history::NO_STATEMENT_TRUST, 1_234_567, 0, 1)
    );
}
