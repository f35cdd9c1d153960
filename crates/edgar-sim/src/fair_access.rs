//! SEC's fair-access rules: a declared User-Agent, and no more than the limit in any second.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::config::Threshold;

/// What the gate decided about one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    Pass,
    /// No User-Agent, or a browser's: "Undeclared Automated Tool".
    Undeclared,
    /// The client is (now) over the threshold.
    Blocked,
}

#[derive(Debug, Default)]
struct Client {
    /// Arrivals within the last second, oldest first.
    recent: VecDeque<Instant>,
    blocked_until: Option<Instant>,
}

#[derive(Debug, Default)]
struct State {
    clients: HashMap<IpAddr, Client>,
    /// A block begun by `SimHandle::block_now` or a foreign block, which applies to every client.
    everyone_until: Option<Instant>,
    /// How long that block lasts after the last request asked during it.
    everyone_lockout: Option<Duration>,
    /// A block of every client that begins with the next request to arrive.
    everyone_armed: bool,
}

#[derive(Debug)]
pub(crate) struct Gate {
    threshold: Option<Threshold>,
    state: Mutex<State>,
}

/// SEC wants a name and a contact email; a browser string without one is an undeclared tool.
pub(crate) fn is_declared(user_agent: Option<&str>) -> bool {
    match user_agent.map(str::trim) {
        None | Some("") => false,
        // A contact email redeems even a browser-like string.
        Some(ua) => !ua.contains("Mozilla") || ua.contains('@'),
    }
}

/// The most arrivals of `recent` (sorted) in any one second that includes `now`.
fn busiest_second_around(recent: &VecDeque<Instant>, now: Instant) -> usize {
    let second = Duration::from_secs(1);
    let mut most = 0;
    let mut first = 0;
    for (last, at) in recent.iter().enumerate() {
        while recent
            .get(first)
            .is_some_and(|start| *at >= start.checked_add(second).unwrap_or(*at))
        {
            first += 1;
        }
        let starts_by_now = recent.get(first).is_some_and(|start| *start <= now);
        if starts_by_now && *at >= now {
            most = most.max(last + 1 - first);
        }
    }
    most
}

impl Gate {
    pub fn new(threshold: Option<Threshold>) -> Gate {
        Gate {
            threshold,
            state: Mutex::default(),
        }
    }

    /// Count one request from `peer` arriving at `now` and judge it.
    ///
    /// Every request counts toward the rate, declared or not: SEC counts traffic, not manners.
    pub fn admit(&self, peer: IpAddr, user_agent: Option<&str>, now: Instant) -> Verdict {
        if self.everyone_blocked(now) {
            return Verdict::Blocked;
        }
        if let Some(threshold) = self.threshold {
            if self.over_threshold(peer, threshold, now) {
                return Verdict::Blocked;
            }
        }
        if is_declared(user_agent) {
            Verdict::Pass
        } else {
            Verdict::Undeclared
        }
    }

    /// True while a block of every client runs; a request during it restarts it.
    fn everyone_blocked(&self, now: Instant) -> bool {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let lockout = state.everyone_lockout.unwrap_or_default();
        if std::mem::take(&mut state.everyone_armed) {
            state.everyone_until = Some(
                now.checked_add(lockout)
                    .unwrap_or_else(|| now + Duration::from_secs(365 * 24 * 3600)),
            );
        }
        match state.everyone_until.as_mut() {
            // A request during a block extends it: the block lifts only after `lockout` of quiet.
            Some(until) if now < *until => {
                *until = now
                    .checked_add(lockout)
                    .unwrap_or_else(|| now + Duration::from_secs(365 * 24 * 3600));
                true
            }
            _ => false,
        }
    }

    fn over_threshold(&self, peer: IpAddr, threshold: Threshold, now: Instant) -> bool {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        // A lockout too long to represent means "for good"; a year stands in for it.
        let extended = now
            .checked_add(threshold.lockout)
            .unwrap_or_else(|| now + Duration::from_secs(365 * 24 * 3600));
        let client = state.clients.entry(peer).or_default();
        if let Some(until) = client.blocked_until.as_mut() {
            if now < *until {
                *until = extended;
                return true;
            }
            client.blocked_until = None;
        }
        // Arrivals are counted at read time plus the path's delay, so one can be judged after a
        // later one: the window is kept in arrival order, a little longer than a second back.
        let second = Duration::from_secs(1);
        let kept_from = now.checked_sub(2 * second);
        while client
            .recent
            .front()
            .is_some_and(|at| kept_from.is_some_and(|start| *at <= start))
        {
            client.recent.pop_front();
        }
        let at = client.recent.partition_point(|t| *t <= now);
        client.recent.insert(at, now);
        if busiest_second_around(&client.recent, now) > threshold.limit_per_sec as usize {
            tracing::warn!(%peer, limit = threshold.limit_per_sec, "request rate threshold exceeded; client blocked");
            client.blocked_until = Some(extended);
            client.recent.clear();
            return true;
        }
        false
    }

    /// Begin a threshold episode for every client, as if each had just gone over.
    pub fn block_now(&self, now: Instant) {
        self.block_for(now, self.threshold.unwrap_or_default().lockout);
    }

    /// Begin a block of every client with the next request to arrive, however long from now
    /// (a client process may take a while to start), as if it had gone over the limit.
    pub fn block_next(&self) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.everyone_lockout = Some(self.threshold.unwrap_or_default().lockout);
        state.everyone_armed = true;
    }

    /// Begin a block of every client lasting `lockout`, restarted by each request during it.
    pub fn block_for(&self, now: Instant, lockout: Duration) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.everyone_lockout = Some(lockout);
        state.everyone_until = Some(
            now.checked_add(lockout)
                .unwrap_or_else(|| now + Duration::from_secs(365 * 24 * 3600)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::BlockAnswer;

    #[test]
    fn user_agent_must_be_declared() {
        assert!(!is_declared(None));
        assert!(!is_declared(Some("  ")));
        assert!(!is_declared(Some(
            "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/128.0"
        )));
        assert!(is_declared(Some("Sample Research sample@example.org")));
        assert!(is_declared(Some(
            "Mozilla/5.0 compatible; research me@example.org"
        )));
    }

    #[test]
    fn eleventh_request_in_a_second_blocks_until_quiet() {
        let threshold = Threshold {
            limit_per_sec: 10,
            lockout: Duration::from_secs(5),
            answer: BlockAnswer::Forbidden403,
        };
        let gate = Gate::new(Some(threshold));
        let peer = IpAddr::from([127, 0, 0, 1]);
        let ua = Some("Sample sample@example.org");
        let start = Instant::now();
        let at = |ms: u64| start + Duration::from_millis(ms);
        for i in 0..10 {
            assert_eq!(
                gate.admit(peer, ua, at(i * 90)),
                Verdict::Pass,
                "request {i}"
            );
        }
        assert_eq!(gate.admit(peer, ua, at(950)), Verdict::Blocked);
        // Asking again at 4 s extends the block to 9 s.
        assert_eq!(gate.admit(peer, ua, at(4_000)), Verdict::Blocked);
        assert_eq!(gate.admit(peer, ua, at(8_999)), Verdict::Blocked);
        assert_eq!(gate.admit(peer, ua, at(14_000)), Verdict::Pass);
        // Another peer was never blocked.
        assert_eq!(
            gate.admit(IpAddr::from([127, 0, 0, 2]), ua, at(4_500)),
            Verdict::Pass
        );
    }

    #[test]
    fn an_arrival_judged_after_a_later_one_is_counted_where_it_arrived() {
        let gate = Gate::new(Some(Threshold::default()));
        let peer = IpAddr::from([127, 0, 0, 1]);
        let ua = Some("a a@b.c");
        let start = Instant::now() + Duration::from_secs(3);
        let at = |ms: u64| start + Duration::from_millis(ms);
        // Ten arrivals 100 ms apart from 100 ms, one of them (at 1,000) judged before the one
        // at 900: no second holds eleven.
        for ms in [100, 200, 300, 400, 500, 600, 700, 800, 1_000, 900] {
            assert_eq!(gate.admit(peer, ua, at(ms)), Verdict::Pass, "{ms} ms");
        }
        // One at 1,050 judged last: [100, 1,050] spans 950 ms and holds eleven.
        assert_eq!(gate.admit(peer, ua, at(1_050)), Verdict::Blocked);

        let gate = Gate::new(Some(Threshold::default()));
        // Judged late but arriving early: 0 ms comes in after ten from 1,000 to 1,900 ms, a
        // second apart from the last of them; nothing is over.
        for ms in (1_000..2_000).step_by(100) {
            assert_eq!(gate.admit(peer, ua, at(ms)), Verdict::Pass, "{ms} ms");
        }
        assert_eq!(gate.admit(peer, ua, at(0)), Verdict::Pass);
        // ... but 950 ms, judged late, makes eleven within [950, 1,900].
        assert_eq!(gate.admit(peer, ua, at(950)), Verdict::Blocked);
    }

    #[test]
    fn ten_per_second_spread_evenly_never_blocks() {
        let gate = Gate::new(Some(Threshold::default()));
        let peer = IpAddr::from([127, 0, 0, 1]);
        let start = Instant::now();
        for i in 0..100 {
            let now = start + Duration::from_millis(i * 100);
            assert_eq!(
                gate.admit(peer, Some("a a@b.c"), now),
                Verdict::Pass,
                "request {i}"
            );
        }
    }
}
