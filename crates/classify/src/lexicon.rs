//! The lexicon model: weighted term matches, no training needed.

use crate::classifier::{Classifier, Evidence};
use crate::taxonomy::Taxonomy;
use brief_tokenize::Document;
use rustc_hash::FxHashMap;
use std::ops::Range;
use std::sync::Arc;

/// A compiled lexicon term: its stem sequence and where it belongs.
#[derive(Debug, Clone)]
struct Pattern {
    stems: Vec<String>,
    theme: usize,
    weight: f64,
    term: usize,
}

/// Scores themes from weighted matches of their lexicon terms.
///
/// Terms are matched on stem sequences, so "laboratories" matches "laboratory" and
/// "strengthening" matches "strengthen"; Chinese terms match character by character. Only the
/// longest term that matches at a position counts. A theme's raw score is the sum of the
/// weights of its matches; its score is `1 - exp(-raw / scale)`, where `scale` grows with the
/// square root of the text's length, so a long text needs more evidence than a sentence.
///
/// ```
/// use brief_classify::{Classifier, LexiconModel, Taxonomy};
///
/// let model = LexiconModel::new(Taxonomy::builtin());
/// let doc = brief_tokenize::analyze("The reorganization of national key laboratories should be done well.");
/// let p = model.classify(&doc);
/// assert_eq!(p.labels[0], "research_institutions");
/// let ev = model.evidence(&doc, 0..1);
/// assert!(ev.iter().any(|e| e.term == "national key laboratories"));
/// ```
#[derive(Debug, Clone)]
pub struct LexiconModel {
    taxonomy: Arc<Taxonomy>,
    /// Patterns by first stem.
    index: FxHashMap<String, Vec<Pattern>>,
    /// Base scale of the saturation.
    pub scale: f64,
    /// Decision threshold on the score.
    pub threshold: f64,
}

impl LexiconModel {
    /// Compiles the taxonomy's lexicons.
    pub fn new(taxonomy: Arc<Taxonomy>) -> Self {
        let mut index: FxHashMap<String, Vec<Pattern>> = FxHashMap::default();
        for (ti, theme) in taxonomy.themes.iter().enumerate() {
            for (k, term) in theme.terms.iter().enumerate() {
                let d = brief_tokenize::analyze(&term.text);
                let stems: Vec<String> = d
                    .tokens()
                    .iter()
                    .map(|t| d.stem(t.stem).to_owned())
                    .collect();
                if stems.is_empty() {
                    continue;
                }
                index.entry(stems[0].clone()).or_default().push(Pattern {
                    stems,
                    theme: ti,
                    weight: term.weight,
                    term: k,
                });
            }
        }
        for v in index.values_mut() {
            // Terms that stem alike ("budget", "budgets") are one pattern, with the larger weight.
            v.sort_by(|a, b| {
                b.stems
                    .len()
                    .cmp(&a.stems.len())
                    .then_with(|| a.theme.cmp(&b.theme))
                    .then_with(|| a.stems.cmp(&b.stems))
                    .then_with(|| b.weight.total_cmp(&a.weight))
            });
            v.dedup_by(|later, first| later.theme == first.theme && later.stems == first.stems);
        }
        LexiconModel {
            taxonomy,
            index,
            scale: 3.0,
            threshold: 0.5,
        }
    }

    /// Raw match weight per theme, and the matches, over a range of sentences.
    fn matches(
        &self,
        doc: &Document,
        sentences: Range<usize>,
        mut on_match: impl FnMut(&Pattern),
    ) -> usize {
        let mut content = 0usize;
        for si in crate::classifier::clamp(doc, sentences) {
            let s = &doc.sentences()[si];
            if s.kind.is_boilerplate() {
                continue;
            }
            let toks = doc.sentence_tokens(si);
            content += toks.iter().filter(|t| t.is_content()).count();
            let mut j = 0;
            while j < toks.len() {
                let first = doc.stem(toks[j].stem);
                let mut advanced = false;
                if let Some(pats) = self.index.get(first) {
                    // Longest match first; every theme whose term matches at this length counts.
                    let mut matched_len = 0;
                    for p in pats {
                        if matched_len > 0 && p.stems.len() < matched_len {
                            break;
                        }
                        let n = p.stems.len();
                        if j + n <= toks.len()
                            && p.stems
                                .iter()
                                .zip(&toks[j..j + n])
                                .all(|(a, t)| doc.stem(t.stem) == a)
                        {
                            on_match(p);
                            matched_len = n;
                        }
                    }
                    if matched_len > 0 {
                        j += matched_len;
                        advanced = true;
                    }
                }
                if !advanced {
                    j += 1;
                }
            }
        }
        content
    }

    /// Raw (unsaturated) score per theme.
    pub fn raw_scores(&self, doc: &Document, sentences: Range<usize>) -> (Vec<f64>, usize) {
        let mut raw = vec![0.0; self.taxonomy.len()];
        let content = self.matches(doc, sentences, |p| raw[p.theme] += p.weight);
        (raw, content)
    }
}

impl Classifier for LexiconModel {
    fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    fn scores(&self, doc: &Document, sentences: Range<usize>) -> Vec<f64> {
        let sentences = crate::classifier::clamp(doc, sentences);
        let (raw, content) = self.raw_scores(doc, sentences);
        let scale = self.scale * (content as f64 / 25.0).sqrt().max(1.0);
        raw.iter().map(|&r| 1.0 - (-r / scale).exp()).collect()
    }

    fn threshold(&self, _theme: usize) -> f64 {
        self.threshold
    }

    fn evidence(&self, doc: &Document, sentences: Range<usize>) -> Vec<Evidence> {
        let mut counts: FxHashMap<(usize, usize), usize> = FxHashMap::default();
        self.matches(doc, sentences, |p| {
            *counts.entry((p.theme, p.term)).or_default() += 1
        });
        let mut out: Vec<Evidence> = counts
            .into_iter()
            .map(|((theme, term), count)| {
                let th = &self.taxonomy.themes[theme];
                Evidence {
                    theme: th.id.clone(),
                    term: th.terms[term].text.clone(),
                    weight: th.terms[term].weight,
                    count,
                }
            })
            .collect();
        out.sort_by(|a, b| {
            (b.weight * b.count as f64)
                .total_cmp(&(a.weight * a.count as f64))
                .then_with(|| a.theme.cmp(&b.theme))
                .then_with(|| a.term.cmp(&b.term))
        });
        out
    }
}
