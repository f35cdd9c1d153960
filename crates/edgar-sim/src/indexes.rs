//! EDGAR's `full-index` (quarterly) and `daily-index` files: `master.idx` and `form.idx`.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use crate::submission::Submission;

/// Which index file, over which days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IndexKind {
    Master,
    Form,
}

/// Quarterly (ISO dates, `Filename`) or daily (`YYYYMMDD` dates, `File Name`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Period {
    Quarter { last_data: NaiveDate },
    Day(NaiveDate),
}

/// One index row: a filing as listed under one of its filers.
struct Row<'a> {
    cik: u64,
    company: &'a str,
    form: &'a str,
    filed: NaiveDate,
    accession: &'a str,
}

/// Render the index of `filings` (every filer of each gets a row, as on EDGAR).
pub(crate) fn render(kind: IndexKind, period: Period, filings: &[&Submission]) -> String {
    let mut rows: Vec<Row> = filings
        .iter()
        .flat_map(|s| {
            s.filers().map(move |f| Row {
                cik: f.cik,
                company: &f.name,
                form: &s.form,
                filed: s.filed,
                accession: &s.accession,
            })
        })
        .collect();
    let daily = matches!(period, Period::Day(_));
    let date = |d: NaiveDate| {
        if daily {
            d.format("%Y%m%d").to_string()
        } else {
            d.format("%Y-%m-%d").to_string()
        }
    };
    let mut out = header(kind, period);
    match kind {
        IndexKind::Master => {
            rows.sort_by(|a, b| (a.cik, a.filed, a.accession).cmp(&(b.cik, b.filed, b.accession)));
            let file_column = if daily { "File Name" } else { "Filename" };
            let _ = writeln!(out, "CIK|Company Name|Form Type|Date Filed|{file_column}");
            out.push_str(&"-".repeat(80));
            out.push('\n');
            for row in &rows {
                let _ = writeln!(
                    out,
                    "{}|{}|{}|{}|edgar/data/{}/{}.txt",
                    row.cik,
                    row.company,
                    row.form,
                    date(row.filed),
                    row.cik,
                    row.accession
                );
            }
        }
        IndexKind::Form => {
            rows.sort_by(|a, b| {
                (a.form, a.company, a.cik, a.accession).cmp(&(
                    b.form,
                    b.company,
                    b.cik,
                    b.accession,
                ))
            });
            // Fixed-width columns; a value longer than its column runs into the next, as on EDGAR.
            let _ = writeln!(
                out,
                "{:<12}{:<62}{:<12}{:<12}File Name",
                "Form Type", "Company Name", "CIK", "Date Filed"
            );
            out.push_str(&"-".repeat(141));
            out.push('\n');
            for row in &rows {
                let _ = writeln!(
                    out,
                    "{:<12}{:<62}{:<12}{:<12}edgar/data/{}/{}.txt  ",
                    row.form,
                    row.company,
                    row.cik,
                    date(row.filed),
                    row.cik,
                    row.accession
                );
            }
        }
    }
    out
}

fn header(kind: IndexKind, period: Period) -> String {
    let description = match (kind, period) {
        (IndexKind::Master, Period::Quarter { .. }) => "Master Index of EDGAR Dissemination Feed",
        (IndexKind::Form, Period::Quarter { .. }) => {
            "Master Index of EDGAR Dissemination Feed by Form Type"
        }
        (IndexKind::Master, Period::Day(_)) => "Daily Index of EDGAR Dissemination Feed",
        (IndexKind::Form, Period::Day(_)) => "Daily Index of EDGAR Dissemination Feed by Form Type",
    };
    let last_data = match period {
        Period::Quarter { last_data } => last_data.format("%B %d, %Y").to_string(),
        Period::Day(day) => day.format("%b %d, %Y").to_string(),
    };
    format!(
        "Description:           {description}\n\
         Last Data Received:    {last_data}\n\
         Comments:              webmaster@sec.gov\n\
         Anonymous FTP:         ftp://ftp.sec.gov/edgar/\n\
         Cloud HTTP:            https://www.sec.gov/Archives/\n\
         \n \n \n \n"
    )
}

/// First and last day of `year`'s quarter `quarter` (1-4).
pub(crate) fn quarter_bounds(year: i32, quarter: u32) -> Option<(NaiveDate, NaiveDate)> {
    if !(1..=4).contains(&quarter) {
        return None;
    }
    let first = NaiveDate::from_ymd_opt(year, quarter * 3 - 2, 1)?;
    let next = if quarter == 4 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, quarter * 3 + 1, 1)?
    };
    Some((first, next.pred_opt()?))
}

/// The quarter (1-4) a date falls in.
pub(crate) fn quarter_of(date: NaiveDate) -> u32 {
    (date.month() - 1) / 3 + 1
}
