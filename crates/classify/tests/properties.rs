//! Invariants of classification for any input string.

use brief_classify::{Classifier, HybridModel, LexiconModel, Taxonomy};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn scores_are_probabilities(text in any::<String>()) {
        let doc = brief_tokenize::analyze(&text);
        let hybrid = HybridModel::builtin();
        let lexicon = LexiconModel::new(Taxonomy::builtin());
        for c in [&*hybrid as &dyn Classifier, &lexicon] {
            let p = c.classify(&doc);
            prop_assert_eq!(p.scores.len(), 12);
            prop_assert!(p.scores.values().all(|s| (0.0..=1.0).contains(s)));
            let sents = c.classify_sentences(&doc, Default::default());
            prop_assert_eq!(sents.len(), doc.sentences().len());
            for s in sents {
                prop_assert!(s.scores.values().all(|x| (0.0..=1.0).contains(x)));
                prop_assert_eq!(&text[s.start..s.end], s.text.as_str());
            }
        }
    }
}
