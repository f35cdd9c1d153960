//! The end-of-run summary every loading command prints: statements loaded, rows per table,
//! checks passed and failed, and each failed filing with its reason.

use std::fmt;

use anyhow::Context;
use remit_history::{FilingOutcome, History, LoadReport};

/// Compares the statements of every trust the run loaded with their neighbours (once per run,
/// after the loads, so a long reparse stays linear).
pub fn settle_continuity(history: &mut History) -> anyhow::Result<()> {
    let report = history
        .refresh_continuity()
        .context("comparing the loaded months with their neighbours")?;
    tracing::info!(
        trusts = report.trusts,
        comparisons = report.comparisons,
        breaks = report.breaks,
        gaps = report.gaps,
        "month-to-month continuity"
    );
    Ok(())
}

/// Running totals of one command's loads.
#[derive(Debug, Default)]
pub struct LoadTally {
    pub filings: usize,
    pub statements: usize,
    pub unchanged: usize,
    pub no_statement: usize,
    pub failed: Vec<(String, String)>,
    /// Of the failed, those given up on network errors (every retry spent): queued, and the next
    /// run tries them again.
    pub network_failed: usize,
}

impl LoadTally {
    /// Counts one filing by what the history did with it.
    pub fn add(&mut self, source: &str, outcome: &FilingOutcome, report: &LoadReport) {
        self.filings += 1;
        if report.unchanged {
            self.unchanged += 1;
            return;
        }
        if let Some(reason) = &report.refused {
            self.failed.push((
                source.to_string(),
                format!("rows refused by the history: {reason}"),
            ));
            return;
        }
        match outcome {
            FilingOutcome::Parsed(statements) => self.statements += statements.len(),
            FilingOutcome::NoStatement(_) => self.no_statement += 1,
            FilingOutcome::Failed(reason) => self.failed.push((source.to_string(), reason.clone())),
        }
    }

    /// The summary block, with the database's row counts, check totals and month-to-month
    /// comparisons.
    pub fn report(&self, history: &History) -> anyhow::Result<String> {
        let counts = history.counts()?;
        let (passed, failed) = history.check_totals()?;
        let continuity = history.continuity_totals()?;
        Ok(format!(
            "{}{}checks: {passed} passed, {failed} failed\n\
             continuity: {} comparisons with the month before, {} breaks, {} gaps\n",
            self, counts, continuity.comparisons, continuity.breaks, continuity.gaps
        ))
    }
}

impl fmt::Display for LoadTally {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "filings: {} read, {} statements loaded, {} unchanged, {} without a statement, {} failed",
            self.filings,
            self.statements,
            self.unchanged,
            self.no_statement,
            self.failed.len()
        )?;
        for (source, reason) in &self.failed {
            writeln!(f, "  failed: {source}: {reason}")?;
        }
        Ok(())
    }
}
