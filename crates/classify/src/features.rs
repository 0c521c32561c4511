//! TF-IDF features: stems and stem bigrams, with a vocabulary learned from a corpus.

use crate::error::Error;
use brief_tokenize::Document;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A sparse feature vector: sorted feature ids and their values.
pub type SparseVec = Vec<(u32, f32)>;

/// Turns a range of sentences into an L2-normalized TF-IDF vector over stems and (optionally)
/// stem bigrams. Numbers are ignored; stop words count inside bigrams only.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Featurizer {
    /// Feature strings: a stem, or two stems joined by a space.
    vocab: Vec<String>,
    /// Inverse document frequency per feature.
    idf: Vec<f32>,
    /// Whether bigram features are used.
    bigrams: bool,
    /// Weight of the first sentence's counts (a policy text leads with its name).
    #[serde(default = "one")]
    lead_weight: f32,
    /// Ids of the unigram features, hashed by their text in `vocab` (no second copy of the
    /// strings: loading a model builds this table without allocating per feature).
    #[serde(skip)]
    unigram_ids: hashbrown::HashTable<u32>,
    #[serde(skip)]
    bigram_ids: FxHashMap<(u32, u32), u32>,
    /// Ids for stop words and other tokens that only appear inside bigrams.
    #[serde(skip)]
    inner_ids: FxHashMap<String, u32>,
}

fn hash_str(s: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(s)
}

fn one() -> f32 {
    1.0
}

fn usable(doc: &Document, t: &brief_tokenize::Token) -> bool {
    !t.is_numeric() && doc.stem(t.stem).chars().count() > 1 || t.is_cjk()
}

impl Featurizer {
    /// Learns a vocabulary from documents: unigrams and bigrams in at least `min_df` documents;
    /// the first sentence of a text counts `lead_weight` times.
    pub fn fit<'a>(
        docs: impl IntoIterator<Item = &'a Document>,
        min_df: usize,
        bigrams: bool,
        lead_weight: f32,
    ) -> Featurizer {
        let mut df: FxHashMap<String, u32> = FxHashMap::default();
        let mut seen: FxHashSet<String> = FxHashSet::default();
        let mut n_docs = 0usize;
        for doc in docs {
            n_docs += 1;
            seen.clear();
            for_each_feature(doc, 0..doc.sentences().len(), bigrams, |f| {
                seen.insert(f.to_owned());
            });
            for f in seen.drain() {
                *df.entry(f).or_default() += 1;
            }
        }
        let mut vocab: Vec<(String, u32)> = df
            .into_iter()
            .filter(|(_, d)| *d as usize >= min_df.max(1))
            .collect();
        // Unigrams first (bigrams refer to them), each part sorted for a stable file.
        vocab.sort_by(|a, b| {
            a.0.contains(' ')
                .cmp(&b.0.contains(' '))
                .then_with(|| a.0.cmp(&b.0))
        });
        let idf = vocab
            .iter()
            .map(|(_, d)| brief_tokenize::idf(n_docs, *d as usize) as f32)
            .collect();
        let mut f = Featurizer {
            vocab: vocab.into_iter().map(|(s, _)| s).collect(),
            idf,
            bigrams,
            lead_weight,
            unigram_ids: hashbrown::HashTable::new(),
            bigram_ids: FxHashMap::default(),
            inner_ids: FxHashMap::default(),
        };
        f.index().ok();
        f
    }

    /// Builds the lookup tables after loading; fails on an inconsistent vocabulary.
    pub(crate) fn index(&mut self) -> Result<(), Error> {
        if self.idf.len() != self.vocab.len() {
            return Err(Error::model(format!(
                "featurizer has {} idf values for {} features",
                self.idf.len(),
                self.vocab.len()
            )));
        }
        if !(self.lead_weight.is_finite() && self.lead_weight > 0.0 && self.lead_weight <= 100.0) {
            return Err(Error::model(format!(
                "lead_weight {} is not in (0, 100]",
                self.lead_weight
            )));
        }
        if let Some(x) = self.idf.iter().find(|x| !x.is_finite() || **x <= 0.0) {
            return Err(Error::model(format!(
                "featurizer idf value {x} is not finite and positive"
            )));
        }
        self.unigram_ids.clear();
        self.bigram_ids.clear();
        self.inner_ids.clear();
        let bigrams = self.vocab.iter().filter(|f| f.contains(' ')).count();
        let vocab = &self.vocab;
        self.unigram_ids
            .reserve(vocab.len() - bigrams, |&id| hash_str(&vocab[id as usize]));
        self.bigram_ids.reserve(bigrams);
        let mut next_inner = self.vocab.len() as u32;
        for (i, f) in self.vocab.iter().enumerate() {
            match f.split_once(' ') {
                None => {
                    let h = hash_str(f);
                    let vocab = &self.vocab;
                    if self
                        .unigram_ids
                        .find(h, |&id| vocab[id as usize] == *f)
                        .is_some()
                    {
                        return Err(Error::model(format!("feature `{f}` appears twice")));
                    }
                    self.unigram_ids
                        .insert_unique(h, i as u32, |&id| hash_str(&vocab[id as usize]));
                }
                Some((a, b)) => {
                    if !self.bigrams {
                        return Err(Error::model(format!(
                            "bigram feature `{f}` in a unigram-only featurizer"
                        )));
                    }
                    let mut id = |w: &str| -> u32 {
                        let vocab = &self.vocab;
                        if let Some(&id) = self
                            .unigram_ids
                            .find(hash_str(w), |&id| vocab[id as usize] == w)
                        {
                            return id;
                        }
                        // Looked up before inserting: a word recurs in many bigrams, and
                        // `entry` would copy it every time.
                        if let Some(&id) = self.inner_ids.get(w) {
                            return id;
                        }
                        next_inner += 1;
                        self.inner_ids.insert(w.to_owned(), next_inner - 1);
                        next_inner - 1
                    };
                    let key = (id(a), id(b));
                    if self.bigram_ids.insert(key, i as u32).is_some() {
                        return Err(Error::model(format!("feature `{f}` appears twice")));
                    }
                }
            }
        }
        Ok(())
    }

    /// Moves the vocabulary and IDF values out (for a binary model file, which stores them
    /// apart from the header).
    pub(crate) fn take_tables(&mut self) -> (Vec<String>, Vec<f32>) {
        (
            std::mem::take(&mut self.vocab),
            std::mem::take(&mut self.idf),
        )
    }

    /// Puts back what [`Featurizer::take_tables`] took; [`Featurizer::index`] must follow.
    pub(crate) fn set_tables(&mut self, vocab: Vec<String>, idf: Vec<f32>) {
        self.vocab = vocab;
        self.idf = idf;
    }

    /// The id of a unigram feature.
    fn unigram_id(&self, s: &str) -> Option<u32> {
        self.unigram_ids
            .find(hash_str(s), |&id| self.vocab[id as usize] == s)
            .copied()
    }

    /// Number of features.
    pub fn len(&self) -> usize {
        self.vocab.len()
    }

    /// Whether there are no features.
    pub fn is_empty(&self) -> bool {
        self.vocab.is_empty()
    }

    /// The feature vector of a range of sentences.
    pub fn transform(&self, doc: &Document, sentences: Range<usize>) -> SparseVec {
        // Map the range's stems to vocabulary ids once each (a map sized by the range, not
        // by the document, so that scoring every sentence stays linear in the document).
        let n_tokens: usize = sentences
            .clone()
            .map(|si| doc.sentence_tokens(si).len())
            .sum();
        let mut stem_map: FxHashMap<u32, Option<u32>> =
            FxHashMap::with_capacity_and_hasher(n_tokens.min(1 << 16), Default::default());
        let mut lookup = |s: u32| -> Option<u32> {
            *stem_map.entry(s).or_insert_with(|| {
                let st = doc.stem(s);
                self.unigram_id(st)
                    .or_else(|| self.inner_ids.get(st).copied())
            })
        };
        let mut counts: FxHashMap<u32, f32> = FxHashMap::default();
        let vocab_len = self.vocab.len() as u32;
        let first = sentences.start;
        for si in sentences {
            let s = &doc.sentences()[si];
            if s.kind.is_boilerplate() {
                continue;
            }
            let wgt = if si == first { self.lead_weight } else { 1.0 };
            let toks = doc.sentence_tokens(si);
            let mut prev: Option<u32> = None;
            for t in toks {
                if !usable(doc, t) {
                    prev = None;
                    continue;
                }
                let id = lookup(t.stem);
                if let Some(id) = id {
                    if id < vocab_len && !t.is_stop() {
                        *counts.entry(id).or_default() += wgt;
                    }
                }
                if self.bigrams {
                    if let (Some(p), Some(c)) = (prev, id) {
                        if let Some(&b) = self.bigram_ids.get(&(p, c)) {
                            *counts.entry(b).or_default() += wgt;
                        }
                    }
                }
                prev = id;
            }
        }
        let mut v: SparseVec = counts
            .into_iter()
            .map(|(id, c)| (id, (1.0 + c.ln()) * self.idf[id as usize]))
            .collect();
        v.sort_unstable_by_key(|x| x.0);
        let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
        if norm > 0.0 {
            for x in &mut v {
                x.1 /= norm;
            }
        }
        v
    }
}

/// Calls `f` with every feature string of the sentences (unigrams of non-stop words, bigrams
/// of adjacent usable tokens).
fn for_each_feature(
    doc: &Document,
    sentences: Range<usize>,
    bigrams: bool,
    mut f: impl FnMut(&str),
) {
    let mut buf = String::new();
    for si in sentences {
        if doc.sentences()[si].kind.is_boilerplate() {
            continue;
        }
        let mut prev: Option<&str> = None;
        for t in doc.sentence_tokens(si) {
            if !usable(doc, t) {
                prev = None;
                continue;
            }
            let st = doc.stem(t.stem);
            if !t.is_stop() {
                f(st);
            }
            if bigrams {
                if let Some(p) = prev {
                    buf.clear();
                    buf.push_str(p);
                    buf.push(' ');
                    buf.push_str(st);
                    f(&buf);
                }
            }
            prev = Some(st);
        }
    }
}
