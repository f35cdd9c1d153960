//! Runs of words a document prints side by side, with the blanks between them.
//!
//! Where a cut falls in the blanks between two words (`ESTIMATED` + ` NEXT RATE`), the columns
//! may not say how many the trim took: every line of a table may have been cut in the same
//! blanks, and the whole tail of the table then reads as well a column to the right as where
//! it was printed. A heading printed again elsewhere in one piece (`RATE  ESTIMATED NEXT`)
//! says how far apart its words are. A pair of words alone says little (`TOTAL PRINCIPAL` as a
//! label, `TOTAL  PRINCIPAL BALANCE` as two headings): the word before or after them must be
//! the same too, as many blanks away, and so must every field the two printings share: tiers
//! print one heading over columns of other widths.

use foldhash::{HashMap, HashMapExt};

use crate::ascii::trim_start;
use crate::tokens::fields_at;
use crate::unwrap::Piece;

/// Words a document prints side by side, with the blanks between them.
pub(crate) struct Runs<'a> {
    /// Every line's fields: the column each starts at in its piece, the field, its piece.
    lines: Vec<Vec<(usize, &'a str, usize)>>,
    /// Where two neighbouring words are printed within one piece: the line, and the first
    /// word's index.
    pairs: HashMap<(&'a str, &'a str), Vec<(usize, usize)>>,
}

/// A field with a letter in it: a word of a heading or label, not a figure (figures recur in
/// every table, at every gap).
pub(crate) fn word(token: &str) -> bool {
    token.chars().any(char::is_alphabetic)
}

/// A field here and the field as far from the cut in another printing, each with the blanks
/// between it and its neighbour toward the cut (none known where a cut fell between them).
type Facing<'s> = (&'s str, Option<usize>, &'s str, Option<usize>);

/// The blanks between field `k` of `fields` and the next, where one piece prints both: a cut
/// between them may have trimmed any number.
fn gap_after(fields: &[(usize, &str, usize)], k: usize) -> Option<usize> {
    let ((at, field, piece), (next_at, _, next_piece)) = (fields[k], fields[k + 1]);
    (piece == next_piece).then(|| next_at - at - field.len())
}

impl<'a> Runs<'a> {
    /// Every two neighbouring words printed within one piece, and the lines they are in.
    pub fn new(groups: &[(usize, Vec<Piece<'a>>)]) -> Runs<'a> {
        let mut lines = Vec::with_capacity(groups.len());
        let mut pairs: HashMap<(&'a str, &'a str), Vec<(usize, usize)>> = HashMap::new();
        for (_, pieces) in groups {
            let fields: Vec<(usize, &'a str, usize)> = pieces
                .iter()
                .enumerate()
                .flat_map(|(p, piece)| fields_at(piece.content).map(move |(at, f)| (at, f, p)))
                .collect();
            for k in 0..fields.len().saturating_sub(1) {
                let (a, b) = (fields[k].1, fields[k + 1].1);
                if word(a) && word(b) && gap_after(&fields, k).is_some() {
                    pairs.entry((a, b)).or_default().push((lines.len(), k));
                }
            }
            lines.push(fields);
        }
        Runs { lines, pairs }
    }

    /// Whether the document prints the two words a cut in blanks falls between elsewhere as
    /// far apart as reading the cut with `pad` blanks puts them (the continuation's own
    /// blanks counting), with a word before them or after them the same, as many blanks
    /// away; where more than one blank parts them (two headings, not the words of one), every
    /// other word the two pieces and that line print alike around them as far apart too: the
    /// same heading printed over columns of other widths (a tier's table) says nothing of how
    /// far apart this one's columns are.
    pub fn prints(&self, piece: &Piece<'_>, next: &Piece<'_>, pad: usize) -> bool {
        let before: Vec<(usize, &str, usize)> = fields_at(piece.content.trim_end())
            .map(|(at, f)| (at, f, 0))
            .collect();
        let lead = next.content.len() - trim_start(next.content).len();
        let after: Vec<(usize, &str, usize)> =
            fields_at(next.content).map(|(at, f)| (at, f, 0)).collect();
        let (Some(&(_, left, _)), Some(&(_, right, _))) = (before.last(), after.first()) else {
            return false;
        };
        // A cut between two non-blanks read with none put back joins them: no gap.
        let gap = pad + lead;
        if gap == 0 {
            return false;
        }
        let Some(printed) = self.pairs.get(&(left, right)) else {
            return false;
        };
        printed.iter().any(|&(line, k)| {
            let there = &self.lines[line];
            if gap_after(there, k) != Some(gap) {
                return false;
            }
            // Outward from the cut, field by field, as far as both go: the same fields, as
            // far apart where that line's pieces say.
            let leftward = (0..before.len() - 1).rev().zip((0..k).rev()).map(|(i, j)| {
                (
                    before[i].1,
                    gap_after(&before, i),
                    there[j].1,
                    gap_after(there, j),
                )
            });
            let rightward = (1..after.len()).zip(k + 2..there.len()).map(|(i, j)| {
                (
                    after[i].1,
                    gap_after(&after, i - 1),
                    there[j].1,
                    gap_after(there, j - 1),
                )
            });
            let (mut leftward, mut rightward) = (leftward.peekable(), rightward.peekable());
            // The word next to them the same, as many blanks away.
            let alike = |&(a, g, b, h): &Facing<'_>| a == b && h == g;
            let beside = leftward.peek().is_some_and(alike) || rightward.peek().is_some_and(alike);
            // Each way, while the fields are the same (a heading's words, not the line they
            // stand in: `TOTAL  ESTIMATED NEXT` beside `RATE  ESTIMATED NEXT`): as far apart
            // as here wherever that line's pieces say, somewhere at least.
            let same = |&(a, _, b, _): &Facing<'_>| a == b;
            let mut spaced = false;
            let mut spaced_alike = |n: Facing<'_>| {
                spaced |= alike(&n);
                n.3.is_none() || n.3 == n.1
            };
            let around = leftward.take_while(same).all(&mut spaced_alike)
                && rightward.take_while(same).all(&mut spaced_alike)
                && spaced;
            // One blank parts the words of one heading however wide its columns are: the
            // word beside them says. More part two headings, as far as that printing's
            // columns are: all the words around them must say.
            around || (gap == 1 && beside)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(content: &str, continuation: bool) -> Piece<'_> {
        Piece {
            content,
            continuation,
        }
    }

    fn groups<'a>(lines: &[&'a str]) -> Vec<(usize, Vec<Piece<'a>>)> {
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| (i, vec![piece(l, false)]))
            .collect()
    }

    #[test]
    fn a_heading_printed_whole_elsewhere_says_how_far_apart_its_words_are() {
        let runs = Runs::new(&groups(&[
            "CLASS  CURRENT RATE  ESTIMATED NEXT RATE",
            "TOTAL PRINCIPAL       2,724,027.72",
        ]));
        // `...RATE  ESTIMATED` + `> NEXT RATE`: one blank (the continuation's own), not two.
        let (before, after) = (
            piece("  CURRENT RATE  ESTIMATED", true),
            piece(" NEXT RATE", true),
        );
        assert!(runs.prints(&before, &after, 0));
        assert!(!runs.prints(&before, &after, 1));
        // `ESTIMATED` + `> NEXT` alone: the word after `NEXT` is the same, one blank away.
        let (before, after) = (piece("ESTIMATED", false), piece("   NEXT RATE", true));
        assert!(!runs.prints(&before, &after, 0));
        let (before, after) = (piece("ESTIMATED", false), piece(" NEXT RATE", true));
        assert!(runs.prints(&before, &after, 0));
        // `TOTAL PRINCIPAL` is printed as a label: two headings `TOTAL  PRINCIPAL BALANCE`
        // share no run with it.
        let (before, after) = (
            piece("INTEREST      TOTAL", true),
            piece(" PRINCIPAL BALANCE", true),
        );
        assert!(!runs.prints(&before, &after, 0));
        assert!(!runs.prints(&before, &after, 1));
    }

    #[test]
    fn a_heading_printed_over_wider_columns_says_nothing_of_this_one() {
        // A second tier's heading, its first columns wider: its last gaps would fit this
        // one's cut read two blanks wider than printed (`TOTAL     BALANCE`).
        let runs = Runs::new(&groups(&[
            "    CUSIP       BALANCE  INTEREST      TOTAL       BALANCE       RATE",
        ]));
        let (before, after) = (
            piece("    CUSIP     BALANCE  INTEREST      TOTAL", false),
            piece("     BALANCE       RATE", true),
        );
        assert!(!runs.prints(&before, &after, 2));
        // Printed over the same columns, it says.
        let runs = Runs::new(&groups(&[
            "    CUSIP     BALANCE  INTEREST      TOTAL     BALANCE       RATE",
        ]));
        assert!(runs.prints(&before, &after, 0));
        assert!(!runs.prints(&before, &after, 2));
    }

    #[test]
    fn a_cut_between_two_non_blanks_reads_the_blanks_a_reading_puts_back() {
        let runs = Runs::new(&groups(&[
            "RATE  ESTIMATED NEXT RATE",
            "TOTAL PRINCIPAL       2,724,027.72",
        ]));
        let (before, after) = (piece("RATE  ESTIMATED", false), piece("NEXT RATE", true));
        // Joined, they are one token: no two words a blank apart.
        assert!(!runs.prints(&before, &after, 0));
        assert!(runs.prints(&before, &after, 1));
        assert!(!runs.prints(&before, &after, 2));
        // Two headings, `TOTAL` and `PRINCIPAL BALANCE`, cut between: the label `TOTAL
        // PRINCIPAL` shares no word around them.
        let (before, after) = (
            piece("INTEREST      TOTAL", false),
            piece("PRINCIPAL BALANCE", true),
        );
        assert!(!runs.prints(&before, &after, 1));
    }
}
