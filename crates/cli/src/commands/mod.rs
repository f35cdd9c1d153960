//! One module per subcommand; `dispatch` picks it.

mod backfill;
mod chart;
mod continuity;
mod demo;
mod ingest;
mod locate;
mod network;
mod nightly;
mod normalize;
mod pending;
mod reparse;
mod sql;
mod status;
mod summary;

use anyhow::Result;

use crate::cli::{Cli, Command};
use crate::config::Config;
use crate::exit;

pub use locate::DEMO_DB;
pub use reparse::{reparse_files, LOAD_BATCH};
pub use summary::{settle_continuity, LoadTally};

pub fn dispatch(cli: Cli) -> Result<i32> {
    let config = Config::load(cli.config.as_deref())?;
    match cli.command {
        Command::Ingest { paths, store } => ingest::run(&config, &paths, &store),
        Command::Normalize { file, unplaced } => normalize::run(&file, unplaced),
        Command::Backfill {
            ciks,
            since,
            until,
            forms,
            refetch,
            discover,
            edgar,
            store,
        } => {
            let options = backfill::Options {
                ciks,
                since,
                until,
                forms,
                refetch,
                discover,
            };
            backfill::run(&config, &options, &edgar, &store)
        }
        Command::Nightly {
            today,
            edgar,
            store,
        } => nightly::run(&config, today.as_deref(), &edgar, &store),
        Command::Reparse { all, store } => reparse::run(&config, all, &store),
        Command::Status { trust, store } => status::run(
            &locate::history_to_read(store.db.as_deref(), &config)?,
            trust.as_deref(),
            config.edgar.max_filing_attempts,
        ),
        Command::Continuity { db } => {
            continuity::run(&locate::history_to_read(db.as_deref(), &config)?)
        }
        Command::Demo { db, months } => demo::run(&config, &db, months),
        Command::Sql { query, format, db } => sql::run(
            &locate::history_to_read(db.as_deref(), &config)?,
            &query,
            format,
        ),
        Command::Chart {
            trust,
            metric,
            class,
            out,
            db,
        } => chart::run(
            &locate::history_to_read(db.as_deref(), &config)?,
            &trust,
            metric,
            class.as_deref(),
            &out,
        ),
    }
}

/// Maps a fatal error to the exit code a cron wrapper can act on.
pub fn exit_code_for(error: &anyhow::Error) -> i32 {
    for cause in error.chain() {
        if let Some(e) = cause.downcast_ref::<remit_fetch::Error>() {
            if e.is_lock_held() {
                return exit::LOCKED;
            }
            if e.is_network() {
                return exit::NETWORK;
            }
        }
    }
    exit::ERROR
}
