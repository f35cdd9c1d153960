//! One module per subcommand; `dispatch` picks it.

mod ingest;
mod normalize;
mod summary;

use anyhow::Result;

use crate::cli::{Cli, Command};
use crate::config::Config;
use crate::exit;

pub use summary::LoadTally;

pub fn dispatch(cli: Cli) -> Result<i32> {
    let config = Config::load(cli.config.as_deref())?;
    match cli.command {
        Command::Ingest { paths, store } => ingest::run(&config, &paths, &store),
        Command::Normalize { file } => normalize::run(&file),
        _ => anyhow::bail!("this command is not available in this build yet"),
    }
}

/// Maps a fatal error to the exit code a cron wrapper can act on.
pub fn exit_code_for(_error: &anyhow::Error) -> i32 {
    exit::ERROR
}
