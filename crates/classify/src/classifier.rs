//! The [`Classifier`] trait and its predictions.

use crate::taxonomy::Taxonomy;
use brief_tokenize::Document;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::Range;

/// A lexicon term that fired for a theme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The theme id.
    pub theme: String,
    /// The term as written in the taxonomy.
    pub term: String,
    /// The term's weight.
    pub weight: f64,
    /// How many times it matched.
    pub count: usize,
}

/// A training text near a text, for a model that keeps its training texts
/// ([`crate::TrainConfig::neighbors`]): their themes are votes in the text's scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Neighbor {
    /// The training record's id.
    pub id: String,
    /// The cosine similarity of the two texts' feature vectors, in `0..=1`.
    pub similarity: f64,
    /// The training record's themes.
    pub themes: Vec<String>,
}

/// The themes of a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prediction {
    /// Predicted theme ids, best first.
    pub labels: Vec<String>,
    /// Score per theme id, in `0..=1`.
    pub scores: BTreeMap<String, f64>,
    /// Lexicon terms that fired (empty for models without a lexicon).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// The themes of one sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentencePrediction {
    /// Index of the sentence in the document.
    pub index: usize,
    /// Byte offset of its start.
    pub start: usize,
    /// Byte offset of its end.
    pub end: usize,
    /// Its text.
    pub text: String,
    /// Predicted theme ids, best first (empty for boilerplate and sentences without a theme).
    pub labels: Vec<String>,
    /// Score per theme id.
    pub scores: BTreeMap<String, f64>,
}

/// How predictions are cut.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PredictOptions {
    /// Use this threshold for every theme instead of the model's own.
    pub threshold: Option<f64>,
    /// Keep at most this many labels.
    pub top: Option<usize>,
    /// When no theme reaches its threshold, predict the best one anyway (documents only).
    pub fallback: bool,
}

/// A multi-label theme classifier.
///
/// Implementations score every theme of their [`Taxonomy`] for a range of sentences of an
/// analysed document, in `0..=1`, and say where each theme's decision threshold is; the
/// provided methods turn that into predictions for a whole document or for each sentence.
///
/// ```
/// use brief_classify::{Classifier, LexiconModel, Taxonomy};
///
/// let model = LexiconModel::new(Taxonomy::builtin());
/// let doc = brief_tokenize::analyze(
///     "We will train a high-level talent team.\n\n2022-02-25 By\n\nThe fund offers venture capital loans.",
/// );
/// let sentences = model.classify_sentences(&doc, Default::default());
/// assert_eq!(sentences[0].labels[0], "talent");
/// assert!(sentences[1].labels.is_empty());
/// assert_eq!(sentences[2].labels[0], "funding_finance");
/// ```
pub trait Classifier {
    /// The themes this classifier scores, in score order.
    fn taxonomy(&self) -> &Taxonomy;

    /// One score per theme, in `0..=1`, for the given sentences of `doc` (a range past the
    /// document's end is cut to it).
    fn scores(&self, doc: &Document, sentences: Range<usize>) -> Vec<f64>;

    /// The decision threshold of theme `theme`.
    fn threshold(&self, theme: usize) -> f64;

    /// One score per theme for the single sentence `index` (by default the same as
    /// [`Classifier::scores`] over that sentence). Models may weigh evidence differently for a
    /// sentence than for a whole text.
    fn sentence_scores(&self, doc: &Document, index: usize) -> Vec<f64> {
        self.scores(doc, index..index.saturating_add(1))
    }

    /// The decision threshold of theme `theme` for single sentences (by default the same as
    /// [`Classifier::threshold`]).
    fn sentence_threshold(&self, theme: usize) -> f64 {
        self.threshold(theme)
    }

    /// Lexicon terms that support the scores (none by default).
    fn evidence(&self, _doc: &Document, _sentences: Range<usize>) -> Vec<Evidence> {
        Vec::new()
    }

    /// The training texts nearest to these sentences, most similar first, whose themes vote
    /// in the scores (none by default: only a model trained with neighbours keeps them).
    fn neighbors(&self, _doc: &Document, _sentences: Range<usize>) -> Vec<Neighbor> {
        Vec::new()
    }

    /// Classifies a whole document with the default options (thresholds, arg-max fallback).
    fn classify(&self, doc: &Document) -> Prediction {
        self.classify_with(
            doc,
            PredictOptions {
                fallback: true,
                ..Default::default()
            },
        )
    }

    /// Classifies a whole document.
    fn classify_with(&self, doc: &Document, opts: PredictOptions) -> Prediction {
        let range = 0..doc.sentences().len();
        let scores = self.scores(doc, range.clone());
        let has_text = doc.sentences().iter().any(gets_decision);
        let labels = decide(self, &scores, opts, opts.fallback && has_text);
        Prediction {
            labels,
            scores: named(self.taxonomy(), &scores),
            evidence: self.evidence(doc, range),
        }
    }

    /// Classifies each sentence; boilerplate sentences, the title and headings get no labels.
    fn classify_sentences(&self, doc: &Document, opts: PredictOptions) -> Vec<SentencePrediction> {
        doc.sentences()
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let tax = self.taxonomy();
                let (labels, scores) = match sentence_decision(self, doc, i, opts) {
                    Some((idx, sc)) => {
                        (idx.iter().map(|&k| tax.themes[k].id.clone()).collect(), sc)
                    }
                    None => (Vec::new(), vec![0.0; tax.len()]),
                };
                SentencePrediction {
                    index: i,
                    start: s.span.start,
                    end: s.span.end,
                    text: doc.sentence_text(i).to_owned(),
                    labels,
                    scores: named(self.taxonomy(), &scores),
                }
            })
            .collect()
    }
}

/// Forwards every method to the pointed-to classifier, so references, boxes and shared
/// pointers to a classifier are classifiers too.
macro_rules! forward_classifier {
    ($($ptr:ty),*) => {$(
        impl<T: Classifier + ?Sized> Classifier for $ptr {
            fn taxonomy(&self) -> &Taxonomy {
                (**self).taxonomy()
            }
            fn scores(&self, doc: &Document, sentences: Range<usize>) -> Vec<f64> {
                (**self).scores(doc, sentences)
            }
            fn threshold(&self, theme: usize) -> f64 {
                (**self).threshold(theme)
            }
            fn sentence_scores(&self, doc: &Document, index: usize) -> Vec<f64> {
                (**self).sentence_scores(doc, index)
            }
            fn sentence_threshold(&self, theme: usize) -> f64 {
                (**self).sentence_threshold(theme)
            }
            fn evidence(&self, doc: &Document, sentences: Range<usize>) -> Vec<Evidence> {
                (**self).evidence(doc, sentences)
            }
            fn neighbors(&self, doc: &Document, sentences: Range<usize>) -> Vec<Neighbor> {
                (**self).neighbors(doc, sentences)
            }
        }
    )*};
}

forward_classifier!(&T, Box<T>, std::sync::Arc<T>);

/// Cuts a sentence range to the document.
pub(crate) fn clamp(doc: &Document, r: Range<usize>) -> Range<usize> {
    let n = doc.sentences().len();
    r.start.min(n)..r.end.min(n).max(r.start.min(n))
}

/// Adapts a classifier so that `threshold` is its sentence threshold.
struct SentenceThresholds<'a, C: ?Sized>(&'a C);

impl<C: Classifier + ?Sized> Classifier for SentenceThresholds<'_, C> {
    fn taxonomy(&self) -> &Taxonomy {
        self.0.taxonomy()
    }
    fn scores(&self, doc: &Document, sentences: Range<usize>) -> Vec<f64> {
        self.0.scores(doc, sentences)
    }
    fn threshold(&self, theme: usize) -> f64 {
        self.0.sentence_threshold(theme)
    }
}

/// Theme indices above threshold, best first, cut to `top`; the best one if none and
/// `fallback`.
pub(crate) fn decide<C: Classifier + ?Sized>(
    c: &C,
    scores: &[f64],
    opts: PredictOptions,
    fallback: bool,
) -> Vec<String> {
    let tax = c.taxonomy();
    decide_indices(c, scores, opts, fallback)
        .into_iter()
        .map(|k| tax.themes[k].id.clone())
        .collect()
}

/// Whether a sentence gets a theme decision: boilerplate and sentences without words get none.
fn gets_decision(s: &brief_tokenize::Sentence) -> bool {
    !s.kind.is_boilerplate() && !s.tokens.is_empty()
}

/// Whether a sentence gets themes of its own: body sentences with words (not boilerplate, not
/// the title or a heading).
fn gets_sentence_themes(s: &brief_tokenize::Sentence) -> bool {
    gets_decision(s) && s.kind.is_body()
}

/// Sentence `i`'s themes (indices, best first, by the per-sentence thresholds) and scores, or
/// `None` for a sentence that gets no decision.
fn sentence_decision<C: Classifier + ?Sized>(
    c: &C,
    doc: &Document,
    i: usize,
    opts: PredictOptions,
) -> Option<(Vec<usize>, Vec<f64>)> {
    // A headline names the story; the themes of its sentences are read in the body (the
    // document's themes still count the evidence of its title and headings).
    if !gets_sentence_themes(&doc.sentences()[i]) {
        return None;
    }
    let sc = c.sentence_scores(doc, i);
    Some((decide_indices(&SentenceThresholds(c), &sc, opts, false), sc))
}

/// [`decide`] as theme indices.
fn decide_indices<C: Classifier + ?Sized>(
    c: &C,
    scores: &[f64],
    opts: PredictOptions,
    fallback: bool,
) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..scores.len())
        .filter(|&k| {
            scores[k] >= opts.threshold.unwrap_or_else(|| c.threshold(k)) && scores[k] > 0.0
        })
        .collect();
    idx.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    if idx.is_empty() && fallback {
        if let Some(best) = (0..scores.len())
            .filter(|&k| scores[k] > 0.0)
            .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)))
        {
            idx.push(best);
        }
    }
    if let Some(top) = opts.top {
        idx.truncate(top);
    }
    idx
}

fn named(tax: &Taxonomy, scores: &[f64]) -> BTreeMap<String, f64> {
    tax.themes
        .iter()
        .zip(scores)
        .map(|(t, &s)| (t.id.clone(), (s * 1e6).round() / 1e6))
        .collect()
}

/// A document's themes aggregated from its sentences.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Aggregate {
    /// Themes that label at least `min_share` of the sentences, by share, best first.
    pub labels: Vec<String>,
    /// Per theme, the share of the document's body sentences (not boilerplate, title or headings) it labels.
    pub shares: BTreeMap<String, f64>,
}

/// Aggregates sentence predictions into document themes: a theme's share is the fraction of
/// body sentences whose labels include it; themes with at least `min_share` are
/// the document's labels.
///
/// ```
/// use brief_classify::{aggregate, Classifier, LexiconModel, Taxonomy};
///
/// let model = LexiconModel::new(Taxonomy::builtin());
/// let doc = brief_tokenize::analyze("We will train a high-level talent team.\
///     Young scientists will lead projects.Venture capital loans will grow.");
/// let agg = aggregate(model.taxonomy(), &doc, &model.classify_sentences(&doc, Default::default()), 0.5);
/// assert_eq!(agg.labels, ["talent"]);
/// assert!((agg.shares["talent"] - 2.0 / 3.0).abs() < 1e-6);
/// ```
pub fn aggregate(
    taxonomy: &Taxonomy,
    doc: &Document,
    sentences: &[SentencePrediction],
    min_share: f64,
) -> Aggregate {
    let counted: Vec<&SentencePrediction> = sentences
        .iter()
        .filter(|s| {
            doc.sentences()
                .get(s.index)
                .is_some_and(gets_sentence_themes)
        })
        .collect();
    let counts: Vec<usize> = taxonomy
        .themes
        .iter()
        .map(|t| counted.iter().filter(|s| s.labels.contains(&t.id)).count())
        .collect();
    aggregate_counts(taxonomy, &counts, counted.len(), min_share)
}

/// [`aggregate`] from the number of counted sentences each theme labels.
fn aggregate_counts(
    taxonomy: &Taxonomy,
    counts: &[usize],
    counted: usize,
    min_share: f64,
) -> Aggregate {
    let n = counted.max(1) as f64;
    let shares: BTreeMap<String, f64> = taxonomy
        .themes
        .iter()
        .zip(counts)
        .map(|(t, &c)| (t.id.clone(), (c as f64 / n * 1e6).round() / 1e6))
        .collect();
    let mut labels: Vec<(&String, f64)> = shares
        .iter()
        .filter(|(_, &v)| v >= min_share && v > 0.0)
        .map(|(k, &v)| (k, v))
        .collect();
    labels.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
    Aggregate {
        labels: labels.into_iter().map(|(k, _)| k.clone()).collect(),
        shares,
    }
}

/// Documents with at least this many body sentences get their themes aggregated from their
/// sentences too.
pub const AGGREGATE_MIN_SENTENCES: usize = 5;
/// A theme labels a document by aggregation when it labels at least this share of its
/// sentences.
pub const AGGREGATE_MIN_SHARE: f64 = 0.15;

/// Everything brief reports about a document's themes: its labels and scores, the evidence
/// (on request), the themes aggregated from its sentences (for texts of
/// [`AGGREGATE_MIN_SENTENCES`] or more body sentences, or on request) and each sentence's
/// themes (on request). This is the `brief classify` JSON object and the Python result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentThemes {
    /// Predicted theme ids, best first.
    pub labels: Vec<String>,
    /// Score per theme id.
    pub scores: BTreeMap<String, f64>,
    /// The lexicon terms that fired.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Vec<Evidence>>,
    /// With explanations, the nearest training texts whose themes voted (a model trained
    /// with neighbours).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub neighbors: Option<Vec<Neighbor>>,
    /// The themes aggregated from the sentences.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aggregate: Option<Aggregate>,
    /// Each sentence's themes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentences: Option<Vec<SentencePrediction>>,
}

/// Classifies a document for a report: see [`DocumentThemes`].
///
/// ```
/// use brief_classify::{document_themes, Classifier, LexiconModel, Taxonomy};
///
/// let model = LexiconModel::new(Taxonomy::builtin());
/// let doc = brief_tokenize::analyze("We will train a high-level talent team.");
/// let t = document_themes(&model, &doc, Default::default(), true, true);
/// assert_eq!(t.labels, ["talent"]);
/// assert_eq!(t.sentences.unwrap().len(), 1);
/// assert!(!t.evidence.unwrap().is_empty());
/// ```
pub fn document_themes<C: Classifier + ?Sized>(
    c: &C,
    doc: &Document,
    opts: PredictOptions,
    per_sentence: bool,
    explain: bool,
) -> DocumentThemes {
    let p = c.classify_with(doc, opts);
    let body = doc.sentences().iter().filter(|s| s.kind.is_body()).count();
    let sentence_opts = PredictOptions {
        fallback: false,
        ..opts
    };
    let (aggregate, sentences) = if per_sentence {
        let s = c.classify_sentences(doc, sentence_opts);
        let agg = aggregate(c.taxonomy(), doc, &s, AGGREGATE_MIN_SHARE);
        (Some(agg), Some(s))
    } else if body >= AGGREGATE_MIN_SENTENCES {
        // The same decisions as `classify_sentences`, counted without building a report per
        // sentence (a text of a million sentences would hold a million of them).
        let mut counts = vec![0usize; c.taxonomy().len()];
        let mut counted = 0;
        for i in 0..doc.sentences().len() {
            if let Some((idx, _)) = sentence_decision(c, doc, i, sentence_opts) {
                counted += 1;
                idx.into_iter().for_each(|k| counts[k] += 1);
            }
        }
        let agg = aggregate_counts(c.taxonomy(), &counts, counted, AGGREGATE_MIN_SHARE);
        (Some(agg), None)
    } else {
        (None, None)
    };
    DocumentThemes {
        labels: p.labels,
        scores: p.scores,
        evidence: explain.then_some(p.evidence),
        neighbors: explain
            .then(|| c.neighbors(doc, 0..doc.sentences().len()))
            .filter(|n| !n.is_empty()),
        aggregate,
        sentences,
    }
}
