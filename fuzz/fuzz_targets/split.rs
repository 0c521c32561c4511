//! The default splitter's regex-free path gives exactly `sentencex`'s sentences, on any text.
#![no_main]
use brief::tokenize::{SentenceSplitter, SentencexSplitter};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let (mut fast, mut full) = (Vec::new(), Vec::new());
    SentencexSplitter::default().split(text, 0, &mut fast);
    SentencexSplitter::default()
        .fast_path(false)
        .split(text, 0, &mut full);
    assert_eq!(fast, full);
});
