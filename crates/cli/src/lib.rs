//! The `remit` command: what a user types in, exit codes a cron wrapper can act on out.
//!
//! The binary is a thin shell over this library so integration tests and benchmarks drive the same
//! code: [`Cli`] is the command line, [`run`] carries it out and returns the process exit code
//! ([`exit`] lists them), and [`parse_filing`] is the local pipeline (normalize -> extract) that every
//! command shares.
//!
//! ```no_run
//! use clap::Parser;
//! let cli = remit_cli::Cli::parse_from(["remit", "ingest", "data/fixtures/im020111.txt", "--db", "/tmp/r.db"]);
//! let code = remit_cli::run(cli);
//! assert_eq!(code, remit_cli::exit::OK);
//! ```

mod cli;
mod commands;
mod config;
mod logging;
mod pipeline;

pub use cli::{Cli, Command};
pub use commands::{reparse_files, LoadTally, LOAD_BATCH};
pub use config::Config;
pub use pipeline::{parse_filing, sha256_hex, KnownFacts, ParsedFiling};

/// Process exit codes. Stable: cron wrappers and scripts act on them.
pub mod exit {
    /// Everything asked for was done.
    pub const OK: i32 = 0;
    /// A fatal error (configuration, database, usage); nothing or only part was done.
    pub const ERROR: i32 = 1;
    /// Command-line usage error (from the argument parser).
    pub const USAGE: i32 = 2;
    /// The run finished, but some filings failed to fetch or parse (they are recorded as `failed`).
    pub const SOME_FAILED: i32 = 3;
    /// Another remit run holds the lock (a nightly already running, or a backfill using the network).
    pub const LOCKED: i32 = 4;
    /// SEC blocked the client or the network kept failing; the run stopped early and can be resumed.
    pub const NETWORK: i32 = 5;
}

/// Carries out a parsed command line and returns the exit code; errors are printed to stderr with
/// the context a user needs to act on them.
pub fn run(cli: Cli) -> i32 {
    logging::init(cli.log_format, cli.verbose as i8 - cli.quiet as i8);
    match commands::dispatch(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            commands::exit_code_for(&error)
        }
    }
}

/// The process's peak resident memory (`VmHWM` from /proc/self/status), in kB; `None` where
/// the kernel does not say (not Linux). The kernel's high-water mark is the only honest peak: the
/// binary reports it for the figures bench (`REMIT_REPORT_PEAK_RSS`), and `reparse_cost` for
/// its stages.
pub fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}
