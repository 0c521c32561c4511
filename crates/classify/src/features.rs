//! TF-IDF features: stems and stem bigrams, with a vocabulary learned from a corpus.

use crate::error::Error;
use brief_tokenize::Document;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A sparse feature vector: sorted feature ids and their values.
pub type SparseVec = Vec<(u32, f32)>;

/// Strings stored end to end in one buffer: a model's vocabulary is one allocation and one
/// UTF-8 check when it loads, not one of each per feature. Serialized as a list of strings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Strings {
    blob: String,
    /// Where each string ends in `blob`.
    ends: Vec<usize>,
}

impl Strings {
    /// Builds the table from the strings' bytes laid end to end and where each one ends,
    /// checking that the bytes are UTF-8 and every end is a character boundary (in order).
    pub(crate) fn from_parts(blob: Vec<u8>, ends: Vec<usize>) -> Result<Self, Error> {
        let blob =
            String::from_utf8(blob).map_err(|_| Error::model("a vocabulary entry is not UTF-8"))?;
        let mut last = 0;
        for &e in &ends {
            if e < last || e > blob.len() || !blob.is_char_boundary(e) {
                return Err(Error::model("a vocabulary entry is not UTF-8"));
            }
            last = e;
        }
        if last != blob.len() {
            return Err(Error::model("the vocabulary has bytes of no entry"));
        }
        Ok(Strings { blob, ends })
    }

    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub(crate) fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.blob[start..self.ends[i]]
    }

    pub(crate) fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// The total length of the strings, in bytes.
    pub(crate) fn bytes(&self) -> usize {
        self.blob.len()
    }
}

impl std::ops::Index<usize> for Strings {
    type Output = str;
    fn index(&self, i: usize) -> &str {
        self.get(i)
    }
}

impl<S: AsRef<str>> FromIterator<S> for Strings {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        let mut out = Strings::default();
        for s in iter {
            out.blob.push_str(s.as_ref());
            out.ends.push(out.blob.len());
        }
        out
    }
}

impl Serialize for Strings {
    fn serialize<Se: serde::Serializer>(&self, s: Se) -> Result<Se::Ok, Se::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Strings {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Vec::<String>::deserialize(d)?.into_iter().collect())
    }
}

/// Turns a range of sentences into an L2-normalized TF-IDF vector over stems and (optionally)
/// stem bigrams. Numbers are ignored; stop words count inside bigrams only.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Featurizer {
    /// Feature strings: a stem, or two stems joined by a space.
    vocab: Strings,
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
        // Bigrams are stored sorted, so consecutive ones often share their first word: its id
        // is kept from the previous one.
        let mut last_first: (&str, u32) = ("", u32::MAX);
        for (i, f) in self.vocab.iter().enumerate() {
            match f.split_once(' ') {
                None => {
                    let h = hash_str(f);
                    let vocab = &self.vocab;
                    if self
                        .unigram_ids
                        .find(h, |&id| &vocab[id as usize] == f)
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
                            .find(hash_str(w), |&id| &vocab[id as usize] == w)
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
                    let first = if last_first.1 != u32::MAX && last_first.0 == a {
                        last_first.1
                    } else {
                        id(a)
                    };
                    last_first = (a, first);
                    let key = (first, id(b));
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
    pub(crate) fn take_tables(&mut self) -> (Strings, Vec<f32>) {
        (
            std::mem::take(&mut self.vocab),
            std::mem::take(&mut self.idf),
        )
    }

    /// Puts back what [`Featurizer::take_tables`] took; [`Featurizer::index`] must follow.
    pub(crate) fn set_tables(&mut self, vocab: Strings, idf: Vec<f32>) {
        self.vocab = vocab;
        self.idf = idf;
    }

    /// The id of a unigram feature.
    fn unigram_id(&self, s: &str) -> Option<u32> {
        self.unigram_ids
            .find(hash_str(s), |&id| &self.vocab[id as usize] == s)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_index_serialize_and_check_their_parts() {
        let v: Strings = ["talent", "", "实验室", "key lab"].into_iter().collect();
        assert_eq!((v.len(), v.bytes()), (4, 6 + 9 + 7));
        assert_eq!(
            v.iter().collect::<Vec<_>>(),
            ["talent", "", "实验室", "key lab"]
        );
        assert_eq!(&v[2], "实验室");
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(json, r#"["talent","","实验室","key lab"]"#);
        assert_eq!(serde_json::from_str::<Strings>(&json).unwrap(), v);
        let ok = Strings::from_parts("ab实".as_bytes().to_vec(), vec![1, 2, 5]).unwrap();
        assert_eq!(ok.iter().collect::<Vec<_>>(), ["a", "b", "实"]);
        // An entry that ends inside a character, ends out of order or past the bytes, bytes
        // that belong to no entry, and bytes that are not UTF-8 are all model errors.
        let bad = |blob: &[u8], ends: Vec<usize>| Strings::from_parts(blob.to_vec(), ends).is_err();
        assert!(bad("实".as_bytes(), vec![1, 3]));
        assert!(bad(b"abc", vec![2, 1, 3]));
        assert!(bad(b"abc", vec![1, 4]));
        assert!(bad(b"abc", vec![1, 2]));
        assert!(bad(&[0xFF, 0x41], vec![1, 2]));
    }
}
