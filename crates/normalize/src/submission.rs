//! EDGAR full submissions: the SGML header and the `<DOCUMENT>` blocks, or a bare document.

use crate::ascii::contains_ignore_ascii_case;
use crate::error::Error;
use crate::html;

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

impl Document {
    /// True for a uuencoded binary (a PDF, a graphic): kept, but it has no text to normalize.
    pub fn is_uuencoded(&self) -> bool {
        let first = self
            .text
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        let mut words = first.split_whitespace();
        words.next() == Some("begin")
            && words.next().is_some_and(|mode| {
                mode.len() == 3 && mode.bytes().all(|b| (b'0'..=b'7').contains(&b))
            })
            && words.next().is_some()
    }
}

/// A parsed EDGAR submission.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Submission {
    pub header: SubmissionHeader,
    pub documents: Vec<Document>,
}

/// Reads a full submission or a bare document. Never panics on any input.
///
/// Bytes that are not UTF-8 are read as Latin-1, one character per byte, so that columns stay
/// where they were filed. A full submission whose header or a document's `<TEXT>` is cut off is
/// an [`Error::Malformed`] saying `truncated`.
pub fn parse_submission(bytes: &[u8]) -> Result<Submission, Error> {
    let text = decode(bytes);
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    let is_full = lines.iter().any(|l| {
        let t = l.trim_start();
        starts_with_tag(t, "<SEC-DOCUMENT>")
            || starts_with_tag(t, "<SEC-HEADER>")
            || starts_with_tag(t, "<DOCUMENT>")
    });
    if !is_full {
        return Ok(Submission {
            header: SubmissionHeader::default(),
            documents: vec![bare_document(&text)],
        });
    }
    let header = parse_header(&lines)?;
    let documents = parse_documents(&lines)?;
    tracing::debug!(accession = ?header.accession, documents = documents.len(), "submission read");
    Ok(Submission { header, documents })
}

/// The documents that may hold the monthly statement, best first, matched on `<TYPE>` (file
/// names say nothing reliable): the `EX-99*` exhibits (and `EX-20*`, which some trustees of the period
/// used for statements to holders) if there are any, else the main `8-K` /
/// `8-K/A` / `10-D` / `10-D/A` document. A bare document is itself the candidate. Binaries never are.
pub fn statement_documents(submission: &Submission) -> Vec<&Document> {
    let texts = || submission.documents.iter().filter(|d| !d.is_uuencoded());
    let exhibits: Vec<&Document> = texts()
        .filter(|d| {
            let kind = d.doc_type.trim().to_ascii_uppercase();
            kind.starts_with("EX-99") || kind.starts_with("EX-20")
        })
        .collect();
    if !exhibits.is_empty() {
        return exhibits;
    }
    texts()
        .filter(|d| {
            let form = d.doc_type.trim().to_ascii_uppercase();
            form.is_empty() || ["8-K", "8-K/A", "10-D", "10-D/A"].contains(&form.as_str())
        })
        .collect()
}

fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

fn starts_with_tag(line: &str, tag: &str) -> bool {
    line.get(..tag.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(tag))
}

/// What follows `tag` on the line, trimmed and without a closing tag (`<TYPE>8-K</TYPE>`).
fn tag_value<'a>(line: &'a str, tag: &str) -> Option<&'a str> {
    let line = line.trim_start();
    if !starts_with_tag(line, tag) {
        return None;
    }
    let rest = line.get(tag.len()..)?;
    Some(rest.split("</").next().unwrap_or(rest).trim())
}

fn bare_document(text: &str) -> Document {
    let (text, was_html) = text_of(text);
    Document {
        text,
        was_html,
        ..Document::default()
    }
}

/// The document's text, HTML converted.
fn text_of(raw: &str) -> (String, bool) {
    if html::looks_like_html(raw) {
        (html::to_text(raw), true)
    } else {
        (raw.to_string(), false)
    }
}

fn parse_header(lines: &[&str]) -> Result<SubmissionHeader, Error> {
    let mut header = SubmissionHeader::default();
    let Some(start) = lines
        .iter()
        .position(|l| starts_with_tag(l.trim_start(), "<SEC-HEADER>"))
    else {
        return Ok(header);
    };
    let end = lines
        .iter()
        .skip(start)
        .position(|l| starts_with_tag(l.trim_start(), "</SEC-HEADER>"));
    let Some(end) = end.map(|e| e + start) else {
        return Err(Error::Malformed {
            line: start + 1,
            message: "truncated: <SEC-HEADER> has no </SEC-HEADER>".into(),
        });
    };
    // The first filer's facts; other blocks (SUBJECT COMPANY, FILED BY) only if there is no filer.
    let mut block = String::new();
    let (mut filer, mut other) = ((None, None), (None, None));
    for line in lines.iter().take(end).skip(start) {
        if let Some(value) = tag_value(line, "<ACCEPTANCE-DATETIME>") {
            header.acceptance_datetime = Some(value.to_string()).filter(|v| !v.is_empty());
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        if !line.starts_with(char::is_whitespace) && value.is_empty() {
            block = key.trim().to_ascii_uppercase();
            continue;
        }
        let target = if block == "FILER" {
            &mut filer
        } else {
            &mut other
        };
        match key.trim().to_ascii_uppercase().as_str() {
            "ACCESSION NUMBER" => header.accession = non_empty(value),
            "CONFORMED SUBMISSION TYPE" => header.form = non_empty(value),
            "FILED AS OF DATE" => header.filed_date = iso_date(value),
            "CONFORMED PERIOD OF REPORT" => header.period_of_report = iso_date(value),
            "CENTRAL INDEX KEY" if target.0.is_none() => target.0 = value.parse::<u64>().ok(),
            "COMPANY CONFORMED NAME" if target.1.is_none() => target.1 = non_empty(value),
            _ => {}
        }
    }
    header.cik = filer.0.or(other.0);
    header.company_name = filer.1.or(other.1);
    Ok(header)
}

fn non_empty(value: &str) -> Option<String> {
    Some(value.to_string()).filter(|v| !v.is_empty())
}

/// `20021121` as `2002-11-21`; anything else is not a date.
fn iso_date(value: &str) -> Option<String> {
    let digits = value
        .get(..8)
        .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))?;
    let (year, month, day) = (digits.get(..4)?, digits.get(4..6)?, digits.get(6..8)?);
    let valid = ("01"..="12").contains(&month) && ("01"..="31").contains(&day);
    valid.then(|| format!("{year}-{month}-{day}"))
}

fn parse_documents(lines: &[&str]) -> Result<Vec<Document>, Error> {
    let mut documents = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !lines
            .get(i)
            .is_some_and(|l| starts_with_tag(l.trim_start(), "<DOCUMENT>"))
        {
            i += 1;
            continue;
        }
        let opened = i + 1;
        let mut document = Document::default();
        i += 1;
        // The tag lines up to <TEXT>.
        let mut text_start = None;
        while let Some(line) = lines.get(i) {
            if let Some(v) = tag_value(line, "<TYPE>") {
                document.doc_type = v.to_string();
            } else if let Some(v) = tag_value(line, "<SEQUENCE>") {
                document.sequence = v.parse().ok();
            } else if let Some(v) = tag_value(line, "<FILENAME>") {
                document.filename = non_empty(v);
            } else if let Some(v) = tag_value(line, "<DESCRIPTION>") {
                document.description = non_empty(v);
            } else if starts_with_tag(line.trim_start(), "<TEXT>") {
                text_start = Some(i);
                break;
            } else if starts_with_tag(line.trim_start(), "</DOCUMENT>") {
                break;
            }
            i += 1;
        }
        if let Some(start) = text_start {
            let end = lines
                .iter()
                .skip(start)
                .position(|l| contains_ignore_ascii_case(l, "</TEXT>"));
            let Some(end) = end.map(|e| e + start) else {
                return Err(Error::Malformed {
                    line: opened,
                    message: format!(
                        "truncated: <DOCUMENT> {:?} has no </TEXT>",
                        document.doc_type
                    ),
                });
            };
            let raw = text_between(lines, start, end);
            let (text, was_html) = text_of(&raw);
            document.text = text;
            document.was_html = was_html;
            i = end;
        }
        documents.push(document);
    }
    Ok(documents)
}

/// The lines between the `<TEXT>` line and the `</TEXT>` line, with what shares those lines.
fn text_between(lines: &[&str], start: usize, end: usize) -> String {
    let mut out = String::new();
    let after_open = lines
        .get(start)
        .and_then(|l| l.trim_start().get("<TEXT>".len()..))
        .unwrap_or("");
    let mut push = |s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    if start == end {
        let inner = after_open
            .get(..after_open.to_ascii_uppercase().find("</TEXT>").unwrap_or(0))
            .unwrap_or("");
        push(inner);
        return out;
    }
    if !after_open.trim().is_empty() {
        push(after_open);
    }
    for line in lines.iter().take(end).skip(start + 1) {
        push(line);
    }
    if let Some(last) = lines.get(end) {
        let before_close = last
            .get(..last.to_ascii_uppercase().find("</TEXT>").unwrap_or(0))
            .unwrap_or("");
        if !before_close.trim().is_empty() {
            push(before_close);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_iso() {
        assert_eq!(iso_date("20021121").as_deref(), Some("2002-11-21"));
        assert_eq!(iso_date("2002112"), None);
        assert_eq!(iso_date("20021321"), None);
    }

    #[test]
    fn uuencoded_documents_are_binary() {
        let pdf = Document {
            text: "\nbegin 644 statement.pdf\nM)5!$1BTQ+C0*\n`\nend\n".into(),
            ..Document::default()
        };
        assert!(pdf.is_uuencoded());
        let prose = Document {
            text: "begin the statement here".into(),
            ..Document::default()
        };
        assert!(!prose.is_uuencoded());
    }
}
