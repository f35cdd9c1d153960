# Task shortcuts; each recipe is a plain cargo command, so `just` is optional.

# Run the whole main job offline: simulator + sample corpus + backfill into data/demo.db.
demo:
    cargo run --release -p remit-cli -- demo

# The test command CI runs.
test:
    cargo test --workspace

# Formatting, lints and tests, exactly as CI.
ci:
    bash .ci/run

# Benchmarks: the figures table of docs/performance.md (crawl efficiency, reparse throughput, the
# SQLite floor, peak memory; ~3-4 minutes), then normalize/extract of the fixture under criterion.
# REMIT_BENCH_STATEMENTS=500 just bench for a quick run.
bench:
    cargo bench -p remit-cli --bench figures
    cargo bench -p remit-cli --bench statement
