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

# Benchmarks (issue: crawl efficiency, reparse throughput, memory).
bench:
    cargo bench --workspace
