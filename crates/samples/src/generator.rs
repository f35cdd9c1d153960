//! The generator of made-up monthly statements: trusts x months (plus 8-K/A re-filings), one
//! filing at a time, deterministic for a seed.

use std::collections::{BTreeMap, VecDeque};
use std::path::Path;

use chrono::{Datelike, NaiveDate, Weekday};

use crate::error::Error;
use crate::format::compact_date;
use crate::layout::{cut_document, Cut};
use crate::month::{Statement, TrustState};
use crate::profile::{self, days_after, TrustProfile};
use crate::report;
use crate::submission::{self, Header};
use crate::tiers::TierState;
use crate::variants::Variants;

/// Filer-agent prefix of synthetic accession numbers: no real filer has CIK 9,990,001.
const ACCESSION_PREFIX: &str = "0009990001";

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratorConfig {
    /// Number of trusts; the first two share one depositor CIK.
    pub trusts: u32,
    /// Monthly statements per trust.
    pub months: u32,
    /// First distribution date (moved to the 25th of its month), e.g. 2002-03-25.
    pub first_distribution: NaiveDate,
    pub seed: u64,
    /// How many 8-K/A re-filings of an earlier month to add (at most one per trust-month).
    pub amendments: u32,
}

impl Default for GeneratorConfig {
    fn default() -> Self {
        GeneratorConfig {
            trusts: 2,
            months: 12,
            first_distribution: NaiveDate::from_ymd_opt(2002, 3, 25).unwrap_or_default(),
            seed: 1,
            amendments: 0,
        }
    }
}

/// Defects to inject into a generated corpus, so tests can check that the history finds them.
/// Months are counted from 0 (the first distribution); trusts from 0 (`Remit Sample Trust
/// 2002-S1`). Everything generated stays marked synthetic, defects included.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Defects {
    /// (trust, month, amount): the month's 8-K prints class A's prior and current principal
    /// balances `amount` dollars off (the roll-forward within the month still adds up), as a
    /// trustee's restated or mis-keyed balance would. An 8-K/A of that month prints the true
    /// figures: it is the correction.
    pub restated: Vec<(u32, u32, f64)>,
    /// (trust, month): the month is never filed; the trust goes on paying down.
    pub dropped: Vec<(u32, u32)>,
    /// (trust, month): the month is re-filed as an 8-K/A (on top of `amendments` picked at
    /// random).
    pub amended: Vec<(u32, u32)>,
}

impl Defects {
    fn restatement(&self, trust: usize, month: u32) -> Option<f64> {
        self.restated
            .iter()
            .find(|(t, m, _)| *t as usize == trust && *m == month)
            .map(|(_, _, amount)| *amount)
    }

    fn drops(&self, trust: usize, month: u32) -> bool {
        self.dropped
            .iter()
            .any(|(t, m)| *t as usize == trust && *m == month)
    }
}

/// One generated filing: a complete EDGAR submission and the facts an index would list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFiling {
    pub accession: String,
    pub cik: u64,
    /// COMPANY CONFORMED NAME, ending in ` (SYNTHETIC)`.
    pub company: String,
    /// The trust the statement names, e.g. `Remit Sample Trust 2002-S1`.
    pub trust_name: String,
    /// `8-K` or `8-K/A`.
    pub form: String,
    pub filed_date: NaiveDate,
    pub distribution_date: NaiveDate,
    /// The full submission text (PEM wrapper, SGML header, the wrapped 8-K document).
    pub text: String,
}

impl GeneratedFiling {
    /// `{accession}.txt`, the name EDGAR serves the submission under.
    pub fn file_name(&self) -> String {
        format!("{}.txt", self.accession)
    }
}

struct TrustRun {
    profile: TrustProfile,
    state: TrustState,
    tiers: TierState,
    rng: fastrand::Rng,
}

/// An amendment waiting to be filed: the statement it re-files and when the original was filed.
struct PendingAmendment {
    trust: usize,
    statement: Statement,
    original_filed: NaiveDate,
}

/// The lazy stream of generated filings returned by [`generate`].
pub struct Filings {
    runs: Vec<TrustRun>,
    months: u32,
    month: u32,
    trust: usize,
    amended: Vec<bool>,
    waiting: Vec<PendingAmendment>,
    due: VecDeque<PendingAmendment>,
    sequence: BTreeMap<i32, u32>,
    rng: fastrand::Rng,
    defects: Defects,
    cut: Cut,
    variants: Variants,
    tiered: bool,
}

/// Generates the corpus lazily: one statement is simulated and rendered per `next()`, so a
/// corpus of any size streams in constant memory. Order: month by month, every trust's 8-K,
/// then the 8-K/A re-filings of the month before.
pub fn generate(cfg: &GeneratorConfig) -> Filings {
    generate_with(cfg, Defects::default())
}

/// As [`generate`], with `defects` injected. The months are the same figures [`generate`] gives
/// for the same config, apart from the defects.
pub fn generate_with(cfg: &GeneratorConfig, defects: Defects) -> Filings {
    let mut rng = fastrand::Rng::with_seed(cfg.seed);
    let runs: Vec<TrustRun> = (0..cfg.trusts)
        .map(|index| {
            // Each trust has its own stream, so trust 1 is the same whatever `trusts` says.
            let mut trust_rng = fastrand::Rng::with_seed(
                cfg.seed ^ (u64::from(index) + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15),
            );
            let profile = profile::build(index, cfg.first_distribution, &mut trust_rng);
            let state = TrustState::new(&profile);
            TrustRun {
                profile,
                state,
                tiers: TierState::default(),
                rng: trust_rng,
            }
        })
        .collect();
    let grid = runs.len() * cfg.months as usize;
    let mut amended = vec![false; grid];
    let mut slots: Vec<usize> = (0..grid).collect();
    for i in 0..(cfg.amendments as usize).min(grid) {
        let pick = rng.usize(i..grid);
        slots.swap(i, pick);
        if let Some(flag) = slots.get(i).and_then(|slot| amended.get_mut(*slot)) {
            *flag = true;
        }
    }
    for (trust, month) in &defects.amended {
        if *month < cfg.months {
            let slot = *trust as usize * cfg.months as usize + *month as usize;
            if let Some(flag) = amended.get_mut(slot) {
                *flag = true;
            }
        }
    }
    Filings {
        runs,
        months: cfg.months,
        month: 0,
        trust: 0,
        amended,
        waiting: Vec::new(),
        due: VecDeque::new(),
        sequence: BTreeMap::new(),
        rng,
        defects,
        cut: Cut::Fixture,
        variants: Variants::default(),
        tiered: false,
    }
}

impl Filings {
    /// Cuts every document's long lines as `cut` says instead of at the fixture's 79 columns
    /// (the figures are the same whatever the cut; a random cut is reseeded per filing).
    pub fn cut(mut self, cut: Cut) -> Filings {
        self.cut = cut;
        self
    }

    /// Prints every statement with `variants` (see [`Variants`]); the figures are the same
    /// whatever is printed, and combine with any [`Filings::cut`].
    pub fn variants(mut self, variants: Variants) -> Filings {
        self.variants = variants;
        self
    }

    /// Prints every statement as a REMIC statement: the Certificate Payment Report once per
    /// tier (`REMIC I`, `REMIC II`, `REMIC III` in the page header), each tier with its bonds,
    /// an interest-only class (principal balance 0, its notional printed as the interest
    /// detail's `Prior Principal (with Notional) Balance`, interest accrued on it), an excess
    /// class and, in the upper tier, a residual `R` with a token face whose factors are per
    /// $1,000 of a notional face. Every other report prints the same figures as untiered; the
    /// pages after the tiers are numbered on. Combines with [`Filings::cut`] and defects.
    pub fn tiered(mut self) -> Filings {
        self.tiered = true;
        self
    }
}

impl Iterator for Filings {
    type Item = GeneratedFiling;

    fn next(&mut self) -> Option<GeneratedFiling> {
        loop {
            if let Some(pending) = self.due.pop_front() {
                let filed =
                    weekday_on_or_after(days_after(pending.original_filed, self.rng.u64(20..=40)));
                let run = self.runs.get(pending.trust)?;
                return Some(build_filing(
                    &mut self.sequence,
                    &run.profile,
                    &pending.statement,
                    (filed, true),
                    (self.cut, self.variants),
                ));
            }
            if self.month >= self.months || self.runs.is_empty() {
                // Amendments of the last month are filed after everything else.
                if self.waiting.is_empty() {
                    return None;
                }
                self.due.extend(self.waiting.drain(..));
                continue;
            }
            let trust = self.trust;
            let month = self.month;
            let amend = self
                .amended
                .get(trust * self.months as usize + self.month as usize)
                .copied()
                .unwrap_or(false);
            self.trust += 1;
            if self.trust >= self.runs.len() {
                self.trust = 0;
                self.month += 1;
                // The month is complete: the re-filings queued a month ago fall due.
                self.due.extend(self.waiting.drain(..));
            }
            let run = self.runs.get_mut(trust)?;
            let mut statement = run.state.advance(&run.profile, &mut run.rng);
            if self.tiered {
                statement.tiers = Some(run.tiers.advance(&run.profile, &statement));
            }
            if self.defects.drops(trust, month) {
                continue;
            }
            let filed = weekday_on_or_after(days_after(statement.distribution, 18));
            let printed = match self.defects.restatement(trust, month) {
                Some(amount) => restate(&statement, amount),
                None => statement.clone(),
            };
            let filing = build_filing(
                &mut self.sequence,
                &run.profile,
                &printed,
                (filed, false),
                (self.cut, self.variants),
            );
            if amend {
                self.waiting.push(PendingAmendment {
                    trust,
                    statement,
                    original_filed: filed,
                });
            }
            return Some(filing);
        }
    }
}

/// The statement as printed with class A's balances `amount` off: prior and current move
/// together, so the month's own roll-forward still holds and only the months around it disagree.
fn restate(statement: &Statement, amount: f64) -> Statement {
    let mut printed = statement.clone();
    if let Some(class) = printed.classes.first_mut() {
        class.prior += amount;
        class.current += amount;
    }
    // Every tier prints class A's balances too (as its first class), restated alike.
    for tier in printed.tiers.iter_mut().flatten() {
        if let Some(class) = tier.classes.first_mut() {
            class.prior += amount;
            class.current += amount;
            class.notional_prior += amount;
            class.notional_current += amount;
        }
    }
    printed
}

/// Renders one statement and wraps it as a submission with the next accession number.
fn build_filing(
    sequence: &mut BTreeMap<i32, u32>,
    profile: &TrustProfile,
    statement: &Statement,
    (filed, amendment): (NaiveDate, bool),
    (cut, variants): (Cut, Variants),
) -> GeneratedFiling {
    let year = filed.year();
    let counter = sequence.entry(year).or_insert(0);
    *counter += 1;
    let number = *counter;
    let accession = format!("{ACCESSION_PREFIX}-{:02}-{number:06}", year.rem_euclid(100));
    let film_number = format!("{:02}{number:06}", year.rem_euclid(100));
    let form = if amendment { "8-K/A" } else { "8-K" };
    let cut = match cut {
        Cut::Random {
            narrowest,
            widest,
            seed,
        } => Cut::Random {
            narrowest,
            widest,
            seed: seed ^ u64::from(number).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ year as u64,
        },
        other => other,
    };
    let mut lines = report::render(profile, statement, amendment);
    variants.apply(&mut lines, profile, statement);
    let document = cut_document(&lines, cut);
    let company = profile.company();
    let file_name = format!(
        "{}{:02}{:02}{}.txt",
        profile.code.to_lowercase(),
        statement.distribution.month(),
        statement.distribution.year().rem_euclid(100),
        if amendment { "a" } else { "" }
    );
    let filed_text = compact_date(filed);
    let acceptance = format!("{filed_text}16{:02}{:02}", (number / 60) % 60, number % 60);
    let header = Header {
        accession: &accession,
        form,
        period: &compact_date(statement.distribution),
        filed: &filed_text,
        acceptance: &acceptance,
        company: &company,
        cik: profile.cik,
        irs_number: &profile.irs_number,
        file_number: &profile.file_number,
        film_number: &film_number,
        street: "100 EXAMPLE STREET",
        city: "SAMPLE CITY",
        state: "CA",
        zip: "90000",
        phone: "5550100100",
        file_name: &file_name,
        description: "SYNTHETIC TEST DATA - NOT A REAL FILING",
        signature: &submission::SYNTHETIC_SIGNATURE,
    };
    let text = submission::wrap(&header, &document);
    GeneratedFiling {
        accession,
        cik: profile.cik,
        company,
        trust_name: profile.trust_name.clone(),
        form: form.to_string(),
        filed_date: filed,
        distribution_date: statement.distribution,
        text,
    }
}

/// EDGAR accepts filings on business days; weekends roll to Monday.
fn weekday_on_or_after(date: NaiveDate) -> NaiveDate {
    match date.weekday() {
        Weekday::Sat => days_after(date, 2),
        Weekday::Sun => days_after(date, 1),
        _ => date,
    }
}

/// Writes every generated filing to `dir/{accession}.txt` (creating `dir`), one at a time, and
/// returns how many were written.
pub fn write_corpus(cfg: &GeneratorConfig, dir: &Path) -> Result<usize, Error> {
    std::fs::create_dir_all(dir).map_err(|source| Error::CreateDir {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut written = 0;
    for filing in generate(cfg) {
        let path = dir.join(filing.file_name());
        std::fs::write(&path, filing.text.as_bytes())
            .map_err(|source| Error::Write { path, source })?;
        written += 1;
    }
    tracing::info!(written, dir = %dir.display(), "wrote synthetic sample corpus");
    Ok(written)
}
