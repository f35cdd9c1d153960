-- The research views (docs/history.md). Each leaves superseded statements out, so a trust has
-- one row per distribution date: the one from the latest filing.

CREATE VIEW class_history AS
SELECT s.trust_name,
       b.tier,
       b.class,
       s.distribution_date,
       b.original_face,
       b.prior_balance,
       b.current_balance,
       CASE WHEN b.original_face IS NULL OR b.original_face = 0 THEN NULL
            ELSE b.current_balance / b.original_face END AS factor,
       b.interest,
       b.principal,
       b.realized_loss,
       b.td_realized_loss,
       s.cik,
       s.accession,
       s.id AS statement_id
FROM bond_classes b
JOIN statements s ON s.id = b.statement_id
WHERE s.superseded = 0;

-- One figure of a statement's pool_values; the first occurrence where a label repeats.
-- (SQLite views take no parameters, so each column repeats the lookup; the UNIQUE index on
-- (statement_id, report, section, label, col, occurrence) makes each one a single seek.)
CREATE VIEW pool_history AS
WITH figures AS (
    SELECT s.id AS statement_id,
           s.trust_name,
           s.distribution_date,
           s.cik,
           s.accession,
           (SELECT p.value FROM pool_values p WHERE p.statement_id = s.id
               AND p.report = 'Collateral Report' AND p.section = 'COLLATERAL'
               AND p.label = 'Principal Balance: Current' AND p.col = 'TOTAL'
               ORDER BY p.occurrence LIMIT 1) AS pool_balance,
           (SELECT CAST(p.value AS INTEGER) FROM pool_values p WHERE p.statement_id = s.id
               AND p.report = 'Collateral Report' AND p.section = 'COLLATERAL'
               AND p.label = 'Loan Count: Current' AND p.col = 'TOTAL'
               ORDER BY p.occurrence LIMIT 1) AS loan_count,
           (SELECT p.value FROM pool_values p WHERE p.statement_id = s.id
               AND p.report = 'Prepayment Report' AND p.section = 'VOLUNTARY PREPAYMENT RATES'
               AND p.label = 'SMM' AND p.col = 'TOTAL'
               ORDER BY p.occurrence LIMIT 1) AS smm,
           (SELECT p.value FROM pool_values p WHERE p.statement_id = s.id
               AND p.report = 'Prepayment Report' AND p.section = 'VOLUNTARY PREPAYMENT RATES'
               AND p.label = 'CPR' AND p.col = 'TOTAL'
               ORDER BY p.occurrence LIMIT 1) AS cpr,
           (SELECT p.value FROM pool_values p WHERE p.statement_id = s.id
               AND p.report = 'Realized Loss Report' AND p.section = 'DEFAULT SPEEDS'
               AND p.label = 'CDR' AND p.col = 'TOTAL'
               ORDER BY p.occurrence LIMIT 1) AS cdr,
           (SELECT sum(d.balance) FROM delinquency d WHERE d.statement_id = s.id
               AND d.scope = 'Total' AND d.status = 'TOTAL'
               AND d.bucket IN ('2 PAYMENTS', '3+ PAYMENTS')) AS dq60_balance,
           (SELECT p.value FROM pool_values p WHERE p.statement_id = s.id
               AND p.report = 'Realized Loss Report' AND p.section = 'COLLATERAL REALIZED LOSSES'
               AND p.label = 'Cumulative: Collateral Realized Loss/(Gain) Amount' AND p.col = 'TOTAL'
               ORDER BY p.occurrence LIMIT 1) AS cum_realized_loss,
           (SELECT p.value FROM pool_values p WHERE p.statement_id = s.id
               AND p.report = 'Credit Enhancement Report' AND p.section = 'STRUCTURAL FEATURES'
               AND p.label = 'Current Periods Overcollateralization Amt' AND p.col = 'TOTAL'
               ORDER BY p.occurrence LIMIT 1) AS oc_amount
    FROM statements s
    WHERE s.superseded = 0
)
SELECT trust_name,
       distribution_date,
       pool_balance,
       loan_count,
       smm,
       cpr,
       cdr,
       CASE WHEN pool_balance IS NULL OR pool_balance = 0 THEN NULL
            ELSE dq60_balance / pool_balance END AS dq60_pct,
       cum_realized_loss,
       oc_amount,
       cik,
       accession,
       statement_id
FROM figures;

CREATE VIEW delinquency_history AS
SELECT s.trust_name,
       s.distribution_date,
       d.scope,
       d.status,
       d.bucket,
       d.balance,
       d.pct_balance,
       d.loans,
       d.pct_loans,
       s.cik,
       s.accession,
       s.id AS statement_id
FROM delinquency d
JOIN statements s ON s.id = d.statement_id
WHERE s.superseded = 0;
