//! Summarizing any text with every scorer and budget: no panic, budgets held, scores finite,
//! spans on char boundaries.
#![no_main]
use brief::summarize::{AnyScorer, Budget, Summarizer, SCORER_NAMES};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u8, u8, u16, &str)| {
    let (which, budget_kind, amount, text) = input;
    let doc = brief::tokenize::analyze(text);
    let name = SCORER_NAMES[which as usize % SCORER_NAMES.len()];
    let amount = (amount % 200) as usize + 1;
    let budget = match budget_kind % 4 {
        0 => Budget::Sentences(amount),
        1 => Budget::Words(amount),
        2 => Budget::Chars(amount * 5),
        _ => Budget::Ratio((amount as f64 / 200.0).min(1.0)),
    };
    let s = Summarizer::builder()
        .scorer(AnyScorer::by_name(name).unwrap())
        .budget(budget)
        .redundancy(if budget_kind & 4 == 0 { 1.0 } else { 0.7 })
        .build()
        .unwrap()
        .summarize(&doc)
        .unwrap();
    let words: usize = s.sentences.iter().map(|x| doc.sentences()[x.index].word_count()).sum();
    match budget {
        Budget::Sentences(k) => assert!(s.sentences.len() <= k),
        Budget::Words(w) => assert!(words <= w),
        _ => {}
    }
    for x in &s.sentences {
        assert!(x.score.is_finite());
        assert_eq!(&text[x.start..x.end], x.text);
    }
    let _ = s.highlight(text, "[[", "]]");
});
