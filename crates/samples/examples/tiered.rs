//! Writes three generated months of `Remit Sample Trust 2002-S1` (seed 1) printed as REMIC
//! statements (tiers `REMIC I`, `REMIC II`, `REMIC III`; interest-only and residual classes),
//! all marked SYNTHETIC, to the directory given, as `{accession}.txt`:
//! `cargo run -p remit-samples --example tiered -- DIR`. The third,
//! `0009990001-02-000003.txt`, is the May 2002 month the extractor's tier tests read.

use remit_samples::{generate, GeneratorConfig};

fn main() -> std::io::Result<()> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".to_string());
    std::fs::create_dir_all(&dir)?;
    let cfg = GeneratorConfig {
        trusts: 1,
        months: 3,
        seed: 1,
        ..GeneratorConfig::default()
    };
    for filing in generate(&cfg).tiered() {
        let path = std::path::Path::new(&dir).join(filing.file_name());
        std::fs::write(&path, &filing.text)?;
        println!("{}", path.display());
    }
    Ok(())
}
