//! The statement header: the page-header lines (product, series) and the first page's
//! ISSUANCE INFORMATION (`Seller:`, `Servicer(s):` with roles, dates) and CONTACTS.

use crate::columns::{phrases, plain_words, Word};
use crate::sink::Sink;
use crate::value::{collapse, date_to_iso, Cell};
use crate::{Party, StatementHeader};
use remit_normalize::{CleanStatement, Report};

/// One `Key:` with the phrases printed after it (on its line, or on continuation lines).
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    section: String,
    key: String,
    values: Vec<String>,
}

/// Reads the header; returns it with the distribution date printed on the first page, if any.
pub fn read(statement: &CleanStatement, sink: &mut Sink) -> (StatementHeader, Option<String>) {
    let mut header = StatementHeader::default();
    for line in &statement.header_lines {
        let lower = line.to_lowercase();
        if lower.starts_with("series") {
            header.series.get_or_insert_with(|| line.clone());
        } else if !lower.starts_with("remic") {
            header.product.get_or_insert_with(|| line.clone());
        }
    }
    let mut distribution = None;
    let Some(contents) = statement.reports.iter().find(|r| is_contents(r)) else {
        return (header, distribution);
    };
    for entry in entries(contents) {
        let key = entry.key.trim_end_matches(':').replace("(s)", "");
        let key = collapse(&key);
        let first = entry.values.first().cloned().unwrap_or_default();
        if entry.section == "ISSUANCE INFORMATION" {
            if key.to_lowercase().contains("date") {
                // A date is one value, whatever blanks the cut left inside it (`February   1, 2002`).
                let iso = date_to_iso(&entry.values.join(" ")).or_else(|| date_to_iso(&first));
                match key.to_lowercase().replace(['-', ' '], "").as_str() {
                    "cutoffdate" => header.cutoff_date = iso,
                    "closingdate" => header.closing_date = iso,
                    "firstpaymentdate" => header.first_payment_date = iso,
                    "recorddate" => header.record_date = iso,
                    "distributiondate" => distribution = iso,
                    _ => sink.pool(
                        &contents.title,
                        &entry.section,
                        &key,
                        "",
                        &Cell::parse(&first),
                    ),
                }
            } else if !first.is_empty() {
                let role = entry.values.get(1).cloned().unwrap_or_else(|| key.clone());
                header.parties.push(Party { role, name: first });
            }
        } else if !entry.values.is_empty() {
            let value = entry.values.join(" ");
            if key.eq_ignore_ascii_case("administrator") {
                header.parties.push(Party {
                    role: key.clone(),
                    name: value.clone(),
                });
            }
            sink.pool(
                &contents.title,
                &entry.section,
                &key,
                "",
                &Cell::parse(&value),
            );
        }
    }
    (header, distribution)
}

fn is_contents(report: &Report) -> bool {
    report.title.eq_ignore_ascii_case("contents")
        || report
            .lines
            .iter()
            .any(|l| collapse(&l.text) == "ISSUANCE INFORMATION")
}

/// `Key:  value  value` entries under each upper-case heading of the first page. A line that
/// starts with a value continues the line's leading key (another servicer, another line of an
/// address).
fn entries(report: &Report) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    let mut section = String::new();
    let mut leading_key: Option<String> = None;
    // Where the left-hand keys start: a key further right (`Distribution Date:` alone on its
    // line) does not take over the continuation lines of the left-hand key.
    let mut left_margin: Option<usize> = None;
    for line in &report.lines {
        let words = plain_words(&line.text);
        let parts = phrases(&words, VALUE_GAP);
        if parts.len() == 1
            && parts.iter().all(|p| {
                p.text.chars().any(char::is_alphabetic) && !p.text.chars().any(char::is_lowercase)
            })
        {
            section = parts.first().map(|p| collapse(&p.text)).unwrap_or_default();
            leading_key = None;
            left_margin = None;
            continue;
        }
        if section.is_empty() || section == "TABLE OF CONTENTS" {
            continue;
        }
        let mut current: Option<usize> = None;
        for (index, part) in keys_and_values(&words).iter().enumerate() {
            if part.text.ends_with(':') {
                out.push(Entry {
                    section: section.clone(),
                    key: part.text.clone(),
                    values: Vec::new(),
                });
                current = Some(out.len() - 1);
                let margin = *left_margin.get_or_insert(part.start);
                if index == 0 && part.start <= margin + 2 {
                    leading_key = Some(part.text.clone());
                }
                continue;
            }
            if current.is_none() {
                let Some(key) = leading_key.clone() else {
                    continue;
                };
                out.push(Entry {
                    section: section.clone(),
                    key,
                    values: Vec::new(),
                });
                current = Some(out.len() - 1);
            }
            if let Some(entry) = current.and_then(|i| out.get_mut(i)) {
                entry.values.push(part.text.clone());
            }
        }
    }
    out
}

/// Blanks this wide or narrower may join the words of one key: the filer's cut leaves a run of
/// up to three blanks at a cut uncertain (1, 2 or 3), so a key printed with single blanks
/// (`Cut-Off Date:`) may come back with three inside it.
const KEY_GAP: usize = 3;

/// A key run into its value where the cut left no blank after the colon
/// (`Administrator:James`): two words. A colon after letters and before a letter, digit or
/// `(` only, so a link (`http://`) or a time (`10:30`) stays whole.
fn unglue(word: &Word) -> Vec<Word> {
    let split = word.text.char_indices().find(|&(at, c)| {
        let before = word.text.get(..at).unwrap_or_default();
        let after = word.text.get(at + 1..).unwrap_or_default();
        c == ':'
            && before.chars().last().is_some_and(char::is_alphabetic)
            && before.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && after
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() || c == '(')
    });
    let Some((at, _)) = split else {
        return vec![word.clone()];
    };
    let (key, value) = word.text.split_at(at + 1);
    let key_chars = key.chars().count();
    vec![
        Word {
            start: word.start,
            end: word.start + key_chars,
            text: key.to_string(),
        },
        Word {
            start: word.start + key_chars,
            end: word.end,
            text: value.to_string(),
        },
    ]
}

/// Blanks this wide or wider part two values (a party's name and its role, printed six apart):
/// a gap of three or fewer may be one blank the cut widened (`Wendover Funding,   Inc.`).
const VALUE_GAP: usize = KEY_GAP + 1;

/// Whether a word ends a key (`Date:`, `Servicer(s):`): a colon after letters.
fn ends_key(word: &Word) -> bool {
    word.text.ends_with(':') && word.text.chars().any(char::is_alphabetic)
}

/// The line's keys and value phrases in reading order. A key is a word ending in a colon with
/// the words printed close before it; what follows a key up to the next key is its value,
/// however many blanks separate them (`Administrator: James F Noriega` is a pair even where
/// the cut left one blank after the colon). Value words are grouped into phrases by gaps of
/// [`VALUE_GAP`] blanks or more (a name and its role: `Impac Funding Corporation      Master
/// Servicer`).
fn keys_and_values(words: &[Word]) -> Vec<Word> {
    let words: Vec<Word> = words.iter().flat_map(unglue).collect();
    // Where each key starts (its first word) and ends (its colon word), left to right.
    let mut keys: Vec<(usize, usize)> = Vec::new();
    for (colon, word) in words.iter().enumerate() {
        if !ends_key(word) {
            continue;
        }
        // The previous key's value keeps at least its first word.
        let floor = keys.last().map_or(0, |&(_, end)| (end + 2).min(colon));
        let mut first = colon;
        while first > floor {
            let (Some(before), Some(at)) = (words.get(first - 1), words.get(first)) else {
                break;
            };
            if ends_key(before) || at.start > before.end + KEY_GAP {
                break;
            }
            first -= 1;
        }
        keys.push((first, colon));
    }
    let mut out: Vec<Word> = Vec::new();
    let mut values: Vec<Word> = Vec::new();
    let mut index = 0;
    let mut next_key = keys.iter().peekable();
    while index < words.len() {
        if let Some(&&(first, colon)) = next_key.peek().filter(|(first, _)| *first == index) {
            out.extend(phrases(&std::mem::take(&mut values), VALUE_GAP));
            let key = words.get(first..=colon).unwrap_or_default();
            if let (Some(head), Some(tail)) = (key.first(), key.last()) {
                out.push(Word {
                    start: head.start,
                    end: tail.end,
                    text: key
                        .iter()
                        .map(|w| w.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                });
            }
            next_key.next();
            index = colon + 1;
            continue;
        }
        values.extend(words.get(index).cloned());
        index += 1;
    }
    out.extend(phrases(&values, VALUE_GAP));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use remit_normalize::Line;

    /// The header read from a first page of `lines` under `CONTACTS` and `ISSUANCE INFORMATION`.
    fn header_of(lines: &[&str]) -> (StatementHeader, Sink) {
        let statement = CleanStatement {
            preamble: Vec::new(),
            trust_name: None,
            header_lines: Vec::new(),
            distribution_date: None,
            reports: vec![Report {
                title: "Contents".to_string(),
                tier: None,
                lines: lines
                    .iter()
                    .zip(1..)
                    .map(|(text, line)| Line {
                        text: text.to_string(),
                        page: 1,
                        line,
                    })
                    .collect(),
            }],
        };
        let mut sink = Sink::default();
        let (header, _) = read(&statement, &mut sink);
        (header, sink)
    }

    fn parties(header: &StatementHeader) -> Vec<(&str, &str)> {
        header
            .parties
            .iter()
            .map(|p| (p.role.as_str(), p.name.as_str()))
            .collect()
    }

    fn contact<'a>(sink: &'a Sink, label: &str) -> Option<&'a str> {
        sink.pool_values
            .iter()
            .find(|v| v.section == "CONTACTS" && v.label == label)
            .map(|v| v.raw.as_str())
    }

    /// A cut in the blanks after a colon may leave one blank there, or three inside the key:
    /// the colon still ends the key and starts its value.
    #[test]
    fn a_contact_is_split_at_its_colon_however_many_blanks_follow_it() {
        for (administrator, phone) in [
            (
                "Administrator:   James F Noriega",
                "Direct Phone Number:   (714)247-6281",
            ),
            (
                "Administrator: James F Noriega",
                "Direct Phone Number: (714)247-6281",
            ),
            (
                "Administrator:James F Noriega",
                "Direct   Phone Number: (714)247-6281",
            ),
            (
                "Administrator:  James F Noriega",
                "Direct Phone   Number:  (714)247-6281",
            ),
        ] {
            let pad = " ".repeat(60);
            let (header, sink) = header_of(&[
                &format!("{}CONTACTS", " ".repeat(45)),
                &format!("{pad}{administrator}"),
                &format!("{pad}{phone}"),
                &format!("{pad}Address:   Deutsche Bank"),
                &format!(
                    "{pad}{}1761 E. St. Andrew Place, Santa Ana, CA 92705",
                    " ".repeat(17)
                ),
            ]);
            assert_eq!(
                parties(&header),
                [("Administrator", "James F Noriega")],
                "{administrator:?} / {phone:?}"
            );
            assert_eq!(contact(&sink, "Administrator"), Some("James F Noriega"));
            assert_eq!(
                contact(&sink, "Direct Phone Number"),
                Some("(714)247-6281"),
                "{phone:?}"
            );
            let address: Vec<&str> = sink
                .pool_values
                .iter()
                .filter(|v| v.label == "Address")
                .map(|v| v.raw.as_str())
                .collect();
            assert_eq!(
                address,
                [
                    "Deutsche Bank",
                    "1761 E. St. Andrew Place, Santa Ana, CA 92705"
                ]
            );
        }
    }

    /// The fixture's parties, as its contents page names them.
    const FIXTURE_PARTIES: [(&str, &str); 4] = [
        ("Seller", "IMPAC Mortgage Holdings Inc."),
        ("Certificate Insurer", "AMBAC Indemnity Corporation"),
        ("Master Servicer", "Impac Funding Corporation"),
        ("Sub-Servicer", "Wendover Funding, Inc."),
    ];

    /// Two pairs on a line (`Seller:  ...   Cut-Off Date:  ...`): the second key is the words
    /// printed close before its colon, not a role of the first key's party.
    #[test]
    fn two_pairs_on_a_line_are_paired_by_their_colons() {
        for gap in [" ", "  ", "   "] {
            let (header, _) = header_of(&[
                "ISSUANCE INFORMATION",
                &format!(
                    "               Seller:                       IMPAC Mortgage Holdings Inc.{}Cut-Off{gap}Date:              February 1, 2002",
                    " ".repeat(41)
                ),
                &format!(
                    "               Certificate Insurer(s):       AMBAC Indemnity Corporation{}Closing{gap}Date:               February 27, 2002",
                    " ".repeat(42)
                ),
                "               Servicer(s):                  Impac Funding Corporation      Master Servicer",
                "                                             Wendover Funding, Inc.      Sub-Servicer",
            ]);
            assert_eq!(parties(&header), FIXTURE_PARTIES, "{gap:?}");
            assert_eq!(header.cutoff_date.as_deref(), Some("2002-02-01"));
            assert_eq!(header.closing_date.as_deref(), Some("2002-02-27"));
        }
    }

    /// One blank the cut widened to three inside a name, a date or the heading splits none of
    /// them: a name and its role stand six apart, and the cut moves a gap by two at most.
    #[test]
    fn blanks_a_cut_widened_inside_a_name_or_date_split_nothing() {
        let (header, _) = header_of(&[
            "ISSUANCE   INFORMATION",
            &format!(
                "               Seller:                       IMPAC Mortgage Holdings   Inc.{}Cut-Off Date:              February   1,   2002",
                " ".repeat(41)
            ),
            &format!(
                "               Certificate Insurer(s):       AMBAC Indemnity   Corporation{}Closing Date:               February 27,2002",
                " ".repeat(40)
            ),
            "               Servicer(s):                  Impac Funding Corporation    Master Servicer",
            "                                             Wendover Funding,   Inc.      Sub-Servicer",
        ]);
        assert_eq!(parties(&header), FIXTURE_PARTIES);
        assert_eq!(header.cutoff_date.as_deref(), Some("2002-02-01"));
        assert_eq!(header.closing_date.as_deref(), Some("2002-02-27"));
    }
}
