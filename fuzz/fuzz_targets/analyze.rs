//! Analysis of any text: spans on char boundaries, ordered, tokens inside their sentence.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let doc = brief::tokenize::analyze(text);
    let mut last = 0;
    for (i, s) in doc.sentences().iter().enumerate() {
        assert!(s.span.start >= last && s.span.start <= s.span.end && s.span.end <= text.len());
        assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        last = s.span.end;
        for t in doc.sentence_tokens(i) {
            assert!(t.span().start >= s.span.start && t.span().end <= s.span.end);
            assert!(text.is_char_boundary(t.span().start) && text.is_char_boundary(t.span().end));
        }
    }
    let _ = brief::summarize::keywords(&doc, 10, None);
});
