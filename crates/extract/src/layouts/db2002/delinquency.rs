//! The Delinquency Report: for the total and each group (from the subtitle `Delinquency
//! Report - Fixed Group`), a status x bucket table with four measures per status (`Balance`,
//! `% Balance`, `# Loans`, `% # Loans`). Buckets come from the column header; a blank cell is
//! NULL (the DELINQUENT row prints no CURRENT cell).

use crate::columns::{figures_and_words_in, owned, phrases, plain_words, split_spans, Columns};
use crate::delinquency::{bucket_name, checks, entry, set, Figures, Measure, STATUSES};
use crate::sections::is_subtitle;
use crate::sink::Sink;
use crate::value::collapse;
use crate::DelinquencyCell;
use remit_normalize::Report;

/// The status a row's first phrase names: as printed, or the status it misprints
/// (`FORCLOSURE`), said in a warning.
fn status_named(printed: &str, line: &remit_normalize::Line, sink: &mut Sink) -> String {
    match STATUSES
        .iter()
        .find(|s| crate::misprints::reads_as(printed, s))
    {
        Some(status) if *status != printed => {
            sink.warn(format!(
                "page {}, line {}: delinquency status {printed:?} read as {status}",
                line.page, line.line
            ));
            status.to_string()
        }
        _ => printed.to_string(),
    }
}

/// Reads one Delinquency Report (possibly several scopes) into `cells`.
pub fn read(report: &Report, cells: &mut Vec<DelinquencyCell>, sink: &mut Sink) {
    let mut scope = "Total".to_string();
    let mut columns = Columns::default();
    // Each column's bucket, named once per header rather than per cell.
    let mut buckets: Vec<String> = Vec::new();
    let mut status: Option<String> = None;
    let mut figures = Figures::default();
    let mut scopes: Vec<String> = Vec::new();
    for line in &report.lines {
        let text = line.text.as_str();
        let trimmed = text.trim();
        if trimmed.is_empty() || trimmed.starts_with("Note:") {
            continue;
        }
        if is_subtitle(trimmed, &report.title) {
            let collapsed = collapse(trimmed);
            let rest = collapsed.get(collapse(&report.title).len()..).unwrap_or("");
            let rest = rest.trim().trim_start_matches('-').trim();
            scope = if rest.is_empty() {
                "Total".to_string()
            } else {
                rest.to_string()
            };
            status = None;
            continue;
        }
        // Borrowed: only the label's words are copied, and only on a row.
        let all = split_spans(text);
        // A bucket header prints words (`1 PAYMENT` has a digit); a row prints figures.
        let (numeric, worded) = figures_and_words_in(all.iter().map(|(_, _, w)| *w));
        if numeric == 0 || worded >= numeric {
            if phrases(&plain_words(text), 2).len() >= 2 {
                columns = Columns::from_header(&[text]);
                buckets = columns
                    .columns
                    .iter()
                    .map(|c| bucket_name(&c.title))
                    .collect();
                status = None;
            }
            continue;
        }
        let Some(first_column) = columns.get(0).map(|c| c.start) else {
            sink.warn(format!(
                "page {}, line {}: delinquency figures before any bucket header",
                line.page, line.line
            ));
            continue;
        };
        let label_words: Vec<_> = all
            .into_iter()
            .filter(|(_, end, _)| *end <= first_column)
            .map(owned)
            .collect();
        let label_phrases = phrases(&label_words, 2);
        let mut measure_parts: Vec<String> = Vec::new();
        for (index, phrase) in label_phrases.iter().enumerate() {
            if index == 0 && phrase.start == 0 {
                status = Some(status_named(&phrase.text, line, sink));
            } else {
                measure_parts.push(phrase.text.clone());
            }
        }
        let measure_label = measure_parts.join(" ");
        let Some(current_status) = status.clone() else {
            sink.warn(format!(
                "page {}, line {}: delinquency figures without a status",
                line.page, line.line
            ));
            continue;
        };
        if !scopes.contains(&scope) {
            scopes.push(scope.clone());
        }
        let row = columns.row(text);
        let measure = Measure::from_label(&measure_label);
        for (index, bucket) in buckets.iter().enumerate() {
            let (at, cell) = entry(cells, &scope, &current_status, bucket);
            let Some(printed) = row.cell(index) else {
                continue;
            };
            match (measure, printed.figure) {
                (Some(m), Some(figure)) => {
                    set(cell, m, figure.value);
                    figures.insert((at, m), figure);
                }
                _ => sink.pool(
                    &report.title,
                    &scope,
                    &format!("{current_status}: {measure_label}"),
                    bucket,
                    printed,
                ),
            }
        }
    }
    checks(&report.title, &scopes, cells, &figures, sink);
}
