//! The filings the simulator serves, and the lookups the routes make into them.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use bytes::Bytes;
use chrono::NaiveDate;

use crate::error::Error;
use crate::submission::Submission;

/// A set of full EDGAR submissions (PEM-wrapped or bare `<SEC-DOCUMENT>` text).
///
/// Each submission is listed under every filer its header names, as EDGAR does.
#[derive(Debug, Default, Clone)]
pub struct Corpus {
    submissions: Vec<Arc<Submission>>,
    by_accession: HashMap<String, usize>,
}

impl Corpus {
    /// An empty corpus.
    pub fn new() -> Corpus {
        Corpus::default()
    }

    /// Every `*.txt` under `dir` (recursively) is one full submission.
    pub fn from_dir(dir: &Path) -> Result<Corpus, Error> {
        let mut files = Vec::new();
        collect_txt(dir, &mut files)?;
        // Sorted so that a duplicate accession is reported against the same file every time.
        files.sort();
        let mut corpus = Corpus::new();
        for path in files {
            let raw = std::fs::read(&path).map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })?;
            corpus.insert(Bytes::from(raw), &path.display().to_string())?;
        }
        tracing::info!(dir = %dir.display(), filings = corpus.len(), "corpus loaded");
        Ok(corpus)
    }

    /// Add one submission held in memory.
    pub fn add(&mut self, submission_text: String) -> Result<(), Error> {
        self.insert(Bytes::from(submission_text), "submission text")
    }

    /// How many submissions the corpus holds.
    pub fn len(&self) -> usize {
        self.submissions.len()
    }

    /// Whether the corpus holds no submission.
    pub fn is_empty(&self) -> bool {
        self.submissions.is_empty()
    }

    fn insert(&mut self, raw: Bytes, origin: &str) -> Result<(), Error> {
        let submission = Submission::parse(raw, origin)?;
        if self.by_accession.contains_key(&submission.accession) {
            return Err(Error::Duplicate {
                origin: origin.to_string(),
                accession: submission.accession,
            });
        }
        self.by_accession
            .insert(submission.accession.clone(), self.submissions.len());
        self.submissions.push(Arc::new(submission));
        Ok(())
    }
}

fn collect_txt(dir: &Path, files: &mut Vec<std::path::PathBuf>) -> Result<(), Error> {
    let read_err = |source| Error::Read {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(read_err)? {
        let path = entry.map_err(read_err)?.path();
        if path.is_dir() {
            collect_txt(&path, files)?;
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
        {
            files.push(path);
        }
    }
    Ok(())
}

/// The corpus frozen for serving, with the orderings the routes need.
#[derive(Debug)]
pub(crate) struct Catalog {
    submissions: Vec<Arc<Submission>>,
    by_accession: HashMap<String, usize>,
    /// Per filer CIK, newest first (filing date, then acceptance time, then accession).
    by_cik: BTreeMap<u64, Vec<usize>>,
    by_date: BTreeMap<NaiveDate, Vec<usize>>,
}

impl Catalog {
    pub fn new(corpus: Corpus) -> Catalog {
        let Corpus {
            submissions,
            by_accession,
        } = corpus;
        let mut by_cik: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
        let mut by_date: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
        for (index, submission) in submissions.iter().enumerate() {
            for filer in submission.filers() {
                by_cik.entry(filer.cik).or_default().push(index);
            }
            by_date.entry(submission.filed).or_default().push(index);
        }
        let newest_first = |a: &usize, b: &usize| {
            let key = |i: &usize| {
                submissions
                    .get(*i)
                    .map(|s| (s.filed, s.acceptance, s.accession.clone()))
            };
            key(b).cmp(&key(a))
        };
        for list in by_cik.values_mut() {
            list.sort_by(newest_first);
        }
        Catalog {
            submissions,
            by_accession,
            by_cik,
            by_date,
        }
    }

    pub fn get(&self, accession: &str) -> Option<&Submission> {
        let index = self.by_accession.get(accession)?;
        self.submissions.get(*index).map(|s| s.as_ref())
    }

    /// The filings of `cik`, newest first; `None` when EDGAR has never heard of it.
    pub fn for_cik(&self, cik: u64) -> Option<Vec<&Submission>> {
        let list = self.by_cik.get(&cik)?;
        Some(self.resolve(list))
    }

    /// The filings whose filing date lies in `from..=to`, oldest first.
    pub fn filed_between(&self, from: NaiveDate, to: NaiveDate) -> Vec<&Submission> {
        self.by_date
            .range(from..=to)
            .flat_map(|(_, list)| self.resolve(list))
            .collect()
    }

    fn resolve(&self, list: &[usize]) -> Vec<&Submission> {
        list.iter()
            .filter_map(|i| self.submissions.get(*i))
            .map(|s| s.as_ref())
            .collect()
    }
}
