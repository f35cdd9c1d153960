//! The pool summary from this family's labels (POOL INFORMATION, SOURCES OF PRINCIPAL,
//! OVERCOLLATERALIZATION, the delinquency table), one scope per column, and the ties the
//! statement implies between its reports.

use crate::checks::{Precision, Term};
use crate::columns::key;
use crate::sections::{Section, SectionRow};
use crate::sink::Sink;
use crate::summary::{count, dq60_balance, scope_of};
use crate::value::Figure;
use crate::{BondClass, DelinquencyCell, PoolSummary};

fn has_all(label: &str, words: &[&str]) -> bool {
    let k = key(label);
    words.iter().all(|w| k.contains(w))
}

fn starts_any(label: &str, words: &[&str]) -> bool {
    let k = key(label);
    words.iter().any(|w| k.starts_with(w))
}

fn column(section: &Section, title: &str) -> Option<usize> {
    section
        .columns
        .columns
        .iter()
        .position(|c| key(&c.title) == key(title))
}

fn figure(section: &Section, row: &SectionRow, title: &str) -> Option<Figure> {
    row.figures.get(column(section, title)?).copied().flatten()
}

/// The first row of any section matching `pick`, in the column titled `title`.
fn find(
    sections: &[&Section],
    title: &str,
    pick: impl Fn(&Section, &SectionRow) -> bool,
) -> Option<Figure> {
    sections.iter().find_map(|s| {
        s.rows
            .iter()
            .filter(|r| pick(s, r))
            .find_map(|r| figure(s, r, title))
    })
}

/// Where a tie's printed figure stands, or why it is not there.
enum Located {
    Found(Figure),
    /// The statement prints no section the figure belongs in: nothing to check.
    Absent,
    /// The section is printed but the row or its column is not found: a gap, with the reason.
    Gap(String),
}

/// The first row matching `pick` in a section matching `holds`, in the column titled `title`.
/// A section that should hold it without the row, or the row without the column, is a gap.
fn locate(
    sections: &[&Section],
    title: &str,
    holds: impl Fn(&Section) -> bool,
    pick: impl Fn(&Section, &SectionRow) -> bool,
    row: &str,
) -> Located {
    if let Some(figure) = find(sections, title, &pick) {
        return Located::Found(figure);
    }
    let relevant: Vec<&&Section> = sections.iter().filter(|s| holds(s)).collect();
    if relevant.is_empty() {
        return Located::Absent;
    }
    for section in &relevant {
        if section.rows.iter().any(|r| pick(section, r)) {
            if column(section, title).is_none() {
                return Located::Gap(format!("column \"{title}\" not found in {}", section.name));
            }
            // The row prints its column blank: a figure not printed, not a gap.
            return Located::Absent;
        }
    }
    let names: Vec<&str> = relevant.iter().map(|s| s.name.as_str()).collect();
    Located::Gap(format!("row \"{row}\" not found in {}", names.join(", ")))
}

fn is_pool_balance(row: &SectionRow, when: &[&str]) -> bool {
    starts_any(&row.label, when)
        && has_all(&row.label, &["balance"])
        && !has_all(&row.label, &["purchas"])
}

fn is_loan_count(row: &SectionRow, when: &[&str]) -> bool {
    starts_any(&row.label, when)
        && (has_all(&row.label, &["numberofloans"]) || has_all(&row.label, &["loancount"]))
}

const PRIOR: [&str; 2] = ["prior", "beginning"];
const CURRENT: [&str; 2] = ["current", "ending"];
const UNSCHEDULED: [&str; 5] = ["prepay", "curtail", "repurchase", "substitut", "liquidat"];

fn is_principal_section(s: &Section) -> bool {
    has_all(&s.name, &["principal"])
}

pub(super) fn summary(sections: &[&Section], delinquency: &[DelinquencyCell]) -> Vec<PoolSummary> {
    let Some(info) = sections
        .iter()
        .find(|s| s.rows.iter().any(|r| is_pool_balance(r, &PRIOR)))
    else {
        return Vec::new();
    };
    let group_titles: Vec<String> = info
        .columns
        .columns
        .iter()
        .map(|c| c.title.clone())
        .filter(|t| scope_of(t) != PoolSummary::TOTAL)
        .collect();
    let mut pool: Vec<PoolSummary> = info
        .columns
        .columns
        .iter()
        .map(|c| one(sections, &c.title, delinquency))
        .collect();
    // A whole pool the statement prints only by group: its sums are the whole pool's figures.
    if !pool.iter().any(|p| p.scope == PoolSummary::TOTAL) {
        let groups: Vec<&PoolSummary> = pool.iter().collect();
        let sum =
            |f: fn(&PoolSummary) -> Option<f64>| groups.iter().map(|g| f(g)).sum::<Option<f64>>();
        let total = PoolSummary {
            scope: PoolSummary::TOTAL.to_string(),
            prior_balance: sum(|p| p.prior_balance),
            current_balance: sum(|p| p.current_balance),
            ..PoolSummary::default()
        };
        pool.push(total);
    }
    for p in &mut pool {
        if p.scope == PoolSummary::TOTAL {
            let groups = || {
                group_titles.iter().map(|t| {
                    find(sections, t, |s, r| {
                        has_all(&s.name, &["overcollateral"]) && is_oc(r)
                    })
                })
            };
            if p.oc_amount.is_none() && !group_titles.is_empty() {
                p.oc_amount = groups().map(|f| f.map(|f| f.value)).sum();
            }
        }
    }
    pool
}

fn is_oc(row: &SectionRow) -> bool {
    let k = key(&row.label);
    k.contains("overcollateralizationamount") && !k.contains("target") && !k.contains("required")
}

fn one(sections: &[&Section], title: &str, delinquency: &[DelinquencyCell]) -> PoolSummary {
    let value =
        |pick: &dyn Fn(&Section, &SectionRow) -> bool| find(sections, title, pick).map(|f| f.value);
    let prior_balance = value(&|_, r| is_pool_balance(r, &PRIOR));
    let scheduled_principal =
        value(&|s, r| is_principal_section(s) && has_all(&r.label, &["scheduled"]));
    let unscheduled: Vec<f64> = sections
        .iter()
        .filter(|s| is_principal_section(s))
        .take(1)
        .flat_map(|s| {
            s.rows
                .iter()
                .filter(|r| {
                    let k = key(&r.label);
                    !k.starts_with("total")
                        && !k.contains("loss")
                        && UNSCHEDULED.iter().any(|w| k.contains(w))
                })
                .filter_map(|r| figure(s, r, title).map(|f| f.value))
                .collect::<Vec<_>>()
        })
        .collect();
    let unscheduled_principal = (!unscheduled.is_empty()).then(|| unscheduled.iter().sum::<f64>());
    // SMM as the statement family computes it where it is not printed: unscheduled principal
    // over the balance left after scheduled principal.
    let smm = match (unscheduled_principal, prior_balance, scheduled_principal) {
        (Some(u), Some(p), Some(s)) if p - s > 0.0 => Some(u / (p - s)),
        _ => None,
    };
    let scope = scope_of(title);
    let dq_scope = delinquency
        .iter()
        .map(|d| d.scope.clone())
        .find(|s| key(s) == key(&scope));
    let dq60 = match dq_scope {
        Some(s) => dq60_balance(delinquency, &s),
        None if scope == PoolSummary::TOTAL => {
            let mut scopes: Vec<&str> = Vec::new();
            for d in delinquency {
                if !scopes.contains(&d.scope.as_str()) {
                    scopes.push(&d.scope);
                }
            }
            scopes.iter().map(|s| dq60_balance(delinquency, s)).sum()
        }
        None => None,
    };
    PoolSummary {
        prior_balance,
        current_balance: value(&|_, r| is_pool_balance(r, &CURRENT)),
        prior_loan_count: count(value(&|_, r| is_loan_count(r, &PRIOR))),
        current_loan_count: count(value(&|_, r| is_loan_count(r, &CURRENT))),
        scheduled_principal,
        unscheduled_principal,
        smm,
        cpr: smm.map(|s| 1.0 - (1.0 - s).powi(12)),
        cdr: None,
        realized_loss: value(&|s, r| {
            is_principal_section(s) && has_all(&r.label, &["realizedloss"])
        })
        .map(f64::abs),
        cum_realized_loss: value(&|_, r| has_all(&r.label, &["cumulative", "loss"])),
        dq60_balance: dq60,
        oc_amount: value(&|s, r| has_all(&s.name, &["overcollateral"]) && is_oc(r)),
        scope,
    }
}

/// The ties between reports: the pool balance is the first tier's class balances (prior and
/// current), the collection account's principal and interest are what the first tier's classes
/// receive, each scope's balance and loan count roll forward.
pub(super) fn checks(
    sections: &[&Section],
    classes: &[BondClass],
    first_tier: &str,
    pool: &[PoolSummary],
    sink: &mut Sink,
) {
    let tier: Vec<&BondClass> = classes.iter().filter(|c| c.tier == first_tier).collect();
    let name = if first_tier.is_empty() {
        "classes".to_string()
    } else {
        format!("{first_tier} classes")
    };
    let class_terms = |get: fn(&BondClass) -> Option<f64>| -> Option<Vec<Term>> {
        let terms: Vec<Term> = tier
            .iter()
            .filter_map(|c| Some(Term::plus(c.class.clone(), Figure::exact(get(c)?))))
            .collect();
        (!terms.is_empty()).then_some(terms)
    };
    let pool_info = |s: &Section| has_all(&s.name, &["pool"]);
    let sources = |s: &Section, of: &str| has_all(&s.name, &["source", of]);
    type Tie<'a> = (&'a str, &'a str, Located, fn(&BondClass) -> Option<f64>);
    let ties: [Tie; 4] = [
        (
            "POOL INFORMATION prior balance of pool",
            "PRIOR PRINCIPAL BALANCE",
            locate(
                sections,
                "TOTAL",
                pool_info,
                |_, r| is_pool_balance(r, &PRIOR),
                "PRIOR PRINCIPAL BALANCE OF POOL",
            ),
            |c| c.prior_balance,
        ),
        (
            "POOL INFORMATION current balance of pool",
            "CURRENT PRINCIPAL BALANCE",
            locate(
                sections,
                "TOTAL",
                pool_info,
                |_, r| is_pool_balance(r, &CURRENT),
                "CURRENT PRINCIPAL BALANCE OF POOL",
            ),
            |c| c.current_balance,
        ),
        (
            "SOURCES OF PRINCIPAL total principal",
            "PRINCIPAL",
            locate(
                sections,
                "TOTAL",
                |s| sources(s, "principal"),
                |s, r| is_principal_section(s) && starts_any(&r.label, &["total"]),
                "TOTAL PRINCIPAL",
            ),
            |c| c.principal,
        ),
        (
            "SOURCES OF INTEREST total interest",
            "INTEREST",
            locate(
                sections,
                "TOTAL",
                |s| sources(s, "interest"),
                |s, r| {
                    has_all(&s.name, &["interest"])
                        && !is_principal_section(s)
                        && starts_any(&r.label, &["total"])
                        && has_all(&r.label, &["interest"])
                },
                "TOTAL INTEREST",
            ),
            |c| c.interest,
        ),
    ];
    for (what, class_column, located, get) in ties {
        let check = format!("{what} = sum of {name}");
        match (located, class_terms(get)) {
            (Located::Found(figure), Some(terms)) => {
                sink.checks
                    .identity(check, Precision::Money, (what, figure), &terms)
            }
            (Located::Found(_), None) if !tier.is_empty() => sink.checks.unevaluated(
                check,
                format!("column \"{class_column}\" not found in the class table of the {name}"),
            ),
            (Located::Gap(reason), _) if !tier.is_empty() => sink.checks.unevaluated(check, reason),
            _ => {}
        }
    }
    for p in pool {
        let (Some(current), Some(prior)) = (p.current_balance, p.prior_balance) else {
            continue;
        };
        let mut terms = vec![Term::plus("prior balance", Figure::exact(prior))];
        for (label, v) in [
            ("scheduled principal", p.scheduled_principal),
            ("unscheduled principal", p.unscheduled_principal),
            ("realized loss", p.realized_loss),
        ] {
            if let Some(v) = v {
                terms.push(Term::minus(label, Figure::exact(v)));
            }
        }
        let check = format!(
            "pool balance [{}]: current = prior - principal - losses",
            p.scope
        );
        if terms.len() == 1 {
            sink.checks.unevaluated(
                check,
                format!(
                    "no principal or realized loss line found for {} (SOURCES OF PRINCIPAL)",
                    p.scope
                ),
            );
        } else {
            sink.checks.identity(
                check,
                Precision::Money,
                ("current balance", Figure::exact(current)),
                &terms,
            );
        }
        let paid = find(sections, &title_of(sections, &p.scope), |_, r| {
            has_all(&r.label, &["paidinfull"])
        });
        let check = format!(
            "loan count [{}]: current = prior - loans paid in full",
            p.scope
        );
        let (Some(now), Some(before)) = (p.current_loan_count, p.prior_loan_count) else {
            continue;
        };
        let Some(paid) = paid else {
            sink.checks.unevaluated(
                check,
                format!(
                    "row \"LOANS PAID IN FULL\" not found under {}",
                    title_of(sections, &p.scope)
                ),
            );
            continue;
        };
        {
            sink.checks.identity(
                check,
                Precision::Count,
                ("current loans", Figure::exact(now as f64)),
                &[
                    Term::plus("prior loans", Figure::exact(before as f64)),
                    Term::minus("paid in full", paid),
                ],
            );
        }
    }
}

/// The column title a scope came from.
fn title_of(sections: &[&Section], scope: &str) -> String {
    sections
        .iter()
        .flat_map(|s| s.columns.columns.iter())
        .map(|c| c.title.clone())
        .find(|t| scope_of(t) == scope)
        .unwrap_or_else(|| scope.to_string())
}
