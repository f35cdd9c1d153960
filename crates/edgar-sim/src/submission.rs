//! One full EDGAR submission: the fields of its SGML header the routes need, its documents, its bytes.

use bytes::Bytes;
use chrono::{NaiveDate, NaiveDateTime};

use crate::error::Error;

/// A company named in the header (`FILER:`, `SUBJECT COMPANY:` ...), in header order.
#[derive(Debug, Clone)]
pub(crate) struct Filer {
    pub cik: u64,
    pub name: String,
}

/// One `<DOCUMENT>` block.
#[derive(Debug, Clone)]
pub(crate) struct Document {
    pub doc_type: String,
    pub sequence: String,
    pub filename: String,
    pub description: String,
    /// What sits between `<TEXT>` and `</TEXT>`, served as the document's own file.
    pub body: Bytes,
}

#[derive(Debug, Clone)]
pub(crate) struct Submission {
    pub accession: String,
    pub form: String,
    pub filed: NaiveDate,
    pub period: Option<NaiveDate>,
    pub acceptance: Option<NaiveDateTime>,
    /// The first filer: the CIK the submission is listed under first.
    pub primary: Filer,
    /// Further filers; EDGAR lists the submission under each of them too.
    pub co_filers: Vec<Filer>,
    pub sic: Option<(String, String)>,
    pub file_number: String,
    pub film_number: String,
    pub items: Vec<String>,
    pub documents: Vec<Document>,
    /// The header as filed, for `-index-headers.html`.
    pub header: String,
    pub raw: Bytes,
}

impl Submission {
    pub fn filers(&self) -> impl Iterator<Item = &Filer> {
        std::iter::once(&self.primary).chain(&self.co_filers)
    }

    pub fn filer(&self, cik: u64) -> Option<&Filer> {
        self.filers().find(|f| f.cik == cik)
    }

    /// Accession number without dashes: the folder name under `edgar/data/{cik}/`.
    pub fn folder(&self) -> String {
        self.accession.replace('-', "")
    }

    pub fn primary_document(&self) -> Option<&Document> {
        self.documents.first()
    }

    /// Parse the header and `<DOCUMENT>` list of `raw`; `origin` names it in errors.
    pub fn parse(raw: Bytes, origin: &str) -> Result<Submission, Error> {
        let text = String::from_utf8_lossy(&raw);
        // Only when the bytes are valid UTF-8 do offsets into `text` address `raw` too.
        let same_offsets = matches!(text, std::borrow::Cow::Borrowed(_));
        let header_end = text
            .find("</SEC-HEADER>")
            .or_else(|| text.find("</IMS-HEADER>"))
            .ok_or_else(|| Error::NoHeader {
                origin: origin.to_string(),
            })?;
        let header_text = text.get(..header_end).unwrap_or_default();
        let fields = HeaderFields::read(header_text, origin)?;
        let documents = read_documents(&text, header_end, |start, end| {
            if same_offsets {
                raw.slice(start..end)
            } else {
                Bytes::copy_from_slice(text.get(start..end).unwrap_or_default().as_bytes())
            }
        });
        let header = header_text
            .find("<SEC-HEADER>")
            .or_else(|| header_text.find("<IMS-HEADER>"))
            .and_then(|start| header_text.get(start..))
            .unwrap_or(header_text)
            .to_string();
        let missing = |field| Error::MissingField {
            origin: origin.to_string(),
            field,
        };
        let accession = fields
            .accession
            .ok_or_else(|| missing("ACCESSION NUMBER"))?;
        let form = fields
            .form
            .ok_or_else(|| missing("CONFORMED SUBMISSION TYPE"))?;
        let filed = fields.filed.ok_or_else(|| missing("FILED AS OF DATE"))?;
        let mut filers = fields.filers.into_iter();
        let primary = filers.next().ok_or_else(|| missing("CENTRAL INDEX KEY"))?;
        Ok(Submission {
            accession,
            form,
            filed,
            period: fields.period,
            acceptance: fields.acceptance,
            primary,
            co_filers: filers.collect(),
            sic: fields.sic,
            file_number: fields.file_number.unwrap_or_default(),
            film_number: fields.film_number.unwrap_or_default(),
            items: fields.items,
            documents,
            header,
            raw,
        })
    }
}

#[derive(Default)]
struct HeaderFields {
    accession: Option<String>,
    form: Option<String>,
    filed: Option<NaiveDate>,
    period: Option<NaiveDate>,
    acceptance: Option<NaiveDateTime>,
    filers: Vec<Filer>,
    pending_name: Option<String>,
    sic: Option<(String, String)>,
    file_number: Option<String>,
    film_number: Option<String>,
    items: Vec<String>,
}

impl HeaderFields {
    fn read(header: &str, origin: &str) -> Result<HeaderFields, Error> {
        let mut fields = HeaderFields::default();
        for (index, line) in header.lines().enumerate() {
            let line_no = index + 1;
            let malformed = |field: &'static str, value: &str| Error::Malformed {
                origin: origin.to_string(),
                line: line_no,
                field,
                value: value.to_string(),
            };
            let line = line.trim();
            if let Some(value) = line.strip_prefix("<ACCEPTANCE-DATETIME>") {
                let value = value.trim();
                let at = NaiveDateTime::parse_from_str(value, "%Y%m%d%H%M%S")
                    .map_err(|_| malformed("ACCEPTANCE-DATETIME", value))?;
                fields.acceptance = Some(at);
                continue;
            }
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim();
            match key.trim() {
                "ACCESSION NUMBER" => {
                    if !is_accession(value) {
                        return Err(malformed("ACCESSION NUMBER", value));
                    }
                    fields.accession = Some(value.to_string());
                }
                "CONFORMED SUBMISSION TYPE" => fields.form = Some(value.to_string()),
                "FILED AS OF DATE" => {
                    let date = NaiveDate::parse_from_str(value, "%Y%m%d")
                        .map_err(|_| malformed("FILED AS OF DATE", value))?;
                    fields.filed = Some(date);
                }
                "CONFORMED PERIOD OF REPORT" => {
                    let date = NaiveDate::parse_from_str(value, "%Y%m%d")
                        .map_err(|_| malformed("CONFORMED PERIOD OF REPORT", value))?;
                    fields.period = Some(date);
                }
                "ITEMS" => fields.items.push(value.to_string()),
                "COMPANY CONFORMED NAME" => fields.pending_name = Some(value.to_string()),
                "CENTRAL INDEX KEY" => {
                    let cik = value
                        .parse::<u64>()
                        .map_err(|_| malformed("CENTRAL INDEX KEY", value))?;
                    let name = fields.pending_name.take().unwrap_or_default();
                    // A filer named twice (FILER and SUBJECT COMPANY) is listed once.
                    if !fields.filers.iter().any(|f| f.cik == cik) {
                        fields.filers.push(Filer { cik, name });
                    }
                }
                "STANDARD INDUSTRIAL CLASSIFICATION" if fields.sic.is_none() => {
                    fields.sic = parse_sic(value);
                }
                "SEC FILE NUMBER" if fields.file_number.is_none() => {
                    fields.file_number = Some(value.to_string());
                }
                "FILM NUMBER" if fields.film_number.is_none() => {
                    fields.film_number = Some(value.to_string());
                }
                _ => {}
            }
        }
        Ok(fields)
    }
}

/// `ASSET-BACKED SECURITIES [6189]` -> ("6189", "ASSET-BACKED SECURITIES").
fn parse_sic(value: &str) -> Option<(String, String)> {
    let (description, code) = value.rsplit_once('[')?;
    let code = code.strip_suffix(']')?.trim();
    Some((code.to_string(), description.trim().to_string()))
}

/// `0001020242-02-000466`: ten digits, two, six.
pub(crate) fn is_accession(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    matches!(parts.as_slice(), [a, b, c]
        if a.len() == 10 && b.len() == 2 && c.len() == 6
            && value.bytes().all(|c| c.is_ascii_digit() || c == b'-'))
}

/// Every `<DOCUMENT>` block after the header; `slice` turns a byte range of `text` into the body.
fn read_documents(text: &str, from: usize, slice: impl Fn(usize, usize) -> Bytes) -> Vec<Document> {
    let mut documents = Vec::new();
    let mut cursor = from;
    while let Some(found) = text.get(cursor..).and_then(|rest| rest.find("<DOCUMENT>")) {
        let start = cursor + found + "<DOCUMENT>".len();
        let end = text
            .get(start..)
            .and_then(|rest| rest.find("</DOCUMENT>"))
            .map_or(text.len(), |e| start + e);
        let block = text.get(start..end).unwrap_or_default();
        let mut document = Document {
            doc_type: String::new(),
            sequence: String::new(),
            filename: String::new(),
            description: String::new(),
            body: Bytes::new(),
        };
        // Tags come one per line before <TEXT>; the value runs to the end of its line.
        let tags_end = block.find("<TEXT>").unwrap_or(block.len());
        for line in block.get(..tags_end).unwrap_or_default().lines() {
            let line = line.trim();
            let tag = |name: &str| line.strip_prefix(name).map(|v| v.trim().to_string());
            if let Some(v) = tag("<TYPE>") {
                document.doc_type = v;
            } else if let Some(v) = tag("<SEQUENCE>") {
                document.sequence = v;
            } else if let Some(v) = tag("<FILENAME>") {
                document.filename = v;
            } else if let Some(v) = tag("<DESCRIPTION>") {
                document.description = v;
            }
        }
        if tags_end < block.len() {
            let mut body_start = start + tags_end + "<TEXT>".len();
            // The body begins on the line after <TEXT>.
            if text
                .get(body_start..)
                .is_some_and(|r| r.starts_with("\r\n"))
            {
                body_start += 2;
            } else if text.get(body_start..).is_some_and(|r| r.starts_with('\n')) {
                body_start += 1;
            }
            let mut body_end = text
                .get(body_start..end)
                .and_then(|rest| rest.rfind("</TEXT>"))
                .map_or(end, |e| body_start + e);
            // The line break before </TEXT> belongs to the SGML, not to the document.
            if let Some(inner) = text.get(body_start..body_end) {
                if inner.ends_with("\r\n") {
                    body_end -= 2;
                } else if inner.ends_with('\n') {
                    body_end -= 1;
                }
            }
            document.body = slice(body_start, body_end);
        }
        documents.push(document);
        cursor = end;
    }
    documents
}
