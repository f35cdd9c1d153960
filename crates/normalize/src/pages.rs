//! From rejoined lines to the statement: pages, their headers, reports.
//!
//! A page ends at its `Page N of M` footer. A page header is the few lines above the
//! `<Report> for <date> Distribution` anchor near the top of a page (trust name, product line,
//! series or REMIC tier). The trust name is learned from the pages themselves (the line every
//! header starts with), which is also how the first page's header is told from the 8-K cover
//! printed just above it. Pages that print no such anchor anywhere are headed by the block of
//! lines repeated at the top of most pages (see `repeated`): company, certificate type and
//! series, then the statement's title.

use foldhash::{HashMap, HashMapExt};

use crate::furniture::{self, Caption};
use crate::repeated;
use crate::statement::{CleanStatement, Line, Report};
use crate::unwrap::unwrap_lines;

/// An anchor this far down a page (in non-blank lines) is body text, not a page header.
const HEADER_DEPTH: usize = 6;
/// At most this many header lines stand above the anchor.
const HEADER_ABOVE: usize = 5;
/// The title line after a title-less anchor is a short phrase (`Contents`).
const TITLE_WORDS: usize = 5;

/// A `<Report> for <date> Distribution` line read: the title if printed, and the date.
type Anchor = (Option<String>, String);

/// One printed page: rejoined lines up to (not including) its footer.
struct Page {
    lines: Vec<(String, u32)>,
    /// Each line read as an anchor, once: finding the headers looks at a line several times.
    anchors: Vec<Option<Anchor>>,
    number: u32,
}

impl Page {
    fn new(lines: Vec<(String, u32)>, number: u32) -> Page {
        let anchors = lines
            .iter()
            .map(|(text, _)| furniture::distribution_anchor(text))
            .collect();
        Page {
            lines,
            anchors,
            number,
        }
    }
}

/// Where a page's header sits and what it says.
struct Header {
    /// Index of the first header line in the page.
    start: usize,
    /// Index of the first body line after the header.
    body: usize,
    title: String,
    tier: Option<String>,
    date: Option<String>,
    /// The header lines above the anchor, collapsed (trust name first).
    lines: Vec<String>,
}

/// Normalizes one document's text into the clean statement. Never panics.
pub fn normalize_document(text: &str) -> CleanStatement {
    let lines = unwrap_lines(text).into_iter().map(unescape).collect();
    let mut pages = split_pages(lines);
    let trust = learn_trust_name(&pages);
    // Without a single `... Distribution` anchor, the headers are what repeats at the tops.
    let anchored = pages.iter().any(|p| p.anchors.iter().any(Option::is_some));
    let mut blocks = if anchored {
        Vec::new()
    } else {
        let tops: Vec<&[(String, u32)]> = pages.iter().map(|p| p.lines.as_slice()).collect();
        repeated::blocks(&tops)
    }
    .into_iter();
    let mut statement = CleanStatement {
        trust_name: trust.clone(),
        ..CleanStatement::default()
    };
    // Every kept line with where it goes: `None` the preamble, `Some(i)` report i.
    let mut kept: Vec<(Option<usize>, Line)> = Vec::new();
    let mut pages_before = 0u32;
    for page in &mut pages {
        let mut cursor = 0;
        let headers = if anchored {
            find_headers(page, trust.as_deref(), statement.reports.is_empty())
        } else {
            blocks
                .next()
                .flatten()
                .map(block_header)
                .into_iter()
                .collect()
        };
        for header in headers {
            // Cover text above the first header is not on a statement page yet.
            let page_number = if statement.reports.is_empty() {
                pages_before
            } else {
                page.number
            };
            let section = statement.reports.len().checked_sub(1);
            keep(
                &mut kept,
                section,
                page.lines.get_mut(cursor..header.start),
                page_number,
            );
            record_header(&mut statement, &header);
            let same = statement
                .reports
                .last()
                .is_some_and(|r| r.title == header.title && r.tier == header.tier);
            if !same {
                statement.reports.push(Report {
                    title: header.title,
                    tier: header.tier,
                    lines: Vec::new(),
                });
            }
            cursor = header.body;
        }
        let section = statement.reports.len().checked_sub(1);
        keep(
            &mut kept,
            section,
            page.lines.get_mut(cursor..),
            page.number,
        );
        pages_before = page.number;
    }
    let kept = strip_furniture(kept);
    if statement.reports.is_empty() {
        // No page headers at all: the whole text is one untitled report.
        let lines = kept.into_iter().map(|(_, l)| l).collect();
        statement.reports.push(Report {
            title: String::new(),
            tier: None,
            lines,
        });
    } else {
        for (section, line) in kept {
            match section.and_then(|i| statement.reports.get_mut(i)) {
                Some(report) => report.lines.push(line),
                None => statement.preamble.push(line),
            }
        }
    }
    drop_trailing_blanks(&mut statement);
    statement
}

/// Moves `lines` of a page into `kept` (each page line is kept once: the page's headers are
/// read before its lines are moved).
fn keep(
    kept: &mut Vec<(Option<usize>, Line)>,
    section: Option<usize>,
    lines: Option<&mut [(String, u32)]>,
    page: u32,
) {
    kept.extend(lines.unwrap_or_default().iter_mut().map(|(text, number)| {
        let line = Line {
            text: std::mem::take(text),
            page,
            line: *number,
        };
        (section, line)
    }));
}

/// Cuts the rejoined lines into pages at each footer; the footer line itself is dropped.
fn split_pages(lines: Vec<(String, u32)>) -> Vec<Page> {
    let mut pages = Vec::new();
    let mut current = Vec::new();
    let mut last_number = 0u32;
    for (text, number) in lines {
        if let Some(printed) = furniture::footer_page(&text) {
            pages.push(Page::new(std::mem::take(&mut current), printed));
            last_number = printed;
        } else {
            current.push((text, number));
        }
    }
    if current.iter().any(|(t, _)| !t.trim().is_empty()) {
        pages.push(Page::new(current, last_number.saturating_add(1)));
    }
    pages
}

/// The index of a page's anchor if one stands near its top (the page header proper).
fn top_anchor(page: &Page) -> Option<usize> {
    let mut non_blank = 0;
    for (i, (text, _)) in page.lines.iter().enumerate() {
        if text.trim().is_empty() {
            continue;
        }
        non_blank += 1;
        if non_blank > HEADER_DEPTH {
            return None;
        }
        if page.anchors.get(i).is_some_and(Option::is_some) {
            return Some(i);
        }
    }
    None
}

/// The trust name: the line most page headers start with, on pages whose header is their top.
fn learn_trust_name(pages: &[Page]) -> Option<String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for page in pages {
        let Some(anchor) = top_anchor(page) else {
            continue;
        };
        let first = page
            .lines
            .iter()
            .take(anchor)
            .find(|(t, _)| !t.trim().is_empty());
        if let Some((text, _)) = first {
            *counts.entry(furniture::collapse(text)).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .map(|(name, _)| name)
}

/// The page headers on a page, in order. A `<date> Distribution` anchor is a header wherever it
/// stands (a page whose footer was lost still starts its next page with a header).
fn find_headers(page: &Page, trust: Option<&str>, first: bool) -> Vec<Header> {
    let mut headers: Vec<Header> = Vec::new();
    for (anchor, read) in page.anchors.iter().enumerate() {
        let floor = headers.last().map_or(0, |h| h.body);
        if anchor < floor {
            continue;
        }
        let Some((title, date)) = read.clone() else {
            continue;
        };
        let start = header_start(page, anchor, floor, trust, first && headers.is_empty());
        let mut body = anchor + 1;
        let title = match title {
            Some(title) => title,
            None => match page.lines.get(anchor + 1).map(|(t, _)| t.trim()) {
                Some(next) if is_title_phrase(next) => {
                    body += 1;
                    furniture::collapse(next)
                }
                _ => "Contents".to_string(),
            },
        };
        let lines: Vec<String> = page
            .lines
            .get(start..anchor)
            .unwrap_or_default()
            .iter()
            .map(|(t, _)| furniture::collapse(t))
            .collect();
        let tier = lines
            .iter()
            .skip(1)
            .find(|l| furniture::is_tier(l))
            .cloned();
        headers.push(Header {
            start,
            body,
            title,
            tier,
            date: Some(date),
            lines,
        });
    }
    headers
}

/// A header found by repetition: its last line is the statement's title where it reads as one
/// (words, no figures: `STATEMENT TO CERTIFICATEHOLDERS`, not `SERIES 1998-C`).
fn block_header(block: repeated::Block) -> Header {
    let mut lines = block.lines;
    let title = match lines.last() {
        Some(last) if lines.len() > 2 && !last.chars().any(|c| c.is_ascii_digit()) => {
            lines.pop().unwrap_or_default()
        }
        _ => String::new(),
    };
    Header {
        start: block.start,
        body: block.body,
        title,
        tier: block.tier,
        date: None,
        lines,
    }
}

/// EDGAR escaped a line starting with `-` by putting `- ` before it: undone.
fn unescape((text, number): (String, u32)) -> (String, u32) {
    match text.strip_prefix("- -") {
        Some(rest) => (format!("-{rest}"), number),
        None => (text, number),
    }
}

/// Where the header above an anchor starts: at the trust-name line when the trust is known (no
/// trust line within reach: the anchor alone is the header, so no body line is taken), else up
/// to a blank line or the end of a cover sentence. `floor` is the end of the previous header.
fn header_start(
    page: &Page,
    anchor: usize,
    floor: usize,
    trust: Option<&str>,
    first: bool,
) -> usize {
    let reach = anchor.saturating_sub(HEADER_ABOVE).max(floor);
    if let Some(trust) = trust {
        let above = page.lines.get(reach..anchor).unwrap_or_default();
        return match above
            .iter()
            .rposition(|(t, _)| furniture::collapse(t) == trust)
        {
            Some(i) => reach + i,
            None => anchor,
        };
    }
    let mut start = anchor;
    while start > reach {
        let Some((above, _)) = page.lines.get(start - 1) else {
            break;
        };
        if above.trim().is_empty() || (first && above.trim_end().ends_with('.')) {
            break;
        }
        start -= 1;
    }
    start
}

fn is_title_phrase(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=TITLE_WORDS).contains(&words)
        && !text.contains("   ")
        && furniture::distribution_anchor(text).is_none()
}

fn record_header(statement: &mut CleanStatement, header: &Header) {
    if statement.distribution_date.is_none() {
        statement.distribution_date = header.date.clone();
    }
    if statement.trust_name.is_none() {
        statement.trust_name = header.lines.first().cloned();
    }
    for text in header.lines.iter().skip(1) {
        if header.tier.as_deref() != Some(text.as_str()) && !statement.header_lines.contains(text) {
            statement.header_lines.push(text.clone());
        }
    }
}

/// Drops copyright lines, SGML layout markers, blank-section notices (the section's heading stays, so the section is
/// still there, with no rows) and clusters of chart captions, over the whole statement at once so
/// that a second pass over the clean text finds nothing more to drop.
fn strip_furniture(lines: Vec<(Option<usize>, Line)>) -> Vec<(Option<usize>, Line)> {
    // Each test reads a line from its first non-blank, so each line is trimmed once for all.
    let lines: Vec<(Option<usize>, Line)> = lines
        .into_iter()
        .filter(|(_, l)| {
            let text = furniture::trim_start(&l.text);
            !furniture::is_copyright(text)
                && !furniture::is_blank_notice(text)
                && !furniture::is_sgml_marker(text)
        })
        .collect();
    // Each line's caption, read once: the line that ends a cluster starts the next scan.
    let captions: Vec<Option<Caption>> = lines
        .iter()
        .map(|(_, l)| furniture::caption(furniture::trim_start(&l.text)))
        .collect();
    let mut keep = vec![true; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        // A cluster: consecutive caption or blank lines; removed when one caption is strong.
        let mut j = i;
        let mut strong = false;
        while let Some(((_, l), caption)) = lines.get(j).zip(captions.get(j)) {
            match caption {
                Some(kind) => strong |= *kind == Caption::Strong,
                None if l.text.trim().is_empty() => {}
                None => break,
            }
            j += 1;
        }
        if strong {
            keep.iter_mut().take(j).skip(i).for_each(|k| *k = false);
        }
        i = j.max(i + 1);
    }
    lines
        .into_iter()
        .zip(keep)
        .filter_map(|(l, k)| k.then_some(l))
        .collect()
}

/// Blank lines left at the end of a report by removed furniture say nothing.
fn drop_trailing_blanks(statement: &mut CleanStatement) {
    while statement
        .preamble
        .last()
        .is_some_and(|l| l.text.trim().is_empty())
    {
        statement.preamble.pop();
    }
    for report in &mut statement.reports {
        while report
            .lines
            .last()
            .is_some_and(|l| l.text.trim().is_empty())
        {
            report.lines.pop();
        }
    }
}
