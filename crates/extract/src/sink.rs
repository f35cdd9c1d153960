//! What reading a statement collects besides its typed tables.

use crate::checks::CheckBook;
use crate::value::Cell;
use crate::PoolValue;

/// The labelled figures, checks and warnings a layout collects while it reads.
#[derive(Debug, Default)]
pub struct Sink {
    pub pool_values: Vec<PoolValue>,
    pub checks: CheckBook,
    pub warnings: Vec<String>,
}

impl Sink {
    /// Records one labelled cell; occurrences are numbered by [`number_occurrences`] when the
    /// registry finishes the statement.
    pub fn pool(&mut self, report: &str, section: &str, label: &str, col: &str, cell: &Cell) {
        self.pool_cell(report, section, label, col, cell.clone());
    }

    /// [`Sink::pool`] of a cell its reader is done with: its text is moved, not copied.
    pub fn pool_cell(&mut self, report: &str, section: &str, label: &str, col: &str, cell: Cell) {
        self.pool_values.push(PoolValue {
            report: report.to_string(),
            section: section.to_string(),
            label: label.to_string(),
            col: col.to_string(),
            occurrence: 0,
            value: cell.value(),
            raw: cell.raw,
        });
    }

    pub fn warn(&mut self, message: String) {
        self.warnings.push(message);
    }
}

/// Numbers repeats of a label within its report, section and column 1, 2, ... in reading
/// order, so the key (report, section, label, col, occurrence) is unique.
pub fn number_occurrences(pool_values: &mut [PoolValue]) {
    // Counted on borrowed keys first (no copy of four strings per figure), then written back.
    let numbers: Vec<u32> = {
        let mut seen: foldhash::HashMap<(&str, &str, &str, &str), u32> =
            foldhash::HashMap::default();
        pool_values
            .iter()
            .map(|value| {
                let count = seen
                    .entry((
                        value.report.as_str(),
                        value.section.as_str(),
                        value.label.as_str(),
                        value.col.as_str(),
                    ))
                    .or_insert(0);
                *count += 1;
                *count
            })
            .collect()
    };
    for (value, number) in pool_values.iter_mut().zip(numbers) {
        value.occurrence = number;
    }
}
