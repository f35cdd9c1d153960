//! `remit demo`: the whole main job, offline. A local EDGAR simulator serves the bundled real
//! statement plus made-up months derived from it; a backfill fetches them within SEC's fair-access
//! rules into `data/demo.db`; then a summary and an example query.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use remit_edgar_sim::{Corpus, SimConfig};
use remit_samples::{fixture_submission, generate_with, Defects, GeneratorConfig};

use super::backfill::{backfill, today, Request};
use super::network::Paths;
use crate::cli::EdgarArgs;
use crate::config::{Config, TrustConfig};

/// The query the demo ends with: the pool's month-by-month performance.
pub const EXAMPLE_QUERY: &str = "SELECT trust_name, distribution_date, \
round(pool_balance, 2) AS pool_balance, loan_count, round(cpr, 4) AS cpr, round(dq60_pct, 4) AS dq60 \
FROM pool_history ORDER BY trust_name, distribution_date LIMIT 8";

/// Two defects in the made-up months, so the month-to-month comparisons have something to find:
/// the first sample trust's eighth statement (2002-10-25 by default) prints class A's balances
/// $25,000 off, and the second trust's tenth month (2002-12-25) is never filed.
fn demo_defects() -> Defects {
    Defects {
        restated: vec![(0, 7, 25_000.0)],
        dropped: vec![(1, 9)],
        amended: Vec::new(),
    }
}

const DEFECTS_NOTE: &str = "the made-up months include two defects for remit to find: \
Remit Sample Trust 2002-S1's eighth statement restates class A's balances by $25,000, and \
Remit Sample Trust 2002-S2's tenth month is never filed";

pub fn run(config: &Config, db: &Path, months: u32) -> Result<i32> {
    let raw = db.with_extension("raw");
    // A demo starts from nothing so it always shows the same thing.
    for stale in [
        db.to_path_buf(),
        db.with_extension("db-wal"),
        db.with_extension("db-shm"),
    ] {
        let _ = std::fs::remove_file(stale);
    }
    let _ = std::fs::remove_dir_all(&raw);

    let mut corpus = Corpus::default();
    corpus
        .add(fixture_submission().to_string())
        .context("adding the bundled sample filing")?;
    let generator = GeneratorConfig {
        trusts: 2,
        months,
        first_distribution: NaiveDate::from_ymd_opt(2002, 3, 25).context("date")?,
        seed: 1,
        amendments: 1,
    };
    let mut ciks = BTreeSet::from([remit_samples::FIXTURE_CIK]);
    for filing in generate_with(&generator, demo_defects()) {
        ciks.insert(filing.cik);
        corpus
            .add(filing.text)
            .context("adding a generated filing")?;
    }
    println!(
        "remit demo: a local EDGAR simulator serves {} filings (1 real, the rest made up from it) for CIKs {}",
        corpus.len(),
        ciks.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")
    );
    println!("{DEFECTS_NOTE}");

    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    let code = runtime.block_on(async {
        let sim_config = SimConfig {
            latency: (Duration::from_millis(20), Duration::from_millis(120)),
            ..SimConfig::default()
        };
        let sim = remit_edgar_sim::start(corpus, sim_config)
            .await
            .context("starting the EDGAR simulator")?;
        println!(
            "simulator on {}; backfilling at up to 10 requests/s ...",
            sim.www_base()
        );
        let mut demo_config = config.clone();
        demo_config.trusts = ciks
            .iter()
            .map(|&cik| TrustConfig {
                cik,
                label: String::new(),
            })
            .collect();
        let args = EdgarArgs {
            user_agent: Some("remit demo demo@example.org".into()),
            www_base: Some(sim.www_base()),
            data_base: Some(sim.data_base()),
            rate: Some(10),
            cooldown_secs: Some(5),
            block_limit_secs: None,
        };
        let paths = Paths {
            db: db.to_path_buf(),
            raw: raw.clone(),
        };
        let request = Request {
            ciks: ciks.iter().copied().collect(),
            since: NaiveDate::from_ymd_opt(2002, 1, 1).context("date")?,
            until: today(),
            forms: vec!["8-K".into(), "8-K/A".into()],
            refetch: false,
            discover: crate::cli::Discovery::Submissions,
        };
        let code = backfill(&demo_config, &args, &paths, &request).await?;
        println!(
            "simulator saw {} requests, at most {} in any one second",
            sim.requests().len(),
            sim.max_in_window(Duration::from_secs(1))
        );
        sim.shutdown().await;
        anyhow::Ok(code)
    })?;

    println!(
        "\nexample query (remit sql --db {} \"...\"):\n{EXAMPLE_QUERY}\n",
        db.display()
    );
    let conn = super::sql::open_read_only(db)?;
    let (columns, rows) = super::sql::query_rows(&conn, EXAMPLE_QUERY)?;
    super::sql::write_table(&mut std::io::stdout().lock(), &columns, &rows)?;
    println!("\nnext, try:");
    for command in next_commands(config, db) {
        println!("  {command}");
    }
    Ok(code)
}

/// The trust the next commands look at: a made-up one, so it has a year of months.
const NEXT_TRUST: &str = "Remit Sample Trust 2002-S1";

/// The commands a newcomer types next, exactly as they will work from this directory: without
/// `--db` when the read commands will find this history by themselves.
pub fn next_commands(config: &Config, db: &Path) -> [String; 3] {
    let db_arg = if super::locate::reads_by_default(db, config) {
        String::new()
    } else {
        format!(" --db {}", shell_word(&db.display().to_string()))
    };
    [
        format!("remit status{db_arg}"),
        format!(
            "remit sql{db_arg} \"SELECT distribution_date, round(cpr, 4) AS cpr, \
             round(dq60_pct, 4) AS dq60 FROM pool_history WHERE trust_name = '{NEXT_TRUST}' \
             ORDER BY distribution_date\""
        ),
        format!("remit chart{db_arg} --trust \"{NEXT_TRUST}\" --metric cpr --out cpr.svg"),
    ]
}

/// A path as one shell word: quoted only when it needs to be.
fn shell_word(text: &str) -> String {
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+:@".contains(c))
    {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_commands_name_the_history_only_when_a_bare_command_would_miss_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::default();
        config.paths.db = dir.path().join("remit.db");
        let bare = next_commands(&config, Path::new(super::super::DEMO_DB));
        assert_eq!(bare[0], "remit status");
        assert!(bare[1].starts_with("remit sql \"SELECT "), "{}", bare[1]);
        assert_eq!(
            bare[2],
            "remit chart --trust \"Remit Sample Trust 2002-S1\" --metric cpr --out cpr.svg"
        );

        // Another demo path, or a configured history that a bare command would read instead.
        let elsewhere = next_commands(&config, Path::new("my demo/demo.db"));
        assert_eq!(elsewhere[0], "remit status --db 'my demo/demo.db'");
        std::fs::write(&config.paths.db, b"").unwrap();
        let shadowed = next_commands(&config, Path::new(super::super::DEMO_DB));
        assert!(
            shadowed.iter().all(|c| c.contains(" --db data/demo.db")),
            "{shadowed:?}"
        );
    }
}
