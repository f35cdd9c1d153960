//! EDGAR's URL layout: a request path in, the reply EDGAR would give out.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::corpus::Catalog;
use crate::indexes::{self, IndexKind, Period};
use crate::pages;
use crate::reply::{Reply, HTML, JSON, TEXT};
use crate::submission::is_accession;
use crate::submissions_api;

/// EDGAR's full-index starts in 1993, its daily-index in mid-1994.
const FIRST_INDEX_YEAR: i32 = 1993;
const FIRST_DAILY_INDEX: Option<NaiveDate> = NaiveDate::from_ymd_opt(1994, 7, 1);

/// The parts of the world a route depends on beyond the corpus.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RouteContext {
    pub recent_limit: usize,
    /// Indexes dated after this day do not exist yet.
    pub today: NaiveDate,
}

pub(crate) fn route(catalog: &Catalog, context: RouteContext, path: &str) -> Reply {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let reply = match segments.as_slice() {
        ["submissions", name] => submissions(catalog, context, name),
        ["Archives", "edgar", "data", cik, file] => flat_submission(catalog, cik, file),
        ["Archives", "edgar", "data", cik, folder, file] => folder_file(catalog, cik, folder, file),
        ["Archives", "edgar", "full-index", year, quarter, file] => {
            full_index(catalog, context, year, quarter, file)
        }
        ["Archives", "edgar", "daily-index", year, quarter, file] => {
            daily_index(catalog, context, year, quarter, file)
        }
        _ => None,
    };
    reply.unwrap_or_else(Reply::not_found)
}

fn submissions(catalog: &Catalog, context: RouteContext, name: &str) -> Option<Reply> {
    let stem = name.strip_prefix("CIK")?.strip_suffix(".json")?;
    let (digits, page) = match stem.split_once("-submissions-") {
        Some((digits, page)) => (digits, Some(page)),
        None => (stem, None),
    };
    // data.sec.gov only answers the ten-digit zero-padded form.
    if digits.len() != 10 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let cik: u64 = digits.parse().ok()?;
    let filings = catalog.for_cik(cik)?;
    let body = match page {
        None => submissions_api::entity(cik, &filings, context.recent_limit),
        Some(number) => {
            if number.len() != 3 {
                return None;
            }
            submissions_api::page(&filings, context.recent_limit, number.parse().ok()?)?
        }
    };
    Some(Reply::ok(JSON, body))
}

/// `edgar/data/{cik}/{accession}.txt`, the form the indexes name.
fn flat_submission(catalog: &Catalog, cik: &str, file: &str) -> Option<Reply> {
    let cik: u64 = cik.parse().ok()?;
    let accession = file.strip_suffix(".txt").filter(|a| is_accession(a))?;
    let submission = catalog.get(accession)?;
    submission.filer(cik)?;
    Some(Reply::ok(TEXT, submission.raw.clone()))
}

fn folder_file(catalog: &Catalog, cik: &str, folder: &str, file: &str) -> Option<Reply> {
    let cik: u64 = cik.parse().ok()?;
    if folder.len() != 18 || !folder.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let accession = format!(
        "{}-{}-{}",
        folder.get(..10)?,
        folder.get(10..12)?,
        folder.get(12..)?
    );
    let submission = catalog.get(&accession)?;
    submission.filer(cik)?;
    let reply = if file == format!("{accession}.txt") {
        Reply::ok(TEXT, submission.raw.clone())
    } else if file == format!("{accession}-index.htm") {
        Reply::ok(HTML, pages::filing_index(submission, cik))
    } else if file == format!("{accession}-index-headers.html") {
        Reply::ok(HTML, pages::filing_headers(submission))
    } else if file == "index.json" {
        Reply::ok(JSON, crate::folder_json::render(submission, cik))
    } else {
        let document = submission
            .documents
            .iter()
            .find(|d| !d.filename.is_empty() && d.filename == file)?;
        let content_type = if file.ends_with(".htm") || file.ends_with(".html") {
            HTML
        } else {
            TEXT
        };
        Reply::ok(content_type, document.body.clone())
    };
    Some(reply)
}

fn parse_quarter(year: &str, quarter: &str) -> Option<(i32, u32)> {
    let year: i32 = year.parse().ok()?;
    let quarter: u32 = quarter.strip_prefix("QTR")?.parse().ok()?;
    Some((year, quarter))
}

fn full_index(
    catalog: &Catalog,
    context: RouteContext,
    year: &str,
    quarter: &str,
    file: &str,
) -> Option<Reply> {
    let (year, quarter) = parse_quarter(year, quarter)?;
    let kind = match file {
        "master.idx" => IndexKind::Master,
        "form.idx" => IndexKind::Form,
        _ => return None,
    };
    let (first, last) = indexes::quarter_bounds(year, quarter)?;
    if year < FIRST_INDEX_YEAR || first > context.today {
        return None;
    }
    // The current quarter's index is rebuilt daily: it holds what has been filed so far.
    let last_data = last.min(context.today);
    let filings = catalog.filed_between(first, last_data);
    let body = indexes::render(kind, Period::Quarter { last_data }, &filings);
    Some(Reply::ok(TEXT, body))
}

fn daily_index(
    catalog: &Catalog,
    context: RouteContext,
    year: &str,
    quarter: &str,
    file: &str,
) -> Option<Reply> {
    let (year, quarter) = parse_quarter(year, quarter)?;
    let stem = file.strip_suffix(".idx")?;
    let (kind, digits) = if let Some(d) = stem.strip_prefix("master.") {
        (IndexKind::Master, d)
    } else if let Some(d) = stem.strip_prefix("form.") {
        (IndexKind::Form, d)
    } else {
        return None;
    };
    if digits.len() != 8 {
        return None;
    }
    let day = NaiveDate::parse_from_str(digits, "%Y%m%d").ok()?;
    // A day's file lives only in its own quarter's folder.
    if day.year() != year || indexes::quarter_of(day) != quarter {
        return None;
    }
    if day > context.today || FIRST_DAILY_INDEX.is_some_and(|first| day < first) {
        return None;
    }
    let filings = catalog.filed_between(day, day);
    // EDGAR publishes a (possibly empty) index for every business day, none for weekends.
    let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
    if weekend && filings.is_empty() {
        return None;
    }
    let body = indexes::render(kind, Period::Day(day), &filings);
    Some(Reply::ok(TEXT, body))
}
