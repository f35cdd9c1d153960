//! The delinquency table of this family: bucket headings counting payments (`1 / Payment`,
//! `3+ / Payments`, `Total`), a status heading (`DELINQUENT LOAN INFORMATION`, `FORECLOSURE
//! ...`, `TOTAL`), and per group (`Fixed Group`, printed at the left of its first row) one row
//! per measure (balance, % of pool balance, number of loans, % of pool loans).

use crate::columns::{key, Word};
use crate::delinquency::{bucket_name, entry, set, Measure, STATUSES};
use crate::grid::{blank_before, has_figure, line_phrases, Grid};
use crate::sink::Sink;
use crate::value::collapse;
use remit_normalize::Line;

use super::body::Body;

/// A header line of bucket headings counting payments.
pub(super) fn bucket_header(text: &str) -> bool {
    line_phrases(text)
        .iter()
        .filter(|p| key(&p.text).contains("paym"))
        .count()
        >= 2
}

/// The start of the key of a heading that names each of the schema's [`STATUSES`], in order.
const KNOWN: [&str; 5] = ["delinq", "foreclos", "bankrupt", "reo", "total"];

/// The status a heading names, in the schema's words where it is one of them (misprinted too:
/// `FORCLOSURE`).
fn status_name(text: &str) -> String {
    let k = key(&crate::misprints::corrected(text));
    KNOWN
        .iter()
        .zip(STATUSES)
        .find(|(w, _)| k.starts_with(*w))
        .map_or_else(|| collapse(text).to_uppercase(), |(_, s)| s.to_string())
}

fn measure(label: &str) -> Option<Measure> {
    let k = key(label);
    let pct = k.contains("percent") || label.contains('%');
    match (
        pct,
        k.contains("loan") || k.contains("number"),
        k.contains("balance"),
    ) {
        (true, true, _) => Some(Measure::PctLoans),
        (true, false, true) => Some(Measure::PctBalance),
        (false, true, false) => Some(Measure::Loans),
        (false, _, true) => Some(Measure::Balance),
        _ => None,
    }
}

/// The table being read: its buckets, and the status and group of the rows so far.
pub(super) struct Table {
    grid: Grid,
    status: Option<String>,
    scope: Option<String>,
}

impl Table {
    /// From the header lines (bucket numbers above the bucket words) and the status the header
    /// line names at its left.
    pub(super) fn new(header: &[&str], status: Option<&str>) -> Table {
        Table {
            grid: Grid::from_header(header),
            status: status.map(status_name),
            scope: None,
        }
    }

    /// Reads one line of the table; false when the line is not the table's.
    pub(super) fn read(
        &mut self,
        line: &Line,
        phrases: &[Word],
        report: &str,
        body: &mut Body,
        sink: &mut Sink,
    ) -> bool {
        let text = line.text.as_str();
        if !has_figure(text) {
            // A status heading: one phrase, or several whose whole names a status of the schema
            // (`FORECLOSURE  LOAN INFORMATION` printed with two blanks inside).
            let whole = phrases
                .iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let named = status_name(&whole);
            if phrases.len() == 1 || STATUSES.contains(&named.as_str()) {
                self.status = Some(named);
                self.scope = None;
                return true;
            }
            return false;
        }
        let first_column = self.grid.columns.first().map_or(0, |c| c.start);
        let label: Vec<&Word> = phrases.iter().filter(|p| p.end <= first_column).collect();
        let label_end = label.iter().map(|p| p.end).max().unwrap_or(0);
        let (group, what) = match label.as_slice() {
            [g, m] => (Some(g.text.clone()), m.text.clone()),
            [m] => (None, m.text.clone()),
            _ => (None, String::new()),
        };
        if let Some(g) = group {
            // Groups are printed in varying case (`Fixed Group`, `FIXED GROUP`): one scope.
            let known = body.scopes.iter().find(|s| s.eq_ignore_ascii_case(&g));
            self.scope = Some(known.cloned().unwrap_or(g));
        }
        let (Some(status), Some(scope)) = (self.status.clone(), self.scope.clone()) else {
            sink.warn(format!(
                "page {}, line {}: delinquency figures without a status or group",
                line.page, line.line
            ));
            return true;
        };
        if !body.scopes.contains(&scope) {
            body.scopes.push(scope.clone());
        }
        let m = measure(&what);
        let cells = self.grid.cells(&blank_before(text, label_end));
        for (column, cell) in self.grid.columns.iter().zip(cells) {
            let Some(cell) = cell else { continue };
            let bucket = bucket_name(&column.title);
            let (at, target) = entry(&mut body.delinquency, &scope, &status, &bucket);
            match (m, cell.figure) {
                (Some(m), Some(figure)) => {
                    set(target, m, figure.value);
                    body.figures.insert((at, m), figure);
                }
                _ => sink.pool(report, &scope, &format!("{status}: {what}"), &bucket, &cell),
            }
        }
        true
    }
}
