//! How a section prints its figures under its headings: left-aligned (starting where the
//! heading starts, as a pool report's `ADJUSTABLE  FIXED  TOTAL` does) or right-aligned (ending
//! where the next column starts). Reading by column spans alone, a cut that moved a left-aligned
//! figure a few characters short of its heading puts it in the span of the column before; the
//! section's alignment says which heading it stands under. A class table printed right-aligned
//! is read the other way round: by where each figure ends.

use crate::columns::{Columns, Row, DRIFT};
use remit_normalize::Line;

/// Where column `index` ends for a right-aligned figure: the next column's start, or for the
/// last column its start plus the width of the one before it.
fn right_edge(columns: &Columns, index: usize) -> Option<usize> {
    let column = columns.get(index)?;
    if column.end != usize::MAX {
        return Some(column.end);
    }
    let before = columns.get(index.checked_sub(1)?)?;
    Some(column.start + (before.end - before.start))
}

/// How far a left-aligned figure can stand from its heading's start once cut: the cut may
/// move the heading's word by the drift and the figure by as much again.
const REACH: usize = 2 * DRIFT;

/// How a figure at `start..end`, read into column `index`, is printed.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Printed {
    /// Starting within [`REACH`] of a heading's start.
    Left,
    /// Ending where its column ends (within the drift).
    Right,
    /// Both at once (a figure as wide as its column, or one a cut moved short of the next
    /// heading): no evidence either way.
    Either,
    /// Neither.
    Elsewhere,
}

fn printed(columns: &Columns, index: usize, start: usize, end: usize) -> Printed {
    let left = columns
        .nearest_start(start)
        .is_some_and(|(_, d)| d <= REACH);
    let right = right_edge(columns, index).is_some_and(|edge| end.abs_diff(edge) <= DRIFT);
    match (left, right) {
        (true, true) => Printed::Either,
        (true, false) => Printed::Left,
        (false, true) => Printed::Right,
        (false, false) => Printed::Elsewhere,
    }
}

/// How many figures of some rows read left-aligned, right-aligned and neither ([`Printed`]);
/// those that read both are not counted.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    left: usize,
    right: usize,
    elsewhere: usize,
}

impl Tally {
    fn of(rows: &[Row], columns: &Columns) -> Tally {
        let mut tally = Tally::default();
        for row in rows {
            for (index, cell) in row.cells.iter().enumerate() {
                let Some((cell, start, end)) = cell else {
                    continue;
                };
                if cell.figure.is_none() {
                    continue;
                }
                match printed(columns, index, *start, *end) {
                    Printed::Left => tally.left += 1,
                    Printed::Right => tally.right += 1,
                    Printed::Elsewhere => tally.elsewhere += 1,
                    Printed::Either => {}
                }
            }
        }
        tally
    }

    /// How a section prints its figures: its lines after the heading, up to the first line
    /// `is_heading` takes for the next one.
    pub fn of_section(
        lines: &[Line],
        columns: &Columns,
        is_heading: impl Fn(&str) -> bool,
    ) -> Tally {
        if columns.is_empty() {
            return Tally::default();
        }
        let rows: Vec<Row> = lines
            .iter()
            .take_while(|l| !is_heading(&l.text))
            .map(|l| columns.row(&l.text))
            .collect();
        Tally::of(&rows, columns)
    }

    /// Both tallies together: a report's, of its sections'.
    pub fn add(&mut self, other: Tally) {
        self.left += other.left;
        self.right += other.right;
        self.elsewhere += other.elsewhere;
    }

    /// More figures read left-aligned than right-aligned or elsewhere, and at least one.
    fn left_aligned(&self) -> bool {
        self.left >= 1 && self.left > self.right + self.elsewhere
    }
}

/// Whether a section prints its figures left-aligned, from its own tally where it prints two
/// figures or more whose alignment shows, else from its report's (all its sections'). A
/// section of one row has little to say, and a cut may have moved its one figure as far from
/// its heading's start as to end where the next column starts (`Current Net Mortgage Rate`
/// alone under `ADJUSTABLE  FIXED  TOTAL`, its `5.6467%` five characters left of `TOTAL`).
pub fn section_left_aligned(section: Tally, report: Tally) -> bool {
    if section.left + section.right + section.elsewhere >= 2 {
        section.left_aligned()
    } else {
        report.left_aligned()
    }
}

/// A row of a section: in one printed left-aligned, each word goes to the heading that starts
/// nearest it, within [`REACH`]: `0.00` three characters left of `TOTAL` is `TOTAL`'s, though it
/// lies in the span of `FIXED`, whose heading starts far to its left (and ending where `TOTAL`
/// starts, it would read as right-aligned there: the section's alignment decides).
pub fn read_row(line: &str, columns: &Columns, section_left_aligned: bool) -> Row {
    if section_left_aligned {
        columns.row_left_aligned(line, REACH)
    } else {
        columns.row(line)
    }
}

/// The rows of a class table, each read as the table prints its figures: where more of them
/// read right-aligned (ending where their column ends) than left-aligned or elsewhere, each
/// word goes to the column whose end is nearest its own, within [`REACH`]: a cut that moved
/// `0.00` two characters right put most of it in the next column's span.
pub fn read_rows(lines: &[String], columns: &Columns) -> Vec<Row> {
    let rows: Vec<Row> = lines.iter().map(|l| columns.row(l)).collect();
    let tally = Tally::of(&rows, columns);
    if tally.right >= 2 && tally.right > tally.left + tally.elsewhere {
        lines
            .iter()
            .map(|l| columns.row_right_aligned(l, REACH))
            .collect()
    } else {
        rows
    }
}

/// Whether the row's first figure starts where its column starts (printed left-aligned), or
/// within the column engine's drift of it: the filer's cut may move a figure two columns, as
/// it may a header word. In a section printed left-aligned ([`section_left_aligned`]), a figure
/// within [`REACH`] of its own column's start, and nearer it than any other's, is left-aligned
/// too: the cut moved it.
pub fn starts_left_aligned(row: &Row, columns: &Columns, section_left_aligned: bool) -> bool {
    row.cells
        .iter()
        .enumerate()
        .find_map(|(index, cell)| {
            let (_, start, _) = cell.as_ref()?;
            let own = columns.get(index)?.start.abs_diff(*start);
            if own <= DRIFT {
                return Some(true);
            }
            let nearest = columns
                .nearest_start(*start)
                .is_some_and(|(i, _)| i == index);
            Some(section_left_aligned && nearest && own <= REACH)
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A right-aligned table whose last column's header lines a cut spread over five
    /// characters (`Carry` two left, `(8)` two right) reads as one column, and a narrow figure
    /// moved two characters right, most of it into that column's span, stays in its own.
    #[test]
    fn a_right_aligned_table_keeps_a_moved_figure_in_its_column() {
        let header = [
            format!("{:15}{:16}{}", "", "Net WAC", "Ending"),
            format!("{:15}{:17}{}", "", "Shortfall", "Net WAC"),
            format!("{:15}{:15}{}", "Class", "Paid", "Carry Forward"),
            format!("{:15}{:19}{}", "", "(7)", "(8)=(5)+(6)-(7)"),
        ];
        let columns = Columns::from_header(&header.iter().map(String::as_str).collect::<Vec<_>>());
        let titles: Vec<(&str, Option<&str>)> = columns
            .columns
            .iter()
            .map(|c| (c.title.as_str(), c.label.as_deref()))
            .collect();
        assert_eq!(
            titles,
            [
                ("Class", None),
                ("Net WAC Shortfall Paid", Some("(7)")),
                ("Ending Net WAC Carry Forward", Some("(8)=(5)+(6)-(7)")),
            ]
        );
        let rows = [
            format!("{:<15}{:>16}{:>16}", "A", "36,423.14", "0.00"),
            format!("{:<15}{:>19}{:>13}", "B", "0.00", "2,978.61"),
            format!("{:<15}{:>16}{:>16}", "C", "77,600.95", "0.00"),
        ];
        let read = read_rows(&rows, &columns);
        let raw: Vec<Vec<Option<&str>>> = read
            .iter()
            .map(|r| (0..3).map(|i| r.cell(i).map(|c| c.raw.as_str())).collect())
            .collect();
        assert_eq!(raw[1], [Some("B"), Some("0.00"), Some("2,978.61")]);
        assert_eq!(raw[0], [Some("A"), Some("36,423.14"), Some("0.00")]);
    }
}
