//! The rows one statement yields: the crate's contract with `remit-history`.

/// Why a statement could not be read at all (a statement that reads with failed checks is not an error).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no monthly statement found: {0}")]
    NoStatement(String),
    /// The statement prints a distribution date and rows of figures, but its layout read no
    /// table from them: a reading fault to be kept and reparsed, not a document of another kind.
    #[error(
        "layout {layout} read no table, though the statement prints {rows} lines of three or more figures ({figures} figures)"
    )]
    NoTableRead {
        layout: &'static str,
        rows: usize,
        figures: usize,
    },
    #[error("page {page}, line {line}: {message}")]
    Malformed {
        page: u32,
        line: u32,
        message: String,
    },
}

/// A party named in the statement header, with its role as printed.
#[derive(Debug, Clone, PartialEq)]
pub struct Party {
    /// `Seller`, `Certificate Insurer`, `Master Servicer`, `Sub-Servicer`, `Co-Lead Underwriter`, ...
    pub role: String,
    pub name: String,
}

/// Statement header facts. Dates are ISO `YYYY-MM-DD`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StatementHeader {
    pub record_date: Option<String>,
    pub cutoff_date: Option<String>,
    pub closing_date: Option<String>,
    pub first_payment_date: Option<String>,
    /// Page-header lines after the trust name (product line, series).
    pub product: Option<String>,
    pub series: Option<String>,
    pub parties: Vec<Party>,
}

/// One class of one tier of the Certificate Payment Report. `None` = not printed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BondClass {
    pub tier: String,
    pub class: String,
    pub class_type: Option<String>,
    pub original_face: Option<f64>,
    pub prior_balance: Option<f64>,
    pub interest: Option<f64>,
    pub principal: Option<f64>,
    pub total_distribution: Option<f64>,
    pub realized_loss: Option<f64>,
    pub deferred_interest: Option<f64>,
    pub current_balance: Option<f64>,
    pub accrual_start: Option<String>,
    pub accrual_end: Option<String>,
    pub accrual_method: Option<String>,
    pub cusip: Option<String>,
    pub factor_face: Option<f64>,
    pub factor_prior_balance: Option<f64>,
    pub factor_interest: Option<f64>,
    pub factor_principal: Option<f64>,
    pub factor_total_distribution: Option<f64>,
    pub factor_current_balance: Option<f64>,
    pub td_interest: Option<f64>,
    pub td_unscheduled_principal: Option<f64>,
    pub td_scheduled_principal: Option<f64>,
    pub td_total_principal: Option<f64>,
    pub td_total_distribution: Option<f64>,
    pub td_realized_loss: Option<f64>,
    pub td_deferred_interest: Option<f64>,
    pub pass_through_rate: Option<f64>,
    pub accrued_interest: Option<f64>,
    pub non_supported_interest_sf: Option<f64>,
    pub prior_unpaid_interest: Option<f64>,
    pub unscheduled_interest_adjustments: Option<f64>,
    pub optimal_interest: Option<f64>,
    pub paid_or_deferred_interest: Option<f64>,
    pub current_unpaid_interest: Option<f64>,
    /// An interest-only class's notional amount: the interest detail's `Prior Principal (with
    /// Notional) Balance` where the class's principal balance is printed 0. It is what the
    /// class's interest and factors are computed on; the history keeps it in `pool_values`
    /// (its table, label the class, column as printed).
    pub notional_balance: Option<f64>,
}

/// Every other labelled figure, long format (see `pool_values` in the schema).
#[derive(Debug, Clone, PartialEq)]
pub struct PoolValue {
    pub report: String,
    pub section: String,
    pub label: String,
    pub col: String,
    pub occurrence: u32,
    pub value: Option<f64>,
    pub raw: String,
}

/// One cell of a delinquency table: scope x status x bucket.
#[derive(Debug, Clone, PartialEq)]
pub struct DelinquencyCell {
    pub scope: String,
    pub status: String,
    pub bucket: String,
    pub balance: Option<f64>,
    pub pct_balance: Option<f64>,
    pub loans: Option<i64>,
    pub pct_loans: Option<f64>,
}

/// Which detail report a loan row came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoanEventKind {
    Prepaid,
    Reo,
    Liquidated,
}

impl LoanEventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LoanEventKind::Prepaid => "prepaid",
            LoanEventKind::Reo => "reo",
            LoanEventKind::Liquidated => "liquidated",
        }
    }
}

/// One loan-level row of the Prepayment Detail, REO or Realized Loss Detail report.
#[derive(Debug, Clone, PartialEq)]
pub struct LoanEvent {
    pub kind: LoanEventKind,
    pub loan_number: String,
    pub loan_group: Option<String>,
    pub status: Option<String>,
    pub original_balance: Option<f64>,
    pub balance: Option<f64>,
    pub event_date: Option<String>,
    pub note_rate: Option<f64>,
    pub state: Option<String>,
    pub ltv: Option<f64>,
    pub loan_type: Option<String>,
    pub original_term: Option<i64>,
    pub origination_date: Option<String>,
    pub realized_loss: Option<f64>,
}

/// One identity of the statement's own arithmetic, and whether the printed figures satisfy it.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub name: String,
    pub passed: bool,
    pub expected: f64,
    pub actual: f64,
    /// The arithmetic spelled out (`... vs ... = ...; difference ..., tolerance ...`) or why the
    /// check could not be evaluated; empty for a check that passed, whose figures say it all.
    pub detail: String,
}

/// The pool figures an analyst charts, typed, for one scope: the whole pool (`Total`) or one
/// group as printed. Each layout fills it from its own labels, so the research views read the
/// same columns whoever the trustee. `None` = not printed (nor computable from what is printed).
/// Rates are fractions; principal amounts are positive amounts paid down.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PoolSummary {
    /// `Total` for the whole pool, else the group as printed (`ADJUSTABLE`, `GROUP I`, ...).
    pub scope: String,
    pub prior_balance: Option<f64>,
    pub current_balance: Option<f64>,
    pub prior_loan_count: Option<i64>,
    pub current_loan_count: Option<i64>,
    pub scheduled_principal: Option<f64>,
    /// Prepayments in full and in part, repurchases and liquidations: every paydown but the scheduled one.
    pub unscheduled_principal: Option<f64>,
    pub smm: Option<f64>,
    pub cpr: Option<f64>,
    pub cdr: Option<f64>,
    pub realized_loss: Option<f64>,
    pub cum_realized_loss: Option<f64>,
    /// Balance of loans 60 days or more past due (two payments or more), in any status.
    pub dq60_balance: Option<f64>,
    pub oc_amount: Option<f64>,
}

impl PoolSummary {
    /// The scope of the whole pool.
    pub const TOTAL: &'static str = "Total";

    /// Whether any figure is known.
    pub fn is_empty(&self) -> bool {
        let PoolSummary {
            scope: _,
            prior_balance,
            current_balance,
            prior_loan_count,
            current_loan_count,
            scheduled_principal,
            unscheduled_principal,
            smm,
            cpr,
            cdr,
            realized_loss,
            cum_realized_loss,
            dq60_balance,
            oc_amount,
        } = self;
        [
            prior_balance,
            current_balance,
            scheduled_principal,
            unscheduled_principal,
            smm,
            cpr,
            cdr,
            realized_loss,
            cum_realized_loss,
            dq60_balance,
            oc_amount,
        ]
        .iter()
        .all(|v| v.is_none())
            && prior_loan_count.is_none()
            && current_loan_count.is_none()
    }
}

/// Everything read from one monthly statement.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Statement {
    pub trust_name: String,
    /// ISO date.
    pub distribution_date: Option<String>,
    /// Which extractor read it (`db-remittance-2002`, or `unknown`).
    pub layout: String,
    /// That extractor's version, so a reparse knows what an improved extractor must redo.
    pub layout_version: u32,
    pub header: StatementHeader,
    pub classes: Vec<BondClass>,
    pub pool_values: Vec<PoolValue>,
    pub delinquency: Vec<DelinquencyCell>,
    pub loan_events: Vec<LoanEvent>,
    /// The pool summary per scope printed; a `Total` first whenever the statement has pool figures.
    pub pool: Vec<PoolSummary>,
    pub checks: Vec<Check>,
    /// Things the extractor noticed but could not place (logged, not stored as rows).
    pub warnings: Vec<String>,
    /// Figures printed on the lines the extractor saw (dates and column numbers aside).
    pub figures_printed: u32,
    /// Of those, how many a row of this statement holds.
    pub figures_stored: u32,
    /// The printed figures no row holds, in reading order.
    pub unplaced: Vec<Unplaced>,
}

/// A printed figure no row of its statement holds: where it was printed and the line around it.
#[derive(Debug, Clone, PartialEq)]
pub struct Unplaced {
    pub report: String,
    pub page: u32,
    pub line: u32,
    /// The figure as printed.
    pub figure: String,
    /// Its line, blanks collapsed.
    pub text: String,
}
