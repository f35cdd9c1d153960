//! Runs of three words a document prints side by side, with the blanks between them.
//!
//! Where a cut falls in the blanks between two words (`ESTIMATED` + ` NEXT RATE`), the columns
//! may not say how many the trim took: every line of a table may have been cut in the same
//! blanks, and the whole tail of the table then reads as well a column to the right as where
//! it was printed. A heading printed again elsewhere in one piece (`RATE  ESTIMATED NEXT`)
//! says how far apart its words are. A pair of words alone says little (`TOTAL PRINCIPAL` as a
//! label, `TOTAL  PRINCIPAL BALANCE` as two headings): the word before or after them must be
//! the same too, as many blanks away.

use foldhash::{HashMap, HashMapExt};

use crate::ascii::trim_start;
use crate::rejoin::fields_at;
use crate::unwrap::Piece;

/// Three words side by side.
type Run<'a> = (&'a str, &'a str, &'a str);

/// Three words, the blanks between the first two and between the last two.
pub(crate) struct Runs<'a> {
    runs: HashMap<Run<'a>, Vec<(usize, usize)>>,
}

/// A field with a letter in it: a word of a heading or label, not a figure (figures recur in
/// every table, at every gap).
fn word(token: &str) -> bool {
    token.chars().any(char::is_alphabetic)
}

impl<'a> Runs<'a> {
    /// Every run of three words printed within one piece.
    pub fn new(groups: &[(usize, Vec<Piece<'a>>)]) -> Runs<'a> {
        let mut runs: HashMap<Run<'a>, Vec<(usize, usize)>> = HashMap::new();
        for (_, pieces) in groups {
            for piece in pieces {
                let fields: Vec<(usize, &'a str)> = fields_at(piece.content).collect();
                for run in fields.windows(3) {
                    let [(_, a), (b_at, b), (c_at, c)] = [run[0], run[1], run[2]];
                    if !(word(a) && word(b) && word(c)) {
                        continue;
                    }
                    let gaps = (b_at - run[0].0 - a.len(), c_at - b_at - b.len());
                    let seen = runs.entry((a, b, c)).or_default();
                    if !seen.contains(&gaps) {
                        seen.push(gaps);
                    }
                }
            }
        }
        Runs { runs }
    }

    /// Whether the document prints the two words a cut in blanks falls between elsewhere as
    /// far apart as reading the cut with `pad` blanks puts them (the continuation's own
    /// blanks counting), with the word before them (or after them) here as many blanks away.
    pub fn prints(&self, piece: &Piece<'_>, next: &Piece<'_>, pad: usize) -> bool {
        let content = piece.content.trim_end();
        let before: Vec<(usize, &str)> = fields_at(content).collect();
        let lead = next.content.len() - trim_start(next.content).len();
        let after: Vec<(usize, &str)> = fields_at(next.content).take(2).collect();
        let (Some(&(left_at, left)), Some(&(_, right))) = (before.last(), after.first()) else {
            return false;
        };
        // Only a cut in blanks: a cut between two non-blanks may split a token.
        if lead == 0 {
            return false;
        }
        let gap = pad + lead;
        let earlier = before.len().checked_sub(2).and_then(|k| before.get(k));
        let with_before = earlier.is_some_and(|&(at, prev)| {
            let g0 = left_at - at - prev.len();
            self.runs
                .get(&(prev, left, right))
                .is_some_and(|seen| seen.contains(&(g0, gap)))
        });
        let with_after = after.get(1).is_some_and(|&(at, following)| {
            let g2 = at - lead - right.len();
            self.runs
                .get(&(left, right, following))
                .is_some_and(|seen| seen.contains(&(gap, g2)))
        });
        with_before || with_after
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
    fn a_cut_between_two_non_blanks_is_not_read_by_runs() {
        let runs = Runs::new(&groups(&["RATE  ESTIMATED NEXT RATE"]));
        let (before, after) = (piece("RATE  ESTIMATED", false), piece("NEXT RATE", true));
        assert!(!runs.prints(&before, &after, 1));
    }
}
