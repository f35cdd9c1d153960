//! A raw HTTP/1.1 client for the simulator tests, and hand-written submissions.
#![allow(dead_code)]

use std::net::SocketAddr;

use remit_edgar_sim::Corpus;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub const UA: &str = "Remit Tests remit-tests@example.org";

/// What came back on one connection.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn declared_len(&self) -> Option<usize> {
        self.header("content-length")?.parse().ok()
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("JSON body")
    }
}

/// GET `path` on a fresh connection with `Connection: close`; `None` when the server sent no
/// status line at all (a reset).
pub async fn get_as(addr: SocketAddr, path: &str, user_agent: Option<&str>) -> Option<Answer> {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let ua = user_agent
        .map(|ua| format!("User-Agent: {ua}\r\n"))
        .unwrap_or_default();
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n{ua}Connection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.expect("send");
    let mut raw = Vec::new();
    // A reset may surface as an error part-way; keep what arrived.
    let mut chunk = [0u8; 8192];
    loop {
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(n) => raw.extend_from_slice(&chunk[..n]),
        }
    }
    parse(&raw)
}

pub async fn get(addr: SocketAddr, path: &str) -> Answer {
    get_as(addr, path, Some(UA)).await.expect("an answer")
}

pub fn parse(raw: &[u8]) -> Option<Answer> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    Some(Answer {
        status,
        headers,
        body: raw[end + 4..].to_vec(),
    })
}

/// One document of a hand-written submission: (type, filename, description, text).
pub type Doc<'a> = (&'a str, &'a str, &'a str, &'a str);

/// A minimal 2002-style full submission: PEM wrapper, SGML header, documents.
pub fn submission(
    accession: &str,
    form: &str,
    filed: &str,
    period: &str,
    filers: &[(&str, &str)],
    docs: &[Doc],
) -> String {
    let mut s = format!(
        "-----BEGIN PRIVACY-ENHANCED MESSAGE-----\nProc-Type: 2001,MIC-CLEAR\n\
         Originator-Name: webmaster@www.sec.gov\n\n\
         <SEC-DOCUMENT>{accession}.txt : {filed}\n<SEC-HEADER>{accession}.hdr.sgml : {filed}\n\
         <ACCEPTANCE-DATETIME>{filed}173000\n\
         ACCESSION NUMBER:\t\t{accession}\nCONFORMED SUBMISSION TYPE:\t{form}\n\
         PUBLIC DOCUMENT COUNT:\t\t{}\nCONFORMED PERIOD OF REPORT:\t{period}\n\
         ITEM INFORMATION:\t\tOther events\nFILED AS OF DATE:\t\t{filed}\n\n",
        docs.len()
    );
    for (name, cik) in filers {
        s.push_str(&format!(
            "FILER:\t\n\n\tCOMPANY DATA:\t\n\t\tCOMPANY CONFORMED NAME:\t\t\t{name}\n\
             \t\tCENTRAL INDEX KEY:\t\t\t{cik}\n\
             \t\tSTANDARD INDUSTRIAL CLASSIFICATION:\tASSET-BACKED SECURITIES [6189]\n\n\
             \tFILING VALUES:\n\t\tFORM TYPE:\t\t{form}\n\t\tSEC ACT:\t\t1934 Act\n\
             \t\tSEC FILE NUMBER:\t333-06637\n\t\tFILM NUMBER:\t\t02000000\n\n"
        ));
    }
    s.push_str("</SEC-HEADER>\n");
    for (i, (doc_type, filename, description, text)) in docs.iter().enumerate() {
        s.push_str(&format!(
            "<DOCUMENT>\n<TYPE>{doc_type}\n<SEQUENCE>{}\n<FILENAME>{filename}\n\
             <DESCRIPTION>{description}\n<TEXT>\n{text}\n</TEXT>\n</DOCUMENT>\n",
            i + 1
        ));
    }
    s.push_str("</SEC-DOCUMENT>\n-----END PRIVACY-ENHANCED MESSAGE-----\n");
    s
}

pub const IMH: (&str, &str) = ("IMH ASSETS CORP", "0001017447");
pub const SER3: (&str, &str) = (
    "IMPAC SECURED ASSETS CORP MORTGAGE PASS THR CERT SER 2002-3",
    "0001176349",
);

pub const OCT: &str = "Impac CMB Trust 2002-1 October 25, 2002 Distribution\n";
pub const NOV: &str = "Impac CMB Trust 2002-1 November 25, 2002 Distribution\n";
pub const DEC: &str = "Impac CMB Trust 2002-1 December 26, 2002 Distribution\n";
pub const EX99: &str = "Series 2002-3 Monthly Remittance Statement\n";

/// Four filings: three 8-Ks of CIK 1017447 (Oct, Nov, Dec 2002; Dec under an older name) and
/// one of CIK 1176349 with a cover 8-K and the statement as EX-99.
pub fn corpus_texts() -> Vec<String> {
    vec![
        submission(
            "0001020242-02-000400",
            "8-K",
            "20021113",
            "20021025",
            &[("IMH ASSETS CORPORATION", "0001017447")],
            &[("8-K", "im0210.txt", "OCTOBER 8-K", OCT)],
        ),
        submission(
            "0001020242-02-000466",
            "8-K",
            "20021213",
            "20021125",
            &[IMH],
            &[(
                "8-K",
                "im020111.txt",
                "IMH ASSETS CORP SERIES 2002-1 8-K",
                NOV,
            )],
        ),
        submission(
            "0001020242-03-000012",
            "8-K",
            "20030110",
            "20021226",
            &[IMH],
            &[("8-K", "im0212.txt", "DECEMBER 8-K", DEC)],
        ),
        submission(
            "0001020242-02-000470",
            "8-K",
            "20021213",
            "20021125",
            &[SER3],
            &[
                ("8-K", "ser3cover.txt", "COVER", "Form 8-K cover\n"),
                ("EX-99", "ser3ex99.txt", "REMITTANCE STATEMENT", EX99),
            ],
        ),
    ]
}

pub fn corpus() -> Corpus {
    let mut corpus = Corpus::new();
    for text in corpus_texts() {
        corpus.add(text).expect("hand-written submission parses");
    }
    corpus
}
