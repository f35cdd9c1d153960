//! Page 25 of a statement printed with the Additional Certificate Report variant: per class the
//! interest shortfalls and net WAC (basis risk) shortfall carry-forwards of the period, with a
//! Total row, in the Certificate Payment Report's manner (a `Class` column, numbered columns,
//! formulas over the results).
//!
//! The figures are made from the class's interest of the month without drawing from the trust's
//! random stream, so a statement printed with or without this report has the same figures
//! everywhere else. Amounts are whole cents, so the Total row and the formulas add up exactly.

use chrono::Datelike;

use crate::format::money;
use crate::layout::{cols, Row};
use crate::month::{ClassMonth, Statement};
use crate::profile::TrustProfile;

use super::{footer, header, label, Footer};

pub(crate) const TITLE: &str = "Additional Certificate Report";
/// The page its footer prints until [`renumber`] counts the statement's pages.
const PAGE: u32 = super::PAGES + 1;
/// Where the first figure column starts, and how wide each is.
const FIRST: usize = 15;
const WIDTH: usize = 17;

/// The columns, top to bottom: four heading lines and the column label.
const COLUMNS: [[&str; 5]; 8] = [
    ["Prior", "Unpaid", "Interest", "Shortfall", "(1)"],
    ["", "Current", "Interest", "Shortfall", "(2)"],
    ["", "Interest", "Shortfall", "Paid", "(3)"],
    [
        "Ending",
        "Unpaid",
        "Interest",
        "Shortfall",
        "(4)=(1)+(2)-(3)",
    ],
    ["Prior", "Net WAC", "Shortfall", "Carry Forward", "(5)"],
    ["", "Current", "Net WAC", "Shortfall", "(6)"],
    ["", "Net WAC", "Shortfall", "Paid", "(7)"],
    [
        "Ending",
        "Net WAC",
        "Shortfall",
        "Carry Forward",
        "(8)=(5)+(6)-(7)",
    ],
];

/// One class's eight figures, in cents.
fn shortfalls(index: i64, month: i64, class: &ClassMonth) -> [i64; 8] {
    let interest = (class.interest * 100.0).round() as i64;
    let prior = interest * ((month + index) % 4) / 100;
    let current = interest * ((month * 3 + index) % 5) / 100;
    let paid = (prior + current) * ((month + 2 * index) % 3) / 2;
    let wac_prior = interest * ((month * 5 + index) % 3) / 50;
    let wac_current = interest * ((month + 3 * index) % 4) / 80;
    let wac_paid = (wac_prior + wac_current) * ((month + index) % 2);
    [
        prior,
        current,
        paid,
        prior + current - paid,
        wac_prior,
        wac_current,
        wac_paid,
        wac_prior + wac_current - wac_paid,
    ]
}

fn row(name: &str, figures: &[i64; 8]) -> String {
    figures
        .iter()
        .enumerate()
        .fold(Row::new().at(0, name), |row, (k, cents)| {
            row.right(FIRST + WIDTH * (k + 1), &money(*cents))
        })
        .into_string()
}

pub(crate) fn render(lines: &mut Vec<String>, profile: &TrustProfile, s: &Statement) {
    header(lines, profile, TITLE, s, 15);
    label(lines, TITLE);
    lines.push(cols(&[(
        15,
        "Interest Shortfall and Net WAC Shortfall Carry Forward",
    )]));
    for part in 0..5 {
        let mut pieces: Vec<(usize, &str)> = Vec::new();
        if part == 3 {
            pieces.push((0, "Class"));
        }
        for (k, column) in COLUMNS.iter().enumerate() {
            if !column[part].is_empty() {
                pieces.push((FIRST + WIDTH * k, column[part]));
            }
        }
        lines.push(cols(&pieces));
    }
    let names = profile
        .classes
        .iter()
        .map(|c| c.name)
        .chain(std::iter::repeat("Cert"));
    let month = i64::from(s.distribution.month());
    let mut total = [0i64; 8];
    for (index, (name, class)) in names.zip(&s.classes).enumerate() {
        let figures = shortfalls(index as i64, month, class);
        for (sum, figure) in total.iter_mut().zip(figures) {
            *sum += figure;
        }
        lines.push(row(name, &figures));
    }
    lines.push(row("Total", &total));
    footer(lines, Footer::Standard, PAGE, s.distribution);
}

/// Numbers every footer in order and the table of contents' page count, once this report's page
/// is added (the same renumbering a tiered statement's extra pages get).
pub(crate) fn renumber(lines: &mut [String]) {
    super::tiered::renumber(lines, 0);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_class_balances_its_shortfalls() {
        let class = ClassMonth {
            interest: 78669.92,
            ..ClassMonth::default()
        };
        for month in 1..=12 {
            for index in 0..3 {
                let f = shortfalls(index, month, &class);
                assert_eq!(f[3], f[0] + f[1] - f[2]);
                assert_eq!(f[7], f[4] + f[5] - f[6]);
                assert!(f.iter().all(|c| *c >= 0), "{f:?}");
            }
        }
        // Some month prints a shortfall that is not zero.
        assert!((1..=12).any(|m| shortfalls(1, m, &class)[0] > 0));
    }
}
