//! The REMIC tiers of a tiered statement: the same month's bonds and excess interest printed
//! three times, once per tier (`REMIC I`, `REMIC II`, `REMIC III`), each tier with its own
//! interest-only class (principal balance 0, interest accrued on a notional amount) and the
//! upper tier with a residual class (`R`: a token face, its factors per $1,000 of a notional
//! face).
//!
//! Each tier's figures add up on their own: the bond classes pay the month's principal, the
//! interest-only class takes its strip out of the excess interest, the residual a sliver of
//! what is left, and the excess class the rest, so every tier distributes the same total as the
//! untiered statement and the Collection Account still pays exactly its first tier's principal.

use crate::month::Statement;
use crate::profile::{cusip, TrustProfile};

/// What a class of a tier is, which decides which balance its figures are on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// A principal-paying bond mirroring class A or B.
    Bond,
    /// Interest only: principal balance 0, interest on a notional amount.
    InterestOnly,
    /// Takes the excess interest, like the untiered statement's `Cert`.
    Excess,
    /// The residual interest: a token face, factors per $1,000 of a notional face.
    Residual,
}

/// One class of one tier for one distribution.
#[derive(Debug, Clone)]
pub(crate) struct TierClass {
    pub name: String,
    pub role: Role,
    /// `FLT`, `IO`, `R`, or blank for the excess class.
    pub class_type: &'static str,
    pub cusip: Option<String>,
    /// Original face value as printed in the current-period table (0 for an IO class).
    pub face: f64,
    /// The `Orig. Principal (with Notional) Balance` the factors are per $1,000 of.
    pub factor_face: f64,
    pub rate: Option<f64>,
    /// Principal balances (0 for an IO class).
    pub prior: f64,
    pub interest: f64,
    pub principal: f64,
    pub current: f64,
    /// The balance interest accrues on and factors use: the notional of an IO class.
    pub notional_prior: f64,
    pub notional_current: f64,
    /// Interest detail: accrued (1), optimal (5), paid (6); unpaid (7) = optimal - paid.
    pub accrued: f64,
    pub optimal: f64,
    pub interest_to_date: f64,
    pub unscheduled_to_date: f64,
    pub scheduled_to_date: f64,
}

/// One REMIC tier: its printed name and classes.
#[derive(Debug, Clone)]
pub(crate) struct Tier {
    pub name: String,
    pub classes: Vec<TierClass>,
}

/// Per tier: class names (bond A, bond B, IO, excess, then the residual if any) and the IO
/// strip rate.
const TIERS: [(&str, [&str; 4], Option<&str>, f64); 3] = [
    ("REMIC I", ["LT-A", "LT-B", "LT-IO", "LT-X"], None, 0.0050),
    ("REMIC II", ["MT-A", "MT-B", "MT-IO", "MT-X"], None, 0.0035),
    ("REMIC III", ["A", "B", "A-IO", "Cert"], Some("R"), 0.0025),
];

/// The residual's token face.
const RESIDUAL_FACE: f64 = 100.0;

/// To-date interest of the classes that exist only in tiers (IO, excess, residual), per tier.
#[derive(Debug, Clone, Default)]
pub(crate) struct TierState {
    to_date: [[f64; 3]; 3],
}

fn cents_down(value: f64) -> f64 {
    (value * 100.0).floor().max(0.0) / 100.0
}

impl TierState {
    /// The tiers of `statement` (an untiered month just simulated), to-date figures advanced.
    pub(crate) fn advance(&mut self, profile: &TrustProfile, statement: &Statement) -> Vec<Tier> {
        let [a, b, cert] = &statement.classes;
        let days = (statement.accrual_end - statement.accrual_start).num_days() as f64 + 1.0;
        let notional_face = profile.total_face();
        let number = profile
            .series
            .rsplit('S')
            .next()
            .and_then(|n| n.parse::<u32>().ok())
            .unwrap_or(1);
        let issuer = format!("99RS{:02}", number % 100);
        let mut tiers = Vec::with_capacity(TIERS.len());
        for (index, (tier, names, residual, strip)) in TIERS.iter().enumerate() {
            let upper = residual.is_some();
            let to_date = &mut self.to_date[index];
            let bond = |name: &str, spec: usize, month: &crate::month::ClassMonth| TierClass {
                name: name.to_string(),
                role: Role::Bond,
                class_type: "FLT",
                cusip: upper.then(|| profile.classes[spec].cusip.clone()),
                face: profile.classes[spec].original,
                factor_face: profile.classes[spec].original,
                rate: Some(month.rate),
                prior: month.prior,
                interest: month.interest,
                principal: month.principal,
                current: month.current,
                notional_prior: month.prior,
                notional_current: month.current,
                accrued: month.interest,
                optimal: month.interest,
                interest_to_date: month.interest_to_date,
                unscheduled_to_date: month.unscheduled_to_date,
                scheduled_to_date: month.scheduled_to_date,
            };
            let mut classes = vec![bond(names[0], 0, a), bond(names[1], 1, b)];

            // The strip accrues on the bonds' balance; it is paid out of excess interest, never
            // more than most of it (what it cannot pay is its current unpaid interest).
            let notional_prior = a.prior + b.prior;
            let accrued = (notional_prior * strip * days / 360.0 * 100.0).round() / 100.0;
            let paid = accrued.min(cents_down(cert.interest.max(0.0) * 0.6));
            to_date[0] += paid;
            classes.push(TierClass {
                name: names[2].to_string(),
                role: Role::InterestOnly,
                class_type: "IO",
                cusip: upper.then(|| cusip(&issuer, "I", number)),
                face: 0.0,
                factor_face: notional_face,
                rate: Some(*strip),
                prior: 0.0,
                interest: paid,
                principal: 0.0,
                current: 0.0,
                notional_prior,
                notional_current: a.current + b.current,
                accrued,
                optimal: accrued,
                interest_to_date: to_date[0],
                unscheduled_to_date: 0.0,
                scheduled_to_date: 0.0,
            });
            let left = cert.interest - paid;
            let residual_interest = if upper {
                cents_down(left * 0.0001)
            } else {
                0.0
            };
            let excess = left - residual_interest;
            to_date[1] += excess;
            // As the fixture prints `Cert`: no accrual, its payment shown as optimal interest.
            classes.push(TierClass {
                name: names[3].to_string(),
                role: Role::Excess,
                class_type: "",
                cusip: None,
                face: 0.0,
                factor_face: 0.0,
                rate: None,
                prior: 0.0,
                interest: excess,
                principal: 0.0,
                current: 0.0,
                notional_prior: 0.0,
                notional_current: 0.0,
                accrued: 0.0,
                optimal: excess,
                interest_to_date: to_date[1],
                unscheduled_to_date: 0.0,
                scheduled_to_date: 0.0,
            });
            if let Some(name) = residual {
                to_date[2] += residual_interest;
                classes.push(TierClass {
                    name: name.to_string(),
                    role: Role::Residual,
                    class_type: "R",
                    cusip: Some(cusip(&issuer, "R", number)),
                    face: RESIDUAL_FACE,
                    factor_face: notional_face,
                    rate: None,
                    prior: RESIDUAL_FACE,
                    interest: residual_interest,
                    principal: 0.0,
                    current: RESIDUAL_FACE,
                    notional_prior: RESIDUAL_FACE,
                    notional_current: RESIDUAL_FACE,
                    accrued: residual_interest,
                    optimal: residual_interest,
                    interest_to_date: to_date[2],
                    unscheduled_to_date: 0.0,
                    scheduled_to_date: 0.0,
                });
            }
            tiers.push(Tier {
                name: tier.to_string(),
                classes,
            });
        }
        tiers
    }
}
