//! What the text around a cut says of a blank there, from the document's own printing.
//!
//! Where a piece one or two columns short of the limit meets a continuation that starts with a
//! non-blank, the cut either fell inside a token or on a blank the trim removed, and the pieces
//! alone cannot tell which. The document usually can: the same two words printed elsewhere (a
//! formula prints `Avg WASn,m` four times on one line, a contacts page `number of` again and
//! again), or, where those words are printed nowhere else, the way it joins two kinds of
//! characters (a lower-case letter runs into an upper-case one almost never, `Holdings Inc.`,
//! `Santa Ana`; a `,` runs into a letter almost never, `Funding, Inc.`).
//!
//! Where the document prints those characters both ways, the line the cut is in may still
//! print them one way only ([`in_line`]): an address its commas a blank before the next word, a
//! formula a blank between a bracket and the operator after it.
//!
//! Every piece is text as printed: a cut splits a logical line between pieces, never inside
//! one, so nothing here counts the cut being judged.

use foldhash::HashMap;

use crate::unwrap::{Piece, DRIFT};

/// A reading must be this many times as common as the other to count at the level of
/// character kinds (where a document has hundreds of instances of each).
const KIND_MAJORITY: u32 = 4;

/// And seen this often at all.
const KIND_MINIMUM: u32 = 4;

/// Two characters as such (`,` before `I`) must be seen this often, always one way.
const CHARACTER_MINIMUM: u32 = 2;

/// The document's text, piece by piece, and how it prints each two characters, and each two
/// kinds of character, one after the other: joined, or one or two blanks apart.
pub(crate) struct Context {
    text: String,
    pairs: Pairs,
}

/// How some text prints each two characters, each two kinds of character, and each mark that
/// stands alone before a kind, one after the other: (joined, one or two blanks apart).
#[derive(Default)]
struct Pairs {
    kinds: HashMap<(char, char), (u32, u32)>,
    characters: HashMap<(char, char), (u32, u32)>,
    /// A mark that stands alone on its left (a blank or the line's start before it) and the
    /// kind of character after it: `Balance - Sched`, `INTEREST - OTHER`, against `-Sched`.
    lone_marks: HashMap<(char, char), (u32, u32)>,
    /// A mark that stands alone on its right (a blank or the line's end after it) after a
    /// letter or digit: `Count =   0`, `Loan Group 1  =`, against a `Label=` no line prints.
    lone_marks_after: HashMap<char, (u32, u32)>,
}

impl Pairs {
    /// Counts the pairs of one piece's content (trailing blanks aside).
    fn add(&mut self, content: &str) {
        let chars: Vec<char> = content.trim_end().chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                continue;
            }
            // The next non-blank, and whether blanks come between: one or two, all that a
            // cut between two non-blanks can have trimmed (wider gaps are a table's).
            let blanks = chars[i + 1..].iter().take_while(|&&d| d == ' ').count();
            let Some(&d) = chars.get(i + 1 + blanks).filter(|_| blanks <= DRIFT) else {
                continue;
            };
            let stands_alone = !c.is_alphanumeric() && (i == 0 || chars[i - 1] == ' ');
            let mut maps = Vec::with_capacity(3);
            // A mark that is a field of its own (`(1-SMMn) * (1-SMMn+1)`) is an operator
            // spaced on both sides, counted among lone marks only: the field a cut follows is
            // read by those where it is one mark (see `read`), and where it is longer its last
            // character ends a token (`*.......*` + `(1-SMMm)`), which the blank after an
            // operator says nothing of.
            if !(stands_alone && blanks > 0) {
                maps.push((&mut self.kinds, (kind(c), kind(d))));
                maps.push((&mut self.characters, (c, d)));
            }
            if stands_alone {
                maps.push((&mut self.lone_marks, (c, kind(d))));
            }
            for (map, key) in maps {
                let counts = map.entry(key).or_default();
                if blanks == 0 {
                    counts.0 += 1;
                } else {
                    counts.1 += 1;
                }
            }
            let ends_alone = |at: usize| chars.get(at + 1).is_none_or(|&e| e == ' ');
            if c.is_alphanumeric() && !d.is_alphanumeric() && ends_alone(i + 1 + blanks) {
                let counts = self.lone_marks_after.entry(d).or_default();
                if blanks == 0 {
                    counts.0 += 1;
                } else {
                    counts.1 += 1;
                }
            }
        }
    }

    /// How this text prints the two characters a cut between `left` and `right` falls
    /// between, where it prints them one way only and at least `minimum` times; else what
    /// `decide` reads from how it prints their kinds (a lower-case letter, a digit, a `,`).
    fn read(
        &self,
        left: &str,
        right: &str,
        minimum: u32,
        decide: fn((u32, u32)) -> Option<Blank>,
    ) -> Option<Blank> {
        let (Some(last), Some(first)) = (left.chars().last(), right.chars().next()) else {
            return None;
        };
        // A mark printed as a field of its own (`Paid Off  -  36`) is printed as readily as
        // part of the next (`-29`): how its character is printed elsewhere says nothing.
        let lone_mark = |field: &str| {
            let mut chars = field.chars();
            chars.next().is_some_and(|c| !c.is_alphanumeric()) && chars.next().is_none()
        };
        let (a, b) = (kind(last), kind(first));
        // Before a word, though, a mark standing alone is the document's to print one way:
        // `Balance - Sched` where it prints `INTEREST - OTHER`, never ` -Other`. (Before a
        // figure it is a table's dash cell or a sign, and a table prints both.)
        if lone_mark(left) && (b == 'a' || b == 'A') {
            let counts = self.lone_marks.get(&(last, b)).copied();
            return decide(counts.unwrap_or_default());
        }
        // After a word or figure, a mark standing alone (`Loan Group 1` + `=  Fixed`) is
        // the document's to print one way too: a label's `=` a blank or two after it
        // (`Count =   0`), never run into it.
        if lone_mark(right) && last.is_alphanumeric() {
            let counts = self.lone_marks_after.get(&first).copied();
            return decide(counts.unwrap_or_default());
        }
        // After a bracket, an operator standing alone is read as the text prints those two
        // characters, where it prints them one way only (`(1-SMMn)` + `* (1-SMMn+1)`: the
        // formula prints `(1-SMMn+1) *`); their kinds say nothing more.
        if lone_mark(right) && !lone_mark(left) && "+-*/=".contains(first) {
            let (joined, apart) = self
                .characters
                .get(&(last, first))
                .copied()
                .unwrap_or_default();
            return unanimous((joined, apart)).filter(|_| joined + apart >= minimum);
        }
        if lone_mark(left) || lone_mark(right) {
            return None;
        }
        // Within a word or a figure (two letters of one case, two digits) a cut falls inside
        // a token as often as between two: the kinds say nothing there.
        if a == b && (a == 'a' || a == 'A' || a == '0') {
            return None;
        }
        let (joined, apart) = self
            .characters
            .get(&(last, first))
            .copied()
            .unwrap_or_default();
        if joined == 0 && apart >= minimum {
            return Some(Blank::Apart);
        }
        if apart == 0 && joined >= minimum {
            return Some(Blank::Joined);
        }
        decide(self.kinds.get(&(a, b)).copied().unwrap_or_default())
    }
}

/// How the context reads a cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Blank {
    Joined,
    Apart,
}

impl Context {
    /// The context of every piece's content (trailing blanks aside).
    pub(crate) fn new<'a>(contents: impl Iterator<Item = &'a str>) -> Context {
        let mut text = String::new();
        let mut pairs = Pairs::default();
        for content in contents {
            let content = content.trim_end();
            pairs.add(content);
            text.push_str(content);
            text.push('\n');
        }
        Context { text, pairs }
    }

    /// How the document prints `left` (a piece's last field) and `right` (its continuation's
    /// first) elsewhere: the two fields side by side, else the word at the end of one and at
    /// the start of the other. `None` where it prints neither reading, or both.
    pub(crate) fn words(&self, left: &str, right: &str) -> Option<Blank> {
        let (tail, head) = (word_tail(left), word_head(right));
        // A mark before a word, or a word before a mark: how the document prints that mark
        // before that word elsewhere (`Markets,` + `Inc.`: `Funding, Inc.`).
        let mark_tail = &left[left.trim_end_matches(|c: char| !c.is_alphanumeric()).len()..];
        let mark_head = &right[..right.len()
            - right
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len()];
        let mut levels = vec![(left, right), (tail, head)];
        if !mark_tail.is_empty() && head.starts_with(char::is_alphanumeric) {
            levels.push((mark_tail, head));
        }
        if !mark_head.is_empty() && tail.ends_with(char::is_alphanumeric) {
            levels.push((tail, mark_head));
        }
        for (tail, head) in levels {
            let apart =
                self.count(&format!("{tail} {head}")) + self.count(&format!("{tail}  {head}"));
            let joined = self.count(&format!("{tail}{head}"));
            if apart > 0 && joined == 0 {
                return Some(Blank::Apart);
            }
            if joined > 0 && apart == 0 {
                return Some(Blank::Joined);
            }
        }
        // A field that starts with a mark (`-60)))`), or ends with one: how the document
        // prints that mark and word after (or before) a non-blank and after a blank
        // (`WASn,m-60`).
        if !mark_head.is_empty()
            && head.len() > mark_head.len()
            && tail.ends_with(char::is_alphanumeric)
        {
            if let Some(blank) = self.neighbour(head, true) {
                return Some(blank);
            }
        }
        if !mark_tail.is_empty()
            && tail.len() > mark_tail.len()
            && head.starts_with(char::is_alphanumeric)
        {
            if let Some(blank) = self.neighbour(tail, false) {
                return Some(blank);
            }
        }
        None
    }

    /// How the document prints the two characters a cut between `left` and `right` falls
    /// between, where it always prints them one way; else their kinds (a lower-case letter, a
    /// digit, a `,`), where one reading is far more common than the other.
    pub(crate) fn kinds(&self, left: &str, right: &str) -> Option<Blank> {
        self.pairs.read(left, right, CHARACTER_MINIMUM, majority)
    }

    /// Whether the document prints `field` right after a letter or digit, as the tail of a
    /// longer token (`n,m)` in `(AvgSMMn,m)`).
    pub(crate) fn printed_after_a_token(&self, field: &str) -> bool {
        let bytes = self.text.as_bytes();
        self.occurrences(field).any(|at| {
            at.checked_sub(1)
                .is_some_and(|i| bytes[i].is_ascii_alphanumeric())
        })
    }

    /// How the document prints `field` where it follows (`before`) or precedes another
    /// field: always joined to it, or always a blank or two apart.
    fn neighbour(&self, field: &str, before: bool) -> Option<Blank> {
        let bytes = self.text.as_bytes();
        let (mut joined, mut apart) = (0, 0);
        for at in self.occurrences(field) {
            let side = if before {
                at.checked_sub(1).map(|i| bytes[i])
            } else {
                bytes.get(at + field.len()).copied()
            };
            match side {
                Some(b' ') => apart += 1,
                Some(b'\n') | None => {}
                Some(_) => joined += 1,
            }
        }
        match (joined, apart) {
            (0, 0) => None,
            (_, 0) => Some(Blank::Joined),
            (0, _) => Some(Blank::Apart),
            _ => None,
        }
    }

    /// Where the document prints `needle` (byte offsets, each occurrence after the last one's
    /// end). The rejoin asks this of every cut it weighs, and on a document cut at drifting
    /// widths std's search of the whole text was most of the normalizer's time.
    fn occurrences<'a>(&'a self, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
        memchr::memmem::find_iter(self.text.as_bytes(), needle.as_bytes())
    }

    /// How often the document prints `needle` as a whole: not inside a longer word (`tobe` is
    /// no part of `October`) nor a longer figure (`29` is no part of `29.33%`, nor `33%`:
    /// the same digits in another figure say nothing of how this one is printed).
    fn count(&self, needle: &str) -> usize {
        let bytes = self.text.as_bytes();
        let starts_word = needle.starts_with(char::is_alphanumeric);
        let ends_word = needle.ends_with(char::is_alphanumeric);
        let starts_digit = needle.starts_with(|c: char| c.is_ascii_digit());
        let ends_digit = needle.ends_with(|c: char| c.is_ascii_digit());
        let byte = |i: Option<usize>| i.and_then(|i| bytes.get(i).copied());
        let digit = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_digit());
        let separator = |b: Option<u8>| matches!(b, Some(b'.' | b','));
        self.occurrences(needle)
            .filter(|&at| {
                let end = at + needle.len();
                let before = byte(at.checked_sub(1));
                let after = byte(Some(end));
                let joins_a_word = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_alphanumeric());
                // A decimal point or a thousands comma between digits runs a figure on.
                let runs_on_before =
                    starts_digit && separator(before) && digit(byte(at.checked_sub(2)));
                let runs_on_after = ends_digit && separator(after) && digit(byte(Some(end + 1)));
                let inside = (starts_word && joins_a_word(before))
                    || (ends_word && joins_a_word(after))
                    || runs_on_before
                    || runs_on_after;
                !inside
            })
            .count()
    }
}

/// The reading of a pair of kinds (joined, apart) seen often enough, where one is far more
/// common than the other.
fn majority((joined, apart): (u32, u32)) -> Option<Blank> {
    if apart + joined < KIND_MINIMUM {
        None
    } else if apart >= KIND_MAJORITY * joined.max(1) {
        Some(Blank::Apart)
    } else if joined >= KIND_MAJORITY * apart.max(1) {
        Some(Blank::Joined)
    } else {
        None
    }
}

/// How one logical line prints, in its other pieces, the two characters a cut in it falls
/// between (`left`'s last, `right`'s first), where it prints them one way only; else their
/// kinds. A line speaks of itself: an address prints its commas one blank before the next
/// word (`100 Example Place,` + `Sample City, CA 90000`: `City, CA`), a formula its
/// operators one blank after a bracket (`(1-SMMn+1)` + `*.......`: `(1-SMMn) *`), wherever
/// the rest of the document prints the same characters both ways.
pub(crate) fn in_line(pieces: &[Piece<'_>], left: &str, right: &str) -> Option<Blank> {
    let mut pairs = Pairs::default();
    for piece in pieces {
        pairs.add(piece.content);
    }
    pairs.read(left, right, 1, unanimous)
}

/// The reading of a pair seen only one way.
fn unanimous((joined, apart): (u32, u32)) -> Option<Blank> {
    match (joined, apart) {
        (0, 0) => None,
        (_, 0) => Some(Blank::Joined),
        (0, _) => Some(Blank::Apart),
        _ => None,
    }
}

/// A character's kind: `a` a lower-case letter, `A` an upper-case one, `0` a digit, any other
/// itself.
fn kind(c: char) -> char {
    if c.is_lowercase() {
        'a'
    } else if c.is_uppercase() {
        'A'
    } else if c.is_ascii_digit() {
        '0'
    } else {
        c
    }
}

/// The end of a field from its last run of letters and digits on (`(Avg` -> `Avg`, `Funding,`
/// -> `Funding,`); a field with none is its own.
fn word_tail(field: &str) -> &str {
    let Some(end) = field.rfind(char::is_alphanumeric) else {
        return field;
    };
    let start = field[..end]
        .rfind(|c: char| !c.is_alphanumeric())
        .map_or(0, |i| {
            i + field[i..].chars().next().map_or(1, char::len_utf8)
        });
    &field[start..]
}

/// The start of a field to the end of its first run of letters and digits (`WASn,m<61` ->
/// `WASn`, `(number` -> `(number`); a field with none is its own.
fn word_head(field: &str) -> &str {
    let Some(start) = field.find(char::is_alphanumeric) else {
        return field;
    };
    let end = field[start..]
        .find(|c: char| !c.is_alphanumeric())
        .map_or(field.len(), |i| start + i);
    &field[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context(lines: &[&str]) -> Context {
        Context::new(lines.iter().copied())
    }

    #[test]
    fn the_same_two_words_printed_elsewhere_say_how_far_apart() {
        let c = context(&["IF(Avg WASn,m<61,MIN(30,Avg WASn,m)*0.02", "(AvgSMMn,m)"]);
        assert_eq!(c.words("(Avg", "WASn,m-60)))"), Some(Blank::Apart));
        assert_eq!(c.words("(Avg", "SMMn,m)"), Some(Blank::Joined));
        assert_eq!(c.words("MIN(30,", "Avg"), Some(Blank::Joined));
    }

    #[test]
    fn a_mark_and_its_word_printed_elsewhere_say_whether_a_blank_comes_before() {
        let c = context(&["IF(Avg WASn,m<61,MIN(30,Avg WASn,m)*0.02-0.0095*(Avg WASn,m-60)))"]);
        // `-60` always follows a non-blank: `(WAS` + `-60)))` is one token cut in two.
        assert_eq!(c.words("0.0095*(WAS", "-60)))"), Some(Blank::Joined));
        let c = context(&["Wendover Funding, Inc.   Funding, N.A."]);
        // `Funding,` is always followed by a blank.
        assert_eq!(c.words("Funding,", "LLC"), Some(Blank::Apart));
    }

    #[test]
    fn a_join_inside_a_longer_word_is_no_join() {
        let c = context(&["October 31, 2002", "the report to be filed"]);
        assert_eq!(c.words("to", "be"), Some(Blank::Apart));
        let c = context(&["October 31, 2002"]);
        assert_eq!(c.words("to", "be"), None);
    }

    #[test]
    fn the_head_of_a_longer_figure_is_no_figure_printed_after_a_mark() {
        // `-  29.33%` prints a dash two blanks before `29.33%`, not before `29`: it says
        // nothing of `-` + `29`, which a table prints as `-29` as readily as `-  29`.
        let c = context(&["CA  -  29.33%  Paid Off  -  36", "Prepayments   -5   -34"]);
        assert_eq!(c.words("-", "29"), None);
        // The same figure printed whole after its dash does say.
        assert_eq!(c.words("-", "36"), Some(Blank::Apart));
        assert_eq!(c.words("-", "5"), Some(Blank::Joined));
    }

    #[test]
    fn kinds_of_character_speak_where_the_words_do_not() {
        let c = context(&[
            "Deutsche Bank National Trust Company",
            "Greenwich Capital Markets, Inc.      Co-Lead Underwriter",
            "Santa Monica, CA 92705",
            "100 Example Place, Sample City, CA 90000",
            "Sub-Servicer    Co-Trustee    MT-IO",
        ]);
        assert_eq!(c.words("Santa", "Ana,"), None);
        // A lower-case letter before an upper-case one: always a blank between.
        assert_eq!(c.kinds("Santa", "Ana,"), Some(Blank::Apart));
        // A comma before a letter: always a blank between.
        assert_eq!(c.kinds("Funding,", "Inc."), Some(Blank::Apart));
        // A dash alone may be a field or a sign: this document never prints one alone.
        assert_eq!(c.kinds("-", "Lead"), None);
        // A hyphen before a letter: always joined.
        assert_eq!(c.kinds("Co-", "Lead"), Some(Blank::Joined));
        // Two lower-case letters: inside a word as often as between two.
        assert_eq!(c.kinds("Distributio", "n"), None);
    }

    #[test]
    fn a_mark_standing_alone_before_a_word_is_read_as_the_document_prints_one() {
        let c = context(&[
            "INTEREST - OTHER ACCOUNTS    PRINCIPAL - SCHEDULED",
            "Beg Principal Balance - Prepayments - Repurchases",
            "Co-Lead Underwriter  Sub-Servicer  A-IO  MT-IO  A-1",
            "Paid Off  -  36    Repurchases  -29",
        ]);
        // Hyphens inside words run into letters more often than not; a dash that stands
        // alone is printed a blank before the next word, always.
        assert_eq!(c.kinds("-", "Sched"), Some(Blank::Apart));
        // Before a figure the document prints a lone dash both ways.
        assert_eq!(c.kinds("-", "29"), None);
    }

    /// A piece of a line: the first, or a `>` continuation.
    fn piece(content: &str, continuation: bool) -> Piece<'_> {
        Piece {
            content,
            continuation,
        }
    }

    #[test]
    fn a_line_prints_the_characters_around_its_own_cut_one_way() {
        // `City, CA`: the line prints a comma a blank before an upper-case letter.
        let line = [
            piece("      100 Example Place,", false),
            piece("Sample City, CA 90000", true),
        ];
        assert_eq!(in_line(&line, "Place,", "Sample"), Some(Blank::Apart));
        // `(1-SMMn) *`: a bracket's close a blank before the `*` after it.
        let line = [
            piece("   [(1-SMMn) * (1-SMMn+1)", false),
            piece("*.......*(1-SMMm)]", true),
        ];
        assert_eq!(
            in_line(&line, "(1-SMMn+1)", "*.......*(1-SMMm)]"),
            Some(Blank::Apart)
        );
        // `n,m)` joined: the line prints a letter joined to the `)` after it.
        let line = [
            piece("   (WASn + WASm", false),
            piece(")/(months in the period n,m)", true),
        ];
        assert_eq!(in_line(&line, "WASm", ")/(months"), Some(Blank::Joined));
        // Nothing of the characters around the cut, nor of their kinds, elsewhere in the line.
        let line = [piece("   Santa Ana, CA", false), piece("92705", true)];
        assert_eq!(in_line(&line, "CA", "92705"), None);
    }

    #[test]
    fn a_mark_standing_alone_says_nothing_of_one_that_ends_a_token() {
        // The `*` of `) * (` is an operator, a field of its own: the blank after it says
        // nothing of the `*` that ends `*.......*` before `(1-SMMm)`.
        let line = [
            piece("   [(1-SMMn) * (1-SMMn+1) *.......*", false),
            piece("(1-SMMm)]", true),
        ];
        assert_eq!(in_line(&line, "*.......*", "(1-SMMm)]"), None);
        let c = context(&["(A) * (B) * (C)"]);
        assert_eq!(c.kinds("*.......*", "(1-SMMm)]"), None);
        // Before a word it is read as the lone mark it is.
        let c = context(&["Balance - Sched   INTEREST - OTHER   PRINCIPAL - SCHEDULED - Other"]);
        assert_eq!(c.kinds("-", "Sched"), Some(Blank::Apart));
    }

    #[test]
    fn words_and_heads_of_fields() {
        assert_eq!(word_tail("(Avg"), "Avg");
        assert_eq!(word_tail("Funding,"), "Funding,");
        assert_eq!(word_tail("+"), "+");
        assert_eq!(word_head("WASn,m<61"), "WASn");
        assert_eq!(word_head("(number"), "(number");
        assert_eq!(word_head(")"), ")");
    }
}
