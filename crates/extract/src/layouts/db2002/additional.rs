//! The Additional Certificate Report: per-class tables of figures the Certificate Payment Report
//! has no column for (interest shortfalls, net WAC or basis-risk shortfall carry-forwards), each
//! a title, a stack of header lines with a `Class` column and numbered columns, one row per
//! class and a `Total` row.
//!
//! Labelled sections under upper-case headings, which some statements print in this report
//! (`CLASS A-1 INFORMATION` with a TOTAL column), are read as the other pool reports' sections.
//!
//! A class table's figures go to `pool_values` (report `Additional Certificate Report`, section the table's
//! title, label the class as printed or `Total`, col the column title as printed): the contract's
//! `bond_classes` has no column for them, and a class's Certificate Payment row stays the one
//! row of that class. Checks, all from what is printed:
//! - each printed formula label (`(4)=(1)+(2)-(3)`) on every row printing its operands;
//! - a roll-forward whose result column prints no formula, by the column titles: within one
//!   family of columns (`Interest Shortfall`, `Net WAC Shortfall`), Ending = Prior + Current -
//!   Paid;
//! - the `Total` row equal to the sum of the classes, column by column.
//!
//! An identity that cannot be evaluated is a failed check saying why (a formula naming a column
//! not found, a family missing a column, a table without a Total row), never silence.

use crate::checks::{missing_columns, parse_formula, Precision, Term};
use crate::columns::{is_label_line, phrases, plain_words, Column, Columns, Row};
use crate::formulas::{formula_checks, terms, FormulaTable};
use crate::sections::{self, is_subtitle};
use crate::sink::Sink;
use crate::value::{collapse, parse_number};
use remit_normalize::Report;

/// One table: its title lines, header lines and rows, and which lines of the report it spans.
#[derive(Default)]
struct Table {
    titles: Vec<String>,
    header: Vec<String>,
    rows: Vec<String>,
    lines: Vec<usize>,
}

/// A row prints figures after its first word (the class), and is not a line of column labels.
fn is_data_row(text: &str) -> bool {
    !is_label_line(text)
        && plain_words(text)
            .iter()
            .skip(1)
            .any(|w| parse_number(&w.text).is_some() && w.text.chars().any(|c| c.is_ascii_digit()))
}

/// A title: one phrase of three words or more on its line, over the columns.
fn is_title(text: &str) -> bool {
    let all = phrases(&plain_words(text), 3);
    all.len() == 1 && all.iter().all(|p| p.text.split(' ').count() >= 3)
}

fn tables(report: &Report) -> Vec<Table> {
    let mut tables = Vec::new();
    let mut current = Table::default();
    for (index, line) in report.lines.iter().enumerate() {
        let text = line.text.as_str();
        let trimmed = text.trim();
        if trimmed.is_empty() || is_subtitle(trimmed, &report.title) {
            continue;
        }
        if is_data_row(text) {
            current.rows.push(text.to_string());
            current.lines.push(index);
            continue;
        }
        if !current.rows.is_empty() {
            tables.push(std::mem::take(&mut current));
        }
        current.lines.push(index);
        if is_title(text) && current.header.is_empty() {
            current.titles.push(collapse(trimmed));
        } else {
            current.header.push(text.to_string());
        }
    }
    if !current.rows.is_empty() || !current.header.is_empty() {
        tables.push(current);
    }
    tables
}

/// Reads the report's class tables into `pool_values`, with their checks; whatever else it
/// prints (labelled sections under upper-case headings) is read as sections.
pub fn read(report: &Report, sink: &mut Sink) {
    let prefix = match &report.tier {
        Some(tier) if !tier.is_empty() => format!("{} [{tier}]", report.title),
        _ => report.title.clone(),
    };
    let mut taken = vec![false; report.lines.len()];
    for table in tables(report) {
        let header: Vec<&str> = table.header.iter().map(String::as_str).collect();
        let columns = Columns::from_header(&header);
        // A class table names a `Class` column and prints a class under it.
        let Some(class_column) = columns.position("class") else {
            continue;
        };
        let rows: Vec<Row> = crate::alignment::read_rows(&table.rows, &columns);
        let mut named: Vec<(String, &Row)> = Vec::new();
        for row in &rows {
            if let Some(cell) = row.cell(class_column).filter(|c| !c.raw.is_empty()) {
                named.push((cell.raw.clone(), row));
            }
        }
        if named.len() < rows.len() || named.is_empty() {
            continue;
        }
        for index in &table.lines {
            if let Some(flag) = taken.get_mut(*index) {
                *flag = true;
            }
        }
        let class_column = Some(class_column);
        let section = if table.titles.is_empty() {
            "Additional Certificate".to_string()
        } else {
            table.titles.join(" / ")
        };
        for (name, row) in &named {
            let label = if is_total(name) { "Total" } else { name };
            for (index, column) in columns.columns.iter().enumerate() {
                if Some(index) == class_column {
                    continue;
                }
                if let Some(cell) = row.cell(index).filter(|c| !c.raw.is_empty()) {
                    sink.pool(&report.title, &section, label, &column.title, cell);
                }
            }
        }
        let place = format!("{prefix} ({section})");
        let table = FormulaTable {
            scope: &format!("{prefix}/"),
            place: &place,
            precision: Precision::Money,
            rows_expected: true,
        };
        formula_checks(&table, &columns, &named, sink);
        family_checks(&prefix, &place, &columns, &named, sink);
        total_checks(&prefix, &place, &columns, class_column, &named, sink);
    }
    let rest = Report {
        title: report.title.clone(),
        tier: report.tier.clone(),
        lines: report
            .lines
            .iter()
            .zip(&taken)
            .filter(|(_, taken)| !**taken)
            .map(|(line, _)| line.clone())
            .collect(),
    };
    sections::read_report(&rest, sink);
}

fn is_total(name: &str) -> bool {
    matches!(name.to_ascii_lowercase().as_str(), "total" | "totals")
}

/// What a column is in its family's roll-forward.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Prior,
    Current,
    Paid,
    Ending,
}

const ROLE_WORDS: [&str; 12] = [
    "prior",
    "beginning",
    "current",
    "ending",
    "unpaid",
    "paid",
    "carry",
    "forward",
    "carryforward",
    "amount",
    "amt",
    "cf",
];

/// A column's role and family: `Prior Unpaid Interest Shortfall` is the prior figure of the
/// `interest shortfall` family.
fn role_and_family(column: &Column) -> Option<(Role, String)> {
    let words: Vec<String> = column
        .title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let first = words.first()?.as_str();
    let role = match first {
        "prior" | "beginning" => Role::Prior,
        "ending" => Role::Ending,
        "current" => Role::Current,
        _ if words.iter().any(|w| w == "paid") => Role::Paid,
        _ => return None,
    };
    let family: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| !ROLE_WORDS.contains(w))
        .collect();
    (!family.is_empty()).then(|| (role, family.join(" ")))
}

/// Ending = Prior + Current - Paid in each family of at least two printed roles, by title where
/// the ending column prints no formula; a role not found is a failed check naming it.
fn family_checks(
    prefix: &str,
    place: &str,
    columns: &Columns,
    rows: &[(String, &Row)],
    sink: &mut Sink,
) {
    let roles: Vec<Option<(Role, String)>> = columns.columns.iter().map(role_and_family).collect();
    let mut families: Vec<&str> = Vec::new();
    for (_, family) in roles.iter().flatten() {
        if !families.contains(&family.as_str()) {
            families.push(family);
        }
    }
    for family in families {
        let find = |role: Role| {
            roles
                .iter()
                .position(|r| r.as_ref().is_some_and(|(ro, f)| *ro == role && f == family))
        };
        let found: Vec<Option<usize>> = [Role::Ending, Role::Prior, Role::Current, Role::Paid]
            .iter()
            .map(|r| find(*r))
            .collect();
        if found.iter().flatten().count() < 2 {
            continue;
        }
        let labelled = found[0].is_some_and(|i| {
            columns
                .columns
                .get(i)
                .and_then(|c| c.label.as_deref())
                .and_then(parse_formula)
                .is_some()
        });
        if labelled {
            continue;
        }
        let title = |role: &str| format!("{role} {family}");
        let name = format!(
            "{prefix}/{} = {} + {} - {}",
            title("Ending"),
            title("Prior"),
            title("Current"),
            title("Paid")
        );
        let missing: Vec<String> = ["Ending", "Prior", "Current", "Paid"]
            .iter()
            .zip(&found)
            .filter(|(_, f)| f.is_none())
            .map(|(role, _)| title(role))
            .collect();
        let (Some(ending), Some(prior), Some(current), Some(paid)) =
            (found[0], found[1], found[2], found[3])
        else {
            sink.checks.unevaluated(
                name,
                format!("{} not found in {place}", missing_columns(&missing)),
            );
            continue;
        };
        let operands = [
            (1.0, "Prior".to_string(), prior),
            (1.0, "Current".to_string(), current),
            (-1.0, "Paid".to_string(), paid),
        ];
        for (row_name, row) in rows {
            let (Some(figure), Some(terms)) = (
                row.cell(ending).and_then(|c| c.figure),
                terms(row, &operands),
            ) else {
                continue;
            };
            sink.checks.identity(
                format!("{name} [{row_name}]"),
                Precision::Money,
                ("Ending", figure),
                &terms,
            );
        }
    }
}

/// The classes summing to the `Total` row, column by column; a table of classes without a Total
/// row records that it could not be checked.
fn total_checks(
    prefix: &str,
    place: &str,
    columns: &Columns,
    class_column: Option<usize>,
    rows: &[(String, &Row)],
    sink: &mut Sink,
) {
    let Some((_, total)) = rows.iter().find(|(n, _)| is_total(n)) else {
        sink.checks.unevaluated(
            format!("{prefix}/Total = sum of classes"),
            format!("row \"Total\" not found in {place}"),
        );
        return;
    };
    for (index, column) in columns.columns.iter().enumerate() {
        if Some(index) == class_column {
            continue;
        }
        let Some(result) = total.cell(index).and_then(|c| c.figure) else {
            continue;
        };
        let terms: Vec<Term> = rows
            .iter()
            .filter(|(n, _)| !is_total(n))
            .filter_map(|(n, r)| Some(Term::plus(n.clone(), r.cell(index)?.figure?)))
            .collect();
        sink.checks.identity(
            format!("{prefix}/Total: {} = sum of classes", column.title),
            Precision::Money,
            ("Total", result),
            &terms,
        );
    }
}
