//! Reading EDGAR submissions: the sample 2002 submission of the fixture, and made-up modern ones.

use remit_normalize::{normalize_document, parse_submission, statement_documents, Error};

fn read(relative: &str) -> Vec<u8> {
    let path = format!("{}/../../{relative}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_2002_sample_submission_keeps_its_edgar_identity() {
    let submission = parse_submission(&read("data/sample/0001020242-02-000466.txt"))
        .expect("a readable submission");
    let header = &submission.header;
    assert_eq!(header.accession.as_deref(), Some("0001020242-02-000466"));
    assert_eq!(header.form.as_deref(), Some("8-K"));
    assert_eq!(header.filed_date.as_deref(), Some("2002-12-13"));
    assert_eq!(header.period_of_report.as_deref(), Some("2002-11-25"));
    assert_eq!(
        header.acceptance_datetime.as_deref(),
        Some("20021212180000")
    );
    assert_eq!(header.cik, Some(1_017_447));
    assert_eq!(header.company_name.as_deref(), Some("IMH ASSETS CORP"));

    assert_eq!(submission.documents.len(), 1);
    let document = &submission.documents[0];
    assert_eq!(document.doc_type, "8-K");
    assert_eq!(document.sequence, Some(1));
    assert_eq!(document.filename.as_deref(), Some("im020111.txt"));
    assert_eq!(
        document.description.as_deref(),
        Some("IMH ASSETS CORP SERIES 2002-1 8-K")
    );
    assert!(!document.was_html);
    assert!(document
        .text
        .starts_with("SECURITIES AND EXCHANGE COMMISSION\n"));

    // The document inside the submission normalizes exactly as the bare fixture does.
    let bare = String::from_utf8(read("data/fixtures/im020111.txt")).expect("ASCII");
    let candidates = statement_documents(&submission);
    assert_eq!(candidates.len(), 1);
    assert_eq!(
        normalize_document(&candidates[0].text),
        normalize_document(&bare)
    );
}

#[test]
fn a_bare_document_is_its_own_candidate() {
    let submission =
        parse_submission(&read("data/fixtures/im020111.txt")).expect("a bare document");
    assert_eq!(submission.header, Default::default());
    assert_eq!(submission.documents.len(), 1);
    assert_eq!(submission.documents[0].doc_type, "");
    assert_eq!(statement_documents(&submission).len(), 1);
}

/// A 10-D as filed from 2006: two filers, the statement as an HTML `EX-99.1`, a uuencoded graphic.
const MODERN: &str = "<SEC-DOCUMENT>0000950123-07-000101.txt : 20070126
<SEC-HEADER>0000950123-07-000101.hdr.sgml : 20070126
<ACCEPTANCE-DATETIME>20070126161514
ACCESSION NUMBER:\t\t0000950123-07-000101
CONFORMED SUBMISSION TYPE:\t10-D
PUBLIC DOCUMENT COUNT:\t\t3
CONFORMED PERIOD OF REPORT:\t20061231
FILED AS OF DATE:\t\t20070126

FILER:

\tCOMPANY DATA:\t
\t\tCOMPANY CONFORMED NAME:\t\t\tEXAMPLE MORTGAGE TRUST 2006-1
\t\tCENTRAL INDEX KEY:\t\t\t0001350001

FILER:

\tCOMPANY DATA:\t
\t\tCOMPANY CONFORMED NAME:\t\t\tEXAMPLE DEPOSITOR INC
\t\tCENTRAL INDEX KEY:\t\t\t0001000002
</SEC-HEADER>
<DOCUMENT>
<TYPE>10-D
<SEQUENCE>1
<FILENAME>form10d.htm
<DESCRIPTION>FORM 10-D
<TEXT>
<html><body><p>Distribution report, see Exhibit 99.1</p></body></html>
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>EX-99.1
<SEQUENCE>2
<FILENAME>ex99-1.htm
<TEXT>
<HTML><BODY>
<P>Example Mortgage Trust 2006-1</P>
<TABLE>
<TR><TD>Class</TD><TD>Cusip</TD><TD>Ending Balance</TD></TR>
<TR><TD>A-1</TD><TD>12345AAA1</TD><TD>101,000,000.00</TD></TR>
<TR><TD>M-1</TD><TD>12345AAB9</TD><TD>7,500,000.00</TD></TR>
</TABLE>
<PRE>
Delinquency          30 Days     60 Days
Count                      3           1
</PRE>
</BODY></HTML>
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>GRAPHIC
<SEQUENCE>3
<FILENAME>logo.gif
<TEXT>
begin 644 logo.gif
M1TE&.#EA`0`!`(```/___P```\"'Y!`$`````+``````!``$```(\"1`$`.P``
`
end
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
";

#[test]
fn a_modern_submission_offers_its_exhibit_and_takes_the_first_filer() {
    let submission = parse_submission(MODERN.as_bytes()).expect("readable");
    assert_eq!(submission.header.form.as_deref(), Some("10-D"));
    assert_eq!(
        submission.header.period_of_report.as_deref(),
        Some("2006-12-31")
    );
    assert_eq!(submission.header.cik, Some(1_350_001));
    assert_eq!(
        submission.header.company_name.as_deref(),
        Some("EXAMPLE MORTGAGE TRUST 2006-1")
    );
    assert_eq!(submission.documents.len(), 3);
    let graphic = &submission.documents[2];
    assert!(graphic.is_uuencoded());
    assert!(
        graphic.text.starts_with("begin 644 logo.gif"),
        "binaries are kept"
    );

    let candidates = statement_documents(&submission);
    assert_eq!(candidates.len(), 1);
    let exhibit = candidates[0];
    assert_eq!(
        (exhibit.doc_type.as_str(), exhibit.sequence),
        ("EX-99.1", Some(2))
    );
    assert!(exhibit.was_html);
    let lines: Vec<&str> = exhibit.text.lines().collect();
    assert_eq!(
        lines,
        [
            "Example Mortgage Trust 2006-1",
            "Class  Cusip      Ending Balance",
            "A-1    12345AAA1  101,000,000.00",
            "M-1    12345AAB9  7,500,000.00",
            "Delinquency          30 Days     60 Days",
            "Count                      3           1",
        ]
    );
}

#[test]
fn without_an_exhibit_the_main_document_is_the_candidate() {
    let without_exhibit = MODERN.replace("<TYPE>EX-99.1", "<TYPE>EX-10.1");
    let submission = parse_submission(without_exhibit.as_bytes()).expect("readable");
    let types: Vec<&str> = statement_documents(&submission)
        .iter()
        .map(|d| d.doc_type.as_str())
        .collect();
    assert_eq!(types, ["10-D"]);
    assert_eq!(
        submission.documents[0].text.trim(),
        "Distribution report, see Exhibit 99.1"
    );
}

#[test]
fn a_cut_off_document_is_a_truncated_submission() {
    let cut = MODERN.split("</TEXT>").next().expect("text").to_string();
    match parse_submission(cut.as_bytes()) {
        Err(Error::Malformed { line, message }) => {
            assert_eq!(line, 22, "the <DOCUMENT> line of the cut document");
            assert!(message.contains("truncated"), "{message}");
        }
        other => panic!("a truncated submission was read: {other:?}"),
    }
    let no_header_end = MODERN.replace("</SEC-HEADER>", "");
    assert!(matches!(
        parse_submission(no_header_end.as_bytes()),
        Err(Error::Malformed { line: 2, .. })
    ));
}

#[test]
fn latin1_bytes_keep_their_columns() {
    let bytes = b"Caf\xe9     12.5\nAbc      13.5\n";
    let submission = parse_submission(bytes).expect("a bare document");
    let lines: Vec<&str> = submission.documents[0].text.lines().collect();
    assert_eq!(
        lines[0].chars().position(|c| c == '1'),
        lines[1].chars().position(|c| c == '1')
    );
    assert_eq!(lines[0], "Caf\u{e9}     12.5");
}
