//! `remit ingest PATH...`: load files and directories of filings into the history.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use remit_history::History;

use super::LoadTally;
use crate::cli::StoreArgs;
use crate::config::Config;
use crate::exit;
use crate::pipeline::{parse_filing, KnownFacts};

pub fn run(config: &Config, paths: &[PathBuf], store: &StoreArgs) -> Result<i32> {
    let db = store.db.clone().unwrap_or_else(|| config.paths.db.clone());
    let mut history = open_history(&db)?;
    let files = collect_files(paths)?;
    let mut tally = LoadTally::default();
    for file in &files {
        let source = file.display().to_string();
        // A gzip-compressed filing (a copied raw store, a `.txt.gz` download) reads as its text.
        let bytes = match remit_fetch::read_stored(file) {
            Ok(bytes) => bytes,
            Err(e) => {
                tally.failed.push((source, format!("cannot read: {e}")));
                continue;
            }
        };
        let parsed = parse_filing(&bytes, &source, &KnownFacts::default());
        let report = history
            .load(&parsed.record, &parsed.outcome)
            .with_context(|| format!("loading {source} into {}", db.display()))?;
        tally.add(&source, &parsed.outcome, &report);
    }
    super::settle_continuity(&mut history)?;
    print!("{}", tally.report(&history)?);
    Ok(if tally.failed.is_empty() {
        exit::OK
    } else {
        exit::SOME_FAILED
    })
}

/// Opens (creating and migrating) the history, making its directory first.
pub fn open_history(db: &Path) -> Result<History> {
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    History::open(db).with_context(|| format!("opening the history {}", db.display()))
}

/// Every file named, and every file under each directory named, in a stable order.
fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path)
            .with_context(|| format!("{} does not exist", path.display()))?;
        if meta.is_dir() {
            walk(path, &mut files).with_context(|| format!("listing {}", path.display()))?;
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            walk(&path, files)?;
        } else if !entry.file_name().to_string_lossy().starts_with('.') {
            files.push(path);
        }
    }
    Ok(())
}
