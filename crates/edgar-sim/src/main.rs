//! `edgar-sim`: serve a directory of EDGAR submissions on 127.0.0.1 until Ctrl-C.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, ValueEnum};
use remit_edgar_sim::{start_on, BlockAnswer, Corpus, ForeignBlock, SimConfig, Threshold};

#[derive(Debug, Clone, Copy, ValueEnum)]
enum BlockAs {
    #[value(name = "403")]
    Forbidden,
    #[value(name = "429")]
    TooMany,
}

/// A loopback EDGAR simulator: EDGAR's URL layout, SEC's fair-access blocks, injected faults.
#[derive(Debug, Parser)]
#[command(name = "edgar-sim", version)]
struct Args {
    /// Directory of full EDGAR submissions (*.txt, searched recursively).
    #[arg(long)]
    corpus: PathBuf,
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Uniform latency range in milliseconds, MIN,MAX.
    #[arg(long, value_parser = parse_latency, default_value = "0,0")]
    latency_ms: (u64, u64),
    /// Share of requests answered 500/502/503.
    #[arg(long, default_value_t = 0.0, value_parser = parse_share)]
    error_rate: f64,
    /// Share of bodies cut short of their Content-Length.
    #[arg(long, default_value_t = 0.0, value_parser = parse_share)]
    truncate_rate: f64,
    /// Share of connections reset without an answer.
    #[arg(long, default_value_t = 0.0, value_parser = parse_share)]
    reset_rate: f64,
    /// Share of requests answered 429 with `Retry-After: 1`.
    #[arg(long, default_value_t = 0.0, value_parser = parse_share)]
    retry_after_rate: f64,
    /// Spread every body over this many milliseconds.
    #[arg(long)]
    slow_body_ms: Option<u64>,
    /// How the rate-threshold block answers.
    #[arg(long, value_enum, default_value = "403")]
    block_as: BlockAs,
    /// Quiet time before a rate-threshold block lifts.
    #[arg(long, default_value_t = 600)]
    lockout_secs: u64,
    /// Requests allowed in any one-second window (0 turns the threshold off).
    #[arg(long, default_value_t = 10)]
    limit: u32,
    /// Delay each arrival by a uniform 0..=N milliseconds (an uneven network path).
    #[arg(long, default_value_t = 0)]
    arrival_jitter_ms: u64,
    /// Block every client from the K-th request on, as another client on this address would.
    #[arg(long, value_name = "K")]
    foreign_block_at: Option<u64>,
    /// How long that block lasts after the last request asked during it.
    #[arg(long, default_value_t = 600)]
    foreign_block_secs: u64,
    /// From the K-th request on, answer every request "Undeclared Automated Tool".
    #[arg(long, value_name = "K")]
    undeclared_from: Option<u64>,
    /// Accessions answered 503 on every request (repeatable).
    #[arg(long = "fail-accession", value_name = "ACCESSION")]
    failing: Vec<String>,
    /// Filings per CIK in the submissions `recent` arrays before paging.
    #[arg(long, default_value_t = 1000)]
    recent_limit: usize,
    /// Seed of the fault RNG.
    #[arg(long, default_value_t = 0)]
    seed: u64,
}

fn parse_latency(text: &str) -> Result<(u64, u64), String> {
    let (min, max) = text
        .split_once(',')
        .ok_or_else(|| format!("expected MIN,MAX milliseconds, got {text:?}"))?;
    let min: u64 = min.trim().parse().map_err(|e| format!("MIN: {e}"))?;
    let max: u64 = max.trim().parse().map_err(|e| format!("MAX: {e}"))?;
    if min > max {
        return Err(format!("MIN {min} is above MAX {max}"));
    }
    Ok((min, max))
}

/// A share of requests: a number from 0 to 1.
fn parse_share(text: &str) -> Result<f64, String> {
    let share: f64 = text.trim().parse().map_err(|e| format!("{e}"))?;
    if (0.0..=1.0).contains(&share) {
        Ok(share)
    } else {
        Err(format!("{share} is not a share between 0 and 1"))
    }
}

fn config(args: &Args) -> SimConfig {
    let threshold = (args.limit > 0).then(|| Threshold {
        limit_per_sec: args.limit,
        lockout: Duration::from_secs(args.lockout_secs),
        answer: match args.block_as {
            BlockAs::Forbidden => BlockAnswer::Forbidden403,
            BlockAs::TooMany => BlockAnswer::TooMany429,
        },
    });
    SimConfig {
        latency: (
            Duration::from_millis(args.latency_ms.0),
            Duration::from_millis(args.latency_ms.1),
        ),
        error_rate: args.error_rate,
        truncate_rate: args.truncate_rate,
        reset_rate: args.reset_rate,
        retry_after_rate: args.retry_after_rate,
        slow_body: args.slow_body_ms.map(Duration::from_millis),
        threshold,
        arrival_jitter: Duration::from_millis(args.arrival_jitter_ms),
        foreign_block: args.foreign_block_at.map(|at_request| ForeignBlock {
            at_request,
            lasts: Duration::from_secs(args.foreign_block_secs),
        }),
        undeclared_from_request: args.undeclared_from,
        failing_accessions: args.failing.clone(),
        recent_limit: args.recent_limit,
        seed: args.seed,
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    let corpus = match Corpus::from_dir(&args.corpus) {
        Ok(corpus) => corpus,
        Err(error) => {
            eprintln!("edgar-sim: {error}");
            return ExitCode::FAILURE;
        }
    };
    let filings = corpus.len();
    let sim = match start_on(corpus, config(&args), args.port).await {
        Ok(sim) => sim,
        Err(error) => {
            eprintln!("edgar-sim: {error}");
            return ExitCode::FAILURE;
        }
    };
    // The address on stdout, alone on its line, so a script or test can read it.
    println!("{}", sim.www_base());
    tracing::info!(filings, addr = %sim.addr(), "serving; Ctrl-C to stop");
    if let Err(error) = tokio::signal::ctrl_c().await {
        tracing::error!(%error, "cannot wait for Ctrl-C");
    }
    sim.shutdown().await;
    ExitCode::SUCCESS
}
