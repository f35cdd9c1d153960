//! The `edgar-sim` binary prints its address and serves the corpus it is given.

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[tokio::test]
async fn binary_serves_the_sample_corpus() {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sample");
    let mut child = Command::new(env!("CARGO_BIN_EXE_edgar-sim"))
        .args([
            "--corpus",
            corpus.to_str().unwrap(),
            "--limit",
            "10",
            "--seed",
            "1",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first_line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first_line)
        .unwrap();
    let base = first_line.trim().to_string();
    let addr = base
        .strip_prefix("http://127.0.0.1:")
        .map(|port| std::net::SocketAddr::from(([127, 0, 0, 1], port.parse::<u16>().unwrap())));
    let answer = support::get(
        addr.expect("a loopback address"),
        "/Archives/edgar/full-index/2002/QTR4/master.idx",
    )
    .await;
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(answer.status, 200);
    assert!(answer.text().ends_with(
        "1017447|IMH ASSETS CORP|8-K|2002-12-13|edgar/data/1017447/0001020242-02-000466.txt\n"
    ));
}
