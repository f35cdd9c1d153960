//! Rejoining the lines an EDGAR filer agent cut at its column limit.
//!
//! EDGAR took at most 80 columns, so the agent cut each long line into pieces, put every piece
//! after the first on its own line behind a `>`, and trimmed each piece's trailing blanks. Real
//! agents do not cut every piece at one width: within one file some pieces are cut at 79 columns
//! and others at 78, and a continuation's `>` counts towards the limit. So each cut is decided
//! from the pieces around it (see [`crate::rejoin`]), and the document only contributes its
//! limit: the longest physical line (with its `>`) that is followed by a continuation.

use std::collections::BTreeMap;

use crate::ascii::trim_start;
use crate::rejoin::{join_lines, Survey};

/// Pieces this much wider than the document's limit still count as cut at their own length:
/// real filings drift by a column or two, even within one file.
pub(crate) const DRIFT: usize = 2;

/// The narrowest cut width believed; below it a `>` line is almost certainly quoted text.
const MIN_WIDTH: usize = 20;

/// The widest cut width believed. EDGAR took 80 columns; a wider "width" would let each short `>`
/// line be padded out to it, and a crafted document expand a hundredfold.
pub const MAX_WRAP_WIDTH: usize = 250;

/// A document shows EDGAR wrapping only with at least this many full-width pieces.
const MIN_FULL_PIECES: usize = 2;

/// One physical line of the filing as a piece of a logical line.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Piece<'a> {
    /// The text after the `>` of a continuation, or the whole line of a first piece.
    pub content: &'a str,
    /// Whether the physical line carried a `>` (it then counts towards the limit).
    pub continuation: bool,
}

impl Piece<'_> {
    /// The trimmed length of the physical line, `>` included.
    pub fn physical(&self) -> usize {
        self.content.trim_end().chars().count() + usize::from(self.continuation)
    }

    /// Whether the cut before `next` falls between two non-blanks: a token may run on from
    /// this piece into `next` (or have been cut on a blank the trim took).
    pub fn runs_on_into(&self, next: &Piece<'_>) -> bool {
        self.content
            .trim_end()
            .ends_with(|c: char| !c.is_whitespace())
            && next.content.starts_with(|c: char| !c.is_whitespace())
    }
}

/// Rejoins `>`-continued lines of a document that shows EDGAR's wrapping.
///
/// Returns each logical line (trailing blanks trimmed) with the 1-based line number of its first
/// piece. A document without the wrapping comes back line for line, `>` lines included.
pub fn unwrap_lines(text: &str) -> Vec<(String, u32)> {
    let raw: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    let Some(limit) = wrap_limit(&raw) else {
        tracing::debug!("no EDGAR line wrapping found; lines kept as filed");
        return raw
            .iter()
            .enumerate()
            .map(|(i, l)| (l.trim_end().to_string(), line_number(i)))
            .collect();
    };
    let groups = group_pieces(&raw);
    let survey = Survey::new(&groups, limit);
    join_lines(&groups, &survey)
        .into_iter()
        .zip(&groups)
        .map(|(text, (first, _))| (text, line_number(*first)))
        .collect()
}

fn line_number(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

/// Groups physical lines into logical lines: a `>` line continues the line before it (the
/// document's first line starts one, `>` or not). Each line's pieces are counted first, so
/// its vector is allocated once at its size (most lines have one piece).
fn group_pieces<'a>(raw: &[&'a str]) -> Vec<(usize, Vec<Piece<'a>>)> {
    let mut groups: Vec<(usize, Vec<Piece<'a>>)> = Vec::with_capacity(raw.len());
    let mut first = 0;
    while let Some(line) = raw.get(first) {
        let rest = raw.get(first + 1..).unwrap_or_default();
        let continued = rest.iter().take_while(|l| l.starts_with('>')).count();
        let mut pieces = Vec::with_capacity(1 + continued);
        pieces.push(Piece {
            content: line,
            continuation: false,
        });
        pieces.extend(rest.iter().take(continued).map(|l| Piece {
            content: l.get(1..).unwrap_or_default(),
            continuation: true,
        }));
        groups.push((first, pieces));
        first += 1 + continued;
    }
    groups
}

/// The limit of a wrapped document (the longest physical line the agent let through before
/// cutting, `>` included), or `None` when it shows no EDGAR wrapping.
///
/// Every non-empty piece followed by a continuation votes for its physical length (a trimmed
/// piece is shorter than its cut and says little). A vote counts double when the continuation
/// starts with a non-blank: a word or number cut in two pins the cut down. No piece is longer
/// than the limit, so the limit is the longest length with two votes or more, which right-aligned
/// figures ending short of it cannot outvote. The wrapping is believed only if no more lines run
/// past the limit than pieces end within two columns of it.
fn wrap_limit(raw: &[&str]) -> Option<usize> {
    // Votes per kind of piece (first, continuation): an agent that does not count the `>` cuts
    // continuations one column longer, and each kind has its own drift.
    let mut scores: [BTreeMap<usize, (usize, usize)>; 2] = [BTreeMap::new(), BTreeMap::new()];
    for (i, next) in raw.iter().enumerate().skip(1) {
        let Some(next_content) = next.strip_prefix('>') else {
            continue;
        };
        let Some(prev) = raw.get(i - 1) else {
            continue;
        };
        let piece = match prev.strip_prefix('>') {
            Some(rest) if i >= 2 => Piece {
                content: rest,
                continuation: true,
            },
            _ => Piece {
                content: prev,
                continuation: false,
            },
        };
        // A bare `>` only says the line had blanks past the cut, wherever the cut was.
        if trim_start(piece.content).is_empty() || trim_start(next_content).is_empty() {
            continue;
        }
        let strong = next_content
            .chars()
            .next()
            .is_some_and(|c| !c.is_whitespace());
        // A rule cut in two is no quoted text: a document whose one long line is a rule (a wide
        // table's) shows its wrapping by that one cut.
        let votes = if rule_cut(piece.content, next_content) {
            MIN_FULL_PIECES
        } else {
            1
        };
        let entry = scores[usize::from(piece.continuation)]
            .entry(piece.physical())
            .or_default();
        entry.0 += votes * if strong { 2 } else { 1 };
        entry.1 += votes;
    }
    let own = [kind_limit(&scores[0]), kind_limit(&scores[1])];
    let mut limits = own;
    for kind in 0..2 {
        // A kind's longest piece, confirmed by no other of its kind, still shows the limit
        // where the other kind's limit explains it: an agent cuts a continuation at the first
        // pieces' width, `>` counted, or one past it.
        let (Some(other), Some(longest)) = (own[1 - kind], scores[kind].keys().max().copied())
        else {
            continue;
        };
        let explained = if kind == 1 {
            longest == other || longest == other + 1
        } else {
            longest == other || longest + 1 == other
        };
        if explained && own[kind].is_none_or(|l| longest > l) {
            limits[kind] = Some(longest);
        }
    }
    let limit = limits.into_iter().flatten().max()?;
    let full_pieces: usize = scores
        .iter()
        .flat_map(|s| s.range(limit.saturating_sub(DRIFT + 1)..=limit))
        .map(|(_, s)| s.1)
        .sum();
    // Lines longer than the limit were never cut: many of them mean the `>` lines are text.
    let overlong = raw
        .iter()
        .filter(|l| !l.starts_with('>') && l.trim_end().chars().count() > limit + DRIFT)
        .count();
    if full_pieces < MIN_FULL_PIECES || overlong >= full_pieces {
        return None;
    }
    tracing::debug!(limit, full_pieces, "EDGAR line wrapping found");
    Some(limit)
}

/// Whether a piece and its continuation are both a run of one rule character (`-----` and
/// `>--`): a line of dashes the agent cut, which no one quotes.
fn rule_cut(piece: &str, continuation: &str) -> bool {
    let run = |text: &str| {
        let text = text.trim();
        let mut chars = text.chars();
        let first = chars.next().filter(|c| matches!(c, '-' | '=' | '_'))?;
        chars.all(|c| c == first || c == ' ').then_some(first)
    };
    // The continuation is one unbroken run: a rule's end, not a bullet or a quoted `- item`.
    let tail = continuation.trim_end();
    run(piece).is_some()
        && run(piece) == run(continuation)
        && !tail.contains(' ')
        && !tail.is_empty()
}

/// The limit one kind of piece shows: the longest piece that another piece cut within two
/// columns of it confirms (a lone longer piece is a stray `>` line, not a cut). A narrower
/// habit needs no vote of its own: each cut is read in the window from the limit down two
/// columns.
fn kind_limit(scores: &BTreeMap<usize, (usize, usize)>) -> Option<usize> {
    scores
        .keys()
        .copied()
        .filter(|w| (MIN_WIDTH..=MAX_WRAP_WIDTH).contains(w))
        .filter(|w| {
            let near: usize = scores
                .range(w.saturating_sub(DRIFT)..=*w)
                .map(|(_, s)| s.1)
                .sum();
            near >= MIN_FULL_PIECES
        })
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(lines: &[&str]) -> String {
        lines.join("\n")
    }

    #[test]
    fn a_number_cut_at_the_width_is_joined_directly() {
        // Two full-width pieces (24 columns) show the wrapping; the second cuts a number in two.
        let text = wrapped(&[
            "Class A principal paid22",
            ">5941.85",
            "Class B interest paid  1",
            ">0.5",
            "Label",
            ">  7.5",
        ]);
        let lines = unwrap_lines(&text);
        assert_eq!(lines[0], ("Class A principal paid225941.85".to_string(), 1));
        assert_eq!(lines[1], ("Class B interest paid  10.5".to_string(), 3));
        // `Label` lost 17 to 19 blanks to the trim (the limit is 24, `>` included). Both cuts
        // inside a number fell at 24 and none anywhere else: that is the agent's habit, so the
        // piece lost all 19 (the columns decide only where the cuts show no one width).
        assert_eq!(lines[2], (format!("Label{}  7.5", " ".repeat(19)), 5));
    }

    #[test]
    fn a_continuation_that_lost_three_blanks_is_no_second_width() {
        // Cut at 24 characters a piece, `>` not counted: continuations are 25 wide. One
        // continuation ends three blanks short of that, before a field: the trim took them.
        let xs = "x".repeat(20);
        let ys = "y".repeat(22);
        let text = [
            "Class A principal paid22",
            ">5941.85",
            "Class C interest paid 11",
            ">0.5",
            "Class D interest paid 21",
            &format!(">0{xs}"),
            ">9.75",
            "Class E interest paid 31",
            &format!(">0{ys}9"),
            ">.25",
            "Label",
            ">  7.5",
        ];
        let lines = unwrap_lines(&text.join("\n"));
        assert_eq!(lines[2].0, format!("Class D interest paid 210{xs}   9.75"));
        assert_eq!(lines[3].0, format!("Class E interest paid 310{ys}9.25"));
        // Every cut inside a token fell at the habit, so `Label` lost all 19 of its blanks.
        assert_eq!(lines[4].0, format!("Label{}  7.5", " ".repeat(19)));
    }

    #[test]
    fn a_lone_continuation_at_the_limit_is_confirmed_by_first_pieces_near_it() {
        // Only one continuation reaches 30. The first pieces show a limit of 29, and an agent
        // cuts continuations at the first pieces' width or one past it: that explains it.
        let raw = [
            &"a".repeat(28),
            ">  bb",
            &"c".repeat(29),
            ">  dd",
            &"e".repeat(29),
            &format!(">{}", "f".repeat(29)),
            ">  gg",
        ];
        assert_eq!(wrap_limit(&raw), Some(30));
    }

    #[test]
    fn two_stray_long_pieces_of_either_kind_do_not_confirm_each_other() {
        // Pieces cut at 30 (a continuation at 31, `>` not counted); a first piece of 33 and a
        // continuation of 35 were never cut there, and the limit stays 31.
        let full = "a".repeat(30);
        let cont = format!(">{}", "b".repeat(30));
        let long_first = "c".repeat(33);
        let long_cont = format!(">{}", "d".repeat(34));
        let raw = [
            full.as_str(),
            cont.as_str(),
            ">  x",
            full.as_str(),
            cont.as_str(),
            ">  y",
            long_first.as_str(),
            long_cont.as_str(),
            ">  z",
        ];
        assert_eq!(wrap_limit(&raw), Some(31));
    }

    #[test]
    fn a_habit_that_pieces_run_past_is_no_habit() {
        // Two first pieces cut inside a number at 28, one continuation too (its `>` counted),
        // as if the agent held 28 a piece and 29 a continuation; but a first piece runs to 30.
        // The cuts fell short of the limit by chance: the agent drifts, and the continuation's
        // number is joined, not padded a blank.
        let ones = "1".repeat(25);
        let text = [
            "Class A principal paid  1234",
            ">56.75",
            "Class B principal paid  2345",
            ">67.25",
            "Class C principal paid  123456",
            ">  7",
            "Class D principal paid  876543",
            &format!(">  {ones}"),
            ">5.75",
        ];
        let lines = unwrap_lines(&text.join("\n"));
        assert_eq!(lines[0].0, "Class A principal paid  123456.75");
        assert_eq!(
            lines[3].0,
            format!("Class D principal paid  876543  {ones}5.75")
        );
    }

    #[test]
    fn pieces_cut_a_column_or_two_short_are_joined_directly() {
        // The limit is 30 (`>` included); pieces cut at 29 and 28 still split a number or word.
        let text = wrapped(&[
            format!("{}12", " ".repeat(28)).as_str(),
            ">34.5",
            format!("{}Prin", " ".repeat(25)).as_str(),
            ">cipal",
            format!("{}Distributio", " ".repeat(18)).as_str(),
            ">n",
        ]);
        let lines = unwrap_lines(&text);
        assert_eq!(lines[0].0, format!("{}1234.5", " ".repeat(28)));
        assert_eq!(lines[1].0, format!("{}Principal", " ".repeat(25)));
        assert_eq!(lines[2].0, format!("{}Distribution", " ".repeat(18)));
    }

    #[test]
    fn a_lone_quote_mark_is_text() {
        let text = "Dear reader\n> quoted line\nthe end";
        let lines = unwrap_lines(text);
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[1].0, "> quoted line");
    }

    #[test]
    fn a_rule_cut_once_shows_the_wrapping() {
        // The one line past the limit is a wide table's rule: its cut is the document's only
        // one, and a quote mark before dashes is no quotation.
        let rule = "-".repeat(40);
        let text = format!("{rule}\n>--\n  CLASS   BALANCE\n{}", "-".repeat(39));
        let lines = unwrap_lines(&text);
        assert_eq!(lines[0], (format!("{rule}--"), 1));
        assert_eq!(lines[1].0, "  CLASS   BALANCE");
        // A dash after a blank is a bullet, not a rule's end.
        let bullet = format!("{rule}\n>- item\nthe end");
        assert_eq!(unwrap_lines(&bullet).len(), 3);
    }

    #[test]
    fn a_wider_cut_on_one_line_is_honoured() {
        let w = 30;
        let text = format!(
            "{}\n>{}\n{}\n>{}\n{}\n>tail",
            "a".repeat(w),
            "b".repeat(w - 1),
            "c".repeat(w + 1),
            "d",
            "e".repeat(w)
        );
        let lines = unwrap_lines(&text);
        assert_eq!(lines[1].0, format!("{}d", "c".repeat(w + 1)));
        assert_eq!(lines[2].0, format!("{}tail", "e".repeat(w)));
    }
}
