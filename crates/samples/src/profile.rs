//! The made-up trusts: names, CIKs, bond classes and pool parameters drawn from the seed.
//!
//! Everything here is invented. Identifiers sit in ranges no real filer uses (CIKs from
//! 9,900,001; CUSIP issuer `99RS..`), so a synthetic statement can never be mistaken for a
//! real one by key.

use chrono::{Datelike, Days, NaiveDate};

/// Group order used throughout: the statement prints ADJUSTABLE, FIXED, TOTAL.
pub(crate) const ADJUSTABLE: usize = 0;
pub(crate) const FIXED: usize = 1;

/// First CIK of the made-up range.
const CIK_BASE: u64 = 9_900_000;

#[derive(Debug, Clone)]
pub(crate) struct BondClass {
    pub name: &'static str,
    /// Whole dollars, as the fixture's round face values.
    pub original: f64,
    /// Spread over one-month LIBOR.
    pub margin: f64,
    pub cusip: String,
}

#[derive(Debug, Clone)]
pub(crate) struct GroupProfile {
    pub original_balance: i64,
    pub original_count: i64,
    pub wac: f64,
    pub wam: f64,
    pub seasoning: f64,
    /// Long-run voluntary prepayment speed once seasoned.
    pub cpr: f64,
    pub servicing_rate: f64,
    /// Loan numbers of the group start with this prefix (the fixture: `39000...` fixed,
    /// `1100...`, `2500...` adjustable).
    pub loan_prefix: u64,
    /// Prepayment-penalty term printed after `Paid Off  -` in the detail report.
    pub penalty_term: u32,
    pub original_term: u32,
}

#[derive(Debug, Clone)]
pub(crate) struct TrustProfile {
    pub series: String,
    /// `Remit Sample Trust 2002-S1`: the name with single spaces, as reported in filings.
    pub trust_name: String,
    /// `Remit Sample Trust   2002-S1`: as the page header prints it.
    pub header_name: String,
    pub cik: u64,
    /// Registrant name as on the 8-K cover (without the synthetic marker).
    pub registrant: String,
    pub file_number: String,
    pub irs_number: String,
    /// Short code used for derivative contract names, like the fixture's `IMP021F1`.
    pub code: String,
    pub cutoff: NaiveDate,
    pub closing: NaiveDate,
    pub first_distribution: NaiveDate,
    pub classes: [BondClass; 2],
    pub oc_required: i64,
    pub groups: [GroupProfile; 2],
    /// Interest-rate floors sold by the trust: (notional in dollars, strike).
    pub floors: [(f64, f64); 7],
    pub libor_start: f64,
}

impl TrustProfile {
    /// The COMPANY CONFORMED NAME, marked synthetic as every generated header must be.
    pub(crate) fn company(&self) -> String {
        format!("{} (SYNTHETIC)", self.registrant)
    }

    pub(crate) fn total_face(&self) -> f64 {
        self.classes.iter().map(|c| c.original).sum()
    }
}

/// The 25th of the month of `date`: every distribution in these deals falls on the 25th.
pub(crate) fn distribution_day(date: NaiveDate) -> NaiveDate {
    date.with_day(25).unwrap_or(date)
}

/// `date` plus `days`, saturating at the calendar's end instead of panicking.
pub(crate) fn days_after(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days)).unwrap_or(date)
}

pub(crate) fn build(
    index: u32,
    first_distribution: NaiveDate,
    rng: &mut fastrand::Rng,
) -> TrustProfile {
    let first_distribution = distribution_day(first_distribution);
    let year = first_distribution.year();
    let number = index + 1;
    let series = format!("{year}-S{number}");
    // Real depositors file for several trusts under one CIK (IMH ASSETS CORP files for Impac
    // CMB Trust 2002-1 and 2002-2): the first two sample trusts share one depositor CIK.
    let (cik, registrant) = if index < 2 {
        (CIK_BASE + 1, "REMIT SAMPLE ASSETS CORP".to_string())
    } else {
        (
            CIK_BASE + u64::from(index),
            format!("REMIT SAMPLE SECURED ASSETS CORP SER {series}"),
        )
    };
    let closing = first_distribution
        .checked_sub_days(Days::new(26))
        .unwrap_or(first_distribution);
    let cutoff = closing.with_day(1).unwrap_or(closing);
    let code = format!("RS{:02}S{number}", year % 100);

    let a_millions = rng.u32(300..=650);
    let b_millions = rng.u32(15..=40);
    let oc_millions = rng.u32(3..=8);
    let pool = i64::from(a_millions + b_millions + oc_millions) * 100_000_000;
    let fixed_share = 0.015 + rng.f64() * 0.035;
    let fixed_balance = (pool as f64 * fixed_share / 100.0).round() as i64 * 100 + 91;
    let adjustable_balance = pool - fixed_balance;
    let issuer = format!("99RS{:02}", number % 100);
    let classes = [
        BondClass {
            name: "A",
            original: f64::from(a_millions) * 1_000_000.0,
            margin: 0.0030 + f64::from(rng.u32(0..=8)) * 0.0001,
            cusip: cusip(&issuer, "A", number),
        },
        BondClass {
            name: "B",
            original: f64::from(b_millions) * 1_000_000.0,
            margin: 0.0200 + f64::from(rng.u32(0..=10)) * 0.0005,
            cusip: cusip(&issuer, "B", number),
        },
    ];
    let adjustable = GroupProfile {
        original_balance: adjustable_balance,
        original_count: adjustable_balance / (21_000_000 + i64::from(rng.u32(0..4_000_000))),
        wac: 0.060 + rng.f64() * 0.010,
        wam: 359.0,
        seasoning: 1.2 + rng.f64() * 1.0,
        cpr: 0.16 + rng.f64() * 0.10,
        servicing_rate: 0.0040 + rng.f64() * 0.0005,
        loan_prefix: 1_100_000_000 + u64::from(number % 90) * 1_000_000,
        penalty_term: 36,
        original_term: 360,
    };
    let fixed = GroupProfile {
        original_balance: fixed_balance,
        original_count: fixed_balance / (4_500_000 + i64::from(rng.u32(0..1_000_000))),
        wac: 0.125 + rng.f64() * 0.015,
        wam: 172.0,
        seasoning: 40.0 + rng.f64() * 15.0,
        cpr: 0.30 + rng.f64() * 0.12,
        servicing_rate: 0.0075 + rng.f64() * 0.0006,
        loan_prefix: 3_900_000_000 + u64::from(number % 90) * 100_000,
        penalty_term: 18,
        original_term: 180,
    };
    let mut floors = [(0.0, 0.0); 7];
    for floor in &mut floors {
        *floor = (
            f64::from(rng.u32(20..=90)) * 1_000_000.0,
            0.0185 + f64::from(rng.u32(0..=12)) * 0.0005,
        );
    }
    TrustProfile {
        trust_name: format!("Remit Sample Trust {series}"),
        header_name: format!("Remit Sample Trust   {series}"),
        series,
        cik,
        registrant,
        file_number: format!("333-99{:03}", number % 1000),
        irs_number: format!("99-00{:05}", number % 100_000),
        code,
        cutoff,
        closing,
        first_distribution,
        classes,
        oc_required: i64::from(oc_millions) * 100_000_000,
        groups: [adjustable, fixed],
        floors,
        libor_start: 0.0175 + rng.f64() * 0.0015,
    }
}

/// A CUSIP with a valid check digit, in an issuer range no real issuer has.
pub(crate) fn cusip(issuer: &str, class: &str, number: u32) -> String {
    let base = format!("{issuer}{class}{}", number % 10);
    let mut sum = 0u32;
    for (i, ch) in base.chars().enumerate() {
        let mut v = match ch {
            '0'..='9' => ch as u32 - '0' as u32,
            'A'..='Z' => ch as u32 - 'A' as u32 + 10,
            _ => 0,
        };
        if i % 2 == 1 {
            v *= 2;
        }
        sum += v / 10 + v % 10;
    }
    format!("{base}{}", (10 - sum % 10) % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cusip_check_digits_match_real_ones() {
        // Real CUSIPs of listed stocks (issuer, issue, check digit): Apple 037833100,
        // Microsoft 594918104, Google class A 38259P508 (a letter in the issuer).
        assert_eq!(cusip("037833", "1", 0), "037833100");
        assert_eq!(cusip("594918", "1", 0), "594918104");
        assert_eq!(cusip("38259P", "5", 0), "38259P508");
    }

    #[test]
    fn first_two_trusts_share_a_depositor() {
        let date = NaiveDate::from_ymd_opt(2002, 3, 25).unwrap();
        let mut rng = fastrand::Rng::with_seed(1);
        let a = build(0, date, &mut rng);
        let b = build(1, date, &mut rng);
        let c = build(2, date, &mut rng);
        assert_eq!(a.cik, 9_900_001);
        assert_eq!(b.cik, 9_900_001);
        assert_eq!(c.cik, 9_900_002);
        assert_eq!(a.trust_name, "Remit Sample Trust 2002-S1");
        assert_eq!(a.closing, NaiveDate::from_ymd_opt(2002, 2, 27).unwrap());
    }
}
