//! Nearest labelled texts: a text's themes voted by the training texts most like it.

use crate::error::Error;
use crate::features::SparseVec;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// The training texts a [`crate::HybridModel`] keeps to find a text's nearest neighbours: each
/// one's feature vector (the linear model's L2-normalized TF-IDF, so that a dot product is a
/// cosine) and its themes, with an inverted index over the features.
///
/// A text's score for a theme is the share of its `k` most similar training texts that carry
/// the theme, each neighbour weighted by its squared cosine. Policy initiatives come in
/// families (the same programme renewed, the same scheme in several countries); a close
/// neighbour's labels carry what a bag-of-n-grams model spreads thin.
#[derive(Debug, Clone, Default)]
pub(crate) struct Neighbors {
    k: usize,
    /// The training records' ids.
    ids: Vec<String>,
    /// Where each text's themes end in `themes`.
    theme_ends: Vec<u32>,
    themes: Vec<u16>,
    /// Where each feature's postings start in `postings` (one more entry than features).
    post_off: Vec<usize>,
    /// The postings of every feature: (training text, weight), texts ascending.
    postings: Vec<(u32, f32)>,
}

/// The training texts as saved in a model's JSON form: per text its themes and its sparse
/// vector (feature ids ascending, weights in `0..=1`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NeighborTexts {
    /// The training records' ids.
    pub(crate) ids: Vec<String>,
    pub(crate) themes: Vec<Vec<u16>>,
    pub(crate) vectors: Vec<SparseVec>,
}

/// The training texts' themes and vectors as the binary format stores them: arrays end to
/// end, with where each text's part ends.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct FlatTexts {
    pub(crate) theme_ends: Vec<u32>,
    pub(crate) themes: Vec<u32>,
    pub(crate) vector_ends: Vec<u32>,
    pub(crate) features: Vec<u32>,
    pub(crate) weights: Vec<f32>,
}

impl From<&NeighborTexts> for FlatTexts {
    fn from(t: &NeighborTexts) -> FlatTexts {
        let ends = |lens: &mut dyn Iterator<Item = usize>| {
            let mut at = 0u32;
            lens.map(|n| {
                at = at.saturating_add(u32::try_from(n).unwrap_or(u32::MAX));
                at
            })
            .collect::<Vec<u32>>()
        };
        FlatTexts {
            theme_ends: ends(&mut t.themes.iter().map(Vec::len)),
            themes: t.themes.iter().flatten().map(|&x| u32::from(x)).collect(),
            vector_ends: ends(&mut t.vectors.iter().map(Vec::len)),
            features: t.vectors.iter().flatten().map(|x| x.0).collect(),
            weights: t.vectors.iter().flatten().map(|x| x.1).collect(),
        }
    }
}

/// The ranges that consecutive `ends` mark in an array of `len` items, checked to be in order
/// and within it (a model file may be hostile).
fn ranges(ends: &[u32], len: usize) -> Result<Vec<std::ops::Range<usize>>, Error> {
    let mut start = 0usize;
    let out = ends
        .iter()
        .map(|&e| {
            let e = e as usize;
            if e < start || e > len {
                return Err(Error::model("a neighbour text's end is out of order"));
            }
            let r = start..e;
            start = e;
            Ok(r)
        })
        .collect::<Result<Vec<_>, _>>()?;
    if start != len {
        return Err(Error::model(
            "the neighbour texts' arrays hold more than their texts",
        ));
    }
    Ok(out)
}

impl Neighbors {
    /// Indexes `texts` for `k`-nearest-neighbour votes, after checking them against a model
    /// of `features` features and `themes` themes (a model file may be hostile).
    pub(crate) fn new(
        texts: NeighborTexts,
        k: usize,
        features: usize,
        themes: usize,
    ) -> Result<Neighbors, Error> {
        let flat = FlatTexts::from(&texts);
        Neighbors::from_flat(texts.ids, flat, k, features, themes)
    }

    /// [`Neighbors::new`] from the binary format's arrays.
    pub(crate) fn from_flat(
        ids: Vec<String>,
        flat: FlatTexts,
        k: usize,
        features: usize,
        themes: usize,
    ) -> Result<Neighbors, Error> {
        let n = ids.len();
        if flat.theme_ends.len() != n
            || flat.vector_ends.len() != n
            || flat.features.len() != flat.weights.len()
        {
            return Err(Error::model(format!(
                "{n} neighbour texts with ids, {} with themes and {} with vectors",
                flat.theme_ends.len(),
                flat.vector_ends.len()
            )));
        }
        if n > u32::MAX as usize {
            return Err(Error::model("too many neighbour texts"));
        }
        ranges(&flat.theme_ends, flat.themes.len())?;
        let vectors = ranges(&flat.vector_ends, flat.features.len())?;
        let themes_u16 = flat
            .themes
            .iter()
            .map(|&t| match u16::try_from(t) {
                Ok(t) if usize::from(t) < themes => Ok(t),
                _ => Err(Error::model(format!(
                    "a neighbour text has theme {t}; the model has {themes}"
                ))),
            })
            .collect::<Result<Vec<u16>, _>>()?;
        // One branch-free pass (NaN fails both comparisons); the bad value is looked for only
        // if there is one.
        #[allow(clippy::neg_cmp_op_on_partial_ord)]
        let outside = |w: &f32| !(*w >= 0.0 && *w <= 1.0);
        let bad = flat.weights.iter().fold(false, |b, w| b | outside(w));
        if let Some(w) = bad
            .then(|| flat.weights.iter().find(|w| outside(w)))
            .flatten()
        {
            return Err(Error::model(format!(
                "a neighbour vector has weight {w}, not in 0..=1"
            )));
        }
        let mut post_off = vec![0usize; features + 1];
        for r in &vectors {
            let f = &flat.features[r.clone()];
            let bad =
                f.iter().any(|&x| x as usize >= features) || f.windows(2).any(|w| w[0] >= w[1]);
            if bad {
                return Err(Error::model(format!(
                    "a neighbour vector has a feature out of order or beyond the model's \
                     {features}"
                )));
            }
            for &x in f {
                post_off[x as usize + 1] += 1;
            }
        }
        for f in 0..features {
            post_off[f + 1] += post_off[f];
        }
        let mut postings = vec![(0u32, 0f32); post_off[features]];
        let mut fill = post_off.clone();
        for (d, r) in vectors.into_iter().enumerate() {
            for (&f, &w) in flat.features[r.clone()].iter().zip(&flat.weights[r]) {
                let p = &mut fill[f as usize];
                postings[*p] = (d as u32, w);
                *p += 1;
            }
        }
        Ok(Neighbors {
            k,
            ids,
            theme_ends: flat.theme_ends,
            themes: themes_u16,
            post_off,
            postings,
        })
    }

    /// The training texts, as saved (each vector rebuilt from the postings).
    pub(crate) fn texts(&self) -> NeighborTexts {
        let n = self.ids.len();
        let mut vectors: Vec<SparseVec> = vec![Vec::new(); n];
        for f in 0..self.post_off.len().saturating_sub(1) {
            for &(d, w) in &self.postings[self.post_off[f]..self.post_off[f + 1]] {
                vectors[d as usize].push((f as u32, w));
            }
        }
        NeighborTexts {
            ids: self.ids.clone(),
            themes: (0..n).map(|d| self.text(d).1.to_vec()).collect(),
            vectors,
        }
    }

    /// Training text `d`'s id and themes.
    pub(crate) fn text(&self, d: usize) -> (&str, &[u16]) {
        let start = if d == 0 {
            0
        } else {
            self.theme_ends[d - 1] as usize
        };
        (
            &self.ids[d],
            &self.themes[start..self.theme_ends[d] as usize],
        )
    }

    /// Per theme, the weighted share of the `k` nearest training texts that carry it (all 0
    /// when no training text shares a feature with `q`).
    pub(crate) fn scores(&self, q: &SparseVec, themes: usize) -> Vec<f64> {
        let mut out = vec![0.0; themes];
        let near = self.nearest(q);
        let mut total = 0.0f64;
        for &(s, d) in &near {
            let w = f64::from(s) * f64::from(s);
            total += w;
            for &t in self.text(d as usize).1 {
                out[t as usize] += w;
            }
        }
        if total > 0.0 {
            for o in &mut out {
                *o /= total;
            }
        }
        out
    }

    /// The `k` training texts most similar to `q` (cosine, positive), most similar first; of
    /// equal similarities the earlier text.
    pub(crate) fn nearest(&self, q: &SparseVec) -> Vec<(f32, u32)> {
        let n = self.ids.len();
        if n == 0 || self.k == 0 {
            return Vec::new();
        }
        // The dot product with every training text, accumulated feature by feature (the
        // training texts a feature is in, with its weight in each), then read in one pass:
        // cheaper than remembering which texts were met (a text has at most a few thousand
        // training texts to compare with, and each query feature meets hundreds of them).
        let mut acc = vec![0f32; n];
        for &(f, w) in q {
            let Some(r) = self
                .post_off
                .get(f as usize)
                .zip(self.post_off.get(f as usize + 1))
                .map(|(&a, &b)| a..b)
            else {
                continue;
            };
            // Four postings a step: independent sums, each text's in the same order as one
            // at a time (the same bits).
            let postings = &self.postings[r];
            let mut chunks = postings.chunks_exact(4);
            for p4 in &mut chunks {
                for &(d, x) in p4 {
                    acc[d as usize] += w * x;
                }
            }
            for &(d, x) in chunks.remainder() {
                acc[d as usize] += w * x;
            }
        }
        // The `k` most similar, by a heap of the best so far whose top is the least similar
        // of them. A text's key is its similarity's bits (a similarity is never negative, so
        // its bits order like it) above its reversed index, so that of equal similarities the
        // earlier text ranks higher; one integer comparison per training text with `floor`,
        // the key a text must beat (a similarity of 0 never does; once `k` are kept, the least
        // of them).
        let k = self.k;
        let mut heap: BinaryHeap<Reverse<u64>> = BinaryHeap::with_capacity(k + 1);
        let mut floor = u64::from(u32::MAX);
        for (d, &s) in (0u32..).zip(&acc) {
            let key = (u64::from(s.to_bits()) << 32) | u64::from(u32::MAX - d);
            if key > floor {
                if heap.len() == k {
                    heap.pop();
                }
                heap.push(Reverse(key));
                if heap.len() == k {
                    floor = heap.peek().map_or(floor, |top| top.0);
                }
            }
        }
        let mut near: Vec<(f32, u32)> = heap
            .into_iter()
            .map(|Reverse(key)| (f32::from_bits((key >> 32) as u32), u32::MAX - key as u32))
            .collect();
        near.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        near
    }
}

/// The linear model's scores with the neighbours' votes mixed in: `(1 - weight) * linear +
/// weight * neighbours`, per theme.
pub(crate) fn mix(linear: &[f64], neighbors: &[f64], weight: f64) -> Vec<f64> {
    linear
        .iter()
        .zip(neighbors)
        .map(|(a, b)| (1.0 - weight) * a + weight * b)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts() -> NeighborTexts {
        NeighborTexts {
            ids: vec!["a".into(), "b".into(), "c".into()],
            themes: vec![vec![0], vec![0, 1], vec![2]],
            vectors: vec![
                vec![(0, 0.8), (1, 0.6)],
                vec![(0, 0.6), (2, 0.8)],
                vec![(3, 1.0)],
            ],
        }
    }

    #[test]
    fn the_nearest_texts_vote_with_their_squared_similarity() {
        let n = Neighbors::new(texts(), 2, 4, 3).unwrap();
        // Similarity 0.8 to text 0, 0.6 to text 1, 0 to text 2.
        let s = n.scores(&vec![(0, 1.0)], 3);
        let (a, b) = (0.64, 0.36);
        assert!((s[0] - 1.0).abs() < 1e-6, "{s:?}");
        assert!((s[1] - b / (a + b)).abs() < 1e-6, "{s:?}");
        assert_eq!(s[2], 0.0);
        // k = 1 keeps the nearest only.
        let one = Neighbors::new(texts(), 1, 4, 3).unwrap();
        assert_eq!(one.scores(&vec![(0, 1.0)], 3), vec![1.0, 0.0, 0.0]);
        // No shared feature, no vote; a feature beyond the index is ignored.
        assert_eq!(n.scores(&vec![(9, 1.0)], 3), vec![0.0; 3]);
    }

    #[test]
    fn hostile_neighbour_texts_are_refused() {
        let mut t = texts();
        t.themes[0] = vec![7];
        assert!(Neighbors::new(t, 2, 4, 3).is_err());
        let mut t = texts();
        t.vectors[0] = vec![(1, 0.5), (0, 0.5)];
        assert!(Neighbors::new(t, 2, 4, 3).is_err());
        let mut t = texts();
        t.vectors[0] = vec![(0, f32::NAN)];
        assert!(Neighbors::new(t, 2, 4, 3).is_err());
        assert!(Neighbors::new(texts(), 2, 3, 3).is_err());
        let mut t = texts();
        t.themes.pop();
        assert!(Neighbors::new(t, 2, 4, 3).is_err());
        let mut t = texts();
        t.ids.pop();
        assert!(Neighbors::new(t, 2, 4, 3).is_err());
    }

    proptest::proptest! {
        /// The nearest texts are the `k` most similar by a dot product summed in query order,
        /// most similar first and of equal similarities the earlier text; texts that share no
        /// feature are never neighbours.
        #[test]
        fn nearest_equals_sorting_every_similarity(
            vectors in proptest::collection::vec(
                proptest::collection::btree_map(0u32..12, 0u8..=4, 0..5), 0..40),
            query in proptest::collection::btree_map(0u32..14, 1u8..=4, 0..6),
            k in 1usize..12,
        ) {
            // Weights in quarters, so that equal similarities are common.
            let w = |x: u8| f32::from(x) / 4.0;
            let n = vectors.len();
            let texts = NeighborTexts {
                ids: (0..n).map(|i| i.to_string()).collect(),
                themes: vec![vec![0]; n],
                vectors: vectors
                    .iter()
                    .map(|v| v.iter().map(|(&f, &x)| (f, w(x))).collect())
                    .collect(),
            };
            let q: SparseVec = query.iter().map(|(&f, &x)| (f, w(x))).collect();
            let nb = Neighbors::new(texts.clone(), k, 12, 1).unwrap();
            let mut want: Vec<(f32, u32)> = texts
                .vectors
                .iter()
                .enumerate()
                .map(|(d, v)| {
                    let mut s = 0f32;
                    for &(f, x) in &q {
                        if let Some(&(_, y)) = v.iter().find(|(g, _)| *g == f) {
                            s += x * y;
                        }
                    }
                    (s, d as u32)
                })
                .filter(|&(s, _)| s > 0.0)
                .collect();
            want.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            want.truncate(k);
            proptest::prop_assert_eq!(nb.nearest(&q), want);
        }
    }
}
