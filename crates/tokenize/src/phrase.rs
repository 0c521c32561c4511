//! Phrase matching over sequences of word ids: the one matcher brief's stages share (cue
//! phrases in summaries, lexicon terms in themes).
//!
//! A stage maps each word of a text to a `u32` unit of its own choosing (a document's stem id,
//! a lexicon's base-form id, a Chinese character's id) and [`NO_UNIT`] for a word that no
//! phrase holds; [`PhraseMatcher`] then finds phrases as whole runs of units, never a prefix of
//! a word, never across a word that is not in a phrase.

use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;

/// The unit of a word that no phrase holds: it ends every match.
pub const NO_UNIT: u32 = u32::MAX;

/// Phrases as unit sequences, each with a value; lookups find the longest phrase that starts at
/// a position.
///
/// A lookup costs at most one hash probe per unit of the longest phrase, whatever the number of
/// phrases, and a single probe of one unit where no phrase starts.
///
/// ```
/// use brief_tokenize::phrase::{PhraseMatcher, NO_UNIT};
///
/// // Units: 0 = "key", 1 = "task", 2 = "laboratory".
/// let mut m: PhraseMatcher<&str> = PhraseMatcher::default();
/// m.insert(&[0, 1], "key task");
/// m.insert(&[1], "task");
/// m.insert(&[2], "laboratory");
/// let text = [0, 1, NO_UNIT, 2, 1];
/// assert_eq!(m.longest_at(&text, 0), Some((2, &"key task")));
/// assert_eq!(m.longest_at(&text, 1), Some((1, &"task")));
/// assert_eq!(m.longest_at(&text, 2), None);
/// let found: Vec<(std::ops::Range<usize>, &&str)> = m.find_iter(&text).collect();
/// assert_eq!(found, [(0..2, &"key task"), (3..4, &"laboratory"), (4..5, &"task")]);
/// ```
#[derive(Debug, Clone)]
pub struct PhraseMatcher<V> {
    phrases: FxHashMap<Box<[u32]>, V>,
    /// The first unit of every phrase: most positions of a text start none, and are passed
    /// over with one probe of a `u32` instead of one per length.
    firsts: FxHashSet<u32>,
    max_len: usize,
}

impl<V> Default for PhraseMatcher<V> {
    fn default() -> Self {
        PhraseMatcher {
            phrases: FxHashMap::default(),
            firsts: FxHashSet::default(),
            max_len: 0,
        }
    }
}

impl<V> PhraseMatcher<V> {
    /// Adds a phrase, replacing the value of an equal one. An empty phrase, or one holding
    /// [`NO_UNIT`], can never match and is not added.
    pub fn insert(&mut self, phrase: &[u32], value: V) {
        if let Some(v) = self.entry(phrase) {
            *v = value;
        } else if !phrase.is_empty() && !phrase.contains(&NO_UNIT) {
            self.note(phrase);
            self.phrases.insert(phrase.into(), value);
        }
    }

    /// Records a phrase that can match (not empty, no [`NO_UNIT`]) in the lookup bounds: the
    /// longest length and the set of first units.
    fn note(&mut self, phrase: &[u32]) {
        self.max_len = self.max_len.max(phrase.len());
        self.firsts.insert(phrase[0]);
    }

    /// The value of a phrase, added with `V::default()` if it is new (to merge values, such as
    /// several themes' patterns of one term). `None` for a phrase that can never match.
    pub fn entry_or_default(&mut self, phrase: &[u32]) -> Option<&mut V>
    where
        V: Default,
    {
        if phrase.is_empty() || phrase.contains(&NO_UNIT) {
            return None;
        }
        self.note(phrase);
        Some(self.phrases.entry(phrase.into()).or_default())
    }

    fn entry(&mut self, phrase: &[u32]) -> Option<&mut V> {
        self.phrases.get_mut(phrase)
    }

    /// The number of phrases.
    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    /// Whether no phrase was added.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// The number of units of the longest phrase.
    pub fn max_len(&self) -> usize {
        self.max_len
    }

    /// The longest phrase that starts at `units[at]`: its length in units and its value.
    pub fn longest_at(&self, units: &[u32], at: usize) -> Option<(usize, &V)> {
        let rest = units.get(at..)?;
        let first = *rest.first()?;
        // `NO_UNIT` is never a first unit; told apart without a probe (most words of a text
        // are outside a lexicon).
        if first == NO_UNIT || !self.firsts.contains(&first) {
            return None;
        }
        let end = rest
            .iter()
            .take(self.max_len)
            .position(|&u| u == NO_UNIT)
            .unwrap_or(rest.len().min(self.max_len));
        (1..=end)
            .rev()
            .find_map(|len| self.phrases.get(&rest[..len]).map(|v| (len, v)))
    }

    /// Leftmost-longest matches that do not overlap, in order: at each position the longest
    /// phrase that starts there, then the search goes on after it.
    pub fn find_iter<'a>(
        &'a self,
        units: &'a [u32],
    ) -> impl Iterator<Item = (Range<usize>, &'a V)> + 'a {
        let mut at = 0;
        std::iter::from_fn(move || {
            while at < units.len() {
                if let Some((len, v)) = self.longest_at(units, at) {
                    let found = at..at + len;
                    at += len;
                    return Some((found, v));
                }
                at += 1;
            }
            None
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn phrases_that_cannot_match_are_not_added() {
        let mut m: PhraseMatcher<()> = PhraseMatcher::default();
        m.insert(&[], ());
        m.insert(&[3, NO_UNIT], ());
        assert!(m.is_empty());
        assert!(m.entry_or_default(&[NO_UNIT]).is_none());
        assert_eq!(m.max_len(), 0);
        assert_eq!(m.longest_at(&[NO_UNIT, 3], 0), None);
    }

    #[test]
    fn insert_replaces_and_entry_merges() {
        let mut m: PhraseMatcher<Vec<u8>> = PhraseMatcher::default();
        m.insert(&[1, 2], vec![1]);
        m.insert(&[1, 2], vec![2]);
        m.entry_or_default(&[1, 2]).unwrap().push(3);
        m.entry_or_default(&[5]).unwrap().push(4);
        assert_eq!(m.len(), 2);
        assert_eq!(m.longest_at(&[1, 2, 5], 0), Some((2, &vec![2, 3])));
        assert_eq!(m.longest_at(&[1, 2, 5], 2), Some((1, &vec![4])));
        assert_eq!(m.longest_at(&[1, 2, 5], 3), None);
        assert_eq!(m.longest_at(&[1, 2, 5], 9), None);
    }

    #[test]
    fn a_word_outside_the_phrases_breaks_a_match() {
        let mut m: PhraseMatcher<u8> = PhraseMatcher::default();
        m.insert(&[1, 2, 3], 3);
        m.insert(&[1], 1);
        assert_eq!(m.longest_at(&[1, 2, NO_UNIT], 0), Some((1, &1)));
        assert_eq!(m.longest_at(&[1, 2, 3], 0), Some((3, &3)));
        let found: Vec<_> = m.find_iter(&[1, 1, 2, 3, 1]).collect();
        assert_eq!(found, [(0..1, &1), (1..4, &3), (4..5, &1)]);
    }

    proptest! {
        /// The matches are exactly what a brute-force scan of every phrase finds.
        #[test]
        fn agrees_with_brute_force(
            phrases in proptest::collection::vec(proptest::collection::vec(0u32..4, 1..4), 0..8),
            text in proptest::collection::vec(prop_oneof![0u32..5, Just(NO_UNIT)], 0..40),
        ) {
            let mut m: PhraseMatcher<usize> = PhraseMatcher::default();
            for (i, p) in phrases.iter().enumerate() {
                m.insert(p, i);
            }
            for at in 0..=text.len() {
                let brute = phrases
                    .iter()
                    .filter(|p| text[at..].starts_with(p))
                    .map(|p| p.len())
                    .max();
                prop_assert_eq!(m.longest_at(&text, at).map(|(len, _)| len), brute);
            }
            // Between matches, no phrase starts; each match is the longest at its start.
            let mut covered = 0;
            for (r, _) in m.find_iter(&text) {
                prop_assert!(r.start >= covered);
                prop_assert!((covered..r.start).all(|at| m.longest_at(&text, at).is_none()));
                prop_assert_eq!(m.longest_at(&text, r.start).map(|(l, _)| l), Some(r.len()));
                covered = r.end;
            }
            prop_assert!((covered..text.len()).all(|at| m.longest_at(&text, at).is_none()));
        }
    }
}
