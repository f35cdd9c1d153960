//! One network run per data directory at a time (the request budget itself is shared per user,
//! see `budget.rs`).

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::error::Error;

/// A file lock held for the whole run by every command that fetches into a data directory, so two
/// runs never write the same raw store and history at once. Released on drop (and by the operating
/// system if the process dies). SEC's rate is not this lock's business: every run of the user,
/// whatever its directory, draws on one shared request budget.
#[derive(Debug)]
pub struct NetworkLock {
    file: File,
    path: PathBuf,
}

impl NetworkLock {
    /// The lock file's name inside the lock directory.
    pub const FILE_NAME: &'static str = "remit-network.lock";

    /// Takes the lock in `dir` for `command` (e.g. `nightly`), writing this process's pid and
    /// command into the file; fails at once with [`Error::LockHeld`], naming the holder, if
    /// another process has it.
    pub fn acquire(dir: &Path, command: &str) -> Result<NetworkLock, Error> {
        // Never truncate on open: the holder's pid and command are what a refused caller reads.
        let (path, mut file) = open_shared(dir, Self::FILE_NAME)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let (pid, command) = holder(&path);
                return Err(Error::LockHeld { path, pid, command });
            }
            Err(TryLockError::Error(e)) => return Err(Error::io(&path, e)),
        }
        let since = chrono::Local::now().format("%Y-%m-%dT%H:%M:%S%z");
        let note = format!(
            "pid={}\ncommand={command}\nsince={since}\n",
            std::process::id()
        );
        file.set_len(0)
            .and_then(|()| file.seek(SeekFrom::Start(0)))
            .and_then(|_| file.write_all(note.as_bytes()))
            .and_then(|()| file.sync_all())
            .map_err(|e| Error::io(&path, e))?;
        Ok(NetworkLock { file, path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for NetworkLock {
    fn drop(&mut self) {
        // Closing the file releases the lock too; unlocking first makes the release immediate
        // even while another handle to the file is open.
        let _ = self.file.unlock();
    }
}

/// The pid and command the holder wrote, if it got that far.
fn holder(path: &Path) -> (Option<u32>, Option<String>) {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let field = |key: &str| {
        text.lines()
            .find_map(|line| line.strip_prefix(key)?.strip_prefix('='))
            .map(|v| v.trim().to_string())
    };
    (field("pid").and_then(|p| p.parse().ok()), field("command"))
}

/// Opens (creating it and its directory) a file that other processes read and write under a
/// lock, without truncating it: what another process wrote is what the opener must read.
pub(crate) fn open_shared(dir: &Path, name: &str) -> Result<(PathBuf, File), Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let path = dir.join(name);
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| Error::io(&path, e))?;
    Ok((path, file))
}
