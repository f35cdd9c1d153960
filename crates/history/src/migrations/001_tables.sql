-- The tables of docs/schema.md (the public contract), plus remit's own: statement header
-- columns, parties and runs. Keys documented in the contract are UNIQUE so a duplicate from an
-- extractor is refused instead of silently doubling a figure.

CREATE TABLE filings (
    accession  TEXT PRIMARY KEY,
    cik        INTEGER NOT NULL,
    form       TEXT NOT NULL,
    filed_date TEXT,
    source     TEXT NOT NULL,
    sha256     TEXT,
    status     TEXT NOT NULL CHECK (status IN ('fetched', 'parsed', 'no_statement', 'failed')),
    error      TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX filings_cik_status ON filings (cik, status);

-- AUTOINCREMENT: an id names one load of one statement and is never handed out again, so a
-- reparse cannot make an old id silently point at different figures.
CREATE TABLE statements (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    accession          TEXT NOT NULL REFERENCES filings (accession) ON DELETE CASCADE,
    seq                INTEGER NOT NULL,
    cik                INTEGER NOT NULL,
    trust_name         TEXT NOT NULL,
    distribution_date  TEXT,
    layout             TEXT NOT NULL,
    layout_version     INTEGER NOT NULL,
    superseded         INTEGER NOT NULL DEFAULT 0 CHECK (superseded IN (0, 1)),
    record_date        TEXT,
    cutoff_date        TEXT,
    closing_date       TEXT,
    first_payment_date TEXT,
    product            TEXT,
    series             TEXT,
    filed_date         TEXT,
    loaded_at          TEXT NOT NULL,
    UNIQUE (accession, seq)
);
CREATE INDEX statements_trust_date ON statements (trust_name, distribution_date);
CREATE INDEX statements_cik ON statements (cik);

CREATE TABLE parties (
    statement_id INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    role         TEXT NOT NULL,
    name         TEXT NOT NULL,
    PRIMARY KEY (statement_id, seq)
);

CREATE TABLE bond_classes (
    id                               INTEGER PRIMARY KEY,
    statement_id                     INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
    tier                             TEXT NOT NULL,
    class                            TEXT NOT NULL,
    class_type                       TEXT,
    original_face                    REAL,
    prior_balance                    REAL,
    interest                         REAL,
    principal                        REAL,
    total_distribution               REAL,
    realized_loss                    REAL,
    deferred_interest                REAL,
    current_balance                  REAL,
    accrual_start                    TEXT,
    accrual_end                      TEXT,
    accrual_method                   TEXT,
    cusip                            TEXT,
    factor_face                      REAL,
    factor_prior_balance             REAL,
    factor_interest                  REAL,
    factor_principal                 REAL,
    factor_total_distribution        REAL,
    factor_current_balance           REAL,
    td_interest                      REAL,
    td_unscheduled_principal         REAL,
    td_scheduled_principal           REAL,
    td_total_principal               REAL,
    td_total_distribution            REAL,
    td_realized_loss                 REAL,
    td_deferred_interest             REAL,
    pass_through_rate                REAL,
    accrued_interest                 REAL,
    non_supported_interest_sf        REAL,
    prior_unpaid_interest            REAL,
    unscheduled_interest_adjustments REAL,
    optimal_interest                 REAL,
    paid_or_deferred_interest        REAL,
    current_unpaid_interest          REAL,
    UNIQUE (statement_id, tier, class)
);

-- The largest table (about a thousand rows a statement). WITHOUT ROWID stores each row once, in
-- its key's order, instead of once in the table and again in the key's index.
CREATE TABLE pool_values (
    statement_id INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
    report       TEXT NOT NULL,
    section      TEXT NOT NULL,
    label        TEXT NOT NULL,
    col          TEXT NOT NULL,
    occurrence   INTEGER NOT NULL,
    value        REAL,
    raw          TEXT NOT NULL,
    PRIMARY KEY (statement_id, report, section, label, col, occurrence)
) WITHOUT ROWID;

CREATE TABLE delinquency (
    statement_id INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
    scope        TEXT NOT NULL,
    status       TEXT NOT NULL,
    bucket       TEXT NOT NULL,
    balance      REAL,
    pct_balance  REAL,
    loans        INTEGER,
    pct_loans    REAL,
    PRIMARY KEY (statement_id, scope, status, bucket)
) WITHOUT ROWID;

CREATE TABLE loan_events (
    id               INTEGER PRIMARY KEY,
    statement_id     INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
    kind             TEXT NOT NULL CHECK (kind IN ('prepaid', 'reo', 'liquidated')),
    loan_number      TEXT NOT NULL,
    loan_group       TEXT,
    status           TEXT,
    original_balance REAL,
    balance          REAL,
    event_date       TEXT,
    note_rate        REAL,
    state            TEXT,
    ltv              REAL,
    type             TEXT,
    original_term    INTEGER,
    origination_date TEXT,
    realized_loss    REAL
);
-- Deleting a statement cascades here; without this index each delete would scan the table.
CREATE INDEX loan_events_statement ON loan_events (statement_id, kind);
CREATE INDEX loan_events_loan ON loan_events (loan_number);

CREATE TABLE checks (
    id           INTEGER PRIMARY KEY,
    statement_id INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    passed       INTEGER NOT NULL CHECK (passed IN (0, 1)),
    expected     REAL,
    actual       REAL,
    detail       TEXT
);
CREATE INDEX checks_statement ON checks (statement_id);
CREATE INDEX checks_failed ON checks (passed) WHERE passed = 0;

CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    command     TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    status      TEXT NOT NULL,
    watermark   TEXT,
    summary     TEXT
);
CREATE INDEX runs_command ON runs (command, id);
