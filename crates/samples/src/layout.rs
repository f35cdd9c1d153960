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

/// Wraps one logical line the way the 2002 filer agent did: cut every 79 characters, trim each
/// piece's trailing blanks, and start every continuation piece with `>`.
pub(crate) fn wrap_line(line: &str, out: &mut String) {
    let mut rest = line;
    let mut first = true;
    loop {
        // Cut by characters, not bytes, so a non-ASCII line can never be split mid-character.
        let cut = if rest.len() <= WRAP_WIDTH {
            rest.len()
        } else {
            rest.char_indices()
                .nth(WRAP_WIDTH)
                .map_or(rest.len(), |(i, _)| i)
        };
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

/// Wraps a whole document of logical lines; like the fixture, the last line has no newline.
pub(crate) fn wrap_document(lines: &[String]) -> String {
    let mut out = String::with_capacity(lines.len() * 90);
    for line in lines {
        wrap_line(line, &mut out);
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
    fn blank_tail_gives_lone_marker() {
        let mut out = String::new();
        wrap_line(&Row::new().at(10, "Date").pad(80).into_string(), &mut out);
        assert_eq!(out, "          Date\n>\n");
    }
}
