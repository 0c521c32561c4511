//! Multi-label evaluation metrics.

use crate::taxonomy::Taxonomy;
use serde::{Deserialize, Serialize};

/// Precision, recall and F1 of one theme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeMetrics {
    /// Theme id.
    pub theme: String,
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
    /// Number of texts that carry the theme.
    pub support: usize,
}

/// Metrics over a labelled corpus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    /// Number of texts.
    pub docs: usize,
    /// Micro-averaged precision.
    pub micro_precision: f64,
    /// Micro-averaged recall.
    pub micro_recall: f64,
    /// Micro-averaged F1.
    pub micro_f1: f64,
    /// Macro-averaged precision (themes with support).
    pub macro_precision: f64,
    /// Macro-averaged recall (themes with support).
    pub macro_recall: f64,
    /// Macro-averaged F1 (themes with support).
    pub macro_f1: f64,
    /// Share of texts whose best-scored theme is one of their labels.
    pub precision_at_1: f64,
    /// Share of texts whose predicted label set equals the gold set.
    pub subset_accuracy: f64,
    /// Per theme.
    pub per_theme: Vec<ThemeMetrics>,
}

/// Computes metrics from gold and predicted theme indices, and each text's best-scored theme.
///
/// ```
/// let tax = brief_classify::Taxonomy::builtin();
/// let gold = vec![vec![0], vec![1, 2]];
/// let pred = vec![vec![0], vec![1]];
/// let m = brief_classify::metrics(&tax, &gold, &pred, &[Some(0), Some(2)]);
/// assert_eq!(m.micro_precision, 1.0);
/// assert!((m.micro_recall - 2.0 / 3.0).abs() < 1e-12);
/// assert_eq!(m.precision_at_1, 1.0);
/// assert_eq!(m.subset_accuracy, 0.5);
/// ```
pub fn metrics(
    taxonomy: &Taxonomy,
    gold: &[Vec<usize>],
    pred: &[Vec<usize>],
    best: &[Option<usize>],
) -> Metrics {
    let k = taxonomy.len();
    let (mut tp, mut fp, mut fnn, mut support) = (
        vec![0usize; k],
        vec![0usize; k],
        vec![0usize; k],
        vec![0usize; k],
    );
    let mut exact = 0usize;
    let mut p1 = 0usize;
    for i in 0..gold.len() {
        let g = &gold[i];
        let p = &pred[i];
        for &t in g {
            support[t] += 1;
            if p.contains(&t) {
                tp[t] += 1;
            } else {
                fnn[t] += 1;
            }
        }
        for &t in p {
            if !g.contains(&t) {
                fp[t] += 1;
            }
        }
        let mut gs = g.clone();
        let mut ps = p.clone();
        gs.sort_unstable();
        gs.dedup();
        ps.sort_unstable();
        ps.dedup();
        if gs == ps {
            exact += 1;
        }
        if let Some(b) = best.get(i).copied().flatten() {
            if g.contains(&b) {
                p1 += 1;
            }
        }
    }
    let div = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let f1 = |p: f64, r: f64| {
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    };
    let per_theme: Vec<ThemeMetrics> = (0..k)
        .map(|t| {
            let p = div(tp[t], tp[t] + fp[t]);
            let r = div(tp[t], tp[t] + fnn[t]);
            ThemeMetrics {
                theme: taxonomy.themes[t].id.clone(),
                precision: p,
                recall: r,
                f1: f1(p, r),
                support: support[t],
            }
        })
        .collect();
    let (stp, sfp, sfn) = (
        tp.iter().sum(),
        fp.iter().sum::<usize>(),
        fnn.iter().sum::<usize>(),
    );
    let mp = div(stp, stp + sfp);
    let mr = div(stp, stp + sfn);
    let with: Vec<&ThemeMetrics> = per_theme.iter().filter(|m| m.support > 0).collect();
    let mean = |f: &dyn Fn(&ThemeMetrics) -> f64| {
        if with.is_empty() {
            0.0
        } else {
            with.iter().map(|m| f(m)).sum::<f64>() / with.len() as f64
        }
    };
    Metrics {
        docs: gold.len(),
        micro_precision: mp,
        micro_recall: mr,
        micro_f1: f1(mp, mr),
        macro_precision: mean(&|m| m.precision),
        macro_recall: mean(&|m| m.recall),
        macro_f1: mean(&|m| m.f1),
        precision_at_1: div(p1, gold.len()),
        subset_accuracy: div(exact, gold.len()),
        per_theme,
    }
}
