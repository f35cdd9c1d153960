//! What can go wrong reading a filing.

/// What went wrong reading a filing.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The bytes are not a filing remit can read; the message says why and where.
    #[error("line {line}: {message}")]
    Malformed { line: usize, message: String },
}
