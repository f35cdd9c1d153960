//! Pages 8-10: the Collateral Report — loan-count and balance roll-forwards, characteristics,
//! ARM characteristics, servicing fees and advances.

use crate::layout::cols;
use crate::month::Statement;
use crate::pool::{weighted, GroupMonth, Triple};
use crate::profile::{TrustProfile, ADJUSTABLE, FIXED};

use super::{
    blank_section, count_line, dollars_line, footer, general_line, header, label, money_line,
    section, total_line, Footer,
};
use crate::format::money;

const REPORT: &str = "Collateral Report";
const PERIODS: [&str; 3] = ["Original", "Prior", "Current"];

fn chart_legend(lines: &mut Vec<String>) {
    lines.push(cols(&[(20, "Fixed")]));
    lines.push(cols(&[(20, "Adjustable")]));
}

pub(crate) fn render(lines: &mut Vec<String>, profile: &TrustProfile, s: &Statement) {
    let [a, f] = &s.groups;
    let counts = |lines: &mut Vec<String>, text: &str, field: fn(&GroupMonth) -> i64| {
        count_line(lines, text, field(a), field(f));
    };
    let dollars = |lines: &mut Vec<String>, text: &str, field: fn(&GroupMonth) -> i64| {
        dollars_line(lines, text, field(a), field(f));
    };

    header(lines, profile, REPORT, s, 15);
    label(lines, REPORT);
    section(lines, "COLLATERAL");
    label(lines, "Loan Count:");
    counts(lines, "Original", |g| g.count_original);
    counts(lines, "Prior", |g| g.count_prior);
    counts(lines, "Prefunding", |_| 0);
    counts(lines, "Scheduled Paid Offs", |_| 0);
    counts(lines, "Full Voluntary Prepayments", |g| -g.count_paid_off);
    counts(lines, "Repurchases", |g| -g.count_repurchased);
    counts(lines, "Liquidations", |g| -g.count_liquidated);
    counts(lines, "Current", |g| g.count_current);
    label(lines, "Principal Balance:");
    dollars(lines, "Original", |g| g.original);
    dollars(lines, "Prior", |g| g.prior);
    dollars(lines, "Prefunding", |_| 0);
    dollars(lines, "Scheduled Principal", |g| -g.scheduled);
    dollars(lines, "Partial and Full Voluntary Prepayments", |g| {
        -(g.curtailments + g.paid_off)
    });
    dollars(lines, "Repurchases", |g| -g.repurchased);
    dollars(lines, "Liquidations", |g| -g.liquidated);
    dollars(lines, "Current", |g| g.current);
    section(lines, "PREFUNDING");
    label(lines, "PRE-FUNDING ACCOUNT");
    for text in [
        "Original Pre-Funded Amount",
        "Balance of Subsequent Mortgage Loans added this period",
        "Withdrawal remaining amounts",
        "Pre-Funding Account Ending Balance",
    ] {
        total_line(lines, 15, text, &money(0));
    }
    chart_legend(lines);
    lines.push(cols(&[
        (0, "Current Prin Balance by Groups (in millions of dollars)"),
        (
            75,
            "Total Current Principal Balance (in millions of dollars)",
        ),
    ]));
    footer(lines, Footer::Standard, 8, s.distribution);

    header(lines, profile, REPORT, s, 15);
    label(lines, REPORT);
    section(lines, "CHARACTERISTICS");
    // Each period's total is weighted by that period's balance.
    let weights = [
        [a.original, f.original],
        [a.prior, f.prior],
        [a.current, f.current],
    ];
    let characteristic = |lines: &mut Vec<String>, name: &str, field: fn(&GroupMonth) -> Triple| {
        for (i, period) in PERIODS.iter().enumerate() {
            let values = [field(a)[i], field(f)[i]];
            general_line(
                lines,
                &format!("{name} {period}"),
                [
                    Some(values[0]),
                    Some(values[1]),
                    Some(weighted(values, weights[i])),
                ],
            );
        }
    };
    characteristic(lines, "Weighted Average Coupon", |g| g.wac);
    characteristic(lines, "Weighted Average Months to Maturity", |g| g.wam);
    characteristic(lines, "Weighted Avg Remaining Amortization Term", |g| {
        g.warat
    });
    characteristic(lines, "Weighted Average Seasoning", |g| g.seasoning);
    lines.push(cols(&[(
        0,
        "Note:  Original information refers to deal issue.",
    )]));
    chart_legend(lines);
    lines.push(cols(&[(0, "WAC by Groups"), (75, "Total WAC")]));
    lines.push(cols(&[(0, "WARAT by Groups"), (75, "Total WARAT")]));
    lines.push(cols(&[(
        0,
        "Note: Dates correspond to distribution dates.",
    )]));
    footer(lines, Footer::Standard, 9, s.distribution);

    header(lines, profile, REPORT, s, 15);
    label(lines, REPORT);
    section(lines, "ARM CHARACTERISTICS");
    let arm = a.arm.unwrap_or_default();
    for (name, triple) in ["Margin", "Max Rate", "Min Rate", "Cap Up", "Cap Down"]
        .iter()
        .zip(arm)
    {
        for (period, value) in PERIODS.iter().zip(triple) {
            general_line(
                lines,
                &format!("Weighted Average {name} {period}"),
                [Some(value), None, None],
            );
        }
    }
    lines.push(cols(&[(
        0,
        "Note:  Original information refers to deal issue.",
    )]));
    section(lines, "SERVICING FEES / ADVANCES");
    let pair = |lines: &mut Vec<String>, text: &str, field: fn(&GroupMonth) -> i64| {
        money_line(
            lines,
            text,
            field(&s.groups[ADJUSTABLE]),
            field(&s.groups[FIXED]),
        );
    };
    pair(
        lines,
        "Current Servicing Fees",
        GroupMonth::servicing_current,
    );
    pair(lines, "Delinquent Servicing Fees", |g| {
        g.servicing_delinquent
    });
    pair(lines, "TOTAL SERVICING FEES", |g| g.servicing_total);
    pair(lines, "Total Servicing Fees", |g| g.servicing_total);
    pair(lines, "Compensating Interest", |g| -g.ppis);
    pair(lines, "Delinquent Servicing Fees", |g| {
        -g.servicing_delinquent
    });
    pair(lines, "COLLECTED SERVICING FEES", |g| {
        g.servicing_total - g.ppis - g.servicing_delinquent
    });
    pair(lines, "Current PPIS", |g| g.ppis);
    pair(lines, "Current Net PPIS", |_| 0);
    pair(
        lines,
        "Total Advanced Principal For Current Payment Date",
        |g| g.principal_advanced,
    );
    pair(
        lines,
        "Total Advanced Interest For Current Payment Date",
        |g| g.interest_advanced,
    );
    pair(lines, "TOTAL ADVANCES FOR CURRENT PERIOD", |g| {
        g.principal_advanced + g.interest_advanced
    });
    blank_section(lines, "ADDITIONAL COLLATERAL INFORMATION");
    footer(lines, Footer::Standard, 10, s.distribution);
}
