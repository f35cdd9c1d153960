//! The collateral pool of one group (adjustable or fixed), one month at a time.
//!
//! Amounts are integer cents so that every printed total is exactly the sum of its lines;
//! rates are floats. The model is deliberately simple — level-pay amortisation, prepayments
//! at a seeded CPR, a little delinquency, an occasional liquidation — because its job is to
//! give the extractor statements whose arithmetic holds, not to forecast anything.

use chrono::{Datelike, Days, NaiveDate};

use crate::profile::{GroupProfile, FIXED};

pub(crate) use crate::figures::{
    weighted, Cumulative, Delinquency, GroupMonth, Loan, Triple, BUCKETS, STATUSES,
};

/// Share of loans in each status x bucket once the pool is seasoned.
const DELINQUENCY_RATES: [[f64; BUCKETS]; 4] = [
    [0.0, 0.0080, 0.0060, 0.0030],
    [0.0005, 0.0002, 0.0002, 0.0030],
    [0.0010, 0.0010, 0.0005, 0.0025],
    [0.0, 0.0, 0.0, 0.0015],
];

const STATES: [&str; 20] = [
    "CA", "CA", "CA", "CA", "FL", "HI", "MN", "CO", "UT", "OH", "MI", "CT", "WA", "GA", "IN", "NV",
    "IA", "WI", "MO", "AZ",
];

/// The running state of one group between distributions.
#[derive(Debug, Clone)]
pub(crate) struct GroupState {
    pub group: usize,
    pub count: i64,
    pub balance: i64,
    pub wac: f64,
    pub wam: f64,
    pub warat: f64,
    pub seasoning: f64,
    pub arm: [f64; 5],
    next_loan: u64,
    /// Loans in the pool were all originated before the cut-off date.
    cutoff: NaiveDate,
    cumulative: Cumulative,
    original: GroupMonth,
}

fn cents(value: f64) -> i64 {
    value.round() as i64
}

fn between(rng: &mut fastrand::Rng, low: f64, high: f64) -> f64 {
    low + rng.f64() * (high - low)
}

/// A count with the given expectation: the integer part plus a Bernoulli remainder.
fn draw_count(rng: &mut fastrand::Rng, expected: f64) -> i64 {
    let whole = expected.max(0.0).floor();
    whole as i64 + i64::from(rng.f64() < expected - whole)
}

impl GroupState {
    pub(crate) fn new(group: usize, profile: &GroupProfile, cutoff: NaiveDate) -> Self {
        let arm = [0.0290, 0.1304, 0.0299, 0.0101, 0.0101];
        let mut original = GroupMonth {
            count_original: profile.original_count,
            original: profile.original_balance,
            ..GroupMonth::default()
        };
        original.wac = [profile.wac; 3];
        original.wam = [profile.wam; 3];
        original.warat = [profile.wam - 0.7; 3];
        original.seasoning = [profile.seasoning; 3];
        GroupState {
            group,
            count: profile.original_count,
            balance: profile.original_balance,
            wac: profile.wac,
            wam: profile.wam,
            warat: profile.wam - 0.7,
            seasoning: profile.seasoning,
            arm,
            next_loan: profile.loan_prefix,
            cutoff,
            cumulative: Cumulative::default(),
            original,
        }
    }

    /// Runs one distribution period and returns what the statement reports for it.
    pub(crate) fn advance(
        &mut self,
        profile: &GroupProfile,
        month_index: u32,
        distribution: NaiveDate,
        rng: &mut fastrand::Rng,
    ) -> GroupMonth {
        let prior = self.balance;
        let count_prior = self.count;
        let rate = self.wac / 12.0;
        let n = self.wam.max(1.0);
        let payment = prior as f64 * rate / (1.0 - (1.0 + rate).powf(-n));
        let scheduled = cents(payment - prior as f64 * rate).clamp(0, prior / 10);
        let amortised = prior - scheduled;
        let average = if count_prior > 0 {
            amortised as f64 / count_prior as f64
        } else {
            0.0
        };

        // Removals: full payoffs at the seeded CPR, an occasional repurchase or liquidation.
        let ramp = ((self.seasoning + 3.0) / 12.0).min(1.0);
        let cpr = (profile.cpr * ramp * between(rng, 0.75, 1.25)).min(0.95);
        let smm = 1.0 - (1.0 - cpr).powf(1.0 / 12.0);
        let max_removed = count_prior / 4;
        let mut budget = amortised / 2;
        let paid_count = draw_count(rng, count_prior as f64 * smm).min(max_removed);
        let adjustable = self.group != FIXED;
        let repurchase_count = i64::from(rng.f64() < if adjustable { 0.3 } else { 0.05 });
        let liquidation_count = if month_index >= 5 {
            i64::from(rng.f64() < if adjustable { 0.2 } else { 0.1 })
        } else {
            0
        };
        let mut prepaid = Vec::new();
        let mut liquidated = Vec::new();
        for kind in 0..3 {
            let wanted = [paid_count, repurchase_count, liquidation_count][kind];
            for _ in 0..wanted {
                if prepaid.len() + liquidated.len() >= max_removed as usize {
                    break;
                }
                let balance = cents(average * between(rng, 0.4, 1.6));
                if balance <= 0 || balance > budget {
                    break;
                }
                budget -= balance;
                let mut loan = self.loan(profile, balance, distribution, rng);
                if kind == 2 {
                    loan.loss = cents(balance as f64 * between(rng, 0.10, 0.50));
                    liquidated.push(loan);
                } else {
                    loan.repurchase = kind == 1;
                    prepaid.push(loan);
                }
            }
        }
        let paid_off: i64 = prepaid
            .iter()
            .filter(|l| !l.repurchase)
            .map(|l| l.balance)
            .sum();
        let repurchased: i64 = prepaid
            .iter()
            .filter(|l| l.repurchase)
            .map(|l| l.balance)
            .sum();
        let count_repurchased = prepaid.iter().filter(|l| l.repurchase).count() as i64;
        let count_paid_off = prepaid.len() as i64 - count_repurchased;
        let liquidated_balance: i64 = liquidated.iter().map(|l| l.balance).sum();
        let loss: i64 = liquidated.iter().map(|l| l.loss).sum();
        let curtailments = cents(amortised as f64 * between(rng, 0.0001, 0.0004)).min(budget);
        let current =
            prior - scheduled - curtailments - paid_off - repurchased - liquidated_balance;
        let count_current =
            count_prior - count_paid_off - count_repurchased - liquidated.len() as i64;

        let c = &mut self.cumulative;
        c.paid_off_count += count_paid_off;
        c.repurchased_count += count_repurchased;
        c.paid_off += paid_off;
        c.repurchased += repurchased;
        c.curtailments += curtailments;
        c.liquidated_count += liquidated.len() as i64;
        c.loss += loss;
        c.proceeds += liquidated_balance - loss;

        let delinquency = self.delinquency(month_index, count_current, current, rng);
        let delinquent_balance: i64 = delinquency.balance.iter().flatten().sum::<i64>()
            - delinquency.balance[1][0]
            - delinquency.balance[2][0]
            - delinquency.balance[3][0];
        let delinquent_interest = cents(delinquent_balance as f64 * rate * between(rng, 0.9, 1.1));
        let delinquent_share = if prior > 0 {
            delinquent_balance as f64 / prior as f64
        } else {
            0.0
        };
        let servicing_total = cents(prior as f64 * profile.servicing_rate / 12.0);

        let (wac_prior, wam_prior, warat_prior, seasoning_prior) =
            (self.wac, self.wam, self.warat, self.seasoning);
        self.wac += if adjustable {
            between(rng, -0.0002, 0.0001)
        } else {
            between(rng, -0.0001, 0.0003)
        };
        self.wam = (self.wam - f64::from(u8::from(adjustable || rng.bool()))).max(1.0);
        self.warat = (self.warat - between(rng, 0.8, 1.1)).max(1.0);
        self.seasoning += between(rng, 0.9, 1.1);
        let arm_prior = self.arm;
        for value in &mut self.arm {
            *value *= between(rng, 0.998, 1.0005);
        }
        let reo_loans = if month_index >= 3 && rng.f64() < 0.25 {
            let mut loan = self.loan(
                profile,
                cents(average * between(rng, 0.6, 1.3)),
                distribution,
                rng,
            );
            loan.event_date = distribution
                .checked_sub_days(Days::new(rng.u64(120..240)))
                .unwrap_or(distribution);
            vec![loan]
        } else {
            Vec::new()
        };

        self.balance = current;
        self.count = count_current;
        let original = &self.original;
        GroupMonth {
            count_original: original.count_original,
            count_prior,
            count_paid_off,
            count_repurchased,
            count_liquidated: liquidated.len() as i64,
            count_current,
            original: original.original,
            prior,
            scheduled,
            curtailments,
            paid_off,
            repurchased,
            liquidated: liquidated_balance,
            proceeds: liquidated_balance - loss,
            loss,
            current,
            principal_advanced: if adjustable {
                cents(scheduled as f64 * delinquent_share * between(rng, 5.0, 12.0))
            } else {
                0
            },
            scheduled_interest: cents(prior as f64 * rate),
            repurchase_interest: cents(repurchased as f64 * rate * between(rng, 0.05, 1.0)),
            ppis: cents(paid_off as f64 * rate * between(rng, 0.2, 0.7)),
            relief_shortfall: if rng.f64() < if adjustable { 0.05 } else { 0.2 } {
                i64::from(rng.u32(5_000..40_000))
            } else {
                0
            },
            delinquent_interest,
            interest_advanced: cents(delinquent_interest as f64 * between(rng, 0.85, 0.97)),
            owner_fee: cents(prior as f64 * 0.000_017 / 12.0),
            indenture_fee: cents(prior as f64 * 0.000_05 / 12.0),
            insurance_premium: if adjustable {
                cents(prior as f64 * 0.001_68 / 12.0)
            } else {
                0
            },
            pmi_premium: if adjustable {
                cents(prior as f64 * 0.001_33 / 12.0)
            } else {
                0
            },
            servicing_total,
            servicing_delinquent: cents(
                servicing_total as f64 * (delinquent_share * between(rng, 6.0, 12.0)).min(0.6),
            ),
            wac: [original.wac[0], wac_prior, self.wac],
            wam: [original.wam[0], wam_prior, self.wam],
            warat: [original.warat[0], warat_prior, self.warat],
            seasoning: [original.seasoning[0], seasoning_prior, self.seasoning],
            arm: adjustable.then(|| {
                let mut arm = [[0.0; 3]; 5];
                for (i, triple) in arm.iter_mut().enumerate() {
                    *triple = [
                        [0.0290, 0.1304, 0.0299, 0.0101, 0.0101][i],
                        arm_prior[i],
                        self.arm[i],
                    ];
                }
                arm
            }),
            delinquency,
            cumulative: self.cumulative.clone(),
            prepaid_loans: prepaid,
            liquidated_loans: liquidated,
            reo_loans,
        }
    }

    fn delinquency(
        &self,
        month_index: u32,
        count: i64,
        balance: i64,
        rng: &mut fastrand::Rng,
    ) -> Delinquency {
        let ramp = (f64::from(month_index + 1) / 6.0).min(1.0);
        let scale = if self.group == FIXED { 2.0 } else { 1.0 };
        let average = if count > 0 {
            balance as f64 / count as f64
        } else {
            0.0
        };
        let mut out = Delinquency::default();
        let mut left = count / 5;
        for (status, rates) in DELINQUENCY_RATES.iter().enumerate() {
            for (bucket, share) in rates.iter().enumerate() {
                let expected = count as f64 * share * scale * ramp * between(rng, 0.6, 1.4);
                let n = draw_count(rng, expected).min(left);
                left -= n;
                out.count[status][bucket] = n;
                out.balance[status][bucket] = cents(n as f64 * average * between(rng, 0.7, 1.3));
            }
        }
        out
    }

    fn loan(
        &mut self,
        profile: &GroupProfile,
        balance: i64,
        distribution: NaiveDate,
        rng: &mut fastrand::Rng,
    ) -> Loan {
        self.next_loan += rng.u64(1..400);
        let fixed = self.group == FIXED;
        let note_rate = ((self.wac + between(rng, -0.015, 0.015)) * 800.0).round() / 800.0;
        let collection_end = distribution.with_day(1).unwrap_or(distribution);
        let days_back = if fixed {
            rng.u64(1_300..1_900)
        } else {
            rng.u64(10..240)
        };
        Loan {
            number: self.next_loan,
            group: if fixed { 1 } else { 2 },
            original: ((balance as f64 / 100.0 * between(rng, 1.003, 1.03)) / 50.0).ceil() as i64
                * 50,
            balance,
            note_rate,
            state: STATES[rng.usize(..STATES.len())],
            ltv: (between(rng, if fixed { 0.10 } else { 0.30 }, 0.97) * 10_000.0).round()
                / 10_000.0,
            term: if fixed {
                profile.penalty_term + 6 * rng.u32(0..2)
            } else {
                profile.penalty_term
            },
            originated: self
                .cutoff
                .checked_sub_days(Days::new(days_back))
                .unwrap_or(self.cutoff),
            event_date: collection_end
                .checked_sub_days(Days::new(rng.u64(0..30)))
                .unwrap_or(collection_end),
            loss: 0,
            repurchase: false,
        }
    }
}
