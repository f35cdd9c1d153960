//! Golden tests on the real fixture: Impac CMB Trust 2002-1, November 25, 2002 distribution, a
//! bare 8-K document wrapped at 79 columns.

use remit_normalize::{normalize_document, unwrap_lines, CleanStatement, Line, Report};

fn fixture_text() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/fixtures/im020111.txt"
    );
    std::fs::read_to_string(path).expect("the fixture is part of the repository")
}

fn fixture() -> CleanStatement {
    normalize_document(&fixture_text())
}

fn report<'a>(statement: &'a CleanStatement, title: &str) -> &'a Report {
    statement
        .report(title)
        .unwrap_or_else(|| panic!("no report {title:?}"))
}

fn line_starting<'a>(report: &'a Report, start: &str) -> &'a Line {
    report
        .lines
        .iter()
        .find(|l| l.text.starts_with(start))
        .unwrap_or_else(|| panic!("no line {start:?}"))
}

#[test]
fn the_reports_come_in_printed_order() {
    let statement = fixture();
    let titles: Vec<&str> = statement.reports.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Contents",
            "Certificate Payment Report",
            "Collection Account Report",
            "Credit Enhancement Report",
            "Collateral Report",
            "Delinquency Report",
            "REO Report",
            "Prepayment Report",
            "Prepayment Detail Report",
            "Realized Loss Report",
            "Realized Loss Detail Report",
            "Triggers, Adj. Rate Cert. and Miscellaneous Report",
            "Other Related Information",
        ]
    );
    assert!(
        statement.reports.iter().all(|r| r.tier.is_none()),
        "this trust prints no REMIC tiers"
    );
    let pages: Vec<Option<(u32, u32)>> = statement.reports.iter().map(Report::pages).collect();
    assert_eq!(pages[1], Some((2, 3)));
    assert_eq!(pages[4], Some((8, 10)));
    assert_eq!(pages[12], Some((24, 24)));
}

#[test]
fn the_page_header_names_trust_and_date() {
    let statement = fixture();
    assert_eq!(
        statement.trust_name.as_deref(),
        Some("Impac CMB Trust 2002-1")
    );
    assert_eq!(
        statement.distribution_date.as_deref(),
        Some("November 25, 2002")
    );
    assert_eq!(
        statement.header_lines,
        ["Collateralized Asset-Backed Bonds", "Series 2002-1"]
    );
}

#[test]
fn the_preamble_is_the_8k_cover_up_to_the_exhibit_index() {
    let statement = fixture();
    assert_eq!(
        statement.preamble.first().map(|l| l.text.as_str()),
        Some("SECURITIES AND EXCHANGE COMMISSION")
    );
    let last = statement.preamble.last().expect("a preamble");
    assert_eq!(
        (last.text.trim(), last.line, last.page),
        ("dated as of November 25, 2002.", 50, 0)
    );
    // The cover's own wrapping is undone too (line 9 continued by a bare `>` on line 10).
    assert!(statement
        .preamble
        .iter()
        .any(|l| l.text.ends_with("dated as of February 27,") && l.line == 9));
}

#[test]
fn a_number_cut_at_the_width_is_rejoined_in_its_column() {
    let statement = fixture();
    let certificates = report(&statement, "Certificate Payment Report");
    let header = line_starting(certificates, "Class          Type");
    let class_a = line_starting(certificates, "A              FLT");
    let balance = header
        .text
        .find("Balance")
        .expect("Prior Principal Balance heading");
    let interest = header.text.find("Interest").expect("Interest heading");
    let figure = class_a
        .text
        .find("420966165.6")
        .expect("the prior balance of class A");
    assert_eq!((balance, figure, interest), (75, 79, 90));
    assert_eq!(
        figure + "420966165.6".len(),
        interest,
        "right-aligned under its heading"
    );
    assert!(class_a.text.ends_with("0    412561923.8"));
    assert_eq!((class_a.page, class_a.line), (2, 145));
    // `Prio` + `r` at the cut: a word cut in two comes back whole.
    assert!(certificates.lines.iter().any(|l| l.text.trim() == "Prior                                                                                     Current"));
}

#[test]
fn a_trimmed_piece_is_padded_so_columns_line_up() {
    let statement = fixture();
    let collections = report(&statement, "Collection Account Report");
    let heading = line_starting(collections, "SUMMARY");
    let principal = line_starting(collections, "               Principal Collections");
    assert_eq!(heading.text.find("ADJUSTABLE"), Some(90));
    assert_eq!(principal.text.find("8,588,295.39"), Some(90));
    let floor = line_starting(collections, "               Floor Contract Payment Amounts");
    assert_eq!((floor.page, floor.line), (6, 377));
    assert!(floor.text.ends_with("63,999.92"));
}

#[test]
fn no_page_furniture_is_left() {
    let text = fixture().to_string();
    for furniture in [
        "Page 2 of  24",
        "of 24",
        "COPYRIGHT",
        "SPACE INTENTIONALLY LEFT BLANK",
        "by Groups",
        "Moving Average",
    ] {
        assert!(
            !text.contains(furniture),
            "{furniture:?} left in the clean text"
        );
    }
    for caption in [
        "Dates correspond to distribution dates",
        "Payments Delinquent",
        "Total Foreclosure",
        "Total CPR",
    ] {
        assert!(
            !text.contains(caption),
            "{caption:?} left in the clean text"
        );
    }
    let statement = fixture();
    let legends = statement
        .lines()
        .filter(|l| matches!(l.text.trim(), "Fixed" | "Adjustable"))
        .count();
    assert_eq!(legends, 0);
    // The page header is gone from every page, the trust name included.
    assert!(!statement
        .lines()
        .any(|l| l.text.contains("Impac CMB Trust")));
    assert!(!statement
        .lines()
        .any(|l| l.text.contains("for November 25, 2002 Distribution")));
}

#[test]
fn a_section_printed_blank_keeps_its_heading_and_has_no_rows() {
    let statement = fixture();
    let collections = report(&statement, "Collection Account Report");
    let at = collections
        .lines
        .iter()
        .position(|l| l.text.starts_with("PRINCIPAL - WITHDRAWALS"))
        .expect("heading");
    assert!(collections.lines[at + 1]
        .text
        .starts_with("PRINCIPAL - OTHER ACCOUNTS"));
    assert!(collections.lines[at + 2]
        .text
        .starts_with("INTEREST - COLLECTIONS"));
    let losses = report(&statement, "Realized Loss Detail Report");
    assert!(losses
        .lines
        .last()
        .is_some_and(|l| l.text.starts_with("Loan Group                    Status")));
}

#[test]
fn detail_rows_are_whole_lines() {
    let statement = fixture();
    let prepaid = report(&statement, "Prepayment Detail Report");
    let rows: Vec<&Line> = prepaid
        .lines
        .iter()
        .filter(|l| l.text.starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    assert_eq!(rows.len(), 35);
    assert!(rows[0].text.starts_with("3900002794  1"));
    assert!(rows[0]
        .text
        .ends_with("0.125CA  -  11.11%  Paid Off  -  18          35852"));
    let reo = line_starting(report(&statement, "REO Report"), "1100345694");
    assert_eq!((reo.page, reo.line), (14, 791));
    assert!(reo.text.contains("0.07625MO  -  95.00%"));
}

#[test]
fn the_display_names_each_report_and_its_pages() {
    let text = fixture().to_string();
    assert!(text.contains("### Impac CMB Trust 2002-1 | Collateralized Asset-Backed Bonds | Series 2002-1 | November 25, 2002\n"));
    assert!(text.contains("\n=== Contents (page 1)\n"));
    assert!(text.contains("\n=== Delinquency Report (pages 11-13)\n"));
    assert_eq!(text.lines().filter(|l| l.starts_with("=== ")).count(), 13);
}

#[test]
fn unwrapping_gives_each_logical_line_its_first_line_number() {
    let lines = unwrap_lines(&fixture_text());
    let footer = lines
        .iter()
        .find(|(t, _)| t.contains("Page 18 of 24"))
        .expect("footer of page 18");
    assert!(footer
        .0
        .trim_end()
        .ends_with("COPYRIGHT 2002 Deutsche Bank"));
    assert_eq!(footer.1, 995);
    let title = lines
        .iter()
        .find(|(t, _)| t.contains("Miscellaneous Report for"))
        .expect("page 23 header");
    assert_eq!(
        title.0.trim(),
        "Triggers, Adj. Rate Cert. and Miscellaneous Report for November 25, 2002 Distribution"
    );
}

/// Cuts `line` as a filer agent does: piece `k` at `widths[k]` physical columns (a
/// continuation's `>` counting), every piece losing its trailing blanks.
fn cut_at(line: &str, widths: &[usize], out: &mut Vec<String>) {
    let chars: Vec<char> = line.chars().collect();
    let (mut at, mut k) = (0, 0);
    loop {
        let continuation = k > 0;
        let room = widths[k % widths.len()] - usize::from(continuation);
        let end = (at + room).min(chars.len());
        let piece: String = chars[at..end].iter().collect();
        out.push(format!(
            "{}{}",
            if continuation { ">" } else { "" },
            piece.trim_end()
        ));
        if end == chars.len() {
            return;
        }
        (at, k) = (end, k + 1);
    }
}

/// The fixture's lines cut again at random widths within `lo..=lo + 2`, except the line that
/// starts with `start`, cut at the widths `widths` gives for it. Returns that line as printed
/// and as rejoined.
fn recut(start: &str, lo: usize, widths: impl Fn(&str) -> Vec<usize>) -> (String, Option<String>) {
    let lines: Vec<String> = unwrap_lines(&fixture_text())
        .into_iter()
        .map(|(l, _)| l)
        .collect();
    // splitmix64: widths drawn at random, the same on every machine.
    let mut state = 0x5eed_u64 + lo as u64;
    let mut drift = std::iter::from_fn(|| {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Some(lo + ((z ^ (z >> 31)) % 3) as usize)
    });
    let mut cut = Vec::new();
    let mut target = None;
    for line in &lines {
        let mut drawn: Vec<usize> = (0..6).map(|_| drift.next().unwrap_or(lo)).collect();
        if line.starts_with(start) && target.is_none() {
            let chosen = widths(line);
            assert!(
                chosen.iter().all(|w| (lo..=lo + 2).contains(w)),
                "{chosen:?}"
            );
            drawn[..chosen.len()].copy_from_slice(&chosen);
            target = Some(line.clone());
        }
        cut_at(line, &drawn, &mut cut);
    }
    let target = target.expect("the fixture prints the line");
    let rejoined = unwrap_lines(&cut.join("\n"))
        .into_iter()
        .map(|(l, _)| l)
        .find(|l| l.starts_with(start));
    (target, rejoined)
}

/// The widths that cut `line` right before the field after `field`, its last piece at the
/// widest `lo + 2` (the trim took the blanks between the two, and the piece is as long as the
/// narrowest: it may have taken none).
fn before(line: &str, field: &str, lo: usize) -> Vec<usize> {
    let at = line.find(field).expect("the line prints the field") + field.len();
    if at == lo + 2 {
        vec![at]
    } else {
        vec![at - (lo + 1), lo + 2]
    }
}

#[test]
fn a_dash_printed_as_a_field_of_its_own_stays_apart_from_the_figure_after_it() {
    // The rows around print the dash two blanks from the figure, column under column.
    for (loan, field, lo) in [
        ("1100343795", "Paid Off  -  ", 66),
        ("1100346981", "OH  -  ", 55),
    ] {
        let (printed, rejoined) = recut(loan, lo, |line| before(line, field, lo));
        assert_eq!(rejoined, Some(printed), "cut at {lo}..={}", lo + 2);
    }
}

#[test]
fn two_figures_whose_join_is_none_stay_apart() {
    // `10,567,907.28330,968.03` is no figure: the cut trimmed the blanks between two.
    let start = "               TOTAL AVAILABLE FUNDS TO BONDHOLDERS";
    let (printed, rejoined) = recut(start, 103, |line| before(line, "10,567,907.28  ", 103));
    assert_eq!(rejoined, Some(printed));
}

#[test]
fn a_word_after_a_cut_no_token_can_fall_in_starts_its_column() {
    // `FIXED` ends ten columns short of the cut at 120: no token was cut in two there, and
    // `TOTAL` starts where the column's figures and headings start (not where its end would
    // meet the start of the figures after it).
    let (printed, rejoined) = recut("CHARACTERISTICS", 118, |line| {
        before(line, "FIXED          ", 118)
    });
    assert_eq!(rejoined, Some(printed));
}

#[test]
fn two_words_the_document_always_prints_one_blank_apart_stay_so_at_a_cut() {
    // The cut falls right after `Fixed`, before ` Group`; the trim took nothing. The
    // Realized Loss Detail Report prints `Fixed Group` too, one blank apart.
    let start = "Total Loan Count =   35";
    let (printed, rejoined) = recut(start, 116, |line| {
        let at = line.find("Fixed").expect("Fixed Group") + "Fixed".len();
        assert_eq!(at, 116);
        vec![at]
    });
    assert_eq!(rejoined, Some(printed));
}
