//! The research views return figures computed by hand from the statements loaded.

mod common;

use common::*;
use remit_history::History;

fn three_months() -> History {
    let mut history = History::open_in_memory().unwrap();
    let months = [
        ("0001020242-02-000466", "2002-12-06", november(IMPAC_1)),
        (
            "0001020242-03-000001",
            "2003-01-06",
            month(IMPAC_1, "2002-12-26", 431_000_000.0, 405_000_000.0),
        ),
        (
            "0001020242-03-000020",
            "2003-02-06",
            month(IMPAC_1, "2003-01-27", 0.0, 398_000_000.0),
        ),
    ];
    for (accession, filed, statement) in months {
        history
            .load(
                &record(accession, "8-K", filed, accession),
                &parsed(vec![statement]),
            )
            .unwrap();
    }
    // An amendment of December that must hide the December 8-K from every view.
    history
        .load(
            &record("0001020242-03-000015", "8-K/A", "2003-01-20", "amend"),
            &parsed(vec![month(
                IMPAC_1,
                "2002-12-26",
                432_000_000.0,
                405_000_000.0,
            )]),
        )
        .unwrap();
    history
}

#[test]
fn class_history_gives_the_factor_of_each_class() {
    let history = three_months();
    let mut stmt = history
        .connection()
        .prepare(
            "SELECT distribution_date, class, original_face, prior_balance, current_balance, factor,
                    interest, principal, realized_loss, td_realized_loss, cik
             FROM class_history WHERE trust_name = ?1 AND tier = '' ORDER BY distribution_date, class",
        )
        .unwrap();
    type Row = (
        String,
        String,
        f64,
        f64,
        f64,
        Option<f64>,
        f64,
        f64,
        f64,
        f64,
        i64,
    );
    let rows: Vec<Row> = stmt
        .query_map([IMPAC_1], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
                r.get(10)?,
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    // 3 months x (A, B, Cert); the superseded December 8-K adds none.
    assert_eq!(rows.len(), 9);
    let a = &rows[0];
    assert_eq!(
        (a.0.as_str(), a.1.as_str(), a.2, a.3, a.4),
        (
            "2002-11-25",
            "A",
            470_000_000.0,
            420_966_165.6,
            412_561_923.8
        )
    );
    // 412,561,923.80 / 470,000,000 (the statement prints 877.7913271 per $1,000).
    assert!(
        (a.5.unwrap() - 0.877_791_327_234_042_6).abs() < 1e-15,
        "{:?}",
        a.5
    );
    assert_eq!(
        (a.6, a.7, a.8, a.9, a.10),
        (779_372.08, 8_404_241.802, 0.0, 0.0, 1017447)
    );
    let b = &rows[1];
    assert!((b.5.unwrap() - 0.877_791_327_2).abs() < 1e-12);
    // Cert has no face: no factor rather than a division by zero.
    assert_eq!((rows[2].1.as_str(), rows[2].5), ("Cert", None));
    // December's class A: 405,000,000 / 470,000,000.
    assert_eq!(
        (rows[3].0.as_str(), rows[3].1.as_str()),
        ("2002-12-26", "A")
    );
    assert!((rows[3].5.unwrap() - 0.861_702_127_659_574_4).abs() < 1e-15);
}

#[test]
fn pool_history_has_one_row_per_distribution_with_the_pool_figures() {
    let history = three_months();
    let mut stmt = history
        .connection()
        .prepare(
            "SELECT distribution_date, pool_balance, loan_count, smm, cpr, cdr, dq60_pct,
                    cum_realized_loss, oc_amount, accession
             FROM pool_history WHERE trust_name = ?1 ORDER BY distribution_date",
        )
        .unwrap();
    type Row = (
        String,
        f64,
        i64,
        f64,
        f64,
        f64,
        Option<f64>,
        f64,
        f64,
        String,
    );
    let rows: Vec<Row> = stmt
        .query_map([IMPAC_1], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let dates: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(dates, ["2002-11-25", "2002-12-26", "2003-01-27"]);

    let nov = &rows[0];
    assert_eq!(
        (nov.1, nov.2, nov.3, nov.4, nov.5, nov.7, nov.8),
        (
            439_506_706.9,
            1909,
            0.018730096,
            0.203066,
            0.0,
            0.0,
            5_000_000.0
        )
    );
    // 60+ days: (2,418,384.83 + 4,708,121.93) / 439,506,706.90 — the Total scope's TOTAL status only.
    assert!(
        (nov.6.unwrap() - 0.016_214_785_003_545_985).abs() < 1e-15,
        "{:?}",
        nov.6
    );
    // December is the amendment's: 7,126,506.76 / 432,000,000.
    assert_eq!(
        (rows[1].1, rows[1].9.as_str()),
        (432_000_000.0, "0001020242-03-000015")
    );
    assert!((rows[1].6.unwrap() - 7_126_506.76 / 432_000_000.0).abs() < 1e-15);
    // A pool balance of 0 gives no share rather than a division by zero.
    assert_eq!(rows[2].6, None);
}

#[test]
fn pool_history_figures_the_statement_does_not_print_are_null() {
    let mut history = History::open_in_memory().unwrap();
    let mut bare = november(IMPAC_1);
    bare.pool_values.clear();
    bare.delinquency.clear();
    bare.pool.clear();
    history
        .load(
            &record("0001020242-02-000466", "8-K", "2002-12-06", "aa11"),
            &parsed(vec![bare]),
        )
        .unwrap();
    let nulls = count(
        &history,
        "SELECT (pool_balance IS NULL) + (loan_count IS NULL) + (smm IS NULL) + (cpr IS NULL)
              + (cdr IS NULL) + (dq60_pct IS NULL) + (cum_realized_loss IS NULL) + (oc_amount IS NULL)
         FROM pool_history",
    );
    assert_eq!(nulls, 8);
}

#[test]
fn delinquency_history_leaves_superseded_statements_out() {
    let history = three_months();
    // 7 cells a statement, 3 current statements (the December 8-K is superseded).
    assert_eq!(
        count(&history, "SELECT count(*) FROM delinquency_history"),
        21
    );
    assert_eq!(count(&history, "SELECT count(*) FROM delinquency"), 28);
    assert_eq!(
        text(
            &history,
            "SELECT balance || '|' || loans || '|' || accession FROM delinquency_history
             WHERE distribution_date = '2002-12-26' AND scope = 'Total' AND status = 'TOTAL' AND bucket = '3+ PAYMENTS'"
        )
        .as_deref(),
        Some("4708121.93|25|0001020242-03-000015")
    );
}

#[test]
fn pool_summary_holds_one_row_per_scope_and_pool_history_reads_its_total() {
    let history = three_months();
    // Three current statements and the superseded December 8-K, two scopes each.
    assert_eq!(count(&history, "SELECT count(*) FROM pool_summary"), 8);
    assert_eq!(
        real(
            &history,
            "SELECT p.current_balance FROM pool_summary p JOIN statements s ON s.id = p.statement_id
             WHERE s.accession = '0001020242-02-000466' AND p.scope = 'FIXED'"
        ),
        Some(5_947_927.29)
    );
    let nov = |column: &str| {
        real(
            &history,
            &format!("SELECT {column} FROM pool_history WHERE distribution_date = '2002-11-25'"),
        )
    };
    assert_eq!(nov("prior_balance"), Some(448_357_982.9));
    assert_eq!(nov("prior_loan_count"), Some(1944.0));
    assert_eq!(nov("scheduled_principal"), Some(462_143.74));
    assert_eq!(nov("unscheduled_principal"), Some(8_389_132.2));
    assert_eq!(nov("realized_loss"), Some(0.0));
    // A statement's summary goes with it when a reparse replaces the filing.
    assert_eq!(
        count(
            &history,
            "SELECT count(*) FROM pool_summary WHERE statement_id NOT IN (SELECT id FROM statements)"
        ),
        0
    );
}
