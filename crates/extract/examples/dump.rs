//! Prints what the extractor reads from a statement file (a reading aid): every class, pool
//! value, delinquency cell, loan event and check.
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let clean = remit_normalize::normalize_document(&text);
    match remit_extract::extract(&clean) {
        Ok(s) => {
            println!(
                "{} | {:?} | {} v{}",
                s.trust_name, s.distribution_date, s.layout, s.layout_version
            );
            println!("{:?}", s.header);
            for c in &s.classes {
                println!("{c:?}");
            }
            for v in &s.pool_values {
                println!(
                    "PV {} | {} | {} | {} | {} | {:?} | {}",
                    v.report, v.section, v.label, v.col, v.occurrence, v.value, v.raw
                );
            }
            for d in &s.delinquency {
                println!("{d:?}");
            }
            for e in &s.loan_events {
                println!("{e:?}");
            }
            for c in &s.checks {
                println!(
                    "CHECK {} {} | {}",
                    if c.passed { "ok  " } else { "FAIL" },
                    c.name,
                    c.detail
                );
            }
            for w in &s.warnings {
                println!("WARN {w}");
            }
        }
        Err(e) => println!("error: {e}"),
    }
}
