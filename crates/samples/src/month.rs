//! One trust from one distribution to the next: the pool groups, the bond waterfall and the
//! figures derived from history (speeds, rolling delinquency, to-date columns).

use std::collections::VecDeque;

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::pool::{weighted, GroupMonth, GroupState};
use crate::profile::{TrustProfile, ADJUSTABLE, FIXED};
use crate::speeds::{MonthRates, RateHistory, Speeds};

/// One bond class for one distribution. Dollars as unrounded floats: the trustee's
/// spreadsheet prints ten significant digits of them, fractional cents included.
#[derive(Debug, Clone, Default)]
pub(crate) struct ClassMonth {
    pub rate: f64,
    pub prior: f64,
    pub interest: f64,
    pub principal: f64,
    pub current: f64,
    pub interest_to_date: f64,
    pub unscheduled_to_date: f64,
    pub scheduled_to_date: f64,
}

impl ClassMonth {
    pub(crate) fn distribution(&self) -> f64 {
        self.interest + self.principal
    }
}

/// Everything one monthly statement prints.
#[derive(Debug, Clone)]
pub(crate) struct Statement {
    pub distribution: NaiveDate,
    pub accrual_start: NaiveDate,
    pub accrual_end: NaiveDate,
    pub record_date: NaiveDate,
    pub groups: [GroupMonth; 2],
    /// A, B, then Cert (which takes the excess interest).
    pub classes: [ClassMonth; 3],
    pub libor: f64,
    pub floor_payments: [i64; 7],
    pub net_excess: i64,
    pub extra_principal: i64,
    pub oc_current: i64,
    pub rolling_60: i64,
    pub rolling_90: i64,
    /// ADJUSTABLE, FIXED, TOTAL.
    pub speeds: [Speeds; 3],
    pub available_funds_rate: f64,
    pub net_mortgage_rate: f64,
    /// The REMIC tiers, when the statement is printed tiered.
    pub tiers: Option<Vec<crate::tiers::Tier>>,
}

impl Statement {
    pub(crate) fn derivative_payments(&self) -> i64 {
        self.floor_payments.iter().sum()
    }
}

/// The running state of one trust between distributions.
#[derive(Debug, Clone)]
pub(crate) struct TrustState {
    groups: [GroupState; 2],
    classes: [ClassMonth; 3],
    libor: f64,
    month_index: u32,
    last_distribution: NaiveDate,
    history: [RateHistory; 3],
    severe: VecDeque<(i64, i64)>,
}

impl TrustState {
    pub(crate) fn new(profile: &TrustProfile) -> Self {
        let classes = [
            ClassMonth {
                current: profile.classes[0].original,
                ..ClassMonth::default()
            },
            ClassMonth {
                current: profile.classes[1].original,
                ..ClassMonth::default()
            },
            ClassMonth::default(),
        ];
        TrustState {
            groups: [
                GroupState::new(ADJUSTABLE, &profile.groups[ADJUSTABLE], profile.cutoff),
                GroupState::new(FIXED, &profile.groups[FIXED], profile.cutoff),
            ],
            classes,
            libor: profile.libor_start,
            month_index: 0,
            last_distribution: profile.closing,
            history: Default::default(),
            severe: VecDeque::new(),
        }
    }

    pub(crate) fn advance(&mut self, profile: &TrustProfile, rng: &mut fastrand::Rng) -> Statement {
        let distribution = profile
            .first_distribution
            .checked_add_months(Months::new(self.month_index))
            .unwrap_or(profile.first_distribution);
        let accrual_start = self.last_distribution;
        let accrual_end = distribution.pred_opt().unwrap_or(distribution);
        let days = (accrual_end - accrual_start).num_days() as f64 + 1.0;
        let record_date = distribution
            .with_day(1)
            .and_then(|d| d.checked_sub_days(Days::new(1)))
            .unwrap_or(distribution);
        let month_index = self.month_index;
        let groups = [ADJUSTABLE, FIXED]
            .map(|g| self.groups[g].advance(&profile.groups[g], month_index, distribution, rng));

        self.libor = ((self.libor + (rng.f64() - 0.5) * 0.003).clamp(0.012, 0.065) * 100_000.0)
            .round()
            / 100_000.0;
        let pool_prior = groups[0].prior + groups[1].prior;
        let pool_current = groups[0].current + groups[1].current;
        let interest_total = groups[0].total_interest() + groups[1].total_interest();
        let principal_total = groups[0].principal_collections() + groups[1].principal_collections();
        let loss_total = groups[0].loss + groups[1].loss;

        // Bond interest, Act/360 over the accrual period, paid to the cent.
        let mut bond_interest = 0i64;
        for (class, spec) in self.classes.iter_mut().zip(&profile.classes) {
            class.prior = class.current;
            class.rate = self.libor + spec.margin;
            let cents = (class.prior * class.rate * days / 360.0 * 100.0).round() as i64;
            class.interest = cents as f64 / 100.0;
            bond_interest += cents;
        }
        // The floors the trust sold pay out of excess interest; they never take more than most
        // of it, so the Cert class is never negative.
        let mut floor_payments = profile.floors.map(|(notional, strike)| {
            ((notional * (strike - self.libor).max(0.0) * days / 360.0) * 100.0).round() as i64
        });
        let room = ((interest_total - bond_interest) as f64 * 0.8).max(0.0);
        let floors: i64 = floor_payments.iter().sum();
        if floors as f64 > room {
            let factor = room / floors as f64;
            floor_payments = floor_payments.map(|p| (p as f64 * factor).floor() as i64);
        }
        let derivatives: i64 = floor_payments.iter().sum();
        let net_excess = interest_total - bond_interest - derivatives;
        let extra_principal = loss_total.min(net_excess.max(0));

        // Classes A and B share principal pro rata to their original face, so their factors
        // stay equal, as in the fixture.
        let bonds_prior: f64 = self.classes[..2].iter().map(|c| c.prior).sum();
        let wanted = (principal_total + extra_principal) as f64 / 100.0;
        let retiring = wanted >= bonds_prior - 0.005;
        let bond_principal = if retiring { bonds_prior } else { wanted };
        let face = profile.total_face();
        let scheduled_share = (groups[0].scheduled + groups[1].scheduled) as f64 / 100.0;
        let mut paid = 0.0;
        for (i, spec) in profile.classes.iter().enumerate() {
            let class = &mut self.classes[i];
            let share = spec.original / face;
            class.principal = if retiring {
                // The last payment retires the bonds exactly, leaving no float residue.
                class.prior
            } else if i == 0 {
                bond_principal * share
            } else {
                bond_principal - paid
            };
            paid += class.principal;
            class.current = class.prior - class.principal;
            class.interest_to_date += class.interest;
            let scheduled = (scheduled_share * share).min(class.principal);
            class.scheduled_to_date += scheduled;
            class.unscheduled_to_date += class.principal - scheduled;
        }
        let cert = &mut self.classes[2];
        cert.interest = (net_excess - extra_principal) as f64 / 100.0 + (wanted - bond_principal);
        cert.interest_to_date += cert.interest;
        let bonds_current: f64 = self.classes[..2].iter().map(|c| c.current).sum();

        let sixty = |g: &GroupMonth| -> i64 {
            g.delinquency
                .balance
                .iter()
                .map(|row| row[2] + row[3])
                .sum()
        };
        let ninety =
            |g: &GroupMonth| -> i64 { g.delinquency.balance.iter().map(|row| row[3]).sum() };
        self.severe.push_back((
            sixty(&groups[0]) + sixty(&groups[1]),
            ninety(&groups[0]) + ninety(&groups[1]),
        ));
        if self.severe.len() > 3 {
            self.severe.pop_front();
        }
        let n = self.severe.len() as i64;
        let rolling_60 = self.severe.iter().map(|s| s.0).sum::<i64>() / n.max(1);
        let rolling_90 = self.severe.iter().map(|s| s.1).sum::<i64>() / n.max(1);

        let speeds = self.speeds(&groups);
        self.month_index += 1;
        self.last_distribution = distribution;
        Statement {
            distribution,
            accrual_start,
            accrual_end,
            record_date,
            classes: self.classes.clone(),
            libor: self.libor,
            floor_payments,
            net_excess,
            extra_principal,
            oc_current: pool_current - (bonds_current * 100.0).round() as i64,
            rolling_60,
            rolling_90,
            speeds,
            available_funds_rate: if bonds_prior > 0.0 {
                (interest_total - derivatives) as f64 / 100.0 / bonds_prior * 360.0 / days
            } else {
                0.0
            },
            net_mortgage_rate: if pool_prior > 0 {
                interest_total as f64 / pool_prior as f64 * 12.0
            } else {
                0.0
            },
            groups,
            tiers: None,
        }
    }

    fn speeds(&mut self, groups: &[GroupMonth; 2]) -> [Speeds; 3] {
        let rates = |prepaid: i64,
                     prior: i64,
                     scheduled: i64,
                     liquidated: i64,
                     loss: i64,
                     seasoning: f64| {
            let base = (prior - scheduled) as f64;
            MonthRates {
                smm: if base > 0.0 {
                    prepaid as f64 / base
                } else {
                    0.0
                },
                mdr: if prior > 0 {
                    liquidated as f64 / prior as f64
                } else {
                    0.0
                },
                seasoning,
                severity: (liquidated > 0).then(|| loss as f64 / liquidated as f64),
            }
        };
        let per_group = groups.each_ref().map(|g| {
            rates(
                g.prepayments(),
                g.prior,
                g.scheduled,
                g.liquidated,
                g.loss,
                g.seasoning[2],
            )
        });
        let [a, f] = groups;
        let total = rates(
            a.prepayments() + f.prepayments(),
            a.prior + f.prior,
            a.scheduled + f.scheduled,
            a.liquidated + f.liquidated,
            a.loss + f.loss,
            weighted([a.seasoning[2], f.seasoning[2]], [a.current, f.current]),
        );
        [
            self.history[0].record(per_group[0]),
            self.history[1].record(per_group[1]),
            self.history[2].record(total),
        ]
    }
}
