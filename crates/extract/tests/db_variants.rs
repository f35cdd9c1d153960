//! Generated Deutsche Bank 2002 statements printed as other trusts of that trustee print them
//! (`(c) COPYRIGHT` footers, pool reports with a TOTAL column only, an Additional Certificate
//! Report) load the same figures as the same month printed in the fixture's layout, plus the
//! Additional Certificate Report's, with its checks.

use chrono::NaiveDate;
use remit_extract::{CleanStatement, Statement};
use remit_normalize::{normalize_document, parse_submission, statement_documents};
use remit_samples::{generate, Cut, GeneratorConfig, Variants};

const ADDITIONAL: &str = "Additional Certificate Report";
const POOL_REPORTS: [&str; 7] = [
    "Collection Account Report",
    "Credit Enhancement Report",
    "Collateral Report",
    "Prepayment Report",
    "Realized Loss Report",
    "Triggers, Adj. Rate Cert. and Miscellaneous Report",
    "Other Related Information",
];

/// The second month of a generated trust, printed with `variants` and cut as `cut`.
fn month(variants: Variants, cut: Cut) -> (CleanStatement, Statement) {
    let cfg = GeneratorConfig {
        trusts: 1,
        months: 2,
        first_distribution: NaiveDate::from_ymd_opt(2002, 10, 25).expect("date"),
        seed: 14,
        amendments: 0,
    };
    let filing = generate(&cfg)
        .variants(variants)
        .cut(cut)
        .nth(1)
        .expect("two months");
    let submission = parse_submission(filing.text.as_bytes()).expect("submission");
    let clean = normalize_document(&statement_documents(&submission)[0].text);
    let read = remit_extract::extract(&clean).expect("reads");
    (clean, read)
}

fn failed(s: &Statement) -> Vec<&str> {
    s.checks
        .iter()
        .filter(|c| !c.passed)
        .map(|c| c.name.as_str())
        .collect()
}

/// The known failures of the layout on every statement it prints: the residual class takes the
/// excess interest, which the Interest Detail's formula does not count (as in the fixture).
const KNOWN_FAILURES: [&str; 2] = [
    "Certificate Payment Report/Interest Detail/Cert: (5)=(1)-(2)+(3)",
    "Certificate Payment Report/Interest Detail/Total: (5)=(1)-(2)+(3)",
];

#[test]
fn every_variant_loads_the_figures_of_the_fixture_layout() {
    let (_, plain) = month(Variants::default(), Cut::Fixture);
    assert_eq!(failed(&plain), KNOWN_FAILURES);
    let (clean, s) = month(Variants::all(), Cut::Fixture);
    assert_eq!(s.layout, "db-remittance-2002");
    assert_eq!(failed(&s), KNOWN_FAILURES);

    // The footers are furniture: no line of any report holds them, and page 25 is a report.
    let lines = clean.reports.iter().flat_map(|r| r.lines.iter());
    assert!(!lines.clone().any(|l| l.text.contains("COPYRIGHT")));
    let additional = clean.report(ADDITIONAL).expect("report");
    assert_eq!(additional.lines[0].page, 25);

    // Classes and the whole pool are what the fixture's layout gives; the groups are not printed.
    assert_eq!(s.classes, plain.classes);
    assert_eq!(s.delinquency, plain.delinquency);
    assert_eq!(s.loan_events, plain.loan_events);
    let scopes: Vec<&str> = s.pool.iter().map(|p| p.scope.as_str()).collect();
    assert_eq!(scopes, ["Total"]);
    assert_eq!(s.pool[0], plain.pool[0]);
    assert!(s.pool[0].current_balance.is_some() && s.pool[0].cpr.is_some());

    // Every TOTAL figure of the pool reports, and no group figure.
    let pool = |st: &Statement| -> Vec<(String, String, String, Option<f64>)> {
        st.pool_values
            .iter()
            .filter(|v| POOL_REPORTS.contains(&v.report.as_str()) && v.col == "TOTAL")
            .map(|v| {
                (
                    v.report.clone(),
                    v.section.clone(),
                    v.label.clone(),
                    v.value,
                )
            })
            .collect()
    };
    assert!(pool(&plain).len() > 100);
    assert_eq!(pool(&s), pool(&plain));
    assert!(!s
        .pool_values
        .iter()
        .any(|v| v.col == "ADJUSTABLE" || v.col == "FIXED"));

    // The pool reports' sums that remain (running totals, roll-forwards) are still checked.
    let rolled = |st: &Statement| {
        st.checks
            .iter()
            .filter(|c| c.name.contains("= Prior + movements [TOTAL]"))
            .count()
    };
    assert_eq!(rolled(&s), rolled(&plain));
    assert!(rolled(&s) >= 2);

    // Every printed figure is stored but the same prose as in the fixture's layout.
    let prose = |st: &Statement| -> Vec<(String, String)> {
        st.unplaced
            .iter()
            .filter(|u| u.report != "Contents")
            .map(|u| (u.report.clone(), u.figure.clone()))
            .collect()
    };
    assert_eq!(prose(&s), prose(&plain));
    assert!(s.figures_stored > 800, "{}", s.figures_stored);
}

#[test]
fn the_additional_certificate_report_is_read_by_class_with_its_checks() {
    let (_, s) = month(
        Variants {
            additional_report: true,
            ..Variants::default()
        },
        Cut::Fixture,
    );
    let section = "Interest Shortfall and Net WAC Shortfall Carry Forward";
    let rows: Vec<_> = s
        .pool_values
        .iter()
        .filter(|v| v.report == ADDITIONAL)
        .collect();
    assert!(rows
        .iter()
        .all(|v| v.section == section && v.occurrence == 1));
    // Three classes and the Total row, eight columns each.
    assert_eq!(rows.len(), 4 * 8);
    let labels: Vec<&str> = rows.iter().map(|v| v.label.as_str()).step_by(8).collect();
    assert_eq!(labels, ["A", "B", "Cert", "Total"]);
    let columns: Vec<&str> = rows.iter().take(8).map(|v| v.col.as_str()).collect();
    assert_eq!(
        columns,
        [
            "Prior Unpaid Interest Shortfall",
            "Current Interest Shortfall",
            "Interest Shortfall Paid",
            "Ending Unpaid Interest Shortfall",
            "Prior Net WAC Shortfall Carry Forward",
            "Current Net WAC Shortfall",
            "Net WAC Shortfall Paid",
            "Ending Net WAC Shortfall Carry Forward",
        ]
    );
    let total_of = |col: &str| {
        rows.iter()
            .filter(|v| v.col == col)
            .map(|v| (v.label.as_str(), v.value.expect("figure")))
            .collect::<Vec<_>>()
    };
    let ending = total_of("Ending Unpaid Interest Shortfall");
    let classes: f64 = ending.iter().take(3).map(|(_, v)| v).sum();
    assert!((classes - ending[3].1).abs() < 0.005, "{ending:?}");
    assert!(ending[3].1 > 0.0);

    let checks: Vec<_> = s
        .checks
        .iter()
        .filter(|c| c.name.starts_with(ADDITIONAL))
        .collect();
    // Two formulas on four rows, eight columns of the Total row.
    assert_eq!(checks.len(), 2 * 4 + 8, "{checks:#?}");
    assert!(checks.iter().all(|c| c.passed));
    assert!(checks
        .iter()
        .any(|c| c.name == "Additional Certificate Report/B: (8)=(5)+(6)-(7)"));
    assert!(checks.iter().any(|c| c.name
        == "Additional Certificate Report/Total: Net WAC Shortfall Paid = sum of classes"));
}

/// The Additional Certificate Report with its lines changed by `edit` (the rest as read).
fn with_additional(edit: impl Fn(&str) -> Option<String>) -> Statement {
    let (mut clean, _) = month(
        Variants {
            additional_report: true,
            ..Variants::default()
        },
        Cut::Fixture,
    );
    let report = clean
        .reports
        .iter_mut()
        .find(|r| r.title == ADDITIONAL)
        .expect("report");
    report.lines.retain_mut(|line| match edit(&line.text) {
        Some(text) if text.trim().is_empty() => false,
        Some(text) => {
            line.text = text;
            true
        }
        None => true,
    });
    remit_extract::extract(&clean).expect("reads")
}

fn additional_checks(s: &Statement) -> Vec<(&str, bool, &str)> {
    s.checks
        .iter()
        .filter(|c| c.name.starts_with(ADDITIONAL))
        .map(|c| (c.name.as_str(), c.passed, c.detail.as_str()))
        .collect()
}

/// Blanks the characters of `column` (17 wide, from character 15) on every header line: the
/// lines between the table's title and its rows (a row prints amounts, with a decimal point).
fn blank_column(text: &str, column: usize) -> Option<String> {
    let title = text.contains("Shortfall and") || text.contains(ADDITIONAL);
    if title || text.contains('.') {
        return None;
    }
    let span = 15 + 17 * column..15 + 17 * (column + 1);
    Some(
        text.chars()
            .enumerate()
            .map(|(i, c)| if span.contains(&i) { ' ' } else { c })
            .collect(),
    )
}

#[test]
fn a_column_header_removed_from_the_additional_report_is_a_failed_check_not_silence() {
    let intact = with_additional(|_| None);
    assert!(additional_checks(&intact)
        .iter()
        .all(|(_, passed, _)| *passed));

    // Column (2), Current Interest Shortfall, loses its heading and its number.
    let s = with_additional(|text| blank_column(text, 1));
    let gaps: Vec<_> = additional_checks(&s)
        .into_iter()
        .filter(|(_, passed, _)| !passed)
        .collect();
    assert_eq!(
        gaps[0],
        (
            "Additional Certificate Report/(4)=(1)+(2)-(3)",
            false,
            "not evaluated: column (2) not found in Additional Certificate Report \
             (Interest Shortfall and Net WAC Shortfall Carry Forward)"
        )
    );
    // Its figures, left without a heading, fell into column (1)'s cells, each of which now
    // holds two figures: each such cell is a failed check too, not a text cell in silence.
    assert_eq!(
        crowded(&gaps[1..]),
        [
            (
                "A",
                "Prior Unpaid Interest Shortfall",
                "26,583.83 26,583.83"
            ),
            ("B", "Prior Unpaid Interest Shortfall", "0.00 5,165.64"),
            ("Cert", "Prior Unpaid Interest Shortfall", "16,128.67 0.00"),
            (
                "Total",
                "Prior Unpaid Interest Shortfall",
                "42,712.50 31,749.47"
            ),
        ]
    );
}

/// Of failed checks of cells that hold two figures: the row, the column, the cell.
fn crowded<'a>(checks: &[(&'a str, bool, &'a str)]) -> Vec<(&'a str, &'a str, &'a str)> {
    checks
        .iter()
        .map(|(name, _, detail)| {
            let (row, column) = name
                .rsplit_once('/')
                .and_then(|(_, rest)| rest.split_once(": one figure under "))
                .unwrap_or_else(|| panic!("a cell's check: {name}"));
            let cell = detail.split('"').nth(1).unwrap_or_default();
            (row, column, cell)
        })
        .collect()
}

#[test]
fn without_formula_labels_the_roll_forwards_are_checked_by_title_or_say_what_is_missing() {
    let labels = |text: &str| text.contains("(1)").then(String::new);
    let s = with_additional(labels);
    let by_title = |family: &str, class: &str| {
        format!(
            "Additional Certificate Report/Ending {family} = Prior {family} + Current {family} - Paid {family} [{class}]"
        )
    };
    let checks = additional_checks(&s);
    for family in ["interest shortfall", "net wac shortfall"] {
        for class in ["A", "B", "Cert", "Total"] {
            let name = by_title(family, class);
            assert!(
                checks.iter().any(|(n, passed, _)| *n == name && *passed),
                "{name}: {checks:#?}"
            );
        }
    }
    // And with the Net WAC Shortfall Paid heading gone too, that family says what it misses.
    let s = with_additional(|text| labels(text).or_else(|| blank_column(text, 6)));
    let gaps: Vec<_> = additional_checks(&s)
        .into_iter()
        .filter(|(_, passed, _)| !passed)
        .collect();
    assert_eq!(
        gaps[0].2,
        "not evaluated: column \"Paid net wac shortfall\" not found in Additional Certificate \
          Report (Interest Shortfall and Net WAC Shortfall Carry Forward)"
    );
    // Its figures fell into the cells of the column before it, each now a failed check.
    assert_eq!(
        crowded(&gaps[1..]),
        [
            ("A", "Current Net WAC Shortfall", "33,229.79 50,952.34"),
            ("B", "Current Net WAC Shortfall", "3,228.53 0.00"),
            ("Cert", "Current Net WAC Shortfall", "20,160.84 20,160.84"),
            ("Total", "Current Net WAC Shortfall", "56,619.16 71,113.18"),
        ]
    );
}

#[test]
fn variants_cut_at_other_widths_load_the_same_rows() {
    let (_, reference) = month(Variants::all(), Cut::Fixture);
    for cut in [Cut::None, Cut::Width(132)] {
        let (_, s) = month(Variants::all(), cut);
        assert_eq!(s.classes, reference.classes, "{cut:?}");
        assert_eq!(s.pool_values, reference.pool_values, "{cut:?}");
        assert_eq!(s.pool, reference.pool, "{cut:?}");
        assert_eq!(failed(&s), KNOWN_FAILURES, "{cut:?}");
    }
}

#[test]
fn variants_combine_with_tiered_statements() {
    let cfg = GeneratorConfig {
        trusts: 1,
        months: 2,
        first_distribution: NaiveDate::from_ymd_opt(2002, 10, 25).expect("date"),
        seed: 14,
        amendments: 0,
    };
    let read = |filing: remit_samples::GeneratedFiling| {
        let submission = parse_submission(filing.text.as_bytes()).expect("submission");
        let clean = normalize_document(&statement_documents(&submission)[0].text);
        (remit_extract::extract(&clean).expect("reads"), clean)
    };
    let (tiered, _) = read(generate(&cfg).tiered().nth(1).expect("month"));
    let (s, clean) = read(
        generate(&cfg)
            .tiered()
            .variants(Variants::all())
            .nth(1)
            .expect("month"),
    );
    assert_eq!(s.classes, tiered.classes);
    assert_eq!(failed(&s), failed(&tiered));
    // The Additional Certificate Report is the last page, numbered on after the tiers' pages.
    let last = clean.reports.last().expect("reports");
    assert_eq!(last.title, ADDITIONAL);
    let pages = clean
        .reports
        .iter()
        .flat_map(|r| r.lines.iter().map(|l| l.page))
        .max()
        .expect("lines");
    assert_eq!(last.lines[0].page, pages);
    assert!(pages > 25, "{pages}");
    assert!(s
        .checks
        .iter()
        .any(|c| c.name == "Additional Certificate Report/Total: (4)=(1)+(2)-(3)" && c.passed));
}

/// A month printed with its template's misprints (`Intrest` over the class table's interest,
/// `Scheduled Principle` in the collateral roll-forward under `COLLATERL`, the title `Intrest
/// Detail`, `FORCLOSURE` over a delinquency status) loads the classes, pool summary and delinquency of the same month printed right,
/// evaluates every check it does, and says what it read as what. Read by their printed
/// spelling, the interest column had been lost to every class (its identities failed, `column
/// "Interest" not found`), and the misprinted scheduled principal counted as unscheduled
/// paydown: the pool summary's unscheduled principal 4,733,452.25 for 4,189,977.10, no check
/// failing; under a misprinted section heading the pool summary had read nothing at all.
#[test]
fn a_months_misprinted_headings_and_labels_load_as_the_words_they_stand_for() {
    let (_, plain) = month(Variants::default(), Cut::Fixture);
    let misprinted = Variants {
        misprints: true,
        ..Variants::default()
    };
    let (clean, s) = month(misprinted, Cut::Fixture);
    assert!(clean.reports.iter().any(|r| r
        .lines
        .iter()
        .any(|l| l.text.contains("Scheduled Principle"))));
    assert_eq!(s.classes, plain.classes);
    assert_eq!(s.pool, plain.pool);
    assert_eq!(s.delinquency, plain.delinquency);
    assert_eq!(
        (s.figures_printed, s.figures_stored),
        (plain.figures_printed, plain.figures_stored)
    );
    assert_eq!(failed(&s), KNOWN_FAILURES);
    assert_eq!(s.checks.len(), plain.checks.len());
    // A check's name says what is printed.
    assert!(s.checks.iter().any(|c| c.passed
        && c.name
            == "Collateral Report/COLLATERL/Principal Balance: Scheduled Principle: ADJUSTABLE + FIXED = TOTAL"));
    for said in [
        "heading \"Intrest\" read as \"Interest\"",
        "delinquency status \"FORCLOSURE\" read as FORECLOSURE",
    ] {
        assert!(
            s.warnings.iter().any(|w| w.contains(said)),
            "{said}: {:?}",
            s.warnings
        );
    }
}

/// A roll-forward label the pool summary does not know (`Sched. Principal`, no misprint of
/// `Scheduled Principal`) is no silent gap: the summary leaves the scheduled principal NULL,
/// and the SMM check, which reads the summary's figures against the printed rate, fails
/// saying which row it could not find. Its figure is kept under its printed label.
#[test]
fn a_roll_forward_label_the_summary_does_not_know_fails_the_smm_check() {
    let (mut clean, plain) = month(Variants::default(), Cut::Fixture);
    let smm = |s: &Statement| -> Vec<(String, bool, String)> {
        s.checks
            .iter()
            .filter(|c| c.name.contains("/SMM ["))
            .map(|c| (c.name.clone(), c.passed, c.detail.clone()))
            .collect()
    };
    assert_eq!(smm(&plain).len(), 3);
    assert!(smm(&plain).iter().all(|(_, passed, _)| *passed));
    let report = clean
        .reports
        .iter_mut()
        .find(|r| r.title == "Collateral Report")
        .expect("report");
    for line in &mut report.lines {
        line.text = line
            .text
            .replace("Scheduled Principal    ", "Sched. Principal       ");
    }
    let s = remit_extract::extract(&clean).expect("reads");
    assert!(s.pool.iter().all(|p| p.scheduled_principal.is_none()));
    let checks = smm(&s);
    assert_eq!(checks.len(), 3);
    for (name, passed, detail) in &checks {
        assert!(!passed, "{name}");
        assert!(
            detail.starts_with(
                "not evaluated: row \"Principal Balance: Scheduled Principal\" not found in Collateral Report (COLLATERAL)"
            ),
            "{detail}"
        );
    }
    assert_eq!(s.figures_stored, plain.figures_stored);
}
