//! Why the history could not do what was asked.

/// An error of the history. A statement whose checks fail is not an error (checks are data), and
/// a filing whose rows the history refuses is recorded as `failed`, not returned as an error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot open the history {path}: {source}")]
    Open {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error(
        "the history {path} has schema version {found}, newer than this remit knows ({known}); \
         use a newer remit"
    )]
    NewerSchema {
        path: String,
        found: i64,
        known: i64,
    },
    #[error(
        "the history {path} has schema version {found}, this remit reads version {expected}; \
         run any loading command once (it opens read-write and migrates)"
    )]
    OutdatedSchema {
        path: String,
        found: i64,
        expected: i64,
    },
    #[error("schema migration {version} ({name}) failed: {source}")]
    Migration {
        version: i64,
        name: &'static str,
        #[source]
        source: rusqlite::Error,
    },
    /// A row the schema refused (a duplicate key from an extractor). `load` catches this and
    /// records the filing as `failed` with this text.
    #[error("{table} row {key} refused: {reason}")]
    RowRejected {
        table: &'static str,
        key: String,
        reason: String,
    },
    #[error("CIK {0} does not fit in SQLite's INTEGER")]
    CikOutOfRange(u64),
    #[error("no run with id {0}")]
    UnknownRun(i64),
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// Maps a failed insert to [`Error::RowRejected`] when the schema refused the row (so `load` can
/// record the filing as failed and go on), and to [`Error::Sqlite`] otherwise.
pub(crate) fn refused(
    table: &'static str,
    key: impl FnOnce() -> String,
) -> impl FnOnce(rusqlite::Error) -> Error {
    move |e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => Error::RowRejected {
            table,
            key: key(),
            reason: e.to_string(),
        },
        _ => Error::Sqlite(e),
    }
}
