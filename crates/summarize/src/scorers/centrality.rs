use super::{check_finite, BackgroundChoice, SentenceScorer};
use crate::background::Background;
use crate::error::Error;
use crate::vectors::{idf, SentenceVectors};
use brief_tokenize::Document;
use ndarray::Array1;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Which graph [`Centrality`] ranks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CentralityMethod {
    /// TextRank (Mihalcea & Tarau 2004): edges weighted by cosine similarity.
    TextRank,
    /// LexRank (Erkan & Radev 2004): unweighted edges where the cosine similarity reaches
    /// `threshold`.
    LexRank,
}

/// How [`Centrality`] measures the similarity of two sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Similarity {
    /// Cosine of the TF-IDF vectors.
    Cosine,
    /// TextRank's original measure: shared content stems divided by `ln|A| + ln|B|`.
    Overlap,
}

/// Graph centrality: sentences similar to many other sentences are central to the document.
///
/// Sentences are TF-IDF vectors (stems, background IDF); the similarity graph is ranked with
/// PageRank by power iteration on `ndarray` vectors.
///
/// # Cost
///
/// The graph is never built as a dense n-by-n matrix. Similarities come from an inverted index
/// (stem → sentences that contain it), so the work is the sum over stems of `df²`, where `df`
/// is the number of sentences that contain the stem, and memory is proportional to the number
/// of edges. Stems are taken from the rarest up; the most frequent stems, whose pairs would take
/// the total past `max_pairs`, are left out of the similarity. Such stems are the ones with the
/// lowest weight in any case, and small documents (a few hundred sentences) never reach the cap.
/// Each sentence then keeps edges to its `max_neighbors` most similar sentences (a k-nearest-
/// neighbour graph), so memory is at most `n * max_neighbors` edges and each power-iteration
/// step costs one pass over them.
///
/// ```
/// use brief_summarize::{Centrality, SentenceScorer};
///
/// let doc = brief_tokenize::analyze(
///     "The province funds key laboratories.Key laboratories get more funds from the province.\
///      Laboratories in the province are key.The weather was sunny.",
/// );
/// let s = Centrality::textrank().score(&doc);
/// assert!(s[0] > s[3] && s[1] > s[3]);
/// assert_eq!(Centrality::lexrank().score(&doc).len(), 4);
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Centrality {
    /// TextRank or LexRank.
    pub method: CentralityMethod,
    /// How sentence similarity is measured.
    pub similarity: Similarity,
    /// PageRank damping factor, in `0..1`.
    pub damping: f64,
    /// Bias of the random jump towards the lead of the document, in `0..=1`: 0 jumps
    /// uniformly (plain PageRank); otherwise the k-th body sentence is a jump target with
    /// weight `(1 - bias) + bias * n / (1 + k)`, a position-biased PageRank.
    pub lead_bias: f64,
    /// LexRank's similarity threshold.
    pub threshold: f64,
    /// Power-iteration limit.
    pub max_iterations: usize,
    /// Convergence tolerance (L1 change of the rank vector).
    pub tolerance: f64,
    /// Cap on the number of sentence pairs examined through the inverted index (default
    /// 2,000,000).
    pub max_pairs: usize,
    /// Each sentence keeps edges to at most this many most similar sentences (1 to 1,000).
    pub max_neighbors: usize,
    /// Where document frequencies come from.
    pub background: BackgroundChoice,
    #[serde(skip)]
    pub(crate) table: Option<Arc<Background>>,
}

impl Default for Centrality {
    fn default() -> Self {
        Centrality {
            method: CentralityMethod::TextRank,
            similarity: Similarity::Cosine,
            damping: 0.85,
            lead_bias: 0.0,
            threshold: 0.1,
            max_iterations: 100,
            tolerance: 1e-5,
            max_pairs: 2_000_000,
            max_neighbors: 40,
            background: BackgroundChoice::Builtin,
            table: None,
        }
    }
}

impl Centrality {
    /// TextRank with default settings.
    pub fn textrank() -> Self {
        Centrality::default()
    }

    /// LexRank with default settings.
    pub fn lexrank() -> Self {
        Centrality {
            method: CentralityMethod::LexRank,
            ..Centrality::default()
        }
    }

    /// Uses this background table instead of the builtin one.
    pub fn with_background(mut self, table: Arc<Background>) -> Self {
        self.table = Some(table);
        self.background = BackgroundChoice::Builtin;
        self
    }

    pub(crate) fn validate(&self) -> Result<(), Error> {
        check_finite("centrality.damping", self.damping, 0.0, 0.999)?;
        check_finite("centrality.lead_bias", self.lead_bias, 0.0, 1.0)?;
        check_finite("centrality.threshold", self.threshold, 0.0, 1.0)?;
        // Bounds that keep every accepted configuration linear in the document: at most 1,000
        // power iterations, a tolerance that can be met, a pair budget and a neighbour cap.
        check_finite("centrality.tolerance", self.tolerance, 1e-12, 1.0)?;
        if !(1..=1000).contains(&self.max_iterations) {
            return Err(Error::config(format!(
                "centrality.max_iterations must be between 1 and 1000, got {}",
                self.max_iterations
            )));
        }
        if !(1..=1000).contains(&self.max_neighbors) {
            return Err(Error::config(format!(
                "centrality.max_neighbors must be between 1 and 1000, got {}",
                self.max_neighbors
            )));
        }
        if !(1_000..=50_000_000).contains(&self.max_pairs) {
            return Err(Error::config(format!(
                "centrality.max_pairs must be between 1000 and 50000000, got {}",
                self.max_pairs
            )));
        }
        Ok(())
    }
}

/// A sparse similarity graph in CSR layout: row `i` holds the out-edges of sentence `i`.
struct Graph {
    offsets: Vec<usize>,
    neighbors: Vec<u32>,
    weights: Vec<f64>,
}

fn build_graph(v: &SentenceVectors, num_stems: usize, c: &Centrality) -> Graph {
    let n = v.len();
    let overlap = c.similarity == Similarity::Overlap;
    let log_len: Vec<f64> = (0..n)
        .map(|i| (v.row(i).0.len().max(1) as f64).ln())
        .collect();
    // Inverted index by counting sort.
    let mut df = vec![0usize; num_stems];
    for &s in &v.stems {
        df[s as usize] += 1;
    }
    // Choose stems from the rarest up within the pair budget.
    let mut order: Vec<u32> = (0..num_stems as u32)
        .filter(|&s| df[s as usize] >= 2)
        .collect();
    order.sort_by_key(|&s| df[s as usize]);
    let mut used = vec![false; num_stems];
    let mut pairs = 0usize;
    for &s in &order {
        let d = df[s as usize];
        let p = d * (d - 1) / 2;
        if pairs + p > c.max_pairs {
            break;
        }
        pairs += p;
        used[s as usize] = true;
    }
    let mut post_off = vec![0usize; num_stems + 1];
    for s in 0..num_stems {
        post_off[s + 1] = post_off[s] + if used[s] { df[s] } else { 0 };
    }
    let mut fill = post_off.clone();
    let mut post_sent = vec![0u32; post_off[num_stems]];
    let mut post_w = vec![0f64; post_off[num_stems]];
    for i in 0..n {
        let (stems, ws) = v.row(i);
        for (&s, &w) in stems.iter().zip(ws) {
            if used[s as usize] {
                let k = fill[s as usize];
                post_sent[k] = i as u32;
                post_w[k] = if overlap { 1.0 } else { w };
                fill[s as usize] += 1;
            }
        }
    }
    // Accumulate dot products row by row.
    let mut acc = vec![0f64; n];
    let mut touched: Vec<u32> = Vec::new();
    let mut row: Vec<(f64, u32)> = Vec::new();
    let mut g = Graph {
        offsets: Vec::with_capacity(n + 1),
        neighbors: Vec::new(),
        weights: Vec::new(),
    };
    g.offsets.push(0);
    for i in 0..n {
        let (stems, ws) = v.row(i);
        for (&s, &w) in stems.iter().zip(ws) {
            if !used[s as usize] {
                continue;
            }
            let w = if overlap { 1.0 } else { w };
            let r = post_off[s as usize]..post_off[s as usize + 1];
            for (&j, &wj) in post_sent[r.clone()].iter().zip(&post_w[r]) {
                if j as usize == i {
                    continue;
                }
                if acc[j as usize] == 0.0 {
                    touched.push(j);
                }
                acc[j as usize] += w * wj;
            }
        }
        row.clear();
        for &j in &touched {
            let mut sim = acc[j as usize];
            acc[j as usize] = 0.0;
            if overlap {
                let norm = log_len[i] + log_len[j as usize];
                sim = if norm > 0.0 { sim / norm } else { 0.0 };
            }
            match c.method {
                CentralityMethod::TextRank if sim > 0.0 => row.push((sim, j)),
                CentralityMethod::LexRank if sim >= c.threshold => row.push((sim, j)),
                _ => {}
            }
        }
        if c.max_neighbors > 0 && row.len() > c.max_neighbors {
            // Keep the most similar; ties go to the earlier sentence.
            row.select_nth_unstable_by(c.max_neighbors - 1, |a, b| {
                b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
            });
            row.truncate(c.max_neighbors);
        }
        row.sort_unstable_by_key(|x| x.1);
        for &(sim, j) in &row {
            g.neighbors.push(j);
            g.weights.push(match c.method {
                CentralityMethod::TextRank => sim,
                CentralityMethod::LexRank => 1.0,
            });
        }
        touched.clear();
        g.offsets.push(g.neighbors.len());
    }
    g
}

/// PageRank by power iteration on a directed graph (each row holds a node's out-edges), with
/// random jumps to `jump` (a probability vector); nodes without edges spread their rank along
/// `jump` too.
fn pagerank(g: &Graph, jump: &Array1<f64>, damping: f64, max_iter: usize, tol: f64) -> Array1<f64> {
    let n = g.offsets.len() - 1;
    if n == 0 {
        return Array1::zeros(0);
    }
    let out_sum: Array1<f64> = (0..n)
        .map(|i| {
            g.weights[g.offsets[i]..g.offsets[i + 1]]
                .iter()
                .sum::<f64>()
        })
        .collect();
    let mut p = Array1::from_elem(n, 1.0 / n as f64);
    let mut next = Array1::zeros(n);
    for _ in 0..max_iter {
        let dangling: f64 = p
            .iter()
            .zip(out_sum.iter())
            .filter(|(_, &s)| s == 0.0)
            .map(|(&x, _)| x)
            .sum();
        let base = (1.0 - damping) + damping * dangling;
        // Push each node's rank along its out-edges, in proportion to their weight.
        next.assign(jump);
        next *= base;
        for i in 0..n {
            if out_sum[i] == 0.0 {
                continue;
            }
            let share = damping * p[i] / out_sum[i];
            let r = g.offsets[i]..g.offsets[i + 1];
            for (&j, &w) in g.neighbors[r.clone()].iter().zip(&g.weights[r]) {
                next[j as usize] += share * w;
            }
        }
        let delta: f64 = (&next - &p).mapv(f64::abs).sum();
        std::mem::swap(&mut p, &mut next);
        if delta < tol {
            break;
        }
    }
    p
}

impl SentenceScorer for Centrality {
    fn name(&self) -> &str {
        match (self.method, self.similarity) {
            (CentralityMethod::TextRank, Similarity::Cosine) => "textrank",
            (CentralityMethod::TextRank, Similarity::Overlap) => "textrank_overlap",
            (CentralityMethod::LexRank, Similarity::Cosine) => "lexrank",
            (CentralityMethod::LexRank, Similarity::Overlap) => "lexrank_overlap",
        }
    }

    fn score_into(&self, doc: &Document, out: &mut Vec<f64>) {
        out.clear();
        let table = self.background.resolve(self.table.as_ref());
        let idf = idf(doc, table.as_deref());
        let v = SentenceVectors::build(doc, &idf);
        let g = build_graph(&v, doc.num_stems(), self);
        let n = v.len();
        let mut jump = Array1::from_elem(n, 1.0);
        if self.lead_bias > 0.0 {
            let mut k = 0usize;
            for (i, s) in doc.sentences().iter().enumerate() {
                if s.kind.is_body() {
                    jump[i] = (1.0 - self.lead_bias) + self.lead_bias * n as f64 / (1.0 + k as f64);
                    k += 1;
                }
            }
        }
        let total = jump.sum();
        if total > 0.0 {
            jump /= total;
        }
        let p = pagerank(&g, &jump, self.damping, self.max_iterations, self.tolerance);
        let n = p.len() as f64;
        out.extend(doc.sentences().iter().zip(p.iter()).map(|(s, &x)| {
            if s.kind.is_body() {
                x * n
            } else {
                0.0
            }
        }));
    }
}
