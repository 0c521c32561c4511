//! TF-IDF features: stems and stem bigrams, with a vocabulary learned from a corpus.

use crate::error::Error;
use brief_tokenize::Document;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::ops::Range;

/// A sparse feature vector: sorted feature ids and their values.
pub type SparseVec = Vec<(u32, f32)>;

/// Strings stored end to end in one buffer: a model's vocabulary is one allocation and one
/// UTF-8 check when it loads, not one of each per feature, and the shipped model's is read in
/// place from the build's bytes. Serialized as a list of strings. At most 4 GiB of strings
/// (where each one ends is a `u32`, as in the binary model file).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Strings {
    blob: Cow<'static, str>,
    /// Where each string ends in `blob`.
    ends: Cow<'static, [u32]>,
}

impl Strings {
    /// Builds the table from the strings' bytes laid end to end and where each one ends,
    /// checking that the bytes are UTF-8 and every end is a character boundary (in order).
    pub(crate) fn from_parts(
        blob: Cow<'static, [u8]>,
        ends: Cow<'static, [u32]>,
    ) -> Result<Self, Error> {
        let not_utf8 = || Error::model("a vocabulary entry is not UTF-8");
        let blob: Cow<'static, str> = match blob {
            Cow::Borrowed(b) => Cow::Borrowed(std::str::from_utf8(b).map_err(|_| not_utf8())?),
            Cow::Owned(b) => Cow::Owned(String::from_utf8(b).map_err(|_| not_utf8())?),
        };
        let mut last = 0;
        for &e in ends.iter() {
            let e = e as usize;
            if e < last || e > blob.len() || !blob.is_char_boundary(e) {
                return Err(not_utf8());
            }
            last = e;
        }
        if last != blob.len() {
            return Err(Error::model("the vocabulary has bytes of no entry"));
        }
        Ok(Strings { blob, ends })
    }

    /// The strings' bytes end to end and where each one ends (what [`Strings::from_parts`]
    /// takes).
    pub(crate) fn parts(&self) -> (&str, &[u32]) {
        (&self.blob, &self.ends)
    }

    /// Whether the strings are read in place from borrowed bytes.
    #[cfg(test)]
    pub(crate) fn is_borrowed(&self) -> bool {
        matches!(self.blob, Cow::Borrowed(_)) && matches!(self.ends, Cow::Borrowed(_))
    }

    /// Appends a string; `false` (and nothing appended) when the strings would pass 4 GiB.
    fn push(&mut self, s: &str) -> bool {
        let Ok(end) = u32::try_from(self.blob.len() + s.len()) else {
            return false;
        };
        self.blob.to_mut().push_str(s);
        self.ends.to_mut().push(end);
        true
    }

    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub(crate) fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.blob[start..self.ends[i] as usize]
    }

    pub(crate) fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
}

impl std::ops::Index<usize> for Strings {
    type Output = str;
    fn index(&self, i: usize) -> &str {
        self.get(i)
    }
}

impl<S: AsRef<str>> FromIterator<S> for Strings {
    /// # Panics
    ///
    /// If the strings pass 4 GiB in all.
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        let mut out = Strings::default();
        for s in iter {
            assert!(
                out.push(s.as_ref()),
                "a vocabulary of more than 4 GiB of feature strings"
            );
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
        let mut out = Strings::default();
        for s in Vec::<String>::deserialize(d)? {
            if !out.push(&s) {
                return Err(serde::de::Error::custom(
                    "the vocabulary holds more than 4 GiB of strings",
                ));
            }
        }
        Ok(out)
    }
}

/// Turns a range of sentences into an L2-normalized TF-IDF vector over stems and (optionally)
/// stem bigrams. Numbers are ignored; stop words count inside bigrams only.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Featurizer {
    /// Feature strings: a stem, or two stems joined by a space.
    vocab: Strings,
    /// Inverse document frequency per feature (the shipped model's read in place).
    idf: Cow<'static, [f32]>,
    /// Whether bigram features are used.
    bigrams: bool,
    /// Weight of the first sentence's counts (a policy text leads with its name).
    #[serde(default = "one")]
    lead_weight: f32,
    /// How many features are unigrams: `vocab` holds the unigrams sorted, then the bigrams
    /// sorted, so a feature's id is found by binary search and loading a model builds no table
    /// (checked by [`Featurizer::index`]).
    #[serde(skip)]
    unigrams: usize,
    /// Hash tables over the vocabulary, built the first time a long document is featurized
    /// (a short one is served by binary search, which costs nothing at load).
    #[serde(skip)]
    table: std::sync::OnceLock<Table>,
    /// Which featurizer this is, for the per-thread memo of a document's lookups.
    #[serde(skip)]
    serial: Serial,
}

/// A number no other featurizer of this process has (a clone keeps it: same vocabulary).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Serial(u64);

impl Default for Serial {
    fn default() -> Self {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        Serial(NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    }
}

/// The vocabulary ids that one featurizer found for one document's stems and (by binary
/// search) stem pairs: a document is featurized many times over (its windows, each sentence),
/// and each stem is looked up once. The key holds whether the hash tables were used (their
/// word ids also cover words found only inside bigrams).
#[derive(Default)]
struct Memo {
    key: Option<(u64, Serial, bool)>,
    /// Per stem id: its word id, [`WORD_NONE`], or [`WORD_UNSET`] (not looked up yet).
    words: Vec<u32>,
    /// Per stem id: whether it has more than one character (0: not looked at yet).
    long: Vec<u8>,
    /// Per feature id: its weight in the vector being built; all 0 between calls.
    dense: Vec<f32>,
    pairs: FxHashMap<(u32, u32), Option<u32>>,
}

/// `v` emptied and filled with `len` copies of `fill`, in a new allocation if its old one is
/// much larger (a per-thread memo does not keep a large document's memory for small ones).
pub(crate) fn refill<T: Clone>(mut v: Vec<T>, len: usize, fill: T) -> Vec<T> {
    if v.capacity() > 2 * len + (1 << 16) {
        v = Vec::new();
    }
    v.clear();
    v.resize(len, fill);
    v
}

/// A stem without a word id (in [`Memo::words`]).
const WORD_NONE: u32 = u32::MAX - 1;
/// A stem not looked up yet (in [`Memo::words`]).
const WORD_UNSET: u32 = u32::MAX;

thread_local! {
    static MEMO: std::cell::RefCell<Memo> = std::cell::RefCell::new(Memo::default());
}

/// A document with at least this many tokens is featurized through the hash tables (and so is
/// every document once the process has featurized this many tokens by binary search).
const TABLE_TOKENS: usize = 20_000;

/// The vocabulary's ids by hash: unigrams by their text, bigrams by their two words' ids
/// (a word found only inside bigrams gets an id past the vocabulary).
#[derive(Debug, Clone, Default)]
struct Table {
    unigrams: hashbrown::HashTable<u32>,
    bigrams: FxHashMap<(u32, u32), u32>,
    inner: FxHashMap<String, u32>,
}

fn hash_str(s: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(s)
}

impl Table {
    /// The tables of a checked vocabulary (`unigrams` unigrams sorted, then bigrams sorted).
    fn build(vocab: &Strings, unigrams: usize) -> Table {
        let mut t = Table::default();
        t.unigrams
            .reserve(unigrams, |&id| hash_str(&vocab[id as usize]));
        for i in 0..unigrams {
            t.unigrams
                .insert_unique(hash_str(&vocab[i]), i as u32, |&id| {
                    hash_str(&vocab[id as usize])
                });
        }
        t.bigrams.reserve(vocab.len() - unigrams);
        let mut next_inner = vocab.len() as u32;
        // Consecutive bigrams often share their first word: its id is kept from the previous.
        let mut last_first: (&str, u32) = ("", u32::MAX);
        for i in unigrams..vocab.len() {
            let Some((a, b)) = vocab[i].split_once(' ') else {
                continue;
            };
            let mut id = |w: &str| -> u32 {
                if let Some(id) = t.unigram(vocab, w) {
                    return id;
                }
                // Looked up before inserting: a word recurs in many bigrams, and `entry`
                // would copy it every time.
                if let Some(&id) = t.inner.get(w) {
                    return id;
                }
                next_inner += 1;
                t.inner.insert(w.to_owned(), next_inner - 1);
                next_inner - 1
            };
            let first = if last_first.1 != u32::MAX && last_first.0 == a {
                last_first.1
            } else {
                id(a)
            };
            last_first = (a, first);
            let key = (first, id(b));
            t.bigrams.insert(key, i as u32);
        }
        t
    }

    fn unigram(&self, vocab: &Strings, w: &str) -> Option<u32> {
        self.unigrams
            .find(hash_str(w), |&id| &vocab[id as usize] == w)
            .copied()
    }

    /// A unigram's id, or the id of a word found only inside bigrams.
    fn word(&self, vocab: &Strings, w: &str) -> Option<u32> {
        self.unigram(vocab, w)
            .or_else(|| self.inner.get(w).copied())
    }
}

fn one() -> f32 {
    1.0
}

/// Whether a token takes part in features: a word (not a number) whose stem has more than
/// one character, or Chinese.
fn usable(doc: &Document, t: &brief_tokenize::Token) -> bool {
    !t.is_numeric() && long_stem(doc, t.stem) || t.is_cjk()
}

/// More than one character: the second one is enough to look for.
fn long_stem(doc: &Document, stem: u32) -> bool {
    doc.stem(stem).chars().nth(1).is_some()
}

impl Featurizer {
    /// Learns a vocabulary from documents: unigrams and bigrams in at least `min_df` documents;
    /// the first sentence of a text counts `lead_weight` times.
    ///
    /// # Panics
    ///
    /// If the features' strings pass 4 GiB in all (the limit of a model file).
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
        let idf: Vec<f32> = vocab
            .iter()
            .map(|(_, d)| brief_tokenize::idf(n_docs, *d as usize) as f32)
            .collect();
        let mut f = Featurizer {
            vocab: vocab.into_iter().map(|(s, _)| s).collect(),
            idf: Cow::Owned(idf),
            bigrams,
            lead_weight,
            unigrams: 0,
            table: std::sync::OnceLock::new(),
            serial: Serial::default(),
        };
        f.index(true).ok();
        f
    }

    /// Prepares lookups after loading; fails on an inconsistent vocabulary. Without
    /// `check_vocabulary`, the vocabulary's order is trusted (the model compiled into the
    /// build) and only the boundary between unigrams and bigrams is searched.
    pub(crate) fn index(&mut self, check_vocabulary: bool) -> Result<(), Error> {
        // Lookups depend on where the unigrams end: nothing remembered before applies.
        self.serial = Serial::default();
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
        // Like the vocabulary's order, the IDF values of the model compiled into this build
        // are trusted (a test loads it checked); a file's are checked in one branch-free pass
        // (`!(x > 0 && x < inf)` holds for NaN too), which the compiler vectorizes.
        #[allow(clippy::neg_cmp_op_on_partial_ord)]
        let bad = |x: &f32| !(*x > 0.0 && *x < f32::INFINITY);
        if check_vocabulary && self.idf.iter().fold(false, |b, x| b | bad(x)) {
            let x = self
                .idf
                .iter()
                .find(|x| bad(x))
                .copied()
                .unwrap_or(f32::NAN);
            return Err(Error::model(format!(
                "featurizer idf value {x} is not finite and positive"
            )));
        }
        if !check_vocabulary {
            let v = &self.vocab;
            let (mut lo, mut hi) = (0, v.len());
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                if v[mid].contains(' ') {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            self.unigrams = lo;
            self.table = std::sync::OnceLock::new();
            return Ok(());
        }
        // Unigrams sorted, then bigrams sorted, each strictly (no feature twice): what `fit`
        // writes, and what lets a lookup be a binary search. Checked on the bytes in one pass.
        let (blob, ends) = (self.vocab.blob.as_bytes(), &self.vocab.ends);
        let text = |f: &[u8]| String::from_utf8_lossy(f).into_owned();
        let mut bigrams_from: Option<usize> = None;
        let (mut start, mut prev): (usize, &[u8]) = (0, &[]);
        for (i, &end) in ends.iter().enumerate() {
            let end = end as usize;
            let f = &blob[start..end];
            start = end;
            let spaces = f.iter().filter(|&&c| c == b' ').count();
            if spaces > 1 {
                return Err(Error::model(format!(
                    "feature `{}` is neither a word nor two words",
                    text(f)
                )));
            }
            if spaces == 1 && !self.bigrams {
                return Err(Error::model(format!(
                    "bigram feature `{}` in a unigram-only featurizer",
                    text(f)
                )));
            }
            let first_bigram = spaces == 1 && bigrams_from.is_none();
            if first_bigram {
                bigrams_from = Some(i);
            }
            if i > 0 && !first_bigram && (prev >= f || spaces == 0 && bigrams_from.is_some()) {
                return Err(Error::model(format!(
                    "features are not sorted (unigrams, then bigrams): `{}` before `{}`",
                    text(prev),
                    text(f)
                )));
            }
            prev = f;
        }
        let unigrams = bigrams_from.unwrap_or(ends.len());
        self.unigrams = unigrams;
        self.table = std::sync::OnceLock::new();
        Ok(())
    }

    /// Whether the vocabulary and IDF values are read in place from borrowed bytes.
    #[cfg(test)]
    pub(crate) fn tables_in_place(&self) -> bool {
        self.vocab.is_borrowed() && matches!(self.idf, Cow::Borrowed(_))
    }

    /// Moves the vocabulary and IDF values out (for a binary model file, which stores them
    /// apart from the header).
    pub(crate) fn take_tables(&mut self) -> (Strings, Cow<'static, [f32]>) {
        (
            std::mem::take(&mut self.vocab),
            std::mem::take(&mut self.idf),
        )
    }

    /// Puts back what [`Featurizer::take_tables`] took; [`Featurizer::index`] must follow.
    pub(crate) fn set_tables(&mut self, vocab: Strings, idf: Cow<'static, [f32]>) {
        self.vocab = vocab;
        self.idf = idf;
        // Another vocabulary: nothing remembered for the old one applies.
        self.serial = Serial::default();
    }

    /// The id of the feature `s` among the ids `range` (sorted).
    fn find(&self, range: Range<usize>, s: &str) -> Option<u32> {
        let (mut lo, mut hi) = (range.start, range.end);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.vocab[mid].cmp(s) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid as u32),
            }
        }
        None
    }

    /// The id of a unigram feature.
    fn unigram_id(&self, s: &str) -> Option<u32> {
        self.find(0..self.unigrams, s)
    }

    /// The id of the bigram feature `a b` (`key` is a buffer for the joined words).
    fn bigram_id(&self, a: &str, b: &str, key: &mut String) -> Option<u32> {
        key.clear();
        key.push_str(a);
        key.push(' ');
        key.push_str(b);
        self.find(self.unigrams..self.vocab.len(), key)
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
    ///
    /// A long document is featurized through hash tables of the vocabulary, built once; short
    /// ones by binary search, until the process has searched 20,000 tokens that way
    /// (a batch of documents): from then on the tables pay for themselves. A range past the
    /// document's end is cut to it.
    ///
    /// ```
    /// use brief_classify::HybridModel;
    ///
    /// let model = HybridModel::builtin();
    /// let doc = brief_tokenize::analyze("Young researchers get fellowships.");
    /// let f = model.linear().featurizer();
    /// assert!(!f.transform(&doc, 0..1).is_empty());
    /// assert_eq!(f.transform(&doc, 0..9), f.transform(&doc, 0..1));
    /// assert!(f.transform(&doc, 5..9).is_empty());
    /// ```
    pub fn transform(&self, doc: &Document, sentences: Range<usize>) -> SparseVec {
        let sentences = crate::classifier::clamp(doc, sentences);
        use std::sync::atomic::Ordering::Relaxed;
        static SEARCHED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let tables = doc.tokens().len() >= TABLE_TOKENS
            || self.table.get().is_some()
            || SEARCHED.load(Relaxed) >= TABLE_TOKENS;
        if !tables {
            let n: usize = sentences
                .clone()
                .filter_map(|si| doc.sentences().get(si))
                .map(|s| s.tokens.len())
                .sum();
            SEARCHED.fetch_add(n, Relaxed);
        }
        self.transform_with(doc, sentences, tables)
    }

    /// [`Featurizer::transform`] through the hash tables or by binary search (the same vector).
    fn transform_with(&self, doc: &Document, sentences: Range<usize>, tables: bool) -> SparseVec {
        let t = tables.then(|| {
            self.table
                .get_or_init(|| Table::build(&self.vocab, self.unigrams))
        });
        // The document's lookups are remembered across calls (one slot per stem: linear in the
        // document, allocated once for it).
        MEMO.with(|m| {
            let mut m = m.borrow_mut();
            let key = Some((doc.serial(), self.serial, tables));
            if m.key != key {
                m.key = key;
                m.words = refill(std::mem::take(&mut m.words), doc.num_stems(), WORD_UNSET);
                m.long = refill(std::mem::take(&mut m.long), doc.num_stems(), 0);
                if m.pairs.capacity() > 1 << 16 {
                    m.pairs = FxHashMap::default();
                } else {
                    m.pairs.clear();
                }
            }
            if m.dense.len() < self.len() {
                m.dense.resize(self.len(), 0.0);
            }
            self.vector(doc, sentences, t, &mut m)
        })
    }

    /// The vector of a range of sentences, with the memo's `words` (a stem's word id),
    /// `long` (its length) and, without the tables, `pairs` (a stem pair's bigram id) filled
    /// as stems are met.
    fn vector(
        &self,
        doc: &Document,
        sentences: Range<usize>,
        table: Option<&Table>,
        memo: &mut Memo,
    ) -> SparseVec {
        let Memo {
            words,
            long,
            dense,
            pairs,
            ..
        } = memo;
        let (words, long, dense) = (&mut words[..], &mut long[..], &mut dense[..]);
        // `usable`, with each stem's length looked at once per document.
        let mut usable = |t: &brief_tokenize::Token| -> bool {
            if t.is_cjk() {
                return true;
            }
            if t.is_numeric() {
                return false;
            }
            let slot = &mut long[t.stem as usize];
            if *slot == 0 {
                *slot = if long_stem(doc, t.stem) { 2 } else { 1 };
            }
            *slot == 2
        };
        // A stem's word id: a unigram's id, or (with the tables) the id of a word found only
        // inside bigrams.
        let mut word = |s: u32| -> Option<u32> {
            let slot = &mut words[s as usize];
            if *slot == WORD_UNSET {
                let st = doc.stem(s);
                let id = match table {
                    Some(t) => t.word(&self.vocab, st),
                    None => self.unigram_id(st),
                };
                *slot = id.filter(|&i| i < WORD_NONE).unwrap_or(WORD_NONE);
            }
            (*slot != WORD_NONE).then_some(*slot)
        };
        let mut key = String::new();
        // Each feature's weight summed in a slot of its own, in the order met; `touched` lists
        // the features met, whose slots go back to 0 when the vector is read.
        let tokens: usize = doc.sentences()[sentences.clone()]
            .iter()
            .map(|s| s.tokens.len())
            .sum();
        // (The list becomes the vector: each feature with its weight filled in at the end.)
        let mut touched: SparseVec = Vec::with_capacity((2 * tokens).min(4096));
        let mut add = |id: u32, w: f32| {
            let slot = &mut dense[id as usize];
            if *slot == 0.0 {
                touched.push((id, 0.0));
            }
            *slot += w;
        };
        let unigrams = self.unigrams as u32;
        let first = sentences.start;
        for si in sentences {
            let s = &doc.sentences()[si];
            if s.kind.is_boilerplate() {
                continue;
            }
            let wgt = if si == first { self.lead_weight } else { 1.0 };
            let toks = doc.sentence_tokens(si);
            let mut prev: Option<(u32, Option<u32>)> = None;
            for t in toks {
                if !usable(t) {
                    prev = None;
                    continue;
                }
                let w = word(t.stem);
                if let Some(id) = w {
                    if id < unigrams && !t.is_stop() {
                        add(id, wgt);
                    }
                }
                if let (true, Some((ps, pw))) = (self.bigrams, prev) {
                    let b = match table {
                        Some(tb) => pw.zip(w).and_then(|k| tb.bigrams.get(&k).copied()),
                        None => *pairs.entry((ps, t.stem)).or_insert_with(|| {
                            self.bigram_id(doc.stem(ps), doc.stem(t.stem), &mut key)
                        }),
                    };
                    if let Some(b) = b {
                        add(b, wgt);
                    }
                }
                prev = Some((t.stem, w));
            }
        }
        touched.sort_unstable_by_key(|x| x.0);
        let mut v = touched;
        for x in &mut v {
            let c = std::mem::take(&mut dense[x.0 as usize]);
            x.1 = (1.0 + c.ln()) * self.idf[x.0 as usize];
        }
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
    fn lookups_remembered_for_one_featurizer_never_serve_another() {
        let docs: Vec<Document> = [
            "The province funds key laboratories. Key laboratories train talent.",
            "Enterprises lead key core technology projects with the fund.",
        ]
        .iter()
        .map(|t| brief_tokenize::analyze(t))
        .collect();
        let (f, g) = (
            Featurizer::fit(&docs[..1], 1, true, 2.0),
            Featurizer::fit(&docs[1..], 1, true, 2.0),
        );
        let probe =
            brief_tokenize::analyze("Key laboratories and enterprises. The fund trains talent.");
        let all = 0..probe.sentences().len();
        // Through the tables: nothing remembered.
        let (fa, ga) = (
            f.transform_with(&probe, all.clone(), true),
            g.transform_with(&probe, all.clone(), true),
        );
        assert_ne!(fa, ga);
        // By binary search, alternating featurizers and documents on one thread.
        for _ in 0..2 {
            assert_eq!(f.transform_with(&probe, all.clone(), false), fa);
            assert_eq!(g.transform_with(&probe, all.clone(), false), ga);
            assert_eq!(
                f.transform_with(&docs[0], 0..1, false),
                f.transform_with(&docs[0], 0..1, true)
            );
        }
    }

    #[test]
    fn refill_lets_a_large_allocation_go() {
        let v = refill(Vec::with_capacity(1 << 20), 10, 7u32);
        assert_eq!(v, vec![7; 10]);
        assert!(v.capacity() < 1 << 16);
        let mut small = Vec::with_capacity(100);
        small.push(1u32);
        let ptr = small.as_ptr();
        let small = refill(small, 50, 3);
        assert_eq!((small.len(), small.as_ptr()), (50, ptr));
        assert!(small.iter().all(|&x| x == 3));
    }

    #[test]
    fn tables_and_binary_search_give_the_same_vectors() {
        let texts = [
            "The province funds key laboratories. Key laboratories train talent in the province.",
            "Enterprises lead key core technology projects; the fund supports enterprises.",
            "实验室 and enterprises: the key laboratories of the province open to enterprises.",
        ];
        let docs: Vec<Document> = texts.iter().map(|t| brief_tokenize::analyze(t)).collect();
        let f = Featurizer::fit(&docs, 1, true, 2.0);
        assert!(f.unigrams > 0 && f.unigrams < f.len());
        let probe = brief_tokenize::analyze(
            "Key laboratories and the fund: enterprises of the province lead key laboratories. \
             Talent in key core technology.",
        );
        for r in std::iter::once(0..probe.sentences().len())
            .chain((0..probe.sentences().len()).map(|i| i..i + 1))
        {
            let a = f.transform_with(&probe, r.clone(), true);
            let b = f.transform_with(&probe, r, false);
            assert!(!a.is_empty());
            assert_eq!(a, b);
        }
        // A vocabulary out of order, or a feature twice, is a model error.
        let mut bad = f.clone();
        let (vocab, idf) = bad.take_tables();
        let mut v: Vec<String> = vocab.iter().map(str::to_owned).collect();
        v.swap(0, 1);
        bad.set_tables(v.into_iter().collect(), idf);
        assert!(bad.index(true).is_err());
    }

    #[test]
    fn strings_index_serialize_and_check_their_parts() {
        let v: Strings = ["talent", "", "实验室", "key lab"].into_iter().collect();
        assert_eq!((v.len(), v.parts().0.len()), (4, 6 + 9 + 7));
        assert_eq!(
            v.iter().collect::<Vec<_>>(),
            ["talent", "", "实验室", "key lab"]
        );
        assert_eq!(&v[2], "实验室");
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(json, r#"["talent","","实验室","key lab"]"#);
        assert_eq!(serde_json::from_str::<Strings>(&json).unwrap(), v);
        let ok = Strings::from_parts(Cow::Borrowed("ab实".as_bytes()), Cow::Owned(vec![1, 2, 5]))
            .unwrap();
        assert_eq!(ok.iter().collect::<Vec<_>>(), ["a", "b", "实"]);
        assert_eq!(ok.parts(), ("ab实", &[1, 2, 5][..]));
        // An entry that ends inside a character, ends out of order or past the bytes, bytes
        // that belong to no entry, and bytes that are not UTF-8 are all model errors.
        let bad = |blob: &[u8], ends: Vec<u32>| {
            Strings::from_parts(Cow::Owned(blob.to_vec()), Cow::Owned(ends)).is_err()
        };
        assert!(bad("实".as_bytes(), vec![1, 3]));
        assert!(bad(b"abc", vec![2, 1, 3]));
        assert!(bad(b"abc", vec![1, 4]));
        assert!(bad(b"abc", vec![1, 2]));
        assert!(bad(&[0xFF, 0x41], vec![1, 2]));
    }
}
