//! The hybrid model (the default): the trained linear model plus the lexicon as a prior.

use crate::classifier::{Classifier, Evidence};
use crate::lexicon::LexiconModel;
use crate::linear::LinearModel;
use crate::taxonomy::Taxonomy;
use brief_tokenize::Document;
use std::ops::Range;

/// The linear model's probability plus `lexicon_weight` times the lexicon's score, rescaled to
/// `0..=1`, with per-theme thresholds tuned on held-out data.
///
/// Wording that the training corpus lacks (the phrasing of Chinese policy in translation,
/// Chinese text itself) still reaches its theme through the lexicon, while the linear model
/// carries what the corpus teaches.
#[derive(Debug, Clone)]
pub struct HybridModel {
    pub(crate) linear: LinearModel,
    pub(crate) lexicon: LexiconModel,
    pub(crate) lexicon_weight: f64,
    pub(crate) thresholds: Vec<f64>,
}

impl HybridModel {
    /// The linear part.
    pub fn linear(&self) -> &LinearModel {
        &self.linear
    }
    /// The lexicon part.
    pub fn lexicon(&self) -> &LexiconModel {
        &self.lexicon
    }
    /// The weight of the lexicon prior.
    pub fn lexicon_weight(&self) -> f64 {
        self.lexicon_weight
    }
    pub(crate) fn combine(lin: &[f64], lex: &[f64], w: f64) -> Vec<f64> {
        lin.iter()
            .zip(lex)
            .map(|(&p, &l)| (p + w * l) / (1.0 + w))
            .collect()
    }
}

impl Classifier for HybridModel {
    fn taxonomy(&self) -> &Taxonomy {
        self.linear.taxonomy()
    }
    fn scores(&self, doc: &Document, sentences: Range<usize>) -> Vec<f64> {
        let lin = self.linear.scores(doc, sentences.clone());
        let lex = self.lexicon.scores(doc, sentences);
        Self::combine(&lin, &lex, self.lexicon_weight)
    }
    fn threshold(&self, theme: usize) -> f64 {
        self.thresholds.get(theme).copied().unwrap_or(0.5)
    }
    fn evidence(&self, doc: &Document, sentences: Range<usize>) -> Vec<Evidence> {
        self.lexicon.evidence(doc, sentences)
    }
}
