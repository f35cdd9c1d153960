//! `remit status`: per trust, statements held, first and last distribution date, failures; and
//! the last run of each command.

use std::path::Path;

use anyhow::{Context, Result};
use remit_history::History;

use crate::exit;

pub fn run(db: &Path) -> Result<i32> {
    if !db.exists() {
        anyhow::bail!(
            "no history at {} yet (run `remit demo`, `remit ingest` or `remit backfill`)",
            db.display()
        );
    }
    let history =
        History::open_read_only(db).with_context(|| format!("opening {}", db.display()))?;
    let trusts = history.trust_status()?;
    let header = ["trust", "cik", "statements", "first", "last", "failures"];
    let rows: Vec<[String; 6]> = trusts
        .iter()
        .map(|t| {
            [
                t.trust_name.clone(),
                t.cik.to_string(),
                t.statements.to_string(),
                t.first_distribution.clone().unwrap_or_default(),
                t.last_distribution.clone().unwrap_or_default(),
                t.failures.to_string(),
            ]
        })
        .collect();
    let mut widths = header.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        cells
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect::<Vec<_>>()
            .join("  ")
    };
    println!("{}", line(&header.map(String::from)).trim_end());
    for row in &rows {
        println!("{}", line(row).trim_end());
    }
    if rows.is_empty() {
        println!("(no statements yet)");
    }
    for run in history.last_runs()? {
        println!(
            "last {}: {} {} -> {}{}",
            run.command,
            run.status,
            run.started_at,
            run.finished_at
                .unwrap_or_else(|| "(running or killed)".into()),
            run.watermark
                .map(|w| format!(", through {w}"))
                .unwrap_or_default()
        );
    }
    Ok(exit::OK)
}
