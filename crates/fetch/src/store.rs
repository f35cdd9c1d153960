//! The raw store: every fetched submission as EDGAR sent it, gzip-compressed,
//! `{root}/{cik}/{accession}.txt.gz`.
//!
//! Parsing reads from here, so a parser fix never needs the network again. A statement's text
//! compresses about five to one, and a store of every ABS filing is far larger than its history
//! would be uncompressed. Stores written before compression (`{accession}.txt`) are still read,
//! and [`RawStore::recompress`] converts a file in place; the sha256 recorded for a filing is
//! always that of the bytes as fetched, never of the compressed file.

use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;
use sha2::{Digest, Sha256};

use crate::error::Error;
use crate::filing::is_accession;

/// Prefix of the temp files `put` writes before renaming; `iter` skips them.
const PARTIAL_PREFIX: &str = ".partial-";

/// The ending of a stored filing, and of one stored before compression.
const GZ_SUFFIX: &str = ".txt.gz";
const PLAIN_SUFFIX: &str = ".txt";

/// The first two bytes of every gzip member (RFC 1952).
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// The most a stored or ingested file may expand to. EDGAR's largest ABS submissions are tens of
/// megabytes; a file that inflates past this is a compression bomb or not a filing, and reading
/// it whole would exhaust memory before any parser could refuse it.
pub const MAX_EXPANDED_BYTES: u64 = 256 << 20;

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
        self.root
            .join(cik.to_string())
            .join(format!("{name}{GZ_SUFFIX}"))
    }

    /// Where a filing stored before compression would be.
    fn plain_path(&self, cik: u64, accession: &str) -> PathBuf {
        let path = self.path(cik, accession);
        path.with_extension("")
    }

    pub fn contains(&self, cik: u64, accession: &str) -> bool {
        is_accession(accession)
            && (self.path(cik, accession).is_file() || self.plain_path(cik, accession).is_file())
    }

    /// Stores `body` compressed and atomically, and returns the sha256 (hex) of `body` itself: it
    /// is written to a temp file in the same directory, flushed to disk, then renamed over the
    /// final name, so a killed run leaves either the whole filing or none of it. Storing the
    /// same filing again replaces it, and an uncompressed copy from an older store is removed.
    pub fn put(&self, cik: u64, accession: &str, body: &[u8]) -> Result<String, Error> {
        if !is_accession(accession) {
            return Err(Error::Accession(accession.to_string()));
        }
        let path = self.path(cik, accession);
        let dir = path.parent().unwrap_or(&self.root);
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let temp = tempfile::Builder::new()
            .prefix(PARTIAL_PREFIX)
            .tempfile_in(dir)
            .map_err(|e| Error::io(dir, e))?;
        // The default level: level 9 saves about 3% more for three times the CPU, and the store
        // is written at the network's pace but compressed again by every `recompress`.
        let mut encoder = GzEncoder::new(temp, Compression::default());
        let temp = encoder
            .write_all(body)
            .and_then(|()| encoder.finish())
            .map_err(|e| Error::io(dir, e))?;
        temp.as_file()
            .sync_all()
            .map_err(|e| Error::io(temp.path(), e))?;
        temp.persist(&path).map_err(|e| Error::io(&path, e.error))?;
        remove_plain(&self.plain_path(cik, accession));
        sync_dir(dir);
        Ok(hex::encode(Sha256::digest(body)))
    }

    /// The filing's bytes as fetched, from the compressed file or an older uncompressed one.
    pub fn read(&self, cik: u64, accession: &str) -> Result<Vec<u8>, Error> {
        if !is_accession(accession) {
            return Err(Error::Accession(accession.to_string()));
        }
        let path = self.path(cik, accession);
        if path.is_file() {
            return read_stored(&path);
        }
        read_stored(&self.plain_path(cik, accession))
    }

    /// Converts one file that [`RawStore::iter`] listed and that was stored before compression
    /// (`{accession}.txt`) into the compressed form, given its bytes as just read. Returns
    /// whether it converted anything: a file already compressed, or outside the store's
    /// `{cik}/{accession}` naming, is left as it is.
    pub fn recompress(&self, path: &Path, bytes: &[u8]) -> Result<bool, Error> {
        let Some((cik, accession)) = self.filing_of(path) else {
            return Ok(false);
        };
        if path != self.plain_path(cik, &accession) {
            return Ok(false);
        }
        self.put(cik, &accession, bytes)?;
        Ok(true)
    }

    /// The CIK and accession a stored file's path names.
    fn filing_of(&self, path: &Path) -> Option<(u64, String)> {
        let relative = path.strip_prefix(&self.root).ok()?;
        let mut parts = relative.iter();
        let cik = parts.next()?.to_str()?.parse::<u64>().ok()?;
        let name = parts.next()?.to_str()?;
        if parts.next().is_some() {
            return None;
        }
        let accession = accession_of(name)?;
        Some((cik, accession.to_string()))
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
                    let mut files: Vec<PathBuf> = entries
                        .filter_map(Result::ok)
                        .map(|entry| entry.path())
                        .filter(|path| is_stored_filing(path))
                        .collect();
                    // One path per filing: where a killed conversion left both forms, the
                    // compressed one (written and renamed first) is whole.
                    files.sort_by(|a, b| b.cmp(a));
                    files.dedup_by(|later, earlier| same_filing(later, earlier));
                    self.files = files;
                }
                Err(e) => {
                    tracing::warn!(dir = %dir.display(), "cannot list raw store directory: {e}")
                }
            }
        }
    }
}

/// Reads a stored or local filing as its original bytes: gzip is recognised by its first bytes,
/// not its name, so a `.gz` a user renamed, or an uncompressed `.txt`, both read. The expanded
/// size is capped at [`MAX_EXPANDED_BYTES`].
pub fn read_stored(path: &Path) -> Result<Vec<u8>, Error> {
    let bytes = fs::read(path).map_err(|e| Error::io(path, e))?;
    if !bytes.starts_with(&GZIP_MAGIC) {
        return Ok(bytes);
    }
    let mut expanded = Vec::with_capacity(bytes.len() * 6);
    // MultiGzDecoder would also read concatenated members; the store writes one, and `gzip -c a
    // b` files are not filings.
    let read = GzDecoder::new(bytes.as_slice())
        .take(MAX_EXPANDED_BYTES + 1)
        .read_to_end(&mut expanded)
        .map_err(|e| Error::io(path, e))?;
    if read as u64 > MAX_EXPANDED_BYTES {
        return Err(Error::io(
            path,
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("expands past {} MiB", MAX_EXPANDED_BYTES >> 20),
            ),
        ));
    }
    Ok(expanded)
}

/// The accession a stored file's name carries, in either form.
fn accession_of(name: &str) -> Option<&str> {
    name.strip_suffix(GZ_SUFFIX)
        .or_else(|| name.strip_suffix(PLAIN_SUFFIX))
        .filter(|a| is_accession(a))
}

fn is_stored_filing(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .and_then(accession_of)
        .is_some()
        && path.is_file()
}

fn same_filing(a: &Path, b: &Path) -> bool {
    let accession = |p: &Path| {
        p.file_name()
            .and_then(|n| n.to_str())
            .and_then(accession_of)
            .map(str::to_string)
    };
    accession(a).is_some() && accession(a) == accession(b)
}

/// Removes the uncompressed copy a compressed write replaces; a failure leaves a duplicate that
/// `iter` already hides, so it is only logged.
fn remove_plain(path: &Path) {
    match fs::remove_file(path) {
        Ok(()) => tracing::debug!(path = %path.display(), "uncompressed copy removed"),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => tracing::warn!(path = %path.display(), "cannot remove uncompressed copy: {e}"),
    }
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
