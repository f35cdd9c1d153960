//! A filing as discovery finds it, before anything is fetched.

use chrono::NaiveDate;

/// One filing listed by the submissions API or an index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FilingRef {
    /// The filer the listing is under (one CIK can file for several trusts).
    pub cik: u64,
    pub company: String,
    /// `8-K`, `8-K/A`, `10-D`, ...
    pub form: String,
    pub filed_date: NaiveDate,
    /// `0001020242-02-000466`.
    pub accession: String,
    /// The period of report, where the listing gives one (the submissions API does).
    pub report_date: Option<NaiveDate>,
}

impl FilingRef {
    /// True if the form is one of `forms` (all forms when empty; case and blanks ignored) and
    /// the filing date lies in `since..=until`.
    pub fn matches(
        &self,
        forms: &[String],
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
    ) -> bool {
        let form = self.form.trim();
        (forms.is_empty() || forms.iter().any(|f| f.trim().eq_ignore_ascii_case(form)))
            && since.is_none_or(|since| self.filed_date >= since)
            && until.is_none_or(|until| self.filed_date <= until)
    }

    /// The accession without dashes: the filing's folder under `edgar/data/{cik}/`.
    pub fn folder(&self) -> String {
        self.accession.replace('-', "")
    }
}

/// Keeps the filings of `forms` (all when empty) filed in `since..=until`, in their order.
pub fn filter(
    filings: Vec<FilingRef>,
    forms: &[String],
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
) -> Vec<FilingRef> {
    filings
        .into_iter()
        .filter(|f| f.matches(forms, since, until))
        .collect()
}

/// `0001020242-02-000466`: ten digits (the filer agent's CIK), two (the year), six (a sequence).
pub fn is_accession(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    matches!(parts.as_slice(), [agent, year, sequence]
        if agent.len() == 10 && year.len() == 2 && sequence.len() == 6
            && [agent, year, sequence].iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())))
}

/// Dates as EDGAR writes them: ISO (`2002-12-13`), `20021213`, and the 6-digit `021213` of very
/// old daily indexes.
pub(crate) fn parse_edgar_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    match text.len() {
        10 => NaiveDate::parse_from_str(text, "%Y-%m-%d").ok(),
        8 => NaiveDate::parse_from_str(text, "%Y%m%d").ok(),
        6 => NaiveDate::parse_from_str(text, "%y%m%d").ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filing(form: &str, filed: (i32, u32, u32)) -> FilingRef {
        FilingRef {
            cik: 1_017_447,
            company: "IMH ASSETS CORP".to_string(),
            form: form.to_string(),
            filed_date: NaiveDate::from_ymd_opt(filed.0, filed.1, filed.2).unwrap_or_default(),
            accession: "0001020242-02-000466".to_string(),
            report_date: None,
        }
    }

    #[test]
    fn filter_by_form_and_inclusive_dates() {
        let filings = vec![
            filing("8-K", (2002, 12, 13)),
            filing("8-K/A", (2003, 1, 10)),
            filing("10-D", (2006, 3, 15)),
            filing("8-K", (2002, 11, 30)),
        ];
        let forms = vec!["8-k".to_string(), " 8-K/A".to_string()];
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        let kept = filter(filings.clone(), &forms, day(2002, 12, 1), day(2003, 1, 10));
        let dates: Vec<String> = kept.iter().map(|f| f.filed_date.to_string()).collect();
        assert_eq!(dates, ["2002-12-13", "2003-01-10"]);
        assert_eq!(filter(filings, &[], None, None).len(), 4);
    }

    #[test]
    fn accession_and_dates() {
        assert!(is_accession("0001020242-02-000466"));
        assert!(!is_accession("0001020242-02-00046"));
        assert!(!is_accession("../../etc/passwd"));
        assert!(!is_accession("000102024a-02-000466"));
        assert_eq!(filing("8-K", (2002, 12, 13)).folder(), "000102024202000466");
        let day = NaiveDate::from_ymd_opt(2002, 12, 13);
        assert_eq!(parse_edgar_date("2002-12-13"), day);
        assert_eq!(parse_edgar_date("20021213"), day);
        assert_eq!(parse_edgar_date("021213"), day);
        assert_eq!(parse_edgar_date("2002-13-01"), None);
    }
}
