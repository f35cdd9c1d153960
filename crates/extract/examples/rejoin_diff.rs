//! Diagnostic for the rejoin at drifting cut widths: cuts the fixture (family 0), a generated
//! month (1) and a "Statement to Certificateholders" (2) with each piece at a random width in
//! W-2..=W and prints how many logical lines come back other than printed.
//!
//! `cargo run -p remit-extract --example rejoin_diff -- [cases] [seed] [verbose]`; `W=78` fixes
//! the width, `SEED` the cut's seed, `FAMILY=0` keeps one family, `DUMP=1` writes the cut text
//! to `/tmp/cutN.txt`.
//! `FIGURES=76,78 ... rejoin_diff [cases]` prints the fixture's checks and coverage cut at
//! random widths in 76..=78 against the uncut fixture; `TIME=1` (with `--release`) times the
//! normalizing of the fixture cut at 76..=78; `FILED=n` normalizes the fixture as filed n times
//! (instructions under callgrind: the difference of two runs).

use remit_normalize::{parse_submission, statement_documents, unwrap_lines};
use remit_samples::{
    cut_document, fixture_document, generate, stc_document, Cut, GeneratorConfig, StcVariant,
};

fn logical(text: &str) -> Vec<String> {
    unwrap_lines(text).into_iter().map(|(l, _)| l).collect()
}

fn doc(sub: &str) -> String {
    let s = parse_submission(sub.as_bytes()).unwrap();
    statement_documents(&s)[0].text.clone()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(n) = std::env::var("FILED")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
    {
        // `FILED=n`: normalizes the fixture as filed n times, for instruction counts under
        // `valgrind --tool=callgrind` (the difference of two runs, per normalize).
        let text = remit_samples::fixture_document();
        for _ in 0..n {
            std::hint::black_box(remit_normalize::normalize_document(text));
        }
        return;
    }
    if std::env::var("TIME").is_ok() {
        // Normalize time of the fixture cut at random widths in 76..=78 (run with --release).
        let lines = logical(fixture_document());
        let texts: Vec<String> = (0..10)
            .map(|seed| {
                cut_document(
                    &lines,
                    Cut::Random {
                        narrowest: 76,
                        widest: 78,
                        seed,
                    },
                )
            })
            .collect();
        let start = std::time::Instant::now();
        let rounds = 20;
        for _ in 0..rounds {
            for text in &texts {
                std::hint::black_box(remit_normalize::normalize_document(text));
            }
        }
        let each = start.elapsed() / (rounds * texts.len() as u32);
        println!("normalize of the fixture cut at 76..=78: {each:?} each");
        return;
    }
    if let Ok(range) = std::env::var("FIGURES") {
        let (lo, hi) = range.split_once(',').unwrap();
        figures(
            lo.parse().unwrap(),
            hi.parse().unwrap(),
            args.get(1).and_then(|a| a.parse().ok()).unwrap_or(5),
        );
        return;
    }
    let cases: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(20);
    let seed0: u64 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(1);
    let verbose = args.get(3).is_some();
    let only = std::env::var("FAMILY").ok();
    let mut totals = [(0usize, 0usize, 0usize); 3];
    for i in 0..cases {
        // `SEED` cuts with that seed (as the drifting-cut test prints it).
        let seed = std::env::var("SEED")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(seed0.wrapping_mul(1000).wrapping_add(i));
        let mut state = seed;
        let mut next = move || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        let w = std::env::var("W")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(60 + (next() % 73) as usize);
        let fams: Vec<(usize, Vec<String>)> = vec![
            (0, logical(fixture_document())),
            (1, {
                let cfg = GeneratorConfig {
                    trusts: 1,
                    months: 1,
                    seed: 1 + seed % 1000,
                    ..GeneratorConfig::default()
                };
                let f = generate(&cfg).cut(Cut::None).next().unwrap();
                doc(&f.text).lines().map(str::to_string).collect()
            }),
            (2, {
                let b = next();
                let v = StcVariant::from_bits(b);
                stc_document(&v, (b % 12) as u32)
                    .lines()
                    .map(str::to_string)
                    .collect()
            }),
        ];
        for (fam, lines) in fams {
            if let Some(o) = &only {
                if o.parse::<usize>().ok() != Some(fam) {
                    continue;
                }
            }
            let want: Vec<String> = lines.iter().map(|l| l.trim_end().to_string()).collect();
            let cut = cut_document(
                &lines,
                Cut::Random {
                    narrowest: w - 2,
                    widest: w,
                    seed,
                },
            );
            if std::env::var("DUMP").is_ok() {
                std::fs::write(format!("/tmp/cut{fam}.txt"), &cut).unwrap();
            }
            let got = logical(&cut);
            let bad: Vec<(usize, &String, &String)> = if got.len() == want.len() {
                got.iter()
                    .zip(&want)
                    .enumerate()
                    .filter(|(_, (g, w))| g != w)
                    .map(|(i, (g, w))| (i, g, w))
                    .collect()
            } else {
                vec![]
            };
            totals[fam].0 += 1;
            if got.len() != want.len() || !bad.is_empty() {
                totals[fam].1 += 1;
                totals[fam].2 += bad.len();
                println!(
                    "family {fam} W={w} seed={seed}: {} lines differ (len {} vs {})",
                    bad.len(),
                    got.len(),
                    want.len()
                );
                if verbose {
                    for (i, g, wa) in bad.iter().take(30) {
                        println!("  {i:4} want |{wa}|\n       got  |{g}|");
                    }
                }
            }
        }
    }
    for (f, t) in totals.iter().enumerate() {
        println!(
            "family {f}: {} cases, {} inexact, {} lines differ",
            t.0, t.1, t.2
        );
    }
}

/// `FIGURES=lo,hi` mode: the fixture cut at random widths in lo..=hi (seeds 0..cases), with
/// its checks and coverage, against the uncut fixture.
fn figures(lo: usize, hi: usize, cases: u64) {
    let lines = logical(fixture_document());
    let show = |name: String, text: &str| {
        let s = remit_extract::extract(&remit_normalize::normalize_document(text)).unwrap();
        let passed = s.checks.iter().filter(|c| c.passed).count();
        println!(
            "{name}: checks {passed} passed, {} failed; figures {} stored of {} printed ({} unplaced)",
            s.checks.len() - passed,
            s.figures_stored,
            s.figures_printed,
            s.unplaced.len()
        );
    };
    show("uncut".into(), &cut_document(&lines, Cut::None));
    for seed in 0..cases {
        show(
            format!("{lo}-{hi} seed {seed}"),
            &cut_document(
                &lines,
                Cut::Random {
                    narrowest: lo,
                    widest: hi,
                    seed,
                },
            ),
        );
    }
}
