//! Counters of what the client did, readable at any time (progress bars, run summaries).

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};

/// Why an attempt was retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cause {
    /// HTTP 5xx (or 408).
    ServerError,
    Timeout,
    /// Connection refused, reset or closed before an answer.
    Connection,
    /// Fewer bytes than the declared `Content-Length`.
    Truncated,
    /// A polite 429/503 with `Retry-After`.
    RetryAfter,
    /// Status 200, but the body is not the resource (an HTML error page, ...).
    UnexpectedBody,
}

impl Cause {
    pub fn label(self) -> &'static str {
        match self {
            Cause::ServerError => "5xx",
            Cause::Timeout => "timeout",
            Cause::Connection => "reset",
            Cause::Truncated => "truncated",
            Cause::RetryAfter => "retry-after",
            Cause::UnexpectedBody => "unexpected body",
        }
    }
}

/// Retries by cause.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RetryCounts {
    pub server_error: u64,
    pub timeout: u64,
    pub connection: u64,
    pub truncated: u64,
    pub retry_after: u64,
    pub unexpected_body: u64,
}

impl RetryCounts {
    pub fn total(&self) -> u64 {
        self.server_error
            + self.timeout
            + self.connection
            + self.truncated
            + self.retry_after
            + self.unexpected_body
    }
}

/// A snapshot of one client's counters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FetchStats {
    /// Requests sent, retries and requests answered by a block included.
    pub requests: u64,
    /// Bodies handed to the caller.
    pub fetched: u64,
    /// Bytes of those bodies.
    pub bytes: u64,
    pub retries: RetryCounts,
    /// Rate-threshold episodes (each paused every request for the cool-down).
    pub blocks: u64,
    /// URLs given up as permanent (403, 404, too large, ...).
    pub permanent: u64,
}

impl fmt::Display for FetchStats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = &self.retries;
        write!(
            f,
            "{} requests, {} bodies ({:.1} MB), {} retries ({} 5xx, {} timeout, {} reset, \
             {} truncated, {} retry-after, {} unexpected body), {} rate-threshold blocks, \
             {} permanent failures",
            self.requests,
            self.fetched,
            self.bytes as f64 / 1e6,
            r.total(),
            r.server_error,
            r.timeout,
            r.connection,
            r.truncated,
            r.retry_after,
            r.unexpected_body,
            self.blocks,
            self.permanent
        )
    }
}

/// The live counters behind [`FetchStats`].
#[derive(Debug, Default)]
pub(crate) struct Counters {
    requests: AtomicU64,
    fetched: AtomicU64,
    bytes: AtomicU64,
    retries: [AtomicU64; 6],
    blocks: AtomicU64,
    permanent: AtomicU64,
}

fn bump(counter: &AtomicU64, by: u64) {
    counter.fetch_add(by, Ordering::Relaxed);
}

impl Counters {
    pub fn request(&self) {
        bump(&self.requests, 1);
    }

    pub fn fetched(&self, bytes: usize) {
        bump(&self.fetched, 1);
        bump(&self.bytes, bytes as u64);
    }

    pub fn retry(&self, cause: Cause) {
        let index = match cause {
            Cause::ServerError => 0,
            Cause::Timeout => 1,
            Cause::Connection => 2,
            Cause::Truncated => 3,
            Cause::RetryAfter => 4,
            Cause::UnexpectedBody => 5,
        };
        if let Some(counter) = self.retries.get(index) {
            bump(counter, 1);
        }
    }

    pub fn block(&self) {
        bump(&self.blocks, 1);
    }

    pub fn permanent(&self) {
        bump(&self.permanent, 1);
    }

    pub fn snapshot(&self) -> FetchStats {
        let load = |c: &AtomicU64| c.load(Ordering::Relaxed);
        let retry = |i: usize| self.retries.get(i).map_or(0, load);
        FetchStats {
            requests: load(&self.requests),
            fetched: load(&self.fetched),
            bytes: load(&self.bytes),
            retries: RetryCounts {
                server_error: retry(0),
                timeout: retry(1),
                connection: retry(2),
                truncated: retry(3),
                retry_after: retry(4),
                unexpected_body: retry(5),
            },
            blocks: load(&self.blocks),
            permanent: load(&self.permanent),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_snapshot_by_cause() {
        let counters = Counters::default();
        counters.request();
        counters.request();
        counters.retry(Cause::Truncated);
        counters.retry(Cause::ServerError);
        counters.retry(Cause::ServerError);
        counters.fetched(1500);
        let stats = counters.snapshot();
        assert_eq!(stats.requests, 2);
        assert_eq!(stats.retries.server_error, 2);
        assert_eq!(stats.retries.truncated, 1);
        assert_eq!(stats.retries.total(), 3);
        assert_eq!(stats.bytes, 1500);
        assert!(stats
            .to_string()
            .starts_with("2 requests, 1 bodies (0.0 MB), 3 retries (2 5xx"));
    }
}
