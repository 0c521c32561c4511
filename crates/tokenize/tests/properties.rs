//! Invariants of the analysis that must hold for any string.

use brief_tokenize::{analyze, Analyzer};
use proptest::prelude::*;

fn check(doc: &brief_tokenize::Document) {
    let text = doc.text();
    let mut prev_end = 0;
    for (i, s) in doc.sentences().iter().enumerate() {
        assert!(s.span.start < s.span.end, "empty sentence {i}");
        assert!(
            s.span.start >= prev_end,
            "sentences overlap or are out of order"
        );
        assert!(s.span.end <= text.len());
        assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        prev_end = s.span.end;
        let p = &doc.paragraphs()[s.paragraph];
        assert!(p.span.start <= s.span.start && s.span.end <= p.span.end);
        for t in doc.sentence_tokens(i) {
            assert!(s.span.start <= t.span().start && t.span().end <= s.span.end);
            assert!(text.is_char_boundary(t.span().start) && text.is_char_boundary(t.span().end));
            assert!(t.span().start < t.span().end);
        }
    }
    let mut prev = 0;
    for t in doc.tokens() {
        assert!(t.span().start >= prev, "tokens out of order");
        prev = t.span().end;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_string(text in any::<String>()) {
        check(&analyze(&text));
    }

    #[test]
    fn newsy_strings(text in "[A-Za-z .;!?\n“”\"'()0-9,。！？；科技创新-]{0,300}") {
        check(&analyze(&text));
        check(&Analyzer::new().split_semicolons(true).analyze(&text));
        #[cfg(feature = "hf")]
        check(&Analyzer::new().with_tokenizer(brief_tokenize::HfWordTokenizer::default()).analyze(&text));
    }

    #[test]
    fn decode_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = brief_tokenize::decode(&bytes, Default::default());
        let lossy = brief_tokenize::decode(&bytes, brief_tokenize::DecodeOptions { lossy: true, allow_binary: true });
        prop_assert!(lossy.is_ok());
    }
}
