//! Loading a corpus: the sample directory, and the errors a bad file earns.

mod support;

use remit_edgar_sim::{start, Corpus, Error, SimConfig};
use support::*;

fn sample_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sample")
}

#[tokio::test]
async fn sample_directory_serves_the_real_fixture() {
    let corpus = Corpus::from_dir(&sample_dir()).unwrap();
    assert_eq!(corpus.len(), 1);
    let sim = start(corpus, SimConfig::default()).await.unwrap();
    let v = get(sim.addr(), "/submissions/CIK0001017447.json")
        .await
        .json();
    assert_eq!(
        v["filings"]["recent"]["accessionNumber"][0],
        "0001020242-02-000466"
    );
    assert_eq!(v["filings"]["recent"]["primaryDocument"][0], "im020111.txt");
    let document = get(
        sim.addr(),
        "/Archives/edgar/data/1017447/000102024202000466/im020111.txt",
    )
    .await;
    let fixture = std::fs::read(sample_dir().join("../fixtures/im020111.txt")).unwrap();
    assert!(
        document.body == fixture,
        "the document is the fixture byte for byte"
    );
    sim.shutdown().await;
}

#[test]
fn nested_directories_are_searched_and_duplicates_refused() {
    let dir = tempfile::tempdir().unwrap();
    let texts = corpus_texts();
    std::fs::create_dir_all(dir.path().join("2002/q4")).unwrap();
    std::fs::write(dir.path().join("a.txt"), &texts[0]).unwrap();
    std::fs::write(dir.path().join("2002/q4/b.txt"), &texts[1]).unwrap();
    std::fs::write(dir.path().join("notes.md"), "not a filing").unwrap();
    assert_eq!(Corpus::from_dir(dir.path()).unwrap().len(), 2);
    std::fs::write(dir.path().join("2002/c.txt"), &texts[1]).unwrap();
    match Corpus::from_dir(dir.path()) {
        Err(Error::Duplicate { accession, origin }) => {
            assert_eq!(accession, "0001020242-02-000466");
            assert!(
                origin.ends_with("c.txt") || origin.ends_with("b.txt"),
                "{origin}"
            );
        }
        other => panic!("expected a duplicate, got {other:?}"),
    }
}

#[test]
fn broken_headers_are_reported() {
    let mut corpus = Corpus::new();
    let bare = std::fs::read_to_string(sample_dir().join("../fixtures/im020111.txt")).unwrap();
    assert!(matches!(corpus.add(bare), Err(Error::NoHeader { .. })));
    let no_cik = corpus_texts()[0].replace("CENTRAL INDEX KEY", "CENTRAL INDEX");
    assert!(matches!(
        corpus.add(no_cik),
        Err(Error::MissingField {
            field: "CENTRAL INDEX KEY",
            ..
        })
    ));
    let bad_date = corpus_texts()[0].replace(
        "FILED AS OF DATE:\t\t20021113",
        "FILED AS OF DATE:\t\t2002-11-13",
    );
    match corpus.add(bad_date) {
        Err(Error::Malformed {
            field, value, line, ..
        }) => {
            assert_eq!(
                (field, value.as_str(), line),
                ("FILED AS OF DATE", "2002-11-13", 13)
            );
        }
        other => panic!("expected a malformed date, got {other:?}"),
    }
    assert!(corpus.is_empty());
}

#[test]
fn arbitrary_bytes_never_panic() {
    let mut corpus = Corpus::new();
    let samples = [
        String::new(),
        "</SEC-HEADER>".to_string(),
        "<SEC-HEADER>\nACCESSION NUMBER: 1\n</SEC-HEADER><DOCUMENT><TEXT>".to_string(),
        "ACCESSION NUMBER:\t0001020242-02-000466\nCONFORMED SUBMISSION TYPE: 8-K\nFILED AS OF DATE: 20021213\n\
         CENTRAL INDEX KEY: 1\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>é\n<TEXT>\n</DOCUMENT>"
            .to_string(),
    ];
    for text in samples {
        let _ = corpus.add(text);
    }
    assert_eq!(corpus.len(), 1, "only the last one is a submission");
}
