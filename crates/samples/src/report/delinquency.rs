//! Pages 11-13: the Delinquency Report for the total pool, the fixed and the adjustable group,
//! status x bucket with balances, counts and their shares.

use crate::format::general;
use crate::layout::{cols, Row};
use crate::month::Statement;
use crate::pool::{Delinquency, BUCKETS, STATUSES};
use crate::profile::{TrustProfile, ADJUSTABLE, FIXED};

use super::{footer, header, Footer};

/// Right edges of the CURRENT, 1 PAYMENT, 2 PAYMTS, 3+ PAYMTS and TOTAL columns.
const ENDS: [usize; 5] = [75, 90, 105, 120, 135];

pub(crate) fn render(lines: &mut Vec<String>, profile: &TrustProfile, s: &Statement) {
    let [a, f] = &s.groups;
    let mut total = Delinquency::default();
    for status in 0..STATUSES.len() {
        for bucket in 0..BUCKETS {
            total.count[status][bucket] =
                a.delinquency.count[status][bucket] + f.delinquency.count[status][bucket];
            total.balance[status][bucket] =
                a.delinquency.balance[status][bucket] + f.delinquency.balance[status][bucket];
        }
    }
    let pages = [
        (
            "Delinquency Report  - Total",
            &total,
            a.current + f.current,
            a.count_current + f.count_current,
        ),
        (
            "Delinquency Report  -  Fixed Group",
            &s.groups[FIXED].delinquency,
            f.current,
            f.count_current,
        ),
        (
            "Delinquency Report  -  Adjustable Group",
            &s.groups[ADJUSTABLE].delinquency,
            a.current,
            a.count_current,
        ),
    ];
    for (page, (title, table, balance, count)) in (11..).zip(pages) {
        header(lines, profile, "Delinquency Report", s, 15);
        lines.push(cols(&[(15, title)]));
        lines.push(cols(&[
            (60, "CURRENT"),
            (75, "1 PAYMENT"),
            (90, "2  PAYMTS"),
            (105, "3+  PAYMTS"),
            (120, "TOTAL"),
        ]));
        table_lines(lines, table, balance, count);
        lines.push(cols(&[(
            0,
            "Note:  Current = 0-30days, 1 Payment =31-60days, 2 Payments = 61-90days, 3+ Payments = 91+",
        )]));
        lines.push(cols(&[(120, "6 Months Moving Average")]));
        lines.push(cols(&[
            (0, "1 or 2 Payments Delinquent"),
            (75, "3 or More Payments Delinquent"),
        ]));
        lines.push(cols(&[
            (0, "Total Foreclosure"),
            (75, "Total Bankruptcy and REO"),
        ]));
        lines.push(cols(&[(
            0,
            "Note: Dates correspond to distribution dates.",
        )]));
        footer(lines, Footer::Standard, page, s.distribution);
    }
}

fn table_lines(lines: &mut Vec<String>, table: &Delinquency, balance: i64, count: i64) {
    let share = |part: f64, whole: f64| if whole > 0.0 { part / whole } else { 0.0 };
    let mut rows: Vec<(&str, [i64; BUCKETS], [i64; BUCKETS])> = STATUSES
        .iter()
        .enumerate()
        .map(|(i, name)| (*name, table.balance[i], table.count[i]))
        .collect();
    let mut sum_balance = [0i64; BUCKETS];
    let mut sum_count = [0i64; BUCKETS];
    for (_, balances, counts) in &rows {
        for bucket in 0..BUCKETS {
            sum_balance[bucket] += balances[bucket];
            sum_count[bucket] += counts[bucket];
        }
    }
    rows.push(("TOTAL", sum_balance, sum_count));
    for (status, balances, counts) in rows {
        // DELINQUENT has no CURRENT cell: a current loan is not delinquent.
        let first = usize::from(status == "DELINQUENT");
        let total_balance: i64 = balances.iter().sum();
        let total_count: i64 = counts.iter().sum();
        let measures: [(&str, Vec<f64>); 4] = [
            (
                "Balance",
                cells(&balances, total_balance, |v| v as f64 / 100.0),
            ),
            (
                "% Balance",
                cells(&balances, total_balance, |v| {
                    share(v as f64, balance as f64)
                }),
            ),
            ("# Loans", cells(&counts, total_count, |v| v as f64)),
            (
                "% # Loans",
                cells(&counts, total_count, |v| share(v as f64, count as f64)),
            ),
        ];
        for (i, (measure, values)) in measures.iter().enumerate() {
            let mut row = Row::new();
            if i == 0 {
                row = row.at(0, status);
            }
            row = row.at(30, measure);
            for (end, value) in ENDS.iter().zip(values).skip(first) {
                row = row.right(*end, &general(*value));
            }
            lines.push(row.into_string());
        }
    }
}

/// The four bucket cells followed by the TOTAL cell, each through `show`.
fn cells(values: &[i64; BUCKETS], total: i64, show: impl Fn(i64) -> f64) -> Vec<f64> {
    values
        .iter()
        .chain(std::iter::once(&total))
        .map(|v| show(*v))
        .collect()
}
