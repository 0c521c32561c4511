//! Analysis throughput: split + tokenize + normalize + stem, native tokenizer vs the
//! `tokenizers`-based one (with the `hf` feature, which `cargo bench --workspace` turns on
//! through the CLI), on the same deterministic inputs; and the text of saved web pages
//! (`html_to_text`).

use brief::tokenize::Analyzer;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

mod inputs;

fn analysis(c: &mut Criterion) {
    let native = Analyzer::new();
    #[cfg(feature = "hf")]
    let hf = Analyzer::new().with_tokenizer(brief::tokenize::HfWordTokenizer::default());
    eprintln!("analysis input: {}", inputs::source());
    let mut g = c.benchmark_group("analysis");
    for &(name, size) in inputs::SIZES {
        let text = inputs::document(size);
        let expected = native.analyze(&text).sentences().len();
        assert!(expected > 0);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("native", name), &text, |b, t| {
            b.iter(|| {
                let doc = native.analyze(black_box(t));
                assert_eq!(doc.sentences().len(), expected);
                doc
            })
        });
        #[cfg(feature = "hf")]
        g.bench_with_input(BenchmarkId::new("hf_tokenizers", name), &text, |b, t| {
            b.iter(|| {
                let doc = hf.analyze(black_box(t));
                assert_eq!(doc.sentences().len(), expected);
                doc
            })
        });
    }
    // Chinese: jieba segmentation with brief's policy terms, the `zh` feature's path.
    let jieba = jieba_rs::Jieba::new();
    eprintln!("analysis input (zh): {}", inputs::chinese_source());
    for &(name, size) in &[("zh-30KB", 30_000), ("zh-1MB", 1_000_000)] {
        let text = inputs::chinese(size);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("native", name), &text, |b, t| {
            b.iter(|| native.analyze(black_box(t)))
        });
        // The floor: jieba-rs's own `cut` (with its HMM, as brief runs it) on the same text,
        // segmentation alone, without sentences, normalizing, stop words or interning.
        g.bench_with_input(BenchmarkId::new("jieba_cut", name), &text, |b, t| {
            b.iter(|| jieba.cut(black_box(t), true).len())
        });
    }
    // Saved web pages: the text a reader sees (`html_to_text`, html5ever's tokenizer), before
    // any analysis.
    for &(name, size) in &[("30KB", 30_000), ("1MB", 1_000_000)] {
        let page = inputs::page(size);
        let expected = brief::tokenize::html_to_text(&page).len();
        assert!(expected > size / 2);
        g.throughput(Throughput::Bytes(page.len() as u64));
        g.bench_with_input(BenchmarkId::new("html_to_text", name), &page, |b, p| {
            b.iter(|| {
                let text = brief::tokenize::html_to_text(black_box(p));
                assert_eq!(text.len(), expected);
                text
            })
        });
    }
    // The old input, repeated sample paragraphs, as a named case.
    let text = inputs::repeated(1_000_000);
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_with_input(BenchmarkId::new("native", "1MB-repeated"), &text, |b, t| {
        b.iter(|| native.analyze(black_box(t)))
    });
    g.finish();
}

criterion_group!(benches, analysis);
criterion_main!(benches);
