//! The clean statement: what the extractors read and `remit normalize` prints.

use std::fmt;

/// One line of the clean statement, in its original column positions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The rejoined line, trailing blanks trimmed; columns as the trustee printed them.
    pub text: String,
    /// Printed page number (from `Page N of M`), or the count of pages seen so far (0 in the
    /// preamble, which comes before the statement's first page).
    pub page: u32,
    /// 1-based line number in the document text where this line (its first piece) started.
    pub line: u32,
}

/// One report of the statement: consecutive pages that carry the same report title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The title from the page header's `<Report> for <date> Distribution` line, e.g.
    /// `Certificate Payment Report`; `Contents` for the first page; empty if the statement has
    /// no such headers.
    pub title: String,
    /// The REMIC tier printed in the page header (`REMIC I`, ...), if any.
    pub tier: Option<String>,
    /// The report's lines, page headers and furniture removed.
    pub lines: Vec<Line>,
}

impl Report {
    /// The printed pages the report spans, first and last (`None` for a report without lines).
    pub fn pages(&self) -> Option<(u32, u32)> {
        let first = self.lines.first()?.page;
        let last = self.lines.last()?.page;
        Some((first, last))
    }
}

/// The statement as the trustee printed it: page header facts plus the reports in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CleanStatement {
    /// Lines before the statement proper (the 8-K cover, items, signature, exhibit index).
    pub preamble: Vec<Line>,
    /// First line of the repeated page header, e.g. `Impac CMB Trust 2002-1` (inner blanks collapsed).
    pub trust_name: Option<String>,
    /// Other page-header lines, e.g. `Collateralized Asset-Backed Bonds`, `Series 2002-1`.
    pub header_lines: Vec<String>,
    /// The `<date>` of `... for <date> Distribution`, as printed (`November 25, 2002`).
    pub distribution_date: Option<String>,
    pub reports: Vec<Report>,
}

impl CleanStatement {
    /// Every kept line in reading order: the preamble, then each report's lines.
    pub fn lines(&self) -> impl Iterator<Item = &Line> {
        self.preamble
            .iter()
            .chain(self.reports.iter().flat_map(|r| r.lines.iter()))
    }

    /// The kept lines as one text, without separators or header facts. Normalizing this text
    /// again gives back the same lines (see the crate's idempotence test).
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for line in self.lines() {
            out.push_str(&line.text);
            out.push('\n');
        }
        out
    }

    /// The first report with this title (and any tier).
    pub fn report(&self, title: &str) -> Option<&Report> {
        self.reports.iter().find(|r| r.title == title)
    }
}

/// The clean text for a reader: the preamble, a line naming the statement, then each report
/// behind a `=== <title> [<tier>] (page N)` separator.
impl fmt::Display for CleanStatement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in &self.preamble {
            writeln!(f, "{}", line.text)?;
        }
        let facts: Vec<&str> = self
            .trust_name
            .iter()
            .chain(self.header_lines.iter())
            .map(String::as_str)
            .chain(self.distribution_date.as_deref())
            .collect();
        if !facts.is_empty() {
            writeln!(f, "### {}", facts.join(" | "))?;
        }
        for report in &self.reports {
            write!(
                f,
                "=== {}",
                if report.title.is_empty() {
                    "(untitled)"
                } else {
                    &report.title
                }
            )?;
            if let Some(tier) = &report.tier {
                write!(f, " [{tier}]")?;
            }
            match report.pages() {
                Some((first, last)) if first == last => writeln!(f, " (page {first})")?,
                Some((first, last)) => writeln!(f, " (pages {first}-{last})")?,
                None => writeln!(f, " (no lines)")?,
            }
            for line in &report.lines {
                writeln!(f, "{}", line.text)?;
            }
        }
        Ok(())
    }
}
