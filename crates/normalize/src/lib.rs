//! Normalize: EDGAR filing bytes in, the trustee's statement out.
//!
//! What comes in is a filing as EDGAR serves it: a full submission (PEM wrapper, `<SEC-HEADER>`,
//! `<DOCUMENT>` blocks, text or HTML) or a bare document. What goes out is the monthly statement
//! as the trustee printed it, ready for the extractors: lines rejoined where the filer agent cut
//! them at EDGAR's 80 columns, page furniture (footers, copyright, repeated page headers, blank
//! notices, captions of dropped charts, EDGAR's `<PAGE>`/`<TABLE>`/`<S>`/`<C>` markup) stripped,
//! EDGAR's `- ` escape of a leading `-` undone, and the text split into reports whose lines keep
//! their column positions and know the page and line they came from. Page headers are found by
//! the `<Report> for <date> Distribution` line where a statement prints one, else by repetition:
//! the block of lines standing at the top of most pages.
//!
//! * [`parse_submission`] reads a filing into a [`Submission`]: its [`SubmissionHeader`] and its
//!   [`Document`]s (HTML converted to text). [`statement_documents`] picks the documents that may
//!   hold the statement, by `<TYPE>`.
//! * [`unwrap_lines`] rejoins `>`-continued lines; [`normalize_document`] does that and the rest,
//!   returning a [`CleanStatement`]: the preamble (8-K cover), the page-header facts (trust name,
//!   distribution date) and the [`Report`]s, each a title, a REMIC tier if printed, and [`Line`]s.
//!   Its `Display` is the text `remit normalize FILE` prints.
//!
//! ```
//! use remit_normalize::{normalize_document, parse_submission, statement_documents};
//!
//! let filing = "\
//!     Impac CMB Trust   2002-1
//!     Collateralized Asset-Backed Bonds
//!     Series 2002-1
//!     Collateral Report for November 25, 2002 Distribution
//! Current Balance                            439506706.9
//!                                    Page 8 of 24
//!     Impac CMB Trust   2002-1
//!     Collateralized Asset-Backed Bonds
//!     Series 2002-1
//!     Delinquency Report for November 25, 2002 Distribution
//! SPACE INTENTIONALLY LEFT BLANK
//!                                    Page 9 of 24
//! ";
//! let submission = parse_submission(filing.as_bytes())?;
//! let document = statement_documents(&submission)[0];
//! let statement = normalize_document(&document.text);
//! assert_eq!(statement.trust_name.as_deref(), Some("Impac CMB Trust 2002-1"));
//! assert_eq!(statement.distribution_date.as_deref(), Some("November 25, 2002"));
//! let collateral = &statement.reports[0];
//! assert_eq!(collateral.title, "Collateral Report");
//! assert_eq!((collateral.lines[0].page, collateral.lines[0].line), (8, 5));
//! assert!(statement.reports[1].lines.is_empty());
//! # Ok::<(), remit_normalize::Error>(())
//! ```

mod ascii;
mod columns;
mod context;
mod error;
mod furniture;
mod html;
mod pages;
mod rejoin;
mod repeated;
mod runs;
mod statement;
mod submission;
mod tokens;
mod trade;
mod unwrap;

pub use error::Error;
pub use pages::normalize_document;
pub use statement::{CleanStatement, Line, Report};
pub use submission::{
    parse_submission, statement_documents, Document, Submission, SubmissionHeader,
};
pub use unwrap::{unwrap_lines, MAX_WRAP_WIDTH};
