//! Extraction never panics, whatever the statement holds, and what it reads stays well formed.

use proptest::prelude::*;
use remit_extract::extract;
use remit_normalize::{CleanStatement, Line, Report};

const TITLES: [&str; 8] = [
    "Certificate Payment Report",
    "Collection Account Report",
    "Collateral Report",
    "Delinquency Report",
    "REO Report",
    "Prepayment Detail Report",
    "Contents",
    "Something Else",
];

/// Lines built from pieces that matter to the readers (figures, formulas, headings, `=`).
fn line() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("  ".to_string()),
        Just("          ".to_string()),
        Just("(1)".to_string()),
        Just("(4)=(2)+(3)".to_string()),
        Just("(226,361.13)".to_string()),
        Just("0.07625MO  -  95.00%".to_string()),
        Just("Paid Off  -  18".to_string()),
        Just("=".to_string()),
        Just("Total".to_string()),
        Just("TOTAL".to_string()),
        Just("Class".to_string()),
        Just("CURRENT".to_string()),
        Just("Loan Count:".to_string()),
        Just("Prior".to_string()),
        Just("Current".to_string()),
        Just("37554".to_string()),
        Just("1E+308".to_string()),
        Just("-".to_string()),
        Just("é✓".to_string()),
        "[ -~]{0,12}",
        "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..14).prop_map(|p| p.join(""))
}

fn report() -> impl Strategy<Value = Report> {
    (
        prop::sample::select(TITLES.to_vec()),
        prop::option::of("REMIC I{1,3}"),
        prop::collection::vec(line(), 0..25),
    )
        .prop_map(|(title, tier, lines)| Report {
            title: title.to_string(),
            tier,
            lines: lines
                .into_iter()
                .enumerate()
                .map(|(i, text)| Line {
                    text,
                    page: 1,
                    line: i as u32,
                })
                .collect(),
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_statements_never_panic(
        reports in prop::collection::vec(report(), 0..6),
        date in prop::option::of("\\PC{0,20}"),
    ) {
        let statement = CleanStatement {
            trust_name: Some("T".into()),
            distribution_date: date,
            reports,
            ..CleanStatement::default()
        };
        if let Ok(read) = extract(&statement) {
            // Each check names one identity: a repeated label gets `#2`, never a second row
            // under the same name. A check passes only on figures that are numbers.
            let mut names = std::collections::HashSet::new();
            for check in &read.checks {
                prop_assert!(names.insert(check.name.as_str()), "two checks named {}", check.name);
                if check.passed {
                    prop_assert!(check.expected.is_finite() && check.actual.is_finite(), "{:?}", check);
                }
            }
        }
    }

    #[test]
    fn the_fixture_cut_anywhere_never_panics(
        start in any::<prop::sample::Index>(),
        len in 0usize..6_000,
        junk in "\\PC{0,40}",
    ) {
        // Cuts reach every report, the Realized Loss and Other Related reports at the end too.
        let chars: Vec<char> = fixture().chars().collect();
        let start = start.index(chars.len() + 1);
        let end = (start + len).min(chars.len());
        let mut damaged: String = chars[..start].iter().collect();
        damaged.push_str(&junk);
        damaged.extend(&chars[end..]);
        let _ = extract(&remit_normalize::normalize_document(&damaged));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The Statement to Certificateholders (class tables, key blocks, ruled sections) cut or
    /// patched anywhere still reads without a panic.
    #[test]
    fn the_certificateholders_statement_cut_anywhere_never_panics(
        start in any::<prop::sample::Index>(),
        len in 0usize..4_000,
        junk in "[A-Z0-9 :.,()%\\-\\n]{0,60}",
    ) {
        let text = read_fixture("aames_1998-C_0001011438-98-000429.txt");
        let chars: Vec<char> = text.chars().collect();
        let start = start.index(chars.len() + 1);
        let end = (start + len).min(chars.len());
        let mut damaged: String = chars[..start].iter().collect();
        damaged.push_str(&junk);
        damaged.extend(&chars[end..]);
        let _ = extract(&remit_normalize::normalize_document(&damaged));
    }
}

/// The fixture; a missing fixture fails the test instead of passing it on an empty text.
fn fixture() -> String {
    read_fixture("im020111.txt")
}

fn read_fixture(name: &str) -> String {
    let path = format!("{}/../../data/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).expect("the fixture is part of the repository")
}
