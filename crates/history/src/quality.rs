//! How far a trust's months can be trusted: failed arithmetic checks and continuity breaks, per
//! trust (for `remit status`) and one by one (for `remit status --trust`). Superseded statements
//! are left out: an amendment that fixed a month also clears its findings.

use rusqlite::params;

use crate::{Error, History};

/// Per trust (and filer CIK), what its current statements fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustQuality {
    pub trust_name: String,
    pub cik: u64,
    /// Current statements with at least one failed arithmetic check.
    pub statements_failing_checks: u64,
    /// Failed arithmetic checks over those statements.
    pub failed_checks: u64,
    /// Balance and to-date comparisons with the month before that do not hold.
    pub breaks: u64,
    /// Missing months and months listed twice.
    pub gaps: u64,
}

/// One failed check of a current statement.
#[derive(Debug, Clone, PartialEq)]
pub struct FailedCheck {
    pub trust_name: String,
    pub distribution_date: Option<String>,
    pub statement_id: i64,
    pub name: String,
    /// What the statement's other figures say the figure should be.
    pub expected: Option<f64>,
    /// The figure as printed.
    pub actual: Option<f64>,
    pub detail: Option<String>,
}

impl History {
    /// Per trust and CIK with current statements, by trust name.
    pub fn trust_quality(&self) -> Result<Vec<TrustQuality>, Error> {
        let mut stmt = self.conn.prepare_cached(
            "WITH current AS (
                 SELECT id, trust_name, cik FROM statements WHERE superseded = 0),
             checked AS (
                 SELECT s.trust_name, s.cik, count(DISTINCT c.statement_id) AS statements,
                        count(*) AS failed
                 FROM checks c JOIN current s ON s.id = c.statement_id
                 WHERE c.passed = 0 GROUP BY s.trust_name, s.cik),
             compared AS (
                 SELECT trust_name, cik, sum(kind <> 'sequence') AS breaks,
                        sum(kind = 'sequence') AS gaps
                 FROM continuity_history WHERE passed = 0 GROUP BY trust_name, cik)
             SELECT t.trust_name, t.cik, ifnull(k.statements, 0), ifnull(k.failed, 0),
                    ifnull(m.breaks, 0), ifnull(m.gaps, 0)
             FROM (SELECT DISTINCT trust_name, cik FROM current) t
             LEFT JOIN checked k ON k.trust_name = t.trust_name AND k.cik = t.cik
             LEFT JOIN compared m ON m.trust_name = t.trust_name AND m.cik = t.cik
             ORDER BY t.trust_name, t.cik",
        )?;
        let rows = stmt.query_map([], |r| {
            let count =
                |i: usize| -> rusqlite::Result<u64> { Ok(r.get::<_, i64>(i)?.unsigned_abs()) };
            Ok(TrustQuality {
                trust_name: r.get(0)?,
                cik: count(1)?,
                statements_failing_checks: count(2)?,
                failed_checks: count(3)?,
                breaks: count(4)?,
                gaps: count(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The failed checks of a trust's current statements, by distribution date and check name.
    pub fn failed_checks(&self, trust_name: &str) -> Result<Vec<FailedCheck>, Error> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.trust_name, s.distribution_date, s.id, c.name, c.expected, c.actual, c.detail
             FROM checks c JOIN statements s ON s.id = c.statement_id
             WHERE s.trust_name = ?1 AND s.superseded = 0 AND c.passed = 0
             ORDER BY s.distribution_date, s.id, c.name, c.id",
        )?;
        let rows = stmt.query_map(params![trust_name], |r| {
            Ok(FailedCheck {
                trust_name: r.get(0)?,
                distribution_date: r.get(1)?,
                statement_id: r.get(2)?,
                name: r.get(3)?,
                expected: r.get(4)?,
                actual: r.get(5)?,
                detail: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// Month-to-month comparisons over current statements, with the breaks and gaps among them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ContinuityTotals {
    pub comparisons: u64,
    pub breaks: u64,
    pub gaps: u64,
}

impl History {
    /// The comparisons the history holds over current statements, with breaks and gaps counted.
    pub fn continuity_totals(&self) -> Result<ContinuityTotals, Error> {
        let (comparisons, breaks, gaps): (i64, Option<i64>, Option<i64>) = self
            .conn
            .prepare_cached(
                "SELECT count(*), sum(passed = 0 AND kind <> 'sequence'),
                        sum(passed = 0 AND kind = 'sequence')
                 FROM continuity_history",
            )?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(ContinuityTotals {
            comparisons: comparisons.unsigned_abs(),
            breaks: breaks.unwrap_or(0).unsigned_abs(),
            gaps: gaps.unwrap_or(0).unsigned_abs(),
        })
    }
}
