//! What goes into the history and what comes back out of it, apart from SQL rows.

use std::fmt;

use remit_extract::Statement;

/// One EDGAR submission as the caller knows it: where it came from and what its bytes hash to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilingRecord {
    /// `0001234567-02-001234`.
    pub accession: String,
    /// Filer CIK, no leading zeros.
    pub cik: u64,
    /// `8-K`, `8-K/A`, `10-D`, ...
    pub form: String,
    /// ISO date filed; orders amendments when superseding.
    pub filed_date: Option<String>,
    /// URL or local path the bytes came from.
    pub source: String,
    /// Lower-case hex sha256 of the raw bytes; empty when the bytes were never obtained.
    pub sha256: String,
}

/// What reading a filing produced.
#[derive(Debug, Clone, PartialEq)]
pub enum FilingOutcome {
    /// One or more monthly statements.
    Parsed(Vec<Statement>),
    /// The filing was read but holds no monthly statement (why).
    NoStatement(String),
    /// The filing could not be fetched or read (why).
    Failed(String),
}

impl FilingOutcome {
    pub fn status(&self) -> FilingStatus {
        match self {
            FilingOutcome::Parsed(_) => FilingStatus::Parsed,
            FilingOutcome::NoStatement(_) => FilingStatus::NoStatement,
            FilingOutcome::Failed(_) => FilingStatus::Failed,
        }
    }

    /// The text kept in `filings.error`: the reason for `failed` and `no_statement`.
    pub(crate) fn reason(&self) -> Option<&str> {
        match self {
            FilingOutcome::Parsed(_) => None,
            FilingOutcome::NoStatement(why) | FilingOutcome::Failed(why) => Some(why),
        }
    }

    pub(crate) fn statements(&self) -> &[Statement] {
        match self {
            FilingOutcome::Parsed(statements) => statements,
            _ => &[],
        }
    }
}

/// `filings.status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilingStatus {
    Fetched,
    Parsed,
    NoStatement,
    Failed,
}

impl FilingStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            FilingStatus::Fetched => "fetched",
            FilingStatus::Parsed => "parsed",
            FilingStatus::NoStatement => "no_statement",
            FilingStatus::Failed => "failed",
        }
    }

    /// The status of its text in `filings.status`; `None` for anything else.
    pub fn parse(text: &str) -> Option<FilingStatus> {
        [
            FilingStatus::Fetched,
            FilingStatus::Parsed,
            FilingStatus::NoStatement,
            FilingStatus::Failed,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

impl fmt::Display for FilingStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A filing as the history holds it, so a caller can decide whether to redo it.
#[derive(Debug, Clone, PartialEq)]
pub struct FilingRow {
    pub accession: String,
    pub cik: u64,
    pub form: String,
    pub filed_date: Option<String>,
    pub source: String,
    /// `None` when the bytes were never obtained.
    pub sha256: Option<String>,
    pub status: FilingStatus,
    pub error: Option<String>,
    /// (layout, layout version) of each statement held for it, in filing order.
    pub layouts: Vec<(String, u32)>,
}

/// What one `load` did.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadReport {
    pub accession: String,
    /// The filing's status after the load.
    pub status: FilingStatus,
    /// Nothing was written: the history already held this filing from the same bytes, read by
    /// the same extractors (or the caller had no bytes and the history keeps what it has).
    pub unchanged: bool,
    /// Ids of the filing's statements, in filing order (the existing ones when unchanged).
    pub statement_ids: Vec<i64>,
    /// Earlier rows of this filing deleted and replaced (a reparse).
    pub replaced: usize,
    /// How many of this filing's statements a later filing supersedes.
    pub superseded: usize,
    /// Set when the history refused the extracted rows (e.g. a duplicate key): the filing was
    /// then recorded as `failed` with this reason.
    pub refused: Option<String>,
}

/// Rows per table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TableCounts {
    pub filings: u64,
    pub statements: u64,
    /// Of `statements`, those superseded by a later filing.
    pub superseded: u64,
    pub parties: u64,
    pub bond_classes: u64,
    pub pool_values: u64,
    pub delinquency: u64,
    pub loan_events: u64,
    pub checks: u64,
}

impl fmt::Display for TableCounts {
    /// One line, ending in a newline, for command summaries.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "rows: filings {}, statements {} ({} superseded), parties {}, bond_classes {}, \
             pool_values {}, delinquency {}, loan_events {}, checks {}",
            self.filings,
            self.statements,
            self.superseded,
            self.parties,
            self.bond_classes,
            self.pool_values,
            self.delinquency,
            self.loan_events,
            self.checks
        )
    }
}

/// One trust's coverage, for `remit status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustStatus {
    /// As the statements print it; [`NO_STATEMENT_TRUST`] for a CIK that has failed filings
    /// but no statement yet, so its failures still show.
    pub trust_name: String,
    pub cik: u64,
    /// Distribution dates held (superseded statements not counted).
    pub statements: u64,
    pub first_distribution: Option<String>,
    pub last_distribution: Option<String>,
    /// Failed filings of the trust's CIK (a CIK can file for several trusts).
    pub failures: u64,
}

/// The `trust_name` of a [`TrustStatus`] row for a CIK with failures and no statement.
pub const NO_STATEMENT_TRUST: &str = "(no statement loaded)";

/// One command run, from the `runs` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunRow {
    pub id: i64,
    pub command: String,
    pub started_at: String,
    /// `None` while running, or when the run was killed.
    pub finished_at: Option<String>,
    /// `running` until finished, then what the command said (`ok`, `partial`, `failed`).
    pub status: String,
    pub watermark: Option<String>,
    pub summary: Option<String>,
}

/// A filing waiting in `fetch_queue` to be tried again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedFiling {
    pub accession: String,
    pub cik: u64,
    pub form: String,
    pub filed_date: Option<String>,
    /// Runs that tried it and failed.
    pub attempts: u32,
    pub last_error: String,
    pub last_failed_at: String,
}
