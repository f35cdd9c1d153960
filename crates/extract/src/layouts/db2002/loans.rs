//! The loan-level reports (REO, Prepayment Detail, Realized Loss Detail): a SUMMARY of
//! `Label = value` pairs (to `pool_values`, like any section), then a table with one row per
//! loan. Fields the statement prints run together are split: `0.07625MO  -  95.00%` is note
//! rate, state and LTV; `Paid Off  -  18` is type and original term.

use crate::checks::{Precision, Term};
use crate::columns::{blank_words, key, phrases, plain_words, word_texts, words, Columns};
use crate::sections::{self, heading, is_subtitle, Section};
use crate::sink::Sink;
use crate::value::{date_to_iso, parse_number, serial_to_iso, Cell, Figure};
use crate::{LoanEvent, LoanEventKind};
use remit_normalize::{Line, Report};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    NumberAndGroup,
    Status,
    OriginalBalance,
    Balance,
    EventDate,
    NoteRate,
    StateAndLtv,
    TypeAndTerm,
    Term,
    OriginationDate,
    RealizedLoss,
}

fn field(title: &str) -> Option<Field> {
    let k = key(title);
    let has = |s: &str| k.contains(s);
    Some(if has("loannumber") {
        Field::NumberAndGroup
    } else if has("status") {
        Field::Status
    } else if has("origination") && has("date") && !has("state") {
        Field::OriginationDate
    } else if has("date") {
        Field::EventDate
    } else if has("stated") {
        Field::Balance
    } else if has("noterate") || k == "rate" {
        Field::NoteRate
    } else if has("state") || has("ltv") {
        Field::StateAndLtv
    } else if has("term") && has("type") {
        Field::TypeAndTerm
    } else if has("term") {
        Field::Term
    } else if has("realizedloss") {
        Field::RealizedLoss
    } else if has("original") && has("balance") {
        Field::OriginalBalance
    } else if has("balance") || has("amount") {
        Field::Balance
    } else {
        return None;
    })
}

fn is_loan_row(text: &str) -> bool {
    // Tried on every line of the report: its words are borrowed, not copied.
    let all = word_texts(text);
    let starts_with_id = text
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric())
        && all
            .first()
            .is_some_and(|w| w.bytes().any(|b| b.is_ascii_digit()));
    starts_with_id
        && !all.contains(&"=")
        && all.iter().filter(|w| parse_number(w).is_some()).count() >= 3
}

fn is_header_line(text: &str, title: &str) -> bool {
    let trimmed = text.trim();
    !trimmed.is_empty()
        && !is_subtitle(trimmed, title)
        && heading(text).is_none()
        && !blank_words(text).any(|w| w == "=")
        && phrases(&plain_words(text), 2)
            .iter()
            .all(|p| p.text.split(' ').count() <= 4)
}

/// Reads one loan-level report into `events`; its summary into `pool_values`.
pub fn read(report: &Report, kind: LoanEventKind, events: &mut Vec<LoanEvent>, sink: &mut Sink) {
    let lines = &report.lines;
    // Each line tested once, for where the rows start and which lines are rows.
    let loan_rows: Vec<bool> = lines.iter().map(|l| is_loan_row(&l.text)).collect();
    let first_row = loan_rows.iter().position(|r| *r).unwrap_or(lines.len());
    let mut header_start = first_row;
    while header_start > 0
        && lines
            .get(header_start - 1)
            .is_some_and(|l| is_header_line(&l.text, &report.title))
    {
        header_start -= 1;
    }
    let header: Vec<&str> = lines
        .get(header_start..first_row)
        .unwrap_or_default()
        .iter()
        .map(|l| l.text.as_str())
        .collect();
    let mut rows: Vec<&Line> = Vec::new();
    let mut rest: Vec<&Line> = Vec::new();
    for (line, row) in lines.iter().zip(&loan_rows).skip(first_row) {
        if *row {
            rows.push(line);
        } else {
            rest.push(line);
        }
    }
    let summary = Report {
        title: report.title.clone(),
        tier: report.tier.clone(),
        lines: lines
            .get(..header_start)
            .unwrap_or_default()
            .iter()
            .chain(rest)
            .cloned()
            .collect(),
    };
    let sections = sections::read_report(&summary, sink);
    let columns = Columns::from_header(&header);
    if !rows.is_empty() && columns.is_empty() {
        sink.warn(format!(
            "{}: loan rows without a column header",
            report.title
        ));
        return;
    }
    let fields: Vec<Option<Field>> = columns.columns.iter().map(|c| field(&c.title)).collect();
    let mut read: Vec<(LoanEvent, Vec<Option<Figure>>)> = Vec::new();
    for line in rows {
        let row = columns.row(&line.text);
        let mut event = unread(kind);
        let mut figures = vec![None; columns.len()];
        let mut unread_parts: Vec<(&str, Vec<&str>)> = Vec::new();
        for (index, column) in columns.columns.iter().enumerate() {
            let Some(cell) = row.cell(index) else {
                continue;
            };
            if let Some(slot) = figures.get_mut(index) {
                *slot = cell.figure;
            }
            match fields.get(index).copied().flatten() {
                Some(f) => {
                    let unread = fill(&mut event, f, cell);
                    if !unread.is_empty() {
                        unread_parts.push((column.title.as_str(), unread));
                    }
                }
                None => sink.pool(&report.title, "LOANS", &row.label, &column.title, cell),
            }
        }
        if event.loan_number.is_empty() {
            sink.warn(format!(
                "page {}, line {}: a loan row without a loan number",
                line.page, line.line
            ));
            continue;
        }
        // What a field could not take is never dropped unsaid: a failed check names it.
        for (title, unread) in unread_parts {
            sink.checks.unevaluated(
                format!("{}/LOANS/{}: {title}", report.title, event.loan_number),
                format!(
                    "`{}` printed under \"{title}\" read as none of its fields",
                    unread.join(" ")
                ),
            );
        }
        read.push((event, figures));
    }
    summary_checks(&report.title, &sections, &columns, &fields, &read, sink);
    events.extend(read.into_iter().map(|(e, _)| e));
}

/// Fills `field` of `event` from `cell`; returns the parts of the cell the field could not
/// take (a word under `State & LTV` that is neither, a date that reads as none).
fn fill<'c>(event: &mut LoanEvent, field: Field, cell: &'c Cell) -> Vec<&'c str> {
    let raw = cell.raw.as_str();
    let whole = |read: bool| if read { Vec::new() } else { vec![raw] };
    match field {
        Field::NumberAndGroup => {
            let mut parts = raw.split_whitespace();
            event.loan_number = parts.next().unwrap_or_default().to_string();
            let group = parts.collect::<Vec<_>>().join(" ");
            event.loan_group = (!group.is_empty()).then_some(group);
            Vec::new()
        }
        Field::Status => {
            event.status = Some(raw.to_string());
            Vec::new()
        }
        Field::OriginalBalance => whole(set(&mut event.original_balance, cell.value())),
        Field::Balance => whole(set(&mut event.balance, cell.value())),
        Field::RealizedLoss => whole(set(&mut event.realized_loss, cell.value())),
        Field::EventDate => whole(set(&mut event.event_date, date(cell))),
        Field::OriginationDate => whole(set(&mut event.origination_date, date(cell))),
        Field::NoteRate => {
            // A rate run into the state (`0.125CA`) when the columns drift together.
            let split = words(raw);
            event.note_rate = split
                .first()
                .and_then(|w| parse_number(&w.text))
                .map(|f| f.value);
            let state = split.get(1).filter(|w| is_state(&w.text));
            if let Some(state) = state {
                event.state = Some(state.text.clone());
            }
            let read = split.len() == 1 || (split.len() == 2 && state.is_some());
            whole(event.note_rate.is_some() && read)
        }
        Field::StateAndLtv => {
            let mut unread = Vec::new();
            for part in raw.split_whitespace() {
                if is_state(part) {
                    event.state = Some(part.to_string());
                } else if let Some(figure) = parse_number(part) {
                    event.ltv = Some(figure.value);
                } else if part != "-" {
                    unread.push(part);
                }
            }
            unread
        }
        Field::TypeAndTerm | Field::Term => {
            let parts: Vec<&str> = raw.split_whitespace().collect();
            let term_at = parts
                .iter()
                .rposition(|p| parse_number(p).is_some())
                .filter(|i| *i + 1 == parts.len());
            event.original_term = term_at
                .and_then(|i| parse_number(parts.get(i)?))
                .filter(|f| f.value.fract() == 0.0 && f.value.abs() < 1e6)
                .map(|f| f.value as i64);
            let kind: Vec<&str> = parts
                .iter()
                .take(term_at.unwrap_or(parts.len()))
                .copied()
                .filter(|p| *p != "-")
                .collect();
            // The `-` between type and term is a separator, also where the filer's cut left no
            // blank before it (`Repur/Subs-`).
            let kind = kind.join(" ");
            let kind = kind.trim_end_matches('-').trim_end();
            let term_unread = term_at.is_some() && event.original_term.is_none();
            if field == Field::TypeAndTerm && !kind.is_empty() {
                event.loan_type = Some(kind.to_string());
            } else if field == Field::Term && !kind.is_empty() {
                return vec![raw];
            }
            whole(!term_unread)
        }
    }
}

/// Sets a field of a loan event; whether the cell read as one.
fn set<T>(slot: &mut Option<T>, value: Option<T>) -> bool {
    *slot = value;
    slot.is_some()
}

fn is_state(text: &str) -> bool {
    text.len() == 2 && text.chars().all(|c| c.is_ascii_uppercase())
}

fn date(cell: &Cell) -> Option<String> {
    cell.value()
        .and_then(serial_to_iso)
        .or_else(|| date_to_iso(&cell.raw))
}

/// The rows against the summary: `Total Loan Count` and each `Total <column>` printed.
fn summary_checks(
    report: &str,
    sections: &[Section],
    columns: &Columns,
    fields: &[Option<Field>],
    rows: &[(LoanEvent, Vec<Option<Figure>>)],
    sink: &mut Sink,
) {
    let keys: Vec<String> = columns.columns.iter().map(|c| c.key()).collect();
    for section in sections {
        for (label, _, cell) in &section.pairs {
            let Some(printed) = cell.figure else { continue };
            let Some(what) = label.strip_prefix("Total ") else {
                continue;
            };
            let name = format!("{report}/{}/{label} = loan rows", section.name);
            if key(what).contains("count") {
                let count = Figure::exact(rows.len() as f64);
                sink.checks
                    .same(name, Precision::Count, (label, printed), ("rows", count));
                continue;
            }
            let wanted = key(what);
            let column = keys.iter().position(|k| *k == wanted).or_else(|| {
                let f = field(what)?;
                fields.iter().position(|g| *g == Some(f))
            });
            let Some(column) = column else { continue };
            let terms: Vec<Term> = rows
                .iter()
                .filter_map(|(e, figures)| {
                    Some(Term::plus(e.loan_number.clone(), (*figures.get(column)?)?))
                })
                .collect();
            sink.checks
                .identity(name, Precision::Money, (label, printed), &terms);
        }
    }
}

/// A loan event of `kind` with nothing read yet: every figure and field is filled from its row.
fn unread(kind: LoanEventKind) -> LoanEvent {
    LoanEvent {
        kind,
        loan_number: String::new(),
        loan_group: None,
        status: None,
        original_balance: None,
        balance: None,
        event_date: None,
        note_rate: None,
        state: None,
        ltv: None,
        loan_type: None,
        original_term: None,
        origination_date: None,
        realized_loss: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event() -> LoanEvent {
        unread(LoanEventKind::Prepaid)
    }

    /// What a field cannot take is returned, never dropped: a word under `State & LTV` that
    /// is neither (a cut moved `Paid` of `Paid Off` there), a date or an amount that reads as
    /// none, a note rate followed by more than a state.
    #[test]
    fn what_a_field_cannot_take_is_returned() {
        let cases: [(Field, &str, &[&str]); 7] = [
            (Field::StateAndLtv, "CA  -  11.11%", &[]),
            (Field::StateAndLtv, "Paid  -  11.11%", &["Paid"]),
            (Field::NoteRate, "0.125CA", &[]),
            (Field::NoteRate, "0.125CA Paid", &["0.125CA Paid"]),
            (Field::OriginationDate, "35852", &[]),
            (Field::OriginationDate, "soon", &["soon"]),
            (Field::Balance, "Off", &["Off"]),
        ];
        for (field, raw, unread) in cases {
            let cell = Cell::parse(raw);
            assert_eq!(fill(&mut event(), field, &cell), unread, "{raw:?}");
        }
    }

    /// A loan row whose cell a field cannot take records a failed check naming it.
    #[test]
    fn a_loan_rows_unread_cell_is_a_failed_check() {
        let text = [
            "Loan Number         Original     Current   State &",
            "&                   Principal    Prepayment  LTV at",
            "Loan Group          Balance      Amount      Origination",
            "3900002794  1          50000     42916.13    CA  -  11.11%",
            "3900002914  1          65200     53769.35    Paid",
        ];
        let report = Report {
            title: "Prepayment Detail Report".to_string(),
            tier: None,
            lines: text
                .iter()
                .zip(1..)
                .map(|(t, line)| Line {
                    text: t.to_string(),
                    page: 1,
                    line,
                })
                .collect(),
        };
        let (mut events, mut sink) = (Vec::new(), Sink::default());
        read(&report, LoanEventKind::Prepaid, &mut events, &mut sink);
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].state.as_deref(), Some("CA"));
        let checks = sink.checks.into_checks();
        let failed: Vec<(&str, &str)> = checks
            .iter()
            .filter(|c| !c.passed)
            .map(|c| (c.name.as_str(), c.detail.as_str()))
            .collect();
        assert_eq!(
            failed,
            [(
                "Prepayment Detail Report/LOANS/3900002914: State & LTV at Origination",
                "not evaluated: `Paid` printed under \"State & LTV at Origination\" read as none of its fields"
            )]
        );
    }

    /// `Type - Term`: the dash parts them wherever the cut left it, and a type with no term
    /// printed keeps its words.
    #[test]
    fn the_dash_between_type_and_term_is_never_part_of_the_type() {
        for (raw, loan_type, term) in [
            ("Paid Off  -  18", Some("Paid Off"), Some(18)),
            ("Repur/Subs  -", Some("Repur/Subs"), None),
            ("Repur/Subs-", Some("Repur/Subs"), None),
            ("Paid Off-  24", Some("Paid Off"), Some(24)),
            ("Paid Off", Some("Paid Off"), None),
            ("-  36", None, Some(36)),
        ] {
            let mut e = event();
            fill(&mut e, Field::TypeAndTerm, &Cell::parse(raw));
            assert_eq!(
                (e.loan_type.as_deref(), e.original_term),
                (loan_type, term),
                "{raw:?}"
            );
        }
    }
}
