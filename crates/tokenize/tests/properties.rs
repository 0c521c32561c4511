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
    let mut stem_of = std::collections::HashMap::new();
    for t in doc.tokens() {
        assert!(t.span().start >= prev, "tokens out of order");
        prev = t.span().end;
        // A token's term is its normalized text, and one term has one stem (whichever way
        // the analysis found them: memo of short words, vocabulary, parts).
        assert_eq!(
            doc.term(t.term),
            brief_tokenize::normalize(doc.token_text(t))
        );
        assert_eq!(*stem_of.entry(t.term).or_insert(t.stem), t.stem);
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

    /// Thousands of short words from a few letters, in both cases: more than the memo of short
    /// words has slots, so that they evict one another.
    #[test]
    fn many_short_words(words in proptest::collection::vec("[abcAB]{1,8}", 0..3000)) {
        check(&analyze(&words.join(" ")));
    }

    #[test]
    fn decode_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = brief_tokenize::decode(&bytes, Default::default());
        let lossy = brief_tokenize::decode(&bytes, brief_tokenize::DecodeOptions { lossy: true, allow_binary: true });
        prop_assert!(lossy.is_ok());
    }
}

/// News-like text built from pieces that exercise the splitter's decisions: abbreviations,
/// initials, decimals, every kind of quotation mark and bracket, terminators with and without
/// spaces, CJK punctuation.
fn splitter_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("The"),
        Just("plan"),
        Just("said"),
        Just("he"),
        Just("Li"),
        Just("we"),
        Just("Dr."),
        Just("Mr."),
        Just("U.S."),
        Just("e.g."),
        Just("No."),
        Just("a.m."),
        Just("J."),
        Just("R."),
        Just("Inc."),
        Just("3.5"),
        Just("2022"),
        Just("$4bn"),
        Just("."),
        Just(". "),
        Just("! "),
        Just("? "),
        Just("?!"),
        Just("..."),
        Just(". . ."),
        Just("\""),
        Just("“"),
        Just("”"),
        Just("‘"),
        Just("’"),
        Just("'s"),
        Just("«"),
        Just("»"),
        Just("("),
        Just(")"),
        Just("（"),
        Just("）"),
        Just("<"),
        Just(">"),
        Just("{"),
        Just("}"),
        Just(","),
        Just(", "),
        Just(" "),
        Just("  "),
        Just("\t"),
        Just("\n"),
        Just("\n- "),
        Just("\n1. "),
        Just(";"),
        Just(":"),
        Just("。"),
        Just("！"),
        Just("？"),
        Just("科技"),
        Just("《"),
        Just("》"),
        Just("「"),
        Just("」"),
        Just("A"),
        Just("i"),
        Just("ii)"),
        Just("1)"),
        Just("-"),
        Just("•"),
        Just("„"),
        Just("‟"),
        Just("É"),
        Just("ü"),
        Just("km²"),
        Just("２０"),
        Just("…"),
        Just("'"),
        Just(" '"),
        Just("' "),
        Just("'s"),
        Just("'Yes"),
        Just("no.'"),
        Just("\n'A"),
        Just("'\n"),
        Just("I"),
        Just("I'm"),
        Just("!!"),
        Just("a@b.com"),
        Just("li.wang@most.gov.cn."),
        Just("x@y.c"),
        Just("a@b.c.de"),
        Just("(1)"),
        Just("a)"),
        Just("b.)"),
        Just("\n(ii) "),
        Just("\n* "),
        Just("\n• "),
        Just("\n  2) "),
        Just("["),
        Just("]"),
        Just("[1]"),
        Just("@"),
        Just("³"),
        Just("e\u{301}"),
        Just("\u{200D}"),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| {
        let mut s = String::new();
        for p in v {
            s.push_str(p);
            if !p.ends_with(' ') && p.len() > 1 {
                s.push(' ');
            }
        }
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// The regex-free path of the default splitter gives exactly what `sentencex` gives.
    #[test]
    fn fast_path_splits_as_sentencex(text in splitter_text()) {
        use brief_tokenize::{SentenceSplitter, SentencexSplitter};
        let (mut fast, mut full) = (Vec::new(), Vec::new());
        SentencexSplitter::default().split(&text, 7, &mut fast);
        SentencexSplitter::default().fast_path(false).split(&text, 7, &mut full);
        prop_assert_eq!(fast, full, "{:?}", text);
    }
}

/// Inputs on which the fuzz target once found the two paths apart, kept as regressions.
#[test]
fn fast_path_matches_sentencex_on_former_fuzz_findings() {
    use brief_tokenize::{SentenceSplitter, SentencexSplitter};
    let cases = [
        // '³' is numeric but not a word character for the regex `\w`.
        "?\"<\u{7}U?\"<\0\u{e}! ³m! ",
        "He said ³'so.' Then left. ",
        // A combining mark is a word character for `\w`.
        "Cafe\u{301}'s staff left. \"Yes.\" Then e\u{301}\"a.\" b",
    ];
    for text in cases {
        let (mut fast, mut full) = (Vec::new(), Vec::new());
        SentencexSplitter::default().split(text, 0, &mut fast);
        SentencexSplitter::default()
            .fast_path(false)
            .split(text, 0, &mut full);
        assert_eq!(fast, full, "{text:?}");
    }
}

/// Words made of English letters and suffixes, to reach every step of the stemmer.
fn morpheme_word() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "a", "e", "i", "o", "u", "y", "s", "t", "l", "n", "r", "c", "g", "b", "d", "w", "x", "z",
        "p", "m", "k", "h", "ed", "ing", "ly", "ies", "ied", "ational", "tional", "iz", "ation",
        "ness", "ful", "ement", "ion", "li", "ogi", "bl", "at", "eed", "sses", "us", "ss", "abli",
        "bli", "fulli", "lessli", "entli", "ousli", "iviti", "biliti", "alism", "ator", "izer",
        "anci", "enci", "alli", "icate", "ative", "alize", "iciti", "ical", "ance", "ence", "able",
        "ible", "ment", "ate", "ive", "ize", "iti", "ism", "ous", "ant", "ent", "ic", "al", "er",
        "ll", "gener", "commun", "arsen", "yy", "eedly", "ingly", "edly", "bb", "dd", "tt",
        "skies", "inning", "succeed",
    ];
    proptest::collection::vec(proptest::sample::select(PIECES), 1..6).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20000))]

    /// The analyzer's stem of a lower-case ASCII word (its direct stemmer) is `rust-stemmers`'s.
    #[test]
    fn ascii_words_stem_as_rust_stemmers(word in morpheme_word()) {
        let doc = brief_tokenize::Analyzer::new().analyze_fragment(&word);
        let snowball = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
        for t in doc.tokens() {
            let term = doc.term(t.term);
            if term.len() > 2 && term.bytes().all(|c| c.is_ascii_lowercase()) {
                let expected = snowball.stem(term);
                prop_assert_eq!(doc.stem(t.stem), expected.as_ref(), "{}", term);
            }
        }
    }
}
