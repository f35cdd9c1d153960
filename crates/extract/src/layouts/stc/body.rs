//! Everything around the class tables: `KEY:  value` blocks (parties and dates), the
//! delinquency table by group and status, and ruled sections (a heading between rules, its
//! column headings on the same line, rows of a label and figures) into `pool_values`, each
//! section's totals checked by the shared machinery.

use super::delinquency;
use crate::checks::{Precision, Term};
use crate::delinquency::Figures;
use crate::grid::{blank_before, has_figure, is_rule, line_phrases, Grid};
use crate::sections::{Section, SectionRow};
use crate::sink::Sink;
use crate::totals;
use crate::value::{collapse, Cell};
use crate::DelinquencyCell;
use remit_normalize::Line;

/// What the body yields besides pool values and checks.
#[derive(Debug, Default)]
pub struct Body {
    /// `KEY:` text values in reading order (`SELLER`, `RECORD DATE`, ...), continuation lines joined.
    pub keyed: Vec<(String, String)>,
    pub sections: Vec<Section>,
    pub delinquency: Vec<DelinquencyCell>,
    pub figures: Figures,
    pub scopes: Vec<String>,
}

enum Mode {
    Sections,
    Delinquency(delinquency::Table),
}

fn ends_key(text: &str) -> bool {
    text.ends_with(':') && text.chars().any(char::is_alphabetic)
}

/// `KEY:  text` pairs of a line (a key followed by a figure is a row, not a pair), and the
/// phrases standing beyond a key's value (continuations of a key printed above them).
type Pairs = (Vec<(usize, String, String)>, Vec<(usize, String)>);

fn pairs(text: &str) -> Option<Pairs> {
    let phrases = line_phrases(text);
    let first = phrases.first()?;
    let value = phrases.get(1)?;
    let numeric = value
        .text
        .split(' ')
        .next()
        .is_some_and(|w| crate::value::parse_number(w).is_some());
    if !ends_key(&first.text) || numeric {
        return None;
    }
    let mut out: Vec<(usize, String, String)> = Vec::new();
    let mut orphans: Vec<(usize, String)> = Vec::new();
    for p in phrases {
        if ends_key(&p.text) {
            out.push((
                p.start,
                p.text.trim_end_matches(':').trim().to_string(),
                String::new(),
            ));
        } else {
            match out.last_mut() {
                Some(last) if last.2.is_empty() => last.2 = p.text.clone(),
                _ => orphans.push((p.start, p.text.clone())),
            }
        }
    }
    Some((out, orphans))
}

/// Phrases under a key block extend the key printed left of them on the lines above
/// (`ADMINISTRATOR:  David West` / `Bankers Trust Company` / `3 Park Plaza`).
fn continue_keys(
    keyed: &mut [(String, String)],
    at: &[(usize, usize)],
    orphans: Vec<(usize, String)>,
) {
    for (start, text) in orphans {
        let Some((_, index)) = at.iter().rev().find(|(s, _)| *s <= start) else {
            continue;
        };
        if let Some((_, value)) = keyed.get_mut(*index) {
            value.push_str(", ");
            value.push_str(&text);
        }
    }
}

/// Reads the lines no class table took (`taken[i]` true for those that did).
pub fn read(report: &str, lines: &[Line], taken: &[bool], sink: &mut Sink) -> Body {
    let mut body = Body::default();
    let mut mode = Mode::Sections;
    let mut section: Option<(Section, Option<Grid>, usize)> = None;
    let mut grid: Option<Grid> = None;
    let mut keyed_at: Option<Vec<(usize, usize)>> = None;
    let visible: Vec<(usize, &Line)> = lines
        .iter()
        .enumerate()
        .filter(|(i, l)| !taken.get(*i).copied().unwrap_or(false) && !l.text.trim().is_empty())
        .collect();
    let mut pending_buckets: Option<String> = None;
    for (n, (_, line)) in visible.iter().enumerate() {
        let text = line.text.as_str();
        if is_rule(text) {
            keyed_at = None;
            continue;
        }
        let ruled = |k: usize| visible.get(k).is_some_and(|(_, l)| is_rule(&l.text));
        // A heading stands between rules.
        let near_rule = ruled(n + 1) && n > 0 && ruled(n - 1);
        if let Some((found, orphans)) = pairs(text) {
            finish(&mut section, report, &mut body, sink);
            mode = Mode::Sections;
            let mut at = keyed_at.take().unwrap_or_default();
            let continued = at.clone();
            for (start, k, v) in found {
                at.retain(|(s, _)| *s != start);
                at.push((start, body.keyed.len()));
                body.keyed.push((k, v));
            }
            at.sort_unstable();
            continue_keys(&mut body.keyed, &continued, orphans);
            keyed_at = Some(at);
            continue;
        }
        if let Some(at) = &keyed_at {
            let orphans = line_phrases(text)
                .into_iter()
                .map(|p| (p.start, p.text))
                .collect();
            continue_keys(&mut body.keyed, at, orphans);
            continue;
        }
        let phrases = line_phrases(text);
        // Bucket numbers printed over the bucket words: part of the next header line.
        if phrases
            .iter()
            .all(|p| p.text.chars().all(|c| c.is_ascii_digit() || c == '+'))
            && visible
                .get(n + 1)
                .is_some_and(|(_, l)| delinquency::bucket_header(&l.text))
        {
            pending_buckets = Some(text.to_string());
            continue;
        }
        if delinquency::bucket_header(text) {
            finish(&mut section, report, &mut body, sink);
            let status = phrases.first().map(|p| p.text.clone());
            let head = blank_before(text, phrases.first().map_or(0, |p| p.end));
            let mut header: Vec<&str> = Vec::new();
            if let Some(above) = &pending_buckets {
                header.push(above);
            }
            header.push(&head);
            mode = Mode::Delinquency(delinquency::Table::new(&header, status.as_deref()));
            pending_buckets = None;
            continue;
        }
        pending_buckets = None;
        if let Mode::Delinquency(table) = &mut mode {
            if table.read(line, &phrases, report, &mut body, sink) {
                continue;
            }
        }
        let upper_heading = !has_figure(text)
            && phrases
                .first()
                .is_some_and(|p| !p.text.chars().any(char::is_lowercase));
        if upper_heading && near_rule && !phrases.is_empty() {
            finish(&mut section, report, &mut body, sink);
            mode = Mode::Sections;
            let first = &phrases[0];
            let own =
                (phrases.len() > 1).then(|| Grid::from_header(&[&blank_before(text, first.end)]));
            // A sub-heading without headings of its own keeps the columns above it.
            if own.is_some() || first.start == 0 {
                grid = own;
            }
            let name = collapse(&first.text);
            section = Some((
                Section {
                    name,
                    columns: grid.as_ref().map(Grid::to_columns).unwrap_or_default(),
                    totals_by_word: true,
                    ..Section::default()
                },
                grid.clone(),
                first.start,
            ));
            continue;
        }
        if let Mode::Delinquency(_) = mode {
            continue;
        }
        row(text, &phrases, &mut section, report, sink);
    }
    finish(&mut section, report, &mut body, sink);
    for (k, v) in &body.keyed {
        sink.pool(report, "", k, "", &Cell::parse(v));
    }
    body
}

/// One row of a ruled section: a label, then cells by column (a row of figures alone is
/// labelled by its section: `TOTAL SOURCES`).
fn row(
    text: &str,
    phrases: &[crate::columns::Word],
    section: &mut Option<(Section, Option<Grid>, usize)>,
    report: &str,
    sink: &mut Sink,
) {
    let Some((current, grid, _)) = section.as_mut() else {
        return;
    };
    let first_column = grid
        .as_ref()
        .and_then(|g| g.columns.first())
        .map(|c| c.start);
    let is_cell = |p: &crate::columns::Word| {
        crate::value::parse_number(&p.text).is_some() || first_column.is_some_and(|s| p.end > s)
    };
    let label_parts: Vec<&crate::columns::Word> =
        phrases.iter().take_while(|p| !is_cell(p)).collect();
    let label_end = label_parts.last().map_or(0, |p| p.end);
    let label = if label_parts.is_empty() {
        current.name.clone()
    } else {
        collapse(
            &label_parts
                .iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        )
        .trim_end_matches(':')
        .trim()
        .to_string()
    };
    let rest = blank_before(text, label_end);
    let cells: Vec<(String, Cell)> = match grid {
        Some(g) => g
            .cells(&rest)
            .into_iter()
            .zip(&g.columns)
            .filter_map(|(c, col)| Some((col.title.clone(), c?)))
            .collect(),
        None => {
            let parts = line_phrases(&rest);
            let many = parts.len() > 1;
            parts
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    (
                        if many {
                            (i + 1).to_string()
                        } else {
                            String::new()
                        },
                        Cell::parse(&p.text),
                    )
                })
                .collect()
        }
    };
    if cells.is_empty() {
        return;
    }
    for (col, cell) in &cells {
        sink.pool(report, &current.name, &label, col, cell);
    }
    let indent = phrases.first().map_or(0, |p| p.start);
    let figures = match grid {
        Some(g) => g
            .columns
            .iter()
            .map(|col| {
                cells
                    .iter()
                    .find(|(c, _)| *c == col.title)
                    .and_then(|(_, cell)| cell.figure)
            })
            .collect(),
        None => Vec::new(),
    };
    current.rows.push(SectionRow {
        label,
        sub: None,
        indent,
        figures,
    });
}

fn finish(
    section: &mut Option<(Section, Option<Grid>, usize)>,
    report: &str,
    body: &mut Body,
    sink: &mut Sink,
) {
    if let Some((done, _, _)) = section.take() {
        let headed_by_total = done.name.to_ascii_uppercase().starts_with("TOTAL")
            && done.rows.first().is_some_and(|r| r.label == done.name);
        if headed_by_total {
            grand_total(report, &done, sink);
        } else {
            totals::check_section(report, &done, &mut sink.checks);
        }
        body.sections.push(done);
    }
}

/// A section headed by a total (`TOTAL SOURCES`) prints that figure alone, then further
/// amounts and a grand total (`TOTAL REMITTANCE DUE`): the grand total is all of them.
fn grand_total(report: &str, section: &Section, sink: &mut Sink) {
    let Some(last) = section
        .rows
        .last()
        .filter(|r| r.label.to_ascii_uppercase().starts_with("TOTAL") && section.rows.len() > 1)
    else {
        return;
    };
    let above = &section.rows[..section.rows.len() - 1];
    for (column, result) in last.figures.iter().enumerate() {
        let Some(result) = result else { continue };
        let terms: Vec<Term> = above
            .iter()
            .filter_map(|r| Some(Term::plus(r.label.clone(), (*r.figures.get(column)?)?)))
            .collect();
        let title = section
            .columns
            .get(column)
            .map(|c| c.title.clone())
            .unwrap_or_default();
        sink.checks.identity(
            format!(
                "{report}/{}/{}: {title} = sum of the {} above",
                section.name,
                last.label,
                terms.len()
            ),
            Precision::Money,
            (&last.label, *result),
            &terms,
        );
    }
}
