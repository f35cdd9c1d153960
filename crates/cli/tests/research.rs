//! Research use of the real `remit` binary: the views against figures read by hand from the
//! statements themselves, `remit sql` in each format, `remit chart`, and the README's queries run
//! as written against a demo history.

mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use common::*;
use remit_samples::{generate, write_corpus, GeneratorConfig};

const TRUST: &str = "Remit Sample Trust 2002-S1";

/// The figures a test reads from one statement's printed text, independently of remit's parsers.
#[derive(Debug)]
struct Printed {
    distribution_date: String,
    class_a_original: String,
    class_a_current: String,
    pool_balance: String,
    loan_count: String,
    smm: String,
    cpr: String,
    dq_2_payments: String,
    dq_3_payments: String,
}

fn num(text: &str) -> f64 {
    text.parse()
        .unwrap_or_else(|_| panic!("not a number: {text:?}"))
}

/// EDGAR's 80-column wrapping puts a line's overflow on the next line after a `>` and trims the
/// first part's trailing blanks; join them back at column 80 so fields stay apart.
fn unwrapped_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        match (line.strip_prefix('>'), lines.last_mut()) {
            (Some(rest), Some(last)) => {
                let width = last.chars().count();
                last.extend(std::iter::repeat_n(' ', 80usize.saturating_sub(width)));
                last.push_str(rest);
            }
            _ => lines.push(line.to_string()),
        }
    }
    lines
}

fn tokens(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

/// The last figure (the TOTAL column) of the first line labelled `label` after the line that
/// starts with `heading` (a section heading carries its column headings once unwrapped).
fn total_after(lines: &[String], heading: &str, label: &str) -> String {
    let start = lines
        .iter()
        .position(|l| l.trim_start().starts_with(heading))
        .unwrap_or_else(|| panic!("no {heading:?}"));
    lines[start + 1..]
        .iter()
        .map(|l| tokens(l))
        .find(|t| t.len() == 4 && t[0] == label)
        .map(|t| t[3].to_string())
        .unwrap_or_else(|| panic!("no {label:?} after {heading:?}"))
}

fn read_statement(date: NaiveDate, text: &str) -> Printed {
    let lines = unwrapped_lines(text);
    // Certificate Payment Report, current period: A FLT face prior interest principal total
    // losses deferred current.
    let class_a = lines
        .iter()
        .map(|l| tokens(l))
        .find(|t| t.len() == 10 && t[0] == "A" && t[1] == "FLT")
        .expect("class A row");
    // Delinquency Report - Total, TOTAL status: Balance current 1 2 3+ total.
    let dq_start = lines
        .iter()
        .position(|l| l.trim() == "Delinquency Report  - Total")
        .expect("total delinquency report");
    let dq_total = lines[dq_start..]
        .iter()
        .map(|l| tokens(l))
        .find(|t| t.len() == 7 && t[0] == "TOTAL" && t[1] == "Balance")
        .expect("TOTAL Balance row");
    Printed {
        distribution_date: date.to_string(),
        class_a_original: class_a[2].to_string(),
        class_a_current: class_a[9].to_string(),
        pool_balance: total_after(&lines, "Principal Balance:", "Current"),
        loan_count: total_after(&lines, "Loan Count:", "Current"),
        smm: total_after(&lines, "VOLUNTARY PREPAYMENT RATES", "SMM"),
        cpr: total_after(&lines, "VOLUNTARY PREPAYMENT RATES", "CPR"),
        dq_2_payments: dq_total[4].to_string(),
        dq_3_payments: dq_total[5].to_string(),
    }
}

/// Six months of one made-up trust, ingested by the binary from files on disk.
struct History {
    ws: Workspace,
    months: Vec<Printed>,
}

impl History {
    fn build() -> History {
        let cfg = GeneratorConfig {
            trusts: 1,
            months: 6,
            first_distribution: NaiveDate::from_ymd_opt(2002, 3, 25).unwrap(),
            seed: 7,
            amendments: 0,
        };
        let ws = Workspace::new(&[]);
        let dir = ws.path("filings");
        assert_eq!(write_corpus(&cfg, &dir).unwrap(), 6);
        let out = ws.remit(None, &["ingest", dir.to_str().unwrap()]);
        assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
        assert!(
            stdout(&out).contains("6 statements loaded"),
            "{}",
            stdout(&out)
        );
        let mut months: Vec<Printed> = generate(&cfg)
            .map(|f| read_statement(f.distribution_date, &f.text))
            .collect();
        months.sort_by(|a, b| a.distribution_date.cmp(&b.distribution_date));
        History { ws, months }
    }

    fn db(&self) -> PathBuf {
        self.ws.db()
    }

    fn remit(&self, args: &[&str]) -> std::process::Output {
        let mut full = args.to_vec();
        let db = self.db();
        full.extend(["--db", db.to_str().unwrap()]);
        self.ws.remit(None, &full)
    }
}

fn rows(db: &Path, sql: &str) -> Vec<Vec<rusqlite::types::Value>> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    let n = stmt.column_count();
    stmt.query_map([], |r| (0..n).map(|i| r.get(i)).collect())
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn real(value: &rusqlite::types::Value) -> f64 {
    match value {
        rusqlite::types::Value::Real(r) => *r,
        rusqlite::types::Value::Integer(i) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

fn assert_close(actual: f64, expected: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= expected.abs() * 1e-12,
        "{what}: {actual} != {expected}"
    );
}

#[test]
fn each_view_gives_the_figures_the_statements_print() {
    let history = History::build();
    let months = &history.months;
    assert_eq!(months[0].distribution_date, "2002-03-25");
    assert_eq!(months[5].distribution_date, "2002-08-25");

    let classes = rows(
        &history.db(),
        &format!("SELECT distribution_date, original_face, current_balance, factor FROM class_history WHERE trust_name = '{TRUST}' AND class = 'A' ORDER BY distribution_date"),
    );
    assert_eq!(classes.len(), 6);
    for (row, month) in classes.iter().zip(months) {
        let date = &month.distribution_date;
        assert_eq!(row[0], rusqlite::types::Value::Text(date.clone()));
        assert_close(real(&row[1]), num(&month.class_a_original), "A face");
        assert_close(real(&row[2]), num(&month.class_a_current), "A balance");
        let factor = num(&month.class_a_current) / num(&month.class_a_original);
        assert_close(real(&row[3]), factor, &format!("A factor {date}"));
        assert!(factor > 0.5 && factor < 1.0, "{date}: {factor}");
    }

    let pool = rows(
        &history.db(),
        &format!("SELECT distribution_date, pool_balance, loan_count, smm, cpr, dq60_pct FROM pool_history WHERE trust_name = '{TRUST}' ORDER BY distribution_date"),
    );
    assert_eq!(pool.len(), 6);
    for (row, month) in pool.iter().zip(months) {
        let date = &month.distribution_date;
        assert_eq!(row[0], rusqlite::types::Value::Text(date.clone()));
        assert_close(real(&row[1]), num(&month.pool_balance), "pool balance");
        assert_eq!(
            row[2],
            rusqlite::types::Value::Integer(month.loan_count.parse().unwrap())
        );
        assert_close(real(&row[3]), num(&month.smm), &format!("SMM {date}"));
        assert_close(real(&row[4]), num(&month.cpr), &format!("CPR {date}"));
        // CPR is SMM annualized, 1-(1-SMM)^12, to the 9 digits the statement prints.
        assert!((num(&month.cpr) - (1.0 - (1.0 - num(&month.smm)).powi(12))).abs() < 1e-8);
        let dq60 =
            (num(&month.dq_2_payments) + num(&month.dq_3_payments)) / num(&month.pool_balance);
        assert_close(real(&row[5]), dq60, &format!("dq60 {date}"));
    }
    // The pool pays down every month.
    assert!(pool.windows(2).all(|w| real(&w[1][1]) < real(&w[0][1])));

    let buckets = rows(
        &history.db(),
        &format!("SELECT distribution_date, bucket, balance FROM delinquency_history WHERE trust_name = '{TRUST}' AND scope = 'Total' AND status = 'TOTAL' AND bucket IN ('2 PAYMENTS', '3+ PAYMENTS') ORDER BY distribution_date, bucket"),
    );
    assert_eq!(buckets.len(), 12);
    for (pair, month) in buckets.chunks(2).zip(months) {
        assert_eq!(
            pair[0][1],
            rusqlite::types::Value::Text("2 PAYMENTS".into())
        );
        assert_close(real(&pair[0][2]), num(&month.dq_2_payments), "2 payments");
        assert_eq!(
            pair[1][1],
            rusqlite::types::Value::Text("3+ PAYMENTS".into())
        );
        assert_close(real(&pair[1][2]), num(&month.dq_3_payments), "3+ payments");
    }
}

#[test]
fn sql_prints_a_query_as_table_csv_and_json_and_reports_a_bad_one() {
    let history = History::build();
    let (m1, m2) = (&history.months[0], &history.months[1]);
    let query = "SELECT distribution_date, class, current_balance FROM class_history \
                 WHERE class = 'A' ORDER BY distribution_date LIMIT 2";

    let table = history.remit(&["sql", query]);
    assert!(table.status.success(), "{}", stderr(&table));
    let row = |m: &Printed| {
        format!(
            "{:<17}  {:<5}  {:>15}",
            m.distribution_date, "A", m.class_a_current
        )
    };
    assert_eq!(
        stdout(&table),
        format!(
            "distribution_date  class  current_balance\n-----------------  -----  ---------------\n{}\n{}\n(2 rows)\n",
            row(m1),
            row(m2)
        )
    );

    let csv = history.remit(&["sql", query, "--format", "csv"]);
    assert!(csv.status.success(), "{}", stderr(&csv));
    assert_eq!(
        stdout(&csv),
        format!(
            "distribution_date,class,current_balance\n{},A,{}\n{},A,{}\n",
            m1.distribution_date, m1.class_a_current, m2.distribution_date, m2.class_a_current
        )
    );

    let json = history.remit(&["sql", query, "--format", "json"]);
    assert!(json.status.success(), "{}", stderr(&json));
    let parsed: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    let array = parsed.as_array().expect("a JSON array");
    assert_eq!(array.len(), 2);
    for (object, m) in array.iter().zip([m1, m2]) {
        assert_eq!(object["distribution_date"], m.distribution_date.as_str());
        assert_eq!(object["class"], "A");
        assert_eq!(
            object["current_balance"].as_f64(),
            Some(num(&m.class_a_current))
        );
    }

    let bad = history.remit(&["sql", "SELEC distribution_date FROM pool_history"]);
    assert_eq!(bad.status.code(), Some(1), "{}", stderr(&bad));
    assert!(stdout(&bad).is_empty(), "{}", stdout(&bad));
    assert!(
        stderr(&bad).contains("near \"SELEC\": syntax error"),
        "{}",
        stderr(&bad)
    );
    assert!(!stderr(&bad).contains("panicked"), "{}", stderr(&bad));

    let missing = history.remit(&["sql", "SELECT no_such_column FROM pool_history"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("no such column: no_such_column"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn chart_draws_cpr_and_a_class_factor_as_titled_svg() {
    let history = History::build();
    for (args, file, title) in [
        (
            vec!["--metric", "cpr"],
            "cpr.svg",
            format!("{TRUST}: CPR (conditional prepayment rate)"),
        ),
        (
            vec!["--metric", "factor", "--class", "A"],
            "factor.svg",
            format!("{TRUST}: class A factor"),
        ),
    ] {
        let out_path = history.ws.path(file);
        let mut full = vec![
            "chart",
            "--trust",
            TRUST,
            "--out",
            out_path.to_str().unwrap(),
        ];
        full.extend(args);
        let out = history.remit(&full);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stdout(&out).contains("(6 distribution dates)"),
            "{}",
            stdout(&out)
        );
        let svg = std::fs::read_to_string(&out_path).unwrap();
        assert!(svg.starts_with("<svg"), "{file}");
        assert!(svg.trim_end().ends_with("</svg>"), "{file}");
        assert!(
            svg.contains("xmlns=\"http://www.w3.org/2000/svg\""),
            "{file}"
        );
        assert!(svg.contains(&title), "{file} lacks {title:?}");
        assert!(svg.contains("distribution date"), "{file}");
        assert!(svg.contains("2002-05"), "{file}: no date tick");
        assert!(svg.len() > 5_000, "{file}: {} bytes", svg.len());
    }
}

/// The README's research queries, each a ```sql query-N block followed by a ```text block of the
/// output it gives on the demo database.
fn readme_queries() -> Vec<(String, String, String)> {
    let readme =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../README.md"))
            .unwrap();
    let mut found = Vec::new();
    let mut lines = readme.lines();
    let block = |lines: &mut std::str::Lines| {
        let mut text = String::new();
        for line in lines.by_ref() {
            if line == "```" {
                return text;
            }
            text.push_str(line);
            text.push('\n');
        }
        panic!("unclosed block in README.md");
    };
    while let Some(line) = lines.next() {
        if let Some(name) = line.strip_prefix("```sql query-") {
            let query = block(&mut lines);
            let fence = lines.by_ref().find(|l| !l.trim().is_empty());
            assert_eq!(fence, Some("```text"), "query-{name} has no output block");
            found.push((format!("query-{name}"), query, block(&mut lines)));
        }
    }
    found
}

/// A command line as `remit demo` prints it, split into words the way a shell would (double or
/// single quotes around a word with blanks; nothing else is special in what the demo prints).
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut in_word = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                in_word = true;
            }
            (None, ' ') => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    assert!(quote.is_none(), "unbalanced quotes in {line:?}");
    if in_word {
        words.push(word);
    }
    words
}

/// `remit` run as a newcomer runs it: in `dir`, with no config file and no `--db`.
fn newcomer(dir: &Path, args: &[String]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_remit"))
        .current_dir(dir)
        .env_remove("REMIT_USER_AGENT")
        .env("RUST_LOG", "info")
        .args(args)
        .output()
        .expect("run remit")
}

/// The status table `remit status` prints for the demo history: every statement fails the two
/// Interest Detail checks of the Cert and Total rows by its own printed figures (the fixture's
/// layout, copied by the made-up months); the restated month of 2002-S1 also fails its class A
/// and Total to-date identities and breaks with the months on both sides; 2002-S2 misses
/// 2002-12.
const DEMO_STATUS: &str = "\
trust                       cik      statements  first       last        failures  stmts_failing_checks  failed_checks  breaks  gaps
Impac CMB Trust 2002-1      1017447  1           2002-11-25  2002-11-25  0         1                     2              0       0
Remit Sample Trust 2002-S1  9900001  12          2002-03-25  2003-02-25  0         12                    26             2       0
Remit Sample Trust 2002-S2  9900001  11          2002-03-25  2003-02-25  0         11                    22             0       1
";

/// What a newcomer does: `remit demo` in an empty directory, then exactly the commands it
/// prints, each of which must work and give what it promises.
fn check_the_commands_the_demo_prints(dir: &Path, demo_stdout: &str) {
    let next: Vec<&str> = demo_stdout
        .lines()
        .skip_while(|l| *l != "next, try:")
        .skip(1)
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(next.len(), 3, "{demo_stdout}");
    let words: Vec<Vec<String>> = next.iter().map(|l| shell_words(l)).collect();
    for w in &words {
        assert_eq!(w[0], "remit", "{w:?}");
        assert!(
            !w.contains(&"--db".to_string()),
            "{w:?}: the demo history is found by itself"
        );
    }
    let subcommands: Vec<&str> = words.iter().map(|w| w[1].as_str()).collect();
    assert_eq!(subcommands, ["status", "sql", "chart"]);
    // The README's walk-through shows the same commands, as an indented block.
    let readme =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../README.md"))
            .unwrap();
    for line in &next {
        assert!(
            readme.lines().any(|l| l == format!("    {line}")),
            "README.md does not show {line:?}"
        );
    }

    let status = newcomer(dir, &words[0][1..]);
    assert!(status.status.success(), "{}", stderr(&status));
    assert!(
        stderr(&status).contains("reading the demo history data/demo.db"),
        "{}",
        stderr(&status)
    );
    let text = stdout(&status);
    assert!(text.starts_with(DEMO_STATUS), "{text}");
    assert!(text.contains("\nlast backfill: ok "), "{text}");

    let sql = newcomer(dir, &words[1][1..]);
    assert!(sql.status.success(), "{}", stderr(&sql));
    let text = stdout(&sql);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "distribution_date  cpr     dq60", "{text}");
    assert!(lines[1].starts_with("-----------------  "), "{text}");
    assert_eq!(
        lines[2].split_whitespace().next(),
        Some("2002-03-25"),
        "{text}"
    );
    assert_eq!(lines.last(), Some(&"(12 rows)"), "{text}");

    let chart = newcomer(dir, &words[2][1..]);
    assert!(chart.status.success(), "{}", stderr(&chart));
    let out = words[2]
        .iter()
        .skip_while(|w| *w != "--out")
        .nth(1)
        .unwrap();
    let svg = std::fs::read_to_string(dir.join(out)).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("CPR"), "{out}");
    assert!(svg.len() > 5_000, "{out}: {} bytes", svg.len());
    assert!(
        stdout(&chart).contains("(12 distribution dates)"),
        "{}",
        stdout(&chart)
    );
}

#[test]
fn a_newcomer_runs_the_demo_the_commands_it_prints_and_the_readme_queries() {
    let queries = readme_queries();
    let names: Vec<&str> = queries.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["query-1", "query-2", "query-3", "query-4", "query-5", "query-6"]
    );

    let dir = tempfile::tempdir().unwrap();
    // Before any history exists, a read command says where it looked and what creates each.
    let none = newcomer(dir.path(), &["status".to_string()]);
    assert_eq!(none.status.code(), Some(1));
    for expected in [
        "data/remit.db (created by `remit backfill`",
        "data/demo.db (created by `remit demo`)",
    ] {
        assert!(stderr(&none).contains(expected), "{}", stderr(&none));
    }

    // One demo per run: it is the slow part (a simulator and a rate-limited backfill).
    let demo = newcomer(dir.path(), &["demo".to_string()]);
    assert!(
        demo.status.success(),
        "{}\n{}",
        stdout(&demo),
        stderr(&demo)
    );
    check_the_commands_the_demo_prints(dir.path(), &stdout(&demo));

    let db = dir.path().join("data/demo.db");
    for (name, query, shown) in &queries {
        let out = newcomer(
            dir.path(),
            &[
                "sql".into(),
                "--db".into(),
                db.display().to_string(),
                query.clone(),
            ],
        );
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        assert_eq!(
            &stdout(&out),
            shown,
            "{name} gives other output than README.md shows"
        );
        assert!(shown.lines().count() >= 5, "{name} shows too little");
    }

    // The same history in the layout before migration 007, migrated in place by this build,
    // answers every query exactly as README.md shows.
    let migrated = migrated_from_the_old_layout(&db, dir.path());
    for (name, query, shown) in &queries {
        let out = newcomer(
            dir.path(),
            &[
                "sql".into(),
                "--db".into(),
                migrated.display().to_string(),
                query.clone(),
            ],
        );
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        assert_eq!(
            &stdout(&out),
            shown,
            "{name} on the migrated history gives other output than README.md shows"
        );
    }
    for totals in [
        "SELECT count(*), total(value), total(length(raw)), count(DISTINCT label) FROM pool_values",
        "SELECT count(*), total(id), sum(passed), total(expected), total(length(name || detail)) FROM checks",
    ] {
        assert_eq!(rows(&migrated, totals), rows(&db, totals), "{totals}");
    }
}

/// The tables of schema 6, before the compact history: `pool_values` and `checks` hold their
/// text on every row.
const OLD_LAYOUT: &[&str] = &[
    include_str!("../../history/src/migrations/001_tables.sql"),
    include_str!("../../history/src/migrations/002_views.sql"),
    include_str!("../../history/src/migrations/003_fetch_queue.sql"),
    include_str!("../../history/src/migrations/004_pool_summary.sql"),
    include_str!("../../history/src/migrations/006_continuity.sql"),
];

/// A copy of the history `db` built at schema 6 (every row copied, ids kept), then opened by
/// this build, which migrates it in place.
fn migrated_from_the_old_layout(db: &Path, dir: &Path) -> PathBuf {
    let old = dir.join("old-layout.db");
    let conn = rusqlite::Connection::open(&old).unwrap();
    for sql in OLD_LAYOUT {
        conn.execute_batch(sql).unwrap();
    }
    conn.pragma_update(None, "user_version", 6).unwrap();
    conn.execute("ATTACH DATABASE ?1 AS demo", [db.display().to_string()])
        .unwrap();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(tables.iter().any(|t| t == "pool_values") && tables.iter().any(|t| t == "checks"));
    for table in &tables {
        let columns: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let columns = columns.join(", ");
        conn.execute(
            &format!("INSERT INTO main.{table} ({columns}) SELECT {columns} FROM demo.{table}"),
            [],
        )
        .unwrap();
    }
    let copied: i64 = conn
        .query_row("SELECT count(*) FROM main.pool_values", [], |r| r.get(0))
        .unwrap();
    assert!(copied > 1_000, "{copied} pool values copied");
    drop(conn);

    drop(remit_history::History::open(&old).unwrap());
    let conn = rusqlite::Connection::open(&old).unwrap();
    let kinds: Vec<String> = conn
        .prepare(
            "SELECT type FROM sqlite_master WHERE name IN ('checks', 'pool_values') ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(kinds, ["view", "view"], "migration 007 ran");
    old
}
