use super::{max_abs, AnyScorer, ScoredParts, SentenceScorer};
use crate::error::Error;
use brief_tokenize::Document;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, OnceLock};

/// The format tag of a learned scorer model file.
pub const LEARNED_FORMAT: &str = "brief-learned-scorer/1";

/// The shipped model (`data/models/summarizer.json`); see the README for the command that
/// reproduces it.
const BUILTIN_MODEL: &str = include_str!("../../../../data/models/summarizer.json");

/// One per-sentence feature of a [`Learned`] scorer. Every feature is 0 for sentences that are
/// not body text.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Feature {
    /// Another scorer's output, divided by its largest absolute value in the document.
    Scorer {
        /// The scorer.
        scorer: AnyScorer,
    },
    /// `1 / (1 + k)` for the k-th body sentence.
    Lead,
    /// 1 for the k-th body sentence (k = `rank`), else 0.
    Rank {
        /// The body-sentence rank (0 = the first body sentence).
        rank: usize,
    },
    /// `k / (n - 1)`: where the sentence sits among the n body sentences (0 first, 1 last).
    RelativePosition,
    /// 1 if the sentence opens a paragraph.
    ParagraphStart,
    /// 1 if the sentence carries a figure: an amount, a percentage or a count.
    Figures,
    /// `min(words, 60) / 60`.
    Length,
    /// 1 for a sentence of fewer than `words` words.
    Shorter {
        /// The word count.
        words: usize,
    },
    /// 1 for a sentence of more than `words` words.
    Longer {
        /// The word count.
        words: usize,
    },
    /// 1 if the sentence holds a quotation (opening quote marks).
    Quote,
    /// Another feature times the summary's selectivity, `1 - share`, where `share` is the
    /// part of the body sentences the summary keeps: position matters more when a summary
    /// keeps 3 of 30 sentences than when it keeps 9 of 20.
    Selective {
        /// The feature.
        feature: Box<Feature>,
    },
}

/// A named feature with its weight.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weighted {
    /// The name shown in explanations.
    pub name: String,
    /// The feature.
    pub feature: Feature,
    /// Its weight in the logistic model.
    #[serde(default)]
    pub weight: f64,
}

/// A learned sentence scorer: a logistic model over per-sentence features (position, the
/// centrality and keyword scorers, title overlap, cue phrases, length, figures), trained on
/// greedy-ROUGE oracle labels. The score is the model's probability that an editor keeps the
/// sentence.
///
/// `Learned::default()` is the shipped model (`data/models/summarizer.json`), fitted on three
/// kinds of news (see the README for the corpora and the command that reproduces it);
/// [`Learned::from_json`] reads another one.
///
/// ```
/// use brief_summarize::{Learned, SentenceScorer};
///
/// let doc = brief_tokenize::analyze(
///     "The province will invest 2 billion yuan in key laboratories this year.\
///      Officials met in the capital.\
///      The laboratories will recruit 300 researchers.",
/// );
/// let s = Learned::default().score(&doc);
/// assert_eq!(s.len(), 3);
/// assert!(s.iter().all(|&x| (0.0..=1.0).contains(&x)));
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(try_from = "LearnedFile")]
pub struct Learned {
    /// The model file's format tag ([`LEARNED_FORMAT`]).
    pub format: String,
    /// Where the model came from (corpora, command).
    pub source: String,
    /// The weighted features.
    pub features: Vec<Weighted>,
    /// The intercept.
    pub bias: f64,
}

/// The serialized form: every field optional, so that `{"type": "learned"}` is the shipped
/// model.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LearnedFile {
    format: Option<String>,
    source: Option<String>,
    features: Option<Vec<Weighted>>,
    bias: Option<f64>,
}

impl TryFrom<LearnedFile> for Learned {
    type Error = String;
    fn try_from(f: LearnedFile) -> Result<Self, String> {
        match f.features {
            None if f.bias.is_none() && f.format.is_none() && f.source.is_none() => {
                Ok(Learned::default())
            }
            None => Err("a learned model needs `features`".into()),
            Some(features) => Ok(Learned {
                format: f.format.unwrap_or_else(|| LEARNED_FORMAT.to_owned()),
                source: f.source.unwrap_or_default(),
                features,
                bias: f.bias.unwrap_or(0.0),
            }),
        }
    }
}

impl Default for Learned {
    /// The shipped model.
    fn default() -> Self {
        static MODEL: OnceLock<Learned> = OnceLock::new();
        MODEL
            .get_or_init(|| {
                Learned::from_json(BUILTIN_MODEL).unwrap_or_else(|e| {
                    panic!("data/models/summarizer.json, shipped in this build, does not load: {e}")
                })
            })
            .clone()
    }
}

impl Learned {
    /// The shipped model (`data/models/summarizer.json`).
    ///
    /// Like every `builtin()` in brief: parsed once per process and shared (an `Arc`); the
    /// shipped file is checked by a unit test, so a failure to load it is a defect of the
    /// build, which panics naming the file, never silently empty data.
    pub fn builtin() -> Arc<Learned> {
        static MODEL: OnceLock<Arc<Learned>> = OnceLock::new();
        MODEL.get_or_init(|| Arc::new(Learned::default())).clone()
    }

    /// Reads and validates a model file.
    pub fn from_json(json: &str) -> Result<Learned, Error> {
        let m: Learned = serde_json::from_str(json)
            .map_err(|e| Error::json("learned scorer model", "learned scorer", e))?;
        m.validate()?;
        Ok(m)
    }

    /// The model as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks the format tag, the weights and every inner scorer.
    pub fn validate(&self) -> Result<(), Error> {
        if self.format != LEARNED_FORMAT {
            return Err(Error::config(format!(
                "learned scorer: format `{}` is not `{LEARNED_FORMAT}`",
                self.format
            )));
        }
        if self.features.is_empty() || self.features.len() > 64 {
            return Err(Error::config("learned scorer: 1 to 64 features"));
        }
        super::check_finite("learned.bias", self.bias, -1e3, 1e3)?;
        for f in &self.features {
            super::check_finite("learned weight", f.weight, -1e3, 1e3)?;
            match &f.feature {
                Feature::Scorer { scorer } => {
                    if matches!(scorer, AnyScorer::Learned(_)) {
                        return Err(Error::config(
                            "learned scorer: a feature cannot be another learned scorer",
                        ));
                    }
                    scorer.validate()?
                }
                Feature::Rank { rank } if *rank > 1000 => {
                    return Err(Error::config("learned scorer: rank above 1000"))
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The feature matrix of a document for a summary that keeps `share` of its body
    /// sentences: one row per sentence, one column per feature.
    pub fn feature_matrix(features: &[Weighted], doc: &Document, share: f64) -> Vec<Vec<f64>> {
        let n = doc.sentences().len();
        let cols = columns(features, doc, share);
        (0..n)
            .map(|i| cols.iter().map(|c| c[i]).collect())
            .collect()
    }
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// Whether a sentence carries a figure: a number next to a unit, a currency or a percentage,
/// or a number of at least two digits.
pub(crate) fn has_figure(s: &str) -> bool {
    let lower = s.to_lowercase();
    const UNITS: &[&str] = &[
        "%", "percent", "per cent", "billion", "million", "trillion", "yuan", "rmb", "cny", "usd",
        "dollars", "euros", "$", "€", "£", "¥", "亿", "万", "元",
    ];
    let digits = lower.chars().filter(|c| c.is_ascii_digit()).count();
    if digits == 0 {
        return false;
    }
    UNITS.iter().any(|u| lower.contains(u)) || digits >= 2
}

/// The share of body sentences a default summary of three sentences keeps.
pub(crate) fn default_share(doc: &Document) -> f64 {
    let body = doc.sentences().iter().filter(|s| s.kind.is_body()).count();
    if body == 0 {
        1.0
    } else {
        (3.0 / body as f64).min(1.0)
    }
}

/// Every feature's column. A scorer that several features use (itself and its selective
/// form) is run once per document: its scores come from the document's memo.
fn columns(features: &[Weighted], doc: &Document, share: f64) -> Vec<Vec<f64>> {
    features
        .iter()
        .map(|f| column_at(&f.feature, doc, share))
        .collect()
}

/// One feature's column for a summary that keeps `share` of the body sentences.
fn column_at(f: &Feature, doc: &Document, share: f64) -> Vec<f64> {
    match f {
        Feature::Selective { feature } => {
            let sel = 1.0 - share.clamp(0.0, 1.0);
            let mut c = column_at(feature, doc, share);
            c.iter_mut().for_each(|x| *x *= sel);
            c
        }
        _ => feature_column(f, doc),
    }
}

/// One feature's column; `Selective` features are handled by [`column_at`].
fn feature_column(f: &Feature, doc: &Document) -> Vec<f64> {
    let sents = doc.sentences();
    let n = sents.len();
    let body_total = sents.iter().filter(|s| s.kind.is_body()).count();
    let mut out = Vec::with_capacity(n);
    if let Feature::Scorer { scorer } = f {
        let raw = super::memo_scores(scorer, doc);
        let max = max_abs(&raw);
        out.extend(raw.iter().map(|&x| {
            let v = if max > 0.0 { x / max } else { 0.0 };
            if v.is_finite() {
                v
            } else {
                0.0
            }
        }));
        out.resize(n, 0.0);
        return out;
    }
    let mut k = 0usize;
    for (i, s) in sents.iter().enumerate() {
        if !s.kind.is_body() {
            out.push(0.0);
            continue;
        }
        let words = s.word_count();
        let v = match f {
            Feature::Scorer { .. } | Feature::Selective { .. } => 0.0,
            Feature::Lead => 1.0 / (1.0 + k as f64),
            Feature::Rank { rank } => f64::from(u8::from(k == *rank)),
            Feature::RelativePosition => {
                if body_total > 1 {
                    k as f64 / (body_total - 1) as f64
                } else {
                    0.0
                }
            }
            Feature::ParagraphStart => f64::from(u8::from(s.first_in_paragraph)),
            Feature::Figures => f64::from(u8::from(has_figure(doc.sentence_text(i)))),
            Feature::Length => words.min(60) as f64 / 60.0,
            Feature::Shorter { words: w } => f64::from(u8::from(words < *w)),
            Feature::Longer { words: w } => f64::from(u8::from(words > *w)),
            Feature::Quote => {
                let t = doc.sentence_text(i);
                f64::from(u8::from(
                    t.contains('"') || t.contains('\u{201C}') || t.contains('\u{300C}'),
                ))
            }
        };
        out.push(v);
        k += 1;
    }
    out
}

impl Learned {
    /// The total scores of [`SentenceScorer::score_parts_at`] without the parts: the features'
    /// columns are added one at a time, so memory holds two columns, not one per feature (on a
    /// text of a million short sentences, 27 columns of 8 MB each, twice).
    pub(crate) fn total_at(&self, doc: &Document, share: f64) -> Vec<f64> {
        super::prepare_scores(self.scorers(), doc);
        let cols = self
            .features
            .iter()
            .map(|f| column_at(&f.feature, doc, share));
        self.total_of(doc, cols)
    }

    /// `sigmoid(bias + sum of weight × column)` for body sentences, 0 for the others; the
    /// columns are added in the features' order, one at a time.
    fn total_of<C: AsRef<[f64]>>(&self, doc: &Document, cols: impl Iterator<Item = C>) -> Vec<f64> {
        let mut z = vec![0.0; doc.sentences().len()];
        for (f, c) in self.features.iter().zip(cols) {
            for (zi, ci) in z.iter_mut().zip(c.as_ref()) {
                *zi += f.weight * ci;
            }
        }
        doc.sentences()
            .iter()
            .zip(&z)
            .map(|(s, &x)| {
                if s.kind.is_body() {
                    sigmoid(self.bias + x)
                } else {
                    0.0
                }
            })
            .collect()
    }

    fn columns(&self, doc: &Document, share: f64) -> Vec<Vec<f64>> {
        super::prepare_scores(self.scorers(), doc);
        columns(&self.features, doc, share)
    }

    /// The scorers its features read, to change them.
    pub(crate) fn scorers_mut(&mut self) -> impl Iterator<Item = &mut AnyScorer> {
        fn inner(f: &mut Feature) -> Option<&mut AnyScorer> {
            match f {
                Feature::Scorer { scorer } => Some(scorer),
                Feature::Selective { feature } => inner(feature),
                _ => None,
            }
        }
        self.features
            .iter_mut()
            .filter_map(|w| inner(&mut w.feature))
    }

    /// The scorers its features read.
    pub(crate) fn scorers(&self) -> impl Iterator<Item = &AnyScorer> + Clone {
        fn inner(f: &Feature) -> Option<&AnyScorer> {
            match f {
                Feature::Scorer { scorer } => Some(scorer),
                Feature::Selective { feature } => inner(feature),
                _ => None,
            }
        }
        self.features.iter().filter_map(|w| inner(&w.feature))
    }
}

impl SentenceScorer for Learned {
    fn validate(&self) -> Result<(), crate::error::Error> {
        Learned::validate(self)
    }

    fn name(&self) -> &str {
        "learned"
    }

    /// Scores for a summary of three sentences; the [`Summarizer`](crate::Summarizer) tells
    /// the scorer the real share through [`SentenceScorer::score_parts_at`].
    fn score_into(&self, doc: &Document, out: &mut Vec<f64>) {
        *out = self.total_at(doc, default_share(doc));
    }

    fn score_parts(&self, doc: &Document) -> ScoredParts {
        self.score_parts_at(doc, default_share(doc))
    }

    fn score_parts_at(&self, doc: &Document, share: f64) -> ScoredParts {
        let cols = self.columns(doc, share);
        let mut out = ScoredParts {
            total: self.total_of(doc, cols.iter()),
            ..ScoredParts::default()
        };
        let n = out.total.len();
        out.parts.push(("bias".to_owned(), self.bias, vec![1.0; n]));
        out.raw.push(vec![1.0; n]);
        for (f, c) in self.features.iter().zip(cols) {
            out.parts.push((f.name.clone(), f.weight, c.clone()));
            out.raw.push(c);
        }
        out
    }
}

/// Fits a learned scorer by L2-regularized logistic regression (Newton's method) on labelled
/// sentences: `rows` are feature vectors, `labels` 0 or 1, `weights` the weight of each row.
/// Returns the feature weights and the intercept (which is not regularized).
pub fn fit_logistic(
    rows: &[Vec<f64>],
    labels: &[f64],
    weights: &[f64],
    l2: f64,
    iterations: usize,
) -> (Vec<f64>, f64) {
    use ndarray::{Array1, Array2};
    let d = rows.first().map_or(0, Vec::len) + 1;
    let mut beta = Array1::<f64>::zeros(d);
    let mut x = Array1::<f64>::zeros(d);
    for _ in 0..iterations {
        let mut grad = Array1::<f64>::zeros(d);
        let mut hess = Array2::<f64>::zeros((d, d));
        for ((row, &y), &w) in rows.iter().zip(labels).zip(weights) {
            x[0] = 1.0;
            for (j, &v) in row.iter().enumerate() {
                x[j + 1] = v;
            }
            let p = sigmoid(x.dot(&beta));
            grad.scaled_add(w * (p - y), &x);
            let h = w * p * (1.0 - p);
            for a in 0..d {
                for b in 0..=a {
                    hess[[a, b]] += h * x[a] * x[b];
                }
            }
        }
        for a in 0..d {
            for b in a + 1..d {
                hess[[a, b]] = hess[[b, a]];
            }
            if a > 0 {
                grad[a] += l2 * beta[a];
                hess[[a, a]] += l2;
            } else {
                hess[[a, a]] += 1e-9;
            }
        }
        let step = solve(hess, grad);
        let change = step.iter().fold(0.0f64, |m, s| m.max(s.abs()));
        beta -= &step;
        if change < 1e-8 {
            break;
        }
    }
    (beta.iter().skip(1).copied().collect(), beta[0])
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting (small dense systems); a
/// singular direction gets 0.
fn solve(mut a: ndarray::Array2<f64>, mut b: ndarray::Array1<f64>) -> ndarray::Array1<f64> {
    let n = b.len();
    for col in 0..n {
        let piv = (col..n)
            .max_by(|&i, &j| a[[i, col]].abs().total_cmp(&a[[j, col]].abs()))
            .unwrap_or(col);
        if piv != col {
            for c in 0..n {
                a.swap([col, c], [piv, c]);
            }
            b.swap(col, piv);
        }
        let p = a[[col, col]];
        if p.abs() < 1e-12 {
            continue;
        }
        for r in col + 1..n {
            let f = a[[r, col]] / p;
            if f != 0.0 {
                for c in col..n {
                    a[[r, c]] -= f * a[[col, c]];
                }
                b[r] -= f * b[col];
            }
        }
    }
    let mut x = ndarray::Array1::<f64>::zeros(n);
    for r in (0..n).rev() {
        let s: f64 = (r + 1..n).map(|c| a[[r, c]] * x[c]).sum();
        x[r] = if a[[r, r]].abs() < 1e-12 {
            0.0
        } else {
            (b[r] - s) / a[[r, r]]
        };
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_streamed_total_equals_the_total_of_the_parts() {
        let doc = brief_tokenize::analyze(
            "Key laboratories were rebuilt.\n\nThe province will invest 2 billion yuan in \
             57 key laboratories. Officials met. \"Talent matters,\" he said. The laboratories \
             will recruit 300 researchers and work with enterprises on core technology.",
        );
        let l = Learned::default();
        for share in [0.1, 0.5, 1.0] {
            assert_eq!(l.total_at(&doc, share), l.score_parts_at(&doc, share).total);
        }
        assert_eq!(l.score(&doc), l.score_parts(&doc).total);
    }

    #[test]
    fn solve_small_system() {
        let x = solve(
            ndarray::arr2(&[[2.0, 1.0], [1.0, 3.0]]),
            ndarray::arr1(&[3.0, 5.0]),
        );
        assert!((x[0] - 0.8).abs() < 1e-12 && (x[1] - 1.4).abs() < 1e-12);
    }

    #[test]
    fn logistic_learns_a_separable_signal() {
        let rows: Vec<Vec<f64>> = (0..200).map(|i| vec![(i % 2) as f64, 0.5]).collect();
        let labels: Vec<f64> = (0..200).map(|i| (i % 2) as f64).collect();
        let (w, b) = fit_logistic(&rows, &labels, &vec![1.0; 200], 1.0, 50);
        assert!(w[0] > 2.0, "{w:?}");
        assert!(sigmoid(b + w[0] + 0.5 * w[1]) > 0.8);
        assert!(sigmoid(b + 0.5 * w[1]) < 0.2);
    }

    #[test]
    fn figures() {
        assert!(has_figure("It will invest 64 billion yuan."));
        assert!(has_figure("Growth was 5%."));
        assert!(has_figure("研发费用270.4亿元"));
        assert!(!has_figure("The meeting was held."));
        assert!(!has_figure("Phase 2 begins."));
    }

    #[test]
    fn shipped_model_is_valid_and_explains() {
        let m = Learned::default();
        m.validate().unwrap();
        let doc = brief_tokenize::analyze("One sentence here about labs.Another about 5% growth.");
        let p = m.score_parts(&doc);
        assert_eq!(p.parts.len(), m.features.len() + 1);
        let s = m.score(&doc);
        assert_eq!(s, p.total);
    }
}
