//! Generated "Statement to Certificateholders" in the variants issuers printed load identically.

use remit_extract::Statement;
use remit_normalize::{normalize_document, parse_submission, statement_documents};
use remit_samples::{stc_submission, StcVariant};

fn read(v: &StcVariant) -> Statement {
    let text = stc_submission(v, 2);
    let submission = parse_submission(text.as_bytes()).expect("submission");
    let document = statement_documents(&submission)[0];
    remit_extract::extract(&normalize_document(&document.text)).expect("reads")
}

/// The reference variant with `line` printed right before its first class row.
fn read_with_line_before_the_first_class(line: &str) -> Statement {
    let text = stc_submission(&StcVariant::default(), 2);
    let rows = text.find("\n       I-").expect("a class row");
    let text = format!("{}\n{line}{}", &text[..rows], &text[rows..]);
    let submission = parse_submission(text.as_bytes()).expect("submission");
    let document = statement_documents(&submission)[0];
    remit_extract::extract(&normalize_document(&document.text)).expect("reads")
}

fn variants() -> Vec<(&'static str, StcVariant)> {
    let base = StcVariant::default();
    vec![
        (
            "principal before interest",
            StcVariant {
                principal_first: true,
                ..base
            },
        ),
        (
            "one-line headings",
            StcVariant {
                header_lines: 1,
                ..base
            },
        ),
        (
            "two-line headings",
            StcVariant {
                header_lines: 2,
                ..base
            },
        ),
        (
            "CLASS on the top line",
            StcVariant {
                class_on_top: true,
                ..base
            },
        ),
        (
            "bare zeros",
            StcVariant {
                bare_zeros: true,
                ..base
            },
        ),
        (
            "no markup",
            StcVariant {
                markup: false,
                ..base
            },
        ),
        (
            "all at once",
            StcVariant {
                principal_first: true,
                header_lines: 2,
                class_on_top: true,
                bare_zeros: true,
                markup: false,
                stop_after_classes: false,
            },
        ),
    ]
}

#[test]
fn the_reference_variant_reads_fully_and_every_check_passes() {
    let s = read(&StcVariant::default());
    assert_eq!(s.layout, "statement-to-certificateholders");
    assert_eq!(
        s.trust_name,
        "REMIT SAMPLE CAPITAL CORPORATION (SYNTHETIC) HOME EQUITY LOAN ASSET-BACKED CERTIFICATES SERIES 1999-1"
    );
    assert_eq!(s.distribution_date.as_deref(), Some("1999-05-15"));
    assert_eq!(s.header.record_date.as_deref(), Some("1999-04-30"));
    let count = |tier: &str| s.classes.iter().filter(|c| c.tier == tier).count();
    assert_eq!((count("REMIC I"), count("REMIC II")), (3, 4));
    let a1 = s.classes.iter().find(|c| c.class == "A-1").unwrap();
    assert_eq!(a1.cusip.as_deref(), Some("99999XAA1"));
    assert!(a1.pass_through_rate.is_some() && a1.factor_current_balance.is_some());
    assert_eq!(s.delinquency.len(), 2 * 5 * 4);
    let total = &s.pool[0];
    assert_eq!(total.scope, "Total");
    assert!(total.current_balance.is_some() && total.current_loan_count.is_some());
    assert!(total.dq60_balance.is_some() && total.oc_amount.is_some());
    let failed: Vec<_> = s
        .checks
        .iter()
        .filter(|c| !c.passed)
        .map(|c| &c.detail)
        .collect();
    assert!(failed.is_empty(), "{failed:#?}");
    assert!(s.checks.len() > 100, "{}", s.checks.len());
}

#[test]
fn every_variant_loads_the_same_rows() {
    let reference = read(&StcVariant::default());
    for (name, v) in variants() {
        let s = read(&v);
        assert_eq!(s.layout, reference.layout, "{name}");
        assert_eq!(s.trust_name, reference.trust_name, "{name}");
        assert_eq!(s.distribution_date, reference.distribution_date, "{name}");
        assert_eq!(s.header, reference.header, "{name}");
        assert_eq!(s.classes, reference.classes, "{name}");
        assert_eq!(s.delinquency, reference.delinquency, "{name}");
        assert_eq!(s.pool, reference.pool, "{name}");
        assert_eq!(s.pool_values.len(), reference.pool_values.len(), "{name}");
        let failed: Vec<_> = s
            .checks
            .iter()
            .filter(|c| !c.passed)
            .map(|c| &c.name)
            .collect();
        assert!(failed.is_empty(), "{name}: {failed:?}");
        assert_eq!(s.checks.len(), reference.checks.len(), "{name}");
    }
}

#[test]
fn a_statement_that_stops_after_its_class_table_still_loads_classes_and_dates() {
    let reference = read(&StcVariant::default());
    for markup in [true, false] {
        let s = read(&StcVariant {
            stop_after_classes: true,
            markup,
            ..StcVariant::default()
        });
        assert_eq!(s.layout, "statement-to-certificateholders");
        assert_eq!(s.trust_name, reference.trust_name);
        assert_eq!(s.distribution_date, reference.distribution_date);
        let first_tier: Vec<_> = reference
            .classes
            .iter()
            .filter(|c| c.tier == "REMIC I")
            .map(|c| {
                (
                    c.class.clone(),
                    c.prior_balance,
                    c.interest,
                    c.principal,
                    c.current_balance,
                )
            })
            .collect();
        let read: Vec<_> = s
            .classes
            .iter()
            .map(|c| {
                (
                    c.class.clone(),
                    c.prior_balance,
                    c.interest,
                    c.principal,
                    c.current_balance,
                )
            })
            .collect();
        assert_eq!(read, first_tier);
        assert!(s.checks.iter().all(|c| c.passed));
    }
}

#[test]
fn a_line_of_marks_under_the_headings_does_not_end_the_class_table() {
    // What a rule cut in two leaves when its end is not rejoined: `>-` between the headings'
    // rule and the first class. The classes below it are still the table's.
    let reference = read(&StcVariant::default());
    let s = read_with_line_before_the_first_class(">-");
    assert_eq!(s.classes, reference.classes);
}

#[test]
fn a_class_table_with_no_row_read_is_a_failed_check() {
    // A note between the first tier's headings and its rows ends that table before its first
    // class: the tier's classes are not read, and that is said, not left for a user to notice.
    let s = read_with_line_before_the_first_class("   (see note 1)");
    // Its factor table still names them, with no dollar figure.
    assert!(s
        .classes
        .iter()
        .filter(|c| c.tier == "REMIC I")
        .all(|c| c.prior_balance.is_none() && c.current_balance.is_none()));
    assert!(s.classes.iter().any(|c| c.tier == "REMIC II"));
    let check = s
        .checks
        .iter()
        .find(|c| c.name == "DISTRIBUTION IN DOLLARS [REMIC I]/classes")
        .expect("a check for the table read empty");
    assert!(!check.passed);
    assert!(
        check.detail.contains("no class row read"),
        "{}",
        check.detail
    );
}
