//! `unknown`: a statement no layout recognises is still stored. A class table (a `CLASS` column
//! with balance, principal and interest headings) is read into `bond_classes` by the shared class
//! table reader; the rest of each report is read as labelled sections (headings, column headers
//! where printed, `Label: value` and `Label = value` lines), so every labelled figure lands in
//! `pool_values`; a warning says the layout was not recognised.

use crate::class_table;
use crate::registry::Layout;
use crate::sections;
use crate::sink::Sink;
use crate::value::date_to_iso;
use crate::{CleanStatement, Error, Statement};

pub struct Unknown;

impl Layout for Unknown {
    fn name(&self) -> &'static str {
        "unknown"
    }

    fn version(&self) -> u32 {
        // 2: coverage (figures printed and stored, the unplaced ones) recorded.
        // 3: a cell that holds several figures recorded as a failed check.
        // 4: a section printed left-aligned places a figure under the heading nearest its start;
        //    class-table headings run together are parted where a line above parts them.
        // 5: a class-table column spans all its header lines; a figure just right of a heading
        //    is its.
        // 6: a section of one left-aligned figure reads as left-aligned.
        // 7: a figure a cut moved left of a left-aligned section's first column is its.
        // 8: a line of marks only does not end a class table; headings with no class row
        //    under them are a failed check.
        // 9: the rejoin reads words of the trade, addresses and names apart at a cut.
        // 10: a section of one row reads as its report is aligned; a figure nearer another
        //     heading's start than its own column's, within twice the reach, is that heading's.
        // 11: a row whose figure ends where its sub-heading's first row's ends keeps the
        //     sub-heading, wherever its width makes it start.
        // 12: the rejoin reads a mark standing alone after a word, figure or bracket as the
        //     document prints one, and words inside a phrase mark no column.
        // 13: a footer whose copyright mark comes back apart from its notice is a footer;
        //     the rejoin reads a dash before a figure by the columns, an aside in brackets
        //     (`CORPORATION (SYNTHETIC)`) and `NEXT` as words.
        // 14: the rejoin reads an operator spaced on its left as spaced on its right (`*` +
        //     `(1-SMMn+1)`) and a token that closes the bracket it opened as joined
        //     (`min(30,WASm` + `)/(`).
        // 15: lines cut in the same blanks are read again, from every reading, once the
        //     headings printed for every tier or page agree; two figures a cut falls between
        //     are two blanks apart where no two are printed closer; a class-table column read
        //     as a field an earlier column fills goes to the pool under its own heading.
        // 16: the rejoin reads a short joining word beside a word of the trade apart (`IN` +
        //     `DOLLARS`), and a heading printed elsewhere over columns of other widths says
        //     nothing of how far apart this one's columns are.
        // 17: a figure whose end lines up no better in one reading of a cut than in another
        //     is read where its start lines up (`0.00` left-aligned under `TOTAL`).
        // 18: a heading, label or delinquency status misprinted (`Intrest`, `Scheduled
        //     Principle`, `FORCLOSURE`) reads as the word it stands for.
        // 19: a heading's word that ends where figures below it end is apart from the next
        //     heading after a cut; a short statement whose rows were cut at two widths is read
        //     as cut at drifting widths though its few cuts inside tokens fall at one.
        // 20: the rejoin reads a short figure by its end, not where figures of another width
        //     start together (right-aligned and as wide as each other, they say no column
        //     starts there).
        // 21: words one blank apart in a row are one cell's (a cut that moved a loan row two
        //     columns left put `Paid` of `Paid Off` under `State & LTV`, where it was dropped).
        // 22: a heading above a class table is over the column it overlaps most, and two
        //     headings a cut ran together part where no pair the header prints one blank apart
        //     elsewhere is parted (`DEFERRED INTEREST` | `PRINCIPAL BALANCE`); a heading no
        //     row prints under, whose neighbour's figures reach under it, is one with that one.
        22
    }

    fn recognises(&self, _statement: &CleanStatement) -> bool {
        true
    }

    fn extract(&self, statement: &CleanStatement) -> Result<Statement, Error> {
        let mut sink = Sink::default();
        let titles: Vec<&str> = statement.reports.iter().map(|r| r.title.as_str()).collect();
        sink.warn(format!(
            "layout not recognised (reports: {}); labelled lines stored as pool values",
            titles.join(", ")
        ));
        let mut classes = Vec::new();
        for report in &statement.reports {
            let tier = report.tier.clone().unwrap_or_default();
            let mut rest = report.clone();
            let tables: Vec<_> = class_table::find(&report.lines)
                .into_iter()
                .filter(|t| t.has_balance_principal_interest())
                .collect();
            for table in &tables {
                class_table::read(
                    table,
                    &report.lines,
                    &report.title,
                    &tier,
                    &mut classes,
                    &mut sink,
                );
            }
            for table in tables.iter().rev() {
                rest.lines.drain(table.lines.clone());
            }
            sections::read_report(&rest, &mut sink);
        }
        Ok(Statement {
            classes,
            trust_name: statement.trust_name.clone().unwrap_or_default(),
            distribution_date: statement.distribution_date.as_deref().and_then(date_to_iso),
            pool_values: sink.pool_values,
            checks: sink.checks.into_checks(),
            warnings: sink.warnings,
            ..Statement::default()
        })
    }
}
