//! Synthetic statements that differ from the fixture (other groups, classes, tiers, columns a
//! position off, extra and unknown reports), to prove nothing is keyed to the one real file.

use remit_extract::{extract, CleanStatement, Statement};
use remit_normalize::{Line, Report};

fn report(title: &str, tier: Option<&str>, text: &str) -> Report {
    Report {
        title: title.to_string(),
        tier: tier.map(str::to_string),
        lines: text
            .lines()
            .enumerate()
            .map(|(i, l)| Line {
                text: l.to_string(),
                page: 1,
                line: i as u32 + 1,
            })
            .collect(),
    }
}

fn statement(reports: Vec<Report>) -> CleanStatement {
    CleanStatement {
        trust_name: Some("Example Trust 2004-3".into()),
        header_lines: vec![
            "Mortgage Pass-Through Certificates".into(),
            "Series 2004-3".into(),
        ],
        distribution_date: Some("March 25, 2004".into()),
        reports,
        ..CleanStatement::default()
    }
}

const CLASSES: &str = "
               Distribution in Dollars - Current Period
                              Prior                                        Current
               Class          Principal                                    Principal
Class          Type           Balance        Interest       Principal      Balance
                              (1)            (2)            (3)            (4)=(1)-(3)
A-1            SEN              100000000.5       41000.25     1000000.25    99000000.25
A-2            SEN                 50000000       20000.00              0       50000000
M-1            MEZ                 10000000        5000.75        1000.75     9998999.25
Total                           160000000.5       66001.00     1001001.00    158998999.5
";

const COLLECTIONS: &str = "
               Collection Account Report
SUMMARY                                                                                   Group 1        Group 2        Group 3        TOTAL
               Principal Collections                                                      1,000.00       2,000.00       3,000.00       6,000.00
               Interest Collections                                                       (10.00)        20.00          30.00          40.00
               TOTAL COLLECTIONS                                                          990.00         2,020.00       3,030.00       6,040.00
";

fn collections(shift: usize) -> String {
    // Shift every figure right by `shift` columns against the unchanged header.
    COLLECTIONS
        .lines()
        .map(|l| {
            if l.contains("Collections") || l.contains("COLLECTIONS") {
                let (label, figures) = l.split_at(90);
                format!("{label}{}{figures}", " ".repeat(shift))
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

const DELINQUENCY: &str = "
               Delinquency Report  -  Group 1
                                                            CURRENT        1 PAYMENT      2  PAYMTS      3+  PAYMTS     TOTAL
DELINQUENT                    Balance                                             100.00          50.00          25.00         175.00
                              # Loans                                                  2              1              1              4
FORECLOSURE                   Balance                                10.00             0              0              0          10.00
                              # Loans                                    1             0              0              0              1
TOTAL                         Balance                                10.00        100.00          50.00          25.00         185.00
                              # Loans                                    1             2              1              1              5
";

fn read(reports: Vec<Report>) -> Statement {
    extract(&statement(reports)).expect("reads")
}

fn standard(extra: Vec<Report>, collections_shift: usize) -> Statement {
    let mut reports = vec![
        report("Certificate Payment Report", Some("REMIC II"), CLASSES),
        report(
            "Collection Account Report",
            None,
            &collections(collections_shift),
        ),
        report("Delinquency Report", None, DELINQUENCY),
    ];
    reports.extend(extra);
    read(reports)
}

fn value(s: &Statement, label: &str, col: &str) -> Option<f64> {
    s.pool_values
        .iter()
        .find(|v| v.label == label && v.col == col)
        .and_then(|v| v.value)
}

#[test]
fn other_classes_tiers_and_groups() {
    let s = standard(Vec::new(), 0);
    assert_eq!(s.layout, "db-remittance-2002");
    assert_eq!(s.distribution_date.as_deref(), Some("2004-03-25"));
    assert_eq!(s.header.series.as_deref(), Some("Series 2004-3"));
    let names: Vec<(&str, &str)> = s
        .classes
        .iter()
        .map(|c| (c.tier.as_str(), c.class.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("REMIC II", "A-1"),
            ("REMIC II", "A-2"),
            ("REMIC II", "M-1")
        ]
    );
    let m1 = &s.classes[2];
    assert_eq!(
        (
            m1.class_type.as_deref(),
            m1.prior_balance,
            m1.current_balance
        ),
        (Some("MEZ"), Some(10000000.0), Some(9998999.25))
    );
    assert_eq!(value(&s, "Interest Collections", "Group 1"), Some(-10.0));
    assert_eq!(value(&s, "Principal Collections", "Group 3"), Some(3000.0));
    assert_eq!(value(&s, "TOTAL COLLECTIONS", "TOTAL"), Some(6040.0));
    let d = s
        .delinquency
        .iter()
        .find(|c| c.scope == "Group 1" && c.status == "TOTAL" && c.bucket == "CURRENT")
        .expect("cell");
    assert_eq!((d.balance, d.loans), (Some(10.0), Some(1)));
    // This Collection Account prints no TOTAL PRINCIPAL row: the principal identity is recorded
    // as not evaluated, saying so, and nothing else fails.
    let failed: Vec<(&str, &str)> = s
        .checks
        .iter()
        .filter(|c| !c.passed)
        .map(|c| (c.name.as_str(), c.detail.as_str()))
        .collect();
    assert_eq!(failed, [(
        "Collection Account Report/SUMMARY/TOTAL PRINCIPAL = Certificate Payment Report principal",
        "not evaluated: row \"TOTAL PRINCIPAL\" not found in Collection Account Report (SUMMARY)"
    )]);
    let names: Vec<&str> = s.checks.iter().map(|c| c.name.as_str()).collect();
    for expected in [
        "Certificate Payment Report [REMIC II]/M-1: (4)=(1)-(3)",
        "Certificate Payment Report [REMIC II]/Total: Interest = sum of classes",
        "Collection Account Report/SUMMARY/Interest Collections: Group 1 + Group 2 + Group 3 = TOTAL",
        "Collection Account Report/SUMMARY/TOTAL COLLECTIONS: Group 2 = sum of the 2 above",
        "Delinquency Report/Group 1/TOTAL: buckets = TOTAL [balance]",
        "Delinquency Report/Group 1/CURRENT: statuses = TOTAL [balance]",
    ] {
        assert!(names.contains(&expected), "missing {expected} in {names:?}");
    }
}

#[test]
fn figures_a_column_or_two_off_still_land() {
    for shift in [1, 2] {
        let s = standard(Vec::new(), shift);
        assert_eq!(
            value(&s, "Principal Collections", "Group 1"),
            Some(1000.0),
            "shift {shift}"
        );
        assert_eq!(
            value(&s, "Interest Collections", "Group 2"),
            Some(20.0),
            "shift {shift}"
        );
        assert_eq!(
            value(&s, "TOTAL COLLECTIONS", "TOTAL"),
            Some(6040.0),
            "shift {shift}"
        );
        let failed: Vec<&str> = s
            .checks
            .iter()
            .filter(|c| !c.passed)
            .map(|c| c.name.as_str())
            .collect();
        // Only the identity this Collection Account cannot give (no TOTAL PRINCIPAL row).
        assert_eq!(
            failed,
            ["Collection Account Report/SUMMARY/TOTAL PRINCIPAL = Certificate Payment Report principal"],
            "shift {shift}"
        );
    }
}

#[test]
fn a_wrong_total_is_a_failed_check_not_an_error() {
    let broken = CLASSES.replace("99000000.25", "99000000.35");
    let s = read(vec![
        report("Certificate Payment Report", None, &broken),
        report("Collection Account Report", None, COLLECTIONS),
        report("Collateral Report", None, ""),
    ]);
    let check = s
        .checks
        .iter()
        .find(|c| c.name == "Certificate Payment Report/A-1: (4)=(1)-(3)")
        .expect("check");
    assert!(!check.passed, "{}", check.detail);
    assert_eq!(check.actual, 99000000.35);
    assert!((check.expected - 99000000.25).abs() < 1e-6);
}

#[test]
fn additional_certificate_report_is_read_as_sections() {
    let extra = report(
        "Additional Certificate Report",
        None,
        "
CLASS A-1 INFORMATION                                                                                                    TOTAL
               Net WAC Rate Carryover Amount                                                                              1,234.56
               Cap Payment Received                                                                                       No
",
    );
    let s = standard(vec![extra], 0);
    let v = s
        .pool_values
        .iter()
        .find(|v| {
            v.report == "Additional Certificate Report"
                && v.label == "Net WAC Rate Carryover Amount"
        })
        .expect("row");
    assert_eq!(
        (v.section.as_str(), v.col.as_str(), v.value),
        ("CLASS A-1 INFORMATION", "TOTAL", Some(1234.56))
    );
    let text = s
        .pool_values
        .iter()
        .find(|v| v.label == "Cap Payment Received")
        .expect("text cell");
    assert_eq!((text.value, text.raw.as_str()), (None, "No"));
}

#[test]
fn unknown_layout_is_still_stored() {
    let s = read(vec![report(
        "Servicer Remittance Summary",
        None,
        "
POOL BALANCES                                   Beginning          Ending
    Aggregate Loan Balance                      1,000,000.00       990,000.00
    Loans Outstanding                           12                 11
",
    )]);
    assert_eq!(s.layout, "unknown");
    assert!(s.warnings.iter().any(|w| w.contains("not recognised")));
    assert_eq!(
        value(&s, "Aggregate Loan Balance", "Ending"),
        Some(990000.0)
    );
    assert_eq!(value(&s, "Loans Outstanding", "Beginning"), Some(12.0));
}

#[test]
fn an_empty_statement_is_an_error() {
    assert!(extract(&CleanStatement::default()).is_err());
}
