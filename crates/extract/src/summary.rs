//! Reading a layout's own labels into the typed [`PoolSummary`]: lookups any layout can use.

use crate::misprints::label_reads_as as reads_as;
use crate::{DelinquencyCell, PoolSummary, PoolValue};

/// The scope a pool column stands for: a `TOTAL` column is the whole pool, any other column is
/// the group as printed.
pub(crate) fn scope_of(col: &str) -> String {
    if col.eq_ignore_ascii_case("total") {
        PoolSummary::TOTAL.to_string()
    } else {
        col.to_string()
    }
}

/// Whether `v` is printed in `section`, its heading as printed or misprinted.
pub(crate) fn in_section(v: &PoolValue, section: &str) -> bool {
    v.section == section || reads_as(&v.section, section)
}

/// A statement's labelled figures, looked up by where they are printed.
pub(crate) struct Figures<'a>(pub &'a [PoolValue]);

impl Figures<'_> {
    /// The figure of a label in one column: the first printed where the label repeats.
    /// A section or label misprinted (`COLLATERL`, `Scheduled Principle`) is the one it stands
    /// for, where the statement prints none as wanted.
    pub fn first(&self, report: &str, section: &str, label: &str, col: &str) -> Option<f64> {
        let at = |v: &&PoolValue| v.report == report && v.section == section && v.col == col;
        self.0
            .iter()
            .find(|v| at(v) && v.label == label)
            .or_else(|| {
                self.0.iter().find(|v| {
                    v.report == report
                        && v.col == col
                        && in_section(v, section)
                        && reads_as(&v.label, label)
                })
            })
            .and_then(|v| v.value)
    }

    /// The columns of one section, in printed order (of the section it misprints where the
    /// statement prints none as wanted).
    pub fn columns(&self, report: &str, section: &str) -> Vec<&str> {
        let exact = self
            .0
            .iter()
            .any(|v| v.report == report && v.section == section);
        let mut cols: Vec<&str> = Vec::new();
        for v in self.0.iter().filter(|v| {
            v.report == report
                && if exact {
                    v.section == section
                } else {
                    in_section(v, section)
                }
        }) {
            if !v.col.is_empty() && !cols.contains(&v.col.as_str()) {
                cols.push(&v.col);
            }
        }
        cols
    }
}

/// The balance 60 days or more past due in one delinquency scope: every status together
/// (`TOTAL`), buckets two payments and more. `None` when neither bucket prints a balance.
pub(crate) fn dq60_balance(delinquency: &[DelinquencyCell], scope: &str) -> Option<f64> {
    delinquency
        .iter()
        .filter(|d| {
            d.scope == scope
                && d.status == "TOTAL"
                && matches!(d.bucket.as_str(), "2 PAYMENTS" | "3+ PAYMENTS")
        })
        .filter_map(|d| d.balance)
        .fold(None, |sum, b| Some(sum.unwrap_or(0.0) + b))
}

/// A loan count printed as a figure (`1909`, or `1909.0` from a decimal column).
pub(crate) fn count(value: Option<f64>) -> Option<i64> {
    value.filter(|v| v.is_finite()).map(|v| v.trunc() as i64)
}

/// Orders the summaries `Total` first, then the groups as printed; drops scopes with no figure
/// at all and a scope read twice (the first stands).
pub(crate) fn finish(pool: &mut Vec<PoolSummary>) {
    let mut seen: Vec<String> = Vec::new();
    pool.retain(|p| {
        let first = !seen.contains(&p.scope);
        seen.push(p.scope.clone());
        first && !p.is_empty()
    });
    pool.sort_by_key(|p| p.scope != PoolSummary::TOTAL);
}
