//! The schema on disk: built by migrations, every column of the contract present, WAL and
//! foreign keys on, read-only handles that cannot write.

mod common;

use common::*;
use remit_history::{Error, History, SCHEMA_VERSION};

/// Every column docs/schema.md lists, table by table.
const CONTRACT: &[(&str, &[&str])] = &[
    (
        "filings",
        &[
            "accession",
            "cik",
            "form",
            "filed_date",
            "source",
            "sha256",
            "status",
            "error",
        ],
    ),
    (
        "statements",
        &[
            "id",
            "accession",
            "cik",
            "trust_name",
            "distribution_date",
            "layout",
            "superseded",
        ],
    ),
    (
        "bond_classes",
        &[
            "statement_id",
            "tier",
            "class",
            "class_type",
            "original_face",
            "prior_balance",
            "interest",
            "principal",
            "total_distribution",
            "realized_loss",
            "deferred_interest",
            "current_balance",
            "accrual_start",
            "accrual_end",
            "accrual_method",
            "cusip",
            "factor_face",
            "factor_prior_balance",
            "factor_interest",
            "factor_principal",
            "factor_total_distribution",
            "factor_current_balance",
            "td_interest",
            "td_unscheduled_principal",
            "td_scheduled_principal",
            "td_total_principal",
            "td_total_distribution",
            "td_realized_loss",
            "td_deferred_interest",
            "pass_through_rate",
            "accrued_interest",
            "non_supported_interest_sf",
            "prior_unpaid_interest",
            "unscheduled_interest_adjustments",
            "optimal_interest",
            "paid_or_deferred_interest",
            "current_unpaid_interest",
        ],
    ),
    (
        "pool_values",
        &[
            "statement_id",
            "report",
            "section",
            "label",
            "col",
            "occurrence",
            "value",
            "raw",
        ],
    ),
    (
        "delinquency",
        &[
            "statement_id",
            "scope",
            "status",
            "bucket",
            "balance",
            "pct_balance",
            "loans",
            "pct_loans",
        ],
    ),
    (
        "loan_events",
        &[
            "statement_id",
            "kind",
            "loan_number",
            "loan_group",
            "status",
            "original_balance",
            "balance",
            "event_date",
            "note_rate",
            "state",
            "ltv",
            "type",
            "original_term",
            "origination_date",
            "realized_loss",
        ],
    ),
    (
        "checks",
        &[
            "statement_id",
            "name",
            "passed",
            "expected",
            "actual",
            "detail",
        ],
    ),
    // remit's own.
    (
        "statements",
        &[
            "record_date",
            "cutoff_date",
            "closing_date",
            "first_payment_date",
            "product",
            "series",
            "layout_version",
            "filed_date",
            "loaded_at",
        ],
    ),
    ("parties", &["statement_id", "role", "name"]),
    (
        "runs",
        &[
            "id",
            "command",
            "started_at",
            "finished_at",
            "status",
            "watermark",
            "summary",
        ],
    ),
    (
        "class_history",
        &[
            "trust_name",
            "tier",
            "class",
            "distribution_date",
            "original_face",
            "prior_balance",
            "current_balance",
            "factor",
            "interest",
            "principal",
            "realized_loss",
            "td_realized_loss",
            "cik",
            "accession",
        ],
    ),
    (
        "pool_history",
        &[
            "trust_name",
            "distribution_date",
            "pool_balance",
            "loan_count",
            "smm",
            "cpr",
            "cdr",
            "dq60_pct",
            "cum_realized_loss",
            "oc_amount",
        ],
    ),
    (
        "delinquency_history",
        &[
            "trust_name",
            "distribution_date",
            "scope",
            "status",
            "bucket",
            "balance",
            "pct_balance",
            "loans",
            "pct_loans",
        ],
    ),
];

#[test]
fn every_contract_column_exists() {
    let history = History::open_in_memory().unwrap();
    for (table, columns) in CONTRACT {
        let mut stmt = history
            .connection()
            .prepare(&format!("PRAGMA table_info({table})"))
            .unwrap();
        let present: Vec<String> = stmt
            .query_map([], |r| r.get(1))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for column in *columns {
            assert!(
                present.iter().any(|p| p == column),
                "{table}.{column} missing (has {present:?})"
            );
        }
    }
}

#[test]
fn a_file_history_is_migrated_in_wal_with_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("remit.db");
    let mut history = History::open(&path).unwrap();
    let conn = history.connection();
    let pragma = |name: &str| -> String {
        conn.query_row(&format!("PRAGMA {name}"), [], |r| {
            r.get::<_, rusqlite::types::Value>(0)
        })
        .map(|v| format!("{v:?}"))
        .unwrap()
    };
    assert_eq!(pragma("journal_mode"), "Text(\"wal\")");
    assert_eq!(pragma("foreign_keys"), "Integer(1)");
    assert_eq!(pragma("busy_timeout"), "Integer(10000)");
    assert_eq!(pragma("user_version"), format!("Integer({SCHEMA_VERSION})"));
    history
        .load(
            &record("0001020242-02-000466", "8-K", "2002-12-06", "aa11"),
            &parsed(vec![november(IMPAC_1)]),
        )
        .unwrap();
    // Foreign keys are enforced: a row for a statement that does not exist is refused.
    let orphan = history.connection().execute(
        "INSERT INTO checks (statement_id, name, passed) VALUES (999, 'x', 1)",
        [],
    );
    assert!(orphan.is_err());
    drop(history);

    // Reopening applies nothing new and finds the rows.
    let history = History::open(&path).unwrap();
    assert_eq!(history.counts().unwrap().pool_values, 10);
}

#[test]
fn a_read_only_history_reads_but_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("remit.db");
    let mut writer = History::open(&path).unwrap();
    writer
        .load(
            &record("0001020242-02-000466", "8-K", "2002-12-06", "aa11"),
            &parsed(vec![november(IMPAC_1)]),
        )
        .unwrap();

    // Opened while the writer is still open: WAL lets both be.
    let mut reader = History::open_read_only(&path).unwrap();
    assert_eq!(
        real(&reader, "SELECT pool_balance FROM pool_history"),
        Some(439_506_706.9)
    );
    assert!(reader
        .connection()
        .execute("DELETE FROM checks", [])
        .is_err());
    let again = reader.load(
        &record("0001020242-03-000001", "8-K", "2003-01-06", "ee55"),
        &parsed(vec![november(IMPAC_2)]),
    );
    assert!(matches!(again, Err(Error::Sqlite(_))), "{again:?}");
    assert_eq!(writer.counts().unwrap().statements, 1);
}

#[test]
fn read_only_needs_an_existing_current_history() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        History::open_read_only(dir.path().join("missing.db")),
        Err(Error::Open { .. })
    ));

    let empty = dir.path().join("empty.db");
    rusqlite::Connection::open(&empty)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    let err = History::open_read_only(&empty).unwrap_err();
    assert!(
        matches!(err, Error::OutdatedSchema { found: 0, .. }),
        "{err}"
    );
}

#[test]
fn a_history_from_a_newer_remit_is_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("remit.db");
    drop(History::open(&path).unwrap());
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let err = History::open(&path).unwrap_err();
    assert!(matches!(err, Error::NewerSchema { found: 99, .. }), "{err}");
    // Reading it is fine: a newer schema only adds.
    assert!(History::open_read_only(&path).is_ok());
}

#[test]
fn a_history_of_schema_2_keeps_its_pool_history_through_the_pool_summary_migration() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("remit.db");
    let mut history = History::open(&path).unwrap();
    history
        .load(
            &record("0001020242-02-000466", "8-K", "2002-12-06", "aa11"),
            &parsed(vec![november(IMPAC_1)]),
        )
        .unwrap();
    // Back to schema 2: the statement's rows without a pool summary, the views of migration 2.
    history
        .connection()
        .execute_batch(concat!(
            "DROP VIEW class_history; DROP VIEW pool_history; DROP VIEW delinquency_history;
             DROP TABLE pool_summary; DROP VIEW continuity_history; DROP TABLE continuity;
             DROP TABLE continuity_pending; PRAGMA user_version = 2;",
            include_str!("../src/migrations/002_views.sql")
        ))
        .unwrap();
    drop(history);

    let history = History::open(&path).unwrap();
    let row: (f64, i64, f64, f64, f64) = history
        .connection()
        .query_row(
            "SELECT pool_balance, loan_count, cpr, dq60_pct, oc_amount FROM pool_history",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    assert_eq!(
        (row.0, row.1, row.2, row.4),
        (439_506_706.9, 1909, 0.203066, 5_000_000.0)
    );
    assert!((row.3 - 0.016_214_785_003_545_985).abs() < 1e-15);
}

#[test]
fn coverage_lands_on_a_history_already_past_its_migration() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("remit.db");
    let history = History::open(&path).unwrap();
    // A history built before migration 5 existed: schema 7 without its tables.
    history
        .connection()
        .execute_batch("DROP TABLE unplaced_figures; DROP TABLE statement_coverage;")
        .unwrap();
    drop(history);

    let mut history = History::open(&path).unwrap();
    let version: i64 = history
        .connection()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    let mut statement = november(IMPAC_1);
    statement.figures_printed = 12;
    statement.figures_stored = 11;
    statement.unplaced = vec![remit_extract::Unplaced {
        report: "Contents".into(),
        page: 1,
        line: 66,
        figure: "8".into(),
        text: "5. Collateral Report 8".into(),
    }];
    history
        .load(
            &record("0001020242-02-000466", "8-K", "2002-12-06", "aa11"),
            &parsed(vec![statement]),
        )
        .unwrap();
    let coverage: (i64, i64, String, i64, String) = history
        .connection()
        .query_row(
            "SELECT c.figures_printed, c.figures_stored, u.report, u.line, u.figure
             FROM statement_coverage c JOIN unplaced_figures u USING (statement_id)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    assert_eq!(coverage, (12, 11, "Contents".into(), 66, "8".into()));
}
