//! Implied checks of the Certificate Payment Report across its tables: the factors printed
//! per $1,000 of a class's face agree with the dollar figures they are computed from.
//!
//! The face is the one the factor table itself prints, `Orig. Principal (with Notional)
//! Balance`: the original face of a bond, the original notional of an interest-only class
//! (whose original face and principal balances print 0), the notional face of a residual with
//! a token face. An interest-only class's balance factors are on its notional (the interest
//! detail's prior balance), not on its 0 principal balance.

use crate::checks::{Precision, Term};
use crate::sink::Sink;
use crate::value::{parse_number, Figure};
use crate::BondClass;

type Pair = (&'static str, fn(&BondClass) -> (Option<f64>, Option<f64>));

/// Factors printed per $1,000 of face agree with the dollar figures; an identity whose figures
/// are not all printed is recorded as not evaluated, with why.
pub fn factor_checks(classes: &[BondClass], prefix_of: impl Fn(&str) -> String, sink: &mut Sink) {
    let pairs: [Pair; 5] = [
        ("Prior Principal Balance", |c| {
            (
                c.factor_prior_balance,
                c.notional_balance.or(c.prior_balance),
            )
        }),
        ("Interest", |c| (c.factor_interest, c.interest)),
        ("Principal", |c| (c.factor_principal, c.principal)),
        ("Total Distribution", |c| {
            (c.factor_total_distribution, c.total_distribution)
        }),
        ("Current Principal Balance", |c| {
            (c.factor_current_balance, c.current_balance)
        }),
    ];
    for class in classes {
        let original = class.original_face.filter(|f| *f > 0.0);
        let Some(face) = class.factor_face.filter(|f| *f > 0.0).or(original) else {
            // No face to divide by (an excess-interest class printing 0 everywhere).
            continue;
        };
        let prefix = prefix_of(&class.tier);
        let name = |what: &str| format!("{prefix}/Factors/{}: {what}", class.class);
        if let (Some(factor_face), Some(original)) = (class.factor_face, original) {
            // A factor face above the original face is the notional face the column's title
            // allows for (a residual's token face); the factors below are checked against it.
            if factor_face <= original {
                sink.checks.same(
                    name("Orig. Principal = Original Face Value"),
                    Precision::Money,
                    ("Orig. Principal", Figure::exact(factor_face)),
                    ("Original Face Value", Figure::exact(original)),
                );
            }
        }
        for (what, get) in pairs {
            let check = name(&format!("{what} = 1,000 x amount / original face"));
            let (factor, amount) = get(class);
            if what == "Current Principal Balance" && class.notional_balance.is_some() {
                if factor.is_some() {
                    sink.checks.unevaluated(
                        check,
                        format!(
                            "{} is interest-only: its factor is on its current notional balance, \
                             which {prefix} does not print",
                            class.class
                        ),
                    );
                }
                continue;
            }
            match (factor, amount) {
                (Some(factor), Some(amount)) => {
                    let printed =
                        parse_number(&format!("{factor}")).unwrap_or(Figure::exact(factor));
                    sink.checks.identity(
                        check,
                        Precision::Ratio,
                        ("factor", printed),
                        &[Term::plus(
                            "1,000 x amount / face",
                            Figure::exact(amount * 1000.0 / face),
                        )],
                    );
                }
                (Some(_), None) => sink.checks.unevaluated(
                    check,
                    format!(
                        "column \"{what}\" not found for {} in {prefix}",
                        class.class
                    ),
                ),
                (None, Some(_)) if class.factor_face.is_some() => sink.checks.unevaluated(
                    check,
                    format!(
                        "factor column \"{what}\" not found for {} in {prefix}",
                        class.class
                    ),
                ),
                _ => {}
            }
        }
    }
}
