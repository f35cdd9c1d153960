//! Placing text in the statement's fixed columns, and EDGAR's 80-column wrapping.

/// One logical (unwrapped) statement line, built by placing text at character columns.
#[derive(Debug, Default, Clone)]
pub(crate) struct Row(String);

impl Row {
    pub(crate) fn new() -> Self {
        Row(String::with_capacity(192))
    }

    /// Text starting at `col`; a line already past `col` gets one separating blank, so two
    /// fields can never run into each other unnoticed.
    pub(crate) fn at(mut self, col: usize, text: &str) -> Self {
        self.pad_to(col);
        self.0.push_str(text);
        self
    }

    /// Text right-aligned so that it ends just before `end` (spreadsheet columns are 15 wide).
    pub(crate) fn right(self, end: usize, text: &str) -> Self {
        let start = end.saturating_sub(text.len());
        self.at(start, text)
    }

    /// Several `(col, text)` pieces; the form the static header lines are written in.
    pub(crate) fn cols(mut self, pieces: &[(usize, &str)]) -> Self {
        for (col, text) in pieces {
            self = self.at(*col, text);
        }
        self
    }

    /// Trailing blanks up to `len`: some fixture lines carried blanks past column 79, which is
    /// what made EDGAR emit a lone `>` continuation after them.
    pub(crate) fn pad(mut self, len: usize) -> Self {
        let missing = len.saturating_sub(self.0.len());
        self.0.extend(std::iter::repeat_n(' ', missing));
        self
    }

    fn pad_to(&mut self, col: usize) {
        if self.0.len() > col && !self.0.is_empty() {
            self.0.push(' ');
        }
        let missing = col.saturating_sub(self.0.len());
        self.0.extend(std::iter::repeat_n(' ', missing));
    }

    pub(crate) fn into_string(self) -> String {
        self.0
    }
}

/// Shorthand for a line of `(col, text)` pieces.
pub(crate) fn cols(pieces: &[(usize, &str)]) -> String {
    Row::new().cols(pieces).into_string()
}

/// The width of each wrapped piece in the fixture.
pub(crate) const WRAP_WIDTH: usize = 79;

/// Where a filer agent cut the long lines of a document.
///
/// Widths are physical: a continuation's `>` counts towards them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cut {
    /// As in the fixture: every piece holds 79 characters (a continuation line is 80 wide).
    Fixture,
    /// Each piece cut at its own width, drawn from `narrowest..=widest` (real agents cut at 79
    /// on some lines and 78 on others within one file), from a generator seeded with `seed`.
    Random {
        narrowest: usize,
        widest: usize,
        seed: u64,
    },
    /// Every piece holds `width` characters, a continuation's `>` not counted (the fixture's
    /// agent at another width).
    Width(usize),
    /// Not cut at all: each logical line on one line, as the trustee printed it.
    None,
}

/// Wraps one logical line the way the 2002 filer agent did: cut it into pieces, trim each
/// piece's trailing blanks, and start every continuation piece with `>`.
fn wrap_line_by(line: &str, out: &mut String, mut width: impl FnMut(bool) -> usize) {
    let mut rest = line;
    let mut first = true;
    loop {
        // A continuation's `>` takes one of its columns; never less than one character a piece.
        let room = width(first).saturating_sub(usize::from(!first)).max(1);
        // Cut by characters, not bytes, so a non-ASCII line can never be split mid-character.
        let cut = rest.char_indices().nth(room).map_or(rest.len(), |(i, _)| i);
        let (piece, tail) = rest.split_at(cut);
        if !first {
            out.push('>');
        }
        out.push_str(piece.trim_end());
        out.push('\n');
        if tail.is_empty() {
            return;
        }
        first = false;
        rest = tail;
    }
}

/// Wraps one logical line at the fixture's 79 characters a piece.
#[cfg(test)]
fn wrap_line(line: &str, out: &mut String) {
    wrap_line_by(line, out, |first| WRAP_WIDTH + usize::from(!first));
}

/// Cuts a document of logical lines as `cut` says; the last line has no newline.
pub fn cut_document(lines: &[String], cut: Cut) -> String {
    let mut out = String::with_capacity(lines.len() * 90);
    let mut rng = match cut {
        Cut::Random { seed, .. } => fastrand::Rng::with_seed(seed),
        _ => fastrand::Rng::with_seed(0),
    };
    for line in lines {
        match cut {
            Cut::Fixture => wrap_line_by(line, &mut out, |first| WRAP_WIDTH + usize::from(!first)),
            Cut::Random {
                narrowest, widest, ..
            } => {
                let (lo, hi) = (narrowest.min(widest), narrowest.max(widest));
                wrap_line_by(line, &mut out, |_| rng.usize(lo..=hi));
            }
            Cut::Width(width) => wrap_line_by(line, &mut out, |first| width + usize::from(!first)),
            Cut::None => {
                out.push_str(line.trim_end());
                out.push('\n');
            }
        }
    }
    if out.ends_with('\n') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_like_the_fixture() {
        // Fixture lines 145-147: class A of the Certificate Payment Report.
        let line = Row::new()
            .at(0, "A")
            .at(15, "FLT")
            .right(45, "470000000")
            .right(90, "420966165.6")
            .right(105, "779372.08")
            .right(120, "8404241.802")
            .right(135, "9183613.882")
            .right(150, "0")
            .right(165, "0")
            .right(180, "412561923.8")
            .into_string();
        let mut out = String::new();
        wrap_line(&line, &mut out);
        assert_eq!(
            out,
            "A              FLT                  470000000\n\
             >420966165.6      779372.08    8404241.802    9183613.882              0\n\
             >      0    412561923.8\n"
        );
    }

    #[test]
    fn random_cuts_stay_within_their_widths_and_lose_only_trailing_blanks() {
        let line = Row::new()
            .at(0, "Class")
            .right(45, "470000000")
            .right(90, "420966165.6")
            .right(180, "412561923.8")
            .pad(200)
            .into_string();
        for seed in 0..20 {
            let cut = Cut::Random {
                narrowest: 60,
                widest: 62,
                seed,
            };
            let text = cut_document(std::slice::from_ref(&line), cut);
            let physical: Vec<&str> = text.split('\n').collect();
            assert!(physical.iter().all(|l| l.chars().count() <= 62), "{text}");
            assert!(physical[1..].iter().all(|l| l.starts_with('>')), "{text}");
            let printed: String = physical
                .iter()
                .map(|l| l.trim_start_matches('>'))
                .collect::<String>()
                .split_whitespace()
                .collect();
            assert_eq!(printed, "Class470000000420966165.6412561923.8");
        }
        // Each piece holding 79 characters is the fixture's cut.
        let mut fixture = String::new();
        wrap_line(&line, &mut fixture);
        assert_eq!(
            cut_document(&[line], Cut::Width(79)),
            fixture.trim_end_matches('\n')
        );
    }

    #[test]
    fn blank_tail_gives_lone_marker() {
        let mut out = String::new();
        wrap_line(&Row::new().at(10, "Date").pad(80).into_string(), &mut out);
        assert_eq!(out, "          Date\n>\n");
    }
}
