//! Tables whose figures are right-aligned under headings that span one to three lines, as
//! trustees of the 1990s printed them: columns are anchored on the header line that names the
//! most columns (a heading printed alone on another line adds its own), every other header word
//! joins the column it overlaps (or stands nearest to), and a cell goes to the column its
//! characters overlap most, so a wide figure that starts left of its heading still lands there;
//! one under no heading goes to the heading it stands just right of (a cut moved it there).

use crate::columns::{phrases, plain_words, spans, Column, Columns, Word};
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

/// How far apart (in characters) a word of the anchor line and a heading printed on another
/// line may start and still start one column: a cut may move each by the drift.
const STACKED: usize = 2 * crate::columns::DRIFT;

/// The anchor line's columns, each cut where another line prints a second heading over it and
/// one of its words starts there too: two headings a cut ran together with one blank between
/// (`LOSSES INTEREST` under `REALIZED   DEFERRED`) are two columns. Two words the header prints
/// one blank apart elsewhere (`PRINCIPAL BALANCE` of `PRIOR PRINCIPAL BALANCE`) are one
/// heading's: where the heading above starts nearer the second of them (a cut moved it right
/// and the line below left, `CURRENT` over `INTEREST PRINCIPAL BALANCE`), the cut goes to the
/// nearest place between the two headings above that parts no such pair.
fn split_under(
    columns: Vec<GridColumn>,
    line: &[Word],
    anchor_words: &[Word],
    header: &[Vec<Word>],
) -> Vec<GridColumn> {
    // The column each heading above stands over most: a heading a cut moved to reach a
    // character into the next column (`CURRENT` over `RATE`, into `NEXT RATE`) is not over it.
    let spans: Vec<(usize, usize)> = columns.iter().map(|c| (c.start, c.end)).collect();
    let most_over = |p: &Word| {
        spans
            .iter()
            .enumerate()
            .map(|(i, &c)| (i, overlap(c, (p.start, p.end))))
            .filter(|(_, o)| *o > 0)
            .max_by_key(|(i, o)| (*o, std::cmp::Reverse(*i)))
            .map(|(i, _)| i)
    };
    let mut out = Vec::with_capacity(columns.len());
    for (index, column) in columns.into_iter().enumerate() {
        let over: Vec<&Word> = line
            .iter()
            .filter(|p| most_over(p) == Some(index))
            .collect();
        let mut start = column.start;
        for (previous, heading) in over.iter().zip(over.iter().skip(1)) {
            let inside = |w: &&Word| w.start > start && w.end <= column.end;
            // The word of this column, after its first, that starts where the heading does.
            let nearest = anchor_words
                .iter()
                .enumerate()
                .filter(|(_, w)| inside(w))
                .filter(|(_, w)| w.start.abs_diff(heading.start) <= STACKED)
                .min_by_key(|(_, w)| w.start.abs_diff(heading.start));
            let parts_a_pair = |index: usize| {
                index
                    .checked_sub(1)
                    .and_then(|i| anchor_words.get(i))
                    .zip(anchor_words.get(index))
                    .is_some_and(|(left, right)| printed_together(left, right, header))
            };
            let cut = match nearest {
                Some((index, word)) if parts_a_pair(index) => anchor_words
                    .iter()
                    .enumerate()
                    .filter(|(i, w)| inside(w) && !parts_a_pair(*i))
                    .filter(|(i, w)| {
                        let before = i.checked_sub(1).and_then(|i| anchor_words.get(i));
                        w.start + STACKED >= previous.end
                            && before.is_some_and(|b| b.end <= heading.start)
                    })
                    .min_by_key(|(_, w)| w.start.abs_diff(word.start))
                    .or(nearest),
                _ => nearest,
            };
            let Some((index, word)) = cut else {
                continue;
            };
            let end = index
                .checked_sub(1)
                .and_then(|i| anchor_words.get(i))
                .map_or(start, |w| w.end);
            out.push(GridColumn {
                start,
                end,
                title: String::new(),
            });
            start = word.start;
        }
        out.push(GridColumn {
            start,
            end: column.end,
            title: String::new(),
        });
    }
    out
}

/// Whether the header prints the words `left` and `right` one blank apart somewhere other than
/// where they stand.
fn printed_together(left: &Word, right: &Word, header: &[Vec<Word>]) -> bool {
    header.iter().any(|line| {
        line.windows(2).any(|pair| {
            let [a, b] = pair else { return false };
            b.start == a.end + 1
                && a.start != left.start
                && a.text == left.text
                && b.text == right.text
        })
    })
}

/// Each column widened to the headings other lines print over it and over no other column:
/// a column's heading is all its lines' words (`REALIZED` over `LOSSES`, which a cut moved two
/// characters left), so a figure right-aligned under the line above stands under its column.
/// A column never reaches into the next one's span.
fn widen(columns: &mut [GridColumn], line: &[Word]) {
    for p in line {
        let over: Vec<usize> = columns
            .iter()
            .enumerate()
            .filter(|(_, c)| overlap((c.start, c.end), (p.start, p.end)) > 0)
            .map(|(i, _)| i)
            .collect();
        let [index] = over.as_slice() else {
            continue;
        };
        let index = *index;
        let before = index
            .checked_sub(1)
            .and_then(|i| columns.get(i))
            .map_or(0, |c| c.end);
        let after = columns.get(index + 1).map_or(usize::MAX, |c| c.start);
        if let Some(column) = columns.get_mut(index) {
            column.start = column.start.min(p.start).max(before);
            column.end = column.end.max(p.end).min(after);
        }
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
        let header_words: Vec<Vec<Word>> = lines.iter().map(|l| plain_words(l)).collect();
        let anchor_words: &[Word] = header_words.get(anchor).map_or(&[], Vec::as_slice);
        for (i, line) in phrase_lines.iter().enumerate() {
            if i != anchor {
                columns = split_under(columns, line, anchor_words, &header_words);
            }
        }
        for (i, line) in phrase_lines.iter().enumerate() {
            if i != anchor {
                widen(&mut columns, line);
            }
        }
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
        Grid { columns }.titled(lines, &[])
    }

    /// Each column's title: the header words it holds, top to bottom. `parted` are the places
    /// where the rows say a header word runs from one column into the next.
    fn titled(mut self, lines: &[&str], parted: &[usize]) -> Grid {
        let mut parts: Vec<Vec<String>> = vec![Vec::new(); self.columns.len()];
        let words: Vec<Word> = lines.iter().flat_map(|l| plain_words(l)).collect();
        for line in lines {
            for word in plain_words(line) {
                for (start, end, text) in self.word_parts(&word, &words, parted) {
                    if let Some(part) = self.column_of(start, end).and_then(|i| parts.get_mut(i)) {
                        part.push(text);
                    }
                }
            }
        }
        for (column, part) in self.columns.iter_mut().zip(parts) {
            column.title = collapse(&part.join(" "));
        }
        self
    }

    /// A header word, or its two halves where it runs across the end of one column into the
    /// next: two headings a cut ran together (`CURRENTESTIMATED` over `RATE  NEXT RATE`). A
    /// grid's headings are right-aligned over their columns, so the first ends where its column
    /// does. Each half keeps two letters at least, and one of them is a word the header prints
    /// on its own (`CURRENT`), so a heading that is not right-aligned is not cut at random, or
    /// the column's end is one of the places `parted` by the rows below.
    fn word_parts(
        &self,
        word: &Word,
        header: &[Word],
        parted: &[usize],
    ) -> Vec<(usize, usize, String)> {
        let whole = vec![(word.start, word.end, word.text.clone())];
        let across: Vec<&GridColumn> = self
            .columns
            .iter()
            .filter(|c| overlap((c.start, c.end), (word.start, word.end)) > 0)
            .collect();
        let [first, _] = across.as_slice() else {
            return whole;
        };
        let at = first.end.saturating_sub(word.start);
        let chars: Vec<char> = word.text.chars().collect();
        let letters = |part: &[char]| part.iter().filter(|c| c.is_alphabetic()).count() >= 2;
        let printed = |part: &[char]| {
            let text: String = part.iter().collect();
            header.iter().any(|w| w.text == text)
        };
        match (chars.get(..at), chars.get(at..)) {
            (Some(head), Some(tail))
                if letters(head)
                    && letters(tail)
                    && (printed(head) || printed(tail) || parted.contains(&first.end)) =>
            {
                vec![
                    (word.start, first.end, head.iter().collect()),
                    (first.end, word.end, tail.iter().collect()),
                ]
            }
            _ => whole,
        }
    }

    /// The grid with a column parted in two where its rows say it is two: every row that prints
    /// in it prints two figures there, at least two rows do, and its title has a word ending
    /// where the first figures end (right-aligned, as in every grid), or a word running across
    /// that place, cut there. A one-line header a cut left one blank inside (`CURRENT RATE
    /// ESTIMATED NEXT RATE`), or none (`REALIZED LOSSESDEFERRED INTEREST`), reads as one
    /// heading; its figures stand in two columns all the same.
    pub fn parted_by_rows(self, header: &[&str], rows: &[&str]) -> Grid {
        let mut firsts: Vec<Vec<usize>> = vec![Vec::new(); self.columns.len()];
        let mut single = vec![false; self.columns.len()];
        for row in rows.iter().filter(|r| !is_rule(r)) {
            let words = plain_words(row);
            for (index, column) in self.columns.iter().enumerate() {
                let inside: Vec<&Word> = words
                    .iter()
                    .filter(|w| self.column_of(w.start, w.end) == Some(index))
                    .collect();
                let figures = inside.iter().all(|w| parse_number(&w.text).is_some());
                match (inside.as_slice(), figures) {
                    ([first, _], true) if column.title.contains(' ') => {
                        if let Some(ends) = firsts.get_mut(index) {
                            ends.push(first.end);
                        }
                    }
                    ([], _) => {}
                    _ => {
                        if let Some(flag) = single.get_mut(index) {
                            *flag = true;
                        }
                    }
                }
            }
        }
        // Where each column is parted: its index, the place, and whether inside a word.
        let mut cuts: Vec<(usize, usize, bool)> = Vec::new();
        let header_words: Vec<Word> = header.iter().flat_map(|l| plain_words(l)).collect();
        for (index, ends) in firsts.iter().enumerate() {
            if ends.len() < 2 || single.get(index).copied().unwrap_or(true) {
                continue;
            }
            let Some(column) = self.columns.get(index) else {
                continue;
            };
            let edge = ends.iter().copied().max().unwrap_or(0);
            // The header word of this column that ends nearest the first figures' right edge,
            // with a word of the column after it: the first heading ends there.
            let words: Vec<&Word> = header_words
                .iter()
                .filter(|w| w.start >= column.start && w.end <= column.end)
                .collect();
            let last_start = words.iter().map(|w| w.start).max().unwrap_or(0);
            let cut = words
                .iter()
                .filter(|w| w.start < last_start && w.end.abs_diff(edge) <= STACKED)
                .min_by_key(|w| w.end.abs_diff(edge));
            if let Some(word) = cut {
                cuts.push((index, word.end, false));
                continue;
            }
            // No word ends there: one word runs across the edge (`LOSSESDEFERRED`, where a cut
            // took both blanks), and is parted there.
            let across = words
                .iter()
                .any(|w| w.start + 2 <= edge && edge + 2 <= w.end);
            if across {
                cuts.push((index, edge, true));
            }
        }
        if cuts.is_empty() {
            return self;
        }
        let mut columns = Vec::with_capacity(self.columns.len() + cuts.len());
        for (index, column) in self.columns.into_iter().enumerate() {
            match cuts.iter().find(|(i, _, _)| *i == index) {
                Some(&(_, at, inside)) => {
                    // The second heading starts at the first header word after the cut, or
                    // at the cut inside a word.
                    let next = if inside {
                        at
                    } else {
                        header_words
                            .iter()
                            .filter(|w| w.start > at && w.start < column.end)
                            .map(|w| w.start)
                            .min()
                            .unwrap_or(at + 1)
                    };
                    columns.push(GridColumn {
                        start: column.start,
                        end: at,
                        title: String::new(),
                    });
                    columns.push(GridColumn {
                        start: next,
                        end: column.end,
                        title: String::new(),
                    });
                }
                None => columns.push(column),
            }
        }
        let inside: Vec<usize> = cuts
            .iter()
            .filter(|(_, _, inside)| *inside)
            .map(|(_, at, _)| *at)
            .collect();
        Grid { columns }.titled(header, &inside)
    }

    /// The grid with a heading no row prints under joined to the heading beside it, where
    /// every row's figure in that one reaches under it and the two stand three blanks apart at
    /// most (one blank and the two a cut may add): one heading a cut left blanks wider
    /// (`CURRENT  RATE` over `6.240000%`, which ends under `RATE`; `ESTIMATED NEXT  RATE`, whose
    /// rates start under `NEXT`). At least two rows must say so.
    pub fn joined_by_rows(self, rows: &[&str]) -> Grid {
        // The headings that may be one with the heading before: three blanks at most apart.
        let candidates: Vec<usize> = (1..self.columns.len())
            .filter(|&i| {
                let (before, heading) = (&self.columns[i - 1], &self.columns[i]);
                heading.start <= before.end + 3
                    && before.title.chars().any(char::is_alphabetic)
                    && heading.title.chars().any(char::is_alphabetic)
            })
            .collect();
        if candidates.is_empty() {
            return self;
        }
        // Per column and side, how many figures reach under the heading beside it and whether
        // anything else is printed there (a row prints under a column where either is so).
        let n = self.columns.len();
        let (mut right, mut left) = (vec![0usize; n], vec![0usize; n]);
        let (mut not_right, mut not_left) = (vec![false; n], vec![false; n]);
        for row in rows.iter().filter(|r| !is_rule(r)) {
            // Borrowed words: this runs on every row of every class table.
            for (start, end, text) in spans(row) {
                let Some(i) = self.column_of(start, end) else {
                    continue;
                };
                let figure = parse_number(text).is_some();
                let reaches_right = self
                    .columns
                    .get(i + 1)
                    .is_some_and(|next| figure && end > next.start);
                let reaches_left = i
                    .checked_sub(1)
                    .and_then(|b| self.columns.get(b))
                    .is_some_and(|before| figure && start < before.end);
                if reaches_right {
                    right[i] += 1;
                } else {
                    not_right[i] = true;
                }
                if reaches_left {
                    left[i] += 1;
                } else {
                    not_left[i] = true;
                }
            }
        }
        let printed = |i: usize| right[i] > 0 || not_right[i];
        let mut join = vec![false; n];
        for i in candidates {
            let figures_of_before = !printed(i) && !not_right[i - 1] && right[i - 1] >= 2;
            let figures_of_heading = !printed(i - 1) && !not_left[i] && left[i] >= 2;
            join[i] = figures_of_before || figures_of_heading;
        }
        if !join.contains(&true) {
            return self;
        }
        let mut columns: Vec<GridColumn> = Vec::with_capacity(self.columns.len());
        for (column, joined) in self.columns.into_iter().zip(join) {
            match columns.last_mut() {
                Some(before) if joined => {
                    before.end = column.end;
                    before.title = format!("{} {}", before.title, column.title);
                }
                _ => columns.push(column),
            }
        }
        Grid { columns }
    }

    /// The column a span of characters belongs to: the one it overlaps most, else the one it
    /// stands just right of (within [`STACKED`]: figures are right-aligned, so one a cut moved
    /// a character or two right of its heading's end is still that heading's, though the next
    /// heading, moved left, may start nearer), else the nearest.
    pub fn column_of(&self, start: usize, end: usize) -> Option<usize> {
        let by_overlap = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| (i, overlap((c.start, c.end), (start, end))))
            .filter(|(_, o)| *o > 0)
            .max_by_key(|(_, o)| *o)
            .map(|(i, _)| i);
        let just_right_of = || {
            self.columns
                .iter()
                .enumerate()
                .filter(|(_, c)| c.end <= start && start - c.end <= STACKED)
                .max_by_key(|(_, c)| c.end)
                .map(|(i, _)| i)
        };
        by_overlap.or_else(just_right_of).or_else(|| {
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

    /// Each cell's text as printed.
    fn raw(cells: &[Option<Cell>]) -> Vec<Option<&str>> {
        cells
            .iter()
            .map(|c| c.as_ref().map(|c| c.raw.as_str()))
            .collect()
    }

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
        let raw = raw(&cells);
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

    /// Two headings a cut ran together with one blank between (`LOSSES INTEREST`) are two
    /// columns where the line above prints a heading over each.
    #[test]
    fn headings_run_together_are_parted_where_the_line_above_parts_them() {
        let grid = Grid::from_header(&[
            "                             REALIZED   DEFERRED       PRINCIPAL",
            "CLASS             TOTAL        LOSSES INTEREST         BALANCE",
        ]);
        let titles: Vec<&str> = grid.columns.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "CLASS",
                "TOTAL",
                "REALIZED LOSSES",
                "DEFERRED INTEREST",
                "PRINCIPAL BALANCE"
            ]
        );
        let cells = grid.cells("I-F      5,876,022.76             0        0    357,220,338.31");
        let figures: Vec<Option<f64>> = cells
            .iter()
            .map(|c| c.as_ref().and_then(|c| c.figure.as_ref()).map(|f| f.value))
            .collect();
        assert_eq!(
            figures,
            [
                None,
                Some(5876022.76),
                Some(0.0),
                Some(0.0),
                Some(357220338.31)
            ]
        );
    }

    /// A one-line header a cut left one blank inside reads as one heading; rows that each print
    /// two figures under it part it where the first figures end. A column whose rows print one
    /// figure, or text, stays whole.
    #[test]
    fn rows_that_print_two_figures_under_one_heading_part_it() {
        let header = ["CLASS    TOTAL  CURRENT RATE ESTIMATED NEXT RATE"];
        let rows = [
            "-------------------------------------------------",
            "",
            "I-F   15.105457     9.500000%           9.500000%",
            "R-I    0.000000     0.000000%             0.000000%",
        ];
        let grid = Grid::from_header(&header).parted_by_rows(&header, &rows);
        let titles: Vec<&str> = grid.columns.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(
            titles,
            ["CLASS", "TOTAL", "CURRENT RATE", "ESTIMATED NEXT RATE"]
        );
        let one = [
            "I-F   15.105457     9.500000%",
            "R-I    0.000000     0.000000%",
        ];
        let grid = Grid::from_header(&header).parted_by_rows(&header, &one);
        assert_eq!(grid.columns.len(), 3);
        // A cut took both blanks: the word across the first figures' edge is parted there.
        let header = ["CLASS       TOTAL  REALIZED LOSSESDEFERRED INTEREST"];
        let rows = [
            "I-F  5,744,722.76                0                 0",
            "R-I             0                0                 0",
        ];
        let grid = Grid::from_header(&header).parted_by_rows(&header, &rows);
        let titles: Vec<&str> = grid.columns.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(
            titles,
            ["CLASS", "TOTAL", "REALIZED LOSSES", "DEFERRED INTEREST"]
        );
        let header = ["CLASS    TOTAL  CURRENT RATE ESTIMATED NEXT RATE"];
        let rows = [
            "I-F   15.105457     9.500000%           9.500000%",
            "R-I    0.000000     0.000000%             0.000000%",
        ];
        let mixed = [rows[0], "R-I    0.000000     0.000000%"];
        let grid = Grid::from_header(&header).parted_by_rows(&header, &mixed);
        assert_eq!(grid.columns.len(), 3);
    }

    /// A header word running across the end of one column into the next is two headings a cut
    /// ran together; the first ends where its column ends.
    #[test]
    fn a_heading_word_across_two_columns_is_two_headings() {
        let grid = Grid::from_header(&[
            "                 CURRENT    CURRENTESTIMATED",
            "CLASS  PRINCIPAL BALANCE       RATE  NEXT RATE",
        ]);
        let titles: Vec<&str> = grid.columns.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "CLASS",
                "CURRENT PRINCIPAL BALANCE",
                "CURRENT RATE",
                "ESTIMATED NEXT RATE"
            ]
        );
        // Not right-aligned (no half is a word the header prints): the word stays whole.
        let grid = Grid::from_header(&[
            "                     CURRENT    CURRENTESTIMATED",
            "CLASS  PRINCIPAL BALANCE       RATE  NEXT RATE",
        ]);
        let titles: Vec<&str> = grid.columns.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(titles[3], "CURRENTESTIMATED NEXT RATE");
    }

    /// A cut that moved the upper heading a column right and the lower line a column left
    /// leaves `CURRENT` starting over `BALANCE`: the header prints `PRINCIPAL BALANCE` one
    /// blank apart elsewhere, so the two headings part after `INTEREST`, where the row's first
    /// figures end too.
    #[test]
    fn headings_run_together_part_where_no_pair_the_header_prints_is_parted() {
        let header = [
            "             PRIOR                          REALIZED  DEFERRED             CURRENT",
            "CLASS  PRINCIPAL BALANCE       PRINCIPAL     LOSSES  INTEREST PRINCIPAL BALANCE",
        ];
        let grid = Grid::from_header(&header);
        let titles: Vec<&str> = grid.columns.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "CLASS",
                "PRIOR PRINCIPAL BALANCE",
                "PRINCIPAL",
                "REALIZED LOSSES",
                "DEFERRED INTEREST",
                "CURRENT PRINCIPAL BALANCE"
            ]
        );
        let cells = grid.cells(
            "I-F     363,244,426.03    2,974,077.72         0.00      0.00    360,270,348.31",
        );
        assert_eq!(
            raw(&cells),
            [
                Some("I-F"),
                Some("363,244,426.03"),
                Some("2,974,077.72"),
                Some("0.00"),
                Some("0.00"),
                Some("360,270,348.31")
            ]
        );
    }

    /// A cut moved `CURRENT` over `RATE` two characters right, into the span of `NEXT RATE`:
    /// it stands over `RATE` most, so it does not part `NEXT RATE` under `ESTIMATED`.
    #[test]
    fn a_heading_reaching_a_character_into_the_next_column_is_not_over_it() {
        let grid = Grid::from_header(&[
            "                           CURRENT      CURRENT  ESTIMATED",
            "CLASS   TOTAL    PRINCIPAL BALANCE      RATE  NEXT RATE",
        ]);
        let titles: Vec<&str> = grid.columns.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "CLASS",
                "TOTAL",
                "CURRENT PRINCIPAL BALANCE",
                "CURRENT RATE",
                "ESTIMATED NEXT RATE"
            ]
        );
        let cells = grid.cells("I-F     14.70          965.348068  9.500000%  9.500000%");
        assert_eq!(
            raw(&cells),
            [
                Some("I-F"),
                Some("14.70"),
                Some("965.348068"),
                Some("9.500000%"),
                Some("9.500000%")
            ]
        );
    }

    /// A cut left one blank more between `CURRENT` and `RATE` of a one-line header: no row
    /// prints under `RATE`, and every row's rate under `CURRENT` reaches under it, so the two
    /// are one heading; so are `ESTIMATED NEXT` and `RATE` two blanks further apart, where no
    /// row prints under the first. A heading with a figure of its own stays apart.
    #[test]
    fn a_heading_no_row_prints_under_joins_the_one_whose_figures_reach_under_it() {
        let header = ["CLASS     TOTAL                         CURRENT  RATE  ESTIMATED NEXT RATE"];
        let rows = [
            "A-1    16.052223                          6.240000%            6.240000%",
            "A-2     5.500000                          6.600000%            6.600000%",
        ];
        let grid = Grid::from_header(&header).joined_by_rows(&rows);
        let titles: Vec<&str> = grid.columns.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(
            titles,
            ["CLASS", "TOTAL", "CURRENT RATE", "ESTIMATED NEXT RATE"]
        );
        assert_eq!(
            raw(&grid.cells(rows[0])),
            [
                Some("A-1"),
                Some("16.052223"),
                Some("6.240000%"),
                Some("6.240000%")
            ]
        );
        // One row only says nothing.
        let grid = Grid::from_header(&header).joined_by_rows(&rows[..1]);
        assert_eq!(grid.columns.len(), 5);
        // The last word split off instead: the rates end under `RATE` and start under `NEXT`.
        let header = ["CLASS    TOTAL      ESTIMATED NEXT   RATE"];
        let rows = [
            "A-1  16.052223                  6.240000%",
            "A-2   5.500000                  6.600000%",
        ];
        let grid = Grid::from_header(&header).joined_by_rows(&rows);
        let titles: Vec<&str> = grid.columns.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(titles, ["CLASS", "TOTAL", "ESTIMATED NEXT RATE"]);
        assert_eq!(
            raw(&grid.cells(rows[1])),
            [Some("A-2"), Some("5.500000"), Some("6.600000%")]
        );
    }

    /// A column's heading is all its lines' words: a figure right-aligned under `REALIZED`
    /// stands in its column though a cut moved `LOSSES` below it two characters left.
    #[test]
    fn a_column_spans_the_headings_of_all_its_lines() {
        let header = [
            "                            REALIZED  DEFERRED",
            "CLASS                TOTAL  LOSSES  INTEREST",
        ];
        let grid = Grid::from_header(&header);
        let titles: Vec<&str> = grid.columns.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(
            titles,
            ["CLASS", "TOTAL", "REALIZED LOSSES", "DEFERRED INTEREST"]
        );
        let cells = grid.cells("I-F           5,665,942.76         0         0");
        let raw = raw(&cells);
        assert_eq!(
            raw,
            [Some("I-F"), Some("5,665,942.76"), Some("0"), Some("0")]
        );
    }

    /// Figures are right-aligned: one a cut moved a character right of its heading's end, so
    /// under no heading, is that heading's, though the next heading starts nearer.
    #[test]
    fn a_figure_just_right_of_a_heading_is_its() {
        let grid = Grid::from_header(&["CLASS           INTEREST  PRINCIPAL BALANCE"]);
        let cells = grid.cells("A-1                      0    431,439,639.45");
        let raw = raw(&cells);
        assert_eq!(raw, [Some("A-1"), Some("0"), Some("431,439,639.45")]);
    }
}
