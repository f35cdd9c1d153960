//! Opening a history: connection settings and the numbered migrations that build the schema.

use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::Error;

/// One schema step. Applied in order, each exactly once; `PRAGMA user_version` records the last
/// one applied, so a database says by itself which schema it has.
struct Migration {
    version: i64,
    name: &'static str,
    sql: &'static str,
    /// The table a migration creates, for one that landed after higher-numbered ones: a database
    /// already past its number but without this table gets it too.
    creates: Option<&'static str>,
    /// A table whose presence means the migration's work is already there (a database whose
    /// `user_version` was set back below a migration that rebuilt tables): it is skipped.
    done_if: Option<&'static str>,
}

/// Never edit or reorder a released entry: add a new one. Researchers' queries depend on it.
const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "tables",
        sql: include_str!("migrations/001_tables.sql"),
        creates: None,
        done_if: None,
    },
    Migration {
        version: 2,
        name: "research views",
        sql: include_str!("migrations/002_views.sql"),
        creates: None,
        done_if: None,
    },
    Migration {
        version: 3,
        name: "fetch queue",
        sql: include_str!("migrations/003_fetch_queue.sql"),
        creates: Some("fetch_queue"),
        done_if: None,
    },
    Migration {
        version: 4,
        name: "pool summary",
        sql: include_str!("migrations/004_pool_summary.sql"),
        creates: None,
        done_if: None,
    },
    Migration {
        version: 5,
        name: "coverage",
        sql: include_str!("migrations/005_coverage.sql"),
        creates: Some("unplaced_figures"),
        done_if: None,
    },
    Migration {
        version: 6,
        name: "continuity",
        sql: include_str!("migrations/006_continuity.sql"),
        creates: None,
        done_if: None,
    },
    Migration {
        version: 7,
        name: "compact history",
        sql: include_str!("migrations/007_compact.sql"),
        creates: None,
        done_if: Some("pool_cells"),
    },
    Migration {
        version: 8,
        name: "details of failed checks only",
        sql: include_str!("migrations/008_passed_check_details.sql"),
        creates: None,
        done_if: None,
    },
];

/// The schema version this build creates and reads.
pub const SCHEMA_VERSION: i64 = 8;

/// Long enough to wait out another process's per-filing transaction, short enough that a stuck
/// writer is reported rather than waited on forever.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Enough room for every statement of the load path, so none is ever re-prepared.
const STATEMENT_CACHE: usize = 64;

/// Opens (creating if needed) a database read-write, configures it and migrates it.
pub(crate) fn open_read_write(conn: Connection, path: &str) -> Result<Connection, Error> {
    let mut conn = conn;
    configure(&conn).map_err(|source| open_error(path, source))?;
    // WAL lets readers (`remit sql`, `remit status`) run while a backfill writes. An in-memory
    // database answers `memory`, which is fine.
    let mode: String = conn
        .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))
        .map_err(|source| open_error(path, source))?;
    tracing::debug!(path, mode, "journal mode");
    // In WAL mode NORMAL loses no committed transaction on a crash, only durability on power
    // loss, and saves an fsync per filing.
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    migrate(&mut conn, path)?;
    Ok(conn)
}

/// Opens an existing database read-only; it must already have this build's schema.
pub(crate) fn open_read_only(path: &std::path::Path) -> Result<Connection, Error> {
    let label = path.display().to_string();
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn =
        Connection::open_with_flags(path, flags).map_err(|source| open_error(&label, source))?;
    configure(&conn).map_err(|source| open_error(&label, source))?;
    let found = user_version(&conn).map_err(|source| open_error(&label, source))?;
    // A newer schema only adds to this one, so it can still be read.
    if found < SCHEMA_VERSION {
        return Err(Error::OutdatedSchema {
            path: label,
            found,
            expected: SCHEMA_VERSION,
        });
    }
    Ok(conn)
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    Ok(())
}

fn open_error(path: &str, source: rusqlite::Error) -> Error {
    Error::Open {
        path: path.to_string(),
        source,
    }
}

fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// Applies the migrations this database lacks, all in one transaction so a failure leaves the
/// schema as it was.
fn migrate(conn: &mut Connection, path: &str) -> Result<(), Error> {
    // The common case (already current) takes no write lock.
    if user_version(conn)? == SCHEMA_VERSION && late_missing(conn, SCHEMA_VERSION)?.is_empty() {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Read again under the write lock: another process may have migrated meanwhile.
    let found = user_version(&tx)?;
    if found > SCHEMA_VERSION {
        return Err(Error::NewerSchema {
            path: path.to_string(),
            found,
            known: SCHEMA_VERSION,
        });
    }
    let late = late_missing(&tx, found)?;
    let due = MIGRATIONS
        .iter()
        .filter(|m| m.version > found || late.contains(&m.version));
    for migration in due {
        let step = |source| Error::Migration {
            version: migration.version,
            name: migration.name,
            source,
        };
        let done = match migration.done_if {
            Some(table) => table_exists(&tx, table).map_err(step)?,
            None => false,
        };
        if !done {
            tx.execute_batch(migration.sql).map_err(step)?;
        }
        tx.pragma_update(None, "user_version", migration.version.max(found))
            .map_err(step)?;
        tracing::info!(
            path,
            version = migration.version,
            name = migration.name,
            "schema migrated"
        );
    }
    tx.commit()?;
    Ok(())
}

/// Migrations numbered at or below `found` whose table is missing: they landed after a
/// higher-numbered one had already been applied to this database.
fn late_missing(conn: &Connection, found: i64) -> rusqlite::Result<Vec<i64>> {
    let mut missing = Vec::new();
    for migration in MIGRATIONS.iter().filter(|m| m.version <= found) {
        if let Some(table) = migration.creates {
            if !table_exists(conn, table)? {
                missing.push(migration.version);
            }
        }
    }
    Ok(missing)
}

fn table_exists(conn: &Connection, table: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)",
        [table],
        |r| r.get(0),
    )
}
