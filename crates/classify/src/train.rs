//! Training from JSON Lines, cross-validation, and the model file.

use crate::classifier::{decide, Classifier, PredictOptions};
use crate::error::{Error, ErrorKind};
use crate::features::Featurizer;
use crate::hybrid::{HybridModel, InContext};
use crate::knn::{FlatTexts, NeighborTexts, Neighbors};
use crate::lexicon::LexiconModel;
use crate::linear::{tune_thresholds, LinearModel, Rng, TrainConfig};
use crate::metrics::{metrics, Metrics};
use crate::taxonomy::Taxonomy;
use brief_tokenize::Document;
use ndarray::{Array1, Array2, ArrayView2, CowArray, Ix2};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::sync::Arc;

/// The model file format version.
pub const MODEL_FORMAT: u32 = 1;
const MODEL_KIND: &str = "brief-classify/hybrid";

/// A labelled text.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// Its id.
    pub id: String,
    /// Its text.
    pub text: String,
    /// Context that comes with the text and is not part of it (a STIP Compass record's
    /// `background`), or empty. The linear model learns from and reads the text and its
    /// context; the lexicon reads the text alone.
    pub context: String,
    /// Its theme ids.
    pub labels: Vec<String>,
}

impl Record {
    /// Whether the record carries context (more than whitespace).
    ///
    /// ```
    /// use brief_classify::Record;
    ///
    /// let mut r = Record {
    ///     id: "1".into(),
    ///     text: "Seed loans for start-ups.".into(),
    ///     context: " \n".into(),
    ///     labels: vec![],
    /// };
    /// assert!(!r.has_context());
    /// r.context = "Few firms find capital.".into();
    /// assert!(r.has_context());
    /// ```
    pub fn has_context(&self) -> bool {
        !self.context.trim().is_empty()
    }
}

/// Reads labelled JSON Lines (`id`, `text`, `labels` by default; with `context_field`, a
/// string field of context for each text, which may be empty or absent). A malformed line, or
/// a label that is not in the taxonomy, is an error naming the line.
///
/// ```
/// use brief_classify::{read_records, Taxonomy};
///
/// let jsonl = r#"{"id": "a", "text": "Grants for PhD students.", "labels": ["talent"], "background": "A shortage of engineers."}
/// {"id": "b", "text": "Seed loans for start-ups.", "labels": ["funding_finance"]}"#;
/// let records = read_records(jsonl, &Taxonomy::builtin(), "text", Some("background"), "labels").unwrap();
/// assert_eq!(records[0].context, "A shortage of engineers.");
/// assert_eq!(records[1].context, "");
/// ```
pub fn read_records(
    jsonl: &str,
    taxonomy: &Taxonomy,
    text_field: &str,
    context_field: Option<&str>,
    labels_field: &str,
) -> Result<Vec<Record>, Error> {
    let mut out = Vec::new();
    for line in brief_tokenize::jsonl::lines(jsonl.as_bytes()) {
        let line = line.map_err(|e| {
            Error::new(ErrorKind::Corpus {
                what: format!("line {}", e.number),
                message: e.kind.to_string(),
            })
        })?;
        let i = line.number - 1;
        let bad = |m: String| {
            Error::new(ErrorKind::Corpus {
                what: format!("line {}", i + 1),
                message: m,
            })
        };
        let v: serde_json::Value =
            serde_json::from_str(&line.text).map_err(|e| bad(e.to_string()))?;
        let text = v[text_field]
            .as_str()
            .ok_or_else(|| bad(format!("no string field `{text_field}`")))?
            .to_owned();
        let context = match context_field {
            None => String::new(),
            Some(f) => record_context(&v, f).map_err(bad)?.to_owned(),
        };
        let labels: Vec<String> = v[labels_field]
            .as_array()
            .ok_or_else(|| bad(format!("no list field `{labels_field}`")))?
            .iter()
            .map(|l| {
                l.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| bad("labels must be strings".into()))
            })
            .collect::<Result<_, _>>()?;
        for l in &labels {
            taxonomy.require(l).map_err(|e| bad(e.to_string()))?;
        }
        let id = match &v["id"] {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Null => (i + 1).to_string(),
            other => other.to_string(),
        };
        out.push(Record {
            id,
            text,
            context,
            labels,
        });
    }
    Ok(out)
}

struct Prepared {
    ids: Vec<String>,
    docs: Vec<Document>,
    /// How many of each document's sentences are its text (the rest are its context).
    text_sentences: Vec<usize>,
    labels: Vec<Vec<usize>>,
}

/// A JSON record's context from `field`: absent or null is none (`""`), a string is the
/// context, anything else an error message naming the field. `read_records` and `brief
/// classify --context-field` read a record's context this one way.
///
/// ```
/// let v = serde_json::json!({"text": "Grants.", "background": "Few engineers.", "n": 7});
/// assert_eq!(brief_classify::record_context(&v, "background"), Ok("Few engineers."));
/// assert_eq!(brief_classify::record_context(&v, "note"), Ok(""));
/// assert!(brief_classify::record_context(&v, "n").is_err());
/// ```
pub fn record_context<'a>(v: &'a serde_json::Value, field: &str) -> Result<&'a str, String> {
    match v.get(field) {
        None | Some(serde_json::Value::Null) => Ok(""),
        Some(serde_json::Value::String(c)) => Ok(c),
        Some(_) => Err(format!("field `{field}` is not a string")),
    }
}

/// A record's text with its context after it as later paragraphs: the one text that
/// `brief train --context-field` analyses for a record (the text's own sentences are the
/// first [`text_sentences`] of its document).
///
/// ```
/// let joined = brief_classify::join_context("Grants for students.", "Few engineers stay.");
/// assert_eq!(joined, "Grants for students.\n\nFew engineers stay.");
/// ```
pub fn join_context(text: &str, context: &str) -> String {
    format!("{text}\n\n{context}")
}

/// How many of `doc`'s sentences start within its first `text_len` bytes: the sentences of a
/// record's text in a document of [`join_context`] (`text_len` is the text's length).
///
/// ```
/// use brief_classify::{join_context, text_sentences};
///
/// let text = "Grants for students. Loans for firms.";
/// let doc = brief_tokenize::analyze(&join_context(text, "Few engineers stay."));
/// assert_eq!((doc.sentences().len(), text_sentences(&doc, text.len())), (3, 2));
/// ```
pub fn text_sentences(doc: &Document, text_len: usize) -> usize {
    doc.sentences()
        .iter()
        .take_while(|s| s.span.start < text_len)
        .count()
}

/// A record's document (its text, then its context as later paragraphs) and how many of its
/// sentences are the text's.
fn analyze_record(r: &Record) -> (Document, usize) {
    if !r.has_context() {
        let doc = brief_tokenize::analyze(&r.text);
        let n = doc.sentences().len();
        return (doc, n);
    }
    let doc = brief_tokenize::analyze(&join_context(&r.text, &r.context));
    let n = text_sentences(&doc, r.text.len());
    (doc, n)
}

fn prepare(records: &[Record], taxonomy: &Taxonomy) -> Result<Prepared, Error> {
    let (docs, text_sentences) = records.iter().map(analyze_record).unzip();
    let labels = records
        .iter()
        .map(|r| r.labels.iter().map(|l| taxonomy.require(l)).collect())
        .collect::<Result<_, _>>()?;
    Ok(Prepared {
        ids: records.iter().map(|r| r.id.clone()).collect(),
        docs,
        text_sentences,
        labels,
    })
}

fn fit_linear(
    taxonomy: &Arc<Taxonomy>,
    docs: &[&Document],
    labels: &[Vec<usize>],
    cfg: &TrainConfig,
) -> LinearModel {
    let featurizer = Featurizer::fit(
        docs.iter().copied(),
        cfg.min_df,
        cfg.bigrams,
        cfg.lead_weight,
    );
    let x: Vec<_> = docs
        .iter()
        .map(|d| featurizer.transform(d, 0..d.sentences().len()))
        .collect();
    let (weights, bias) =
        LinearModel::fit_weights(featurizer.len(), taxonomy.len(), &x, labels, cfg);
    LinearModel {
        taxonomy: taxonomy.clone(),
        featurizer,
        weights: weights.into(),
        bias,
        thresholds: vec![0.5; taxonomy.len()],
    }
}

fn train_prepared(
    taxonomy: &Arc<Taxonomy>,
    p: &Prepared,
    idx: &[usize],
    cfg: &TrainConfig,
) -> Result<HybridModel, Error> {
    if idx.is_empty() {
        return Err(Error::new(ErrorKind::Training("no training texts".into())));
    }
    let lexicon = LexiconModel::new(taxonomy.clone());
    let k = taxonomy.len();
    let (mut lin_t, mut hyb_t) = (vec![cfg.threshold; k], vec![cfg.threshold; k]);
    let mut stack = None;
    if cfg.threshold_folds >= 2 && idx.len() >= cfg.threshold_folds * 2 {
        // Cross-fitting: out-of-fold scores for every training text.
        let mut order = idx.to_vec();
        Rng::new(cfg.seed ^ 0x5eed).shuffle(&mut order);
        let mut stack_x: Vec<Vec<f64>> = Vec::with_capacity(order.len());
        let mut stack_y: Vec<Vec<usize>> = Vec::with_capacity(order.len());
        let mut lin_scores = vec![Vec::with_capacity(order.len()); k];
        let mut hyb_scores = vec![Vec::with_capacity(order.len()); k];
        let mut gold = vec![Vec::with_capacity(order.len()); k];
        for f in 0..cfg.threshold_folds {
            let held: Vec<usize> = order
                .iter()
                .copied()
                .skip(f)
                .step_by(cfg.threshold_folds)
                .collect();
            let held_set: std::collections::HashSet<usize> = held.iter().copied().collect();
            let fit: Vec<usize> = order
                .iter()
                .copied()
                .filter(|i| !held_set.contains(i))
                .collect();
            let fit_docs: Vec<&Document> = fit.iter().map(|&i| &p.docs[i]).collect();
            let fit_labels: Vec<Vec<usize>> = fit.iter().map(|&i| p.labels[i].clone()).collect();
            let lin = fit_linear(taxonomy, &fit_docs, &fit_labels, cfg);
            let fit_ids: Vec<&str> = fit.iter().map(|&i| p.ids[i].as_str()).collect();
            let near = neighbors_of(&lin, &fit_ids, &fit_docs, &fit_labels, cfg)?;
            for &i in &held {
                let d = &p.docs[i];
                let x = lin.featurizer.transform(d, 0..d.sentences().len());
                let a = lin.predict_features(&x);
                // The hybrid reads the linear scores with the neighbours' votes mixed in; the
                // linear model's own thresholds are tuned on its own scores.
                let mixed = near
                    .as_ref()
                    .map(|nb| crate::knn::mix(&a, &nb.scores(&x, k), cfg.neighbor_weight));
                let m = mixed.as_deref().unwrap_or(&a);
                let lx = lexicon.scores(d, 0..p.text_sentences[i]);
                stack_x.push(HybridModel::stack_input(m, &lx));
                stack_y.push(p.labels[i].clone());
                let blend = HybridModel::combine(m, &lx, cfg.lexicon_weight);
                for t in 0..k {
                    if !cfg.stacker {
                        hyb_scores[t].push(blend[t]);
                    }
                    lin_scores[t].push(a[t]);
                    gold[t].push(p.labels[i].contains(&t));
                }
            }
        }
        lin_t = tune_thresholds(&lin_scores, &gold, cfg.threshold_shrinkage);
        if cfg.stacker {
            let st = fit_stacker(&stack_x, &stack_y, k);
            for x in &stack_x {
                let s = HybridModel::apply_stack(&st, x);
                for t in 0..k {
                    hyb_scores[t].push(s[t]);
                }
            }
            stack = Some(st);
        }
        hyb_t = tune_thresholds(&hyb_scores, &gold, cfg.threshold_shrinkage);
    }
    let all_docs: Vec<&Document> = idx.iter().map(|&i| &p.docs[i]).collect();
    let all_labels: Vec<Vec<usize>> = idx.iter().map(|&i| p.labels[i].clone()).collect();
    let mut linear = fit_linear(taxonomy, &all_docs, &all_labels, cfg);
    linear.thresholds = lin_t;
    let all_ids: Vec<&str> = idx.iter().map(|&i| p.ids[i].as_str()).collect();
    let neighbors = neighbors_of(&linear, &all_ids, &all_docs, &all_labels, cfg)?;
    Ok(HybridModel {
        linear,
        lexicon,
        lexicon_weight: cfg.lexicon_weight,
        thresholds: hyb_t,
        sentence_lexicon_weight: cfg.sentence_lexicon_weight,
        sentence_threshold: cfg.sentence_threshold,
        stack,
        neighbors,
        config: cfg.clone(),
        info: ModelInfo {
            source: String::new(),
            trained_docs: idx.len(),
        },
    })
}

/// With `cfg.neighbors` above 0, the training texts indexed for nearest-neighbour votes, as
/// `lin`'s feature vectors.
fn neighbors_of(
    lin: &LinearModel,
    ids: &[&str],
    docs: &[&Document],
    labels: &[Vec<usize>],
    cfg: &TrainConfig,
) -> Result<Option<Neighbors>, Error> {
    if cfg.neighbors == 0 {
        return Ok(None);
    }
    let texts = NeighborTexts {
        ids: ids.iter().map(|&s| s.to_owned()).collect(),
        themes: labels
            .iter()
            .map(|l| l.iter().map(|&t| t as u16).collect())
            .collect(),
        vectors: docs
            .iter()
            .map(|d| lin.featurizer.transform(d, 0..d.sentences().len()))
            .collect(),
    };
    let themes = lin.taxonomy.len();
    Neighbors::new(texts, cfg.neighbors, lin.featurizer.len(), themes).map(Some)
}

/// Fits the per-theme stacker: logistic regression over `x` (2k inputs) for each theme.
fn fit_stacker(x: &[Vec<f64>], y: &[Vec<usize>], k: usize) -> Vec<Vec<f64>> {
    let d = x.first().map_or(0, Vec::len);
    (0..k)
        .map(|t| {
            let eval = |w: &[f64], g: &mut [f64]| -> f64 {
                g.iter_mut().for_each(|v| *v = 0.0);
                let mut loss = 0.0;
                for (xi, yi) in x.iter().zip(y) {
                    let yt = if yi.contains(&t) { 1.0 } else { 0.0 };
                    let z = w[d] + w[..d].iter().zip(xi).map(|(a, b)| a * b).sum::<f64>();
                    let m = if yt > 0.0 { -z } else { z };
                    loss += if m > 0.0 {
                        m + (-m).exp().ln_1p()
                    } else {
                        m.exp().ln_1p()
                    };
                    let r = 1.0 / (1.0 + (-z).exp()) - yt;
                    for (gv, xv) in g[..d].iter_mut().zip(xi) {
                        *gv += r * xv;
                    }
                    g[d] += r;
                }
                let lambda = 1.0;
                for (gv, wv) in g[..d].iter_mut().zip(&w[..d]) {
                    *gv += lambda * wv;
                }
                loss + 0.5 * lambda * w[..d].iter().map(|v| v * v).sum::<f64>()
            };
            crate::linear::lbfgs(d + 1, 100, eval)
        })
        .collect()
}

/// Trains the hybrid model (and its linear part) on labelled texts.
///
/// ```
/// use brief_classify::{train, Classifier, Record, Taxonomy, TrainConfig};
///
/// let tax = Taxonomy::builtin();
/// let mut records = Vec::new();
/// for i in 0..40 {
///     let (text, label) = if i % 2 == 0 {
///         (format!("Scholarships for doctoral students and young researchers, round {i}."), "talent")
///     } else {
///         (format!("Venture capital loans for start-up financing, call {i}."), "funding_finance")
///     };
///     records.push(Record { id: i.to_string(), text, context: String::new(), labels: vec![label.into()] });
/// }
/// let model = train(&records, tax, &TrainConfig::default()).unwrap();
/// let doc = brief_tokenize::analyze("New scholarships for doctoral researchers.");
/// assert_eq!(model.classify(&doc).labels[0], "talent");
/// ```
pub fn train(
    records: &[Record],
    taxonomy: Arc<Taxonomy>,
    cfg: &TrainConfig,
) -> Result<HybridModel, Error> {
    cfg.validate()?;
    let p = prepare(records, &taxonomy)?;
    let idx: Vec<usize> = (0..records.len()).collect();
    train_prepared(&taxonomy, &p, &idx, cfg)
}

/// Which model [`cross_validate`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelKind {
    /// The lexicon alone.
    Lexicon,
    /// The linear model alone.
    Linear,
    /// Linear plus lexicon prior.
    Hybrid,
}

impl ModelKind {
    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            ModelKind::Lexicon => "lexicon",
            ModelKind::Linear => "linear",
            ModelKind::Hybrid => "hybrid",
        }
    }
}

/// Predictions of a classifier over documents as theme indices (with arg-max fallback) and
/// best themes, for [`metrics`].
pub fn predict_indices<'a, C: Classifier + ?Sized>(
    c: &C,
    docs: impl IntoIterator<Item = &'a Document>,
) -> (Vec<Vec<usize>>, Vec<Option<usize>>) {
    let mut pred = Vec::new();
    let mut best = Vec::new();
    for d in docs {
        let s = c.scores(d, 0..d.sentences().len());
        push_prediction(c, &s, &mut pred, &mut best);
    }
    (pred, best)
}

/// Appends the themes that `c` decides on `s` (with arg-max fallback) and the best theme.
fn push_prediction<C: Classifier + ?Sized>(
    c: &C,
    s: &[f64],
    pred: &mut Vec<Vec<usize>>,
    best: &mut Vec<Option<usize>>,
) {
    let tax = c.taxonomy();
    let labels = decide(
        c,
        s,
        PredictOptions {
            fallback: true,
            ..Default::default()
        },
        true,
    );
    pred.push(labels.iter().filter_map(|l| tax.index_of(l)).collect());
    best.push(
        (0..s.len())
            .max_by(|&a, &b| s[a].total_cmp(&s[b]).then(b.cmp(&a)))
            .filter(|&k| s[k] > 0.0),
    );
}

const KINDS: [ModelKind; 3] = [ModelKind::Lexicon, ModelKind::Linear, ModelKind::Hybrid];

/// The metrics of the model and of its lexicon and linear parts on the prepared texts `idx`.
/// A record with context is scored as [`HybridModel::scores_in_context`] does.
fn evaluate_prepared(
    model: &HybridModel,
    p: &Prepared,
    idx: &[usize],
) -> Vec<(ModelKind, Metrics)> {
    let gold: Vec<Vec<usize>> = idx.iter().map(|&i| p.labels[i].clone()).collect();
    KINDS
        .iter()
        .map(|&kind| {
            let c: &dyn Classifier = match kind {
                ModelKind::Lexicon => &model.lexicon,
                ModelKind::Linear => &model.linear,
                ModelKind::Hybrid => model,
            };
            let (mut pred, mut best) = (Vec::new(), Vec::new());
            for &i in idx {
                let d = &p.docs[i];
                let (all, text) = (0..d.sentences().len(), 0..p.text_sentences[i]);
                let s = match kind {
                    ModelKind::Lexicon => model.lexicon.scores(d, text),
                    ModelKind::Linear => model.linear.scores(d, all),
                    ModelKind::Hybrid => InContext::new(model, text.end).scores(d, all),
                };
                push_prediction(c, &s, &mut pred, &mut best);
            }
            (kind, metrics(model.taxonomy(), &gold, &pred, &best))
        })
        .collect()
}

/// The metrics of a trained model, and of its lexicon and linear parts, on labelled records
/// (with their context, if they have any).
///
/// ```
/// use brief_classify::{evaluate_records, HybridModel, ModelKind, Record};
///
/// let records = vec![Record {
///     id: "1".into(),
///     text: "Scholarships for doctoral students.".into(),
///     context: "Too few young researchers stay in science.".into(),
///     labels: vec!["talent".into()],
/// }];
/// let results = evaluate_records(&HybridModel::builtin(), &records).unwrap();
/// assert_eq!(results[2].0, ModelKind::Hybrid);
/// assert_eq!(results[2].1.docs, 1);
/// ```
pub fn evaluate_records(
    model: &HybridModel,
    records: &[Record],
) -> Result<Vec<(ModelKind, Metrics)>, Error> {
    let p = prepare(records, model.taxonomy())?;
    let idx: Vec<usize> = (0..records.len()).collect();
    Ok(evaluate_prepared(model, &p, &idx))
}

/// k-fold cross-validation: trains on k-1 folds, evaluates on the held-out fold, and averages
/// the metrics over folds for each model kind (the linear and lexicon parts of the hybrid are
/// evaluated on their own too).
pub fn cross_validate(
    records: &[Record],
    taxonomy: Arc<Taxonomy>,
    cfg: &TrainConfig,
    folds: usize,
) -> Result<Vec<(ModelKind, Metrics)>, Error> {
    cfg.validate()?;
    if folds < 2 || folds > records.len() {
        return Err(Error::new(ErrorKind::Training(format!(
            "cannot make {folds} folds of {} texts",
            records.len()
        ))));
    }
    let p = prepare(records, &taxonomy)?;
    let mut order: Vec<usize> = (0..records.len()).collect();
    Rng::new(cfg.seed).shuffle(&mut order);
    let mut sums: Vec<Vec<Metrics>> = vec![Vec::new(); KINDS.len()];
    for f in 0..folds {
        let test: Vec<usize> = order.iter().copied().skip(f).step_by(folds).collect();
        let test_set: std::collections::HashSet<usize> = test.iter().copied().collect();
        let fit: Vec<usize> = order
            .iter()
            .copied()
            .filter(|i| !test_set.contains(i))
            .collect();
        let model = train_prepared(&taxonomy, &p, &fit, cfg)?;
        for (k, (_, m)) in evaluate_prepared(&model, &p, &test).into_iter().enumerate() {
            sums[k].push(m);
        }
    }
    Ok(KINDS
        .iter()
        .zip(sums)
        .map(|(&kind, ms)| (kind, average(&ms)))
        .collect())
}

fn average(ms: &[Metrics]) -> Metrics {
    let n = ms.len().max(1) as f64;
    let avg = |f: &dyn Fn(&Metrics) -> f64| ms.iter().map(f).sum::<f64>() / n;
    let mut per_theme = ms[0].per_theme.clone();
    for (t, pt) in per_theme.iter_mut().enumerate() {
        pt.precision = avg(&|m| m.per_theme[t].precision);
        pt.recall = avg(&|m| m.per_theme[t].recall);
        pt.f1 = avg(&|m| m.per_theme[t].f1);
        pt.support = ms.iter().map(|m| m.per_theme[t].support).sum();
    }
    Metrics {
        docs: ms.iter().map(|m| m.docs).sum(),
        micro_precision: avg(&|m| m.micro_precision),
        micro_recall: avg(&|m| m.micro_recall),
        micro_f1: avg(&|m| m.micro_f1),
        macro_precision: avg(&|m| m.macro_precision),
        macro_recall: avg(&|m| m.macro_recall),
        macro_f1: avg(&|m| m.macro_f1),
        precision_at_1: avg(&|m| m.precision_at_1),
        subset_accuracy: avg(&|m| m.subset_accuracy),
        per_theme,
    }
}

/// The model file: one self-describing JSON document.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelFile {
    format: u32,
    kind: String,
    source: String,
    trained_docs: usize,
    taxonomy: Taxonomy,
    config: TrainConfig,
    featurizer: Featurizer,
    /// Features × themes, row-major.
    weights: Vec<f32>,
    bias: Vec<f32>,
    linear_thresholds: Vec<f64>,
    hybrid_thresholds: Vec<f64>,
    lexicon_weight: f64,
    /// The stacker: per theme, weights over linear logits and lexicon scores, then a bias.
    #[serde(default)]
    stack: Option<Vec<Vec<f64>>>,
    /// The training texts of a model trained with `neighbors` above 0 (in the binary form,
    /// their ids alone: the rest is in `flat`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    neighbors: Option<NeighborTexts>,
    /// The training texts' themes and vectors as the binary form stores them.
    #[serde(skip)]
    flat: Option<FlatTexts>,
}

/// Provenance written into a saved model.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ModelInfo {
    /// Where the training data came from (for example "EC-OECD STIP Compass (2021)").
    pub source: String,
    /// Number of training texts.
    pub trained_docs: usize,
}

impl HybridModel {
    /// The model as its file structure; `round` is applied to the linear weights.
    fn model_file(&self, round: fn(f32) -> f32) -> ModelFile {
        ModelFile {
            format: MODEL_FORMAT,
            kind: MODEL_KIND.into(),
            source: self.info.source.clone(),
            trained_docs: self.info.trained_docs,
            taxonomy: self.linear.taxonomy.as_ref().clone(),
            config: self.config.clone(),
            featurizer: self.linear.featurizer.clone(),
            weights: self.linear.weights.iter().map(|&x| round(x)).collect(),
            bias: self.linear.bias.iter().map(|&x| round(x)).collect(),
            linear_thresholds: self.linear.thresholds.clone(),
            hybrid_thresholds: self.thresholds.clone(),
            lexicon_weight: self.lexicon_weight,
            stack: self.stack.clone(),
            neighbors: self.neighbors.as_ref().map(Neighbors::texts),
            flat: None,
        }
    }

    /// Serializes the model (with its taxonomy, training settings and provenance) as JSON, weights
    /// rounded to five decimals (a readable, diffable file; [`HybridModel::to_bytes`] keeps
    /// every bit and loads faster).
    pub fn to_json(&self) -> String {
        let mut f = self.model_file(|x| (x * 1e5).round() / 1e5);
        f.stack = f.stack.map(|st| {
            st.iter()
                .map(|w| w.iter().map(|&x| (x * 1e6).round() / 1e6).collect())
                .collect()
        });
        serde_json::to_string(&f).unwrap_or_default()
    }

    /// Serializes the model in brief's binary model format (version 2): the magic bytes
    /// [`MODEL_MAGIC`], a JSON header (everything but the vocabulary and the numbers), then the
    /// vocabulary as where each entry ends (little-endian `u32`) and the entries' UTF-8 bytes
    /// end to end, and the IDF values and weights as little-endian `f32`; the numbers are
    /// aligned to 4 bytes from the start (the header ends with spaces, the vocabulary's bytes
    /// with zero bytes), so that a loader reads them in place. It loads several times faster
    /// than JSON and reloads to the same predictions, bit for bit. Version 1 files (each entry
    /// prefixed by its length) still load.
    ///
    /// ```
    /// use brief_classify::HybridModel;
    ///
    /// let model = HybridModel::builtin();
    /// let bytes = model.to_bytes();
    /// let (again, _) = HybridModel::from_bytes(&bytes, None).unwrap();
    /// let doc = brief_tokenize::analyze("The province funds key laboratories.");
    /// use brief_classify::Classifier;
    /// assert_eq!(model.scores(&doc, 0..1), again.scores(&doc, 0..1));
    /// ```
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut f = self.model_file(|x| x);
        let (vocab, idf) = f.featurizer.take_tables();
        let weights = std::mem::take(&mut f.weights);
        // The neighbour texts' ids stay in the header; their themes and vectors follow the
        // weights as numbers.
        let neighbors = f.neighbors.as_mut().map(|n| {
            (
                std::mem::take(&mut n.themes),
                std::mem::take(&mut n.vectors),
            )
        });
        let mut header = serde_json::to_vec(&f).unwrap_or_default();
        // Spaces after the header (JSON ignores them) align what follows to 4 bytes, so that
        // a loader reads the vocabulary's ends in place; zero bytes after the vocabulary's
        // bytes align the numbers.
        let ends_at = MODEL_MAGIC.len() + 8 + header.len() + 8;
        header.resize(header.len() + (4 - ends_at % 4) % 4, b' ');
        let (blob, ends) = vocab.parts();
        let mut out = Vec::with_capacity(
            48 + header.len() + blob.len() + 4 * (ends.len() + idf.len() + weights.len()),
        );
        out.extend_from_slice(MODEL_MAGIC);
        out.extend_from_slice(&(header.len() as u64).to_le_bytes());
        out.extend_from_slice(&header);
        out.extend_from_slice(&(ends.len() as u64).to_le_bytes());
        for e in ends {
            out.extend_from_slice(&e.to_le_bytes());
        }
        out.extend_from_slice(&(blob.len() as u64).to_le_bytes());
        out.extend_from_slice(blob.as_bytes());
        out.resize(out.len() + (4 - out.len() % 4) % 4, 0);
        for xs in [&idf[..], &weights[..]] {
            out.extend_from_slice(&(xs.len() as u64).to_le_bytes());
            for x in xs.iter() {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        if let Some((themes, vectors)) = neighbors {
            // The neighbour texts as five arrays of 4-byte numbers: where each text's themes
            // end, the themes, where each text's vector ends, its feature ids and weights.
            let flat = FlatTexts::from(&NeighborTexts {
                ids: Vec::new(),
                themes,
                vectors,
            });
            for xs in [
                &flat.theme_ends,
                &flat.themes,
                &flat.vector_ends,
                &flat.features,
            ] {
                out.extend_from_slice(&(xs.len() as u64).to_le_bytes());
                for x in xs.iter() {
                    out.extend_from_slice(&x.to_le_bytes());
                }
            }
            out.extend_from_slice(&(flat.weights.len() as u64).to_le_bytes());
            for x in &flat.weights {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        out
    }

    /// Loads and validates a model in the binary format of [`HybridModel::to_bytes`]. With
    /// `expect`, the model's themes must equal that taxonomy's.
    pub fn from_bytes(
        bytes: &[u8],
        expect: Option<&Taxonomy>,
    ) -> Result<(HybridModel, ModelInfo), Error> {
        let (f, weights) = decode(bytes)?.into_owned().into_model_file()?;
        HybridModel::from_model_file(f, weights, expect, true)
    }

    /// Loads and validates a model from JSON. With `expect`, the model's themes must equal
    /// that taxonomy's (same ids, same order).
    pub fn from_json(
        json: &str,
        expect: Option<&Taxonomy>,
    ) -> Result<(HybridModel, ModelInfo), Error> {
        let mut f: ModelFile = serde_json::from_str(json).map_err(|e| {
            let msg = if e.is_eof() {
                format!("the file ends too early (truncated?): {e}")
            } else {
                e.to_string()
            };
            Error::model(msg)
        })?;
        let weights = Cow::Owned(std::mem::take(&mut f.weights));
        HybridModel::from_model_file(f, weights, expect, true)
    }

    /// Validates a parsed model file with its weights (features × themes, row-major; the
    /// file's own `weights` field is not read) and builds the model. Without `check`, the
    /// vocabulary's order and the weights' range are trusted: only for the model compiled into
    /// this build, which a test loads checked.
    fn from_model_file(
        f: ModelFile,
        weights: Cow<'static, [f32]>,
        expect: Option<&Taxonomy>,
        check: bool,
    ) -> Result<(HybridModel, ModelInfo), Error> {
        if f.format != MODEL_FORMAT {
            return Err(Error::model(format!(
                "format version {} is not supported (this brief reads version {MODEL_FORMAT})",
                f.format
            )));
        }
        if f.kind != MODEL_KIND {
            return Err(Error::model(format!(
                "kind `{}` is not `{MODEL_KIND}`",
                f.kind
            )));
        }
        f.taxonomy.validate()?;
        if let Some(t) = expect {
            if t.ids() != f.taxonomy.ids() {
                return Err(Error::model(format!(
                    "it was trained for themes [{}], not [{}]",
                    f.taxonomy.ids().join(", "),
                    t.ids().join(", ")
                )));
            }
        }
        f.config
            .validate()
            .map_err(|e| Error::model(e.to_string()))?;
        let k = f.taxonomy.len();
        let config = f.config.clone();
        let info = ModelInfo {
            source: f.source.clone(),
            trained_docs: f.trained_docs,
        };
        let mut featurizer = f.featurizer;
        featurizer.index(check)?;
        let nf = featurizer.len();
        if weights.len() != nf * k {
            return Err(Error::model(format!(
                "{} weights for {nf} features × {k} themes",
                weights.len()
            )));
        }
        if f.bias.len() != k || f.linear_thresholds.len() != k || f.hybrid_thresholds.len() != k {
            return Err(Error::model(format!(
                "bias and thresholds must have {k} entries"
            )));
        }
        // One branch-free pass over the weights (`!(|x| <= 1e4)` holds for NaN and infinities
        // too), which the compiler vectorizes; the bad value is looked for only if there is one.
        #[allow(clippy::neg_cmp_op_on_partial_ord)]
        let out_of_range = |x: &f32| !(x.abs() <= 1e4);
        let bad = (check && weights.iter().fold(false, |b, x| b | out_of_range(x)))
            || f.bias.iter().any(out_of_range);
        if let Some(x) = bad
            .then(|| weights.iter().chain(&f.bias).find(|x| out_of_range(x)))
            .flatten()
        {
            return Err(Error::model(format!(
                "weight {x} is not a finite number below 1e4"
            )));
        }
        if let Some(x) = f
            .linear_thresholds
            .iter()
            .chain(&f.hybrid_thresholds)
            .find(|x| !(x.is_finite() && (0.0..=1.0).contains(*x)))
        {
            return Err(Error::model(format!("threshold {x} is not in 0..=1")));
        }
        if !(f.lexicon_weight.is_finite() && f.lexicon_weight >= 0.0) {
            return Err(Error::model("lexicon_weight must be finite and >= 0"));
        }
        if let Some(st) = &f.stack {
            if st.len() != k || st.iter().any(|w| w.len() != 2 * k + 1) {
                return Err(Error::model(format!(
                    "the stacker must have {k} rows of {} weights",
                    2 * k + 1
                )));
            }
            if st.iter().flatten().any(|x| !x.is_finite() || x.abs() > 1e4) {
                return Err(Error::model(
                    "a stacker weight is not a finite number below 1e4",
                ));
            }
        }
        let neighbors = match (config.neighbors, f.neighbors, f.flat) {
            (0, None, None) => None,
            (n, Some(texts), None) if n > 0 => Some(Neighbors::new(texts, n, nf, k)?),
            (n, Some(texts), Some(flat)) if n > 0 => {
                Some(Neighbors::from_flat(texts.ids, flat, n, nf, k)?)
            }
            (n, _, _) => {
                return Err(Error::model(format!(
                    "the config asks for {n} neighbours but the file {} training texts",
                    if n == 0 { "keeps" } else { "keeps no" }
                )))
            }
        };
        let taxonomy = Arc::new(f.taxonomy);
        let shape = |e: ndarray::ShapeError| Error::model(e.to_string());
        let weights: CowArray<'static, f32, Ix2> = match weights {
            Cow::Borrowed(w) => ArrayView2::from_shape((nf, k), w).map_err(shape)?.into(),
            Cow::Owned(w) => Array2::from_shape_vec((nf, k), w).map_err(shape)?.into(),
        };
        let linear = LinearModel {
            taxonomy: taxonomy.clone(),
            featurizer,
            weights,
            bias: Array1::from_vec(f.bias),
            thresholds: f.linear_thresholds,
        };
        Ok((
            HybridModel {
                linear,
                lexicon: LexiconModel::new(taxonomy),
                lexicon_weight: f.lexicon_weight,
                thresholds: f.hybrid_thresholds,
                sentence_lexicon_weight: config.sentence_lexicon_weight,
                sentence_threshold: config.sentence_threshold,
                stack: f.stack,
                neighbors,
                config,
                info: info.clone(),
            },
            info,
        ))
    }

    /// Loads and validates a model file, binary ([`HybridModel::from_bytes`], recognized by
    /// its magic bytes) or JSON ([`HybridModel::from_json`]).
    pub fn from_file(
        path: impl AsRef<std::path::Path>,
        expect: Option<&Taxonomy>,
    ) -> Result<(HybridModel, ModelInfo), Error> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let loaded = if binary_version(&bytes).is_some() {
            HybridModel::from_bytes(&bytes, expect)
        } else {
            match std::str::from_utf8(&bytes) {
                Ok(json) => HybridModel::from_json(json, expect),
                Err(_) => Err(Error::model("neither a brief binary model nor UTF-8 JSON")),
            }
        };
        loaded.map_err(|e| e.in_source(&path.display().to_string()))
    }

    /// The model shipped with brief, trained on the EC-OECD STIP Compass (2021) initiatives.
    ///
    /// Like every `builtin()` in brief: parsed once per process and shared (an `Arc`); the
    /// shipped file is checked by a unit test, so a failure to load it is a defect of the
    /// build, which panics naming the file, never silently empty data.
    pub fn builtin() -> Arc<HybridModel> {
        static M: std::sync::OnceLock<Arc<HybridModel>> = std::sync::OnceLock::new();
        M.get_or_init(|| {
            let (m, _) = load_builtin().unwrap_or_else(|e| {
                panic!("data/models/themes-hybrid.bin, shipped in this build, does not load: {e}")
            });
            Arc::new(m)
        })
        .clone()
    }
}

/// Bytes aligned for reading as `f32`.
#[repr(C, align(8))]
struct Aligned<B: ?Sized>(B);

/// The shipped model, in the binary format (`brief train … --model data/models/themes-hybrid.bin`),
/// aligned so that its weights are read in place.
static BUILTIN_MODEL: &Aligned<[u8]> =
    &Aligned(*include_bytes!("../../../data/models/themes-hybrid.bin"));

/// Loads the shipped model, its weights borrowed from the build's bytes. Its vocabulary's order
/// and its weights' range are checked by a test, not at every start-up.
fn load_builtin() -> Result<(HybridModel, ModelInfo), Error> {
    let (f, weights) = decode(&BUILTIN_MODEL.0)?.into_model_file()?;
    HybridModel::from_model_file(f, weights, None, false)
}

/// A binary model as read: its header, and its vocabulary and numbers borrowed from the file's
/// bytes where they are aligned (as [`HybridModel::to_bytes`] writes them) on a little-endian
/// machine.
struct Decoded<'a> {
    file: ModelFile,
    /// The vocabulary's bytes end to end, and where each entry ends.
    blob: Cow<'a, [u8]>,
    ends: Cow<'a, [u32]>,
    idf: Cow<'a, [f32]>,
    weights: Cow<'a, [f32]>,
}

impl Decoded<'_> {
    /// Everything copied out of the file's bytes.
    fn into_owned(self) -> Decoded<'static> {
        Decoded {
            file: self.file,
            blob: Cow::Owned(self.blob.into_owned()),
            ends: Cow::Owned(self.ends.into_owned()),
            idf: Cow::Owned(self.idf.into_owned()),
            weights: Cow::Owned(self.weights.into_owned()),
        }
    }
}

impl Decoded<'static> {
    /// The model file with its vocabulary (checked: UTF-8, entries in order) and IDF values
    /// in place, and its weights.
    fn into_model_file(self) -> Result<(ModelFile, Cow<'static, [f32]>), Error> {
        let mut f = self.file;
        let vocab = crate::features::Strings::from_parts(self.blob, self.ends)?;
        f.featurizer.set_tables(vocab, self.idf);
        Ok((f, self.weights))
    }
}

/// Reads the binary format of [`HybridModel::to_bytes`], version 2 ([`MODEL_MAGIC`]) or 1.
fn decode(bytes: &[u8]) -> Result<Decoded<'_>, Error> {
    let Some(version) = binary_version(bytes) else {
        return Err(Error::model(
            "not a brief binary model (the magic bytes are missing)",
        ));
    };
    let mut r = Reader(&bytes[MODEL_MAGIC.len()..]);
    let n = r.count(1)?;
    let header = r.take(n)?;
    let mut f: ModelFile =
        serde_json::from_slice(header).map_err(|e| Error::model(format!("header: {e}")))?;
    let n = r.count(4)?;
    let (blob, ends) = if version == 2 {
        let ends = r.u32s_of(n)?;
        let len = r.count(1)?;
        let blob = Cow::Borrowed(r.take(len)?);
        r.zero_padding(bytes.len())?;
        (blob, ends)
    } else {
        // Version 1: each entry prefixed by its length, gathered end to end here.
        let mut blob = Vec::with_capacity(r.0.len().min(n.saturating_mul(16)));
        let mut ends = Vec::with_capacity(n);
        for _ in 0..n {
            let len = u32::from_le_bytes(r.array()?) as usize;
            blob.extend_from_slice(r.take(len)?);
            ends.push(
                u32::try_from(blob.len())
                    .map_err(|_| Error::model("the vocabulary holds more than 4 GiB"))?,
            );
        }
        (Cow::Owned(blob), Cow::Owned(ends))
    };
    let idf = r.floats()?;
    let weights = r.floats()?;
    if f.config.neighbors > 0 {
        match &f.neighbors {
            Some(n) if n.themes.is_empty() && n.vectors.is_empty() => {}
            _ => {
                return Err(Error::model(
                    "the header must hold the neighbour texts' ids and nothing else of them",
                ))
            }
        }
        f.flat = Some(FlatTexts {
            theme_ends: r.u32s()?,
            themes: r.u32s()?,
            vector_ends: r.u32s()?,
            features: r.u32s()?,
            weights: r.floats()?.into_owned(),
        });
    }
    if !r.0.is_empty() {
        return Err(Error::model(format!(
            "{} unexpected bytes after the weights",
            r.0.len()
        )));
    }
    Ok(Decoded {
        file: f,
        blob,
        ends,
        idf,
        weights,
    })
}

/// The magic bytes that start a binary theme model (format version 2, which
/// [`HybridModel::to_bytes`] writes).
pub const MODEL_MAGIC: &[u8; 8] = b"BRIEFTM\x02";

/// The magic bytes of version 1 of the binary format (still read).
const MODEL_MAGIC_V1: &[u8; 8] = b"BRIEFTM\x01";

/// The binary format's version that `bytes` start with (their magic bytes), if any.
fn binary_version(bytes: &[u8]) -> Option<u8> {
    if bytes.starts_with(MODEL_MAGIC) {
        Some(2)
    } else if bytes.starts_with(MODEL_MAGIC_V1) {
        Some(1)
    } else {
        None
    }
}

/// Bounds-checked reading of a binary model.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        if n > self.0.len() {
            return Err(Error::model("the file ends too early (truncated?)"));
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Ok(a)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], Error> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }

    /// A count of items of at least `unit` bytes each, checked against the bytes left.
    fn count(&mut self, unit: usize) -> Result<usize, Error> {
        let n = u64::from_le_bytes(self.array()?);
        match usize::try_from(n) {
            Ok(n) if n.saturating_mul(unit) <= self.0.len() => Ok(n),
            _ => Err(Error::model(format!(
                "a count of {n} does not fit in the file (truncated or damaged?)"
            ))),
        }
    }

    /// A count, then that many little-endian `u32`.
    fn u32s(&mut self) -> Result<Vec<u32>, Error> {
        let n = self.count(4)?;
        Ok(self.u32s_of(n)?.into_owned())
    }

    /// Zero bytes up to the next multiple of 4 from the start of the `total` bytes read.
    fn zero_padding(&mut self, total: usize) -> Result<(), Error> {
        let at = total - self.0.len();
        if self.take((4 - at % 4) % 4)?.iter().any(|&b| b != 0) {
            return Err(Error::model(
                "the vocabulary is not followed by zero padding",
            ));
        }
        Ok(())
    }

    /// `n` little-endian `u32`: borrowed when they are aligned on a little-endian machine,
    /// decoded otherwise.
    fn u32s_of(&mut self, n: usize) -> Result<Cow<'a, [u32]>, Error> {
        self.fours(n, u32::from_le_bytes)
    }

    /// A count, then that many little-endian `f32`: borrowed when they are aligned on a
    /// little-endian machine, decoded otherwise.
    fn floats(&mut self) -> Result<Cow<'a, [f32]>, Error> {
        let n = self.count(4)?;
        self.fours(n, f32::from_le_bytes)
    }

    /// `n` little-endian 4-byte numbers, read in place or decoded by `from_le`.
    fn fours<T: bytemuck::Pod>(
        &mut self,
        n: usize,
        from_le: fn([u8; 4]) -> T,
    ) -> Result<Cow<'a, [T]>, Error> {
        let bytes = self.take(n.saturating_mul(4))?;
        if cfg!(target_endian = "little") {
            if let Ok(xs) = bytemuck::try_cast_slice::<u8, T>(bytes) {
                return Ok(Cow::Borrowed(xs));
            }
        }
        Ok(Cow::Owned(
            bytes
                .chunks_exact(4)
                .map(|c| from_le([c[0], c[1], c[2], c[3]]))
                .collect(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_s_text_is_its_first_sentences_and_its_context_the_rest() {
        let record = |text: &str, context: &str| Record {
            id: "1".into(),
            text: text.into(),
            context: context.into(),
            labels: Vec::new(),
        };
        let (doc, n) = analyze_record(&record("Grants for students. Loans for firms.", "  "));
        assert_eq!((doc.sentences().len(), n), (2, 2));
        let (doc, n) = analyze_record(&record(
            "Grants for students. Loans for firms",
            "Few engineers. Slow growth.",
        ));
        assert_eq!((doc.sentences().len(), n), (4, 2));
        assert_eq!(doc.sentence_text(2), "Few engineers.");
    }

    #[test]
    fn the_shipped_model_is_what_to_bytes_writes_with_its_numbers_aligned() {
        let bytes = &BUILTIN_MODEL.0;
        let (model, _) = HybridModel::from_bytes(bytes, None).unwrap();
        assert!(model.to_bytes() == bytes[..], "re-save the shipped model");
        // Read in place: the builtin weights borrow the build's bytes.
        let (builtin, _) = load_builtin().unwrap();
        assert!(builtin.linear.weights.is_view());
        assert!(builtin.linear.featurizer.tables_in_place());
        assert!(!model.linear.weights.is_view());
        assert!(!model.linear.featurizer.tables_in_place());
    }

    /// The binary format of version 1 (each vocabulary entry prefixed by its length).
    fn to_bytes_v1(model: &HybridModel) -> Vec<u8> {
        let v2 = model.to_bytes();
        let Decoded {
            file,
            blob,
            ends,
            idf,
            weights,
        } = decode(&v2).unwrap();
        assert!(file.neighbors.is_none());
        let mut header = serde_json::to_vec(&file).unwrap();
        let strings = blob.len() + 4 * ends.len();
        let floats_at = MODEL_MAGIC_V1.len() + 8 + header.len() + 8 + strings + 8;
        header.resize(header.len() + (4 - floats_at % 4) % 4, b' ');
        let mut out = MODEL_MAGIC_V1.to_vec();
        out.extend_from_slice(&(header.len() as u64).to_le_bytes());
        out.extend_from_slice(&header);
        out.extend_from_slice(&(ends.len() as u64).to_le_bytes());
        let mut start = 0;
        for &end in ends.iter() {
            out.extend_from_slice(&(end - start).to_le_bytes());
            out.extend_from_slice(&blob[start as usize..end as usize]);
            start = end;
        }
        for xs in [&idf[..], &weights[..]] {
            out.extend_from_slice(&(xs.len() as u64).to_le_bytes());
            for x in xs {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        out
    }

    #[test]
    fn a_version_1_file_loads_to_the_same_model() {
        let builtin = HybridModel::builtin();
        let v1 = to_bytes_v1(&builtin);
        assert!(v1.starts_with(MODEL_MAGIC_V1));
        let (old, _) = HybridModel::from_bytes(&v1, None).unwrap();
        assert!(old.to_bytes() == builtin.to_bytes());
        // A version 1 file is recognized as binary, not read as JSON.
        let path = std::env::temp_dir().join(format!("brief-v1-{}.bin", std::process::id()));
        std::fs::write(&path, &v1).unwrap();
        let loaded = HybridModel::from_file(&path, None);
        std::fs::remove_file(&path).unwrap();
        assert!(loaded.unwrap().0.to_bytes() == builtin.to_bytes());
        // Damaged: a vocabulary entry's length past the end is an error, not a panic.
        let mut bad = v1.clone();
        let header = u64::from_le_bytes(bad[8..16].try_into().unwrap()) as usize;
        bad[16 + header + 8..16 + header + 12].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(HybridModel::from_bytes(&bad, None).is_err());
    }

    #[test]
    fn the_vocabulary_padding_must_be_zero() {
        // 5 bytes read of 12: 3 bytes of padding, then the rest.
        let bytes = [1, 2, 3, 4, 5, 0, 0, 0, 9, 9, 9, 9];
        let mut r = Reader(&bytes[5..]);
        r.zero_padding(bytes.len()).unwrap();
        assert_eq!(r.0, [9, 9, 9, 9]);
        let bytes = [1, 2, 3, 4, 5, 0, 7, 0, 9];
        let e = Reader(&bytes[5..]).zero_padding(bytes.len()).unwrap_err();
        assert!(e.to_string().contains("zero padding"), "{e}");
        // Already aligned: nothing to skip.
        let mut r = Reader(&bytes[4..]);
        r.zero_padding(bytes.len()).unwrap();
        assert_eq!(r.0.len(), 5);
    }

    #[test]
    fn misaligned_numbers_are_decoded_not_refused() {
        let bytes = HybridModel::builtin().to_bytes();
        let mut shifted = vec![0u8];
        shifted.extend_from_slice(&bytes);
        let moved = decode(&shifted[1..]).unwrap();
        assert!(matches!(moved.weights, Cow::Owned(_)));
        assert!(matches!(moved.ends, Cow::Owned(_)));
        let in_place = decode(&bytes).unwrap();
        assert!(
            matches!(in_place.weights, Cow::Borrowed(_))
                && matches!(in_place.ends, Cow::Borrowed(_))
                || cfg!(target_endian = "big")
        );
        assert_eq!(moved.weights, in_place.weights);
        assert_eq!(moved.ends, in_place.ends);
        assert_eq!(moved.blob, in_place.blob);
    }

    #[test]
    fn the_shipped_model_passes_every_check_it_skips_at_start_up() {
        let (checked, _) = HybridModel::from_bytes(&BUILTIN_MODEL.0, None).unwrap();
        let (trusted, _) = load_builtin().unwrap();
        let doc = brief_tokenize::analyze(
            "The province will fund 57 key laboratories and train young scientists.",
        );
        assert_eq!(
            crate::Classifier::scores(&checked, &doc, 0..1),
            crate::Classifier::scores(&trusted, &doc, 0..1)
        );
    }
}
