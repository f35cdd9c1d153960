//! The dimension tables of the compact history (migration 007): each distinct pool figure
//! (report, section, label, col) and each distinct check name is stored once, and the rows
//! under a statement refer to it by id. A handle caches the ids it has met, so the load path
//! asks SQLite only about a string it has not seen yet.

use rusqlite::{params, Connection, OptionalExtension};

use crate::Error;

/// Past this many cached strings the cache starts over: it only saves lookups, and a history of
/// many layouts must not grow the writer's memory without bound.
const CACHE_LIMIT: usize = 50_000;

/// Ids of dimension rows this handle has met. Only ever holds ids of rows that exist: after a
/// rolled-back transaction (which may have inserted some) it is cleared with [`Dimensions::forget`].
#[derive(Debug, Default)]
pub(crate) struct Dimensions {
    figures: foldhash::HashMap<Vec<u8>, i64>,
    names: foldhash::HashMap<String, i64>,
    /// Reused for the figure key, so a cached figure costs no allocation.
    key: Vec<u8>,
}

impl Dimensions {
    /// The id of a pool figure, inserting it if the history does not have it yet.
    pub(crate) fn figure(
        &mut self,
        conn: &Connection,
        report: &str,
        section: &str,
        label: &str,
        col: &str,
    ) -> Result<i64, Error> {
        // Each part prefixed by its length: no two different figures share a key, whatever
        // characters their text holds.
        self.key.clear();
        for part in [report, section, label, col] {
            self.key.extend_from_slice(&part.len().to_le_bytes());
            self.key.extend_from_slice(part.as_bytes());
        }
        if let Some(&id) = self.figures.get(self.key.as_slice()) {
            return Ok(id);
        }
        let found = conn
            .prepare_cached(
                "SELECT id FROM pool_figures
                 WHERE report = ?1 AND section = ?2 AND label = ?3 AND col = ?4",
            )?
            .query_row(params![report, section, label, col], |r| r.get(0))
            .optional()?;
        let id = match found {
            Some(id) => id,
            None => {
                conn.prepare_cached(
                    "INSERT INTO pool_figures (report, section, label, col) VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![report, section, label, col])?;
                conn.last_insert_rowid()
            }
        };
        if self.figures.len() >= CACHE_LIMIT {
            self.figures.clear();
        }
        self.figures.insert(self.key.clone(), id);
        Ok(id)
    }

    /// The id of a check name, inserting it if the history does not have it yet.
    pub(crate) fn check_name(&mut self, conn: &Connection, name: &str) -> Result<i64, Error> {
        if let Some(&id) = self.names.get(name) {
            return Ok(id);
        }
        let found = conn
            .prepare_cached("SELECT id FROM check_names WHERE name = ?1")?
            .query_row([name], |r| r.get(0))
            .optional()?;
        let id = match found {
            Some(id) => id,
            None => {
                conn.prepare_cached("INSERT INTO check_names (name) VALUES (?1)")?
                    .execute([name])?;
                conn.last_insert_rowid()
            }
        };
        if self.names.len() >= CACHE_LIMIT {
            self.names.clear();
        }
        self.names.insert(name.to_string(), id);
        Ok(id)
    }

    /// Drops every cached id: a transaction that inserted some of them was rolled back.
    pub(crate) fn forget(&mut self) {
        self.figures.clear();
        self.names.clear();
    }
}
