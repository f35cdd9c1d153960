//! Finding filings (submissions API, daily and quarterly indexes) and fetching one.

use bytes::Bytes;
use chrono::{Datelike, NaiveDate};

use crate::answer::Resource;
use crate::client::Edgar;
use crate::error::Error;
use crate::filing::{is_accession, FilingRef};
use crate::index::parse_master;
use crate::submissions::{entity_path, is_page_name, Columns, Entity};

impl Edgar {
    /// Every filing the submissions API lists for `cik`: `filings.recent`, then each older page
    /// named in `filings.files`. A CIK EDGAR does not know is [`Error::Permanent`] (404).
    pub async fn submissions(&self, cik: u64) -> Result<Vec<FilingRef>, Error> {
        let mut filings = Vec::new();
        self.submissions_by_page(cik, |page| filings.extend(page))
            .await?;
        Ok(filings)
    }

    /// The same listing, handed to `page` a part at a time as each arrives (`filings.recent`,
    /// then each older page), so a caller can fetch the first filings while the rest is still
    /// being listed. Returns how many filings were listed. A listing that names a page which is
    /// not one is refused before any of it is handed over; a page that then fails to come ends
    /// the listing with that error, after the parts before it.
    pub async fn submissions_by_page(
        &self,
        cik: u64,
        mut page: impl FnMut(Vec<FilingRef>),
    ) -> Result<usize, Error> {
        let url = format!("{}/{}", self.data_base(), entity_path(cik));
        let body = self.get(&url, Resource::Json).await?;
        let entity: Entity = json(&url, &body)?;
        if let Some(bad) = entity.filings.files.iter().find(|p| !is_page_name(&p.name)) {
            return Err(Error::Malformed {
                url,
                what: format!("filings.files names {:?}, not a page file", bad.name),
            });
        }
        let (recent, mut skipped) = entity.filings.recent.filings(cik, &entity.name);
        let mut listed = recent.len();
        page(recent);
        for older in &entity.filings.files {
            let page_url = format!("{}/submissions/{}", self.data_base(), older.name);
            let body = self.get(&page_url, Resource::Json).await?;
            let columns: Columns = json(&page_url, &body)?;
            let (more, more_skipped) = columns.filings(cik, &entity.name);
            listed += more.len();
            skipped += more_skipped;
            page(more);
        }
        if skipped > 0 {
            tracing::warn!(
                cik,
                skipped,
                "submissions rows without an accession, date or form"
            );
        }
        tracing::debug!(
            cik,
            filings = listed,
            pages = entity.filings.files.len(),
            "listed"
        );
        Ok(listed)
    }

    /// The filings of one day's `master.{YYYYMMDD}.idx`; `None` when EDGAR has no index for that
    /// day (a weekend, a holiday, or a day not built yet: they are built from about 10 pm ET).
    pub async fn daily_index(&self, date: NaiveDate) -> Result<Option<Vec<FilingRef>>, Error> {
        let url = format!(
            "{}/Archives/edgar/daily-index/{}/QTR{}/master.{}.idx",
            self.www_base(),
            date.year(),
            quarter_of(date),
            date.format("%Y%m%d")
        );
        match self.get(&url, Resource::Index).await {
            Ok(body) => index(&url, &body).map(Some),
            Err(e) if e.is_not_found() => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The filings of a quarter's `full-index/{year}/QTR{quarter}/master.idx`.
    pub async fn quarterly_index(&self, year: i32, quarter: u32) -> Result<Vec<FilingRef>, Error> {
        if !(1..=4).contains(&quarter) {
            return Err(Error::Config(format!("quarter {quarter} is not 1 to 4")));
        }
        let url = format!(
            "{}/Archives/edgar/full-index/{year}/QTR{quarter}/master.idx",
            self.www_base()
        );
        let body = self.get(&url, Resource::Index).await?;
        index(&url, &body)
    }

    /// The full submission `.txt` of a filing, checked to start like one.
    pub async fn fetch_submission(&self, filing: &FilingRef) -> Result<Bytes, Error> {
        if !is_accession(&filing.accession) {
            return Err(Error::Accession(filing.accession.clone()));
        }
        let url = format!(
            "{}/Archives/edgar/data/{}/{}/{}.txt",
            self.www_base(),
            filing.cik,
            filing.folder(),
            filing.accession
        );
        self.get(&url, Resource::Submission).await
    }
}

fn quarter_of(date: NaiveDate) -> u32 {
    date.month0() / 3 + 1
}

fn json<T: serde::de::DeserializeOwned>(url: &str, body: &[u8]) -> Result<T, Error> {
    serde_json::from_slice(body).map_err(|e| Error::Malformed {
        url: url.to_string(),
        what: format!(
            "not the submissions JSON: {e} (line {}, column {})",
            e.line(),
            e.column()
        ),
    })
}

fn index(url: &str, body: &[u8]) -> Result<Vec<FilingRef>, Error> {
    let text = String::from_utf8_lossy(body);
    let parsed = parse_master(&text).ok_or_else(|| Error::Malformed {
        url: url.to_string(),
        what: "no line of dashes after the index header".to_string(),
    })?;
    if parsed.skipped > 0 {
        tracing::warn!(url, skipped = parsed.skipped, "index rows not understood");
    }
    Ok(parsed.filings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters() {
        let q = |m| NaiveDate::from_ymd_opt(2002, m, 1).map(quarter_of);
        assert_eq!(
            [q(1), q(3), q(4), q(6), q(7), q(12)],
            [Some(1), Some(1), Some(2), Some(2), Some(3), Some(4)]
        );
    }
}
