//! The `pending` block of `remit status`: filings earlier runs could not fetch or load, still to
//! be tried again by the next nightly or backfill, and those given up.

use std::fmt::Write as _;

use anyhow::Result;
use remit_history::History;

/// Appends the block to `out`; nothing when the queue is empty.
pub fn write(history: &History, max_attempts: u32, out: &mut String) -> Result<()> {
    let queued = history.queued()?;
    if queued.is_empty() {
        return Ok(());
    }
    let (given_up, pending): (Vec<_>, Vec<_>) =
        queued.iter().partition(|q| q.attempts >= max_attempts);
    let _ = writeln!(
        out,
        "pending: {} filings to try again in the next run, {} given up after {max_attempts} attempts",
        pending.len(),
        given_up.len()
    );
    for q in pending.iter().chain(&given_up) {
        let state = if q.attempts >= max_attempts {
            "given up"
        } else {
            "pending"
        };
        let _ = writeln!(
            out,
            "  {state}: {} (CIK {}, {} filed {}), {} attempts, last {}: {}",
            q.accession,
            q.cik,
            q.form,
            q.filed_date.as_deref().unwrap_or("?"),
            q.attempts,
            q.last_failed_at,
            q.last_error
        );
    }
    Ok(())
}
