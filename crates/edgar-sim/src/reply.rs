//! What a route answers, before faults and transport: status, type, body.

use bytes::Bytes;

/// One HTTP answer as the routes and the fair-access gate produce it.
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Bytes,
    /// Seconds for `Retry-After`; SEC's own threshold page never sends one.
    pub retry_after: Option<u32>,
}

pub(crate) const HTML: &str = "text/html";
pub(crate) const TEXT: &str = "text/plain";
pub(crate) const JSON: &str = "application/json";

impl Reply {
    pub fn ok(content_type: &'static str, body: impl Into<Bytes>) -> Reply {
        Reply {
            status: 200,
            content_type,
            body: body.into(),
            retry_after: None,
        }
    }

    pub fn html(status: u16, body: String) -> Reply {
        Reply {
            status,
            content_type: HTML,
            body: Bytes::from(body),
            retry_after: None,
        }
    }

    pub fn not_found() -> Reply {
        Reply::html(404, crate::pages::not_found())
    }
}

/// The reason phrase of the status codes the simulator answers with.
pub(crate) fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}
