//! `data.sec.gov/submissions/CIK##########.json` and its older pages.

use serde::Serialize;

use crate::submission::Submission;

/// The columns of `filings.recent` (and of a page file): row i of each array is filing i.
#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct FilingColumns {
    accession_number: Vec<String>,
    filing_date: Vec<String>,
    report_date: Vec<String>,
    acceptance_date_time: Vec<String>,
    act: Vec<String>,
    form: Vec<String>,
    file_number: Vec<String>,
    film_number: Vec<String>,
    items: Vec<String>,
    size: Vec<usize>,
    #[serde(rename = "isXBRL")]
    is_xbrl: Vec<u8>,
    #[serde(rename = "isInlineXBRL")]
    is_inline_xbrl: Vec<u8>,
    primary_document: Vec<String>,
    primary_doc_description: Vec<String>,
}

impl FilingColumns {
    fn of(filings: &[&Submission]) -> FilingColumns {
        let mut columns = FilingColumns::default();
        for s in filings {
            columns.accession_number.push(s.accession.clone());
            columns
                .filing_date
                .push(s.filed.format("%Y-%m-%d").to_string());
            columns.report_date.push(
                s.period
                    .map(|p| p.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
            );
            let accepted = s
                .acceptance
                .unwrap_or_else(|| s.filed.and_time(chrono::NaiveTime::MIN));
            columns
                .acceptance_date_time
                .push(accepted.format("%Y-%m-%dT%H:%M:%S.000Z").to_string());
            columns.act.push(String::new());
            columns.form.push(s.form.clone());
            columns.file_number.push(s.file_number.clone());
            columns.film_number.push(s.film_number.clone());
            columns.items.push(s.items.join(","));
            columns.size.push(s.raw.len());
            columns.is_xbrl.push(0);
            columns.is_inline_xbrl.push(0);
            let primary = s.primary_document();
            columns
                .primary_document
                .push(primary.map(|d| d.filename.clone()).unwrap_or_default());
            columns
                .primary_doc_description
                .push(primary.map(|d| d.description.clone()).unwrap_or_default());
        }
        columns
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PageRef {
    name: String,
    filing_count: usize,
    filing_from: String,
    filing_to: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FormerName {
    name: String,
    from: String,
    to: String,
}

#[derive(Serialize)]
struct Filings {
    recent: FilingColumns,
    files: Vec<PageRef>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Entity {
    cik: String,
    entity_type: &'static str,
    sic: String,
    sic_description: String,
    name: String,
    tickers: Vec<String>,
    exchanges: Vec<String>,
    former_names: Vec<FormerName>,
    filings: Filings,
}

/// `CIK##########-submissions-NNN.json` for page `number` (1-based).
pub(crate) fn page_name(cik: u64, number: usize) -> String {
    format!("CIK{cik:010}-submissions-{number:03}.json")
}

/// Split `filings` (newest first) into `recent` and pages of the same size.
fn split(filings: &[&Submission], recent_limit: usize) -> (usize, usize) {
    let recent = recent_limit.min(filings.len());
    // Pages hold as many filings as `recent` does, at least one, so a small limit yields many pages.
    (recent, recent_limit.max(1))
}

/// The main submissions document of `cik`; `filings` newest first and non-empty.
pub(crate) fn entity(cik: u64, filings: &[&Submission], recent_limit: usize) -> String {
    let (recent, page_size) = split(filings, recent_limit);
    let (recent_rows, older) = filings.split_at(recent);
    let files = older
        .chunks(page_size)
        .enumerate()
        .map(|(i, chunk)| PageRef {
            name: page_name(cik, i + 1),
            filing_count: chunk.len(),
            filing_from: chunk
                .last()
                .map(|s| s.filed.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            filing_to: chunk
                .first()
                .map(|s| s.filed.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
        })
        .collect();
    // The name the CIK files under today; earlier different names become formerNames.
    let name_in = |s: &Submission| s.filer(cik).map(|f| f.name.clone()).unwrap_or_default();
    let name = filings.first().map(|s| name_in(s)).unwrap_or_default();
    let mut former_names: Vec<FormerName> = Vec::new();
    for s in filings.iter().skip(1) {
        let older_name = name_in(s);
        let date = s.filed.format("%Y-%m-%dT00:00:00.000Z").to_string();
        if older_name == name {
            continue;
        }
        match former_names.last_mut() {
            Some(last) if last.name == older_name => last.from = date,
            _ => former_names.push(FormerName {
                name: older_name,
                from: date.clone(),
                to: date,
            }),
        }
    }
    let (sic, sic_description) = filings
        .iter()
        .find_map(|s| s.sic.clone())
        .unwrap_or_else(|| ("6189".to_string(), "ASSET-BACKED SECURITIES".to_string()));
    let entity = Entity {
        cik: cik.to_string(),
        entity_type: "other",
        sic,
        sic_description,
        name,
        tickers: Vec::new(),
        exchanges: Vec::new(),
        former_names,
        filings: Filings {
            recent: FilingColumns::of(recent_rows),
            files,
        },
    };
    serde_json::to_string(&entity).unwrap_or_default()
}

/// Page `number` (1-based) of the filings older than `recent`; `None` past the last page.
pub(crate) fn page(filings: &[&Submission], recent_limit: usize, number: usize) -> Option<String> {
    let (recent, page_size) = split(filings, recent_limit);
    let older = filings.get(recent..)?;
    let chunk = older.chunks(page_size).nth(number.checked_sub(1)?)?;
    serde_json::to_string(&FilingColumns::of(chunk)).ok()
}
