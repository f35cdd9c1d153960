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

/// The largest document read: a statement is ~60 KB; anything near this is not one, and reading
/// it would hold up the run.
pub const MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024;

/// The most one document may grow to when its `>`-wrapped lines are padded back to their width.
pub const MAX_EXPANDED_BYTES: usize = 32 * 1024 * 1024;

/// Why a document is not read at all: too large, or able to expand past the cap (each `>` line
/// can be padded out to the widest wrap width the normalizer believes). Checked before
/// normalizing, so one crafted file cannot stall the pipeline or exhaust memory.
fn over_caps(text: &str) -> Option<String> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Some(format!(
            "{} bytes, above the cap of {MAX_DOCUMENT_BYTES} bytes for one document",
            text.len()
        ));
    }
    let continued = text.lines().filter(|l| l.starts_with('>')).count();
    let bound = text
        .len()
        .saturating_add(continued.saturating_mul(remit_normalize::MAX_WRAP_WIDTH));
    (bound > MAX_EXPANDED_BYTES).then(|| {
        format!(
            "its {continued} wrapped (`>`) lines could expand it to {bound} bytes, above the cap \
             of {MAX_EXPANDED_BYTES} bytes"
        )
    })
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
        if let Some(why) = over_caps(&document.text) {
            errors.push(format!(
                "document {} ({}) not read: {why}",
                document.sequence.unwrap_or(1),
                document.doc_type
            ));
            continue;
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_that_could_expand_past_the_cap_is_not_read() {
        // Two 250-column pieces make 250 the wrap width; every `x` / `>y` pair would then be
        // padded to 250 columns: 4 bytes in, 250 out.
        let mut text = format!("{}\n>a\n{}\n>b\n", "w".repeat(250), "v".repeat(250));
        text.push_str(&"x\n>y\n".repeat(140_000));
        let why = over_caps(&text).expect("over the cap");
        assert!(why.contains("140002 wrapped (`>`) lines"), "{why}");
        assert!(why.contains("above the cap of 33554432 bytes"), "{why}");
        // A statement-sized document with some wrapping is read.
        assert_eq!(over_caps(&"line\n>more\n".repeat(2_000)), None);
        let huge = "a".repeat(MAX_DOCUMENT_BYTES + 1);
        assert!(over_caps(&huge).is_some_and(|w| w.contains("for one document")));
    }
}
