//! Generated statements: determinism, layout, markers, and arithmetic read back from the text.

use chrono::NaiveDate;
use remit_samples::{
    fixture_document, generate, generate_with, write_corpus, Defects, GeneratedFiling,
    GeneratorConfig, SYNTHETIC_NOTICE,
};

fn config(trusts: u32, months: u32, seed: u64, amendments: u32) -> GeneratorConfig {
    GeneratorConfig {
        trusts,
        months,
        first_distribution: NaiveDate::from_ymd_opt(2002, 3, 25).expect("valid date"),
        seed,
        amendments,
    }
}

/// The document inside `<TEXT>`, still wrapped.
fn document(filing: &GeneratedFiling) -> &str {
    let text = &filing.text;
    let start = text.find("<TEXT>\n").map_or(0, |i| i + 7);
    let end = text.rfind("\n</TEXT>").unwrap_or(text.len());
    &text[start..end]
}

/// Test-only unwrap: continuation pieces start with `>` and each piece is 79 columns wide.
fn unwrap(text: &str) -> Vec<String> {
    let mut lines: Vec<(String, usize)> = Vec::new();
    for line in text.split('\n') {
        match (line.strip_prefix('>'), lines.last_mut()) {
            (Some(rest), Some((last, pieces))) => {
                let width = 79 * *pieces;
                while last.len() < width {
                    last.push(' ');
                }
                last.push_str(rest);
                *pieces += 1;
            }
            _ => lines.push((line.to_string(), 1)),
        }
    }
    lines.into_iter().map(|(line, _)| line).collect()
}

/// A General/comma'd number in columns `[end - 15, end)`, parentheses meaning negative.
fn cell(line: &str, end: usize) -> f64 {
    let text = line
        .get(end.saturating_sub(15)..end.min(line.len()))
        .unwrap_or("")
        .trim();
    let negative = text.starts_with('(');
    let value: f64 = text
        .trim_matches(|c| c == '(' || c == ')')
        .replace(',', "")
        .parse()
        .unwrap_or(f64::NAN);
    if negative {
        -value
    } else {
        value
    }
}

/// The line after `heading` whose label (column 15) is `label`.
fn labelled<'a>(lines: &'a [String], heading: &str, label: &str) -> &'a str {
    let start = lines
        .iter()
        .position(|l| l.trim() == heading)
        .unwrap_or_else(|| panic!("no {heading}"));
    lines[start..]
        .iter()
        .find(|l| {
            l.get(15..).is_some_and(|rest| {
                rest.trim_end().starts_with(label) && l.starts_with("               ")
            })
        })
        .map(String::as_str)
        .unwrap_or_else(|| panic!("no {label} after {heading}"))
}

fn row<'a>(lines: &'a [String], after: &str, class: &str) -> &'a str {
    let start = lines
        .iter()
        .position(|l| l.contains(after))
        .unwrap_or_else(|| panic!("no {after}"));
    lines[start..]
        .iter()
        .find(|l| l.starts_with(&format!("{class} ")))
        .map(String::as_str)
        .unwrap_or_else(|| panic!("no {class} row"))
}

#[test]
fn same_seed_same_text_other_seed_other_text() {
    let a: Vec<_> = generate(&config(2, 3, 42, 1)).collect();
    let b: Vec<_> = generate(&config(2, 3, 42, 1)).collect();
    let c: Vec<_> = generate(&config(2, 3, 43, 1)).collect();
    assert_eq!(a.len(), 7);
    assert_eq!(a, b);
    assert_ne!(a[0].text, c[0].text);
    // A trust's statements do not depend on how many trusts are generated alongside it.
    let alone: Vec<_> = generate(&config(1, 3, 42, 0)).collect();
    assert_eq!(document(&alone[0]), document(&a[0]));
    assert_eq!(document(&alone[1]), document(&a[2]));
}

#[test]
fn pool_and_bonds_continue_month_to_month() {
    let filings: Vec<_> = generate(&config(2, 4, 9, 0))
        .filter(|f| f.trust_name.ends_with("S1"))
        .collect();
    assert_eq!(filings.len(), 4);
    let months: Vec<Vec<String>> = filings.iter().map(|f| unwrap(document(f))).collect();
    for pair in months.windows(2) {
        let (before, after) = (&pair[0], &pair[1]);
        // Collateral Report, TOTAL column: this month's Prior = last month's Current.
        let current = labelled(before, "Principal Balance:", "Current");
        let prior = labelled(after, "Principal Balance:", "Prior");
        assert_eq!(cell(current, 135), cell(prior, 135));
        assert!(cell(prior, 135) > 1.0e8);
        let current_count = labelled(before, "Loan Count:", "Current");
        let prior_count = labelled(after, "Loan Count:", "Prior");
        assert_eq!(cell(current_count, 105), cell(prior_count, 105));
        // Certificate Payment Report: class A Prior Principal Balance (1) = last Current (7).
        let a_before = row(before, "Distribution in Dollars - Current Period", "A");
        let a_after = row(after, "Distribution in Dollars - Current Period", "A");
        assert_eq!(a_after.get(75..90), a_before.get(165..180));
    }
    // The first month starts from the deal's original balance.
    let first = &months[0];
    assert_eq!(
        cell(labelled(first, "Principal Balance:", "Original"), 135),
        cell(labelled(first, "Principal Balance:", "Prior"), 135)
    );
}

#[test]
fn statement_arithmetic_holds_in_the_text() {
    for filing in generate(&config(2, 8, 5, 0)) {
        let lines = unwrap(document(&filing));
        for class in ["A", "B", "Cert", "Total"] {
            let r = row(&lines, "Distribution in Dollars - Current Period", class);
            let (prior, interest, principal, total, current) = (
                cell(r, 90),
                cell(r, 105),
                cell(r, 120),
                cell(r, 135),
                cell(r, 180),
            );
            let tolerance = 1e-6 * prior.abs().max(1.0) + 0.01;
            assert!(
                (total - (interest + principal)).abs() <= tolerance,
                "{class}: {r}"
            );
            assert!(
                (current - (prior - principal)).abs() <= tolerance,
                "{class}: {r}"
            );
        }
        // Collection Account: the groups add up to TOTAL, and the summary ties to its parts.
        let principal = labelled(&lines, "Collection Account Report", "Principal Collections");
        let (adjustable, fixed, total) = (
            cell(principal, 105),
            cell(principal, 120),
            cell(principal, 135),
        );
        let to_cents = |v: f64| (v * 100.0).round() as i64;
        let left = |line: &str, col: usize| cell(line.get(..col + 15).unwrap_or(line), col + 15);
        assert_eq!(
            to_cents(left(principal, 90)) + to_cents(left(principal, 105)),
            to_cents(left(principal, 120)),
            "{principal} {adjustable} {fixed} {total}"
        );
        // Collateral roll-forward, TOTAL column.
        let balance = |label: &str| cell(labelled(&lines, "Principal Balance:", label), 135);
        let rolled = balance("Prior")
            + balance("Scheduled Principal")
            + balance("Partial and Full Voluntary Prepayments")
            + balance("Repurchases")
            + balance("Liquidations");
        assert!(
            (rolled - balance("Current")).abs() <= 1e-6 * balance("Current"),
            "{}",
            filing.accession
        );
        // Prepayment Detail: rows = Total Loan Count.
        let start = lines
            .iter()
            .position(|l| l.contains("Prepayment Detail Report  -"))
            .unwrap_or(0);
        let count: usize = lines[start + 2]
            .split('=')
            .nth(1)
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(usize::MAX);
        let rows = lines[start..]
            .iter()
            .take_while(|l| !l.contains("Page 18 of 24"))
            .filter(|l| {
                l.get(..10)
                    .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
            })
            .count();
        assert_eq!(rows, count, "{}", filing.accession);
    }
}

#[test]
fn later_months_bring_realized_losses_with_detail_rows() {
    let mut with_losses = 0;
    for filing in generate(&config(2, 14, 1, 0)) {
        let lines = unwrap(document(&filing));
        let count_line = lines
            .iter()
            .skip_while(|l| !l.contains("Realized Loss Detail Report  -"))
            .find(|l| l.starts_with("Total Loan Count ="))
            .cloned()
            .unwrap_or_default();
        if !count_line.starts_with("Total Loan Count =   0 ") {
            with_losses += 1;
            assert!(
                filing.distribution_date >= NaiveDate::from_ymd_opt(2002, 8, 25).expect("date")
            );
        }
    }
    assert!(with_losses > 0, "no statement with realized losses");
}

#[test]
fn every_line_fits_in_80_columns() {
    for filing in generate(&config(3, 6, 11, 2)) {
        // The SGML header is not wrapped (its tab-separated lines are not statement text).
        for line in document(&filing).lines() {
            assert!(line.len() <= 80, "{}: {line}", filing.accession);
        }
        // Continuation pieces are 79 columns of statement text after the `>`.
        assert!(document(&filing)
            .lines()
            .any(|l| l.len() == 80 && l.starts_with('>')));
    }
}

#[test]
fn every_file_is_marked_synthetic() {
    for filing in generate(&config(3, 3, 2, 2)) {
        assert!(filing.company.ends_with(" (SYNTHETIC)"));
        assert!(filing.text.contains(&format!(
            "COMPANY CONFORMED NAME:\t\t\t{}\n",
            filing.company
        )));
        assert!(filing
            .text
            .contains("\n<DESCRIPTION>SYNTHETIC TEST DATA - NOT A REAL FILING\n"));
        let lines = unwrap(document(&filing));
        assert!(lines.iter().any(|l| l.trim() == SYNTHETIC_NOTICE));
        // In the raw file the notice breaks at a word, so it can be found with grep too.
        assert!(filing.text.contains("THIS STATEMENT IS SYNTHETIC TEST DATA GENERATED BY remit-samples;\n>IT IS NOT A REAL FILING."));
    }
}

#[test]
fn two_trusts_share_one_depositor_cik() {
    let filings: Vec<_> = generate(&config(3, 1, 3, 0)).collect();
    assert_eq!(filings[0].cik, 9_900_001);
    assert_eq!(filings[1].cik, 9_900_001);
    assert_ne!(filings[0].trust_name, filings[1].trust_name);
    assert_eq!(filings[0].company, "REMIT SAMPLE ASSETS CORP (SYNTHETIC)");
    assert_eq!(filings[2].cik, 9_900_002);
    assert!(filings[1]
        .text
        .contains("CENTRAL INDEX KEY:\t\t\t0009900001\n"));
    assert!(filings[1]
        .text
        .contains("               Remit Sample Trust   2002-S2\n"));
}

#[test]
fn amendments_refile_an_earlier_month_later() {
    let filings: Vec<_> = generate(&config(2, 5, 8, 3)).collect();
    let amendments: Vec<_> = filings.iter().filter(|f| f.form == "8-K/A").collect();
    assert_eq!(amendments.len(), 3);
    for amendment in amendments {
        let original = filings
            .iter()
            .find(|f| {
                f.form == "8-K"
                    && f.trust_name == amendment.trust_name
                    && f.distribution_date == amendment.distribution_date
            })
            .expect("the amended month was filed first");
        assert!(amendment.filed_date > original.filed_date);
        assert!(amendment
            .text
            .contains("CONFORMED SUBMISSION TYPE:\t8-K/A\n"));
        assert!(
            document(amendment).contains("                                        FORM 8-K/A\n")
        );
        // Same statement: everything from the exhibit onwards is identical.
        let tail = |f: &GeneratedFiling| {
            document(f)
                .split_once("EXHIBIT INDEX")
                .map(|(_, t)| t.to_string())
        };
        assert_eq!(tail(amendment), tail(original));
    }
    let mut accessions: Vec<_> = filings.iter().map(|f| f.accession.clone()).collect();
    accessions.sort();
    accessions.dedup();
    assert_eq!(accessions.len(), filings.len());
}

#[test]
fn static_lines_are_the_fixtures() {
    // Every line of the fixture's statement pages that carries no figure, date or party name
    // appears, column for column, in a generated statement.
    let fixture = unwrap(fixture_document());
    let filing = generate(&config(1, 9, 4, 0)).nth(8).expect("nine months");
    let generated = unwrap(document(&filing));
    let start = fixture
        .iter()
        .position(|l| l.contains("Certificate Payment Report for"))
        .unwrap_or(0);
    let mut compared = 0;
    for line in &fixture[start..] {
        let specific = [
            "Impac",
            "2002",
            "Loan Group 1",
            "IMP0",
            "NCC",
            "241751",
            "3.18",
            "Total Loan Count",
        ];
        if line.bytes().any(|b| b.is_ascii_digit()) && !line.contains("(1)")
            || specific.iter().any(|s| line.contains(s))
        {
            continue;
        }
        // The fixture had no liquidations, so its severity lines are bare labels; here they may
        // carry figures after the label.
        let found = if line.contains("Loss Severity Approximation") && !line.contains("Collateral")
        {
            generated.iter().any(|g| g.starts_with(line.as_str()))
        } else {
            generated.contains(line)
        };
        assert!(found, "missing fixture line: {line:?}");
        compared += 1;
    }
    assert!(compared > 150, "only {compared} lines compared");
}

#[test]
fn write_corpus_writes_accession_named_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cfg = config(2, 2, 6, 1);
    let written = write_corpus(&cfg, dir.path()).expect("written");
    assert_eq!(written, 5);
    for filing in generate(&cfg) {
        let on_disk = std::fs::read_to_string(dir.path().join(filing.file_name())).expect("file");
        assert_eq!(on_disk, filing.text);
        assert!(filing.file_name().starts_with("0009990001-02-"));
    }
}

#[test]
fn edge_configurations_do_not_panic() {
    assert_eq!(generate(&config(0, 12, 1, 3)).count(), 0);
    assert_eq!(generate(&config(3, 0, 1, 3)).count(), 0);
    // More amendments than trust-months: at most one re-filing each.
    assert_eq!(generate(&config(1, 2, 1, 99)).count(), 4);
    // Dates at the end of the calendar saturate instead of overflowing.
    let cfg = GeneratorConfig {
        first_distribution: NaiveDate::MAX,
        ..config(1, 2, 1, 1)
    };
    assert_eq!(generate(&cfg).count(), 3);
    // A pool run down over 30 years retires its bonds exactly.
    let last = generate(&config(1, 360, 9, 0)).last().expect("360 months");
    let lines = unwrap(document(&last));
    let a = row(&lines, "Distribution in Dollars - Current Period", "A");
    assert_eq!(a.get(165..180).map(str::trim), Some("0"));
}

#[test]
fn defects_change_exactly_the_months_they_name() {
    let cfg = config(2, 6, 7, 0);
    let clean: Vec<GeneratedFiling> = generate(&cfg).collect();
    assert_eq!(
        generate_with(&cfg, Defects::default()).collect::<Vec<_>>(),
        clean
    );

    let defects = Defects {
        restated: vec![(0, 2, 25_000.0)],
        dropped: vec![(1, 4)],
        amended: vec![(0, 2)],
    };
    let flawed: Vec<GeneratedFiling> = generate_with(&cfg, defects).collect();
    let key = |f: &GeneratedFiling| (f.trust_name.clone(), f.distribution_date, f.form.clone());
    let find = |set: &[GeneratedFiling], trust: &str, month: u32, form: &str| {
        let date = NaiveDate::from_ymd_opt(2002, 3 + month, 25).unwrap();
        set.iter()
            .find(|f| f.trust_name == trust && f.distribution_date == date && f.form == form)
            .map(|f| document(f).to_string())
    };
    let (s1, s2) = ("Remit Sample Trust 2002-S1", "Remit Sample Trust 2002-S2");
    // 12 months, one never filed, one re-filed.
    assert_eq!(flawed.len(), 12);
    assert!(find(&flawed, s2, 4, "8-K").is_none());
    assert!(flawed.iter().all(|f| f.text.contains("(SYNTHETIC)")));
    // The restated 8-K differs from the clean month; its 8-K/A prints the clean figures.
    let restated = find(&flawed, s1, 2, "8-K").unwrap();
    let clean_month = find(&clean, s1, 2, "8-K").unwrap();
    assert_ne!(restated, clean_month);
    let correction = find(&flawed, s1, 2, "8-K/A").unwrap();
    assert_eq!(
        correction.replace("FORM 8-K/A", "FORM 8-K"),
        clean_month,
        "the 8-K/A is the clean month"
    );
    // Every other month is the clean one, figure for figure.
    for f in &flawed {
        let month = (f.trust_name.as_str(), f.distribution_date, f.form.as_str());
        if month.2 == "8-K/A" || (month.0 == s1 && f.distribution_date.to_string() == "2002-05-25")
        {
            continue;
        }
        let twin = clean.iter().find(|c| key(c) == key(f)).unwrap();
        assert_eq!(document(f), document(twin), "{month:?}");
    }
}

#[test]
fn tiered_statements_print_three_tiers_and_number_their_pages_on() {
    let cfg = config(1, 2, 3, 0);
    let plain: Vec<_> = generate(&cfg).collect();
    let tiered: Vec<_> = generate(&cfg).tiered().collect();
    assert_eq!(plain.len(), tiered.len());
    let lines = unwrap(document(&tiered[1]));
    // Each tier's two pages carry its name in the page header, under the series.
    for tier in ["REMIC I", "REMIC II", "REMIC III"] {
        let headers: Vec<usize> = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.trim() == tier)
            .map(|(i, _)| i)
            .collect();
        assert_eq!(headers.len(), 2, "{tier}");
        for i in headers {
            assert_eq!(lines[i - 1].trim(), "Series 2002-S1");
            assert!(lines[i + 1]
                .trim()
                .starts_with("Certificate Payment Report for"));
        }
    }
    // Footers count 28 pages in order; the contents move the later reports down by four.
    let pages: Vec<String> = lines
        .iter()
        .filter_map(|l| {
            let t = l.trim_start();
            t.starts_with("Page ")
                .then(|| t.split_whitespace().take(4).collect::<Vec<_>>().join(" "))
        })
        .collect();
    let expected: Vec<String> = (1..=28).map(|n| format!("Page {n} of 28")).collect();
    assert_eq!(pages, expected);
    assert!(lines
        .iter()
        .any(|l| l.contains("Collection Account Report") && l.trim_end().ends_with(" 8")));
    assert!(lines
        .iter()
        .any(|l| l.contains("Total Number of Pages") && l.trim_end().ends_with(" 28")));
    // Interest-only: 0 principal balance, its notional in the interest detail.
    let io = lines
        .iter()
        .filter(|l| l.starts_with("A-IO "))
        .collect::<Vec<_>>();
    assert_eq!(io.len(), 4);
    assert_eq!(cell(io[0], 45), 0.0);
    assert_eq!(cell(io[0], 90), 0.0);
    assert!(cell(io[3], 45) > 1e8);
    // Everything but the Certificate Payment Report prints as untiered.
    let plain_lines = unwrap(document(&plain[1]));
    let from = |ls: &[String]| {
        let start = ls
            .iter()
            .position(|l| l.contains("Collection Account Report for"))
            .expect("collection");
        ls[start..]
            .iter()
            .filter(|l| !l.trim_start().starts_with("Page "))
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(from(&lines), from(&plain_lines));
    assert!(tiered[1].text.contains("(SYNTHETIC)"));
}
