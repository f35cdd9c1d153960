//! How the client is set up, and the checks that keep it within SEC's fair-access rules.

use std::num::NonZeroU32;
use std::path::PathBuf;
use std::time::Duration;

use reqwest::header::HeaderValue;
use reqwest::Url;

use crate::error::Error;

/// SEC's ceiling: at most 10 requests per second per client, however many processes or machines.
pub const SEC_MAX_REQUESTS_PER_SECOND: u32 = 10;

/// Everything the client needs; `Default` points at sec.gov with SEC's limits and no User-Agent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientConfig {
    /// A name and a contact email, e.g. `Sample Research sample@example.org`.
    pub user_agent: String,
    /// The `www.sec.gov` host (Archives: submissions and indexes), or a mirror / the simulator.
    pub www_base: String,
    /// The `data.sec.gov` host (the submissions API).
    pub data_base: String,
    /// Requests in any sliding second; never above 10 against a `*.sec.gov` host.
    pub max_requests_per_second: u32,
    /// Requests in flight at once, so the rate is reached when each answer takes 100-300 ms.
    pub concurrency: usize,
    /// Network allowance added to every second of the rate: any N+1 requests leave at least
    /// `1 s + jitter_allowance` apart, so an uneven delay of up to this much on the way cannot
    /// bring N+1 into one second where SEC counts them. Each 10 ms costs about 1 % of throughput.
    pub jitter_allowance: Duration,
    /// Where the request budget shared by every remit process of this user lives; `None` is the
    /// per-user default (`$XDG_RUNTIME_DIR/remit`, else `~/.cache/remit`). Point several users
    /// or machines behind one address at one shared directory to share one budget.
    pub budget_dir: Option<PathBuf>,
    /// Quiet time after SEC's last refused answer before one probe request is sent.
    pub cooldown: Duration,
    /// Longest wait between two probes while SEC keeps refusing (the wait doubles up to this).
    pub max_probe_interval: Duration,
    /// A block lasting longer than this stops the run with [`Error::Blocked`].
    pub block_limit: Duration,
    /// Retries of one URL after 5xx, timeouts, resets and truncated or wrong bodies.
    pub max_retries: u32,
    /// Bound on one whole request, body included.
    pub timeout: Duration,
    /// Bound on one body.
    pub max_body_bytes: u64,
}

impl Default for ClientConfig {
    fn default() -> ClientConfig {
        ClientConfig {
            user_agent: String::new(),
            www_base: "https://www.sec.gov".to_string(),
            data_base: "https://data.sec.gov".to_string(),
            max_requests_per_second: SEC_MAX_REQUESTS_PER_SECOND,
            concurrency: 6,
            jitter_allowance: Duration::from_millis(50),
            budget_dir: None,
            cooldown: Duration::from_secs(600),
            max_probe_interval: Duration::from_secs(1800),
            block_limit: Duration::from_secs(3600),
            max_retries: 6,
            timeout: Duration::from_secs(60),
            max_body_bytes: 64 * 1024 * 1024,
        }
    }
}

/// A configuration that passed every check, in the forms the client uses.
#[derive(Debug, Clone)]
pub(crate) struct Checked {
    pub user_agent: HeaderValue,
    /// Without a trailing `/`.
    pub www_base: String,
    pub data_base: String,
    pub rate: NonZeroU32,
    pub concurrency: usize,
}

impl ClientConfig {
    pub(crate) fn check(&self) -> Result<Checked, Error> {
        let user_agent = self.user_agent.trim();
        if !declares_contact(user_agent) {
            return Err(Error::UserAgent {
                user_agent: self.user_agent.clone(),
            });
        }
        let header = HeaderValue::from_str(user_agent).map_err(|_| Error::UserAgent {
            user_agent: self.user_agent.clone(),
        })?;
        let www_base = base_url("www_base", &self.www_base)?;
        let data_base = base_url("data_base", &self.data_base)?;
        let rate = NonZeroU32::new(self.max_requests_per_second).ok_or_else(|| {
            Error::Config("max_requests_per_second must be at least 1".to_string())
        })?;
        let sec = [&www_base, &data_base].iter().any(|base| is_sec_host(base));
        if sec && rate.get() > SEC_MAX_REQUESTS_PER_SECOND {
            return Err(Error::Config(format!(
                "max_requests_per_second is {rate}, but SEC allows at most \
                 {SEC_MAX_REQUESTS_PER_SECOND} requests per second per client"
            )));
        }
        if self.concurrency == 0 {
            return Err(Error::Config("concurrency must be at least 1".to_string()));
        }
        Ok(Checked {
            user_agent: header,
            www_base,
            data_base,
            rate,
            concurrency: self.concurrency,
        })
    }
}

/// SEC asks for a name and a contact email: one word that is an address, and one that is not.
pub(crate) fn declares_contact(user_agent: &str) -> bool {
    let words: Vec<&str> = user_agent
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| "<>()[],;\"'".contains(c)))
        .filter(|w| !w.is_empty())
        .collect();
    let has_email = words.iter().any(|w| is_email(w));
    let has_name = words
        .iter()
        .any(|w| !is_email(w) && w.chars().any(char::is_alphabetic));
    has_email && has_name
}

fn is_email(word: &str) -> bool {
    let Some((local, domain)) = word.split_once('@') else {
        return false;
    };
    let labels: Vec<&str> = domain.split('.').collect();
    !local.is_empty()
        && !domain.contains('@')
        && labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty())
        && labels
            .last()
            .is_some_and(|tld| tld.chars().all(char::is_alphabetic))
}

fn base_url(field: &str, text: &str) -> Result<String, Error> {
    let trimmed = text.trim().trim_end_matches('/');
    let url = Url::parse(trimmed)
        .map_err(|e| Error::Config(format!("{field} {text:?} is not a URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(Error::Config(format!(
            "{field} {text:?} must be an http(s) URL with a host"
        )));
    }
    // sec.gov answers plain HTTP with a redirect to HTTPS: a request the limiter would not see.
    if url.scheme() == "http" && is_sec_host(trimmed) {
        let upgraded = format!("https{}", trimmed.get(4..).unwrap_or_default());
        tracing::warn!("{field} {text:?} upgraded to {upgraded}: sec.gov is only asked over HTTPS");
        return Ok(upgraded);
    }
    Ok(trimmed.to_string())
}

fn is_sec_host(base: &str) -> bool {
    Url::parse(base)
        .ok()
        .and_then(|url| url.host_str().map(|h| h.to_ascii_lowercase()))
        .is_some_and(|host| host == "sec.gov" || host.ends_with(".sec.gov"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(user_agent: &str) -> ClientConfig {
        ClientConfig {
            user_agent: user_agent.to_string(),
            ..ClientConfig::default()
        }
    }

    #[test]
    fn user_agent_needs_a_name_and_an_email() {
        assert!(declares_contact("Sample Research sample@example.org"));
        assert!(declares_contact("Sample Research <sample@example.org>"));
        assert!(!declares_contact("sample@example.org"));
        assert!(!declares_contact("Sample Research"));
        assert!(!declares_contact("Sample Research sample@localhost"));
        assert!(!declares_contact(
            "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"
        ));
        assert!(!declares_contact(""));
    }

    #[test]
    fn refusal_says_what_sec_requires() {
        let error = config("Sample Research").check().map(|_| ()).unwrap_err();
        let message = error.to_string();
        assert!(message.contains("name and a contact email"), "{message}");
        assert!(
            message.contains("Sample Research sample@example.org"),
            "{message}"
        );
    }

    #[test]
    fn rate_above_ten_refused_only_against_sec() {
        let mut fast = config("Sample Research sample@example.org");
        fast.max_requests_per_second = 11;
        let message = fast.check().map(|_| ()).unwrap_err().to_string();
        assert!(message.contains("at most 10"), "{message}");
        fast.data_base = "http://127.0.0.1:9000".to_string();
        assert!(fast.check().is_err(), "the www host is still sec.gov");
        fast.www_base = "http://127.0.0.1:9000/".to_string();
        let checked = fast.check().map_err(|e| e.to_string());
        assert_eq!(
            checked.map(|c| (c.rate.get(), c.www_base)).ok(),
            Some((11, "http://127.0.0.1:9000".to_string()))
        );
    }

    #[test]
    fn zero_rate_and_bad_base_refused() {
        let mut zero = config("Sample Research sample@example.org");
        zero.max_requests_per_second = 0;
        assert!(zero.check().is_err());
        let mut bad = config("Sample Research sample@example.org");
        bad.www_base = "ftp://www.sec.gov".to_string();
        assert!(bad.check().is_err());
    }

    #[test]
    fn plain_http_to_sec_gov_is_upgraded_before_any_request() {
        let mut plain = config("Sample Research sample@example.org");
        plain.www_base = "http://www.sec.gov/".to_string();
        plain.data_base = "HTTP://data.sec.gov".to_string();
        let checked = plain.check().map_err(|e| e.to_string());
        assert_eq!(
            checked.map(|c| (c.www_base, c.data_base)).ok(),
            Some((
                "https://www.sec.gov".to_string(),
                "https://data.sec.gov".to_string()
            ))
        );
        // Anything else keeps its scheme (the simulator speaks plain HTTP on loopback).
        plain.www_base = "http://127.0.0.1:9000".to_string();
        assert_eq!(
            plain.check().map(|c| c.www_base).ok(),
            Some("http://127.0.0.1:9000".to_string())
        );
    }
}
