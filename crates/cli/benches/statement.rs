//! Normalize and extract of the bundled real statement (Impac CMB Trust 2002-1, November 2002),
//! timed separately so a regression shows which stage it is in; and its normalizing once cut as
//! real filer agents cut (each piece at 78 to 80 columns, which the rejoin reads line by line).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use remit_normalize::{normalize_document, unwrap_lines};
use remit_samples::{cut_document, Cut};

const FIXTURE: &str = include_str!("../../../data/fixtures/im020111.txt");

fn statement(c: &mut Criterion) {
    let mut group = c.benchmark_group("statement");
    group.throughput(Throughput::Bytes(FIXTURE.len() as u64));
    group.bench_function("normalize", |b| {
        b.iter(|| normalize_document(std::hint::black_box(FIXTURE)))
    });
    let clean = normalize_document(FIXTURE);
    group.bench_function("extract", |b| {
        b.iter(|| remit_extract::extract(std::hint::black_box(&clean)))
    });
    // The same statement with each piece cut at its own width: the rejoin's column reading.
    let lines: Vec<String> = unwrap_lines(FIXTURE).into_iter().map(|(l, _)| l).collect();
    let drifting = cut_document(
        &lines,
        Cut::Random {
            narrowest: 78,
            widest: 80,
            seed: 73,
        },
    );
    group.bench_function("normalize cut at 78-80", |b| {
        b.iter(|| normalize_document(std::hint::black_box(&drifting)))
    });
    group.finish();
}

criterion_group!(benches, statement);
criterion_main!(benches);
