//! Printing variants: the default prints the fixture's layout unchanged, each variant changes
//! only how a month is printed, and everything stays marked synthetic and within 80 columns.

use chrono::NaiveDate;
use remit_samples::{generate, Cut, GeneratorConfig, Variants, SYNTHETIC_NOTICE};

fn config() -> GeneratorConfig {
    GeneratorConfig {
        trusts: 2,
        months: 2,
        first_distribution: NaiveDate::from_ymd_opt(2002, 3, 25).expect("date"),
        seed: 5,
        amendments: 1,
    }
}

fn texts(variants: Variants) -> Vec<String> {
    generate(&config())
        .variants(variants)
        .map(|f| f.text)
        .collect()
}

#[test]
fn the_default_is_the_fixture_layout_byte_for_byte() {
    let plain: Vec<String> = generate(&config()).map(|f| f.text).collect();
    assert_eq!(texts(Variants::default()), plain);
    assert!(!Variants::default().any() && Variants::all().any());
    assert!(plain.iter().all(|t| !t.contains("(c) COPYRIGHT")
        && !t.contains("Additional Certificate Report")
        && t.contains("ADJUSTABLE     FIXED          TOTAL")));
}

#[test]
fn each_variant_prints_what_it_says_and_stays_synthetic() {
    let copyright = texts(Variants {
        copyright_mark: true,
        ..Variants::default()
    });
    assert!(copyright
        .iter()
        .all(|t| t.contains("(c) COPYRIGHT 2002 Deutsche Bank")
            && !t.contains(" COPYRIGHT 2002 Deutsche Bank\n>")
            && t.contains("ADJUSTABLE")));

    let total_only = texts(Variants {
        total_only: true,
        ..Variants::default()
    });
    for text in &total_only {
        // Section headings keep only their TOTAL column; the delinquency pages keep their groups.
        assert!(!text.contains("ADJUSTABLE     FIXED"));
        assert!(text.contains("Delinquency Report  -  Adjustable Group"));
    }

    let additional = texts(Variants {
        additional_report: true,
        ..Variants::default()
    });
    for text in &additional {
        assert!(text.contains("Additional Certificate Report for "));
        assert!(text.contains("Page 25 of 25"));
        assert!(!text.contains(" of 24"));
        assert!(text.contains("Interest Shortfall and Net WAC Shortfall Carry Forward"));
    }

    for variants in [Variants::all()] {
        for filing in generate(&config()).variants(variants).cut(Cut::Random {
            narrowest: 76,
            widest: 80,
            seed: 3,
        }) {
            assert!(filing.company.ends_with(" (SYNTHETIC)"));
            assert!(filing
                .text
                .contains("SYNTHETIC TEST DATA - NOT A REAL FILING"));
            let document = filing
                .text
                .split("<TEXT>\n")
                .nth(1)
                .expect("document")
                .to_string();
            assert!(document.lines().all(|l| l.chars().count() <= 80));
            let joined: String = document.split_whitespace().collect();
            let notice: String = SYNTHETIC_NOTICE.split_whitespace().collect();
            assert!(joined.replace('>', "").contains(&notice.replace('>', "")));
        }
    }
}
