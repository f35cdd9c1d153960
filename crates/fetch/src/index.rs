//! EDGAR's `master.idx` (quarterly `full-index` and `daily-index`): rows after the dashes line.

use crate::filing::{is_accession, parse_edgar_date, FilingRef};

/// What an index held: its filings, and how many rows could not be read.
#[derive(Debug, Default)]
pub(crate) struct ParsedIndex {
    pub filings: Vec<FilingRef>,
    pub skipped: usize,
}

/// Parses a `master.idx`: a few header lines, the column line, a line of dashes, then
/// `CIK|Company Name|Form Type|Date Filed|Filename` rows. `None` without a dashes line.
pub(crate) fn parse_master(text: &str) -> Option<ParsedIndex> {
    let mut lines = text.lines();
    lines.find(|line| {
        let line = line.trim();
        line.len() >= 3 && line.bytes().all(|b| b == b'-')
    })?;
    let mut parsed = ParsedIndex::default();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        match parse_row(line) {
            Some(filing) => parsed.filings.push(filing),
            None => {
                parsed.skipped += 1;
                tracing::debug!(line, "index row not understood");
            }
        }
    }
    Some(parsed)
}

/// `1017447|IMH ASSETS CORP|8-K|2002-12-13|edgar/data/1017447/0001020242-02-000466.txt`.
///
/// Read from both ends: a company name may itself contain `|`.
fn parse_row(line: &str) -> Option<FilingRef> {
    let mut fields = line.trim_end().split('|');
    let cik = fields.next()?.trim().parse().ok()?;
    let mut rest: Vec<&str> = fields.collect();
    let file = rest.pop()?.trim();
    let date = parse_edgar_date(rest.pop()?)?;
    let form = rest.pop()?.trim().to_string();
    let company = rest.join("|").trim().to_string();
    let name = file.rsplit('/').next()?;
    let accession = name.strip_suffix(".txt").filter(|a| is_accession(a))?;
    Some(FilingRef {
        cik,
        company,
        form,
        filed_date: date,
        accession: accession.to_string(),
        report_date: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAILY: &str = "Description:           Daily Index of EDGAR Dissemination Feed\n\
        Last Data Received:    Dec 13, 2002\n\
        Comments:              webmaster@sec.gov\n\n \n\
        CIK|Company Name|Form Type|Date Filed|File Name\n\
        --------------------------------------------------------------------------------\n\
        1017447|IMH ASSETS CORP|8-K|20021213|edgar/data/1017447/0001020242-02-000466.txt\n\
        1176349|IMPAC SECURED ASSETS CORP|MORTGAGE PASS THR|8-K/A|20021212|edgar/data/1176349/0001020242-02-000470.txt\n\
        garbage line\n";

    #[test]
    fn rows_after_the_dashes() {
        let parsed = parse_master(DAILY);
        let parsed = parsed.as_ref();
        assert_eq!(parsed.map(|p| (p.filings.len(), p.skipped)), Some((2, 1)));
        let first = parsed.and_then(|p| p.filings.first());
        assert_eq!(first.map(|f| f.cik), Some(1_017_447));
        assert_eq!(
            first.map(|f| f.accession.as_str()),
            Some("0001020242-02-000466")
        );
        assert_eq!(
            first.map(|f| f.filed_date.to_string()),
            Some("2002-12-13".to_string())
        );
        let second = parsed.and_then(|p| p.filings.get(1));
        assert_eq!(
            second.map(|f| (f.company.as_str(), f.form.as_str())),
            Some(("IMPAC SECURED ASSETS CORP|MORTGAGE PASS THR", "8-K/A"))
        );
    }

    #[test]
    fn no_dashes_no_index() {
        assert!(parse_master("CIK|Company Name|Form Type|Date Filed|Filename\n").is_none());
        let empty = parse_master("CIK|Company Name|Form Type|Date Filed|Filename\n-----\n");
        assert_eq!(empty.map(|p| p.filings.len()), Some(0));
    }
}
