//! What one HTTP answer means: the resource, a retry, SEC's block, or a permanent failure.
//!
//! Kept free of I/O so every rule of edgar.md can be tested on plain bytes.

use std::time::Duration;

use crate::stats::Cause;

/// Text of SEC's rate-threshold page (title `SEC.gov | Request Rate Threshold Exceeded`).
const THRESHOLD_TEXT: &[u8] = b"Request Rate Threshold Exceeded";
/// Text of SEC's page for a client without a declared User-Agent.
const UNDECLARED_TEXT: &[u8] = b"Undeclared Automated Tool";
/// How far into a body the index column line may sit (after a few header lines).
const INDEX_HEADER_SPAN: usize = 8 * 1024;

/// What a URL should hold; a body is only handed over if it starts that way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Resource {
    /// A full submission `.txt`.
    Submission,
    /// The submissions API.
    Json,
    /// A `master.idx`.
    Index,
}

impl Resource {
    pub fn name(self) -> &'static str {
        match self {
            Resource::Submission => "an EDGAR submission",
            Resource::Json => "JSON",
            Resource::Index => "an EDGAR index",
        }
    }

    pub fn accepts(self, body: &[u8]) -> bool {
        let start = skip_blank(body);
        match self {
            Resource::Submission => {
                start.starts_with(b"<SEC-DOCUMENT>")
                    || start.starts_with(b"-----BEGIN PRIVACY-ENHANCED MESSAGE-----")
            }
            Resource::Json => start.starts_with(b"{"),
            Resource::Index => {
                let head = body.get(..INDEX_HEADER_SPAN).unwrap_or(body);
                // `Filename` in quarterly files, `File Name` in daily ones.
                head.split(|b| *b == b'\n')
                    .any(|line| line.starts_with(b"CIK|Company Name|Form Type|Date Filed|File"))
            }
        }
    }
}

/// Leading whitespace and a UTF-8 byte-order mark are not part of what a body "starts with".
fn skip_blank(body: &[u8]) -> &[u8] {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let blank = body.iter().take_while(|b| b.is_ascii_whitespace()).count();
    body.get(blank..).unwrap_or_default()
}

fn contains(body: &[u8], needle: &[u8]) -> bool {
    body.windows(needle.len()).any(|w| w == needle)
}

/// The first few characters of a body, for messages.
pub(crate) fn preview(body: &[u8]) -> String {
    let head = skip_blank(body);
    let head = head.get(..60).unwrap_or(head);
    String::from_utf8_lossy(head).replace(['\r', '\n'], " ")
}

/// The meaning of one answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Verdict {
    Accept,
    Retry {
        cause: Cause,
        detail: String,
        after: Option<Duration>,
    },
    /// SEC's rate threshold: pause the whole client.
    Blocked,
    /// SEC's "Undeclared Automated Tool": the configuration is wrong.
    Undeclared,
    Permanent,
}

pub(crate) fn classify(
    status: u16,
    retry_after: Option<Duration>,
    body: &[u8],
    resource: Resource,
) -> Verdict {
    let threshold = || contains(body, THRESHOLD_TEXT);
    match status {
        200..=299 if resource.accepts(body) => Verdict::Accept,
        // An error page sent with 200 is never the resource; SEC's block page is still a block.
        200..=299 if threshold() => Verdict::Blocked,
        200..=299 => Verdict::Retry {
            cause: Cause::UnexpectedBody,
            detail: format!(
                "HTTP {status} but the body is not {}: {:?}",
                resource.name(),
                preview(body)
            ),
            after: None,
        },
        // SEC's own page also carries the "Undeclared Automated Tool" heading: test the threshold
        // text first.
        403 | 429 if threshold() => Verdict::Blocked,
        // A 429 that says when to come back is a polite throttle for this request.
        429 => match retry_after {
            Some(after) => Verdict::Retry {
                cause: Cause::RetryAfter,
                detail: format!("HTTP 429, Retry-After {}s", after.as_secs()),
                after: Some(after),
            },
            None => Verdict::Blocked,
        },
        403 if contains(body, UNDECLARED_TEXT) => Verdict::Undeclared,
        408 => Verdict::Retry {
            cause: Cause::Timeout,
            detail: "HTTP 408".to_string(),
            after: retry_after,
        },
        500..=599 => Verdict::Retry {
            cause: if retry_after.is_some() {
                Cause::RetryAfter
            } else {
                Cause::ServerError
            },
            detail: format!("HTTP {status}"),
            after: retry_after,
        },
        _ => Verdict::Permanent,
    }
}

/// `Retry-After` in seconds; an HTTP date is not worth parsing here (SEC sends none) and falls
/// back to the client's own backoff.
pub(crate) fn retry_after(value: Option<&str>) -> Option<Duration> {
    let seconds: u64 = value?.trim().parse().ok()?;
    // A server asking for more than ten minutes is treated like SEC's own lock-out length.
    Some(Duration::from_secs(seconds.min(600)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const THRESHOLD_PAGE: &str =
        "<html><head><title>SEC.gov | Request Rate Threshold Exceeded</title></head>\
        <body><h1>Your Request Originates from an Undeclared Automated Tool</h1></body></html>";
    const UNDECLARED_PAGE: &str = "<html><head><title>SEC.gov | Your Request Originates from an \
        Undeclared Automated Tool</title></head></html>";

    #[test]
    fn bodies_must_start_as_their_resource() {
        assert!(
            Resource::Submission.accepts(b"-----BEGIN PRIVACY-ENHANCED MESSAGE-----\nProc-Type")
        );
        assert!(Resource::Submission.accepts(b"\r\n<SEC-DOCUMENT>0001020242-02-000466.txt"));
        assert!(!Resource::Submission.accepts(b"<!DOCTYPE html><html>"));
        assert!(Resource::Json.accepts(b"\xEF\xBB\xBF {\"cik\":\"1017447\"}"));
        assert!(!Resource::Json.accepts(b"<html>{"));
        let daily = b"Description: Daily Index\n\n\nCIK|Company Name|Form Type|Date Filed|File Name\n----\n";
        assert!(Resource::Index.accepts(daily));
        assert!(Resource::Index.accepts(b"CIK|Company Name|Form Type|Date Filed|Filename\r\n---"));
        assert!(!Resource::Index.accepts(b"<html><body>CIK</body></html>"));
    }

    #[test]
    fn sec_answers_are_told_apart() {
        let json = Resource::Json;
        assert_eq!(
            classify(403, None, THRESHOLD_PAGE.as_bytes(), json),
            Verdict::Blocked
        );
        assert_eq!(
            classify(429, None, b"<html>Too Many</html>", json),
            Verdict::Blocked
        );
        assert_eq!(
            classify(403, None, UNDECLARED_PAGE.as_bytes(), json),
            Verdict::Undeclared
        );
        assert_eq!(
            classify(403, None, b"<html>Forbidden</html>", json),
            Verdict::Permanent
        );
        assert_eq!(
            classify(404, None, b"<html>Not Found</html>", json),
            Verdict::Permanent
        );
        assert_eq!(
            classify(200, None, THRESHOLD_PAGE.as_bytes(), json),
            Verdict::Blocked
        );
        let polite = classify(429, Some(Duration::from_secs(2)), b"", json);
        assert!(matches!(
            polite,
            Verdict::Retry { cause: Cause::RetryAfter, after: Some(d), .. } if d == Duration::from_secs(2)
        ));
        assert!(matches!(
            classify(503, None, b"", json),
            Verdict::Retry {
                cause: Cause::ServerError,
                after: None,
                ..
            }
        ));
    }

    #[test]
    fn html_with_status_200_is_retried_never_accepted() {
        let verdict = classify(
            200,
            None,
            b"<!DOCTYPE html>\n<html>Service Error",
            Resource::Submission,
        );
        match verdict {
            Verdict::Retry { cause, detail, .. } => {
                assert_eq!(cause, Cause::UnexpectedBody);
                assert!(detail.contains("not an EDGAR submission"), "{detail}");
                assert!(detail.contains("<!DOCTYPE html>"), "{detail}");
            }
            other => panic!("expected a retry, got {other:?}"),
        }
    }

    #[test]
    fn retry_after_in_seconds_is_capped() {
        assert_eq!(retry_after(Some(" 3 ")), Some(Duration::from_secs(3)));
        assert_eq!(retry_after(Some("86400")), Some(Duration::from_secs(600)));
        assert_eq!(retry_after(Some("Wed, 21 Oct 2015 07:28:00 GMT")), None);
        assert_eq!(retry_after(None), None);
    }
}
