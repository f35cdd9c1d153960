//! The EDGAR client: every request goes through one [`Pace`], is retried on what the network
//! does, and is checked before its body is handed over.

use std::time::Duration;

use bytes::{Bytes, BytesMut};
use reqwest::header::{
    HeaderMap, HeaderValue, ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_LENGTH, RETRY_AFTER,
};

use crate::answer::{classify, retry_after, Resource, Verdict};
use crate::budget::{budget_key, default_budget_dir, unix_micros, Budget};
use crate::config::{Checked, ClientConfig};
use crate::error::Error;
use crate::pace::{limit, BlockPolicy, Pace};
use crate::stats::{Cause, Counters, FetchStats};

/// How much of an error page is read to classify it.
const ERROR_PAGE_BYTES: u64 = 64 * 1024;
/// First retry waits about this long; each further retry doubles it.
const BACKOFF_BASE: Duration = Duration::from_millis(250);
const BACKOFF_CAP: Duration = Duration::from_secs(30);

/// A rate-limited EDGAR client. Share it (`Arc<Edgar>`) between tasks: its limiter, its pause
/// after a block and its counters are those of the whole client.
#[derive(Debug)]
pub struct Edgar {
    http: reqwest::Client,
    pace: Pace,
    counters: Counters,
    checked: Checked,
    user_agent: String,
    max_retries: u32,
    max_body_bytes: u64,
}

/// How one attempt went.
enum Attempt {
    Done(Bytes),
    Retry {
        cause: Cause,
        detail: String,
        after: Option<Duration>,
    },
    Blocked,
    Fail(Error),
}

impl Edgar {
    /// Checks the configuration (a User-Agent with a contact email, SEC's rate), opens the
    /// shared request budget and builds the client. Creating it sends nothing.
    pub fn new(config: ClientConfig) -> Result<Edgar, Error> {
        let checked = config.check()?;
        let budget_dir = config.budget_dir.clone().unwrap_or_else(default_budget_dir);
        let budget = Budget::with_limit(
            &budget_dir,
            &budget_key(&checked.www_base),
            limit(checked.rate, config.jitter_allowance),
        )?;
        tracing::debug!(budget = %budget.path().display(), "shared request budget");
        let policy = BlockPolicy {
            cooldown: config.cooldown,
            max_probe_interval: config.max_probe_interval.max(config.cooldown),
            give_up_after: config.block_limit,
        };
        // SEC's fair-access page asks for exactly this header; reqwest would send the
        // equivalent `gzip,deflate` itself. Decoding follows the `gzip`/`deflate` switches and the
        // answer's `Content-Encoding`, whoever set the request header.
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT_ENCODING, HeaderValue::from_static("gzip, deflate"));
        let http = reqwest::Client::builder()
            .user_agent(checked.user_agent.clone())
            .default_headers(headers)
            .gzip(true)
            .deflate(true)
            .timeout(config.timeout)
            .connect_timeout(config.timeout.min(Duration::from_secs(30)))
            .pool_max_idle_per_host(checked.concurrency)
            // Every hop would be a request the limiter does not see: a 3xx is reported instead.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(Error::Http)?;
        Ok(Edgar {
            http,
            pace: Pace::new(budget, checked.concurrency, policy),
            counters: Counters::default(),
            user_agent: config.user_agent.trim().to_string(),
            max_retries: config.max_retries,
            max_body_bytes: config.max_body_bytes,
            checked,
        })
    }

    /// What the client has done so far.
    pub fn stats(&self) -> FetchStats {
        self.counters.snapshot()
    }

    /// The `www` host, without a trailing `/`.
    pub fn www_base(&self) -> &str {
        &self.checked.www_base
    }

    /// The `data` host, without a trailing `/`.
    pub fn data_base(&self) -> &str {
        &self.checked.data_base
    }

    /// GETs `url` and returns its body once it starts as `resource` should.
    pub(crate) async fn get(&self, url: &str, resource: Resource) -> Result<Bytes, Error> {
        let mut retries = 0u32;
        loop {
            let admission = self.pace.admit().await?;
            self.counters.request();
            // The departure, on the wall clock: set beside the server's arrival log it shows where
            // a crawl loses time (the start-up, the pacing, the network).
            tracing::trace!(url, sent_unix_us = unix_micros(), "request sent");
            let attempt = self.attempt(url, resource).await;
            if let Attempt::Blocked = attempt {
                // Recorded before the slot is released, so no waiting request slips out first.
                if self.pace.refused(admission.probe) {
                    self.counters.block();
                }
                // Not retried until a probe has found the block over: `admit` waits for that.
                continue;
            }
            // A reset or a timeout says nothing about the block: another probe follows.
            let conclusive = !matches!(
                attempt,
                Attempt::Retry {
                    cause: Cause::Connection | Cause::Timeout,
                    ..
                }
            );
            self.pace.answered(admission.probe, conclusive);
            drop(admission);
            match attempt {
                Attempt::Done(body) => {
                    self.counters.fetched(body.len());
                    return Ok(body);
                }
                Attempt::Fail(error) => {
                    if error.is_permanent() {
                        self.counters.permanent();
                    }
                    return Err(error);
                }
                Attempt::Retry {
                    cause,
                    detail,
                    after,
                } => {
                    if retries >= self.max_retries {
                        return Err(Error::Exhausted {
                            url: url.to_string(),
                            attempts: retries + 1,
                            last: detail,
                        });
                    }
                    retries += 1;
                    self.counters.retry(cause);
                    let wait = after.unwrap_or_else(|| backoff(retries));
                    tracing::info!(url, retry = retries, ?wait, "{}: {detail}", cause.label());
                    tokio::time::sleep(wait).await;
                }
                Attempt::Blocked => {}
            }
        }
    }

    async fn attempt(&self, url: &str, resource: Resource) -> Attempt {
        let response = match self.http.get(url).send().await {
            Ok(response) => response,
            Err(error) => return transport(&error),
        };
        let status = response.status().as_u16();
        let headers = response.headers();
        if response.status().is_redirection() {
            let location = headers
                .get(reqwest::header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string();
            return Attempt::Fail(Error::Redirect {
                url: url.to_string(),
                status,
                location,
            });
        }
        let after = retry_after(headers.get(RETRY_AFTER).and_then(|v| v.to_str().ok()));
        // After decoding gzip, reqwest drops both headers; a length left is that of the bytes read.
        let declared = if headers.contains_key(CONTENT_ENCODING) {
            None
        } else {
            headers
                .get(CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
        };
        let success = response.status().is_success();
        if success && declared.is_some_and(|len| len > self.max_body_bytes) {
            return self.too_large(url);
        }
        let limit = if success {
            self.max_body_bytes
        } else {
            ERROR_PAGE_BYTES
        };
        let body = match read_body(response, limit).await {
            Ok(Body::Whole(body)) => body,
            Ok(Body::Cut(_)) if success => return self.too_large(url),
            // An error page only needs its beginning to be classified.
            Ok(Body::Cut(head)) => head,
            Err(error) => return transport(&error),
        };
        if let Some(len) = declared.filter(|len| success && *len != body.len() as u64) {
            return Attempt::Retry {
                cause: Cause::Truncated,
                detail: format!("{} of {len} declared bytes", body.len()),
                after: None,
            };
        }
        match classify(status, after, &body, resource) {
            Verdict::Accept => Attempt::Done(body),
            Verdict::Retry {
                cause,
                detail,
                after,
            } => Attempt::Retry {
                cause,
                detail,
                after,
            },
            Verdict::Blocked => Attempt::Blocked,
            Verdict::Undeclared => Attempt::Fail(Error::UndeclaredTool {
                url: url.to_string(),
                user_agent: self.user_agent.clone(),
            }),
            Verdict::Permanent => Attempt::Fail(Error::Permanent {
                url: url.to_string(),
                status,
            }),
        }
    }

    fn too_large(&self, url: &str) -> Attempt {
        Attempt::Fail(Error::TooLarge {
            url: url.to_string(),
            limit: self.max_body_bytes,
        })
    }
}

enum Body {
    Whole(Bytes),
    /// Longer than the limit: its first `limit` bytes.
    Cut(Bytes),
}

async fn read_body(mut response: reqwest::Response, limit: u64) -> Result<Body, reqwest::Error> {
    let mut body = BytesMut::new();
    while let Some(chunk) = response.chunk().await? {
        let room = usize::try_from(limit.saturating_sub(body.len() as u64)).unwrap_or(usize::MAX);
        if chunk.len() > room {
            body.extend_from_slice(chunk.get(..room).unwrap_or_default());
            return Ok(Body::Cut(body.freeze()));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Body::Whole(body.freeze()))
}

/// A failure below HTTP: always worth another attempt.
fn transport(error: &reqwest::Error) -> Attempt {
    let cause = if error.is_timeout() {
        Cause::Timeout
    } else if error.is_body() || error.is_decode() {
        // The connection closed before the declared length arrived.
        Cause::Truncated
    } else {
        Cause::Connection
    };
    Attempt::Retry {
        cause,
        detail: error_chain(error),
        after: None,
    }
}

fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Exponential backoff with jitter: retry `n` waits between half and all of `base * 2^(n-1)`,
/// so tasks that failed together do not come back together.
fn backoff(retry: u32) -> Duration {
    let exponent = retry.saturating_sub(1).min(16);
    let full = BACKOFF_BASE.saturating_mul(1 << exponent).min(BACKOFF_CAP);
    let half = full / 2;
    half + half.mul_f64(fastrand::f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_with_jitter_and_is_capped() {
        for _ in 0..100 {
            let first = backoff(1);
            assert!(first >= Duration::from_millis(125) && first <= Duration::from_millis(250));
            let third = backoff(3);
            assert!(third >= Duration::from_millis(500) && third <= Duration::from_secs(1));
            assert!(backoff(40) <= BACKOFF_CAP);
        }
    }
}
