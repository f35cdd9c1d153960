//! What every statement's reader knows before reading one: the words of the trade its headings
//! and titles are made of, and how an address and a name are written.
//!
//! A cut between two non-blanks fell inside a token or on a blank the trim removed; where the
//! document prints neither half anywhere else (a heading's `REALIZED` over `LOSSES`, printed
//! once), its own vocabulary cannot tell. These can: `REALIZED` and `DEFERRED` are two words of
//! the trade, and no statement prints `REALIZEDDEFERRED`; a state's two letters stand a blank
//! before its ZIP code (`Santa Ana, CA 92705`), a house number before its street's direction
//! (`1761 E. St. Andrew Place`), an initial before a surname (`James F Noriega`).
//!
//! Only whole words count, each of four letters or more, so no word of the trade is made of two
//! others (`PRINCIPAL` is not `PRIN` + `CIPAL`; `CERTIFICATEHOLDERS` is not two of them).

/// The words of the trade that trustee statements print in headings and titles, lower-cased.
/// The extractors read headings by the same words (`realized`, `deferred`, `balance`).
const TRADE_WORDS: &[&str] = &[
    "accrued",
    "additional",
    "adjustable",
    "aggregate",
    "amount",
    "asset-backed",
    "balance",
    "beginning",
    "certificate",
    "certificates",
    "class",
    "collateral",
    "collections",
    "cumulative",
    "current",
    "cusip",
    "deferred",
    "delinquency",
    "delinquent",
    "distribution",
    "distributions",
    "dollars",
    "ending",
    "equity",
    "estimated",
    "face",
    "factor",
    "fixed",
    "interest",
    "loans",
    "losses",
    "mortgage",
    "next",
    "original",
    "payment",
    "prepayment",
    "prepayments",
    "principal",
    "prior",
    "rate",
    "realized",
    "remaining",
    "scheduled",
    "series",
    "servicing",
    "shortfall",
    "statement",
    "total",
    "trust",
    "unscheduled",
    "value",
];

/// Whether `token` (punctuation around it aside, any case) is a word of the trade.
pub(crate) fn trade_word(token: &str) -> bool {
    let word = token
        .trim_matches(|c: char| ",.;:()[]\"'".contains(c))
        .to_lowercase();
    TRADE_WORDS.binary_search(&word.as_str()).is_ok()
}

/// The short words of English that join the words of the trade into titles and headings
/// (`DISTRIBUTION IN DOLLARS`, `FACTOR INFORMATION PER $1000 OF ORIGINAL FACE`), lower-cased.
const JOINING_WORDS: &[&str] = &[
    "and", "at", "by", "for", "from", "in", "of", "on", "per", "the", "to", "with",
];

/// Whether `left` and `right` are a word of the trade and one of the short words that join
/// such words into a title (`IN` + `DOLLARS`, `BALANCE` + `OF`): too short to count as words
/// of the trade themselves (`IN` + `TEREST` is no such pair), they stand a blank from one.
/// No word of the trade is a joining word and another word of the trade run together.
pub(crate) fn joined_by_a_short_word(left: &str, right: &str) -> bool {
    let joining = |token: &str| {
        JOINING_WORDS
            .binary_search(&token.to_lowercase().as_str())
            .is_ok()
    };
    (joining(left) && trade_word(right)) || (trade_word(left) && joining(right))
}

/// Whether the way addresses and names are written puts a blank between `left` and `right`:
/// a state's two letters before a ZIP code (`CA` + `92705`), a house number before a street's
/// direction (`1761` + `E.`), an initial before a surname (`F` + `Noriega`). None of these
/// joined is any token a statement prints.
pub(crate) fn apart_by_usage(left: &str, right: &str) -> bool {
    state_and_zip(left, right) || number_and_direction(left, right) || initial_and_name(left, right)
}

fn state_and_zip(left: &str, right: &str) -> bool {
    let zip = right.trim_end_matches(|c: char| ",.;".contains(c));
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let zip = match zip.split_once('-') {
        Some((five, four)) => digits(five, 5) && digits(four, 4),
        None => digits(zip, 5),
    };
    left.len() == 2 && left.bytes().all(|b| b.is_ascii_uppercase()) && zip
}

fn number_and_direction(left: &str, right: &str) -> bool {
    !left.is_empty()
        && left.bytes().all(|b| b.is_ascii_digit())
        && matches!(right, "N." | "S." | "E." | "W.")
}

fn initial_and_name(left: &str, right: &str) -> bool {
    let mut name = right.trim_end_matches(|c: char| ",.;".contains(c)).chars();
    let initial = left.trim_end_matches('.');
    initial.chars().count() == 1
        && initial.chars().all(|c| c.is_ascii_uppercase())
        && name.next().is_some_and(|c| c.is_ascii_uppercase())
        && name.clone().count() >= 2
        && name.all(|c| c.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_trade_words_are_sorted_lower_case_and_whole() {
        assert!(TRADE_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(TRADE_WORDS
            .iter()
            .all(|w| w.len() >= 4 && *w == w.to_lowercase()));
        // No word of the trade is two others run together.
        for word in TRADE_WORDS {
            for at in 1..word.len() {
                assert!(
                    !(trade_word(&word[..at]) && trade_word(&word[at..])),
                    "{word}"
                );
            }
        }
    }

    #[test]
    fn no_word_of_the_trade_is_a_joining_word_beside_another() {
        assert!(JOINING_WORDS.windows(2).all(|w| w[0] < w[1]));
        for word in TRADE_WORDS {
            for at in 1..word.len() {
                assert!(!joined_by_a_short_word(&word[..at], &word[at..]), "{word}");
            }
        }
        assert!(joined_by_a_short_word("IN", "DOLLARS"));
        assert!(joined_by_a_short_word("BALANCE", "of"));
        assert!(!joined_by_a_short_word("IN", "TEREST"));
        assert!(!joined_by_a_short_word("IN", "TO"));
    }

    #[test]
    fn headings_are_read_by_their_words_in_any_case() {
        assert!(trade_word("REALIZED"));
        assert!(trade_word("Deferred"));
        assert!(trade_word("(PRINCIPAL"));
        // `ESTIMATED NEXT RATE`, a rate column's heading.
        assert!(trade_word("NEXT"));
        assert!(!trade_word("REALIZEDDEFERRED"));
        assert!(!trade_word("PRIN"));
    }

    #[test]
    fn addresses_and_names_print_their_blanks() {
        assert!(apart_by_usage("CA", "92705"));
        assert!(apart_by_usage("NY", "10005-1234"));
        assert!(apart_by_usage("1761", "E."));
        assert!(apart_by_usage("F", "Noriega"));
        assert!(apart_by_usage("F.", "Noriega,"));
        // A CUSIP, a class, a figure: no address nor name.
        assert!(!apart_by_usage("CA", "9270"));
        assert!(!apart_by_usage("A1", "92705"));
        assert!(!apart_by_usage("A", "-1"));
        assert!(!apart_by_usage("F", "NORIEGA"));
        assert!(!apart_by_usage("17", "61"));
    }
}
