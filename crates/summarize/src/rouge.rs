//! ROUGE through the `rougers` crate, a port of Google's `rouge-score` with its tokenizer and
//! Porter stemmer.

use serde::{Deserialize, Serialize};

/// Precision, recall and F1 of one ROUGE variant.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Prf {
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
}

/// ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum of one candidate.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct RougeScores {
    /// Unigram overlap.
    pub rouge1: Prf,
    /// Bigram overlap.
    pub rouge2: Prf,
    /// Longest common subsequence over the whole text.
    pub rouge_l: Prf,
    /// Summary-level LCS over sentences (one per line).
    pub rouge_lsum: Prf,
}

/// Computes ROUGE with Porter stemming, as `rouge_score.rouge_scorer.RougeScorer([...],
/// use_stemmer=True)` does. Sentences are separated by newlines (for ROUGE-Lsum).
///
/// Chinese, Japanese and Korean characters count one by one, each as a token, as is usual
/// for Chinese ROUGE (rouge-score's tokenizer would drop them and score only the digits and
/// Latin words of a Chinese text). Text without them scores exactly as rouge-score does.
///
/// ```
/// let r = brief_summarize::rouge("the cat sat on the mat", "the cat sat on a mat");
/// assert!(r.rouge1.f1 > 0.8 && r.rouge2.f1 < r.rouge1.f1);
/// ```
pub fn rouge(reference: &str, candidate: &str) -> RougeScores {
    use rougers::RougeType;
    let scorer = scorer();
    let s = scorer.score(&cjk_units(reference), &cjk_units(candidate));
    let get = |t: RougeType| {
        s.get(t)
            .map(|x| Prf {
                precision: x.precision,
                recall: x.recall,
                f1: x.fmeasure,
            })
            .unwrap_or_default()
    };
    RougeScores {
        rouge1: get(RougeType::N(1)),
        rouge2: get(RougeType::N(2)),
        rouge_l: get(RougeType::L),
        rouge_lsum: get(RougeType::LSum),
    }
}

fn scorer() -> &'static rougers::RougeScorer {
    static S: std::sync::OnceLock<rougers::RougeScorer> = std::sync::OnceLock::new();
    S.get_or_init(|| {
        rougers::RougeScorer::with_tokenizer(
            vec![
                rougers::RougeType::N(1),
                rougers::RougeType::N(2),
                rougers::RougeType::L,
                rougers::RougeType::LSum,
            ],
            rougers::Tokenizer::new(true),
        )
        .unwrap_or_else(|_| unreachable!("rouge1, rouge2, rougeL and rougeLsum are valid types"))
    })
}

/// The tokens ROUGE compares (lower-cased, Porter-stemmed), for callers that score many
/// candidate selections against one reference.
pub(crate) fn rouge_tokens(text: &str) -> Vec<String> {
    scorer().tokenizer().tokenize(&cjk_units(text))
}

/// The text with every CJK character ([`brief_tokenize::is_cjk`]) written as a token rouge-score's tokenizer keeps: its
/// code point in decimal, between spaces (digits only, so the Porter stemmer leaves it
/// alone). Borrowed unchanged when there is none.
fn cjk_units(text: &str) -> std::borrow::Cow<'_, str> {
    use std::fmt::Write;
    if !text.chars().any(brief_tokenize::is_cjk) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() * 3);
    for c in text.chars() {
        if brief_tokenize::is_cjk(c) {
            let _ = write!(out, " {} ", c as u32);
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected values were produced once with the Python `rouge-score` package 0.1.2:
    //   RougeScorer(['rouge1','rouge2','rougeL','rougeLsum'], use_stemmer=True).score(ref, cand)
    // on these fixtures written for brief.
    #[test]
    fn matches_rouge_score_package() {
        let reference = "The province will reorganize its national key laboratories.\nTalent teams are the first resource.";
        let candidate = "The province reorganized key laboratories.\nTalent is the first resource of innovation.";
        let r = rouge(reference, candidate);
        let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
        assert!(close(r.rouge1.f1, EXPECTED[0]), "{}", r.rouge1.f1);
        assert!(close(r.rouge2.f1, EXPECTED[1]), "{}", r.rouge2.f1);
        assert!(close(r.rouge_l.f1, EXPECTED[2]), "{}", r.rouge_l.f1);
        assert!(close(r.rouge_lsum.f1, EXPECTED[3]), "{}", r.rouge_lsum.f1);
    }

    const EXPECTED: [f64; 4] = [
        0.6923076923076924,
        0.41666666666666663,
        0.6923076923076924,
        0.6923076923076924,
    ];

    #[test]
    fn chinese_characters_count_one_by_one() {
        // Without the mapping only "2024" would be compared and both would score 1.
        let r = rouge("2024年研发投入增长", "2024年研发投入下降");
        assert!(r.rouge1.f1 > 0.7 && r.rouge1.f1 < 1.0, "{r:?}");
        let same = rouge("重点实验室", "重点实验室");
        assert_eq!(same.rouge2.f1, 1.0);
        assert_eq!(rouge("重点实验室", "人才").rouge1.f1, 0.0);
        assert_eq!(rouge_tokens("实验 lab"), vec!["23454", "39564", "lab"]);
    }

    #[test]
    fn empty_candidate_scores_zero() {
        let r = rouge("some reference text", "");
        assert_eq!(r.rouge1.f1, 0.0);
    }
}
