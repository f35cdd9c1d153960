//! Page headers told by repetition and shape, for statements whose pages print no
//! `<Report> for <date> Distribution` line: the block of lines that stands at the top of most
//! pages (company, certificate type, series, the statement's title), with a REMIC tier line
//! that varies from page to page inside it.

use foldhash::{HashMap, HashMapExt};

use crate::furniture;

/// The block starts within this many non-blank lines of the top of a page.
const TOP: usize = 8;

/// A page header found by repetition: where it sits on its page and its lines, collapsed.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    pub start: usize,
    pub body: usize,
    pub lines: Vec<String>,
    pub tier: Option<String>,
}

/// Lines that say nothing by themselves: blanks, SGML markers, rules of dashes or equals signs.
fn is_filler(text: &str) -> bool {
    let trimmed = text.trim();
    trimmed.is_empty()
        || furniture::is_sgml_marker(trimmed)
        || trimmed.chars().all(|c| matches!(c, '-' | '=' | '_' | ' '))
}

/// The top lines of a page (index and collapsed text), fillers left out.
fn top_lines(page: &[(String, u32)]) -> Vec<(usize, String)> {
    page.iter()
        .enumerate()
        .filter(|(_, (t, _))| !is_filler(t))
        .take(TOP)
        .map(|(i, (t, _))| (i, furniture::collapse(t)))
        .collect()
}

/// Each page's header block, if the pages share one: lines printed at the top of at least two
/// pages and at least half of them.
pub(crate) fn blocks(pages: &[&[(String, u32)]]) -> Vec<Option<Block>> {
    let tops: Vec<Vec<(usize, String)>> = pages.iter().map(|p| top_lines(p)).collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for top in &tops {
        let mut seen: Vec<&str> = Vec::new();
        for (_, text) in top {
            if !seen.contains(&text.as_str()) {
                seen.push(text);
                *counts.entry(text).or_default() += 1;
            }
        }
    }
    let printed = tops.iter().filter(|t| !t.is_empty()).count();
    let repeated = |text: &str| {
        let n = counts.get(text).copied().unwrap_or(0);
        n >= 2 && 2 * n >= printed
    };
    tops.iter()
        .zip(pages)
        .map(|(top, page)| {
            let first = top.iter().position(|(_, t)| repeated(t))?;
            let mut lines = Vec::new();
            let mut tier = None;
            let mut end = first;
            for (k, (_, text)) in top.iter().enumerate().skip(first) {
                let is_tier = furniture::is_tier(text) && text.split_whitespace().count() <= 4;
                if !repeated(text) && !is_tier {
                    break;
                }
                // A block is contiguous: blank lines may part its lines, a rule or the start
                // of a table ends it.
                if k > first {
                    let between = page.get(top[k - 1].0 + 1..top[k].0).unwrap_or_default();
                    if between.iter().any(|(t, _)| !t.trim().is_empty()) {
                        break;
                    }
                }
                if is_tier && tier.is_none() {
                    tier = Some(text.clone());
                } else {
                    lines.push(text.clone());
                }
                end = k;
            }
            // One repeated line alone is a running title, not a header block.
            if lines.len() < 2 {
                return None;
            }
            Some(Block {
                start: top[first].0,
                body: top[end].0 + 1,
                lines,
                tier,
            })
        })
        .collect()
}
