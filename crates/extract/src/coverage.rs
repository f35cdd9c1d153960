//! Coverage: which printed figures a statement's rows hold, and which they do not.
//!
//! Every number printed on a line the extractor saw (a word that reads as a figure, not a date,
//! not a column number like `(4)=(2)+(3)`) is a printed figure. It counts as stored when a row
//! holds its value: each stored value accounts for one printed figure, in reading order, so a
//! figure printed twice and stored once leaves one unplaced. What is left is listed with its
//! report, page and line, so a user and a test can see what a layout did not place (prose,
//! formulas, a table of contents) and a figure that is missing never looks like one that was
//! never printed. Nothing here changes how figures are read.

use foldhash::{HashMap, HashSet};

use crate::columns::{blank_words, is_label_word};
use crate::value::parse_number;
use remit_normalize::Line;

use crate::{BondClass, CleanStatement, LoanEvent, LoanEventKind, Statement, Unplaced};

/// One printed figure and where.
struct Printed<'a> {
    keys: &'a [String],
    report: &'a str,
    /// Its report is a delinquency report (whose figures go to the delinquency cells first).
    delinquent: bool,
    line: &'a Line,
    word: &'a str,
    value: f64,
    class_row: bool,
    /// How many figures its line prints: table rows are matched before prose.
    on_line: usize,
}

/// Counts the printed figures of `clean`, those `read` stores, and lists the rest.
pub fn measure(clean: &CleanStatement, read: &mut Statement) {
    let mut stored = Stored::of(read);
    // Each report's keys and kind once, borrowed by each of its figures.
    let report_keys: Vec<(Vec<String>, bool)> = clean
        .reports
        .iter()
        .map(|report| {
            let keys = match &report.tier {
                Some(tier) => vec![report.title.clone(), format!("{} [{tier}]", report.title)],
                None => vec![report.title.clone()],
            };
            (keys, report.title.to_lowercase().contains("delinquen"))
        })
        .collect();
    let mut printed: Vec<Printed> = Vec::new();
    // Each line is split into words once; the buffers are reused from line to line.
    let mut words: Vec<&str> = Vec::new();
    let mut figures: Vec<(&str, f64)> = Vec::new();
    for (report, (keys, delinquent)) in clean.reports.iter().zip(&report_keys) {
        for line in &report.lines {
            words.clear();
            words.extend(blank_words(&line.text));
            // A line of column numbers and formulas (`(1)   (4)=(2)+(3)`) prints no figure.
            if !words.is_empty() && words.iter().all(|w| is_label_word(w)) {
                continue;
            }
            // A class's row: the class's figures, however many of its tables repeat one.
            let class_row = words
                .first()
                .is_some_and(|w| stored.class_names.contains(*w));
            figures.clear();
            figures.extend(words.iter().filter_map(|w| Some((*w, figure(w)?))));
            let on_line = figures.len();
            printed.extend(figures.drain(..).map(|(word, value)| Printed {
                keys,
                report: &report.title,
                delinquent: *delinquent,
                line,
                word,
                value,
                class_row,
                on_line,
            }));
        }
    }
    // Rows of tables first, so a figure of prose never takes the value a table row stored;
    // figures no report-named row holds go to the delinquency cells, their reports first.
    let mut order: Vec<usize> = (0..printed.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(printed[i].on_line));
    let mut placed = vec![false; printed.len()];
    for &i in &order {
        let p = &printed[i];
        placed[i] = stored.take_named(p.keys, p.class_row, p.value);
    }
    order.sort_by_key(|&i| {
        let p = &printed[i];
        (!p.delinquent, std::cmp::Reverse(p.on_line))
    });
    for &i in &order {
        if !placed[i] {
            placed[i] = stored.take_anywhere(printed[i].value);
        }
    }
    read.figures_printed = printed.len() as u32;
    read.figures_stored = placed.iter().filter(|p| **p).count() as u32;
    read.unplaced = printed
        .iter()
        .zip(&placed)
        .filter(|(_, placed)| !**placed)
        .map(|(p, _)| Unplaced {
            report: p.report.to_string(),
            page: p.line.page,
            line: p.line.line,
            figure: p.word.to_string(),
            text: blank_words(&p.line.text).collect::<Vec<_>>().join(" "),
        })
        .collect();
}

type Counts = HashMap<i128, u32>;

/// The values the statement's rows hold: per report where a row names its report
/// (`pool_values`, loan events), anywhere else (delinquency cells); a class's values for any
/// of its rows.
#[derive(Default)]
struct Stored {
    by_report: HashMap<String, Counts>,
    anywhere: Counts,
    class_names: HashSet<String>,
    class_values: HashSet<i128>,
}

impl Stored {
    fn take_named(&mut self, reports: &[String], class_row: bool, value: f64) -> bool {
        let candidates = candidates(value);
        if class_row && candidates.iter().any(|k| self.class_values.contains(k)) {
            return true;
        }
        reports.iter().any(|report| {
            self.by_report
                .get_mut(report)
                .is_some_and(|counts| take(counts, &candidates))
        })
    }

    fn take_anywhere(&mut self, value: f64) -> bool {
        take(&mut self.anywhere, &candidates(value))
    }

    fn of(read: &Statement) -> Stored {
        let mut stored = Stored::default();
        for c in &read.classes {
            stored.class_names.insert(c.class.clone());
            stored
                .class_values
                .extend(class_values(c).into_iter().map(key));
        }
        for v in &read.pool_values {
            if let Some(value) = v.value {
                // Looked up before inserting: a report's name is copied once, not per figure.
                match stored.by_report.get_mut(v.report.as_str()) {
                    Some(counts) => add(counts, value),
                    None => add(stored.by_report.entry(v.report.clone()).or_default(), value),
                }
            }
        }
        for d in &read.delinquency {
            for value in [
                d.balance,
                d.pct_balance,
                d.pct_loans,
                d.loans.map(|n| n as f64),
            ]
            .into_iter()
            .flatten()
            {
                add(&mut stored.anywhere, value);
            }
        }
        for e in &read.loan_events {
            let report = match e.kind {
                LoanEventKind::Prepaid => "Prepayment Detail Report",
                LoanEventKind::Reo => "REO Report",
                LoanEventKind::Liquidated => "Realized Loss Detail Report",
            };
            let counts = stored.by_report.entry(report.to_string()).or_default();
            for value in loan_values(e) {
                add(counts, value);
            }
        }
        stored
    }
}

/// A rate printed as a percentage may be stored as a fraction, and back.
fn candidates(value: f64) -> [i128; 3] {
    [value, value / 100.0, value * 100.0].map(key)
}

fn take(counts: &mut Counts, candidates: &[i128]) -> bool {
    for k in candidates {
        if let Some(count) = counts.get_mut(k).filter(|c| **c > 0) {
            *count -= 1;
            return true;
        }
    }
    false
}

fn add(counts: &mut Counts, value: f64) {
    *counts.entry(key(value)).or_insert(0) += 1;
}

fn class_values(c: &BondClass) -> Vec<f64> {
    let mut values: Vec<f64> = [
        c.original_face,
        c.prior_balance,
        c.interest,
        c.principal,
        c.total_distribution,
        c.realized_loss,
        c.deferred_interest,
        c.current_balance,
        c.factor_face,
        c.factor_prior_balance,
        c.factor_interest,
        c.factor_principal,
        c.factor_total_distribution,
        c.factor_current_balance,
        c.td_interest,
        c.td_unscheduled_principal,
        c.td_scheduled_principal,
        c.td_total_principal,
        c.td_total_distribution,
        c.td_realized_loss,
        c.td_deferred_interest,
        c.pass_through_rate,
        c.accrued_interest,
        c.non_supported_interest_sf,
        c.prior_unpaid_interest,
        c.unscheduled_interest_adjustments,
        c.optimal_interest,
        c.paid_or_deferred_interest,
        c.current_unpaid_interest,
    ]
    .into_iter()
    .flatten()
    .collect();
    // Accrual dates printed as spreadsheet serials (37554) are stored as dates.
    values.extend(
        [&c.accrual_start, &c.accrual_end]
            .into_iter()
            .flatten()
            .filter_map(|d| serial(d)),
    );
    values
}

fn loan_values(e: &LoanEvent) -> Vec<f64> {
    let mut values: Vec<f64> = [
        e.original_balance,
        e.balance,
        e.note_rate,
        e.ltv,
        e.realized_loss,
        e.original_term.map(|n| n as f64),
    ]
    .into_iter()
    .flatten()
    .collect();
    values.extend(
        [&e.event_date, &e.origination_date]
            .into_iter()
            .flatten()
            .filter_map(|d| serial(d)),
    );
    // The loan number and group are printed as figures (`1100345694 2`).
    values.extend(
        [Some(&e.loan_number), e.loan_group.as_ref()]
            .into_iter()
            .flatten()
            .flat_map(|t| t.split_whitespace())
            .filter_map(|t| parse_number(t).map(|f| f.value)),
    );
    values
}

/// The value of a printed word that is a figure: not a date (`11/25/2002`), not a column
/// number or formula (`(4)`, `(4)=(2)+(3)`).
pub(crate) fn figure(word: &str) -> Option<f64> {
    // Every figure prints a digit: most words (`Principal`, `-`) are ruled out by one pass
    // over their bytes, before the number is parsed.
    if !word.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    if word.contains(['/', '=']) || is_column_number(word) {
        return None;
    }
    parse_number(word).map(|f| f.value)
}

fn is_column_number(word: &str) -> bool {
    word.strip_prefix('(')
        .and_then(|w| w.strip_suffix(')'))
        .is_some_and(|inner| !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit()))
}

/// A value as a key, to the micro-unit: stored values come from the same printed words.
fn key(value: f64) -> i128 {
    let scaled = (value * 1e6).round();
    // Through an i64 where it fits (every figure of a statement): one instruction rather than
    // a call, and the same integer.
    if scaled.abs() < 9e18 {
        scaled as i64 as i128
    } else {
        scaled as i128
    }
}

/// An ISO date as the spreadsheet serial a statement may print it as (days since 1899-12-30).
fn serial(iso: &str) -> Option<f64> {
    let date = chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d").ok()?;
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?;
    Some((date - epoch).num_days() as f64)
}
