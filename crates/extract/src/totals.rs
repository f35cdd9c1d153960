//! The sums a section of labelled lines implies, recorded as checks:
//! - the groups of a row summing to its `TOTAL` column (ADJUSTABLE + FIXED = TOTAL);
//! - an upper-case total line (`TOTAL PRINCIPAL`) equal to the lines above it since the
//!   previous total (the longest such run that adds up; all of them when none does, so a
//!   failure is recorded), or, directly under other totals, equal to those totals;
//! - a mixed-case `Total ...` line, which is sometimes a standalone figure, only where a run of
//!   at least two lines above adds up to it;
//! - a line followed by deeper-indented lines equal to their sum;
//! - roll-forwards: `Current` = `Prior` + the movements printed between them.
//!
//! Only additive rows take part: not averages, rates, percentages, or figures printed with
//! more than four decimals.

use crate::checks::{CheckBook, Precision, Term};
use crate::sections::{Section, SectionRow};
use crate::value::Figure;

const AVERAGE_WORDS: [&str; 14] = [
    "average",
    "avg",
    "weighted",
    "rate",
    "smm",
    "cpr",
    "psa",
    "mdr",
    "cdr",
    "sda",
    "severity",
    "percentage",
    "factor",
    "ratio",
];

pub fn check_section(report: &str, section: &Section, book: &mut CheckBook) {
    let prefix = format!("{report}/{}", section.name);
    // Each label lower-cased once, and whether each row is additive decided once, for every sum.
    let lower: Vec<String> = section
        .rows
        .iter()
        .map(|r| r.label.to_lowercase())
        .collect();
    let additive: Vec<bool> = section
        .rows
        .iter()
        .zip(&lower)
        .map(|(row, label)| additive(row, label))
        .collect();
    group_sums(&prefix, section, &additive, book);
    let children = indented_sums(&prefix, section, &additive, book);
    running_totals(&prefix, section, &children, &additive, book);
    roll_forwards(&prefix, section, &lower, book);
}

/// `lower` is the row's label lower-cased.
fn additive(row: &SectionRow, lower: &str) -> bool {
    let label = lower;
    let averaged = label
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| AVERAGE_WORDS.contains(&word));
    !averaged
        && row
            .figures
            .iter()
            .flatten()
            .all(|f| !f.percent && f.decimals <= 4)
}

/// Counts are whole numbers printed as such; anything else is money.
fn precision(figures: &[Figure]) -> Precision {
    if figures
        .iter()
        .all(|f| f.decimals == 0 && f.value.abs() < 1e7)
    {
        Precision::Count
    } else {
        Precision::Money
    }
}

fn record(book: &mut CheckBook, name: String, result: (&str, Figure), terms: Vec<Term>) {
    let mut all: Vec<Figure> = terms.iter().map(|t| t.figure).collect();
    all.push(result.1);
    book.identity(name, precision(&all), result, &terms);
}

fn group_sums(prefix: &str, section: &Section, additive: &[bool], book: &mut CheckBook) {
    let Some(total) = section.columns.position("total") else {
        return;
    };
    let rows = section.rows.iter().zip(additive);
    for row in rows.filter(|(_, additive)| **additive).map(|(row, _)| row) {
        let Some(Some(result)) = row.figures.get(total) else {
            continue;
        };
        let terms: Vec<Term> = row
            .figures
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != total)
            .filter_map(|(i, f)| {
                let title = section.columns.get(i)?.title.clone();
                Some(Term::plus(title, (*f)?))
            })
            .collect();
        if terms.len() < 2 {
            continue;
        }
        let title = section
            .columns
            .get(total)
            .map_or("TOTAL", |c| c.title.as_str());
        let names: Vec<&str> = terms.iter().map(|t| t.name.as_str()).collect();
        let name = format!(
            "{prefix}/{}: {} = {title}",
            row.qualified(),
            names.join(" + ")
        );
        record(book, name, (title, *result), terms);
    }
}

/// Lines followed by deeper-indented lines total them; returns which rows are such children.
fn indented_sums(
    prefix: &str,
    section: &Section,
    additive: &[bool],
    book: &mut CheckBook,
) -> Vec<bool> {
    let rows = &section.rows;
    let mut child = vec![false; rows.len()];
    for (index, parent) in rows.iter().enumerate() {
        let below: Vec<&SectionRow> = rows
            .iter()
            .skip(index + 1)
            .take_while(|r| r.indent > parent.indent && r.sub == parent.sub)
            .collect();
        if below.is_empty() || !additive.get(index).copied().unwrap_or(false) {
            continue;
        }
        for flag in child.iter_mut().skip(index + 1).take(below.len()) {
            *flag = true;
        }
        for (column, result) in parent.figures.iter().enumerate() {
            let Some(result) = result else { continue };
            let terms: Vec<Term> = below
                .iter()
                .filter_map(|r| Some(Term::plus(r.label.clone(), (*r.figures.get(column)?)?)))
                .collect();
            if terms.is_empty() {
                continue;
            }
            let title = column_title(section, column);
            let name = format!(
                "{prefix}/{}: {title} = sum of the {} lines below",
                parent.qualified(),
                below.len()
            );
            record(book, name, (&parent.label, *result), terms);
        }
    }
    child
}

fn column_title(section: &Section, column: usize) -> String {
    section
        .columns
        .get(column)
        .map(|c| c.title.clone())
        .unwrap_or_default()
}

fn is_upper_total(row: &SectionRow) -> bool {
    row.label.chars().any(char::is_alphabetic) && !row.label.chars().any(char::is_lowercase)
}

fn running_totals(
    prefix: &str,
    section: &Section,
    children: &[bool],
    additive: &[bool],
    book: &mut CheckBook,
) {
    let mut block: Vec<&SectionRow> = Vec::new();
    let mut totals: Vec<&SectionRow> = Vec::new();
    let mut sub: Option<&Option<String>> = None;
    for (index, row) in section.rows.iter().enumerate() {
        if children.get(index).copied().unwrap_or(false) {
            continue;
        }
        if sub != Some(&row.sub) {
            block.clear();
            totals.clear();
            sub = Some(&row.sub);
        }
        if !additive.get(index).copied().unwrap_or(false) {
            block.clear();
            totals.clear();
            continue;
        }
        let (upper, mixed) = if section.totals_by_word {
            (row.label.to_ascii_uppercase().starts_with("TOTAL"), false)
        } else {
            let upper = is_upper_total(row);
            (upper, !upper && row.label.starts_with("Total "))
        };
        if !upper && !mixed {
            block.push(row);
            continue;
        }
        let min_run = if upper { 1 } else { 2 };
        if let Some(run) = covering_run(row, &block, min_run) {
            record_total(
                prefix,
                section,
                row,
                &block[block.len() - run..],
                "above",
                book,
            );
            block.clear();
            totals.push(row);
        } else if upper && !block.is_empty() {
            record_total(prefix, section, row, &block, "above", book);
            block.clear();
            totals.push(row);
        } else if block.is_empty() && !totals.is_empty() {
            match covering_run(row, &totals, 1) {
                Some(run) => {
                    let covered = &totals[totals.len() - run..];
                    record_total(prefix, section, row, covered, "totals above", book);
                }
                None if upper => record_total(prefix, section, row, &totals, "totals above", book),
                None => {}
            }
            if upper {
                totals = vec![row];
            } else {
                // A mixed-case line repeating a total carries it into the lines that follow.
                block.push(row);
            }
        } else if upper {
            totals.push(row);
        } else {
            block.push(row);
        }
    }
}

/// The longest run (at least `min_run` lines) ending just above `total` that sums to it in
/// every column where `total` prints a figure.
fn covering_run(total: &SectionRow, candidates: &[&SectionRow], min_run: usize) -> Option<usize> {
    (min_run.max(1)..=candidates.len()).rev().find(|&run| {
        let lines = &candidates[candidates.len() - run..];
        let mut any = false;
        let all = total.figures.iter().enumerate().all(|(column, result)| {
            let Some(result) = result else { return true };
            any = true;
            let terms = unnamed_terms_in(lines, column);
            let mut figures: Vec<Figure> = terms.iter().map(|t| t.figure).collect();
            figures.push(*result);
            CheckBook::holds(precision(&figures), *result, &terms)
        });
        any && all
    })
}

/// The terms of a column without their names, to test whether they add up: a name is only
/// read when a check is recorded, and a total tries many runs before one is.
fn unnamed_terms_in(lines: &[&SectionRow], column: usize) -> Vec<Term> {
    lines
        .iter()
        .filter_map(|r| Some(Term::plus(String::new(), (*r.figures.get(column)?)?)))
        .collect()
}

fn terms_in(lines: &[&SectionRow], column: usize) -> Vec<Term> {
    lines
        .iter()
        .filter_map(|r| Some(Term::plus(r.qualified(), (*r.figures.get(column)?)?)))
        .collect()
}

fn record_total(
    prefix: &str,
    section: &Section,
    total: &SectionRow,
    lines: &[&SectionRow],
    what: &str,
    book: &mut CheckBook,
) {
    for (column, result) in total.figures.iter().enumerate() {
        let Some(result) = result else { continue };
        let name = format!(
            "{prefix}/{}: {} = sum of the {} {what}",
            total.qualified(),
            column_title(section, column),
            lines.len()
        );
        record(book, name, (&total.label, *result), terms_in(lines, column));
    }
}

const PRIOR: [&str; 4] = ["prior", "beginning", "beginning balance", "opening balance"];
const CURRENT: [&str; 4] = ["current", "ending", "ending balance", "closing balance"];

/// `Current = Prior + movements` within each sub-heading (`Loan Count:`, `Principal Balance:`).
/// `lower` holds each row's label lower-cased.
fn roll_forwards(prefix: &str, section: &Section, lower: &[String], book: &mut CheckBook) {
    let rows = &section.rows;
    for (p, prior) in rows.iter().enumerate() {
        if !lower.get(p).is_some_and(|l| PRIOR.contains(&l.as_str())) {
            continue;
        }
        let Some(offset) = rows
            .iter()
            .zip(lower)
            .skip(p + 1)
            .position(|(r, l)| r.sub == prior.sub && CURRENT.contains(&l.as_str()))
        else {
            continue;
        };
        let c = p + 1 + offset;
        let Some(current) = rows.get(c) else { continue };
        let movements = rows.get(p + 1..c).unwrap_or_default();
        if movements.iter().any(|r| r.sub != prior.sub) {
            continue;
        }
        for (column, result) in current.figures.iter().enumerate() {
            let (Some(result), Some(Some(start))) = (result, prior.figures.get(column)) else {
                continue;
            };
            let mut terms = vec![Term::plus(prior.label.clone(), *start)];
            terms.extend(
                movements
                    .iter()
                    .filter_map(|r| Some(Term::plus(r.label.clone(), (*r.figures.get(column)?)?))),
            );
            let scope = prior
                .sub
                .as_deref()
                .map_or(String::new(), |s| format!("{s}: "));
            let name = format!(
                "{prefix}/{scope}{} = {} + movements [{}]",
                current.label,
                prior.label,
                column_title(section, column)
            );
            record(book, name, (&current.label, *result), terms);
        }
    }
}
