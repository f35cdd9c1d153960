//! The `History` handle: one SQLite connection with remit's schema.

use std::path::Path;

use rusqlite::Connection;

use crate::dims::Dimensions;
use crate::{schema, Error};

/// The SQLite history. One handle is one connection: a single writer loads, any number of
/// read-only handles (other processes) can query meanwhile (WAL).
#[derive(Debug)]
pub struct History {
    pub(crate) conn: Connection,
    /// Ids of the dimension rows (check names, pool figures) this handle has met.
    pub(crate) dims: Dimensions,
    read_only: bool,
}

impl History {
    /// Opens the history at `path`, creating the file and bringing its schema up to date.
    pub fn open(path: impl AsRef<Path>) -> Result<History, Error> {
        let path = path.as_ref();
        let label = path.display().to_string();
        let conn = Connection::open(path).map_err(|source| Error::Open {
            path: label.clone(),
            source,
        })?;
        Ok(History {
            conn: schema::open_read_write(conn, &label)?,
            dims: Dimensions::default(),
            read_only: false,
        })
    }

    /// A fresh history in memory (tests, examples, trying things out).
    pub fn open_in_memory() -> Result<History, Error> {
        let label = ":memory:";
        let conn = Connection::open_in_memory().map_err(|source| Error::Open {
            path: label.to_string(),
            source,
        })?;
        Ok(History {
            conn: schema::open_read_write(conn, label)?,
            dims: Dimensions::default(),
            read_only: false,
        })
    }

    /// Opens an existing history for queries only: loading through it fails, and SQLite itself
    /// refuses any write a query attempts.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<History, Error> {
        Ok(History {
            conn: schema::open_read_only(path.as_ref())?,
            dims: Dimensions::default(),
            read_only: true,
        })
    }

    /// The connection, for queries of the caller's own (`remit sql`, charts). Writes should go
    /// through the methods of `History`, which keep supersession and keys consistent.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

impl Drop for History {
    fn drop(&mut self) {
        // SQLite's advice for long-lived databases: let it refresh its planner statistics on close.
        if !self.read_only {
            if let Err(e) = self.conn.execute_batch("PRAGMA optimize") {
                tracing::debug!("PRAGMA optimize on close: {e}");
            }
        }
    }
}
