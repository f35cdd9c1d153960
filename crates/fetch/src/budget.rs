//! The request budget every remit process of one user shares: a state file holding the earliest
//! moment the next request may leave, read and advanced under an exclusive file lock.
//!
//! SEC counts requests per client address, not per process or data directory: a nightly cron job
//! and a backfill started by hand from another directory must never add up past the limit. An
//! in-process limiter (governor) cannot see the other process, so the budget lives in a file:
//! a request may go only once `now >= next`, and taking it moves `next` to `now + spacing`, both
//! under the lock. The decision is made when the request is about to leave (never reserved ahead
//! and slept on: tasks that wake late on a loaded machine would then leave together), so any two
//! requests of all processes together leave at least `spacing` apart, and any N+1 span at least
//! `N * spacing`.
//!
//! The file is keyed by the host asked (every `*.sec.gov` host is one client to SEC), so runs
//! against a simulator on another port never slow a run against EDGAR.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::error::Error;
use crate::lock::open_shared;

/// A reservation further ahead than this is a stale file (a clock stepped back, a crashed
/// writer): no block hold or slot is ever this far away.
const STALE_AHEAD: Duration = Duration::from_secs(3 * 3600);

/// Shared spacing of requests, across the tasks of this process and every other process that
/// opens the same file.
#[derive(Debug)]
pub(crate) struct Budget {
    spacing: Duration,
    path: PathBuf,
    /// One handle, locked per reservation; the mutex orders this process's own tasks.
    file: Mutex<File>,
}

impl Budget {
    /// Opens (creating) the budget file for `host` in `dir`.
    pub fn open(dir: &Path, host: &str, spacing: Duration) -> Result<Budget, Error> {
        let name: String = host
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '.' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let (path, file) = open_shared(dir, &format!("budget-{name}.state"))?;
        Ok(Budget {
            spacing,
            path,
            file: Mutex::new(file),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Takes the turn if it is due (returns zero: send now), else returns how long until it may
    /// be, without taking it.
    pub fn try_take(&self) -> Result<Duration, Error> {
        self.update(|now, next| {
            if now >= next {
                (now, now + micros(self.spacing))
            } else {
                (next, next)
            }
        })
    }

    /// Holds every request of every process sharing the budget until `until` (from now): SEC's
    /// block is per address, so the other runs must stop too.
    pub fn hold(&self, until: Duration) -> Result<(), Error> {
        self.update(|now, next| (now, next.max(now + micros(until))))
            .map(|_| ())
    }

    /// Reads `next` under the lock, lets `step` compute `(slot, new next)` from `(now, next)`,
    /// writes the new `next` and returns the wait until `slot`.
    fn update(&self, step: impl FnOnce(u64, u64) -> (u64, u64)) -> Result<Duration, Error> {
        let mut file = self.file.lock().unwrap_or_else(|e| e.into_inner());
        let io = |e| Error::io(&self.path, e);
        // Held for a read and a write of a few bytes: other processes wait microseconds.
        file.lock().map_err(io)?;
        let result = (|| {
            let mut text = String::new();
            file.seek(SeekFrom::Start(0))?;
            file.read_to_string(&mut text)?;
            let now = unix_micros();
            let next = text
                .lines()
                .find_map(|l| l.strip_prefix("next_us="))
                .and_then(|v| v.trim().parse::<u64>().ok())
                .filter(|next| *next <= now + micros(STALE_AHEAD))
                .unwrap_or(0);
            let (slot, next) = step(now, next);
            file.set_len(0)?;
            file.seek(SeekFrom::Start(0))?;
            writeln!(file, "next_us={next}")?;
            file.flush()?;
            Ok(Duration::from_micros(slot.saturating_sub(now)))
        })()
        .map_err(io);
        let _ = file.unlock();
        result
    }
}

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

/// Microseconds since the Unix epoch: the clock every process sharing the budget agrees on.
pub(crate) fn unix_micros() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, micros)
}

/// The key of a base URL's budget: every `*.sec.gov` host is one client to SEC; any other host
/// (a mirror, the simulator) is keyed by host and port.
pub(crate) fn budget_key(base: &str) -> String {
    let url = reqwest::Url::parse(base).ok();
    let host = url
        .as_ref()
        .and_then(|u| u.host_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if host == "sec.gov" || host.ends_with(".sec.gov") {
        return "sec.gov".to_string();
    }
    match url.and_then(|u| u.port_or_known_default()) {
        Some(port) => format!("{host}_{port}"),
        None => host,
    }
}

/// Where the budget lives by default: a per-user directory every remit process of the user finds
/// whatever its working directory — `$XDG_RUNTIME_DIR/remit`, else the user's cache directory
/// (`$XDG_CACHE_HOME/remit` or `~/.cache/remit`), else the system temp dir with the user's name.
pub fn default_budget_dir() -> PathBuf {
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(runtime) = var("XDG_RUNTIME_DIR").filter(|d| d.is_dir()) {
        return runtime.join("remit");
    }
    if let Some(cache) = var("XDG_CACHE_HOME") {
        return cache.join("remit");
    }
    if let Some(home) = var("HOME") {
        return home.join(".cache").join("remit");
    }
    let user = std::env::var("USER").unwrap_or_else(|_| "user".to_string());
    std::env::temp_dir().join(format!("remit-{user}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sec_hosts_share_one_key_others_are_by_port() {
        assert_eq!(budget_key("https://www.sec.gov"), "sec.gov");
        assert_eq!(budget_key("https://data.sec.gov/"), "sec.gov");
        assert_eq!(budget_key("http://127.0.0.1:8080"), "127.0.0.1_8080");
        assert_eq!(
            budget_key("https://mirror.example.org"),
            "mirror.example.org_443"
        );
    }

    #[test]
    fn two_handles_on_one_file_never_hand_out_close_slots() {
        let dir = tempfile::tempdir().expect("temp dir");
        let spacing = Duration::from_millis(100);
        let a = Budget::open(dir.path(), "h", spacing).expect("a");
        let b = Budget::open(dir.path(), "h", spacing).expect("b");
        // The first turn is free; right after it, the other handle must wait about one spacing,
        // and so must the first again: the turn is one for both.
        assert_eq!(a.try_take().expect("turn"), Duration::ZERO);
        let wait = b.try_take().expect("turn");
        assert!(wait > Duration::from_millis(90), "{wait:?}");
        assert!(a.try_take().expect("turn") > Duration::from_millis(80));
        std::thread::sleep(wait);
        assert_eq!(b.try_take().expect("turn"), Duration::ZERO);
        // A hold pushes every later turn past it, whichever handle asks.
        a.hold(Duration::from_secs(5)).expect("hold");
        assert!(b.try_take().expect("turn") >= Duration::from_millis(4900));
        // Another host's budget is its own.
        let c = Budget::open(dir.path(), "other", spacing).expect("c");
        assert_eq!(c.try_take().expect("turn"), Duration::ZERO);
    }
}
