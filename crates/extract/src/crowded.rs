//! Cells that hold several figures: two columns' figures read under one heading.
//!
//! A row's words go to the column whose heading they overlap most ([`crate::columns`]). Where
//! two headings were read as one (a heading line whose blanks were misread, `LOSSES INTEREST`
//! over two columns of figures), both columns' figures land in one cell, which reads as no
//! figure: they are kept as the cell's text, and the class or pool field the column stands
//! for stays empty. That is a statement misread, not one that printed nothing, so each such
//! cell is recorded as a failed check that names it: the figures of its row may stand under
//! the wrong headings, and a user can see which rows to distrust.

use crate::columns::blank_words;
use crate::value::parse_number;
use crate::{Check, Statement};

/// Records a failed check for every table cell of `read` that holds two or more figures and
/// nothing else.
pub(crate) fn check_crowded_cells(read: &mut Statement) {
    let mut found = Vec::new();
    for value in read.pool_values.iter().filter(|v| v.value.is_none()) {
        if value.col.is_empty() {
            continue;
        }
        // The number of words if every one is a figure (one pass over the cell).
        let figures =
            blank_words(&value.raw).try_fold(0usize, |n, w| parse_number(w).map(|_| n + 1));
        let Some(figures) = figures.filter(|&n| n >= 2) else {
            continue;
        };
        let mut name: Vec<&str> = [&value.report, &value.section, &value.label]
            .into_iter()
            .map(String::as_str)
            .filter(|part| !part.is_empty())
            .collect();
        let occurrence = (value.occurrence > 1).then(|| format!("#{}", value.occurrence));
        if let Some(occurrence) = &occurrence {
            name.push(occurrence);
        }
        found.push(Check {
            name: format!("{}: one figure under {}", name.join("/"), value.col),
            passed: false,
            expected: 1.0,
            actual: figures as f64,
            detail: format!(
                "\"{}\" read under \"{}\": {figures} figures in one column, so two columns' \
                 headings were read as one; this row's figures may stand under the wrong headings",
                value.raw, value.col
            ),
        });
    }
    read.checks.extend(found);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PoolValue;

    fn cell(col: &str, raw: &str, value: Option<f64>) -> PoolValue {
        PoolValue {
            report: "STATEMENT TO CERTIFICATEHOLDERS".into(),
            section: "DISTRIBUTION IN DOLLARS [REMIC I]".into(),
            label: "I-F".into(),
            col: col.into(),
            occurrence: 1,
            value,
            raw: raw.into(),
        }
    }

    #[test]
    fn two_figures_in_one_cell_are_a_failed_check_naming_the_cell() {
        let mut read = Statement {
            pool_values: vec![
                cell("REALIZED DEFERRED LOSSES INTEREST", "0 0", None),
                cell(
                    "CURRENT PRINCIPAL BALANCE",
                    "357,220,338.31",
                    Some(357_220_338.31),
                ),
                // Text, a phone number, a label cell: not two figures.
                cell("Address", "Santa Ana, CA 92705", None),
                cell("Phone", "(800) 735-7777", None),
                cell("", "0 0", None),
            ],
            ..Statement::default()
        };
        check_crowded_cells(&mut read);
        assert_eq!(read.checks.len(), 1, "{:?}", read.checks);
        let check = &read.checks[0];
        assert_eq!(
            check.name,
            "STATEMENT TO CERTIFICATEHOLDERS/DISTRIBUTION IN DOLLARS [REMIC I]/I-F: \
             one figure under REALIZED DEFERRED LOSSES INTEREST"
        );
        assert!(!check.passed);
        assert_eq!((check.expected, check.actual), (1.0, 2.0));
        assert!(
            check.detail.starts_with("\"0 0\" read under"),
            "{}",
            check.detail
        );
    }
}
