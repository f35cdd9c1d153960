//! Writing one statement and every row under it. Called inside the filing's transaction; every
//! SQL statement is prepared once per connection and cached, since this is the hot path of a
//! reparse.

use remit_extract::{BondClass, Statement};
use std::sync::OnceLock;

use rusqlite::{params, Connection};

use crate::dims::Dimensions;
use crate::error::refused;
use crate::Error;

/// Rows per multi-row INSERT of the two largest tables (~500 cells and ~400 checks a statement):
/// one execution then covers many rows, where executing, binding and opening cursors once per
/// row cost about as much as the inserts themselves.
const ROWS_PER_INSERT: usize = 50;

/// A multi-row INSERT's text, built once per process for one row and for [`ROWS_PER_INSERT`].
struct Insert {
    head: &'static str,
    columns: usize,
    one: OnceLock<String>,
    many: OnceLock<String>,
}

impl Insert {
    const fn new(head: &'static str, columns: usize) -> Insert {
        Insert {
            head,
            columns,
            one: OnceLock::new(),
            many: OnceLock::new(),
        }
    }

    fn one(&self) -> &str {
        self.one.get_or_init(|| self.sql(1))
    }

    fn many(&self) -> &str {
        self.many.get_or_init(|| self.sql(ROWS_PER_INSERT))
    }

    fn sql(&self, rows: usize) -> String {
        let row = format!("({})", vec!["?"; self.columns].join(", "));
        format!("{} VALUES {}", self.head, vec![row; rows].join(", "))
    }
}

static POOL_CELLS: Insert = Insert::new(
    "INSERT INTO pool_cells (statement_id, figure_id, occurrence, value, raw)",
    5,
);
static CHECK_RESULTS: Insert = Insert::new(
    "INSERT INTO check_results (statement_id, name_id, passed, expected, actual, detail)",
    6,
);

/// Facts of the filing every statement row repeats.
pub(crate) struct FilingFacts<'a> {
    pub accession: &'a str,
    pub cik: i64,
    pub filed_date: Option<&'a str>,
    pub loaded_at: &'a str,
}

/// Inserts the statement (position `seq` in its filing) and its rows; returns its id.
/// `superseded` starts at 0 and is settled afterwards for the whole trust and date.
pub(crate) fn insert_statement(
    conn: &Connection,
    dims: &mut Dimensions,
    filing: &FilingFacts<'_>,
    seq: usize,
    statement: &Statement,
) -> Result<i64, Error> {
    let header = &statement.header;
    conn.prepare_cached(
        "INSERT INTO statements (accession, seq, cik, trust_name, distribution_date, layout,
             layout_version, superseded, record_date, cutoff_date, closing_date,
             first_payment_date, product, series, filed_date, loaded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?
    .execute(params![
        filing.accession,
        seq as i64,
        filing.cik,
        statement.trust_name,
        statement.distribution_date,
        statement.layout,
        i64::from(statement.layout_version),
        header.record_date,
        header.cutoff_date,
        header.closing_date,
        header.first_payment_date,
        header.product,
        header.series,
        filing.filed_date,
        filing.loaded_at,
    ])
    .map_err(refused("statements", || {
        format!("{} #{seq}", filing.accession)
    }))?;
    let id = conn.last_insert_rowid();

    let mut party = conn.prepare_cached(
        "INSERT INTO parties (statement_id, seq, role, name) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (n, p) in header.parties.iter().enumerate() {
        party.execute(params![id, n as i64 + 1, p.role, p.name])?;
    }
    for class in &statement.classes {
        insert_class(conn, id, class)?;
    }

    for chunk in statement.pool_values.chunks(ROWS_PER_INSERT) {
        let figures = chunk
            .iter()
            .map(|v| dims.figure(conn, &v.report, &v.section, &v.label, &v.col))
            .collect::<Result<Vec<i64>, Error>>()?;
        if chunk.len() == ROWS_PER_INSERT {
            let mut many = conn.prepare_cached(POOL_CELLS.many())?;
            for (n, (v, figure)) in chunk.iter().zip(&figures).enumerate() {
                let at = n * 5;
                many.raw_bind_parameter(at + 1, id)?;
                many.raw_bind_parameter(at + 2, figure)?;
                many.raw_bind_parameter(at + 3, i64::from(v.occurrence))?;
                many.raw_bind_parameter(at + 4, v.value)?;
                many.raw_bind_parameter(at + 5, &v.raw)?;
            }
            // A refused chunk inserted nothing (SQLite undoes the statement): it is retried row
            // by row below, so the refusal names its row.
            if many.raw_execute().is_ok() {
                continue;
            }
        }
        let mut value = conn.prepare_cached(POOL_CELLS.one())?;
        for (v, figure) in chunk.iter().zip(figures) {
            value
                .execute(params![id, figure, i64::from(v.occurrence), v.value, v.raw])
                .map_err(refused("pool_values", || {
                    format!(
                        "({:?}, {:?}, {:?}, {:?}, occurrence {})",
                        v.report, v.section, v.label, v.col, v.occurrence
                    )
                }))?;
        }
    }

    let mut cell = conn.prepare_cached(
        "INSERT INTO delinquency (statement_id, scope, status, bucket, balance, pct_balance,
             loans, pct_loans)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for d in &statement.delinquency {
        cell.execute(params![
            id,
            d.scope,
            d.status,
            d.bucket,
            d.balance,
            d.pct_balance,
            d.loans,
            d.pct_loans
        ])
        .map_err(refused("delinquency", || {
            format!("({:?}, {:?}, {:?})", d.scope, d.status, d.bucket)
        }))?;
    }

    let mut event = conn.prepare_cached(
        "INSERT INTO loan_events (statement_id, kind, loan_number, loan_group, status,
             original_balance, balance, event_date, note_rate, state, ltv, type, original_term,
             origination_date, realized_loss)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    for e in &statement.loan_events {
        event.execute(params![
            id,
            e.kind.as_str(),
            e.loan_number,
            e.loan_group,
            e.status,
            e.original_balance,
            e.balance,
            e.event_date,
            e.note_rate,
            e.state,
            e.ltv,
            e.loan_type,
            e.original_term,
            e.origination_date,
            e.realized_loss
        ])?;
    }

    let mut summary = conn.prepare_cached(
        "INSERT INTO pool_summary (statement_id, scope, prior_balance, current_balance,
             prior_loan_count, current_loan_count, scheduled_principal, unscheduled_principal,
             smm, cpr, cdr, realized_loss, cum_realized_loss, dq60_balance, oc_amount)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    for p in &statement.pool {
        summary
            .execute(params![
                id,
                p.scope,
                p.prior_balance,
                p.current_balance,
                p.prior_loan_count,
                p.current_loan_count,
                p.scheduled_principal,
                p.unscheduled_principal,
                p.smm,
                p.cpr,
                p.cdr,
                p.realized_loss,
                p.cum_realized_loss,
                p.dq60_balance,
                p.oc_amount
            ])
            .map_err(refused("pool_summary", || format!("scope {:?}", p.scope)))?;
    }

    for chunk in statement.checks.chunks(ROWS_PER_INSERT) {
        let names = chunk
            .iter()
            .map(|c| dims.check_name(conn, &c.name))
            .collect::<Result<Vec<i64>, Error>>()?;
        if chunk.len() == ROWS_PER_INSERT {
            let mut many = conn.prepare_cached(CHECK_RESULTS.many())?;
            for (n, (c, name)) in chunk.iter().zip(&names).enumerate() {
                let at = n * 6;
                many.raw_bind_parameter(at + 1, id)?;
                many.raw_bind_parameter(at + 2, name)?;
                many.raw_bind_parameter(at + 3, i64::from(c.passed))?;
                many.raw_bind_parameter(at + 4, c.expected)?;
                many.raw_bind_parameter(at + 5, c.actual)?;
                // Only a failed check needs its arithmetic spelled out; see migration 008.
                many.raw_bind_parameter(at + 6, (!c.passed).then_some(&c.detail))?;
            }
            if many.raw_execute().is_ok() {
                continue;
            }
        }
        let mut check = conn.prepare_cached(CHECK_RESULTS.one())?;
        for (c, name) in chunk.iter().zip(names) {
            check.execute(params![
                id,
                name,
                i64::from(c.passed),
                c.expected,
                c.actual,
                (!c.passed).then_some(&c.detail)
            ])?;
        }
    }

    conn.prepare_cached(
        "INSERT INTO statement_coverage (statement_id, figures_printed, figures_stored)
         VALUES (?1, ?2, ?3)",
    )?
    .execute(params![
        id,
        statement.figures_printed,
        statement.figures_stored
    ])?;
    let mut unplaced = conn.prepare_cached(
        "INSERT INTO unplaced_figures (statement_id, report, page, line, figure, text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for u in &statement.unplaced {
        unplaced.execute(params![id, u.report, u.page, u.line, u.figure, u.text])?;
    }
    Ok(id)
}

fn insert_class(conn: &Connection, statement_id: i64, c: &BondClass) -> Result<(), Error> {
    conn.prepare_cached(
        "INSERT INTO bond_classes (statement_id, tier, class, class_type, original_face,
             prior_balance, interest, principal, total_distribution, realized_loss,
             deferred_interest, current_balance, accrual_start, accrual_end, accrual_method,
             cusip, factor_face, factor_prior_balance, factor_interest, factor_principal,
             factor_total_distribution, factor_current_balance, td_interest,
             td_unscheduled_principal, td_scheduled_principal, td_total_principal,
             td_total_distribution, td_realized_loss, td_deferred_interest, pass_through_rate,
             accrued_interest, non_supported_interest_sf, prior_unpaid_interest,
             unscheduled_interest_adjustments, optimal_interest, paid_or_deferred_interest,
             current_unpaid_interest)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
             ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33,
             ?34, ?35, ?36, ?37)",
    )?
    .execute(params![
        statement_id,
        c.tier,
        c.class,
        c.class_type,
        c.original_face,
        c.prior_balance,
        c.interest,
        c.principal,
        c.total_distribution,
        c.realized_loss,
        c.deferred_interest,
        c.current_balance,
        c.accrual_start,
        c.accrual_end,
        c.accrual_method,
        c.cusip,
        c.factor_face,
        c.factor_prior_balance,
        c.factor_interest,
        c.factor_principal,
        c.factor_total_distribution,
        c.factor_current_balance,
        c.td_interest,
        c.td_unscheduled_principal,
        c.td_scheduled_principal,
        c.td_total_principal,
        c.td_total_distribution,
        c.td_realized_loss,
        c.td_deferred_interest,
        c.pass_through_rate,
        c.accrued_interest,
        c.non_supported_interest_sf,
        c.prior_unpaid_interest,
        c.unscheduled_interest_adjustments,
        c.optimal_interest,
        c.paid_or_deferred_interest,
        c.current_unpaid_interest
    ])
    .map_err(refused("bond_classes", || {
        format!("({:?}, {:?})", c.tier, c.class)
    }))?;
    Ok(())
}
