//! The news model: theme decisions for news articles, where the lexicon's evidence carries
//! more than a model trained on short policy descriptions.

use crate::classifier::{Classifier, Evidence, Neighbor};
use crate::hybrid::HybridModel;
use crate::taxonomy::Taxonomy;
use brief_tokenize::Document;
use std::ops::Range;
use std::sync::Arc;

/// Themes of S&T policy news: a blend of the [`HybridModel`]'s scores and its lexicon's
/// evidence, with one decision threshold, calibrated on real policy news (the policy-news dev
/// set; see the README).
///
/// The hybrid model learns from STIP Compass initiative descriptions, short texts written in
/// the vocabulary of policy surveys. News (a conference report, a wire story, a ministry notice)
/// says the same things in other words, and the matched lexicon terms are the better evidence
/// there; the blend keeps the trained model's view with weight `1 - lexicon_share`. A text
/// whose best theme stays under `min_score` gets no theme: "no theme" is an answer, not a
/// fallback label. Sentences are scored by the hybrid model's sentence scores.
///
/// ```
/// use brief_classify::{Classifier, HybridModel, NewsModel};
///
/// let news = NewsModel::new(HybridModel::builtin());
/// let doc = brief_tokenize::analyze(
///     "The province will invest 2 billion yuan to rebuild 57 key laboratories this year. \
///      The laboratories will recruit young scientists.",
/// );
/// let p = news.classify(&doc);
/// assert!(p.labels.contains(&"research_institutions".to_string()), "{:?}", p.labels);
/// let empty = news.classify(&brief_tokenize::analyze("It rained in the city on Monday."));
/// assert!(empty.labels.is_empty());
/// # Ok::<(), brief_classify::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct NewsModel {
    hybrid: Arc<HybridModel>,
    /// The lexicon's share of the blended score, in `0..=1`.
    pub lexicon_share: f64,
    /// The decision threshold on the blended score.
    pub threshold: f64,
    /// Below this best score, a text gets no theme.
    pub min_score: f64,
    /// The factor on the score of a theme whose terms occur in one sentence only.
    pub passing_mention: f64,
    /// The factor on the score of a theme named in the title or the first two body sentences.
    pub headline_boost: f64,
}

impl NewsModel {
    /// The news model over a hybrid model, with the calibrated settings.
    pub fn new(hybrid: Arc<HybridModel>) -> Self {
        NewsModel {
            hybrid,
            lexicon_share: 0.7,
            threshold: 0.3,
            min_score: 0.2,
            passing_mention: 0.7,
            headline_boost: 1.1,
        }
    }

    /// The hybrid model underneath.
    pub fn hybrid(&self) -> &HybridModel {
        &self.hybrid
    }
}

impl Classifier for NewsModel {
    fn taxonomy(&self) -> &Taxonomy {
        self.hybrid.taxonomy()
    }

    fn scores(&self, doc: &Document, sentences: Range<usize>) -> Vec<f64> {
        let hyb = self.hybrid.scores(doc, sentences.clone());
        let lex = self.hybrid.lexicon().scores(doc, sentences.clone());
        let w = self.lexicon_share.clamp(0.0, 1.0);
        // Spread: a theme named in one sentence only is a passing mention, and weighs less
        // than one the text comes back to.
        let lexicon = self.hybrid.lexicon();
        let mut spread = vec![0usize; lex.len()];
        // Headline: what the title and the first two body sentences name leads a news text.
        let mut headline = vec![false; lex.len()];
        let mut body_seen = 0usize;
        for i in crate::classifier::clamp(doc, sentences) {
            let (raw, _) = lexicon.raw_scores(doc, i..i + 1);
            let kind = doc.sentences()[i].kind;
            let lead =
                kind == brief_tokenize::SentenceKind::Title || kind.is_body() && body_seen < 2;
            body_seen += usize::from(kind.is_body());
            for ((c, h), r) in spread.iter_mut().zip(headline.iter_mut()).zip(raw) {
                *c += usize::from(r > 0.0);
                *h |= lead && r > 0.0;
            }
        }
        let damp = |c: usize| match c {
            0 | 1 => self.passing_mention,
            _ => 1.0,
        };
        let boost = self.headline_boost;
        let mut out: Vec<f64> = hyb
            .iter()
            .zip(&lex)
            .zip(spread.iter().zip(&headline))
            .map(|((&h, &l), (&c, &head))| {
                let s = (w * l + (1.0 - w) * h) * damp(c);
                if head {
                    (s * boost).min(1.0)
                } else {
                    s
                }
            })
            .collect();
        // "No theme" is an answer: a text without enough evidence for any theme scores 0, so
        // that no fallback label is made up.
        if out.iter().all(|&s| s < self.min_score) {
            out.iter_mut().for_each(|s| *s = 0.0);
        }
        out
    }

    fn threshold(&self, _theme: usize) -> f64 {
        self.threshold
    }

    fn sentence_scores(&self, doc: &Document, index: usize) -> Vec<f64> {
        self.hybrid.sentence_scores(doc, index)
    }

    fn sentence_threshold(&self, theme: usize) -> f64 {
        self.hybrid.sentence_threshold(theme)
    }

    fn evidence(&self, doc: &Document, sentences: Range<usize>) -> Vec<Evidence> {
        self.hybrid.evidence(doc, sentences)
    }

    fn neighbors(&self, doc: &Document, sentences: Range<usize>) -> Vec<Neighbor> {
        self.hybrid.neighbors(doc, sentences)
    }
}
