//! Printed formula columns: a column headed `(4)=(1)+(2)-(3)` states its own arithmetic, so it is
//! checked on every row that prints a figure under each column it names. Shared by every table
//! that numbers its columns (the Certificate Payment Report's, the Additional Certificate
//! Report's), so a formula is read, and its gaps recorded, the same way wherever it is printed.

use crate::checks::{parse_formula, Precision, Term};
use crate::columns::{Columns, Row};
use crate::sink::Sink;

/// Where a table's formula checks are filed and how they are named.
pub(crate) struct FormulaTable<'a> {
    /// Prefix of every check name (`Certificate Payment Report/Interest Detail/`): a row's check
    /// is `{scope}{row}: {formula}`, a formula that cannot be evaluated `{scope}{formula}`.
    pub scope: &'a str,
    /// The table as a reader finds it, for the reason of a check not evaluated.
    pub place: &'a str,
    pub precision: Precision,
    /// Whether a table printed without rows records its formulas as not evaluated. A table
    /// of classes with no class row has lost them; a section printed blank has not.
    pub rows_expected: bool,
}

/// Evaluates every printed formula of `columns` on every row of `rows` (row name, row) that
/// prints all its figures; a formula naming a column not found, or evaluable on no row, is
/// recorded as a failed check saying why.
pub(crate) fn formula_checks(
    table: &FormulaTable,
    columns: &Columns,
    rows: &[(String, &Row)],
    sink: &mut Sink,
) {
    let column_of = |n: u32| columns.columns.iter().position(|c| c.number() == Some(n));
    for column in &columns.columns {
        let Some(label) = column.label.as_deref() else {
            continue;
        };
        let Some((target, operands)) = parse_formula(label) else {
            continue;
        };
        let absent: Vec<String> = std::iter::once(target)
            .chain(operands.iter().map(|(_, n)| *n))
            .filter(|n| column_of(*n).is_none())
            .map(|n| format!("({n})"))
            .collect();
        let scope = table.scope;
        let (Some(result), true) = (column_of(target), absent.is_empty()) else {
            // The formula is printed but a column it names is not found (a broken header).
            sink.checks.unevaluated(
                format!("{scope}{label}"),
                format!("column {} not found in {}", absent.join(", "), table.place),
            );
            continue;
        };
        let operands: Vec<(f64, String, usize)> = operands
            .iter()
            .filter_map(|(sign, n)| Some((*sign, format!("({n})"), column_of(*n)?)))
            .collect();
        let mut evaluated = 0;
        for (row_name, row) in rows {
            let (Some(figure), Some(terms)) = (
                row.cell(result).and_then(|c| c.figure),
                terms(row, &operands),
            ) else {
                continue;
            };
            evaluated += 1;
            sink.checks.identity(
                format!("{scope}{row_name}: {label}"),
                table.precision,
                (&format!("({target})"), figure),
                &terms,
            );
        }
        if evaluated == 0 && (table.rows_expected || !rows.is_empty()) {
            // A blank cell is a figure not printed in one row; a column blank in every row is
            // a header that put the column where its figures are not.
            sink.checks.unevaluated(
                format!("{scope}{label}"),
                format!(
                    "no row of {} prints a figure under every column of {label}",
                    table.place
                ),
            );
        }
    }
}

/// The signed figures a row prints under `operands` (sign, name, column), if it prints them all.
pub(crate) fn terms<N: AsRef<str>>(row: &Row, operands: &[(f64, N, usize)]) -> Option<Vec<Term>> {
    operands
        .iter()
        .map(|(sign, name, index)| {
            Some(Term {
                sign: *sign,
                name: name.as_ref().to_string(),
                figure: row.cell(*index)?.figure?,
            })
        })
        .collect()
}
