//! The hybrid model (the default): the trained linear model plus the lexicon as a prior.

use crate::classifier::{Classifier, Evidence, Neighbor};
use crate::knn::Neighbors;
use crate::lexicon::LexiconModel;
use crate::linear::LinearModel;
use crate::taxonomy::Taxonomy;
use brief_tokenize::Document;
use std::ops::Range;

/// The linear model and the lexicon, combined per theme.
///
/// A text of more than [`LONG_TEXT_SENTENCES`] body sentences (a news article rather than a
/// policy description) is scored in windows of [`WINDOW_SENTENCES`] sentences, and each theme
/// takes its best window's score, so every theme an article covers can surface.
///
/// A single sentence carries little evidence for a model trained on whole texts, so sentences
/// are scored with a stronger lexicon prior (`sentence_lexicon_weight`, default 2) and one
/// threshold (`sentence_threshold`, default 0.3).
///
/// After training, a small logistic regression per theme (the *stacker*) combines the linear
/// model's logits for all themes and the lexicon's scores for all themes; it is fitted on
/// out-of-fold scores, so it learns how far to trust the lexicon for each theme and how themes
/// go together. Without a stacker (training with `threshold_folds = 0`) the score is the linear
/// probability plus `lexicon_weight` times the lexicon score, rescaled to `0..=1`. Per-theme
/// thresholds are tuned on out-of-fold scores.
///
/// A model trained with [`TrainConfig::neighbors`](crate::TrainConfig::neighbors) above 0 also
/// keeps its training texts: a text's linear score for a theme is then mixed with the share of
/// its nearest training texts that carry the theme (weighted by their squared cosine
/// similarity; `neighbor_weight` of the mix), before the lexicon prior, the thresholds and the
/// stacker see it. Such a model is larger (8 bytes per feature of every training text: 6 MB
/// more for the 5,255 STIP Compass texts with their background) and predicts about 3x slower.
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
    /// Lexicon weight for single sentences, where the linear model has little evidence.
    pub(crate) sentence_lexicon_weight: f64,
    /// Decision threshold for single sentences.
    pub(crate) sentence_threshold: f64,
    /// Per theme: weights over `[linear logits (k), lexicon scores (k)]` then a bias.
    pub(crate) stack: Option<Vec<Vec<f64>>>,
    /// The training texts whose themes a text's nearest neighbours vote (trained with
    /// `neighbors` above 0).
    pub(crate) neighbors: Option<Neighbors>,
    /// The settings it was trained with (saved with it).
    pub(crate) config: crate::linear::TrainConfig,
    /// Where it came from (saved with it).
    pub(crate) info: crate::train::ModelInfo,
}

/// Texts with more body sentences than this are scored in windows.
pub const LONG_TEXT_SENTENCES: usize = 10;
/// Body sentences per window of a long text.
pub const WINDOW_SENTENCES: usize = 5;

impl HybridModel {
    /// The settings the model was trained with.
    pub fn config(&self) -> &crate::linear::TrainConfig {
        &self.config
    }

    /// Where the model came from: its training source and number of texts.
    pub fn info(&self) -> &crate::train::ModelInfo {
        &self.info
    }

    /// The same model, with `source` (a corpus name and URL) as its provenance.
    pub fn with_source(mut self, source: impl Into<String>) -> Self {
        self.info.source = source.into();
        self
    }

    /// Scores one stretch of sentences as a whole.
    fn span_scores(&self, doc: &Document, sentences: Range<usize>) -> Vec<f64> {
        let lin = self.linear_scores(doc, sentences.clone());
        let lex = self.lexicon.scores(doc, sentences);
        self.blend(&lin, &lex)
    }

    /// The linear model's scores of a span, with its nearest training texts' votes mixed in
    /// when the model keeps them.
    fn linear_scores(&self, doc: &Document, sentences: Range<usize>) -> Vec<f64> {
        let Some(nb) = &self.neighbors else {
            return self.linear.scores(doc, sentences);
        };
        let sentences = crate::classifier::clamp(doc, sentences);
        let x = self.linear.featurizer.transform(doc, sentences);
        let lin = self.linear.predict_features(&x);
        let votes = nb.scores(&x, lin.len());
        crate::knn::mix(&lin, &votes, self.config.neighbor_weight)
    }

    /// The linear model's and the lexicon's scores of one span, combined.
    fn blend(&self, lin: &[f64], lex: &[f64]) -> Vec<f64> {
        match &self.stack {
            Some(st) => Self::apply_stack(st, &Self::stack_input(lin, lex)),
            None => Self::combine(lin, lex, self.lexicon_weight),
        }
    }

    /// The scores of a text whose document holds context after it: the text is the first
    /// `text_sentences` sentences, the context the rest (as [`crate::Record`]s with context
    /// are analysed). The linear model reads text and context, the lexicon the text
    /// alone, and no windows are taken.
    ///
    /// ```
    /// use brief_classify::{Classifier, HybridModel};
    ///
    /// let model = HybridModel::builtin();
    /// let doc = brief_tokenize::analyze(
    ///     "Scholarships for doctoral students.\n\nToo few young researchers stay in science.",
    /// );
    /// let scores = model.scores_in_context(&doc, 1);
    /// assert_eq!(scores.len(), model.taxonomy().len());
    /// ```
    pub fn scores_in_context(&self, doc: &Document, text_sentences: usize) -> Vec<f64> {
        let n = doc.sentences().len();
        let lin = self.linear_scores(doc, 0..n);
        let lex = self.lexicon.scores(doc, 0..text_sentences.min(n));
        self.blend(&lin, &lex)
    }

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
    /// The stacker's input: the linear model's logits and the lexicon scores.
    pub(crate) fn stack_input(lin: &[f64], lex: &[f64]) -> Vec<f64> {
        lin.iter()
            .map(|&p| {
                let p = p.clamp(1e-6, 1.0 - 1e-6);
                (p / (1.0 - p)).ln()
            })
            .chain(lex.iter().copied())
            .collect()
    }

    pub(crate) fn apply_stack(stack: &[Vec<f64>], input: &[f64]) -> Vec<f64> {
        stack
            .iter()
            .map(|w| {
                let (wv, b) = w.split_at(input.len());
                let z = b[0] + wv.iter().zip(input).map(|(a, x)| a * x).sum::<f64>();
                1.0 / (1.0 + (-z).exp())
            })
            .collect()
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
        let sentences = crate::classifier::clamp(doc, sentences);
        let body: Vec<usize> = sentences
            .clone()
            .filter(|&i| doc.sentences()[i].kind.is_body())
            .collect();
        if body.len() <= LONG_TEXT_SENTENCES {
            return self.span_scores(doc, sentences);
        }
        // A long text (a news article) is scored in windows of a few sentences, the length of
        // the texts the model learned from; a theme scores its best window.
        let mut best = vec![0.0f64; self.taxonomy().len()];
        for w in body.chunks(WINDOW_SENTENCES) {
            let r = w[0]..w[w.len() - 1] + 1;
            for (b, s) in best.iter_mut().zip(self.span_scores(doc, r)) {
                *b = b.max(s);
            }
        }
        best
    }
    fn threshold(&self, theme: usize) -> f64 {
        self.thresholds.get(theme).copied().unwrap_or(0.5)
    }
    fn sentence_scores(&self, doc: &Document, index: usize) -> Vec<f64> {
        let r = crate::classifier::clamp(doc, index..index.saturating_add(1));
        let lin = self.linear.scores(doc, r.clone());
        let lex = self.lexicon.scores(doc, r);
        Self::combine(&lin, &lex, self.sentence_lexicon_weight)
    }
    fn sentence_threshold(&self, _theme: usize) -> f64 {
        self.sentence_threshold
    }
    fn evidence(&self, doc: &Document, sentences: Range<usize>) -> Vec<Evidence> {
        self.lexicon.evidence(doc, sentences)
    }
    fn neighbors(&self, doc: &Document, sentences: Range<usize>) -> Vec<Neighbor> {
        let Some(nb) = &self.neighbors else {
            return Vec::new();
        };
        let sentences = crate::classifier::clamp(doc, sentences);
        let x = self.linear.featurizer.transform(doc, sentences);
        let tax = self.taxonomy();
        nb.nearest(&x)
            .into_iter()
            .map(|(similarity, d)| {
                let (id, themes) = nb.text(d as usize);
                Neighbor {
                    id: id.to_owned(),
                    similarity: f64::from(similarity),
                    themes: themes
                        .iter()
                        .filter_map(|&t| tax.themes.get(usize::from(t)).map(|x| x.id.clone()))
                        .collect(),
                }
            })
            .collect()
    }
}

/// The hybrid model reading a record's text with its context: a document whose first
/// `text_sentences` sentences are the text and the rest its context (join them with
/// [`crate::join_context`] and count the text's sentences with [`crate::text_sentences`], as
/// `brief train --context-field` does).
///
/// The whole document's scores are [`HybridModel::scores_in_context`] (the linear model reads
/// text and context, the lexicon the text); a part of the document, a sentence and the
/// evidence are read from the text alone, so the context's sentences get no themes of their
/// own.
///
/// ```
/// use brief_classify::{join_context, text_sentences, Classifier, HybridModel, InContext};
///
/// let model = HybridModel::builtin();
/// let text = "Scholarships for doctoral students.";
/// let doc = brief_tokenize::analyze(&join_context(text, "Too few young researchers stay."));
/// let in_context = InContext::new(&model, text_sentences(&doc, text.len()));
/// assert_eq!(in_context.scores(&doc, 0..2), model.scores_in_context(&doc, 1));
/// assert!(in_context.classify_sentences(&doc, Default::default())[1].labels.is_empty());
/// ```
#[derive(Debug, Clone, Copy)]
pub struct InContext<'a> {
    model: &'a HybridModel,
    text_sentences: usize,
}

impl<'a> InContext<'a> {
    /// The model over documents whose first `text_sentences` sentences are the text.
    pub fn new(model: &'a HybridModel, text_sentences: usize) -> Self {
        InContext {
            model,
            text_sentences,
        }
    }

    /// The part of `sentences` that is text.
    fn text(&self, sentences: Range<usize>) -> Range<usize> {
        sentences.start.min(self.text_sentences)..sentences.end.min(self.text_sentences)
    }
}

impl Classifier for InContext<'_> {
    fn taxonomy(&self) -> &Taxonomy {
        self.model.taxonomy()
    }
    fn scores(&self, doc: &Document, sentences: Range<usize>) -> Vec<f64> {
        let n = doc.sentences().len();
        if sentences.start == 0 && sentences.end >= n && self.text_sentences < n {
            return self.model.scores_in_context(doc, self.text_sentences);
        }
        self.model.scores(doc, self.text(sentences))
    }
    fn threshold(&self, theme: usize) -> f64 {
        self.model.threshold(theme)
    }
    fn sentence_scores(&self, doc: &Document, index: usize) -> Vec<f64> {
        if index < self.text_sentences {
            self.model.sentence_scores(doc, index)
        } else {
            vec![0.0; self.taxonomy().len()]
        }
    }
    fn sentence_threshold(&self, theme: usize) -> f64 {
        self.model.sentence_threshold(theme)
    }
    fn evidence(&self, doc: &Document, sentences: Range<usize>) -> Vec<Evidence> {
        self.model.evidence(doc, self.text(sentences))
    }
    /// The neighbours of the whole record (text and context) as it was scored, or of the
    /// text's part of `sentences`.
    fn neighbors(&self, doc: &Document, sentences: Range<usize>) -> Vec<Neighbor> {
        if sentences.start == 0 && sentences.end >= doc.sentences().len() {
            return self.model.neighbors(doc, sentences);
        }
        self.model.neighbors(doc, self.text(sentences))
    }
}
