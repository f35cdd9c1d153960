//! Byte-level text tests shared by the readers: each runs on every line of a filing, so each
//! does without allocating (no lower-cased copy of a line or of a document).

/// Whether `haystack` contains `needle` (ASCII) ignoring ASCII case: what
/// `haystack.to_ascii_lowercase().contains(&needle.to_ascii_lowercase())` says. (Changing the
/// case of ASCII letters keeps every byte where it was, and an ASCII needle can only match
/// ASCII bytes, so the two agree for any haystack.)
pub(crate) fn contains_ignore_ascii_case(haystack: &str, needle: &str) -> bool {
    let Some(first) = needle.chars().next() else {
        return true;
    };
    let matches_at = |i: usize| {
        haystack
            .as_bytes()
            .get(i..i + needle.len())
            .is_some_and(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
    };
    // Searching for one character runs `memchr`, far faster than comparing at every byte.
    let (lower, upper) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    haystack.match_indices(lower).any(|(i, _)| matches_at(i))
        || (upper != lower && haystack.match_indices(upper).any(|(i, _)| matches_at(i)))
}

/// `text` without its leading blanks, as `str::trim_start`. Rejoined lines are indented by long
/// runs of spaces: those are skipped eight at a time.
pub(crate) fn trim_start(text: &str) -> &str {
    let spaces = text
        .as_bytes()
        .chunks_exact(8)
        .take_while(|chunk| *chunk == b"        ")
        .count();
    text.get(spaces * 8..).unwrap_or(text).trim_start()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn agrees_with_lower_casing_a_copy(
            haystack in "[ a-dA-D<>/\u{e9}\u{212a}k]{0,24}",
            needle in "[a-dA-D<>/k]{0,4}",
        ) {
            let expected = haystack
                .to_ascii_lowercase()
                .contains(&needle.to_ascii_lowercase());
            prop_assert_eq!(contains_ignore_ascii_case(&haystack, &needle), expected);
        }

        #[test]
        fn trims_as_the_standard_library(text in "[ \t\u{b}\u{a0}a]{0,40}") {
            prop_assert_eq!(trim_start(&text), text.trim_start());
        }
    }
}
