//! Loading any scorer configuration, learned model, taxonomy, classifier model, tokenizer or
//! JSON Lines record (labelled training records with context too): an error or a value that
//! runs, never a panic or a hang.
#![no_main]
use brief::summarize::{AnyScorer, Budget, Learned, Summarizer};
use libfuzzer_sys::fuzz_target;

const TEXT: &str = "The province will invest 2 billion yuan in key laboratories.\
    Laboratories will recruit talent.It rained.We will reform the management system.";

fuzz_target!(|input: (u8, &str)| {
    let (which, json) = input;
    match which % 6 {
        0 => {
            if let Ok(s) = serde_json::from_str::<AnyScorer>(json) {
                if s.validate().is_ok() {
                    let doc = brief::tokenize::analyze(TEXT);
                    let _ = Summarizer::builder()
                        .scorer(s)
                        .budget(Budget::Sentences(2))
                        .build()
                        .and_then(|x| x.summarize(&doc));
                }
            }
        }
        1 => {
            let _ = Learned::from_json(json);
        }
        2 => {
            if let Ok(t) = brief::classify::Taxonomy::from_json(json) {
                let m = brief::classify::LexiconModel::new(std::sync::Arc::new(t));
                let doc = brief::tokenize::analyze(TEXT);
                use brief::classify::Classifier;
                let _ = m.classify(&doc);
            }
        }
        3 => {
            // A model that loads (with its nearest-neighbour texts, if it keeps any) classifies.
            if let Ok((m, _)) = brief::classify::HybridModel::from_json(json, None) {
                let doc = brief::tokenize::analyze(TEXT);
                use brief::classify::Classifier;
                let _ = m.classify(&doc);
            }
        }
        4 => {
            let model = brief::classify::HybridModel::builtin();
            let tax = brief::classify::Classifier::taxonomy(&*model);
            if let Ok(r) =
                brief::classify::read_records(json, tax, "text", Some("background"), "labels")
            {
                let _ = brief::classify::evaluate_records(&model, &r);
            }
        }
        _ => {
            if let Ok(c) = brief::tokenize::TokenCounter::from_json(json) {
                let _ = c.count(TEXT);
            }
        }
    }
});
