//! Sample EDGAR filings for remit: the real fixture wrapped as a full submission, and a
//! generator of made-up monthly statements in the same layout.
//!
//! **In:** nothing but a [`GeneratorConfig`] (trusts, months, first distribution date, seed,
//! number of 8-K/A re-filings). **Out:** complete 2002-style EDGAR submissions (PEM wrapper,
//! SGML header, one 8-K document wrapped at 80 columns) as [`GeneratedFiling`]s, streamed one at
//! a time by [`generate`] or written as `{accession}.txt` files by [`write_corpus`].
//!
//! - [`fixture_submission`] / [`fixture_document`]: Impac CMB Trust 2002-1's statement for the
//!   November 25, 2002 distribution (CIK [`FIXTURE_CIK`], accession [`FIXTURE_ACCESSION`]),
//!   the real public text; header values that are reconstructed are listed in
//!   `data/sample/README.md`.
//! - [`stc_submission`] / [`stc_document`]: a made-up "Statement to Certificateholders" (the
//!   layout of Bankers Trust and Chase trusts of the late 1990s) in the variants issuers printed
//!   ([`StcVariant`]: column order, one- to three-line headings, bare zeros, with or without
//!   EDGAR's markup, a text that stops after its class table), its company marked SYNTHETIC.
//! - [`cut_document`] / [`Filings::cut`]: EDGAR's cutting of long lines as a [`Cut`] says: the
//!   fixture's 79 characters a piece (the default), any one width, a random width per piece
//!   within a window, or no cut at all.
//! - [`generate`]: made-up trusts (`Remit Sample Trust 2002-S1`, ...) whose statements copy the
//!   fixture's layout exactly — reports, headings, labels, column positions, page furniture and
//!   EDGAR's wrapping — with consistent arithmetic: roll-forwards, totals, the pool balance
//!   continuing month to month. The first two trusts share one depositor CIK, as real
//!   depositors file for several trusts. Every generated file is marked synthetic in its
//!   header (`COMPANY CONFORMED NAME ... (SYNTHETIC)`, `<DESCRIPTION>`) and on its cover
//!   ([`SYNTHETIC_NOTICE`]).
//! - [`Filings::variants`]: the same months printed as other trusts of the trustee printed
//!   them ([`Variants`]): `(c) COPYRIGHT` footers, pool reports with a TOTAL column only, an
//!   Additional Certificate Report of per-class shortfalls.
//! - [`Filings::tiered`]: the same statements printed as REMIC statements — the Certificate
//!   Payment Report once per tier (`REMIC I`, `REMIC II`, `REMIC III` in the page header), with
//!   interest-only classes (principal balance 0, interest on a notional printed as the interest
//!   detail's `Prior Principal (with Notional) Balance`) and a residual `R` whose token face
//!   has its factors per $1,000 of a notional face. Combines with [`Filings::cut`].
//! - [`generate_with`]: the same corpus with [`Defects`] injected (a restated balance, a dropped
//!   month, a chosen month re-filed as 8-K/A), for tests of what the history must catch.
//!
//! ```
//! use chrono::NaiveDate;
//! use remit_samples::{generate, GeneratorConfig, SYNTHETIC_NOTICE};
//!
//! let cfg = GeneratorConfig {
//!     trusts: 2,
//!     months: 3,
//!     first_distribution: NaiveDate::from_ymd_opt(2002, 3, 25).unwrap(),
//!     seed: 7,
//!     amendments: 1,
//! };
//! let filings: Vec<_> = generate(&cfg).collect();
//! assert_eq!(filings.len(), 7); // 2 trusts x 3 months + 1 re-filing
//! assert_eq!(filings[0].trust_name, "Remit Sample Trust 2002-S1");
//! assert_eq!(filings[0].cik, filings[1].cik); // one depositor, two trusts
//! assert!(filings[0].text.contains("COMPANY CONFORMED NAME:\t\t\tREMIT SAMPLE ASSETS CORP (SYNTHETIC)"));
//! assert!(SYNTHETIC_NOTICE.contains("NOT A REAL FILING"));
//! assert!(remit_samples::fixture_submission().contains("<FILENAME>im020111.txt"));
//! ```

mod error;
mod figures;
mod fixture;
mod format;
mod generator;
mod layout;
mod month;
mod pool;
mod profile;
mod report;
mod speeds;
mod stc;
mod submission;
mod tiers;
mod variants;

pub use error::Error;
pub use fixture::{fixture_document, fixture_submission, FIXTURE_ACCESSION, FIXTURE_CIK};
pub use generator::{
    generate, generate_with, write_corpus, Defects, Filings, GeneratedFiling, GeneratorConfig,
};
pub use layout::{cut_document, Cut};
pub use report::SYNTHETIC_NOTICE;
pub use stc::{
    stc_document, stc_submission, StcVariant, STC_CERTIFICATES, STC_COMPANY, STC_SERIES,
};
pub use variants::Variants;
