//! The request budget every remit process of one user shares: a state file holding the last
//! departures of all of them and any block hold, read and updated under an exclusive file lock.
//!
//! SEC counts requests per client address, not per process or data directory: a nightly cron job
//! and a backfill started by hand from another directory must never add up past the limit. An
//! in-process limiter (governor) cannot see the other process, so the budget lives in a file.
//!
//! The rule is SEC's own, a count per sliding window: a request may leave only if fewer than
//! `count` requests (10) left in the last `window` (1 s + the network allowance), and at least
//! `min_gap` after the previous one. So any `count + 1` requests of all processes together span
//! at least `window` where they leave, and at least `window - allowance` = 1 s where they arrive.
//! Unlike an even spacing (each request `window / count` after the previous one), a window lets
//! a client that had to wait — for the submissions listing to come back, for a slot in flight —
//! catch up the time it lost, within the limit; `min_gap` keeps that catching up from turning
//! into a burst of 10 at once.
//!
//! The decision is made when the request is about to leave (never reserved ahead and slept on:
//! tasks that wake late on a loaded machine would then leave together), and the departure it
//! records is that moment.
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

/// A time further ahead than this is a stale file (a clock stepped back, a crashed writer): no
/// block hold or departure is ever this far away.
const STALE_AHEAD: Duration = Duration::from_secs(3 * 3600);

/// How many requests may leave in any window, and how close together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limit {
    /// Requests in any window (SEC: 10).
    pub count: usize,
    /// The window: 1 s plus the network allowance.
    pub window: Duration,
    /// Least time between two consecutive requests.
    pub min_gap: Duration,
    /// Most time one client may make up after falling behind its even pace.
    pub catch_up: Duration,
}

/// What the shared file holds, in µs since the Unix epoch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct State {
    /// The last `count` departures of every process, oldest first.
    sent: Vec<u64>,
    /// No request before this: SEC's block, shared by every process.
    hold: u64,
}

impl State {
    /// Reads the file's text. Times past `now + STALE_AHEAD` are dropped as stale, departures
    /// later than `now` (a clock stepped back a little) count as `now`.
    fn parse(text: &str, now: u64, limit: &Limit) -> State {
        let stale = now.saturating_add(micros(STALE_AHEAD));
        let field = |key: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
                .map(str::trim)
        };
        let time = |v: &str| v.parse::<u64>().ok().filter(|t| *t <= stale);
        let hold = field("hold_us").and_then(time).unwrap_or(0);
        let sent: Option<Vec<u64>> = field("sent_us").map(|list| {
            let mut sent: Vec<u64> = list
                .split(',')
                .filter_map(|v| time(v.trim()))
                .map(|t| t.min(now))
                .collect();
            sent.sort_unstable();
            sent
        });
        match sent {
            Some(sent) => State { sent, hold },
            // A file written by a remit that spaced requests evenly holds only `next_us`, the
            // earliest its next request could leave, one spacing after its last. Read as that
            // many requests all sent then, so nothing leaves sooner than that remit would allow
            // and the window is full until it has passed.
            None => match field("next_us").and_then(time) {
                Some(next) => {
                    let spacing = micros(limit.window) / limit.count.max(1) as u64;
                    let last = next.saturating_sub(spacing).min(now);
                    State {
                        sent: vec![last; limit.count],
                        hold: next,
                    }
                }
                None => State::default(),
            },
        }
    }

    /// The file's text. `next_us` (the earliest the next request may leave) is written for a
    /// remit that only knows that line, so it keeps to this one's limit too.
    fn render(&self, limit: &Limit) -> String {
        let sent: Vec<String> = self.sent.iter().map(u64::to_string).collect();
        format!(
            "sent_us={}\nhold_us={}\nnext_us={}\n",
            sent.join(","),
            self.hold,
            self.earliest(limit)
        )
    }

    /// The earliest moment the next request may leave.
    fn earliest(&self, limit: &Limit) -> u64 {
        let mut at = self.hold;
        if let Some(last) = self.sent.last() {
            at = at.max(last.saturating_add(micros(limit.min_gap)));
        }
        if let Some(first) = self
            .sent
            .len()
            .checked_sub(limit.count)
            .and_then(|i| self.sent.get(i))
        {
            at = at.max(first.saturating_add(micros(limit.window)));
        }
        at
    }

    /// Sends at `now` if the limit allows it and `now` is not before `own` (the client's own
    /// pace): records the departure and returns `None`. Else returns how long until it may,
    /// changing nothing.
    fn take(&mut self, now: u64, own: u64, limit: &Limit) -> Option<u64> {
        let earliest = self.earliest(limit).max(own);
        if now < earliest {
            return Some(earliest - now);
        }
        self.sent.push(now);
        let keep = self.sent.len().saturating_sub(limit.count);
        self.sent.drain(..keep);
        None
    }
}

/// This client's own pace: never ahead of an even spacing (`window / count`) counted from its
/// first request, and never making up more than `catch_up` of time lost behind it.
///
/// The window alone would let a client that starts with work queued send its first `count`
/// requests at once; from its first request on a run keeps at most the even rate on average, and
/// only what it lost after that (waiting for a listing to come back, for a slot in flight, for a
/// late wake-up) may it make up, within the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct EvenPace {
    /// The earliest the next request may leave by this client's even pace; `None` before its
    /// first request.
    due: Option<u64>,
}

impl EvenPace {
    fn earliest(&self) -> u64 {
        self.due.unwrap_or(0)
    }

    fn sent(&mut self, now: u64, limit: &Limit) {
        let spacing = micros(limit.window) / limit.count.max(1) as u64;
        let behind_at_most = now.saturating_sub(micros(limit.catch_up));
        let from = self.due.map_or(now, |due| due.max(behind_at_most));
        self.due = Some(from.saturating_add(spacing));
    }
}

/// Shared request budget, across the tasks of this process and every other process that opens
/// the same file.
#[derive(Debug)]
pub(crate) struct Budget {
    limit: Limit,
    path: PathBuf,
    /// One handle and this client's pace, locked per decision; the mutex orders this process's
    /// own tasks.
    inner: Mutex<(File, EvenPace)>,
}

impl Budget {
    /// Opens (creating) the budget file for `host` in `dir`, spacing requests evenly: any two
    /// at least `spacing` apart.
    #[cfg(test)]
    pub fn open(dir: &Path, host: &str, spacing: Duration) -> Result<Budget, Error> {
        let limit = Limit {
            count: 1,
            window: spacing,
            min_gap: Duration::ZERO,
            catch_up: Duration::ZERO,
        };
        Budget::with_limit(dir, host, limit)
    }

    /// Opens (creating) the budget file for `host` in `dir`, with `limit`.
    pub fn with_limit(dir: &Path, host: &str, limit: Limit) -> Result<Budget, Error> {
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
            limit,
            path,
            inner: Mutex::new((file, EvenPace::default())),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Takes the turn if the limit allows a request now (returns zero: send now), else returns
    /// how long until it may, without taking anything. `late` widens the window: how late this
    /// process's requests may reach the socket after the moment recorded here.
    pub fn try_take(&self, late: Duration) -> Result<Duration, Error> {
        let limit = Limit {
            window: self.limit.window + late,
            ..self.limit
        };
        self.update(
            |state, pace, now| match state.take(now, pace.earliest(), &limit) {
                Some(wait) => wait,
                None => {
                    pace.sent(now, &limit);
                    0
                }
            },
        )
    }

    /// Holds every request of every process sharing the budget until `until` (from now): SEC's
    /// block is per address, so the other runs must stop too.
    pub fn hold(&self, until: Duration) -> Result<(), Error> {
        self.update(|state, _, now| {
            state.hold = state.hold.max(now.saturating_add(micros(until)));
            0
        })
        .map(|_| ())
    }

    /// Reads the shared state under the lock, lets `step` change it and this client's pace at
    /// `now` and return a wait in µs, writes the state back and returns the wait.
    fn update(
        &self,
        step: impl FnOnce(&mut State, &mut EvenPace, u64) -> u64,
    ) -> Result<Duration, Error> {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let (file, pace) = &mut *inner;
        let io = |e| Error::io(&self.path, e);
        // Held for a read and a write of a few hundred bytes: other processes wait microseconds.
        file.lock().map_err(io)?;
        let result = (|| {
            let mut text = String::new();
            file.seek(SeekFrom::Start(0))?;
            file.read_to_string(&mut text)?;
            let now = unix_micros();
            let mut state = State::parse(&text, now, &self.limit);
            let wait = step(&mut state, pace, now);
            file.set_len(0)?;
            file.seek(SeekFrom::Start(0))?;
            file.write_all(state.render(&self.limit).as_bytes())?;
            file.flush()?;
            Ok(Duration::from_micros(wait))
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

    const MS: u64 = 1000;

    /// SEC's 10 per (1 s + 50 ms), the way the client sets it (without its send margin, so the
    /// figures below are round).
    fn sec() -> Limit {
        Limit {
            count: 10,
            window: Duration::from_millis(1050),
            min_gap: Duration::from_micros(52_500),
            catch_up: Duration::from_millis(1050),
        }
    }

    /// Clients sharing one state on a virtual clock (µs, 1 ms steps): each asks whenever it has a
    /// request ready (`ready[c]`: when each of its requests becomes ready) and sends when the
    /// budget lets it. Returns each client's departures.
    fn simulate(limit: &Limit, ready: &[Vec<u64>], hold: Option<(u64, u64)>) -> Vec<Vec<u64>> {
        let mut state = State::default();
        let mut paces = vec![EvenPace::default(); ready.len()];
        let mut sent: Vec<Vec<u64>> = vec![Vec::new(); ready.len()];
        let end = ready.iter().flatten().max().copied().unwrap_or(0) + 60_000 * MS;
        let mut now = 0;
        while now < end && sent.iter().zip(ready).any(|(s, r)| s.len() < r.len()) {
            if let Some((at, until)) = hold {
                if now == at {
                    state.hold = state.hold.max(now + until);
                }
            }
            for (c, pace) in paces.iter_mut().enumerate() {
                let due = ready[c].get(sent[c].len()).is_some_and(|r| *r <= now);
                if due && state.take(now, pace.earliest(), limit).is_none() {
                    pace.sent(now, limit);
                    sent[c].push(now);
                }
            }
            now += MS;
        }
        sent
    }

    #[test]
    fn any_eleven_requests_of_all_clients_span_the_window_bursts_and_holds_included() {
        let limit = sec();
        let window = micros(limit.window);
        let spacing = window / 10;
        let mut rng = fastrand::Rng::with_seed(5);
        for _ in 0..40 {
            // Three clients, each with bursts of ready requests separated by pauses.
            let ready: Vec<Vec<u64>> = (0..3)
                .map(|_| {
                    let mut at = rng.u64(0..2_000) * MS;
                    (0..40)
                        .map(|_| {
                            if rng.u8(0..6) == 0 {
                                at += rng.u64(0..3_000) * MS;
                            }
                            at
                        })
                        .collect()
                })
                .collect();
            let hold = (rng.u64(0..5_000) * MS, rng.u64(100..2_000) * MS);
            let sent = simulate(&limit, &ready, Some(hold));
            let mut all: Vec<u64> = sent.iter().flatten().copied().collect();
            all.sort_unstable();
            assert_eq!(all.len(), 120, "every request went");
            for eleven in all.windows(11) {
                assert!(eleven[10] - eleven[0] >= window, "{eleven:?}");
            }
            for pair in all.windows(2) {
                assert!(pair[1] - pair[0] >= micros(limit.min_gap), "{pair:?}");
            }
            assert!(!all.iter().any(|t| *t >= hold.0 && *t < hold.0 + hold.1));
            // Each client, from its first request on, never ahead of its even pace.
            for own in &sent {
                for (k, t) in own.iter().enumerate() {
                    assert!(*t >= own[0] + k as u64 * spacing, "request {k} at {t}");
                }
            }
        }
    }

    #[test]
    fn a_run_makes_up_the_listing_round_trip_within_the_window() {
        // The submissions listing leaves at 0; its 100 filings are ready when it comes back,
        // 330 ms later.
        let mut ready = vec![0];
        ready.extend(std::iter::repeat_n(330 * MS, 100));
        let sent = simulate(&sec(), &[ready.clone()], None);
        let sent = &sent[0];
        // The nine after the listing catch up at twice the even pace; from the 11th on the run is
        // back on the even schedule it started: the 101st leaves 10 windows after the first.
        assert_eq!(&sent[..3], &[0, 330 * MS, 383 * MS]);
        assert_eq!(sent[10], 1_050 * MS);
        assert_eq!(sent[100], 10_500 * MS);
        // Spaced evenly, the round trip is never made up: 225 ms later.
        let even = Limit {
            count: 1,
            window: Duration::from_millis(105),
            min_gap: Duration::ZERO,
            catch_up: Duration::ZERO,
        };
        let sent = simulate(&even, &[ready], None);
        assert_eq!(sent[0][100], 10_725 * MS);
    }

    #[test]
    fn a_run_starting_with_work_queued_keeps_the_even_pace() {
        let sent = simulate(&sec(), &[vec![0; 30]], None);
        let expected: Vec<u64> = (0..30).map(|k| k * 105 * MS).collect();
        assert_eq!(sent[0], expected);
    }

    #[test]
    fn the_file_of_an_evenly_spacing_remit_is_kept_to() {
        let limit = sec();
        let now = 1_000_000 * MS;
        // Its next request may leave 60 ms from now (it sent 45 ms ago).
        let older = State::parse(&format!("next_us={}\n", now + 60 * MS), now, &limit);
        assert_eq!(older.earliest(&limit), now - 45 * MS + 1_050 * MS);
        // What this one writes tells that remit when it may send.
        let mut state = State::default();
        assert_eq!(state.take(now, 0, &limit), None);
        let text = state.render(&limit);
        assert!(text.contains(&format!("sent_us={now}\n")), "{text}");
        assert!(
            text.contains(&format!("next_us={}\n", now + 52_500)),
            "{text}"
        );
        assert_eq!(State::parse(&text, now, &limit), state);
        // A stale file (a time hours ahead) is ignored.
        let stale = State::parse(
            &format!("sent_us={}\nhold_us=0\n", now + 4 * 3_600_000 * MS),
            now,
            &limit,
        );
        assert_eq!(stale, State::default());
    }

    #[test]
    fn two_handles_on_one_file_never_hand_out_close_slots() {
        let dir = tempfile::tempdir().expect("temp dir");
        let spacing = Duration::from_millis(100);
        let a = Budget::open(dir.path(), "h", spacing).expect("a");
        let b = Budget::open(dir.path(), "h", spacing).expect("b");
        // The first turn is free; right after it, the other handle must wait about one spacing,
        // and so must the first again: the turn is one for both.
        assert_eq!(a.try_take(Duration::ZERO).expect("turn"), Duration::ZERO);
        let wait = b.try_take(Duration::ZERO).expect("turn");
        assert!(wait > Duration::from_millis(90), "{wait:?}");
        assert!(a.try_take(Duration::ZERO).expect("turn") > Duration::from_millis(80));
        std::thread::sleep(wait);
        assert_eq!(b.try_take(Duration::ZERO).expect("turn"), Duration::ZERO);
        // A hold pushes every later turn past it, whichever handle asks.
        a.hold(Duration::from_secs(5)).expect("hold");
        assert!(b.try_take(Duration::ZERO).expect("turn") >= Duration::from_millis(4900));
        // Another host's budget is its own.
        let c = Budget::open(dir.path(), "other", spacing).expect("c");
        assert_eq!(c.try_take(Duration::ZERO).expect("turn"), Duration::ZERO);
    }
}
