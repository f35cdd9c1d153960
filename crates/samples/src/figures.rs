//! What one group (adjustable or fixed) reports for one distribution: the figures the
//! statement prints, in integer cents, and the loans behind the detail reports.

use chrono::NaiveDate;

/// Delinquency statuses in the order the report prints them.
pub(crate) const STATUSES: [&str; 4] = ["DELINQUENT", "FORECLOSURE", "BANKRUPTCY", "REO"];
/// Buckets: CURRENT, 1 PAYMENT, 2 PAYMTS, 3+ PAYMTS. DELINQUENT has no CURRENT cell.
pub(crate) const BUCKETS: usize = 4;

/// One loan as the detail reports print it.
#[derive(Debug, Clone)]
pub(crate) struct Loan {
    pub number: u64,
    /// Loan group as printed: 1 = Fixed Group, 2 = Adjustable Group.
    pub group: u8,
    /// Whole dollars.
    pub original: i64,
    /// Cents: the prepayment amount, the stated balance (REO) or the prior balance (loss).
    pub balance: i64,
    pub note_rate: f64,
    pub state: &'static str,
    pub ltv: f64,
    pub term: u32,
    pub originated: NaiveDate,
    /// Prepayment date, or the paid-to date of an REO loan.
    pub event_date: NaiveDate,
    /// Cents; only liquidations have one.
    pub loss: i64,
    pub repurchase: bool,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Delinquency {
    pub count: [[i64; BUCKETS]; 4],
    pub balance: [[i64; BUCKETS]; 4],
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Cumulative {
    pub paid_off_count: i64,
    pub repurchased_count: i64,
    pub paid_off: i64,
    pub repurchased: i64,
    pub curtailments: i64,
    pub liquidated_count: i64,
    pub loss: i64,
    pub proceeds: i64,
}

/// Original / Prior / Current of a pool characteristic.
pub(crate) type Triple = [f64; 3];

/// Everything one group reports for one distribution.
#[derive(Debug, Clone, Default)]
pub(crate) struct GroupMonth {
    pub count_original: i64,
    pub count_prior: i64,
    pub count_paid_off: i64,
    pub count_repurchased: i64,
    pub count_liquidated: i64,
    pub count_current: i64,
    pub original: i64,
    pub prior: i64,
    pub scheduled: i64,
    pub curtailments: i64,
    pub paid_off: i64,
    pub repurchased: i64,
    /// Prior balance of the loans liquidated (what leaves the pool).
    pub liquidated: i64,
    pub proceeds: i64,
    pub loss: i64,
    pub current: i64,
    pub principal_advanced: i64,
    pub scheduled_interest: i64,
    pub repurchase_interest: i64,
    /// Prepayment interest shortfall; the servicer pays it back as compensating interest.
    pub ppis: i64,
    pub relief_shortfall: i64,
    pub delinquent_interest: i64,
    pub interest_advanced: i64,
    pub owner_fee: i64,
    pub indenture_fee: i64,
    pub insurance_premium: i64,
    pub pmi_premium: i64,
    pub servicing_total: i64,
    pub servicing_delinquent: i64,
    pub wac: Triple,
    pub wam: Triple,
    pub warat: Triple,
    pub seasoning: Triple,
    /// Margin, max rate, min rate, cap up, cap down; adjustable group only.
    pub arm: Option<[Triple; 5]>,
    pub delinquency: Delinquency,
    pub cumulative: Cumulative,
    pub prepaid_loans: Vec<Loan>,
    pub liquidated_loans: Vec<Loan>,
    pub reo_loans: Vec<Loan>,
}

impl GroupMonth {
    /// Principal collections; delinquent principal and its advance cancel out.
    pub(crate) fn principal_collections(&self) -> i64 {
        self.scheduled + self.curtailments + self.paid_off + self.repurchased + self.proceeds
    }

    pub(crate) fn interest_collections(&self) -> i64 {
        self.scheduled_interest + self.repurchase_interest
            - self.ppis
            - self.relief_shortfall
            - self.delinquent_interest
            + self.ppis
            + self.interest_advanced
    }

    pub(crate) fn fees(&self) -> i64 {
        self.owner_fee
            + self.indenture_fee
            + self.insurance_premium
            + self.pmi_premium
            + self.servicing_current()
    }

    pub(crate) fn servicing_current(&self) -> i64 {
        self.servicing_total - self.servicing_delinquent
    }

    pub(crate) fn total_interest(&self) -> i64 {
        self.interest_collections() - self.fees()
    }

    /// Voluntary prepayments: full payoffs, curtailments and repurchases.
    pub(crate) fn prepayments(&self) -> i64 {
        self.paid_off + self.curtailments + self.repurchased
    }
}

/// Weighted average of a characteristic over the two groups, by the balance it refers to.
pub(crate) fn weighted(values: [f64; 2], weights: [i64; 2]) -> f64 {
    let total = (weights[0] + weights[1]) as f64;
    if total <= 0.0 {
        return 0.0;
    }
    (values[0] * weights[0] as f64 + values[1] * weights[1] as f64) / total
}
