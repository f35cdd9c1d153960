//! The command line.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::logging::LogFormat;

/// Builds a research-grade history of asset-backed securities trust performance from SEC EDGAR.
#[derive(Debug, Parser)]
#[command(name = "remit", version, about, long_about = None)]
pub struct Cli {
    /// Configuration file (trusts to follow, User-Agent, rate, paths).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Log format on stderr: `text` for people, `json` for log collectors.
    #[arg(long, global = true, value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
    /// More log detail (-v debug, -vv trace).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Only warnings and errors.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub quiet: u8,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load filings from files or directories into the history.
    Ingest {
        /// Files (EDGAR full submissions or bare documents) and directories of them.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Print a filing's statement as the extractors read it: lines rejoined, page furniture gone.
    Normalize {
        file: PathBuf,
        /// Print instead how many printed figures the extractor stored, and each one it did not
        /// place in any row (report, page, line, figure, the line).
        #[arg(long)]
        unplaced: bool,
    },
    /// Fetch every statement the followed trusts filed, within a date range.
    Backfill {
        /// Filer CIKs to fetch (default: the `[[trust]]` entries of the config).
        #[arg(long = "cik", value_name = "CIK")]
        ciks: Vec<u64>,
        /// First filing date (YYYY-MM-DD).
        #[arg(long)]
        since: Option<String>,
        /// Last filing date (YYYY-MM-DD).
        #[arg(long)]
        until: Option<String>,
        /// Form types to fetch (default from config: 8-K, 8-K/A; add 10-D, 10-D/A for later trusts).
        #[arg(long, value_delimiter = ',')]
        forms: Vec<String>,
        /// Download again even filings already in the raw store.
        #[arg(long)]
        refetch: bool,
        /// How to find filings: each CIK's submissions list, EDGAR's quarterly indexes, or
        /// whichever costs fewer requests (`auto`).
        #[arg(long, value_enum, default_value_t = Discovery::Auto)]
        discover: Discovery,
        #[command(flatten)]
        edgar: EdgarArgs,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Fetch what the followed trusts filed since the last successful run (for cron).
    Nightly {
        /// Treat this date as today (YYYY-MM-DD); for tests and catch-up runs.
        #[arg(long)]
        today: Option<String>,
        #[command(flatten)]
        edgar: EdgarArgs,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Rebuild the statements from the raw store with the current extractors; no network.
    Reparse {
        /// Reparse every filing, not only those an improved extractor must redo.
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Per trust: statements held, first and last distribution date, failures, failed checks,
    /// month-to-month breaks and gaps; last runs.
    Status {
        /// List one trust's failed checks and breaks (trust name, part of it, or filer CIK).
        #[arg(long)]
        trust: Option<String>,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Compare every statement of every trust with the one before it again (balances carried
    /// over, to-date figures grown, no month missing); loading commands do it for the trusts
    /// they touch.
    Continuity {
        #[arg(long, value_name = "FILE")]
        db: Option<PathBuf>,
    },
    /// Run the whole main job offline: a local EDGAR simulator with the bundled sample filings, a
    /// backfill into data/demo.db, a summary and an example query.
    Demo {
        /// Database to build.
        #[arg(long, default_value = crate::commands::DEMO_DB)]
        db: PathBuf,
        /// Made-up months per sample trust, on top of the real bundled statement.
        #[arg(long, default_value_t = 12)]
        months: u32,
    },
    /// Run a read-only SQL query against the history.
    Sql {
        /// The query; it may start with an SQL comment (`-- ...`).
        #[arg(allow_hyphen_values = true)]
        query: String,
        #[arg(long, value_enum, default_value_t = SqlFormat::Table)]
        format: SqlFormat,
        #[arg(long, value_name = "FILE")]
        db: Option<PathBuf>,
    },
    /// Draw a metric of one trust over distribution dates as an SVG line chart.
    Chart {
        /// Trust name (or part of it) or filer CIK.
        #[arg(long)]
        trust: String,
        #[arg(long, value_enum)]
        metric: Metric,
        /// Bond class, for `factor`.
        #[arg(long)]
        class: Option<String>,
        #[arg(long, value_name = "FILE.svg")]
        out: PathBuf,
        #[arg(long, value_name = "FILE")]
        db: Option<PathBuf>,
    },
}

/// Where the history and the raw store live (default from config).
#[derive(Debug, Clone, Args, Default)]
pub struct StoreArgs {
    /// SQLite history (default: config `paths.db`, data/remit.db).
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
    /// Raw store of fetched filings (default: config `paths.raw`, data/raw).
    #[arg(long, value_name = "DIR")]
    pub raw: Option<PathBuf>,
}

/// Overrides of the `[edgar]` config section.
#[derive(Debug, Clone, Args, Default)]
pub struct EdgarArgs {
    /// User-Agent naming you with a contact email (or REMIT_USER_AGENT).
    #[arg(long)]
    pub user_agent: Option<String>,
    /// Base URL of EDGAR's www host (a mirror, or the simulator).
    #[arg(long)]
    pub www_base: Option<String>,
    /// Base URL of EDGAR's data host.
    #[arg(long)]
    pub data_base: Option<String>,
    /// Requests per second (at most 10 against sec.gov).
    #[arg(long)]
    pub rate: Option<u32>,
    /// Seconds without any request after SEC's last refused answer before one probe is sent.
    #[arg(long)]
    pub cooldown_secs: Option<u64>,
    /// Stop the run (exit 5) if SEC's block lasts longer than this many seconds.
    #[arg(long)]
    pub block_limit_secs: Option<u64>,
}

/// How a backfill finds the filings to fetch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Discovery {
    /// Quarterly indexes when the range has fewer quarters than there are CIKs, else submissions.
    Auto,
    /// One submissions list per CIK (plus its older pages).
    Submissions,
    /// One quarterly `master.idx` per quarter in the range, filtered by CIK.
    Index,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SqlFormat {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Metric {
    /// Conditional prepayment rate of the whole pool.
    Cpr,
    /// 60+ day delinquency as a share of the pool balance.
    Dq60,
    /// Cumulative realized loss.
    Loss,
    /// A bond class's factor (current balance / original face); needs --class.
    Factor,
}
