//! A statement no layout recognises still yields its classes from a class table's headings.

use remit_normalize::normalize_document;

const STATEMENT: &str = "\
                 SAMPLE HOME LOAN TRUST 2001-A
            Monthly Report to Noteholders (SYNTHETIC)
Payment Date: 03/26/2001

             Beginning                                          Ending
Class     Note Balance    Principal      Interest      Note Balance   Note Rate
A-1     100,000,000.00  2,500,000.00    550,000.00   97,500,000.00     6.600%
A-2      50,000,000.00          0.00    287,500.00   50,000,000.00     6.900%
Total   150,000,000.00  2,500,000.00    837,500.00  147,500,000.00

Servicing Fee                     62,500.00
";

#[test]
fn an_unknown_layout_keeps_the_classes_of_its_class_table() {
    let s = remit_extract::extract(&normalize_document(STATEMENT)).expect("reads");
    assert_eq!(s.layout, "unknown");
    type Row<'a> = (&'a str, Option<f64>, Option<f64>, Option<f64>, Option<f64>);
    let classes: Vec<Row> = s
        .classes
        .iter()
        .map(|c| {
            (
                c.class.as_str(),
                c.prior_balance,
                c.principal,
                c.interest,
                c.current_balance,
            )
        })
        .collect();
    assert_eq!(
        classes,
        [
            (
                "A-1",
                Some(100_000_000.0),
                Some(2_500_000.0),
                Some(550_000.0),
                Some(97_500_000.0)
            ),
            (
                "A-2",
                Some(50_000_000.0),
                Some(0.0),
                Some(287_500.0),
                Some(50_000_000.0)
            ),
        ]
    );
    // The total row checks the classes; the rest of the statement is still labelled values.
    let total = s
        .checks
        .iter()
        .find(|c| c.name.ends_with("Total: Principal = sum of classes"))
        .expect("total check");
    assert!(total.passed);
    assert!(s
        .pool_values
        .iter()
        .any(|v| v.label == "Servicing Fee" && v.value == Some(62_500.0)));
}
