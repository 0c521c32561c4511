//! Per-document term statistics and sparse TF-IDF sentence vectors, computed once and shared
//! by the keyword, centrality and redundancy code.

use crate::background::Background;
use brief_tokenize::{Document, Token};

/// Whether a token counts as a content word: not a stop word, not a number, and not a single
/// Latin letter.
#[inline]
pub(crate) fn is_content(doc: &Document, t: &Token) -> bool {
    t.is_content() && (t.is_cjk() || t.span().len() > 1 || doc.stem(t.stem).len() > 1)
}

/// Inverse document frequency per stem id of `doc`: from the background table when given,
/// otherwise from the document's own sentences (each sentence a "document").
///
/// The vectors of the document analysed last are remembered per thread, for its own
/// frequencies and for the shipped table (the keyword and centrality parts of one summary read
/// the same ones), keyed by [`Document::serial`] so that another document never reads them.
pub(crate) fn idf(doc: &Document, background: Option<&Background>) -> Vec<f64> {
    thread_local! {
        static MEMO: DocMemo<usize, Vec<f64>> = const { DocMemo::new(None) };
    }
    let background = background.filter(|b| b.docs() > 0);
    // 0 stands for the document's own frequencies; a table read from a file is not remembered.
    match background.map_or(Some(0), Background::builtin_identity) {
        Some(table) => remembered(&MEMO, doc, table, || compute_idf(doc, background)),
        None => compute_idf(doc, background),
    }
}

/// Values computed for the document analysed last, per key, remembered per thread (see
/// [`remembered`]).
pub(crate) type DocMemo<K, V> = std::cell::RefCell<Option<(u64, Vec<(K, V)>)>>;

/// The value of `key` for `doc` from `memo`, computed (and remembered) if it is not there. The
/// memo holds one document at a time, keyed by [`Document::serial`], so another document never
/// reads a stale value.
pub(crate) fn remembered<K: PartialEq, V: Clone>(
    memo: &'static std::thread::LocalKey<DocMemo<K, V>>,
    doc: &Document,
    key: K,
    compute: impl FnOnce() -> V,
) -> V {
    let id = doc.serial();
    let hit = memo.with(|m| {
        let m = m.borrow();
        m.as_ref()
            .filter(|(d, _)| *d == id)
            .and_then(|(_, v)| v.iter().find(|(k, _)| *k == key).map(|(_, x)| x.clone()))
    });
    if let Some(x) = hit {
        return x;
    }
    let x = compute();
    memo.with(|m| {
        let mut m = m.borrow_mut();
        match m.as_mut() {
            Some((d, v)) if *d == id => v.push((key, x.clone())),
            _ => *m = Some((id, vec![(key, x.clone())])),
        }
    });
    x
}

fn compute_idf(doc: &Document, background: Option<&Background>) -> Vec<f64> {
    let n = doc.num_stems();
    match background {
        Some(bg) => (0..n as u32).map(|s| bg.idf(doc.stem(s))).collect(),
        None => {
            let mut df = vec![0u32; n];
            let mut last = vec![u32::MAX; n];
            for (i, s) in doc.sentences().iter().enumerate() {
                for t in &doc.tokens()[s.tokens.clone()] {
                    let st = t.stem as usize;
                    if last[st] != i as u32 {
                        last[st] = i as u32;
                        df[st] += 1;
                    }
                }
            }
            let ns = doc.sentences().len();
            df.iter()
                .map(|&d| brief_tokenize::idf(ns, d as usize))
                .collect()
        }
    }
}

/// Sparse, L2-normalized TF-IDF vectors of a document's sentences, in CSR layout, with each
/// sentence's entries sorted by stem id.
#[derive(Debug, Clone, Default)]
pub(crate) struct SentenceVectors {
    pub offsets: Vec<usize>,
    pub stems: Vec<u32>,
    pub weights: Vec<f64>,
}

impl SentenceVectors {
    pub fn build(doc: &Document, idf: &[f64]) -> Self {
        let mut v = SentenceVectors {
            offsets: Vec::with_capacity(doc.sentences().len() + 1),
            stems: Vec::with_capacity(doc.tokens().len()),
            weights: Vec::with_capacity(doc.tokens().len()),
        };
        v.offsets.push(0);
        let mut buf: Vec<u32> = Vec::new();
        for s in doc.sentences() {
            buf.clear();
            if s.kind.is_body() {
                buf.extend(
                    doc.tokens()[s.tokens.clone()]
                        .iter()
                        .filter(|t| is_content(doc, t))
                        .map(|t| t.stem),
                );
            }
            buf.sort_unstable();
            let start = v.stems.len();
            let mut i = 0;
            while i < buf.len() {
                let st = buf[i];
                let mut j = i;
                while j < buf.len() && buf[j] == st {
                    j += 1;
                }
                v.stems.push(st);
                v.weights.push((j - i) as f64 * idf[st as usize]);
                i = j;
            }
            let norm: f64 = v.weights[start..].iter().map(|w| w * w).sum::<f64>().sqrt();
            if norm > 0.0 {
                for w in &mut v.weights[start..] {
                    *w /= norm;
                }
            }
            v.offsets.push(v.stems.len());
        }
        v
    }

    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    pub fn row(&self, i: usize) -> (&[u32], &[f64]) {
        let r = self.offsets[i]..self.offsets[i + 1];
        (&self.stems[r.clone()], &self.weights[r])
    }

    /// Cosine similarity of two rows (both are unit vectors with sorted stems).
    #[cfg(test)]
    pub fn cosine(&self, a: usize, b: usize) -> f64 {
        let (sa, wa) = self.row(a);
        let (sb, wb) = self.row(b);
        let (mut i, mut j, mut dot) = (0, 0, 0.0);
        while i < sa.len() && j < sb.len() {
            match sa[i].cmp(&sb[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += wa[i] * wb[j];
                    i += 1;
                    j += 1;
                }
            }
        }
        dot
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vectors_are_unit_and_cosine_works() {
        let doc = brief_tokenize::analyze(
            "Talent policy matters.Talent policy matters a lot.Laboratories get funds.",
        );
        let idf = idf(&doc, None);
        let v = SentenceVectors::build(&doc, &idf);
        assert_eq!(v.len(), 3);
        for i in 0..3 {
            let (_, w) = v.row(i);
            let n: f64 = w.iter().map(|x| x * x).sum();
            assert!((n - 1.0).abs() < 1e-9);
        }
        assert!(v.cosine(0, 1) > 0.7);
        assert_eq!(v.cosine(0, 2), 0.0);
        assert!((v.cosine(0, 0) - 1.0).abs() < 1e-9);
    }
}
