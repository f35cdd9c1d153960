//! `(c) COPYRIGHT ...` footers, as other Deutsche Bank statements of 2002 print them, are page
//! furniture like the fixture's `COPYRIGHT 2002 Deutsche Bank`: stripped wherever they stand (on
//! their own line after the page number, or on the page number's line), while a line that only
//! mentions a copyright in its text stays. (Generated statements with these footers, wrapped by
//! EDGAR's cut, are read in `remit-extract`'s tests.)

use remit_normalize::normalize_document;

const TEXT: &str = "\
               Impac CMB Trust   2002-1
               Collateralized Asset-Backed Bonds
                   Series 2002-1
               Collateral Report for November 25, 2002 Distribution
COLLATERAL                                                                                ADJUSTABLE     FIXED          TOTAL
               Current                                                                          1785            125           1910
                                                            Page 8 of 24
                                                            (c) COPYRIGHT 2002 Deutsche Bank
               Impac CMB Trust   2002-1
               Collateralized Asset-Backed Bonds
                   Series 2002-1
               Prepayment Report for November 25, 2002 Distribution
VOLUNTARY PREPAYMENTS                                                                     ADJUSTABLE     FIXED          TOTAL
               Paid in Full Count                                                                 29              5             34
               Copyright notices of the servicer's tapes are kept by the Trustee 1 2
                                                            Page 9 of 24                                    (c) COPYRIGHT 2002 Deutsche Bank
               Impac CMB Trust   2002-1
               Collateralized Asset-Backed Bonds
                   Series 2002-1
               Realized Loss Report for November 25, 2002 Distribution
DEFAULT SPEEDS                                                                            ADJUSTABLE     FIXED          TOTAL
               CDR                                                                                 0              0              0
                                                                           Page 10 of 24
                                                                                             (c) COPYRIGHT 2002 Deutsche Bank
";

#[test]
fn c_copyright_footers_are_page_furniture() {
    let statement = normalize_document(TEXT);
    let titles: Vec<&str> = statement.reports.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Collateral Report",
            "Prepayment Report",
            "Realized Loss Report"
        ]
    );
    let lines: Vec<&str> = statement
        .reports
        .iter()
        .flat_map(|r| r.lines.iter().map(|l| l.text.as_str()))
        .collect();
    assert!(
        !lines
            .iter()
            .any(|l| l.contains("COPYRIGHT") || l.contains("(c)")),
        "{lines:#?}"
    );
    // The figures and the prose that merely mentions a copyright are kept, on their pages.
    let prepayment = &statement.reports[1];
    assert_eq!(prepayment.lines.len(), 3, "{:#?}", prepayment.lines);
    assert!(prepayment.lines[2]
        .text
        .trim_start()
        .starts_with("Copyright notices"));
    assert_eq!(prepayment.lines[2].page, 9);
    assert!(statement.reports[2].lines[1].text.contains("CDR"));
}
