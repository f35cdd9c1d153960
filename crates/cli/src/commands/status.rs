//! `remit status`: per trust, statements held, first and last distribution date, failed filings,
//! what its current statements fail (their own arithmetic checks, and the month-to-month
//! comparisons); and the last run of each command. `remit status --trust NAME` lists that
//! trust's failed checks and breaks one by one.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use anyhow::{Context, Result};
use remit_history::{History, TrustQuality, TrustStatus};

use crate::exit;

pub fn run(db: &Path, trust: Option<&str>, max_attempts: u32) -> Result<i32> {
    let history =
        History::open_read_only(db).with_context(|| format!("opening {}", db.display()))?;
    // Written in one go, so a closed pipe (`| head`) is an error reported, not a panic.
    let mut out = String::new();
    match trust {
        Some(trust) => trust_findings(&history, trust, &mut out)?,
        None => {
            overview(&history, &mut out)?;
            super::pending::write(&history, max_attempts, &mut out)?;
        }
    }
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
        .context("writing the status")?;
    Ok(exit::OK)
}

/// The per-trust table, then the last runs.
fn overview(history: &History, out: &mut String) -> Result<()> {
    let trusts = history.trust_status()?;
    let quality: HashMap<(String, u64), TrustQuality> = history
        .trust_quality()?
        .into_iter()
        .map(|q| ((q.trust_name.clone(), q.cik), q))
        .collect();
    let mut table = Table::new(&["trust", "cik", "statements", "first", "last", "failures"]);
    table.extend_header(&QUALITY_COLUMNS);
    for t in &trusts {
        let mut row = coverage_cells(t);
        row.extend(quality_cells(quality.get(&(t.trust_name.clone(), t.cik))));
        table.push(row);
    }
    table.write(out);
    if trusts.is_empty() {
        writeln!(out, "(no statements yet)")?;
    } else {
        writeln!(out, "{QUALITY_LEGEND}")?;
    }
    let pending = history.continuity_pending()?;
    if pending > 0 {
        // A run stopped before it compared what it loaded; breaks and gaps may be out of date.
        writeln!(
            out,
            "note: {pending} trusts were loaded since their months were last compared; \
             `remit continuity` compares them"
        )?;
    }
    for run in history.last_runs()? {
        writeln!(
            out,
            "last {}: {} {} -> {}{}",
            run.command,
            run.status,
            run.started_at,
            run.finished_at
                .unwrap_or_else(|| "(running or killed)".into()),
            run.watermark
                .map(|w| format!(", through {w}"))
                .unwrap_or_default()
        )?;
    }
    Ok(())
}

fn coverage_cells(t: &TrustStatus) -> Vec<String> {
    vec![
        t.trust_name.clone(),
        t.cik.to_string(),
        t.statements.to_string(),
        t.first_distribution.clone().unwrap_or_default(),
        t.last_distribution.clone().unwrap_or_default(),
        t.failures.to_string(),
    ]
}

/// Columns of what a trust's current statements fail.
const QUALITY_COLUMNS: [&str; 4] = ["stmts_failing_checks", "failed_checks", "breaks", "gaps"];

const QUALITY_LEGEND: &str = "failures: failed filings of the CIK; stmts_failing_checks / \
failed_checks: current statements with a failed arithmetic check / how many failed; breaks: \
comparisons with the month before that do not hold; gaps: months missing or listed twice \
(`remit status --trust NAME` lists them)";

fn quality_cells(quality: Option<&TrustQuality>) -> Vec<String> {
    match quality {
        Some(q) => vec![
            q.statements_failing_checks.to_string(),
            q.failed_checks.to_string(),
            q.breaks.to_string(),
            q.gaps.to_string(),
        ],
        // A CIK with failed filings and no statement: nothing to check.
        None => vec![String::new(); QUALITY_COLUMNS.len()],
    }
}

/// One trust: its failed checks (name, expected, printed), then its continuity breaks and gaps.
fn trust_findings(history: &History, trust: &str, out: &mut String) -> Result<()> {
    let trust_name = super::chart::resolve_trust(history.connection(), trust)?;
    let checks = history.failed_checks(&trust_name)?;
    writeln!(out, "{trust_name}: {} failed checks", checks.len())?;
    let mut table = Table::new(&["distribution_date", "check", "expected", "printed"]);
    for c in &checks {
        table.push(vec![
            c.distribution_date.clone().unwrap_or_default(),
            c.name.clone(),
            figure(c.expected),
            figure(c.actual),
        ]);
    }
    if !checks.is_empty() {
        table.write(out);
    }

    let breaks = history.continuity(Some(&trust_name), true)?;
    writeln!(
        out,
        "{trust_name}: {} breaks and gaps with the month before",
        breaks.len()
    )?;
    let mut table = Table::new(&[
        "distribution_date",
        "previous",
        "scope",
        "comparison",
        "expected",
        "found",
        "tolerance",
        "detail",
    ]);
    for b in &breaks {
        table.push(vec![
            b.distribution_date.clone(),
            b.prior_distribution_date.clone(),
            b.scope.clone(),
            b.name.clone(),
            figure(b.expected),
            figure(b.found),
            b.tolerance.to_string(),
            b.detail.clone().unwrap_or_default(),
        ]);
    }
    if !breaks.is_empty() {
        table.write(out);
    }
    Ok(())
}

/// A figure as stored, or `(not printed)`.
fn figure(value: Option<f64>) -> String {
    value.map_or_else(|| "(not printed)".into(), |v| v.to_string())
}

/// A left-aligned text table with two blanks between columns.
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn new(header: &[&str]) -> Table {
        Table {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    fn extend_header(&mut self, columns: &[&str]) {
        self.header.extend(columns.iter().map(|c| c.to_string()));
    }

    fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    fn write(&self, out: &mut String) {
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let line = |cells: &[String]| {
            cells
                .iter()
                .zip(&widths)
                .map(|(c, w)| format!("{c:<w$}"))
                .collect::<Vec<_>>()
                .join("  ")
        };
        let _ = writeln!(out, "{}", line(&self.header).trim_end());
        for row in &self.rows {
            let _ = writeln!(out, "{}", line(row).trim_end());
        }
    }
}
