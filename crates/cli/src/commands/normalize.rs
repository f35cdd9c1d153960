//! `remit normalize FILE`: the clean statement text, as the extractors read it.
//! `remit normalize --unplaced FILE`: how many printed figures the extractor stored, and each
//! printed figure no row holds.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use remit_normalize::{normalize_document, parse_submission, statement_documents};

use crate::exit;

pub fn run(file: &Path, unplaced: bool) -> Result<i32> {
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
        let clean = normalize_document(&document.text);
        if !unplaced {
            write!(out, "{clean}")?;
            continue;
        }
        match remit_extract::extract(&clean) {
            Ok(statement) => {
                writeln!(
                    out,
                    "{} {}: {} of {} printed figures stored, {} unplaced",
                    statement.layout,
                    statement
                        .distribution_date
                        .as_deref()
                        .unwrap_or("(no date)"),
                    statement.figures_stored,
                    statement.figures_printed,
                    statement.unplaced.len()
                )?;
                for u in &statement.unplaced {
                    writeln!(
                        out,
                        "{}\tpage {}\tline {}\t{}\t{}",
                        u.report, u.page, u.line, u.figure, u.text
                    )?;
                }
            }
            Err(error) => writeln!(out, "no statement: {error}")?,
        }
    }
    Ok(exit::OK)
}
