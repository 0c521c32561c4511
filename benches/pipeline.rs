//! Whole jobs: text in, summary out; classifier prediction (texts per second) and training.

use brief::classify::{
    train, Classifier, HybridModel, LexiconModel, Record, Taxonomy, TrainConfig,
};
use brief::summarize::{summarize, Budget, Summarizer};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

mod inputs;

fn summarize_pipeline(c: &mut Criterion) {
    let mut g = c.benchmark_group("pipeline/summarize");
    g.sample_size(10);
    for &(name, size) in &[inputs::SIZES[0], inputs::SIZES[3]] {
        let text = inputs::document(size);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("combined", name), &text, |b, t| {
            b.iter(|| {
                let s = summarize(black_box(t), 3);
                assert_eq!(s.sentences.len(), 3);
                s
            })
        });
        let lead = Summarizer::builder()
            .scorer(brief::summarize::AnyScorer::by_name("position").unwrap())
            .budget(Budget::Sentences(3))
            .build()
            .unwrap();
        g.bench_with_input(BenchmarkId::new("position", name), &text, |b, t| {
            b.iter(|| {
                let doc = brief::tokenize::analyze(black_box(t));
                let s = lead.summarize(&doc).unwrap();
                assert_eq!(s.sentences.len(), 3);
                s
            })
        });
    }
    g.finish();
}

/// Short policy texts (a few sentences each) cut from the samples.
fn texts(n: usize) -> Vec<String> {
    let doc = inputs::document(400_000);
    let sentences: Vec<&str> = doc
        .split_inclusive(['.', '\n'])
        .map(str::trim)
        .filter(|s| s.len() > 40)
        .collect();
    (0..n)
        .map(|i| {
            let k = 2 + i % 4;
            (0..k)
                .map(|j| sentences[(i * 7 + j * 13) % sentences.len()])
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn classify_pipeline(c: &mut Criterion) {
    let model = HybridModel::builtin();
    let texts = texts(1000);
    let mut g = c.benchmark_group("pipeline/classify");
    g.sample_size(10);
    g.throughput(Throughput::Elements(texts.len() as u64));
    g.bench_function("predict_hybrid_1000_texts", |b| {
        b.iter(|| {
            let mut labelled = 0;
            for t in &texts {
                let doc = brief::tokenize::analyze(black_box(t));
                labelled += usize::from(!model.classify(&doc).labels.is_empty());
            }
            assert!(labelled * 10 >= texts.len() * 9, "{labelled}");
        })
    });
    // Training on 5255 texts, the size of the STIP Compass corpus, labelled by the lexicon.
    let lexicon = LexiconModel::new(Taxonomy::builtin());
    let records: Vec<Record> = self::texts(5255)
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            let doc = brief::tokenize::analyze(&text);
            let labels = lexicon.classify(&doc).labels;
            Record {
                id: i.to_string(),
                text,
                context: String::new(),
                labels,
            }
        })
        .collect();
    g.throughput(Throughput::Elements(records.len() as u64));
    g.bench_function("train_hybrid_5255_texts", |b| {
        b.iter(|| {
            let m = train(
                black_box(&records),
                Taxonomy::builtin(),
                &TrainConfig::default(),
            )
            .unwrap();
            assert_eq!(m.taxonomy().len(), 12);
            m
        })
    });
    g.finish();
}

criterion_group!(benches, summarize_pipeline, classify_pipeline);
criterion_main!(benches);
