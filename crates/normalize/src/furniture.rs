//! Page furniture: what the trustee's print run put on every page, and the captions left behind
//! by charts that EDGAR's text format dropped. Patterns, not this trust's words, so that other
//! trusts and months normalize the same way.

use std::sync::LazyLock;

use regex::Regex;

use crate::ascii::contains_ignore_ascii_case;
pub(crate) use crate::ascii::trim_start;

fn re(pattern: &str) -> Regex {
    // The patterns are constants of this file; a typo is caught by every test run.
    Regex::new(pattern).unwrap_or_else(|e| panic!("furniture pattern {pattern:?}: {e}"))
}

static PAGE_OF: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bpage\s+(\d{1,5})\s+of\s+\d{1,5}\b"));
/// A copyright notice: `COPYRIGHT 2002 Deutsche Bank`, `(c) COPYRIGHT 2005 ...`, `Copyright (c)
/// 2002 ...`; the year is what tells it from a sentence that starts with the word. A blank
/// inside `( c )` is tolerated: a line cut there may come back padded.
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^((\(\s?c\s?\)|\x{00A9})\s*)?copyright\s+((\(\s?c\s?\)|\x{00A9})\s*)?(19|20)\d{2}\b")
});
/// A copyright mark alone: `(c)`, `( C )`, `©`.
static MARK: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^(\(\s?c\s?\)|\x{00A9})$"));
static BLANK_NOTICE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*(this\s+)?space\s+(is\s+)?intentionally\s+left\s+blank\.?\s*$"));
/// The SGML markers plain-text documents of the period carry (`<PAGE>`, `<TABLE>`, `<S>`, `<C>`).
static SGML_MARKERS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*(</?(page|table|caption|s|c|fn)>\s*)+$"));
static SEGMENT_GAP: LazyLock<Regex> = LazyLock::new(|| re(r"\s{3,}"));
static ANCHOR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:(?P<title>\S.*?)\s+for\s+)?(?P<date>[a-z]{3,9}\.?\s+\d{1,2},\s*\d{4})\s+distribution\s*$",
    )
});
static TIER: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bREMIC\b"));
static BY_GROUPS: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bby\s+groups?\b"));
/// Chart captions that only ever label a chart.
static STRONG_CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)^(
        \d+\s+months?\s+moving\s+average
      | \d+(\s+or\s+(\d+|more))?\+?\s+payments?\s+delinquent
      | (note:\s*)?dates\s+correspond\s+to\s+distribution\s+dates\.?
    )$")
});
/// Captions that are chart labels only next to a strong caption: legends and total-chart titles.
static WEAK_CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?ix)^(
        total(\s+[a-z][a-z\ .()/&-]*)?
      | fixed(\s+rate)? | adjustable(\s+rate)? | arm
      | (loan\s+)?group\s+[a-z0-9-]+
    )$")
});

/// Inner runs of blanks collapsed to one, ends trimmed.
pub(crate) fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

// Cheap tests that rule a line out before a pattern runs: the patterns run on every line of a
// statement, and nearly every line is a row of figures none of them can match. Each test is
// applied to ASCII text only. There the patterns' case-insensitive letters, `\s`, `\d` and `\b`
// mean their ASCII selves (the only non-ASCII case partners of ASCII letters, `ſ` of `s` and the
// Kelvin sign of `k`, cannot occur in ASCII text), so a line without the bytes a match needs
// cannot match. Any other line always goes to the pattern. (The tests below pin each one
// against its pattern.)

/// Whether `text` is ASCII and `needed` says it lacks what a match needs.
fn ruled_out(text: &str, needed: impl FnOnce(&str) -> bool) -> bool {
    text.is_ascii() && !needed(text)
}

/// What the patterns' `\s` matches in ASCII text (`u8::is_ascii_whitespace` leaves out the
/// vertical tab, `\s` does not).
fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// ASCII `text` without its trailing blanks.
fn trim_end(text: &str) -> &str {
    let end = text
        .bytes()
        .rposition(|b| !is_blank(b))
        .map_or(0, |i| i + 1);
    text.get(..end).unwrap_or_default()
}

/// Whether `text` starts with `prefix` (lower-case ASCII), ignoring ASCII case.
fn starts_with_word(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Whether `text` ends with `suffix` (lower-case ASCII), ignoring ASCII case.
fn ends_with_word(text: &str, suffix: &str) -> bool {
    let text = text.as_bytes();
    text.len() >= suffix.len()
        && text[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// The printed page number if the line is a page footer: `Page N of M`, possibly sharing the
/// (rejoined) line with the copyright notice, and nothing else.
pub(crate) fn footer_page(text: &str) -> Option<u32> {
    // What is left of a footer once `Page N of M` is taken out is blanks and copyright
    // notices, so the line starts with `page` or with a notice's `(c)` or `copyright`.
    if ruled_out(text, |t| {
        trim_start(t).starts_with(['p', 'P', '(', 'c', 'C'])
            && contains_ignore_ascii_case(t, "page")
    }) {
        return None;
    }
    // The indent is blank, and blanks are what the pattern leaves around `Page N of M`.
    footer_by_pattern(trim_start(text))
}

fn footer_by_pattern(text: &str) -> Option<u32> {
    let caps = PAGE_OF.captures(text)?;
    let whole = caps.get(0)?;
    let rest = format!(
        "{}   {}",
        text.get(..whole.start())?,
        text.get(whole.end()..)?
    );
    // A notice's holder may come back several blanks from its year where a cut was misread
    // (`COPYRIGHT 2002 Deutsche   Bank`): words of letters after a notice are its own.
    // The notice's own mark may come back apart from it the same way (`(C)   COPYRIGHT 1999`):
    // a bare mark is furniture when a notice follows it.
    let mut in_notice = false;
    let mut bare_mark = false;
    let only_furniture = SEGMENT_GAP.split(rest.trim()).all(|segment| {
        let after_mark = std::mem::take(&mut bare_mark);
        if COPYRIGHT.is_match(segment) {
            in_notice = true;
        } else if after_mark {
            return false;
        } else if MARK.is_match(segment) {
            bare_mark = true;
        } else if !segment.is_empty() {
            let holder = segment
                .split_whitespace()
                .all(|w| w.chars().all(|c| c.is_alphabetic() || c == '.' || c == ','));
            return in_notice && holder;
        }
        true
    });
    if !only_furniture || bare_mark {
        return None;
    }
    caps.get(1)?.as_str().parse().ok()
}

/// A copyright line (`COPYRIGHT 2002 Deutsche Bank`, `(c) COPYRIGHT ...`).
pub(crate) fn is_copyright(text: &str) -> bool {
    // A notice starts with `(c)`, `©` or the word itself.
    if ruled_out(text, |t| trim_start(t).starts_with(['(', 'c', 'C'])) {
        return false;
    }
    copyright_by_pattern(text)
}

fn copyright_by_pattern(text: &str) -> bool {
    COPYRIGHT.is_match(text.trim_start())
}

/// A line of nothing but SGML layout markers.
pub(crate) fn is_sgml_marker(text: &str) -> bool {
    // Markers start with `<` and end with `>`, blanks aside.
    if ruled_out(text, |t| {
        trim_start(t).starts_with('<') && trim_end(t).ends_with('>')
    }) {
        return false;
    }
    sgml_marker_by_pattern(text)
}

fn sgml_marker_by_pattern(text: &str) -> bool {
    SGML_MARKERS.is_match(text)
}

/// The notice printed in place of a section that has no rows.
pub(crate) fn is_blank_notice(text: &str) -> bool {
    // The notice starts with `this` or `space` and ends with `blank` or `blank.`.
    if ruled_out(text, |t| {
        let (start, end) = (trim_start(t), trim_end(t));
        (starts_with_word(start, "this") || starts_with_word(start, "space"))
            && (ends_with_word(end, "blank") || ends_with_word(end, "blank."))
    }) {
        return false;
    }
    blank_notice_by_pattern(text)
}

fn blank_notice_by_pattern(text: &str) -> bool {
    BLANK_NOTICE.is_match(text)
}

/// The page-header line `<Report> for <date> Distribution` (or, on the first page, just
/// `<date> Distribution`): the report title if printed, and the date as printed.
pub(crate) fn distribution_anchor(text: &str) -> Option<(Option<String>, String)> {
    if ruled_out(text, |t| ends_with_word(trim_end(t), "distribution")) {
        return None;
    }
    // The pattern starts `^\s*`: the same match without the indent, found sooner.
    anchor_by_pattern(trim_start(text))
}

fn anchor_by_pattern(text: &str) -> Option<(Option<String>, String)> {
    let caps = ANCHOR.captures(text)?;
    let title = caps.name("title").map(|m| collapse(m.as_str()));
    let date = collapse(caps.name("date")?.as_str());
    Some((title, date))
}

/// A page-header line naming the REMIC tier (`REMIC I`, `Lower Tier REMIC`).
pub(crate) fn is_tier(text: &str) -> bool {
    TIER.is_match(text)
}

/// How surely a line is the caption of a removed chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Caption {
    /// Only ever a chart caption (`CPR by Groups`, `6 Months Moving Average`).
    Strong,
    /// A chart label when next to a strong caption (`Fixed`, `Total CPR`).
    Weak,
}

/// Whether the line is made only of chart captions. A `... by Groups` line is a caption whole:
/// it pairs the per-group chart's title with the total chart's, whatever that one is called.
pub(crate) fn caption(text: &str) -> Option<Caption> {
    let trimmed = trim_start(text).trim_end();
    if ruled_out(trimmed, may_be_caption) {
        return None;
    }
    caption_by_pattern(trimmed)
}

fn caption_by_pattern(trimmed: &str) -> Option<Caption> {
    if trimmed.is_empty() || trimmed.contains('$') {
        return None;
    }
    if BY_GROUPS.is_match(trimmed) && !has_figure(trimmed) {
        return Some(Caption::Strong);
    }
    let mut strongest = Caption::Weak;
    for segment in SEGMENT_GAP.split(trimmed) {
        let segment = collapse(segment);
        if STRONG_CAPTION.is_match(&segment) {
            strongest = Caption::Strong;
        } else if !WEAK_CAPTION.is_match(&segment) {
            return None;
        }
    }
    Some(strongest)
}

/// What a caption line needs (ASCII, trimmed). A `... by Groups` line contains `group`.
/// Otherwise each of its segments (text between runs of three or more blanks, as
/// `SEGMENT_GAP` splits it) is a caption: it starts with a digit or with the first word of one
/// (`total`, `fixed`, `adjustable`, `arm`, `loan`, `group`, `note:`, `dates`), holds a letter
/// (every caption has a word; a figure alone does not), and no caption prints a comma.
fn may_be_caption(line: &str) -> bool {
    const FIRST_WORDS: [&str; 8] = [
        "total",
        "fixed",
        "adjustable",
        "arm",
        "loan",
        "group",
        "note:",
        "dates",
    ];
    let caption_segment = |segment: &str| {
        let starts = segment.starts_with(|c: char| c.is_ascii_digit())
            || FIRST_WORDS.iter().any(|w| starts_with_word(segment, w));
        starts && segment.bytes().any(|b| b.is_ascii_alphabetic())
    };
    contains_ignore_ascii_case(line, "group")
        || (!line.contains(',') && segments(line).all(caption_segment))
}

/// The segments of a trimmed ASCII line: the text between runs of three or more blanks.
fn segments(line: &str) -> impl Iterator<Item = &str> {
    let mut rest = line;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut blanks = 0;
        for (i, b) in rest.bytes().enumerate() {
            if is_blank(b) {
                blanks += 1;
                continue;
            }
            if blanks >= 3 {
                let segment = rest.get(..i - blanks).unwrap_or_default();
                rest = rest.get(i..).unwrap_or_default();
                return Some(segment);
            }
            blanks = 0;
        }
        Some(std::mem::take(&mut rest))
    })
}

/// A figure as statements print them (`1,234.56`, `0.0215`, `12`): a caption has none, apart
/// from the small counts inside phrases (`6 Months`), which this does not look at.
fn has_figure(text: &str) -> bool {
    text.split_whitespace().any(|token| {
        let digits = token.chars().filter(char::is_ascii_digit).count();
        digits >= 3
            && token
                .chars()
                .all(|c| c.is_ascii_digit() || ",.()%-".contains(c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every cheap test against the pattern it stands before, on one line: it may only rule
    /// out lines the pattern would not have matched.
    fn assert_cheap_tests_agree(line: &str) {
        assert_eq!(
            footer_page(line),
            footer_by_pattern(line),
            "footer {line:?}"
        );
        assert_eq!(
            is_copyright(line),
            copyright_by_pattern(line),
            "copyright {line:?}"
        );
        assert_eq!(
            is_sgml_marker(line),
            sgml_marker_by_pattern(line),
            "sgml {line:?}"
        );
        assert_eq!(
            is_blank_notice(line),
            blank_notice_by_pattern(line),
            "blank {line:?}"
        );
        assert_eq!(
            distribution_anchor(line),
            anchor_by_pattern(line),
            "anchor {line:?}"
        );
        assert_eq!(
            caption(line),
            caption_by_pattern(line.trim()),
            "caption {line:?}"
        );
    }

    #[test]
    fn cheap_tests_agree_with_the_patterns_on_the_fixture() {
        let fixture = include_str!("../../../data/fixtures/im020111.txt");
        for line in crate::unwrap_lines(fixture).iter().map(|(l, _)| l) {
            assert_cheap_tests_agree(line);
        }
    }

    /// Furniture and what is not, in any case, with the blanks and non-ASCII characters the
    /// patterns treat specially (`ſ` folds to `s`, the Kelvin sign to `k`, vertical tab is a
    /// blank).
    fn furniture_line() -> impl Strategy<Value = String> {
        let phrase = prop::sample::select(vec![
            "Page 3 of 24",
            "COPYRIGHT 2002 Deutsche Bank",
            "(c) Copyright 2005",
            "\u{a9}",
            "This space is intentionally left blank.",
            "SPACE INTENTIONALLY LEFT BLANK",
            "<PAGE>",
            "<S>",
            "</TABLE>",
            "<c>",
            "Report for",
            "November 25, 2002",
            "Distribution",
            "DISTRIBUTIO",
            "diſtribution",
            "CPR by Groups",
            "by group",
            "6 Months Moving Average",
            "3 or More Payments Delinquent",
            "1 Payment Delinquent",
            "Note: Dates correspond to distribution dates.",
            "Dates correspond to distribution dates",
            "Total CPR",
            "Fixed Rate",
            "ARM",
            "Adjustable",
            "Loan Group A-1",
            "Group 2",
            "1,234.56",
            "0.0215",
            "$",
            "x",
            "of",
            "\u{17f}pace",
            "\u{212a}",
            "Total \u{17f}",
        ]);
        let blank = prop::sample::select(vec![" ", "  ", "   ", "    ", "\t", "\u{b}", ""]);
        prop::collection::vec((blank, phrase, any::<u64>()), 0..5).prop_map(|parts| {
            let mut line = String::new();
            for (blank, phrase, case) in parts {
                line.push_str(blank);
                // Some letters' case flipped.
                line.extend(
                    phrase
                        .chars()
                        .enumerate()
                        .map(|(i, c)| match case >> (i % 64) & 1 {
                            1 if c.is_ascii_lowercase() => c.to_ascii_uppercase(),
                            1 => c.to_ascii_lowercase(),
                            _ => c,
                        }),
                );
            }
            line
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]

        #[test]
        fn cheap_tests_agree_with_the_patterns(line in furniture_line(), tail in "[ \t]{0,3}") {
            assert_cheap_tests_agree(&format!("{line}{tail}"));
        }
    }

    #[test]
    fn footers_with_and_without_the_copyright() {
        assert_eq!(
            footer_page("                          Page 2 of  24"),
            Some(2)
        );
        assert_eq!(
            footer_page(&format!(
                "{}Page 18 of 24{}COPYRIGHT 2002 Deutsche Bank",
                " ".repeat(75),
                " ".repeat(49)
            )),
            Some(18)
        );
        assert_eq!(
            footer_page("   (c) COPYRIGHT 2005 Wells Fargo      Page 3 of 9"),
            Some(3)
        );
        // A cut misread the blank in the holder's name.
        assert_eq!(
            footer_page(&format!(
                "{}Page 2 of  24{}COPYRIGHT 2002 Deutsche   Bank",
                " ".repeat(105),
                " ".repeat(48)
            )),
            Some(2)
        );
        // ... and the mark apart from its notice.
        assert_eq!(
            footer_page(&format!(
                "{}Page 4 of 5      (C)   COPYRIGHT 1999 Sample Trust Company",
                " ".repeat(60)
            )),
            Some(4)
        );
        assert_eq!(footer_page("Page 2 of 24     Bank"), None);
        assert_eq!(footer_page("Page 2 of 24     (c)"), None);
        assert_eq!(footer_page("Page 2 of 24     (c)   Bank"), None);
        assert_eq!(footer_page("see Page 3 of 9 of the prospectus"), None);
        assert!(is_sgml_marker("<S>     <C>           <C>") && is_sgml_marker("<PAGE>"));
        assert!(!is_sgml_marker("<S> Class A"));
        assert_eq!(
            footer_page("                                                   Page"),
            None
        );
    }

    #[test]
    fn copyright_notices_and_not_sentences() {
        for notice in [
            "COPYRIGHT 2002 Deutsche Bank",
            "   (c) COPYRIGHT 2002 Deutsche Bank",
            "(C)COPYRIGHT 2003 Deutsche Bank",
            "Copyright (c) 2004 Example Trust Company",
            "\u{a9} Copyright 2005 Wells Fargo",
            "COPYRIGHT 2002 Deutsc",
            "(c ) COPYRIGHT 2002 Deutsche Bank",
        ] {
            assert!(is_copyright(notice), "{notice}");
        }
        for prose in [
            "Copyright notices of the servicer's tapes are kept by the Trustee",
            "(c) the Servicer shall remit 1,234.56",
            "Current Copyright 2002",
        ] {
            assert!(!is_copyright(prose), "{prose}");
        }
    }

    #[test]
    fn anchors_give_title_and_date() {
        assert_eq!(
            distribution_anchor(
                "               Certificate Payment Report for November 25, 2002 Distribution"
            ),
            Some((
                Some("Certificate Payment Report".into()),
                "November 25, 2002".into()
            ))
        );
        assert_eq!(
            distribution_anchor("     November 25, 2002 Distribution"),
            Some((None, "November 25, 2002".into()))
        );
        assert_eq!(
            distribution_anchor("Monthly Remittance Statement dated as of November 25, 2002."),
            None
        );
    }

    #[test]
    fn chart_captions_are_told_from_data() {
        assert_eq!(
            caption("CPR by Groups                                  Total CPR"),
            Some(Caption::Strong)
        );
        assert_eq!(
            caption("1 or 2 Payments Delinquent                     3 or More Payments Delinquent"),
            Some(Caption::Strong)
        );
        assert_eq!(
            caption(
                "                    Fixed                              3 Months Moving Average"
            ),
            Some(Caption::Strong)
        );
        assert_eq!(
            caption("Total Foreclosure                              Total Bankruptcy and REO"),
            Some(Caption::Weak)
        );
        assert_eq!(
            caption("                    Adjustable"),
            Some(Caption::Weak)
        );
        assert_eq!(
            caption("               TOTAL PRINCIPAL          8,588,295.39   262,980.55"),
            None
        );
        assert_eq!(
            caption("Note:  Original information refers to deal issue."),
            None
        );
    }
}
