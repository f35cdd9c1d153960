//! `remit`: builds a history of ABS trust performance from SEC EDGAR. See README.md.

use clap::Parser;

include!("allocator.rs");

fn main() {
    tune_allocator();
    let cli = remit_cli::Cli::parse();
    let code = remit_cli::run(cli);
    // A hidden hook for `cargo bench --bench figures`, which measures the real binary's memory:
    // the kernel's high-water mark is the only honest peak, and only the process itself can read it
    // once all its work is done.
    if std::env::var_os("REMIT_REPORT_PEAK_RSS").is_some() {
        if let Some(kb) = remit_cli::peak_rss_kb() {
            eprintln!("peak_rss_kb={kb}");
        }
    }
    std::process::exit(code);
}
