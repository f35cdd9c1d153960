//! The registry of layouts: which extractor reads which statement.
//!
//! Each layout says whether it recognises a statement (from its report titles) and reads it.
//! New layouts are added by registering them; the others are untouched. A statement no layout
//! recognises is read by the `unknown` layout, so it is still stored.

use crate::layouts::{db2002::Db2002, stc::StatementToCertificateholders, unknown::Unknown};
use crate::sink::number_occurrences;
use crate::summary;
use crate::{CleanStatement, Error, Statement};

/// One trustee statement layout: what is particular to one trustee's statement. The shared
/// machinery (labelled sections, totals, factor, delinquency and roll-forward checks, pool
/// summary lookups) sits at the crate root.
///
/// The contract: `extract` reads the statement's trust name and distribution date from the
/// statement itself, its rows and checks, and fills [`Statement::pool`] from its own labels (a
/// test holds every registered layout to that on a real statement). The registry then finishes
/// every statement alike: layout name and version set, repeated labels numbered, a cell that
/// holds several figures recorded as a failed check, the pool summary ordered `Total` first
/// with each scope once.
pub trait Layout: Send + Sync {
    /// Stored with every statement it reads (`db-remittance-2002`).
    fn name(&self) -> &'static str;
    /// Bumped when the layout reads more or differently, so a reparse knows what to redo.
    fn version(&self) -> u32;
    /// Whether this layout can read the statement (decided from its report titles and headings).
    fn recognises(&self, statement: &CleanStatement) -> bool;
    /// Reads the statement into rows and checks.
    fn extract(&self, statement: &CleanStatement) -> Result<Statement, Error>;
}

/// The layouts in the order they are tried, and the fallback for statements none recognises.
pub struct Registry {
    layouts: Vec<Box<dyn Layout>>,
    fallback: Box<dyn Layout>,
}

impl Default for Registry {
    fn default() -> Self {
        Registry {
            layouts: vec![Box::new(Db2002), Box::new(StatementToCertificateholders)],
            fallback: Box::new(Unknown),
        }
    }
}

impl Registry {
    /// Adds a layout, tried before those already registered.
    pub fn register(&mut self, layout: Box<dyn Layout>) {
        self.layouts.insert(0, layout);
    }

    /// The names and versions of the registered layouts, the fallback last.
    pub fn layouts(&self) -> Vec<(&'static str, u32)> {
        self.layouts
            .iter()
            .chain(std::iter::once(&self.fallback))
            .map(|l| (l.name(), l.version()))
            .collect()
    }

    /// The layout that will read this statement.
    pub fn layout_for(&self, statement: &CleanStatement) -> &dyn Layout {
        self.layouts
            .iter()
            .find(|l| l.recognises(statement))
            .unwrap_or(&self.fallback)
            .as_ref()
    }

    /// Reads the statement with the first layout that recognises it (or the fallback).
    pub fn extract(&self, statement: &CleanStatement) -> Result<Statement, Error> {
        if statement.reports.iter().all(|r| r.lines.is_empty()) {
            return Err(Error::NoStatement(format!(
                "{} reports, none with any lines",
                statement.reports.len()
            )));
        }
        let layout = self.layout_for(statement);
        let mut read = layout.extract(statement)?;
        is_a_statement(statement, &read, layout.name())?;
        finish(&mut read, layout);
        crate::coverage::measure(statement, &mut read);
        for warning in &read.warnings {
            tracing::warn!(layout = layout.name(), trust = %read.trust_name, "{warning}");
        }
        tracing::debug!(
            layout = layout.name(),
            classes = read.classes.len(),
            pool_values = read.pool_values.len(),
            delinquency = read.delinquency.len(),
            loan_events = read.loan_events.len(),
            checks = read.checks.len(),
            failed = read.checks.iter().filter(|c| !c.passed).count(),
            "statement read"
        );
        Ok(read)
    }
}

/// Only a statement is a statement: it prints its distribution date and at least one table
/// of figures (a cover page, an exhibit of another kind, figures without a date, or bytes
/// that only look like text are not), so nothing else enters the history as one.
///
/// A document that prints a date and rows of figures the layout read nothing from is no
/// document of another kind: that is a reading fault, an error the filing is kept `failed` by.
fn is_a_statement(
    statement: &CleanStatement,
    read: &Statement,
    layout: &'static str,
) -> Result<(), Error> {
    if read.distribution_date.is_none() && !prints_a_distribution_date(statement) {
        return Err(Error::NoStatement(
            "no distribution date printed (neither a page header's nor a labelled one)".to_string(),
        ));
    }
    let figures = read
        .pool_values
        .iter()
        .filter(|v| v.value.is_some())
        .count();
    let table = !read.classes.is_empty()
        || !read.delinquency.is_empty()
        || !read.loan_events.is_empty()
        || figures >= MIN_TABLE_FIGURES;
    if !table {
        let (rows, printed) = rows_of_figures(statement);
        if rows >= MIN_TABLE_ROWS {
            return Err(Error::NoTableRead {
                layout,
                rows,
                figures: printed,
            });
        }
        return Err(Error::NoStatement(format!(
            "a distribution date but no table of figures ({figures} figures)"
        )));
    }
    Ok(())
}

/// Whether a report line prints a labelled distribution (or payment) date, for statements whose
/// page headers do not: `Payment Date: 03/26/2001`, `Distribution Date:   November 25, 2002`.
fn prints_a_distribution_date(statement: &CleanStatement) -> bool {
    static DATE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let date = DATE.get_or_init(|| {
        regex::Regex::new(
            r"(?i)\b(distribution|payment)\s+date\s*:?\s*(\d{1,2}/\d{1,2}/\d{2,4}|[a-z]+\s+\d{1,2},\s*\d{4})",
        )
        .expect("a valid pattern")
    });
    statement
        .reports
        .iter()
        .flat_map(|r| r.lines.iter())
        .any(|l| date.is_match(&l.text))
}

/// The lines of a statement that print three figures or more (a table's rows), and how many
/// figures they print.
fn rows_of_figures(statement: &CleanStatement) -> (usize, usize) {
    statement
        .reports
        .iter()
        .flat_map(|r| r.lines.iter())
        .map(|l| {
            l.text
                .split_whitespace()
                .filter(|w| crate::coverage::figure(w).is_some())
                .count()
        })
        .filter(|&n| n >= 3)
        .fold((0, 0), |(rows, figures), n| (rows + 1, figures + n))
}

/// The fewest rows of figures that make a table a layout should have read.
const MIN_TABLE_ROWS: usize = 2;

/// The fewest figures that make a table.
const MIN_TABLE_FIGURES: usize = 2;

/// What every statement gets whichever layout read it: the layout's name and version, repeated
/// labels numbered, the pool summary in order (`Total` first) with each scope once.
fn finish(read: &mut Statement, layout: &dyn Layout) {
    read.layout = layout.name().to_string();
    read.layout_version = layout.version();
    number_occurrences(&mut read.pool_values);
    crate::crowded::check_crowded_cells(read);
    summary::finish(&mut read.pool);
}

/// Reads one normalized statement with the standard registry.
pub fn extract(statement: &CleanStatement) -> Result<Statement, Error> {
    Registry::default().extract(statement)
}
