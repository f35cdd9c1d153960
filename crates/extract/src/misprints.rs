//! Words a trustee's template misprints, read as the words they stand for: `Intrest` over a
//! class table's interest column, `Scheduled Principle` in the collateral roll-forward,
//! `FORCLOSURE` over a delinquency status. A reader that matched only the printed spelling
//! would lose the column (its identities then fail, `column "Interest" not found`) or, worse,
//! count the row as another (a misprinted `Scheduled Principal` summed into the unscheduled
//! paydown, with no check to say so).
//!
//! A word reads as another only where no word of the trade is that close to a different one:
//! six letters or more, the same first letter (`Scheduled` is never `Unscheduled`), one letter
//! added, dropped, changed or two swapped; or, in words of nine letters or more and of the same
//! length, two changed (`Principle`).

use std::borrow::Cow;

/// The words of the headings and labels the layouts match, that a misprint of is read as
/// them. No two are that close to each other (a test says so); none is that close to a word a
/// heading prints for something else (`Notional` is not here: `National` is one letter off).
const VOCABULARY: [&str; 27] = [
    "accrual",
    "accrued",
    "adjustments",
    "balance",
    "bankruptcy",
    "certificate",
    "collections",
    "current",
    "deferred",
    "delinquent",
    "distribution",
    "factor",
    "foreclosure",
    "interest",
    "liquidations",
    "losses",
    "optimal",
    "original",
    "period",
    "prepayments",
    "principal",
    "realized",
    "repurchases",
    "scheduled",
    "shortfall",
    "supported",
    "unscheduled",
];

/// Whether the printed word `printed` is `word`, or a misprint of it (see the module).
pub fn reads_as(printed: &str, word: &str) -> bool {
    // Most words are told apart here, by their first letter and length, without building
    // their lower-case forms.
    let (pb, wb) = (printed.as_bytes(), word.as_bytes());
    let first = |b: &[u8]| b.first().map(u8::to_ascii_lowercase);
    if first(pb) != first(wb) || pb.len().abs_diff(wb.len()) > 1 {
        return false;
    }
    if printed.eq_ignore_ascii_case(word) {
        return true;
    }
    if wb.len() < 6 {
        return false;
    }
    let letters = |b: &[u8]| b.iter().all(u8::is_ascii_alphabetic);
    if !letters(pb) || !letters(wb) {
        return false;
    }
    let (p, w) = (printed.to_ascii_lowercase(), word.to_ascii_lowercase());
    match strsim::osa_distance(&p, &w) {
        0 | 1 => true,
        2 => pb.len() == wb.len() && wb.len() >= 9,
        _ => false,
    }
}

/// Whether the printed label `printed` is `wanted`, word by word, each word as printed or
/// misprinted (`Principal Balance: Scheduled Principle` is `Principal Balance: Scheduled
/// Principal`).
pub fn label_reads_as(printed: &str, wanted: &str) -> bool {
    fn words(s: &str) -> impl Iterator<Item = &str> {
        s.split(|c: char| c.is_whitespace() || c == ':')
            .filter(|w| !w.is_empty())
    }
    printed.contains(':') == wanted.contains(':')
        && words(printed).count() == words(wanted).count()
        && words(printed)
            .zip(words(wanted))
            .all(|(p, w)| reads_as(p, w))
}

/// `text` with each word that misprints a word of the vocabulary printed as that word, in the
/// misprint's case (`Intrest` as `Interest`, `FORCLOSURE` as `FORECLOSURE`).
pub fn corrected(text: &str) -> Cow<'_, str> {
    // A plural or singular is the word itself, not a misprint to mend (`Prepayment Amount` keeps
    // its key).
    let number = |word: &str, v: &str| {
        let w = word.to_ascii_lowercase();
        w.strip_suffix('s') == Some(v) || v.strip_suffix('s') == Some(w.as_str())
    };
    let meant = |word: &str| {
        // Only a word of letters as long as one of the vocabulary's, less one, can misprint it.
        if word.len() < 5 || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        VOCABULARY
            .iter()
            .find(|v| !word.eq_ignore_ascii_case(v) && reads_as(word, v) && !number(word, v))
    };
    if !text.split_whitespace().any(|w| meant(w).is_some()) {
        return Cow::Borrowed(text);
    }
    let words: Vec<String> = text
        .split(' ')
        .map(|w| match meant(w) {
            Some(v) if w.chars().all(|c| c.is_ascii_uppercase()) => v.to_ascii_uppercase(),
            Some(v) if w.starts_with(|c: char| c.is_ascii_uppercase()) => {
                v[..1].to_ascii_uppercase() + &v[1..]
            }
            Some(v) => v.to_string(),
            None => w.to_string(),
        })
        .collect();
    Cow::Owned(words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misprints_read_as_the_word_they_stand_for() {
        for (printed, word) in [
            ("Intrest", "interest"),
            ("Principle", "principal"),
            ("FORCLOSURE", "foreclosure"),
            ("Distributon", "distribution"),
            ("Realised", "realized"),
            ("Balnace", "balance"),
            ("LOSES", "losses"),
        ] {
            assert!(reads_as(printed, word), "{printed} as {word}");
        }
    }

    #[test]
    fn other_words_of_the_trade_are_not_misprints_of_each_other() {
        for (printed, word) in [
            ("Unscheduled", "scheduled"),
            ("Scheduled", "unscheduled"),
            ("Delinquency", "delinquent"),
            ("Currency", "current"),
            ("Deferral", "deferred"),
            ("Prior", "price"),
            ("12,345", "interest"),
        ] {
            assert!(!reads_as(printed, word), "{printed} as {word}");
        }
        for a in VOCABULARY {
            for b in VOCABULARY.iter().filter(|b| **b != a) {
                assert!(!reads_as(a, b), "{a} reads as {b}");
            }
        }
    }

    #[test]
    fn a_label_reads_word_by_word() {
        assert!(label_reads_as(
            "Principal Balance: Scheduled Principle",
            "Principal Balance: Scheduled Principal"
        ));
        assert!(!label_reads_as(
            "Principal Balance: Unscheduled Principal",
            "Principal Balance: Scheduled Principal"
        ));
        assert_eq!(corrected("Intrest  Principal"), "Interest  Principal");
        assert_eq!(corrected("REALISED LOSES"), "REALIZED LOSSES");
        assert!(matches!(corrected("Interest"), Cow::Borrowed(_)));
        assert!(matches!(corrected("Prepayment Amount"), Cow::Borrowed(_)));
        assert!(matches!(corrected("National Balances"), Cow::Borrowed(_)));
    }
}
