//! Shared test harness: a sample corpus, the simulator on loopback, and the real `remit` binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use remit_edgar_sim::{Corpus, SimConfig, SimHandle};
use remit_samples::{generate, GeneratorConfig};

pub const USER_AGENT: &str = "remit-tests tests@example.org";

/// A scratch directory with a config that follows the given CIKs.
pub struct Workspace {
    pub dir: tempfile::TempDir,
}

impl Workspace {
    /// A workspace with its own request budget (in its own directory), so tests running at the
    /// same time never wait on each other's budget or on a real run's.
    pub fn new(ciks: &[u64]) -> Workspace {
        Workspace::with_edgar(ciks, "")
    }

    /// As `new`, with extra `[edgar]` settings (TOML lines); a `budget_dir` among them replaces
    /// the workspace's own.
    pub fn with_edgar(ciks: &[u64], edgar: &str) -> Workspace {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut config = String::from("[edgar]\n");
        if !edgar.contains("budget_dir") {
            let budget = dir.path().join("budget");
            config.push_str(&format!(
                "budget_dir = {:?}\n",
                budget.display().to_string()
            ));
        }
        // A block nobody expected must not hang a test for SEC's ten minutes: short cool-downs
        // (a test that expects no block asserts that nothing was refused).
        for (key, value) in [
            ("cooldown_secs", "2"),
            ("max_probe_interval_secs", "4"),
            ("block_limit_secs", "30"),
        ] {
            if !edgar.contains(key) {
                config.push_str(&format!("{key} = {value}\n"));
            }
        }
        config.push_str(edgar);
        config.push_str("\n[backfill]\nforms = [\"8-K\", \"8-K/A\"]\n");
        for cik in ciks {
            config.push_str(&format!("[[trust]]\ncik = {cik}\nlabel = \"test {cik}\"\n"));
        }
        std::fs::write(dir.path().join("remit.toml"), config).expect("write config");
        Workspace { dir }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn db(&self) -> PathBuf {
        self.path("remit.db")
    }

    /// Runs `remit` with this workspace's config, db and raw store, pointed at the simulator.
    pub fn remit(&self, sim: Option<&SimHandle>, args: &[&str]) -> Output {
        self.remit_command(sim, args).output().expect("run remit")
    }

    pub fn remit_command(&self, sim: Option<&SimHandle>, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_remit"));
        cmd.current_dir(self.dir.path())
            .env_remove("REMIT_USER_AGENT")
            .env("RUST_LOG", "info")
            .arg("--config")
            .arg(self.path("remit.toml"))
            .args(args);
        let takes_store = matches!(
            args.first(),
            Some(&"backfill" | &"nightly" | &"reparse" | &"status" | &"ingest")
        );
        if takes_store {
            cmd.arg("--db")
                .arg(self.db())
                .arg("--raw")
                .arg(self.path("raw"));
        }
        if let Some(sim) = sim {
            cmd.args([
                "--www-base",
                &sim.www_base(),
                "--data-base",
                &sim.data_base(),
                "--user-agent",
                USER_AGENT,
            ]);
        }
        cmd
    }
}

/// The generated sample corpus: `trusts` made-up trusts of `months` statements each.
pub fn sample_corpus(
    trusts: u32,
    months: u32,
    amendments: u32,
) -> (Corpus, Vec<remit_samples::GeneratedFiling>) {
    let config = GeneratorConfig {
        trusts,
        months,
        first_distribution: chrono::NaiveDate::from_ymd_opt(2002, 3, 25).expect("date"),
        seed: 7,
        amendments,
    };
    let filings: Vec<_> = generate(&config).collect();
    let mut corpus = Corpus::default();
    for filing in &filings {
        corpus.add(filing.text.clone()).expect("add to corpus");
    }
    (corpus, filings)
}

/// The filer CIKs of a generated corpus, each once.
pub fn distinct_ciks(filings: &[remit_samples::GeneratedFiling]) -> Vec<u64> {
    let mut ciks: Vec<u64> = filings.iter().map(|f| f.cik).collect();
    ciks.sort_unstable();
    ciks.dedup();
    ciks
}

pub fn start_sim(corpus: Corpus, config: SimConfig) -> (tokio::runtime::Runtime, SimHandle) {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let handle = runtime
        .block_on(remit_edgar_sim::start(corpus, config))
        .expect("start simulator");
    (runtime, handle)
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn query_i64(db: &Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("open db");
    conn.query_row(sql, [], |r| r.get(0)).expect(sql)
}

/// The database's content by natural keys (no ids, no load times), to compare two runs.
pub fn content_fingerprint(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).expect("open db");
    let queries = [
        "SELECT accession || '|' || cik || '|' || form || '|' || status FROM filings ORDER BY 1",
        "SELECT accession || '|' || trust_name || '|' || distribution_date || '|' || superseded FROM statements ORDER BY 1",
        "SELECT s.accession || '|' || s.trust_name || '|' || b.tier || '|' || b.class || '|' || ifnull(b.current_balance, 'null') \
         FROM bond_classes b JOIN statements s ON s.id = b.statement_id ORDER BY 1",
        "SELECT s.accession || '|' || count(*) || '|' || sum(p.value) FROM pool_values p JOIN statements s ON s.id = p.statement_id GROUP BY s.accession ORDER BY 1",
        "SELECT s.accession || '|' || c.name || '|' || c.passed FROM checks c JOIN statements s ON s.id = c.statement_id ORDER BY 1",
        "SELECT s.accession || '|' || count(*) FROM loan_events l JOIN statements s ON s.id = l.statement_id GROUP BY s.accession ORDER BY 1",
    ];
    let mut out = Vec::new();
    for q in queries {
        let mut stmt = conn.prepare(q).expect(q);
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).expect(q);
        out.extend(rows.map(|r| r.expect("row")));
    }
    out
}
