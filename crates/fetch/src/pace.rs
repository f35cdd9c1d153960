//! The one gate every request of a client passes: a sliding-window rate bound, a bound on
//! requests in flight, and the pause every request observes after SEC's rate-threshold answer.

use std::num::NonZeroU32;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use tokio::sync::{Semaphore, SemaphorePermit};
use tokio::time::Instant;

/// Headroom added to the spacing of requests, as a share of it (see [`spacing`]).
const MARGIN_PER_MILLE: u32 = 20;

/// The time between two consecutive requests for a limit of `rate` per sliding second.
///
/// A token bucket with a burst of N lets a full bucket go at once and then one more every 1/N s:
/// up to 2N-1 requests can fall inside one second, and SEC blocks anything over N. With a burst of
/// one, consecutive grants are at least `1/N` apart, so N+1 requests span at least a full second
/// and no one-second window holds more than N. The 2% margin (9.8/s for N = 10) absorbs the
/// jitter between granting a request and its arrival at the server (scheduling, the socket), which
/// would otherwise let two requests granted `1/N` apart land closer than that; it still leaves the
/// client at 0.98 of the limit.
pub(crate) fn spacing(rate: NonZeroU32) -> Duration {
    let base = Duration::from_secs(1) / rate.get();
    base + base * MARGIN_PER_MILLE / 1000
}

/// Shared by every task of one client.
#[derive(Debug)]
pub(crate) struct Pace {
    limiter: DefaultDirectRateLimiter,
    in_flight: Semaphore,
    cooldown: Duration,
    paused_until: Mutex<Option<Instant>>,
    /// Set while a threshold episode is open, so its end is logged once.
    episode_open: AtomicBool,
}

impl Pace {
    pub fn new(rate: NonZeroU32, concurrency: usize, cooldown: Duration) -> Pace {
        let quota = Quota::with_period(spacing(rate))
            .unwrap_or_else(|| Quota::per_second(rate))
            .allow_burst(NonZeroU32::MIN);
        Pace {
            limiter: RateLimiter::direct(quota),
            in_flight: Semaphore::new(concurrency.max(1)),
            cooldown,
            paused_until: Mutex::new(None),
            episode_open: AtomicBool::new(false),
        }
    }

    /// Waits for a slot in flight, the end of any pause and the limiter, in that order.
    ///
    /// The slot is taken *before* the limiter: a request the limiter has let through is then sent
    /// at once. Taken after, requests granted while every slot was busy would queue up and leave
    /// together when slots free, bunching above the rate.
    pub async fn admit(&self) -> Option<SemaphorePermit<'_>> {
        loop {
            self.wait_while_paused().await;
            // The semaphore is never closed, so `acquire` cannot fail; without a slot the request
            // still observes the rate limiter below.
            let slot = self.in_flight.acquire().await.ok();
            if self.is_paused() {
                continue;
            }
            self.limiter.until_ready().await;
            // A block may have begun while this request waited its turn: it must not go out.
            if self.is_paused() {
                continue;
            }
            return slot;
        }
    }

    /// Pauses every request for the cool-down; true if this began a new episode.
    pub fn pause(&self) -> bool {
        let now = Instant::now();
        let until = now + self.cooldown;
        let mut paused = self.paused_until.lock().unwrap_or_else(|e| e.into_inner());
        let began = !paused.is_some_and(|end| end > now);
        // Answers to requests already in flight extend the pause: SEC's block runs from the last
        // request it saw.
        *paused = Some(paused.map_or(until, |end| end.max(until)));
        self.episode_open.store(true, Ordering::SeqCst);
        began
    }

    fn paused_until(&self) -> Option<Instant> {
        *self.paused_until.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn is_paused(&self) -> bool {
        self.paused_until().is_some_and(|end| end > Instant::now())
    }

    async fn wait_while_paused(&self) {
        while let Some(end) = self.paused_until().filter(|end| *end > Instant::now()) {
            tokio::time::sleep_until(end).await;
        }
        if self.episode_open.swap(false, Ordering::SeqCst) {
            tracing::warn!("cool-down over: resuming requests to EDGAR");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_per_second_spaces_requests_102_ms_apart() {
        let ten = NonZeroU32::new(10).map(spacing);
        assert_eq!(ten, Some(Duration::from_millis(102)));
        // Eleven requests then span 1.02 s: never eleven in one second.
        assert!(ten.is_some_and(|s| s * 10 > Duration::from_secs(1)));
        assert_eq!(
            NonZeroU32::new(1).map(spacing),
            Some(Duration::from_millis(1020))
        );
    }

    #[tokio::test]
    async fn pause_holds_every_request_for_the_cooldown() {
        let pace = Pace::new(
            NonZeroU32::MIN.saturating_add(9),
            2,
            Duration::from_millis(150),
        );
        assert!(pace.pause());
        assert!(
            !pace.pause(),
            "a second answer in the same episode is not a new one"
        );
        let start = Instant::now();
        let slot = pace.admit().await;
        assert!(slot.is_some());
        assert!(start.elapsed() >= Duration::from_millis(150));
    }
}
