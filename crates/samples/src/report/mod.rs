//! Rendering a statement as the 2002 Deutsche Bank trustee statement prints it: 24 pages of
//! logical lines (unwrapped, in their original columns), in the fixture's order.

pub(crate) mod additional;
mod certificate;
mod collateral;
mod collection;
mod cover;
mod delinquency;
mod detail;
mod prepayment;
mod tiered;

use chrono::{Datelike, NaiveDate};

use crate::format::{general, money};
use crate::layout::{cols, Row};
use crate::month::Statement;
use crate::profile::TrustProfile;

pub use cover::SYNTHETIC_NOTICE;

/// Pages in the statement; the table of contents on page 1 refers to them.
pub(crate) const PAGES: u32 = 24;

/// Renders the whole 8-K document text (cover, exhibit index, statement) as logical lines.
pub(crate) fn render(
    profile: &TrustProfile,
    statement: &Statement,
    amendment: bool,
) -> Vec<String> {
    let mut lines = Vec::with_capacity(800);
    cover::render(&mut lines, profile, statement, amendment);
    match &statement.tiers {
        Some(tiers) => tiered::render(&mut lines, profile, statement, tiers, 2),
        None => certificate::render(&mut lines, profile, statement),
    }
    collection::render_collection(&mut lines, profile, statement);
    collateral::render(&mut lines, profile, statement);
    delinquency::render(&mut lines, profile, statement);
    detail::render_reo(&mut lines, profile, statement);
    prepayment::render_prepayment(&mut lines, profile, statement);
    detail::render_prepayment_detail(&mut lines, profile, statement);
    prepayment::render_realized_loss(&mut lines, profile, statement);
    detail::render_loss_detail(&mut lines, profile, statement);
    collection::render_triggers_and_other(&mut lines, profile, statement);
    if let Some(tiers) = &statement.tiers {
        // The tiers' pages push every later report down.
        let extra = (tiers.len() as u32 * tiered::PAGES_PER_TIER).saturating_sub(2);
        tiered::renumber(&mut lines, extra);
    }
    lines
}

/// Where a page's `Page N of M` / `COPYRIGHT` footer sits; the fixture uses four placements.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Footer {
    /// Page 1: page number at column 90.
    Contents,
    /// Certificate Payment pages: column 105 and `of  24` with two blanks.
    Certificate,
    /// Most pages: column 60.
    Standard,
    /// Detail pages: column 75.
    Detail,
}

pub(crate) fn footer(lines: &mut Vec<String>, style: Footer, page: u32, distribution: NaiveDate) {
    let copyright = format!("COPYRIGHT {} Deutsche Bank", distribution.year());
    let (page_col, copyright_col, label) = match style {
        Footer::Contents => (90, 167, format!("Page {page} of {PAGES}")),
        Footer::Certificate => (105, 167, format!("Page {page} of  {PAGES}")),
        Footer::Standard => (60, 122, format!("Page {page} of {PAGES}")),
        Footer::Detail => (75, 137, format!("Page {page} of {PAGES}")),
    };
    lines.push(cols(&[(page_col, &label), (copyright_col, &copyright)]));
}

/// The page header repeated on every page after the first.
pub(crate) fn header(
    lines: &mut Vec<String>,
    profile: &TrustProfile,
    report: &str,
    statement: &Statement,
    series_col: usize,
) {
    lines.push(cols(&[(15, &profile.header_name)]));
    lines.push(cols(&[(15, "Collateralized Asset-Backed Bonds")]));
    lines.push(cols(&[(series_col, &format!("Series {}", profile.series))]));
    lines.push(cols(&[(
        15,
        &format!(
            "{report} for {} Distribution",
            crate::format::long_date(statement.distribution)
        ),
    )]));
}

/// A section heading with its ADJUSTABLE / FIXED / TOTAL column heads.
pub(crate) fn section(lines: &mut Vec<String>, name: &str) {
    lines.push(cols(&[
        (0, name),
        (90, "ADJUSTABLE"),
        (105, "FIXED"),
        (120, "TOTAL"),
    ]));
}

pub(crate) fn blank_section(lines: &mut Vec<String>, name: &str) {
    section(lines, name);
    lines.push(cols(&[(0, "SPACE INTENTIONALLY LEFT BLANK")]));
}

pub(crate) fn label(lines: &mut Vec<String>, text: &str) {
    lines.push(cols(&[(15, text)]));
}

/// Collection Account style: comma'd amounts left-aligned at 90 / 105 / 120.
pub(crate) fn money_line(lines: &mut Vec<String>, text: &str, adjustable: i64, fixed: i64) {
    lines.push(cols(&[
        (15, text),
        (90, &money(adjustable)),
        (105, &money(fixed)),
        (120, &money(adjustable + fixed)),
    ]));
}

/// A TOTAL-only line (structural features, derivative payments), text at column 120.
pub(crate) fn total_line(lines: &mut Vec<String>, label_col: usize, text: &str, value: &str) {
    lines.push(cols(&[(label_col, text), (120, value)]));
}

/// Collateral style: spreadsheet "General" numbers right-aligned in 15-wide columns.
pub(crate) fn general_line(lines: &mut Vec<String>, text: &str, values: [Option<f64>; 3]) {
    let mut row = Row::new().at(15, text);
    for (value, end) in values.iter().zip([105, 120, 135]) {
        if let Some(v) = value {
            row = row.right(end, &general(*v));
        }
    }
    lines.push(row.into_string());
}

pub(crate) fn count_line(lines: &mut Vec<String>, text: &str, adjustable: i64, fixed: i64) {
    general_line(
        lines,
        text,
        [
            Some(adjustable as f64),
            Some(fixed as f64),
            Some((adjustable + fixed) as f64),
        ],
    );
}

/// Amounts in cents printed as General dollars (the Collateral and Prepayment reports).
pub(crate) fn dollars_line(lines: &mut Vec<String>, text: &str, adjustable: i64, fixed: i64) {
    general_line(
        lines,
        text,
        [
            Some(adjustable as f64 / 100.0),
            Some(fixed as f64 / 100.0),
            Some((adjustable + fixed) as f64 / 100.0),
        ],
    );
}
