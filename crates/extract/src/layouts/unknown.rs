//! `unknown`: a statement no layout recognises is still stored. Each report is read as
//! labelled sections (headings, column headers where printed, `Label: value` and
//! `Label = value` lines), so every labelled figure lands in `pool_values`; a warning says the
//! layout was not recognised.

use crate::registry::Layout;
use crate::sections;
use crate::sink::Sink;
use crate::value::date_to_iso;
use crate::{CleanStatement, Error, Statement};

pub struct Unknown;

impl Layout for Unknown {
    fn name(&self) -> &'static str {
        "unknown"
    }

    fn version(&self) -> u32 {
        1
    }

    fn recognises(&self, _statement: &CleanStatement) -> bool {
        true
    }

    fn extract(&self, statement: &CleanStatement) -> Result<Statement, Error> {
        let mut sink = Sink::default();
        let titles: Vec<&str> = statement.reports.iter().map(|r| r.title.as_str()).collect();
        sink.warn(format!(
            "layout not recognised (reports: {}); labelled lines stored as pool values",
            titles.join(", ")
        ));
        for report in &statement.reports {
            sections::read_report(report, &mut sink);
        }
        Ok(Statement {
            trust_name: statement.trust_name.clone().unwrap_or_default(),
            distribution_date: statement.distribution_date.as_deref().and_then(date_to_iso),
            pool_values: sink.pool_values,
            checks: sink.checks.into_checks(),
            warnings: sink.warnings,
            ..Statement::default()
        })
    }
}
