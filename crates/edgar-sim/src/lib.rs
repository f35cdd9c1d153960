//! A loopback EDGAR simulator: a directory of full EDGAR submissions in, EDGAR's URL layout on
//! `127.0.0.1` out — with SEC's fair-access rules and injected network faults — so that the
//! fetcher can be tested, benchmarked and demonstrated without contacting sec.gov.
//!
//! What it serves (one server stands in for both `www.sec.gov` and `data.sec.gov`):
//! - `/submissions/CIK##########.json` (newest first; beyond [`SimConfig::recent_limit`] filings,
//!   `filings.files` names `CIK##########-submissions-001.json`, ... pages of the same arrays);
//! - `/Archives/edgar/data/{cik}/{accession}.txt` and, in the folder
//!   `/Archives/edgar/data/{cik}/{accession without dashes}/`: `{accession}.txt`,
//!   `{accession}-index.htm` (the `tableFile` documents table), `{accession}-index-headers.html`,
//!   `index.json`, and each document by its `<FILENAME>`;
//! - `/Archives/edgar/full-index/{YYYY}/QTR{n}/{master,form}.idx` and
//!   `/Archives/edgar/daily-index/{YYYY}/QTR{n}/{master,form}.{YYYYMMDD}.idx`; a business day with
//!   no filings has a header-only daily index; future days and quarters are 404.
//!
//! How it behaves like SEC: a request without a User-Agent, or with a browser's that names no
//! contact email, gets the 403 "Undeclared Automated Tool" page. More than
//! [`Threshold::limit_per_sec`] requests from one peer address in any sliding second block that
//! client for [`Threshold::lockout`]: every request then gets the page titled
//! `SEC.gov | Request Rate Threshold Exceeded` (403, or 429 per [`BlockAnswer`], never a
//! `Retry-After`), and each request during the block restarts the lockout, so the block lifts only
//! after a full lockout of quiet. Like SEC's own page, the threshold page's heading also reads "Your
//! Request Originates from an Undeclared Automated Tool": tell the two apart by the `<title>`.
//! Faults ([`SimConfig`]) hit only requests that pass those checks. It can also stand in for what
//! a real path and a real address bring: an uneven arrival delay ([`SimConfig::arrival_jitter`],
//! windows counted on arrival), a block begun by another client on the same address at the K-th
//! request ([`ForeignBlock`]), an "Undeclared Automated Tool" answer from the K-th request on,
//! and a permanent 503 for chosen filings ([`SimHandle::fail_filing`]).
//!
//! Transport: a small hand-written HTTP/1.1 layer (keep-alive, `GET`/`HEAD`) on a tokio
//! `TcpListener`, not axum. axum/hyper own the connection and always finish or cleanly abort
//! what they send, so they cannot declare a `Content-Length` and then send fewer bytes and close,
//! nor drop a connection without any answer (here: an RST) — the two faults the fetcher most
//! needs to survive. The routes themselves are plain functions from path to reply.
//!
//! Public types: [`Corpus`] (the filings), [`SimConfig`] / [`Threshold`] / [`BlockAnswer`]
//! (behaviour), [`start`] / [`start_on`] -> [`SimHandle`] (the running server, its request log
//! of [`RequestRecord`]s with any injected [`Fault`], and `max_in_window`), [`Error`].
//!
//! ```
//! use remit_edgar_sim::{start, Corpus, SimConfig};
//! use tokio::io::{AsyncReadExt, AsyncWriteExt};
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
//! let mut stream = tokio::net::TcpStream::connect(sim.addr()).await?;
//! stream
//!     .write_all(
//!         b"GET /Archives/edgar/full-index/2002/QTR4/master.idx HTTP/1.1\r\n\
//!           User-Agent: Sample Research sample@example.org\r\nConnection: close\r\n\r\n",
//!     )
//!     .await?;
//! let mut answer = String::new();
//! stream.read_to_string(&mut answer).await?;
//! assert!(answer.starts_with("HTTP/1.1 200 OK"));
//! assert!(answer.contains(
//!     "1017447|IMH ASSETS CORP|8-K|2002-12-13|edgar/data/1017447/0001020242-02-000466.txt"
//! ));
//! assert_eq!(sim.requests().len(), 1);
//! sim.shutdown().await;
//! # Ok(())
//! # }
//! ```

mod config;
mod corpus;
mod error;
mod fair_access;
mod faults;
mod folder_json;
mod http;
mod indexes;
mod pages;
mod reply;
mod request_log;
mod routes;
mod server;
mod submission;
mod submissions_api;

pub use config::{BlockAnswer, ForeignBlock, SimConfig, Threshold};
pub use corpus::Corpus;
pub use error::Error;
pub use request_log::{Fault, RequestRecord};
pub use server::{start, start_on, SimHandle};
