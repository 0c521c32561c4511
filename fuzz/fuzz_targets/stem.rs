//! The analyzer's direct stemmer of lower-case ASCII words gives `rust-stemmers`'s stems, on any
//! text (every word it stems is compared).
#![no_main]
use brief::tokenize::Analyzer;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let doc = Analyzer::new().analyze_fragment(text);
    let snowball = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    for t in doc.tokens() {
        let term = doc.term(t.term);
        if term.len() > 2 && term.bytes().all(|c| c.is_ascii_lowercase()) {
            assert_eq!(doc.stem(t.stem), snowball.stem(term), "{term}");
        }
    }
});
