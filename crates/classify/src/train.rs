//! Training from JSON Lines, cross-validation, and the model file.

use crate::classifier::{decide, Classifier, PredictOptions};
use crate::error::{Error, ErrorKind};
use crate::features::Featurizer;
use crate::hybrid::HybridModel;
use crate::lexicon::LexiconModel;
use crate::linear::{tune_thresholds, LinearModel, Rng, TrainConfig};
use crate::metrics::{metrics, Metrics};
use crate::taxonomy::Taxonomy;
use brief_tokenize::Document;
use ndarray::{Array1, Array2};
use serde::{Deserialize, Serialize};
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
    /// Its theme ids.
    pub labels: Vec<String>,
}

/// Reads labelled JSON Lines (`id`, `text`, `labels` by default). A malformed line, or a label
/// that is not in the taxonomy, is an error naming the line.
pub fn read_records(
    jsonl: &str,
    taxonomy: &Taxonomy,
    text_field: &str,
    labels_field: &str,
) -> Result<Vec<Record>, Error> {
    let mut out = Vec::new();
    for (i, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = |m: String| {
            Error::new(ErrorKind::Corpus {
                what: format!("line {}", i + 1),
                message: m,
            })
        };
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| bad(e.to_string()))?;
        let text = v[text_field]
            .as_str()
            .ok_or_else(|| bad(format!("no string field `{text_field}`")))?
            .to_owned();
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
        out.push(Record { id, text, labels });
    }
    Ok(out)
}

struct Prepared {
    docs: Vec<Document>,
    labels: Vec<Vec<usize>>,
}

fn prepare(records: &[Record], taxonomy: &Taxonomy) -> Result<Prepared, Error> {
    let docs = records
        .iter()
        .map(|r| brief_tokenize::analyze(&r.text))
        .collect();
    let labels = records
        .iter()
        .map(|r| r.labels.iter().map(|l| taxonomy.require(l)).collect())
        .collect::<Result<_, _>>()?;
    Ok(Prepared { docs, labels })
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
        weights,
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
            for &i in &held {
                let d = &p.docs[i];
                let r = 0..d.sentences().len();
                let a = lin.scores(d, r.clone());
                let lx = lexicon.scores(d, r);
                stack_x.push(HybridModel::stack_input(&a, &lx));
                stack_y.push(p.labels[i].clone());
                let blend = HybridModel::combine(&a, &lx, cfg.lexicon_weight);
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
    Ok(HybridModel {
        linear,
        lexicon,
        lexicon_weight: cfg.lexicon_weight,
        thresholds: hyb_t,
        sentence_lexicon_weight: cfg.sentence_lexicon_weight,
        sentence_threshold: cfg.sentence_threshold,
        stack,
    })
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
///     records.push(Record { id: i.to_string(), text, labels: vec![label.into()] });
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
    let tax = c.taxonomy();
    let mut pred = Vec::new();
    let mut best = Vec::new();
    for d in docs {
        let s = c.scores(d, 0..d.sentences().len());
        let labels = decide(
            c,
            &s,
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
    (pred, best)
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
    let kinds = [ModelKind::Lexicon, ModelKind::Linear, ModelKind::Hybrid];
    let mut sums: Vec<Vec<Metrics>> = vec![Vec::new(); kinds.len()];
    for f in 0..folds {
        let test: Vec<usize> = order.iter().copied().skip(f).step_by(folds).collect();
        let test_set: std::collections::HashSet<usize> = test.iter().copied().collect();
        let fit: Vec<usize> = order
            .iter()
            .copied()
            .filter(|i| !test_set.contains(i))
            .collect();
        let model = train_prepared(&taxonomy, &p, &fit, cfg)?;
        let docs: Vec<&Document> = test.iter().map(|&i| &p.docs[i]).collect();
        let gold: Vec<Vec<usize>> = test.iter().map(|&i| p.labels[i].clone()).collect();
        for (k, kind) in kinds.iter().enumerate() {
            let (pred, best) = match kind {
                ModelKind::Lexicon => predict_indices(&model.lexicon, docs.iter().copied()),
                ModelKind::Linear => predict_indices(&model.linear, docs.iter().copied()),
                ModelKind::Hybrid => predict_indices(&model, docs.iter().copied()),
            };
            sums[k].push(metrics(&taxonomy, &gold, &pred, &best));
        }
    }
    Ok(kinds
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
    /// Serializes the model (with its taxonomy, settings and provenance) as JSON.
    pub fn to_json(&self, info: &ModelInfo, cfg: &TrainConfig) -> String {
        let round = |x: f32| (x * 1e5).round() / 1e5;
        let f = ModelFile {
            format: MODEL_FORMAT,
            kind: MODEL_KIND.into(),
            source: info.source.clone(),
            trained_docs: info.trained_docs,
            taxonomy: self.linear.taxonomy.as_ref().clone(),
            config: cfg.clone(),
            featurizer: self.linear.featurizer.clone(),
            weights: self.linear.weights.iter().map(|&x| round(x)).collect(),
            bias: self.linear.bias.iter().map(|&x| round(x)).collect(),
            linear_thresholds: self.linear.thresholds.clone(),
            hybrid_thresholds: self.thresholds.clone(),
            lexicon_weight: self.lexicon_weight,
            stack: self.stack.as_ref().map(|st| {
                st.iter()
                    .map(|w| w.iter().map(|&x| (x * 1e6).round() / 1e6).collect())
                    .collect()
            }),
        };
        serde_json::to_string(&f).unwrap_or_default()
    }

    /// Loads and validates a model from JSON. With `expect`, the model's themes must equal
    /// that taxonomy's (same ids, same order).
    pub fn from_json(
        json: &str,
        expect: Option<&Taxonomy>,
    ) -> Result<(HybridModel, ModelInfo), Error> {
        let f: ModelFile = serde_json::from_str(json).map_err(|e| {
            let msg = if e.is_eof() {
                format!("the file ends too early (truncated?): {e}")
            } else {
                e.to_string()
            };
            Error::model(msg)
        })?;
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
        let mut featurizer = f.featurizer;
        featurizer.index()?;
        let nf = featurizer.len();
        if f.weights.len() != nf * k {
            return Err(Error::model(format!(
                "{} weights for {nf} features × {k} themes",
                f.weights.len()
            )));
        }
        if f.bias.len() != k || f.linear_thresholds.len() != k || f.hybrid_thresholds.len() != k {
            return Err(Error::model(format!(
                "bias and thresholds must have {k} entries"
            )));
        }
        if let Some(x) = f
            .weights
            .iter()
            .chain(&f.bias)
            .find(|x| !x.is_finite() || x.abs() > 1e4)
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
        let taxonomy = Arc::new(f.taxonomy);
        let weights =
            Array2::from_shape_vec((nf, k), f.weights).map_err(|e| Error::model(e.to_string()))?;
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
            },
            ModelInfo {
                source: f.source,
                trained_docs: f.trained_docs,
            },
        ))
    }

    /// Loads and validates a model file (see [`HybridModel::from_json`]).
    pub fn from_file(
        path: impl AsRef<std::path::Path>,
        expect: Option<&Taxonomy>,
    ) -> Result<(HybridModel, ModelInfo), Error> {
        let path = path.as_ref();
        let json = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        HybridModel::from_json(&json, expect).map_err(|e| e.in_source(&path.display().to_string()))
    }

    /// The model shipped with brief, trained on the EC-OECD STIP Compass (2021) initiatives.
    pub fn builtin() -> Result<Arc<HybridModel>, Error> {
        static M: std::sync::OnceLock<Result<Arc<HybridModel>, String>> =
            std::sync::OnceLock::new();
        M.get_or_init(|| {
            HybridModel::from_json(BUILTIN_MODEL, None)
                .map(|(m, _)| Arc::new(m))
                .map_err(|e| e.to_string())
        })
        .clone()
        .map_err(|m| Error::model(format!("builtin model: {m}")))
    }
}

const BUILTIN_MODEL: &str = include_str!("../../../data/models/themes-hybrid.json");
