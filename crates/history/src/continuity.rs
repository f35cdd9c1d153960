//! Month-to-month continuity: each current statement of a trust compared with the one before it.
//!
//! A statement's own arithmetic cannot see a figure read into the wrong month, a missing month or
//! a trustee's restatement; consecutive statements can: this month's prior balances are last
//! month's current balances, to-date figures grow by this month's figures. Every comparison is
//! kept like a check (`continuity`), pass or break: a break is data, never an error.
//!
//! Rows are derived: a load marks the trusts it touched (`continuity_pending`, in the load's own
//! transaction) and [`History::refresh_continuity`] rebuilds each marked trust from its
//! non-superseded statements, so an amendment that supersedes a month re-runs exactly the
//! comparisons of that trust, and a superseded statement is never compared. Rebuilding once per
//! run rather than once per filing keeps a reparse of a long trust linear.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, TransactionBehavior};

use crate::{Error, History};

/// What a continuity refresh did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ContinuityReport {
    /// Trusts whose comparisons were rebuilt.
    pub trusts: u64,
    /// Comparisons recorded for them.
    pub comparisons: u64,
    /// Of those, balance and to-date comparisons that do not hold.
    pub breaks: u64,
    /// Of those, sequence comparisons that do not hold (a missing month, a month listed twice).
    pub gaps: u64,
}

/// One comparison, as the `continuity_history` view shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub trust_name: String,
    pub distribution_date: String,
    pub prior_distribution_date: String,
    /// The later statement.
    pub statement_id: i64,
    /// The statement before it.
    pub prior_statement_id: i64,
    /// `sequence`, `class` or `pool`.
    pub kind: String,
    /// The class (`A`, `[tier] A`) or pool scope (`Total`, a group); empty for `sequence`.
    pub scope: String,
    pub name: String,
    pub passed: bool,
    /// `None` when the figure is not printed (a class missing from one of the two statements).
    pub expected: Option<f64>,
    pub found: Option<f64>,
    pub tolerance: f64,
    pub detail: Option<String>,
}

/// Marks a trust for a continuity rebuild (inside a load's transaction).
pub(crate) fn mark_pending(conn: &Connection, trust_name: &str) -> Result<(), Error> {
    conn.prepare_cached("INSERT OR IGNORE INTO continuity_pending (trust_name) VALUES (?1)")?
        .execute([trust_name])?;
    Ok(())
}

impl History {
    /// Rebuilds the comparisons of every trust a load touched since the last refresh, one
    /// transaction per trust. The loading commands call it once at the end of each run.
    pub fn refresh_continuity(&mut self) -> Result<ContinuityReport, Error> {
        let trusts: Vec<String> = self
            .conn
            .prepare("SELECT trust_name FROM continuity_pending ORDER BY trust_name")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        self.rebuild(&trusts)
    }

    /// Rebuilds the comparisons of every trust held (`remit continuity`).
    pub fn recheck_continuity(&mut self) -> Result<ContinuityReport, Error> {
        let trusts: Vec<String> = self
            .conn
            .prepare(
                "SELECT trust_name FROM statements UNION SELECT trust_name FROM continuity_pending
                 UNION SELECT trust_name FROM continuity ORDER BY 1",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        self.rebuild(&trusts)
    }

    fn rebuild(&mut self, trusts: &[String]) -> Result<ContinuityReport, Error> {
        let mut report = ContinuityReport::default();
        for trust_name in trusts {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.prepare_cached("DELETE FROM continuity WHERE trust_name = ?1")?
                .execute([trust_name])?;
            let rows = compare_trust(&tx, trust_name)?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO continuity (trust_name, statement_id, prior_statement_id, kind, scope,
                     name, passed, expected, found, tolerance, detail)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?;
            for row in &rows {
                insert.execute(params![
                    trust_name,
                    row.statement_id,
                    row.prior_statement_id,
                    row.kind.as_str(),
                    row.scope,
                    row.name,
                    i64::from(row.passed),
                    row.expected,
                    row.found,
                    row.tolerance,
                    row.detail
                ])?;
                report.comparisons += 1;
                match (row.passed, row.kind) {
                    (true, _) => {}
                    (false, Kind::Sequence) => report.gaps += 1,
                    (false, _) => report.breaks += 1,
                }
            }
            drop(insert);
            tx.prepare_cached("DELETE FROM continuity_pending WHERE trust_name = ?1")?
                .execute([trust_name])?;
            tx.commit()?;
            report.trusts += 1;
        }
        if report.trusts > 0 {
            tracing::debug!(?report, "continuity rebuilt");
        }
        Ok(report)
    }

    /// The comparisons held, of one trust or all, breaks and gaps only or every one; by trust,
    /// date, kind, scope and name.
    pub fn continuity(
        &self,
        trust_name: Option<&str>,
        failed_only: bool,
    ) -> Result<Vec<Comparison>, Error> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT trust_name, distribution_date, prior_distribution_date, statement_id,
                    prior_statement_id, kind, scope, name, passed, expected, found, tolerance,
                    detail
             FROM continuity_history
             WHERE (?1 IS NULL OR trust_name = ?1) AND (?2 = 0 OR passed = 0)
             ORDER BY trust_name, distribution_date, kind = 'pool', kind = 'class', scope, name",
        )?;
        let rows = stmt.query_map(params![trust_name, failed_only], |r| {
            Ok(Comparison {
                trust_name: r.get(0)?,
                distribution_date: r.get(1)?,
                prior_distribution_date: r.get(2)?,
                statement_id: r.get(3)?,
                prior_statement_id: r.get(4)?,
                kind: r.get(5)?,
                scope: r.get(6)?,
                name: r.get(7)?,
                passed: r.get::<_, i64>(8)? == 1,
                expected: r.get(9)?,
                found: r.get(10)?,
                tolerance: r.get(11)?,
                detail: r.get(12)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Trusts loaded since their comparisons were last rebuilt (none after a finished run).
    pub fn continuity_pending(&self) -> Result<u64, Error> {
        let n: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM continuity_pending")?
            .query_row([], |r| r.get(0))?;
        Ok(n.unsigned_abs())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Sequence,
    Class,
    Pool,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Sequence => "sequence",
            Kind::Class => "class",
            Kind::Pool => "pool",
        }
    }
}

/// One comparison before it is written.
#[derive(Debug)]
struct Row {
    statement_id: i64,
    prior_statement_id: i64,
    kind: Kind,
    scope: String,
    name: String,
    passed: bool,
    expected: Option<f64>,
    found: Option<f64>,
    tolerance: f64,
    detail: Option<String>,
}

/// A current statement of the trust, in date order.
struct Held {
    id: i64,
    date: String,
    /// Months since year 0, so consecutive distributions differ by the trust's period.
    month: i64,
}

fn compare_trust(conn: &Connection, trust_name: &str) -> Result<Vec<Row>, Error> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, distribution_date FROM statements
         WHERE trust_name = ?1 AND superseded = 0 AND distribution_date IS NOT NULL
         ORDER BY distribution_date, id",
    )?;
    let held: Vec<Held> = stmt
        .query_map([trust_name], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        // A date that is not a date cannot be placed in a sequence; its statement is left out.
        .filter_map(|(id, date)| {
            let day = NaiveDate::parse_from_str(&date, "%Y-%m-%d").ok()?;
            let month = i64::from(day.year()) * 12 + i64::from(day.month0());
            Some(Held { id, date, month })
        })
        .collect();
    let period = period_of(&held);
    let mut rows = Vec::new();
    for pair in held.windows(2) {
        let (prior, current) = (&pair[0], &pair[1]);
        let apart = current.month - prior.month;
        rows.push(sequence_row(prior, current, apart, period));
        // Balances carry over only from the statement just before: across a gap the missing
        // month is the finding, not every figure it would have bridged.
        if apart == period {
            compare_classes(conn, prior.id, current.id, &mut rows)?;
            compare_pool(conn, prior.id, current.id, &mut rows)?;
        }
    }
    Ok(rows)
}

/// The trust's distribution period in months: the most common distance between consecutive
/// statements (the smallest on a tie), 1 when there is none.
fn period_of(held: &[Held]) -> i64 {
    let mut counts: BTreeMap<i64, usize> = BTreeMap::new();
    for pair in held.windows(2) {
        let apart = pair[1].month - pair[0].month;
        if apart > 0 {
            *counts.entry(apart).or_default() += 1;
        }
    }
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map_or(1, |(apart, _)| *apart)
}

fn month_text(month: i64) -> String {
    format!(
        "{:04}-{:02}",
        month.div_euclid(12),
        month.rem_euclid(12) + 1
    )
}

fn sequence_row(prior: &Held, current: &Held, apart: i64, period: i64) -> Row {
    let detail = if apart == period {
        None
    } else if apart == 0 {
        Some(format!(
            "{} listed twice: {} and {}",
            month_text(current.month),
            prior.date,
            current.date
        ))
    } else if apart > period && apart % period == 0 {
        let missing: Vec<String> = (1..apart / period)
            .map(|k| month_text(prior.month + k * period))
            .collect();
        Some(format!("missing: {}", missing.join(", ")))
    } else {
        Some(format!(
            "{apart} months after {}; the trust distributes every {period}",
            prior.date
        ))
    };
    Row {
        statement_id: current.id,
        prior_statement_id: prior.id,
        kind: Kind::Sequence,
        scope: String::new(),
        name: "months since the previous statement".into(),
        passed: apart == period,
        expected: Some(period as f64),
        found: Some(apart as f64),
        tolerance: 0.0,
        detail,
    }
}

/// Half a unit in the last decimal a figure was printed with. Figures are stored as printed, so
/// the shortest text that reads back as the same number has the printed decimals (or fewer, when
/// the print ended in zeros: the tolerance is then looser, never tighter, than printed).
fn half_unit(x: f64) -> f64 {
    let text = format!("{x}");
    let decimals = text.split_once('.').map_or(0, |(_, d)| d.len());
    0.5 * 10f64.powi(-i32::try_from(decimals).unwrap_or(i32::MAX))
}

/// The difference two printed sides of an identity may show from rounding alone: half a unit of
/// each figure's printed precision.
fn tolerance(figures: &[f64]) -> f64 {
    figures.iter().map(|&x| half_unit(x)).sum()
}

/// Whether `found` is `expected` within `tolerance`, allowing floating-point noise far below any
/// printed digit (sums of stored figures are not exact in binary).
fn holds(expected: f64, found: f64, tolerance: f64) -> bool {
    let noise = expected.abs().max(found.abs()) * 1e-13;
    (found - expected).abs() <= tolerance + noise
}

/// One identity `found = expected`, where `expected` is built from `inputs`; none is recorded
/// when a figure of it is not printed.
#[allow(clippy::too_many_arguments)]
fn identity(
    rows: &mut Vec<Row>,
    ids: (i64, i64),
    kind: Kind,
    scope: &str,
    name: &str,
    inputs: &[Option<f64>],
    expected: impl Fn(&[f64]) -> f64,
    found: Option<f64>,
) {
    let Some(inputs) = inputs.iter().copied().collect::<Option<Vec<f64>>>() else {
        return;
    };
    let Some(found) = found else {
        return;
    };
    let expected = expected(&inputs);
    let mut figures = inputs;
    figures.push(found);
    let tolerance = tolerance(&figures);
    rows.push(Row {
        statement_id: ids.1,
        prior_statement_id: ids.0,
        kind,
        scope: scope.to_string(),
        name: name.to_string(),
        passed: holds(expected, found, tolerance),
        expected: Some(expected),
        found: Some(found),
        tolerance,
        detail: None,
    });
}

/// The `bond_classes` figures continuity reads, per (tier, class).
#[derive(Debug, Clone, Copy)]
struct ClassFigures {
    prior_balance: Option<f64>,
    current_balance: Option<f64>,
    /// (to-date column, its current-period column) pairs, in [`TO_DATE`] order.
    to_date: [(Option<f64>, Option<f64>); 5],
}

/// To-date figures and the current-period figure each grows by.
const TO_DATE: [(&str, &str); 5] = [
    ("td_interest", "interest"),
    ("td_total_principal", "principal"),
    ("td_total_distribution", "total_distribution"),
    ("td_realized_loss", "realized_loss"),
    ("td_deferred_interest", "deferred_interest"),
];

/// (tier, class) and its figures, in the statement's order.
type Classes = Vec<((String, String), ClassFigures)>;

fn classes_of(conn: &Connection, statement_id: i64) -> Result<Classes, Error> {
    let mut stmt = conn.prepare_cached(
        "SELECT tier, class, prior_balance, current_balance,
                td_interest, interest, td_total_principal, principal,
                td_total_distribution, total_distribution, td_realized_loss, realized_loss,
                td_deferred_interest, deferred_interest
         FROM bond_classes WHERE statement_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([statement_id], |r| {
        let pair = |i: usize| -> rusqlite::Result<(Option<f64>, Option<f64>)> {
            Ok((r.get(i)?, r.get(i + 1)?))
        };
        Ok((
            (r.get(0)?, r.get(1)?),
            ClassFigures {
                prior_balance: r.get(2)?,
                current_balance: r.get(3)?,
                to_date: [pair(4)?, pair(6)?, pair(8)?, pair(10)?, pair(12)?],
            },
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn class_scope(tier: &str, class: &str) -> String {
    if tier.is_empty() {
        class.to_string()
    } else {
        format!("[{tier}] {class}")
    }
}

const BALANCE: &str = "prior_balance = previous current_balance";

fn compare_classes(
    conn: &Connection,
    prior_id: i64,
    current_id: i64,
    rows: &mut Vec<Row>,
) -> Result<(), Error> {
    let ids = (prior_id, current_id);
    let before: HashMap<(String, String), ClassFigures> =
        classes_of(conn, prior_id)?.into_iter().collect();
    let now = classes_of(conn, current_id)?;
    for ((tier, class), figures) in &now {
        let scope = class_scope(tier, class);
        let Some(previous) = before.get(&(tier.clone(), class.clone())) else {
            // A class that appears with a balance carried from nowhere is as much a break as one
            // whose balance changed; one that starts at zero is simply new.
            if figures.prior_balance.is_some_and(|b| b != 0.0) {
                rows.push(missing(
                    Kind::Class,
                    ids,
                    &scope,
                    figures.prior_balance,
                    None,
                ));
            }
            continue;
        };
        identity(
            rows,
            ids,
            Kind::Class,
            &scope,
            BALANCE,
            &[previous.current_balance],
            |f| f[0],
            figures.prior_balance,
        );
        for (k, (to_date, period)) in TO_DATE.iter().enumerate() {
            identity(
                rows,
                ids,
                Kind::Class,
                &scope,
                &format!("{to_date} = previous {to_date} + {period}"),
                &[previous.to_date[k].0, figures.to_date[k].1],
                |f| f[0] + f[1],
                figures.to_date[k].0,
            );
        }
    }
    for ((tier, class), previous) in &before {
        let printed_now = now.iter().any(|((t, c), _)| t == tier && c == class);
        if !printed_now && previous.current_balance.is_some_and(|b| b != 0.0) {
            let scope = class_scope(tier, class);
            rows.push(missing(
                Kind::Class,
                ids,
                &scope,
                None,
                previous.current_balance,
            ));
        }
    }
    Ok(())
}

/// A class (or pool scope) printed with a balance in one of the two statements and absent from
/// the other.
fn missing(
    kind: Kind,
    ids: (i64, i64),
    scope: &str,
    found: Option<f64>,
    expected: Option<f64>,
) -> Row {
    let what = match kind {
        Kind::Pool => "pool scope",
        _ => "class",
    };
    let detail = if found.is_none() {
        format!("{what} not printed in this statement")
    } else {
        format!("{what} not printed in the previous statement")
    };
    Row {
        statement_id: ids.1,
        prior_statement_id: ids.0,
        kind,
        scope: scope.to_string(),
        name: BALANCE.into(),
        passed: false,
        expected,
        found,
        tolerance: 0.0,
        detail: Some(detail),
    }
}

/// The `pool_summary` figures continuity reads, per scope.
#[derive(Debug, Clone, Copy)]
struct PoolFigures {
    prior_balance: Option<f64>,
    current_balance: Option<f64>,
    prior_loan_count: Option<i64>,
    current_loan_count: Option<i64>,
    realized_loss: Option<f64>,
    cum_realized_loss: Option<f64>,
}

fn pool_of(conn: &Connection, statement_id: i64) -> Result<Vec<(String, PoolFigures)>, Error> {
    let mut stmt = conn.prepare_cached(
        "SELECT scope, prior_balance, current_balance, prior_loan_count, current_loan_count,
                realized_loss, cum_realized_loss
         FROM pool_summary WHERE statement_id = ?1 ORDER BY scope = 'Total' DESC, scope",
    )?;
    let rows = stmt.query_map([statement_id], |r| {
        Ok((
            r.get(0)?,
            PoolFigures {
                prior_balance: r.get(1)?,
                current_balance: r.get(2)?,
                prior_loan_count: r.get(3)?,
                current_loan_count: r.get(4)?,
                realized_loss: r.get(5)?,
                cum_realized_loss: r.get(6)?,
            },
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Per pool scope (`Total`, each group): the beginning balance and loan count are the previous
/// ending ones, and the cumulative realized loss grew by this month's loss.
fn compare_pool(
    conn: &Connection,
    prior_id: i64,
    current_id: i64,
    rows: &mut Vec<Row>,
) -> Result<(), Error> {
    let ids = (prior_id, current_id);
    let before: HashMap<String, PoolFigures> = pool_of(conn, prior_id)?.into_iter().collect();
    let now = pool_of(conn, current_id)?;
    for (scope, figures) in &now {
        let Some(previous) = before.get(scope) else {
            if figures.prior_balance.is_some_and(|b| b != 0.0) {
                rows.push(missing(Kind::Pool, ids, scope, figures.prior_balance, None));
            }
            continue;
        };
        identity(
            rows,
            ids,
            Kind::Pool,
            scope,
            BALANCE,
            &[previous.current_balance],
            |f| f[0],
            figures.prior_balance,
        );
        // Loan counts are whole numbers: they must agree exactly.
        if let (Some(expected), Some(found)) =
            (previous.current_loan_count, figures.prior_loan_count)
        {
            rows.push(Row {
                statement_id: current_id,
                prior_statement_id: prior_id,
                kind: Kind::Pool,
                scope: scope.clone(),
                name: "prior_loan_count = previous current_loan_count".into(),
                passed: expected == found,
                expected: Some(expected as f64),
                found: Some(found as f64),
                tolerance: 0.0,
                detail: None,
            });
        }
        identity(
            rows,
            ids,
            Kind::Pool,
            scope,
            "cum_realized_loss = previous cum_realized_loss + realized_loss",
            &[previous.cum_realized_loss, figures.realized_loss],
            |f| f[0] + f[1],
            figures.cum_realized_loss,
        );
    }
    for (scope, previous) in &before {
        let printed_now = now.iter().any(|(s, _)| s == scope);
        if !printed_now && previous.current_balance.is_some_and(|b| b != 0.0) {
            rows.push(missing(
                Kind::Pool,
                ids,
                scope,
                None,
                previous.current_balance,
            ));
        }
    }
    Ok(())
}
