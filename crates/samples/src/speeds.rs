//! Prepayment and default speeds with their 3-month, 12-month and since-cut-off averages,
//! computed the way the statement's methodology pages describe.

use std::collections::VecDeque;

/// What one month contributes to the averages of one column (ADJUSTABLE, FIXED or TOTAL).
#[derive(Debug, Clone, Copy)]
pub(crate) struct MonthRates {
    pub smm: f64,
    pub mdr: f64,
    pub seasoning: f64,
    pub severity: Option<f64>,
}

/// A speed as printed: current month, 3-month average, 12-month average (blank until the
/// deal is a year old, as in the fixture), since cut-off.
pub(crate) type Averaged = [Option<f64>; 4];

#[derive(Debug, Clone, Default)]
pub(crate) struct Speeds {
    pub smm: Averaged,
    pub cpr: Averaged,
    pub psa: Averaged,
    pub mdr: Averaged,
    pub cdr: Averaged,
    pub sda: Averaged,
    pub severity: Averaged,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct RateHistory {
    recent: VecDeque<MonthRates>,
    all: Window,
}

/// Running sums over a run of months, so "since cut-off" never needs the whole history.
#[derive(Debug, Clone, Copy, Default)]
struct Window {
    months: u32,
    prepay_survival: f64,
    default_survival: f64,
    capped_seasoning: f64,
    seasoning: f64,
    severity_sum: f64,
    severity_months: u32,
}

impl Window {
    fn add(&mut self, m: &MonthRates) {
        self.months += 1;
        self.prepay_survival += (1.0 - m.smm).max(1e-12).ln();
        self.default_survival += (1.0 - m.mdr).max(1e-12).ln();
        self.capped_seasoning += m.seasoning.min(30.0);
        self.seasoning += m.seasoning;
        if let Some(s) = m.severity {
            self.severity_sum += s;
            self.severity_months += 1;
        }
    }

    /// SMM, CPR, PSA, MDR, CDR, SDA, severity averaged over the window.
    fn averages(&self) -> [Option<f64>; 7] {
        if self.months == 0 {
            return [None; 7];
        }
        let n = f64::from(self.months);
        let smm = 1.0 - (self.prepay_survival / n).exp();
        let mdr = 1.0 - (self.default_survival / n).exp();
        let cpr = annualise(smm);
        let cdr = annualise(mdr);
        let severity =
            (self.severity_months > 0).then(|| self.severity_sum / f64::from(self.severity_months));
        [
            Some(smm),
            Some(cpr),
            Some(psa(cpr, self.capped_seasoning / n)),
            Some(mdr),
            Some(cdr),
            Some(sda(cdr, self.seasoning / n)),
            severity,
        ]
    }
}

/// CPR = 1-((1-SMM)^12), and the same for CDR from MDR.
pub(crate) fn annualise(monthly: f64) -> f64 {
    1.0 - (1.0 - monthly).powi(12)
}

/// Multiples of 100% PSA: the fixture prints 10.3786408 for a CPR of 0.1998 at 9.6 months.
fn psa(cpr: f64, capped_seasoning: f64) -> f64 {
    let base = 0.002 * capped_seasoning.min(30.0);
    if base > 0.0 {
        cpr / base
    } else {
        0.0
    }
}

/// Multiples of 100% SDA, with the ramp-down after month 60 the methodology page prints.
fn sda(cdr: f64, seasoning: f64) -> f64 {
    let capped = seasoning.min(30.0);
    let base = if seasoning < 61.0 {
        capped * 0.0002
    } else {
        (capped * 0.0002 - 0.000_009_5 * (seasoning - 60.0)).max(0.0003)
    };
    if base > 0.0 {
        cdr / base
    } else {
        0.0
    }
}

impl RateHistory {
    pub(crate) fn record(&mut self, month: MonthRates) -> Speeds {
        self.all.add(&month);
        self.recent.push_back(month);
        if self.recent.len() > 12 {
            self.recent.pop_front();
        }
        let window = |count: usize| {
            let mut w = Window::default();
            for m in self.recent.iter().rev().take(count) {
                w.add(m);
            }
            w
        };
        let current = window(1).averages();
        let three = window(3).averages();
        let twelve = if self.all.months >= 12 {
            window(12).averages()
        } else {
            [None; 7]
        };
        let since = self.all.averages();
        let pick = |i: usize| [current[i], three[i], twelve[i], since[i]];
        Speeds {
            smm: pick(0),
            cpr: pick(1),
            psa: pick(2),
            mdr: pick(3),
            cdr: pick(4),
            sda: pick(5),
            severity: pick(6),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn psa_matches_the_fixture() {
        // Fixture, adjustable group: CPR 0.199751577 at seasoning 9.62320504 -> PSA 10.3786408.
        let value = psa(0.199_751_577, 9.623_205_04);
        assert!((value - 10.378_640_8).abs() < 1e-6, "{value}");
        // Fixed group, seasoning over 30: 0.40498654 -> 6.749775672.
        assert!((psa(0.404_986_54, 60.127) - 6.749_775_67).abs() < 1e-6);
    }

    #[test]
    fn twelve_month_average_waits_for_a_year() {
        let mut history = RateHistory::default();
        let month = MonthRates {
            smm: 0.01,
            mdr: 0.0,
            seasoning: 5.0,
            severity: None,
        };
        for _ in 0..11 {
            assert_eq!(history.record(month).smm[2], None);
        }
        let speeds = history.record(month);
        let twelve = speeds.smm[2].unwrap_or_default();
        assert!((twelve - 0.01).abs() < 1e-12);
        assert_eq!(speeds.severity, [None; 4]);
    }
}
