//! Rejoining the lines an EDGAR filer agent cut at its column limit.
//!
//! EDGAR took at most 80 columns, so the agent cut each long line into pieces of `W` columns, put
//! every piece after the first on its own line behind a `>`, and trimmed each piece's trailing
//! blanks. Rejoining therefore needs `W`: a piece that ends in a non-blank was cut mid-field and is
//! joined directly; a shorter piece lost blanks to the trim and is padded back to `W` so the
//! columns after it land where the trustee printed them.

use std::collections::BTreeMap;

/// Pieces this much wider than the document's width still count as cut at their own length:
/// real filings drift by a column or two, even within one file.
const DRIFT: usize = 2;

/// The narrowest cut width believed; below it a `>` line is almost certainly quoted text.
const MIN_WIDTH: usize = 20;

/// The widest cut width believed. EDGAR took 80 columns; a wider "width" would let each short `>`
/// line be padded out to it, and a crafted document expand a hundredfold.
pub const MAX_WRAP_WIDTH: usize = 250;

/// A document shows EDGAR wrapping only with at least this many full-width pieces.
const MIN_FULL_PIECES: usize = 2;

/// Rejoins `>`-continued lines of a document that shows EDGAR's wrapping.
///
/// Returns each logical line (trailing blanks trimmed) with the 1-based line number of its first
/// piece. A document without the wrapping comes back line for line, `>` lines included.
pub fn unwrap_lines(text: &str) -> Vec<(String, u32)> {
    let raw: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    let width = wrap_width(&raw);
    if width.is_none() {
        tracing::debug!("no EDGAR line wrapping found; lines kept as filed");
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut pieces: Vec<&str> = Vec::new();
    let mut first_line = 1u32;
    for (i, line) in raw.iter().enumerate() {
        let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        match (width, line.strip_prefix('>')) {
            (Some(_), Some(rest)) if !pieces.is_empty() => pieces.push(rest),
            _ => {
                if let Some(w) = width.filter(|_| !pieces.is_empty()) {
                    out.push((join_pieces(&pieces, w), first_line));
                } else if !pieces.is_empty() {
                    out.push((pieces.concat().trim_end().to_string(), first_line));
                }
                pieces.clear();
                pieces.push(line);
                first_line = number;
            }
        }
    }
    if !pieces.is_empty() {
        let joined = match width {
            Some(w) => join_pieces(&pieces, w),
            None => pieces.concat().trim_end().to_string(),
        };
        out.push((joined, first_line));
    }
    out
}

/// The cut width `W` of a wrapped document, or `None` when it shows no EDGAR wrapping.
///
/// Every piece followed by a continuation votes for its own length if it ends in a non-blank
/// (a trimmed piece is shorter than `W` and says nothing precise). A vote counts double when the
/// continuation also starts with a non-blank: a word or number cut in two pins the width down.
/// No piece is longer than the cut, so `W` is the longest length with two votes or more, which
/// right-aligned figures ending short of the limit (`% Balance ... 0` at 75) cannot outvote.
/// The wrapping is believed only if no more lines run past `W` than pieces end exactly at it.
fn wrap_width(raw: &[&str]) -> Option<usize> {
    let mut scores: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    for (i, next) in raw.iter().enumerate().skip(1) {
        let Some(next_content) = next.strip_prefix('>') else {
            continue;
        };
        let Some(piece) = raw.get(i - 1).map(|p| piece_content(raw, i - 1, p)) else {
            continue;
        };
        let piece = piece.trim_end();
        if piece.is_empty() {
            continue;
        }
        let strong = next_content
            .chars()
            .next()
            .is_some_and(|c| !c.is_whitespace());
        let entry = scores.entry(piece.chars().count()).or_default();
        entry.0 += if strong { 2 } else { 1 };
        entry.1 += 1;
    }
    // A column or two narrower wins only when far better attested (drift: a file cut at 79
    // with a few lines cut at 80 is a 79 file).
    let widest = scores
        .iter()
        .filter(|(w, (_, count))| {
            (MIN_WIDTH..=MAX_WRAP_WIDTH).contains(*w) && *count >= MIN_FULL_PIECES
        })
        .map(|(w, _)| *w)
        .max()?;
    let score = |w: usize| scores.get(&w).map_or(0, |s| s.0);
    let width = (widest.saturating_sub(DRIFT)..widest)
        .rev()
        .fold(widest, |best, narrower| {
            if score(narrower) > 2 * score(best) {
                narrower
            } else {
                best
            }
        });
    let full_pieces = scores.get(&width).map_or(0, |s| s.1);
    // Lines longer than the width were never cut: many of them mean the `>` lines are text.
    let overlong = raw
        .iter()
        .filter(|l| !l.starts_with('>') && l.trim_end().chars().count() > width + DRIFT)
        .count();
    if full_pieces < MIN_FULL_PIECES || overlong >= full_pieces {
        return None;
    }
    tracing::debug!(width, full_pieces, "EDGAR line wrapping found");
    Some(width)
}

/// The content of raw line `i` as a piece: a `>` line that continues another loses its marker.
fn piece_content<'a>(raw: &[&str], i: usize, line: &'a str) -> &'a str {
    match line.strip_prefix('>') {
        Some(rest) if i > 0 && raw.len() > i => rest,
        _ => line,
    }
}

/// One logical line from its pieces: each piece but the last is padded back to the line's width.
///
/// The line's width is `W`, or wider when one of its pieces shows a wider cut (drift).
fn join_pieces(pieces: &[&str], width: usize) -> String {
    let (last, cut) = match pieces.split_last() {
        Some(split) => split,
        None => return String::new(),
    };
    let line_width = cut
        .iter()
        .map(|p| p.trim_end().chars().count())
        .filter(|&n| n <= width + DRIFT)
        .fold(width, usize::max);
    let mut out = String::with_capacity(line_width * pieces.len());
    for piece in cut {
        let piece = piece.trim_end();
        out.push_str(piece);
        let len = piece.chars().count();
        out.extend(std::iter::repeat_n(' ', line_width.saturating_sub(len)));
    }
    out.push_str(last);
    out.truncate(out.trim_end().len());
    out
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
        assert_eq!(lines[2], (format!("Label{}  7.5", " ".repeat(19)), 5));
    }

    #[test]
    fn a_lone_quote_mark_is_text() {
        let text = "Dear reader\n> quoted line\nthe end";
        let lines = unwrap_lines(text);
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[1].0, "> quoted line");
    }

    #[test]
    fn a_wider_cut_on_one_line_is_honoured() {
        let w = 30;
        let text = format!(
            "{}\n>{}\n{}\n>{}\n{}\n>tail",
            "a".repeat(w),
            "b".repeat(w),
            "c".repeat(w + 1),
            "d",
            "e".repeat(w)
        );
        let lines = unwrap_lines(&text);
        assert_eq!(lines[1].0, format!("{}d", "c".repeat(w + 1)));
        assert_eq!(lines[2].0, format!("{}tail", "e".repeat(w)));
    }
}
