//! Page headers told by repetition: a statement whose pages print no `... Distribution` line.

use remit_normalize::normalize_document;

fn page(tier: Option<&str>, body: &str, number: u32) -> String {
    format!(
        "                 FIRST SAMPLE CORPORATION\n            HOME EQUITY LOAN ASSET-BACKED CERTIFICATES\n                      SERIES 1999-2\n{}               STATEMENT TO CERTIFICATEHOLDERS\n<TABLE>\n<CAPTION>\n- ------------------------------------------------\n{body}\n                    Page {number} of 3      (C) COPYRIGHT 1999 Sample Bank\n</TABLE>\n",
        tier.map(|t| format!("                        {t}\n")).unwrap_or_default()
    )
}

#[test]
fn the_block_repeated_at_the_top_of_each_page_is_the_header() {
    let text = format!(
        "                        EXHIBIT 99.1\n{}{}{}",
        page(Some("REMIC I"), "CLASS     BALANCE\nA-1       100.00", 1),
        page(Some("REMIC II"), "CLASS     BALANCE\nA-2       200.00", 2),
        page(None, "Distribution Date:   March 15, 1999", 3)
    );
    let statement = normalize_document(&text);
    assert_eq!(
        statement.trust_name.as_deref(),
        Some("FIRST SAMPLE CORPORATION")
    );
    assert_eq!(
        statement.header_lines,
        [
            "HOME EQUITY LOAN ASSET-BACKED CERTIFICATES",
            "SERIES 1999-2"
        ]
    );
    let reports: Vec<(&str, Option<&str>)> = statement
        .reports
        .iter()
        .map(|r| (r.title.as_str(), r.tier.as_deref()))
        .collect();
    assert_eq!(
        reports,
        [
            ("STATEMENT TO CERTIFICATEHOLDERS", Some("REMIC I")),
            ("STATEMENT TO CERTIFICATEHOLDERS", Some("REMIC II")),
            ("STATEMENT TO CERTIFICATEHOLDERS", None),
        ]
    );
    let first: Vec<&str> = statement.reports[0]
        .lines
        .iter()
        .map(|l| l.text.as_str())
        .collect();
    // Markup and footer gone, EDGAR's `- ` escape undone.
    let rule = "-".repeat(48);
    assert_eq!(
        first,
        [rule.as_str(), "CLASS     BALANCE", "A-1       100.00"]
    );
    assert_eq!(statement.preamble.len(), 1);
}
