//! No silent gaps in the shared machinery and the "Statement to Certificateholders" layout: an
//! identity whose column is not found (a header word missing or garbled) is a failed check that
//! says which column, never a check that quietly disappears. Each test breaks one header of the
//! real Aames statement and first shows the identity evaluated on the intact text.

use remit_extract::{Check, Statement};
use remit_normalize::{normalize_document, parse_submission, statement_documents};

fn text() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/fixtures/aames_1998-C_0001011438-98-000429.txt"
    );
    std::fs::read_to_string(path).expect("fixture present")
}

fn read(text: &str) -> Statement {
    let submission = parse_submission(text.as_bytes()).expect("submission");
    let document = statement_documents(&submission)[0];
    remit_extract::extract(&normalize_document(&document.text)).expect("reads")
}

fn named<'a>(s: &'a Statement, name: &str) -> Vec<&'a Check> {
    s.checks
        .iter()
        .filter(|c| c.name.starts_with(name))
        .collect()
}

#[test]
fn a_class_table_without_its_principal_heading_records_why_its_identities_are_not_evaluated() {
    const TOTAL: &str = "DISTRIBUTIONS IN DOLLARS [REMIC I]/";
    const IDENTITY: &str = "TOTAL = INTEREST + PRINCIPAL";
    let intact = read(&text());
    let evaluated: Vec<&Check> = intact
        .checks
        .iter()
        .filter(|c| c.name.starts_with(TOTAL) && c.name.ends_with(IDENTITY))
        .collect();
    assert!(evaluated.len() >= 3 && evaluated.iter().all(|c| c.passed));

    // REMIC I's dollar table with its PRINCIPAL heading blanked.
    let header = "INTEREST      PRINCIPAL         TOTAL         LOSSES";
    let broken = text().replacen(header, &header.replace("PRINCIPAL", "         "), 1);
    assert_ne!(broken, text());
    let s = read(&broken);
    let gap = named(&s, &format!("{TOTAL}{IDENTITY}"));
    assert_eq!(gap.len(), 1, "{:#?}", named(&s, TOTAL));
    assert!(!gap[0].passed);
    assert_eq!(
        gap[0].detail,
        "not evaluated: column \"PRINCIPAL\" not found in DISTRIBUTIONS IN DOLLARS [REMIC I]"
    );
    let balance = named(
        &s,
        &format!("{TOTAL}CURRENT = PRIOR - PRINCIPAL - LOSSES + DEFERRED"),
    );
    assert_eq!(balance.len(), 1);
    assert!(balance[0].detail.contains("column \"PRINCIPAL\" not found"));
    // The tie of the pool's principal to the classes' cannot be made either, and says so.
    let tie = named(
        &s,
        "SOURCES OF PRINCIPAL total principal = sum of REMIC I classes",
    );
    assert_eq!(tie.len(), 1);
    assert!(!tie[0].passed, "{}", tie[0].detail);
}

#[test]
fn a_section_without_its_total_heading_records_the_tie_it_cannot_make() {
    const TIE: &str = "SOURCES OF PRINCIPAL total principal = sum of REMIC I classes";
    let intact = read(&text());
    assert!(named(&intact, TIE).iter().all(|c| c.passed) && named(&intact, TIE).len() == 1);

    let heading = "SOURCES OF PRINCIPAL                                   FIXED GROUP     ADJ GROUP        TOTAL";
    let broken = text().replacen(heading, &heading.replace("TOTAL", "ALL  "), 1);
    assert_ne!(broken, text());
    let s = read(&broken);
    let tie = named(&s, TIE);
    assert_eq!(tie.len(), 1);
    assert!(!tie[0].passed);
    assert_eq!(
        tie[0].detail,
        "not evaluated: column \"TOTAL\" not found in SOURCES OF PRINCIPAL"
    );
}

/// Every figure a generated "Statement to Certificateholders" prints is stored in every variant
/// issuers printed, except prose: the years of its printed dates, `PER $1000` in a table title
/// and the delinquency table's bucket headings (`1  2  3+`).
#[test]
fn every_stc_variant_stores_every_figure_but_prose() {
    use remit_samples::{stc_submission, StcVariant};
    let base = StcVariant::default();
    let variants = [
        base,
        StcVariant {
            principal_first: true,
            ..base
        },
        StcVariant {
            header_lines: 1,
            ..base
        },
        StcVariant {
            header_lines: 2,
            ..base
        },
        StcVariant {
            class_on_top: true,
            ..base
        },
        StcVariant {
            bare_zeros: true,
            ..base
        },
        StcVariant {
            markup: false,
            ..base
        },
    ];
    for v in variants {
        let s = read(&stc_submission(&v, 2));
        assert_eq!((s.figures_printed, s.figures_stored), (262, 251), "{v:?}");
        let prose = |text: &str, figure: &str| {
            (figure == "1999" && (text.contains("May 15, 1999") || text.contains("April 30, 1999")))
                || (figure == "$1000" && text.contains("PER $1000 OF ORIGINAL FACE"))
                || ((figure == "1" || figure == "2") && text == "1 2 3+")
        };
        for u in &s.unplaced {
            assert!(prose(&u.text, &u.figure), "{v:?}: {u:?}");
        }
    }
    let stopped = read(&stc_submission(
        &StcVariant {
            stop_after_classes: true,
            ..base
        },
        2,
    ));
    assert_eq!((stopped.figures_printed, stopped.figures_stored), (33, 32));
}

/// A "Statement to Certificateholders" whose template misprints the class tables' `INTEREST`
/// heading (`INTERST`) and a delinquency status (`FORCLOSURE`) loads the classes and
/// delinquency of the same statement printed right: read by their printed spelling, the
/// interest column had been no field (its figures kept under the class in `pool_values`, its
/// identities failing) and the status stored as `FORCLOSURE`, outside the schema's statuses.
#[test]
fn a_misprinted_heading_and_status_load_as_the_words_they_stand_for() {
    use remit_samples::{stc_submission, StcVariant};
    let variant = StcVariant {
        header_lines: 1,
        ..StcVariant::default()
    };
    let printed = stc_submission(&variant, 2);
    let misprinted: String = printed
        .lines()
        .map(|line| {
            let heading = line.contains("PRINCIPAL") && line.contains("CLASS");
            let line = if heading {
                line.replacen("  INTEREST  ", "  INTERST   ", 1)
            } else {
                line.to_string()
            };
            line.replace("FORECLOSURE LOAN", "FORCLOSURE LOAN")
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(misprinted.contains("INTERST") && misprinted.contains("FORCLOSURE"));
    let (right, wrong) = (read(&printed), read(&misprinted));
    assert_eq!(wrong.classes, right.classes);
    assert_eq!(wrong.delinquency, right.delinquency);
    assert!(wrong.delinquency.iter().any(|d| d.status == "FORECLOSURE"));
    let failed = |s: &Statement| s.checks.iter().filter(|c| !c.passed).count();
    assert_eq!(failed(&wrong), failed(&right));
    assert_eq!(wrong.checks.len(), right.checks.len());
}

/// A delinquency status heading printed with two blanks inside (`FORECLOSURE  LOAN INFORMATION`) is
/// still the status's heading: read as two phrases, it had ended the table, and the rows of
/// every status after it were left unplaced, with no check or warning naming them.
#[test]
fn a_status_heading_with_two_blanks_inside_keeps_its_table() {
    use remit_samples::{stc_submission, StcVariant};
    let printed = stc_submission(&StcVariant::default(), 2);
    let spaced = printed.replace("FORECLOSURE LOAN", "FORECLOSURE  LOAN");
    assert_ne!(spaced, printed);
    let (right, wide) = (read(&printed), read(&spaced));
    assert_eq!(wide.delinquency, right.delinquency);
    assert_eq!(
        (wide.figures_printed, wide.figures_stored),
        (right.figures_printed, right.figures_stored)
    );
}
