//! Number and date styles exactly as the 2002 Deutsche Bank statement prints them.
//!
//! The trustee's spreadsheet printed three styles side by side, and the extractor's tolerances
//! follow the printed precision, so each place must use the style the fixture uses there.

use chrono::{Datelike, NaiveDate};

/// Width of a spreadsheet "General" cell: numbers get as many decimals as fit in 11 characters.
const GENERAL_WIDTH: usize = 11;

/// Spreadsheet "General" style: `420966165.6`, `0.006928905`, `-462143.74`, `0`.
///
/// Up to 11 characters including sign and point, trailing zeros dropped — which is why the
/// Certificate Payment Report shows ten significant digits of unrounded figures.
pub(crate) fn general(value: f64) -> String {
    if !value.is_finite() {
        return "0".to_string();
    }
    let negative = value < 0.0;
    let magnitude = value.abs();
    let int_digits = if magnitude < 1.0 {
        1
    } else {
        magnitude.log10().floor() as usize + 1
    };
    let sign = usize::from(negative);
    let mut decimals = GENERAL_WIDTH.saturating_sub(sign + int_digits + 1);
    loop {
        let text = trim_fraction(format!("{magnitude:.decimals$}"));
        // Rounding can carry into a new integer digit (99.99999999 -> 100.0000000).
        if text.len() + sign <= GENERAL_WIDTH || decimals == 0 {
            return if negative && text != "0" {
                format!("-{text}")
            } else {
                text
            };
        }
        decimals -= 1;
    }
}

fn trim_fraction(text: String) -> String {
    if !text.contains('.') {
        return text;
    }
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Collection Account style: `8,588,295.39`, negatives in parentheses `(226,361.13)`.
pub(crate) fn money(cents: i64) -> String {
    let body = format!(
        "{}.{:02}",
        thousands(cents.unsigned_abs() / 100),
        cents.unsigned_abs() % 100
    );
    if cents < 0 {
        format!("({body})")
    } else {
        body
    }
}

/// Summary-line style of the detail reports: `8,403,000.00`, never negative there.
pub(crate) fn thousands(whole: u64) -> String {
    let digits = whole.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A rate printed as a percentage with four decimals: `5.1931%`.
pub(crate) fn percent4(fraction: f64) -> String {
    format!("{:.4}%", fraction * 100.0)
}

/// LTV in the detail reports: `95.00%`.
pub(crate) fn percent2(fraction: f64) -> String {
    format!("{:.2}%", fraction * 100.0)
}

/// Dates in the detail and accrual columns are spreadsheet serials: days since 1899-12-30.
pub(crate) fn serial(date: NaiveDate) -> i64 {
    NaiveDate::from_ymd_opt(1899, 12, 30)
        .map(|epoch| (date - epoch).num_days())
        .unwrap_or_default()
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `November 25, 2002`.
pub(crate) fn long_date(date: NaiveDate) -> String {
    let month = MONTHS
        .get(date.month0() as usize)
        .copied()
        .unwrap_or("January");
    format!("{month} {}, {}", date.day(), date.year())
}

/// `Dec 12, 2002`, as the signature block prints it.
pub(crate) fn short_date(date: NaiveDate) -> String {
    let month = MONTHS
        .get(date.month0() as usize)
        .copied()
        .unwrap_or("January");
    format!("{} {}, {}", &month[..3], date.day(), date.year())
}

/// `20021213`, the SGML header's date style.
pub(crate) fn compact_date(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn general_matches_the_fixture_styles() {
        assert_eq!(general(420_966_165.612_4), "420966165.6");
        assert_eq!(general(0.006_928_905_1), "0.006928905");
        assert_eq!(general(0.000_481_12), "0.00048112");
        assert_eq!(general(19.539_604), "19.539604");
        assert_eq!(general(-462_143.74), "-462143.74");
        assert_eq!(general(-7_850_119.44), "-7850119.44");
        assert_eq!(general(1_125_557.452_3), "1125557.452");
        assert_eq!(general(0.0), "0");
        assert_eq!(general(-0.000_000_000_01), "0");
        assert_eq!(general(359.0), "359");
        assert_eq!(general(99.999_999_999_9), "100");
    }

    #[test]
    fn money_and_dates() {
        assert_eq!(money(858_829_539), "8,588,295.39");
        assert_eq!(money(-22_636_113), "(226,361.13)");
        assert_eq!(money(0), "0.00");
        assert_eq!(money(-29_125), "(291.25)");
        assert_eq!(percent4(0.051_931), "5.1931%");
        let d = NaiveDate::from_ymd_opt(2002, 10, 25).unwrap();
        assert_eq!(serial(d), 37554);
        assert_eq!(long_date(d), "October 25, 2002");
        assert_eq!(short_date(d), "Oct 25, 2002");
    }
}
