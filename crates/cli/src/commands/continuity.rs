//! `remit continuity`: compare every statement of every trust with the one before it again, over
//! the whole history (loading commands do it after each run for the trusts they touched).

use std::path::Path;

use anyhow::{Context, Result};
use remit_history::History;

use crate::exit;

pub fn run(db: &Path) -> Result<i32> {
    let mut history =
        History::open(db).with_context(|| format!("opening the history {}", db.display()))?;
    let report = history.recheck_continuity()?;
    println!(
        "continuity: {} trusts compared month to month: {} comparisons, {} breaks, {} gaps",
        report.trusts, report.comparisons, report.breaks, report.gaps
    );
    for q in history.trust_quality()? {
        if q.breaks > 0 || q.gaps > 0 {
            println!(
                "  {}: {} breaks, {} gaps (remit status --trust \"{}\")",
                q.trust_name, q.breaks, q.gaps, q.trust_name
            );
        }
    }
    Ok(exit::OK)
}
