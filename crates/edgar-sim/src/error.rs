//! The simulator's one error type.

use std::path::PathBuf;

/// What can go wrong loading a corpus or starting the server.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A corpus file or directory could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A submission's SGML header lacks a field the routes need.
    #[error("{origin}: SGML header has no {field}")]
    MissingField { origin: String, field: &'static str },
    /// A header field is present but not in EDGAR's form.
    #[error("{origin}, line {line}: {field} {value:?} is malformed")]
    Malformed {
        origin: String,
        line: usize,
        field: &'static str,
        value: String,
    },
    /// The submission never closes its SGML header.
    #[error("{origin}: no </SEC-HEADER> (not a full EDGAR submission)")]
    NoHeader { origin: String },
    /// Two corpus files carry the same accession number.
    #[error("{origin}: accession {accession} is already in the corpus")]
    Duplicate { origin: String, accession: String },
    /// The loopback listener could not be bound.
    #[error("cannot bind 127.0.0.1:{port}: {source}")]
    Bind {
        port: u16,
        #[source]
        source: std::io::Error,
    },
}
