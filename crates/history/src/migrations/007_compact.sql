-- The compact history (docs/history.md, "Physical tables"): `pool_values` and `checks` repeated
-- long text on every row (report, section, label and column names; check names), which made
-- them most of the file. Each becomes a view, with the contract's columns, over an
-- integer-keyed table and a dimension table holding each distinct string once. Existing rows
-- keep their statement ids and check ids.

-- One row per distinct (report, section, label, col) of `pool_values`.
CREATE TABLE pool_figures (
    id      INTEGER PRIMARY KEY,
    report  TEXT NOT NULL,
    section TEXT NOT NULL,
    label   TEXT NOT NULL,
    col     TEXT NOT NULL,
    UNIQUE (report, section, label, col)
);

-- The figures themselves, in key order (WITHOUT ROWID: stored once, no separate key index).
CREATE TABLE pool_cells (
    statement_id INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
    figure_id    INTEGER NOT NULL REFERENCES pool_figures (id),
    occurrence   INTEGER NOT NULL,
    value        REAL,
    raw          TEXT NOT NULL,
    PRIMARY KEY (statement_id, figure_id, occurrence)
) WITHOUT ROWID;

INSERT INTO pool_figures (report, section, label, col)
SELECT DISTINCT report, section, label, col FROM pool_values ORDER BY 1, 2, 3, 4;
INSERT INTO pool_cells (statement_id, figure_id, occurrence, value, raw)
SELECT p.statement_id, f.id, p.occurrence, p.value, p.raw
FROM pool_values p
JOIN pool_figures f
  ON f.report = p.report AND f.section = p.section AND f.label = p.label AND f.col = p.col;
DROP TABLE pool_values;

CREATE VIEW pool_values AS
SELECT c.statement_id,
       f.report,
       f.section,
       f.label,
       f.col,
       c.occurrence,
       c.value,
       c.raw
FROM pool_cells c
JOIN pool_figures f ON f.id = c.figure_id;

-- One row per distinct check name.
CREATE TABLE check_names (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE check_results (
    id           INTEGER PRIMARY KEY,
    statement_id INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
    name_id      INTEGER NOT NULL REFERENCES check_names (id),
    passed       INTEGER NOT NULL CHECK (passed IN (0, 1)),
    expected     REAL,
    actual       REAL,
    detail       TEXT
);

INSERT INTO check_names (name) SELECT DISTINCT name FROM checks ORDER BY 1;
INSERT INTO check_results (id, statement_id, name_id, passed, expected, actual, detail)
SELECT c.id, c.statement_id, n.id, c.passed, c.expected, c.actual, c.detail
FROM checks c
JOIN check_names n ON n.name = c.name
ORDER BY c.id;
DROP TABLE checks;
-- Deleting a statement cascades here; without this index each delete would scan the table.
CREATE INDEX check_results_statement ON check_results (statement_id);
CREATE INDEX check_results_failed ON check_results (passed) WHERE passed = 0;

CREATE VIEW checks AS
SELECT r.id,
       r.statement_id,
       n.name,
       r.passed,
       r.expected,
       r.actual,
       r.detail
FROM check_results r
JOIN check_names n ON n.id = r.name_id;
