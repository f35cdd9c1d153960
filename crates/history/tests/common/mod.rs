//! Statements built by hand, with figures of the Impac CMB Trust 2002-1 statement for the
//! November 25, 2002 distribution (the real fixture), so the tests read like the statement.
#![allow(dead_code)]

use remit_extract::{
    BondClass, Check, DelinquencyCell, LoanEvent, LoanEventKind, Party, PoolSummary, PoolValue,
    Statement, StatementHeader,
};
use remit_history::{FilingOutcome, FilingRecord, History};

pub const IMPAC_1: &str = "Impac CMB Trust 2002-1";
pub const IMPAC_2: &str = "Impac CMB Trust 2002-2";
pub const IMPAC_CIK: u64 = 1017447;

pub fn record(accession: &str, form: &str, filed_date: &str, sha256: &str) -> FilingRecord {
    FilingRecord {
        accession: accession.to_string(),
        cik: IMPAC_CIK,
        form: form.to_string(),
        filed_date: Some(filed_date.to_string()),
        source: format!("data/raw/{accession}.txt"),
        sha256: sha256.to_string(),
    }
}

pub fn parsed(statements: Vec<Statement>) -> FilingOutcome {
    FilingOutcome::Parsed(statements)
}

pub fn class(class: &str, face: f64, prior: f64, principal: f64, current: f64) -> BondClass {
    BondClass {
        tier: String::new(),
        class: class.to_string(),
        class_type: Some("FLT".to_string()),
        original_face: Some(face),
        prior_balance: Some(prior),
        principal: Some(principal),
        current_balance: Some(current),
        realized_loss: Some(0.0),
        td_realized_loss: Some(0.0),
        ..BondClass::default()
    }
}

pub fn value(report: &str, section: &str, label: &str, col: &str, value: f64) -> PoolValue {
    PoolValue {
        report: report.to_string(),
        section: section.to_string(),
        label: label.to_string(),
        col: col.to_string(),
        occurrence: 1,
        value: Some(value),
        raw: value.to_string(),
    }
}

pub fn cell(scope: &str, status: &str, bucket: &str, balance: f64, loans: i64) -> DelinquencyCell {
    DelinquencyCell {
        scope: scope.to_string(),
        status: status.to_string(),
        bucket: bucket.to_string(),
        balance: Some(balance),
        pct_balance: None,
        loans: Some(loans),
        pct_loans: None,
    }
}

/// The November 2002 statement of `trust`: classes A, B and Cert; the Collateral, Prepayment,
/// Realized Loss and Credit Enhancement figures the views read; the total delinquency table
/// (plus cells the views must ignore); one prepaid loan; three checks, one failing.
pub fn november(trust: &str) -> Statement {
    let mut a = class(
        "A",
        470_000_000.0,
        420_966_165.6,
        8_404_241.802,
        412_561_923.8,
    );
    a.interest = Some(779_372.08);
    a.cusip = Some("45254NCG0".to_string());
    a.accrual_start = Some("2002-10-25".to_string());
    a.accrual_end = Some("2002-11-24".to_string());
    a.accrual_method = Some("A-Act/360".to_string());
    a.pass_through_rate = Some(0.0215);
    let mut b = class(
        "B",
        25_000_000.0,
        22_391_817.32,
        447_034.138_4,
        21_944_783.18,
    );
    b.interest = Some(78_669.92);
    let mut cert = class("Cert", 0.0, 0.0, 0.0, 0.0);
    cert.class_type = None;
    cert.interest = Some(1_125_557.452);

    let collateral =
        |label: &str, col: &str, v: f64| value("Collateral Report", "COLLATERAL", label, col, v);
    let mut pool_values = vec![
        collateral("Principal Balance: Current", "ADJUSTABLE", 433_558_779.7),
        collateral("Principal Balance: Current", "FIXED", 5_947_927.29),
        collateral("Principal Balance: Current", "TOTAL", 439_506_706.9),
        collateral("Loan Count: Current", "TOTAL", 1909.0),
        value(
            "Prepayment Report",
            "VOLUNTARY PREPAYMENT RATES",
            "SMM",
            "TOTAL",
            0.018730096,
        ),
        value(
            "Prepayment Report",
            "VOLUNTARY PREPAYMENT RATES",
            "CPR",
            "TOTAL",
            0.203066,
        ),
        value(
            "Realized Loss Report",
            "DEFAULT SPEEDS",
            "CDR",
            "TOTAL",
            0.0,
        ),
        value(
            "Realized Loss Report",
            "COLLATERAL REALIZED LOSSES",
            "Cumulative: Collateral Realized Loss/(Gain) Amount",
            "TOTAL",
            0.0,
        ),
        value(
            "Credit Enhancement Report",
            "STRUCTURAL FEATURES",
            "Current Periods Overcollateralization Amt",
            "TOTAL",
            5_000_000.0,
        ),
    ];
    pool_values.push(PoolValue {
        report: "Triggers, Adj. Rate Cert. and Miscellaneous Report".to_string(),
        section: "TRIGGER EVENTS".to_string(),
        label: "Trigger Event in effect".to_string(),
        col: "TOTAL".to_string(),
        occurrence: 1,
        value: None,
        raw: "No".to_string(),
    });

    let delinquency = vec![
        cell("Total", "TOTAL", "CURRENT", 296_241.79, 3),
        cell("Total", "TOTAL", "1 PAYMENT", 3_402_256.1, 17),
        cell("Total", "TOTAL", "2 PAYMENTS", 2_418_384.83, 12),
        cell("Total", "TOTAL", "3+ PAYMENTS", 4_708_121.93, 25),
        cell("Total", "TOTAL", "TOTAL", 10_825_004.65, 57),
        // Neither of these may count towards 60+ days: not the TOTAL status, not the Total scope.
        cell("Total", "DELINQUENT", "2 PAYMENTS", 2_249_133.33, 11),
        cell("Fixed Group", "TOTAL", "2 PAYMENTS", 43_694.62, 1),
    ];

    Statement {
        trust_name: trust.to_string(),
        distribution_date: Some("2002-11-25".to_string()),
        layout: "db-remittance-2002".to_string(),
        layout_version: 1,
        header: StatementHeader {
            record_date: Some("2002-10-31".to_string()),
            cutoff_date: Some("2002-02-01".to_string()),
            closing_date: Some("2002-02-27".to_string()),
            first_payment_date: Some("2002-03-25".to_string()),
            product: Some("Collateralized Asset-Backed Bonds".to_string()),
            series: Some("Series 2002-1".to_string()),
            parties: vec![
                Party {
                    role: "Seller".to_string(),
                    name: "IMPAC Mortgage Holdings Inc.".to_string(),
                },
                Party {
                    role: "Certificate Insurer".to_string(),
                    name: "AMBAC Indemnity Corporation".to_string(),
                },
            ],
        },
        classes: vec![a, b, cert],
        pool_values,
        delinquency,
        // What the layout reads from the labels above (and the delinquency cells).
        pool: vec![
            PoolSummary {
                scope: "Total".to_string(),
                prior_balance: Some(448_357_982.9),
                current_balance: Some(439_506_706.9),
                prior_loan_count: Some(1944),
                current_loan_count: Some(1909),
                scheduled_principal: Some(462_143.74),
                unscheduled_principal: Some(8_389_132.2),
                smm: Some(0.018730096),
                cpr: Some(0.203066),
                cdr: Some(0.0),
                realized_loss: Some(0.0),
                cum_realized_loss: Some(0.0),
                dq60_balance: Some(2_418_384.83 + 4_708_121.93),
                oc_amount: Some(5_000_000.0),
            },
            PoolSummary {
                scope: "FIXED".to_string(),
                current_balance: Some(5_947_927.29),
                ..PoolSummary::default()
            },
        ],
        loan_events: vec![LoanEvent {
            kind: LoanEventKind::Prepaid,
            loan_number: "1101234567".to_string(),
            loan_group: Some("Adjustable Group".to_string()),
            status: None,
            original_balance: Some(313_500.0),
            balance: Some(311_240.55),
            event_date: Some("2002-10-31".to_string()),
            note_rate: Some(0.07625),
            state: Some("MO".to_string()),
            ltv: Some(0.95),
            loan_type: Some("Paid Off".to_string()),
            original_term: Some(360),
            origination_date: Some("2001-12-14".to_string()),
            realized_loss: None,
        }],
        checks: vec![
            check("class A (4)=(2)+(3)", true, 9_183_613.882, 9_183_613.882),
            check("class B (4)=(2)+(3)", true, 525_704.058_4, 525_704.058_4),
            check("delinquency TOTAL row", false, 10_825_004.65, 10_825_004.66),
        ],
        warnings: Vec::new(),
        ..Statement::default()
    }
}

fn check(name: &str, passed: bool, expected: f64, actual: f64) -> Check {
    Check {
        name: name.to_string(),
        passed,
        expected,
        actual,
        detail: String::new(),
    }
}

/// The same trust a month later (or earlier), with the balances the months differ by.
pub fn month(trust: &str, date: &str, pool_balance: f64, class_a_balance: f64) -> Statement {
    let mut s = november(trust);
    s.distribution_date = Some(date.to_string());
    for v in &mut s.pool_values {
        if v.label == "Principal Balance: Current" && v.col == "TOTAL" {
            v.value = Some(pool_balance);
        }
    }
    s.pool[0].current_balance = Some(pool_balance);
    if let Some(a) = s.classes.iter_mut().find(|c| c.class == "A") {
        a.current_balance = Some(class_a_balance);
    }
    s
}

pub fn count(history: &History, sql: &str) -> i64 {
    history
        .connection()
        .query_row(sql, [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

pub fn real(history: &History, sql: &str) -> Option<f64> {
    history
        .connection()
        .query_row(sql, [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

pub fn text(history: &History, sql: &str) -> Option<String> {
    history
        .connection()
        .query_row(sql, [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}
