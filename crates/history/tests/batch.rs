//! Loading several filings in one transaction (`History::load_batch`, what a reparse's writer
//! calls): each filing still goes in whole or not at all, and a refused row is named even when it
//! sits inside a multi-row INSERT.

mod common;

use common::*;
use remit_history::{FilingStatus, History};

#[test]
fn a_refused_filing_in_a_batch_fails_alone_and_names_its_row() {
    let mut history = History::open_in_memory().unwrap();
    let good = month(IMPAC_1, "2002-11-25", 440_000_000.0, 431_000_000.0);
    // Enough cells for a full multi-row INSERT, with a repeated key (same figure, same
    // occurrence) inside it.
    let mut doubled = month(IMPAC_1, "2002-12-26", 431_000_000.0, 405_000_000.0);
    let template = doubled.pool_values[0].clone();
    for n in 0..120 {
        let mut v = template.clone();
        v.label = format!("Line {n}");
        doubled.pool_values.push(v);
    }
    // The month's own 10 cells come first: index 40 is `Line 30`, repeated at 20.
    let mut again = doubled.pool_values[40].clone();
    again.raw = "again".into();
    doubled.pool_values.insert(20, again);
    let first = record("0001020242-02-000466", "8-K", "2002-12-06", "aa11");
    let second = record("0001020242-03-000007", "8-K", "2003-01-08", "bb22");
    let (first_outcome, second_outcome) = (parsed(vec![good]), parsed(vec![doubled]));
    let reports = history
        .load_batch(
            [(&first, &first_outcome), (&second, &second_outcome)],
            false,
        )
        .unwrap();
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[0].status, FilingStatus::Parsed);
    assert_eq!(reports[1].status, FilingStatus::Failed);
    let refused = reports[1].refused.as_deref().unwrap();
    assert!(
        refused.contains("pool_values") && refused.contains("\"Line 30\""),
        "{refused}"
    );
    // The good filing is whole, the refused one left no statement behind.
    let counts = history.counts().unwrap();
    assert_eq!((counts.filings, counts.statements), (2, 1));
    let row = history.filing("0001020242-03-000007").unwrap().unwrap();
    assert_eq!(row.status, FilingStatus::Failed);
}

#[test]
fn a_batch_loads_what_single_loads_would() {
    let outcomes: Vec<_> = [("2002-11-25", "aa11"), ("2002-12-26", "bb22")]
        .iter()
        .enumerate()
        .map(|(n, (date, sha))| {
            let mut m = month(IMPAC_1, date, 440_000_000.0, 431_000_000.0);
            for i in 0..75 {
                let mut v = m.pool_values[0].clone();
                v.label = format!("Line {i}");
                v.value = Some(i as f64);
                m.pool_values.push(v);
            }
            (
                record(&format!("0001020242-02-00046{n}"), "8-K", "2002-12-06", sha),
                parsed(vec![m]),
            )
        })
        .collect();
    let mut batched = History::open_in_memory().unwrap();
    batched
        .load_batch(outcomes.iter().map(|(r, o)| (r, o)), false)
        .unwrap();
    let mut single = History::open_in_memory().unwrap();
    for (r, o) in &outcomes {
        single.load(r, o).unwrap();
    }
    let rows = |h: &History| -> Vec<String> {
        let mut stmt = h
            .connection()
            .prepare(
                "SELECT statement_id || '|' || report || '|' || section || '|' || label || '|' ||
                    col || '|' || occurrence || '|' || ifnull(value, 'null') || '|' || raw
                 FROM pool_values ORDER BY 1",
            )
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let batched_rows = rows(&batched);
    assert_eq!(batched_rows.len(), 2 * (75 + 10));
    assert_eq!(batched_rows, rows(&single));
    // A second batch of the same filings writes nothing.
    let again = batched
        .load_batch(outcomes.iter().map(|(r, o)| (r, o)), false)
        .unwrap();
    assert!(again.iter().all(|r| r.unchanged));
}
