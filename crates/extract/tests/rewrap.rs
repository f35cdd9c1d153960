//! Wrapping does not change what is read: a statement cut into EDGAR pieces at any width loads
//! into exactly the rows of the same statement uncut.

use proptest::prelude::*;
use remit_extract::{extract, Statement};
use remit_normalize::{normalize_document, parse_submission, statement_documents, unwrap_lines};
use remit_samples::{cut_document, generate, Cut, GeneratorConfig};

/// Everything read, but the extractor's log lines and the document line numbers of unplaced
/// figures (a cut document has more lines; the figures and their pages are the same).
fn rows(text: &str) -> Statement {
    let mut read = extract(&normalize_document(text)).expect("a statement");
    read.warnings.clear();
    for unplaced in &mut read.unplaced {
        unplaced.line = 0;
    }
    read
}

fn fixture_lines() -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/fixtures/im020111.txt"
    );
    let text = std::fs::read_to_string(path).expect("the fixture is part of the repository");
    unwrap_lines(&text).into_iter().map(|(l, _)| l).collect()
}

/// The logical lines of a generated month: its document, rejoined where the generator cut it.
fn generated_lines(seed: u64) -> Vec<String> {
    let cfg = GeneratorConfig {
        trusts: 1,
        months: 1,
        seed,
        ..GeneratorConfig::default()
    };
    let filing = generate(&cfg).cut(Cut::None).next().expect("one filing");
    let submission = parse_submission(filing.text.as_bytes()).expect("a submission");
    let document = statement_documents(&submission)[0];
    document.text.lines().map(str::to_string).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Every piece holding W characters (the fixture's agent at another width), W from 60 to 132.
    #[test]
    fn the_fixture_cut_at_any_one_width_reads_the_same(width in 60usize..=132) {
        let lines = fixture_lines();
        let uncut = rows(&cut_document(&lines, Cut::None));
        prop_assert_eq!(rows(&cut_document(&lines, Cut::Width(width))), uncut);
    }

    #[test]
    fn a_generated_month_cut_at_any_one_width_reads_the_same(width in 60usize..=132, seed in 1u64..1000) {
        let lines = generated_lines(seed);
        let uncut = rows(&cut_document(&lines, Cut::None));
        prop_assert_eq!(rows(&cut_document(&lines, Cut::Width(width))), uncut);
    }
}
