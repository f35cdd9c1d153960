//! `remit normalize FILE`: the clean statement text, as the extractors read it.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use remit_normalize::{normalize_document, parse_submission, statement_documents};

use crate::exit;

pub fn run(file: &Path) -> Result<i32> {
    let bytes =
        remit_fetch::read_stored(file).with_context(|| format!("reading {}", file.display()))?;
    let submission = parse_submission(&bytes)
        .with_context(|| format!("{} is not a readable EDGAR filing", file.display()))?;
    let mut out = std::io::stdout().lock();
    for document in statement_documents(&submission) {
        if submission.documents.len() > 1 {
            writeln!(
                out,
                "##### document {} <TYPE>{}",
                document.sequence.unwrap_or(1),
                document.doc_type
            )?;
        }
        write!(out, "{}", normalize_document(&document.text))?;
    }
    Ok(exit::OK)
}
