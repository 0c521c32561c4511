//! Loading any bytes as a binary classifier model (brief's format, with or without the
//! training texts of nearest-neighbour votes): an error, or a model that classifies a text, a
//! record with its context and an explanation, with scores in 0..=1 and never a panic.
#![no_main]
use brief::classify::{
    document_themes, join_context, text_sentences, Classifier, HybridModel, InContext,
    PredictOptions,
};
use libfuzzer_sys::fuzz_target;

const TEXT: &str = "Fellowships for doctoral researchers.\n\nThe province will invest 2 billion \
    yuan in key laboratories.";

fuzz_target!(|bytes: &[u8]| {
    let Ok((model, _)) = HybridModel::from_bytes(bytes, None) else {
        return;
    };
    let doc = brief::tokenize::analyze(TEXT);
    let themes = document_themes(&model, &doc, PredictOptions::default(), true, true);
    assert!(themes.scores.values().all(|s| (0.0..=1.0).contains(s)));
    let text = "Grants for start-ups.";
    let doc = brief::tokenize::analyze(&join_context(text, "Few firms innovate."));
    let record = InContext::new(&model, text_sentences(&doc, text.len()));
    let p = record.classify(&doc);
    assert!(p.scores.values().all(|s| (0.0..=1.0).contains(s)));
});
