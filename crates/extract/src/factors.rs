//! Implied checks of the Certificate Payment Report across its tables: the factors printed
//! per $1,000 of original face agree with the dollar figures they are computed from.

use crate::checks::{Precision, Term};
use crate::sink::Sink;
use crate::value::{parse_number, Figure};
use crate::BondClass;

/// Factors printed per $1,000 of original face agree with the dollar figures.
pub fn factor_checks(classes: &[BondClass], prefix_of: impl Fn(&str) -> String, sink: &mut Sink) {
    type Pair = (&'static str, fn(&BondClass) -> (Option<f64>, Option<f64>));
    let pairs: [Pair; 5] = [
        ("Prior Principal Balance", |c| {
            (c.factor_prior_balance, c.prior_balance)
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
        let Some(face) = class.original_face.filter(|f| *f > 0.0) else {
            continue;
        };
        let prefix = prefix_of(&class.tier);
        if let Some(factor_face) = class.factor_face {
            sink.checks.same(
                format!(
                    "{prefix}/Factors/{}: Orig. Principal = Original Face Value",
                    class.class
                ),
                Precision::Money,
                ("Orig. Principal", Figure::exact(factor_face)),
                ("Original Face Value", Figure::exact(face)),
            );
        }
        for (name, get) in pairs {
            let (Some(factor), Some(amount)) = get(class) else {
                continue;
            };
            let printed = parse_number(&format!("{factor}")).unwrap_or(Figure::exact(factor));
            sink.checks.identity(
                format!(
                    "{prefix}/Factors/{}: {name} = 1,000 x amount / original face",
                    class.class
                ),
                Precision::Ratio,
                ("factor", printed),
                &[Term::plus(
                    "1,000 x amount / face",
                    Figure::exact(amount * 1000.0 / face),
                )],
            );
        }
    }
}
