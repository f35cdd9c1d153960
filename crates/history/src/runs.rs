//! The `runs` table: each command run with its outcome, and the watermark a nightly run
//! continues from.

use rusqlite::{params, OptionalExtension};

use crate::load::now;
use crate::{Error, History, RunRow};

/// Run statuses that count as a completed run whose watermark can be continued from. A
/// `partial` run finished, with some filings recorded as failed in `filings`: its watermark
/// still holds, or one bad filing would pin every later nightly run to the same day.
const COMPLETED: [&str; 2] = ["ok", "partial"];

impl History {
    /// Records the start of a command run (status `running`); returns its id.
    pub fn begin_run(&mut self, command: &str) -> Result<i64, Error> {
        self.conn
            .prepare_cached(
                "INSERT INTO runs (command, started_at, status) VALUES (?1, ?2, 'running')",
            )?
            .execute(params![command, now()])?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Records how a run ended: `status` (`ok`, `partial`, `failed`), the watermark it reached
    /// (e.g. the last day whose index it read), and a one-line summary.
    pub fn finish_run(
        &mut self,
        id: i64,
        status: &str,
        watermark: Option<&str>,
        summary: &str,
    ) -> Result<(), Error> {
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE runs SET finished_at = ?2, status = ?3, watermark = ?4, summary = ?5
                 WHERE id = ?1",
            )?
            .execute(params![id, now(), status, watermark, summary])?;
        if changed == 0 {
            return Err(Error::UnknownRun(id));
        }
        Ok(())
    }

    /// The watermark of the latest completed (`ok` or `partial`) run of `command` that set one.
    pub fn last_watermark(&self, command: &str) -> Result<Option<String>, Error> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT watermark FROM runs
                 WHERE command = ?1 AND status IN (?2, ?3) AND finished_at IS NOT NULL
                   AND watermark IS NOT NULL
                 ORDER BY id DESC LIMIT 1",
            )?
            .query_row(params![command, COMPLETED[0], COMPLETED[1]], |r| r.get(0))
            .optional()?)
    }

    /// The latest run of each command, by command name.
    pub fn last_runs(&self) -> Result<Vec<RunRow>, Error> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, command, started_at, finished_at, status, watermark, summary FROM runs
             WHERE id IN (SELECT max(id) FROM runs GROUP BY command) ORDER BY command",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(RunRow {
                id: r.get(0)?,
                command: r.get(1)?,
                started_at: r.get(2)?,
                finished_at: r.get(3)?,
                status: r.get(4)?,
                watermark: r.get(5)?,
                summary: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
