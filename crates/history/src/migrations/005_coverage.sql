-- Coverage (docs/history.md, "Coverage"): per statement, how many figures were printed on the
-- lines the extractor saw and how many a row holds, and each printed figure no row holds.
-- Number 005 landed after 006 and 007: a database already past it gets it too (see schema.rs).
CREATE TABLE IF NOT EXISTS statement_coverage (
    statement_id    INTEGER PRIMARY KEY REFERENCES statements (id) ON DELETE CASCADE,
    figures_printed INTEGER NOT NULL,
    figures_stored  INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS unplaced_figures (
    id           INTEGER PRIMARY KEY,
    statement_id INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
    report       TEXT NOT NULL,
    page         INTEGER NOT NULL,
    line         INTEGER NOT NULL,
    figure       TEXT NOT NULL,
    text         TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS unplaced_figures_statement ON unplaced_figures (statement_id);
