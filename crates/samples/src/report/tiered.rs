//! The Certificate Payment Report of a tiered statement: for each REMIC tier two pages (current
//! period with accrual detail and factors, then to date with interest detail), the tier named
//! in the page header under the series, as Deutsche Bank printed REMIC statements.
//!
//! The column layout is the untiered report's (`certificate`); what changes is the classes: an
//! interest-only class prints 0 principal balances and its notional amount as the interest
//! detail's `Prior Principal (with Notional) Balance`, with its factors per $1,000 of its
//! original notional; the residual prints its token face and its factors per $1,000 of a
//! notional face.

use crate::format::{general, long_date, serial};
use crate::layout::{cols, Row};
use crate::month::Statement;
use crate::profile::TrustProfile;
use crate::tiers::{Role, Tier, TierClass};

use super::certificate::{
    accrual_heading, current_heading, detail_heading, figures, to_date_heading, REPORT,
};
use super::{footer, Footer};

/// Pages each tier takes (the untiered report takes two as well).
pub(crate) const PAGES_PER_TIER: u32 = 2;

/// The page header with the tier line between the series and the report's anchor.
fn header(lines: &mut Vec<String>, profile: &TrustProfile, tier: &str, statement: &Statement) {
    lines.push(cols(&[(15, &profile.header_name)]));
    lines.push(cols(&[(15, "Collateralized Asset-Backed Bonds")]));
    lines.push(cols(&[(19, &format!("Series {}", profile.series))]));
    lines.push(cols(&[(19, tier)]));
    lines.push(cols(&[(
        15,
        &format!(
            "{REPORT} for {} Distribution",
            long_date(statement.distribution)
        ),
    )]));
}

fn sum(classes: &[TierClass], f: impl Fn(&TierClass) -> f64) -> f64 {
    classes.iter().map(f).sum()
}

/// Renders every tier's pages, numbered from `first_page`.
pub(crate) fn render(
    lines: &mut Vec<String>,
    profile: &TrustProfile,
    statement: &Statement,
    tiers: &[Tier],
    first_page: u32,
) {
    let mut page = first_page;
    for tier in tiers {
        render_tier(lines, profile, statement, tier, page);
        page += PAGES_PER_TIER;
    }
}

fn render_tier(
    lines: &mut Vec<String>,
    profile: &TrustProfile,
    statement: &Statement,
    tier: &Tier,
    page: u32,
) {
    let classes = &tier.classes;
    header(lines, profile, &tier.name, statement);
    current_heading(lines);
    for class in classes {
        let row = Row::new().at(0, &class.name).at(15, class.class_type);
        lines.push(
            figures(
                row,
                &[
                    (45, class.face),
                    (90, class.prior),
                    (105, class.interest),
                    (120, class.principal),
                    (135, class.interest + class.principal),
                    (150, 0.0),
                    (165, 0.0),
                    (180, class.current),
                ],
            )
            .into_string(),
        );
    }
    let interest = sum(classes, |c| c.interest);
    let principal = sum(classes, |c| c.principal);
    lines.push(
        figures(
            Row::new().at(0, "Total"),
            &[
                (45, sum(classes, |c| c.face)),
                (90, sum(classes, |c| c.prior)),
                (105, interest),
                (120, principal),
                (135, interest + principal),
                (150, 0.0),
                (165, 0.0),
                (180, sum(classes, |c| c.current)),
            ],
        )
        .into_string(),
    );

    accrual_heading(lines);
    let start = serial(statement.accrual_start).to_string();
    let end = serial(statement.accrual_end).to_string();
    for class in classes {
        let mut row = Row::new()
            .at(0, &class.name)
            .right(30, &start)
            .right(45, &end);
        row = match class.role {
            Role::Excess => row.at(60, "-"),
            Role::InterestOnly => row.at(60, "A-30/360"),
            _ => row.at(60, "A-Act/360"),
        };
        if let Some(cusip) = &class.cusip {
            row = row.at(75, cusip);
        }
        // Per $1,000 of the face the column prints: the notional one for IO and residual.
        let per_thousand = |v: f64| {
            if class.factor_face > 0.0 {
                v / class.factor_face * 1000.0
            } else {
                0.0
            }
        };
        lines.push(
            figures(
                row,
                &[
                    (105, class.factor_face),
                    (120, per_thousand(class.notional_prior)),
                    (135, per_thousand(class.interest)),
                    (150, per_thousand(class.principal)),
                    (165, per_thousand(class.interest + class.principal)),
                    (180, per_thousand(class.notional_current)),
                ],
            )
            .into_string(),
        );
    }
    footer(lines, Footer::Certificate, page, statement.distribution);

    header(lines, profile, &tier.name, statement);
    to_date_heading(lines);
    let to_date_row =
        |name: &str, face: f64, interest: f64, unscheduled: f64, scheduled: f64, current: f64| {
            let principal = unscheduled + scheduled;
            figures(
                Row::new().at(0, name),
                &[
                    (30, face),
                    (60, interest),
                    (90, unscheduled),
                    (105, scheduled),
                    (120, principal),
                    (135, interest + principal),
                    (150, 0.0),
                    (165, 0.0),
                    (180, current),
                ],
            )
            .into_string()
        };
    for c in classes {
        lines.push(to_date_row(
            &c.name,
            c.face,
            c.interest_to_date,
            c.unscheduled_to_date,
            c.scheduled_to_date,
            c.current,
        ));
    }
    lines.push(to_date_row(
        "Total",
        sum(classes, |c| c.face),
        sum(classes, |c| c.interest_to_date),
        sum(classes, |c| c.unscheduled_to_date),
        sum(classes, |c| c.scheduled_to_date),
        sum(classes, |c| c.current),
    ));

    detail_heading(lines);
    let detail_row = |row: Row, prior: f64, accrued: f64, optimal: f64, paid: f64| {
        figures(
            row,
            &[
                (45, prior),
                (90, accrued),
                (105, 0.0),
                (120, 0.0),
                (135, 0.0),
                (150, optimal),
                (165, paid),
                (180, optimal - paid),
            ],
        )
        .into_string()
    };
    for c in classes {
        let mut row = Row::new().at(0, &c.name);
        if let Some(rate) = c.rate {
            row = row.right(30, &general(rate));
        }
        // The notional of an IO class stands under `Prior Principal (with Notional) Balance`.
        lines.push(detail_row(
            row,
            c.notional_prior,
            c.accrued,
            c.optimal,
            c.interest,
        ));
    }
    lines.push(detail_row(
        Row::new().at(0, "Total"),
        sum(classes, |c| c.notional_prior),
        sum(classes, |c| c.accrued),
        sum(classes, |c| c.optimal),
        sum(classes, |c| c.interest),
    ));
    footer(lines, Footer::Certificate, page + 1, statement.distribution);
}

/// Numbers every page of a statement whose Certificate Payment Report took `extra` pages more
/// than the untiered two: footers count pages in order (`Page N of M`), and the table of
/// contents and its `Total Number of Pages` move the later reports down by `extra`.
pub(crate) fn renumber(lines: &mut [String], extra: u32) {
    let total = lines.iter().filter(|l| footer_page(l).is_some()).count() as u32;
    let mut page = 0;
    let mut in_contents = false;
    for line in lines.iter_mut() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("TABLE OF CONTENTS") {
            in_contents = true;
            continue;
        }
        if in_contents {
            if trimmed.starts_with("Total Number of Pages") {
                *line = replace_last_word(line, &total.to_string());
                in_contents = false;
            } else if let Some(n) = line
                .split_whitespace()
                .last()
                .and_then(|w| w.parse::<u32>().ok())
                .filter(|n| *n > 2 && line.split_whitespace().count() > 2)
            {
                *line = replace_last_word(line, &(n + extra).to_string());
            }
            continue;
        }
        if let Some(footer) = footer_page(line) {
            page += 1;
            let blanks = if footer.wide { "  " } else { " " };
            let mut row = Row::new().at(footer.start, &format!("Page {page} of{blanks}{total}"));
            if let Some((column, text)) = footer.tail {
                row = row.at(column, text);
            }
            *line = row.into_string();
        }
    }
}

/// A footer line's parts: where `Page N of M` starts, whether `of` is followed by two blanks,
/// and what stands after the total (the copyright notice) and where.
struct FooterParts<'a> {
    start: usize,
    wide: bool,
    tail: Option<(usize, &'a str)>,
}

fn footer_page(line: &str) -> Option<FooterParts<'_>> {
    let start = line.find("Page ")?;
    if !line[..start].trim().is_empty() {
        return None;
    }
    let rest = &line[start + 5..];
    let of = rest.find(" of ")?;
    rest[..of].parse::<u32>().ok()?;
    let after = &rest[of + 3..];
    let total = after.trim_start();
    let wide = after.len() - total.len() >= 2;
    let digits = total
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(total.len());
    total[..digits].parse::<u32>().ok()?;
    let tail = total[digits..].trim_start();
    let tail = (!tail.is_empty()).then(|| (line.len() - tail.len(), tail.trim_end()));
    Some(FooterParts { start, wide, tail })
}

/// `line` with its last word replaced, right-aligned where the old one ended.
fn replace_last_word(line: &str, word: &str) -> String {
    let trimmed = line.trim_end();
    let start = trimmed.rfind(' ').map_or(0, |i| i + 1);
    format!("{}{word}", &trimmed[..start])
}
