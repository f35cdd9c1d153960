//! The raw store: every fetched submission as EDGAR sent it, `{root}/{cik}/{accession}.txt`.
//!
//! Parsing reads from here, so a parser fix never needs the network again.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::Error;
use crate::filing::is_accession;

/// Prefix of the temp files `put` writes before renaming; `iter` skips them.
const PARTIAL_PREFIX: &str = ".partial-";

/// A directory of raw submissions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawStore {
    root: PathBuf,
}

impl RawStore {
    /// A store rooted at `root` (created on the first `put`).
    pub fn new(root: impl AsRef<Path>) -> RawStore {
        RawStore {
            root: root.as_ref().to_path_buf(),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where a filing is (or would be) stored. Characters an accession never has are replaced,
    /// so no argument can point outside the store.
    pub fn path(&self, cik: u64, accession: &str) -> PathBuf {
        let name: String = accession
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        self.root.join(cik.to_string()).join(format!("{name}.txt"))
    }

    pub fn contains(&self, cik: u64, accession: &str) -> bool {
        is_accession(accession) && self.path(cik, accession).is_file()
    }

    /// Stores `body` atomically and returns its sha256 (hex): it is written to a temp file in
    /// the same directory, flushed to disk, then renamed over the final name, so a killed run
    /// leaves either the whole filing or none of it. Storing the same filing again replaces it.
    pub fn put(&self, cik: u64, accession: &str, body: &[u8]) -> Result<String, Error> {
        if !is_accession(accession) {
            return Err(Error::Accession(accession.to_string()));
        }
        let path = self.path(cik, accession);
        let dir = path.parent().unwrap_or(&self.root);
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let mut temp = tempfile::Builder::new()
            .prefix(PARTIAL_PREFIX)
            .tempfile_in(dir)
            .map_err(|e| Error::io(dir, e))?;
        temp.write_all(body)
            .and_then(|()| temp.as_file().sync_all())
            .map_err(|e| Error::io(temp.path(), e))?;
        temp.persist(&path).map_err(|e| Error::io(&path, e.error))?;
        sync_dir(dir);
        Ok(hex::encode(Sha256::digest(body)))
    }

    pub fn read(&self, cik: u64, accession: &str) -> Result<Vec<u8>, Error> {
        if !is_accession(accession) {
            return Err(Error::Accession(accession.to_string()));
        }
        let path = self.path(cik, accession);
        fs::read(&path).map_err(|e| Error::io(path, e))
    }

    /// Every stored filing's path, CIK by CIK and by accession within one, listing one CIK
    /// directory at a time (a store of any size costs the memory of its largest directory).
    /// An absent root is an empty store.
    pub fn iter(&self) -> Result<StoredFilings, Error> {
        let entries = match fs::read_dir(&self.root) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(StoredFilings::default())
            }
            Err(e) => return Err(Error::io(&self.root, e)),
        };
        let mut ciks: Vec<(u64, PathBuf)> = entries
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let cik = entry.file_name().to_str()?.parse::<u64>().ok()?;
                entry.path().is_dir().then(|| (cik, entry.path()))
            })
            .collect();
        // Popped from the back: newest-last order means reversing here.
        ciks.sort_by(|a, b| b.cmp(a));
        Ok(StoredFilings {
            ciks: ciks.into_iter().map(|(_, path)| path).collect(),
            files: Vec::new(),
        })
    }
}

/// The paths of the stored filings; see [`RawStore::iter`].
#[derive(Debug, Default)]
pub struct StoredFilings {
    /// CIK directories still to list, the next one last.
    ciks: Vec<PathBuf>,
    /// Filings of the current directory still to yield, the next one last.
    files: Vec<PathBuf>,
}

impl Iterator for StoredFilings {
    type Item = PathBuf;

    fn next(&mut self) -> Option<PathBuf> {
        loop {
            if let Some(file) = self.files.pop() {
                return Some(file);
            }
            let dir = self.ciks.pop()?;
            match fs::read_dir(&dir) {
                Ok(entries) => {
                    self.files = entries
                        .filter_map(Result::ok)
                        .map(|entry| entry.path())
                        .filter(|path| is_stored_filing(path))
                        .collect();
                    self.files.sort_by(|a, b| b.cmp(a));
                }
                Err(e) => {
                    tracing::warn!(dir = %dir.display(), "cannot list raw store directory: {e}")
                }
            }
        }
    }
}

fn is_stored_filing(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix(".txt"))
        .is_some_and(is_accession)
        && path.is_file()
}

/// Makes the rename itself durable; where a directory cannot be opened (not Unix) the rename
/// is still atomic, only its durability across a power loss is the file system's.
fn sync_dir(dir: &Path) {
    if cfg!(unix) {
        if let Err(e) = File::open(dir).and_then(|d| d.sync_all()) {
            tracing::debug!(dir = %dir.display(), "directory fsync failed: {e}");
        }
    }
}
