//! Invariants of every scorer and of selection, for any input string.

use brief_summarize::{AnyScorer, Budget, SentenceScorer, Summarizer, SCORER_NAMES};
use proptest::prelude::*;

fn scorers() -> Vec<AnyScorer> {
    SCORER_NAMES
        .iter()
        .map(|n| AnyScorer::by_name(n).unwrap())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn one_finite_score_per_sentence(text in "[A-Za-z .;!?\n“”0-9,。科技-]{0,400}") {
        let doc = brief_tokenize::analyze(&text);
        for s in scorers() {
            let scores = s.score(&doc);
            prop_assert_eq!(scores.len(), doc.sentences().len(), "{}", s.name());
            prop_assert!(scores.iter().all(|x| x.is_finite()), "{}", s.name());
        }
    }

    #[test]
    fn any_string_never_panics(text in any::<String>()) {
        let doc = brief_tokenize::analyze(&text);
        for s in scorers() {
            prop_assert_eq!(s.score(&doc).len(), doc.sentences().len());
        }
        let _ = brief_summarize::keywords(&doc, 5, None);
    }

    #[test]
    fn selection_respects_budgets(
        // Few distinct words, so that repeated sentences are common.
        text in "([A-Z][a-c]{1,2}( [a-d]{1,2}){2,6}\\. ){1,30}|([A-Z][a-z]{1,8}( [a-z]{1,8}){2,20}\\. ){1,30}",
        n in 1usize..6,
        words in 1usize..80,
        lambda in 0.0f64..=1.0,
    ) {
        let doc = brief_tokenize::analyze(&text);
        for budget in [Budget::Sentences(n), Budget::Words(words), Budget::Chars(words * 5), Budget::Ratio(0.3)] {
            let s = Summarizer::builder().budget(budget).redundancy(lambda).build().unwrap();
            let sum = s.summarize(&doc).unwrap();
            let idx: Vec<usize> = sum.sentences.iter().map(|x| x.index).collect();
            prop_assert!(idx.windows(2).all(|w| w[0] < w[1]), "document order, no repeats");
            for (k, x) in sum.sentences.iter().enumerate() {
                prop_assert!(
                    sum.sentences[..k].iter().all(|y| y.text.trim() != x.text.trim()),
                    "the same sentence twice: {:?}", x.text
                );
                prop_assert_eq!(&text[x.start..x.end], x.text.as_str());
                prop_assert!(doc.sentences()[x.index].kind.is_body());
            }
            match budget {
                Budget::Sentences(k) => prop_assert!(sum.sentences.len() <= k),
                Budget::Words(w) => prop_assert!(
                    idx.iter().map(|&i| doc.sentences()[i].word_count()).sum::<usize>() <= w),
                Budget::Chars(c) => prop_assert!(
                    sum.sentences.iter().map(|x| x.text.chars().count()).sum::<usize>() <= c),
                Budget::Ratio(_) => {
                    let body = doc.sentences().iter().filter(|s| s.kind.is_body()).count();
                    prop_assert!(sum.sentences.len() <= ((0.3 * body as f64).ceil() as usize).max(1));
                }
                Budget::Tokens(_) => {}
            }
        }
    }
}
