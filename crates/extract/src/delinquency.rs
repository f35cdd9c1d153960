//! Delinquency tables any layout reads: the measures a row prints, bucket names, the cells of
//! scope x status x bucket, and the sums the table implies (buckets to their TOTAL, statuses to
//! the TOTAL status, groups to the whole pool).

use crate::checks::{Precision, Term};
use crate::sink::Sink;
use crate::value::{collapse, Figure};
use crate::DelinquencyCell;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Measure {
    Balance,
    PctBalance,
    Loans,
    PctLoans,
}

impl Measure {
    pub fn from_label(label: &str) -> Option<Measure> {
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

/// The statuses the history names (see `schema.md`), whichever words a trustee heads them with.
pub const STATUSES: [&str; 5] = ["DELINQUENT", "FORECLOSURE", "BANKRUPTCY", "REO", "TOTAL"];

pub const MEASURES: [Measure; 4] = [
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

/// The printed figures of a delinquency table, as the checks read them: by their cell (its
/// index in the table's cells, which name its scope, status and bucket) and measure, so no
/// name is copied per figure.
pub type Figures = foldhash::HashMap<(usize, Measure), Figure>;

/// The cell of scope x status x bucket, made blank if new, and its index in `cells`.
pub fn entry<'a>(
    cells: &'a mut Vec<DelinquencyCell>,
    scope: &str,
    status: &str,
    bucket: &str,
) -> (usize, &'a mut DelinquencyCell) {
    // Searched from the end: a row's cells were made by the rows just above it (the
    // status's first measure), and each place is in `cells` once.
    let found = cells
        .iter()
        .rposition(|c| c.bucket == bucket && c.status == status && c.scope == scope);
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
    (index, &mut cells[index])
}

pub fn set(cell: &mut DelinquencyCell, measure: Measure, value: f64) {
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
pub fn checks(
    report: &str,
    scopes: &[String],
    cells: &[DelinquencyCell],
    figures: &Figures,
    sink: &mut Sink,
) {
    // Each cell's index by its borrowed names: looking a figure up copies no string.
    let index: foldhash::HashMap<(&str, &str, &str), usize> = cells
        .iter()
        .enumerate()
        .map(|(i, c)| ((c.scope.as_str(), c.status.as_str(), c.bucket.as_str()), i))
        .collect();
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
        let cell = index.get(&(scope, status, bucket))?;
        figures.get(&(*cell, m)).copied()
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
