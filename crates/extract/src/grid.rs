//! Tables whose figures are right-aligned under headings that span one to three lines, as
//! trustees of the 1990s printed them: columns are anchored on the header line that names the
//! most columns (a heading printed alone on another line adds its own), every other header word
//! joins the column it overlaps (or stands nearest to), and a cell goes to the column its
//! characters overlap most, so a wide figure that starts left of its heading still lands there.

use crate::columns::{phrases, plain_words, Column, Columns, Word};
use crate::value::{collapse, parse_number, Cell};

/// One column: the span of its heading words and its title, top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub struct GridColumn {
    pub start: usize,
    pub end: usize,
    pub title: String,
}

/// The columns of one table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grid {
    pub columns: Vec<GridColumn>,
}

/// Whether a line is a rule (dashes, equals signs, underscores) or blank.
pub fn is_rule(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.chars().all(|c| matches!(c, '-' | '=' | '_' | ' ' | '+'))
}

/// Whether a line prints a figure (a money amount, a count, a rate).
pub fn has_figure(text: &str) -> bool {
    text.split_whitespace()
        .any(|w| parse_number(w).is_some_and(|_| w.chars().any(|c| c.is_ascii_digit())))
}

/// Whether a line prints an amount: a figure with a decimal point, a thousands comma or a `%`
/// (a heading may print small numbers: `PER $1000`, `1  2  3+`).
pub fn has_amount(text: &str) -> bool {
    text.split_whitespace()
        .any(|w| parse_number(w).is_some() && w.chars().any(|c| matches!(c, '.' | ',' | '%')))
}

/// The line with the characters left of `end` blanked (a label or heading read apart from the
/// columns after it).
pub fn blank_before(text: &str, end: usize) -> String {
    text.chars()
        .enumerate()
        .map(|(i, c)| if i < end { ' ' } else { c })
        .collect()
}

/// Phrases of a line: words parted by two blanks or more.
pub fn line_phrases(text: &str) -> Vec<Word> {
    phrases(&plain_words(text), 2)
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

fn gap(a: (usize, usize), b: (usize, usize)) -> usize {
    if a.1 <= b.0 {
        b.0 - a.1
    } else {
        a.0.saturating_sub(b.1)
    }
}

impl Grid {
    /// Columns from header lines, top to bottom. `skip` blanks a span of one line (a table
    /// title printed across the columns) before reading it.
    pub fn from_header(lines: &[&str]) -> Grid {
        let phrase_lines: Vec<Vec<Word>> = lines.iter().map(|l| line_phrases(l)).collect();
        let Some(anchor) = (0..phrase_lines.len())
            .rev()
            .max_by_key(|&i| phrase_lines[i].len())
        else {
            return Grid::default();
        };
        let mut columns: Vec<GridColumn> = phrase_lines[anchor]
            .iter()
            .map(|p| GridColumn {
                start: p.start,
                end: p.end,
                title: String::new(),
            })
            .collect();
        for (i, line) in phrase_lines.iter().enumerate() {
            if i == anchor {
                continue;
            }
            for p in line {
                if !columns
                    .iter()
                    .any(|c| overlap((c.start, c.end), (p.start, p.end)) > 0)
                {
                    columns.push(GridColumn {
                        start: p.start,
                        end: p.end,
                        title: String::new(),
                    });
                }
            }
        }
        columns.sort_by_key(|c| c.start);
        let mut grid = Grid { columns };
        let mut parts: Vec<Vec<String>> = vec![Vec::new(); grid.columns.len()];
        for line in lines {
            for word in plain_words(line) {
                if let Some(i) = grid.column_of(word.start, word.end) {
                    parts[i].push(word.text);
                }
            }
        }
        for (column, part) in grid.columns.iter_mut().zip(parts) {
            column.title = collapse(&part.join(" "));
        }
        grid
    }

    /// The column a span of characters belongs to: the one it overlaps most, else the nearest.
    pub fn column_of(&self, start: usize, end: usize) -> Option<usize> {
        let by_overlap = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| (i, overlap((c.start, c.end), (start, end))))
            .filter(|(_, o)| *o > 0)
            .max_by_key(|(_, o)| *o)
            .map(|(i, _)| i);
        by_overlap.or_else(|| {
            self.columns
                .iter()
                .enumerate()
                .min_by_key(|(_, c)| gap((c.start, c.end), (start, end)))
                .map(|(i, _)| i)
        })
    }

    /// A row's cells by column, phrases that land in one column joined.
    pub fn cells(&self, text: &str) -> Vec<Option<Cell>> {
        let mut spans: Vec<Option<(usize, usize)>> = vec![None; self.columns.len()];
        for word in plain_words(text) {
            if let Some(i) = self.column_of(word.start, word.end) {
                spans[i] = Some(match spans[i] {
                    Some((s, e)) => (s.min(word.start), e.max(word.end)),
                    None => (word.start, word.end),
                });
            }
        }
        let chars: Vec<char> = text.chars().collect();
        spans
            .into_iter()
            .map(|span| {
                span.map(|(s, e)| {
                    let raw: String = chars.get(s..e).unwrap_or_default().iter().collect();
                    Cell::parse(&raw)
                })
            })
            .collect()
    }

    /// The first column whose title's letters contain `wanted` (lower case).
    pub fn find(&self, wanted: &str) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| crate::columns::key(&c.title).contains(wanted))
    }

    /// The same columns for the shared section checks.
    pub fn to_columns(&self) -> Columns {
        Columns {
            columns: self
                .columns
                .iter()
                .map(|c| Column {
                    start: c.start,
                    end: c.end,
                    title: c.title.clone(),
                    label: None,
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_aligned_figures_find_headings_of_one_to_three_lines() {
        let grid = Grid::from_header(&[
            "                                   PRIOR                  CURRENT",
            "                 ORIGINAL      PRINCIPAL                PRINCIPAL",
            "CLASS          FACE VALUE        BALANCE   INTEREST       BALANCE",
        ]);
        let titles: Vec<&str> = grid.columns.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "CLASS",
                "ORIGINAL FACE VALUE",
                "PRIOR PRINCIPAL BALANCE",
                "INTEREST",
                "CURRENT PRINCIPAL BALANCE"
            ]
        );
        let cells = grid.cells("     I-1F  386,100,000.00 383,371,981.77       0 380,823,724.03");
        let raw: Vec<Option<&str>> = cells
            .iter()
            .map(|c| c.as_ref().map(|c| c.raw.as_str()))
            .collect();
        assert_eq!(
            raw,
            [
                Some("I-1F"),
                Some("386,100,000.00"),
                Some("383,371,981.77"),
                Some("0"),
                Some("380,823,724.03")
            ]
        );
    }
}
