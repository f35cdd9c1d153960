//! Writes one generated month printed with every [`Variants`] (all marked SYNTHETIC) to the
//! directory given, as `{accession}.txt`: `cargo run -p remit-samples --example variants -- DIR`.

use chrono::NaiveDate;
use remit_samples::{generate, GeneratorConfig, Variants};

fn main() -> std::io::Result<()> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".to_string());
    std::fs::create_dir_all(&dir)?;
    let cfg = GeneratorConfig {
        trusts: 1,
        months: 1,
        first_distribution: NaiveDate::from_ymd_opt(2002, 11, 25).unwrap_or_default(),
        seed: 14,
        amendments: 0,
    };
    for filing in generate(&cfg).variants(Variants::all()) {
        let path = std::path::Path::new(&dir).join(filing.file_name());
        std::fs::write(&path, &filing.text)?;
        println!("{}", path.display());
    }
    Ok(())
}
