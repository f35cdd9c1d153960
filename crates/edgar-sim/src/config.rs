//! How the simulator behaves: fair-access threshold, paging, injected faults.

use std::time::Duration;

/// How SEC answers a client over the rate threshold (edgar.md: 403, lately 429; never `Retry-After`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BlockAnswer {
    /// HTTP 403 with the threshold page.
    #[default]
    Forbidden403,
    /// HTTP 429 with the same page and no `Retry-After`.
    TooMany429,
}

impl BlockAnswer {
    pub(crate) fn status(self) -> u16 {
        match self {
            BlockAnswer::Forbidden403 => 403,
            BlockAnswer::TooMany429 => 429,
        }
    }
}

/// The fair-access rule: over `limit_per_sec` requests in any sliding second blocks the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Threshold {
    /// Requests allowed in any one-second window (SEC: 10).
    pub limit_per_sec: u32,
    /// How long the client must stay quiet before the block lifts (SEC: 10 minutes).
    pub lockout: Duration,
    /// 403 or 429.
    pub answer: BlockAnswer,
}

impl Default for Threshold {
    fn default() -> Threshold {
        Threshold {
            limit_per_sec: 10,
            lockout: Duration::from_secs(600),
            answer: BlockAnswer::Forbidden403,
        }
    }
}

/// A block that another client on the same address brings on: from the `at_request`-th request
/// (1-based, counting every request) every client is refused for `lasts`, and each request during
/// the block restarts it, as SEC's does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ForeignBlock {
    pub at_request: u64,
    pub lasts: Duration,
}

/// Everything about the simulator except its filings.
///
/// Fault rates are shares of the requests that pass the fair-access gate; they are drawn in that
/// order (reset, 5xx, polite 429, truncation) from one RNG seeded with `seed`, and their sum is
/// meant to stay below 1.
#[derive(Debug, Clone, PartialEq)]
pub struct SimConfig {
    /// Uniform latency `min..=max` added before each response.
    pub latency: (Duration, Duration),
    /// Share answered 500, 502 or 503.
    pub error_rate: f64,
    /// Share whose body is cut short of its declared `Content-Length`, then the connection closed.
    pub truncate_rate: f64,
    /// Share whose connection is dropped without any response.
    pub reset_rate: f64,
    /// Share answered 429 with `Retry-After: 1` (a polite throttle, not the threshold block).
    pub retry_after_rate: f64,
    /// Send every body in chunks spread over this time.
    pub slow_body: Option<Duration>,
    /// The fair-access block; `None` turns it off.
    pub threshold: Option<Threshold>,
    /// Each request's arrival is delayed by a uniform `0..=arrival_jitter` before it is counted,
    /// logged and answered: an uneven network path. Windows are counted on arrival times.
    pub arrival_jitter: Duration,
    /// A block brought on by another client on the same address.
    pub foreign_block: Option<ForeignBlock>,
    /// From this request on (1-based), every request gets the "Undeclared Automated Tool" page,
    /// as when SEC stops accepting a User-Agent.
    pub undeclared_from_request: Option<u64>,
    /// Accessions whose submission (any URL naming it) is answered 503, every time, until
    /// `SimHandle::heal_filing`.
    pub failing_accessions: Vec<String>,
    /// Filings per CIK in the submissions `recent` arrays; older ones go to page files of this size.
    pub recent_limit: usize,
    pub seed: u64,
}

impl Default for SimConfig {
    fn default() -> SimConfig {
        SimConfig {
            latency: (Duration::ZERO, Duration::ZERO),
            error_rate: 0.0,
            truncate_rate: 0.0,
            reset_rate: 0.0,
            retry_after_rate: 0.0,
            slow_body: None,
            threshold: Some(Threshold::default()),
            arrival_jitter: Duration::ZERO,
            foreign_block: None,
            undeclared_from_request: None,
            failing_accessions: Vec::new(),
            recent_limit: 1000,
            seed: 0,
        }
    }
}
