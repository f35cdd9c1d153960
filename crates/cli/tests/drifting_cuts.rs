//! EDGAR's cut at drifting widths changes nothing that is read.
//!
//! Real filer agents cut each long line into pieces at a width that drifts piece by piece within
//! two columns of their limit W (the `>` of a continuation counting), and every piece loses its
//! trailing blanks. Any statement the generator makes (the Deutsche Bank family of `generate`,
//! the "Statement to Certificateholders" family of `stc_submission` in each variant) and the
//! fixture, cut that way for any W from 60 to 132, must load into exactly the rows of the same
//! statement uncut: compared through the real path (submission bytes -> `parse_filing`, i.e.
//! normalize and extract -> `History` in a SQLite database), every table dumped row by row.
//!
//! Left out of the comparison, and only these: the columns that say where the bytes came from
//! and when (`filings.sha256` — the cut bytes differ by design —, `loaded_at`, `updated_at`),
//! and `unplaced_figures.line`, the physical line number an unplaced figure was printed on
//! (a cut document has more physical lines; the figure, its report, page and line text are
//! still compared). The extractor's log lines (`warnings`) are not rows.
//!
//! CI runs a fixed set of cases; `REMIT_DRIFT_CASES=n` runs `n` cases per family and
//! `REMIT_DRIFT_SEED=s` draws them from another seed, `REMIT_DRIFT_WIDTH=w` (60 to 132) cuts them
//! all at W = w. A failure prints the seed that
//! reproduces it and the logical lines the rejoin got wrong (`REMIT_DRIFT_LINES=n`: the first `n`
//! of them, 12 unless told; `REMIT_DRIFT_PIECES=1` adds the physical pieces each was rejoined
//! from, with their widths; `REMIT_DRIFT_SAVE=dir` writes each failing case's two submissions,
//! `case-N-uncut.txt` and `case-N-cut.txt`, to `dir`).

use remit_cli::{parse_filing, KnownFacts};
use remit_history::{FilingOutcome, History};
use remit_normalize::{parse_submission, statement_documents, unwrap_lines};
use remit_samples::{
    cut_document, fixture_document, fixture_submission, generate, stc_document, stc_submission,
    Cut, GeneratorConfig, StcVariant, Variants,
};

/// splitmix64: the cases are drawn from a seed, the same on every machine.
struct Draw(u64);

impl Draw {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A statement to cut: its submission uncut, and how to cut it.
struct Case {
    /// `fixture`, `generated` or `stc`.
    family: &'static str,
    width: usize,
    name: String,
    uncut: String,
    cut: String,
}

impl Case {
    /// A submission whose document is `document` (logical lines), cut at `width` drifting.
    fn by_document(
        name: String,
        submission: &str,
        document: &str,
        width: usize,
        seed: u64,
    ) -> Case {
        assert!(
            submission.contains(document),
            "{name}: the document is in its submission"
        );
        let lines = logical_lines(document);
        let uncut = submission.replace(document, &cut_document(&lines, Cut::None));
        let cut = submission.replace(document, &cut_document(&lines, drifting(width, seed)));
        let family = if name.starts_with("stc") {
            "stc"
        } else {
            "fixture"
        };
        Case {
            family,
            width,
            name,
            uncut,
            cut,
        }
    }
}

/// Each piece at a random width in `width - 2 ..= width`, the `>` counting.
fn drifting(width: usize, seed: u64) -> Cut {
    Cut::Random {
        narrowest: width - 2,
        widest: width,
        seed,
    }
}

/// The lines of a document as the trustee printed them (the fixture is filed cut at 79).
fn logical_lines(document: &str) -> Vec<String> {
    unwrap_lines(document).into_iter().map(|(l, _)| l).collect()
}

fn fixture_case(width: usize, seed: u64) -> Case {
    Case::by_document(
        format!("fixture W={width} seed={seed}"),
        fixture_submission(),
        fixture_document(),
        width,
        seed,
    )
}

fn generated_case(
    trust: usize,
    month: u32,
    (variants, tiered): (Variants, bool),
    width: usize,
    seed: u64,
) -> Case {
    let cfg = GeneratorConfig {
        trusts: trust as u32 + 1,
        months: month + 1,
        seed,
        ..GeneratorConfig::default()
    };
    let pick = |cut: Cut| {
        let filings = generate(&cfg).cut(cut).variants(variants);
        let filings = if tiered { filings.tiered() } else { filings };
        filings
            .filter(|f| f.trust_name.ends_with(&format!("S{}", trust + 1)))
            .nth(month as usize)
            .expect("the generator makes every trust's month")
            .text
    };
    Case {
        family: "generated",
        width,
        name: format!(
            "generated {variants:?} tiered={tiered} trust={trust} month={month} W={width} seed={seed}"
        ),
        uncut: pick(Cut::None),
        cut: pick(drifting(width, seed)),
    }
}

fn stc_case(variant: StcVariant, month: u32, width: usize, seed: u64) -> Case {
    let document = stc_document(&variant, month);
    Case::by_document(
        format!("stc {variant:?} month={month} W={width} seed={seed}"),
        &stc_submission(&variant, month),
        &document,
        width,
        seed,
    )
}

/// Every variant of the "Statement to Certificateholders" the generator prints.
fn stc_variant(draw: &mut Draw) -> StcVariant {
    StcVariant::from_bits(draw.next())
}

/// The cases of one run: `per_family` of each family, W and seeds drawn from `seed`.
fn cases(per_family: usize, seed: u64) -> Vec<Case> {
    // `REMIT_DRIFT_WIDTH=w`: every case at W = w, the rest drawn as without it.
    let width = env_number("REMIT_DRIFT_WIDTH").map(|w| w.clamp(60, 132) as usize);
    cases_at(per_family, seed, width)
}

/// [`cases`], each at W = `width` where given (the rest drawn as without it).
fn cases_at(per_family: usize, seed: u64, width: Option<usize>) -> Vec<Case> {
    let mut draw = Draw(seed);
    let mut out = Vec::new();
    let width_of = |drawn: u64| width.unwrap_or(60 + drawn as usize);
    for _ in 0..per_family {
        let width = width_of(draw.below(73));
        out.push(fixture_case(width, draw.next()));
        let width = width_of(draw.below(73));
        let (trust, month) = (draw.below(3) as usize, draw.below(3) as u32);
        let bits = draw.next();
        let printing = (
            Variants {
                copyright_mark: bits & 1 != 0,
                total_only: bits & 2 != 0,
                additional_report: bits & 4 != 0,
                misprints: false,
            },
            bits & 8 != 0,
        );
        out.push(generated_case(
            trust,
            month,
            printing,
            width,
            1 + draw.below(1000),
        ));
        let width = width_of(draw.below(73));
        let variant = stc_variant(&mut draw);
        out.push(stc_case(variant, draw.below(12) as u32, width, draw.next()));
    }
    out
}

/// Every table of a history, by name, its rows as text.
type Tables = Vec<(String, Vec<String>)>;

/// Every table of a history that loaded `submission`, row by row, sorted, the columns of
/// provenance left out (see the module comment).
fn dump(submission: &str) -> (FilingOutcome, Tables) {
    let (outcome, tables, _) = load(submission);
    (outcome, tables)
}

/// A history that loaded `submission`: its outcome, every table (see [`dump`]) and the names
/// of the checks that failed.
fn load(submission: &str) -> (FilingOutcome, Tables, Vec<String>) {
    let parsed = parse_filing(submission.as_bytes(), "drift", &KnownFacts::default());
    let mut outcome = parsed.outcome;
    if let FilingOutcome::Parsed(statements) = &mut outcome {
        for statement in statements {
            statement.warnings.clear();
            for unplaced in &mut statement.unplaced {
                unplaced.line = 0;
            }
        }
    }
    let mut history = History::open_in_memory().expect("an in-memory history");
    history
        .load(&parsed.record, &outcome)
        .expect("the statement loads");
    let conn = history.connection();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("the schema lists its tables");
    let mut out = Vec::new();
    for table in tables {
        let columns: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("a table has columns");
        let kept: Vec<String> = columns
            .into_iter()
            .filter(|c| {
                let provenance = matches!(c.as_str(), "sha256" | "loaded_at" | "updated_at");
                let physical_line = table == "unplaced_figures" && c == "line";
                !provenance && !physical_line
            })
            .map(|c| format!("quote(\"{c}\")"))
            .collect();
        if kept.is_empty() {
            continue;
        }
        let mut rows: Vec<String> = conn
            .prepare(&format!(
                "SELECT {} FROM \"{table}\"",
                kept.join(" || '|' || ")
            ))
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("a table reads");
        rows.sort();
        out.push((table, rows));
    }
    let failed: Vec<String> = conn
        .prepare("SELECT name FROM checks WHERE passed = 0 ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("the checks read");
    (outcome, out, failed)
}

/// The logical lines of the cut statement's document that differ from the uncut one's.
fn rejoin_diff(case: &Case) -> String {
    let document = |text: &str| {
        let submission = parse_submission(text.as_bytes()).expect("a submission");
        statement_documents(&submission)
            .first()
            .map(|d| d.text.clone())
            .unwrap_or_default()
    };
    let want = logical_lines(&document(&case.uncut));
    let cut_document = document(&case.cut);
    let physical: Vec<&str> = cut_document.lines().collect();
    let numbered = unwrap_lines(&cut_document);
    let got: Vec<String> = numbered.iter().map(|(l, _)| l.clone()).collect();
    let mut out = String::new();
    if want.len() != got.len() {
        out.push_str(&format!(
            "{} logical lines, {} uncut\n",
            got.len(),
            want.len()
        ));
    }
    let shown = env_number("REMIT_DRIFT_LINES").unwrap_or(12) as usize;
    let pieces = std::env::var_os("REMIT_DRIFT_PIECES").is_some();
    for ((g, w), (_, first)) in got
        .iter()
        .zip(&want)
        .zip(&numbered)
        .filter(|((g, w), _)| g != w)
        .take(shown)
    {
        out.push_str(&format!("  uncut: {w}\n  cut:   {g}\n"));
        if pieces {
            // The physical lines the cut line was rejoined from, each with its width.
            let first = *first as usize - 1;
            for (k, line) in physical.iter().enumerate().skip(first) {
                if k > first && !line.starts_with('>') {
                    break;
                }
                out.push_str(&format!("    {:3} {line}|\n", line.chars().count()));
            }
        }
    }
    out
}

/// How many of `cases` load differently, with what went wrong for each.
/// A case that loads other rows than its uncut statement.
struct Difference {
    /// The case's index in the cases compared.
    case: usize,
    /// Only a cell of text differs, in its blanks.
    prose: bool,
    /// The case, how it differs, and the logical lines the rejoin got wrong.
    report: String,
}

fn differences(cases: &[Case]) -> Vec<Difference> {
    let mut failures = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let (uncut_outcome, uncut, uncut_failed) = load(&case.uncut);
        assert!(
            matches!(&uncut_outcome, FilingOutcome::Parsed(s) if !s.is_empty()),
            "{}: the uncut statement loads: {uncut_outcome:?}",
            case.name
        );
        let (cut_outcome, cut, cut_failed) = load(&case.cut);
        let mut diff = Vec::new();
        // Whether every row that differs is a cell of text (a prose cell's blanks): its
        // figure's `value` is NULL.
        let mut prose_only = true;
        for ((table, want), (_, got)) in uncut.iter().zip(&cut) {
            // Each row of one side the other lacks, found once.
            let missing: Vec<&String> = want.iter().filter(|r| !got.contains(r)).collect();
            let extra: Vec<&String> = got.iter().filter(|r| !want.contains(r)).collect();
            if !missing.is_empty() || !extra.is_empty() {
                prose_only &= missing
                    .iter()
                    .chain(&extra)
                    .all(|row| table == "pool_cells" && row.split('|').nth(3) == Some("NULL"));
                let first =
                    |rows: &[&String]| rows.first().map(|r| r.to_string()).unwrap_or_default();
                let (first_missing, first_extra) = (first(&missing), first(&extra));
                let (missing, extra) = (missing.len(), extra.len());
                diff.push(format!("{table}: {missing} rows missing, {extra} extra (e.g. {first_missing} / {first_extra})"));
            }
        }
        if !diff.is_empty() {
            // `REMIT_DRIFT_SAVE=dir`: each failing case's two submissions, to read with
            // `remit normalize` or load with `remit ingest`.
            if let Some(dir) = std::env::var_os("REMIT_DRIFT_SAVE") {
                let dir = std::path::Path::new(&dir);
                std::fs::create_dir_all(dir).expect("the save directory");
                for (suffix, text) in [("uncut", &case.uncut), ("cut", &case.cut)] {
                    std::fs::write(dir.join(format!("case-{i}-{suffix}.txt")), text)
                        .expect("a saved case");
                }
            }
            // Loudly wrong: a check fails that passes uncut, or a figure placed uncut is listed
            // unplaced, so the history itself says a figure of this statement is off. Prose
            // where only a cell of text differs (its blanks). Silently wrong otherwise.
            let newly_failed = cut_failed
                .iter()
                .filter(|name| !uncut_failed.contains(name))
                .count();
            let newly_unplaced = newly_unplaced(&uncut_outcome, &cut_outcome);
            let how = if newly_failed > 0 {
                format!("loud ({newly_failed} checks fail that pass uncut)")
            } else if newly_unplaced > 0 {
                format!("loud ({newly_unplaced} figures unplaced that are placed uncut)")
            } else if prose_only {
                "prose".to_string()
            } else {
                "silent".to_string()
            };
            failures.push(Difference {
                case: i,
                prose: how == "prose",
                report: format!(
                    "{} [{how}]: {}\n{}",
                    case.name,
                    diff.join("; "),
                    rejoin_diff(case)
                ),
            });
        }
    }
    failures
}

/// How many figures the cut statement lists unplaced that the uncut one does not (by report
/// and figure: the line's text may differ in a prose cell's blanks).
fn newly_unplaced(uncut: &FilingOutcome, cut: &FilingOutcome) -> usize {
    let unplaced = |outcome: &FilingOutcome| -> Vec<(String, String)> {
        match outcome {
            FilingOutcome::Parsed(statements) => statements
                .iter()
                .flat_map(|s| &s.unplaced)
                .map(|u| (u.report.clone(), u.figure.clone()))
                .collect(),
            _ => Vec::new(),
        }
    };
    let mut before = unplaced(uncut);
    let mut count = 0;
    for figure in unplaced(cut) {
        match before.iter().position(|f| *f == figure) {
            Some(i) => {
                before.swap_remove(i);
            }
            None => count += 1,
        }
    }
    count
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

/// A statement's trust, distribution date, layout and, of every class, its tier, name, original
/// face and prior balance (to the cent).
type Identity = (String, Option<String>, String, Vec<ClassBalances>);
type ClassBalances = (String, String, Option<String>, Option<String>);

/// What every case keeps today: the statement loads, of the same trust, date and layout, with
/// every class of every tier, its face and prior balance. (Not yet its current balance: a
/// bare `0` column read a column off can push the figures after it out of their columns.)
fn identities(outcome: &FilingOutcome) -> Vec<Identity> {
    match outcome {
        FilingOutcome::Parsed(statements) => statements
            .iter()
            .map(|s| {
                (
                    s.trust_name.clone(),
                    s.distribution_date.clone(),
                    s.layout.clone(),
                    s.classes
                        .iter()
                        .map(|c| {
                            let cents = |v: Option<f64>| v.map(|v| format!("{v:.2}"));
                            (
                                c.tier.clone(),
                                c.class.clone(),
                                cents(c.original_face),
                                cents(c.prior_balance),
                            )
                        })
                        .collect(),
                )
            })
            .collect(),
        _ => Vec::new(),
    }
}

#[test]
fn statements_cut_at_drifting_widths_load_every_class_its_face_and_prior_balance() {
    let per_family = env_number("REMIT_DRIFT_CASES").unwrap_or(4) as usize;
    let seed = env_number("REMIT_DRIFT_SEED").unwrap_or(2002);
    for case in cases(per_family, seed) {
        let (uncut, _) = dump(&case.uncut);
        let (cut, _) = dump(&case.cut);
        assert!(!identities(&uncut).is_empty(), "{}: {uncut:?}", case.name);
        assert_eq!(
            identities(&cut),
            identities(&uncut),
            "{} (REMIT_DRIFT_SEED={seed}):\n{}",
            case.name,
            rejoin_diff(&case)
        );
    }
}

/// Asserts that each of `cases` loads the rows its uncut statement loads.
fn assert_load_as_uncut(cases: &[Case]) {
    let failures = differences(cases);
    assert!(
        failures.is_empty(),
        "{}",
        failures
            .into_iter()
            .map(|f| f.report)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// At EDGAR's own limit (each piece cut at 78 to 80 columns), a generated month whose
/// Adjustable Rate Certificate Information prints its figures under TOTAL only loads as uncut.
/// Its column headings, printed on every page, agree on one reading only after the other
/// lines were read; `Cumulative Basis Risk Shortfall Carry Forward Amt` had been read against
/// them as they stood before, and its figure stored under FIXED. The other lines are now read
/// again against the agreed headings.
#[test]
fn a_month_cut_at_edgars_width_loads_its_figures_under_their_headings() {
    let variants = Variants {
        copyright_mark: false,
        total_only: false,
        additional_report: true,
        misprints: false,
    };
    let case = generated_case(0, 0, (variants, true), 80, 428);
    assert_load_as_uncut(&[case]);
}

/// A dash alone cut from the figure after it is read as the columns say: a loan table's nil
/// `-` before `60.71%` stays a field of its own (the figures of the rows around end where
/// `60.71%` does), a label's `-284570.29`, whose figure ends where no other does, stays signed.
/// So does a count's `-18` in a month whose loan table prints a dash and a term as `-  18`,
/// and the pool's loan-count roll-forward holds as printed.
#[test]
fn a_dash_cut_from_a_figure_reads_as_the_columns_say() {
    let plain = Variants {
        copyright_mark: false,
        total_only: false,
        additional_report: false,
        misprints: false,
    };
    let loan_table = Variants {
        additional_report: true,
        ..plain
    };
    let label = Variants {
        total_only: true,
        ..plain
    };
    let cases = [
        generated_case(0, 2, (loan_table, true), 112, 798),
        generated_case(2, 1, (label, false), 64, 400),
        generated_case(0, 0, (EVERY_PRINTING, false), 69, 635),
    ];
    assert_load_as_uncut(&cases);
}

/// The fixture's methodology footnotes cut at an operator (`[(1-SMMn) *` + `(1-SMMn+1)`, W = 99)
/// and before a closing bracket (`+min(30,WASm` + `)/(number`, W = 83) keep their text cells
/// as printed, though the same footnotes print `*(1-SMMm)` joined and `WASm )/(` apart.
#[test]
fn a_footnotes_formula_cut_at_an_operator_or_a_bracket_loads_as_printed() {
    let cases = [
        fixture_case(99, 12959236711590959257),
        fixture_case(83, 4020475820584864672),
    ];
    assert_load_as_uncut(&cases);
}

/// A table whose every line is cut in the same blanks is read again once the headings printed
/// for every tier agree: read first against the headings' wrong reading, its rows had kept a
/// wrong one among themselves. A factor table cut after `TOTAL` on every line (W = 71) had
/// moved its third heading line's `BALANCE` two columns, off `CURRENT PRINCIPAL`; a short
/// statement's class table cut after `REALIZED LOSSES` (W = 102) had read its `DEFERRED
/// INTEREST` figures a column left of their heading and the `TOTALS` row's two right.
#[test]
fn a_table_cut_in_the_same_blanks_on_every_line_is_read_again_against_its_agreed_headings() {
    let factors = StcVariant {
        principal_first: true,
        header_lines: 3,
        class_on_top: true,
        bare_zeros: false,
        markup: false,
        stop_after_classes: false,
    };
    let short = StcVariant {
        header_lines: 2,
        markup: true,
        stop_after_classes: true,
        ..factors
    };
    let cases = [
        stc_case(factors, 6, 71, 12574821838699452770),
        stc_case(short, 6, 102, 10905288472638389292),
    ];
    assert_load_as_uncut(&cases);
}

/// A factor table cut on every row right after the current balance's factor and the two
/// blanks after it (W = 92) keeps its rates two blanks from that factor: one blank, as the
/// rows had been read, ran `965.348068 9.500000%` into one cell, and the rates were stored
/// under the headings after theirs. The statement prints no two figures one blank apart.
#[test]
fn a_factor_tables_rates_cut_from_their_balance_stay_in_their_columns() {
    let variant = StcVariant {
        principal_first: true,
        header_lines: 2,
        class_on_top: true,
        bare_zeros: false,
        markup: true,
        stop_after_classes: false,
    };
    assert_load_as_uncut(&[stc_case(variant, 3, 92, 12016360227181030313)]);
}

/// A factor table whose every line is cut in the blanks after `TOTAL` keeps its headings over
/// their columns: the next tier prints the same heading over wider columns, and its `TOTAL
/// BALANCE  RATE` gaps fit this one's cut read two blanks wider than printed. Read so,
/// `ESTIMATED NEXT RATE` lost a word and its figures were stored under `ESTIMATED` or `NEXT
/// RATE`, with no check failing (W = 65 and W = 108).
#[test]
fn a_heading_printed_over_wider_columns_elsewhere_says_nothing_of_how_this_one_is_spaced() {
    let variant = |principal_first, header_lines, bare_zeros| StcVariant {
        principal_first,
        header_lines,
        class_on_top: true,
        bare_zeros,
        markup: true,
        stop_after_classes: false,
    };
    // The third: `NEXT` + `> RATE`, words of one heading, one blank apart whatever the
    // columns' widths: the word beside them printed alike elsewhere still says so.
    let mut below = variant(true, 2, false);
    below.class_on_top = false;
    assert_load_as_uncut(&[
        stc_case(variant(false, 3, true), 5, 65, 4061719919612171286),
        stc_case(variant(true, 2, true), 7, 108, 16919703467873466113),
        stc_case(below, 10, 112, 4985133248603012980),
    ]);
}

/// A factor table's heading row cut between `TOTAL` and `PRINCIPAL BALANCE`, two headings,
/// reads them as far apart as the columns say: the statement prints the label `TOTAL
/// PRINCIPAL` one blank apart elsewhere, and read so, the headings after the cut moved a column
/// left of their figures: four estimated next rates were stored under `ESTIMATED RATE`, no check
/// failing (W = 77).
#[test]
fn a_heading_rows_two_headings_are_not_read_as_close_as_a_label_prints_their_words() {
    let variant = StcVariant {
        principal_first: true,
        header_lines: 2,
        class_on_top: false,
        bare_zeros: true,
        markup: true,
        stop_after_classes: false,
    };
    assert_load_as_uncut(&[stc_case(variant, 4, 77, 6079692896916377759)]);
}

/// A figure left-aligned under its column's heading is read where its start lines up, when its
/// end lines up no better in one reading than another: the fixture's `PRE-FUNDING ACCOUNT`
/// rows print `0.00` from where `TOTAL` starts, and cut in the blanks before it (W = 64) had
/// been read two columns left, where as many figures end as where it does; `0.00` then
/// stood under `FIXED` and the row lost its sub-heading, no check failing. The same tie had
/// read the fixture's `DEFAULT SPEEDS` headings cut in their blanks (W = 60) as `0 0` under
/// one heading (nine checks failed), and had left a month's `Current Net Mortgage Rate`
/// unplaced (W = 60).
#[test]
fn a_figure_left_aligned_under_its_heading_is_read_where_its_start_lines_up() {
    let variants = Variants {
        copyright_mark: false,
        total_only: true,
        additional_report: true,
        misprints: false,
    };
    assert_load_as_uncut(&[
        fixture_case(64, 15351526125790554313),
        fixture_case(60, 18098988847771206672),
        generated_case(0, 1, (variants, false), 60, 485),
    ]);
}

/// A `0.00` whose column ends where no wider figure does, on a line cut twice in its blanks
/// (W = 61, a TOTAL-only collateral report), lines up by its end with the `0.00`s above it,
/// not by its start with the starts of the eleven-character figures right-aligned in the
/// section below (`366896794.3`): read there, three columns to the right, it lost the
/// sub-heading above it (`PRE-FUNDING ACCOUNT: Pre-Funding Account Ending Balance` stored as
/// `Pre-Funding Account Ending Balance`, no check failing).
#[test]
fn a_short_figure_lines_up_by_its_end_not_where_wider_figures_start() {
    assert_load_as_uncut(&[generated_case(0, 1, (EVERY_PRINTING, false), 61, 610)]);
}

/// A loan table whose rows are cut in the blanks before their dates (W = 85), read a column or
/// two off as a block, keeps each row's `Paid Off` in one cell: read word by word, a row moved
/// two columns left put `Paid` under `State & LTV`, where it was dropped as neither a state nor
/// a figure, and the loan's prepayment type was stored as `Off`, no check failing.
#[test]
fn a_loan_rows_words_one_blank_apart_stay_in_one_cell_wherever_a_cut_moves_them() {
    assert_load_as_uncut(&[generated_case(2, 0, (EVERY_PRINTING, false), 85, 544)]);
}

/// A month of the Deutsche Bank family in every printing the generator knows but misprints:
/// copyright footers, TOTAL-only pool reports, the Additional Certificate Report.
const EVERY_PRINTING: Variants = Variants {
    copyright_mark: true,
    total_only: true,
    additional_report: true,
    misprints: false,
};

/// A short "Statement to Certificateholders": its class table alone, one heading line over it.
const CLASS_TABLE_ONLY: StcVariant = StcVariant {
    principal_first: true,
    header_lines: 1,
    class_on_top: true,
    bare_zeros: false,
    markup: false,
    stop_after_classes: true,
};

/// A heading of the trade cut where it ends over a column of figures heads that column, and
/// the word after the cut the next one: read one blank apart (`LOSSES INTEREST`), a class
/// table's total was stored under another heading, every check passing (seed 89, W = 101).
#[test]
fn a_heading_that_ends_over_a_column_of_figures_is_apart_from_the_next_heading() {
    // Two-line headings: `LOSSES` (under `REALIZED`) ends where the realized losses end, so
    // `INTEREST` after the cut heads the next column, two blanks on, not `LOSSES INTEREST`.
    let two_lines = StcVariant {
        principal_first: false,
        header_lines: 2,
        ..CLASS_TABLE_ONLY
    };
    // One-line headings: `CURRENT` + `PRINCIPAL BALANCE` is one heading, one blank apart.
    let one_line = StcVariant {
        header_lines: 1,
        bare_zeros: true,
        ..two_lines
    };
    // A title's `IN` that ends where figures of the rows below end by chance heads nothing:
    // `DISTRIBUTION IN DOLLARS`.
    let title = StcVariant {
        class_on_top: false,
        ..one_line
    };
    assert_load_as_uncut(&[
        stc_case(two_lines, 10, 101, 4204900008682204186),
        stc_case(one_line, 7, 75, 4638351805341602640),
        stc_case(title, 11, 61, 7609369832450837835),
    ]);
}

/// A short statement whose few cuts inside a token fall at one width by chance, but whose
/// rows show two cut widths, is read as drifting: read at the one width, its `DEFERRED
/// INTEREST` column became a second `INTEREST`, every class's deferred interest NULL.
#[test]
fn a_short_statement_whose_rows_were_cut_at_two_widths_is_read_as_drifting() {
    // Its four cuts inside a token all fall at 128, as if the agent cut at one width; the rows
    // `I-F` and `I-A` line up before their cuts and not after, so it did not.
    assert_load_as_uncut(&[stc_case(CLASS_TABLE_ONLY, 1, 128, 6916260957515487685)]);
}

/// A short statement (W = 111) whose limit no piece shows, read one column short: `CURRENT`
/// came back a column right and the line under it a column left, one blank between `INTEREST`
/// and `PRINCIPAL BALANCE`, and `CURRENT` started nearer `BALANCE`. The class table parted its
/// headings there and stored the `Total` row's deferred interest under `DEFERRED INTEREST
/// PRINCIPAL`, no check failing; the header prints `PRINCIPAL BALANCE` one blank apart in
/// `PRIOR PRINCIPAL BALANCE`, so they part before it.
#[test]
fn headings_run_together_part_where_the_header_prints_no_pair_of_their_words_apart() {
    let variant = StcVariant {
        header_lines: 2,
        class_on_top: false,
        ..CLASS_TABLE_ONLY
    };
    assert_load_as_uncut(&[stc_case(variant, 8, 111, 15880585716404783013)]);
}

/// A factor table (W = 95) whose `CURRENT` over `RATE` a cut moved two characters right, into
/// the span of `NEXT RATE`: taken for a second heading over that column, it parted `NEXT` from
/// `RATE`, and `ESTIMATED NEXT RATE` was stored as `ESTIMATED RATE`, no check failing.
#[test]
fn a_heading_above_is_over_the_column_it_overlaps_most() {
    let variant = StcVariant {
        header_lines: 2,
        markup: true,
        stop_after_classes: false,
        ..CLASS_TABLE_ONLY
    };
    assert_load_as_uncut(&[stc_case(variant, 3, 95, 12826781470020696178)]);
}

/// A one-line factor header (W = 60) read with a blank more between `CURRENT` and `RATE`: the
/// rates under `CURRENT RATE` were stored under `CURRENT` and each class's rate was lost from
/// its row, no check failing. No row prints under `RATE`, and every rate reaches under it.
#[test]
fn a_heading_no_row_prints_under_is_the_last_word_of_the_one_before() {
    let variant = StcVariant {
        principal_first: false,
        stop_after_classes: false,
        ..CLASS_TABLE_ONLY
    };
    assert_load_as_uncut(&[stc_case(variant, 7, 60, 7463745605757413836)]);
}

/// A one-line factor header (W = 70) read with two blanks before the `RATE` of `ESTIMATED NEXT
/// RATE`: the rates were stored under `RATE`, no check failing. No row prints under
/// `ESTIMATED NEXT`, and every rate, right-aligned under `RATE`, starts under it.
#[test]
fn a_heading_no_row_prints_under_is_one_with_the_next_whose_figures_start_under_it() {
    let variant = StcVariant {
        header_lines: 1,
        class_on_top: false,
        bare_zeros: true,
        markup: true,
        stop_after_classes: false,
        ..CLASS_TABLE_ONLY
    };
    assert_load_as_uncut(&[stc_case(variant, 0, 70, 9091269298351576092)]);
}

/// A title cut between a short joining word and a word of the trade, two columns short of the
/// limit (`DISTRIBUTION IN` + `DOLLARS`), keeps its blank: read `INDOLLARS`, the class table's
/// section name and all 14 of its check names changed.
#[test]
fn a_title_cut_after_a_short_joining_word_keeps_its_blank() {
    assert_load_as_uncut(&[stc_case(CLASS_TABLE_ONLY, 4, 60, 3624342825464832812)]);
}

/// A footer `Page N of 5      (C) COPYRIGHT 1999 ...` cut after `(C)` two columns short of the
/// limit comes back `(C)   COPYRIGHT`, as a cut at the limit that trimmed two blanks would.
/// It is still a footer: had it not been stripped, the page header after it was not either, and
/// REMIC II's classes were filed under REMIC I.
#[test]
fn a_footer_whose_mark_comes_back_apart_from_its_notice_is_still_a_footer() {
    let variant = StcVariant {
        principal_first: true,
        header_lines: 3,
        class_on_top: false,
        bare_zeros: false,
        markup: true,
        stop_after_classes: false,
    };
    let case = stc_case(variant, 11, 81, 5387259010463639071);
    assert_load_as_uncut(&[case]);
}

/// At EDGAR's own limit (W = 80: each piece cut at 78 to 80 columns, as real filer agents
/// did), statements load into exactly the rows of the uncut statement: four of each family
/// here (`REMIT_DRIFT_CASES`, `REMIT_DRIFT_SEED` as above). Over thirteen seeds of 50 per
/// family (2002, 7, 99, 555, 4242, 1-5, 31337, 8888, 123456), 1,950 of 1,950 do.
#[test]
fn statements_cut_at_edgars_width_load_into_the_rows_of_the_uncut_statement() {
    let per_family = env_number("REMIT_DRIFT_CASES").unwrap_or(4) as usize;
    let seed = env_number("REMIT_DRIFT_SEED").unwrap_or(2002);
    let cases = cases_at(per_family, seed, Some(80));
    let failures = differences(&cases);
    assert!(
        failures.is_empty(),
        "{} of {} cases at W = 80 load other rows\n{}",
        failures.len(),
        cases.len(),
        failures
            .into_iter()
            .map(|f| f.report)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The property below short of its prose: 60 statements of every family, each cut with every
/// piece at a random width in W-2..W for W from 60 to 132, lose no figure, move none to
/// another heading, fail no check they pass uncut and list no figure unplaced that they place
/// uncut. Only a cell of text may differ, in its blanks (see below why some must).
#[test]
fn statements_cut_at_drifting_widths_differ_from_the_uncut_at_most_in_a_text_cells_blanks() {
    let cases = cases(20, 2002);
    let failures: Vec<String> = differences(&cases)
        .into_iter()
        .filter(|f| !f.prose)
        .map(|f| f.report)
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases differ in more than a text cell's blanks\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// The property issue 14 asks for over W from 60 to 132, not yet met. With
/// `REMIT_DRIFT_CASES=20` (60 cases a seed), 13,349 of 13,560 cases load exactly over 226
/// seeds (2002, 555, 4242, 1-30, 31337, 8888, 123456, 40-229; 170-209 were first run after
/// the code they measure was written, 210-229 after all of it). Each case that does not is
/// named by what the history says of it: `loud` where a check fails that passes uncut or a
/// figure placed uncut is listed unplaced, `prose` where only a cell of text differs, in its
/// blanks, and `silent` otherwise. Of the 211, 202 are `prose`: the cut fell between two
/// tokens the document prints both joined and apart, so that no reading gets both right
/// (`(714)247-6281` beside `(714) 247-6000`, `(555)010-0199` beside `(555) 010-0198`, the
/// footnote's `WASm )/(` beside `min(30,WASm)/(`). Seven are loud: `TOTAL`-only sections at
/// W = 60 to 62 whose lines are three pieces each (seeds 51, 64, 161, 188), class tables cut
/// in the same blanks on every row at W = 63 (seeds 98, 191), and the fixture's `DEFAULT
/// SPEEDS` headings at W = 61 (seed 176). Two are silent: the fixture's `PRE-FUNDING ACCOUNT`
/// rows at W = 64 read two columns apart, a `0.00` stored under `FIXED` without its
/// sub-heading (seed 186), and a "Statement to Certificateholders" at W = 87 whose
/// delinquency rows were stored under `3+` for `3+ PAYMENTS`, its pool summary's figure of
/// 1,832,528.80 stored as 916,319.40 (seed 214).
/// Run it with `cargo test -p remit-cli --test drifting_cuts --
/// --ignored`, `REMIT_DRIFT_CASES`, `REMIT_DRIFT_SEED` and `REMIT_DRIFT_WIDTH` as above;
/// `REMIT_DRIFT_ONLY=text` runs only the cases whose name contains `text` (`seed=815`).
#[test]
#[ignore = "issue 14: the rejoin is not yet exact at drifting widths"]
fn statements_cut_at_drifting_widths_load_into_the_rows_of_the_uncut_statement() {
    let per_family = env_number("REMIT_DRIFT_CASES").unwrap_or(4) as usize;
    let seed = env_number("REMIT_DRIFT_SEED").unwrap_or(2002);
    let mut cases = cases(per_family, seed);
    // `REMIT_DRIFT_ONLY=text`: only the cases whose name contains `text`.
    if let Ok(only) = std::env::var("REMIT_DRIFT_ONLY") {
        cases.retain(|c| c.name.contains(&only));
    }
    let failures = differences(&cases);
    // Exact cases per family and range of W, to see where the rejoin falls short.
    let mut tally: std::collections::BTreeMap<(&str, usize), (usize, usize)> = Default::default();
    for (i, case) in cases.iter().enumerate() {
        let range = 60 + (case.width - 60) / 20 * 20;
        let entry = tally.entry((case.family, range)).or_default();
        entry.1 += 1;
        if !failures.iter().any(|f| f.case == i) {
            entry.0 += 1;
        }
    }
    let tally: Vec<String> = tally
        .iter()
        .map(|((family, lo), (exact, all))| {
            format!(
                "{family} W {lo}..={}: {exact}/{all} exact",
                (lo + 19).min(132)
            )
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases (REMIT_DRIFT_SEED={seed} REMIT_DRIFT_CASES={per_family}) load other rows\n{}\n{}",
        failures.len(),
        cases.len(),
        tally.join("\n"),
        failures.into_iter().map(|f| f.report).collect::<Vec<_>>().join("\n")
    );
}
