//! Classifying any text with the news and hybrid models: scores in 0..=1, evidence and
//! sentence ranges past the end cut, no panic.
#![no_main]
use brief::classify::{Classifier, HybridModel, NewsModel};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let hybrid = HybridModel::builtin();
    let news = NewsModel::new(hybrid.clone());
    let doc = brief::tokenize::analyze(text);
    for p in [news.classify(&doc), hybrid.classify(&doc)] {
        assert!(p.scores.values().all(|s| (0.0..=1.0).contains(s)));
    }
    let n = doc.sentences().len();
    let _ = news.evidence(&doc, 0..n + 3);
    let _ = news.classify_sentences(&doc, Default::default());
});
