//! The hot scoring loop: one entry per scorer, on the same pre-analysed documents of 3 KB,
//! 30 KB, 300 KB and 1 MB. Every iteration checks that it produced one score per sentence.

use brief::summarize::{AnyScorer, SentenceScorer};
use brief::tokenize::analyze;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

mod inputs;

const SCORERS: &[&str] = &[
    "position", "keyword", "luhn", "title", "cue", "length", "textrank", "lexrank", "combined",
];

fn scoring(c: &mut Criterion) {
    let docs: Vec<(&str, brief::tokenize::Document)> = inputs::SIZES
        .iter()
        .map(|&(name, size)| (name, analyze(&inputs::document(size))))
        .collect();
    let mut g = c.benchmark_group("scoring");
    g.sample_size(10);
    for &name in SCORERS {
        let scorer = AnyScorer::by_name(name).unwrap();
        for (size, doc) in &docs {
            let n = doc.sentences().len();
            g.throughput(Throughput::Bytes(doc.text().len() as u64));
            g.bench_with_input(BenchmarkId::new(name, size), doc, |b, doc| {
                let mut out = Vec::with_capacity(n);
                b.iter(|| {
                    scorer.score_into(black_box(doc), &mut out);
                    assert_eq!(out.len(), n);
                    assert!(out.iter().any(|&x| x != 0.0));
                })
            });
        }
    }
    g.finish();
}

criterion_group!(benches, scoring);
criterion_main!(benches);
