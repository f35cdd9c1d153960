//! Printed figures: numbers as the trustee prints them, text cells, and dates.
//!
//! A figure keeps its printed precision (`half_unit`, half a unit of its last printed digit),
//! because a check's tolerance follows what the statement actually printed.

use chrono::{Duration, NaiveDate};

use crate::columns::blank_words;

/// A number read from the statement, with how precisely it was printed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figure {
    pub value: f64,
    /// Half a unit of the last printed digit (0 for a printed zero, which is exact).
    pub half_unit: f64,
    /// Digits printed after the decimal point (before any `%` scaling).
    pub decimals: u32,
    /// Printed with a `%` sign (the value is already a fraction).
    pub percent: bool,
}

impl Figure {
    /// A figure that was computed rather than printed: exact.
    pub fn exact(value: f64) -> Figure {
        Figure {
            value,
            half_unit: 0.0,
            decimals: 0,
            percent: false,
        }
    }
}

/// One cell as printed: the raw text, and its figure when it is a number.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub raw: String,
    pub figure: Option<Figure>,
}

impl Cell {
    pub fn parse(raw: &str) -> Cell {
        let raw = collapse(raw);
        Cell {
            figure: parse_number(&raw),
            raw,
        }
    }

    pub fn value(&self) -> Option<f64> {
        self.figure.map(|f| f.value)
    }
}

/// Trims and collapses inner runs of blanks to one, as names are kept in the history.
pub fn collapse(text: &str) -> String {
    // Most text is already collapsed: copy it as it is.
    let trimmed = text.trim();
    if is_collapsed(trimmed) {
        return trimmed.to_string();
    }
    let mut out = String::with_capacity(trimmed.len());
    for word in blank_words(trimmed) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether trimmed text has no blank but single spaces. An ASCII text (nearly every one) is
/// tested byte by byte, where an ASCII character is a blank exactly when `char::is_whitespace`
/// says so.
fn is_collapsed(trimmed: &str) -> bool {
    let mut last_blank = false;
    if trimmed.is_ascii() {
        return trimmed.bytes().all(|b| {
            let bad = char::from(b).is_whitespace() && (b != b' ' || last_blank);
            last_blank = b == b' ';
            !bad
        });
    }
    trimmed.chars().all(|c| {
        let bad = c.is_whitespace() && (c != ' ' || last_blank);
        last_blank = c == ' ';
        !bad
    })
}

/// Reads `1,234.56`, `(1,234.56)`, `-29`, `0.006928905`, `5.1931%` (as 0.051931), `$5`, `1E-05`.
/// Anything else (`No`, `Not Available`, `-`, `(1)x`) is not a number.
pub fn parse_number(raw: &str) -> Option<Figure> {
    // Every number prints a digit: text (`Principal`, `-`, `N/A`), most of what is tried, is
    // ruled out by one pass over its bytes.
    if !raw.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut s = raw.trim();
    let mut negative = false;
    if let Some(inner) = s.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        negative = true;
        s = inner.trim();
    }
    if let Some(rest) = s.strip_prefix('-') {
        if negative {
            return None;
        }
        negative = true;
        s = rest;
    }
    let percent = match s.strip_suffix('%') {
        Some(rest) => {
            s = rest;
            true
        }
        None => false,
    };
    let s = s.strip_prefix('$').unwrap_or(s);
    // The first `e` or `E`, found on bytes (ASCII letters are never inside a character).
    let (mantissa, exponent) = match s.bytes().position(|b| b == b'e' || b == b'E') {
        Some(at) => (s.get(..at)?, Some(parse_exponent(s.get(at + 1..)?)?)),
        None => (s, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    if !valid_integer_part(int) {
        return None;
    }
    if let Some(f) = frac {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    if int.is_empty() && frac.is_none() {
        return None;
    }
    let mut value = match exact_decimal(int, frac) {
        Some(value) => value,
        // Without thousands commas the printed digits are already Rust's syntax (`1234.56`).
        None if !int.is_empty() && !int.contains(',') => mantissa.parse().ok()?,
        None => decimal(int, frac)?,
    };
    let exponent = exponent.unwrap_or(0);
    let decimals = frac.map_or(0, str::len) as i32;
    if exponent != 0 {
        value *= 10f64.powi(exponent);
    }
    let mut half_unit = 0.5 * 10f64.powi(exponent - decimals);
    if percent {
        value /= 100.0;
        half_unit /= 100.0;
    }
    if negative {
        value = -value;
    }
    if value == 0.0 {
        half_unit = 0.0;
    }
    value.is_finite().then_some(Figure {
        value,
        half_unit,
        decimals: decimals.max(0) as u32,
        percent,
    })
}

/// Powers of ten that are exact in an `f64` (10^22 is the largest).
const EXACT_POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The value of `int.frac` (validated digits, thousands commas) when it has at most 15 digits:
/// the digits as an integer and the power of ten of its decimals are then both exact in an
/// `f64`, so their quotient is the correctly rounded value, the one Rust's parser returns (it
/// takes the same path). Nearly every printed figure is such; the rest return `None`.
fn exact_decimal(int: &str, frac: Option<&str>) -> Option<f64> {
    let frac = frac.unwrap_or("");
    let mut digits: u64 = 0;
    let mut count = 0;
    for b in int.bytes().chain(frac.bytes()).filter(|b| *b != b',') {
        count += 1;
        if count > 15 {
            return None;
        }
        digits = digits * 10 + u64::from(char::from(b).to_digit(10)?);
    }
    let scale = EXACT_POWERS_OF_TEN.get(frac.len())?;
    Some(digits as f64 / scale)
}

/// `int.frac` (thousands commas dropped, a missing part read as 0) parsed as Rust parses the
/// text, so the value is the correctly rounded one; assembled on the stack, since this runs for
/// every cell of every statement.
fn decimal(int: &str, frac: Option<&str>) -> Option<f64> {
    const ROOM: usize = 64;
    let frac = frac.unwrap_or("0");
    if int.len() + 2 + frac.len() > ROOM {
        let int: String = int.chars().filter(|c| *c != ',').collect();
        let int = if int.is_empty() { "0" } else { &int };
        return format!("{int}.{frac}").parse().ok();
    }
    let mut text = [0u8; ROOM];
    let mut len = 0;
    for b in int.bytes().filter(|b| *b != b',') {
        text[len] = b;
        len += 1;
    }
    if len == 0 {
        text[0] = b'0';
        len = 1;
    }
    text[len] = b'.';
    len += 1;
    text[len..len + frac.len()].copy_from_slice(frac.as_bytes());
    len += frac.len();
    std::str::from_utf8(&text[..len]).ok()?.parse().ok()
}

fn parse_exponent(text: &str) -> Option<i32> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if digits.is_empty() || digits.len() > 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Digits, optionally grouped by thousands commas (`1,234,567`); empty is allowed (`.5`).
fn valid_integer_part(int: &str) -> bool {
    if !int.contains(',') {
        return int.bytes().all(|b| b.is_ascii_digit());
    }
    let mut groups = int.split(',');
    let first_ok = groups
        .next()
        .is_some_and(|g| (1..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()));
    first_ok && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// A spreadsheet serial date (days since 1899-12-30) as ISO: 37554 -> `2002-10-25`.
pub fn serial_to_iso(serial: f64) -> Option<String> {
    // Serials before 1900-03-01 are ambiguous (the spreadsheet's phantom 1900-02-29) and
    // none occur in these statements; 2958465 is 9999-12-31.
    if serial.fract() != 0.0 || !(61.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    base.checked_add_signed(Duration::try_days(serial as i64)?)
        .map(|d| d.format("%Y-%m-%d").to_string())
}

/// A printed date as ISO: `November 25, 2002`, `Nov 25, 2002`, `11/25/2002`, `2002-11-25`, or a serial.
pub fn date_to_iso(raw: &str) -> Option<String> {
    let text = collapse(raw);
    if let Some(figure) = parse_number(&text) {
        return serial_to_iso(figure.value);
    }
    ["%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%m/%d/%Y", "%Y-%m-%d"]
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(&text, format).ok())
        .map(|d| d.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(raw: &str) -> Option<f64> {
        parse_number(raw).map(|f| f.value)
    }

    #[test]
    fn numbers_as_printed() {
        assert_eq!(value("1,234.56"), Some(1234.56));
        assert_eq!(value("(1,234.56)"), Some(-1234.56));
        assert_eq!(value("(226,361.13)"), Some(-226361.13));
        assert_eq!(value("-29"), Some(-29.0));
        assert_eq!(value("0.006928905"), Some(0.006928905));
        let rate = parse_number("5.1931%").unwrap();
        assert!((rate.value - 0.051931).abs() < 1e-15);
        assert!((rate.half_unit - 0.000_000_5).abs() < 1e-15);
        assert_eq!(value("1E-05"), Some(0.00001));
        assert_eq!(value(".5"), Some(0.5));
    }

    #[test]
    fn text_is_not_a_number() {
        for raw in [
            "No",
            "Yes",
            "Not Available",
            "-",
            "",
            "1,23",
            "12,3456",
            "(-5)",
            "5.",
            "0.125CA",
            "--1",
        ] {
            assert_eq!(value(raw), None, "{raw}");
        }
        assert_eq!(Cell::parse(" Not   Available ").raw, "Not Available");
    }

    #[test]
    fn exact_decimals_are_the_parsers_values() {
        let mut state: u64 = 11;
        for _ in 0..20_000 {
            // A small generator: digits of every length up to 15, decimals up to 10.
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let length = (state >> 60) as usize % 15 + 1;
            let text = format!("{:015}", state >> 8);
            let digits = text.get(text.len() - length..).unwrap_or("0");
            let decimals = (state >> 4) as usize % 11;
            let (int, frac) = digits.split_at(digits.len().saturating_sub(decimals));
            let printed = format!("{int}.{frac}");
            let frac = (!frac.is_empty()).then_some(frac);
            let parsed: f64 = printed.parse().unwrap();
            assert_eq!(exact_decimal(int, frac), Some(parsed), "{printed}");
        }
        assert_eq!(exact_decimal("1,234", Some("5")), Some(1234.5));
        assert_eq!(exact_decimal("1234567890123456", None), None);
        assert_eq!(value("0.1"), Some(0.1));
        assert_eq!(value("123456789.123456"), Some(123456789.123456));
    }

    #[test]
    fn half_units_follow_printed_digits() {
        assert_eq!(parse_number("0.00").unwrap().half_unit, 0.0);
        assert!((parse_number("8,588,295.39").unwrap().half_unit - 0.005).abs() < 1e-12);
        assert!((parse_number("420966165.6").unwrap().half_unit - 0.05).abs() < 1e-12);
        assert_eq!(parse_number("1815").unwrap().half_unit, 0.5);
    }

    #[test]
    fn dates() {
        assert_eq!(serial_to_iso(37554.0).as_deref(), Some("2002-10-25"));
        assert_eq!(serial_to_iso(37552.0).as_deref(), Some("2002-10-23"));
        assert_eq!(serial_to_iso(35852.0).as_deref(), Some("1998-02-26"));
        assert_eq!(serial_to_iso(37554.5), None);
        assert_eq!(serial_to_iso(-3.0), None);
        assert_eq!(serial_to_iso(1e300), None);
        assert_eq!(
            date_to_iso("November  25, 2002").as_deref(),
            Some("2002-11-25")
        );
        assert_eq!(date_to_iso("March 25, 2002").as_deref(), Some("2002-03-25"));
        assert_eq!(date_to_iso("37584").as_deref(), Some("2002-11-24"));
        assert_eq!(date_to_iso("someday"), None);
    }
}
