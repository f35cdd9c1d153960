//! The pool summary from the Deutsche Bank statement's labels: one per column of the Collateral
//! Report (`TOTAL` is the whole pool, `ADJUSTABLE` and `FIXED` the groups as printed).

use crate::checks::{CheckBook, Precision};
use crate::summary::{count, dq60_balance, in_section, scope_of, Figures};
use crate::value::Figure;
use crate::{DelinquencyCell, PoolSummary, PoolValue};

const COLLATERAL: (&str, &str) = ("Collateral Report", "COLLATERAL");
const RATES: (&str, &str) = ("Prepayment Report", "VOLUNTARY PREPAYMENT RATES");
const SPEEDS: (&str, &str) = ("Realized Loss Report", "DEFAULT SPEEDS");
const LOSSES: (&str, &str) = ("Realized Loss Report", "COLLATERAL REALIZED LOSSES");
const STRUCTURE: (&str, &str) = ("Credit Enhancement Report", "STRUCTURAL FEATURES");

/// The roll-forward's line of involuntary paydown, which no prepayment rate counts.
const LIQUIDATIONS: &str = "Principal Balance: Liquidations";

/// Lines of the principal balance roll-forward that are not paydowns: the unscheduled paydown is
/// every other movement line (prepayments, repurchases, liquidations).
const NOT_PAYDOWN: [&str; 5] = [
    "Original",
    "Prior",
    "Prefunding",
    "Scheduled Principal",
    "Current",
];

pub(super) fn summary(values: &[PoolValue], delinquency: &[DelinquencyCell]) -> Vec<PoolSummary> {
    let figures = Figures(values);
    let mut cols = figures.columns(COLLATERAL.0, COLLATERAL.1);
    for extra in [RATES, SPEEDS, LOSSES] {
        for col in figures.columns(extra.0, extra.1) {
            if !cols.contains(&col) {
                cols.push(col);
            }
        }
    }
    cols.into_iter()
        .map(|col| {
            let at = |(report, section): (&str, &str), label: &str| {
                figures.first(report, section, label, col)
            };
            let scope = scope_of(col);
            let delinquency_scope = if scope == PoolSummary::TOTAL {
                scope.clone()
            } else {
                // The Delinquency Report names the group `Adjustable Group` where the other
                // reports head its column `ADJUSTABLE`.
                delinquency
                    .iter()
                    .map(|d| d.scope.as_str())
                    .find(|s| {
                        s.to_ascii_lowercase()
                            .starts_with(&col.to_ascii_lowercase())
                    })
                    .unwrap_or_default()
                    .to_string()
            };
            PoolSummary {
                prior_balance: at(COLLATERAL, "Principal Balance: Prior"),
                current_balance: at(COLLATERAL, "Principal Balance: Current"),
                prior_loan_count: count(at(COLLATERAL, "Loan Count: Prior")),
                current_loan_count: count(at(COLLATERAL, "Loan Count: Current")),
                // The roll-forward prints paydowns as negative movements.
                scheduled_principal: at(COLLATERAL, "Principal Balance: Scheduled Principal")
                    .map(|v| 0.0 - v),
                unscheduled_principal: unscheduled(values, col),
                smm: at(RATES, "SMM"),
                cpr: at(RATES, "CPR"),
                cdr: at(SPEEDS, "CDR"),
                realized_loss: at(LOSSES, "Current: Collateral Realized Loss/(Gain) Amount"),
                cum_realized_loss: at(LOSSES, "Cumulative: Collateral Realized Loss/(Gain) Amount"),
                dq60_balance: dq60_balance(delinquency, &delinquency_scope),
                oc_amount: at(STRUCTURE, "Current Periods Overcollateralization Amt"),
                scope,
            }
        })
        .collect()
}

/// The paydown other than scheduled principal: the roll-forward's other movement lines (each the
/// first printed), negated.
fn unscheduled(values: &[PoolValue], col: &str) -> Option<f64> {
    let mut seen: Vec<&str> = Vec::new();
    values
        .iter()
        .filter(|v| v.report == COLLATERAL.0 && v.col == col && in_section(v, COLLATERAL.1))
        .filter(|v| {
            let first = !seen.contains(&v.label.as_str());
            seen.push(&v.label);
            first
        })
        .filter_map(|v| {
            let line = v.label.strip_prefix("Principal Balance: ")?;
            // A misprinted `Scheduled Principle` is still no unscheduled paydown.
            let paydown = !NOT_PAYDOWN
                .iter()
                .any(|n| crate::misprints::label_reads_as(line, n));
            paydown.then_some(v.value).flatten()
        })
        .fold(None, |sum, v| Some(sum.unwrap_or(0.0) - v))
}

/// The printed SMM of each scope is the voluntary paydown (the unscheduled paydown but
/// liquidations) over the prior balance less the scheduled principal, all read from the
/// Collateral Report's roll-forward: the pool summary's own figures checked against the
/// statement's rate. A roll-forward line the summary did not find (a label printed otherwise)
/// fails it, named; one it counted as another (a scheduled line summed into the unscheduled
/// paydown) fails it by the rate.
pub(super) fn smm_checks(values: &[PoolValue], summary: &[PoolSummary], checks: &mut CheckBook) {
    let figures = Figures(values);
    for pool in summary {
        let Some(smm) = pool.smm else { continue };
        let name = format!(
            "{}/{}/SMM [{}] = (unscheduled principal - liquidations) / (prior balance - scheduled principal)",
            RATES.0, RATES.1, pool.scope
        );
        let col = if pool.scope == PoolSummary::TOTAL {
            "TOTAL"
        } else {
            pool.scope.as_str()
        };
        let liquidations = figures.first(COLLATERAL.0, COLLATERAL.1, LIQUIDATIONS, col);
        let wanted = [
            ("Principal Balance: Prior", pool.prior_balance),
            (
                "Principal Balance: Scheduled Principal",
                pool.scheduled_principal,
            ),
            (
                "Principal Balance: prepayments, repurchases or liquidations",
                pool.unscheduled_principal,
            ),
            (LIQUIDATIONS, liquidations),
        ];
        if let Some((label, _)) = wanted.iter().find(|(_, v)| v.is_none()) {
            checks.unevaluated(
                name,
                format!(
                    "row \"{label}\" not found in {} ({}) for {}",
                    COLLATERAL.0, COLLATERAL.1, pool.scope
                ),
            );
            continue;
        }
        let [prior, scheduled, unscheduled, liquidations] =
            wanted.map(|(_, v)| v.unwrap_or_default());
        // The roll-forward prints liquidations as a negative movement.
        let voluntary = unscheduled + liquidations;
        let base = prior - scheduled;
        let rate = if base == 0.0 { 0.0 } else { voluntary / base };
        checks.same(
            name,
            Precision::Ratio,
            ("SMM", Figure::exact(smm)),
            ("voluntary / (prior - scheduled)", Figure::exact(rate)),
        );
    }
}
