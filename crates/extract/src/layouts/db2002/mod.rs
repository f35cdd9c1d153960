//! `db-remittance-2002`: the Deutsche Bank trustee statement of 2002 (Certificate Payment,
//! Collection Account, Credit Enhancement, Collateral, Delinquency, REO, Prepayment,
//! Prepayment Detail, Realized Loss, Realized Loss Detail, Triggers/Adj. Rate Cert./Misc.,
//! Other Related Information, and sometimes an Additional Certificate Report).
//!
//! Reports are routed by title; the Additional Certificate Report is read as per-class tables
//! (`additional`), and any report this layout has no special reader for (a report added later)
//! is read as labelled sections, so nothing printed is dropped.

mod additional;
mod certificate;
mod delinquency;
mod header;
mod loans;
mod pool;

use crate::checks::{Precision, Term};
use crate::registry::Layout;
use crate::sections::{self, Section};
use crate::sink::Sink;
use crate::value::{date_to_iso, Figure};
use crate::{factors, CleanStatement, Error, LoanEventKind, Statement};

/// Report titles of the Deutsche Bank 2002 statement; a statement printing the Certificate
/// Payment Report and at least two of the others is this layout.
const TITLES: [&str; 11] = [
    "Collection Account Report",
    "Credit Enhancement Report",
    "Collateral Report",
    "Delinquency Report",
    "REO Report",
    "Prepayment Report",
    "Prepayment Detail Report",
    "Realized Loss Report",
    "Realized Loss Detail Report",
    "Triggers, Adj. Rate Cert. and Miscellaneous Report",
    "Other Related Information",
];
const CERTIFICATE: &str = "Certificate Payment Report";
const ADDITIONAL: &str = "Additional Certificate Report";

pub struct Db2002;

impl Layout for Db2002 {
    fn name(&self) -> &'static str {
        "db-remittance-2002"
    }

    fn version(&self) -> u32 {
        // 2: the Collection Account principal check counts the extra principal distribution.
        // 3: the typed pool summary.
        // 4: the Certificate Payment Report's Total rows kept in pool_values.
        // 5: an identity whose columns or table are not found is recorded as a failed check.
        // 6: coverage (figures printed and stored, the unplaced ones) recorded.
        // 7: interest-only classes on their notional, residual factors on their notional face,
        //    a table one tier lacks and the principal identity unevaluated recorded as failed.
        // 8: the Additional Certificate Report read as per-class tables with their checks.
        // 9: a cell that holds several figures recorded as a failed check.
        // 10: a section printed left-aligned places a figure under the heading nearest its start.
        // 11: a column's header lines may spread over more than the drift; the Additional
        //     Certificate Report, printed right-aligned, places a figure by where it ends.
        // 12: a section of one left-aligned figure reads as left-aligned.
        // 13: a figure a cut moved left of a left-aligned section's first column is its.
        // 14: the rejoin reads words of the trade, addresses and names apart at a cut.
        // 15: a section of one row reads as its report is aligned; a figure nearer another
        //     heading's start than its own column's, within twice the reach, is that heading's.
        // 16: a row whose figure ends where its sub-heading's first row's ends keeps the
        //     sub-heading, wherever its width makes it start.
        // 17: the rejoin reads a mark standing alone after a word, figure or bracket as the
        //     document prints one, and words inside a phrase mark no column.
        // 18: a footer whose copyright mark comes back apart from its notice is a footer;
        //     the rejoin reads a dash before a figure by the columns, an aside in brackets
        //     (`CORPORATION (SYNTHETIC)`) and `NEXT` as words.
        // 19: the rejoin reads an operator spaced on its left as spaced on its right (`*` +
        //     `(1-SMMn+1)`) and a token that closes the bracket it opened as joined
        //     (`min(30,WASm` + `)/(`).
        // 20: lines cut in the same blanks are read again, from every reading, once the
        //     headings printed for every tier or page agree; two figures a cut falls between
        //     are two blanks apart where no two are printed closer; a class-table column read
        //     as a field an earlier column fills goes to the pool under its own heading.
        // 21: the rejoin reads a short joining word beside a word of the trade apart (`IN` +
        //     `DOLLARS`), and a heading printed elsewhere over columns of other widths says
        //     nothing of how far apart this one's columns are.
        // 22: a figure whose end lines up no better in one reading of a cut than in another
        //     is read where its start lines up (`0.00` left-aligned under `TOTAL`).
        // 23: a heading, label or delinquency status misprinted (`Intrest`, `Scheduled
        //     Principle`, `FORCLOSURE`) reads as the word it stands for.
        // 24: the printed SMM of each pool scope is checked against the voluntary paydown over
        //     the prior balance less the scheduled principal, from the summary's own figures.
        // 25: a heading's word that ends where figures below it end is apart from the next
        //     heading after a cut; a short statement whose rows were cut at two widths is read
        //     as cut at drifting widths though its few cuts inside tokens fall at one.
        // 26: the rejoin reads a short figure by its end, not where figures of another width
        //     start together (right-aligned and as wide as each other, they say no column
        //     starts there).
        // 27: words one blank apart in a row are one cell's (a cut that moved a loan row two
        //     columns left put `Paid` of `Paid Off` under `State & LTV`, where it was dropped).
        // 28: a loan row's cell its field cannot take (a word under `State & LTV` that is
        //     neither, a date that reads as none) is a failed check naming it, not dropped.
        28
    }

    fn recognises(&self, statement: &CleanStatement) -> bool {
        let has = |title: &str| statement.reports.iter().any(|r| r.title == title);
        has(CERTIFICATE) && TITLES.iter().filter(|t| has(t)).count() >= 2
    }

    fn extract(&self, statement: &CleanStatement) -> Result<Statement, Error> {
        let mut sink = Sink::default();
        let (header, first_page_date) = header::read(statement, &mut sink);
        let mut read = Statement {
            trust_name: statement.trust_name.clone().unwrap_or_default(),
            distribution_date: statement
                .distribution_date
                .as_deref()
                .and_then(date_to_iso)
                .or(first_page_date),
            header,
            ..Statement::default()
        };
        if read.trust_name.is_empty() {
            sink.warn("no trust name in the page headers".to_string());
        }
        let mut collection: Vec<Section> = Vec::new();
        let mut enhancement: Vec<Section> = Vec::new();
        let mut tiers: Vec<certificate::Seen> = Vec::new();
        for report in &statement.reports {
            let title = report.title.as_str();
            match title {
                "Contents" => {}
                CERTIFICATE => tiers.push(certificate::read(report, &mut read.classes, &mut sink)),
                ADDITIONAL => additional::read(report, &mut sink),
                "Delinquency Report" => delinquency::read(report, &mut read.delinquency, &mut sink),
                "REO Report" => {
                    loans::read(report, LoanEventKind::Reo, &mut read.loan_events, &mut sink)
                }
                "Prepayment Detail Report" => loans::read(
                    report,
                    LoanEventKind::Prepaid,
                    &mut read.loan_events,
                    &mut sink,
                ),
                "Realized Loss Detail Report" => loans::read(
                    report,
                    LoanEventKind::Liquidated,
                    &mut read.loan_events,
                    &mut sink,
                ),
                "Collection Account Report" => {
                    collection.extend(sections::read_report(report, &mut sink))
                }
                "Credit Enhancement Report" => {
                    enhancement.extend(sections::read_report(report, &mut sink))
                }
                _ => {
                    sections::read_report(report, &mut sink);
                }
            }
        }
        let tier_prefix = |tier: &str| {
            if tier.is_empty() {
                CERTIFICATE.to_string()
            } else {
                format!("{CERTIFICATE} [{tier}]")
            }
        };
        certificate::tier_gaps(&tiers, &mut sink);
        factors::factor_checks(&read.classes, tier_prefix, &mut sink);
        principal_check(statement, &read, &collection, &enhancement, &mut sink);
        read.pool_values = sink.pool_values;
        read.pool = pool::summary(&read.pool_values, &read.delinquency);
        pool::smm_checks(&read.pool_values, &read.pool, &mut sink.checks);
        read.checks = sink.checks.into_checks();
        read.warnings = sink.warnings;
        Ok(read)
    }
}

/// The principal the Collection Account passes to bondholders, plus any extra principal paid out
/// of excess interest to build overcollateralization (Credit Enhancement Report), is the principal
/// the Certificate Payment Report distributes (its first tier's classes).
fn principal_check(
    statement: &CleanStatement,
    read: &Statement,
    collection: &[Section],
    enhancement: &[Section],
    sink: &mut Sink,
) {
    let first_tier = statement
        .reports
        .iter()
        .find(|r| r.title == CERTIFICATE)
        .and_then(|r| r.tier.clone())
        .unwrap_or_default();
    let classes: Vec<_> = read
        .classes
        .iter()
        .filter(|c| c.tier == first_tier)
        .collect();
    let name =
        format!("Collection Account Report/SUMMARY/TOTAL PRINCIPAL = {CERTIFICATE} principal");
    let tier = if first_tier.is_empty() {
        CERTIFICATE.to_string()
    } else {
        format!("{CERTIFICATE} [{first_tier}]")
    };
    // Every figure the identity needs, or why it cannot be evaluated.
    let distributed: Result<f64, String> = if classes.is_empty() {
        Err(format!("no class read in {tier}"))
    } else {
        classes.iter().try_fold(0.0, |sum, c| match c.principal {
            Some(p) => Ok(sum + p),
            None => Err(format!(
                "column \"Principal\" not found for {} in {tier}",
                c.class
            )),
        })
    };
    let collected = collection
        .iter()
        .find(|s| s.name == "SUMMARY")
        .ok_or_else(|| "section \"SUMMARY\" not found in Collection Account Report".to_string())
        .and_then(|summary| {
            let total = summary.columns.position("total").ok_or_else(|| {
                "column \"TOTAL\" not found in Collection Account Report (SUMMARY)".to_string()
            })?;
            let row = summary
                .rows
                .iter()
                .find(|r| r.label.eq_ignore_ascii_case("total principal"))
                .ok_or_else(|| {
                    "row \"TOTAL PRINCIPAL\" not found in Collection Account Report (SUMMARY)"
                        .to_string()
                })?;
            row.figures.get(total).copied().flatten().ok_or_else(|| {
                "TOTAL PRINCIPAL prints no TOTAL figure in Collection Account Report (SUMMARY)"
                    .to_string()
            })
        });
    let (distributed, collected) = match (distributed, collected) {
        (Ok(distributed), Ok(collected)) => (distributed, collected),
        (Err(why), _) | (_, Err(why)) => {
            sink.checks.unevaluated(name, why);
            return;
        }
    };
    let mut terms = vec![Term::plus("TOTAL PRINCIPAL", collected)];
    if let Some(extra) = extra_principal(enhancement) {
        terms.push(Term::plus("Extra Principal Distribution", extra));
    }
    sink.checks.identity(
        name,
        Precision::Money,
        ("sum of class principal", Figure::exact(distributed)),
        &terms,
    );
}

/// The period's extra principal distribution, where the statement prints one (TOTAL column).
fn extra_principal(enhancement: &[Section]) -> Option<Figure> {
    enhancement.iter().find_map(|section| {
        let total = section.columns.position("total")?;
        let row = section.rows.iter().find(|r| {
            let label = r.label.to_ascii_lowercase();
            label.contains("extra principal distribution") && !label.contains("cumulative")
        })?;
        row.figures.get(total).copied().flatten()
    })
}
