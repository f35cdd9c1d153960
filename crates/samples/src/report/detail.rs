//! Pages 14, 18 and 22: the REO, Prepayment Detail and Realized Loss Detail Reports — one row
//! per loan, with the summary lines the rows must add up to.

use crate::format::{general, money, percent2, serial};
use crate::layout::{cols, Row};
use crate::month::Statement;
use crate::pool::{GroupMonth, Loan};
use crate::profile::{TrustProfile, ADJUSTABLE, FIXED};

use super::{footer, header, Footer};

/// `0.07625MO  -  95.00%`: note rate, state and LTV run together as the statement prints them.
fn rate_state_ltv(loan: &Loan) -> String {
    format!(
        "{}{}  -  {}",
        general(loan.note_rate),
        loan.state,
        percent2(loan.ltv)
    )
}

fn blank(lines: &mut Vec<String>) {
    lines.push(cols(&[(0, "SPACE INTENTIONALLY LEFT BLANK")]));
}

fn group_legend(lines: &mut Vec<String>, first: &str, second: &str) {
    lines.push(cols(&[
        (0, first),
        (90, "Loan Group 1"),
        (106, "="),
        (111, "Fixed Group"),
    ]));
    lines.push(cols(&[
        (0, second),
        (90, "Loan Group 2"),
        (106, "="),
        (111, "Adjustable Group"),
    ]));
}

/// Fixed group first, then adjustable, as the fixture lists them.
fn by_group(s: &Statement, pick: fn(&GroupMonth) -> &Vec<Loan>) -> Vec<&Loan> {
    pick(&s.groups[FIXED])
        .iter()
        .chain(pick(&s.groups[ADJUSTABLE]))
        .collect()
}

pub(crate) fn render_reo(lines: &mut Vec<String>, profile: &TrustProfile, s: &Statement) {
    let loans = by_group(s, |g| &g.reo_loans);
    let original: i64 = loans.iter().map(|l| l.original * 100).sum();
    let balance: i64 = loans.iter().map(|l| l.balance).sum();
    header(lines, profile, "REO Report", s, 15);
    lines.push(cols(&[(
        15,
        "REO Report  -  Mortgage Loans that Become REO During Current Distribution",
    )]));
    lines.push(cols(&[(0, "SUMMARY"), (64, "LOAN GROUP")]));
    lines.push(cols(&[
        (0, &format!("Total Loan Count =   {}", loans.len())),
        (
            65,
            "Loan Group 1  =  Fixed Group;   REO Book Value  =  Not Available",
        ),
    ]));
    lines.push(cols(&[
        (
            0,
            &format!("Total Original Principal Balance =   {}", money(original)),
        ),
        (
            65,
            "Loan Group 2    =    Adjustable Group;   REO Book Value  =  Not Available",
        ),
    ]));
    lines.push(cols(&[(
        0,
        &format!("Total Current Balance =   {}", money(balance)),
    )]));
    lines.push(cols(&[(0, "REO Book Value =   Not Available")]));
    lines.push(cols(&[(
        0,
        "REO Book Value reported corresponds to total REO loans, including loans that become REO during current distribution.",
    )]));
    lines.push(cols(&[
        (0, "Loan Number"),
        (30, "Original"),
        (45, "Stated"),
        (75, "Current"),
        (90, "State &"),
    ]));
    lines.push(cols(&[
        (0, "&"),
        (30, "Principal"),
        (45, "Principal"),
        (60, "Paid to"),
        (75, "Note"),
        (90, "LTV at"),
        (105, "Original"),
        (120, "Origination"),
    ]));
    lines.push(cols(&[
        (0, "Loan Group"),
        (30, "Balance"),
        (45, "Balance"),
        (60, "Date"),
        (75, "Rate"),
        (90, "Origination"),
        (105, "Term"),
        (120, "Date"),
    ]));
    if loans.is_empty() {
        blank(lines);
    }
    for loan in loans {
        let term = profile.groups[if loan.group == 1 { FIXED } else { ADJUSTABLE }].original_term;
        lines.push(
            Row::new()
                .at(0, &loan.number.to_string())
                .at(12, &loan.group.to_string())
                .right(45, &loan.original.to_string())
                .right(60, &general(loan.balance as f64 / 100.0))
                .right(75, &serial(loan.event_date).to_string())
                .right(103, &rate_state_ltv(loan))
                .right(120, &term.to_string())
                .right(135, &serial(loan.originated).to_string())
                .into_string(),
        );
    }
    footer(lines, Footer::Standard, 14, s.distribution);
}

pub(crate) fn render_prepayment_detail(
    lines: &mut Vec<String>,
    profile: &TrustProfile,
    s: &Statement,
) {
    let all = by_group(s, |g| &g.prepaid_loans);
    // Repurchases come after the payoffs, as in the fixture.
    let loans: Vec<&Loan> = all
        .iter()
        .filter(|l| !l.repurchase)
        .chain(all.iter().filter(|l| l.repurchase))
        .copied()
        .collect();
    let original: i64 = loans.iter().map(|l| l.original * 100).sum();
    let amount: i64 = loans.iter().map(|l| l.balance).sum();
    header(lines, profile, "Prepayment Detail Report", s, 15);
    lines.push(cols(&[(
        15,
        "Prepayment Detail Report  -  Loans Prepaid in Full During Current Distribution",
    )]));
    lines.push(cols(&[(0, "SUMMARY"), (90, "LOAN GROUP")]));
    group_legend(
        lines,
        &format!("Total Loan Count =   {}", loans.len()),
        &format!("Total Original Principal Balance =   {}", money(original)),
    );
    lines.push(cols(&[(
        0,
        &format!("Total Prepayment Amount =   {}", money(amount)),
    )]));
    lines.push(cols(&[
        (0, "Loan Number"),
        (45, "Original"),
        (90, "Current"),
        (105, "State &"),
        (120, "Type Prepayment"),
    ]));
    lines.push(cols(&[
        (0, "&"),
        (30, "Loan"),
        (45, "Principal"),
        (60, "Prepayment"),
        (75, "Prepayment"),
        (90, "Note"),
        (105, "LTV at"),
        (120, "&"),
        (135, "Origination"),
    ]));
    lines.push(cols(&[
        (0, "Loan Group"),
        (30, "Status"),
        (45, "Balance"),
        (60, "Amount"),
        (75, "Date"),
        (90, "Rate"),
        (105, "Origination"),
        (120, "Original Term"),
        (135, "Date"),
    ]));
    if loans.is_empty() {
        blank(lines);
    }
    for loan in loans {
        let kind = if loan.repurchase {
            "Repur/Subs  -".to_string()
        } else {
            format!("Paid Off  -  {:>2}", loan.term)
        };
        lines.push(
            Row::new()
                .at(0, &loan.number.to_string())
                .at(12, &loan.group.to_string())
                .right(60, &loan.original.to_string())
                .right(75, &general(loan.balance as f64 / 100.0))
                .right(90, &serial(loan.event_date).to_string())
                .right(118, &rate_state_ltv(loan))
                .at(120, &kind)
                .right(150, &serial(loan.originated).to_string())
                .into_string(),
        );
    }
    footer(lines, Footer::Detail, 18, s.distribution);
}

pub(crate) fn render_loss_detail(lines: &mut Vec<String>, profile: &TrustProfile, s: &Statement) {
    let loans = by_group(s, |g| &g.liquidated_loans);
    let original: i64 = loans.iter().map(|l| l.original * 100).sum();
    let prior: i64 = loans.iter().map(|l| l.balance).sum();
    let loss: i64 = loans.iter().map(|l| l.loss).sum();
    header(lines, profile, "Realized Loss Detail Report", s, 15);
    lines.push(cols(&[(
        15,
        "Realized Loss Detail Report  -  Loans Liquidated During Current Distribution",
    )]));
    lines.push(cols(&[(0, "SUMMARY"), (90, "LOAN GROUP")]));
    group_legend(
        lines,
        &format!("Total Loan Count =   {}", loans.len()),
        &format!("Total Original Principal Balance =   {}", money(original)),
    );
    lines.push(cols(&[(
        0,
        &format!("Total Prior Principal Balance =   {}", money(prior)),
    )]));
    lines.push(cols(&[(
        0,
        &format!("Total Realized Loss Amount =   {}", money(loss)),
    )]));
    lines.push(cols(&[(
        0,
        &format!("Total Net Liquidation Proceeds =   {}", money(prior - loss)),
    )]));
    lines.push(cols(&[
        (0, "Loan Number"),
        (45, "Original"),
        (60, "Prior"),
        (90, "Current"),
        (105, "State &"),
    ]));
    lines.push(cols(&[
        (0, "&"),
        (30, "Loan"),
        (45, "Principal"),
        (60, "Principal"),
        (75, "Realized"),
        (90, "Note"),
        (105, "LTV at"),
        (120, "Original"),
        (135, "Origination"),
    ]));
    lines.push(cols(&[
        (0, "Loan Group"),
        (30, "Status"),
        (45, "Balance"),
        (60, "Balance"),
        (75, "Loss/(Gain)"),
        (90, "Rate"),
        (105, "Origination"),
        (120, "Term"),
        (135, "Date"),
    ]));
    if loans.is_empty() {
        blank(lines);
    }
    for loan in loans {
        let term = profile.groups[if loan.group == 1 { FIXED } else { ADJUSTABLE }].original_term;
        lines.push(
            Row::new()
                .at(0, &loan.number.to_string())
                .at(12, &loan.group.to_string())
                .right(60, &loan.original.to_string())
                .right(75, &general(loan.balance as f64 / 100.0))
                .right(90, &general(loan.loss as f64 / 100.0))
                .right(118, &rate_state_ltv(loan))
                .right(135, &term.to_string())
                .right(150, &serial(loan.originated).to_string())
                .into_string(),
        );
    }
    footer(lines, Footer::Detail, 22, s.distribution);
}
