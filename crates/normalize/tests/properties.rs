//! Properties of normalization: unwrapping undoes EDGAR's wrapping at any width, nothing panics,
//! and normalizing is idempotent.
//!
//! Idempotence is stated on the clean text, the thing a reader and the extractors see: the lines
//! kept by a first pass (preamble, then every report's lines, without the `===` separators and
//! the `###` header facts that `Display` adds) are a fixed point. A second pass over them finds
//! no wrapping to undo, no page header, footer, copyright, blank notice or chart caption to drop,
//! so it keeps every line as it is. (Titles and page numbers are not compared: they came from the
//! page headers and footers the first pass removed.)

use proptest::prelude::*;
use remit_normalize::{normalize_document, parse_submission, unwrap_lines, CleanStatement};

fn fixture_text() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/fixtures/im020111.txt"
    );
    std::fs::read_to_string(path).expect("the fixture is part of the repository")
}

/// Cuts each line into pieces of `width` columns as the filer agent did: every piece after the
/// first goes on its own line behind a `>`, and every piece loses its trailing blanks. Returns
/// the wrapped text and, per original line, the 1-based line number of its first piece.
fn edgar_wrap(lines: &[String], width: usize) -> (String, Vec<u32>) {
    let mut out = String::new();
    let mut starts = Vec::new();
    let mut number = 0u32;
    for line in lines {
        let chars: Vec<char> = line.trim_end().chars().collect();
        let pieces: Vec<String> = if chars.is_empty() {
            vec![String::new()]
        } else {
            chars
                .chunks(width)
                .map(|c| c.iter().collect::<String>())
                .collect()
        };
        starts.push(number + 1);
        for (i, piece) in pieces.iter().enumerate() {
            if i > 0 {
                out.push('>');
            }
            out.push_str(piece.trim_end());
            out.push('\n');
            number += 1;
        }
    }
    (out, starts)
}

/// A line of a fixed-width statement: fields separated by runs of blanks, as wide as three
/// cuts. Letters come from `a-f` so that no field spells furniture (`Page`, `COPYRIGHT`, `Total`).
fn statement_line() -> impl Strategy<Value = String> {
    let field = "[a-fA-F0-9.,()%/=+-]{1,14}";
    prop::collection::vec((0usize..12, field), 0..24).prop_map(|fields| {
        let mut line = String::new();
        for (gap, field) in fields {
            line.push_str(&" ".repeat(gap + usize::from(!line.is_empty())));
            line.push_str(&field);
        }
        line
    })
}

/// Wide text: statement lines plus two rules (`=====`) wider than the cut, the way statements
/// underline their tables, so the text does show the wrapping.
fn wide_text(width: usize) -> impl Strategy<Value = Vec<String>> {
    (
        prop::collection::vec(statement_line(), 1..40),
        (width + 1..3 * width, width + 1..3 * width),
        (any::<prop::sample::Index>(), any::<prop::sample::Index>()),
    )
        .prop_map(|(mut lines, (a, b), (at_a, at_b))| {
            let i = at_a.index(lines.len() + 1);
            lines.insert(i, "=".repeat(a));
            let j = at_b.index(lines.len() + 1);
            lines.insert(j, "-".repeat(b));
            lines
        })
}

/// A page of a made-up statement: its title and body lines, furniture among them.
fn statement_page() -> impl Strategy<Value = (String, Vec<String>)> {
    let title = prop::sample::select(vec![
        "Collateral Report",
        "Delinquency Report",
        "Prepayment Report",
    ]);
    let body_line = prop_oneof![
        6 => statement_line(),
        1 => Just("SPACE INTENTIONALLY LEFT BLANK".to_string()),
        1 => Just("                    Fixed".to_string()),
        1 => Just("CPR by Groups                                                              Total CPR".to_string()),
        1 => Just("Note: Dates correspond to distribution dates.".to_string()),
        1 => Just("Total Foreclosure".to_string()),
    ];
    (
        title.prop_map(String::from),
        prop::collection::vec(body_line, 0..30),
    )
}

fn kept_lines(statement: &CleanStatement) -> Vec<String> {
    statement.lines().map(|l| l.text.clone()).collect()
}

fn assert_idempotent(text: &str) {
    let once = normalize_document(text);
    let twice = normalize_document(&once.plain_text());
    assert_eq!(kept_lines(&twice), kept_lines(&once));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn unwrapping_gives_back_the_lines_wrapped_at_any_width(
        (width, lines) in (60usize..=132).prop_flat_map(|w| (Just(w), wide_text(w)))
    ) {
        let (wrapped, starts) = edgar_wrap(&lines, width);
        let unwrapped = unwrap_lines(&wrapped);
        let expected: Vec<(String, u32)> =
            lines.iter().map(|l| l.trim_end().to_string()).zip(starts).collect();
        prop_assert_eq!(&unwrapped, &expected);

        // Normalizing a text without page headers keeps every line in one untitled report.
        let statement = normalize_document(&wrapped);
        let mut texts: Vec<String> = expected.into_iter().map(|(t, _)| t).collect();
        while texts.last().is_some_and(|t| t.is_empty()) {
            texts.pop();
        }
        prop_assert_eq!(statement.reports.len(), 1);
        prop_assert_eq!(kept_lines(&statement), texts);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        if let Ok(submission) = parse_submission(&bytes) {
            for document in &submission.documents {
                let statement = normalize_document(&document.text);
                let _ = statement.to_string();
            }
        }
        let _ = normalize_document(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn arbitrary_text_with_edgar_shapes_never_panics(
        lines in prop::collection::vec(
            prop_oneof![
                "[ >a-zA-Z0-9<>/]{0,120}",
                Just(">".to_string()),
                Just("<DOCUMENT>".to_string()),
                Just("<TEXT>".to_string()),
                Just("</TEXT>".to_string()),
                Just("<SEC-HEADER>".to_string()),
                Just("<table><tr><td colspan=99999>x</td>".to_string()),
                Just("  Page 3 of 9".to_string()),
                Just("  Report for May 25, 2003 Distribution".to_string()),
                Just("  May 25, 2003 Distribution".to_string()),
            ],
            0..80,
        )
    ) {
        let text = lines.join("\n");
        if let Ok(submission) = parse_submission(text.as_bytes()) {
            for document in &submission.documents {
                let _ = normalize_document(&document.text).to_string();
            }
        }
        let _ = normalize_document(&text).to_string();
    }

    #[test]
    fn a_made_up_wrapped_statement_normalizes_idempotently(
        (width, pages) in (60usize..=132).prop_flat_map(|w| (Just(w), prop::collection::vec(statement_page(), 2..6)))
    ) {
        let count = pages.len();
        let mut lines = Vec::new();
        for (i, (title, body)) in pages.iter().enumerate() {
            lines.push("               Example Home Equity Trust   2004-7".to_string());
            lines.push("               Asset-Backed Certificates".to_string());
            lines.push(format!("               {title} for March 25, 2005 Distribution"));
            lines.push("=".repeat(width + 5));
            lines.extend(body.iter().cloned());
            lines.push(format!("{}Page {} of {}{}COPYRIGHT 2005 Example Bank", " ".repeat(width + 20), i + 1, count, " ".repeat(9)));
        }
        let (wrapped, _) = edgar_wrap(&lines, width);
        let once = normalize_document(&wrapped);
        prop_assert_eq!(once.trust_name.as_deref(), Some("Example Home Equity Trust 2004-7"));
        prop_assert_eq!(once.distribution_date.as_deref(), Some("March 25, 2005"));
        let mut titles: Vec<&str> = pages.iter().map(|(t, _)| t.as_str()).collect();
        titles.dedup();
        let got: Vec<&str> = once.reports.iter().map(|r| r.title.as_str()).collect();
        prop_assert_eq!(got, titles);
        let text = once.to_string();
        prop_assert!(!text.contains("COPYRIGHT") && !text.contains("by Groups") && !text.contains("LEFT BLANK"), "{}", text);
        assert_idempotent(&wrapped);
    }

    #[test]
    fn a_mutated_fixture_never_panics_and_normalizes_idempotently(
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0usize..200, "[ >\\na-zA-Z0-9]{0,12}"), 1..8)
    ) {
        let mut text = fixture_text().into_bytes();
        for (at, cut, insert) in edits {
            let start = at.index(text.len() + 1);
            let end = (start + cut).min(text.len());
            text.splice(start..end, insert.into_bytes());
        }
        let submission = parse_submission(&text);
        prop_assert!(submission.is_ok(), "a bare document always reads");
        let text = String::from_utf8_lossy(&text).into_owned();
        assert_idempotent(&text);
    }
}

#[test]
fn the_fixture_normalizes_idempotently() {
    let text = fixture_text();
    assert_idempotent(&text);
    let once = normalize_document(&text);
    let twice = normalize_document(&once.plain_text());
    assert_eq!(
        twice.reports.len(),
        1,
        "no page header is left to split the clean text"
    );
    assert_eq!(kept_lines(&twice).len(), 517);
}
