//! Keywords and multi-word keyphrases of a document.

use crate::background::Background;
use crate::scorers::keyword::stem_weights;
use crate::vectors::is_content;
use brief_tokenize::Document;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Stems of reporting verbs and generic news words, never a keyword on their own and never
/// the first or last word of a keyphrase.
const GENERIC: &[&str] = &[
    // Chinese units, dates and reporting words.
    "年",
    "月",
    "日",
    "家",
    "个",
    "项",
    "亿元",
    "万元",
    "元",
    "增至",
    "获悉",
    "同比",
    "增长",
    "全市",
    "全省",
    "工作",
    "表示",
    "指出",
    "强调",
    "记者",
    "今年",
    "去年",
    "said",
    "say",
    "also",
    "last",
    "year",
    "month",
    "week",
    "day",
    "today",
    "yesterday",
    "accord",
    "includ",
    "new",
    "will",
    "would",
    "could",
    "statement",
    "note",
    "point",
    "mr",
    "ms",
    "told",
    "report",
    "time",
    "first",
    "one",
    "two",
    "three",
    "well",
    "made",
    "make",
    "way",
    "however",
    "still",
    "even",
    "many",
    "much",
    "may",
    "must",
    "can",
    "like",
    "per",
    "among",
    "within",
    "focus",
    "support",
    "us",
    "use",
    "take",
    "get",
    "given",
    "give",
];

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
/// document's own sentences when `None`). A phrase is listed once with its sub-phrases: a
/// single word or sub-phrase of a higher-ranked phrase is dropped, and a longer phrase that
/// occurs about as often replaces its picked sub-phrases. Reporting verbs and generic news
/// words ("said", "also", "last") never start or end a keyphrase; page clutter (navigation,
/// captions, metadata) is skipped.
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
                            // Chinese words join without a space.
                            let mut surface = String::new();
                            for (k, t) in run[a..b].iter().enumerate() {
                                if k > 0 && !(t.is_cjk() && run[a + k - 1].is_cjk()) {
                                    surface.push(' ');
                                }
                                surface.push_str(doc.term(t.term));
                            }
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
    let generic: Vec<bool> = (0..doc.num_stems())
        .map(|i| GENERIC.contains(&doc.stem(i as u32)))
        .collect();
    let mut out: Vec<(Vec<u32>, KeywordScore)> = phrases
        .into_iter()
        .filter(|(k, (_, c))| k.len() == 1 || *c >= 2)
        // No phrase starts or ends with a reporting verb or a generic news word.
        .filter(|(k, _)| !generic[k[0] as usize] && !generic[k[k.len() - 1] as usize])
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
        let contains = |long: &[u32], short: &[u32]| {
            long.len() > short.len() && long.windows(short.len()).any(|win| win == short)
        };
        // Skip a phrase contained in one already picked (word or sub-phrase).
        if picked.iter().any(|(p, _)| contains(p, &k)) {
            continue;
        }
        // A longer phrase that holds picked ones and occurs about as often replaces them
        // (`national science foundation` over `national science`); otherwise it is skipped.
        let held: Vec<usize> = (0..picked.len())
            .filter(|&i| contains(&k, &picked[i].0))
            .collect();
        if held.is_empty() {
            picked.push((k, kw));
        } else if held.iter().all(|&i| 2 * kw.count >= picked[i].1.count) {
            let at = held[0];
            for &i in held.iter().rev() {
                if i != at {
                    picked.remove(i);
                }
            }
            picked[at] = (k, kw);
        }
    }
    picked.sort_by(|a, b| {
        b.1.score
            .total_cmp(&a.1.score)
            .then_with(|| a.1.text.cmp(&b.1.text))
    });
    picked.into_iter().map(|(_, kw)| kw).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_phrase_not_its_parts_and_no_reporting_verbs() {
        let doc = brief_tokenize::analyze(
            "The National Science Foundation said it will grow. \
             The National Science Foundation also said grants rise. \
             Officials said the National Science Foundation funds labs. \
             Officials said labs matter.",
        );
        let kw = keywords(&doc, 10, None);
        let texts: Vec<&str> = kw.iter().map(|k| k.text.as_str()).collect();
        assert!(texts.contains(&"national science foundation"), "{texts:?}");
        assert!(!texts.contains(&"national science"), "{texts:?}");
        assert!(!texts.contains(&"science foundation"), "{texts:?}");
        assert!(!texts
            .iter()
            .any(|t| t.split(' ').any(|w| w == "said" || w == "also")));
        assert!(kw.windows(2).all(|w| w[0].score >= w[1].score));
    }
}
