//! Normalize: EDGAR filing bytes in, the trustee's statement out.
//!
//! INTERFACE SKELETON — the types below are the crate's contract with `remit-extract`
//! and `remit-cli`; the implementation fills in the functions.
//!
//! * [`parse_submission`] reads an EDGAR full submission (`<SEC-DOCUMENT>` / `<SEC-HEADER>` /
//!   `<DOCUMENT>` blocks) or a bare document text, and returns a [`Submission`].
//! * [`normalize_document`] takes one document's text and returns a [`CleanStatement`]: wrapped
//!   lines rejoined, page furniture stripped, the text split into [`Report`]s whose [`Line`]s keep
//!   their original column positions and know the page and line they came from.

use std::fmt;

/// What went wrong reading a filing.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The bytes are not a filing remit can read; the message says why and where.
    #[error("line {line}: {message}")]
    Malformed { line: usize, message: String },
}

/// The SGML header facts of a full submission. Every field is `None` for a bare document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SubmissionHeader {
    /// `ACCESSION NUMBER`, e.g. `0001020242-02-000466`.
    pub accession: Option<String>,
    /// `CONFORMED SUBMISSION TYPE`, e.g. `8-K`, `8-K/A`, `10-D`.
    pub form: Option<String>,
    /// `FILED AS OF DATE` as ISO `YYYY-MM-DD`.
    pub filed_date: Option<String>,
    /// `CONFORMED PERIOD OF REPORT` as ISO `YYYY-MM-DD`.
    pub period_of_report: Option<String>,
    /// `<ACCEPTANCE-DATETIME>` as printed (`20021120195157`).
    pub acceptance_datetime: Option<String>,
    /// The first filer's `CENTRAL INDEX KEY`, without leading zeros.
    pub cik: Option<u64>,
    /// The first filer's `COMPANY CONFORMED NAME`.
    pub company_name: Option<String>,
}

/// One `<DOCUMENT>` block of a submission (or the whole text of a bare document).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// `<TYPE>`, e.g. `8-K`, `EX-99.1`; empty for a bare document.
    pub doc_type: String,
    pub sequence: Option<u32>,
    pub filename: Option<String>,
    pub description: Option<String>,
    /// The text inside `<TEXT>`...`</TEXT>`, as filed (HTML is converted to text).
    pub text: String,
    /// True when the document was HTML and `text` is the converted text.
    pub was_html: bool,
}

/// A parsed EDGAR submission.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Submission {
    pub header: SubmissionHeader,
    pub documents: Vec<Document>,
}

/// One line of the clean statement, in its original column positions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The rejoined line, trailing blanks trimmed; columns as the trustee printed them.
    pub text: String,
    /// Printed page number (from `Page N of M`), or the count of pages seen so far.
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

impl fmt::Display for CleanStatement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in &self.preamble {
            writeln!(f, "{}", line.text)?;
        }
        for report in &self.reports {
            writeln!(f, "=== {}", report.title)?;
            for line in &report.lines {
                writeln!(f, "{}", line.text)?;
            }
        }
        Ok(())
    }
}

/// Reads a full submission or a bare document. Never panics on any input.
pub fn parse_submission(bytes: &[u8]) -> Result<Submission, Error> {
    let text = String::from_utf8_lossy(bytes).into_owned();
    Ok(Submission {
        header: SubmissionHeader::default(),
        documents: vec![Document { text, ..Document::default() }],
    })
}

/// Rejoins `>`-continued lines of a document that shows EDGAR's wrapping.
pub fn unwrap_lines(text: &str) -> Vec<(String, u32)> {
    text.lines().enumerate().map(|(i, l)| (l.to_string(), i as u32 + 1)).collect()
}

/// Normalizes one document's text into the clean statement.
pub fn normalize_document(text: &str) -> CleanStatement {
    let lines = unwrap_lines(text)
        .into_iter()
        .map(|(text, line)| Line { text, page: 0, line })
        .collect();
    CleanStatement {
        reports: vec![Report { title: String::new(), tier: None, lines }],
        ..CleanStatement::default()
    }
}
