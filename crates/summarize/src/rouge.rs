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
/// ```
/// let r = brief_summarize::rouge("the cat sat on the mat", "the cat sat on a mat");
/// assert!(r.rouge1.f1 > 0.8 && r.rouge2.f1 < r.rouge1.f1);
/// ```
pub fn rouge(reference: &str, candidate: &str) -> RougeScores {
    use rougers::RougeType;
    let scorer = scorer();
    let s = scorer.score(reference, candidate);
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
    scorer().tokenizer().tokenize(text)
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
    fn empty_candidate_scores_zero() {
        let r = rouge("some reference text", "");
        assert_eq!(r.rouge1.f1, 0.0);
    }
}
