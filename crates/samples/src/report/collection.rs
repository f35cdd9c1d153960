//! Pages 4-7 (Collection Account, Credit Enhancement) and 23-24 (Triggers, Adj. Rate Cert. and
//! Miscellaneous; Other Related Information): the comma'd, two-decimal reports.

use crate::format::{money, percent4};
use crate::month::Statement;
use crate::pool::GroupMonth;
use crate::profile::{TrustProfile, ADJUSTABLE, FIXED};

use super::{blank_section, footer, header, label, money_line, section, total_line, Footer};

/// A money line whose value is derived per group the same way.
fn derived(
    lines: &mut Vec<String>,
    statement: &Statement,
    text: &str,
    field: impl Fn(&GroupMonth) -> i64,
) {
    money_line(
        lines,
        text,
        field(&statement.groups[ADJUSTABLE]),
        field(&statement.groups[FIXED]),
    );
}

fn zeros(lines: &mut Vec<String>, labels: &[&str]) {
    for text in labels {
        money_line(lines, text, 0, 0);
    }
}

pub(crate) fn render_collection(lines: &mut Vec<String>, profile: &TrustProfile, s: &Statement) {
    const REPORT: &str = "Collection Account Report";
    header(lines, profile, REPORT, s, 15);
    label(lines, REPORT);
    section(lines, "SUMMARY");
    derived(
        lines,
        s,
        "Principal Collections",
        GroupMonth::principal_collections,
    );
    zeros(
        lines,
        &["Principal Withdrawals", "Principal Other Accounts"],
    );
    derived(
        lines,
        s,
        "TOTAL PRINCIPAL",
        GroupMonth::principal_collections,
    );
    derived(
        lines,
        s,
        "Interest Collections",
        GroupMonth::interest_collections,
    );
    zeros(lines, &["Interest Withdrawals", "Interest Other Accounts"]);
    derived(lines, s, "Interest Fees", |g| -g.fees());
    derived(lines, s, "TOTAL INTEREST", GroupMonth::total_interest);
    derived(lines, s, "TOTAL AVAILABLE FUNDS TO BONDHOLDERS", |g| {
        g.principal_collections() + g.total_interest()
    });
    section(lines, "PRINCIPAL - COLLECTIONS");
    derived(lines, s, "Scheduled Principal", |g| g.scheduled);
    derived(lines, s, "Curtailments", |g| g.curtailments);
    derived(lines, s, "Prepayments in Full", |g| g.paid_off);
    derived(lines, s, "Repurchases/Substitutions", |g| g.repurchased);
    derived(lines, s, "Liquidations", |g| g.proceeds);
    zeros(
        lines,
        &["Insurance Principal", "Other Additional Principal"],
    );
    derived(lines, s, "Delinquent Principal", |g| -g.principal_advanced);
    zeros(
        lines,
        &[
            "Realized Losses",
            "Substitution Adjustments- Principal",
            "Termination Price Amounts- Principal",
            "Additional Principal Amts",
        ],
    );
    derived(lines, s, "Principal Advanced", |g| g.principal_advanced);
    derived(
        lines,
        s,
        "TOTAL PRINCIPAL",
        GroupMonth::principal_collections,
    );
    footer(lines, Footer::Standard, 4, s.distribution);

    header(lines, profile, REPORT, s, 15);
    label(lines, REPORT);
    blank_section(lines, "PRINCIPAL - WITHDRAWALS");
    blank_section(lines, "PRINCIPAL - OTHER ACCOUNTS");
    section(lines, "INTEREST - COLLECTIONS");
    derived(lines, s, "Scheduled Interest", |g| g.scheduled_interest);
    derived(lines, s, "Repurchases/Substitutions", |g| {
        g.repurchase_interest
    });
    zeros(
        lines,
        &[
            "Liquidations",
            "Insurance Interest",
            "Other Additional Interest",
        ],
    );
    derived(lines, s, "Prepayment Interest Shortfalls", |g| -g.ppis);
    derived(lines, s, "Relief Act Interest Shortfalls", |g| {
        -g.relief_shortfall
    });
    derived(lines, s, "Delinquent Interest", |g| -g.delinquent_interest);
    zeros(lines, &["Interest Realized Losses"]);
    derived(lines, s, "Compensating Interest", |g| g.ppis);
    zeros(
        lines,
        &[
            "Substitution Adjustments- Interest",
            "Termination Price Amounts- Interest",
            "Additional Interest Amts",
            "Interest Prepayment Premiums",
        ],
    );
    derived(lines, s, "Interest Advanced", |g| g.interest_advanced);
    zeros(lines, &["Cap Contract Payment Amt"]);
    derived(lines, s, "TOTAL INTEREST", GroupMonth::interest_collections);
    footer(lines, Footer::Standard, 5, s.distribution);

    header(lines, profile, REPORT, s, 15);
    label(lines, REPORT);
    section(lines, "INTEREST - WITHDRAWALS");
    zeros(
        lines,
        &[
            "Prev. Unreimbursed PMI Premiums",
            "Prev. Unreimbursed Spec Haz Premiums",
            "Prev. Unreimbursed Liq. Expenses",
            "Prev. Unreimbursed Master/Sub-Servicing Fees",
            "Amt Rvcd Not Due Bondholder /Deposits in Error",
            "Prev. Unreimb. P&I Advances/Non Recov Advances",
            "Prev. Unreimbursed Servicing Advances",
            "Clear and Terminate Collection Account",
            "TOTAL INTEREST WITHDRAWALS",
        ],
    );
    section(lines, "INTEREST - OTHER ACCOUNTS");
    total_line(lines, 15, "Cap Contract Payment Amount", &money(0));
    total_line(
        lines,
        15,
        "Floor Contract Payment Amounts",
        &money(s.derivative_payments()),
    );
    total_line(lines, 15, "Swap Contract Payment Amounts", &money(0));
    section(lines, "INTEREST - FEES");
    derived(lines, s, "Owner Trustee Fee", |g| g.owner_fee);
    derived(lines, s, "Indenture Trustee Fee", |g| g.indenture_fee);
    derived(lines, s, "Bond Insurance Premium Amount", |g| {
        g.insurance_premium
    });
    derived(lines, s, "Radian PMI Insurance Premiums", |g| g.pmi_premium);
    derived(
        lines,
        s,
        "Current Servicing Fees",
        GroupMonth::servicing_current,
    );
    derived(lines, s, "TOTAL INTEREST  FEES", GroupMonth::fees);
    footer(lines, Footer::Standard, 6, s.distribution);

    const ENHANCEMENT: &str = "Credit Enhancement Report";
    header(lines, profile, ENHANCEMENT, s, 15);
    label(lines, ENHANCEMENT);
    blank_section(lines, "ACCOUNTS");
    blank_section(lines, "INSURANCE");
    section(lines, "STRUCTURAL FEATURES");
    let structural = [
        (
            "Current Periods Required Overcollateralization Amt",
            money(profile.oc_required),
        ),
        (
            "Current Periods Overcollateralization Amt",
            money(s.oc_current),
        ),
        (
            "Current Periods Extra Principal Distribution",
            money(s.extra_principal),
        ),
        (
            "Current Periods Net Monthly Excess Cashflow",
            money(s.net_excess),
        ),
        ("Current Periods Overcollateralization Release", money(0)),
        ("60 Day Rolling Delinquency Amount", money(s.rolling_60)),
        ("90 Day Rolling Delinquency Amount", money(s.rolling_90)),
        ("Available Funds Rate", percent4(s.available_funds_rate)),
    ];
    for (text, value) in &structural {
        total_line(lines, 15, text, value);
    }
    footer(lines, Footer::Standard, 7, s.distribution);
}

pub(crate) fn render_triggers_and_other(
    lines: &mut Vec<String>,
    profile: &TrustProfile,
    s: &Statement,
) {
    const TRIGGERS: &str = "Triggers, Adj. Rate Cert. and Miscellaneous Report";
    header(lines, profile, TRIGGERS, s, 15);
    label(lines, TRIGGERS);
    blank_section(lines, "TRIGGER EVENTS");
    section(lines, "ADJUSTABLE RATE CERTIFICATE INFORMATION");
    total_line(
        lines,
        15,
        "Current Periods Basis Risk Shortfall Carry Forward Amt",
        &money(0),
    );
    total_line(
        lines,
        15,
        "Cumulative Basis Risk Shortfall Carry Forward Amt",
        &money(0),
    );
    total_line(lines, 15, "Current Periods LIBOR Rate", &percent4(s.libor));
    section(lines, "ADDITIONAL INFORMATION");
    total_line(
        lines,
        15,
        "Current Net Mortgage Rate",
        &percent4(s.net_mortgage_rate),
    );
    footer(lines, Footer::Standard, 23, s.distribution);

    const OTHER: &str = "Other Related Information";
    header(lines, profile, OTHER, s, 15);
    label(lines, OTHER);
    section(lines, "ADDITIONAL INFORMATION");
    total_line(
        lines,
        15,
        "Total Derivative Payments",
        &money(s.derivative_payments()),
    );
    // Contract references in the fixture's shape (a swap with its confirmation number, two
    // counterparty references, seven caps, seven floors); only the floors ever pay here.
    let number = profile.series.rsplit('S').next().unwrap_or("1");
    let others = [
        format!("9{number:0>5} (99{number:0>5})"),
        format!("SMPL{number:0>3}A"),
        format!("SMPL{number:0>3}B"),
    ];
    for name in &others {
        total_line(lines, 18, name, &money(0));
    }
    for cap in 1..=7 {
        total_line(lines, 18, &format!("{}C{cap}", profile.code), &money(0));
    }
    for (i, payment) in s.floor_payments.iter().enumerate() {
        total_line(
            lines,
            18,
            &format!("{}F{}", profile.code, i + 1),
            &money(*payment),
        );
    }
    footer(lines, Footer::Standard, 24, s.distribution);
}
