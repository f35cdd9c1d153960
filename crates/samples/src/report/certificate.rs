//! Pages 2-3: the Certificate Payment Report — current period, accrual detail and factors,
//! to-date figures, interest detail.
//!
//! Figures here are in the spreadsheet's General style (ten significant digits, fractional
//! cents), which is what the extractor's relative tolerance is for.

use crate::format::{general, serial};
use crate::layout::{cols, Row};
use crate::month::{ClassMonth, Statement};
use crate::profile::TrustProfile;

use super::{footer, header, Footer};

pub(crate) const REPORT: &str = "Certificate Payment Report";

/// Right-aligned General figures ending at 45, 60, ... : `(end, value)`.
pub(crate) fn figures(row: Row, values: &[(usize, f64)]) -> Row {
    values
        .iter()
        .fold(row, |row, (end, v)| row.right(*end, &general(*v)))
}

pub(crate) fn render(lines: &mut Vec<String>, profile: &TrustProfile, statement: &Statement) {
    let [a, b, cert] = &statement.classes;
    let bonds = [
        (profile.classes[0].name, &profile.classes[0], a),
        (profile.classes[1].name, &profile.classes[1], b),
    ];
    let face: f64 = profile.total_face();
    let sum = |f: fn(&ClassMonth) -> f64| statement.classes.iter().map(f).sum::<f64>();

    header(lines, profile, REPORT, statement, 19);
    current_heading(lines);
    let current_row = |row: Row, face: f64, c: &ClassMonth| {
        figures(
            row,
            &[
                (45, face),
                (90, c.prior),
                (105, c.interest),
                (120, c.principal),
                (135, c.distribution()),
                (150, 0.0),
                (165, 0.0),
                (180, c.current),
            ],
        )
    };
    for (name, spec, class) in bonds {
        lines.push(
            current_row(Row::new().at(0, name).at(15, "FLT"), spec.original, class).into_string(),
        );
    }
    lines.push(current_row(Row::new().at(0, "Cert"), 0.0, cert).into_string());
    let total = ClassMonth {
        prior: sum(|c| c.prior),
        interest: sum(|c| c.interest),
        principal: sum(|c| c.principal),
        current: sum(|c| c.current),
        ..ClassMonth::default()
    };
    lines.push(current_row(Row::new().at(0, "Total"), face, &total).into_string());

    accrual_heading(lines);
    let start = serial(statement.accrual_start).to_string();
    let end = serial(statement.accrual_end).to_string();
    for (name, spec, class) in bonds {
        let per_thousand = |v: f64| v / spec.original * 1000.0;
        let row = Row::new()
            .at(0, name)
            .right(30, &start)
            .right(45, &end)
            .at(60, "A-Act/360")
            .at(75, &spec.cusip);
        lines.push(
            figures(
                row,
                &[
                    (105, spec.original),
                    (120, per_thousand(class.prior)),
                    (135, per_thousand(class.interest)),
                    (150, per_thousand(class.principal)),
                    (165, per_thousand(class.distribution())),
                    (180, per_thousand(class.current)),
                ],
            )
            .into_string(),
        );
    }
    let row = Row::new()
        .at(0, "Cert")
        .right(30, &start)
        .right(45, &end)
        .at(60, "-");
    lines.push(
        figures(
            row,
            &[
                (105, 0.0),
                (120, 0.0),
                (135, 0.0),
                (150, 0.0),
                (165, 0.0),
                (180, 0.0),
            ],
        )
        .into_string(),
    );
    footer(lines, Footer::Certificate, 2, statement.distribution);

    header(lines, profile, REPORT, statement, 19);
    to_date_heading(lines);
    let to_date_row = |name: &str, face: f64, c: &ClassMonth| {
        let principal = c.unscheduled_to_date + c.scheduled_to_date;
        figures(
            Row::new().at(0, name),
            &[
                (30, face),
                (60, c.interest_to_date),
                (90, c.unscheduled_to_date),
                (105, c.scheduled_to_date),
                (120, principal),
                (135, c.interest_to_date + principal),
                (150, 0.0),
                (165, 0.0),
                (180, c.current),
            ],
        )
        .into_string()
    };
    for (name, spec, class) in bonds {
        lines.push(to_date_row(name, spec.original, class));
    }
    lines.push(to_date_row("Cert", 0.0, cert));
    let total = ClassMonth {
        interest_to_date: sum(|c| c.interest_to_date),
        unscheduled_to_date: sum(|c| c.unscheduled_to_date),
        scheduled_to_date: sum(|c| c.scheduled_to_date),
        current: sum(|c| c.current),
        ..ClassMonth::default()
    };
    lines.push(to_date_row("Total", face, &total));

    detail_heading(lines);
    // As in the fixture, the Cert class shows no accrued interest: its distribution is the
    // excess interest, printed as optimal and paid interest only.
    let detail_row = |row: Row, prior: f64, accrued: f64, paid: f64| {
        figures(
            row,
            &[
                (45, prior),
                (90, accrued),
                (105, 0.0),
                (120, 0.0),
                (135, 0.0),
                (150, paid),
                (165, paid),
                (180, 0.0),
            ],
        )
        .into_string()
    };
    for (name, _, class) in bonds {
        let row = Row::new().at(0, name).right(30, &general(class.rate));
        lines.push(detail_row(row, class.prior, class.interest, class.interest));
    }
    lines.push(detail_row(
        Row::new().at(0, "Cert"),
        0.0,
        0.0,
        cert.interest,
    ));
    lines.push(detail_row(
        Row::new().at(0, "Total"),
        a.prior + b.prior,
        a.interest + b.interest,
        a.interest + b.interest + cert.interest,
    ));
    footer(lines, Footer::Certificate, 3, statement.distribution);
}

/// The current-period table's title and column headers.
pub(crate) fn current_heading(lines: &mut Vec<String>) {
    lines.push(cols(&[(15, "Distribution in Dollars - Current Period")]));
    lines.push(cols(&[(75, "Prior"), (165, "Current")]));
    lines.push(cols(&[
        (15, "Class"),
        (30, "Original"),
        (75, "Principal"),
        (120, "Total"),
        (135, "Realized"),
        (150, "Deferred"),
        (165, "Principal"),
    ]));
    lines.push(cols(&[
        (0, "Class"),
        (15, "Type"),
        (30, "Face Value"),
        (75, "Balance"),
        (90, "Interest"),
        (105, "Principal"),
        (120, "Distribution"),
        (135, "Losses"),
        (150, "Interest"),
        (165, "Balance"),
    ]));
    lines.push(cols(&[
        (75, "(1)"),
        (90, "(2)"),
        (105, "(3)"),
        (120, "(4)=(2)+(3)"),
        (135, "(5)"),
        (150, "(6)"),
        (165, "(7)=(1)-(3)-(5)+(6)"),
    ]));
}

/// The interest accrual detail and factor table's titles and column headers.
pub(crate) fn accrual_heading(lines: &mut Vec<String>) {
    lines.push(cols(&[
        (15, "Interest Accrual Detail"),
        (
            75,
            "Current Period Factor Information per $1,000 of Original Face",
        ),
    ]));
    lines.push(cols(&[
        (90, "Orig. Principal"),
        (105, "Prior"),
        (165, "Current"),
    ]));
    lines.push(cols(&[
        (15, "Period"),
        (30, "Period"),
        (90, "(with Notional)"),
        (105, "Principal"),
        (150, "Total"),
        (165, "Principal"),
    ]));
    lines.push(cols(&[
        (0, "Class"),
        (15, "Starting"),
        (30, "Ending"),
        (60, "Method"),
        (75, "Cusip"),
        (90, "Balance"),
        (105, "Balance"),
        (120, "Interest"),
        (135, "Principal"),
        (150, "Distribution"),
        (165, "Balance"),
    ]));
    lines.push(cols(&[
        (105, "(1)"),
        (120, "(2)"),
        (135, "(3)"),
        (150, "(4)=(2)+(3)"),
        (165, "(5)"),
    ]));
}

/// The to-date table's title and column headers.
pub(crate) fn to_date_heading(lines: &mut Vec<String>) {
    lines.push(cols(&[(15, "Distribution in Dollars - to Date")]));
    lines.push(cols(&[(165, "Current")]));
    lines.push(cols(&[
        (15, "Original"),
        (75, "Unscheduled"),
        (90, "Scheduled"),
        (105, "Total"),
        (120, "Total"),
        (135, "Realized"),
        (150, "Deferred"),
        (165, "Principal"),
    ]));
    lines.push(cols(&[
        (0, "Class"),
        (15, "Face Value"),
        (45, "Interest"),
        (75, "Principal"),
        (90, "Principal"),
        (105, "Principal"),
        (120, "Distribution"),
        (135, "Losses"),
        (150, "Interest"),
        (165, "Balance"),
    ]));
    lines.push(cols(&[
        (15, "(1)"),
        (45, "(2)"),
        (75, "(3)"),
        (90, "(4)"),
        (105, "(5)=(3)+(4)"),
        (120, "(6)=(2)+(5)"),
        (135, "(7)"),
        (150, "(8)"),
        (165, "(9)=(1)-(5)-(7)+(8)"),
    ]));
}

/// The interest detail table's title and column headers.
pub(crate) fn detail_heading(lines: &mut Vec<String>) {
    lines.push(cols(&[(15, "Interest Detail")]));
    lines.push(cols(&[
        (15, "Pass-"),
        (30, "Prior Principal"),
        (90, "Non-"),
        (105, "Prior"),
        (120, "Unscheduled"),
        (150, "Paid or"),
        (165, "Current"),
    ]));
    lines.push(cols(&[
        (15, "Through"),
        (30, "(with Notional)"),
        (75, "Accrued"),
        (90, "Supported"),
        (105, "Unpaid"),
        (120, "Interest"),
        (135, "Optimal"),
        (150, "Deferred"),
        (165, "Unpaid"),
    ]));
    lines.push(cols(&[
        (0, "Class"),
        (15, "Rate"),
        (30, "Balance"),
        (75, "Interest"),
        (90, "Interest SF"),
        (105, "Interest"),
        (120, "Adjustments"),
        (135, "Interest"),
        (150, "Interest"),
        (165, "Interest"),
    ]));
    lines.push(cols(&[
        (75, "(1)"),
        (90, "(2)"),
        (105, "(3)"),
        (120, "(4)"),
        (135, "(5)=(1)-(2)+(3)"),
        (150, "(6)"),
        (165, "(7)=(5)-(6)"),
    ]));
}
