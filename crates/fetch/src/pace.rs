//! The one gate every request of a client passes: the shared request budget, a bound on requests
//! in flight, and SEC's block waited out (never extended).
//!
//! A block runs like this: the first refused answer stops every request; the cool-down is
//! counted from the last refused answer (requests already in flight may still come back refused);
//! then a single probe goes out. While probes are refused, the wait before the next one doubles
//! (capped); only after a probe succeeds do requests resume at full speed. A block that lasts
//! longer than the configured limit ends the run with [`Error::Blocked`].

use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::Duration;

use tokio::sync::{Semaphore, SemaphorePermit};
use tokio::time::Instant;

use crate::budget::{Budget, Limit};
use crate::error::Error;

/// How often a request held by a block looks again (cheap: a mutex read).
const BLOCK_POLL: Duration = Duration::from_millis(20);

/// The time between two consecutive requests for a limit of `rate` per sliding second, with
/// `jitter` of network allowance.
///
/// With a burst of one, consecutive grants are at least this far apart, so any `rate + 1`
/// requests span at least `1 s + jitter` at the client. SEC counts them where they arrive: an
/// uneven network delay of up to `jitter` can bring two requests closer by that much, and the
/// allowance keeps them a full second apart there too. Each 10 ms of allowance costs about 1 % of
/// throughput (10 requests per 1.05 s is 9.52/s).
pub(crate) fn spacing(rate: NonZeroU32, jitter: Duration) -> Duration {
    (Duration::from_secs(1) + jitter) / rate.get()
}

/// What the budget adds to each window for the client's own timing: the moment it records is
/// when it let the request go, and the request reaches the socket a little later (another thread
/// writes it), later still on a busy machine. Without it, ten requests let go exactly one window
/// apart could arrive closer than the network allowance provides for.
const SEND_MARGIN: Duration = Duration::from_millis(5);

/// SEC's limit as the shared budget applies it: at most `rate` requests in any `1 s + jitter`
/// (plus [`SEND_MARGIN`]), so at most `rate` in any second where they arrive; consecutive
/// requests at least half the even spacing apart; and a run that fell behind its even pace
/// making up at most one window.
///
/// Half the spacing: a run catches up at no more than twice its even pace (a burst of ten at
/// once is within SEC's count, but nothing needs it). One window: what a run can lose to a
/// round trip (the submissions listing before the first filing) is well within it, and a run
/// coming out of a long wait (a block) resumes with at most one window at the faster pace.
pub(crate) fn limit(rate: NonZeroU32, jitter: Duration) -> Limit {
    let window = Duration::from_secs(1) + jitter + SEND_MARGIN;
    Limit {
        count: rate.get() as usize,
        window,
        min_gap: spacing(rate, jitter) / 2,
        catch_up: window,
    }
}

/// How a block is waited out.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BlockPolicy {
    /// Quiet time after the last refused answer before the first probe.
    pub cooldown: Duration,
    /// Longest wait between two probes.
    pub max_probe_interval: Duration,
    /// A block lasting longer than this stops the run.
    pub give_up_after: Duration,
}

#[derive(Debug, Clone, Copy)]
enum Phase {
    Open,
    Blocked {
        /// The first refused answer of the episode.
        since: Instant,
        /// When the next probe may go.
        probe_at: Instant,
        /// Refused probes so far.
        refused_probes: u32,
        probe_out: bool,
    },
}

/// A request let through: its slot in flight, and whether it is the block's single probe.
#[derive(Debug)]
pub(crate) struct Admission<'a> {
    _slot: Option<SemaphorePermit<'a>>,
    pub probe: bool,
}

/// Shared by every task of one client.
#[derive(Debug)]
pub(crate) struct Pace {
    budget: Budget,
    in_flight: Semaphore,
    policy: BlockPolicy,
    phase: Mutex<Phase>,
    lag: Mutex<Lag>,
}

/// How long lateness is remembered: a busy spell (a build next to a cron job) lasts seconds.
const LAG_MEMORY: Duration = Duration::from_secs(10);

/// What a timer of tokio's may be late by on an idle machine (it rounds up to the millisecond).
const TIMER_GRAIN: Duration = Duration::from_millis(2);

/// How late this process's own timers have been firing lately, as a measure of how late its
/// requests reach the socket after the budget lets them go.
///
/// [`SEND_MARGIN`] covers that delay on a machine with CPU to spare. On a loaded one a thread
/// waits tens of milliseconds for a CPU, between the budget's decision and hyper's write as much
/// as between a sleep's deadline and its wake-up: a request recorded at `t` then leaves at
/// `t + 30 ms`, and with the network's full allowance on top the 11th request of a window can
/// arrive within a second of the first. The lateness the budget's own sleeps show is added to
/// the window while it lasts, so a starved process slows down instead of counting on time it
/// does not have.
#[derive(Debug, Default)]
struct Lag {
    worst: Duration,
    since: Option<Instant>,
}

impl Lag {
    fn observe(&mut self, late: Duration, now: Instant) {
        let remembered = self
            .since
            .is_some_and(|since| now.saturating_duration_since(since) <= LAG_MEMORY);
        if !remembered || late >= self.worst {
            self.worst = late;
            self.since = Some(now);
        }
    }

    /// What to add to the window now.
    fn margin(&self, now: Instant) -> Duration {
        match self.since {
            Some(since) if now.saturating_duration_since(since) <= LAG_MEMORY => self
                .worst
                .saturating_sub(TIMER_GRAIN)
                .min(Duration::from_secs(1)),
            _ => Duration::ZERO,
        }
    }
}

impl Pace {
    pub fn new(budget: Budget, concurrency: usize, policy: BlockPolicy) -> Pace {
        Pace {
            budget,
            in_flight: Semaphore::new(concurrency.max(1)),
            policy,
            phase: Mutex::new(Phase::Open),
            lag: Mutex::default(),
        }
    }

    fn phase(&self) -> std::sync::MutexGuard<'_, Phase> {
        self.phase.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn lag(&self) -> std::sync::MutexGuard<'_, Lag> {
        self.lag.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn is_open(&self) -> bool {
        matches!(*self.phase(), Phase::Open)
    }

    /// Waits until this request may go: no block (or its turn to probe), a slot in flight, and
    /// its slot in the shared budget, in that order.
    ///
    /// The slot in flight is taken *before* the budget: a request the budget has let through is
    /// then sent at once. Taken after, requests granted while every slot was busy would queue up
    /// and leave together when slots free, bunching above the rate.
    pub async fn admit(&self) -> Result<Admission<'_>, Error> {
        loop {
            let probe = self.wait_for_turn().await?;
            // The semaphore is never closed, so `acquire` cannot fail; without a slot the request
            // still observes the budget below.
            let slot = self.in_flight.acquire().await.ok();
            // A block may have begun while this request waited for a slot: it must not take a
            // turn in the budget, or the probe would queue behind turns nobody uses.
            if !probe && !self.is_open() {
                continue;
            }
            // Decided when the request leaves, never reserved ahead: see `budget.rs`.
            loop {
                let wait = self.budget.try_take(self.lag().margin(Instant::now()))?;
                if wait.is_zero() {
                    break;
                }
                let due = Instant::now() + wait;
                tokio::time::sleep(wait).await;
                let now = Instant::now();
                self.lag().observe(now.saturating_duration_since(due), now);
                if !probe && !self.is_open() {
                    break;
                }
            }
            // A block may have begun while this request waited its turn: it must not go out.
            if probe || self.is_open() {
                return Ok(Admission { _slot: slot, probe });
            }
        }
    }

    /// Returns `false` for an ordinary request when the client is open, `true` when this request
    /// is to be the block's probe; waits while another probe is out or the back-off runs.
    async fn wait_for_turn(&self) -> Result<bool, Error> {
        loop {
            let now = Instant::now();
            let wait = {
                let mut phase = self.phase();
                match &mut *phase {
                    Phase::Open => return Ok(false),
                    Phase::Blocked {
                        since, probe_at, ..
                    } if now.duration_since(*since) > self.policy.give_up_after => {
                        return Err(
                            self.gave_up(now - *since, probe_at.saturating_duration_since(now))
                        )
                    }
                    Phase::Blocked {
                        probe_at,
                        probe_out,
                        ..
                    } => {
                        if !*probe_out && now >= *probe_at {
                            *probe_out = true;
                            tracing::warn!("SEC block: sending one probe request");
                            return Ok(true);
                        }
                        probe_at.saturating_duration_since(now)
                    }
                }
            };
            tokio::time::sleep(wait.clamp(Duration::from_millis(1), BLOCK_POLL)).await;
        }
    }

    fn gave_up(&self, blocked_for: Duration, until_probe: Duration) -> Error {
        let retry_at = chrono::Local::now()
            + chrono::Duration::from_std(until_probe.max(self.policy.cooldown))
                .unwrap_or_else(|_| chrono::Duration::minutes(10));
        Error::Blocked {
            blocked_for: Duration::from_millis(blocked_for.as_millis() as u64),
            limit: self.policy.give_up_after,
            retry_at: retry_at.format("%Y-%m-%d %H:%M:%S %Z").to_string(),
        }
    }

    /// Records SEC's threshold answer to a request (a probe or one that was already in flight);
    /// true if it began a new block.
    pub fn refused(&self, probe: bool) -> bool {
        let now = Instant::now();
        let policy = self.policy;
        let mut phase = self.phase();
        let (began, hold) = match &mut *phase {
            Phase::Open => {
                *phase = Phase::Blocked {
                    since: now,
                    probe_at: now + policy.cooldown,
                    refused_probes: 0,
                    probe_out: false,
                };
                tracing::warn!(
                    "SEC's Request Rate Threshold Exceeded answer: stopping every request; one probe \
                     after {:?} without any refused answer (asking during the block extends it)",
                    policy.cooldown
                );
                (true, policy.cooldown)
            }
            Phase::Blocked {
                probe_at,
                refused_probes,
                probe_out,
                ..
            } => {
                let wait = if probe {
                    *refused_probes += 1;
                    *probe_out = false;
                    let wait = policy
                        .cooldown
                        .saturating_mul(1 << (*refused_probes).min(16))
                        .min(policy.max_probe_interval);
                    tracing::warn!(
                        refused_probes = *refused_probes,
                        "probe refused: SEC still blocks; next probe in {wait:?}"
                    );
                    wait
                } else if *refused_probes == 0 {
                    // A request already in flight when the block began: the cool-down restarts
                    // from this answer, the last refused one.
                    policy.cooldown
                } else {
                    policy.cooldown.min(policy.max_probe_interval)
                };
                *probe_at = (*probe_at).max(now + wait);
                (false, probe_at.saturating_duration_since(now))
            }
        };
        drop(phase);
        // Every other remit process of this user stops too: SEC blocks the address.
        if let Err(e) = self.budget.hold(hold) {
            tracing::warn!("cannot share the block with other remit runs: {e}");
        }
        began
    }

    /// Records any answer other than the threshold one. A probe that got one ends the block; a
    /// probe that got no answer at all (a reset, a timeout) lets the next request probe instead.
    pub fn answered(&self, probe: bool, conclusive: bool) {
        if !probe {
            return;
        }
        let mut phase = self.phase();
        if let Phase::Blocked {
            since, probe_out, ..
        } = &mut *phase
        {
            if conclusive {
                tracing::warn!(
                    "probe answered: SEC's block is over after {:?}; resuming full speed",
                    Duration::from_millis(since.elapsed().as_millis() as u64)
                );
                *phase = Phase::Open;
            } else {
                *probe_out = false;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pace(dir: &std::path::Path, concurrency: usize, policy: BlockPolicy) -> Pace {
        let ten = NonZeroU32::new(10).unwrap_or(NonZeroU32::MIN);
        let budget =
            Budget::open(dir, "test", spacing(ten, Duration::from_millis(50))).expect("budget");
        Pace::new(budget, concurrency, policy)
    }

    fn policy(cooldown_ms: u64) -> BlockPolicy {
        BlockPolicy {
            cooldown: Duration::from_millis(cooldown_ms),
            max_probe_interval: Duration::from_millis(cooldown_ms * 2),
            give_up_after: Duration::from_secs(60),
        }
    }

    #[test]
    fn ten_per_second_with_50_ms_allowance_spaces_requests_105_ms_apart() {
        let ten = NonZeroU32::new(10).unwrap_or(NonZeroU32::MIN);
        let s = spacing(ten, Duration::from_millis(50));
        assert_eq!(s, Duration::from_millis(105));
        // Eleven requests then span 1.05 s: never eleven in one second even if arrivals shift by
        // up to 50 ms against each other.
        assert!(s * 10 >= Duration::from_millis(1050));
        assert_eq!(
            spacing(NonZeroU32::MIN, Duration::ZERO),
            Duration::from_secs(1)
        );
    }

    #[test]
    fn late_timers_widen_the_window_while_they_last() {
        let start = Instant::now();
        let mut lag = Lag::default();
        assert_eq!(lag.margin(start), Duration::ZERO);
        // An idle machine: a timer a millisecond late adds nothing.
        lag.observe(Duration::from_millis(1), start);
        assert_eq!(lag.margin(start), Duration::ZERO);
        // A starved one: 32 ms late, and the worst is kept while the spell lasts.
        lag.observe(Duration::from_millis(32), start);
        lag.observe(Duration::from_millis(5), start + Duration::from_secs(1));
        assert_eq!(
            lag.margin(start + Duration::from_secs(2)),
            Duration::from_millis(30)
        );
        // Forgotten after LAG_MEMORY without as bad a wake-up; the next one starts afresh.
        let later = start + LAG_MEMORY + Duration::from_secs(1);
        assert_eq!(lag.margin(later), Duration::ZERO);
        lag.observe(Duration::from_millis(4), later);
        assert_eq!(lag.margin(later), Duration::from_millis(2));
    }

    #[tokio::test]
    async fn no_more_requests_in_flight_than_the_concurrency() {
        let dir = tempfile::tempdir().expect("temp dir");
        let pace = pace(dir.path(), 2, policy(100));
        let first = pace.admit().await.expect("first");
        let second = pace.admit().await.expect("second");
        // Two slots taken: a third request must wait however long, until one is given back.
        let third = tokio::time::timeout(Duration::from_millis(400), pace.admit()).await;
        assert!(
            third.is_err(),
            "a third request went out with two in flight"
        );
        drop(first);
        let third = tokio::time::timeout(Duration::from_millis(400), pace.admit()).await;
        assert!(
            matches!(third, Ok(Ok(_))),
            "a freed slot lets the next one go"
        );
        drop(second);
    }

    #[tokio::test]
    async fn a_block_holds_everything_until_a_single_probe_succeeds() {
        let dir = tempfile::tempdir().expect("temp dir");
        let pace = pace(dir.path(), 4, policy(150));
        assert!(pace.refused(false));
        assert!(!pace.refused(false), "a second answer is the same block");
        let start = Instant::now();
        let probe = pace.admit().await.expect("probe");
        assert!(probe.probe);
        assert!(start.elapsed() >= Duration::from_millis(150));
        // While the probe is out, nothing else goes.
        let other = tokio::time::timeout(Duration::from_millis(300), pace.admit()).await;
        assert!(other.is_err(), "a request went out beside the probe");
        // Refused: the next probe waits twice the cool-down (capped at 300 ms).
        pace.refused(true);
        drop(probe);
        let refused_at = Instant::now();
        let probe = pace.admit().await.expect("second probe");
        assert!(probe.probe);
        assert!(refused_at.elapsed() >= Duration::from_millis(300));
        pace.answered(true, true);
        drop(probe);
        let open = pace.admit().await.expect("open");
        assert!(!open.probe);
    }

    #[tokio::test]
    async fn a_block_longer_than_the_limit_is_an_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let pace = pace(
            dir.path(),
            2,
            BlockPolicy {
                give_up_after: Duration::from_millis(200),
                ..policy(100)
            },
        );
        pace.refused(false);
        let probe = pace.admit().await.expect("probe");
        pace.refused(probe.probe);
        drop(probe);
        let error = pace.admit().await.expect_err("gave up");
        assert!(error.is_blocked(), "{error}");
        assert!(error.to_string().contains("Try again after"), "{error}");
    }
}
