//! Pages 15-17 (Prepayment Report) and 19-21 (Realized Loss Report): counts and amounts, the
//! speeds with their averages, and the methodology text.

use crate::format::percent4;
use crate::layout::cols;
use crate::month::Statement;
use crate::pool::{Cumulative, GroupMonth};
use crate::profile::TrustProfile;
use crate::speeds::{Averaged, Speeds};

use super::{
    count_line, dollars_line, footer, general_line, header, label, money_line, section, total_line,
    Footer,
};

const PREPAYMENT: &str = "Prepayment Report";
const PREPAYMENT_TITLE: &str = "Prepayment Report  -  Voluntary Prepayments";
const LOSS: &str = "Realized Loss Report";
const LOSS_TITLE: &str = "Realized Loss Report  -  Collateral";
const AVERAGES: [&str; 4] = ["", "3 Months Avg ", "12 Months Avg ", "Avg "];

fn legend(lines: &mut Vec<String>) {
    lines.push(cols(&[(20, "Fixed")]));
    lines.push(cols(&[(20, "Adjustable")]));
}

/// The four lines of one speed (current, 3-month, 12-month, since cut-off); a blank average
/// (the 12-month one in a deal's first year) prints its label alone, as the fixture does.
fn speed_lines(
    lines: &mut Vec<String>,
    s: &Statement,
    labels: [&str; 4],
    pick: fn(&Speeds) -> Averaged,
) {
    let [a, f, t] = s.speeds.each_ref().map(pick);
    for (i, text) in labels.iter().enumerate() {
        general_line(lines, text, [a[i], f[i], t[i]]);
    }
}

/// Labels like `3 Months Avg SMM` / `Avg SMM Since Cut-off`.
fn rate_labels(name: &str) -> [String; 4] {
    [
        name.to_string(),
        format!("{}{name}", AVERAGES[1]),
        format!("{}{name}", AVERAGES[2]),
        format!("{}{name} Since Cut-off", AVERAGES[3]),
    ]
}

/// Labels of the PSA/SDA approximations, spelled (and spaced) as printed.
fn approximation_labels(name: &str) -> [String; 4] {
    [
        name.to_string(),
        format!("3 Months Avg  {name} Approximation"),
        format!("12 Months Avg {name} Approximation"),
        format!("Avg {name} Since Cut-off Approximation"),
    ]
}

fn as_refs(labels: &[String; 4]) -> [&str; 4] {
    [
        labels[0].as_str(),
        labels[1].as_str(),
        labels[2].as_str(),
        labels[3].as_str(),
    ]
}

pub(crate) fn render_prepayment(lines: &mut Vec<String>, profile: &TrustProfile, s: &Statement) {
    let [a, f] = &s.groups;
    header(lines, profile, PREPAYMENT, s, 15);
    label(lines, PREPAYMENT_TITLE);
    section(lines, "VOLUNTARY PREPAYMENTS");
    label(lines, "Current");
    let counts = |lines: &mut Vec<String>, text: &str, field: fn(&GroupMonth) -> i64| {
        count_line(lines, text, field(a), field(f));
    };
    counts(lines, "Number of Paid in Full Loans", |g| g.count_paid_off);
    counts(lines, "Number of Repurchased Loans", |g| {
        g.count_repurchased
    });
    counts(lines, "Total Number of Loans Prepaid in Full", |g| {
        g.count_paid_off + g.count_repurchased
    });
    let amounts = |lines: &mut Vec<String>, text: &str, field: fn(&GroupMonth) -> i64| {
        dollars_line(lines, text, field(a), field(f));
    };
    amounts(lines, "Paid in Full Balance", |g| g.paid_off);
    amounts(lines, "Repurchased Loans Balance", |g| g.repurchased);
    amounts(lines, "Curtailments Amount", |g| g.curtailments);
    amounts(lines, "Total Prepayment Amount", GroupMonth::prepayments);
    label(lines, "Cumulative");
    let cumulative =
        |lines: &mut Vec<String>, text: &str, field: fn(&Cumulative) -> i64, dollars: bool| {
            let (x, y) = (field(&a.cumulative), field(&f.cumulative));
            if dollars {
                dollars_line(lines, text, x, y);
            } else {
                count_line(lines, text, x, y);
            }
        };
    cumulative(
        lines,
        "Number of Paid in Full Loans",
        |c| c.paid_off_count,
        false,
    );
    cumulative(
        lines,
        "Number of Repurchased Loans",
        |c| c.repurchased_count,
        false,
    );
    cumulative(
        lines,
        "Total Number of Loans Prepaid in Full",
        |c| c.paid_off_count + c.repurchased_count,
        false,
    );
    cumulative(lines, "Paid in Full Balance", |c| c.paid_off, true);
    cumulative(lines, "Repurchased Loans Balance", |c| c.repurchased, true);
    cumulative(lines, "Curtailments Amount", |c| c.curtailments, true);
    cumulative(
        lines,
        "Total Prepayment Amount",
        |c| c.paid_off + c.repurchased + c.curtailments,
        true,
    );
    money_line(
        lines,
        "Current Prin Balance of Repurchases Per Sec 3.18",
        0,
        0,
    );
    money_line(
        lines,
        "Cumulative Prin Balance of Repurchases Per Sec 3.18",
        0,
        0,
    );
    lines.push(cols(&[
        (0, "Total Prepayments by Groups  (in thousands of dollars)"),
        (75, "Total Prepayments (in thousands of dollars)"),
    ]));
    footer(lines, Footer::Standard, 15, s.distribution);

    header(lines, profile, PREPAYMENT, s, 15);
    label(lines, PREPAYMENT_TITLE);
    section(lines, "VOLUNTARY PREPAYMENT RATES");
    speed_lines(lines, s, as_refs(&rate_labels("SMM")), |sp| sp.smm);
    speed_lines(lines, s, as_refs(&rate_labels("CPR")), |sp| sp.cpr);
    speed_lines(lines, s, as_refs(&approximation_labels("PSA")), |sp| sp.psa);
    legend(lines);
    lines.push(cols(&[(0, "CPR by Groups"), (75, "Total CPR")]));
    lines.push(cols(&[(0, "PSA by Groups"), (75, "Total PSA")]));
    footer(lines, Footer::Standard, 16, s.distribution);

    header(lines, profile, PREPAYMENT, s, 15);
    label(lines, PREPAYMENT_TITLE);
    legend(lines);
    lines.push(cols(&[
        (0, "CPR Avg since Cut-Off by Groups"),
        (75, "Total CPR Avg since Cut-Off"),
    ]));
    lines.push(cols(&[
        (0, "PSA Avg since Cut-Off  by Groups"),
        (75, "Total PSA Avg since Cut-Off"),
    ]));
    lines.push(cols(&[(0, "PREPAYMENT CALCULATION METHODOLOGY")]));
    for text in [
        "Single Monthly Mortality (SMM):    (Voluntary partial and full prepayments + Repurchases)/(Beg Principal Balance - Sched Principal)",
        "Conditional Prepayment Rate (CPR):    1-((1-SMM)^12)",
        "PSA Standard Prepayment Model:    CPR/(0.02*min(30,WAS))",
        "Average SMM over period between nth month and mth month (AvgSMMn,m):    [(1-SMMn) * (1-SMMn+1) *.......*(1-SMMm)]^(1/months in period n,m)",
        "Average CPR over period between the nth month and mth month (AvgCPRn,m):    1-((1-AvgSMMn,m)^12)",
        "Average PSA Approximation over period between the nth month and mth month:    AvgCPRn,m/(0.02*Avg WASn,m))",
        "Average WASn,m:    (min(30,WASn)+min(30,WASn+1)+.......+min(30,WASm)/(number of months in the period n,m)",
        "Weighted Average Seasoning (WAS)",
        "Note:  Prepayment rates are calculated since deal issue date and include partial and full voluntary prepayments and repurchases.",
    ] {
        label(lines, text);
    }
    lines.push(cols(&[(26, "Dates correspond to distribution dates.")]));
    footer(lines, Footer::Standard, 17, s.distribution);
}

pub(crate) fn render_realized_loss(lines: &mut Vec<String>, profile: &TrustProfile, s: &Statement) {
    let [a, f] = &s.groups;
    header(lines, profile, LOSS, s, 15);
    label(lines, LOSS_TITLE);
    section(lines, "COLLATERAL REALIZED LOSSES");
    label(lines, "Current");
    count_line(
        lines,
        "Number of Loans Liquidated",
        a.count_liquidated,
        f.count_liquidated,
    );
    dollars_line(
        lines,
        "Collateral Realized Loss/(Gain) Amount",
        a.loss,
        f.loss,
    );
    dollars_line(lines, "Net Liquidation Proceeds", a.proceeds, f.proceeds);
    label(lines, "Cumulative");
    let (ca, cf) = (&a.cumulative, &f.cumulative);
    count_line(
        lines,
        "Number of Loans Liquidated",
        ca.liquidated_count,
        cf.liquidated_count,
    );
    dollars_line(
        lines,
        "Collateral Realized Loss/(Gain) Amount",
        ca.loss,
        cf.loss,
    );
    dollars_line(lines, "Net Liquidation Proceeds", ca.proceeds, cf.proceeds);
    label(lines, "Note: Collateral realized losses may include adjustments to loans liquidated in prior periods.");
    let original = (a.original + f.original) as f64;
    let cumulative_loss = if original > 0.0 {
        (ca.loss + cf.loss) as f64 / original
    } else {
        0.0
    };
    total_line(
        lines,
        15,
        "Cumulative Loss Percentage For Related Payment Date",
        &percent4(cumulative_loss),
    );
    lines.push(cols(&[(20, "Fixed"), (123, "3 Months Moving Average")]));
    lines.push(cols(&[(20, "Adjustable")]));
    lines.push(cols(&[
        (0, "Collateral Loss Severity Approximation  by Groups"),
        (75, "Collateral Loss Severity Approximation"),
    ]));
    footer(lines, Footer::Standard, 19, s.distribution);

    header(lines, profile, LOSS, s, 15);
    label(lines, LOSS_TITLE);
    section(lines, "DEFAULT SPEEDS");
    speed_lines(lines, s, as_refs(&rate_labels("MDR")), |sp| sp.mdr);
    speed_lines(lines, s, as_refs(&rate_labels("CDR")), |sp| sp.cdr);
    speed_lines(lines, s, as_refs(&approximation_labels("SDA")), |sp| sp.sda);
    speed_lines(
        lines,
        s,
        [
            "Loss Severity Approximation for Current Period",
            "3 Months Avg Loss Severity Approximation",
            "12 Months Avg Loss Severity Approximation",
            "Avg  Loss Severity Approximation Since Cut-off",
        ],
        |sp| sp.severity,
    );
    legend(lines);
    lines.push(cols(&[(0, "CDR by Groups"), (75, "Total CDR")]));
    lines.push(cols(&[(0, "SDA by Groups"), (75, "Total SDA")]));
    footer(lines, Footer::Standard, 20, s.distribution);

    header(lines, profile, LOSS, s, 15);
    label(lines, LOSS_TITLE);
    legend(lines);
    lines.push(cols(&[
        (0, "CDR Avg since Cut-Off by Groups"),
        (75, "Total CDR Avg since Cut-Off"),
    ]));
    lines.push(cols(&[
        (0, "SDA Avg since Cut-Off  by Groups"),
        (75, "Total SDA Avg since Cut-Off"),
    ]));
    lines.push(cols(&[(
        0,
        "COLLATERAL REALIZED LOSS  CALCULATION METHODOLOGY",
    )]));
    for text in [
        "Monthly Default Rate (MDR):    (Beg Principal Balance of Liquidated Loans)/(Total Beg Principal Balance)",
        "Conditional Default Rate (CDR):    1-((1-MDR)^12)",
        "SDA Standard Default Assumption:    CDR/IF(WAS<61,MIN(30,WAS)*0.02,MAX(0.03,MIN(30,WAS)*0.02-0.0095*(WAS-60)))",
        "Average MDR over period between nth month and mth month (AvgMDRn,m):    [(1-MDRn) * (1-MDRn+1) *.......*(1-MDRm)]^(1/months in period n,m)",
        "Average CDR over period between the nth month and mth month (AvgCDRn,m):    1-((1-AvgMDRn,m)^12)",
        "Average SDA Approximation over period between the nth month and mth month:",
    ] {
        label(lines, text);
    }
    lines.push(cols(&[(
        25,
        "AvgCDRn,m/IF(Avg WASn,m<61,MIN(30,Avg WASn,m)*0.02,MAX(0.03,MIN(30,Avg WASn,m)*0.02-0.0095*(Avg WASn,m-60)))",
    )]));
    for text in [
        "Average WASn,m:    (WASn + WASn+1 +.......+ WASm )/(number of months in the period n,m)",
        "Loss Severity Approximation for current period: sum(Realized Loss Amount)/sum(Beg Principal Balance of Liquidated Loans)",
        "Average Loss Severity Approximation over period between nth month and mth month: Avg(Loss Severityn,m)",
        "Note:  Default rates are calculated since deal issue date and include realized gains and additional realized losses and gains from prior periods.",
    ] {
        label(lines, text);
    }
    lines.push(cols(&[(26, "Dates correspond to distribution dates.")]));
    footer(lines, Footer::Standard, 21, s.distribution);
}
