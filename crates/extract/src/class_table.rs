//! Class tables of any trustee: a header naming a `CLASS` column with balance, interest and
//! principal headings (one to three lines, in any order), then one row per class and a `TOTAL`
//! row. Dollar tables fill the classes' current-period figures; tables of factors per $1,000
//! (told by their title or headings) fill factors; CUSIP and rate columns fill CUSIPs and rates
//! in either.
//!
//! Headings are matched by the words they contain, never by their position or order, so
//! `PRINCIPAL` before `INTEREST`, a `CLASS` heading on the top line and `REALIZED LOSES` all
//! read alike. A column no field takes is kept in `pool_values` under the class, so nothing
//! printed is dropped.

use std::ops::Range;

use crate::checks::{missing_columns, Precision, Term};
use crate::columns::{key, plain_words};
use crate::grid::{has_amount, is_rule, line_phrases, Grid};
use crate::sink::Sink;
use crate::value::{collapse, Cell, Figure};
use crate::BondClass;
use remit_normalize::Line;

/// Which figures a class table prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Dollars,
    Factors,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Class,
    OriginalFace,
    PriorBalance,
    Interest,
    Principal,
    Total,
    RealizedLoss,
    DeferredInterest,
    CurrentBalance,
    Cusip,
    Rate,
    NextRate,
}

fn field(kind: Kind, title: &str) -> Option<Field> {
    let k = key(&crate::misprints::corrected(title));
    let has = |s: &str| k.contains(s);
    let balance_end = (has("current") || has("ending")) && has("balance");
    Some(match kind {
        _ if has("class") => Field::Class,
        _ if has("cusip") => Field::Cusip,
        _ if has("next") && (has("rate") || has("estimated")) => Field::NextRate,
        _ if has("rate") || has("passthrough") || has("coupon") => Field::Rate,
        Kind::Dollars if has("deferred") => Field::DeferredInterest,
        Kind::Dollars if has("realized") || has("loss") || has("lose") => Field::RealizedLoss,
        _ if has("original") || has("face") => Field::OriginalFace,
        _ if has("prior") || has("beginning") => Field::PriorBalance,
        _ if balance_end => Field::CurrentBalance,
        _ if has("interest") => Field::Interest,
        _ if has("principal") => Field::Principal,
        _ if has("total") => Field::Total,
        _ => return None,
    })
}

/// One class table found in a report.
#[derive(Debug, Clone)]
pub struct Table {
    pub kind: Kind,
    /// The title printed over the columns (`DISTRIBUTIONS IN DOLLARS`), or the kind's name.
    pub title: String,
    pub grid: Grid,
    /// The lines the table spans, header to its last row.
    pub lines: Range<usize>,
}

impl Table {
    /// Whether the table prints a balance, principal and interest by class: a class table
    /// whichever trustee printed it.
    pub fn has_balance_principal_interest(&self) -> bool {
        let fields: Vec<Field> = self
            .grid
            .columns
            .iter()
            .filter_map(|c| field(self.kind, &c.title))
            .collect();
        let has = |f: Field| fields.contains(&f);
        (has(Field::PriorBalance) || has(Field::CurrentBalance))
            && has(Field::Principal)
            && has(Field::Interest)
    }
}

/// Whether the line is a class-table header line: a `CLASS` heading among at least three.
fn names_class(text: &str) -> bool {
    !has_amount(text)
        && plain_words(text)
            .iter()
            .any(|w| w.text.eq_ignore_ascii_case("class"))
        && line_phrases(text).len() >= 3
}

fn is_header_text(text: &str) -> bool {
    !text.trim().is_empty() && !is_rule(text) && !has_amount(text)
}

/// The header lines around a `CLASS` line: up to three more above or below, no figures.
fn header_span(lines: &[Line], at: usize) -> Range<usize> {
    let mut start = at;
    while start > 0
        && at - start < 3
        && lines
            .get(start - 1)
            .is_some_and(|l| is_header_text(&l.text))
    {
        start -= 1;
    }
    let mut end = at + 1;
    while end - start < 5 && lines.get(end).is_some_and(|l| is_header_text(&l.text)) {
        end += 1;
    }
    start..end
}

/// A table title: a phrase of several words on a header line spanning two or more columns.
fn split_title(texts: &[String]) -> (Option<String>, Vec<String>) {
    let grid = Grid::from_header(&texts.iter().map(String::as_str).collect::<Vec<_>>());
    let anchors: Vec<(usize, usize)> = grid.columns.iter().map(|c| (c.start, c.end)).collect();
    let mut title = None;
    let mut out = Vec::new();
    for text in texts {
        let mut line: Vec<char> = text.chars().collect();
        if title.is_none() {
            for p in line_phrases(text) {
                let spanned = anchors
                    .iter()
                    .filter(|(s, e)| p.start < *e && *s < p.end)
                    .count();
                if p.text.split(' ').count() >= 2 && spanned >= 2 {
                    for c in line.iter_mut().take(p.end).skip(p.start) {
                        *c = ' ';
                    }
                    title = Some(collapse(&p.text));
                    break;
                }
            }
        }
        out.push(line.into_iter().collect());
    }
    (title, out)
}

/// Finds the class tables of a run of lines, header first.
pub fn find(lines: &[Line]) -> Vec<Table> {
    let mut tables = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !names_class(&lines[i].text) {
            i += 1;
            continue;
        }
        let span = header_span(lines, i);
        let texts: Vec<String> = lines[span.clone()].iter().map(|l| l.text.clone()).collect();
        let (title, header) = split_title(&texts);
        let grid = Grid::from_header(&header.iter().map(String::as_str).collect::<Vec<_>>());
        // A table of factors says so in its title or headings (`FACTOR INFORMATION PER $1000
        // OF ORIGINAL FACE`); any other class table is in dollars.
        let says = key(&texts.join(" "));
        let kind = if says.contains("factor") || says.contains("per1000") {
            Kind::Factors
        } else {
            Kind::Dollars
        };
        let usable = grid.find("class").is_some()
            && grid
                .columns
                .iter()
                .filter(|c| field(kind, &c.title).is_some_and(|f| f != Field::Class))
                .count()
                >= 2;
        if !usable {
            i = span.end;
            continue;
        }
        let end = rows_end(lines, span.end, &grid);
        let rows: Vec<&str> = lines
            .get(span.end..end)
            .unwrap_or_default()
            .iter()
            .map(|l| l.text.as_str())
            .collect();
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let grid = grid.parted_by_rows(&header, &rows).joined_by_rows(&rows);
        tables.push(Table {
            kind,
            title: title.unwrap_or_else(|| match kind {
                Kind::Dollars => "CLASSES".to_string(),
                Kind::Factors => "FACTORS".to_string(),
            }),
            grid,
            lines: span.start..end,
        });
        i = end.max(span.end);
    }
    tables
}

/// Where the rows under a header end: at the first line that is neither a row, a rule nor blank.
/// A line of marks only (`>-`, a rule's end a cut left behind) prints no words or figures: it
/// ends nothing.
fn rows_end(lines: &[Line], from: usize, grid: &Grid) -> usize {
    let mut end = from;
    for (i, line) in lines.iter().enumerate().skip(from) {
        let text = &line.text;
        if is_rule(text) || !text.chars().any(char::is_alphanumeric) {
            continue;
        }
        if names_class(text) || !is_row(grid, text) {
            break;
        }
        end = i + 1;
    }
    end
}

fn class_cell(grid: &Grid, cells: &[Option<Cell>]) -> Option<String> {
    let at = grid.find("class")?;
    let cell = cells.get(at)?.as_ref()?;
    (cell.figure.is_none() || !cell.raw.contains('.')).then(|| cell.raw.clone())
}

fn is_row(grid: &Grid, text: &str) -> bool {
    let cells = grid.cells(text);
    let figures = cells
        .iter()
        .flatten()
        .filter(|c| c.figure.is_some())
        .count();
    class_cell(grid, &cells).is_some() && figures >= 2
}

fn is_total(name: &str) -> bool {
    let k = key(name);
    k == "total" || k == "totals"
}

/// Reads a table's rows into `classes` (tier `tier`) and its total row into `pool_values`, with
/// the identities they imply: each class's total and balance, the total row the sum of classes.
pub fn read(
    table: &Table,
    lines: &[Line],
    report: &str,
    tier: &str,
    classes: &mut Vec<BondClass>,
    sink: &mut Sink,
) {
    let section = if tier.is_empty() {
        table.title.clone()
    } else {
        format!("{} [{tier}]", table.title)
    };
    let fields: Vec<Option<Field>> = table
        .grid
        .columns
        .iter()
        .map(|c| field(table.kind, &c.title))
        .collect();
    // A column read as a field an earlier column of the table holds already (headings a cut
    // moved: `CURRENT` over both rates) keeps its figures under its own heading in the pool:
    // filling the field again would drop the first column's figure, or this one's, unsaid.
    let fields: Vec<Option<Field>> = fields
        .iter()
        .enumerate()
        .map(|(j, f)| f.filter(|f| *f == Field::Class || !fields[..j].contains(&Some(*f))))
        .collect();
    let mut rows: Vec<(String, Vec<Option<Cell>>)> = Vec::new();
    for line in lines.get(table.lines.clone()).unwrap_or_default() {
        if line.text.trim().is_empty() || is_rule(&line.text) || names_class(&line.text) {
            continue;
        }
        let cells = table.grid.cells(&line.text);
        let Some(name) = class_cell(&table.grid, &cells) else {
            continue;
        };
        if cells
            .iter()
            .flatten()
            .filter(|c| c.figure.is_some())
            .count()
            < 2
        {
            continue;
        }
        rows.push((name, cells));
    }
    for (name, cells) in &rows {
        if is_total(name) {
            for (column, cell) in table.grid.columns.iter().zip(cells) {
                if let (Some(cell), false) = (cell, key(&column.title).contains("class")) {
                    sink.pool(report, &section, "Total", &column.title, cell);
                }
            }
            continue;
        }
        let class = class_entry(classes, tier, name);
        for ((column, f), cell) in table.grid.columns.iter().zip(&fields).zip(cells) {
            let Some(cell) = cell else { continue };
            match f {
                Some(f) => fill(
                    class,
                    table.kind,
                    *f,
                    cell,
                    report,
                    &section,
                    name,
                    &column.title,
                    sink,
                ),
                None => sink.pool(report, &section, name, &column.title, cell),
            }
        }
    }
    checks(table, &section, &fields, &rows, sink);
}

/// The class `name` of `tier`, added (all figures unprinted) when first seen.
pub(crate) fn class_entry<'a>(
    classes: &'a mut Vec<BondClass>,
    tier: &str,
    name: &str,
) -> &'a mut BondClass {
    let found = classes
        .iter()
        .position(|c| c.tier == tier && c.class == name);
    let index = found.unwrap_or_else(|| {
        classes.push(BondClass {
            tier: tier.to_string(),
            class: name.to_string(),
            ..BondClass::default()
        });
        classes.len() - 1
    });
    &mut classes[index]
}

#[allow(clippy::too_many_arguments)]
fn fill(
    class: &mut BondClass,
    kind: Kind,
    field: Field,
    cell: &Cell,
    report: &str,
    section: &str,
    name: &str,
    title: &str,
    sink: &mut Sink,
) {
    let v = cell.value();
    let slot = match (kind, field) {
        (_, Field::Class) => return,
        (_, Field::Cusip) => {
            class.cusip = Some(cell.raw.clone());
            return;
        }
        (_, Field::NextRate) => {
            sink.pool(report, section, name, title, cell);
            return;
        }
        (_, Field::Rate) => &mut class.pass_through_rate,
        (Kind::Dollars, Field::OriginalFace) => &mut class.original_face,
        (Kind::Dollars, Field::PriorBalance) => &mut class.prior_balance,
        (Kind::Dollars, Field::Interest) => &mut class.interest,
        (Kind::Dollars, Field::Principal) => &mut class.principal,
        (Kind::Dollars, Field::Total) => &mut class.total_distribution,
        (Kind::Dollars, Field::RealizedLoss) => &mut class.realized_loss,
        (Kind::Dollars, Field::DeferredInterest) => &mut class.deferred_interest,
        (Kind::Dollars, Field::CurrentBalance) => &mut class.current_balance,
        (Kind::Factors, Field::OriginalFace) => &mut class.factor_face,
        (Kind::Factors, Field::PriorBalance) => &mut class.factor_prior_balance,
        (Kind::Factors, Field::Interest) => &mut class.factor_interest,
        (Kind::Factors, Field::Principal) => &mut class.factor_principal,
        (Kind::Factors, Field::Total) => &mut class.factor_total_distribution,
        (Kind::Factors, Field::CurrentBalance) => &mut class.factor_current_balance,
        (Kind::Factors, Field::RealizedLoss | Field::DeferredInterest) => {
            sink.pool(report, section, name, title, cell);
            return;
        }
    };
    match v {
        Some(v) => *slot = Some(v),
        None => sink.pool(report, section, name, title, cell),
    }
}

/// An identity a class table implies: `target = sum of signed operands`, each a field; the
/// optional operands take part only where the table prints them.
struct Known {
    name: &'static str,
    target: (Field, &'static str),
    required: &'static [(f64, Field, &'static str)],
    optional: &'static [(f64, Field, &'static str)],
}

const KNOWN: [Known; 2] = [
    Known {
        name: "TOTAL = INTEREST + PRINCIPAL",
        target: (Field::Total, "TOTAL"),
        required: &[
            (1.0, Field::Interest, "INTEREST"),
            (1.0, Field::Principal, "PRINCIPAL"),
        ],
        optional: &[],
    },
    Known {
        name: "CURRENT = PRIOR - PRINCIPAL - LOSSES + DEFERRED",
        target: (Field::CurrentBalance, "CURRENT"),
        required: &[
            (1.0, Field::PriorBalance, "PRIOR"),
            (-1.0, Field::Principal, "PRINCIPAL"),
        ],
        optional: &[
            (-1.0, Field::RealizedLoss, "REALIZED LOSSES"),
            (1.0, Field::DeferredInterest, "DEFERRED INTEREST"),
        ],
    },
];

/// Each class: total = interest + principal; current balance = prior - principal - realized
/// loss + deferred interest. The total row: each column the sum of the classes.
///
/// No silent gaps: a table that prints an identity's result column must print its operands,
/// and a table that prints a column no field takes (a heading this reader cannot name, as a
/// broken header gives) must print every identity's columns; what is not found is a failed check
/// naming it, and so is an identity no row prints every figure of.
fn checks(
    table: &Table,
    section: &str,
    fields: &[Option<Field>],
    rows: &[(String, Vec<Option<Cell>>)],
    sink: &mut Sink,
) {
    let at = |f: Field| fields.iter().position(|x| *x == Some(f));
    let figure = |cells: &[Option<Cell>], f: Field| -> Option<Figure> {
        cells.get(at(f)?)?.as_ref()?.figure
    };
    let precision = match table.kind {
        Kind::Dollars => Precision::Money,
        Kind::Factors => Precision::Ratio,
    };
    // Headings with no class under them: the rows were printed elsewhere or not read, and a
    // tier's classes must not go missing in silence.
    if rows.is_empty() {
        sink.checks.unevaluated(
            format!("{section}/classes"),
            format!("no class row read under the headings of {section}"),
        );
        return;
    }
    let suspect = fields.iter().any(Option::is_none);
    for identity in &KNOWN {
        let target = at(identity.target.0);
        let mut missing: Vec<&str> = Vec::new();
        if target.is_none() {
            if !suspect {
                continue;
            }
            missing.push(identity.target.1);
        }
        missing.extend(
            identity
                .required
                .iter()
                .filter(|(_, f, _)| at(*f).is_none())
                .map(|(_, _, name)| *name),
        );
        if !missing.is_empty() {
            sink.checks.unevaluated(
                format!("{section}/{}", identity.name),
                format!("{} not found in {section}", missing_columns(&missing)),
            );
            continue;
        }
        let mut evaluated = 0;
        for (name, cells) in rows {
            if is_total(name) {
                continue;
            }
            let Some(result) = figure(cells, identity.target.0) else {
                continue;
            };
            let required: Option<Vec<Term>> = identity
                .required
                .iter()
                .map(|(sign, f, title)| {
                    Some(Term {
                        sign: *sign,
                        name: title.to_string(),
                        figure: figure(cells, *f)?,
                    })
                })
                .collect();
            // A blank cell is a figure not printed in this row, not a missing column.
            let Some(mut terms) = required else { continue };
            terms.extend(identity.optional.iter().filter_map(|(sign, f, title)| {
                Some(Term {
                    sign: *sign,
                    name: title.to_string(),
                    figure: figure(cells, *f)?,
                })
            }));
            evaluated += 1;
            sink.checks.identity(
                format!("{section}/{name}: {}", identity.name),
                precision,
                (identity.target.1, result),
                &terms,
            );
        }
        if evaluated == 0 && rows.iter().any(|(n, _)| !is_total(n)) {
            sink.checks.unevaluated(
                format!("{section}/{}", identity.name),
                format!(
                    "no class of {section} prints a figure under every column of {}",
                    identity.name
                ),
            );
        }
    }
    // Factors and rates are per class: only dollar tables add up.
    if table.kind == Kind::Factors {
        return;
    }
    let Some((_, total)) = rows.iter().find(|(n, _)| is_total(n)) else {
        return;
    };
    for (index, column) in table.grid.columns.iter().enumerate() {
        if fields.get(index) == Some(&Some(Field::Class)) {
            continue;
        }
        let Some(result) = total.get(index).and_then(|c| c.as_ref()?.figure) else {
            continue;
        };
        let terms: Vec<Term> = rows
            .iter()
            .filter(|(n, _)| !is_total(n))
            .filter_map(|(n, cells)| {
                Some(Term::plus(n.clone(), cells.get(index)?.as_ref()?.figure?))
            })
            .collect();
        sink.checks.identity(
            format!("{section}/Total: {} = sum of classes", column.title),
            Precision::Money,
            ("Total", result),
            &terms,
        );
    }
}
