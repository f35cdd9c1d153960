//! The statement header: the page-header lines (product, series) and the first page's
//! ISSUANCE INFORMATION (`Seller:`, `Servicer(s):` with roles, dates) and CONTACTS.

use crate::columns::{phrases, plain_words};
use crate::sink::Sink;
use crate::value::{collapse, date_to_iso, Cell};
use crate::{Party, StatementHeader};
use remit_normalize::{CleanStatement, Report};

/// One `Key:` with the phrases printed after it (on its line, or on continuation lines).
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    section: String,
    key: String,
    values: Vec<String>,
}

/// Reads the header; returns it with the distribution date printed on the first page, if any.
pub fn read(statement: &CleanStatement, sink: &mut Sink) -> (StatementHeader, Option<String>) {
    let mut header = StatementHeader::default();
    for line in &statement.header_lines {
        let lower = line.to_lowercase();
        if lower.starts_with("series") {
            header.series.get_or_insert_with(|| line.clone());
        } else if !lower.starts_with("remic") {
            header.product.get_or_insert_with(|| line.clone());
        }
    }
    let mut distribution = None;
    let Some(contents) = statement.reports.iter().find(|r| is_contents(r)) else {
        return (header, distribution);
    };
    for entry in entries(contents) {
        let key = entry.key.trim_end_matches(':').replace("(s)", "");
        let key = collapse(&key);
        let first = entry.values.first().cloned().unwrap_or_default();
        if entry.section == "ISSUANCE INFORMATION" {
            if key.to_lowercase().contains("date") {
                let iso = date_to_iso(&first);
                match key.to_lowercase().replace(['-', ' '], "").as_str() {
                    "cutoffdate" => header.cutoff_date = iso,
                    "closingdate" => header.closing_date = iso,
                    "firstpaymentdate" => header.first_payment_date = iso,
                    "recorddate" => header.record_date = iso,
                    "distributiondate" => distribution = iso,
                    _ => sink.pool(
                        &contents.title,
                        &entry.section,
                        &key,
                        "",
                        &Cell::parse(&first),
                    ),
                }
            } else if !first.is_empty() {
                let role = entry.values.get(1).cloned().unwrap_or_else(|| key.clone());
                header.parties.push(Party { role, name: first });
            }
        } else if !entry.values.is_empty() {
            let value = entry.values.join(" ");
            if key.eq_ignore_ascii_case("administrator") {
                header.parties.push(Party {
                    role: key.clone(),
                    name: value.clone(),
                });
            }
            sink.pool(
                &contents.title,
                &entry.section,
                &key,
                "",
                &Cell::parse(&value),
            );
        }
    }
    (header, distribution)
}

fn is_contents(report: &Report) -> bool {
    report.title.eq_ignore_ascii_case("contents")
        || report
            .lines
            .iter()
            .any(|l| collapse(&l.text) == "ISSUANCE INFORMATION")
}

/// `Key:  value  value` entries under each upper-case heading of the first page. A line that
/// starts with a value continues the line's leading key (another servicer, another line of an
/// address).
fn entries(report: &Report) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    let mut section = String::new();
    let mut leading_key: Option<String> = None;
    // Where the left-hand keys start: a key further right (`Distribution Date:` alone on its
    // line) does not take over the continuation lines of the left-hand key.
    let mut left_margin: Option<usize> = None;
    for line in &report.lines {
        let parts = phrases(&plain_words(&line.text), 3);
        if parts.len() == 1
            && parts.iter().all(|p| {
                p.text.chars().any(char::is_alphabetic) && !p.text.chars().any(char::is_lowercase)
            })
        {
            section = parts.first().map(|p| collapse(&p.text)).unwrap_or_default();
            leading_key = None;
            left_margin = None;
            continue;
        }
        if section.is_empty() || section == "TABLE OF CONTENTS" {
            continue;
        }
        let mut current: Option<usize> = None;
        for (index, part) in parts.iter().enumerate() {
            if part.text.ends_with(':') {
                out.push(Entry {
                    section: section.clone(),
                    key: part.text.clone(),
                    values: Vec::new(),
                });
                current = Some(out.len() - 1);
                let margin = *left_margin.get_or_insert(part.start);
                if index == 0 && part.start <= margin + 2 {
                    leading_key = Some(part.text.clone());
                }
                continue;
            }
            if current.is_none() {
                let Some(key) = leading_key.clone() else {
                    continue;
                };
                out.push(Entry {
                    section: section.clone(),
                    key,
                    values: Vec::new(),
                });
                current = Some(out.len() - 1);
            }
            if let Some(entry) = current.and_then(|i| out.get_mut(i)) {
                entry.values.push(part.text.clone());
            }
        }
    }
    out
}
