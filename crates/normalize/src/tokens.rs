//! The shapes of the tokens a cut falls between, read alone: a whole figure, two figures
//! whose join is no figure, half of one, a dash before a figure, an operator, a closing
//! bracket, an aside; and the fields of a piece. What the rest of the document says of them is
//! [`crate::rejoin`]'s.

use crate::unwrap::Piece;

/// Whether `token` starts as a figure does: a digit, or a `$` before one (`$1,000`).
pub(crate) fn starts_a_figure(token: &str) -> bool {
    token
        .strip_prefix('$')
        .unwrap_or(token)
        .starts_with(|c: char| c.is_ascii_digit())
}

/// Counts the gaps of one and of two blanks between two fields of `content` (not its
/// indentation) into `counts`.
pub(crate) fn count_narrow_gaps(content: &str, counts: &mut [u32; 2]) {
    let bytes = content.trim_start().as_bytes();
    let mut run = 0usize;
    for &b in bytes {
        if b == b' ' {
            run += 1;
        } else {
            if let 1 | 2 = run {
                counts[run - 1] += 1;
            }
            run = 0;
        }
    }
}

/// A token as a word: without the punctuation around it (`Administrator:`, `(number`,
/// `Inc.`); a token of punctuation only is its own word (`+`).
pub(crate) fn key(token: &str) -> String {
    let word = token.trim_matches(|c: char| ",.;:()[]\"'".contains(c));
    if word.is_empty() { token } else { word }.to_string()
}

/// Two fields side by side by the edges they turn to each other: the first without the marks
/// it starts with, the second without those it ends with (`Adjustable` + `Group;` is
/// `Adjustable` + `Group`; `Date:` + `March` keeps its `:`, a label's, at the gap).
pub(crate) fn facing<'a>(left: &'a str, right: &'a str) -> (&'a str, &'a str) {
    let marks = |c: char| ",.;:()[]\"'".contains(c);
    let left_edge = left.trim_start_matches(marks);
    let right_edge = right.trim_end_matches(marks);
    (
        if left_edge.is_empty() {
            left
        } else {
            left_edge
        },
        if right_edge.is_empty() {
            right
        } else {
            right_edge
        },
    )
}

/// The blanks between two words of each piece (a heading's `TOTAL  CURRENT`; not after a
/// label's `Note:` nor around a `-`).
pub(crate) fn gaps(pieces: &[Piece<'_>]) -> Vec<usize> {
    let mut out = Vec::new();
    for piece in pieces {
        let mut previous: Option<(usize, bool)> = None;
        for (start, token) in fields_at(piece.content) {
            if let Some((end, true)) = previous {
                let gap = start - end;
                if token.starts_with(char::is_alphanumeric) && !out.contains(&gap) {
                    out.push(gap);
                }
            }
            previous = Some((start + token.len(), token.ends_with(char::is_alphanumeric)));
        }
    }
    out
}

/// The fields a cut falls between: the piece's last and its continuation's first.
pub(crate) fn fields_at_cut<'p>(piece: &Piece<'p>, next: &Piece<'p>) -> (&'p str, &'p str) {
    let left = piece.content.split_whitespace().last().unwrap_or("");
    let right = next.content.split_whitespace().next().unwrap_or("");
    (left, right)
}

/// The blank-separated fields of `text` with the byte each starts at.
pub(crate) fn fields_at(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(char::is_whitespace)
        .scan(0usize, |at, token| {
            let start = *at;
            *at += token.len() + 1;
            Some((start, token))
        })
        .filter(|(_, token)| !token.is_empty())
}

/// Two halves of a figure (`2,7` + `96.94`, `(2,` + `796.94)`): a cut falls inside a figure far
/// more often than exactly where the next one starts. Not two whole figures whose join is no
/// figure (see [`two_figures`]). A dash alone is no such half either: a table prints it as a
/// field of its own (`CA  -  73.00%`, `Paid Off  -  36`) as readily as the sign of the figure
/// after it (`-29`), so where a cut falls after one the columns decide.
pub(crate) fn figure_cut(left: &str, right: &str) -> bool {
    let figure = |c: char| c.is_ascii_digit() || matches!(c, ',' | '.');
    let digits = |s: &str| s.chars().any(|c| c.is_ascii_digit());
    left != "-"
        && (left.ends_with(figure) || left.ends_with(['(', '$', '-']))
        && right.starts_with(|c: char| figure(c) || c == ')' || c == '%')
        && (digits(left) || digits(right))
        && !two_figures(left, right)
}

/// A word, then a word of three letters or more in brackets (`CORPORATION` + `(SYNTHETIC)`).
pub(crate) fn word_before_aside(left: &str, right: &str) -> bool {
    let aside = right
        .trim_end_matches([',', '.', ';', ':'])
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'));
    left.chars().count() >= 2
        && left.chars().all(char::is_alphabetic)
        && aside.is_some_and(|a| a.chars().count() >= 3 && a.chars().all(char::is_alphabetic))
}

/// A dash alone before a figure: a field of its own (`Paid Off  -  18`) or the figure's sign
/// (`-18`), as the columns say; a sign where they say nothing. How the document prints the two
/// apart elsewhere says nothing of this one: a loan table's `-  18` had read a count's `-18`
/// as a dash and 18 under the next column.
pub(crate) fn dash_before_figure(left: &str, right: &str) -> bool {
    left == "-" && starts_a_figure(right)
}

/// An operator printed one blank after what it follows (`(1-SMMn) *`), then a word or a
/// bracket: an operator printed spaced on one side is spaced on the other (`(1-SMMn) *
/// (1-SMMn+1)`), whatever the document prints elsewhere around its other operators
/// (`.......*(1-SMMm)`). Not a dash, which may sign what follows or join a hyphenated word.
pub(crate) fn spaced_operator(content: &str, right: &str) -> bool {
    let mut back = content.trim_end().chars().rev();
    let operator = back.next().is_some_and(|c| "+*=/&".contains(c));
    operator
        && back.next() == Some(' ')
        && back.next().is_some_and(|c| !c.is_whitespace())
        && right.starts_with(|c: char| c.is_alphabetic() || c == '(' || c == '[')
}

/// A token that opened a bracket it has not closed, then the closing bracket
/// (`+min(30,WASm` + `)/(number`, `(1,234.56` + `)`): a bracket closes on what it holds, so
/// the cut fell inside the token. Not a bracket opened in an earlier token (`(WASn + ... +
/// WASm` + `)/(`): a document may print a blank before that one.
pub(crate) fn closes_its_bracket(left: &str, right: &str) -> bool {
    let open = |o: char, c: char| {
        left.chars().filter(|&x| x == o).count() > left.chars().filter(|&x| x == c).count()
    };
    (right.starts_with(')') && open('(', ')')) || (right.starts_with(']') && open('[', ']'))
}

/// Two whole figures whose join is no figure (`3,041,935.04` + `5,665,942.76`: a second decimal
/// point; `0` + `183,300.77`: a leading zero; `6.24%` + `6.24%`): no cut fell inside a token
/// there, the trim took the blanks between two fields of a table. The second starts with a
/// digit: a hyphen joins what it follows (`1999` + `-1`, `247` + `-6000`).
pub(crate) fn two_figures(left: &str, right: &str) -> bool {
    right.starts_with(|c: char| c.is_ascii_digit())
        && whole_figure(left)
        && whole_figure(right)
        && !whole_figure(&format!("{left}{right}"))
}

/// How many pairs of whole figures `content` prints one blank apart, leaving out its first
/// field where a token may run on into it from a cut (`cut_before`) and its last where one may
/// run on into the next piece (`cut_after`).
pub(crate) fn figures_one_apart(content: &str, cut_before: bool, cut_after: bool) -> u32 {
    // Split at each blank, two fields one blank apart are neighbours; wider gaps leave empty
    // items between them, which are no figure.
    let items: Vec<&str> = content.trim().split(' ').collect();
    let last = items.len() - 1;
    let whole = |k: usize| {
        let half = (cut_before && k == 0) || (cut_after && k == last);
        !half && whole_figure(items[k])
    };
    (1..items.len())
        .filter(|&k| whole(k - 1) && whole(k))
        .count() as u32
}

/// A figure as statements print one: an optional sign, bracket or `$`, an integer part (`0`,
/// digits without a leading zero, or groups of three after commas), optional decimals, then
/// an optional `%` and closing bracket.
pub(crate) fn whole_figure(token: &str) -> bool {
    let body = token.trim_start_matches(['(', '-', '$']);
    let body = body.strip_suffix(')').unwrap_or(body);
    let body = body.strip_suffix('%').unwrap_or(body);
    let (integer, decimals) = match body.split_once('.') {
        Some((integer, decimals)) => (integer, Some(decimals)),
        None => (body, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(decimals) = decimals {
        if !digits(decimals) {
            return false;
        }
    }
    let mut groups = integer.split(',');
    let head = groups.next().unwrap_or_default();
    let grouped = integer.contains(',');
    let head_ok = if head.is_empty() {
        // `.5`: decimals only.
        !grouped && decimals.is_some()
    } else {
        digits(head)
            && (head == "0" || !head.starts_with('0'))
            && (!grouped || (head.len() <= 3 && head != "0"))
    };
    head_ok && groups.all(|g| g.len() == 3 && digits(g))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_aside_in_brackets_is_a_words_and_a_formulas_bracket_or_a_plurals_is_not() {
        assert!(word_before_aside("CORPORATION", "(SYNTHETIC)"));
        assert!(word_before_aside("Corporation", "(RASC),"));
        assert!(!word_before_aside("Class", "(es)"));
        assert!(!word_before_aside("Avg", "(Loss"));
        assert!(!word_before_aside("min", "(30,WASm)"));
        assert!(!word_before_aside("1,000", "(ABC)"));
    }

    #[test]
    fn two_whole_figures_whose_join_is_no_figure_are_two_figures() {
        for (left, right) in [
            ("3,041,935.04", "5,665,942.76"),
            ("0", "183,300.77"),
            ("0", "0"),
            ("11.082987", "16.116068"),
            ("6.240000%", "6.240000%"),
            ("(151,351.84)", "100,068.33"),
            ("1,234", "567"),
        ] {
            assert!(two_figures(left, right), "{left} + {right}");
        }
        // Halves of one figure, and a hyphen that joins.
        for (left, right) in [
            ("2,7", "96.94"),
            ("1", "0.5"),
            ("12", "34.5"),
            ("3,041,935.0", "4"),
            ("1999", "-1"),
            ("247", "-6000"),
            ("25,", "2002"),
        ] {
            assert!(!two_figures(left, right), "{left} + {right}");
        }
    }
}
