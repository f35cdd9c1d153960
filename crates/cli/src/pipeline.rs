//! One filing's bytes in, what the history should record of it out.
//!
//! This is the local half of every command (ingest, backfill, nightly, reparse): it never touches the
//! network or the database, so it can run on any thread while one writer loads the results.

use remit_extract::Statement;
use remit_history::{FilingOutcome, FilingRecord};
use remit_normalize::{normalize_document, parse_submission, statement_documents};
use sha2::{Digest, Sha256};

/// What is known of a filing before its bytes are read (from an EDGAR index, or nothing for a
/// local file). The submission's own SGML header wins over these where it has a value.
#[derive(Debug, Clone, Default)]
pub struct KnownFacts {
    pub accession: Option<String>,
    pub cik: Option<u64>,
    pub form: Option<String>,
    pub filed_date: Option<String>,
}

/// The history record of a filing and what was found in it.
#[derive(Debug)]
pub struct ParsedFiling {
    pub record: FilingRecord,
    pub outcome: FilingOutcome,
}

/// The sha256 of raw bytes as lower-case hex, as the `filings` table records it.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Normalizes and extracts every statement of one filing. Never fails: a filing that cannot be
/// read becomes a `Failed` outcome with the reason, so the run goes on.
pub fn parse_filing(bytes: &[u8], source: &str, known: &KnownFacts) -> ParsedFiling {
    let sha256 = sha256_hex(bytes);
    let submission = parse_submission(bytes);
    let header = submission
        .as_ref()
        .map(|s| s.header.clone())
        .unwrap_or_default();
    let record = FilingRecord {
        // A bare document has no accession; name it by its content so re-ingesting it is a no-op.
        accession: header
            .accession
            .clone()
            .or_else(|| known.accession.clone())
            .unwrap_or_else(|| format!("local-{}", &sha256[..20])),
        cik: header.cik.or(known.cik).unwrap_or(0),
        form: header
            .form
            .clone()
            .or_else(|| known.form.clone())
            .unwrap_or_default(),
        filed_date: header
            .filed_date
            .clone()
            .or_else(|| known.filed_date.clone()),
        source: source.to_string(),
        sha256,
    };
    let submission = match submission {
        Ok(submission) => submission,
        Err(e) => {
            return ParsedFiling {
                record,
                outcome: FilingOutcome::Failed(format!("unreadable submission: {e}")),
            }
        }
    };

    let mut statements: Vec<Statement> = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    let mut not_statements: Vec<String> = Vec::new();
    for document in statement_documents(&submission) {
        let clean = normalize_document(&document.text);
        match remit_extract::extract(&clean) {
            Ok(mut statement) => {
                // 8-K monthly reports carry the distribution date as their period of report.
                if statement.distribution_date.is_none() {
                    statement.distribution_date = header.period_of_report.clone();
                }
                if statement.trust_name.is_empty() {
                    statement.trust_name = header.company_name.clone().unwrap_or_default();
                }
                for warning in &statement.warnings {
                    tracing::warn!(accession = %record.accession, document = %document.doc_type, "{warning}");
                }
                statements.push(statement);
            }
            Err(remit_extract::Error::NoStatement(why)) => not_statements.push(format!(
                "document {} ({}): {why}",
                document.sequence.unwrap_or(1),
                document.doc_type
            )),
            Err(e) => errors.push(format!(
                "document {} ({}): {e}",
                document.sequence.unwrap_or(1),
                document.doc_type
            )),
        }
    }
    let outcome = if !statements.is_empty() {
        for e in &errors {
            tracing::warn!(accession = %record.accession, "{e}");
        }
        FilingOutcome::Parsed(statements)
    } else if !errors.is_empty() {
        FilingOutcome::Failed(errors.join("; "))
    } else {
        let mut why = "no monthly statement in any document".to_string();
        if !not_statements.is_empty() {
            why = format!("{why}: {}", not_statements.join("; "));
        }
        FilingOutcome::NoStatement(why)
    };
    ParsedFiling { record, outcome }
}
