//! The real `remit` binary on local files: ingest, normalize, status, sql, chart. No network.

mod common;

use std::path::PathBuf;

use common::*;

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/fixtures/im020111.txt")
}

fn sample_submission() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/sample/0001020242-02-000466.txt")
}

#[test]
fn ingesting_the_fixture_loads_its_statement_once() {
    let ws = Workspace::new(&[]);
    let out = ws.remit(None, &["ingest", fixture().to_str().unwrap()]);
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("1 statements loaded"), "{text}");
    assert!(text.contains("0 failed"), "{text}");
    assert_eq!(
        query_i64(&ws.db(), "SELECT count(*) FROM statements WHERE trust_name = 'Impac CMB Trust 2002-1' AND distribution_date = '2002-11-25'"),
        1
    );
    // The statement's own figures disagree with its Interest Detail formula (5)=(1)-(2)+(3) on the
    // Cert row and the Total row (the residual's optimal interest has no accrued interest): those
    // two checks stay failed; every other identity holds.
    let checks = query_i64(&ws.db(), "SELECT count(*) FROM checks");
    assert!(checks > 0, "the statement's identities are recorded");
    assert_eq!(
        query_i64(&ws.db(), "SELECT count(*) FROM checks WHERE passed = 1"),
        checks - 2,
        "every identity holds but the two the printed figures contradict"
    );
    let conn = rusqlite::Connection::open(ws.db()).unwrap();
    let mut failed: Vec<String> = conn
        .prepare("SELECT name FROM checks WHERE passed = 0 ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    failed.sort();
    assert_eq!(failed.len(), 2, "{failed:?}");
    assert!(
        failed.iter().all(|n| n.contains("(5)=(1)-(2)+(3)")),
        "{failed:?}"
    );
    assert!(
        failed.iter().any(|n| n.contains("Cert")) && failed.iter().any(|n| n.contains("Total")),
        "{failed:?}"
    );
    let ids = query_i64(&ws.db(), "SELECT sum(id) FROM statements");

    let again = ws.remit(None, &["ingest", fixture().to_str().unwrap()]);
    assert!(again.status.success());
    assert!(stdout(&again).contains("1 unchanged"), "{}", stdout(&again));
    assert_eq!(query_i64(&ws.db(), "SELECT sum(id) FROM statements"), ids);
}

#[test]
fn the_sample_submission_keeps_its_edgar_identity() {
    let ws = Workspace::new(&[]);
    let out = ws.remit(None, &["ingest", sample_submission().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        query_i64(&ws.db(), "SELECT cik FROM filings WHERE accession = '0001020242-02-000466' AND form = '8-K' AND status = 'parsed'"),
        1017447
    );
}

#[test]
fn a_bad_file_is_recorded_failed_and_the_others_still_load() {
    let ws = Workspace::new(&[]);
    let dir = ws.path("in");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(fixture(), dir.join("good.txt")).unwrap();
    // A truncated submission: an SGML header and a document that ends before its statement.
    std::fs::write(
        dir.join("bad.txt"),
        "<SEC-DOCUMENT>0009999999-02-000001.txt : 20021213\n<SEC-HEADER>\nACCESSION NUMBER:\t\t0009999999-02-000001\n\
         CONFORMED SUBMISSION TYPE:\t8-K\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>8-K\n<TEXT>\n\u{0}\u{1}\u{2} garbage",
    )
    .unwrap();
    let out = ws.remit(None, &["ingest", dir.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(remit_cli::exit::SOME_FAILED),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("bad.txt"),
        "the failure is named: {}",
        stdout(&out)
    );
    assert_eq!(query_i64(&ws.db(), "SELECT count(*) FROM statements"), 1);
    assert_eq!(
        query_i64(
            &ws.db(),
            "SELECT count(*) FROM filings WHERE status = 'failed' AND error LIKE '%truncated%'"
        ),
        1
    );
    assert_eq!(
        query_i64(
            &ws.db(),
            "SELECT count(*) FROM filings WHERE status = 'parsed'"
        ),
        1
    );
}

#[test]
fn normalize_prints_the_statement_without_page_furniture() {
    let ws = Workspace::new(&[]);
    let out = ws.remit(None, &["normalize", fixture().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("420966165.6"), "rejoined figures are there");
    assert!(text.contains("Certificate Payment Report"));
    assert!(!text.contains("Page 2 of  24") && !text.contains("COPYRIGHT 2002 Deutsche Bank"));
    assert!(!text.contains("SPACE INTENTIONALLY LEFT BLANK"));
}

#[test]
fn normalize_unplaced_prints_the_coverage_and_what_no_row_holds() {
    let ws = Workspace::new(&[]);
    let out = ws.remit(
        None,
        &["normalize", "--unplaced", fixture().to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("db-remittance-2002 2002-11-25: 1173 of 1232 printed figures stored, 59 unplaced")
    );
    assert_eq!(
        lines.next(),
        Some("Contents\tpage 1\tline 58\t1\t1. Contents 1")
    );
    assert_eq!(text.lines().count(), 60);
}

#[test]
fn a_statement_to_certificateholders_loads_with_its_pool_history() {
    let ws = Workspace::new(&[]);
    let aames = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/fixtures/aames_1998-C_0001011438-98-000429.txt");
    let out = ws.remit(None, &["ingest", aames.to_str().unwrap()]);
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
    let conn = rusqlite::Connection::open(ws.db()).unwrap();
    let row: (String, String, String, f64, i64, f64, i64) = conn
        .query_row(
            "SELECT s.trust_name, s.layout, p.distribution_date, p.pool_balance, p.loan_count,
                    p.prior_balance, p.prior_loan_count
             FROM pool_history p JOIN statements s ON s.id = p.statement_id",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            },
        )
        .unwrap();
    assert_eq!(
        row,
        (
            "AAMES CAPITAL CORPORATION MORTGAGE PASS-THROUGH CERTIFICATES SERIES 1998-C"
                .to_string(),
            "statement-to-certificateholders".to_string(),
            "1998-12-15".to_string(),
            640_191_948.34,
            8345,
            645_008_411.46,
            8401
        )
    );
    assert_eq!(
        query_i64(
            &ws.db(),
            "SELECT count(*) FROM bond_classes WHERE cusip IS NOT NULL"
        ),
        8
    );
    assert_eq!(
        query_i64(&ws.db(), "SELECT count(*) FROM checks WHERE passed = 0"),
        0
    );
}

#[test]
fn sql_answers_in_each_format_and_reports_bad_queries() {
    let ws = Workspace::new(&[]);
    assert!(ws
        .remit(None, &["ingest", fixture().to_str().unwrap()])
        .status
        .success());
    let db = ws.db();
    let db = db.to_str().unwrap();
    let query = "SELECT class, current_balance, cusip FROM bond_classes WHERE class = 'A'";
    let table = ws.remit(None, &["sql", query, "--db", db]);
    assert!(table.status.success(), "{}", stderr(&table));
    assert!(
        stdout(&table).contains("412561923.8") && stdout(&table).contains("45254NCG0"),
        "{}",
        stdout(&table)
    );
    let csv = ws.remit(None, &["sql", query, "--db", db, "--format", "csv"]);
    assert_eq!(
        stdout(&csv),
        "class,current_balance,cusip\nA,412561923.8,45254NCG0\n"
    );
    let json = ws.remit(None, &["sql", query, "--db", db, "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(value[0]["current_balance"], 412561923.8);

    let bad = ws.remit(None, &["sql", "SELECT nope FROM bond_classes", "--db", db]);
    assert_eq!(bad.status.code(), Some(remit_cli::exit::ERROR));
    assert!(stderr(&bad).contains("no such column"), "{}", stderr(&bad));
    let write = ws.remit(None, &["sql", "DELETE FROM bond_classes", "--db", db]);
    assert_eq!(write.status.code(), Some(remit_cli::exit::ERROR));
    assert!(stderr(&write).contains("readonly"), "{}", stderr(&write));
}

#[test]
fn reparse_reads_an_uncompressed_store_and_compresses_it_in_place() {
    let ws = Workspace::new(&[]);
    // A raw store written before filings were kept compressed: `{cik}/{accession}.txt`.
    let plain = ws.path("raw/1017447/0001020242-02-000466.txt");
    std::fs::create_dir_all(plain.parent().unwrap()).unwrap();
    std::fs::copy(sample_submission(), &plain).unwrap();
    let text = std::fs::read(&plain).unwrap();

    let out = ws.remit(None, &["reparse"]);
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).contains("1 statements loaded"),
        "{}",
        stdout(&out)
    );

    let gz = ws.path("raw/1017447/0001020242-02-000466.txt.gz");
    assert!(!plain.exists(), "the uncompressed file is replaced");
    let stored = std::fs::metadata(&gz).expect("compressed file").len();
    assert!(stored * 4 < text.len() as u64, "{stored} of {}", text.len());
    // The digest recorded is still that of the bytes as fetched.
    let conn = rusqlite::Connection::open(ws.db()).unwrap();
    let sha: String = conn
        .query_row("SELECT sha256 FROM filings", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sha, remit_cli::sha256_hex(&text));

    // The converted store reparses to the same statement, unchanged.
    let again = ws.remit(None, &["reparse"]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(stdout(&again).contains("1 unchanged"), "{}", stdout(&again));

    // And `ingest` and `normalize` read a compressed file as its text.
    let normalized = ws.remit(None, &["normalize", gz.to_str().unwrap()]);
    assert!(normalized.status.success(), "{}", stderr(&normalized));
    assert!(
        stdout(&normalized).contains("Impac CMB Trust"),
        "{}",
        stdout(&normalized)
    );
}

#[test]
fn only_failed_checks_keep_their_arithmetic() {
    let ws = Workspace::new(&[]);
    let out = ws.remit(None, &["ingest", fixture().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Passed checks keep name, expected and actual; their detail would only repeat figures the
    // statement's rows hold.
    assert_eq!(
        query_i64(
            &ws.db(),
            "SELECT count(*) FROM checks WHERE passed = 1 AND detail IS NOT NULL"
        ),
        0
    );
    assert_eq!(
        query_i64(&ws.db(), "SELECT count(*) FROM checks WHERE passed = 1 AND expected IS NOT NULL AND actual IS NOT NULL"),
        query_i64(&ws.db(), "SELECT count(*) FROM checks WHERE passed = 1"),
    );
    // The two checks the statement's own figures contradict say what disagrees.
    let conn = rusqlite::Connection::open(ws.db()).unwrap();
    let details: Vec<String> = conn
        .prepare("SELECT detail FROM checks WHERE passed = 0 ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(details.len(), 2, "{details:?}");
    assert!(
        details
            .iter()
            .all(|d| d.contains("1125557.452") || d.contains("1983599.452")),
        "{details:?}"
    );
}
