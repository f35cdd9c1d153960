//! Shared by the integration tests: hand-written submissions, a client config, log capture and
//! a one-answer HTTP server for answers the simulator does not give.
#![allow(dead_code)]

use std::io::Write;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use remit_edgar_sim::Corpus;
use remit_fetch::{ClientConfig, FilingRef};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

pub const UA: &str = "Remit Fetch Tests fetch-tests@example.org";
pub const IMH_CIK: u64 = 1_017_447;

/// This test process's request-budget directory, never the user's own: tests must not wait on
/// (or slow) a real run. The budget is keyed by host and port, so tests with their own simulator
/// never share a budget by accident.
pub fn budget_dir() -> std::path::PathBuf {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("temp dir"))
        .path()
        .to_path_buf()
}

/// A client pointed at `www`/`data` with a short cool-down for tests.
pub fn client_config(www: String, data: String) -> ClientConfig {
    ClientConfig {
        user_agent: UA.to_string(),
        www_base: www,
        data_base: data,
        cooldown: Duration::from_millis(1500),
        max_probe_interval: Duration::from_secs(4),
        // A block nobody expected fails the test in seconds, not SEC's hour.
        block_limit: Duration::from_secs(20),
        timeout: Duration::from_secs(10),
        budget_dir: Some(budget_dir()),
        ..ClientConfig::default()
    }
}

/// A minimal 2002-style full submission (PEM wrapper, SGML header, one 8-K document).
/// Made up for tests.
pub fn submission(cik: u64, accession: &str, form: &str, filed: &str, company: &str) -> String {
    format!(
        "-----BEGIN PRIVACY-ENHANCED MESSAGE-----\nProc-Type: 2001,MIC-CLEAR\n\
         Originator-Name: webmaster@www.sec.gov\n\n\
         <SEC-DOCUMENT>{accession}.txt : {filed}\n<SEC-HEADER>{accession}.hdr.sgml : {filed}\n\
         ACCESSION NUMBER:\t\t{accession}\nCONFORMED SUBMISSION TYPE:\t{form}\n\
         PUBLIC DOCUMENT COUNT:\t\t1\nFILED AS OF DATE:\t\t{filed}\n\n\
         FILER:\t\n\n\tCOMPANY DATA:\t\n\t\tCOMPANY CONFORMED NAME:\t\t\t{company}\n\
         \t\tCENTRAL INDEX KEY:\t\t\t{cik:010}\n\n</SEC-HEADER>\n\
         <DOCUMENT>\n<TYPE>{form}\n<SEQUENCE>1\n<FILENAME>made-up.txt\n<TEXT>\n\
         MADE UP FOR TESTS: statement of {accession}\n{}\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n\
         -----END PRIVACY-ENHANCED MESSAGE-----\n",
        "Distribution line of a made-up statement\n".repeat(40)
    )
}

/// `count` made-up 8-Ks of CIK 1017447, accessions `0001020242-02-000500` on, filed one a day
/// from 2002-10-01.
pub fn imh_filings(count: usize) -> Vec<(String, String)> {
    (0..count)
        .map(|i| {
            let accession = format!("0001020242-02-{:06}", 500 + i);
            let day = chrono::NaiveDate::from_ymd_opt(2002, 10, 1)
                .map(|d| d + chrono::Duration::days(i as i64))
                .expect("date");
            let text = submission(
                IMH_CIK,
                &accession,
                "8-K",
                &day.format("%Y%m%d").to_string(),
                "IMH ASSETS CORP",
            );
            (accession, text)
        })
        .collect()
}

pub fn corpus_of(filings: &[(String, String)]) -> Corpus {
    let mut corpus = Corpus::new();
    for (_, text) in filings {
        corpus.add(text.clone()).expect("a valid submission");
    }
    corpus
}

pub fn filing_ref(cik: u64, accession: &str) -> FilingRef {
    FilingRef {
        cik,
        company: "IMH ASSETS CORP".to_string(),
        form: "8-K".to_string(),
        filed_date: chrono::NaiveDate::from_ymd_opt(2002, 12, 13).expect("date"),
        accession: accession.to_string(),
        report_date: None,
    }
}

/// Everything logged while the guard lives, on this thread (tests run on a current-thread
/// runtime, so the client's and the simulator's tasks log here too).
#[derive(Clone, Default)]
pub struct Logs(Arc<Mutex<Vec<u8>>>);

impl Logs {
    pub fn capture(&self) -> tracing::subscriber::DefaultGuard {
        let sink = self.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_ansi(false)
            .with_max_level(tracing::Level::INFO)
            .with_writer(move || sink.clone())
            .finish();
        tracing::subscriber::set_default(subscriber)
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().expect("log lock")).into_owned()
    }
}

impl Write for Logs {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("log lock").extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A server giving every request the same answer; returns its base URL and the request heads.
pub async fn one_answer_server(
    status: u16,
    headers: &[(&str, &str)],
    body: Vec<u8>,
) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr: SocketAddr = listener.local_addr().expect("addr");
    let heads = Arc::new(Mutex::new(Vec::new()));
    let mut answer = format!(
        "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        answer.push_str(&format!("{name}: {value}\r\n"));
    }
    answer.push_str("\r\n");
    let mut answer = answer.into_bytes();
    answer.extend_from_slice(&body);
    let seen = Arc::clone(&heads);
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") {
                match stream.read(&mut byte).await {
                    Ok(1) => head.push(byte[0]),
                    _ => break,
                }
            }
            seen.lock()
                .expect("heads")
                .push(String::from_utf8_lossy(&head).into_owned());
            let _ = stream.write_all(&answer).await;
            let _ = stream.shutdown().await;
        }
    });
    (format!("http://{addr}"), heads)
}
