//! The statement checked against its own arithmetic.
//!
//! Every identity becomes a [`Check`] row, passed or not: a failed check is data about the
//! statement, never an error, and tolerances are never widened to make one pass. The tolerance
//! follows what was printed: half a unit of the last printed digit of every figure involved,
//! at least a cent on dollar amounts, at least 1e-6 relative on ratios printed to ~10
//! significant digits; counts must agree exactly.

use crate::value::Figure;
use crate::Check;

/// What kind of figures a check compares, which sets its tolerance floor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// Dollar amounts: at least a cent.
    Money,
    /// Rates, factors, percentages: at least 1e-6 relative to the largest figure.
    Ratio,
    /// Loan counts: whole numbers that must agree exactly.
    Count,
}

/// One operand of an identity: `sign * figure`, named for the detail text.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub sign: f64,
    pub name: String,
    pub figure: Figure,
}

impl Term {
    pub fn plus(name: impl Into<String>, figure: Figure) -> Term {
        Term {
            sign: 1.0,
            name: name.into(),
            figure,
        }
    }

    pub fn minus(name: impl Into<String>, figure: Figure) -> Term {
        Term {
            sign: -1.0,
            name: name.into(),
            figure,
        }
    }
}

/// The checks of one statement, in the order they were stated.
#[derive(Debug, Clone)]
pub struct CheckBook {
    checks: Vec<Check>,
    /// How often each name was used, so a repeated label (`Delinquent Servicing Fees` printed
    /// twice in one section) gets a distinct name (`... #2`).
    names: foldhash::HashMap<String, u32>,
}

/// Room for the names of a statement's checks (~400 in the bundled layouts' statements), so
/// the name map does not rehash every name as it grows.
const NAMES_EXPECTED: usize = 512;

impl Default for CheckBook {
    fn default() -> Self {
        CheckBook {
            checks: Vec::new(),
            names: foldhash::HashMap::with_capacity_and_hasher(NAMES_EXPECTED, Default::default()),
        }
    }
}

impl CheckBook {
    /// Records `result = sum of terms`.
    pub fn identity(
        &mut self,
        name: impl Into<String>,
        precision: Precision,
        result: (&str, Figure),
        terms: &[Term],
    ) {
        let expected: f64 = terms.iter().map(|t| t.sign * t.figure.value).sum();
        let actual = result.1.value;
        let tolerance = tolerance(precision, result.1, terms);
        let difference = (expected - actual).abs();
        let passed = difference <= tolerance;
        // Only a failed check keeps its arithmetic spelled out (the history stores no detail
        // for a passed one, migration 008): formatting every operand of the ~400 checks of a
        // statement cost about a tenth of its parse.
        let detail = if passed {
            String::new()
        } else {
            detail(result.0, actual, terms, expected, difference, tolerance)
        };
        let name = self.unique(name.into());
        self.checks.push(Check {
            name,
            passed,
            expected,
            actual,
            detail,
        });
    }

    /// Whether `result = sum of terms` holds, without recording it (to find which printed
    /// lines a total covers).
    pub fn holds(precision: Precision, result: Figure, terms: &[Term]) -> bool {
        let expected: f64 = terms.iter().map(|t| t.sign * t.figure.value).sum();
        (expected - result.value).abs() <= tolerance(precision, result, terms)
    }

    /// Records that two printed figures of the same quantity agree.
    pub fn same(
        &mut self,
        name: impl Into<String>,
        precision: Precision,
        printed: (&str, Figure),
        other: (&str, Figure),
    ) {
        self.identity(name, precision, printed, &[Term::plus(other.0, other.1)]);
    }

    /// Records an identity the layout knows but could not evaluate, failed, with the reason
    /// (`column "Prior Principal Balance" not found in ...`): a gap is never silent. Nothing was
    /// compared, so expected and actual are both 0; the detail says why.
    pub fn unevaluated(&mut self, name: impl Into<String>, reason: impl Into<String>) {
        let name = self.unique(name.into());
        self.checks.push(Check {
            name,
            passed: false,
            expected: 0.0,
            actual: 0.0,
            detail: format!("not evaluated: {}", reason.into()),
        });
    }

    /// Whether a check of this name was recorded already.
    pub fn recorded(&self, name: &str) -> bool {
        self.names.contains_key(name)
    }

    /// The name as given the first time, `name #2`, `#3` ... after.
    fn unique(&mut self, name: String) -> String {
        // Most names are met once: look up before cloning the key.
        if let Some(seen) = self.names.get_mut(name.as_str()) {
            *seen += 1;
            return format!("{name} #{seen}");
        }
        self.names.insert(name.clone(), 1);
        name
    }

    pub fn into_checks(self) -> Vec<Check> {
        self.checks
    }
}

/// `result actual vs a x + b y = expected; difference d, tolerance t`.
fn detail(
    result: &str,
    actual: f64,
    terms: &[Term],
    expected: f64,
    difference: f64,
    tolerance: f64,
) -> String {
    let operands: Vec<String> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let sign = match (i, t.sign < 0.0) {
                (0, false) => "",
                (0, true) => "-",
                (_, false) => " + ",
                (_, true) => " - ",
            };
            format!("{sign}{} {}", t.name, number(t.figure.value))
        })
        .collect();
    format!(
        "{result} {} vs {} = {}; difference {}, tolerance {}",
        number(actual),
        if operands.is_empty() {
            "nothing".to_string()
        } else {
            operands.concat()
        },
        number(expected),
        number(difference),
        number(tolerance)
    )
}

fn tolerance(precision: Precision, result: Figure, terms: &[Term]) -> f64 {
    let half_units: f64 = result.half_unit + terms.iter().map(|t| t.figure.half_unit).sum::<f64>();
    // Floating-point noise in the sum itself must not fail an exact identity.
    let noise = 1e-12
        * terms
            .iter()
            .map(|t| t.figure.value.abs())
            .sum::<f64>()
            .max(1.0);
    match precision {
        Precision::Money => half_units.max(0.01) + noise,
        Precision::Ratio => {
            let scale = terms
                .iter()
                .map(|t| t.figure.value.abs())
                .fold(result.value.abs(), f64::max);
            half_units.max(1e-6 * scale) + noise
        }
        Precision::Count => noise,
    }
}

/// A figure for the detail text, without the noise of binary sums (`9183613.882`).
fn number(value: f64) -> String {
    let rounded = (value * 1e9).round() / 1e9;
    if rounded == 0.0 {
        "0".to_string()
    } else {
        format!("{rounded}")
    }
}

/// The columns an identity needs and did not find, as a reason says it: `column "Paid"`,
/// `columns "Prior", "Paid"`.
pub(crate) fn missing_columns<S: AsRef<str>>(names: &[S]) -> String {
    let noun = if names.len() == 1 {
        "column"
    } else {
        "columns"
    };
    let quoted: Vec<String> = names
        .iter()
        .map(|n| format!("\"{}\"", n.as_ref()))
        .collect();
    format!("{noun} {}", quoted.join(", "))
}

/// A printed formula `(7)=(1)-(3)-(5)+(6)`: the column it defines and the signed columns it sums.
pub fn parse_formula(label: &str) -> Option<(u32, Vec<(f64, u32)>)> {
    let (lhs, rhs) = label.split_once('=')?;
    let target = column_number(lhs)?;
    let mut terms = Vec::new();
    let mut rest = rhs.trim();
    while !rest.is_empty() {
        let (sign, after) = match rest.strip_prefix('-') {
            Some(r) => (-1.0, r),
            None => (1.0, rest.strip_prefix('+').unwrap_or(rest)),
        };
        let inner = after.strip_prefix('(')?;
        let close = inner.find(')')?;
        terms.push((sign, inner.get(..close)?.parse().ok()?));
        rest = inner.get(close + 1..)?.trim();
    }
    (!terms.is_empty()).then_some((target, terms))
}

fn column_number(text: &str) -> Option<u32> {
    text.trim()
        .strip_prefix('(')?
        .strip_suffix(')')?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::parse_number;

    fn fig(raw: &str) -> Figure {
        parse_number(raw).unwrap()
    }

    #[test]
    fn formulas() {
        assert_eq!(
            parse_formula("(7)=(1)-(3)-(5)+(6)"),
            Some((7, vec![(1.0, 1), (-1.0, 3), (-1.0, 5), (1.0, 6)]))
        );
        assert_eq!(
            parse_formula("(4)=(2)+(3)"),
            Some((4, vec![(1.0, 2), (1.0, 3)]))
        );
        assert_eq!(parse_formula("(4)"), None);
        assert_eq!(parse_formula("(4)=x"), None);
    }

    #[test]
    fn tolerance_follows_printed_digits() {
        let mut book = CheckBook::default();
        // 443357982.9 - 8851275.94 = 434506706.96, printed 434506706.9: within half-units.
        book.identity(
            "rounded balance",
            Precision::Money,
            ("(7)", fig("434506706.9")),
            &[
                Term::plus("(1)", fig("443357982.9")),
                Term::minus("(3)", fig("8851275.94")),
            ],
        );
        // Two cents off on amounts printed to the cent: fails.
        book.identity(
            "two cents",
            Precision::Money,
            ("total", fig("100.02")),
            &[Term::plus("a", fig("50.00")), Term::plus("b", fig("50.00"))],
        );
        // A count off by one fails, however many operands.
        book.identity(
            "count",
            Precision::Count,
            ("Current", fig("1786")),
            &[
                Term::plus("Prior", fig("1814")),
                Term::minus("Paid", fig("29")),
            ],
        );
        book.identity(
            "factor",
            Precision::Ratio,
            ("(4)", fig("19.539604")),
            &[
                Term::plus("(2)", fig("1.658238468")),
                Term::plus("(3)", fig("17.88136554")),
            ],
        );
        let passed: Vec<bool> = book.into_checks().iter().map(|c| c.passed).collect();
        assert_eq!(passed, [true, false, false, true]);
    }
}
