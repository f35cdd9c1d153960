//! `config/remit.toml`: the trusts to follow, EDGAR's addresses, the User-Agent, rate and paths.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Deserialize;

/// The file remit reads when `--config` is not given.
pub const DEFAULT_CONFIG: &str = "config/remit.toml";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub edgar: EdgarConfig,
    #[serde(default)]
    pub paths: PathsConfig,
    #[serde(default)]
    pub backfill: BackfillConfig,
    #[serde(default, rename = "trust")]
    pub trusts: Vec<TrustConfig>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EdgarConfig {
    pub user_agent: String,
    pub www_base: String,
    pub data_base: String,
    pub max_requests_per_second: u32,
    pub concurrency: usize,
    /// Network allowance per second of the rate, in ms (see `ClientConfig::jitter_allowance`).
    pub jitter_allowance_ms: u64,
    /// Directory of the request budget shared by every remit run; default per user.
    pub budget_dir: Option<PathBuf>,
    pub cooldown_secs: u64,
    /// Longest wait between two probes while SEC keeps refusing.
    pub max_probe_interval_secs: u64,
    /// A block lasting longer than this stops the run (exit 5).
    pub block_limit_secs: u64,
    pub max_retries: u32,
    pub timeout_secs: u64,
    /// Runs that try a failed filing again before it is given up (kept in `remit status`).
    pub max_filing_attempts: u32,
}

impl Default for EdgarConfig {
    fn default() -> Self {
        EdgarConfig {
            user_agent: String::new(),
            www_base: "https://www.sec.gov".into(),
            data_base: "https://data.sec.gov".into(),
            max_requests_per_second: 10,
            concurrency: 6,
            jitter_allowance_ms: 50,
            budget_dir: None,
            cooldown_secs: 600,
            max_probe_interval_secs: 1800,
            block_limit_secs: 3600,
            max_retries: 6,
            timeout_secs: 60,
            max_filing_attempts: 5,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PathsConfig {
    pub db: PathBuf,
    pub raw: PathBuf,
}

impl Default for PathsConfig {
    fn default() -> Self {
        PathsConfig {
            db: "data/remit.db".into(),
            raw: "data/raw".into(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BackfillConfig {
    pub forms: Vec<String>,
    pub since: Option<String>,
}

impl Default for BackfillConfig {
    fn default() -> Self {
        BackfillConfig {
            forms: vec!["8-K".into(), "8-K/A".into()],
            since: None,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrustConfig {
    pub cik: u64,
    #[serde(default)]
    pub label: String,
}

impl Config {
    /// Reads the config file; a missing default file is not an error (built-in defaults apply),
    /// a missing file named on the command line is.
    pub fn load(path: Option<&Path>) -> Result<Config> {
        let (path, required) = match path {
            Some(p) => (p.to_path_buf(), true),
            None => (PathBuf::from(DEFAULT_CONFIG), false),
        };
        let mut config = match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str::<Config>(&text)
                .with_context(|| format!("reading config {}", path.display()))?,
            Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => Config::default(),
            Err(e) => return Err(e).with_context(|| format!("reading config {}", path.display())),
        };
        if let Ok(agent) = std::env::var("REMIT_USER_AGENT") {
            if !agent.trim().is_empty() {
                config.edgar.user_agent = agent;
            }
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_config_parses_with_its_trusts() {
        let text = include_str!("../../../config/remit.toml");
        let config: Config = toml::from_str(text).unwrap();
        assert_eq!(config.edgar.max_requests_per_second, 10);
        assert_eq!(config.trusts[0].cik, 1017447);
        assert_eq!(config.backfill.forms, vec!["8-K", "8-K/A"]);
        assert_eq!(config.paths.db, PathBuf::from("data/remit.db"));
    }
}
