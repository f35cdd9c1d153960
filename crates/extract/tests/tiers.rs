//! Tiered statements (REMIC I, II, III), generated: every class of every tier loads, with
//! interest-only and residual classes checked on the balance the statement uses for them, and
//! a table or column lost in one tier is a failed check saying so, never silence.

use remit_extract::{extract, BondClass, Statement};
use remit_normalize::{normalize_document, parse_submission, statement_documents};
use remit_samples::{cut_document, generate, Cut, GeneratorConfig};

fn config(months: u32) -> GeneratorConfig {
    GeneratorConfig {
        trusts: 1,
        months,
        seed: 1,
        ..GeneratorConfig::default()
    }
}

/// The document of a generated filing.
fn document(text: &str) -> String {
    let submission = parse_submission(text.as_bytes()).expect("a submission");
    statement_documents(&submission)[0].text.to_string()
}

fn read(document: &str) -> Statement {
    extract(&normalize_document(document)).expect("a statement")
}

/// May 2002, the third month of sample trust S1 (seed 1), tiered, as filed (cut at 79).
fn may() -> Statement {
    let filing = generate(&config(3)).tiered().nth(2).expect("three months");
    read(&document(&filing.text))
}

/// The uncut document of May's tiered statement, as logical lines.
fn may_lines() -> Vec<String> {
    let filing = generate(&config(3))
        .tiered()
        .cut(Cut::None)
        .nth(2)
        .expect("three months");
    document(&filing.text).lines().map(str::to_string).collect()
}

/// Index of the first line at or after `from` satisfying `f`.
fn find(lines: &[String], from: usize, f: impl Fn(&str) -> bool) -> usize {
    from + lines[from..].iter().position(|l| f(l)).expect("line")
}

/// Blanks the text at `col..col + len` of a line.
fn blank(line: &mut String, col: usize, len: usize) {
    line.replace_range(col..col + len, &" ".repeat(len));
}

fn class<'a>(s: &'a Statement, tier: &str, name: &str) -> &'a BondClass {
    s.classes
        .iter()
        .find(|c| c.tier == tier && c.class == name)
        .unwrap_or_else(|| panic!("class {tier} {name}"))
}

fn failed(s: &Statement) -> Vec<String> {
    s.checks
        .iter()
        .filter(|c| !c.passed)
        .map(|c| c.name.clone())
        .collect()
}

/// What fails in every tiered month, by design: as in the fixture, the excess-interest class
/// prints its payment as optimal interest with nothing accrued, so `(5)=(1)-(2)+(3)` fails for
/// it and for the Total; and an interest-only class's current factor is on a current notional
/// balance the statement does not print, so it cannot be evaluated.
fn by_design() -> Vec<String> {
    let mut names = Vec::new();
    for (tier, excess) in [
        ("REMIC I", "LT-X"),
        ("REMIC II", "MT-X"),
        ("REMIC III", "Cert"),
    ] {
        for row in [excess, "Total"] {
            names.push(format!(
                "Certificate Payment Report [{tier}]/Interest Detail/{row}: (5)=(1)-(2)+(3)"
            ));
        }
    }
    for (tier, io) in [
        ("REMIC I", "LT-IO"),
        ("REMIC II", "MT-IO"),
        ("REMIC III", "A-IO"),
    ] {
        names.push(format!(
            "Certificate Payment Report [{tier}]/Factors/{io}: Current Principal Balance = 1,000 x amount / original face"
        ));
    }
    names.sort();
    names
}

#[test]
fn every_class_of_every_tier_loads() {
    let s = may();
    assert_eq!(s.trust_name, "Remit Sample Trust 2002-S1");
    assert_eq!(s.distribution_date.as_deref(), Some("2002-05-25"));
    let names: Vec<(&str, &str)> = s
        .classes
        .iter()
        .map(|c| (c.tier.as_str(), c.class.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("REMIC I", "LT-A"),
            ("REMIC I", "LT-B"),
            ("REMIC I", "LT-IO"),
            ("REMIC I", "LT-X"),
            ("REMIC II", "MT-A"),
            ("REMIC II", "MT-B"),
            ("REMIC II", "MT-IO"),
            ("REMIC II", "MT-X"),
            ("REMIC III", "A"),
            ("REMIC III", "B"),
            ("REMIC III", "A-IO"),
            ("REMIC III", "Cert"),
            ("REMIC III", "R"),
        ]
    );

    // Golden figures of May 2002 (REMIC III page 6 and 7 of the generated text).
    let a = class(&s, "REMIC III", "A");
    assert_eq!(a.cusip.as_deref(), Some("99RS01A17"));
    assert_eq!(
        (
            a.original_face,
            a.prior_balance,
            a.interest,
            a.current_balance
        ),
        (
            Some(314000000.0),
            Some(308947825.6),
            Some(635145.24),
            Some(306467112.0)
        )
    );
    assert_eq!(a.factor_prior_balance, Some(983.9102726));
    assert_eq!(a.notional_balance, None);

    // Interest-only: 0 principal balances, its notional under the interest detail's
    // `Prior Principal (with Notional) Balance`, interest on the notional (0.25% Act/360... as
    // printed), factors per $1,000 of its original notional.
    let io = class(&s, "REMIC III", "A-IO");
    assert_eq!(io.class_type.as_deref(), Some("IO"));
    assert_eq!(
        (io.original_face, io.prior_balance, io.current_balance),
        (Some(0.0), Some(0.0), Some(0.0))
    );
    assert_eq!(io.notional_balance, Some(340432954.3));
    assert_eq!(io.pass_through_rate, Some(0.0025));
    assert_eq!(
        (io.interest, io.accrued_interest, io.td_interest),
        (Some(70923.53), Some(70923.53), Some(207273.39))
    );
    assert_eq!(
        (io.factor_face, io.factor_prior_balance, io.factor_interest),
        (Some(346000000.0), Some(983.9102726), Some(0.204981301))
    );
    // The notional is stored as printed, under its column.
    let notional = s
        .pool_values
        .iter()
        .find(|v| {
            v.report == "Certificate Payment Report [REMIC III]"
                && v.label == "A-IO"
                && v.col == "Prior Principal (with Notional) Balance"
        })
        .expect("the notional in pool_values");
    assert_eq!(notional.value, Some(340432954.3));

    // Residual: token face 100, factors per $1,000 of a notional face of 346,000,000.
    let r = class(&s, "REMIC III", "R");
    assert_eq!(
        (
            r.original_face,
            r.prior_balance,
            r.interest,
            r.current_balance
        ),
        (Some(100.0), Some(100.0), Some(92.98), Some(100.0))
    );
    assert_eq!(
        (r.factor_face, r.factor_prior_balance, r.factor_interest),
        (Some(346000000.0), Some(0.000289017), Some(0.000268728))
    );

    // The lower tiers print the same bonds under their own names and their own strips.
    assert_eq!(
        class(&s, "REMIC I", "LT-A").prior_balance,
        Some(308947825.6)
    );
    assert_eq!(class(&s, "REMIC I", "LT-IO").pass_through_rate, Some(0.005));
    assert_eq!(
        class(&s, "REMIC I", "LT-IO").notional_balance,
        Some(340432954.3)
    );

    // Each tier's Total rows are kept; the interest detail's sums the notional too.
    let total = |tier: &str, col: &str, section: &str| {
        s.pool_values
            .iter()
            .find(|v| {
                v.report == format!("Certificate Payment Report [{tier}]")
                    && v.label == "Total"
                    && v.col == col
                    && v.section.contains(section)
            })
            .and_then(|v| v.value)
    };
    assert_eq!(
        total("REMIC III", "Original Face Value", "Current Period"),
        Some(346000100.0)
    );
    assert_eq!(
        total(
            "REMIC III",
            "Prior Principal (with Notional) Balance",
            "Interest Detail"
        ),
        Some(680866008.7)
    );
}

#[test]
fn every_identity_of_every_tier_is_recorded_and_only_the_designed_ones_fail() {
    let s = may();
    let mut failures = failed(&s);
    failures.sort();
    assert_eq!(failures, by_design());
    let names: Vec<&str> = s.checks.iter().map(|c| c.name.as_str()).collect();
    for (tier, classes) in [
        ("REMIC I", &["LT-A", "LT-B", "LT-IO", "LT-X"][..]),
        ("REMIC II", &["MT-A", "MT-B", "MT-IO", "MT-X"][..]),
        ("REMIC III", &["A", "B", "A-IO", "Cert", "R"][..]),
    ] {
        let p = format!("Certificate Payment Report [{tier}]");
        for class in classes.iter().chain(&["Total"]) {
            for identity in [
                "(4)=(2)+(3)",
                "(7)=(1)-(3)-(5)+(6)",
                "To Date/{c}: (5)=(3)+(4)",
                "To Date/{c}: (6)=(2)+(5)",
                "To Date/{c}: (9)=(1)-(5)-(7)+(8)",
                "Interest Detail/{c}: (5)=(1)-(2)+(3)",
                "Interest Detail/{c}: (7)=(5)-(6)",
            ] {
                let name = if identity.contains("{c}") {
                    format!("{p}/{}", identity.replace("{c}", class))
                } else {
                    format!("{p}/{class}: {identity}")
                };
                assert!(names.contains(&name.as_str()), "missing {name}");
            }
        }
        for class in classes
            .iter()
            .filter(|c| !c.ends_with('X') && **c != "Cert")
        {
            for what in [
                "Prior Principal Balance",
                "Interest",
                "Principal",
                "Total Distribution",
                "Current Principal Balance",
            ] {
                let name = format!("{p}/Factors/{class}: {what} = 1,000 x amount / original face");
                assert!(names.contains(&name.as_str()), "missing {name}");
            }
        }
        for column in [
            "Accrued Interest",
            "Prior Principal (with Notional) Balance",
        ] {
            let name = format!("{p}/Interest Detail/Total: {column} = sum of classes");
            assert!(names.contains(&name.as_str()), "missing {name}");
        }
    }
    let io_current = s
        .checks
        .iter()
        .find(|c| c.name == "Certificate Payment Report [REMIC III]/Factors/A-IO: Current Principal Balance = 1,000 x amount / original face")
        .expect("recorded");
    assert_eq!(
        io_current.detail,
        "not evaluated: A-IO is interest-only: its factor is on its current notional balance, which Certificate Payment Report [REMIC III] does not print"
    );
    // The Collection Account's principal is the first tier's.
    let principal = s
        .checks
        .iter()
        .find(|c| {
            c.name
                == "Collection Account Report/SUMMARY/TOTAL PRINCIPAL = Certificate Payment Report principal"
        })
        .expect("principal check");
    assert!(principal.passed, "{}", principal.detail);
}

#[test]
fn a_year_of_tiered_months_fails_only_by_design_and_stores_every_figure_of_the_tiers() {
    for filing in generate(&config(12)).tiered() {
        let s = read(&document(&filing.text));
        let mut failures = failed(&s);
        failures.sort();
        assert_eq!(failures, by_design(), "{}", filing.distribution_date);
        assert_eq!(s.classes.len(), 13);
        // Nothing printed in the tiers' tables is left unplaced (only the `$1,000` of a title).
        let unplaced: Vec<&str> = s
            .unplaced
            .iter()
            .filter(|u| u.report.starts_with("Certificate Payment Report"))
            .map(|u| u.figure.as_str())
            .collect();
        assert_eq!(unplaced, ["$1,000"; 3], "{}", filing.distribution_date);
    }
}

#[test]
fn tiered_statements_read_the_same_uncut_and_cut() {
    let uncut = generate(&config(2))
        .tiered()
        .cut(Cut::None)
        .nth(1)
        .expect("month");
    let cut = generate(&config(2))
        .tiered()
        .cut(Cut::Width(100))
        .nth(1)
        .expect("month");
    let filed = generate(&config(2)).tiered().nth(1).expect("month");
    let rows = |text: &str| {
        let mut s = read(&document(text));
        s.warnings.clear();
        for u in &mut s.unplaced {
            u.line = 0;
        }
        s
    };
    let reference = rows(&uncut.text);
    assert_eq!(rows(&cut.text), reference);
    assert_eq!(rows(&filed.text), reference);
}

#[test]
fn the_default_corpus_is_untiered() {
    let filing = generate(&config(1)).next().expect("month");
    assert!(!filing.text.contains("REMIC"));
    let s = read(&document(&filing.text));
    assert!(s.classes.iter().all(|c| c.tier.is_empty()));
    assert_eq!(s.classes.len(), 3);
}

#[test]
fn a_column_header_lost_in_one_tier_is_a_failed_check_naming_it() {
    let mut lines = may_lines();
    let tier = find(&lines, 0, |l| l.trim() == "REMIC III");
    let header = find(&lines, tier, |l| l.starts_with("Class          Type"));
    // `Prior` / `Principal` / `Balance`, stacked at column 75 over the current period's (1).
    assert_eq!(&lines[header][75..82], "Balance");
    assert_eq!(&lines[header - 1][75..84], "Principal");
    assert_eq!(&lines[header - 2][75..80], "Prior");
    blank(&mut lines[header], 75, 7);
    blank(&mut lines[header - 1], 75, 9);
    blank(&mut lines[header - 2], 75, 5);
    let s = read(&cut_document(&lines, Cut::Fixture));
    let name = "Certificate Payment Report [REMIC III]/Current Principal Balance = Prior Principal Balance - Principal - Realized Losses + Deferred Interest";
    let check = s
        .checks
        .iter()
        .find(|c| c.name == name)
        .expect("the identity is recorded");
    assert!(!check.passed);
    assert_eq!(
        check.detail,
        "not evaluated: column \"Prior Principal Balance\" not found in Certificate Payment Report [REMIC III] (Distribution in Dollars - Current Period)"
    );
    // The same identity in the other tiers is evaluated from the printed formula.
    for tier in ["REMIC I", "REMIC II"] {
        assert!(!s.checks.iter().any(|c| c.name.starts_with(&format!(
            "Certificate Payment Report [{tier}]/Current Principal Balance"
        ))));
    }
    // Untouched, the statement records no such check.
    assert!(!may().checks.iter().any(|c| c.name == name));
}

#[test]
fn a_table_lost_in_one_tier_is_a_failed_check_for_each_of_its_identities() {
    let mut lines = may_lines();
    let tier = find(&lines, 0, |l| l.trim() == "REMIC II");
    let title = find(&lines, tier, |l| l.trim() == "Interest Detail");
    let footer = find(&lines, title, |l| l.trim_start().starts_with("Page "));
    // The title, header and rows of REMIC II's interest detail are gone.
    lines.drain(title..footer);
    let s = read(&cut_document(&lines, Cut::Fixture));
    let lost: Vec<(&str, &str)> = s
        .checks
        .iter()
        .filter(|c| {
            c.name
                .starts_with("Certificate Payment Report [REMIC II]/Interest Detail")
        })
        .map(|c| (c.name.as_str(), c.detail.as_str()))
        .collect();
    assert_eq!(
        lost,
        [
            (
                "Certificate Payment Report [REMIC II]/Interest Detail/Optimal Interest = Accrued Interest - Non-Supported Interest SF + Prior Unpaid Interest",
                "not evaluated: table \"Interest Detail\" not found in Certificate Payment Report [REMIC II]"
            ),
            (
                "Certificate Payment Report [REMIC II]/Interest Detail/Current Unpaid Interest = Optimal Interest - Paid or Deferred Interest",
                "not evaluated: table \"Interest Detail\" not found in Certificate Payment Report [REMIC II]"
            ),
        ]
    );
}

#[test]
fn a_total_row_lost_in_one_tier_is_a_failed_check() {
    let mut lines = may_lines();
    let tier = find(&lines, 0, |l| l.trim() == "REMIC I");
    let to_date = find(&lines, tier, |l| {
        l.trim() == "Distribution in Dollars - to Date"
    });
    let total = find(&lines, to_date, |l| l.starts_with("Total "));
    lines.remove(total);
    let s = read(&cut_document(&lines, Cut::Fixture));
    let check = s
        .checks
        .iter()
        .find(|c| c.name == "Certificate Payment Report [REMIC I]/To Date/Total: sum of classes")
        .expect("recorded");
    assert!(!check.passed);
    assert_eq!(
        check.detail,
        "not evaluated: row \"Total\" not found in Certificate Payment Report [REMIC I] (Distribution in Dollars - to Date), printed in another tier"
    );
    // Only that: the other tiers' to-date totals are evaluated column by column.
    assert!(s.checks.iter().any(|c| c.name
        == "Certificate Payment Report [REMIC II]/To Date/Total: Interest = sum of classes"
        && c.passed));
}

#[test]
fn a_column_lost_with_its_figures_in_one_tier_is_a_failed_check() {
    let mut lines = may_lines();
    let tier = find(&lines, 0, |l| l.trim() == "REMIC III");
    let title = find(&lines, tier, |l| l.trim() == "Interest Detail");
    let footer = find(&lines, title, |l| l.trim_start().starts_with("Page "));
    // `Optimal Interest (5)=(1)-(2)+(3)` at columns 135..150 gone, header and figures: the
    // trustee printed this tier without it.
    for line in &mut lines[title + 1..footer] {
        if line.len() >= 150 {
            blank(line, 135, 15);
        }
    }
    let s = read(&cut_document(&lines, Cut::Fixture));
    let names: Vec<(&str, &str)> = s
        .checks
        .iter()
        .filter(|c| {
            !c.passed
                && c.name
                    .starts_with("Certificate Payment Report [REMIC III]/Interest Detail/")
        })
        .map(|c| (c.name.as_str(), c.detail.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            (
                "Certificate Payment Report [REMIC III]/Interest Detail/(7)=(5)-(6)",
                "not evaluated: column (5) not found in Certificate Payment Report [REMIC III] (Interest Detail)"
            ),
            (
                "Certificate Payment Report [REMIC III]/Interest Detail/Current Unpaid Interest = Optimal Interest - Paid or Deferred Interest",
                "not evaluated: column \"Optimal Interest\" not found in Certificate Payment Report [REMIC III] (Interest Detail)"
            ),
            // Its result column gone, this identity was silent before tiers were compared.
            (
                "Certificate Payment Report [REMIC III]/Interest Detail/Optimal Interest = Accrued Interest - Non-Supported Interest SF + Prior Unpaid Interest",
                "not evaluated: column \"Optimal Interest\" not found in Certificate Payment Report [REMIC III] (Interest Detail), printed in another tier"
            ),
        ]
    );
}

#[test]
fn a_table_whose_class_column_is_lost_records_its_identities_as_not_evaluated() {
    let mut lines = may_lines();
    let tier = find(&lines, 0, |l| l.trim() == "REMIC II");
    let to_date = find(&lines, tier, |l| {
        l.trim() == "Distribution in Dollars - to Date"
    });
    let header = find(&lines, to_date, |l| l.starts_with("Class "));
    blank(&mut lines[header], 0, 5);
    let s = read(&cut_document(&lines, Cut::Fixture));
    let lost: Vec<(&str, &str)> = s
        .checks
        .iter()
        .filter(|c| {
            c.name
                .starts_with("Certificate Payment Report [REMIC II]/To Date/")
        })
        .map(|c| (c.name.as_str(), c.detail.as_str()))
        .collect();
    let why = "not evaluated: column \"Class\" not found in Certificate Payment Report [REMIC II] (Distribution in Dollars - to Date)";
    assert_eq!(lost.len(), 3, "{lost:#?}");
    assert!(lost.iter().all(|(_, detail)| *detail == why), "{lost:#?}");
    assert!(s
        .warnings
        .iter()
        .any(|w| w.contains("a table without a Class column")));
}
