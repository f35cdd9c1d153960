//! Normalize and extract of the bundled real statement (Impac CMB Trust 2002-1, November 2002),
//! timed separately so a regression shows which stage it is in.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use remit_normalize::normalize_document;

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
    group.finish();
}

criterion_group!(benches, statement);
criterion_main!(benches);
