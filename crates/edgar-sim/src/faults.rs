//! Injected faults, drawn from one seeded RNG so a run can be repeated.

use std::sync::Mutex;
use std::time::Duration;

use crate::config::SimConfig;
use crate::request_log::Fault;

/// What happens to one request that passed the fair-access gate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Plan {
    pub latency: Duration,
    pub fault: Option<Fault>,
    /// For `ServerError`: which of 500/502/503.
    pub error_status: u16,
    /// For `Truncated`: the share of the body that is sent, in `[0, 1)`.
    pub keep_share: f64,
}

#[derive(Debug)]
pub(crate) struct Faults {
    config: SimConfig,
    rng: Mutex<fastrand::Rng>,
}

impl Faults {
    pub fn new(config: &SimConfig) -> Faults {
        Faults {
            config: config.clone(),
            rng: Mutex::new(fastrand::Rng::with_seed(config.seed)),
        }
    }

    /// A uniform delay in `0..=max` for one arrival.
    pub fn arrival_delay(&self, max: Duration) -> Duration {
        if max.is_zero() {
            return Duration::ZERO;
        }
        let mut rng = self.rng.lock().unwrap_or_else(|e| e.into_inner());
        let span = max.as_micros().min(u128::from(u64::MAX)) as u64;
        Duration::from_micros(rng.u64(0..=span))
    }

    pub fn draw(&self) -> Plan {
        let mut rng = self.rng.lock().unwrap_or_else(|e| e.into_inner());
        let (min, max) = self.config.latency;
        let latency = if max > min {
            let span = (max - min).as_nanos().min(u128::from(u64::MAX)) as u64;
            min + Duration::from_nanos(rng.u64(0..=span))
        } else {
            min
        };
        let roll = rng.f64();
        let error_status = match rng.u8(0..3) {
            0 => 500,
            1 => 502,
            _ => 503,
        };
        let keep_share = rng.f64();
        let c = &self.config;
        // One roll against cumulative shares, so the rates are each one's share of all requests.
        let bands = [
            (c.reset_rate, Fault::Reset),
            (c.error_rate, Fault::ServerError),
            (c.retry_after_rate, Fault::RetryAfter),
            (c.truncate_rate, Fault::Truncated),
        ];
        let mut edge = 0.0;
        let mut fault = None;
        for (rate, kind) in bands {
            edge += rate.max(0.0);
            if roll < edge {
                fault = Some(kind);
                break;
            }
        }
        Plan {
            latency,
            fault,
            error_status,
            keep_share,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_faults_at_the_configured_shares() {
        let config = SimConfig {
            error_rate: 0.10,
            truncate_rate: 0.02,
            reset_rate: 0.05,
            latency: (Duration::from_millis(100), Duration::from_millis(200)),
            seed: 7,
            ..SimConfig::default()
        };
        let plans = |faults: Faults| (0..10_000).map(|_| faults.draw()).collect::<Vec<_>>();
        let first = plans(Faults::new(&config));
        assert_eq!(first, plans(Faults::new(&config)));
        let count = |kind| first.iter().filter(|p| p.fault == Some(kind)).count();
        assert!(
            (900..=1100).contains(&count(Fault::ServerError)),
            "{}",
            count(Fault::ServerError)
        );
        assert!(
            (140..=260).contains(&count(Fault::Truncated)),
            "{}",
            count(Fault::Truncated)
        );
        assert!(
            (400..=600).contains(&count(Fault::Reset)),
            "{}",
            count(Fault::Reset)
        );
        assert_eq!(count(Fault::RetryAfter), 0);
        assert!(first
            .iter()
            .all(|p| p.latency >= Duration::from_millis(100)
                && p.latency <= Duration::from_millis(200)));
    }
}
