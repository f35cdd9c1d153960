//! Discovery against the simulator: the submissions API with paged older filings, the daily and
//! quarterly `master.idx`, and fetching a real sample submission byte for byte.

mod support;

use std::collections::BTreeSet;
use std::path::Path;

use chrono::NaiveDate;
use remit_edgar_sim::{start, Corpus, SimConfig};
use remit_fetch::{filter, Edgar, Error};
use support::{client_config, corpus_of, imh_filings, submission, IMH_CIK};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

#[tokio::test]
async fn submissions_follow_every_older_page() {
    let filings = imh_filings(8);
    let mut corpus = corpus_of(&filings);
    corpus
        .add(submission(
            1_176_349,
            "0001020242-02-000470",
            "8-K/A",
            "20021212",
            "IMPAC SECURED ASSETS CORP",
        ))
        .expect("submission");
    // Three in `recent`, the other five on pages of three: two page files.
    let config = SimConfig {
        recent_limit: 3,
        ..SimConfig::default()
    };
    let sim = start(corpus, config).await.expect("simulator");
    let edgar = Edgar::new(client_config(sim.www_base(), sim.data_base())).expect("client");

    let listed = edgar.submissions(IMH_CIK).await.expect("listing");
    let accessions: BTreeSet<&str> = listed.iter().map(|f| f.accession.as_str()).collect();
    let expected: BTreeSet<&str> = filings.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(listed.len(), 8);
    assert_eq!(accessions, expected);
    let oldest = listed
        .iter()
        .find(|f| f.accession == "0001020242-02-000500")
        .expect("oldest");
    assert_eq!(oldest.filed_date, day(2002, 10, 1));
    assert_eq!(
        (oldest.cik, oldest.form.as_str(), oldest.company.as_str()),
        (IMH_CIK, "8-K", "IMH ASSETS CORP")
    );

    let paths: Vec<String> = sim.requests().iter().map(|r| r.path.clone()).collect();
    assert_eq!(
        paths,
        [
            "/submissions/CIK0001017447.json",
            "/submissions/CIK0001017447-submissions-001.json",
            "/submissions/CIK0001017447-submissions-002.json",
        ]
    );
    assert_eq!(edgar.stats().requests, 3);

    let october = filter(
        listed,
        &["8-K".to_string()],
        Some(day(2002, 10, 3)),
        Some(day(2002, 10, 5)),
    );
    let picked: Vec<&str> = october.iter().map(|f| f.accession.as_str()).collect();
    let mut picked = picked;
    picked.sort_unstable();
    assert_eq!(
        picked,
        [
            "0001020242-02-000502",
            "0001020242-02-000503",
            "0001020242-02-000504"
        ]
    );

    // A CIK EDGAR does not know is permanent, not retried.
    let unknown = edgar.submissions(999_999).await.expect_err("unknown CIK");
    assert!(
        unknown.is_permanent() && unknown.is_not_found(),
        "{unknown}"
    );
    assert_eq!(sim.requests().len(), 4);
    sim.shutdown().await;
}

/// The listing handed over a part at a time, as each arrives: `recent` first, then each page,
/// so a caller can fetch the first filings before the last page is asked for.
#[tokio::test]
async fn submissions_by_page_hands_over_each_part_as_it_arrives() {
    let filings = imh_filings(8);
    let config = SimConfig {
        recent_limit: 3,
        ..SimConfig::default()
    };
    let sim = start(corpus_of(&filings), config).await.expect("simulator");
    let edgar = Edgar::new(client_config(sim.www_base(), sim.data_base())).expect("client");

    // Each part, with how many requests the simulator had seen when it was handed over.
    let mut parts: Vec<(Vec<String>, usize)> = Vec::new();
    let listed = edgar
        .submissions_by_page(IMH_CIK, |page| {
            let accessions = page.into_iter().map(|f| f.accession).collect();
            parts.push((accessions, sim.requests().len()));
        })
        .await
        .expect("listing");
    assert_eq!(listed, 8);
    // Newest first, three a part; each part handed over before the next page was asked for.
    assert_eq!(
        parts,
        [
            (
                vec![
                    "0001020242-02-000507".to_string(),
                    "0001020242-02-000506".to_string(),
                    "0001020242-02-000505".to_string()
                ],
                1
            ),
            (
                vec![
                    "0001020242-02-000504".to_string(),
                    "0001020242-02-000503".to_string(),
                    "0001020242-02-000502".to_string()
                ],
                2
            ),
            (
                vec![
                    "0001020242-02-000501".to_string(),
                    "0001020242-02-000500".to_string()
                ],
                3
            ),
        ]
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn daily_and_quarterly_indexes() {
    let filings = imh_filings(5); // 2002-10-01 (a Tuesday) to 2002-10-05
    let sim = start(corpus_of(&filings), SimConfig::default())
        .await
        .expect("simulator");
    let edgar = Edgar::new(client_config(sim.www_base(), sim.data_base())).expect("client");

    let third = edgar
        .daily_index(day(2002, 10, 3))
        .await
        .expect("daily index")
        .expect("an index that day");
    assert_eq!(third.len(), 1);
    let row = third.first().expect("row");
    assert_eq!(
        (row.cik, row.accession.as_str(), row.form.as_str()),
        (IMH_CIK, "0001020242-02-000502", "8-K")
    );
    assert_eq!(row.filed_date, day(2002, 10, 3));

    // A day in the future has no index yet: `None`, not an error.
    let future = day(2099, 1, 2);
    assert_eq!(edgar.daily_index(future).await.expect("no error"), None);
    let requested: Vec<String> = sim.requests().iter().map(|r| r.path.clone()).collect();
    assert_eq!(
        requested,
        [
            "/Archives/edgar/daily-index/2002/QTR4/master.20021003.idx",
            "/Archives/edgar/daily-index/2099/QTR1/master.20990102.idx",
        ]
    );

    let quarter = edgar
        .quarterly_index(2002, 4)
        .await
        .expect("quarterly index");
    let accessions: Vec<&str> = quarter.iter().map(|f| f.accession.as_str()).collect();
    assert_eq!(accessions.len(), 5);
    assert!(accessions.contains(&"0001020242-02-000504"));
    assert!(edgar.quarterly_index(2002, 5).await.is_err());
    sim.shutdown().await;
}

#[tokio::test]
async fn real_sample_submission_arrives_byte_for_byte() {
    let sample =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sample/0001020242-02-000466.txt");
    let text = std::fs::read_to_string(&sample).expect("the sample submission");
    let mut corpus = Corpus::new();
    corpus.add(text.clone()).expect("sample");
    let sim = start(corpus, SimConfig::default())
        .await
        .expect("simulator");
    let edgar = Edgar::new(client_config(sim.www_base(), sim.data_base())).expect("client");

    let listed = edgar.submissions(IMH_CIK).await.expect("listing");
    let filing = listed.first().expect("the sample is listed");
    assert_eq!(filing.accession, "0001020242-02-000466");
    assert_eq!(filing.filed_date, day(2002, 12, 13));
    assert_eq!(filing.report_date, Some(day(2002, 11, 25)));
    let body = edgar.fetch_submission(filing).await.expect("submission");
    assert_eq!(body.len(), text.len());
    assert!(body.as_ref() == text.as_bytes());
    assert_eq!(
        sim.requests().last().map(|r| r.path.as_str()),
        Some("/Archives/edgar/data/1017447/000102024202000466/0001020242-02-000466.txt")
    );

    let mut bad = filing.clone();
    bad.accession = "../../secrets".to_string();
    assert!(matches!(
        edgar.fetch_submission(&bad).await,
        Err(Error::Accession(_))
    ));
    sim.shutdown().await;
}
