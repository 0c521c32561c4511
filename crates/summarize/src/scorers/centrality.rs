use super::{check_finite, BackgroundChoice, SentenceScorer};
use crate::background::Background;
use crate::error::Error;
use crate::vectors::{idf, SentenceVectors};
use brief_tokenize::Document;
use ndarray::Array1;
use serde::{Deserialize, Serialize};
use std::ops::Range;
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
    /// PACSUM (Zheng & Lapata 2019): position-aware degree centrality. An edge counts only by
    /// how far its similarity exceeds `threshold * max` (the document's strongest similarity;
    /// the weakest is 0); a sentence gains from the later sentences it resembles (weight 1)
    /// and loses from the earlier ones (weight -2), so a sentence that introduces what
    /// follows is central.
    /// No PageRank: `damping`, `lead_bias` and the iteration settings do not apply.
    Pacsum,
}

/// PACSUM's weight of edges to earlier sentences (Zheng & Lapata 2019, tuned on CNN/DailyMail).
const PACSUM_BEFORE: f64 = -2.0;
/// PACSUM's weight of edges to later sentences.
const PACSUM_AFTER: f64 = 1.0;

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
/// PageRank by Gauss-Seidel sweeps (the fixed point of power iteration, in fewer rounds).
///
/// # Cost
///
/// The graph is never built as a dense n-by-n matrix. Similarities come from an inverted index
/// (stem → the sentences that contain it, in document order), and every content stem takes
/// part: none is dropped for being frequent. A stem links each sentence to its `window`
/// nearest occurrences before and after it in that list, so a stem found in `df` sentences
/// costs at most `df * 2 * window` products instead of `df²`. A stem in at most
/// `2 * window + 1` sentences (every stem of most news articles, or of any document of up to
/// 49 sentences with the default `window` of 24) links all its sentences exactly; in longer
/// documents a very frequent stem links sentences that are near each other in the text, which
/// is where a repeated word is most likely to mean the same thing. Against the exact graph
/// (every pair of sentences sharing a stem), the default summary chooses the same sentences
/// for 99.9 % of its picks on BBC articles and 99.8 % on CNN's (`benches/fidelity.py`).
/// A sentence with a single content stem keeps at most 4 out-edges of its own, found among the
/// 4 nearest occurrences of its stem on each side (others may still link to it): a million
/// one-word sentences would otherwise make 40 million edges.
/// Each sentence then keeps edges to its `max_neighbors` most similar sentences (a k-nearest-
/// neighbour graph), so memory is at most `n * max_neighbors` edges and each PageRank sweep
/// costs one pass over them. Work and memory are linear in the document.
///
/// Scorers that rank the same similarity graph (LexRank, and TextRank with and without a lead
/// bias, over the same IDF) share one graph per document and thread: it is built once.
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
    /// TextRank, LexRank or PACSUM.
    pub method: CentralityMethod,
    /// How sentence similarity is measured.
    pub similarity: Similarity,
    /// PageRank damping factor, in `0..1`.
    pub damping: f64,
    /// Bias of the random jump towards the lead of the document, in `0..=1`: 0 jumps
    /// uniformly (plain PageRank); otherwise the k-th body sentence is a jump target with
    /// weight `(1 - bias) + bias * n / (1 + k)`, a position-biased PageRank.
    pub lead_bias: f64,
    /// LexRank's similarity threshold; PACSUM's edge cut, as a share of the strongest similarity.
    pub threshold: f64,
    /// The most PageRank sweeps.
    pub max_iterations: usize,
    /// Convergence tolerance: the iteration stops when the rank vector (which sums to 1)
    /// changes by less than this in L1 norm, a precision relative to the ranks whatever the
    /// document's length. Default 1e-4: on the BBC and CNN dev sets the default summaries at 3
    /// sentences are those of 1e-5 but for one pick of 5,482 (one BBC article); the four
    /// rankings of 1 MB of news take 48 sweeps in all.
    pub tolerance: f64,
    /// How many occurrences of a stem, before and after a sentence, that sentence is compared
    /// with (1 to 1,000,000; default 24). Documents where no stem is in more than
    /// `2 * window + 1` sentences get the exact graph.
    pub window: usize,
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
            tolerance: 1e-4,
            window: 24,
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

    /// PACSUM over the TF-IDF graph with every edge counted (`threshold` 0). The paper cuts
    /// edges below 60 % of the similarity range because BERT similarities are never near 0;
    /// TF-IDF cosines are, and the graph already keeps only each sentence's 40 most similar
    /// sentences. Measured on the dev sets (`brief eval summarize`, N = 3 on CNN): threshold 0
    /// gives CNN ROUGE-1 29.4 against LEAD-3's 28.8, threshold 0.6 gives 26.9.
    ///
    /// ```
    /// use brief_summarize::{Centrality, SentenceScorer};
    ///
    /// let doc = brief_tokenize::analyze(
    ///     "Key laboratories get new funds. The funds go to key laboratories in the province. \
    ///      The weather was sunny.",
    /// );
    /// let s = Centrality::pacsum().score(&doc);
    /// assert!(s[0] > s[1], "{s:?}");
    /// ```
    pub fn pacsum() -> Self {
        Centrality {
            method: CentralityMethod::Pacsum,
            threshold: 0.0,
            ..Centrality::default()
        }
    }

    /// Uses this background table instead of the builtin one (recorded as
    /// [`BackgroundChoice::Custom`]).
    pub fn with_background(mut self, table: Arc<Background>) -> Self {
        self.background.give(&mut self.table, table);
        self
    }

    pub(crate) fn validate(&self) -> Result<(), Error> {
        self.background.check(self.table.as_ref(), "centrality")?;
        check_finite("centrality.damping", self.damping, 0.0, 0.999)?;
        check_finite("centrality.lead_bias", self.lead_bias, 0.0, 1.0)?;
        check_finite("centrality.threshold", self.threshold, 0.0, 1.0)?;
        // Bounds that keep every accepted configuration linear in the document: at most 1,000
        // PageRank sweeps, a tolerance that can be met, a stem window and a neighbour cap.
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
        if !(1..=1_000_000).contains(&self.window) {
            return Err(Error::config(format!(
                "centrality.window must be between 1 and 1000000, got {}",
                self.window
            )));
        }
        Ok(())
    }
}

/// A sparse similarity graph in CSR layout: row `i` holds the out-edges of sentence `i`, with
/// their similarities, sorted by neighbour. A similarity is kept as an `f32` (8 bytes an edge
/// with its neighbour, not 12: the graphs are the largest part of a long text's summary); the
/// ranks are summed in `f64`.
#[derive(Debug, Default, Clone)]
pub(crate) struct Graph {
    offsets: Vec<usize>,
    neighbors: Vec<u32>,
    weights: Vec<f32>,
}

/// One similarity graph to build: a measure over the sentence vectors of one document.
#[derive(Clone, Copy)]
struct Variant {
    /// Which table of TF-IDF weights the cosine reads; `None` for TextRank's overlap measure
    /// (shared stems over `ln|A| + ln|B|`), which reads only the stems.
    weights: Option<usize>,
}

impl Variant {
    const OVERLAP: Variant = Variant { weights: None };

    fn cosine(table: usize) -> Variant {
        Variant {
            weights: Some(table),
        }
    }
}

/// Which content stems each sentence holds (the vectors without their weights), in CSR
/// layout: all that the rows of a graph read once the inverted index holds the weights.
struct Shape {
    offsets: Vec<usize>,
    stems: Vec<u32>,
}

impl Shape {
    fn len(&self) -> usize {
        self.offsets.len() - 1
    }
}

/// The k-nearest-neighbour similarity graphs of several measures over the same sentences and
/// stems (see [`Centrality`]'s cost section), built in one pass over the inverted index: each
/// pair of sentences is met once for all the measures (at most four per pass). `tables` are
/// the document's sentence vectors under each IDF table (the same stems, other weights); they
/// are consumed: once the inverted indexes hold the weights, only the stems are kept, so a long
/// text's vectors do not stay in memory beside its graphs.
fn build_graphs(
    tables: Vec<SentenceVectors>,
    variants: &[Variant],
    num_stems: usize,
    window: usize,
    max_neighbors: usize,
) -> Vec<Graph> {
    let n = tables.first().map_or(0, SentenceVectors::len);
    build_graphs_in(
        tables,
        variants,
        num_stems,
        window,
        max_neighbors,
        row_parts(n),
    )
}

/// [`build_graphs`] with the rows built in `parts` ranges (on several threads with the
/// `parallel` feature): the same graphs for any number of parts.
fn build_graphs_in(
    mut tables: Vec<SentenceVectors>,
    variants: &[Variant],
    num_stems: usize,
    window: usize,
    max_neighbors: usize,
    parts: usize,
) -> Vec<Graph> {
    let Some(first) = tables.first_mut() else {
        return Vec::new();
    };
    let shape = Shape {
        offsets: std::mem::take(&mut first.offsets),
        stems: std::mem::take(&mut first.stems),
    };
    debug_assert!(tables[1..]
        .iter()
        .all(|t| t.stems == shape.stems && t.offsets == shape.offsets));
    let weights: Vec<Vec<f64>> = tables.into_iter().map(|t| t.weights).collect();
    let settings = (num_stems, window, max_neighbors);
    let indexes: Vec<Box<dyn BuildRows + '_>> = variants
        .chunks(4)
        .map(|c| -> Box<dyn BuildRows + '_> {
            match c.len() {
                1 => Box::new(Index::<1>::new(&shape, c, &weights, settings)),
                2 => Box::new(Index::<2>::new(&shape, c, &weights, settings)),
                3 => Box::new(Index::<3>::new(&shape, c, &weights, settings)),
                _ => Box::new(Index::<4>::new(&shape, c, &weights, settings)),
            }
        })
        .collect();
    // The indexes hold every weight now.
    drop(weights);
    indexes.iter().flat_map(|ix| ix.graphs(parts)).collect()
}

/// The graphs of an [`Index`], whatever its number of measures.
trait BuildRows {
    /// The index's graphs, their rows built in `parts` ranges.
    fn graphs(&self, parts: usize) -> Vec<Graph>;
}

impl<const N: usize> BuildRows for Index<'_, N> {
    fn graphs(&self, parts: usize) -> Vec<Graph> {
        let n = self.shape.len();
        let parts = parts.clamp(1, n.max(1));
        let mut graphs = if parts == 1 {
            self.rows(0..n)
        } else {
            // Rows are independent: a long text's rows are built in parts on several threads
            // (each part with its own sums, 32 bytes a sentence), then joined; the graph is the
            // same.
            let bounds: Vec<Range<usize>> = (0..parts)
                .map(|p| n * p / parts..n * (p + 1) / parts)
                .collect();
            join_rows(par_map(&bounds, |r| self.rows(r.clone())))
        };
        for g in &mut graphs {
            g.neighbors.shrink_to_fit();
            g.weights.shrink_to_fit();
        }
        graphs
    }
}

/// Rows of at least this many sentences are built in parts on several threads (and the
/// scorers of an ensemble score a text this long on several threads at once).
#[cfg(feature = "parallel")]
pub(crate) const PARALLEL_ROWS: usize = 2048;

/// How many parts to build `n` rows in: one per thread of the pool for a long text, one
/// without the `parallel` feature.
fn row_parts(n: usize) -> usize {
    #[cfg(feature = "parallel")]
    if n >= PARALLEL_ROWS {
        return rayon::current_num_threads().clamp(1, n / (PARALLEL_ROWS / 2));
    }
    let _ = n;
    1
}

#[cfg(feature = "parallel")]
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    use rayon::prelude::*;
    items.par_iter().map(f).collect()
}

#[cfg(not(feature = "parallel"))]
fn par_map<T, R>(items: &[T], f: impl Fn(&T) -> R) -> Vec<R> {
    items.iter().map(f).collect()
}

/// Joins the graphs of consecutive row ranges, measure by measure.
fn join_rows(parts: Vec<Vec<Graph>>) -> Vec<Graph> {
    let mut parts = parts.into_iter();
    let Some(mut out) = parts.next() else {
        return Vec::new();
    };
    for part in parts {
        for (g, p) in out.iter_mut().zip(part) {
            let base = g.neighbors.len();
            g.offsets.extend(p.offsets[1..].iter().map(|&o| o + base));
            g.neighbors.extend_from_slice(&p.neighbors);
            g.weights.extend_from_slice(&p.weights);
        }
    }
    out
}

/// The inverted index of the sentence vectors, with a posting's weights for each of `N`
/// measures, from which similarity graph rows are built.
struct Index<'a, const N: usize> {
    shape: &'a Shape,
    post_off: Vec<usize>,
    post_sent: Vec<u32>,
    post_w: Vec<[f64; N]>,
    /// Where each vector entry sits in its stem's posting list, counted from the list's start
    /// (below the number of sentences, as a sentence's index is).
    at: Vec<u32>,
    log_len: Vec<f64>,
    overlap: [bool; N],
    window: usize,
    max_neighbors: usize,
}

impl<'a, const N: usize> Index<'a, N> {
    /// The index of `variants` (at most `N`) over `shape`, each cosine measure reading its
    /// table of `weights`; `settings` is the number of stems, the window and the neighbour cap.
    fn new(
        shape: &'a Shape,
        variants: &[Variant],
        weights: &[Vec<f64>],
        (num_stems, window, max_neighbors): (usize, usize, usize),
    ) -> Self {
        let n = shape.len();
        let log_len: Vec<f64> = (0..n)
            .map(|i| ((shape.offsets[i + 1] - shape.offsets[i]).max(1) as f64).ln())
            .collect();
        // Inverted index by counting sort; `at[k]` is where vector entry `k` sits in its
        // stem's posting list, and a posting holds its sentence and one weight per measure.
        let entries = shape.stems.len();
        let mut post_off = vec![0usize; num_stems + 1];
        let mut post_sent = vec![0u32; entries];
        let mut post_w = vec![[0f64; N]; entries];
        let mut at = vec![0u32; entries];
        for &s in &shape.stems {
            post_off[s as usize + 1] += 1;
        }
        for s in 0..num_stems {
            post_off[s + 1] += post_off[s];
        }
        let mut fill = post_off.clone();
        let table: [Option<&[f64]>; N] =
            std::array::from_fn(|m| variants[m].weights.map(|t| weights[t].as_slice()));
        for i in 0..n {
            for k in shape.offsets[i]..shape.offsets[i + 1] {
                let s = shape.stems[k] as usize;
                let p = fill[s];
                post_sent[p] = i as u32;
                for (m, t) in table.iter().enumerate() {
                    post_w[p][m] = t.map_or(1.0, |w| w[k]);
                }
                at[k] = (p - post_off[s]) as u32;
                fill[s] += 1;
            }
        }
        Index {
            shape,
            post_off,
            post_sent,
            post_w,
            at,
            log_len,
            overlap: std::array::from_fn(|m| variants[m].weights.is_none()),
            window,
            max_neighbors,
        }
    }
}

impl<const N: usize> Index<'_, N> {
    /// The rows `range` of the `N` graphs (their offsets start at 0).
    // `k` indexes the vector entries, their posting positions and every measure's weights alike.
    #[allow(clippy::needless_range_loop)]
    fn rows(&self, range: Range<usize>) -> Vec<Graph> {
        let Index {
            shape: v,
            post_off,
            post_sent,
            post_w,
            at,
            log_len,
            overlap,
            window,
            max_neighbors,
        } = self;
        let (window, max_neighbors) = (*window, *max_neighbors);
        let n = v.len();
        // A sentence with fewer than two content stems has little to compare: it keeps only a
        // few out-edges of its own (it stays a neighbour that others may link to), so that a
        // text of a million one-word sentences does not make a graph of 40 million edges.
        // How far along its stems' postings sentence `i` looks, and how many edges it keeps:
        // a one-stem sentence's nearest occurrences are enough candidates.
        let limits = |i: usize| match v.offsets[i + 1] - v.offsets[i] >= MIN_STEMS {
            true => (window, max_neighbors),
            false => (window.min(FEW_NEIGHBORS), max_neighbors.min(FEW_NEIGHBORS)),
        };
        // Accumulate the dot products of row `i` with every sentence that shares a stem in the
        // window; `seen[j] == i + 1` marks sentence `j` as met for this row.
        let mut acc = vec![[0f64; N]; n];
        let mut seen = vec![0u32; n];
        // `touched[..met]` lists the sentences met by the current row (written without a
        // branch: a slot is always written, and kept only when the sentence is new).
        let mut touched: Vec<u32> = vec![0; n + 1];
        let mut met = 0usize;
        let mut keys: [Vec<u64>; N] = std::array::from_fn(|_| Vec::new());
        // Room for as many edges as the rows may keep, reserved once: a growing vector is
        // copied when the allocator cannot extend it in place, which held a long text's
        // edges twice. Rows that keep fewer edges leave the rest of the room untouched (so not
        // resident), and it is given back when the rows are done.
        let most: usize = range.clone().map(|i| limits(i).1).sum();
        let mut graphs: Vec<Graph> = (0..N)
            .map(|_| Graph {
                offsets: Vec::with_capacity(range.len() + 1),
                neighbors: Vec::with_capacity(most),
                weights: Vec::with_capacity(most),
            })
            .collect();
        for g in &mut graphs {
            g.offsets.push(0);
        }
        for i in range {
            let mark = i as u32 + 1;
            seen[i] = mark;
            let (reach, cap) = limits(i);
            for k in v.offsets[i]..v.offsets[i + 1] {
                let s = v.stems[k] as usize;
                let p = post_off[s] + at[k] as usize;
                let w = post_w[p];
                let lo = post_off[s].max(p.saturating_sub(reach));
                let hi = post_off[s + 1].min(p + reach + 1);
                for (&j, b) in post_sent[lo..hi].iter().zip(&post_w[lo..hi]) {
                    let j = j as usize;
                    touched[met] = j as u32;
                    met += usize::from(seen[j] != mark);
                    seen[j] = mark;
                    let a = &mut acc[j];
                    for m in 0..N {
                        a[m] += w[m] * b[m];
                    }
                }
            }
            // Each candidate as one integer key per measure that orders by similarity (as an
            // f32: a positive float's bits order like the float), then by earlier sentence;
            // one pass over the candidates reads each one's sums once for every measure. (A
            // bounded heap of the `cap` largest keys instead of a selection afterwards runs
            // 7 % fewer instructions but takes a third longer: its comparisons are
            // unpredictable branches.)
            for k in &mut keys {
                k.clear();
            }
            let li = log_len[i];
            for &j in &touched[..met] {
                let a = &acc[j as usize];
                let lj = log_len[j as usize];
                let tag = u64::from(u32::MAX - j);
                for m in 0..N {
                    let sim = if overlap[m] {
                        let norm = li + lj;
                        if norm > 0.0 {
                            a[m] / norm
                        } else {
                            0.0
                        }
                    } else {
                        a[m]
                    };
                    if sim > 0.0 {
                        keys[m].push((u64::from((sim as f32).to_bits()) << 32) | tag);
                    }
                }
            }
            for (keys, g) in keys.iter_mut().zip(graphs.iter_mut()) {
                if keys.len() > cap {
                    // Keep the most similar.
                    keys.select_nth_unstable_by(cap - 1, |a, b| b.cmp(a));
                    keys.truncate(cap);
                }
                // The kept edges by neighbour: the key turned into neighbour, then similarity.
                for k in keys.iter_mut() {
                    *k = (u64::from(u32::MAX - (*k as u32)) << 32) | (*k >> 32);
                }
                keys.sort_unstable();
                for &k in keys.iter() {
                    g.neighbors.push((k >> 32) as u32);
                    g.weights.push(f32::from_bits(k as u32));
                }
                g.offsets.push(g.neighbors.len());
            }
            // Row `i` met itself too (marked as seen, so never a candidate): clear that too.
            acc[i] = [0.0; N];
            for &j in &touched[..met] {
                acc[j as usize] = [0.0; N];
            }
            met = 0;
        }
        graphs
    }
}

/// Sentences with fewer content stems than this keep at most [`FEW_NEIGHBORS`] out-edges.
const MIN_STEMS: usize = 2;
/// The out-edges of a sentence with a single content stem.
const FEW_NEIGHBORS: usize = 4;

/// The key of a similarity graph: (overlap, IDF table or `None` for the document's own, window,
/// max_neighbors). The table is held so that its address cannot be reused by another table
/// while the entry lives.
type GraphKey = (bool, Option<Arc<Background>>, usize, usize);

fn same_table(a: &Option<Arc<Background>>, b: &Option<Arc<Background>>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => Arc::ptr_eq(x, y),
        _ => false,
    }
}

fn same_key(a: &GraphKey, b: &GraphKey) -> bool {
    a.0 == b.0 && a.2 == b.2 && a.3 == b.3 && same_table(&a.1, &b.1)
}

impl Centrality {
    fn graph_key(&self) -> GraphKey {
        let overlap = self.similarity == Similarity::Overlap;
        // The overlap measure reads no IDF, so all backgrounds share its graph.
        let table = if overlap {
            None
        } else {
            self.background.resolve(self.table.as_ref())
        };
        (overlap, table, self.window, self.max_neighbors)
    }
}

type GraphMemo = (u64, Vec<(GraphKey, Arc<Graph>)>);

thread_local! {
    /// The similarity graphs of the document being scored now, per thread (keyed by the
    /// document's serial, like [`super::memo_scores`]).
    static GRAPHS: std::cell::RefCell<Option<GraphMemo>> = const { std::cell::RefCell::new(None) };
}

/// Builds, in one pass per window and neighbour cap, the graphs that `scorers` will rank for
/// `doc` and that are not built yet, so that an ensemble meets each sentence pair once.
pub(crate) fn prepare_graphs(doc: &Document, scorers: &[&Centrality]) {
    let id = doc.serial();
    let mut missing: Vec<GraphKey> = Vec::new();
    GRAPHS.with(|m| {
        let m = m.borrow();
        let known = m
            .as_ref()
            .filter(|(d, _)| *d == id)
            .map(|(_, v)| v.as_slice());
        for c in scorers {
            let key = c.graph_key();
            let built = known.is_some_and(|v| v.iter().any(|(k, _)| same_key(k, &key)));
            if !built && !missing.iter().any(|k| same_key(k, &key)) {
                missing.push(key);
            }
        }
    });
    while let Some(first) = missing.first() {
        let (window, cap) = (first.2, first.3);
        let (group, rest): (Vec<GraphKey>, Vec<GraphKey>) = missing
            .into_iter()
            .partition(|k| k.2 == window && k.3 == cap);
        missing = rest;
        let graphs = build_group(doc, &group);
        GRAPHS.with(|m| {
            let mut m = m.borrow_mut();
            if m.as_ref().is_none_or(|(d, _)| *d != id) {
                *m = Some((id, Vec::new()));
            }
            if let Some((_, v)) = m.as_mut() {
                v.extend(group.into_iter().zip(graphs));
            }
        });
    }
}

/// The graphs of `keys` (one window and neighbour cap) in one pass.
fn build_group(doc: &Document, keys: &[GraphKey]) -> Vec<Arc<Graph>> {
    // One set of vectors per IDF table (built on several threads for a long text); the
    // overlap measure borrows any of them.
    let mut wanted: Vec<Option<Arc<Background>>> = Vec::new();
    for k in keys.iter().filter(|k| !k.0) {
        if !wanted.iter().any(|t| same_table(t, &k.1)) {
            wanted.push(k.1.clone());
        }
    }
    if wanted.is_empty() {
        wanted.push(None);
    }
    let build = |t: &Option<Arc<Background>>| SentenceVectors::build(doc, &idf(doc, t.as_deref()));
    let vectors = if row_parts(doc.sentences().len()) > 1 {
        par_map(&wanted, build)
    } else {
        wanted.iter().map(build).collect()
    };
    let variants: Vec<Variant> = keys
        .iter()
        .map(|k| match k.0 {
            true => Variant::OVERLAP,
            false => Variant::cosine(wanted.iter().position(|t| same_table(t, &k.1)).unwrap_or(0)),
        })
        .collect();
    let (window, cap) = keys.first().map_or((1, 1), |k| (k.2, k.3));
    build_graphs(vectors, &variants, doc.num_stems(), window, cap)
        .into_iter()
        .map(Arc::new)
        .collect()
}

/// The similarity graph of `doc` for `c`, built now unless [`prepare_graphs`] built it.
fn shared_graph(doc: &Document, c: &Centrality) -> Arc<Graph> {
    let id = doc.serial();
    let key = c.graph_key();
    let find = || {
        GRAPHS.with(|m| {
            m.borrow()
                .as_ref()
                .filter(|(d, _)| *d == id)
                .and_then(|(_, v)| {
                    v.iter()
                        .find(|(k, _)| same_key(k, &key))
                        .map(|(_, g)| g.clone())
                })
        })
    };
    if let Some(g) = find() {
        return g;
    }
    // Built and remembered like an ensemble's graphs; found on the second look.
    prepare_graphs(doc, &[c]);
    find()
        .or_else(|| build_group(doc, std::slice::from_ref(&key)).pop())
        .unwrap_or_default()
}

/// PageRank on a directed graph (each row holds a node's out-edges), with random jumps to
/// `jump` (a probability vector); nodes without edges spread their rank along `jump` too. With
/// `cut`, only the edges whose similarity reaches it count, each of weight 1 (LexRank's graph).
///
/// The ranks are found by Gauss-Seidel sweeps: each node's new rank is summed from its
/// in-edges with the ranks already updated in this sweep, which reaches the same fixed point
/// as power iteration in about 0.6 of the rounds on news (1 MB of BBC articles: 48 rounds
/// for the default's four rankings instead of 79). The ranks are scaled back to a sum of 1
/// after every sweep; iteration stops when a sweep moves them by less than `tol` (L1).
// `i` and `j` index the graph's rows, their sums and the ranks alike.
#[allow(clippy::needless_range_loop)]
fn pagerank(
    g: &Graph,
    cut: Option<f64>,
    jump: &Array1<f64>,
    damping: f64,
    max_iter: usize,
    tol: f64,
) -> Array1<f64> {
    let n = g.offsets.len().saturating_sub(1);
    if n == 0 {
        return Array1::zeros(0);
    }
    // The weight an edge counts with; 0 leaves it out.
    let weight = |w: f32| match cut {
        None => f64::from(w),
        Some(t) if f64::from(w) >= t => 1.0,
        Some(_) => 0.0,
    };
    let out_sum: Vec<f64> = (0..n)
        .map(|i| {
            g.weights[g.offsets[i]..g.offsets[i + 1]]
                .iter()
                .map(|&w| weight(w))
                .sum::<f64>()
        })
        .collect();
    // The in-edges of each node (the graph transposed by a counting sort): every node's new
    // rank is summed in registers from its in-edges ("pull"), which is also what lets a sweep
    // read the ranks it has already updated.
    let mut in_off = vec![0usize; n + 1];
    for i in 0..n {
        if out_sum[i] != 0.0 {
            let r = g.offsets[i]..g.offsets[i + 1];
            for (&j, &w) in g.neighbors[r.clone()].iter().zip(&g.weights[r]) {
                if weight(w) != 0.0 {
                    in_off[j as usize + 1] += 1;
                }
            }
        }
    }
    for j in 0..n {
        in_off[j + 1] += in_off[j];
    }
    let mut in_src = vec![0u32; in_off[n]];
    // Exact as `f32`: an edge's own weight, or 1 through the cut.
    let mut in_w = vec![0f32; in_off[n]];
    let mut fill = in_off.clone();
    for i in 0..n {
        if out_sum[i] == 0.0 {
            continue;
        }
        let r = g.offsets[i]..g.offsets[i + 1];
        for (&j, &w) in g.neighbors[r.clone()].iter().zip(&g.weights[r]) {
            let w = weight(w);
            if w == 0.0 {
                continue;
            }
            let k = fill[j as usize];
            in_src[k] = i as u32;
            in_w[k] = w as f32;
            fill[j as usize] += 1;
        }
    }
    drop(fill);
    let edges = InEdges {
        off: &in_off,
        src: &in_src,
        w: &in_w,
    };
    // The share of a node's rank that goes along each unit of its out-edges' weight (0 for a
    // node without out-edges, whose rank is spread over every node).
    let coef: Vec<f64> = out_sum
        .iter()
        .map(|&o| if o == 0.0 { 0.0 } else { damping / o })
        .collect();
    let dangling_nodes: Vec<usize> = (0..n).filter(|&i| out_sum[i] == 0.0).collect();
    drop(out_sum);
    let mut p = vec![1.0 / n as f64; n];
    let mut share: Vec<f64> = p.iter().zip(&coef).map(|(x, c)| c * x).collect();
    for _ in 0..max_iter {
        // The ranks sum to 1 at the start of a sweep.
        let dangling: f64 = dangling_nodes.iter().map(|&i| p[i]).sum();
        let base = (1.0 - damping) + damping * dangling;
        let mut delta = 0.0;
        let mut total = 0.0;
        for j in 0..n {
            let x = jump[j] * base + edges.sum(j, &share);
            delta += (x - p[j]).abs();
            total += x;
            p[j] = x;
            share[j] = coef[j] * x;
        }
        if total > 0.0 {
            let scale = 1.0 / total;
            p.iter_mut().for_each(|x| *x *= scale);
            share.iter_mut().for_each(|x| *x *= scale);
        }
        if delta < tol {
            break;
        }
    }
    Array1::from_vec(p)
}

/// A graph's in-edges, by target node.
struct InEdges<'a> {
    off: &'a [usize],
    src: &'a [u32],
    w: &'a [f32],
}

impl InEdges<'_> {
    /// `sum share[src] * w` over the in-edges of `j`, in four partial sums so that the
    /// additions do not wait on each other.
    #[inline(always)]
    fn sum(&self, j: usize, share: &[f64]) -> f64 {
        let r = self.off[j]..self.off[j + 1];
        let (src, w) = (&self.src[r.clone()], &self.w[r]);
        let mut acc = [0f64; 4];
        let mut chunks = src.chunks_exact(4).zip(w.chunks_exact(4));
        for (s4, w4) in &mut chunks {
            for m in 0..4 {
                acc[m] += share[s4[m] as usize] * f64::from(w4[m]);
            }
        }
        let tail = src.len() - src.len() % 4;
        for (&s1, &w1) in src[tail..].iter().zip(&w[tail..]) {
            acc[0] += share[s1 as usize] * f64::from(w1);
        }
        (acc[0] + acc[1]) + (acc[2] + acc[3])
    }
}

/// PACSUM's directed degree centrality over a similarity graph (see
/// [`CentralityMethod::Pacsum`]); one pass over the edges.
fn pacsum(g: &Graph, beta: f64) -> Vec<f64> {
    // The weakest similarity of the document is 0 (sentences without a shared stem, which the
    // graph leaves out), so the cut is `beta` of the way to the strongest.
    let hi = g.weights.iter().fold(0.0f64, |hi, &w| hi.max(f64::from(w)));
    let cut = beta * hi;
    g.offsets
        .windows(2)
        .enumerate()
        .map(|(i, r)| {
            let mut before = 0.0;
            let mut after = 0.0;
            for k in r[0]..r[1] {
                let e = f64::from(g.weights[k]) - cut;
                if e > 0.0 {
                    if (g.neighbors[k] as usize) < i {
                        before += e;
                    } else {
                        after += e;
                    }
                }
            }
            PACSUM_BEFORE * before + PACSUM_AFTER * after
        })
        .collect()
}

impl SentenceScorer for Centrality {
    fn validate(&self) -> Result<(), crate::error::Error> {
        Centrality::validate(self)
    }

    fn name(&self) -> &str {
        match (self.method, self.similarity) {
            (CentralityMethod::TextRank, Similarity::Cosine) => "textrank",
            (CentralityMethod::TextRank, Similarity::Overlap) => "textrank_overlap",
            (CentralityMethod::LexRank, Similarity::Cosine) => "lexrank",
            (CentralityMethod::LexRank, Similarity::Overlap) => "lexrank_overlap",
            (CentralityMethod::Pacsum, Similarity::Cosine) => "pacsum",
            (CentralityMethod::Pacsum, Similarity::Overlap) => "pacsum_overlap",
        }
    }

    fn score_into(&self, doc: &Document, out: &mut Vec<f64>) {
        self.score_on(doc, &shared_graph(doc, self), out);
    }
}

impl Centrality {
    /// The similarity graph this scorer ranks `doc` on (built now unless [`prepare_graphs`]
    /// built it), for [`Centrality::score_on`] on another thread, which cannot see this
    /// thread's graphs.
    pub(crate) fn graph(&self, doc: &Document) -> Arc<Graph> {
        shared_graph(doc, self)
    }

    /// The scores of [`SentenceScorer::score_into`], on `shared`, the graph of
    /// [`Centrality::graph`].
    pub(crate) fn score_on(&self, doc: &Document, shared: &Graph, out: &mut Vec<f64>) {
        out.clear();
        let scores = match self.method {
            CentralityMethod::TextRank => self.ranks(doc, shared, None),
            // LexRank reads the shared graph through its threshold (no copy of the graph).
            CentralityMethod::LexRank => self.ranks(doc, shared, Some(self.threshold)),
            CentralityMethod::Pacsum => pacsum(shared, self.threshold),
        };
        // Only body sentences score.
        out.extend(doc.sentences().iter().zip(scores).map(
            |(s, x)| {
                if s.kind.is_body() {
                    x
                } else {
                    0.0
                }
            },
        ));
    }

    /// The PageRank of every sentence times their number (1 on average), with this scorer's
    /// jump vector, on the graph `g` read through `cut` (see [`pagerank`]).
    fn ranks(&self, doc: &Document, g: &Graph, cut: Option<f64>) -> Vec<f64> {
        let n = doc.sentences().len();
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
        let p = pagerank(
            g,
            cut,
            &jump,
            self.damping,
            self.max_iterations,
            self.tolerance,
        );
        let n = p.len() as f64;
        p.iter().map(|&x| x * n).collect()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A document of `n` sentences over a small vocabulary, so that stems recur often.
    pub(crate) fn doc(n: usize) -> Document {
        let words = [
            "laboratory",
            "funding",
            "talent",
            "province",
            "enterprise",
            "research",
            "reform",
            "innovation",
            "platform",
            "science",
            "county",
            "patent",
        ];
        let text: String = (0..n)
            .map(|i| {
                let a = words[i % words.len()];
                let b = words[(i * 7 + 3) % words.len()];
                let c = words[(i * i + 5) % words.len()];
                format!("The {a} and the {b} meet the {c} here.")
            })
            .collect();
        brief_tokenize::analyze(&text)
    }

    fn brute_force(v: &SentenceVectors, k: usize) -> Vec<Vec<(u32, f64)>> {
        (0..v.len())
            .map(|i| {
                let mut row: Vec<(f64, u32)> = (0..v.len())
                    .filter(|&j| j != i)
                    .map(|j| (v.cosine(i, j), j as u32))
                    .filter(|x| x.0 > 0.0)
                    .collect();
                row.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                row.truncate(k);
                let mut row: Vec<(u32, f64)> = row.into_iter().map(|(s, j)| (j, s)).collect();
                row.sort_by_key(|x| x.0);
                row
            })
            .collect()
    }

    fn rows(g: &Graph) -> Vec<Vec<(u32, f64)>> {
        g.offsets
            .windows(2)
            .map(|w| {
                (w[0]..w[1])
                    .map(|k| (g.neighbors[k], f64::from(g.weights[k])))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn rows_built_in_parts_make_the_same_graphs() {
        let d = doc(300);
        let v = SentenceVectors::build(&d, &idf(&d, None));
        let vars = [Variant::cosine(0), Variant::OVERLAP];
        let whole = build_graphs_in(vec![v.clone()], &vars, d.num_stems(), 8, 5, 1);
        assert!(whole.iter().all(|g| g.neighbors.len() > 300));
        for parts in [2, 3, 7, 300, 1000] {
            let split = build_graphs_in(vec![v.clone()], &vars, d.num_stems(), 8, 5, parts);
            for (a, b) in whole.iter().zip(&split) {
                assert_eq!(a.offsets, b.offsets, "{parts} parts");
                assert_eq!(a.neighbors, b.neighbors, "{parts} parts");
                assert_eq!(a.weights, b.weights, "{parts} parts");
            }
        }
    }

    #[test]
    fn wide_window_gives_the_exact_knn_graph() {
        let d = doc(60);
        let v = SentenceVectors::build(&d, &idf(&d, None));
        let g = build_graphs(
            vec![v.clone()],
            &[Variant::cosine(0)],
            d.num_stems(),
            1_000,
            5,
        )
        .remove(0);
        let (got, want) = (rows(&g), brute_force(&v, 5));
        assert_eq!(got.len(), want.len());
        for (a, b) in got.iter().zip(&want) {
            assert_eq!(a.len(), b.len());
            for (x, y) in a.iter().zip(b) {
                assert_eq!(x.0, y.0);
                // Kept as `f32`.
                assert!((x.1 - y.1).abs() < 1e-7, "{x:?} {y:?}");
            }
        }
    }

    #[test]
    fn one_pass_for_several_measures_equals_one_pass_each() {
        let d = doc(80);
        let v_doc = SentenceVectors::build(&d, &idf(&d, None));
        let bg = Background::builtin();
        let v_bg = SentenceVectors::build(&d, &idf(&d, Some(&bg)));
        let tables = vec![v_doc, v_bg];
        let variants = [Variant::OVERLAP, Variant::cosine(0), Variant::cosine(1)];
        let joint = build_graphs(tables.clone(), &variants, d.num_stems(), 3, 7);
        for (m, var) in variants.into_iter().enumerate() {
            let alone = build_graphs(tables.clone(), &[var], d.num_stems(), 3, 7).remove(0);
            assert_eq!(rows(&joint[m]), rows(&alone), "measure {m}");
        }
    }

    #[test]
    fn a_window_of_one_links_neighbouring_occurrences_only() {
        // "talent" is in sentences 0, 1, 2 and 3 and nothing else is shared.
        let d = brief_tokenize::analyze("Talent alpha.Talent bravo.Talent charlie.Talent delta.");
        let v = SentenceVectors::build(&d, &idf(&d, None));
        let var = Variant::OVERLAP;
        let g = build_graphs(vec![v.clone()], &[var], d.num_stems(), 1, 40).remove(0);
        let linked: Vec<Vec<u32>> = rows(&g)
            .into_iter()
            .map(|r| r.into_iter().map(|x| x.0).collect())
            .collect();
        assert_eq!(linked, vec![vec![1], vec![0, 2], vec![1, 3], vec![2]]);
        let exact = build_graphs(vec![v], &[var], d.num_stems(), 64, 40).remove(0);
        assert_eq!(rows(&exact)[0].len(), 3);
    }

    /// PageRank pushing each node's rank along its out-edges: the textbook order of the sums.
    fn pagerank_push(
        g: &Graph,
        jump: &Array1<f64>,
        d: f64,
        max_iter: usize,
        tol: f64,
    ) -> Array1<f64> {
        let n = g.offsets.len() - 1;
        let out_sum: Vec<f64> = (0..n)
            .map(|i| {
                g.weights[g.offsets[i]..g.offsets[i + 1]]
                    .iter()
                    .map(|&w| f64::from(w))
                    .sum()
            })
            .collect();
        let mut p = Array1::from_elem(n, 1.0 / n as f64);
        for _ in 0..max_iter {
            let dangling: f64 = (0..n).filter(|&i| out_sum[i] == 0.0).map(|i| p[i]).sum();
            let mut next = jump * ((1.0 - d) + d * dangling);
            for i in (0..n).filter(|&i| out_sum[i] != 0.0) {
                let share = d * p[i] / out_sum[i];
                for k in g.offsets[i]..g.offsets[i + 1] {
                    next[g.neighbors[k] as usize] += share * f64::from(g.weights[k]);
                }
            }
            let delta: f64 = (&next - &p).mapv(f64::abs).sum();
            p = next;
            if delta < tol {
                break;
            }
        }
        p
    }

    #[test]
    fn gauss_seidel_ranks_reach_power_iterations_fixed_point() {
        let d = doc(400);
        let v = SentenceVectors::build(&d, &idf(&d, None));
        let g = build_graphs(vec![v], &[Variant::cosine(0)], d.num_stems(), 8, 10).remove(0);
        let n = d.sentences().len();
        let jump = Array1::from_shape_fn(n, |i| 1.0 / (1.0 + i as f64));
        let jump = &jump / jump.sum();
        for cut in [None, Some(0.2)] {
            let pushed = |tol| {
                pagerank_push(
                    &cut.map_or_else(|| g.clone(), |t| thresholded(&g, t)),
                    &jump,
                    0.85,
                    1000,
                    tol,
                )
            };
            // Converged, the two agree to rounding.
            let (a, b) = (pagerank(&g, cut, &jump, 0.85, 1000, 1e-14), pushed(1e-14));
            assert!((a.sum() - 1.0).abs() < 1e-12);
            for (x, y) in a.iter().zip(&b) {
                assert!((x - y).abs() <= 1e-9 * y.abs(), "{x} vs {y}");
            }
            // At the scorers' tolerance, at least as near the fixed point as power iteration
            // stopped by the same tolerance, and the leading sentences in the same order.
            let (a, b) = (pagerank(&g, cut, &jump, 0.85, 100, 1e-4), pushed(1e-14));
            let l1 = |p: &Array1<f64>| p.iter().zip(&b).map(|(x, y)| (x - y).abs()).sum::<f64>();
            let power = l1(&pushed(1e-4));
            assert!(l1(&a) <= power && power < 1e-3, "{} {power}", l1(&a));
            let top = |p: &Array1<f64>| {
                let mut i: Vec<usize> = (0..n).collect();
                i.sort_by(|&x, &y| p[y].total_cmp(&p[x]));
                i.truncate(5);
                i
            };
            assert_eq!(top(&a), top(&b));
        }
    }

    #[test]
    fn pagerank_on_known_graphs() {
        let uniform = |n: usize| Array1::from_elem(n, 1.0 / n as f64);
        // A symmetric cycle: every node has the same rank.
        let cycle = Graph {
            offsets: vec![0, 2, 4, 6],
            neighbors: vec![1, 2, 0, 2, 0, 1],
            weights: vec![1.0; 6],
        };
        let p = pagerank(&cycle, None, &uniform(3), 0.85, 100, 1e-12);
        assert!(p.iter().all(|&x| (x - 1.0 / 3.0).abs() < 1e-9));
        // A star (all nodes point at node 0, node 0 points back at all): closed form
        // p0 = (1 - d)/n + d * (1 - p0), so p0 = ((1 - d)/n + d) / (1 + d).
        let star = Graph {
            offsets: vec![0, 3, 4, 5, 6],
            neighbors: vec![1, 2, 3, 0, 0, 0],
            weights: vec![1.0; 6],
        };
        let p = pagerank(&star, None, &uniform(4), 0.85, 1000, 1e-14);
        let p0 = (0.15 / 4.0 + 0.85) / 1.85;
        assert!((p[0] - p0).abs() < 1e-9, "{} vs {p0}", p[0]);
        assert!((p.sum() - 1.0).abs() < 1e-9);
        // A node without edges spreads its rank along the jump vector: ranks still sum to 1,
        // and a lead-biased jump favours node 0.
        let lone = Graph {
            offsets: vec![0, 0, 0],
            neighbors: vec![],
            weights: vec![],
        };
        let jump = Array1::from_vec(vec![0.75, 0.25]);
        let p = pagerank(&lone, None, &jump, 0.85, 100, 1e-12);
        assert!((p[0] - 0.75).abs() < 1e-9 && (p.sum() - 1.0).abs() < 1e-9);
        assert_eq!(
            pagerank(&Graph::default(), None, &uniform(0), 0.85, 10, 1e-6).len(),
            0
        );
    }

    /// LexRank's graph written out: only the edges whose similarity reaches `threshold`, each
    /// of weight 1 (`pagerank` reads the graph through the cut instead).
    fn thresholded(g: &Graph, threshold: f64) -> Graph {
        let mut t = Graph::default();
        t.offsets.push(0);
        for w in g.offsets.windows(2) {
            for k in w[0]..w[1] {
                if f64::from(g.weights[k]) >= threshold {
                    t.neighbors.push(g.neighbors[k]);
                    t.weights.push(1.0);
                }
            }
            t.offsets.push(t.neighbors.len());
        }
        t
    }

    #[test]
    fn lexrank_keeps_edges_at_the_threshold_with_unit_weight() {
        let g = Graph {
            offsets: vec![0, 2, 3, 4],
            neighbors: vec![1, 2, 0, 0],
            weights: vec![0.05, 0.2, 0.1, 0.3],
        };
        let jump = Array1::from_vec(vec![0.5, 0.3, 0.2]);
        let t = thresholded(&g, 0.1);
        assert_eq!(t.offsets, vec![0, 1, 2, 3]);
        assert_eq!(t.weights, vec![1.0; 3]);
        // Through the cut: the same ranks to the bit as on the graph written out, and not
        // those of the weighted graph.
        let cut = pagerank(&g, Some(0.1), &jump, 0.85, 100, 1e-12);
        assert_eq!(cut, pagerank(&t, None, &jump, 0.85, 100, 1e-12));
        assert_ne!(cut, pagerank(&g, None, &jump, 0.85, 100, 1e-12));
    }

    #[test]
    fn pacsum_weighs_later_neighbours_up_and_earlier_ones_down_above_the_cut() {
        // Three sentences; the strongest weight is 1.0, so beta 0.6 cuts at 0.6.
        let g = Graph {
            offsets: vec![0, 2, 4, 5],
            neighbors: vec![1, 2, 0, 2, 0],
            weights: vec![1.0, 0.8, 1.0, 0.2, 0.8],
        };
        let p = pacsum(&g, 0.6);
        let want = [
            PACSUM_AFTER * (0.4 + 0.2),
            PACSUM_BEFORE * 0.4,
            PACSUM_BEFORE * 0.2,
        ];
        // The weights are `f32`: 0.8 and 0.2 to 1e-7.
        for (got, want) in p.iter().zip(want) {
            assert!((got - want).abs() < 1e-6, "{p:?}");
        }
        // With beta 0 every edge above the weakest counts; an empty graph scores nothing.
        assert!(pacsum(&g, 0.0)[0] > 0.0);
        assert_eq!(
            pacsum(
                &Graph {
                    offsets: vec![0, 0],
                    ..Graph::default()
                },
                0.6
            ),
            [0.0]
        );
        // On a document, it scores body sentences only, one score per sentence.
        let d = brief_tokenize::analyze(
            "Labs grow\n\nThe province funds key labs. Key labs get funds. It rained.",
        );
        let s = Centrality::pacsum().score(&d);
        assert_eq!(s.len(), d.sentences().len());
        assert_eq!(s[0], 0.0);
        assert!(s[1] > s[2], "{s:?}");
    }

    #[test]
    fn scorers_sharing_a_graph_score_as_they_would_alone() {
        let d = doc(50);
        let lead = Centrality {
            lead_bias: 0.5,
            ..Centrality::textrank()
        };
        let alone = lead.score(&d);
        // Another document in between, then the ensemble builds every graph at once.
        let _ = Centrality::lexrank().score(&doc(10));
        prepare_graphs(
            &d,
            &[&Centrality::lexrank(), &lead, &Centrality::textrank()],
        );
        assert_eq!(lead.score(&d), alone);
        assert!(Centrality::default().validate().is_ok());
        let bad = Centrality {
            window: 0,
            ..Centrality::default()
        };
        assert!(bad.validate().is_err());
    }
}
