//! The layout contract, held against a real statement of every registered layout.

use remit_extract::{Registry, Statement};
use remit_normalize::{normalize_document, parse_submission, statement_documents};

/// A real statement of each registered layout (a bare document or a full EDGAR submission).
const FIXTURES: &[(&str, &str)] = &[
    ("db-remittance-2002", "im020111.txt"),
    (
        "statement-to-certificateholders",
        "aames_1998-C_0001011438-98-000429.txt",
    ),
];

fn read(file: &str) -> Statement {
    let path = format!("{}/../../data/fixtures/{file}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).expect("fixture present");
    let submission = parse_submission(&bytes).expect("fixture parses");
    let document = statement_documents(&submission)[0];
    remit_extract::extract(&normalize_document(&document.text)).expect("fixture reads")
}

#[test]
fn every_registered_layout_reads_its_fixture_and_fills_the_pool_summary() {
    let registry = Registry::default();
    for (name, version) in registry.layouts() {
        if name == "unknown" {
            continue;
        }
        let file = FIXTURES
            .iter()
            .find(|(layout, _)| *layout == name)
            .map(|(_, file)| *file)
            .unwrap_or_else(|| panic!("no fixture for the registered layout {name}"));
        let statement = read(file);
        // The registry finished it: this layout's name and version.
        assert_eq!(
            (statement.layout.as_str(), statement.layout_version),
            (name, version)
        );
        assert!(!statement.trust_name.is_empty(), "{name}: trust name");
        assert!(statement.distribution_date.is_some(), "{name}: date");
        let total = statement
            .pool
            .first()
            .filter(|p| p.scope == "Total")
            .unwrap_or_else(|| panic!("{name}: no Total pool summary"));
        for (what, figure) in [
            ("prior balance", total.prior_balance),
            ("current balance", total.current_balance),
            ("scheduled principal", total.scheduled_principal),
            ("unscheduled principal", total.unscheduled_principal),
            ("60+ delinquency", total.dq60_balance),
        ] {
            assert!(figure.is_some(), "{name}: Total {what} not filled");
        }
        assert!(total.prior_loan_count.is_some() && total.current_loan_count.is_some());
        // Repeated labels are numbered, so the history's key holds.
        let mut keys: Vec<_> = statement
            .pool_values
            .iter()
            .map(|v| (&v.report, &v.section, &v.label, &v.col, v.occurrence))
            .collect();
        let all = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), all, "{name}: pool_values keys repeat");
        assert!(statement.pool_values.iter().all(|v| v.occurrence >= 1));
    }
}
