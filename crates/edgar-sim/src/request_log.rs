//! Every request the simulator saw, with its arrival time, so tests can check the client's pace.

use std::sync::Mutex;
use std::time::Duration;

/// A fault the simulator injected into one answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// 500, 502 or 503.
    ServerError,
    /// 429 with `Retry-After`.
    RetryAfter,
    /// Body cut short of its `Content-Length`.
    Truncated,
    /// Connection closed without an answer.
    Reset,
}

/// One request as the simulator saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRecord {
    /// When the request head arrived, since the server started.
    pub at: Duration,
    pub path: String,
    pub user_agent: Option<String>,
    /// The status sent (for a truncated body: the status of the cut answer); 0 for a reset.
    pub status: u16,
    pub fault: Option<Fault>,
}

#[derive(Debug, Default)]
pub(crate) struct RequestLog {
    records: Mutex<Vec<RequestRecord>>,
}

impl RequestLog {
    pub fn push(&self, record: RequestRecord) {
        // A poisoned lock only means another connection task panicked mid-push; the data is intact.
        let mut records = self.records.lock().unwrap_or_else(|e| e.into_inner());
        records.push(record);
    }

    pub fn snapshot(&self) -> Vec<RequestRecord> {
        let mut records = self
            .records
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        records.sort_by_key(|r| r.at);
        records
    }

    /// The most requests whose arrival falls in any half-open window `[t, t + window)`.
    pub fn max_in_window(&self, window: Duration) -> usize {
        let arrivals: Vec<Duration> = self.snapshot().iter().map(|r| r.at).collect();
        most_in_window(&arrivals, window)
    }
}

/// `arrivals` sorted ascending.
pub(crate) fn most_in_window(arrivals: &[Duration], window: Duration) -> usize {
    let mut most = 0;
    let mut first = 0;
    for (last, at) in arrivals.iter().enumerate() {
        while arrivals
            .get(first)
            .is_some_and(|start| *at >= start.saturating_add(window))
        {
            first += 1;
        }
        most = most.max(last + 1 - first);
    }
    most
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(values: &[u64]) -> Vec<Duration> {
        values.iter().map(|v| Duration::from_millis(*v)).collect()
    }

    #[test]
    fn window_is_half_open() {
        let second = Duration::from_secs(1);
        // 0 and 1000 are a full second apart: never in the same window.
        assert_eq!(most_in_window(&ms(&[0, 1000]), second), 1);
        assert_eq!(most_in_window(&ms(&[0, 999]), second), 2);
        assert_eq!(
            most_in_window(&ms(&[0, 100, 200, 1100, 1150, 1190, 1199]), second),
            5
        );
        assert_eq!(most_in_window(&[], second), 0);
    }
}
