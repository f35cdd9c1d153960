//! Reports of labelled lines under upper-case headings (Collection Account, Credit
//! Enhancement, Collateral, Prepayment, Realized Loss, Triggers, Other Related Information,
//! Additional Certificate Report, and any report not known): every labelled cell goes to
//! `pool_values`, and the section's implied sums become checks (see `totals`).
//!
//! The grammar, learned from headings and column headers rather than row names:
//! - a heading starts at the left margin in upper case; the rest of its line is the column
//!   header (`ADJUSTABLE  FIXED  TOTAL`, `LOAN GROUP`);
//! - an indented line without figures that ends in `:`, is one word, or is upper case is a
//!   sub-heading qualifying the labels below it (`Loan Count: Current`), until a note, a
//!   heading, or rows printed in another alignment;
//! - `Label = value` lines (`Total Loan Count = 35`) are pairs, several to a line;
//! - in a section without column headers, `Label: text` lines keep their text.

use crate::alignment::{read_row, section_left_aligned, starts_left_aligned, Tally};
use crate::columns::{
    blank_words, figures_and_words_in, first_phrase, phrases, plain_words, spans, words, Columns,
    Row,
};
use crate::sink::Sink;
use crate::totals;
use crate::value::{collapse, parse_number, Cell, Figure};
use remit_normalize::Report;

/// One section: its heading, its columns and its rows in order.
#[derive(Debug, Clone, Default)]
pub struct Section {
    pub name: String,
    pub columns: Columns,
    pub rows: Vec<SectionRow>,
    /// `Label = value` pairs: label, column heading ('' left of every column), cell.
    pub pairs: Vec<(String, String, Cell)>,
    /// Labels are all upper case, so only a label starting with `TOTAL` is a total line.
    pub totals_by_word: bool,
}

/// One labelled row of a section, its figures by column.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionRow {
    /// As printed (not qualified by the sub-heading).
    pub label: String,
    pub sub: Option<String>,
    pub indent: usize,
    pub figures: Vec<Option<Figure>>,
}

impl SectionRow {
    /// The label as stored: qualified by its sub-heading.
    pub fn qualified(&self) -> String {
        match &self.sub {
            Some(sub) => format!("{sub}: {}", self.label),
            None => self.label.clone(),
        }
    }
}

/// A sub-heading and the alignment (left = starts at its column's start) of its first row,
/// with the column its first figure stands in and where that figure ends.
struct Sub {
    name: String,
    left_aligned: Option<bool>,
    first_end: Option<(usize, usize)>,
}

/// The column of the row's first figure and where that figure ends.
fn first_figure_end(row: &Row) -> Option<(usize, usize)> {
    row.cells.iter().enumerate().find_map(|(index, cell)| {
        let (cell, _, end) = cell.as_ref()?;
        cell.figure.is_some().then_some((index, *end))
    })
}

/// Reads one report of labelled lines; returns its sections for cross-report checks.
pub fn read_report(report: &Report, sink: &mut Sink) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    let mut section = Section::default();
    let mut sub: Option<Sub> = None;
    let mut pending_label: Option<String> = None;
    let mut left_aligned_section = false;
    // How each section prints its figures, and the whole report: a section of one row reads
    // as its report does.
    let tallies: Vec<(usize, Tally)> = report
        .lines
        .iter()
        .enumerate()
        .filter_map(|(index, line)| {
            let (_, end) = heading(&line.text)?;
            let columns = Columns::from_line_after(&line.text, end);
            let rest = report.lines.get(index + 1..).unwrap_or_default();
            Some((
                index,
                Tally::of_section(rest, &columns, |t| heading(t).is_some()),
            ))
        })
        .collect();
    let mut report_tally = Tally::default();
    for (_, tally) in &tallies {
        report_tally.add(*tally);
    }
    for (index, line) in report.lines.iter().enumerate() {
        let text = line.text.as_str();
        // Read without collapsing the line: blanks inside it do not change these tests.
        let trimmed = text.trim();
        if trimmed.is_empty() || is_subtitle(trimmed, &report.title) {
            continue;
        }
        if trimmed.starts_with("Note:") || trimmed.starts_with("NOTE:") {
            sub = None;
            pending_label = None;
            continue;
        }
        if let Some((name, end)) = heading(text) {
            sections.push(std::mem::take(&mut section));
            section = Section {
                name,
                columns: Columns::from_line_after(text, end),
                ..Section::default()
            };
            let tally = tallies
                .iter()
                .find(|(at, _)| *at == index)
                .map_or_else(Tally::default, |(_, t)| *t);
            left_aligned_section = section_left_aligned(tally, report_tally);
            sub = None;
            pending_label = None;
            continue;
        }
        // The word `=` needs the byte; most lines have none and are not split for it.
        if text.contains('=') && blank_words(text).any(|w| w == "=") {
            read_pairs(text, &report.title, &mut section, sink);
            continue;
        }
        if section.columns.is_empty() {
            read_loose(text, &report.title, &section.name, &mut pending_label, sink);
            continue;
        }
        let row = read_row(text, &section.columns, left_aligned_section);
        if row.is_blank() {
            if is_subheading(&row.label) {
                sub = Some(Sub {
                    name: row.label.trim_end_matches(':').trim().to_string(),
                    left_aligned: None,
                    first_end: None,
                });
            }
            continue;
        }
        if is_prose(text, &row, &section.columns) {
            continue;
        }
        if row.label.is_empty() {
            sink.warn(format!(
                "page {}, line {}: figures without a label in {} / {}",
                line.page, line.line, report.title, section.name
            ));
            continue;
        }
        let left = starts_left_aligned(&row, &section.columns, left_aligned_section);
        if let Some(current) = sub.as_mut() {
            // A figure ending in the same column where the sub-heading's first row's ends
            // is printed as that one is, right-aligned, wherever its width makes it start
            // (`16341053.96` under `90`: a start near the heading says nothing then).
            let end = first_figure_end(&row);
            let same_end = match (current.first_end, end) {
                (Some((column, first)), Some((index, end))) => {
                    column == index && first.abs_diff(end) <= crate::columns::DRIFT
                }
                _ => false,
            };
            match current.left_aligned {
                None => {
                    current.left_aligned = Some(left);
                    current.first_end = end;
                }
                Some(previous) if previous != left && !same_end => sub = None,
                Some(_) => {}
            }
        }
        // The row is taken apart: its label and cells' text are moved, not copied.
        let figures = (0..section.columns.len())
            .map(|i| row.cell(i).and_then(|c| c.figure))
            .collect();
        let Row {
            label,
            indent,
            cells,
            ..
        } = row;
        let section_row = SectionRow {
            label,
            sub: sub.as_ref().map(|s| s.name.clone()),
            indent,
            figures,
        };
        let label = section_row.qualified();
        for (column, cell) in section.columns.columns.iter().zip(cells) {
            if let Some((cell, _, _)) = cell {
                sink.pool_cell(&report.title, &section.name, &label, &column.title, cell);
            }
        }
        section.rows.push(section_row);
    }
    sections.push(section);
    sections.retain(|s| !(s.name.is_empty() && s.rows.is_empty() && s.pairs.is_empty()));
    for section in &sections {
        totals::check_section(&report.title, section, &mut sink.checks);
    }
    sections
}

/// The report's own title repeated as a line (`Collection Account Report`, `Prepayment
/// Report  -  Voluntary Prepayments`): the line, blanks collapsed, starts with the title,
/// blanks collapsed. Compared word by word, so neither is copied (this runs for every line).
pub fn is_subtitle(text: &str, title: &str) -> bool {
    // Most lines differ from the title in their first character: no word is split for them.
    let first = |s: &str| s.trim_start().bytes().next();
    if first(text).is_none() || first(text) != first(title) {
        return false;
    }
    let mut line = blank_words(text);
    let mut title = blank_words(title).peekable();
    while let Some(wanted) = title.next() {
        let Some(word) = line.next() else {
            return false;
        };
        // The title's last word may end inside the line's word, as a prefix of the text would.
        if title.peek().is_none() {
            return word.starts_with(wanted);
        }
        if word != wanted {
            return false;
        }
    }
    false
}

/// An upper-case phrase at the left margin on a line without figures: the heading and where
/// it ends (the rest of the line is the column header).
pub fn heading(text: &str) -> Option<(String, usize)> {
    if text.chars().next().is_none_or(char::is_whitespace) {
        return None;
    }
    // Words borrowed from the line: this runs for every line starting at the margin.
    let all = spans(text);
    // Column headers may carry digits (`Group 1`), but a heading line prints no figures.
    let (numeric, worded) = figures_and_words_in(all.iter().map(|(_, _, w)| *w));
    if numeric >= worded {
        return None;
    }
    let (first, end) = first_phrase(&all, 3)?;
    if first.iter().any(|w| parse_number(w).is_some()) {
        return None;
    }
    let letters: usize = first
        .iter()
        .map(|w| w.chars().filter(|c| c.is_alphabetic()).count())
        .sum();
    let upper = !first.iter().any(|w| w.chars().any(char::is_lowercase));
    // Words joined by one space are already collapsed.
    (letters >= 2 && upper).then(|| (first.join(" "), end))
}

fn is_subheading(label: &str) -> bool {
    !label.is_empty()
        && (label.ends_with(':') || !label.contains(' ') || !label.chars().any(char::is_lowercase))
}

/// A sentence running from the label area into the columns, with no figure in it (`REO Book
/// Value reported corresponds to total REO loans, including ...`): a note, not a row.
fn is_prose(text: &str, row: &Row, columns: &Columns) -> bool {
    let no_figures = (0..columns.len()).all(|i| row.cell(i).is_none_or(|c| c.figure.is_none()));
    let Some(first) = columns.get(0).map(|c| c.start) else {
        return false;
    };
    no_figures
        && phrases(&words(text), 2)
            .iter()
            .any(|p| p.start < first && p.end > first)
}

/// `Label = value` pairs, several to a line, ended by `;` or a wide gap.
fn read_pairs(text: &str, report: &str, section: &mut Section, sink: &mut Sink) {
    let mut label: Vec<crate::columns::Word> = Vec::new();
    let mut value: Vec<String> = Vec::new();
    let mut last_value_end = 0;
    let mut in_value = false;
    let mut pairs: Vec<(Vec<crate::columns::Word>, Vec<String>)> = Vec::new();
    for word in plain_words(text) {
        if word.text == "=" {
            in_value = true;
            continue;
        }
        if !in_value {
            label.push(word);
            continue;
        }
        if !value.is_empty() && word.start >= last_value_end + 3 {
            pairs.push((std::mem::take(&mut label), std::mem::take(&mut value)));
            in_value = false;
            label.push(word);
            continue;
        }
        last_value_end = word.end;
        match word.text.strip_suffix(';') {
            Some(stripped) => {
                if !stripped.is_empty() {
                    value.push(stripped.to_string());
                }
                pairs.push((std::mem::take(&mut label), std::mem::take(&mut value)));
                in_value = false;
            }
            None => value.push(word.text),
        }
    }
    if in_value {
        pairs.push((label, value));
    }
    for (label_words, value_words) in pairs {
        let Some(first) = label_words.first() else {
            continue;
        };
        let label = collapse(
            &label_words
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        );
        let col = section
            .columns
            .columns
            .iter()
            .find(|c| first.start + 2 >= c.start && first.start < c.end)
            .map(|c| c.title.clone())
            .unwrap_or_default();
        let cell = Cell::parse(&value_words.join(" "));
        sink.pool(report, &section.name, &label, &col, &cell);
        section.pairs.push((label, col, cell));
    }
}

/// A line of a section without column headers: `Label: text`, a label whose text is on the
/// next line, or a label followed by figures.
fn read_loose(
    text: &str,
    report: &str,
    section: &str,
    pending_label: &mut Option<String>,
    sink: &mut Sink,
) {
    let collapsed = collapse(text);
    if let Some((label, rest)) = collapsed.split_once(':') {
        let rest = rest.trim();
        if rest.is_empty() {
            *pending_label = Some(label.trim().to_string());
        } else if !label.trim().is_empty() {
            *pending_label = None;
            sink.pool(report, section, label.trim(), "", &Cell::parse(rest));
        }
        return;
    }
    if let Some(label) = pending_label.take() {
        sink.pool(report, section, &label, "", &Cell::parse(&collapsed));
        return;
    }
    // A label followed by figures: the figures are told apart by position (gaps), and named
    // by their order only because no header names them.
    let parts = phrases(&words(text), 2);
    let Some(split) = parts.iter().position(|p| parse_number(&p.text).is_some()) else {
        return;
    };
    let label = collapse(
        &parts
            .iter()
            .take(split)
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    );
    if label.is_empty() {
        return;
    }
    let figures: Vec<&str> = parts.iter().skip(split).map(|p| p.text.as_str()).collect();
    for (index, raw) in figures.iter().enumerate() {
        let col = if figures.len() == 1 {
            String::new()
        } else {
            (index + 1).to_string()
        };
        sink.pool(report, section, &label, &col, &Cell::parse(raw));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The title test as it reads: the collapsed line starts with the collapsed title.
    fn by_collapsing(text: &str, title: &str) -> bool {
        let title = collapse(title);
        !title.is_empty() && collapse(text).starts_with(&title)
    }

    #[test]
    fn subtitles_word_by_word_as_collapsed() {
        let title = "Prepayment  Report";
        for line in [
            "Prepayment Report  -  Voluntary Prepayments",
            "   Prepayment   Report",
            "Prepayment Reports",
            "Prepayment Repo",
            "Prepayment",
            "Prepayment  Rep ort",
            "Collateral Report",
            "",
        ] {
            assert_eq!(
                is_subtitle(line, title),
                by_collapsing(line, title),
                "{line:?}"
            );
        }
        assert!(is_subtitle("Prepayment Report - Fixed", title));
        assert!(!is_subtitle("Prepayment Repo", title));
        assert!(!is_subtitle("anything", "  "));
    }

    /// A sub-heading qualifies the rows under it until rows printed in another alignment; a
    /// figure the filer's cut moved two columns is still printed in the same alignment, and in
    /// a section that prints its figures left-aligned, one moved four columns too.
    #[test]
    fn a_figure_two_columns_off_keeps_its_sub_heading() {
        let pad = |label: &str, at: usize, figure: &str| format!("{label:<at$}{figure}");
        for shift in [0, 1, 2, 3, 4] {
            let lines = [
                pad("PREFUNDING", 90, "ADJUSTABLE     FIXED          TOTAL"),
                "               PRE-FUNDING ACCOUNT".to_string(),
                pad(
                    "               Original Pre-Funded Amount",
                    120 + shift,
                    "45,576,084.00",
                ),
                pad("               Withdrawal remaining amounts", 120, "0.00"),
                pad(
                    "               Pre-Funding Account Ending Balance",
                    120,
                    "0.00",
                ),
            ];
            let sink = read(&lines);
            let labels: Vec<(&str, &str)> = sink
                .pool_values
                .iter()
                .map(|v| (v.label.as_str(), v.col.as_str()))
                .collect();
            assert_eq!(
                labels,
                [
                    ("PRE-FUNDING ACCOUNT: Original Pre-Funded Amount", "TOTAL"),
                    ("PRE-FUNDING ACCOUNT: Withdrawal remaining amounts", "TOTAL"),
                    (
                        "PRE-FUNDING ACCOUNT: Pre-Funding Account Ending Balance",
                        "TOTAL"
                    ),
                ],
                "first figure {shift} columns right"
            );
        }
    }

    /// Figures right-aligned, all ending at one column, under a `TOTAL` a cut moved two
    /// characters right (so that the widest figures start within reach of it and the section
    /// reads as left-aligned): a wide figure starting near the heading, a narrow one far right
    /// of it, each ending where the first row's figure ends, are printed alike and keep the
    /// sub-heading.
    #[test]
    fn figures_ending_where_the_sub_headings_first_ends_keep_it() {
        let row = |label: &str, figure: &str| format!("{:15}{label:<105}{figure:>15}", "");
        let mut lines = vec![format!("{:<122}TOTAL", "VOLUNTARY PREPAYMENTS")];
        let mut expected = Vec::new();
        for (sub, figures) in [
            (
                "Current",
                ["27", "0", "4985442.78", "186064.15", "5171506.93"],
            ),
            (
                "Cumulative",
                ["90", "1", "16341053.96", "335755.22", "16979263.92"],
            ),
        ] {
            lines.push(format!("{:15}{sub}", ""));
            for (label, figure) in [
                "Total Number of Loans Prepaid in Full",
                "Number of Repurchased Loans",
                "Paid in Full Balance",
                "Curtailments Amount",
                "Total Prepayment Amount",
            ]
            .into_iter()
            .zip(figures)
            {
                lines.push(row(label, figure));
                expected.push(format!("{sub}: {label}"));
            }
        }
        let sink = read(&lines);
        let labels: Vec<&str> = sink.pool_values.iter().map(|v| v.label.as_str()).collect();
        assert_eq!(labels, expected);
    }

    /// The lines read as one report.
    fn read(lines: &[String]) -> Sink {
        let report = Report {
            title: "Collateral Report".to_string(),
            tier: None,
            lines: lines
                .iter()
                .zip(1..)
                .map(|(text, line)| remit_normalize::Line {
                    text: text.clone(),
                    page: 1,
                    line,
                })
                .collect(),
        };
        let mut sink = Sink::default();
        read_report(&report, &mut sink);
        sink
    }

    fn columns_read(sink: &Sink) -> Vec<(&str, &str)> {
        sink.pool_values
            .iter()
            .map(|v| (v.label.as_str(), v.col.as_str()))
            .collect()
    }

    /// In a section that prints its figures left-aligned, a figure a cut moved three characters
    /// short of `TOTAL` (so into the span of `FIXED`, ending where `TOTAL` starts) is still
    /// `TOTAL`'s, and a line moved two characters left keeps its three figures apart. In a section that prints them right-aligned, a narrow figure ending where
    /// `FIXED` starts is `ADJUSTABLE`'s, though it starts nearer `FIXED`.
    #[test]
    fn a_section_prints_its_figures_in_one_alignment() {
        let pad = |label: &str, at: usize, figure: &str| format!("{label:<at$}{figure}");
        let header = pad(
            "RATE INFORMATION",
            90,
            "ADJUSTABLE     FIXED          TOTAL",
        );
        let left = [
            header.clone(),
            pad("               Current Shortfall", 120, "0.00"),
            pad("               Cumulative Shortfall", 117, "0.00"),
            pad("               Current LIBOR Rate", 120, "1.8300%"),
            pad(
                "               Owner Trustee Fee",
                88,
                "626.38         8.80           635.18",
            ),
        ];
        assert_eq!(
            columns_read(&read(&left)),
            [
                ("Current Shortfall", "TOTAL"),
                ("Cumulative Shortfall", "TOTAL"),
                ("Current LIBOR Rate", "TOTAL"),
                ("Owner Trustee Fee", "ADJUSTABLE"),
                ("Owner Trustee Fee", "FIXED"),
                ("Owner Trustee Fee", "TOTAL"),
            ]
        );
        // A TOTAL-only section: a figure four characters short of its only heading.
        let only = [
            pad("PRINCIPAL - COLLECTIONS", 120, "TOTAL"),
            pad("               Scheduled Principal", 120, "601,335.93"),
            pad("               Insurance Principal", 116, "0.00"),
            pad("               Curtailments", 120, "198,678.58"),
        ];
        assert_eq!(
            columns_read(&read(&only)),
            [
                ("Scheduled Principal", "TOTAL"),
                ("Insurance Principal", "TOTAL"),
                ("Curtailments", "TOTAL"),
            ]
        );
        // One row is all a section may print: its one figure, four characters short of TOTAL.
        let one = [
            header.clone(),
            pad("               Current Net Mortgage Rate", 116, "5.4953%"),
        ];
        assert_eq!(
            columns_read(&read(&one)),
            [("Current Net Mortgage Rate", "TOTAL")]
        );
        // Its heading moved two right and its figure three left by lines cut twice: the figure
        // starts five short of TOTAL and ends where TOTAL starts, and in a section of one row
        // says nothing of how the report prints. The report's other section does.
        let moved = pad(
            "ADDITIONAL INFORMATION",
            90,
            "ADJUSTABLE     FIXED            TOTAL",
        );
        let twice_cut = [
            left[0].clone(),
            left[1].clone(),
            left[2].clone(),
            left[4].clone(),
            moved,
            pad("               Current Net Mortgage Rate", 117, "5.6467%"),
        ];
        assert_eq!(
            columns_read(&read(&twice_cut)).last(),
            Some(&("Current Net Mortgage Rate", "TOTAL"))
        );
        let right = [
            header,
            format!(
                "{:<15}{:<76}{:>14}{:>15}{:>15}",
                "", "Months Original", "359", "", "355.7356177"
            ),
            format!(
                "{:<15}{:<76}{:>14}{:>15}{:>15}",
                "", "Months Current", "0.060851772", "0.139787296", "0.061945232"
            ),
        ];
        assert_eq!(
            columns_read(&read(&right)),
            [
                ("Months Original", "ADJUSTABLE"),
                ("Months Original", "TOTAL"),
                ("Months Current", "ADJUSTABLE"),
                ("Months Current", "FIXED"),
                ("Months Current", "TOTAL"),
            ]
        );
    }
}
