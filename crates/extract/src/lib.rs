//! Extract: a normalized statement in, typed rows and checks out.
//!
//! What comes in is a [`CleanStatement`] from `remit-normalize`: the trustee's reports, each a
//! title, a REMIC tier where printed, and lines that keep the trustee's column positions. What
//! goes out is a [`Statement`]: the header facts ([`StatementHeader`] with [`Party`] roles), the
//! Certificate Payment Report's classes ([`BondClass`]), every other labelled figure in long
//! format ([`PoolValue`]), the delinquency table ([`DelinquencyCell`]), loan-level rows
//! ([`LoanEvent`]) and the statement's own arithmetic checked ([`Check`]). A failed check is
//! data; only a filing with no statement at all is an [`Error`].
//!
//! Layouts sit in a [`Registry`]: each [`Layout`] recognises statements by their report titles
//! and headings and reads them; `db-remittance-2002` reads the Deutsche Bank trustee statement,
//! `statement-to-certificateholders` the Bankers Trust / Chase "Statement to Certificateholders",
//! and a statement no layout recognises is read by `unknown`: its class tables (found by their
//! headings) into classes, every other labelled figure into `pool_values`. Every layout fills the
//! typed [`PoolSummary`] from its own labels. What layouts share (labelled sections, class
//! tables, totals, factor, delinquency and roll-forward checks) sits at the crate root. Columns are found
//! from the header words' character positions, never by counting tokens, so blank cells stay
//! NULL and a column or two of drift is tolerated.
//!
//! ```
//! use remit_extract::extract;
//! use remit_normalize::normalize_document;
//!
//! let text = "\
//!     Impac CMB Trust   2002-1
//!     Collateralized Asset-Backed Bonds
//!     Series 2002-1
//!     Certificate Payment Report for November 25, 2002 Distribution
//!                Distribution in Dollars - Current Period
//!                               Prior                         Current
//!                Class          Principal                     Principal
//! Class          Type           Balance        Principal      Balance
//!                               (1)            (2)            (3)=(1)-(2)
//! A              FLT               420966165.6    8404241.802    412561923.8
//!                                    Page 2 of 4
//!     Impac CMB Trust   2002-1
//!     Collateralized Asset-Backed Bonds
//!     Series 2002-1
//!     Collection Account Report for November 25, 2002 Distribution
//! SUMMARY                                   ADJUSTABLE     FIXED          TOTAL
//!                Interest Fees              (226,361.13)   (1,274.83)     (227,635.96)
//!                                    Page 3 of 4
//!     Impac CMB Trust   2002-1
//!     Collateralized Asset-Backed Bonds
//!     Series 2002-1
//!     Collateral Report for November 25, 2002 Distribution
//! COLLATERAL                                ADJUSTABLE     FIXED          TOTAL
//!                Loan Count:
//!                Prior                           1814            130           1944
//!                Full Voluntary Prepayments       -29             -5            -34
//!                Current                         1785            125           1910
//!                                    Page 4 of 4
//! ";
//! let statement = extract(&normalize_document(text))?;
//! assert_eq!(statement.layout, "db-remittance-2002");
//! assert_eq!(statement.distribution_date.as_deref(), Some("2002-11-25"));
//! assert_eq!(statement.classes[0].current_balance, Some(412561923.8));
//! let fees = statement
//!     .pool_values
//!     .iter()
//!     .find(|v| v.label == "Interest Fees" && v.col == "FIXED")
//!     .unwrap();
//! assert_eq!((fees.value, fees.raw.as_str()), (Some(-1274.83), "(1,274.83)"));
//! // Each column of the loan count rolls forward: Current = Prior + movements.
//! let roll = statement
//!     .checks
//!     .iter()
//!     .find(|c| c.name.ends_with("Loan Count: Current = Prior + movements [TOTAL]"))
//!     .unwrap();
//! assert!(roll.passed);
//! assert_eq!((roll.expected, roll.actual), (1910.0, 1910.0));
//! # Ok::<(), remit_extract::Error>(())
//! ```

mod alignment;
mod checks;
mod class_table;
mod columns;
mod coverage;
mod crowded;
mod delinquency;
mod factors;
mod formulas;
mod grid;
mod layouts;
mod misprints;
mod registry;
mod sections;
mod sink;
mod summary;
mod totals;
mod types;
mod value;

pub use registry::{extract, Layout, Registry};
pub use remit_normalize::CleanStatement;
pub use types::{
    BondClass, Check, DelinquencyCell, Error, LoanEvent, LoanEventKind, Party, PoolSummary,
    PoolValue, Statement, StatementHeader, Unplaced,
};
