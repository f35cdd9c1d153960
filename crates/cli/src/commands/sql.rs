//! `remit sql "SELECT ..."`: ad-hoc queries for users without a `sqlite3` shell.
//!
//! The database is opened read-only, so a query can never change the history; SQLite's own message
//! is reported for a bad query.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};

use crate::cli::SqlFormat;
use crate::exit;

pub fn run(db: &Path, query: &str, format: SqlFormat) -> Result<i32> {
    let conn = open_read_only(db)?;
    let (columns, rows) = query_rows(&conn, query)?;
    let mut out = std::io::stdout().lock();
    match format {
        SqlFormat::Table => write_table(&mut out, &columns, &rows)?,
        SqlFormat::Csv => write_csv(&mut out, &columns, &rows)?,
        SqlFormat::Json => write_json(&mut out, &columns, &rows)?,
    }
    Ok(exit::OK)
}

/// Opens an existing history read-only; a missing file is an error rather than a new empty db.
pub fn open_read_only(db: &Path) -> Result<Connection> {
    if !db.exists() {
        anyhow::bail!(
            "no history at {} (run `remit demo`, `remit ingest` or `remit backfill` first)",
            db.display()
        );
    }
    Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .with_context(|| format!("opening {} read-only", db.display()))
}

/// One result cell: SQLite's value, kept typed for JSON and printed as is for text.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Null => String::new(),
            Cell::Integer(i) => i.to_string(),
            Cell::Real(r) => r.to_string(),
            Cell::Text(t) => t.clone(),
        }
    }
}

/// Runs a query and returns its column names and rows.
pub fn query_rows(conn: &Connection, query: &str) -> Result<(Vec<String>, Vec<Vec<Cell>>)> {
    let mut stmt = conn.prepare(query).context("SQLite rejected the query")?;
    let columns: Vec<String> = stmt.column_names().into_iter().map(String::from).collect();
    let n = columns.len();
    let mut rows = Vec::new();
    let mut cursor = stmt.query([]).context("SQLite could not run the query")?;
    while let Some(row) = cursor
        .next()
        .context("SQLite failed while reading results")?
    {
        let mut cells = Vec::with_capacity(n);
        for i in 0..n {
            cells.push(match row.get_ref(i)? {
                ValueRef::Null => Cell::Null,
                ValueRef::Integer(v) => Cell::Integer(v),
                ValueRef::Real(v) => Cell::Real(v),
                ValueRef::Text(t) => Cell::Text(String::from_utf8_lossy(t).into_owned()),
                ValueRef::Blob(b) => Cell::Text(format!("<{} bytes>", b.len())),
            });
        }
        rows.push(cells);
    }
    Ok((columns, rows))
}

/// An aligned text table: numbers right-aligned, text left-aligned, NULL blank.
pub fn write_table(out: &mut impl Write, columns: &[String], rows: &[Vec<Cell>]) -> Result<()> {
    let mut widths: Vec<usize> = columns.iter().map(|c| c.chars().count()).collect();
    let texts: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(Cell::text).collect())
        .collect();
    for row in &texts {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let header: Vec<String> = columns
        .iter()
        .zip(&widths)
        .map(|(c, w)| format!("{c:<w$}"))
        .collect();
    writeln!(out, "{}", header.join("  ").trim_end())?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    writeln!(out, "{}", rule.join("  "))?;
    for (row, text) in rows.iter().zip(&texts) {
        let cells: Vec<String> = row
            .iter()
            .zip(text)
            .zip(&widths)
            .map(|((cell, t), w)| match cell {
                Cell::Integer(_) | Cell::Real(_) => format!("{t:>w$}"),
                _ => format!("{t:<w$}"),
            })
            .collect();
        writeln!(out, "{}", cells.join("  ").trim_end())?;
    }
    writeln!(
        out,
        "({} row{})",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    )?;
    Ok(())
}

pub fn write_csv(out: &mut impl Write, columns: &[String], rows: &[Vec<Cell>]) -> Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(columns)?;
    for row in rows {
        writer.write_record(row.iter().map(Cell::text))?;
    }
    writer.flush()?;
    Ok(())
}

/// A JSON array of objects, one per row, with SQLite's types kept (NULL as null).
pub fn write_json(out: &mut impl Write, columns: &[String], rows: &[Vec<Cell>]) -> Result<()> {
    let array: Vec<serde_json::Value> = rows
        .iter()
        .map(|row| {
            let object = columns
                .iter()
                .zip(row)
                .map(|(c, cell)| {
                    let value = match cell {
                        Cell::Null => serde_json::Value::Null,
                        Cell::Integer(i) => (*i).into(),
                        Cell::Real(r) => serde_json::Number::from_f64(*r)
                            .map_or(serde_json::Value::Null, Into::into),
                        Cell::Text(t) => t.clone().into(),
                    };
                    (c.clone(), value)
                })
                .collect::<serde_json::Map<_, _>>();
            serde_json::Value::Object(object)
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &array)?;
    writeln!(out)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (Vec<String>, Vec<Vec<Cell>>) {
        let conn = Connection::open_in_memory().unwrap();
        query_rows(
            &conn,
            "SELECT 'A' AS class, 412561923.8 AS balance, NULL AS note, 3 AS n",
        )
        .unwrap()
    }

    #[test]
    fn each_format_prints_the_row() {
        let (columns, rows) = sample();
        let mut table = Vec::new();
        write_table(&mut table, &columns, &rows).unwrap();
        assert_eq!(
            String::from_utf8(table).unwrap(),
            "class  balance      note  n\n-----  -----------  ----  -\nA      412561923.8        3\n(1 row)\n"
        );
        let mut csv = Vec::new();
        write_csv(&mut csv, &columns, &rows).unwrap();
        assert_eq!(
            String::from_utf8(csv).unwrap(),
            "class,balance,note,n\nA,412561923.8,,3\n"
        );
        let mut json = Vec::new();
        write_json(&mut json, &columns, &rows).unwrap();
        let parsed: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(parsed[0]["balance"], 412561923.8);
        assert_eq!(parsed[0]["note"], serde_json::Value::Null);
        assert_eq!(parsed[0]["n"], 3);
    }

    #[test]
    fn a_bad_query_reports_sqlites_message() {
        let conn = Connection::open_in_memory().unwrap();
        let err = query_rows(&conn, "SELEC 1").unwrap_err();
        assert!(format!("{err:#}").contains("syntax error"), "{err:#}");
    }
}
