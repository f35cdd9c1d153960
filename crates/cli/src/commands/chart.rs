//! `remit chart`: one metric of one trust over distribution dates, as an SVG line chart.
//!
//! SVG only: its text is drawn by the viewer, so no font has to be installed or embedded here.

use std::path::Path;

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use plotters::prelude::*;
use rusqlite::{params, Connection};

use crate::cli::Metric;
use crate::exit;

pub fn run(db: &Path, trust: &str, metric: Metric, class: Option<&str>, out: &Path) -> Result<i32> {
    let conn = super::sql::open_read_only(db)?;
    let trust_name = resolve_trust(&conn, trust)?;
    let series = metric_series(&conn, &trust_name, metric, class)?;
    if series.is_empty() {
        bail!(
            "{trust_name} has no {} figures in {}",
            metric_label(metric),
            db.display()
        );
    }
    let title = match (metric, class) {
        (Metric::Factor, Some(class)) => format!("{trust_name}: class {class} factor"),
        _ => format!("{trust_name}: {}", metric_label(metric)),
    };
    draw(out, &title, metric_label(metric), &series)?;
    println!(
        "wrote {} ({} distribution dates)",
        out.display(),
        series.len()
    );
    Ok(exit::OK)
}

fn metric_label(metric: Metric) -> &'static str {
    match metric {
        Metric::Cpr => "CPR (conditional prepayment rate)",
        Metric::Dq60 => "60+ day delinquency, share of pool balance",
        Metric::Loss => "cumulative realized loss ($)",
        Metric::Factor => "factor (current balance / original face)",
    }
}

/// The one trust a user means: a CIK, an exact name, or a unique part of a name.
pub fn resolve_trust(conn: &Connection, trust: &str) -> Result<String> {
    let mut names: Vec<String> = if let Ok(cik) = trust.parse::<i64>() {
        let mut stmt =
            conn.prepare("SELECT DISTINCT trust_name FROM statements WHERE cik = ?1 ORDER BY 1")?;
        let rows = stmt.query_map(params![cik], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    } else {
        let mut stmt = conn.prepare(
            "SELECT DISTINCT trust_name FROM statements WHERE trust_name = ?1 \
             OR trust_name LIKE '%' || ?1 || '%' ORDER BY trust_name = ?1 DESC, 1",
        )?;
        let rows = stmt.query_map(params![trust], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    match names.len() {
        0 => bail!("no trust matches {trust:?}; `remit status` lists the trusts held"),
        1 => Ok(names.remove(0)),
        _ if names[0] == trust => Ok(names.remove(0)),
        _ => bail!(
            "{trust:?} matches several trusts, name one: {}",
            names.join(", ")
        ),
    }
}

/// (distribution date, value) pairs of the metric, oldest first, from the history views.
pub fn metric_series(
    conn: &Connection,
    trust_name: &str,
    metric: Metric,
    class: Option<&str>,
) -> Result<Vec<(NaiveDate, f64)>> {
    let (sql, class) = match metric {
        Metric::Cpr => (
            "SELECT distribution_date, cpr FROM pool_history WHERE trust_name = ?1",
            None,
        ),
        Metric::Dq60 => (
            "SELECT distribution_date, dq60_pct FROM pool_history WHERE trust_name = ?1",
            None,
        ),
        Metric::Loss => (
            "SELECT distribution_date, cum_realized_loss FROM pool_history WHERE trust_name = ?1",
            None,
        ),
        Metric::Factor => {
            let class = class.context("--metric factor needs --class (e.g. --class A)")?;
            (
                "SELECT distribution_date, factor FROM class_history WHERE trust_name = ?1 AND class = ?2",
                Some(class),
            )
        }
    };
    let sql = format!(
        "{sql} {} ORDER BY distribution_date",
        if class.is_some() {
            ""
        } else {
            "AND ?2 IS NULL"
        }
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![trust_name, class], |r| {
        Ok((r.get::<_, Option<String>>(0)?, r.get::<_, Option<f64>>(1)?))
    })?;
    let mut series = Vec::new();
    for row in rows {
        if let (Some(date), Some(value)) = row? {
            if let Ok(date) = NaiveDate::parse_from_str(&date, "%Y-%m-%d") {
                series.push((date, value));
            }
        }
    }
    Ok(series)
}

/// Draws the line chart. Dates go on the x axis as day numbers so spacing follows the calendar.
pub fn draw(out: &Path, title: &str, y_label: &str, series: &[(NaiveDate, f64)]) -> Result<()> {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).context("epoch")?;
    let day = |d: &NaiveDate| (*d - epoch).num_days() as f64;
    let (mut x0, mut x1) = (f64::MAX, f64::MIN);
    let (mut y0, mut y1) = (f64::MAX, f64::MIN);
    for (d, v) in series {
        x0 = x0.min(day(d));
        x1 = x1.max(day(d));
        y0 = y0.min(*v);
        y1 = y1.max(*v);
    }
    // A flat or single-point series still needs a visible range.
    if x1 - x0 < 1.0 {
        x0 -= 15.0;
        x1 += 15.0;
    }
    let pad = if (y1 - y0).abs() < f64::EPSILON {
        y1.abs().max(1e-3) * 0.1
    } else {
        (y1 - y0) * 0.08
    };
    let (y0, y1) = (y0 - pad, y1 + pad);

    let root = SVGBackend::new(out, (960, 540)).into_drawing_area();
    let result = (|| -> Result<(), Box<dyn std::error::Error>> {
        root.fill(&WHITE)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 26))
            .margin(24)
            .x_label_area_size(48)
            .y_label_area_size(96)
            .build_cartesian_2d(x0..x1, y0..y1)?;
        let date_label = |x: &f64| {
            epoch
                .checked_add_signed(chrono::Duration::days(x.round() as i64))
                .map(|d| d.format("%Y-%m").to_string())
                .unwrap_or_default()
        };
        chart
            .configure_mesh()
            .x_desc("distribution date")
            .y_desc(y_label)
            .x_labels(8)
            .x_label_formatter(&date_label)
            .y_label_formatter(&|y| format_value(*y))
            .draw()?;
        let points: Vec<(f64, f64)> = series.iter().map(|(d, v)| (day(d), *v)).collect();
        chart.draw_series(LineSeries::new(
            points.iter().copied(),
            BLUE.stroke_width(2),
        ))?;
        chart.draw_series(points.iter().map(|p| Circle::new(*p, 3, BLUE.filled())))?;
        root.present()?;
        Ok(())
    })();
    result.map_err(|e| anyhow::anyhow!("drawing {}: {e}", out.display()))
}

fn format_value(y: f64) -> String {
    if y.abs() >= 1000.0 {
        format!("{:.0}", y)
    } else {
        format!("{:.4}", y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_is_an_svg_with_its_title() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("cpr.svg");
        let d = |m| NaiveDate::from_ymd_opt(2002, m, 25).unwrap();
        draw(
            &out,
            "Impac CMB Trust 2002-1: CPR",
            "CPR",
            &[(d(9), 0.18), (d(10), 0.21), (d(11), 0.203)],
        )
        .unwrap();
        let svg = std::fs::read_to_string(&out).unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..40]);
        assert!(svg.contains("Impac CMB Trust 2002-1: CPR"));
        assert!(svg.contains("2002-10"));
        assert!(svg.len() > 2_000);
    }
}
