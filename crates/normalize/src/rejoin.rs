//! Deciding each cut of a wrapped line from the pieces themselves.
//!
//! A piece was cut at some width between the document's limit and two columns less, then lost
//! its trailing blanks. So at each cut the blanks to put back are `w - length` for a width `w` in
//! that window, and the candidates are few:
//!
//! * a piece that ends in a non-blank, within the window, followed by a continuation that starts
//!   with a non-blank was cut inside a word or number: joined directly (unless the two halves are
//!   words the document prints on their own and the whole never, where one blank was trimmed);
//! * a piece shorter than the window lost blanks to the trim, and one that ends in a non-blank
//!   inside the window before a blank-led continuation may have: each candidate padding is scored
//!   by how many of the continuation's fields then start or end where fields of lines whose
//!   positions are certain do (figures under their column headers), and the agent's most common
//!   width breaks ties.

use std::collections::HashMap;

use crate::unwrap::{Piece, DRIFT, MAX_WRAP_WIDTH};

/// How many lines either side of a line are its table: columns line up within a table only.
const NEIGHBOURHOOD: usize = 20;

/// Where a line has, or may have, fields starting or ending (see [`Field::keys`]) -> weight (2 where the line's
/// columns are certain, 1 for each position a field after an uncertain cut may sit at).
type Boundaries = HashMap<usize, usize>;

/// How dominant the usual width must be for a document to count as cut at one width.
const CONSISTENT_SHARE: f64 = 0.95;

/// How many cuts of tokens printed whole elsewhere it takes to judge the habit by them alone.
const MIN_CERTAIN_HABIT: u32 = 6;

/// How many pieces cut inside a token it takes to tell a habit from chance.
const MIN_HABIT: u32 = 6;

/// What the whole document says about its cuts.
pub(crate) struct Survey<'a> {
    limit: usize,
    /// The most common width of a first piece and of a continuation piece cut inside a token.
    usual: [Option<usize>; 2],
    /// Whether nearly every piece cut inside a token was cut at the usual width: then that
    /// width decides every uncertain cut too.
    consistent: bool,
    /// Fields printed whole, away from any cut.
    words: HashMap<&'a str, u32>,
    /// Per logical line, the column boundaries its fields mark.
    boundaries: Vec<Boundaries>,
}

/// A blank-separated field: `[start, end)` in characters.
#[derive(Debug, Clone, Copy)]
struct Field {
    start: usize,
    end: usize,
    /// Reads as a figure: right-aligned in its column, where words are left-aligned.
    figure: bool,
}

impl Field {
    /// The keys under which a field at offset `at` is aligned with others: its start (text and
    /// left-aligned figures line up there) and its end (right-aligned figures).
    fn keys(&self, at: usize) -> Vec<usize> {
        if self.figure {
            vec![2 * (at + self.end), 2 * (at + self.start) + 1]
        } else {
            vec![2 * (at + self.start)]
        }
    }

    /// How well the field, placed at offset `at`, lines up with the lines around it: first on
    /// its column boundary (a word's start, a figure's end), then, for a figure, on its start
    /// (some tables left-align their figures under the header words).
    fn alignment(&self, at: usize, neighbours: &[&Boundaries]) -> (usize, usize) {
        let weight =
            |key: usize| -> usize { neighbours.iter().filter_map(|bs| bs.get(&key)).sum() };
        if self.figure {
            let start = 2 * (at + self.start);
            (
                weight(2 * (at + self.end)),
                weight(start) + weight(start + 1),
            )
        } else {
            // A word starts on its column's boundary, whether the figures under it end there
            // (right-aligned) or start there (left-aligned).
            let start = 2 * (at + self.start);
            (weight(start) + weight(start + 1), 0)
        }
    }
}

impl<'a> Survey<'a> {
    pub fn new(groups: &[(usize, Vec<Piece<'a>>)], limit: usize) -> Survey<'a> {
        let mut survey = Survey {
            limit,
            usual: [None, None],
            consistent: false,
            words: HashMap::new(),
            boundaries: Vec::with_capacity(groups.len()),
        };
        let mut widths: [HashMap<usize, u32>; 2] = [HashMap::new(), HashMap::new()];
        for (_, pieces) in groups {
            for (k, piece) in pieces.iter().enumerate() {
                let content = piece.content.trim_end();
                // Fields away from any cut: a piece's last field may be half of one, and so
                // may a continuation's first.
                let cut_after =
                    k + 1 < pieces.len() && content.ends_with(|c: char| !c.is_whitespace());
                let cut_before =
                    piece.continuation && content.starts_with(|c: char| !c.is_whitespace());
                let count = content.split_whitespace().count();
                for (i, token) in content.split_whitespace().enumerate() {
                    if (cut_before && i == 0) || (cut_after && i + 1 == count) {
                        continue;
                    }
                    *survey.words.entry(token).or_default() += 1;
                }
            }
        }
        // The widths pieces were cut at inside a token (not those the vocabulary shows fell
        // on a trimmed blank: `Account` + `Report`); apart, those whose whole the document
        // prints elsewhere (`Prin` + `cipal`): cut inside a token beyond doubt.
        let mut certain: [HashMap<usize, u32>; 2] = [HashMap::new(), HashMap::new()];
        for (_, pieces) in groups {
            for (piece, next) in pieces.iter().zip(pieces.iter().skip(1)) {
                if survey.splits_a_token(piece, next) && !survey.split_words(piece, next) {
                    let kind = usize::from(piece.continuation);
                    *widths[kind].entry(piece.physical()).or_default() += 1;
                    if survey.prints_whole(piece, next) {
                        *certain[kind].entry(piece.physical()).or_default() += 1;
                    }
                }
            }
        }
        // A habit shows in the certain cuts when there are enough of them (tables put blanks
        // at the same columns on many lines, so trimmed cuts can cluster a column or two
        // short of the habit), else in all of them.
        let certain_count: u32 = certain.iter().flat_map(|c| c.values()).sum();
        let evidence = if certain_count >= MIN_CERTAIN_HABIT {
            &certain
        } else {
            &widths
        };
        let (mut usual_pieces, mut all_pieces) = (0u32, 0u32);
        for (kind, counts) in evidence.iter().enumerate() {
            let usual = counts.iter().max_by_key(|(w, n)| (**n, **w));
            // One piece is no habit: it may be a trimmed one that happened to meet a field.
            survey.usual[kind] = usual.filter(|(_, n)| **n >= 2).map(|(w, _)| *w);
            usual_pieces += usual.map_or(0, |(_, n)| *n);
            all_pieces += counts.values().sum::<u32>();
        }
        // A kind never seen cut inside a token takes the other's width: the agent that cut
        // the fixture holds 79 characters a piece, its `>` not counted.
        survey.usual = match survey.usual {
            [None, Some(c)] => [Some(c.saturating_sub(1)), Some(c)],
            [Some(f), None] => [Some(f), Some(f + 1)],
            other => other,
        };
        survey.consistent = all_pieces >= MIN_HABIT
            && f64::from(usual_pieces) >= CONSISTENT_SHARE * f64::from(all_pieces);
        // Every column boundary each line's fields may mark, whichever reading each cut has
        // (a document cut at one width needs none: its habit decides every cut).
        if !survey.consistent {
            for (_, pieces) in groups {
                let possible = survey.possible_boundaries(pieces);
                survey.boundaries.push(possible);
            }
        }
        survey
    }

    /// Whether cuts are read against the columns of the lines around them (a document cut at
    /// one habitual width needs no such reading, nor a second pass).
    pub fn reads_columns(&self) -> bool {
        !self.consistent
    }

    /// Replaces what is known of line `line` by its text as joined, whose first `certain`
    /// characters are certain.
    pub fn learn(&mut self, line: usize, text: &str, certain: usize) {
        if let Some(slot) = self.boundaries.get_mut(line) {
            *slot = Boundaries::new();
            for f in fields(text) {
                let weight = if f.end <= certain { 2 } else { 1 };
                for key in f.keys(0) {
                    slot.insert(key, weight);
                }
            }
        }
    }

    /// Every column boundary a line's fields may mark: certain up to the first cut with more
    /// than one reading, and for the piece after it every position that cut allows.
    fn possible_boundaries(&self, pieces: &[Piece<'_>]) -> Boundaries {
        let mut out = Boundaries::new();
        let mut certain = String::new();
        for (k, piece) in pieces.iter().enumerate() {
            certain.push_str(piece.content.trim_end());
            let Some(next) = pieces.get(k + 1) else {
                break;
            };
            if let Some(pad) = self.only_reading(piece, next) {
                certain.extend(std::iter::repeat_n(' ', pad));
                continue;
            }
            let base = certain.chars().count();
            for f in fields(next.content.trim_end()) {
                for pad in self.paddings(piece) {
                    for key in f.keys(base + pad) {
                        out.entry(key).or_insert(1);
                    }
                }
            }
            break;
        }
        for f in fields(&certain) {
            for key in f.keys(0) {
                out.insert(key, 2);
            }
        }
        out
    }

    /// The blanks that may have been trimmed from `piece`: `w - length` for each width `w` the
    /// agent may have cut it at.
    fn paddings(&self, piece: &Piece<'_>) -> std::ops::RangeInclusive<usize> {
        let length = piece.physical();
        let narrowest = self.limit.saturating_sub(DRIFT).max(length);
        let widest = self.limit.max(length);
        (narrowest - length)..=(widest - length)
    }

    /// A piece within the cut window ending in a non-blank, before a non-blank continuation.
    fn splits_a_token(&self, piece: &Piece<'_>, next: &Piece<'_>) -> bool {
        let ends_full = piece
            .content
            .trim_end()
            .ends_with(|c: char| !c.is_whitespace());
        let next_full = next.content.starts_with(|c: char| !c.is_whitespace());
        // At the document's habit where it has one (a piece short of it lost blanks, and a
        // kind of piece never cut inside a token may be cut wider than any piece shows);
        // else within two columns of its limit.
        let full = if self.consistent {
            piece.physical() >= self.usual_width(piece)
        } else {
            piece.physical() + DRIFT >= self.limit
        };
        ends_full && next_full && full
    }

    /// Whether the token a cut splits is printed whole elsewhere in the document.
    fn prints_whole(&self, piece: &Piece<'_>, next: &Piece<'_>) -> bool {
        let left = piece.content.split_whitespace().last().unwrap_or("");
        let right = next.content.split_whitespace().next().unwrap_or("");
        self.words.contains_key(format!("{left}{right}").as_str())
    }

    /// The width the agent usually cut this kind of piece at.
    fn usual_width(&self, piece: &Piece<'_>) -> usize {
        // Never wider than any cut believed: a crafted document must not expand without bound.
        self.usual[usize::from(piece.continuation)]
            .unwrap_or(self.limit)
            .min(MAX_WRAP_WIDTH)
    }

    /// The padding when the pieces allow one reading only.
    fn only_reading(&self, piece: &Piece<'_>, next: &Piece<'_>) -> Option<usize> {
        if self.splits_a_token(piece, next) {
            return Some(usize::from(self.split_words(piece, next)));
        }
        let pads = self.paddings(piece);
        (pads.start() == pads.end()).then_some(*pads.start())
    }

    /// Decides the cut after `piece` on line `line`, whose joined text so far is `so_far`
    /// columns wide: the padding, and whether it was the only reading.
    fn seam(
        &self,
        line: usize,
        piece: &Piece<'_>,
        next: &Piece<'_>,
        so_far: usize,
    ) -> (usize, bool) {
        let preferred = self.usual_width(piece).saturating_sub(piece.physical());
        let splits = self.splits_a_token(piece, next);
        if self.consistent && !splits {
            // Every piece was cut at the usual width: what it is short of it was trimmed.
            return (preferred, false);
        }
        if splits {
            return (usize::from(self.split_words(piece, next)), true);
        }
        let pads = self.paddings(piece);
        if pads.start() == pads.end() {
            return (*pads.start(), true);
        }
        let lo = line.saturating_sub(NEIGHBOURHOOD);
        let hi = (line + NEIGHBOURHOOD + 1).min(self.boundaries.len());
        let neighbours: Vec<&Boundaries> = (lo..hi)
            .filter(|&i| i != line)
            .filter_map(|i| self.boundaries.get(i))
            .collect();
        let next_fields = fields(next.content.trim_end());
        let score = |pad: usize| {
            next_fields.iter().fold((0, 0), |(a, b), f| {
                let (x, y) = f.alignment(so_far + pad, &neighbours);
                (a + x, b + y)
            })
        };
        let pad = pads
            .max_by_key(|&pad| (score(pad), std::cmp::Reverse(pad.abs_diff(preferred))))
            .unwrap_or(0);
        (pad, false)
    }

    /// Two halves the document prints again and again as fields of their own, whose join it
    /// never prints, the first a word (`November` + `25,`, `of` + `24`): the cut fell on a
    /// blank that the trim removed. Figures are never split this way: `1` + `0` are printed
    /// everywhere, `10` may not be; nor are fragments (`)eb` + `%)5F`).
    fn split_words(&self, piece: &Piece<'_>, next: &Piece<'_>) -> bool {
        let left = piece.content.split_whitespace().last().unwrap_or("");
        let right = next.content.split_whitespace().next().unwrap_or("");
        let word = |w: &str| w.chars().count() >= 2 && w.chars().all(char::is_alphabetic);
        let printed = |w: &str| self.words.get(w).copied().unwrap_or(0);
        // In a document cut at one width, a piece of that width was cut, not trimmed.
        if self.consistent && piece.physical() >= self.usual_width(piece) {
            return false;
        }
        word(left)
            && printed(left) >= 2
            && printed(right) >= 2
            && printed(&format!("{left}{right}")) == 0
            && self.paddings(piece).contains(&1)
    }
}

/// One logical line from its pieces, each cut decided by [`Survey`]: the text, and how many of
/// its leading characters are certain (placed before any cut with more than one reading).
pub(crate) fn join_line(line: usize, pieces: &[Piece<'_>], survey: &Survey<'_>) -> (String, usize) {
    let mut out = String::new();
    let mut width = 0usize;
    let mut certain = None;
    for (k, piece) in pieces.iter().enumerate() {
        let Some(next) = pieces.get(k + 1) else {
            out.push_str(piece.content);
            break;
        };
        let content = piece.content.trim_end();
        out.push_str(content);
        width += content.chars().count();
        let (pad, only) = survey.seam(line, piece, next, width);
        if !only && certain.is_none() {
            certain = Some(width);
        }
        out.extend(std::iter::repeat_n(' ', pad));
        width += pad;
    }
    out.truncate(out.trim_end().len());
    let certain = certain.unwrap_or(usize::MAX);
    (out, certain)
}

/// The blank-separated fields of `text`.
fn fields(text: &str) -> Vec<Field> {
    let mut out = Vec::new();
    let mut start: Option<(usize, bool, bool)> = None; // (start, has digit, has letter)
    let mut first = '\0';
    let mut digits = 0usize;
    let mut eq = false;
    for (n, c) in text.chars().chain(std::iter::once(' ')).enumerate() {
        if c.is_whitespace() {
            if let Some((s, digit, letter)) = start.take() {
                // `(1)`, `(4)=(2)+(3)`: column references, left-aligned like words.
                let reference = (first == '(' && digits == 1) || eq;
                out.push(Field {
                    start: s,
                    end: n,
                    figure: digit && !letter && !reference,
                });
            }
        } else {
            match start.as_mut() {
                None => {
                    start = Some((n, c.is_ascii_digit(), c.is_alphabetic()));
                    first = c;
                    digits = usize::from(c.is_ascii_digit());
                    eq = c == '=';
                }
                Some((_, digit, letter)) => {
                    *digit |= c.is_ascii_digit();
                    *letter |= c.is_alphabetic();
                    digits += usize::from(c.is_ascii_digit());
                    eq |= c == '=';
                }
            }
        }
    }
    out
}
