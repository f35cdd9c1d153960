//! Which history a read command (`status`, `sql`, `chart`, `continuity`) reads: the one named
//! with `--db`; else the configured one; else, when only `remit demo` has been run, the demo
//! history (said on stderr, so a newcomer's next command works on what they just built).

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};

use crate::config::Config;

/// Where `remit demo` builds its history unless told otherwise.
pub const DEMO_DB: &str = "data/demo.db";

/// The history to read, or an error naming every path tried and the command that creates it.
pub fn history_to_read(explicit: Option<&Path>, config: &Config) -> Result<PathBuf> {
    if let Some(db) = explicit {
        if db.exists() {
            return Ok(db.to_path_buf());
        }
        bail!(
            "no history at {} (create one with `remit demo --db {0}`, `remit ingest --db {0} PATH` \
             or `remit backfill --db {0}`)",
            db.display()
        );
    }
    let configured = &config.paths.db;
    if configured.exists() {
        return Ok(configured.clone());
    }
    let demo = Path::new(DEMO_DB);
    if demo.exists() {
        eprintln!(
            "note: no history at {} yet; reading the demo history {} (built by `remit demo`)",
            configured.display(),
            demo.display()
        );
        return Ok(demo.to_path_buf());
    }
    bail!(
        "no history found; tried {} (created by `remit backfill`, `remit nightly` or \
         `remit ingest PATH`) and {} (created by `remit demo`)",
        configured.display(),
        demo.display()
    )
}

/// Whether a bare read command (no `--db`) would read `db`: what `remit demo` checks before it
/// prints the next commands without `--db`.
pub fn reads_by_default(db: &Path, config: &Config) -> bool {
    !config.paths.db.exists() && db == Path::new(DEMO_DB)
}
