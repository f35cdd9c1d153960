//! Page furniture: what the trustee's print run put on every page, and the captions left behind
//! by charts that EDGAR's text format dropped. Patterns, not this trust's words, so that other
//! trusts and months normalize the same way.

use std::sync::LazyLock;

use regex::Regex;

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
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The printed page number if the line is a page footer: `Page N of M`, possibly sharing the
/// (rejoined) line with the copyright notice, and nothing else.
pub(crate) fn footer_page(text: &str) -> Option<u32> {
    let caps = PAGE_OF.captures(text)?;
    let whole = caps.get(0)?;
    let rest = format!(
        "{}   {}",
        text.get(..whole.start())?,
        text.get(whole.end()..)?
    );
    let only_furniture = SEGMENT_GAP
        .split(rest.trim())
        .all(|segment| segment.is_empty() || COPYRIGHT.is_match(segment));
    if !only_furniture {
        return None;
    }
    caps.get(1)?.as_str().parse().ok()
}

/// A copyright line (`COPYRIGHT 2002 Deutsche Bank`, `(c) COPYRIGHT ...`).
pub(crate) fn is_copyright(text: &str) -> bool {
    COPYRIGHT.is_match(text.trim_start())
}

/// A line of nothing but SGML layout markers.
pub(crate) fn is_sgml_marker(text: &str) -> bool {
    SGML_MARKERS.is_match(text)
}

/// The notice printed in place of a section that has no rows.
pub(crate) fn is_blank_notice(text: &str) -> bool {
    BLANK_NOTICE.is_match(text)
}

/// The page-header line `<Report> for <date> Distribution` (or, on the first page, just
/// `<date> Distribution`): the report title if printed, and the date as printed.
pub(crate) fn distribution_anchor(text: &str) -> Option<(Option<String>, String)> {
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
    let trimmed = text.trim();
    if trimmed.is_empty() || trimmed.chars().any(|c| c == '$') {
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
