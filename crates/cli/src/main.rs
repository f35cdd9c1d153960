//! `remit`: builds a history of ABS trust performance from SEC EDGAR. See README.md.

use clap::Parser;

fn main() {
    let cli = remit_cli::Cli::parse();
    std::process::exit(remit_cli::run(cli));
}
