//! What can go wrong, typed so a caller can tell a fatal setup error from a URL to record and move on.

use std::path::PathBuf;

/// Every failure of the client, the raw store and the network lock.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The User-Agent names no contact; SEC answers such clients with 403s.
    #[error(
        "the User-Agent {user_agent:?} does not declare who is asking: SEC requires every automated \
         client to send a User-Agent with a name and a contact email, e.g. \
         `Sample Research sample@example.org` (set it in the configuration or in REMIT_USER_AGENT)"
    )]
    UserAgent { user_agent: String },

    /// A setting that cannot work (a base URL that does not parse, a rate above SEC's limit, ...).
    #[error("invalid EDGAR client configuration: {0}")]
    Config(String),

    /// SEC's 403 "Undeclared Automated Tool": the configuration is wrong, every request will fail.
    #[error(
        "SEC refused {url} as coming from an \"Undeclared Automated Tool\": the User-Agent \
         {user_agent:?} is not accepted; declare a name and a contact email, e.g. \
         `Sample Research sample@example.org`"
    )]
    UndeclaredTool { url: String, user_agent: String },

    /// SEC's rate-threshold block lasted longer than the configured limit: the run stops.
    #[error(
        "SEC has blocked this client for {blocked_for:?}, longer than the configured limit of \
         {limit:?} (`block_limit_secs`): stopping. Try again after {retry_at}, with no request at \
         all from this address until then (asking during the block extends it)"
    )]
    Blocked {
        blocked_for: std::time::Duration,
        limit: std::time::Duration,
        retry_at: String,
    },

    /// A 3xx: every hop would be a request outside the rate limiter, so none is followed.
    #[error(
        "{url}: HTTP {status} redirect to {location:?} not followed (each hop would be a request \
         the rate limiter does not see); point the base URL at the final address"
    )]
    Redirect {
        url: String,
        status: u16,
        location: String,
    },

    /// A 403/404 (or another 4xx): retrying will not help; the caller records the URL as failed.
    #[error("{url}: HTTP {status}, permanent for this URL")]
    Permanent { url: String, status: u16 },

    /// The body is larger than `ClientConfig::max_body_bytes`.
    #[error("{url}: the body is larger than the {limit}-byte bound")]
    TooLarge { url: String, limit: u64 },

    /// Every retry failed; `last` says how the last attempt went.
    #[error("{url}: gave up after {attempts} attempts; the last one: {last}")]
    Exhausted {
        url: String,
        attempts: u32,
        last: String,
    },

    /// A body that arrived whole but could not be read (bad JSON, an index row, ...).
    #[error("{url}: {what}")]
    Malformed { url: String, what: String },

    /// Not an accession number of the form `0001020242-02-000466`.
    #[error("{0:?} is not an accession number like 0001020242-02-000466")]
    Accession(String),

    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// Another remit process holds the network lock.
    #[error(
        "another remit process is fetching into this data directory: {} holds {}; only one \
         network command may run per data directory at a time",
        holder(*pid, command.as_deref()),
        path.display()
    )]
    LockHeld {
        path: PathBuf,
        pid: Option<u32>,
        command: Option<String>,
    },

    #[error("cannot build the HTTP client: {0}")]
    Http(#[source] reqwest::Error),
}

fn holder(pid: Option<u32>, command: Option<&str>) -> String {
    match (pid, command) {
        (Some(pid), Some(command)) => format!("pid {pid} (`remit {command}`)"),
        (Some(pid), None) => format!("pid {pid}"),
        _ => "an unknown process".to_string(),
    }
}

impl Error {
    /// The URL will never answer: record it and go on with the others.
    pub fn is_permanent(&self) -> bool {
        matches!(
            self,
            Error::Permanent { .. }
                | Error::TooLarge { .. }
                | Error::Malformed { .. }
                | Error::Redirect { .. }
        )
    }

    /// A 404: for a daily index, simply no index that day.
    pub fn is_not_found(&self) -> bool {
        matches!(self, Error::Permanent { status: 404, .. })
    }

    /// SEC is blocking this client.
    pub fn is_blocked(&self) -> bool {
        matches!(self, Error::Blocked { .. })
    }

    /// The whole run should stop: nothing else will succeed either.
    pub fn is_fatal(&self) -> bool {
        matches!(
            self,
            Error::UserAgent { .. }
                | Error::Config(_)
                | Error::UndeclaredTool { .. }
                | Error::Blocked { .. }
                | Error::Http(_)
        )
    }

    /// The network failed the run: SEC's block outlasted the limit, or every retry was spent.
    /// A later run resumes; nothing is wrong with the configuration.
    pub fn is_network(&self) -> bool {
        matches!(self, Error::Blocked { .. } | Error::Exhausted { .. })
    }

    /// Another process holds the network lock.
    pub fn is_lock_held(&self) -> bool {
        matches!(self, Error::LockHeld { .. })
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
