//! Keywords and multi-word keyphrases of a document.

use crate::background::Background;
use crate::scorers::keyword::stem_weights;
use crate::vectors::is_content;
use brief_tokenize::Document;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// A keyword or keyphrase with its score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeywordScore {
    /// The phrase in normalized form (lower case), as first seen.
    pub text: String,
    /// Its score: summed TF-IDF weight of its words, times how often the phrase occurs for
    /// phrases of two or more words.
    pub score: f64,
    /// How many times it occurs.
    pub count: usize,
    /// Number of words.
    pub words: usize,
}

/// The top `n` keywords and keyphrases (up to three words) of a document.
///
/// Candidates are runs of content words inside one sentence, not interrupted by punctuation;
/// a phrase never crosses a sentence boundary. A phrase must occur at least twice. Words are
/// weighted by term frequency times inverse document frequency in `background` (the
/// document's own sentences when `None`). A single word that is part of a higher-ranked
/// phrase is dropped.
///
/// ```
/// let doc = brief_tokenize::analyze(
///     "Key laboratories were rebuilt. Key laboratories will get funds. \
///      The funds support key laboratories and talent.",
/// );
/// let kw = brief_summarize::keywords(&doc, 3, None);
/// assert_eq!(kw[0].text, "key laboratories");
/// assert_eq!(kw[0].count, 3);
/// ```
pub fn keywords(doc: &Document, n: usize, background: Option<&Background>) -> Vec<KeywordScore> {
    let w = stem_weights(doc, background);
    // Phrase key: stem ids; value: (first surface, count).
    let mut phrases: FxHashMap<Vec<u32>, (String, usize)> = FxHashMap::default();
    let text = doc.text();
    for (i, s) in doc.sentences().iter().enumerate() {
        if s.kind.is_boilerplate() {
            continue;
        }
        let toks = doc.sentence_tokens(i);
        let mut run_start = 0;
        for j in 0..=toks.len() {
            let breaks = j == toks.len()
                || !is_content(doc, &toks[j])
                || (j > run_start && {
                    let gap = &text[toks[j - 1].span.end..toks[j].span.start];
                    !gap.chars().all(|c| c == ' ' || c == '-')
                });
            if breaks {
                let run = &toks[run_start..j];
                for a in 0..run.len() {
                    for b in a + 1..=(a + 3).min(run.len()) {
                        let key: Vec<u32> = run[a..b].iter().map(|t| t.stem).collect();
                        let e = phrases.entry(key).or_insert_with(|| {
                            let surface = run[a..b]
                                .iter()
                                .map(|t| doc.term(t.term))
                                .collect::<Vec<_>>()
                                .join(" ");
                            (surface, 0)
                        });
                        e.1 += 1;
                    }
                }
                run_start = if j < toks.len() && is_content(doc, &toks[j]) {
                    j
                } else {
                    j + 1
                };
            }
        }
    }
    let mut out: Vec<(Vec<u32>, KeywordScore)> = phrases
        .into_iter()
        .filter(|(k, (_, c))| k.len() == 1 || *c >= 2)
        .map(|(k, (text, count))| {
            let idf_sum: f64 = k.iter().map(|&s| w[s as usize]).sum();
            let score = if k.len() == 1 {
                idf_sum
            } else {
                idf_sum * count as f64 / k.len() as f64 * 1.5
            };
            let words = k.len();
            (
                k,
                KeywordScore {
                    text,
                    score,
                    count,
                    words,
                },
            )
        })
        .collect();
    out.sort_by(|a, b| {
        b.1.score
            .total_cmp(&a.1.score)
            .then_with(|| a.1.text.cmp(&b.1.text))
    });
    let mut picked: Vec<(Vec<u32>, KeywordScore)> = Vec::new();
    for (k, kw) in out {
        if picked.len() >= n {
            break;
        }
        // Skip a phrase contained in one already picked (word or sub-phrase).
        let inside = picked
            .iter()
            .any(|(p, _)| p.len() > k.len() && p.windows(k.len()).any(|win| win == k.as_slice()));
        if !inside {
            picked.push((k, kw));
        }
    }
    picked.into_iter().map(|(_, kw)| kw).collect()
}
