//! `data.sec.gov/submissions/CIK##########.json`: parallel arrays, row i = filing i.

use serde::Deserialize;

use crate::filing::{is_accession, parse_edgar_date, FilingRef};

/// The top level of the submissions JSON (only what discovery needs).
#[derive(Debug, Deserialize)]
pub(crate) struct Entity {
    #[serde(default)]
    pub name: String,
    pub filings: Filings,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Filings {
    pub recent: Columns,
    #[serde(default)]
    pub files: Vec<PageRef>,
}

/// An older page, fetched from `{data_base}/submissions/{name}`.
#[derive(Debug, Deserialize)]
pub(crate) struct PageRef {
    pub name: String,
}

/// The columns of `filings.recent`, and of a page file (which has no `filings` wrapper).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Columns {
    #[serde(default)]
    pub accession_number: Vec<String>,
    #[serde(default)]
    pub filing_date: Vec<String>,
    #[serde(default)]
    pub report_date: Vec<String>,
    #[serde(default)]
    pub form: Vec<String>,
}

impl Columns {
    /// The filings of these rows; a row with no accession or filing date is skipped and counted.
    pub fn filings(&self, cik: u64, company: &str) -> (Vec<FilingRef>, usize) {
        let mut filings = Vec::with_capacity(self.accession_number.len());
        let mut skipped = 0;
        for (i, accession) in self.accession_number.iter().enumerate() {
            let filed = self.filing_date.get(i).and_then(|d| parse_edgar_date(d));
            let form = self.form.get(i);
            match (filed, form) {
                (Some(filed_date), Some(form)) if is_accession(accession) => {
                    filings.push(FilingRef {
                        cik,
                        company: company.to_string(),
                        form: form.trim().to_string(),
                        filed_date,
                        accession: accession.clone(),
                        // Often empty for 8-Ks: no period, not an error.
                        report_date: self.report_date.get(i).and_then(|d| parse_edgar_date(d)),
                    });
                }
                _ => skipped += 1,
            }
        }
        (filings, skipped)
    }
}

/// Where the submissions JSON of `cik` lives.
pub(crate) fn entity_path(cik: u64) -> String {
    format!("submissions/CIK{cik:010}.json")
}

/// A page name from `filings.files` is only a file name: nothing that climbs out of `submissions/`.
pub(crate) fn is_page_name(name: &str) -> bool {
    !name.is_empty()
        && name.ends_with(".json")
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
        && !name.contains("..")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_rows_become_filings() {
        let json = r#"{"cik":"1017447","name":"IMH ASSETS CORP","filings":{"recent":{
            "accessionNumber":["0001020242-02-000466","bad","0001020242-02-000409"],
            "filingDate":["2002-12-13","2002-12-01","2002-11-21"],
            "reportDate":["2002-11-25","",""],
            "form":["8-K","8-K","8-K/A"]},
            "files":[{"name":"CIK0001017447-submissions-001.json","filingCount":2}]}}"#;
        let entity: Entity = match serde_json::from_str(json) {
            Ok(entity) => entity,
            Err(e) => panic!("{e}"),
        };
        let (filings, skipped) = entity.filings.recent.filings(1_017_447, &entity.name);
        assert_eq!(skipped, 1);
        assert_eq!(filings.len(), 2);
        assert_eq!(
            filings
                .first()
                .and_then(|f| f.report_date)
                .map(|d| d.to_string()),
            Some("2002-11-25".into())
        );
        assert_eq!(
            filings.get(1).map(|f| (f.form.as_str(), f.report_date)),
            Some(("8-K/A", None))
        );
        assert_eq!(
            entity.filings.files.first().map(|p| p.name.as_str()),
            Some("CIK0001017447-submissions-001.json")
        );
    }

    #[test]
    fn paths() {
        assert_eq!(entity_path(1_017_447), "submissions/CIK0001017447.json");
        assert!(is_page_name("CIK0001017447-submissions-001.json"));
        assert!(!is_page_name("../CIK0001017447.json"));
        assert!(!is_page_name("a/b.json"));
    }
}
