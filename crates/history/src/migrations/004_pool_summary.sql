-- The typed pool summary (docs/history.md): one row per statement and scope (`Total` for the
-- whole pool, else a group as printed), filled by each layout from its own labels, so
-- `pool_history` reads the same columns whichever trustee printed the statement.

CREATE TABLE pool_summary (
    statement_id          INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
    scope                 TEXT NOT NULL,
    prior_balance         REAL,
    current_balance       REAL,
    prior_loan_count      INTEGER,
    current_loan_count    INTEGER,
    scheduled_principal   REAL,
    unscheduled_principal REAL,
    smm                   REAL,
    cpr                   REAL,
    cdr                   REAL,
    realized_loss         REAL,
    cum_realized_loss     REAL,
    dq60_balance          REAL,
    oc_amount             REAL,
    PRIMARY KEY (statement_id, scope)
);

-- Statements loaded before this migration keep their pool_history figures until a reparse
-- fills every scope: their `Total` is copied from the labels the previous view read.
INSERT INTO pool_summary (statement_id, scope, current_balance, current_loan_count, smm, cpr,
    cdr, dq60_balance, cum_realized_loss, oc_amount)
SELECT s.id,
       'Total',
       (SELECT p.value FROM pool_values p WHERE p.statement_id = s.id
           AND p.report = 'Collateral Report' AND p.section = 'COLLATERAL'
           AND p.label = 'Principal Balance: Current' AND p.col = 'TOTAL'
           ORDER BY p.occurrence LIMIT 1),
       (SELECT CAST(p.value AS INTEGER) FROM pool_values p WHERE p.statement_id = s.id
           AND p.report = 'Collateral Report' AND p.section = 'COLLATERAL'
           AND p.label = 'Loan Count: Current' AND p.col = 'TOTAL'
           ORDER BY p.occurrence LIMIT 1),
       (SELECT p.value FROM pool_values p WHERE p.statement_id = s.id
           AND p.report = 'Prepayment Report' AND p.section = 'VOLUNTARY PREPAYMENT RATES'
           AND p.label = 'SMM' AND p.col = 'TOTAL'
           ORDER BY p.occurrence LIMIT 1),
       (SELECT p.value FROM pool_values p WHERE p.statement_id = s.id
           AND p.report = 'Prepayment Report' AND p.section = 'VOLUNTARY PREPAYMENT RATES'
           AND p.label = 'CPR' AND p.col = 'TOTAL'
           ORDER BY p.occurrence LIMIT 1),
       (SELECT p.value FROM pool_values p WHERE p.statement_id = s.id
           AND p.report = 'Realized Loss Report' AND p.section = 'DEFAULT SPEEDS'
           AND p.label = 'CDR' AND p.col = 'TOTAL'
           ORDER BY p.occurrence LIMIT 1),
       (SELECT sum(d.balance) FROM delinquency d WHERE d.statement_id = s.id
           AND d.scope = 'Total' AND d.status = 'TOTAL'
           AND d.bucket IN ('2 PAYMENTS', '3+ PAYMENTS')),
       (SELECT p.value FROM pool_values p WHERE p.statement_id = s.id
           AND p.report = 'Realized Loss Report' AND p.section = 'COLLATERAL REALIZED LOSSES'
           AND p.label = 'Cumulative: Collateral Realized Loss/(Gain) Amount' AND p.col = 'TOTAL'
           ORDER BY p.occurrence LIMIT 1),
       (SELECT p.value FROM pool_values p WHERE p.statement_id = s.id
           AND p.report = 'Credit Enhancement Report' AND p.section = 'STRUCTURAL FEATURES'
           AND p.label = 'Current Periods Overcollateralization Amt' AND p.col = 'TOTAL'
           ORDER BY p.occurrence LIMIT 1)
FROM statements s
WHERE s.layout = 'db-remittance-2002';

-- pool_history keeps every column of migration 002 with its meaning, now read from the `Total`
-- scope of pool_summary; the figures a month-to-month reading needs follow.
DROP VIEW pool_history;
CREATE VIEW pool_history AS
SELECT s.trust_name,
       s.distribution_date,
       p.current_balance AS pool_balance,
       p.current_loan_count AS loan_count,
       p.smm,
       p.cpr,
       p.cdr,
       CASE WHEN p.current_balance IS NULL OR p.current_balance = 0 THEN NULL
            ELSE p.dq60_balance / p.current_balance END AS dq60_pct,
       p.cum_realized_loss,
       p.oc_amount,
       s.cik,
       s.accession,
       s.id AS statement_id,
       p.prior_balance,
       p.prior_loan_count,
       p.scheduled_principal,
       p.unscheduled_principal,
       p.realized_loss,
       p.dq60_balance
FROM statements s
LEFT JOIN pool_summary p ON p.statement_id = s.id AND p.scope = 'Total'
WHERE s.superseded = 0;
