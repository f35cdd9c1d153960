-- Month-to-month continuity (docs/history.md): each statement compared with the one before it
-- of the same trust. Rows are derived data: `refresh_continuity` rebuilds a trust's rows from
-- its current (non-superseded) statements whenever a load touches the trust.

CREATE TABLE continuity (
    id                 INTEGER PRIMARY KEY,
    trust_name         TEXT NOT NULL,
    -- The later statement and the one before it (never a superseded one).
    statement_id       INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
    prior_statement_id INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
    kind               TEXT NOT NULL CHECK (kind IN ('sequence', 'class', 'pool')),
    -- The class (`A`, or `[tier] A` for a tier other than the first) or the pool scope
    -- (`Total`, or a group as printed); empty for `sequence`.
    scope              TEXT NOT NULL,
    name               TEXT NOT NULL,
    passed             INTEGER NOT NULL CHECK (passed IN (0, 1)),
    expected           REAL,
    found              REAL,
    tolerance          REAL NOT NULL,
    detail             TEXT
);
CREATE INDEX continuity_trust ON continuity (trust_name);
-- Deleting a statement cascades here through both references; without these each delete scans.
CREATE INDEX continuity_statement ON continuity (statement_id);
CREATE INDEX continuity_prior ON continuity (prior_statement_id);

-- Trusts a load touched whose comparisons are not yet rebuilt. Written in the load's own
-- transaction, so a run killed before it rebuilt them leaves the mark for the next run.
CREATE TABLE continuity_pending (
    trust_name TEXT PRIMARY KEY
) WITHOUT ROWID;

CREATE VIEW continuity_history AS
SELECT c.trust_name,
       s.distribution_date,
       p.distribution_date AS prior_distribution_date,
       c.kind,
       c.scope,
       c.name,
       c.passed,
       c.expected,
       c.found,
       c.found - c.expected AS difference,
       c.tolerance,
       c.detail,
       s.cik,
       s.accession,
       c.statement_id,
       p.accession AS prior_accession,
       c.prior_statement_id
FROM continuity c
JOIN statements s ON s.id = c.statement_id
JOIN statements p ON p.id = c.prior_statement_id
WHERE s.superseded = 0 AND p.superseded = 0;
