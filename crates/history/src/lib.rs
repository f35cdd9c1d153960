//! History: extracted statements in, the SQLite history of `docs/schema.md` out.
//!
//! What comes in: a [`FilingRecord`] (accession, CIK, form, filed date, source, sha256 of the
//! raw bytes) and the [`FilingOutcome`] of reading it: the [`remit_extract::Statement`]s found,
//! or why there were none. What goes out: rows in the contract's tables (`filings`,
//! `statements`, `bond_classes`, `pool_values`, `delinquency`, `loan_events`, `checks`), in
//! remit's own (`parties`, `runs`), and the research views `class_history`, `pool_history` and
//! `delinquency_history` (see `docs/history.md`).
//!
//! - [`History`] owns one SQLite connection (bundled SQLite, WAL, foreign keys on, a busy
//!   timeout). [`History::open`] creates and migrates; [`History::open_read_only`] only reads.
//! - [`History::load`] writes one filing in one transaction: the filing row, its statements with
//!   every row under them (replacing what an earlier load of the same accession left), then
//!   supersession: of the statements naming the same trust and distribution date, only the one
//!   from the latest filing has `superseded = 0`. Loading the same bytes read by the same
//!   extractor versions again writes nothing ([`LoadReport::unchanged`]), so ids stay stable.
//! - [`History::refresh_continuity`] compares each current statement of the trusts loaded since
//!   the last refresh with the statement before it (balances carried over, to-date figures
//!   grown, no month missing or listed twice) into the `continuity` table and the
//!   `continuity_history` view; [`History::recheck_continuity`] does it for every trust, and
//!   [`History::continuity`] reads the comparisons back.
//! - [`History::filing`] and [`History::needs_load`] let callers skip work;
//!   [`History::counts`], [`History::check_totals`], [`History::trust_status`] and
//!   [`History::trust_quality`] summarise, [`History::failed_checks`] lists;
//!   [`History::begin_run`], [`History::finish_run`] and [`History::last_watermark`] keep the
//!   record of command runs a nightly job continues from; [`History::queue_failure`],
//!   [`History::queue_done`] and [`History::queued`] keep the filings a run could not fetch or
//!   load, to be tried again by the next.
//!
//! ```
//! use remit_extract::{BondClass, Statement};
//! use remit_history::{FilingOutcome, FilingRecord, History};
//!
//! let mut history = History::open_in_memory()?;
//! let record = FilingRecord {
//!     accession: "0001020242-02-000466".into(),
//!     cik: 1017447,
//!     form: "8-K".into(),
//!     filed_date: Some("2002-12-06".into()),
//!     source: "im020111.txt".into(),
//!     sha256: "ab12".into(),
//! };
//! let statement = Statement {
//!     trust_name: "Impac CMB Trust 2002-1".into(),
//!     distribution_date: Some("2002-11-25".into()),
//!     layout: "db-remittance-2002".into(),
//!     layout_version: 1,
//!     classes: vec![BondClass {
//!         class: "A".into(),
//!         original_face: Some(470_000_000.0),
//!         current_balance: Some(412_561_923.80),
//!         ..BondClass::default()
//!     }],
//!     ..Statement::default()
//! };
//! let outcome = FilingOutcome::Parsed(vec![statement]);
//! let report = history.load(&record, &outcome)?;
//! assert_eq!(report.statement_ids.len(), 1);
//! assert_eq!(history.counts()?.bond_classes, 1);
//!
//! // Loading the same filing again changes nothing.
//! assert!(history.load(&record, &outcome)?.unchanged);
//!
//! let factor: f64 = history.connection().query_row(
//!     "SELECT factor FROM class_history WHERE class = 'A'",
//!     [],
//!     |row| row.get(0),
//! )?;
//! assert!((factor - 0.8777913272).abs() < 1e-10);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod continuity;
mod dims;
mod error;
mod history;
mod load;
mod quality;
mod queue;
mod read;
mod rows;
mod runs;
mod schema;
mod types;

pub use continuity::{Comparison, ContinuityReport};
pub use error::Error;
pub use history::History;
pub use quality::{ContinuityTotals, FailedCheck, TrustQuality};
/// The SQLite binding [`History::connection`] hands out, re-exported so callers use the same version.
pub use rusqlite;
pub use schema::SCHEMA_VERSION;
pub use types::{
    FilingOutcome, FilingRecord, FilingRow, FilingStatus, LoadReport, QueuedFiling, RunRow,
    TableCounts, TrustStatus, NO_STATEMENT_TRUST,
};
