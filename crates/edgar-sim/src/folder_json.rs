//! A filing folder's `index.json` directory listing.

use serde::Serialize;

use crate::submission::Submission;

#[derive(Serialize)]
struct Item {
    #[serde(rename = "last-modified")]
    last_modified: String,
    name: String,
    #[serde(rename = "type")]
    kind: &'static str,
    size: String,
}

#[derive(Serialize)]
struct Directory {
    item: Vec<Item>,
    name: String,
    #[serde(rename = "parent-dir")]
    parent_dir: String,
}

#[derive(Serialize)]
struct Listing {
    directory: Directory,
}

/// `{"directory":{"item":[...],"name":...,"parent-dir":...}}` for the folder under `cik`.
pub(crate) fn render(submission: &Submission, cik: u64) -> String {
    let last_modified = submission
        .acceptance
        .unwrap_or_else(|| submission.filed.and_time(chrono::NaiveTime::MIN))
        .format("%Y-%m-%d %H:%M:%S")
        .to_string();
    let item = |name: String, kind: &'static str, size: String| Item {
        last_modified: last_modified.clone(),
        name,
        kind,
        size,
    };
    let accession = &submission.accession;
    let mut items: Vec<Item> = submission
        .documents
        .iter()
        .filter(|d| !d.filename.is_empty())
        .map(|d| item(d.filename.clone(), "text.gif", d.body.len().to_string()))
        .collect();
    items.push(item(
        format!("{accession}.txt"),
        "text.gif",
        submission.raw.len().to_string(),
    ));
    items.push(item(
        format!("{accession}-index-headers.html"),
        "text.gif",
        String::new(),
    ));
    items.push(item(
        format!("{accession}-index.htm"),
        "text.gif",
        String::new(),
    ));
    let parent_dir = format!("/Archives/edgar/data/{cik}");
    let listing = Listing {
        directory: Directory {
            item: items,
            name: format!("{parent_dir}/{}", submission.folder()),
            parent_dir,
        },
    };
    serde_json::to_string(&listing).unwrap_or_default()
}
