//! Loading filings: every row and figure lands where the contract says, a second load of the
//! same filing writes nothing, a newer extractor replaces, failures are recorded.

mod common;

use common::*;
use remit_history::{FilingOutcome, FilingStatus, History};

const ORIGINAL: &str = "0001020242-02-000466";

fn loaded() -> History {
    let mut history = History::open_in_memory().unwrap();
    let report = history
        .load(
            &record(ORIGINAL, "8-K", "2002-12-06", "aa11"),
            &parsed(vec![november(IMPAC_1)]),
        )
        .unwrap();
    assert!(!report.unchanged);
    assert_eq!(report.status, FilingStatus::Parsed);
    history
}

#[test]
fn every_table_gets_the_statements_rows() {
    let history = loaded();
    let counts = history.counts().unwrap();
    assert_eq!(
        (
            counts.filings,
            counts.statements,
            counts.parties,
            counts.bond_classes
        ),
        (1, 1, 2, 3)
    );
    assert_eq!(
        (
            counts.pool_values,
            counts.delinquency,
            counts.loan_events,
            counts.checks
        ),
        (10, 7, 1, 3)
    );
    assert_eq!(history.check_totals().unwrap(), (2, 1));
    assert_eq!(
        counts.to_string(),
        "rows: filings 1, statements 1 (0 superseded), parties 2, bond_classes 3, pool_values 10, \
         delinquency 7, loan_events 1, checks 3\n"
    );
}

#[test]
fn filing_and_statement_header_read_back() {
    let history = loaded();
    assert_eq!(
        text(
            &history,
            "SELECT cik || '|' || form || '|' || filed_date || '|' || sha256 || '|' || status || '|' || ifnull(error, 'null') FROM filings"
        )
        .unwrap(),
        "1017447|8-K|2002-12-06|aa11|parsed|null"
    );
    assert_eq!(
        text(
            &history,
            "SELECT accession || '|' || cik || '|' || trust_name || '|' || distribution_date || '|' || layout
                 || '|' || layout_version || '|' || superseded || '|' || record_date || '|' || cutoff_date
                 || '|' || closing_date || '|' || first_payment_date || '|' || product || '|' || series
                 || '|' || filed_date FROM statements"
        )
        .unwrap(),
        "0001020242-02-000466|1017447|Impac CMB Trust 2002-1|2002-11-25|db-remittance-2002|1|0|\
         2002-10-31|2002-02-01|2002-02-27|2002-03-25|Collateralized Asset-Backed Bonds|Series 2002-1|2002-12-06"
    );
    assert_eq!(
        text(&history, "SELECT group_concat(role || ': ' || name, '; ') FROM (SELECT * FROM parties ORDER BY seq)")
            .unwrap(),
        "Seller: IMPAC Mortgage Holdings Inc.; Certificate Insurer: AMBAC Indemnity Corporation"
    );
    let loaded_at = text(&history, "SELECT loaded_at FROM statements").unwrap();
    assert_eq!((loaded_at.len(), &loaded_at[10..11]), (20, "T"));
}

#[test]
fn figures_read_back_as_loaded_and_unprinted_cells_stay_null() {
    let history = loaded();
    assert_eq!(
        real(
            &history,
            "SELECT current_balance FROM bond_classes WHERE tier = '' AND class = 'A'"
        ),
        Some(412_561_923.8)
    );
    assert_eq!(
        text(&history, "SELECT cusip || ' ' || accrual_start || ' ' || accrual_end || ' ' || accrual_method FROM bond_classes WHERE class = 'A'"),
        Some("45254NCG0 2002-10-25 2002-11-24 A-Act/360".to_string())
    );
    assert_eq!(
        real(
            &history,
            "SELECT pass_through_rate FROM bond_classes WHERE class = 'A'"
        ),
        Some(0.0215)
    );
    // Not printed: NULL, never 0.
    assert_eq!(
        real(
            &history,
            "SELECT deferred_interest FROM bond_classes WHERE class = 'A'"
        ),
        None
    );
    assert_eq!(real(&history, "SELECT pct_balance FROM delinquency WHERE bucket = '2 PAYMENTS' AND scope = 'Total' AND status = 'TOTAL'"), None);
    assert_eq!(
        real(&history, "SELECT value FROM pool_values WHERE report = 'Collateral Report' AND label = 'Principal Balance: Current' AND col = 'FIXED'"),
        Some(5_947_927.29)
    );
    assert_eq!(
        text(&history, "SELECT ifnull(value, 'null') || ' ' || raw FROM pool_values WHERE label = 'Trigger Event in effect'"),
        Some("null No".to_string())
    );
    assert_eq!(count(&history, "SELECT loans FROM delinquency WHERE scope = 'Total' AND status = 'TOTAL' AND bucket = '3+ PAYMENTS'"), 25);
    assert_eq!(
        text(
            &history,
            "SELECT kind || '|' || loan_number || '|' || loan_group || '|' || balance || '|' || event_date || '|' || note_rate
                 || '|' || state || '|' || ltv || '|' || type || '|' || original_term || '|' || origination_date
                 || '|' || ifnull(realized_loss, 'null') FROM loan_events"
        ),
        Some("prepaid|1101234567|Adjustable Group|311240.55|2002-10-31|0.07625|MO|0.95|Paid Off|360|2001-12-14|null".to_string())
    );
    assert_eq!(
        text(&history, "SELECT name || '|' || passed || '|' || expected || '|' || actual FROM checks WHERE passed = 0"),
        Some("delinquency TOTAL row|0|10825004.65|10825004.66".to_string())
    );
}

#[test]
fn loading_the_same_filing_twice_changes_nothing() {
    let mut history = loaded();
    let record = record(ORIGINAL, "8-K", "2002-12-06", "aa11");
    let before = history.filing(ORIGINAL).unwrap();
    let ids = count(&history, "SELECT sum(id) FROM statements")
        + count(&history, "SELECT sum(statement_id) FROM pool_values");
    let counts = history.counts().unwrap();
    let loaded_at = text(&history, "SELECT loaded_at FROM statements");

    let again = history
        .load(&record, &parsed(vec![november(IMPAC_1)]))
        .unwrap();
    assert!(again.unchanged);
    assert_eq!(again.replaced, 0);
    assert_eq!(
        again.statement_ids,
        vec![count(&history, "SELECT id FROM statements")]
    );
    assert_eq!(history.counts().unwrap(), counts);
    assert_eq!(
        count(&history, "SELECT sum(id) FROM statements")
            + count(&history, "SELECT sum(statement_id) FROM pool_values"),
        ids
    );
    assert_eq!(
        text(&history, "SELECT loaded_at FROM statements"),
        loaded_at
    );
    assert_eq!(history.filing(ORIGINAL).unwrap(), before);
}

#[test]
fn a_newer_extractor_version_replaces_the_filings_rows() {
    let mut history = loaded();
    let old_id = count(&history, "SELECT id FROM statements");
    let mut improved = november(IMPAC_1);
    improved.layout_version = 2;
    improved.pool_values.truncate(4);
    let report = history
        .load(
            &record(ORIGINAL, "8-K", "2002-12-06", "aa11"),
            &parsed(vec![improved]),
        )
        .unwrap();
    assert!(!report.unchanged);
    assert_eq!(report.replaced, 1);
    assert_ne!(report.statement_ids, vec![old_id]);
    let counts = history.counts().unwrap();
    assert_eq!(
        (
            counts.statements,
            counts.pool_values,
            counts.bond_classes,
            counts.parties
        ),
        (1, 4, 3, 2)
    );
    assert_eq!(count(&history, "SELECT layout_version FROM statements"), 2);
    assert_eq!(
        history.filing(ORIGINAL).unwrap().unwrap().layouts,
        vec![("db-remittance-2002".to_string(), 2)]
    );
    // The old statement's rows went with it.
    assert_eq!(
        count(
            &history,
            &format!("SELECT count(*) FROM bond_classes WHERE statement_id = {old_id}")
        ),
        0
    );
}

#[test]
fn reload_replaces_even_when_nothing_changed() {
    let mut history = loaded();
    let old_id = count(&history, "SELECT id FROM statements");
    let report = history
        .reload(
            &record(ORIGINAL, "8-K", "2002-12-06", "aa11"),
            &parsed(vec![november(IMPAC_1)]),
        )
        .unwrap();
    assert!(!report.unchanged);
    assert_eq!(report.replaced, 1);
    assert_eq!(history.counts().unwrap().pool_values, 10);
    assert_eq!(
        count(
            &history,
            &format!("SELECT count(*) FROM pool_values WHERE statement_id = {old_id}")
        ),
        0
    );
}

#[test]
fn a_failed_filing_is_recorded_with_its_error_and_counted_per_cik() {
    let mut history = loaded();
    let failed = record("0001020242-03-000007", "8-K", "2003-01-08", "bb22");
    let reason = "document 1 (EX-99): page 3, line 12: no Certificate Payment Report";
    let report = history
        .load(&failed, &FilingOutcome::Failed(reason.to_string()))
        .unwrap();
    assert_eq!(
        (report.status, report.statement_ids.len()),
        (FilingStatus::Failed, 0)
    );
    let row = history.filing("0001020242-03-000007").unwrap().unwrap();
    assert_eq!(
        (row.status, row.error.as_deref()),
        (FilingStatus::Failed, Some(reason))
    );
    assert_eq!(history.trust_status().unwrap()[0].failures, 1);

    // The same bytes read by a fixed extractor: parsed, the error gone.
    let mut december = month(IMPAC_1, "2002-12-26", 431_000_000.0, 405_000_000.0);
    december.layout_version = 2;
    history.load(&failed, &parsed(vec![december])).unwrap();
    let row = history.filing("0001020242-03-000007").unwrap().unwrap();
    assert_eq!((row.status, row.error), (FilingStatus::Parsed, None));
    assert_eq!(history.trust_status().unwrap()[0].failures, 0);
}

#[test]
fn a_fetch_failure_never_drops_a_filing_already_held() {
    let mut history = loaded();
    let mut no_bytes = record(ORIGINAL, "8-K", "2002-12-06", "");
    no_bytes.source =
        "https://www.sec.gov/Archives/edgar/data/1017447/0001020242-02-000466.txt".into();
    let report = history
        .load(
            &no_bytes,
            &FilingOutcome::Failed("fetch failed: 503".into()),
        )
        .unwrap();
    assert!(report.unchanged);
    assert_eq!(report.status, FilingStatus::Parsed);
    assert_eq!(history.counts().unwrap().statements, 1);
    assert_eq!(
        text(&history, "SELECT sha256 FROM filings").as_deref(),
        Some("aa11")
    );

    // A filing never fetched is recorded as failed, with no hash.
    let never = record("0001020242-03-000099", "8-K/A", "2003-02-01", "");
    history
        .load(&never, &FilingOutcome::Failed("fetch failed: 404".into()))
        .unwrap();
    let row = history.filing("0001020242-03-000099").unwrap().unwrap();
    assert_eq!(
        (row.status, row.sha256, row.error.as_deref()),
        (FilingStatus::Failed, None, Some("fetch failed: 404"))
    );
}

#[test]
fn rows_the_schema_refuses_fail_the_filing_and_leave_nothing_behind() {
    let mut history = loaded();
    let mut doubled = month(IMPAC_1, "2002-12-26", 431_000_000.0, 405_000_000.0);
    let first = doubled.pool_values[0].clone();
    doubled.pool_values.push(first);
    let record = record("0001020242-03-000007", "8-K", "2003-01-08", "bb22");
    let report = history.load(&record, &parsed(vec![doubled])).unwrap();
    assert_eq!(report.status, FilingStatus::Failed);
    let refused = report.refused.unwrap();
    assert!(
        refused.contains("pool_values") && refused.contains("Principal Balance: Current"),
        "{refused}"
    );
    let row = history.filing("0001020242-03-000007").unwrap().unwrap();
    assert_eq!(
        (row.status, row.error),
        (FilingStatus::Failed, Some(refused))
    );
    let counts = history.counts().unwrap();
    assert_eq!(
        (counts.statements, counts.pool_values, counts.bond_classes),
        (1, 10, 3)
    );
}

#[test]
fn a_filing_without_a_statement_keeps_its_reason() {
    let mut history = History::open_in_memory().unwrap();
    let record = record("0001020242-02-000500", "8-K", "2002-12-20", "cc33");
    let outcome = FilingOutcome::NoStatement("no monthly statement in any document".into());
    history.load(&record, &outcome).unwrap();
    assert!(history.load(&record, &outcome).unwrap().unchanged);
    assert_eq!(
        text(&history, "SELECT status || ': ' || error FROM filings").as_deref(),
        Some("no_statement: no monthly statement in any document")
    );
}

#[test]
fn record_fetched_then_load_and_needs_load() {
    let mut history = History::open_in_memory().unwrap();
    let rec = record(ORIGINAL, "8-K", "2002-12-06", "aa11");
    assert!(history.needs_load(&rec, 1).unwrap());
    history.record_fetched(&rec).unwrap();
    assert_eq!(
        history.filing(ORIGINAL).unwrap().unwrap().status,
        FilingStatus::Fetched
    );
    assert!(history.needs_load(&rec, 1).unwrap());

    history
        .load(&rec, &parsed(vec![november(IMPAC_1)]))
        .unwrap();
    assert!(!history.needs_load(&rec, 1).unwrap());
    assert!(
        history.needs_load(&rec, 2).unwrap(),
        "an extractor newer than the one that read it"
    );
    assert!(
        history
            .needs_load(&record(ORIGINAL, "8-K", "2002-12-06", "ff00"), 1)
            .unwrap(),
        "other bytes"
    );

    // Seeing the bytes again does not demote a parsed filing.
    history.record_fetched(&rec).unwrap();
    let row = history.filing(ORIGINAL).unwrap().unwrap();
    assert_eq!((row.status, row.layouts.len()), (FilingStatus::Parsed, 1));
}
