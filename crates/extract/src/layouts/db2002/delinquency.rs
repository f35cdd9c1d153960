//! The Delinquency Report: for the total and each group (from the subtitle `Delinquency
//! Report - Fixed Group`), a status x bucket table with four measures per status (`Balance`,
//! `% Balance`, `# Loans`, `% # Loans`). Buckets come from the column header; a blank cell is
//! NULL (the DELINQUENT row prints no CURRENT cell).

use std::collections::HashMap;

use super::sections::is_subtitle;
use crate::checks::{Precision, Term};
use crate::columns::{figures_and_words, phrases, plain_words, words, Columns};
use crate::layouts::Sink;
use crate::value::{collapse, Figure};
use crate::DelinquencyCell;
use remit_normalize::Report;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Measure {
    Balance,
    PctBalance,
    Loans,
    PctLoans,
}

impl Measure {
    fn from_label(label: &str) -> Option<Measure> {
        let lower = label.to_lowercase();
        let pct = lower.contains('%');
        match (pct, lower.contains("loan"), lower.contains("balance")) {
            (true, true, _) => Some(Measure::PctLoans),
            (true, false, true) => Some(Measure::PctBalance),
            (false, true, _) => Some(Measure::Loans),
            (false, false, true) => Some(Measure::Balance),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Measure::Balance => "balance",
            Measure::PctBalance => "pct_balance",
            Measure::Loans => "loans",
            Measure::PctLoans => "pct_loans",
        }
    }

    fn precision(self) -> Precision {
        match self {
            Measure::Balance => Precision::Money,
            Measure::Loans => Precision::Count,
            Measure::PctBalance | Measure::PctLoans => Precision::Ratio,
        }
    }
}

const MEASURES: [Measure; 4] = [
    Measure::Balance,
    Measure::PctBalance,
    Measure::Loans,
    Measure::PctLoans,
];

/// `2  PAYMTS` -> `2 PAYMENTS`, `1 PAYMENT` -> `1 PAYMENT`, others upper-cased as printed.
pub fn bucket_name(title: &str) -> String {
    let title = collapse(title).to_uppercase();
    let count: String = title
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    if !count.is_empty() && title.contains("PAYM") {
        return if count == "1" {
            "1 PAYMENT".to_string()
        } else {
            format!("{count} PAYMENTS")
        };
    }
    title
}

type Key = (String, String, String, Measure);

/// Reads one Delinquency Report (possibly several scopes) into `cells`.
pub fn read(report: &Report, cells: &mut Vec<DelinquencyCell>, sink: &mut Sink) {
    let mut scope = "Total".to_string();
    let mut columns = Columns::default();
    let mut status: Option<String> = None;
    let mut figures: HashMap<Key, Figure> = HashMap::new();
    let mut scopes: Vec<String> = Vec::new();
    for line in &report.lines {
        let text = line.text.as_str();
        let collapsed = collapse(text);
        if collapsed.is_empty() || collapsed.starts_with("Note:") {
            continue;
        }
        if is_subtitle(&collapsed, &report.title) {
            let rest = collapsed.get(collapse(&report.title).len()..).unwrap_or("");
            let rest = rest.trim().trim_start_matches('-').trim();
            scope = if rest.is_empty() {
                "Total".to_string()
            } else {
                rest.to_string()
            };
            status = None;
            continue;
        }
        let all = words(text);
        // A bucket header prints words (`1 PAYMENT` has a digit); a row prints figures.
        let (numeric, worded) = figures_and_words(&all);
        if numeric == 0 || worded >= numeric {
            if phrases(&plain_words(text), 2).len() >= 2 {
                columns = Columns::from_header(&[text]);
                status = None;
            }
            continue;
        }
        let Some(first_column) = columns.get(0).map(|c| c.start) else {
            sink.warn(format!(
                "page {}, line {}: delinquency figures before any bucket header",
                line.page, line.line
            ));
            continue;
        };
        let label_words: Vec<_> = all.into_iter().filter(|w| w.end <= first_column).collect();
        let label_phrases = phrases(&label_words, 2);
        let mut measure_parts: Vec<String> = Vec::new();
        for (index, phrase) in label_phrases.iter().enumerate() {
            if index == 0 && phrase.start == 0 {
                status = Some(phrase.text.clone());
            } else {
                measure_parts.push(phrase.text.clone());
            }
        }
        let measure_label = measure_parts.join(" ");
        let Some(current_status) = status.clone() else {
            sink.warn(format!(
                "page {}, line {}: delinquency figures without a status",
                line.page, line.line
            ));
            continue;
        };
        if !scopes.contains(&scope) {
            scopes.push(scope.clone());
        }
        let row = columns.row(text);
        let measure = Measure::from_label(&measure_label);
        for (index, column) in columns.columns.iter().enumerate() {
            let bucket = bucket_name(&column.title);
            let cell = entry(cells, &scope, &current_status, &bucket);
            let Some(printed) = row.cell(index) else {
                continue;
            };
            match (measure, printed.figure) {
                (Some(m), Some(figure)) => {
                    set(cell, m, figure.value);
                    figures.insert(
                        (scope.clone(), current_status.clone(), bucket.clone(), m),
                        figure,
                    );
                }
                _ => sink.pool(
                    &report.title,
                    &scope,
                    &format!("{current_status}: {measure_label}"),
                    &bucket,
                    printed,
                ),
            }
        }
    }
    checks(&report.title, &scopes, cells, &figures, sink);
}

fn entry<'a>(
    cells: &'a mut Vec<DelinquencyCell>,
    scope: &str,
    status: &str,
    bucket: &str,
) -> &'a mut DelinquencyCell {
    let found = cells
        .iter()
        .position(|c| c.scope == scope && c.status == status && c.bucket == bucket);
    let index = found.unwrap_or_else(|| {
        cells.push(DelinquencyCell {
            scope: scope.to_string(),
            status: status.to_string(),
            bucket: bucket.to_string(),
            balance: None,
            pct_balance: None,
            loans: None,
            pct_loans: None,
        });
        cells.len() - 1
    });
    &mut cells[index]
}

fn set(cell: &mut DelinquencyCell, measure: Measure, value: f64) {
    match measure {
        Measure::Balance => cell.balance = Some(value),
        Measure::PctBalance => cell.pct_balance = Some(value),
        Measure::Loans => {
            cell.loans = (value.fract() == 0.0 && value.abs() < 1e15).then_some(value as i64)
        }
        Measure::PctLoans => cell.pct_loans = Some(value),
    }
}

/// Buckets sum to the TOTAL bucket, statuses to the TOTAL status, groups to the total scope.
fn checks(
    report: &str,
    scopes: &[String],
    cells: &[DelinquencyCell],
    figures: &HashMap<Key, Figure>,
    sink: &mut Sink,
) {
    let mut statuses: Vec<&str> = Vec::new();
    let mut buckets: Vec<&str> = Vec::new();
    for cell in cells {
        if !statuses.contains(&cell.status.as_str()) {
            statuses.push(&cell.status);
        }
        if !buckets.contains(&cell.bucket.as_str()) {
            buckets.push(&cell.bucket);
        }
    }
    let is_total = |s: &str| s.eq_ignore_ascii_case("total");
    let get = |scope: &str, status: &str, bucket: &str, m: Measure| {
        figures
            .get(&(scope.to_string(), status.to_string(), bucket.to_string(), m))
            .copied()
    };
    for scope in scopes {
        for m in MEASURES {
            for status in &statuses {
                let Some(total) = get(scope, status, "TOTAL", m) else {
                    continue;
                };
                let terms: Vec<Term> = buckets
                    .iter()
                    .filter(|b| !is_total(b))
                    .filter_map(|b| Some(Term::plus(*b, get(scope, status, b, m)?)))
                    .collect();
                sink.checks.identity(
                    format!("{report}/{scope}/{status}: buckets = TOTAL [{}]", m.name()),
                    m.precision(),
                    ("TOTAL", total),
                    &terms,
                );
            }
            for bucket in &buckets {
                let Some(total) = statuses
                    .iter()
                    .find(|s| is_total(s))
                    .and_then(|s| get(scope, s, bucket, m))
                else {
                    continue;
                };
                let terms: Vec<Term> = statuses
                    .iter()
                    .filter(|s| !is_total(s))
                    .filter_map(|s| Some(Term::plus(*s, get(scope, s, bucket, m)?)))
                    .collect();
                sink.checks.identity(
                    format!("{report}/{scope}/{bucket}: statuses = TOTAL [{}]", m.name()),
                    m.precision(),
                    ("TOTAL", total),
                    &terms,
                );
            }
        }
    }
    let Some(whole) = scopes.iter().find(|s| is_total(s)) else {
        return;
    };
    let groups: Vec<&String> = scopes.iter().filter(|s| !is_total(s)).collect();
    if groups.len() < 2 {
        return;
    }
    for m in [Measure::Balance, Measure::Loans] {
        for status in &statuses {
            for bucket in &buckets {
                let Some(total) = get(whole, status, bucket, m) else {
                    continue;
                };
                let terms: Vec<Term> = groups
                    .iter()
                    .filter_map(|g| Some(Term::plus(g.as_str(), get(g, status, bucket, m)?)))
                    .collect();
                if terms.is_empty() {
                    continue;
                }
                let names: Vec<&str> = groups.iter().map(|g| g.as_str()).collect();
                sink.checks.identity(
                    format!(
                        "{report}/{status}/{bucket}: {} = {whole} [{}]",
                        names.join(" + "),
                        m.name()
                    ),
                    m.precision(),
                    (whole, total),
                    &terms,
                );
            }
        }
    }
}
