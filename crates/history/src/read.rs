//! Questions callers ask of the history: what it holds of a filing, how much it holds, and per
//! trust what it covers.

use rusqlite::{params, OptionalExtension};

use crate::{
    Error, FilingRecord, FilingRow, FilingStatus, History, TableCounts, TrustStatus,
    NO_STATEMENT_TRUST,
};

impl History {
    /// The filing as held, with the layout of each of its statements; `None` if never seen.
    pub fn filing(&self, accession: &str) -> Result<Option<FilingRow>, Error> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT accession, cik, form, filed_date, source, sha256, status, error
                 FROM filings WHERE accession = ?1",
            )?
            .query_row([accession], |r| {
                let status: String = r.get(6)?;
                Ok(FilingRow {
                    accession: r.get(0)?,
                    cik: r.get::<_, i64>(1)?.max(0).unsigned_abs(),
                    form: r.get(2)?,
                    filed_date: r.get(3)?,
                    source: r.get(4)?,
                    sha256: r.get(5)?,
                    // The CHECK constraint admits only the four statuses.
                    status: FilingStatus::parse(&status).unwrap_or(FilingStatus::Failed),
                    error: r.get(7)?,
                    layouts: Vec::new(),
                })
            })
            .optional()?;
        let Some(mut row) = row else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT layout, layout_version FROM statements WHERE accession = ?1 ORDER BY seq",
        )?;
        let layouts = stmt.query_map([accession], |r| Ok((r.get(0)?, r.get(1)?)))?;
        row.layouts = layouts.collect::<Result<_, _>>()?;
        Ok(Some(row))
    }

    /// Whether a filing must be (re)parsed and loaded: it is new, its bytes changed, it did not
    /// end `parsed` or `no_statement`, or a statement of it was read by a layout version older than
    /// `layout_version_now`.
    pub fn needs_load(
        &self,
        record: &FilingRecord,
        layout_version_now: u32,
    ) -> Result<bool, Error> {
        let Some(held) = self.filing(&record.accession)? else {
            return Ok(true);
        };
        let settled = matches!(
            held.status,
            FilingStatus::Parsed | FilingStatus::NoStatement
        );
        let current = held.layouts.iter().all(|(_, v)| *v >= layout_version_now);
        Ok(!(settled && current && held.sha256.as_deref() == Some(record.sha256.as_str())))
    }

    /// Rows per table.
    pub fn counts(&self) -> Result<TableCounts, Error> {
        let count = |table: &str| -> Result<u64, Error> {
            let sql = format!("SELECT count(*) FROM {table}");
            let n: i64 = self
                .conn
                .prepare_cached(&sql)?
                .query_row([], |r| r.get(0))?;
            Ok(n.unsigned_abs())
        };
        let superseded: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM statements WHERE superseded = 1")?
            .query_row([], |r| r.get(0))?;
        Ok(TableCounts {
            filings: count("filings")?,
            statements: count("statements")?,
            superseded: superseded.unsigned_abs(),
            parties: count("parties")?,
            bond_classes: count("bond_classes")?,
            pool_values: count("pool_values")?,
            delinquency: count("delinquency")?,
            loan_events: count("loan_events")?,
            checks: count("checks")?,
        })
    }

    /// (passed, failed) over every check row held, superseded statements included.
    pub fn check_totals(&self) -> Result<(u64, u64), Error> {
        let (passed, failed): (Option<i64>, Option<i64>) = self
            .conn
            .prepare_cached("SELECT sum(passed = 1), sum(passed = 0) FROM checks")?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok((
            passed.unwrap_or(0).unsigned_abs(),
            failed.unwrap_or(0).unsigned_abs(),
        ))
    }

    /// Per trust (as named by its statements), what the history covers, by trust name; then each
    /// CIK with failed filings and no statement, so no failure goes unseen.
    pub fn trust_status(&self) -> Result<Vec<TrustStatus>, Error> {
        let mut stmt = self.conn.prepare_cached(
            "WITH failures AS (
                 SELECT cik, count(*) AS n FROM filings WHERE status = 'failed' GROUP BY cik),
             covered AS (
                 SELECT s.trust_name, s.cik,
                        sum(s.superseded = 0 AND s.distribution_date IS NOT NULL) AS held,
                        min(s.distribution_date) AS first, max(s.distribution_date) AS last,
                        ifnull(f.n, 0) AS failures, 0 AS orphan
                 FROM statements s LEFT JOIN failures f ON f.cik = s.cik
                 GROUP BY s.trust_name, s.cik
                 UNION ALL
                 SELECT ?1, f.cik, 0, NULL, NULL, f.n, 1
                 FROM failures f WHERE f.cik NOT IN (SELECT cik FROM statements))
             SELECT trust_name, cik, held, first, last, failures FROM covered
             ORDER BY orphan, trust_name, cik",
        )?;
        let rows = stmt.query_map(params![NO_STATEMENT_TRUST], |r| {
            Ok(TrustStatus {
                trust_name: r.get(0)?,
                cik: r.get::<_, i64>(1)?.max(0).unsigned_abs(),
                statements: r.get::<_, i64>(2)?.unsigned_abs(),
                first_distribution: r.get(3)?,
                last_distribution: r.get(4)?,
                failures: r.get::<_, i64>(5)?.unsigned_abs(),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
