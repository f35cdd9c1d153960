//! One network user at a time: SEC counts requests per client, not per process.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::error::Error;

/// A file lock held for the whole run by every command that uses the network, so a nightly run
/// and a backfill started by hand never add up past SEC's limit. Released on drop (and by the
/// operating system if the process dies).
///
/// Each process paces its own requests, but two runs back to back would share a one-second window
/// at the hand-over: the last requests of one and the first of the next. So the holder records when
/// it let go, and the next holder waits until [`HANDOVER_GAP`] has passed since then (or since it
/// took the lock, if the last holder died without saying).
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
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let path = dir.join(Self::FILE_NAME);
        // Never truncate on open: the holder's pid and command are what a refused caller reads.
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => {
                let mut previous = String::new();
                let _ = file.read_to_string(&mut previous);
                wait_out_handover(&previous);
            }
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
        let _ = self
            .file
            .seek(SeekFrom::End(0))
            .and_then(|_| writeln!(self.file, "released_ms={}", now_ms()))
            .and_then(|()| self.file.sync_all());
        // Closing the file releases the lock too; unlocking first makes the release immediate
        // even while another handle to the file is open.
        let _ = self.file.unlock();
    }
}

/// How long after one network run lets go the next may send its first request: SEC's window is one
/// second; the rest absorbs the time a request takes to reach the server.
pub const HANDOVER_GAP: Duration = Duration::from_millis(1100);

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// Sleeps until the hand-over gap after the previous holder has passed.
fn wait_out_handover(previous: &str) {
    let released = previous
        .lines()
        .filter_map(|line| line.strip_prefix("released_ms="))
        .filter_map(|v| v.trim().parse::<u64>().ok())
        .next_back();
    let wait = match released {
        Some(at) => {
            Duration::from_millis((at + HANDOVER_GAP.as_millis() as u64).saturating_sub(now_ms()))
        }
        // A holder that wrote its pid but no release died mid-run: its last request may be
        // moments old.
        None if previous.contains("pid=") => HANDOVER_GAP,
        None => Duration::ZERO,
    };
    if !wait.is_zero() {
        tracing::debug!(?wait, "waiting out the previous network run's last second");
        std::thread::sleep(wait.min(HANDOVER_GAP));
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
