//! The `fetch_queue` table: filings that failed to fetch or to load, with their attempt counts
//! and last error, so no filing is skipped for good.

use rusqlite::params;

use crate::load::{cik_param, now};
use crate::{Error, FilingRecord, History, QueuedFiling};

impl History {
    /// Records one more failed attempt at `record` (fetch or load) with its reason; returns the
    /// attempts so far.
    pub fn queue_failure(&mut self, record: &FilingRecord, error: &str) -> Result<u32, Error> {
        let cik = cik_param(record.cik)?;
        let at = now();
        let attempts: u32 = self
            .conn
            .prepare_cached(
                "INSERT INTO fetch_queue (accession, cik, form, filed_date, attempts, last_error,
                     first_failed_at, last_failed_at)
                 VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6, ?6)
                 ON CONFLICT (accession) DO UPDATE SET attempts = attempts + 1,
                     last_error = excluded.last_error, last_failed_at = excluded.last_failed_at
                 RETURNING attempts",
            )?
            .query_row(
                params![
                    record.accession,
                    cik,
                    record.form,
                    record.filed_date,
                    error,
                    at
                ],
                |r| r.get(0),
            )?;
        Ok(attempts)
    }

    /// The filing landed: it leaves the queue (nothing happens if it was never there).
    pub fn queue_done(&mut self, accession: &str) -> Result<(), Error> {
        self.conn
            .prepare_cached("DELETE FROM fetch_queue WHERE accession = ?1")?
            .execute(params![accession])?;
        Ok(())
    }

    /// Every queued filing, oldest filing date first.
    pub fn queued(&self) -> Result<Vec<QueuedFiling>, Error> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT accession, cik, form, filed_date, attempts, last_error, last_failed_at
             FROM fetch_queue ORDER BY filed_date, accession",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(QueuedFiling {
                accession: r.get(0)?,
                cik: r.get::<_, i64>(1)?.max(0) as u64,
                form: r.get(2)?,
                filed_date: r.get(3)?,
                attempts: r.get(4)?,
                last_error: r.get(5)?,
                last_failed_at: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(accession: &str) -> FilingRecord {
        FilingRecord {
            accession: accession.into(),
            cik: 1017447,
            form: "8-K".into(),
            filed_date: Some("2002-12-13".into()),
            source: String::new(),
            sha256: String::new(),
        }
    }

    #[test]
    fn failures_count_up_until_the_filing_lands() {
        let mut history = History::open_in_memory().expect("history");
        let a = record("0001020242-02-000466");
        assert_eq!(history.queue_failure(&a, "HTTP 503").expect("queued"), 1);
        assert_eq!(history.queue_failure(&a, "reset").expect("queued"), 2);
        history
            .queue_failure(&record("0001020242-02-000400"), "HTTP 404")
            .expect("queued");
        let queued = history.queued().expect("queued");
        assert_eq!(queued.len(), 2);
        let first = queued
            .iter()
            .find(|q| q.accession == a.accession)
            .expect("a");
        assert_eq!((first.attempts, first.last_error.as_str()), (2, "reset"));
        assert_eq!(first.filed_date.as_deref(), Some("2002-12-13"));
        history.queue_done(&a.accession).expect("done");
        let left: Vec<String> = history
            .queued()
            .expect("queued")
            .into_iter()
            .map(|q| q.accession)
            .collect();
        assert_eq!(left, ["0001020242-02-000400"]);
    }
}

#[cfg(test)]
mod late_migration {
    use crate::History;

    /// Migration 003 landed after 004 and 006: a database already at 6 without the queue gets it
    /// on its next read-write open, and keeps its version.
    #[test]
    fn a_database_past_003_without_the_queue_gets_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("h.db");
        drop(History::open(&path).expect("create"));
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch("DROP TABLE fetch_queue").expect("drop");
        drop(conn);
        let history = History::open(&path).expect("reopen");
        assert!(history.queued().expect("queue back").is_empty());
        let version: i64 = history
            .connection()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .expect("version");
        assert_eq!(version, crate::SCHEMA_VERSION);
    }
}
