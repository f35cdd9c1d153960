//! `statement-to-certificateholders`: the "Statement to Certificateholders" of Bankers Trust and
//! Chase trusts of the late 1990s and 2000s (auto, home equity and mortgage): per REMIC tier a
//! `DISTRIBUTION(S) IN DOLLARS` class table and a `FACTOR INFORMATION PER $1000 OF ORIGINAL
//! FACE` table with CUSIPs and pass-through rates, a `KEY:  value` block of parties and dates,
//! then delinquency by group and status, the collection account, servicing fees, pool
//! information, trigger events, over-collateralization, accrued interest and carry-forward per
//! class and the certificate insurer, as ruled sections.
//!
//! Only what is particular to this family is here: the class tables, sections, totals,
//! delinquency and factor checks are the crate's shared machinery.

mod body;
mod delinquency;
mod pool;

use crate::class_table::{self, Kind};
use crate::columns::key;
use crate::factors;
use crate::registry::Layout;
use crate::sink::Sink;
use crate::value::date_to_iso;
use crate::{BondClass, CleanStatement, Error, Party, Statement, StatementHeader};

pub struct StatementToCertificateholders;

/// Roles a `KEY:` of the statement names a party by.
const ROLES: [&str; 8] = [
    "seller",
    "servicer",
    "underwriter",
    "administrator",
    "trustee",
    "depositor",
    "originator",
    "insurer",
];

impl Layout for StatementToCertificateholders {
    fn name(&self) -> &'static str {
        "statement-to-certificateholders"
    }

    fn version(&self) -> u32 {
        // 2: coverage (figures printed and stored, the unplaced ones) recorded.
        // 3: an identity whose columns are not found is recorded as a failed check.
        // 4: a cell that holds several figures recorded as a failed check.
        // 5: headings run together are parted where a line above parts them.
        // 6: a column spans all its header lines; a figure just right of a heading is its.
        // 7: a line of marks only does not end a class table; headings with no class row
        //    under them are a failed check.
        // 8: the rejoin reads words of the trade, addresses and names apart at a cut.
        // 9: ... one blank apart (two parted a heading: `CURRENT  PRINCIPAL BALANCE`).
        // 10: the rejoin reads a mark standing alone after a word, figure or bracket as the
        //     document prints one, and words inside a phrase mark no column.
        // 11: a footer whose copyright mark comes back apart from its notice is a footer;
        //     the rejoin reads a dash before a figure by the columns, an aside in brackets
        //     (`CORPORATION (SYNTHETIC)`) and `NEXT` as words.
        // 12: the rejoin reads an operator spaced on its left as spaced on its right (`*` +
        //     `(1-SMMn+1)`) and a token that closes the bracket it opened as joined
        //     (`min(30,WASm` + `)/(`).
        // 13: lines cut in the same blanks are read again, from every reading, once the
        //     headings printed for every tier or page agree; two figures a cut falls between
        //     are two blanks apart where no two are printed closer; a class-table column read
        //     as a field an earlier column fills goes to the pool under its own heading.
        // 14: the rejoin reads a short joining word beside a word of the trade apart (`IN` +
        //     `DOLLARS`), and a heading printed elsewhere over columns of other widths says
        //     nothing of how far apart this one's columns are.
        // 15: a figure whose end lines up no better in one reading of a cut than in another
        //     is read where its start lines up (`0.00` left-aligned under `TOTAL`).
        // 16: a heading, label or delinquency status misprinted (`Intrest`, `Scheduled
        //     Principle`, `FORCLOSURE`) reads as the word it stands for.
        // 17: a delinquency status heading printed with two blanks inside keeps its table.
        // 18: a heading's word that ends where figures below it end is apart from the next
        //     heading after a cut; a short statement whose rows were cut at two widths is read
        //     as cut at drifting widths though its few cuts inside tokens fall at one.
        // 19: the rejoin reads a short figure by its end, not where figures of another width
        //     start together (right-aligned and as wide as each other, they say no column
        //     starts there).
        // 20: words one blank apart in a row are one cell's (a cut that moved a loan row two
        //     columns left put `Paid` of `Paid Off` under `State & LTV`, where it was dropped).
        // 21: a heading above a class table is over the column it overlaps most, and two
        //     headings a cut ran together part where no pair the header prints one blank apart
        //     elsewhere is parted (`DEFERRED INTEREST` | `PRINCIPAL BALANCE`); a heading no
        //     row prints under, whose neighbour's figures reach under it, is one with that one.
        21
    }

    /// A class table in dollars headed as distributions, or any class table under the
    /// statement's title.
    fn recognises(&self, statement: &CleanStatement) -> bool {
        statement.reports.iter().any(|report| {
            let titled = key(&report.title).contains("statementtocertificateholders");
            class_table::find(&report.lines).iter().any(|t| {
                let title = key(&t.title);
                titled
                    || (t.kind == Kind::Dollars
                        && title.contains("distribution")
                        && title.contains("dollar"))
            })
        })
    }

    fn extract(&self, statement: &CleanStatement) -> Result<Statement, Error> {
        let mut sink = Sink::default();
        let mut read = Statement::default();
        let mut keyed: Vec<(String, String)> = Vec::new();
        let mut bodies = Vec::new();
        let mut first_tier: Option<String> = None;
        let (_, top_tier) = title_block(statement);
        for report in &statement.reports {
            // Without page headers, the tier is the one the title block names.
            let tier = match (&report.tier, statement.trust_name.is_none()) {
                (Some(tier), _) => tier.clone(),
                (None, true) => top_tier.clone().unwrap_or_default(),
                (None, false) => String::new(),
            };
            let tables = class_table::find(&report.lines);
            let mut taken = vec![false; report.lines.len()];
            for table in &tables {
                if table.kind == Kind::Dollars && first_tier.is_none() {
                    first_tier = Some(tier.clone());
                }
                class_table::read(
                    table,
                    &report.lines,
                    &report.title,
                    &tier,
                    &mut read.classes,
                    &mut sink,
                );
                for t in taken
                    .iter_mut()
                    .take(table.lines.end)
                    .skip(table.lines.start)
                {
                    *t = true;
                }
            }
            let body = body::read(&report.title, &report.lines, &taken, &mut sink);
            keyed.extend(body.keyed.iter().cloned());
            read.delinquency.extend(body.delinquency.iter().cloned());
            bodies.push(body);
        }
        read.header = header(statement, &keyed);
        read.trust_name = trust_name(statement);
        read.distribution_date = keyed
            .iter()
            .find(|(k, _)| key(k).contains("distributiondate"))
            .and_then(|(_, v)| date_to_iso(v));
        if read.trust_name.is_empty() {
            sink.warn("no trust name in the statement's title block".to_string());
        }
        for body in &bodies {
            crate::delinquency::checks(
                "DELINQUENCY",
                &body.scopes,
                &body.delinquency,
                &body.figures,
                &mut sink,
            );
        }
        factors::factor_checks(
            &read.classes,
            |tier| match tier {
                "" => "FACTOR INFORMATION".to_string(),
                tier => format!("FACTOR INFORMATION [{tier}]"),
            },
            &mut sink,
        );
        let sections: Vec<_> = bodies.iter().flat_map(|b| b.sections.iter()).collect();
        per_class_interest(&sections, &mut read.classes);
        read.pool = pool::summary(&sections, &read.delinquency);
        pool::checks(
            &sections,
            &read.classes,
            first_tier.as_deref().unwrap_or_default(),
            &read.pool,
            &mut sink,
        );
        read.pool_values = sink.pool_values;
        read.checks = sink.checks.into_checks();
        read.warnings = sink.warnings;
        Ok(read)
    }
}

/// Accrued certificate interest and the interest carry-forward, printed per class (`CLASS
/// A-1F`) with PRIOR and CURRENT columns, on the class of that name (the last tier printing it).
fn per_class_interest(sections: &[&crate::sections::Section], classes: &mut [BondClass]) {
    for section in sections {
        let name = key(&section.name);
        let accrued = name.contains("accrued") && name.contains("interest");
        let carried = name.contains("carryforward") || name.contains("unpaid");
        if !accrued && !carried {
            continue;
        }
        let column = |wanted: &str| {
            section
                .columns
                .columns
                .iter()
                .position(|c| key(&c.title) == wanted)
        };
        for row in &section.rows {
            let label = row.label.trim();
            let class_name = label
                .strip_prefix("CLASS ")
                .or_else(|| label.strip_prefix("Class "))
                .unwrap_or(label);
            let Some(class) = classes.iter_mut().rev().find(|c| c.class == class_name) else {
                continue;
            };
            let at = |c: Option<usize>| {
                c.and_then(|i| row.figures.get(i).copied().flatten())
                    .map(|f| f.value)
            };
            if accrued {
                class.accrued_interest = at(column("current"));
            } else {
                class.prior_unpaid_interest = at(column("prior"));
                class.current_unpaid_interest = at(column("current"));
            }
        }
    }
}

/// The trust as its title block names it: company, certificate type and series
/// (`AAMES CAPITAL CORPORATION MORTGAGE PASS-THROUGH CERTIFICATES SERIES 1998-C`).
fn trust_name(statement: &CleanStatement) -> String {
    let mut parts: Vec<String> = statement.trust_name.iter().cloned().collect();
    parts.extend(statement.header_lines.iter().cloned());
    if parts.is_empty() {
        // A statement of one page has no repeated header: its top lines are the title block,
        // the statement's title last.
        let (mut block, _) = title_block(statement);
        if block.len() > 2
            && !block
                .last()
                .is_some_and(|l| l.chars().any(|c| c.is_ascii_digit()))
        {
            block.pop();
        }
        parts = block;
    }
    parts.join(" ")
}

/// The lines at the top of a statement without page headers, up to its first rule or table,
/// and the tier line among them (`REMIC I`).
fn title_block(statement: &CleanStatement) -> (Vec<String>, Option<String>) {
    let top = statement
        .reports
        .first()
        .map(|r| r.lines.as_slice())
        .unwrap_or_default();
    let mut block = Vec::new();
    let mut tier = None;
    for line in top {
        let text = crate::value::collapse(&line.text);
        if text.is_empty() {
            if block.is_empty() {
                continue;
            }
            break;
        }
        if crate::grid::is_rule(&text) || crate::grid::has_amount(&text) || text.contains(':') {
            break;
        }
        if key(&text).starts_with("exhibit") {
            continue;
        }
        if key(&text).starts_with("remic") && text.split(' ').count() <= 3 {
            tier = Some(text);
            continue;
        }
        block.push(text);
    }
    (block, tier)
}

fn header(statement: &CleanStatement, keyed: &[(String, String)]) -> StatementHeader {
    let date = |wanted: &str| {
        keyed
            .iter()
            .find(|(k, _)| key(k).contains(wanted))
            .and_then(|(_, v)| date_to_iso(v))
    };
    let series = statement
        .header_lines
        .iter()
        .find(|l| key(l).starts_with("series"))
        .cloned();
    let product = statement
        .header_lines
        .iter()
        .find(|l| Some(*l) != series.as_ref())
        .cloned();
    let mut parties: Vec<Party> = Vec::new();
    for (k, v) in keyed {
        let role = key(k);
        if v.is_empty() || !ROLES.iter().any(|r| role.contains(r)) {
            continue;
        }
        if !parties.iter().any(|p| p.role == *k) {
            parties.push(Party {
                role: k.clone(),
                name: v.clone(),
            });
        }
    }
    StatementHeader {
        record_date: date("recorddate"),
        product,
        series,
        parties,
        ..StatementHeader::default()
    }
}
