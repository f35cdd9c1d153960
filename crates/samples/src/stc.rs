//! Made-up statements in the "Statement to Certificateholders" layout of the late 1990s
//! (Bankers Trust, Chase), with the variants real issuers printed: PRINCIPAL before INTEREST,
//! headings on one to three lines with `CLASS` on any of them, zeros printed bare, with or
//! without EDGAR's `<TABLE>` markup, and a text that stops after its first class table.
//!
//! Every figure is derived from one small pool so the statement's arithmetic holds; every
//! variant prints the same figures, so a reader must load them identically. The company name,
//! the SEC header and a notice line mark each statement SYNTHETIC.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate};

use crate::format::money;
use crate::report::SYNTHETIC_NOTICE;
use crate::submission::{self, Header};

/// How one generated statement is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StcVariant {
    /// PRINCIPAL printed before INTEREST in the class tables.
    pub principal_first: bool,
    /// Lines the class tables' headings take: 1, 2 or 3.
    pub header_lines: usize,
    /// `CLASS` on the top heading line rather than the bottom one.
    pub class_on_top: bool,
    /// Zero amounts printed `0` rather than `0.00`.
    pub bare_zeros: bool,
    /// EDGAR's `<PAGE>`, `<TABLE>`, `<CAPTION>`, `<S>`, `<C>` markup and its `- ` escape.
    pub markup: bool,
    /// The text ends after the first class table.
    pub stop_after_classes: bool,
}

impl StcVariant {
    /// The variant a draw's bits pick, every combination reachable: the drifting-cut test and
    /// its diagnostic pick by the same bits, so a seed one prints is a seed the other reproduces.
    pub fn from_bits(bits: u64) -> StcVariant {
        StcVariant {
            principal_first: bits & 1 != 0,
            header_lines: 1 + (bits >> 1) as usize % 3,
            class_on_top: bits & 8 != 0,
            bare_zeros: bits & 16 != 0,
            markup: bits & 32 != 0,
            stop_after_classes: bits & 64 != 0,
        }
    }
}

impl Default for StcVariant {
    fn default() -> Self {
        StcVariant {
            principal_first: false,
            header_lines: 3,
            class_on_top: false,
            bare_zeros: false,
            markup: true,
            stop_after_classes: false,
        }
    }
}

/// The trust every generated statement of this layout names (company, certificates, series).
pub const STC_COMPANY: &str = "REMIT SAMPLE CAPITAL CORPORATION (SYNTHETIC)";
pub const STC_CERTIFICATES: &str = "HOME EQUITY LOAN ASSET-BACKED CERTIFICATES";
pub const STC_SERIES: &str = "SERIES 1999-1";
const CIK: u64 = 9_900_099;

/// One class: name, original face, prior balance, annual rate, CUSIP (cents and fractions).
struct Class {
    name: &'static str,
    face: i64,
    prior: i64,
    rate: f64,
    cusip: Option<&'static str>,
    principal: i64,
    interest: i64,
    deferred: i64,
}

impl Class {
    fn current(&self) -> i64 {
        self.prior - self.principal + self.deferred
    }
}

/// The pool of one month: per group (FIXED, ADJ) prior balance, scheduled and unscheduled
/// principal, loans prior and paid off.
struct Pool {
    prior: [i64; 2],
    scheduled: [i64; 2],
    prepaid: [i64; 2],
    loans: [i64; 2],
    paid_off: [i64; 2],
}

fn pool(month: u32) -> Pool {
    let m = i64::from(month);
    Pool {
        prior: [
            38_724_442_603 - m * 300_000_000,
            25_776_398_543 - m * 220_000_000,
        ],
        scheduled: [42_532_669 + m * 1_000, 14_163_139 + m * 700],
        prepaid: [214_867_103 + m * 5_000_000, 210_083_401 - m * 3_000_000],
        loans: [5_831 - 35 * m, 2_570 - 21 * m],
        paid_off: [35, 21],
    }
}

fn interest(balance: i64, rate: f64) -> i64 {
    (balance as f64 * rate / 12.0).round() as i64
}

fn classes(p: &Pool) -> (Vec<Class>, Vec<Class>) {
    let principal = |g: usize| p.scheduled[g] + p.prepaid[g];
    let remic1 = vec![
        Class {
            name: "I-F",
            face: 38_900_000_000,
            prior: p.prior[0],
            rate: 0.0950,
            cusip: None,
            principal: principal(0),
            interest: interest(p.prior[0], 0.0950),
            deferred: 0,
        },
        Class {
            name: "I-A",
            face: 26_100_000_000,
            prior: p.prior[1],
            rate: 0.0908,
            cusip: None,
            principal: principal(1),
            interest: interest(p.prior[1], 0.0908),
            deferred: 0,
        },
        Class {
            name: "R-I",
            face: 0,
            prior: 0,
            rate: 0.0,
            cusip: None,
            principal: 0,
            interest: 0,
            deferred: 0,
        },
    ];
    let total_prior = p.prior[0] + p.prior[1];
    let a2_prior = 20_000_000_000;
    let c_prior = 353_229_189;
    let a1_prior = total_prior - a2_prior - c_prior;
    let remic2 = vec![
        Class {
            name: "A-1",
            face: 44_000_000_000,
            prior: a1_prior,
            rate: 0.0624,
            cusip: Some("99999XAA1"),
            principal: principal(0) + principal(1),
            interest: interest(a1_prior, 0.0624),
            deferred: 0,
        },
        Class {
            name: "A-2",
            face: a2_prior,
            prior: a2_prior,
            rate: 0.0660,
            cusip: Some("99999XAB9"),
            principal: 0,
            interest: interest(a2_prior, 0.0660),
            deferred: 0,
        },
        Class {
            name: "C",
            face: 0,
            prior: c_prior,
            rate: 0.0,
            cusip: None,
            principal: 0,
            interest: 0,
            deferred: 18_330_077,
        },
        Class {
            name: "R-II",
            face: 0,
            prior: 0,
            rate: 0.0,
            cusip: None,
            principal: 0,
            interest: 0,
            deferred: 0,
        },
    ];
    (remic1, remic2)
}

/// Lines as they will be printed, before markup.
struct Page {
    tier: Option<&'static str>,
    lines: Vec<String>,
}

fn amount(cents: i64, v: &StcVariant) -> String {
    if cents == 0 && v.bare_zeros {
        "0".to_string()
    } else {
        money(cents)
    }
}

fn factor(cents: i64, face: i64) -> String {
    if face == 0 {
        return "0.000000".to_string();
    }
    let f = cents as f64 * 1000.0 / face as f64;
    let text = format!("{f:.6}");
    // Thousands separator as the statement prints `1,000.000000`.
    match text.split_once('.') {
        Some((int, frac)) if int.len() > 3 => {
            format!("{},{}.{frac}", &int[..int.len() - 3], &int[int.len() - 3..])
        }
        _ => text,
    }
}

/// Places cells right-aligned at their columns' right edges.
fn right(cells: &[(usize, String)]) -> String {
    let mut line = String::new();
    for (edge, text) in cells {
        let start = edge.saturating_sub(text.chars().count());
        while line.chars().count() < start {
            line.push(' ');
        }
        if !line.is_empty() && !line.ends_with(' ') {
            line.push(' ');
        }
        line.push_str(text);
    }
    line
}

/// A class table: its title and columns (heading words, cells per class and for the total).
struct Table {
    title: &'static str,
    columns: Vec<(&'static str, Vec<String>, Option<String>)>,
    names: Vec<String>,
}

fn render_table(table: &Table, v: &StcVariant, out: &mut Vec<String>) {
    const CLASS_EDGE: usize = 10;
    let width = |c: &(&str, Vec<String>, Option<String>)| {
        let head = heading(c.0, v.header_lines);
        let cells = c.1.iter().chain(c.2.iter()).map(|s| s.chars().count());
        head.iter()
            .map(|s| s.chars().count())
            .chain(cells)
            .max()
            .unwrap_or(0)
            + 2
    };
    let mut edges = Vec::new();
    let mut edge = CLASS_EDGE + 2;
    for c in &table.columns {
        edge += width(c);
        edges.push(edge);
    }
    let rule = "-".repeat(edge + 2);
    out.push(rule.clone());
    let title_at = edges.get(1).copied().unwrap_or(CLASS_EDGE) - 4;
    out.push(format!(
        "{}{}",
        " ".repeat(title_at.saturating_sub(table.title.len() / 2)),
        table.title
    ));
    for line in 0..v.header_lines {
        let mut cells: Vec<(usize, String)> = Vec::new();
        let class_line = if v.class_on_top {
            0
        } else {
            v.header_lines - 1
        };
        if line == class_line {
            cells.push((6, "CLASS".to_string()));
        }
        for (c, e) in table.columns.iter().zip(&edges) {
            let head = heading(c.0, v.header_lines);
            if let Some(word) = head.get(line).filter(|w| !w.is_empty()) {
                cells.push((*e, word.clone()));
            }
        }
        out.push(right(&cells));
    }
    out.push(rule.clone());
    out.push(String::new());
    for (i, name) in table.names.iter().enumerate() {
        let mut cells = vec![(CLASS_EDGE, name.clone())];
        for (c, e) in table.columns.iter().zip(&edges) {
            cells.push((*e, c.1[i].clone()));
        }
        out.push(right(&cells));
    }
    out.push(String::new());
    if table.columns.iter().any(|c| c.2.is_some()) {
        out.push(rule.clone());
        let mut cells = vec![(6, "TOTALS".to_string())];
        for (c, e) in table.columns.iter().zip(&edges) {
            if let Some(total) = &c.2 {
                cells.push((*e, total.clone()));
            }
        }
        out.push(right(&cells));
    }
    out.push(rule);
}

/// A heading split over `lines` lines, bottom-aligned: `PRIOR PRINCIPAL BALANCE` on three
/// lines is `PRIOR` / `PRINCIPAL` / `BALANCE`; on two, `PRIOR` / `PRINCIPAL BALANCE`.
fn heading(text: &str, lines: usize) -> Vec<String> {
    let words: Vec<&str> = text.split(' ').collect();
    let lines = lines.max(1);
    let mut out: Vec<String> = vec![String::new(); lines];
    if words.len() <= lines {
        for (i, w) in words.iter().enumerate() {
            out[lines - words.len() + i] = w.to_string();
        }
    } else {
        // The first lines take one word each; the last line the rest.
        for i in 0..lines - 1 {
            out[i] = words[i].to_string();
        }
        out[lines - 1] = words[lines - 1..].join(" ");
    }
    out
}

fn dollars(tier: &[Class], v: &StcVariant) -> Table {
    let col = |title: &'static str, get: fn(&Class) -> i64| {
        let cells = tier.iter().map(|c| amount(get(c), v)).collect();
        let total = amount(tier.iter().map(get).sum(), v);
        (title, cells, Some(total))
    };
    let mut columns = vec![
        col("ORIGINAL FACE VALUE", |c| c.face),
        col("PRIOR PRINCIPAL BALANCE", |c| c.prior),
        col("INTEREST", |c| c.interest),
        col("PRINCIPAL", |c| c.principal),
        col("TOTAL", |c| c.interest + c.principal),
        col("REALIZED LOSSES", |_| 0),
        col("DEFERRED INTEREST", |c| c.deferred),
        col("CURRENT PRINCIPAL BALANCE", Class::current),
    ];
    if v.principal_first {
        columns.swap(2, 3);
    }
    Table {
        title: "DISTRIBUTION IN DOLLARS",
        columns,
        names: tier.iter().map(|c| c.name.to_string()).collect(),
    }
}

fn factors(tier: &[Class], v: &StcVariant) -> Table {
    let col = |title: &'static str, get: fn(&Class) -> String| {
        (title, tier.iter().map(get).collect::<Vec<_>>(), None)
    };
    let mut columns = vec![
        col("CUSIP", |c| c.cusip.unwrap_or("").to_string()),
        col("PRIOR PRINCIPAL BALANCE", |c| factor(c.prior, c.face)),
        col("INTEREST", |c| factor(c.interest, c.face)),
        col("PRINCIPAL", |c| factor(c.principal, c.face)),
        col("TOTAL", |c| factor(c.interest + c.principal, c.face)),
        col("CURRENT PRINCIPAL BALANCE", |c| factor(c.current(), c.face)),
        col("CURRENT RATE", |c| format!("{:.6}%", c.rate * 100.0)),
        col("ESTIMATED NEXT RATE", |c| format!("{:.6}%", c.rate * 100.0)),
    ];
    if v.principal_first {
        columns.swap(2, 3);
    }
    Table {
        title: "FACTOR INFORMATION PER $1000 OF ORIGINAL FACE",
        columns,
        names: tier.iter().map(|c| c.name.to_string()).collect(),
    }
}

fn row(label: &str, cells: &[String]) -> String {
    let mut line = format!("                {label}");
    let edges = [84usize, 99, 114];
    for (cell, edge) in cells.iter().zip(edges) {
        while line.chars().count() + cell.chars().count() < edge {
            line.push(' ');
        }
        line.push_str(cell);
    }
    line
}

/// A heading between rules, its column headings on its line; a sub-heading is indented.
fn ruled(heading: &str, columns: &[&str], sub: bool, out: &mut Vec<String>) {
    let rule = "-".repeat(115);
    out.push(rule.clone());
    let cells: Vec<String> = columns.iter().map(|c| c.to_string()).collect();
    if sub {
        out.push(row(heading, &cells));
    } else {
        // At the margin, the column headings still where the rows' figures are.
        let line = row("", &cells);
        let rest: String = line.chars().skip(heading.chars().count()).collect();
        out.push(format!("{heading}{rest}").trim_end().to_string());
    }
    out.push(rule);
}

/// The pages after the class tables: delinquency, collection account, pool information,
/// over-collateralization and the certificate insurer.
fn back_pages(p: &Pool, remic1: &[Class], v: &StcVariant) -> Vec<Page> {
    let groups = ["FIXED GROUP", "ADJ GROUP"];
    let a = |c: i64| amount(c, v);
    let three = |f: &dyn Fn(usize) -> i64| vec![a(f(0)), a(f(1)), a(f(0) + f(1))];
    let mut dq = Vec::new();
    let rule = "-".repeat(115);
    dq.push(rule.clone());
    dq.push(right(&[
        (68, "1".into()),
        (83, "2".into()),
        (98, "3+".into()),
    ]));
    let statuses = ["DELINQUENT", "FORECLOSURE", "REO", "BANKRUPTCY"];
    let cell = |g: usize, s: usize, b: usize| -> (i64, i64) {
        let loans = ((g + 1) * (s + 2) * (b + 1) % 7) as i64;
        (loans * (6_543_210 + (s as i64) * 1_000), loans)
    };
    let status_rows =
        |label: &str, f: &dyn Fn(usize, usize) -> (i64, i64), out: &mut Vec<String>| {
            for (g, group) in groups.iter().enumerate() {
                let buckets: Vec<(i64, i64)> = (0..3).map(|b| f(g, b)).collect();
                let bal: i64 = buckets.iter().map(|x| x.0).sum();
                let n: i64 = buckets.iter().map(|x| x.1).sum();
                let mut cells: Vec<(usize, String)> = vec![
                    (2 + group.len(), group.to_string()),
                    (33, "PRINCIPAL BALANCE".into()),
                ];
                for (b, x) in buckets.iter().enumerate() {
                    cells.push((68 + 15 * b, a(x.0)));
                }
                cells.push((113, a(bal)));
                out.push(right(&cells));
                let mut cells: Vec<(usize, String)> = vec![(31, "NUMBER OF LOANS".into())];
                for (b, x) in buckets.iter().enumerate() {
                    cells.push((68 + 15 * b, x.1.to_string()));
                }
                cells.push((113, n.to_string()));
                out.push(right(&cells));
                out.push(rule.clone());
            }
            let _ = label;
        };
    for (s, status) in statuses.iter().enumerate() {
        let heading = format!("                {status} LOAN INFORMATION");
        if s == 0 {
            dq.push(right(&[
                (16 + heading.trim().len(), heading.trim().to_string()),
                (68, "Payment".into()),
                (83, "Payments".into()),
                (98, "Payments".into()),
                (113, "Total".into()),
            ]));
        } else {
            dq.push(heading);
        }
        dq.push(rule.clone());
        status_rows(status, &|g, b| cell(g, s, b), &mut dq);
    }
    dq.push(String::new());
    dq.push("                TOTAL".to_string());
    dq.push(rule.clone());
    status_rows(
        "TOTAL",
        &|g, b| {
            (0..4)
                .map(|s| cell(g, s, b))
                .fold((0, 0), |acc, x| (acc.0 + x.0, acc.1 + x.1))
        },
        &mut dq,
    );

    let mut ca = Vec::new();
    ca.push("COLLECTION ACCOUNT INFORMATION".to_string());
    ruled(
        "SOURCES OF PRINCIPAL",
        &["FIXED GROUP", "ADJ GROUP", "TOTAL"],
        true,
        &mut ca,
    );
    ca.push(row(
        "SCHEDULED PRINCIPAL RECEIVED",
        &three(&|g| p.scheduled[g]),
    ));
    ca.push(row("PREPAYMENTS & CURTAILMENTS", &three(&|g| p.prepaid[g])));
    ca.push(row("REPURCHASES/SUBSTITUTIONS", &three(&|_| 0)));
    ca.push(row("NET LIQUIDATION PROCEEDS", &three(&|_| 0)));
    ca.push(row("LESS: REALIZED LOSSES", &three(&|_| 0)));
    ca.push(String::new());
    ca.push(row(
        "TOTAL PRINCIPAL",
        &three(&|g| p.scheduled[g] + p.prepaid[g]),
    ));
    ca.push(String::new());
    ruled("SOURCES OF INTEREST", &[], true, &mut ca);
    let interest = |g: usize| remic1[g].interest;
    let fee = |g: usize| (p.prior[g] as f64 * 0.005 / 12.0).round() as i64;
    ca.push(row("SCHEDULED INTEREST", &three(&|g| interest(g) + fee(g))));
    ca.push(row("LESS: CURRENT SERVICING FEES", &three(&|g| -fee(g))));
    ca.push(String::new());
    ca.push(row("TOTAL INTEREST", &three(&interest)));
    ca.push(String::new());
    ruled("TOTAL SOURCES", &[], true, &mut ca);
    ca.push(row(
        "",
        &three(&|g| interest(g) + p.scheduled[g] + p.prepaid[g]),
    ));
    ca.push(rule.clone());

    let mut info = Vec::new();
    ruled(
        "POOL INFORMATION",
        &["FIXED GROUP", "ADJ GROUP", "Total"],
        false,
        &mut info,
    );
    let current = |g: usize| p.prior[g] - p.scheduled[g] - p.prepaid[g];
    info.push(row(
        "PRIOR PRINCIPAL BALANCE OF POOL:",
        &three(&|g| p.prior[g]),
    ));
    info.push(row("CURRENT PRINCIPAL BALANCE OF POOL:", &three(&current)));
    let counts = |f: &dyn Fn(usize) -> i64| {
        vec![
            f(0).to_string(),
            f(1).to_string(),
            (f(0) + f(1)).to_string(),
        ]
    };
    info.push(row("PRIOR NUMBER OF LOANS:", &counts(&|g| p.loans[g])));
    info.push(row(
        "CURRENT NUMBER OF LOANS:",
        &counts(&|g| p.loans[g] - p.paid_off[g]),
    ));
    info.push(row(
        "NUMBER OF LOANS PAID IN FULL:",
        &counts(&|g| p.paid_off[g]),
    ));
    info.push(rule.clone());
    ruled(
        "OVERCOLLATERALIZATION",
        &["FIXED GROUP", "ADJ GROUP"],
        false,
        &mut info,
    );
    info.push(row(
        "OVERCOLLATERALIZATION AMOUNT",
        &[a(288_968_352), a(227_416_153)],
    ));
    info.push(row(
        "TARGET OVERCOLLATERALIZATION AMOUNT",
        &[a(1_033_500_000), a(1_651_000_000)],
    ));
    info.push(rule.clone());
    ruled("CERTIFICATE INSURER INFORMATION", &[], false, &mut info);
    let mut premium = row("INSURER PREMIUM PAID:", &[]);
    while premium.chars().count() + 9 < 114 {
        premium.push(' ');
    }
    premium.push_str(&a(7_485_552));
    info.push(premium.trim_start().to_string());
    info.push(rule);
    vec![
        Page {
            tier: None,
            lines: dq,
        },
        Page {
            tier: None,
            lines: ca,
        },
        Page {
            tier: None,
            lines: info,
        },
    ]
}

/// The statement's text (the document inside `<TEXT>`), month 0 the first.
pub fn stc_document(v: &StcVariant, month: u32) -> String {
    let first = NaiveDate::from_ymd_opt(1999, 3, 15).unwrap_or_default();
    let date = first
        .checked_add_months(chrono::Months::new(month))
        .unwrap_or(first);
    let record = date.with_day(1).and_then(|d| d.pred_opt()).unwrap_or(date);
    let long = |d: NaiveDate| d.format("%B %-d, %Y").to_string();
    let p = pool(month);
    let (remic1, remic2) = classes(&p);
    let mut pages = Vec::new();
    for (tier, classes) in [("REMIC I", &remic1), ("REMIC II", &remic2)] {
        let mut lines = Vec::new();
        render_table(&dollars(classes, v), v, &mut lines);
        if !v.stop_after_classes {
            lines.push(String::new());
            render_table(&factors(classes, v), v, &mut lines);
            lines.push(String::new());
            let rule = "-".repeat(115);
            lines.push(rule.clone());
            lines.push(format!(
                "{:<35}{:<45}{:<20}{}",
                "SELLER:",
                "Remit Sample Capital Corporation",
                "ADMINISTRATOR:",
                "Sample Trust Company"
            ));
            lines.push(format!(
                "{:<35}{}",
                "SERVICER:", "Remit Sample Servicing LLC"
            ));
            lines.push(format!("{:<35}{}", "RECORD DATE:", long(record)));
            lines.push(rule);
        }
        pages.push(Page {
            tier: Some(tier),
            lines,
        });
        if v.stop_after_classes {
            break;
        }
    }
    if !v.stop_after_classes {
        pages.extend(back_pages(&p, &remic1, v));
    }
    let total = pages.len();
    let mut out: Vec<String> = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        if v.markup && n > 0 {
            out.push("<PAGE>".to_string());
        }
        out.push(String::new());
        for line in [STC_COMPANY, STC_CERTIFICATES, STC_SERIES] {
            out.push(format!("{:^110}", line).trim_end().to_string());
        }
        out.push(
            format!("{:^110}", page.tier.unwrap_or(""))
                .trim_end()
                .to_string(),
        );
        out.push(
            format!("{:^110}", "STATEMENT TO CERTIFICATEHOLDERS")
                .trim_end()
                .to_string(),
        );
        if v.markup {
            out.push("<TABLE>".to_string());
            out.push("<CAPTION>".to_string());
        }
        out.push("-".repeat(115));
        out.push(format!("{:<31}{}", "Distribution Date:", long(date)));
        out.push("-".repeat(115));
        if v.markup {
            out.push("<S>     <C>            <C>            <C>".to_string());
        }
        out.extend(page.lines.iter().cloned());
        let last = v.stop_after_classes && n + 1 == total;
        if !last {
            out.push(format!(
                "{:>70}      (C) COPYRIGHT 1999 Sample Trust Company",
                format!("Page {} of {}", n + 1, total)
            ));
        }
        if v.markup {
            out.push("</TABLE>".to_string());
        }
    }
    out.push(String::new());
    out.push(format!("                  {SYNTHETIC_NOTICE}"));
    let mut text = String::new();
    for line in out {
        // EDGAR escaped a line starting with `-` by putting `- ` before it.
        if v.markup && line.starts_with('-') {
            text.push_str("- ");
        }
        let _ = writeln!(text, "{line}");
    }
    text
}

/// The statement as a complete EDGAR submission (8-K), marked SYNTHETIC in its header.
pub fn stc_submission(v: &StcVariant, month: u32) -> String {
    let accession = format!("0009900099-99-{:06}", month + 1);
    let header = Header {
        accession: &accession,
        form: "8-K",
        period: "19990315",
        filed: "19990325",
        acceptance: "19990325120000",
        company: STC_COMPANY,
        cik: CIK,
        irs_number: "00-0000000",
        file_number: "333-00000-01",
        film_number: "99000000",
        street: "100 EXAMPLE STREET",
        city: "SAMPLE CITY",
        state: "CA",
        zip: "90000",
        phone: "5550100100",
        file_name: "stc.txt",
        description: "SYNTHETIC TEST DATA - NOT A REAL FILING",
        signature: &submission::SYNTHETIC_SIGNATURE,
    };
    submission::wrap(&header, &stc_document(v, month))
}
