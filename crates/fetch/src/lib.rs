//! Fetch: CIKs, days and quarters in; EDGAR full submissions on disk out — at SEC's rate limit
//! and never over it.
//!
//! What comes in: a [`ClientConfig`] (a User-Agent with a contact email, the `www` and `data`
//! hosts — sec.gov, a mirror or the simulator —, the rate, the cool-down after a block). What
//! goes out: [`FilingRef`]s found through the submissions API ([`Edgar::submissions`]) or
//! EDGAR's `master.idx` files ([`Edgar::daily_index`], [`Edgar::quarterly_index`]), and the
//! bytes of each full submission ([`Edgar::fetch_submission`]), checked to be one, which the
//! caller writes to a [`RawStore`].
//!
//! - [`Edgar`]: the client. One request budget, shared through a file by every remit process of
//!   the user ([`default_budget_dir`], or `ClientConfig::budget_dir`), keeps any N+1 requests at
//!   least `1 s + jitter allowance` apart (N = 10 against sec.gov) while several are in flight;
//!   5xx, timeouts, resets, truncated bodies and HTML error pages sent with 200 are retried with
//!   backoff and jitter; SEC's rate-threshold answer stops every request, then one probe after the
//!   cool-down, doubling back-off while refused, full speed after a probe succeeds, and
//!   [`Error::Blocked`] past the block limit; SEC's "Undeclared Automated Tool" answer is fatal;
//!   redirects are never followed ([`Error::Redirect`]); other 403/404s are [`Error::Permanent`].
//! - [`FetchStats`]: its counters (requests, retries by cause, blocks, bytes), at any time.
//! - [`FilingRef`] and [`filter`]: a listed filing; keep some forms and a date range.
//! - [`RawStore`]: `{root}/{cik}/{accession}.txt`, atomic writes returning the sha256.
//! - [`NetworkLock`]: one network command per data directory at a time.
//! - [`Error`]: everything that can fail, with `is_permanent` / `is_fatal` / `is_blocked`.
//!
//! ```
//! use remit_edgar_sim::{start, Corpus, SimConfig};
//! use remit_fetch::{filter, ClientConfig, Edgar, RawStore};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let mut corpus = Corpus::new();
//! corpus.add(
//!     "<SEC-DOCUMENT>0001020242-02-000466.txt : 20021213\n<SEC-HEADER>\n\
//!      ACCESSION NUMBER:\t\t0001020242-02-000466\nCONFORMED SUBMISSION TYPE:\t8-K\n\
//!      FILED AS OF DATE:\t\t20021213\nFILER:\n\tCOMPANY DATA:\n\
//!      \t\tCOMPANY CONFORMED NAME:\t\t\tIMH ASSETS CORP\n\t\tCENTRAL INDEX KEY:\t\t\t0001017447\n\
//!      </SEC-HEADER>\n<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<FILENAME>im020111.txt\n<TEXT>\n\
//!      statement\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
//!         .to_string(),
//! )?;
//! let sim = start(corpus, SimConfig::default()).await?;
//!
//! let budget = tempfile::tempdir()?;
//! let edgar = Edgar::new(ClientConfig {
//!     user_agent: "Sample Research sample@example.org".to_string(),
//!     www_base: sim.www_base(),
//!     data_base: sim.data_base(),
//!     budget_dir: Some(budget.path().to_path_buf()),
//!     ..ClientConfig::default()
//! })?;
//! let listed = edgar.submissions(1017447).await?;
//! let eight_ks = filter(listed, &["8-K".to_string()], None, None);
//! assert_eq!(eight_ks.len(), 1);
//!
//! let raw = RawStore::new(tempfile::tempdir()?.path());
//! for filing in &eight_ks {
//!     let body = edgar.fetch_submission(filing).await?;
//!     let sha256 = raw.put(filing.cik, &filing.accession, &body)?;
//!     assert_eq!(sha256.len(), 64);
//! }
//! assert!(raw.contains(1017447, "0001020242-02-000466"));
//! assert_eq!(edgar.stats().requests, 2);
//! sim.shutdown().await;
//! # Ok(())
//! # }
//! ```

mod answer;
mod budget;
mod client;
mod config;
mod discovery;
mod error;
mod filing;
mod index;
mod lock;
mod pace;
mod stats;
mod store;
mod submissions;

pub use budget::default_budget_dir;
pub use client::Edgar;
pub use config::{ClientConfig, SEC_MAX_REQUESTS_PER_SECOND};
pub use error::Error;
pub use filing::{filter, is_accession, FilingRef};
pub use lock::NetworkLock;
pub use stats::{FetchStats, RetryCounts};
pub use store::{read_stored, RawStore, StoredFilings, MAX_EXPANDED_BYTES};
