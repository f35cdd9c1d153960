-- Filings a run could not fetch or load, to be tried again by the next nightly or backfill.
-- A row is removed when the filing lands; `attempts` counts the runs that tried and failed, and
-- the caller gives a filing up (leaves it here, no longer tried) after a stated number of them.
-- IF NOT EXISTS: this migration landed after 004 and 006 and may also be applied late (schema.rs).
CREATE TABLE IF NOT EXISTS fetch_queue (
    accession       TEXT PRIMARY KEY,
    cik             INTEGER NOT NULL,
    form            TEXT NOT NULL,
    filed_date      TEXT,
    attempts        INTEGER NOT NULL CHECK (attempts >= 1),
    last_error      TEXT NOT NULL,
    first_failed_at TEXT NOT NULL,
    last_failed_at  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS fetch_queue_filed ON fetch_queue (filed_date);
