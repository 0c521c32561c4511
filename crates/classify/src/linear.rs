//! The linear model: TF-IDF features and one-vs-rest logistic regression on `ndarray`.

use crate::classifier::Classifier;
use crate::error::Error;
use crate::features::{Featurizer, SparseVec};
use crate::taxonomy::Taxonomy;
use brief_tokenize::Document;
use ndarray::{Array1, Array2, CowArray, Ix2};
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::Arc;

/// Training settings of the linear model (and of the hybrid's prior weight).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TrainConfig {
    /// L-BFGS iterations (stopping early is part of the regularization).
    pub max_iterations: usize,
    /// L2 regularization strength (`1 / C` in liblinear's terms).
    pub l2: f32,
    /// Positive examples of a theme weigh `(negatives / positives) ^ class_weight_power`
    /// (0 turns class weighting off).
    pub class_weight_power: f32,
    /// Features must occur in at least this many training texts.
    pub min_df: usize,
    /// Use stem bigrams as features.
    pub bigrams: bool,
    /// Weight of a text's first sentence in its features.
    pub lead_weight: f32,
    /// Folds of the cross-fitting that tunes per-theme thresholds on out-of-fold scores;
    /// 0 uses `threshold` for every theme.
    pub threshold_folds: usize,
    /// The threshold when `threshold_folds` is 0, and the value that tuned thresholds of
    /// rare themes are pulled towards.
    pub threshold: f64,
    /// How strongly a theme's tuned threshold is pulled towards the global one: as if this
    /// many extra texts had voted for it.
    pub threshold_shrinkage: f64,
    /// Weight of the lexicon prior in the hybrid model's fixed blend.
    pub lexicon_weight: f64,
    /// Weight of the lexicon prior when the hybrid model scores a single sentence.
    pub sentence_lexicon_weight: f64,
    /// The hybrid model's threshold for single sentences.
    pub sentence_threshold: f64,
    /// Learn the hybrid combination per theme (a stacked logistic regression on out-of-fold
    /// scores) instead of the fixed blend.
    pub stacker: bool,
    /// Strength of naive-Bayes feature scaling (NBSVM, Wang & Manning 2012): each feature is
    /// scaled per theme by `1 + nb_scaling * (|log-count ratio| - 1)`; 0 turns it off.
    pub nb_scaling: f64,
    /// Seed of the fold assignment.
    pub seed: u64,
    /// How many nearest training texts vote on a text's themes (0, the default, keeps no
    /// training texts in the model; see [`crate::HybridModel`]). Measured on STIP Compass
    /// with each record's background as context: 20 neighbours gain 0.01 micro-F1 (README).
    #[serde(skip_serializing_if = "is_zero")]
    pub neighbors: usize,
    /// The neighbours' share of the linear score when `neighbors` is above 0, in `0..=1`.
    #[serde(skip_serializing_if = "is_default_neighbor_weight")]
    pub neighbor_weight: f64,
}

/// The default [`TrainConfig::neighbor_weight`].
const NEIGHBOR_WEIGHT: f64 = 0.4;

// Settings left at their defaults are not written, so that a model trained without
// neighbours saves as it did before they existed.
fn is_zero(x: &usize) -> bool {
    *x == 0
}

fn is_default_neighbor_weight(x: &f64) -> bool {
    *x == NEIGHBOR_WEIGHT
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            max_iterations: 50,
            l2: 0.2,
            class_weight_power: 0.0,
            min_df: 3,
            bigrams: true,
            lead_weight: 2.5,
            threshold_folds: 3,
            threshold: 0.3,
            threshold_shrinkage: 300.0,
            lexicon_weight: 0.1,
            nb_scaling: 0.3,
            stacker: false,
            sentence_lexicon_weight: 2.0,
            sentence_threshold: 0.35,
            seed: 42,
            neighbors: 0,
            neighbor_weight: NEIGHBOR_WEIGHT,
        }
    }
}

impl TrainConfig {
    /// Checks the settings.
    pub fn validate(&self) -> Result<(), Error> {
        let bad = |m: &str| Err(Error::new(crate::ErrorKind::Training(m.to_owned())));
        if self.max_iterations == 0 || self.max_iterations > 100_000 {
            return bad("max_iterations must be between 1 and 100000");
        }
        if !(self.l2.is_finite() && self.l2 >= 0.0) {
            return bad("l2 must be >= 0");
        }
        if !(self.class_weight_power.is_finite() && (0.0..=2.0).contains(&self.class_weight_power))
        {
            return bad("class_weight_power must be in 0..=2");
        }
        if self.threshold_folds == 1 || self.threshold_folds > 20 {
            return bad("threshold_folds must be 0 or between 2 and 20");
        }
        if !(self.threshold.is_finite() && (0.0..=1.0).contains(&self.threshold)) {
            return bad("threshold must be in 0..=1");
        }
        if !(self.threshold_shrinkage.is_finite() && self.threshold_shrinkage >= 0.0) {
            return bad("threshold_shrinkage must be >= 0");
        }
        if !(self.lead_weight.is_finite() && self.lead_weight > 0.0 && self.lead_weight <= 100.0) {
            return bad("lead_weight must be in (0, 100]");
        }
        if !(self.nb_scaling.is_finite() && (0.0..=1.0).contains(&self.nb_scaling)) {
            return bad("nb_scaling must be in 0..=1");
        }
        if !(self.sentence_lexicon_weight.is_finite()
            && (0.0..=100.0).contains(&self.sentence_lexicon_weight))
        {
            return bad("sentence_lexicon_weight must be in 0..=100");
        }
        if !(self.sentence_threshold.is_finite() && (0.0..=1.0).contains(&self.sentence_threshold))
        {
            return bad("sentence_threshold must be in 0..=1");
        }
        if !(self.lexicon_weight.is_finite() && (0.0..=10.0).contains(&self.lexicon_weight)) {
            return bad("lexicon_weight must be in 0..=10");
        }
        if self.neighbors > 1000 {
            return bad("neighbors must be between 0 and 1000");
        }
        if !(self.neighbor_weight.is_finite() && (0.0..=1.0).contains(&self.neighbor_weight)) {
            return bad("neighbor_weight must be in 0..=1");
        }
        Ok(())
    }
}

/// A trained one-vs-rest logistic regression over TF-IDF features, with per-theme thresholds.
#[derive(Debug, Clone)]
pub struct LinearModel {
    pub(crate) taxonomy: Arc<Taxonomy>,
    pub(crate) featurizer: Featurizer,
    /// Weights, features × themes: borrowed from the bytes of the model compiled into the
    /// build (nothing copied at start-up, and only the rows of a text's features are read),
    /// owned otherwise.
    pub(crate) weights: CowArray<'static, f32, Ix2>,
    pub(crate) bias: Array1<f32>,
    pub(crate) thresholds: Vec<f64>,
}

pub(crate) fn sigmoid(z: f32) -> f32 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// A small deterministic generator for shuffling (SplitMix64).
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub(crate) fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

impl LinearModel {
    /// Fits weights on feature vectors `x` with label sets `y` (theme indices): minimizes the
    /// class-weighted logistic loss summed over texts and themes plus `l2 / 2 * |W|²` with
    /// L-BFGS (full batch, all themes jointly; the bias is not regularized).
    pub(crate) fn fit_weights(
        n_features: usize,
        n_themes: usize,
        x: &[SparseVec],
        y: &[Vec<usize>],
        cfg: &TrainConfig,
    ) -> (Array2<f32>, Array1<f32>) {
        let k = n_themes;
        let n = x.len();
        // The features are numbered anew for the fit, the most frequent first and each text's
        // in that order: the weight rows that most texts read sit together in memory.
        let mut df = vec![0u32; n_features];
        for xi in x {
            for &(j, _) in xi {
                df[j as usize] += 1;
            }
        }
        let mut order: Vec<u32> = (0..n_features as u32).collect();
        order.sort_by_key(|&j| (std::cmp::Reverse(df[j as usize]), j));
        let mut new_id = vec![0u32; n_features];
        for (new, &old) in order.iter().enumerate() {
            new_id[old as usize] = new as u32;
        }
        let renumbered: Vec<SparseVec> = x
            .iter()
            .map(|xi| {
                let mut v: SparseVec = xi.iter().map(|&(j, w)| (new_id[j as usize], w)).collect();
                v.sort_unstable_by_key(|&(j, _)| j);
                v
            })
            .collect();
        let x = &renumbered[..];
        let mut pos = vec![0f64; k];
        for labels in y {
            for &t in labels {
                pos[t] += 1.0;
            }
        }
        let pos_weight: Vec<f64> = pos
            .iter()
            .map(|&p| {
                if p == 0.0 {
                    1.0
                } else {
                    ((n as f64 - p) / p)
                        .max(1.0)
                        .powf(cfg.class_weight_power as f64)
                }
            })
            .collect();
        let mut target = vec![0f64; n * k];
        for (i, labels) in y.iter().enumerate() {
            for &t in labels {
                target[i * k + t] = 1.0;
            }
        }
        let dim = n_features * k + k;
        let lambda = cfg.l2 as f64;
        // Naive-Bayes log-count ratios per feature and theme (NBSVM-style feature scaling).
        let nb = cfg.nb_scaling;
        let mut r = vec![1f64; n_features * k];
        if nb > 0.0 {
            let mut pc = vec![0f64; n_features * k];
            let mut nc = vec![0f64; n_features * k];
            for (i, xi) in x.iter().enumerate() {
                let yi = &target[i * k..i * k + k];
                for &(j, _) in xi {
                    let at = j as usize * k..j as usize * k + k;
                    for ((p, n), &yt) in pc[at.clone()].iter_mut().zip(&mut nc[at]).zip(yi) {
                        if yt > 0.0 {
                            *p += 1.0;
                        } else {
                            *n += 1.0;
                        }
                    }
                }
            }
            let mut psum = vec![0f64; k];
            let mut nsum = vec![0f64; k];
            for j in 0..n_features {
                for t in 0..k {
                    psum[t] += pc[j * k + t] + 1.0;
                    nsum[t] += nc[j * k + t] + 1.0;
                }
            }
            for j in 0..n_features {
                for t in 0..k {
                    let ratio = (((pc[j * k + t] + 1.0) / psum[t])
                        / ((nc[j * k + t] + 1.0) / nsum[t]))
                        .ln();
                    r[j * k + t] = 1.0 + nb * (ratio.abs() - 1.0).max(-0.9);
                }
            }
        }
        // Objective and gradient at `w` (features × themes, row-major, then the biases). The
        // scaled weights `w ∘ r` are formed once per call, and the gradient is summed unscaled
        // and scaled by `r` once at the end, so the loops over the texts' features are plain
        // multiply-adds over a theme row.
        let mut wr = vec![0f64; n_features * k];
        let eval = |w: &[f64], grad: &mut [f64]| -> f64 {
            grad.iter_mut().for_each(|g| *g = 0.0);
            let (wm, b) = w.split_at(n_features * k);
            for ((o, &wv), &rv) in wr.iter_mut().zip(wm).zip(&r) {
                *o = wv * rv;
            }
            let (gm, gb) = grad.split_at_mut(n_features * k);
            let mut loss = 0.0;
            let mut z = vec![0f64; k];
            for (i, xi) in x.iter().enumerate() {
                z.copy_from_slice(b);
                for &(j, v) in xi {
                    let row = &wr[j as usize * k..j as usize * k + k];
                    let v = v as f64;
                    for (zt, &wv) in z.iter_mut().zip(row) {
                        *zt += wv * v;
                    }
                }
                for t in 0..k {
                    let yt = target[i * k + t];
                    let c = if yt > 0.0 { pos_weight[t] } else { 1.0 };
                    // log(1 + exp(-s z)) with s = ±1, computed stably.
                    let m = if yt > 0.0 { -z[t] } else { z[t] };
                    loss += c * if m > 0.0 {
                        m + (-m).exp().ln_1p()
                    } else {
                        m.exp().ln_1p()
                    };
                    let p = 1.0 / (1.0 + (-z[t]).exp());
                    z[t] = c * (p - yt);
                }
                for &(j, v) in xi {
                    let g = &mut gm[j as usize * k..j as usize * k + k];
                    let v = v as f64;
                    for (gt, &zt) in g.iter_mut().zip(&z) {
                        *gt += zt * v;
                    }
                }
                for (gt, &zt) in gb.iter_mut().zip(&z) {
                    *gt += zt;
                }
            }
            for ((g, &wv), &rv) in gm.iter_mut().zip(wm).zip(&r) {
                *g = *g * rv + lambda * wv;
            }
            loss + 0.5 * lambda * wm.iter().map(|v| v * v).sum::<f64>()
        };
        let w = lbfgs(dim, cfg.max_iterations, eval);
        let weights = Array2::from_shape_vec(
            (n_features, k),
            new_id
                .iter()
                .flat_map(|&j| {
                    let at = j as usize * k..j as usize * k + k;
                    w[at.clone()]
                        .iter()
                        .zip(&r[at])
                        .map(|(&v, &rv)| (v * rv) as f32)
                })
                .collect(),
        )
        .unwrap_or_else(|_| Array2::zeros((n_features, k)));
        let bias = Array1::from_iter(w[n_features * k..].iter().map(|&v| v as f32));
        (weights, bias)
    }

    /// Probabilities per theme for a feature vector.
    pub(crate) fn predict_features(&self, x: &SparseVec) -> Vec<f64> {
        let k = self.bias.len();
        let mut z: Vec<f32> = self.bias.to_vec();
        for &(j, v) in x {
            let row = self.weights.row(j as usize);
            for t in 0..k {
                z[t] += row[t] * v;
            }
        }
        z.into_iter().map(|z| sigmoid(z) as f64).collect()
    }

    /// The feature extractor.
    pub fn featurizer(&self) -> &Featurizer {
        &self.featurizer
    }
}

impl Classifier for LinearModel {
    fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }
    fn scores(&self, doc: &Document, sentences: Range<usize>) -> Vec<f64> {
        let sentences = crate::classifier::clamp(doc, sentences);
        let x = self.featurizer.transform(doc, sentences);
        self.predict_features(&x)
    }
    fn threshold(&self, theme: usize) -> f64 {
        self.thresholds.get(theme).copied().unwrap_or(0.5)
    }
}

/// The dot product of two vectors of one length, summed in eight lanes (a single running sum
/// waits on each addition in turn; these vectors hold every weight of a model).
fn dot<A: Copy + Into<f64>, B: Copy + Into<f64>>(a: &[A], b: &[B]) -> f64 {
    let mut lanes = [0f64; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f64 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(&x, &y)| x.into() * y.into())
        .sum();
    for (x, y) in ca.zip(cb) {
        for l in 0..8 {
            lanes[l] += x[l].into() * y[l].into();
        }
    }
    lanes.iter().sum::<f64>() + tail
}

/// `d[i] = op(d[i], x[i])` for every `i`, then, with `next`, the dot product of `next` and
/// the new `d` (the number [`dot`] gives) in the same pass.
fn update_then_dot<X: Copy + Into<f64>, N: Copy + Into<f64>>(
    d: &mut [f64],
    x: &[X],
    op: impl Fn(f64, f64) -> f64,
    next: Option<&[N]>,
) -> f64 {
    let Some(next) = next else {
        for (dv, &xv) in d.iter_mut().zip(x) {
            *dv = op(*dv, xv.into());
        }
        return 0.0;
    };
    let mut lanes = [0f64; 8];
    let n = d.len() - d.len() % 8;
    let (dh, dt) = d.split_at_mut(n);
    for ((dc, xc), nc) in dh
        .chunks_exact_mut(8)
        .zip(x.chunks_exact(8))
        .zip(next.chunks_exact(8))
    {
        for l in 0..8 {
            dc[l] = op(dc[l], xc[l].into());
            lanes[l] += nc[l].into() * dc[l];
        }
    }
    let mut tail = 0.0;
    for ((dv, &xv), &nv) in dt.iter_mut().zip(&x[n..]).zip(&next[n..]) {
        *dv = op(*dv, xv.into());
        tail += nv.into() * *dv;
    }
    lanes.iter().sum::<f64>() + tail
}

/// Minimizes a smooth convex function with L-BFGS (memory 7, backtracking Armijo line
/// search), starting at zero, for at most `max_iter` iterations or until the relative
/// decrease of the objective falls below 1e-7.
pub(crate) fn lbfgs(
    dim: usize,
    max_iter: usize,
    mut f: impl FnMut(&[f64], &mut [f64]) -> f64,
) -> Vec<f64> {
    const M: usize = 7;
    /// One step's change of the point and of the gradient, in single precision (the two-loop
    /// recursion streams every pair each iteration, and half the bytes is most of its time),
    /// with their products `s·y` and `y·y`.
    struct Pair {
        s: Vec<f32>,
        y: Vec<f32>,
        sy: f64,
        yy: f64,
    }
    impl Pair {
        fn rho(&self) -> f64 {
            1.0 / self.sy
        }
    }
    let mut w = vec![0f64; dim];
    let mut g = vec![0f64; dim];
    let mut fx = f(&w, &mut g);
    let mut pairs: Vec<Pair> = Vec::new();
    let mut d = vec![0f64; dim];
    let mut w_new = vec![0f64; dim];
    let mut g_new = vec![0f64; dim];
    for _ in 0..max_iter {
        // Two-loop recursion: d = -H g. Each update of `d` and the dot product that the next
        // step needs are one pass over the vectors (the same numbers as two passes).
        d.copy_from_slice(&g);
        let h = pairs.len();
        let mut alpha = vec![0f64; h];
        let mut next = pairs.last().map_or(0.0, |p| dot(&p.s, &d));
        for i in (0..h).rev() {
            alpha[i] = pairs[i].rho() * next;
            let a = alpha[i];
            next = update_then_dot(
                &mut d,
                &pairs[i].y,
                |dv, yv| dv - a * yv,
                i.checked_sub(1).map(|j| &pairs[j].s[..]),
            );
        }
        if let Some(p) = pairs.last() {
            let gamma = p.sy / p.yy.max(1e-300);
            d.iter_mut().for_each(|v| *v *= gamma);
        } else {
            let gn = dot(&g, &g).sqrt().max(1e-300);
            d.iter_mut().for_each(|v| *v /= gn);
        }
        let mut next = pairs.first().map_or(0.0, |p| dot(&p.y, &d));
        for i in 0..h {
            let c = alpha[i] - pairs[i].rho() * next;
            next = update_then_dot(
                &mut d,
                &pairs[i].s,
                |dv, sv| dv + c * sv,
                pairs.get(i + 1).map(|p| &p.y[..]),
            );
        }
        let slope = update_then_dot(&mut d, &g, |dv, _| -dv, Some(&g));
        if slope >= 0.0 {
            // Not a descent direction: restart from steepest descent.
            pairs.clear();
            continue;
        }
        let mut step = 1.0;
        let mut fx_new;
        loop {
            for ((wn, &wv), &dv) in w_new.iter_mut().zip(&w).zip(&d) {
                *wn = wv + step * dv;
            }
            fx_new = f(&w_new, &mut g_new);
            if fx_new <= fx + 1e-4 * step * slope || step < 1e-10 {
                break;
            }
            step *= 0.5;
        }
        // Reuse the oldest pair's buffers once the memory is full.
        let (mut s, mut y) = if pairs.len() == M {
            let old = pairs.remove(0);
            (old.s, old.y)
        } else {
            (vec![0f32; dim], vec![0f32; dim])
        };
        for i in 0..dim {
            s[i] = (w_new[i] - w[i]) as f32;
            y[i] = (g_new[i] - g[i]) as f32;
        }
        let sy = dot(&s, &y);
        std::mem::swap(&mut w, &mut w_new);
        std::mem::swap(&mut g, &mut g_new);
        let done = (fx - fx_new).abs() <= 1e-7 * fx.abs().max(1.0);
        fx = fx_new;
        if sy > 1e-12 {
            let yy = dot(&y, &y);
            pairs.push(Pair { s, y, sy, yy });
        }
        if done {
            break;
        }
    }
    w
}

/// Per-theme thresholds from out-of-fold scores: each theme's F1-maximizing threshold, pulled
/// towards the threshold that maximizes micro-F1 over all themes by `shrinkage` pseudo-texts.
pub(crate) fn tune_thresholds(scores: &[Vec<f64>], gold: &[Vec<bool>], shrinkage: f64) -> Vec<f64> {
    let all_s: Vec<f64> = scores.iter().flatten().copied().collect();
    let all_g: Vec<bool> = gold.iter().flatten().copied().collect();
    let global = best_threshold(&all_s, &all_g);
    scores
        .iter()
        .zip(gold)
        .map(|(s, g)| {
            let n = g.iter().filter(|&&x| x).count() as f64;
            let t = best_threshold(s, g);
            (n * t + shrinkage * global) / (n + shrinkage).max(1e-9)
        })
        .collect()
}

/// The threshold in `0.02..=0.98` that maximizes F1 of one theme on held-out scores.
pub(crate) fn best_threshold(scores: &[f64], gold: &[bool]) -> f64 {
    let mut best = (f64::NEG_INFINITY, 0.5);
    let mut t = 0.02;
    while t <= 0.981 {
        let (mut tp, mut fp, mut fnn) = (0.0, 0.0, 0.0);
        for (&s, &g) in scores.iter().zip(gold) {
            match (s >= t, g) {
                (true, true) => tp += 1.0,
                (true, false) => fp += 1.0,
                (false, true) => fnn += 1.0,
                _ => {}
            }
        }
        let f1 = if tp > 0.0 {
            2.0 * tp / (2.0 * tp + fp + fnn)
        } else {
            0.0
        };
        if f1 > best.0 + 1e-12 {
            best = (f1, t);
        }
        t += 0.02;
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lbfgs_finds_the_minimum_of_a_quadratic() {
        // f(w) = 1/2 sum a_i (w_i - c_i)^2, badly scaled (a from 0.01 to 100).
        let a = [100.0, 1.0, 0.01, 7.0, 0.5];
        let c = [1.0, -2.0, 3.0, 0.25, -0.5];
        let w = lbfgs(5, 200, |w, g| {
            let mut f = 0.0;
            for i in 0..5 {
                let d = w[i] - c[i];
                f += 0.5 * a[i] * d * d;
                g[i] = a[i] * d;
            }
            f
        });
        // The stopping rule is on the objective's relative decrease, so each coordinate is
        // as exact as its curvature makes it matter: |w - c| sqrt(a) small.
        for i in 0..5 {
            let err = (w[i] - c[i]).abs() * a[i].sqrt();
            assert!(err < 1e-3, "{i}: {} vs {}", w[i], c[i]);
        }
    }

    #[test]
    fn lbfgs_solves_rosenbrock() {
        let w = lbfgs(2, 500, |w, g| {
            let (x, y) = (w[0], w[1]);
            g[0] = -2.0 * (1.0 - x) - 400.0 * x * (y - x * x);
            g[1] = 200.0 * (y - x * x);
            (1.0 - x).powi(2) + 100.0 * (y - x * x).powi(2)
        });
        assert!(
            (w[0] - 1.0).abs() < 1e-2 && (w[1] - 1.0).abs() < 2e-2,
            "{w:?}"
        );
    }

    #[test]
    fn lbfgs_fits_a_logistic_regression_to_a_zero_gradient() {
        // Four points, one feature plus a bias, L2 = 0.1: the optimum has a zero gradient.
        let xs = [(-2.0, 0.0), (-1.0, 0.0), (0.5, 1.0), (2.0, 1.0)];
        let loss = |w: &[f64], g: &mut [f64]| {
            g[0] = 0.1 * w[0];
            g[1] = 0.0;
            let mut f = 0.05 * w[0] * w[0];
            for &(x, y) in &xs {
                let p = 1.0 / (1.0 + (-(w[0] * x + w[1])).exp());
                f -= y * p.ln() + (1.0 - y) * (1.0 - p).ln();
                g[0] += (p - y) * x;
                g[1] += p - y;
            }
            f
        };
        let w = lbfgs(2, 200, loss);
        let mut g = [0.0; 2];
        loss(&w, &mut g);
        assert!(
            g[0].abs() < 1e-3 && g[1].abs() < 1e-3,
            "gradient {g:?} at {w:?}"
        );
        assert!(w[0] > 0.0);
    }

    #[test]
    fn the_best_threshold_separates_the_classes() {
        let scores = [0.1, 0.2, 0.35, 0.6, 0.7, 0.9];
        let gold = [false, false, false, true, true, true];
        let t = best_threshold(&scores, &gold);
        assert!(t > 0.35 && t <= 0.6, "{t}");
        // No positives: F1 is zero everywhere, the lowest grid point is returned, and
        // `tune_thresholds` (below) replaces it by the global threshold.
        assert_eq!(best_threshold(&scores, &[false; 6]), 0.02);
        let tuned = tune_thresholds(
            &[scores.to_vec(), scores.to_vec()],
            &[gold.to_vec(), vec![false; 6]],
            2.0,
        );
        assert_eq!(
            tuned[1],
            best_threshold(&[scores, scores].concat(), &[gold, [false; 6]].concat())
        );
    }

    #[test]
    fn thresholds_shrink_towards_the_global_one_by_support() {
        // Theme 0: five positives above 0.7; theme 1: one positive, at 0.15, under a negative.
        let scores = vec![
            vec![0.1, 0.2, 0.8, 0.9, 0.75, 0.95, 0.3, 0.85],
            vec![0.05, 0.15, 0.05, 0.1, 0.2, 0.1, 0.1, 0.05],
        ];
        let gold = vec![
            vec![false, false, true, true, true, true, false, true],
            vec![false, true, false, false, false, false, false, false],
        ];
        let own: Vec<f64> = (0..2)
            .map(|k| best_threshold(&scores[k], &gold[k]))
            .collect();
        let none = tune_thresholds(&scores, &gold, 0.0);
        assert!((none[0] - own[0]).abs() < 1e-12 && (none[1] - own[1]).abs() < 1e-12);
        let shrunk = tune_thresholds(&scores, &gold, 4.0);
        let all_s: Vec<f64> = scores.iter().flatten().copied().collect();
        let all_g: Vec<bool> = gold.iter().flatten().copied().collect();
        let global = best_threshold(&all_s, &all_g);
        // One positive: 4 pseudo-texts pull theme 1 most of the way to the global threshold;
        // five positives hold theme 0 closer to its own.
        let pull = |k: usize| (shrunk[k] - own[k]).abs() / (global - own[k]).abs().max(1e-12);
        assert!((pull(1) - 0.8).abs() < 1e-9, "{}", pull(1));
        assert!(pull(0) < pull(1));
    }
}
