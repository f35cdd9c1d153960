//! The Certificate Payment Report: per REMIC tier, tables of classes (current period,
//! interest accrual detail with factors beside it, to date, interest detail), each a stack of
//! header lines over rows that start with the class name.
//!
//! Tables are told apart by their printed titles (`Distribution in Dollars - to Date`), columns
//! are mapped to [`BondClass`] fields by their printed headers, and the column labels
//! (`(4)=(2)+(3)`) are evaluated as checks on every row. A column not known is kept in
//! `pool_values`; the `Total` row is no class: its figures go to `pool_values` (label `Total`, one
//! row per printed column) and feed the checks.

use crate::checks::{missing_columns, parse_formula, Precision, Term};
use crate::class_table::class_entry;
use crate::columns::{blank_words, is_label_line, phrases, plain_words, Columns, Row};
use crate::formulas::{formula_checks, terms, FormulaTable};
use crate::sections::is_subtitle;
use crate::sink::Sink;
use crate::value::{collapse, date_to_iso, parse_number, serial_to_iso, Figure};
use crate::BondClass;
use remit_normalize::Report;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Current,
    AccrualFactor,
    ToDate,
    InterestDetail,
    Other,
}

impl Kind {
    fn from_titles(titles: &[String]) -> Kind {
        let all = crate::misprints::corrected(&titles.join(" ")).to_lowercase();
        if all.contains("accrual") || all.contains("factor") {
            Kind::AccrualFactor
        } else if all.contains("to date") {
            Kind::ToDate
        } else if all.contains("interest detail") {
            Kind::InterestDetail
        } else if all.contains("current period") {
            Kind::Current
        } else {
            Kind::Other
        }
    }

    /// The infix naming a table's checks (the current period is the statement's main table).
    fn infix(self) -> &'static str {
        match self {
            Kind::Current => "",
            Kind::AccrualFactor => "Factors/",
            Kind::ToDate => "To Date/",
            Kind::InterestDetail => "Interest Detail/",
            Kind::Other => "Other/",
        }
    }
}

const TITLE_WORDS: [&str; 4] = [
    "distribution in dollars",
    "interest accrual detail",
    "factor information",
    "interest detail",
];

type Number = fn(&mut BondClass) -> &mut Option<f64>;
type Text = fn(&mut BondClass) -> &mut Option<String>;

enum Slot {
    Class,
    Number(Number),
    Text(Text),
    Date(Text),
}

fn slot(kind: Kind, key: &str) -> Option<Slot> {
    use Slot::{Date, Number as N, Text as T};
    if key == "class" {
        return Some(Slot::Class);
    }
    let common: Option<Slot> = match key {
        "classtype" => Some(T(|c| &mut c.class_type)),
        "originalfacevalue" => Some(N(|c| &mut c.original_face)),
        _ => None,
    };
    if common.is_some() {
        return common;
    }
    Some(match (kind, key) {
        (Kind::Current, "priorprincipalbalance") => N(|c| &mut c.prior_balance),
        (Kind::Current, "interest") => N(|c| &mut c.interest),
        (Kind::Current, "principal") => N(|c| &mut c.principal),
        (Kind::Current, "totaldistribution") => N(|c| &mut c.total_distribution),
        (Kind::Current, "realizedlosses" | "realizedloss") => N(|c| &mut c.realized_loss),
        (Kind::Current, "deferredinterest") => N(|c| &mut c.deferred_interest),
        (Kind::Current | Kind::ToDate, "currentprincipalbalance") => N(|c| &mut c.current_balance),
        (Kind::AccrualFactor, "periodstarting") => Date(|c| &mut c.accrual_start),
        (Kind::AccrualFactor, "periodending") => Date(|c| &mut c.accrual_end),
        (Kind::AccrualFactor, "method") => T(|c| &mut c.accrual_method),
        (Kind::AccrualFactor, "cusip") => T(|c| &mut c.cusip),
        (Kind::AccrualFactor, k) if k.starts_with("origprincipal") => N(|c| &mut c.factor_face),
        (Kind::AccrualFactor, "priorprincipalbalance") => N(|c| &mut c.factor_prior_balance),
        (Kind::AccrualFactor, "interest") => N(|c| &mut c.factor_interest),
        (Kind::AccrualFactor, "principal") => N(|c| &mut c.factor_principal),
        (Kind::AccrualFactor, "totaldistribution") => N(|c| &mut c.factor_total_distribution),
        (Kind::AccrualFactor, "currentprincipalbalance") => N(|c| &mut c.factor_current_balance),
        (Kind::ToDate, "interest") => N(|c| &mut c.td_interest),
        (Kind::ToDate, "unscheduledprincipal") => N(|c| &mut c.td_unscheduled_principal),
        (Kind::ToDate, "scheduledprincipal") => N(|c| &mut c.td_scheduled_principal),
        (Kind::ToDate, "totalprincipal") => N(|c| &mut c.td_total_principal),
        (Kind::ToDate, "totaldistribution") => N(|c| &mut c.td_total_distribution),
        (Kind::ToDate, "realizedlosses" | "realizedloss") => N(|c| &mut c.td_realized_loss),
        (Kind::ToDate, "deferredinterest") => N(|c| &mut c.td_deferred_interest),
        (Kind::InterestDetail, "passthroughrate") => N(|c| &mut c.pass_through_rate),
        (Kind::InterestDetail, k) if k.starts_with("priorprincipal") => N(|c| &mut c.prior_balance),
        (Kind::InterestDetail, "accruedinterest") => N(|c| &mut c.accrued_interest),
        (Kind::InterestDetail, "nonsupportedinterestsf") => N(|c| &mut c.non_supported_interest_sf),
        (Kind::InterestDetail, "priorunpaidinterest") => N(|c| &mut c.prior_unpaid_interest),
        (Kind::InterestDetail, "unscheduledinterestadjustments") => {
            N(|c| &mut c.unscheduled_interest_adjustments)
        }
        (Kind::InterestDetail, "optimalinterest") => N(|c| &mut c.optimal_interest),
        (Kind::InterestDetail, "paidordeferredinterest") => N(|c| &mut c.paid_or_deferred_interest),
        (Kind::InterestDetail, "currentunpaidinterest") => N(|c| &mut c.current_unpaid_interest),
        _ => return None,
    })
}

/// An identity the layout knows a table prints: `target = sum of signed operands`, each a
/// column named as printed (alternatives by key). The printed formula label (`(4)=(2)+(3)`)
/// is what is evaluated; this list says what must be evaluated, so a table whose header is
/// broken records a failed check naming the column it could not find instead of nothing.
struct Known {
    target: (&'static str, &'static [&'static str]),
    operands: &'static [(f64, &'static str, &'static [&'static str])],
}

const PRIOR: (&str, &[&str]) = ("Prior Principal Balance", &["priorprincipalbalance"]);
const INTEREST: (&str, &[&str]) = ("Interest", &["interest"]);
const PRINCIPAL: (&str, &[&str]) = ("Principal", &["principal"]);
const TOTAL_DISTRIBUTION: (&str, &[&str]) = ("Total Distribution", &["totaldistribution"]);
const CURRENT: (&str, &[&str]) = ("Current Principal Balance", &["currentprincipalbalance"]);
const LOSSES: &[&str] = &["realizedlosses", "realizedloss"];

fn known(kind: Kind) -> &'static [Known] {
    const DISTRIBUTION: Known = Known {
        target: TOTAL_DISTRIBUTION,
        operands: &[
            (1.0, INTEREST.0, INTEREST.1),
            (1.0, PRINCIPAL.0, PRINCIPAL.1),
        ],
    };
    match kind {
        Kind::Current => &[
            DISTRIBUTION,
            Known {
                target: CURRENT,
                operands: &[
                    (1.0, PRIOR.0, PRIOR.1),
                    (-1.0, PRINCIPAL.0, PRINCIPAL.1),
                    (-1.0, "Realized Losses", LOSSES),
                    (1.0, "Deferred Interest", &["deferredinterest"]),
                ],
            },
        ],
        Kind::AccrualFactor => &[DISTRIBUTION],
        Kind::ToDate => &[
            Known {
                target: ("Total Principal", &["totalprincipal"]),
                operands: &[
                    (1.0, "Unscheduled Principal", &["unscheduledprincipal"]),
                    (1.0, "Scheduled Principal", &["scheduledprincipal"]),
                ],
            },
            Known {
                target: TOTAL_DISTRIBUTION,
                operands: &[
                    (1.0, INTEREST.0, INTEREST.1),
                    (1.0, "Total Principal", &["totalprincipal"]),
                ],
            },
            Known {
                target: CURRENT,
                operands: &[
                    (1.0, "Original Face Value", &["originalfacevalue"]),
                    (-1.0, "Total Principal", &["totalprincipal"]),
                    (-1.0, "Realized Losses", LOSSES),
                    (1.0, "Deferred Interest", &["deferredinterest"]),
                ],
            },
        ],
        Kind::InterestDetail => &[
            Known {
                target: ("Optimal Interest", &["optimalinterest"]),
                operands: &[
                    (1.0, "Accrued Interest", &["accruedinterest"]),
                    (
                        -1.0,
                        "Non-Supported Interest SF",
                        &["nonsupportedinterestsf"],
                    ),
                    (1.0, "Prior Unpaid Interest", &["priorunpaidinterest"]),
                ],
            },
            Known {
                target: ("Current Unpaid Interest", &["currentunpaidinterest"]),
                operands: &[
                    (1.0, "Optimal Interest", &["optimalinterest"]),
                    (
                        -1.0,
                        "Paid or Deferred Interest",
                        &["paidordeferredinterest"],
                    ),
                ],
            },
        ],
        Kind::Other => &[],
    }
}

impl Known {
    /// `Current Principal Balance = Prior Principal Balance - Principal - ...`
    fn formula(&self) -> String {
        let mut text = format!("{} =", self.target.0);
        for (i, (sign, name, _)) in self.operands.iter().enumerate() {
            let op = match (i, *sign < 0.0) {
                (0, false) => " ",
                (0, true) => " -",
                (_, false) => " + ",
                (_, true) => " - ",
            };
            text.push_str(op);
            text.push_str(name);
        }
        text
    }
}

/// One table: its titles, header lines and rows.
#[derive(Default)]
struct Table {
    titles: Vec<String>,
    header: Vec<String>,
    rows: Vec<String>,
}

fn is_title(text: &str) -> bool {
    let collapsed = collapse(text);
    let title = |text: &str| {
        let lower = text.to_lowercase();
        TITLE_WORDS.iter().any(|t| lower.starts_with(t))
    };
    // A title is a few words (`Intrest Detail` misprinted): a row of figures is not mended.
    title(&collapsed)
        || (collapsed.split(' ').count() <= 6 && title(&crate::misprints::corrected(&collapsed)))
}

fn is_data_row(text: &str) -> bool {
    text.chars().next().is_some_and(|c| !c.is_whitespace())
        && !is_label_line(text)
        && blank_words(text).skip(1).any(|w| parse_number(w).is_some())
}

fn tables(report: &Report) -> Vec<Table> {
    let mut tables = Vec::new();
    let mut current = Table::default();
    for line in &report.lines {
        let text = line.text.as_str();
        // Tested without collapsing the line: its inner blanks do not change either test.
        let trimmed = text.trim();
        if trimmed.is_empty() || is_subtitle(trimmed, &report.title) {
            continue;
        }
        if is_data_row(text) {
            current.rows.push(text.to_string());
            continue;
        }
        if !current.rows.is_empty() {
            tables.push(std::mem::take(&mut current));
        }
        if is_title(text) {
            let words = plain_words(text);
            current
                .titles
                .extend(phrases(&words, 3).into_iter().map(|p| p.text));
        } else {
            current.header.push(text.to_string());
        }
    }
    if !current.rows.is_empty() || !current.header.is_empty() {
        tables.push(current);
    }
    tables
}

/// The tables one tier's report printed, so tiers can be compared: a table one tier prints and
/// another does not is an identity of the other not evaluated.
pub struct Seen {
    prefix: String,
    kinds: Vec<Kind>,
    tables: Vec<Printed>,
}

/// What one table of a tier printed: its column keys and whether a `Total` row.
struct Printed {
    kind: Kind,
    keys: Vec<String>,
    total: bool,
    section: String,
}

/// Reads one Certificate Payment Report (one tier) into `classes`, its checks into `sink`.
pub fn read(report: &Report, classes: &mut Vec<BondClass>, sink: &mut Sink) -> Seen {
    let tier = report.tier.clone().unwrap_or_default();
    let prefix = if tier.is_empty() {
        report.title.clone()
    } else {
        format!("{} [{tier}]", report.title)
    };
    let mut seen: Vec<Kind> = Vec::new();
    let mut printed: Vec<Printed> = Vec::new();
    for table in tables(report) {
        let kind = Kind::from_titles(&table.titles);
        let header: Vec<&str> = table.header.iter().map(String::as_str).collect();
        let columns = Columns::from_header(&header);
        // Each column's key once per table, not once per cell, its misprints mended (and
        // said) as `Column::key` mends them.
        let keys: Vec<String> = columns
            .columns
            .iter()
            .map(|column| {
                let meant = crate::misprints::corrected(&column.title);
                if meant != column.title {
                    sink.warn(format!(
                        "{prefix}: heading {:?} read as {meant:?}",
                        column.title
                    ));
                }
                crate::columns::key(&meant)
            })
            .collect();
        let Some(class_column) = columns.position("class") else {
            if !table.rows.is_empty() {
                sink.warn(format!(
                    "{prefix}: a table without a Class column ({} rows) was not read",
                    table.rows.len()
                ));
                // Its rows are not read, so none of its identities can be evaluated.
                for identity in known(kind) {
                    sink.checks.unevaluated(
                        format!("{prefix}/{}{}", kind.infix(), identity.formula()),
                        format!(
                            "column \"Class\" not found in {prefix} ({})",
                            table.titles.join(" / ")
                        ),
                    );
                }
                seen.push(kind);
            }
            continue;
        };
        let rows: Vec<Row> = table.rows.iter().map(|r| columns.row(r)).collect();
        let mut named: Vec<(String, &Row)> = Vec::new();
        for row in &rows {
            match row.cell(class_column) {
                Some(cell) if !cell.raw.is_empty() => named.push((cell.raw.clone(), row)),
                _ => sink.warn(format!("{prefix}: a row without a class was not read")),
            }
        }
        let section = if table.titles.is_empty() {
            "Certificate Payment".to_string()
        } else {
            table.titles.join(" / ")
        };
        for (name, row) in &named {
            if name.eq_ignore_ascii_case("total") {
                // Not a class, but printed: each of its figures is kept under its column.
                for (index, column) in columns.columns.iter().enumerate() {
                    match row.cell(index) {
                        Some(cell) if index != class_column && !cell.raw.is_empty() => {
                            sink.pool(&prefix, &section, "Total", &column.title, cell)
                        }
                        _ => {}
                    }
                }
                continue;
            }
            let class = class_entry(classes, &tier, name);
            fill(
                class,
                kind,
                (&columns, &keys),
                row,
                (&prefix, &section),
                sink,
            );
        }
        let table = FormulaTable {
            scope: &format!("{prefix}/{}", kind.infix()),
            place: &format!("{prefix} ({section})"),
            precision: precision(kind),
            rows_expected: false,
        };
        formula_checks(&table, &columns, &named, sink);
        known_checks(&prefix, kind, (&columns, &keys), &named, &section, sink);
        total_checks(&prefix, kind, &columns, &named, sink);
        printed.push(Printed {
            kind,
            keys,
            total: named.iter().any(|(n, _)| n.eq_ignore_ascii_case("total")),
            section: section.clone(),
        });
        seen.push(kind);
    }
    // A table the layout knows, not found while a table of unrecognised title was (its title
    // broken): its identities are recorded as not evaluated.
    if seen.contains(&Kind::Other) {
        let everything = KNOWN_TABLES.map(|(kind, _)| kind);
        not_found(&prefix, &seen, &everything, sink);
    }
    Seen {
        prefix,
        kinds: seen,
        tables: printed,
    }
}

/// The tables this layout knows, with the title each prints.
const KNOWN_TABLES: [(Kind, &str); 4] = [
    (Kind::Current, "Distribution in Dollars - Current Period"),
    (Kind::AccrualFactor, "Interest Accrual Detail"),
    (Kind::ToDate, "Distribution in Dollars - to Date"),
    (Kind::InterestDetail, "Interest Detail"),
];

/// Each identity of a table in `wanted` that `seen` lacks, recorded as not evaluated.
fn not_found(prefix: &str, seen: &[Kind], wanted: &[Kind], sink: &mut Sink) {
    for (kind, title) in KNOWN_TABLES {
        if seen.contains(&kind) || !wanted.contains(&kind) {
            continue;
        }
        for identity in known(kind) {
            sink.checks.unevaluated(
                format!("{prefix}/{}{}", kind.infix(), identity.formula()),
                format!("table \"{title}\" not found in {prefix}"),
            );
        }
    }
}

/// Tiers compared: a table printed in one tier and not found in another (its title or every
/// row lost) leaves that tier's identities of it recorded as not evaluated. A statement of one
/// tier prints what it prints.
pub fn tier_gaps(tiers: &[Seen], sink: &mut Sink) {
    let printed: Vec<Kind> = tiers
        .iter()
        .flat_map(|t| t.kinds.iter().copied())
        .filter(|k| *k != Kind::Other)
        .collect();
    for tier in tiers {
        // A tier with an unrecognised table has recorded what it lacks already.
        if !tier.kinds.contains(&Kind::Other) {
            not_found(&tier.prefix, &tier.kinds, &printed, sink);
        }
    }
    // Within a table every tier prints: a column or the `Total` row another tier's table has
    // and this one's lacks.
    for tier in tiers {
        for table in &tier.tables {
            let others: Vec<&Printed> = tiers
                .iter()
                .filter(|t| t.prefix != tier.prefix)
                .flat_map(|t| t.tables.iter())
                .filter(|t| t.kind == table.kind && t.kind != Kind::Other)
                .collect();
            let has = |keys: &[String], wanted: &[&str]| {
                keys.iter().any(|k| wanted.contains(&k.as_str()))
            };
            for identity in known(table.kind) {
                let name = format!(
                    "{}/{}{}",
                    tier.prefix,
                    table.kind.infix(),
                    identity.formula()
                );
                if sink.checks.recorded(&name) {
                    continue;
                }
                let columns = std::iter::once((identity.target.0, identity.target.1)).chain(
                    identity
                        .operands
                        .iter()
                        .map(|(_, name, keys)| (*name, *keys)),
                );
                let missing: Vec<&str> = columns
                    .filter(|(_, keys)| {
                        !has(&table.keys, keys) && others.iter().any(|o| has(&o.keys, keys))
                    })
                    .map(|(name, _)| name)
                    .collect();
                if !missing.is_empty() {
                    sink.checks.unevaluated(
                        name,
                        format!(
                            "{} not found in {} ({}), printed in another tier",
                            missing_columns(&missing),
                            tier.prefix,
                            table.section
                        ),
                    );
                }
            }
            if !table.total && others.iter().any(|o| o.total) {
                sink.checks.unevaluated(
                    format!(
                        "{}/{}Total: sum of classes",
                        tier.prefix,
                        table.kind.infix()
                    ),
                    format!(
                        "row \"Total\" not found in {} ({}), printed in another tier",
                        tier.prefix, table.section
                    ),
                );
            }
        }
    }
}

/// Each identity the layout knows for this kind of table. Where the table prints its result
/// column with a usable formula label, [`formula_checks`] evaluates it. Where the result column
/// is printed without one, it is evaluated from the columns' titles. And where the table prints
/// a column this layout cannot name (a broken header: `Prin cipal`, a garbled word), every
/// identity must find its columns by title: one not found is recorded as a failed check naming
/// it, since its figures then sit under a name no class field has. A table that simply prints
/// fewer columns (no Total Distribution) records nothing for what it does not print.
fn known_checks(
    prefix: &str,
    kind: Kind,
    (columns, column_keys): (&Columns, &[String]),
    rows: &[(String, &Row)],
    section: &str,
    sink: &mut Sink,
) {
    let find = |keys: &[&str]| column_keys.iter().position(|k| keys.contains(&k.as_str()));
    let suspect = column_keys.iter().any(|k| slot(kind, k).is_none());
    for identity in known(kind) {
        let target = find(identity.target.1);
        // Evaluated from the printed label, unless a column this layout cannot name (a broken
        // header) says the titles must be looked at too.
        let labelled = target.is_some_and(|t| printed_formula(columns, t).is_some());
        if (labelled || target.is_none()) && !suspect {
            continue;
        }
        let mut missing: Vec<&str> = Vec::new();
        if target.is_none() {
            missing.push(identity.target.0);
        }
        let mut operands: Vec<(f64, &str, usize)> = Vec::new();
        for (sign, name, keys) in identity.operands {
            match find(keys) {
                Some(index) => operands.push((*sign, name, index)),
                None => missing.push(name),
            }
        }
        let name = identity.formula();
        let Some(target) = target.filter(|_| missing.is_empty()) else {
            sink.checks.unevaluated(
                format!("{prefix}/{}{name}", kind.infix()),
                format!(
                    "{} not found in {prefix} ({section})",
                    missing_columns(&missing)
                ),
            );
            continue;
        };
        if labelled {
            continue;
        }
        // Every column is there but no formula label over the result: evaluated by title.
        for (row_name, row) in rows {
            let Some(result) = row.cell(target).and_then(|c| c.figure) else {
                continue;
            };
            // A blank cell is a figure not printed in this row, not a missing column.
            let Some(terms) = terms(row, &operands) else {
                continue;
            };
            sink.checks.identity(
                format!("{prefix}/{}{row_name}: {name}", kind.infix()),
                precision(kind),
                (identity.target.0, result),
                &terms,
            );
        }
    }
}

/// The formula printed over a column, when every column it names is there.
fn printed_formula(columns: &Columns, index: usize) -> Option<(u32, Vec<(f64, u32)>)> {
    let (target, operands) = parse_formula(columns.columns.get(index)?.label.as_deref()?)?;
    let present = |n: u32| columns.columns.iter().any(|c| c.number() == Some(n));
    (present(target) && operands.iter().all(|(_, n)| present(*n))).then_some((target, operands))
}

/// Fills `class` from one row of a table of `kind`, its columns with their keys, printed at
/// `(prefix, section)`.
fn fill(
    class: &mut BondClass,
    kind: Kind,
    (columns, keys): (&Columns, &[String]),
    row: &Row,
    (prefix, section): (&str, &str),
    sink: &mut Sink,
) {
    for ((index, column), key) in columns.columns.iter().enumerate().zip(keys) {
        let Some(cell) = row.cell(index) else {
            continue;
        };
        if is_notional(kind, key, class, cell) {
            // An interest-only class: its principal balance is 0 and this column prints the
            // notional its interest accrues on. Not the same quantity as the principal
            // balance, so not compared with it; kept as printed.
            class.notional_balance = cell.figure.map(|f| f.value);
            sink.pool(prefix, section, &class.class, &column.title, cell);
            continue;
        }
        match slot(kind, key) {
            Some(Slot::Class) => {}
            Some(Slot::Text(field)) => {
                *field(class) = (cell.raw != "-").then(|| cell.raw.clone());
            }
            Some(Slot::Date(field)) => {
                *field(class) = cell
                    .value()
                    .and_then(serial_to_iso)
                    .or_else(|| date_to_iso(&cell.raw));
            }
            Some(Slot::Number(field)) => match (*field(class), cell.figure) {
                // The same quantity printed in two tables must agree.
                (Some(before), Some(figure)) => sink.checks.same(
                    format!(
                        "{prefix}/{}{}: {} as printed before",
                        kind.infix(),
                        class.class,
                        column.title
                    ),
                    Precision::Money,
                    (&column.title, figure),
                    ("earlier table", Figure::exact(before)),
                ),
                (None, figure) => *field(class) = figure.map(|f| f.value),
                (Some(_), None) => {}
            },
            None => sink.pool(prefix, section, &class.class, &column.title, cell),
        }
    }
}

/// The interest detail's `Prior Principal (with Notional) Balance` of a class whose principal
/// balance the current-period table printed as 0: a notional amount (an interest-only class).
fn is_notional(kind: Kind, key: &str, class: &BondClass, cell: &crate::value::Cell) -> bool {
    kind == Kind::InterestDetail
        && key.starts_with("priorprincipal")
        && key.contains("notional")
        && class.prior_balance == Some(0.0)
        && cell.figure.is_some_and(|f| f.value != 0.0)
}

fn precision(kind: Kind) -> Precision {
    if kind == Kind::AccrualFactor {
        Precision::Ratio
    } else {
        Precision::Money
    }
}

/// The classes summing to the `Total` row, column by column.
fn total_checks(
    prefix: &str,
    kind: Kind,
    columns: &Columns,
    rows: &[(String, &Row)],
    sink: &mut Sink,
) {
    let Some((_, total)) = rows.iter().find(|(n, _)| n.eq_ignore_ascii_case("total")) else {
        return;
    };
    for (index, column) in columns.columns.iter().enumerate() {
        let Some(result) = total.cell(index).and_then(|c| c.figure) else {
            continue;
        };
        let terms: Vec<Term> = rows
            .iter()
            .filter(|(n, _)| !n.eq_ignore_ascii_case("total"))
            .filter_map(|(n, r)| Some(Term::plus(n.clone(), r.cell(index)?.figure?)))
            .collect();
        if terms.is_empty() {
            continue;
        }
        sink.checks.identity(
            format!(
                "{prefix}/{}Total: {} = sum of classes",
                kind.infix(),
                column.title
            ),
            precision(kind),
            ("Total", result),
            &terms,
        );
    }
}
