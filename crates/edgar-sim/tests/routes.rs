//! Each EDGAR route answers with the body EDGAR would give, from a hand-written corpus.

mod support;

use remit_edgar_sim::{start, SimConfig};
use serde_json::json;
use support::*;

fn config(recent_limit: usize) -> SimConfig {
    SimConfig {
        // These tests make many requests back to back; the threshold has tests of its own.
        threshold: None,
        recent_limit,
        ..SimConfig::default()
    }
}

#[tokio::test]
async fn submissions_json_lists_filings_newest_first() {
    let sim = start(corpus(), config(1000)).await.unwrap();
    let answer = get(sim.addr(), "/submissions/CIK0001017447.json").await;
    assert_eq!(answer.status, 200);
    assert!(answer
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    let v = answer.json();
    assert_eq!(v["cik"], "1017447");
    assert_eq!(v["name"], "IMH ASSETS CORP");
    assert_eq!(v["sic"], "6189");
    assert_eq!(v["sicDescription"], "ASSET-BACKED SECURITIES");
    assert_eq!(
        v["formerNames"],
        json!([{"name": "IMH ASSETS CORPORATION", "from": "2002-11-13T00:00:00.000Z", "to": "2002-11-13T00:00:00.000Z"}])
    );
    let recent = &v["filings"]["recent"];
    assert_eq!(
        recent["accessionNumber"],
        json!([
            "0001020242-03-000012",
            "0001020242-02-000466",
            "0001020242-02-000400"
        ])
    );
    assert_eq!(
        recent["filingDate"],
        json!(["2003-01-10", "2002-12-13", "2002-11-13"])
    );
    assert_eq!(
        recent["reportDate"],
        json!(["2002-12-26", "2002-11-25", "2002-10-25"])
    );
    assert_eq!(recent["acceptanceDateTime"][1], "2002-12-13T17:30:00.000Z");
    assert_eq!(recent["form"], json!(["8-K", "8-K", "8-K"]));
    assert_eq!(recent["fileNumber"][0], "333-06637");
    assert_eq!(recent["filmNumber"][0], "02000000");
    assert_eq!(
        recent["primaryDocument"],
        json!(["im0212.txt", "im020111.txt", "im0210.txt"])
    );
    assert_eq!(
        recent["primaryDocDescription"][1],
        "IMH ASSETS CORP SERIES 2002-1 8-K"
    );
    let nov_size = corpus_texts()[1].len();
    assert_eq!(recent["size"][1], json!(nov_size));
    assert_eq!(v["filings"]["files"], json!([]));
    sim.shutdown().await;
}

#[tokio::test]
async fn submissions_beyond_recent_limit_are_paged() {
    let sim = start(corpus(), config(2)).await.unwrap();
    let v = get(sim.addr(), "/submissions/CIK0001017447.json")
        .await
        .json();
    assert_eq!(
        v["filings"]["recent"]["accessionNumber"],
        json!(["0001020242-03-000012", "0001020242-02-000466"])
    );
    assert_eq!(
        v["filings"]["files"],
        json!([{"name": "CIK0001017447-submissions-001.json", "filingCount": 1,
                "filingFrom": "2002-11-13", "filingTo": "2002-11-13"}])
    );
    let page = get(
        sim.addr(),
        "/submissions/CIK0001017447-submissions-001.json",
    )
    .await;
    assert_eq!(page.status, 200);
    let page = page.json();
    assert!(
        page.get("filings").is_none(),
        "a page has no filings wrapper"
    );
    assert_eq!(page["accessionNumber"], json!(["0001020242-02-000400"]));
    assert_eq!(page["primaryDocument"], json!(["im0210.txt"]));
    let past_end = get(
        sim.addr(),
        "/submissions/CIK0001017447-submissions-002.json",
    )
    .await;
    assert_eq!(past_end.status, 404);
    sim.shutdown().await;
}

#[tokio::test]
async fn unknown_or_unpadded_cik_is_not_found() {
    let sim = start(corpus(), config(1000)).await.unwrap();
    for path in [
        "/submissions/CIK0000000001.json",
        "/submissions/CIK1017447.json",
        "/nothing",
    ] {
        let answer = get(sim.addr(), path).await;
        assert_eq!(answer.status, 404, "{path}");
        assert!(answer.text().contains("<html"), "error pages are HTML");
    }
    sim.shutdown().await;
}

#[tokio::test]
async fn full_submission_in_folder_and_flat_is_the_file_byte_for_byte() {
    let sim = start(corpus(), config(1000)).await.unwrap();
    let texts = corpus_texts();
    let folder = get(
        sim.addr(),
        "/Archives/edgar/data/1017447/000102024202000466/0001020242-02-000466.txt",
    )
    .await;
    assert_eq!(folder.status, 200);
    assert_eq!(folder.body, texts[1].as_bytes());
    assert_eq!(folder.declared_len(), Some(texts[1].len()));
    let flat = get(
        sim.addr(),
        "/Archives/edgar/data/1017447/0001020242-02-000466.txt",
    )
    .await;
    assert_eq!(flat.body, texts[1].as_bytes());
    // The filing exists only under its own filers' CIKs.
    let elsewhere = get(
        sim.addr(),
        "/Archives/edgar/data/1176349/0001020242-02-000466.txt",
    )
    .await;
    assert_eq!(elsewhere.status, 404);
    let document = get(
        sim.addr(),
        "/Archives/edgar/data/1176349/000102024202000470/ser3ex99.txt",
    )
    .await;
    assert_eq!(document.text(), EX99);
    sim.shutdown().await;
}

#[tokio::test]
async fn index_page_and_json_list_the_documents() {
    let sim = start(corpus(), config(1000)).await.unwrap();
    let base = "/Archives/edgar/data/1176349/000102024202000470";
    let page = get(
        sim.addr(),
        &format!("{base}/0001020242-02-000470-index.htm"),
    )
    .await;
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(html.contains("<table class=\"tableFile\""));
    assert!(html.contains(
        "<tr><td scope=\"row\">2</td><td scope=\"row\">REMITTANCE STATEMENT</td>\
         <td scope=\"row\"><a href=\"/Archives/edgar/data/1176349/000102024202000470/ser3ex99.txt\">ser3ex99.txt</a></td>\
         <td scope=\"row\">EX-99</td><td scope=\"row\">43</td></tr>"
    ));
    let total = corpus_texts()[3].len();
    assert!(html.contains(&format!(
        "0001020242-02-000470.txt</a></td><td scope=\"row\">&nbsp;</td><td scope=\"row\">{total}</td>"
    )));
    let listing = get(sim.addr(), &format!("{base}/index.json")).await.json();
    assert_eq!(listing["directory"]["name"], base);
    assert_eq!(
        listing["directory"]["parent-dir"],
        "/Archives/edgar/data/1176349"
    );
    let names: Vec<&str> = listing["directory"]["item"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "ser3cover.txt",
            "ser3ex99.txt",
            "0001020242-02-000470.txt",
            "0001020242-02-000470-index-headers.html",
            "0001020242-02-000470-index.htm"
        ]
    );
    assert_eq!(listing["directory"]["item"][1]["size"], "43");
    let headers = get(
        sim.addr(),
        &format!("{base}/0001020242-02-000470-index-headers.html"),
    )
    .await;
    assert!(headers
        .text()
        .contains("&lt;ACCEPTANCE-DATETIME&gt;20021213173000"));
    sim.shutdown().await;
}

const DASHES: &str =
    "--------------------------------------------------------------------------------\n";

#[tokio::test]
async fn quarterly_master_and_form_index() {
    let sim = start(corpus(), config(1000)).await.unwrap();
    let master = get(
        sim.addr(),
        "/Archives/edgar/full-index/2002/QTR4/master.idx",
    )
    .await;
    assert_eq!(master.status, 200);
    let text = master.text();
    assert!(text.starts_with("Description:           Master Index of EDGAR Dissemination Feed\n"));
    assert!(text.contains("Last Data Received:    December 31, 2002\n"));
    let (_, rows) = text
        .split_once(&format!(
            "CIK|Company Name|Form Type|Date Filed|Filename\n{DASHES}"
        ))
        .expect("column line then dashes");
    assert_eq!(
        rows,
        "1017447|IMH ASSETS CORPORATION|8-K|2002-11-13|edgar/data/1017447/0001020242-02-000400.txt\n\
         1017447|IMH ASSETS CORP|8-K|2002-12-13|edgar/data/1017447/0001020242-02-000466.txt\n\
         1176349|IMPAC SECURED ASSETS CORP MORTGAGE PASS THR CERT SER 2002-3|8-K|2002-12-13|edgar/data/1176349/0001020242-02-000470.txt\n"
    );
    let q1 = get(
        sim.addr(),
        "/Archives/edgar/full-index/2003/QTR1/master.idx",
    )
    .await
    .text();
    assert!(q1.ends_with(
        "1017447|IMH ASSETS CORP|8-K|2003-01-10|edgar/data/1017447/0001020242-03-000012.txt\n"
    ));
    let form = get(sim.addr(), "/Archives/edgar/full-index/2002/QTR4/form.idx")
        .await
        .text();
    assert!(form.contains(
        "\n8-K         IMH ASSETS CORP                                               1017447     2002-12-13  edgar/data/1017447/0001020242-02-000466.txt"
    ));
    assert!(form.contains("Form Type   Company Name"));
    sim.shutdown().await;
}

#[tokio::test]
async fn daily_index_by_business_day() {
    let sim = start(corpus(), config(1000)).await.unwrap();
    let day = get(
        sim.addr(),
        "/Archives/edgar/daily-index/2002/QTR4/master.20021213.idx",
    )
    .await;
    assert_eq!(day.status, 200);
    let (_, rows) = day
        .text()
        .split_once(&format!(
            "CIK|Company Name|Form Type|Date Filed|File Name\n{DASHES}"
        ))
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .expect("daily column line");
    assert_eq!(
        rows,
        "1017447|IMH ASSETS CORP|8-K|20021213|edgar/data/1017447/0001020242-02-000466.txt\n\
         1176349|IMPAC SECURED ASSETS CORP MORTGAGE PASS THR CERT SER 2002-3|8-K|20021213|edgar/data/1176349/0001020242-02-000470.txt\n"
    );
    // Monday 2002-12-16: nothing filed, the index still exists, header only.
    let empty = get(
        sim.addr(),
        "/Archives/edgar/daily-index/2002/QTR4/master.20021216.idx",
    )
    .await;
    assert_eq!(empty.status, 200);
    assert!(empty.text().ends_with(&format!("File Name\n{DASHES}")));
    let form = get(
        sim.addr(),
        "/Archives/edgar/daily-index/2002/QTR4/form.20021213.idx",
    )
    .await;
    assert!(form
        .text()
        .contains("1176349     20021213    edgar/data/1176349/0001020242-02-000470.txt"));
    for missing in [
        "/Archives/edgar/daily-index/2002/QTR4/master.20021214.idx", // a Saturday
        "/Archives/edgar/daily-index/2002/QTR3/master.20021213.idx", // wrong quarter folder
        "/Archives/edgar/daily-index/2999/QTR1/master.29990104.idx", // the future
        "/Archives/edgar/full-index/2999/QTR1/master.idx",
        "/Archives/edgar/full-index/2002/QTR5/master.idx",
    ] {
        assert_eq!(get(sim.addr(), missing).await.status, 404, "{missing}");
    }
    sim.shutdown().await;
}

#[tokio::test]
async fn keep_alive_connection_answers_several_requests() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let sim = start(corpus(), config(1000)).await.unwrap();
    let mut stream = tokio::net::TcpStream::connect(sim.addr()).await.unwrap();
    let request = format!(
        "GET /Archives/edgar/data/1176349/000102024202000470/ser3ex99.txt HTTP/1.1\r\nUser-Agent: {UA}\r\n\r\n\
         HEAD /submissions/CIK0001176349.json HTTP/1.1\r\nUser-Agent: {UA}\r\n\r\n\
         GET /Archives/edgar/data/1176349/000102024202000470/ser3ex99.txt HTTP/1.1\r\nUser-Agent: {UA}\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).await.unwrap();
    assert_eq!(raw.matches("HTTP/1.1 200 OK").count(), 3);
    assert_eq!(raw.matches(EX99).count(), 2, "HEAD sends no body");
    assert_eq!(sim.requests().len(), 3);
    sim.shutdown().await;
}
