//! The column engine: header lines give column spans by the character positions of their
//! words; a row's words go to the column whose span they overlap most. Values are never
//! assigned by counting tokens, so a blank cell stays blank (NULL) and a drift of a column or
//! two still lands in the right column.

use crate::value::{parse_number, Cell};

/// Header words this close (in characters) start the same column, so a header line printed a
/// column or two off still names the same column.
pub(crate) const DRIFT: usize = 2;
/// Phrases of one header line closer than this belong to one column (`2  PAYMTS`).
const MIN_WIDTH: usize = 5;

/// A blank-separated word of a line, at character (not byte) positions; `end` is exclusive.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A word of a line borrowed from it: character positions (`end` exclusive) and its text.
type Span<'a> = (usize, usize, &'a str);

/// The words of a line. A decimal number run into letters (`0.125CA`, where a rate column
/// ends and a state column begins) is two words, so each half finds its own column.
pub fn words(line: &str) -> Vec<Word> {
    split_spans(line).into_iter().map(owned).collect()
}

/// The texts of [`words`], borrowed from the line.
pub fn word_texts(line: &str) -> Vec<&str> {
    split_spans(line)
        .into_iter()
        .map(|(_, _, text)| text)
        .collect()
}

/// Words split on blanks only.
pub fn plain_words(line: &str) -> Vec<Word> {
    spans(line).into_iter().map(owned).collect()
}

/// A borrowed word copied into a [`Word`].
pub fn owned((start, end, text): Span<'_>) -> Word {
    Word {
        start,
        end,
        text: text.to_string(),
    }
}

/// [`plain_words`] without copying their text.
pub fn spans(line: &str) -> Vec<Span<'_>> {
    if line.is_ascii() {
        return ascii_spans(line);
    }
    let mut out = Vec::new();
    // (character position, byte offset) where the current word began.
    let mut begun: Option<(usize, usize)> = None;
    let mut position = 0;
    for (offset, ch) in line.char_indices() {
        if ch.is_whitespace() {
            if let Some((start, from)) = begun.take() {
                out.push((start, position, line.get(from..offset).unwrap_or_default()));
            }
        } else if begun.is_none() {
            begun = Some((position, offset));
        }
        position += 1;
    }
    if let Some((start, from)) = begun {
        out.push((start, position, line.get(from..).unwrap_or_default()));
    }
    out
}

/// [`spans`] of a line that is all ASCII (nearly every line): character positions are byte
/// offsets, so the line is scanned byte by byte.
fn ascii_spans(line: &str) -> Vec<Span<'_>> {
    // Room for the words of a typical line at once, rather than growing 4, 8, 16.
    let mut out = Vec::with_capacity(16);
    let mut at = 0;
    while let Some((start, end)) = next_ascii_word(line.as_bytes(), at) {
        out.push((start, end, line.get(start..end).unwrap_or_default()));
        at = end;
    }
    out
}

/// Runs of `spans` read as one: each run of words one blank apart (`Paid Off`) is one, its
/// first and last span's index: a table parts its columns by two blanks or more, so a phrase
/// is one cell's, wherever a cut moved it. Unlike [`phrases`], figures are never joined so
/// (`0.00 0.00` of a crowded row stays two, and says so), and nothing is copied: every row of
/// every table passes here.
fn phrases_of_words(spans: &[Span<'_>]) -> Vec<(usize, usize)> {
    let word = |text: &str| text.chars().any(char::is_alphabetic) && parse_number(text).is_none();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (index, &(start, _, text)) in spans.iter().enumerate() {
        match out.last_mut() {
            Some(run) if spans[run.1].1 + 1 == start && word(spans[run.1].2) && word(text) => {
                run.1 = index
            }
            _ => out.push((index, index)),
        }
    }
    out
}

/// [`words`] without copying their text.
pub fn split_spans(line: &str) -> Vec<Span<'_>> {
    let mut out = spans(line);
    // Most lines have no number run into letters: the words are split in place where one is.
    let mut index = 0;
    while let Some(&(start, end, text)) = out.get(index) {
        if let Some((at, byte)) = junction(text) {
            let (number, rest) = text.split_at(byte);
            if let Some(word) = out.get_mut(index) {
                *word = (start, start + at, number);
            }
            index += 1;
            out.insert(index, (start + at, end, rest));
        }
        index += 1;
    }
    out
}

/// Where a decimal number ends and letters begin inside one word (`0.07625MO` -> 7), in
/// characters and in bytes.
fn junction(text: &str) -> Option<(usize, usize)> {
    // An ASCII byte is never inside a character, so its offset is a character boundary.
    let byte = text.bytes().position(|b| b.is_ascii_alphabetic())?;
    let number = text.get(..byte)?;
    let at = number.chars().count();
    (at > 0 && number.contains('.') && parse_number(number).is_some()).then_some((at, byte))
}

/// `text` cut after `at` characters.
fn split_chars(text: &str, at: usize) -> (&str, &str) {
    let byte = text
        .char_indices()
        .nth(at)
        .map_or(text.len(), |(byte, _)| byte);
    text.split_at(byte)
}

/// How many of the words are figures and how many carry letters: a header or heading line prints
/// words (`Group 1`, `1 PAYMENT` carry digits too), a row prints figures.
pub fn figures_and_words_in<'a>(words: impl Iterator<Item = &'a str>) -> (usize, usize) {
    let (mut figures, mut worded) = (0, 0);
    for word in words {
        figures += usize::from(parse_number(word).is_some());
        worded += usize::from(word.chars().any(char::is_alphabetic));
    }
    (figures, worded)
}

/// The words of the first of [`phrases`], borrowed, and where the phrase ends.
pub fn first_phrase<'a>(words: &[Span<'a>], min_gap: usize) -> Option<(Vec<&'a str>, usize)> {
    let (_, mut end, first) = *words.first()?;
    let mut texts = vec![first];
    for &(start, word_end, text) in words.get(1..).unwrap_or_default() {
        if start >= end + min_gap {
            break;
        }
        texts.push(text);
        end = word_end;
    }
    Some((texts, end))
}

/// Runs of words with gaps narrower than `min_gap` blanks, as (start, end, collapsed text).
pub fn phrases(words: &[Word], min_gap: usize) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    for word in words {
        match out.last_mut() {
            Some(last) if word.start < last.end + min_gap => {
                last.text.push(' ');
                last.text.push_str(&word.text);
                last.end = word.end;
            }
            _ => out.push(word.clone()),
        }
    }
    out
}

/// One column of a table: its span, its title (header words top to bottom) and its printed
/// label such as `(1)` or `(4)=(2)+(3)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub start: usize,
    /// Exclusive; the next column's start (the last column is open to the right).
    pub end: usize,
    pub title: String,
    pub label: Option<String>,
}

impl Column {
    /// The title reduced to lower-case letters and digits, for matching (`Pass- Through Rate`
    /// -> `passthroughrate`).
    /// A heading's misprinted word counts as the word it stands for (`Intrest`).
    pub fn key(&self) -> String {
        key(&crate::misprints::corrected(&self.title))
    }

    /// The column's number from its label: `(4)=(2)+(3)` -> 4.
    pub fn number(&self) -> Option<u32> {
        let label = self.label.as_deref()?;
        let inner = label.strip_prefix('(')?;
        let close = inner.find(')')?;
        inner.get(..close)?.parse().ok()
    }
}

/// Lower-case letters and digits only.
pub fn key(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether `text` reduces to `wanted` (see [`key`]), without building the key.
pub fn key_is(text: &str, wanted: &str) -> bool {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .eq(wanted.chars())
}

/// A label line prints only column numbers and formulas: `(1)   (2)   (4)=(2)+(3)`.
pub fn is_label_line(line: &str) -> bool {
    let mut words = blank_words(line).peekable();
    words.peek().is_some() && words.all(is_label_word)
}

/// The words of a line split on blanks, as `str::split_whitespace` splits them. An ASCII line
/// (nearly every line) is scanned byte by byte, skipping a run of blanks in one tight loop:
/// several times cheaper than decoding characters, and than splitting at every blank (the
/// wide gaps between columns are most of a line).
pub fn blank_words(line: &str) -> BlankWords<'_> {
    if line.is_ascii() {
        BlankWords::Ascii { line, at: 0 }
    } else {
        BlankWords::Any(line.split_whitespace())
    }
}

/// An ASCII character is a blank exactly when `char::is_whitespace` says so (the vertical
/// tab included, unlike `u8::is_ascii_whitespace`).
pub fn is_ascii_blank(byte: u8) -> bool {
    // One load from a table: this runs for every byte of every line, several times.
    ASCII_BLANKS[usize::from(byte)]
}

/// [`is_ascii_blank`] of every byte.
const ASCII_BLANKS: [bool; 256] = {
    let mut table = [false; 256];
    let blanks = [b' ', b'\t', b'\n', 0x0b, 0x0c, b'\r'];
    let mut i = 0;
    while i < blanks.len() {
        table[blanks[i] as usize] = true;
        i += 1;
    }
    table
};

/// The iterator of [`blank_words`].
pub enum BlankWords<'a> {
    /// An ASCII line and where the scan stands (a byte offset, which is a character position).
    Ascii {
        line: &'a str,
        at: usize,
    },
    Any(std::str::SplitWhitespace<'a>),
}

impl<'a> Iterator for BlankWords<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        match self {
            BlankWords::Ascii { line, at } => {
                let (start, end) = next_ascii_word(line.as_bytes(), *at)?;
                *at = end;
                line.get(start..end)
            }
            BlankWords::Any(words) => words.next(),
        }
    }
}

/// The next word of an ASCII line at or after `from`: its start and (exclusive) end.
fn next_ascii_word(bytes: &[u8], from: usize) -> Option<(usize, usize)> {
    let start = from
        + bytes
            .get(from..)?
            .iter()
            .position(|b| !is_ascii_blank(*b))?;
    let length = bytes
        .get(start..)?
        .iter()
        .position(|b| is_ascii_blank(*b))
        .unwrap_or(bytes.len() - start);
    Some((start, start + length))
}

pub fn is_label_word(text: &str) -> bool {
    text.starts_with('(')
        && text.chars().any(|c| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || "()=+-*/".contains(c))
}

/// A table's columns, from its header lines.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Columns {
    pub columns: Vec<Column>,
}

/// One row read against the columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Words left of the first column, collapsed.
    pub label: String,
    /// Position of the row's first word.
    pub indent: usize,
    /// One entry per column: the cell, with its character span, or `None` when blank.
    pub cells: Vec<Option<(Cell, usize, usize)>>,
}

impl Row {
    pub fn cell(&self, column: usize) -> Option<&Cell> {
        self.cells.get(column)?.as_ref().map(|(cell, _, _)| cell)
    }

    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(Option::is_none)
    }
}

/// Where to cut a header word run across the start of a column at `at` characters: where
/// one word ends and the next begins within the drift of it (`Orig.Principal` + `Prior`, a
/// lower-case letter or a bracket before a capital), a cut having moved the word a column or
/// two; else at the column's start.
fn word_join(text: &str, at: usize) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let joins = |b: usize| {
        b > 0
            && b < chars.len()
            && chars.get(b).is_some_and(|c| c.is_uppercase())
            && chars
                .get(b - 1)
                .is_some_and(|c| c.is_lowercase() || *c == ')')
    };
    (0..=DRIFT)
        .flat_map(|d| [at.checked_sub(d), Some(at + d)])
        .flatten()
        .find(|&b| joins(b))
        .unwrap_or(at)
}

/// The labels of a label line, two run together (`(4)=(1)+(2)-(3)(5)`, where a cut took the
/// blanks between them or the columns are narrow) apart: one label never closes a bracket
/// right before it opens the next, a formula puts an operator between its references.
fn label_spans(line: &str) -> Vec<Span<'_>> {
    let mut out = Vec::new();
    for (start, end, text) in spans(line) {
        let (mut from, mut at) = (start, 0);
        // Labels are ASCII: character positions are byte offsets within them.
        for (i, _) in text.match_indices(")(") {
            out.push((from, start + i + 1, text.get(at..=i).unwrap_or_default()));
            (from, at) = (start + i + 1, i + 1);
        }
        out.push((from, end, text.get(at..).unwrap_or_default()));
    }
    out
}

/// Whether the phrase of header line `line` starting at `start` starts no column: no other
/// line starts one there, and another line prints a word across it (`Prepayment` over the
/// `Term` of `Original  Term`, two words of one column a cut printed two blanks apart). A
/// column's heading words never run across the next column's start, except where two are
/// printed run together (`PrincipalPrior`), and then the other lines start that column too.
fn inside_another_lines_word(
    start: usize,
    line: usize,
    starts: &[Vec<usize>],
    words: &[Vec<Span<'_>>],
) -> bool {
    let elsewhere = |i: usize| i != line;
    let confirmed = starts
        .iter()
        .enumerate()
        .filter(|(i, _)| elsewhere(*i))
        .any(|(_, s)| s.iter().any(|s| s.abs_diff(start) <= DRIFT));
    !confirmed
        && words
            .iter()
            .enumerate()
            .filter(|(i, _)| elsewhere(*i))
            .any(|(_, w)| {
                w.iter()
                    .any(|&(s, e, _)| s + DRIFT < start && start + DRIFT < e)
            })
}

impl Columns {
    /// Columns from a stack of header lines (top to bottom). Each phrase of a line starts a
    /// column; starts within [`DRIFT`] of each other are one column. Words run together across
    /// a column start seen on another line (`Orig. PrincipalPrior`) are cut there.
    pub fn from_header(lines: &[&str]) -> Columns {
        // Each line's phrase starts, and its words.
        let mut starts_by_line: Vec<Vec<usize>> = Vec::with_capacity(lines.len());
        let mut words_by_line: Vec<Vec<Span<'_>>> = Vec::with_capacity(lines.len());
        for line in lines {
            let mut phrase_start: Option<usize> = None;
            let mut last_end = 0;
            let mut starts = Vec::new();
            let words = spans(line);
            for &(word_start, word_end, _) in &words {
                let new_phrase = match phrase_start {
                    None => true,
                    Some(start) => word_start >= last_end + 2 && word_start >= start + MIN_WIDTH,
                };
                if new_phrase {
                    phrase_start = Some(word_start);
                    starts.push(word_start);
                }
                last_end = word_end;
            }
            starts_by_line.push(starts);
            words_by_line.push(words);
        }
        let mut starts: Vec<usize> = Vec::new();
        for (i, line_starts) in starts_by_line.iter().enumerate() {
            for &start in line_starts {
                if !inside_another_lines_word(start, i, &starts_by_line, &words_by_line) {
                    starts.push(start);
                }
            }
        }
        starts.sort_unstable();
        // Starts within the drift of the column's last start are that column's (a cut may
        // move one line's heading two characters left and another's two right: `Carry` at 132,
        // `(8)` at 136); it starts where most of its lines start it (a heading a cut left a
        // column or two off is outvoted by those above and below it), the leftmost of a tie.
        let mut clusters: Vec<Vec<usize>> = Vec::new();
        for start in starts {
            match clusters.last_mut() {
                Some(cluster) if cluster.last().is_some_and(|l| start <= l + DRIFT) => {
                    cluster.push(start);
                }
                _ => clusters.push(vec![start]),
            }
        }
        let mut columns: Vec<Column> = clusters
            .iter()
            .filter_map(|cluster| {
                // Sorted: the first of the most printed start is the leftmost of a tie.
                let start = cluster.iter().copied().max_by_key(|s| {
                    let count = cluster.iter().filter(|t| *t == s).count();
                    (count, std::cmp::Reverse(*s))
                })?;
                Some(Column {
                    start,
                    end: usize::MAX,
                    title: String::new(),
                    label: None,
                })
            })
            .collect();
        let next_starts: Vec<usize> = columns.iter().skip(1).map(|c| c.start).collect();
        for (column, next) in columns.iter_mut().zip(next_starts) {
            column.end = next;
        }
        let mut columns = Columns { columns };
        for line in lines {
            columns.add_header_line(line);
        }
        columns
    }

    fn add_header_line(&mut self, line: &str) {
        let label_line = is_label_line(line);
        // Each column's words on this line, borrowed from it.
        let mut parts: Vec<Vec<&str>> = vec![Vec::new(); self.columns.len()];
        let words = if label_line {
            label_spans(line)
        } else {
            spans(line)
        };
        for (word_start, _, word) in words {
            let mut start = word_start;
            let mut text = word;
            while !text.is_empty() {
                let Some(index) = self.columns.iter().rposition(|c| c.start <= start + DRIFT)
                else {
                    break;
                };
                let end = self.columns.get(index).map_or(usize::MAX, |c| c.end);
                let length = text.chars().count();
                let take = if start + length > end && end > start {
                    word_join(text, end - start)
                } else {
                    length
                };
                let (head, tail) = split_chars(text, take);
                if let Some(part) = parts.get_mut(index) {
                    part.push(head);
                }
                start += take;
                text = tail;
            }
        }
        for (column, part) in self.columns.iter_mut().zip(parts) {
            if part.is_empty() {
                continue;
            }
            let text = part.join(" ");
            if label_line {
                column.label = Some(text.replace(' ', ""));
            } else if column.title.is_empty() {
                column.title = text;
            } else {
                column.title = format!("{} {}", column.title, text);
            }
        }
    }

    /// Columns from a line that carries a heading at its left: the heading's characters are
    /// ignored, the rest is the header.
    pub fn from_line_after(line: &str, heading_end: usize) -> Columns {
        // An ASCII line (nearly every one): the heading's bytes are its characters.
        if let Some(after) = line.get(heading_end..).filter(|_| line.is_ascii()) {
            if after.trim().is_empty() {
                return Columns::default();
            }
            let rest = format!("{}{after}", " ".repeat(heading_end));
            return Columns::from_header(&[rest.as_str()]);
        }
        let rest: String = line
            .chars()
            .enumerate()
            .map(|(i, c)| if i < heading_end { ' ' } else { c })
            .collect();
        if rest.trim().is_empty() {
            return Columns::default();
        }
        Columns::from_header(&[rest.as_str()])
    }

    pub fn is_empty(&self) -> bool {
        self.columns.is_empty()
    }

    pub fn len(&self) -> usize {
        self.columns.len()
    }

    pub fn get(&self, index: usize) -> Option<&Column> {
        self.columns.get(index)
    }

    /// The first column whose title reduces to `wanted` (see [`key`]).
    pub fn position(&self, wanted: &str) -> Option<usize> {
        self.columns.iter().position(|c| key_is(&c.title, wanted))
    }

    /// Reads a row: each word goes to the column its span overlaps most; words left of every
    /// column are the row's label.
    pub fn row(&self, line: &str) -> Row {
        self.row_by(line, |start, end, _| self.best_column(start, end))
    }

    /// Reads a row of a table printed left-aligned: a word in a column's span goes to the column
    /// whose start is nearest its own, if within `reach` characters of it, else as
    /// [`Columns::row`] reads it.
    /// A cut may move a whole line two characters left, so that `8.80` starts two before
    /// `FIXED`, halfway into the span of the column before it.
    ///
    /// A line a narrow filer cut twice or more may have moved by the drift at each cut: a word
    /// in a column's span that starts nearer another heading's start than its own column's,
    /// within twice `reach`, is that heading's too.
    pub fn row_left_aligned(&self, line: &str, reach: usize) -> Row {
        self.row_by(line, |start, end, text| {
            let nearest = self.nearest_start(start);
            let within = |limit: usize| nearest.filter(|&(_, distance)| distance <= limit);
            // A word in no column's span is the row's label, unless it is a figure starting
            // within reach of a heading (a cut moved it left of the first column's start).
            let Some(spanned) = self.best_column(start, end) else {
                return within(reach)
                    .filter(|_| crate::value::parse_number(text).is_some())
                    .map(|(index, _)| index);
            };
            Some(within(2 * reach).map_or(spanned, |(index, _)| index))
        })
    }

    /// Reads a row of a table printed right-aligned (each figure ending where the next column
    /// starts): a word in a column's span goes to the column whose end is nearest its own, if
    /// within `reach` characters of it, else as [`Columns::row`] reads it. A cut may move a
    /// narrow figure two characters right, most of it into the next column's span.
    pub fn row_right_aligned(&self, line: &str, reach: usize) -> Row {
        self.row_by(line, |start, end, _| {
            // A word in no column's span is the row's label.
            let spanned = self.best_column(start, end)?;
            let nearest = self
                .nearest(end, |column| {
                    (column.end != usize::MAX).then_some(column.end)
                })
                .filter(|&(_, distance)| distance <= reach);
            Some(nearest.map_or(spanned, |(index, _)| index))
        })
    }

    /// The column whose heading starts nearest `start`, and how far from it.
    pub fn nearest_start(&self, start: usize) -> Option<(usize, usize)> {
        self.nearest(start, |column| Some(column.start))
    }

    /// The column whose `edge` (where it has one) is nearest `at`, and how far from it.
    fn nearest(
        &self,
        at: usize,
        edge: impl Fn(&Column) -> Option<usize>,
    ) -> Option<(usize, usize)> {
        self.columns
            .iter()
            .enumerate()
            .filter_map(|(index, column)| edge(column).map(|e| (index, e.abs_diff(at))))
            .min_by_key(|&(_, distance)| distance)
    }

    fn row_by(&self, line: &str, column_of: impl Fn(usize, usize, &str) -> Option<usize>) -> Row {
        let mut label_words: Vec<&str> = Vec::new();
        let mut spans: Vec<Option<(usize, usize)>> = vec![None; self.columns.len()];
        let all = split_spans(line);
        let indent = all.first().map_or(0, |w| w.0);
        for (first, last) in phrases_of_words(&all) {
            let (start, _, text) = all[first];
            let end = all[last].1;
            match column_of(start, end, text) {
                Some(index) => {
                    if let Some(span) = spans.get_mut(index) {
                        *span = Some(match *span {
                            Some((s, e)) => (s.min(start), e.max(end)),
                            None => (start, end),
                        });
                    }
                }
                None => label_words.extend(all[first..=last].iter().map(|w| w.2)),
            }
        }
        // Character positions are byte offsets in an ASCII line (nearly every line).
        let ascii = line.is_ascii();
        let chars: Vec<char> = if ascii {
            Vec::new()
        } else {
            line.chars().collect()
        };
        let cells = spans
            .into_iter()
            .map(|span| {
                span.map(|(s, e)| {
                    let cell = if ascii {
                        Cell::parse(line.get(s..e).unwrap_or_default())
                    } else {
                        let raw: String = chars.get(s..e).unwrap_or_default().iter().collect();
                        Cell::parse(&raw)
                    };
                    (cell, s, e)
                })
            })
            .collect();
        Row {
            // Words joined by one space are already collapsed.
            label: label_words.join(" "),
            indent,
            cells,
        }
    }

    fn best_column(&self, start: usize, end: usize) -> Option<usize> {
        let mut best: Option<(usize, usize)> = None;
        for (index, column) in self.columns.iter().enumerate() {
            let overlap = end.min(column.end).saturating_sub(start.max(column.start));
            if overlap > 0 && best.is_none_or(|(_, b)| overlap > b) {
                best = Some((index, overlap));
            }
        }
        best.map(|(index, _)| index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: [&str; 4] = [
        "                                          Orig. PrincipalPrior                      Current",
        "               Period         Period      (with Notional)Principal                  Principal",
        "Class          Starting       Ending      Balance        Balance        Interest    Balance",
        "                                                         (1)            (2)         (3)=(1)+(2)",
    ];

    fn titles(columns: &Columns) -> Vec<&str> {
        columns.columns.iter().map(|c| c.title.as_str()).collect()
    }

    #[test]
    fn stacked_headers_with_run_together_words() {
        let columns = Columns::from_header(&HEADER);
        let titles = titles(&columns);
        assert_eq!(
            titles,
            [
                "Class",
                "Period Starting",
                "Period Ending",
                "Orig. Principal (with Notional) Balance",
                "Prior Principal Balance",
                "Interest",
                "Current Principal Balance"
            ]
        );
        assert_eq!(columns.get(6).and_then(Column::number), Some(3));
        assert_eq!(
            columns.get(6).and_then(|c| c.label.clone()).as_deref(),
            Some("(3)=(1)+(2)")
        );
    }

    #[test]
    fn two_words_of_one_heading_two_blanks_apart_under_a_word_of_another_line_are_one_column() {
        // `Original Term` read two blanks apart (a cut put back one blank too many): `Term`
        // starts under `Prepayment` and no other line starts a column there.
        // `Date` one blank after `Term` (a cut put back a blank too few) starts a column
        // another line starts, a column to the left: it starts no column of its own, and
        // that column is no less one.
        for (gap, date_gap) in [(1, 2), (2, 2), (3, 2), (1, 1)] {
            let header = [
                format!("{:14}Note           Type Prepayment", ""),
                format!("{:14}Rate           &              Origination", ""),
                format!(
                    "{:29}Original{}Term{}Date",
                    "",
                    " ".repeat(gap),
                    " ".repeat(date_gap)
                ),
            ];
            let lines: Vec<&str> = header.iter().map(String::as_str).collect();
            let columns = Columns::from_header(&lines);
            let titles = titles(&columns);
            assert_eq!(
                titles,
                [
                    "Note Rate",
                    "Type Prepayment & Original Term",
                    "Origination Date"
                ],
                "{gap} and {date_gap} blanks"
            );
            let row = columns.row(&format!(
                "{:14}0.125          Paid Off  -  18          35852",
                ""
            ));
            assert_eq!(row.cell(1).map(|c| c.raw.as_str()), Some("Paid Off - 18"));
        }
    }

    #[test]
    fn a_phrase_a_cut_moved_across_a_columns_edge_stays_in_one_cell() {
        // `Paid Off` moved two columns left by a cut read two blanks short: `Paid` falls under
        // `State & LTV`, `Off` under `Type Prepayment`. Read word by word, the state cell held
        // `MO - 52.72% Paid`, the word dropped as neither a state nor a figure, and the type
        // was stored as `Off`.
        let header = [
            format!("{:14}State &        Type Prepayment", ""),
            format!("{:14}LTV at         &              Origination", ""),
            format!("{:14}Origination    Original Term  Date", ""),
        ];
        let lines: Vec<&str> = header.iter().map(String::as_str).collect();
        let columns = Columns::from_header(&lines);
        assert_eq!(
            titles(&columns),
            [
                "State & LTV at Origination",
                "Type Prepayment & Original Term",
                "Origination Date"
            ]
        );
        // The row as printed (from column 14), and moved two columns left and one right.
        for lead in [14, 12, 15] {
            let row = columns.row(&format!(
                "{:lead$}MO  -  52.72%  Paid Off  -  36          37056",
                ""
            ));
            let cell = |i: usize| row.cell(i).map(|c| c.raw.clone());
            // (Moved left, `MO` falls left of every column: the row's label.)
            assert!(
                cell(0).is_some_and(|c| c.ends_with("- 52.72%")),
                "from {lead}"
            );
            assert_eq!(cell(1).as_deref(), Some("Paid Off - 36"), "from {lead}");
        }
        // Figures one blank apart stay apart: two figures crowded into one row are two.
        let row = columns.row(&format!("{:14}0.00 0.00{:20}37056", "", ""));
        assert_eq!(row.cell(0).map(|c| c.raw.as_str()), Some("0.00 0.00"));
    }

    #[test]
    fn blank_cells_stay_blank_and_drift_is_tolerated() {
        let header = "                 CURRENT        1 PAYMENT      2  PAYMTS      TOTAL";
        let columns = Columns::from_header(&[header]);
        assert_eq!(columns.len(), 4);
        assert_eq!(columns.get(2).map(|c| c.title.as_str()), Some("2 PAYMTS"));
        // No CURRENT cell; the 1 PAYMENT value drifts two columns right.
        let row = columns
            .row("DELINQUENT                         3045300.13       721397.57     6015831.03");
        assert_eq!(row.label, "DELINQUENT");
        assert!(row.cell(0).is_none());
        assert_eq!(row.cell(1).and_then(Cell::value), Some(3045300.13));
        assert_eq!(row.cell(2).and_then(Cell::value), Some(721397.57));
        assert_eq!(row.cell(3).and_then(Cell::value), Some(6015831.03));
    }

    #[test]
    fn run_together_rate_and_state_split() {
        let w = words("0.07625MO  -  95.00%  45254NCG0");
        let texts: Vec<&str> = w.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["0.07625", "MO", "-", "95.00%", "45254NCG0"]);
        assert_eq!((w[1].start, w[1].end), (7, 9));
    }

    #[test]
    fn ascii_lines_split_as_any_other() {
        for line in [
            "  Class A-1   1,234.56\t(7)=(1)+(2)  \x0b x ",
            "",
            "   ",
            "one",
            "0.07625MO  -  95.00%  45254NCG0",
        ] {
            let general: Vec<Word> = {
                // The same line with one non-ASCII character appended takes the general path.
                let wide = format!("{line} \u{e9}");
                let mut words = plain_words(&wide);
                words.pop();
                words
            };
            assert_eq!(plain_words(line), general, "{line:?}");
        }
    }

    #[test]
    fn blank_words_split_as_split_whitespace() {
        for line in [
            "  Class A-1   1,234.56\t(7)=(1)+(2)  \x0b x ",
            "a\x0bb\x0cc\rd\ne",
            "",
            "   ",
            "caf\u{e9}  \u{a0}x\u{2003}y",
        ] {
            let expected: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(blank_words(line).collect::<Vec<_>>(), expected, "{line:?}");
        }
    }

    #[test]
    fn two_labels_run_together_go_each_to_its_column() {
        // The cut took the two blanks before `(5)`: it starts two columns short of its own.
        let place = |fields: &[(usize, &str)]| {
            let mut line = String::new();
            for (at, text) in fields {
                line.push_str(&" ".repeat(at - line.len()));
                line.push_str(text);
            }
            line
        };
        let header = [
            place(&[(14, "Prior"), (31, "Current"), (48, "Paid"), (65, "Ending")]),
            place(&[
                (14, "(4)=(1)+(2)-(3)"),
                (29, "(5)"),
                (48, "(6)"),
                (65, "(7)=(5)+(6)"),
            ]),
        ];
        let lines: Vec<&str> = header.iter().map(String::as_str).collect();
        let columns = Columns::from_header(&lines);
        let labels: Vec<Option<&str>> =
            columns.columns.iter().map(|c| c.label.as_deref()).collect();
        assert_eq!(
            labels,
            [
                Some("(4)=(1)+(2)-(3)"),
                Some("(5)"),
                Some("(6)"),
                Some("(7)=(5)+(6)")
            ]
        );
        assert_eq!(columns.get(1).and_then(Column::number), Some(5));
    }

    #[test]
    fn a_column_starts_where_most_of_its_heading_lines_start_it() {
        // `Principal` two columns left of `Current`, `Balance` and `(5)` (a cut put back two
        // blanks too few): the bare `0` right-aligned under `(4)` stays in its column.
        let header = [
            format!("{:30}Total        Principal", ""),
            format!("{:30}Distribution   Balance", ""),
            format!("{:30}(4)=(2)+(3)    (5)", ""),
        ];
        let lines: Vec<&str> = header.iter().map(String::as_str).collect();
        let columns = Columns::from_header(&lines);
        let starts: Vec<usize> = columns.columns.iter().map(|c| c.start).collect();
        assert_eq!(starts, [30, 45]);
        let row = columns.row(&format!("{:44}0              0", ""));
        assert_eq!(row.cell(0).and_then(Cell::value), Some(0.0));
        assert_eq!(row.cell(1).and_then(Cell::value), Some(0.0));
    }

    #[test]
    fn a_header_word_run_across_a_column_start_a_cut_moved_is_cut_where_its_words_meet() {
        // `Orig. PrincipalPrior` read one blank short: `Prior` starts a column left of the
        // column `Principal` and `Balance` start below it.
        let mut header = HEADER.map(str::to_string);
        header[0] = header[0].replacen("Orig. PrincipalPrior", "Orig.PrincipalPrior ", 1);
        let lines: Vec<&str> = header.iter().map(String::as_str).collect();
        let columns = Columns::from_header(&lines);
        let titles = titles(&columns);
        assert_eq!(titles[3], "Orig.Principal (with Notional) Balance");
        assert_eq!(titles[4], "Prior Principal Balance");
    }

    #[test]
    fn label_lines() {
        assert!(is_label_line("   (1)    (5)=(1)-(2)+(3)(6)   (7)=(5)-(6)"));
        assert!(!is_label_line("   (226,361.13)   Interest"));
    }
}
