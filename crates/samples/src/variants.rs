//! Printing variants of the Deutsche Bank 2002 statement that other trusts of the same trustee
//! and year print and the fixture does not: `(c) COPYRIGHT` footers, pool reports printed with
//! their TOTAL column only, an Additional Certificate Report of per-class shortfalls, and a
//! template's misprinted words.
//!
//! A variant changes how a month is printed, never its figures: the same config and seed give
//! the same trusts and months whichever variants are asked for, and the default prints exactly
//! the fixture's layout.

use crate::month::Statement;
use crate::profile::TrustProfile;
use crate::report;

/// Which variants a generated statement prints; the default is none (the fixture's layout).
///
/// ```
/// use chrono::NaiveDate;
/// use remit_samples::{generate, GeneratorConfig, Variants};
///
/// let cfg = GeneratorConfig {
///     trusts: 1,
///     months: 1,
///     first_distribution: NaiveDate::from_ymd_opt(2002, 3, 25).unwrap(),
///     seed: 7,
///     amendments: 0,
/// };
/// let filing = generate(&cfg).variants(Variants::all()).next().unwrap();
/// assert!(filing.text.contains("(c) COPYRIGHT 2002 Deutsche Bank"));
/// assert!(filing.text.contains("Additional Certificate Report for March 25, 2002 Distribution"));
/// assert!(filing.text.contains("SYNTHETIC"));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Variants {
    /// Page footers read `(c) COPYRIGHT 2002 Deutsche Bank` (the fixture: `COPYRIGHT 2002
    /// Deutsche Bank`).
    pub copyright_mark: bool,
    /// The pool reports' sections (Collection Account, Credit Enhancement, Collateral,
    /// Prepayment, Realized Loss, Triggers, Other Related Information) print only their TOTAL
    /// column: no ADJUSTABLE and FIXED columns, as a trust that reports one pool prints them.
    pub total_only: bool,
    /// An Additional Certificate Report (a per-class table of interest and net WAC
    /// shortfalls with a Total row) is printed after the Other Related Information, as page 25.
    pub additional_report: bool,
    /// Words misprinted as a trustee's template misprints them, on every line that prints
    /// them: the class table's `Interest` heading as `Intrest`, the label `Scheduled
    /// Principal` as `Scheduled Principle`, the delinquency heading `FORECLOSURE` as
    /// `FORCLOSURE`, the Collateral Report's section heading `COLLATERAL` as `COLLATERL`, the
    /// title `Interest Detail` as `Intrest Detail`. Each keeps the columns after it where they
    /// were.
    pub misprints: bool,
}

impl Variants {
    /// Every variant of the layout at once; not [`Variants::misprints`], which changes the
    /// words a reader matches (each test of misprints asks for them by name).
    pub fn all() -> Variants {
        Variants {
            copyright_mark: true,
            total_only: true,
            additional_report: true,
            misprints: false,
        }
    }

    /// Whether any variant is asked for.
    pub fn any(self) -> bool {
        self != Variants::default()
    }

    /// Applies the variants to a rendered document (logical lines, before EDGAR's cut).
    pub(crate) fn apply(self, lines: &mut Vec<String>, profile: &TrustProfile, s: &Statement) {
        if self.total_only {
            total_only(lines);
        }
        if self.additional_report {
            report::additional::render(lines, profile, s);
            add_page(lines);
        }
        if self.copyright_mark {
            for line in lines.iter_mut() {
                mark_copyright(line);
            }
        }
        if self.misprints {
            for line in lines.iter_mut() {
                misprint(line);
            }
        }
    }
}

/// The template's misprints (see [`Variants::misprints`]), each the same width as the word it
/// stands for or padded to it.
fn misprint(line: &mut String) {
    let class_heading =
        line.contains("Face Value") && line.contains("Distribution") && line.contains("Losses");
    if class_heading {
        *line = line.replacen(" Interest ", " Intrest  ", 1);
    }
    if line.contains("Scheduled Principal") {
        *line = line.replace("Scheduled Principal", "Scheduled Principle");
    }
    if line.starts_with("FORECLOSURE ") {
        line.replace_range(..12, "FORCLOSURE  ");
    }
    if line.starts_with("COLLATERAL ") {
        line.replace_range(..11, "COLLATERL  ");
    }
    if line.trim() == "Interest Detail" {
        *line = line.replacen("Interest Detail", "Intrest Detail", 1);
    }
}

const GROUP_COLUMNS: std::ops::Range<usize> = 90..120;

/// Whether a line is a section heading with ADJUSTABLE / FIXED / TOTAL column heads.
fn is_grouped_heading(line: &str) -> bool {
    let at = |col: usize, word: &str| line.get(col..col + word.len()) == Some(word);
    !line.starts_with(' ') && at(90, "ADJUSTABLE") && at(105, "FIXED") && at(120, "TOTAL")
}

/// Blanks the group columns (character columns 90 to 119) of every section with group column
/// heads, its heading included, up to the next heading or page footer. A line whose text runs
/// into those columns with anything but figures (a note) is left as printed.
fn total_only(lines: &mut [String]) {
    let mut in_section = false;
    for line in lines.iter_mut() {
        if is_grouped_heading(line) {
            in_section = true;
        } else if line.contains("COPYRIGHT") || (!line.starts_with(' ') && !line.is_empty()) {
            in_section = false;
            continue;
        }
        if !in_section || !line.is_ascii() {
            continue;
        }
        let end = line.len().min(GROUP_COLUMNS.end);
        let Some(groups) = line.get(GROUP_COLUMNS.start.min(end)..end) else {
            continue;
        };
        let figures_only = groups
            .chars()
            .all(|c| c.is_ascii_digit() || " ,.()%-".contains(c));
        let printed = groups.chars().any(|c| c != ' ');
        if printed && (figures_only || is_grouped_heading(line)) {
            let blanks = " ".repeat(end - GROUP_COLUMNS.start.min(end));
            line.replace_range(GROUP_COLUMNS.start.min(end)..end, &blanks);
            let trimmed = line.trim_end().len();
            line.truncate(trimmed);
        }
    }
}

/// The document has one page more, the last: the table of contents lists the Additional
/// Certificate Report on it, and every footer counts it (`Page N of M`, whatever M the
/// statement had, tiered statements included).
fn add_page(lines: &mut Vec<String>) {
    let pages = lines
        .iter()
        .filter(|l| l.contains("COPYRIGHT") && l.contains("Page "))
        .count();
    if let Some(at) = lines
        .iter()
        .position(|l| l.trim_start().starts_with("Total Number of Pages"))
    {
        let entry = crate::layout::cols(&[
            (45, "14."),
            (60, report::additional::TITLE),
            (120, &pages.to_string()),
        ]);
        lines.insert(at, entry);
    }
    report::additional::renumber(lines);
}

/// `COPYRIGHT 2002 Deutsche Bank` becomes `(c) COPYRIGHT 2002 Deutsche Bank`, taking the
/// blanks before it where there are four.
fn mark_copyright(line: &mut String) {
    let Some(at) = line.find("COPYRIGHT ") else {
        return;
    };
    if !line.ends_with("Deutsche Bank") {
        return;
    }
    if at >= 4 && line.get(at - 4..at) == Some("    ") {
        line.replace_range(at - 4..at, "(c) ");
    } else {
        line.insert_str(at, "(c) ");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::cols;

    #[test]
    fn total_only_keeps_labels_notes_and_the_total_column() {
        let mut lines = vec![
            cols(&[
                (0, "SUMMARY"),
                (90, "ADJUSTABLE"),
                (105, "FIXED"),
                (120, "TOTAL"),
            ]),
            cols(&[
                (15, "Scheduled Principal"),
                (90, "1,234.56"),
                (105, "(7.00)"),
                (120, "1,227.56"),
            ]),
            cols(&[(
                15,
                "a note running into the group columns of the page and on",
            )]),
            cols(&[(15, "Current Net Mortgage Rate"), (120, "6.5000%")]),
            cols(&[(60, "Page 4 of 24"), (122, "COPYRIGHT 2002 Deutsche Bank")]),
            cols(&[(15, "Outside"), (90, "1.00")]),
        ];
        let before = lines.clone();
        total_only(&mut lines);
        assert_eq!(lines[0], cols(&[(0, "SUMMARY"), (120, "TOTAL")]));
        assert_eq!(
            lines[1],
            cols(&[(15, "Scheduled Principal"), (120, "1,227.56")])
        );
        assert_eq!(lines[2..], before[2..]);
    }

    #[test]
    fn copyright_takes_the_blanks_before_it() {
        let mut line = cols(&[(60, "Page 4 of 24"), (122, "COPYRIGHT 2002 Deutsche Bank")]);
        mark_copyright(&mut line);
        assert_eq!(
            line,
            cols(&[
                (60, "Page 4 of 24"),
                (118, "(c) COPYRIGHT 2002 Deutsche Bank")
            ])
        );
        let mut prose = "COPYRIGHT notices are reproduced".to_string();
        mark_copyright(&mut prose);
        assert_eq!(prose, "COPYRIGHT notices are reproduced");
    }
}
