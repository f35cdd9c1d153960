//! Loading a filing: one transaction that records the filing, replaces its statements and
//! settles which statement of each trust and distribution date is current.

use std::collections::BTreeSet;

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use crate::dims::Dimensions;
use crate::rows::{insert_statement, FilingFacts};
use crate::{Error, FilingOutcome, FilingRecord, FilingStatus, History, LoadReport};

/// The one statement that writes a `filings` row, new or seen before (a macro so callers can
/// `concat!` a condition onto it and still hand SQLite a static string).
macro_rules! upsert_filing {
    () => {
        "INSERT INTO filings (accession, cik, form, filed_date, source, sha256, status, error,
             updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (accession) DO UPDATE SET cik = excluded.cik, form = excluded.form,
             filed_date = excluded.filed_date, source = excluded.source,
             sha256 = excluded.sha256, status = excluded.status, error = excluded.error,
             updated_at = excluded.updated_at"
    };
}

/// What the history holds of a filing before a load.
struct Stored {
    cik: i64,
    form: String,
    filed_date: Option<String>,
    sha256: Option<String>,
    status: String,
    error: Option<String>,
    layouts: Vec<(String, u32)>,
    ids: Vec<i64>,
}

impl History {
    /// Records a filing and what was read from it, in one transaction.
    ///
    /// A filing already held from the same bytes (sha256), read by the same layouts and layout
    /// versions with the same outcome, is skipped entirely (`unchanged`), so ids stay stable. Otherwise
    /// its earlier statements are deleted with all their rows and the new ones inserted, and
    /// supersession is recomputed for every trust and distribution date touched.
    pub fn load(
        &mut self,
        record: &FilingRecord,
        outcome: &FilingOutcome,
    ) -> Result<LoadReport, Error> {
        self.write(record, outcome, false)
    }

    /// As [`History::load`], but replaces the filing's rows even when nothing changed
    /// (`remit reparse --all` after an extractor fix that did not bump its version).
    pub fn reload(
        &mut self,
        record: &FilingRecord,
        outcome: &FilingOutcome,
    ) -> Result<LoadReport, Error> {
        self.write(record, outcome, true)
    }

    /// Records that a filing's bytes are in the raw store (status `fetched`), before parsing.
    /// A filing already `parsed` or `no_statement` is left alone: its next load decides.
    pub fn record_fetched(&mut self, record: &FilingRecord) -> Result<(), Error> {
        let cik = cik_param(record.cik)?;
        self.conn
            .prepare_cached(
                // Only a filing not yet read is marked fetched: a parsed one waits for its load.
                concat!(
                    upsert_filing!(),
                    " WHERE filings.status IN ('fetched', 'failed')"
                ),
            )?
            .execute(params![
                record.accession,
                cik,
                record.form,
                record.filed_date,
                record.source,
                non_empty(&record.sha256),
                FilingStatus::Fetched.as_str(),
                Option::<String>::None,
                now()
            ])?;
        Ok(())
    }

    /// Loads several filings in one transaction, as [`History::load`] (or [`History::reload`]
    /// with `force`) would one by one, and returns a report for each in order. One commit for
    /// many filings is what lets a reparse keep up with its parsers; each filing still goes in
    /// whole or not at all (a savepoint each), and a filing whose rows the history refuses is
    /// recorded as failed without undoing the others. On an error nothing of the batch is kept.
    pub fn load_batch<'a>(
        &mut self,
        filings: impl IntoIterator<Item = (&'a FilingRecord, &'a FilingOutcome)>,
        force: bool,
    ) -> Result<Vec<LoadReport>, Error> {
        self.in_transaction(|tx, dims| {
            filings
                .into_iter()
                .map(|(record, outcome)| write_filing(tx, dims, record, outcome, force))
                .collect()
        })
    }

    fn write(
        &mut self,
        record: &FilingRecord,
        outcome: &FilingOutcome,
        force: bool,
    ) -> Result<LoadReport, Error> {
        self.in_transaction(|tx, dims| write_filing(tx, dims, record, outcome, force))
    }

    /// Runs `f` in one immediate transaction, committed if it succeeds.
    fn in_transaction<T>(
        &mut self,
        f: impl FnOnce(&mut rusqlite::Transaction<'_>, &mut Dimensions) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let result = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(Error::from)
            .and_then(|mut tx| {
                let value = f(&mut tx, &mut self.dims)?;
                tx.commit()?;
                Ok(value)
            });
        if result.is_err() {
            // The rollback may have taken dimension rows this handle cached.
            self.dims.forget();
        }
        result
    }
}

/// One filing inside the batch's transaction, in a savepoint of its own.
fn write_filing(
    tx: &mut rusqlite::Transaction<'_>,
    dims: &mut Dimensions,
    record: &FilingRecord,
    outcome: &FilingOutcome,
    force: bool,
) -> Result<LoadReport, Error> {
    let mut savepoint = tx.savepoint()?;
    match write_once(&savepoint, dims, record, outcome, force) {
        Ok(report) => {
            savepoint.commit()?;
            Ok(report)
        }
        // The rolled-back attempt changed nothing; record the filing as failed instead so
        // the run goes on and the reason is kept.
        Err(refused @ Error::RowRejected { .. }) => {
            savepoint.rollback()?;
            drop(savepoint);
            // The rollback may have taken dimension rows this handle cached.
            dims.forget();
            let reason = format!("the history refused its rows: {refused}");
            tracing::warn!(accession = %record.accession, "{reason}");
            let failed = FilingOutcome::Failed(reason.clone());
            let mut report = write_once(tx, dims, record, &failed, true)?;
            report.refused = Some(reason);
            Ok(report)
        }
        Err(e) => Err(e),
    }
}

fn write_once(
    tx: &Connection,
    dims: &mut Dimensions,
    record: &FilingRecord,
    outcome: &FilingOutcome,
    force: bool,
) -> Result<LoadReport, Error> {
    let cik = cik_param(record.cik)?;
    let loaded_at = now();
    let stored = stored(tx, &record.accession)?;
    if let Some(stored) = &stored {
        let same = !force && stored.matches(cik, record, outcome);
        // A fetch that failed brought no bytes: it says nothing about a filing already held.
        let no_bytes = matches!(outcome, FilingOutcome::Failed(_))
            && record.sha256.is_empty()
            && stored.sha256.is_some();
        if same || no_bytes {
            if no_bytes && !same {
                tracing::warn!(accession = %record.accession, "kept as held ({}): {}",
                    stored.status, outcome.reason().unwrap_or("no bytes"));
            }
            return Ok(LoadReport {
                accession: record.accession.clone(),
                status: FilingStatus::parse(&stored.status).unwrap_or(FilingStatus::Failed),
                unchanged: true,
                statement_ids: stored.ids.clone(),
                replaced: 0,
                superseded: superseded_count(tx, &record.accession)?,
                refused: None,
            });
        }
    }

    let mut groups = groups_of(tx, &record.accession)?;
    let replaced = tx
        .prepare_cached("DELETE FROM statements WHERE accession = ?1")?
        .execute([&record.accession])?;
    tx.prepare_cached(upsert_filing!())?.execute(params![
        record.accession,
        cik,
        record.form,
        record.filed_date,
        record.source,
        non_empty(&record.sha256),
        outcome.status().as_str(),
        outcome.reason(),
        loaded_at
    ])?;

    let facts = FilingFacts {
        accession: &record.accession,
        cik,
        filed_date: record.filed_date.as_deref(),
        loaded_at: &loaded_at,
    };
    let mut ids = Vec::with_capacity(outcome.statements().len());
    for (n, statement) in outcome.statements().iter().enumerate() {
        ids.push(insert_statement(tx, dims, &facts, n + 1, statement)?);
        if let Some(date) = &statement.distribution_date {
            groups.insert((statement.trust_name.clone(), date.clone()));
        }
    }
    for (trust_name, distribution_date) in &groups {
        settle_supersession(tx, trust_name, distribution_date)?;
    }
    for trust_name in groups
        .iter()
        .map(|(trust, _)| trust)
        .collect::<BTreeSet<_>>()
    {
        crate::continuity::mark_pending(tx, trust_name)?;
    }
    let superseded = superseded_count(tx, &record.accession)?;
    tracing::debug!(accession = %record.accession, statements = ids.len(), replaced,
        superseded, status = %outcome.status(), "filing loaded");
    Ok(LoadReport {
        accession: record.accession.clone(),
        status: outcome.status(),
        unchanged: false,
        statement_ids: ids,
        replaced,
        superseded,
        refused: None,
    })
}

impl Stored {
    /// The same bytes read the same way to the same result: nothing to write.
    fn matches(&self, cik: i64, record: &FilingRecord, outcome: &FilingOutcome) -> bool {
        let layouts = outcome
            .statements()
            .iter()
            .map(|s| (s.layout.as_str(), s.layout_version));
        self.sha256.as_deref().unwrap_or("") == record.sha256
            && self.cik == cik
            && self.form == record.form
            && self.filed_date == record.filed_date
            && self.status == outcome.status().as_str()
            && self.error.as_deref() == outcome.reason()
            && self.layouts.len() == outcome.statements().len()
            && self
                .layouts
                .iter()
                .map(|(l, v)| (l.as_str(), *v))
                .eq(layouts)
    }
}

fn stored(conn: &Connection, accession: &str) -> Result<Option<Stored>, Error> {
    let filing = conn
        .prepare_cached(
            "SELECT cik, form, filed_date, sha256, status, error FROM filings WHERE accession = ?1",
        )?
        .query_row([accession], |r| {
            Ok(Stored {
                cik: r.get(0)?,
                form: r.get(1)?,
                filed_date: r.get(2)?,
                sha256: r.get(3)?,
                status: r.get(4)?,
                error: r.get(5)?,
                layouts: Vec::new(),
                ids: Vec::new(),
            })
        })
        .optional()?;
    let Some(mut filing) = filing else {
        return Ok(None);
    };
    let mut statements = conn.prepare_cached(
        "SELECT id, layout, layout_version FROM statements WHERE accession = ?1 ORDER BY seq",
    )?;
    let rows = statements.query_map([accession], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, u32>(2)?,
        ))
    })?;
    for row in rows {
        let (id, layout, version) = row?;
        filing.ids.push(id);
        filing.layouts.push((layout, version));
    }
    Ok(Some(filing))
}

/// The (trust, distribution date) groups a filing's statements belong to.
fn groups_of(conn: &Connection, accession: &str) -> Result<BTreeSet<(String, String)>, Error> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT trust_name, distribution_date FROM statements
         WHERE accession = ?1 AND distribution_date IS NOT NULL",
    )?;
    let rows = stmt.query_map([accession], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Marks every statement of one trust and date superseded except the one from the latest filing:
/// latest filed date (a filing without one counts as oldest), then highest accession, then last
/// in its filing. Grouping is by the trust the statement names, never by CIK: one CIK files for
/// several trusts.
fn settle_supersession(conn: &Connection, trust_name: &str, date: &str) -> Result<(), Error> {
    conn.prepare_cached(
        "UPDATE statements SET superseded = (id <> (
             SELECT id FROM statements
             WHERE trust_name = ?1 AND distribution_date = ?2
             ORDER BY filed_date IS NULL, filed_date DESC, accession DESC, seq DESC
             LIMIT 1))
         WHERE trust_name = ?1 AND distribution_date = ?2",
    )?
    .execute([trust_name, date])?;
    Ok(())
}

fn superseded_count(conn: &Connection, accession: &str) -> Result<usize, Error> {
    let n: i64 = conn
        .prepare_cached("SELECT count(*) FROM statements WHERE accession = ?1 AND superseded = 1")?
        .query_row([accession], |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

pub(crate) fn cik_param(cik: u64) -> Result<i64, Error> {
    i64::try_from(cik).map_err(|_| Error::CikOutOfRange(cik))
}

/// An empty hash means "no bytes", stored as NULL rather than as a hash of nothing.
fn non_empty(text: &str) -> Option<&str> {
    (!text.is_empty()).then_some(text)
}

/// UTC, to the second, ISO 8601.
pub(crate) fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}
