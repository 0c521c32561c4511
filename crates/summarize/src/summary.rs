//! Selecting sentences within a budget, and the [`Summary`] that explains the choice.

use crate::background::Background;
use crate::error::Error;
use crate::scorers::{max_abs, AnyScorer, Combined, SentenceScorer};
use crate::vectors::{idf, SentenceVectors};
use brief_tokenize::Document;
#[cfg(feature = "hf")]
use brief_tokenize::TokenCounter;
use serde::{Deserialize, Serialize};

/// How long a summary may be. A summary never exceeds its budget and never splits a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "unit", content = "value")]
pub enum Budget {
    /// At most this many sentences.
    Sentences(usize),
    /// This share (0..=1) of the document's body sentences, rounded up, at least one.
    Ratio(f64),
    /// At most this many words.
    Words(usize),
    /// At most this many characters (Unicode scalar values) of sentence text.
    Chars(usize),
    /// At most this many model tokens, counted with the summarizer's `tokenizer.json`.
    Tokens(usize),
}

/// In what order the selected sentences are returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Order {
    /// As they appear in the document (default).
    #[default]
    Document,
    /// Best first.
    Score,
}

/// One scorer's part in a sentence's score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    /// The scorer's name.
    pub scorer: String,
    /// Its weight in the combination.
    pub weight: f64,
    /// Its raw score for the sentence.
    pub raw: f64,
    /// The raw score divided by the scorer's largest absolute score in the document.
    pub normalized: f64,
    /// `weight * normalized`: what it added to the total.
    pub value: f64,
}

/// A selected sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummarySentence {
    /// Index of the sentence in the document.
    pub index: usize,
    /// Byte offset of its first byte in the original text.
    pub start: usize,
    /// Byte offset one past its last byte.
    pub end: usize,
    /// Its text.
    pub text: String,
    /// Its total score.
    pub score: f64,
    /// Each scorer's contribution (one entry for a single scorer).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contributions: Vec<Contribution>,
}

/// The result of summarizing a document.
///
/// ```
/// let s = brief_summarize::summarize("Gansu held its science meeting.It set five key tasks for talent.\
///     The weather was cold.Officials attended.", 2);
/// assert_eq!(s.sentences.len(), 2);
/// assert!(s.sentences[0].index < s.sentences[1].index);
/// let json = serde_json::to_value(&s).unwrap();
/// assert!(json["sentences"][0]["start"].is_u64());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// The scorer that ranked the sentences.
    pub scorer: String,
    /// The budget that bounded the selection.
    pub budget: Budget,
    /// Number of sentences in the document (all kinds).
    pub total_sentences: usize,
    /// Number of sentences that could be selected (body text, not fragments).
    pub candidates: usize,
    /// The selected sentences.
    pub sentences: Vec<SummarySentence>,
}

impl Summary {
    /// The whole `text` (the text that was summarized) with each chosen sentence between
    /// `open` and `close`, in document order whatever the summary's order.
    ///
    /// ```
    /// use brief_summarize::{AnyScorer, Order, Summarizer, Budget};
    ///
    /// let text = "Labs get funds.It rained.Labs hire staff.";
    /// let doc = brief_tokenize::analyze(text);
    /// let s = Summarizer::builder()
    ///     .scorer(AnyScorer::by_name("position")?)
    ///     .budget(Budget::Sentences(2))
    ///     .order(Order::Score)
    ///     .min_words(1)
    ///     .build()?
    ///     .summarize(&doc)?;
    /// assert_eq!(s.highlight(text, "[", "]"), "[Labs get funds.][It rained.]Labs hire staff.");
    /// # Ok::<(), brief_summarize::Error>(())
    /// ```
    pub fn highlight(&self, text: &str, open: &str, close: &str) -> String {
        let mut spans: Vec<(usize, usize)> = self
            .sentences
            .iter()
            .map(|s| (s.start, s.end))
            .filter(|&(a, b)| a <= b && b <= text.len())
            .collect();
        spans.sort_unstable();
        let mut out = String::with_capacity(text.len() + spans.len() * (open.len() + close.len()));
        let mut pos = 0;
        for (a, b) in spans {
            if a < pos || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
                continue;
            }
            out.push_str(&text[pos..a]);
            out.push_str(open);
            out.push_str(&text[a..b]);
            out.push_str(close);
            pos = b;
        }
        out.push_str(&text[pos..]);
        out
    }

    /// The selected sentences' text, one per line.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for (i, x) in self.sentences.iter().enumerate() {
            if i > 0 {
                s.push('\n');
            }
            s.push_str(&x.text);
        }
        s
    }
}

/// One scorer's name, weight, raw scores and normalized scores.
type PartScores = (String, f64, Vec<f64>, Vec<f64>);

/// An extractive summarizer: a scorer, a budget, redundancy control and ordering.
///
/// Build one with [`Summarizer::builder`]; the builder validates every setting.
///
/// ```
/// use brief_summarize::{AnyScorer, Budget, Summarizer};
///
/// let summarizer = Summarizer::builder()
///     .scorer(AnyScorer::by_name("textrank").unwrap())
///     .budget(Budget::Words(20))
///     .redundancy(0.7)
///     .build()
///     .unwrap();
/// let doc = brief_tokenize::analyze("Key laboratories will be reorganized this year.\
///     The province will reorganize its key laboratories.Talent teams will grow.");
/// let summary = summarizer.summarize(&doc).unwrap();
/// let words: usize = summary.sentences.iter().map(|s| doc.sentences()[s.index].word_count()).sum();
/// assert!(words <= 20);
/// ```
///
/// Any [`SentenceScorer`] gets the whole summarizer: budgets, redundancy control, ordering and
/// explanations. A scorer of your own in a few lines:
///
/// ```
/// use brief_summarize::{Budget, SentenceScorer, Summarizer};
/// use brief_tokenize::Document;
///
/// /// Prefers sentences with figures.
/// struct Figures;
/// impl SentenceScorer for Figures {
///     fn name(&self) -> &str { "figures" }
///     fn score_into(&self, doc: &Document, out: &mut Vec<f64>) {
///         out.clear();
///         out.extend((0..doc.sentences().len()).map(|i| {
///             doc.sentence_text(i).chars().filter(char::is_ascii_digit).count() as f64
///         }));
///     }
/// }
///
/// let summarizer = Summarizer::builder()
///     .scorer(Figures)
///     .budget(Budget::Sentences(1))
///     .redundancy(0.8)
///     .build()
///     .unwrap();
/// let doc = brief_tokenize::analyze("The meeting was held in Wuhan.\
///     Research spending reached 270.4 billion yuan, up 23 percent.It was a good year.");
/// let summary = summarizer.summarize(&doc).unwrap();
/// assert_eq!(summary.sentences[0].index, 1);
/// assert_eq!(summary.scorer, "figures");
/// // The explanation names the scorer's part and its value.
/// assert_eq!(summary.sentences[0].contributions[0].scorer, "figures");
/// ```
#[derive(Debug, Clone)]
pub struct Summarizer<S = AnyScorer> {
    scorer: S,
    budget: Budget,
    lambda: f64,
    /// Jaccard overlap of content stems at which a candidate repeats a chosen sentence.
    duplicate: Option<f64>,
    order: Order,
    min_words: usize,
    max_words: usize,
    #[cfg(feature = "hf")]
    counter: Option<TokenCounter>,
}

/// Builds a [`Summarizer`]; see [`Summarizer::builder`].
#[derive(Debug, Clone)]
pub struct SummarizerBuilder<S = AnyScorer> {
    inner: Summarizer<S>,
}

impl Default for Summarizer {
    fn default() -> Self {
        Summarizer {
            scorer: AnyScorer::Combined(Combined::default()),
            budget: Budget::Sentences(3),
            lambda: 1.0,
            duplicate: Some(DUPLICATE_OVERLAP),
            order: Order::Document,
            min_words: 4,
            max_words: 64,
            #[cfg(feature = "hf")]
            counter: None,
        }
    }
}

impl Summarizer {
    /// A builder with the defaults: the combined scorer, 3 sentences, no redundancy penalty
    /// (`lambda` 1) but no near-duplicates (see [`SummarizerBuilder::duplicates`]), document
    /// order, fragments under 4 words skipped.
    pub fn builder() -> SummarizerBuilder {
        SummarizerBuilder {
            inner: Summarizer::default(),
        }
    }
}

impl<S: SentenceScorer + Clone> Summarizer<S> {
    /// A copy of this summarizer with another budget (validated like the builder does).
    pub fn with_budget(&self, budget: Budget) -> Result<Summarizer<S>, Error> {
        SummarizerBuilder {
            inner: Summarizer {
                budget,
                ..self.clone()
            },
        }
        .build()
    }
}

impl<S: SentenceScorer> Summarizer<S> {
    /// The scorer in use.
    pub fn scorer(&self) -> &S {
        &self.scorer
    }

    /// Whether sentence `i` may be chosen: body text, neither a fragment nor a run-on.
    fn is_candidate(&self, doc: &Document, i: usize) -> bool {
        let s = &doc.sentences()[i];
        s.kind.is_body()
            && s.word_count() >= self.min_words
            && run_on_length(doc, i) <= self.max_words
    }

    /// The part of the document's body that the budget keeps (0 to 1), which scorers that
    /// adapt to the summary's selectivity read.
    fn share(&self, doc: &Document) -> f64 {
        let body = || doc.sentences().iter().filter(|s| s.kind.is_body());
        let words = || body().map(|s| s.word_count()).sum::<usize>().max(1) as f64;
        let n = body().count().max(1) as f64;
        let share = match self.budget {
            Budget::Sentences(k) => k as f64 / n,
            Budget::Ratio(r) => r,
            Budget::Words(w) => w as f64 / words(),
            // About six characters and 1.3 model tokens per word.
            Budget::Chars(c) => c as f64 / (6.0 * words()),
            Budget::Tokens(t) => t as f64 / (1.3 * words()),
        };
        share.clamp(0.0, 1.0)
    }

    /// Summarizes an analysed document.
    ///
    /// Fails only when a token budget cannot be counted.
    pub fn summarize(&self, doc: &Document) -> Result<Summary, Error> {
        self.summarize_with(doc, None)
    }

    /// Summarizes with an extra per-sentence preference (for example a theme classifier's
    /// score), added with the given weight: `(weight, scores)`. Both are normalized first: a
    /// weight of 1 lets the best-preferred sentence gain as much as the best-scored one has.
    pub fn summarize_with(
        &self,
        doc: &Document,
        prefer: Option<(f64, &[f64])>,
    ) -> Result<Summary, Error> {
        let n = doc.sentences().len();
        // Raw and normalized scores per part; contributions are built for chosen sentences only.
        let p = self.scorer.score_parts_at(doc, self.share(doc));
        let mut total = p.total;
        let parts: Vec<PartScores> = p
            .parts
            .into_iter()
            .zip(p.raw)
            .map(|((name, w, norm), raw)| (name, w, raw, norm))
            .collect();
        if let Some((w, extra)) = prefer {
            let max = max_abs(extra);
            // The preference is relative to the scorer's own range, so that a weight means
            // the same whatever the scorer.
            let scale = max_abs(&total).max(f64::MIN_POSITIVE);
            if max > 0.0 {
                for (t, &x) in total.iter_mut().zip(extra) {
                    *t += w * scale * x / max;
                }
            }
        }
        for t in &mut total {
            if !t.is_finite() {
                *t = 0.0;
            }
        }

        // Candidates: body sentences that are not fragments; fall back to any body sentence.
        let mut cands: Vec<usize> = (0..n).filter(|&i| self.is_candidate(doc, i)).collect();
        if cands.is_empty() {
            cands = (0..n)
                .filter(|&i| {
                    doc.sentences()[i].kind.is_body() && doc.sentences()[i].word_count() > 0
                })
                .collect();
        }
        let body = doc.sentences().iter().filter(|s| s.kind.is_body()).count();
        let max_count = match self.budget {
            Budget::Sentences(k) => k,
            Budget::Ratio(r) => ((r * body as f64).ceil() as usize).max(1),
            _ => usize::MAX,
        };
        let cost = |i: usize| -> Result<usize, Error> {
            Ok(match self.budget {
                Budget::Sentences(_) | Budget::Ratio(_) => 0,
                Budget::Words(_) => doc.sentences()[i].word_count(),
                Budget::Chars(_) => doc.sentence_text(i).chars().count(),
                #[cfg(feature = "hf")]
                Budget::Tokens(_) => match &self.counter {
                    Some(c) => c.count(doc.sentence_text(i))?,
                    None => unreachable_counter(),
                },
                #[cfg(not(feature = "hf"))]
                Budget::Tokens(_) => unreachable_counter(),
            })
        };
        let limit = match self.budget {
            Budget::Words(w) | Budget::Chars(w) | Budget::Tokens(w) => w,
            _ => usize::MAX,
        };

        // Min-max normalized scores of candidates, for MMR.
        let (lo, hi) = cands
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &i| {
                (lo.min(total[i]), hi.max(total[i]))
            });
        let range = if hi > lo { hi - lo } else { 1.0 };
        let rel = |i: usize| (total[i] - lo) / range;

        let mut costs = Vec::with_capacity(cands.len());
        for &i in &cands {
            costs.push(cost(i)?);
        }
        let mut chosen: Vec<usize> = Vec::new();
        let mut used = 0usize;
        let redundancy = self.lambda < 1.0;
        // Greedy selection: each pick is the best candidate that still fits the budget (ties
        // go to the earlier sentence). Without redundancy control that is the candidates in
        // score order; with it, MMR values only fall as sentences are chosen, so a lazy
        // greedy heap (stale values re-checked against the new picks only) finds the same
        // picks, and a stale value meets only the new picks that share a stem with it
        // (`ChosenVectors`).
        let mut heap: std::collections::BinaryHeap<Entry> = cands
            .iter()
            .enumerate()
            .map(|(k, &i)| Entry {
                value: self.lambda * rel(i),
                k,
                fresh_at: 0,
            })
            .collect();
        let mut vectors = redundancy.then(|| ChosenVectors::new(doc));
        let mut kept = self.duplicate.map(ChosenStems::new);
        let mut max_sim = vec![0.0f64; cands.len()];
        while chosen.len() < max_count {
            let Some(mut e) = heap.pop() else { break };
            if used + costs[e.k] > limit {
                // `used` only grows: it will never fit.
                continue;
            }
            if let (Some(v), true) = (&mut vectors, e.fresh_at < chosen.len()) {
                max_sim[e.k] = max_sim[e.k].max(v.max_sim_since(cands[e.k], e.fresh_at));
                e.value = self.lambda * rel(cands[e.k]) - (1.0 - self.lambda) * max_sim[e.k];
                e.fresh_at = chosen.len();
                heap.push(e);
                continue;
            }
            if let Some(chosen) = &mut kept {
                if !chosen.admit(doc, content_stems(doc, cands[e.k])) {
                    continue;
                }
            }
            used += costs[e.k];
            chosen.push(cands[e.k]);
            if let Some(v) = &mut vectors {
                v.add(cands[e.k]);
            }
        }
        if self.order == Order::Document {
            chosen.sort_unstable();
        }
        let sentences = chosen
            .into_iter()
            .map(|i| {
                let s = &doc.sentences()[i];
                SummarySentence {
                    index: i,
                    start: s.span.start,
                    end: s.span.end,
                    text: doc.sentence_text(i).to_owned(),
                    score: total[i],
                    contributions: parts
                        .iter()
                        .map(|(name, w, raw, norm)| Contribution {
                            scorer: name.clone(),
                            weight: *w,
                            raw: raw[i],
                            normalized: norm[i],
                            value: w * norm[i],
                        })
                        .collect(),
                }
            })
            .collect();
        Ok(Summary {
            scorer: self.scorer.name().to_owned(),
            budget: self.budget,
            total_sentences: n,
            candidates: cands.len(),
            sentences,
        })
    }
}

/// A sentence's length for the run-on limit ([`SummarizerBuilder::max_words`]): its words,
/// with a Chinese word counted as a third. A Chinese sentence chains its clauses with `，` up to
/// the `。` as a matter of style (the analysts' picks in Chinese news average 96 characters,
/// about 55 segmented words, and reach 274); a run-on in English is a translation that lost
/// its full stops.
fn run_on_length(doc: &Document, i: usize) -> usize {
    let toks = doc.sentence_tokens(i);
    let cjk = toks.iter().filter(|t| t.is_cjk()).count();
    toks.len() - cjk + cjk.div_ceil(3)
}

/// The default near-duplicate overlap (see [`SummarizerBuilder::duplicates`]).
pub const DUPLICATE_OVERLAP: f64 = 0.8;

/// The sorted, distinct content stems of sentence `i`, and `true`; for a sentence without a
/// content word, every word's stem and `false` (so that two identical sentences of stop words
/// still match).
fn content_stems(doc: &Document, i: usize) -> (Vec<u32>, bool) {
    let toks = doc.sentence_tokens(i);
    let mut v: Vec<u32> = toks
        .iter()
        .filter(|t| t.is_content())
        .map(|t| t.stem)
        .collect();
    let content = !v.is_empty();
    if !content {
        v.extend(toks.iter().map(|t| t.stem));
    }
    v.sort_unstable();
    v.dedup();
    (v, content)
}

/// The content stems of the sentences chosen so far, for the near-duplicate guard
/// ([`SummarizerBuilder::duplicates`]). While few are chosen, a candidate is compared with each
/// one. Past [`ChosenStems::INDEXED_FROM`], each chosen set is indexed by its prefix, its
/// rarest stems in the document (prefix filtering: Chaudhuri et al. 2006, Bayardo et al.
/// 2007). A set that overlaps the candidate by the limit shares a stem with it in both
/// prefixes, so the index finds every such set, and the guard stays exact. Comparing every
/// candidate with every chosen sentence was quadratic in a long summary (a ratio budget on a
/// long text: 1.9 s of 2.3 s for 30 % of 3 MB of news).
///
/// A sentence without a content word (stop words and numbers alone) repeats another only when
/// their words are the same: it shares no stem with a sentence that has content words, and
/// among sentences of a few dozen stop words the overlap of their sets says nothing, while
/// comparing them was quadratic again (166 s for 30 % of 10 MB of such sentences).
struct ChosenStems {
    limit: f64,
    sets: Vec<Vec<u32>>,
    index: Option<PrefixIndex>,
    /// The chosen sentences without a content word, by their words' stems.
    bare: rustc_hash::FxHashSet<Vec<u32>>,
}

/// Each chosen set by the stems of its prefix, and the order that defines prefixes.
struct PrefixIndex {
    /// A stem's place in the order: rarer in the document's sentences first.
    rank: Vec<u32>,
    /// The chosen sets whose prefix holds a stem.
    postings: rustc_hash::FxHashMap<u32, Vec<u32>>,
    /// `checked[c] == probe` once chosen set `c` was compared with the current candidate.
    checked: Vec<u32>,
    probe: u32,
}

impl ChosenStems {
    /// Chosen sentences compared one by one below this many.
    const INDEXED_FROM: usize = 64;

    fn new(limit: f64) -> Self {
        ChosenStems {
            limit,
            sets: Vec::new(),
            index: None,
            bare: Default::default(),
        }
    }

    /// Keeps `stems` (sorted, distinct; `content` as [`content_stems`] says) as a chosen
    /// sentence's, unless they overlap a chosen set's by the limit or more (then `false`, and
    /// nothing is kept).
    fn admit(&mut self, doc: &Document, (stems, content): (Vec<u32>, bool)) -> bool {
        if !content {
            return self.bare.insert(stems);
        }
        if self.index.is_none() && self.sets.len() >= Self::INDEXED_FROM {
            let mut index = PrefixIndex::new(doc);
            for (c, set) in self.sets.iter().enumerate() {
                let prefix = index.prefix(set, self.limit);
                index.add(c as u32, &prefix);
            }
            self.index = Some(index);
        }
        let Some(index) = &mut self.index else {
            if self.sets.iter().any(|c| jaccard(c, &stems) >= self.limit) {
                return false;
            }
            self.sets.push(stems);
            return true;
        };
        // The candidate's prefix finds the chosen sets it may repeat, and is its own entry
        // in the index when it is kept.
        let prefix = index.prefix(&stems, self.limit);
        index.probe += 1;
        for st in &prefix {
            for &c in index.postings.get(st).into_iter().flatten() {
                if index.checked[c as usize] != index.probe {
                    index.checked[c as usize] = index.probe;
                    if jaccard(&self.sets[c as usize], &stems) >= self.limit {
                        return false;
                    }
                }
            }
        }
        index.add(self.sets.len() as u32, &prefix);
        self.sets.push(stems);
        true
    }
}

impl PrefixIndex {
    fn new(doc: &Document) -> Self {
        let mut df = vec![0u32; doc.num_stems()];
        for i in 0..doc.sentences().len() {
            for st in content_stems(doc, i).0 {
                df[st as usize] += 1;
            }
        }
        let mut order: Vec<u32> = (0..df.len() as u32).collect();
        order.sort_unstable_by_key(|&st| (df[st as usize], st));
        let mut rank = vec![0u32; df.len()];
        for (r, &st) in order.iter().enumerate() {
            rank[st as usize] = r as u32;
        }
        PrefixIndex {
            rank,
            postings: Default::default(),
            checked: Vec::new(),
            probe: 0,
        }
    }

    /// The stems of `set`'s prefix: all but the `⌈limit × |set|⌉ - 1` commonest. A set that
    /// another overlaps by `limit` or more shares at least `⌈limit × |set|⌉` stems with it
    /// (Jaccard `o / (|a| + |b| - o) >= t` gives `o >= t × |a|`), so the two prefixes meet.
    fn prefix(&self, set: &[u32], limit: f64) -> Vec<u32> {
        // Rounded down by a hair, so that a product like 0.8 × 5 never rounds up past 4.
        let need = ((limit * set.len() as f64) - 1e-9).ceil().max(1.0) as usize;
        let keep = (set.len() + 1).saturating_sub(need).min(set.len());
        let mut by_rank: Vec<u32> = set.to_vec();
        by_rank.sort_unstable_by_key(|&st| self.rank[st as usize]);
        by_rank.truncate(keep);
        by_rank
    }

    /// Indexes chosen set `c` by its prefix.
    fn add(&mut self, c: u32, prefix: &[u32]) {
        for &st in prefix {
            self.postings.entry(st).or_default().push(c);
        }
        self.checked.push(0);
    }
}

/// Jaccard overlap of two sorted, distinct id lists; two empty lists do not overlap.
fn jaccard(a: &[u32], b: &[u32]) -> f64 {
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - both;
    if union == 0 {
        0.0
    } else {
        both as f64 / union as f64
    }
}

/// The TF-IDF vectors (shipped IDF) of the sentences, and the chosen ones indexed by stem,
/// for MMR's redundancy penalty. A candidate's similarity to the sentences chosen since it was
/// last valued is summed over the postings of its own stems, so that it meets only the chosen
/// sentences that share a stem with it. Comparing it with every new pick, vector by vector,
/// took 46.8 s of 47 for `--redundancy 0.7 --ratio 0.3` on 10 MB of news. The sums are the
/// same, bit for bit: a pair's products are added in the order of their stems.
struct ChosenVectors {
    vectors: SentenceVectors,
    /// Per stem: the pick number and weight of each chosen sentence that holds it, in the
    /// order of the picks.
    postings: Vec<Vec<(u32, f64)>>,
    /// Per pick: the current candidate's dot product with it, while the candidate is valued;
    /// `met` lists the picks summed into.
    acc: Vec<f64>,
    met: Vec<u32>,
}

impl ChosenVectors {
    fn new(doc: &Document) -> Self {
        ChosenVectors {
            vectors: SentenceVectors::build(doc, &idf(doc, Some(&Background::builtin()))),
            postings: vec![Vec::new(); doc.num_stems()],
            acc: Vec::new(),
            met: Vec::new(),
        }
    }

    /// Sentence `i` is chosen (the next pick).
    fn add(&mut self, i: usize) {
        let (stems, ws) = self.vectors.row(i);
        let pick = self.acc.len() as u32;
        for (&st, &w) in stems.iter().zip(ws) {
            self.postings[st as usize].push((pick, w));
        }
        self.acc.push(0.0);
    }

    /// The largest cosine similarity of sentence `i` to the picks from number `from` on (0
    /// when it shares no stem with any of them).
    fn max_sim_since(&mut self, i: usize, from: usize) -> f64 {
        let (stems, ws) = self.vectors.row(i);
        for (&st, &w) in stems.iter().zip(ws) {
            let list = &self.postings[st as usize];
            let start = list.partition_point(|&(p, _)| (p as usize) < from);
            for &(p, wj) in &list[start..] {
                let a = &mut self.acc[p as usize];
                if *a == 0.0 {
                    self.met.push(p);
                }
                *a += wj * w;
            }
        }
        let mut best = 0.0f64;
        for &p in &self.met {
            best = best.max(self.acc[p as usize]);
            self.acc[p as usize] = 0.0;
        }
        self.met.clear();
        best
    }
}

/// A candidate in the selection heap: the best value first, the earlier sentence on ties.
struct Entry {
    value: f64,
    k: usize,
    /// How many sentences were chosen when `value` was computed.
    fresh_at: usize,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Entry {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.value
            .total_cmp(&other.value)
            .then_with(|| other.k.cmp(&self.k))
    }
}

fn unreachable_counter() -> usize {
    // The builder refuses a token budget without a counter.
    usize::MAX
}

impl<S: SentenceScorer> SummarizerBuilder<S> {
    /// The scorer (default: [`Combined`]): one of brief's ([`AnyScorer`]) or any other
    /// [`SentenceScorer`].
    pub fn scorer<T: SentenceScorer>(self, scorer: T) -> SummarizerBuilder<T> {
        let s = self.inner;
        SummarizerBuilder {
            inner: Summarizer {
                scorer,
                budget: s.budget,
                lambda: s.lambda,
                duplicate: s.duplicate,
                order: s.order,
                min_words: s.min_words,
                max_words: s.max_words,
                #[cfg(feature = "hf")]
                counter: s.counter,
            },
        }
    }
    /// The budget (default: 3 sentences).
    pub fn budget(mut self, budget: Budget) -> Self {
        self.inner.budget = budget;
        self
    }
    /// MMR trade-off between relevance and novelty, in `0..=1`; 1 turns redundancy control off.
    pub fn redundancy(mut self, lambda: f64) -> Self {
        self.inner.lambda = lambda;
        self
    }
    /// Near-duplicates: a candidate whose content stems overlap those of a chosen sentence
    /// by at least `overlap` (Jaccard, in `(0, 1]`) is never chosen; `None` allows repeats.
    /// A sentence without a content word (stop words and numbers alone) is a repeat when its
    /// words are a chosen one's. Default: `Some(0.8)`. Reposted news often carries a sentence
    /// twice (the lead repeated under the headline, a caption that restates it); this guard is
    /// independent of MMR's graded penalty ([`redundancy`](Self::redundancy)), which trades
    /// relevance for novelty.
    ///
    /// ```
    /// use brief_summarize::Summarizer;
    ///
    /// let doc = brief_tokenize::analyze("Technology contracts reached 14 billion yuan.\n\n\
    ///     Technology contracts reached 14 billion yuan.\n\nThe city added five transfer agencies.");
    /// let two = Summarizer::builder().budget(brief_summarize::Budget::Sentences(2));
    /// let summary = two.clone().build().unwrap().summarize(&doc).unwrap();
    /// assert_ne!(summary.sentences[0].text, summary.sentences[1].text);
    /// let repeats = two.duplicates(None).build().unwrap().summarize(&doc).unwrap();
    /// assert_eq!(repeats.sentences.len(), 2);
    /// ```
    pub fn duplicates(mut self, overlap: Option<f64>) -> Self {
        self.inner.duplicate = overlap;
        self
    }
    /// Output order (default: document order).
    pub fn order(mut self, order: Order) -> Self {
        self.inner.order = order;
        self
    }
    /// Sentences with more words are run-ons (a translated paragraph without a full stop),
    /// chosen only when nothing else can be (default 64; a Chinese word counts as a third of
    /// one, since Chinese chains clauses with `，` up to the `。`).
    pub fn max_words(mut self, n: usize) -> Self {
        self.inner.max_words = n;
        self
    }

    /// Sentences with fewer words are fragments, chosen only when nothing else can be
    /// (default 4).
    pub fn min_words(mut self, n: usize) -> Self {
        self.inner.min_words = n;
        self
    }
    /// The model tokenizer that counts a [`Budget::Tokens`] budget (feature `hf`).
    #[cfg(feature = "hf")]
    pub fn token_counter(mut self, counter: TokenCounter) -> Self {
        self.inner.counter = Some(counter);
        self
    }
    /// Validates the settings (and the scorer's, see [`SentenceScorer::validate`]) and builds
    /// the summarizer.
    pub fn build(self) -> Result<Summarizer<S>, Error> {
        let s = self.inner;
        s.scorer.validate()?;
        if !(s.lambda.is_finite() && (0.0..=1.0).contains(&s.lambda)) {
            return Err(Error::config(format!(
                "redundancy lambda must be between 0 and 1, got {}",
                s.lambda
            )));
        }
        if let Some(d) = s.duplicate {
            if !(d.is_finite() && d > 0.0 && d <= 1.0) {
                return Err(Error::config(format!(
                    "the near-duplicate overlap must be in (0, 1], got {d}"
                )));
            }
        }
        match s.budget {
            Budget::Sentences(0) | Budget::Words(0) | Budget::Chars(0) | Budget::Tokens(0) => {
                return Err(Error::config("the budget must be at least 1"));
            }
            Budget::Ratio(r) if !(r.is_finite() && r > 0.0 && r <= 1.0) => {
                return Err(Error::config(format!(
                    "the ratio must be in (0, 1], got {r}"
                )));
            }
            #[cfg(feature = "hf")]
            Budget::Tokens(_) if s.counter.is_none() => {
                return Err(Error::config(
                    "a token budget needs a tokenizer (tokenizer.json) to count with",
                ));
            }
            #[cfg(not(feature = "hf"))]
            Budget::Tokens(_) => {
                return Err(Error::config(
                    "token budgets need brief-summarize's `hf` feature",
                ));
            }
            _ => {}
        }
        Ok(s)
    }
}

/// Summarizes `text` in `n` sentences with the default combined scorer.
///
/// An empty text gives an empty summary; `n == 0` gives an empty summary too.
///
/// ```
/// let summary = brief_summarize::summarize("", 3);
/// assert!(summary.sentences.is_empty());
/// ```
pub fn summarize(text: &str, n: usize) -> Summary {
    let doc = brief_tokenize::analyze(text);
    let s = Summarizer {
        budget: Budget::Sentences(n),
        ..Summarizer::default()
    };
    s.summarize(&doc).unwrap_or_else(|_| Summary {
        scorer: "combined".into(),
        budget: Budget::Sentences(n),
        total_sentences: doc.sentences().len(),
        candidates: 0,
        sentences: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The near-duplicate guard through its prefix index rejects exactly what comparing
        /// every chosen set would, whatever the limit and the sets (small ids, so that sets
        /// overlap often; more than `INDEXED_FROM` of them, so that the index is built).
        #[test]
        fn the_prefix_index_finds_every_near_duplicate(
            limit in 0.01f64..=1.0,
            sets in proptest::collection::vec(
                proptest::collection::btree_set(0u32..24, 0..9),
                0..200,
            ),
        ) {
            let words: Vec<String> = (0..24).map(|i| format!("lab{i}x")).collect();
            // A document whose stems are the 24 words (each its own stem), in one sentence.
            let doc = brief_tokenize::analyze(&words.join(" "));
            let stem = |w: u32| {
                doc.tokens().iter().find(|t| doc.term(t.term) == words[w as usize]).unwrap().stem
            };
            let mut guard = ChosenStems::new(limit);
            let mut naive: Vec<Vec<u32>> = Vec::new();
            for set in sets {
                let mut stems: Vec<u32> = set.iter().map(|&w| stem(w)).collect();
                stems.sort_unstable();
                let dup = naive.iter().any(|c| jaccard(c, &stems) >= limit);
                proptest::prop_assert_eq!(guard.admit(&doc, (stems.clone(), true)), !dup);
                if !dup {
                    naive.push(stems);
                }
            }
            proptest::prop_assert_eq!(guard.sets, naive);
        }
    }

    proptest::proptest! {
        /// MMR's penalty through the chosen sentences' stem index is, bit for bit, the largest
        /// similarity found by comparing a candidate with each pick in turn (sentences over 12
        /// words, so that they share stems often; picks and queries in any order).
        #[test]
        fn the_chosen_index_finds_the_most_similar_pick(
            sentences in proptest::collection::vec(
                proptest::collection::btree_set(0u32..12, 1..7),
                2..60,
            ),
            steps in proptest::collection::vec((0usize..1000, 0usize..1000, 0usize..1000), 1..80),
        ) {
            let text: Vec<String> = sentences
                .iter()
                .map(|ws| {
                    let words: Vec<String> = ws.iter().map(|w| format!("lab{w}x")).collect();
                    format!("Wrote {}.", words.join(" "))
                })
                .collect();
            let doc = brief_tokenize::analyze(&text.join(" "));
            let n = doc.sentences().len();
            let mut index = ChosenVectors::new(&doc);
            let mut picked: Vec<usize> = Vec::new();
            let mut dense = vec![0.0f64; doc.num_stems()];
            for (pick, query, from) in steps {
                let j = pick % n;
                if !picked.contains(&j) {
                    index.add(j);
                    picked.push(j);
                }
                let i = query % n;
                let from = from % (picked.len() + 1);
                let (stems, ws) = index.vectors.row(i);
                for (&st, &w) in stems.iter().zip(ws) {
                    dense[st as usize] = w;
                }
                let naive = picked[from..].iter().fold(0.0f64, |best, &j| {
                    let (s2, w2) = index.vectors.row(j);
                    let sim: f64 = s2.iter().zip(w2).map(|(&st, &w)| w * dense[st as usize]).sum();
                    best.max(sim)
                });
                for &st in stems {
                    dense[st as usize] = 0.0;
                }
                proptest::prop_assert_eq!(index.max_sim_since(i, from).to_bits(), naive.to_bits());
            }
        }
    }

    const TEXT: &str = include_str!("../../../data/samples/shaanxi-sci-tech-conference.txt");

    /// MMR as written in the paper: at each step, every remaining candidate's value against
    /// every chosen sentence, O(n × picks).
    fn plain_mmr(s: &Summarizer, doc: &Document, k: usize) -> Vec<usize> {
        let total = s.scorer.score_parts_at(doc, s.share(doc)).total;
        let cands: Vec<usize> = (0..doc.sentences().len())
            .filter(|&i| s.is_candidate(doc, i))
            .collect();
        let lo = cands
            .iter()
            .map(|&i| total[i])
            .fold(f64::INFINITY, f64::min);
        let hi = cands
            .iter()
            .map(|&i| total[i])
            .fold(f64::NEG_INFINITY, f64::max);
        let range = if hi > lo { hi - lo } else { 1.0 };
        let v = SentenceVectors::build(doc, &idf(doc, Some(&Background::builtin())));
        let sim = |a: usize, b: usize| {
            let (sa, wa) = v.row(a);
            let (sb, wb) = v.row(b);
            let mut x = 0.0;
            for (i, &st) in sa.iter().enumerate() {
                if let Some(j) = sb.iter().position(|&t| t == st) {
                    x += wa[i] * wb[j];
                }
            }
            x
        };
        let mut chosen: Vec<usize> = Vec::new();
        while chosen.len() < k {
            let best = cands
                .iter()
                .filter(|i| !chosen.contains(i))
                .map(|&i| {
                    let red = chosen.iter().map(|&j| sim(i, j)).fold(0.0, f64::max);
                    (
                        s.lambda * (total[i] - lo) / range - (1.0 - s.lambda) * red,
                        i,
                    )
                })
                // The best value; on ties the earlier sentence.
                .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(&a.1)));
            match best {
                Some((_, i)) => chosen.push(i),
                None => break,
            }
        }
        chosen
    }

    #[test]
    fn the_lazy_heap_picks_what_plain_mmr_picks() {
        let doc = brief_tokenize::analyze(TEXT);
        let mut distinct = std::collections::HashSet::new();
        for name in ["textrank", "keyword", "position"] {
            for lambda in [0.2, 0.5, 0.8, 1.0] {
                let s = Summarizer::builder()
                    .scorer(AnyScorer::by_name(name).unwrap())
                    .budget(Budget::Sentences(6))
                    .redundancy(lambda)
                    .duplicates(None)
                    .order(Order::Score)
                    .build()
                    .unwrap();
                let got: Vec<usize> = s
                    .summarize(&doc)
                    .unwrap()
                    .sentences
                    .iter()
                    .map(|x| x.index)
                    .collect();
                assert_eq!(got, plain_mmr(&s, &doc, 6), "{name}, lambda {lambda}");
                distinct.insert(got);
            }
        }
        // The penalty changes the picks (the test would pass vacuously otherwise).
        assert!(distinct.len() > 3, "{distinct:?}");
    }

    #[test]
    fn jaccard_of_stem_sets() {
        assert_eq!(jaccard(&[1, 2, 3], &[1, 2, 3]), 1.0);
        assert_eq!(jaccard(&[1, 2], &[3, 4]), 0.0);
        assert_eq!(jaccard(&[1, 2, 3, 4], &[2, 3, 4, 5]), 0.6);
        assert_eq!(jaccard(&[], &[]), 0.0);
        let doc = brief_tokenize::analyze("The labs grow. Labs grow! The the.");
        assert_eq!(content_stems(&doc, 0), content_stems(&doc, 1));
        // A sentence of stop words alone keeps its words, so two of them still match.
        let (bare, content) = content_stems(&doc, 2);
        assert!(!bare.is_empty() && !content);
    }

    #[test]
    fn sentences_without_content_words_repeat_only_when_their_words_do() {
        let doc = brief_tokenize::analyze(
            "It was what it was. It was what it was! And so it was. Labs grow. Labs grow.",
        );
        let mut guard = ChosenStems::new(0.5);
        let verdicts: Vec<bool> = (0..5)
            .map(|i| guard.admit(&doc, content_stems(&doc, i)))
            .collect();
        // The second is the first again; the third overlaps them by 3 of 4 stems (above the
        // limit) but is not the same; the fifth repeats the fourth's content words.
        assert_eq!(verdicts, [true, false, true, true, false]);
    }
}
