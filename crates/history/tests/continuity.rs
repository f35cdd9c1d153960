//! Month-to-month continuity on statements built by hand: the tolerance follows the printed
//! precision, a month listed twice and a missing month are gaps, a class that vanishes with a
//! balance is a break, a quarterly trust has no gaps, and loads mark trusts for a refresh.

mod common;

use common::*;
use remit_extract::{PoolSummary, Statement};
use remit_history::{Comparison, History};

/// A statement of `trust` for `date` with class A rolling from `prior` to `current`.
fn month(trust: &str, date: &str, prior: f64, current: f64) -> Statement {
    let mut a = class("A", 470_000_000.0, prior, prior - current, current);
    a.interest = Some(1_000.0);
    Statement {
        trust_name: trust.to_string(),
        distribution_date: Some(date.to_string()),
        layout: "db-remittance-2002".into(),
        layout_version: 1,
        classes: vec![a],
        ..Statement::default()
    }
}

fn load(history: &mut History, n: usize, statement: Statement) -> i64 {
    let accession = format!("0001020242-02-{n:06}");
    let filed = format!("2002-12-{:02}", 1 + n % 28);
    let report = history
        .load(
            &record(&accession, "8-K", &filed, &format!("sha{n}")),
            &parsed(vec![statement]),
        )
        .unwrap();
    report.statement_ids[0]
}

fn failed(history: &History) -> Vec<Comparison> {
    history.continuity(None, true).unwrap()
}

#[test]
fn balances_carry_over_within_the_printed_precision() {
    let mut history = History::open_in_memory().unwrap();
    // Printed to a tenth of a dollar: 0.04 apart is rounding, 0.3 apart is a break.
    load(
        &mut history,
        1,
        month(IMPAC_1, "2002-09-25", 430_000_000.0, 420_966_165.6),
    );
    load(
        &mut history,
        2,
        month(IMPAC_1, "2002-10-25", 420_966_165.64, 412_561_923.8),
    );
    let third = load(
        &mut history,
        3,
        month(IMPAC_1, "2002-11-25", 412_561_923.5, 404_000_000.0),
    );
    assert_eq!(history.continuity_pending().unwrap(), 1);
    let report = history.refresh_continuity().unwrap();
    assert_eq!(history.continuity_pending().unwrap(), 0);
    assert_eq!((report.trusts, report.breaks, report.gaps), (1, 1, 0));

    let all = history.continuity(Some(IMPAC_1), false).unwrap();
    let balance: Vec<&Comparison> = all.iter().filter(|c| c.scope == "A").collect();
    // The balance and the to-date loss (printed as 0 with a loss of 0); no other to-date figure
    // is printed in these statements.
    let names: Vec<&str> = balance.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "prior_balance = previous current_balance",
            "td_realized_loss = previous td_realized_loss + realized_loss",
        ]
        .repeat(2)
    );
    assert!(balance[0].passed);
    assert!(
        (balance[0].tolerance - (0.05 + 0.005)).abs() < 1e-12,
        "{balance:?}"
    );
    let broken = &failed(&history)[0];
    assert_eq!(broken.statement_id, third);
    assert_eq!(broken.expected, Some(412_561_923.8));
    assert_eq!(broken.found, Some(412_561_923.5));
    // Both printed to the tenth: half a tenth each.
    assert!((broken.tolerance - 0.1).abs() < 1e-12, "{broken:?}");
    assert!(!broken.passed);
}

#[test]
fn a_month_listed_twice_and_a_missing_month_are_gaps() {
    let mut history = History::open_in_memory().unwrap();
    load(&mut history, 1, month(IMPAC_1, "2002-03-25", 100.0, 90.0));
    load(&mut history, 2, month(IMPAC_1, "2002-04-25", 90.0, 80.0));
    // A second statement dated within April (a misprinted date), then May is never filed.
    let twice = load(&mut history, 3, month(IMPAC_1, "2002-04-26", 80.0, 70.0));
    let june = load(&mut history, 4, month(IMPAC_1, "2002-06-25", 70.0, 60.0));
    load(&mut history, 5, month(IMPAC_1, "2002-07-25", 60.0, 50.0));
    history.refresh_continuity().unwrap();

    let gaps: Vec<(i64, f64, String)> = failed(&history)
        .into_iter()
        .map(|c| {
            assert_eq!(c.kind, "sequence");
            (c.statement_id, c.found.unwrap(), c.detail.unwrap())
        })
        .collect();
    assert_eq!(
        gaps,
        vec![
            (
                twice,
                0.0,
                "2002-04 listed twice: 2002-04-25 and 2002-04-26".into()
            ),
            (june, 2.0, "missing: 2002-05".into()),
        ]
    );
    let quality = history.trust_quality().unwrap();
    assert_eq!((quality[0].breaks, quality[0].gaps), (0, 2));
}

#[test]
fn a_quarterly_trust_has_no_gaps_and_a_vanished_class_is_a_break() {
    let mut history = History::open_in_memory().unwrap();
    load(&mut history, 1, month(IMPAC_2, "2002-03-25", 100.0, 90.0));
    load(&mut history, 2, month(IMPAC_2, "2002-06-25", 90.0, 80.0));
    let mut september = month(IMPAC_2, "2002-09-25", 80.0, 70.0);
    september.classes[0].class = "A-1".into();
    let september = load(&mut history, 3, september);
    history.refresh_continuity().unwrap();

    let sequence: Vec<Comparison> = history
        .continuity(Some(IMPAC_2), false)
        .unwrap()
        .into_iter()
        .filter(|c| c.kind == "sequence")
        .collect();
    assert_eq!(sequence.len(), 2);
    assert!(sequence.iter().all(|c| c.passed && c.expected == Some(3.0)));
    // Class A held 80 and is gone; A-1 appears carrying 80 from nowhere.
    let breaks: Vec<(String, Option<f64>, Option<f64>, i64)> = failed(&history)
        .into_iter()
        .map(|c| (c.scope, c.expected, c.found, c.statement_id))
        .collect();
    assert_eq!(
        breaks,
        vec![
            ("A".into(), Some(80.0), None, september),
            ("A-1".into(), None, Some(80.0), september),
        ]
    );
}

/// A month of `trust` whose pool rolls from (`prior`, `prior_loans`) to (`current`, `loans`) with
/// `loss` realized this month and `cumulative` to date.
fn pool_month(
    trust: &str,
    date: &str,
    (prior, prior_loans): (f64, i64),
    (current, loans): (f64, i64),
    (loss, cumulative): (f64, f64),
) -> Statement {
    let mut statement = month(trust, date, 100.0, 100.0);
    statement.pool = vec![PoolSummary {
        scope: PoolSummary::TOTAL.into(),
        prior_balance: Some(prior),
        current_balance: Some(current),
        prior_loan_count: Some(prior_loans),
        current_loan_count: Some(loans),
        realized_loss: Some(loss),
        cum_realized_loss: Some(cumulative),
        ..PoolSummary::default()
    }];
    statement
}

#[test]
fn the_pool_carries_balance_and_loan_count_over_and_adds_up_its_losses() {
    let mut history = History::open_in_memory().unwrap();
    let (a, b, c) = ("2002-09-25", "2002-10-25", "2002-11-25");
    load(
        &mut history,
        1,
        pool_month(
            IMPAC_1,
            a,
            (450_000_000.0, 1950),
            (443_357_982.93, 1930),
            (0.0, 1_000.0),
        ),
    );
    load(
        &mut history,
        2,
        pool_month(
            IMPAC_1,
            b,
            (443_357_982.93, 1930),
            (439_506_706.90, 1909),
            (2_500.55, 3_500.55),
        ),
    );
    // November: one loan short of October's count, and a cumulative loss that forgot a dollar.
    let november = load(
        &mut history,
        3,
        pool_month(
            IMPAC_1,
            c,
            (439_506_706.90, 1908),
            (435_000_000.0, 1890),
            (100.0, 3_599.55),
        ),
    );
    history.refresh_continuity().unwrap();

    let pool: Vec<Comparison> = history
        .continuity(Some(IMPAC_1), false)
        .unwrap()
        .into_iter()
        .filter(|c| c.kind == "pool")
        .collect();
    assert_eq!(pool.len(), 6);
    assert!(pool.iter().all(|c| c.scope == "Total"));
    type Break<'a> = (i64, &'a str, Option<f64>, Option<f64>, f64);
    let broken: Vec<Break> = pool
        .iter()
        .filter(|c| !c.passed)
        .map(|c| {
            (
                c.statement_id,
                c.name.as_str(),
                c.expected,
                c.found,
                c.tolerance,
            )
        })
        .collect();
    assert_eq!(
        broken,
        vec![
            (
                november,
                "cum_realized_loss = previous cum_realized_loss + realized_loss",
                Some(3_600.55),
                Some(3_599.55),
                0.005 + 0.5 + 0.005
            ),
            (
                november,
                "prior_loan_count = previous current_loan_count",
                Some(1909.0),
                Some(1908.0),
                0.0
            ),
        ]
    );
}
