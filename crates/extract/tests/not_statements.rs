//! Only statements are statements: a document is one when it prints a distribution date and at
//! least one table of figures. Anything else is refused with the reason, so the filing is kept
//! as `no_statement` rather than loaded as a statement with no trust and no date.

use remit_extract::{extract, Error};
use remit_normalize::normalize_document;

fn fixture_text() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/fixtures/im020111.txt"
    );
    std::fs::read_to_string(path).expect("the fixture is part of the repository")
}

fn refusal(text: &str) -> String {
    match extract(&normalize_document(text)) {
        Err(Error::NoStatement(why)) => why,
        Ok(read) => panic!(
            "read as a statement: layout {}, date {:?}, {} pool values",
            read.layout,
            read.distribution_date,
            read.pool_values.len()
        ),
        Err(other) => panic!("refused for another reason: {other}"),
    }
}

#[test]
fn a_cover_page_without_its_exhibit_is_no_statement() {
    // The fixture's 8-K cover, up to the exhibit index: it names the statement ("Attached hereto
    // is a copy of the Monthly Remittance Statements ...") and its date, but prints neither.
    let text = fixture_text();
    let cover: String = text
        .lines()
        .take_while(|l| !l.contains("Impac CMB Trust   2002-1"))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(cover.contains("Attached hereto is a copy of the Monthly Remittance Statements"));
    let why = refusal(&cover);
    assert!(why.contains("distribution date"), "{why}");
}

#[test]
fn random_bytes_are_no_statement() {
    // 100 KB of bytes from a fixed linear congruential sequence, read as a text would be.
    let mut state: u64 = 0x5EED;
    let bytes: Vec<u8> = (0..100_000)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 56) as u8
        })
        .collect();
    let why = refusal(&String::from_utf8_lossy(&bytes));
    assert!(!why.is_empty());
}

#[test]
fn figures_without_a_date_are_no_statement() {
    let soup = "\
COLLATERAL                                ADJUSTABLE     FIXED          TOTAL
               Loan Count:
               Prior                           1814            130           1944
               Full Voluntary Prepayments       -29             -5            -34
               Current                         1785            125           1910
               Balance                  433558779.7     5947927.29    439506706.9
";
    let why = refusal(soup);
    assert!(why.contains("distribution date"), "{why}");
}

#[test]
fn a_dated_page_of_prose_is_no_statement() {
    // An exhibit of another kind: a page header with its distribution date, then only prose.
    let text = "\
               Impac CMB Trust   2002-1
               Collateralized Asset-Backed Bonds
               Series 2002-1
               Notice to Certificateholders for November 25, 2002 Distribution
The trustee has been informed of a change of address of the master servicer.
Questions may be directed to the administrator.
                                   Page 1 of 1
";
    let why = refusal(text);
    assert!(why.contains("no table of figures"), "{why}");
}

#[test]
fn the_fixture_is_a_statement() {
    let read = extract(&normalize_document(&fixture_text())).expect("the fixture is a statement");
    assert_eq!(read.distribution_date.as_deref(), Some("2002-11-25"));
}

#[test]
fn a_dated_statement_whose_table_is_not_read_is_an_error_not_a_document_of_another_kind() {
    // A "Statement to Certificateholders" that stops after its class table, its headings cut
    // off from its rows by a line no reader expects, so no table is read. The statement's rows
    // of figures still show it is one: the filing is to be kept failed for a reparse, not
    // refused as no statement.
    let text = remit_samples::stc_document(
        &remit_samples::StcVariant {
            stop_after_classes: true,
            markup: false,
            ..Default::default()
        },
        2,
    );
    // A note between the headings and the rows ends the table before its first class.
    let rows = text.find("\n       I-").expect("a class row");
    let text = format!("{}\n   (see note 1){}", &text[..rows], &text[rows..]);
    match extract(&normalize_document(&text)) {
        Err(Error::NoTableRead { rows, figures, .. }) => {
            assert_eq!((rows, figures), (4, 32));
        }
        Ok(read) => panic!(
            "read: layout {}, {} classes, {} pool values",
            read.layout,
            read.classes.len(),
            read.pool_values.len()
        ),
        Err(other) => panic!("{other}"),
    }
}
