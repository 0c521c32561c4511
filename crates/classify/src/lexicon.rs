//! The lexicon model: weighted term matches, no training needed.

use crate::classifier::{Classifier, Evidence};
use crate::taxonomy::Taxonomy;
use brief_tokenize::phrase::{PhraseMatcher, NO_UNIT};
use brief_tokenize::Document;
use rustc_hash::FxHashMap;
use std::ops::Range;
use std::sync::Arc;

/// A compiled lexicon term: where it belongs (its weight is always its term's weight).
#[derive(Debug, Clone)]
struct Pattern {
    theme: usize,
    weight: f64,
    term: usize,
}

/// Scores themes from weighted matches of their lexicon terms.
///
/// Terms match whole words and whole phrases: a word matches its own inflections (plural and
/// singular, `-ing` and `-ed` forms: "laboratories" matches "laboratory", "strengthening"
/// matches "strengthen"), never another word that shares a stem prefix ("engines" is not
/// "engineers", "government" is not "governance", "firmly" is not "firms"). A multi-word term
/// matches only where its words appear together, in order. Chinese terms match character by
/// character. Only the longest term that matches at a position counts; a lookup costs the
/// same whatever the lexicon's size. A theme's raw score is the sum of the weights of its
/// matches; its score is `1 - exp(-raw / scale)`, where `scale` grows with the square root of
/// the text's length, so a long text needs more evidence than a sentence.
///
/// ```
/// use brief_classify::{Classifier, LexiconModel, Taxonomy};
///
/// let model = LexiconModel::new(Taxonomy::builtin());
/// let doc = brief_tokenize::analyze("The reorganization of national key laboratories should be done well.");
/// let p = model.classify(&doc);
/// assert_eq!(p.labels[0], "research_institutions");
/// let ev = model.evidence(&doc, 0..1);
/// assert!(ev.iter().any(|e| e.term == "national key laboratories"));
/// ```
#[derive(Debug, Clone)]
pub struct LexiconModel {
    taxonomy: Arc<Taxonomy>,
    /// Lexicon words (in their base form) to dense ids.
    words: FxHashMap<String, u32>,
    /// Terms by their word-id sequence.
    phrases: PhraseMatcher<Vec<Pattern>>,
    /// Base scale of the saturation.
    pub scale: f64,
    /// Decision threshold on the score.
    pub threshold: f64,
    /// A number no other lexicon of this process has (a clone keeps it: the same words), which
    /// keys the per-thread memo of a document's word ids.
    serial: u64,
}

/// Not looked up or matched yet (in [`DocMatches`]).
const UNSET: u32 = NO_UNIT - 1;

/// One document's matches for one lexicon, filled as sentences are met: a document is
/// matched many times over (its windows, each sentence, the evidence), and each term is looked
/// up once and each sentence matched once.
#[derive(Default)]
struct DocMatches {
    key: Option<(u64, u64)>,
    /// Each term's lexicon word id ([`UNSET`]: not looked up yet).
    ids: Vec<u32>,
    /// Each sentence's content words and the range of its matches in `found` (a start of
    /// [`UNSET`]: not matched yet).
    sentences: Vec<[u32; 3]>,
    /// The matched patterns as (theme, term): a pattern's weight is its term's.
    found: Vec<(u32, u32)>,
}

thread_local! {
    static DOC_MATCHES: std::cell::RefCell<DocMatches> = std::cell::RefCell::new(DocMatches::default());
}

/// The base form of an English word for matching: plurals to singular (`laboratories` →
/// `laboratory`, `enterprises` → `enterprise`, `firms` → `firm`); other words as they are.
pub(crate) fn base_form(w: &str) -> std::borrow::Cow<'_, str> {
    let n = w.len();
    if n <= 3 || !w.is_ascii() {
        return w.into();
    }
    if let Some(stem) = w.strip_suffix("ies") {
        return format!("{stem}y").into();
    }
    for keep in ["ss", "us", "is", "ics", "ous", "news"] {
        if w.ends_with(keep) {
            return w.into();
        }
    }
    for es in ["sses", "xes", "ches", "shes", "zes"] {
        if w.ends_with(es) {
            return w[..n - 2].to_owned().into();
        }
    }
    if let Some(stem) = w.strip_suffix('s') {
        return stem.to_owned().into();
    }
    w.into()
}

/// Forms of an English verb a text may use for a base form in the lexicon: `-ing`, `-ed`
/// (with a dropped `e` or a doubled consonant restored).
fn verb_candidates(w: &str) -> Vec<String> {
    let mut out = Vec::new();
    if !w.is_ascii() || w.len() <= 5 {
        return out;
    }
    for suf in ["ing", "ed"] {
        if let Some(stem) = w.strip_suffix(suf) {
            out.push(stem.to_owned());
            out.push(format!("{stem}e"));
            let b = stem.as_bytes();
            if b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2] {
                out.push(stem[..stem.len() - 1].to_owned());
            }
        }
    }
    if let Some(stem) = w.strip_suffix("ied") {
        out.push(format!("{stem}y"));
    }
    out
}

impl LexiconModel {
    /// Compiles the taxonomy's lexicons.
    pub fn new(taxonomy: Arc<Taxonomy>) -> Self {
        let mut words: FxHashMap<String, u32> = FxHashMap::default();
        let mut phrases: PhraseMatcher<Vec<Pattern>> = PhraseMatcher::default();
        // The terms that are not Chinese, analysed together, and where each one's tokens are.
        // Matching reads terms, never stems: the words are not stemmed.
        static TERMS: std::sync::OnceLock<brief_tokenize::Analyzer> = std::sync::OnceLock::new();
        let (all, ranges) = TERMS
            .get_or_init(|| brief_tokenize::Analyzer::new().stemming(false))
            .analyze_phrases(
                taxonomy
                    .themes
                    .iter()
                    .flat_map(|theme| &theme.terms)
                    .filter(|t| !t.text.chars().any(brief_tokenize::is_han))
                    .map(|t| &t.text),
            );
        let mut term_tokens = ranges.into_iter().map(|r| &all.tokens()[r]);
        let mut key: Vec<u32> = Vec::new();
        for (ti, theme) in taxonomy.themes.iter().enumerate() {
            for (k, term) in theme.terms.iter().enumerate() {
                key.clear();
                // Looked up before inserting, so that a word met again is not copied again.
                let mut id = |w: &str| {
                    let id = match words.get(w) {
                        Some(&id) => id,
                        None => {
                            let next = words.len() as u32;
                            words.insert(w.to_owned(), next);
                            next
                        }
                    };
                    key.push(id);
                };
                let mut buf = [0u8; 4];
                if term.text.chars().any(brief_tokenize::is_han) {
                    // A Chinese term is its characters: no segmentation needed (nor the
                    // segmenter's start-up, on a text without Chinese).
                    for c in term.text.chars().filter(|c| c.is_alphanumeric()) {
                        id(brief_tokenize::to_simplified(c).encode_utf8(&mut buf));
                    }
                } else {
                    for t in term_tokens.next().unwrap_or_default() {
                        let w = all.term(t.term);
                        if t.is_cjk() {
                            // Chinese matches character by character, whatever the segmenter
                            // did, and traditional characters as their simplified forms.
                            for c in w.chars() {
                                id(brief_tokenize::to_simplified(c).encode_utf8(&mut buf));
                            }
                        } else {
                            id(&base_form(w));
                        }
                    }
                }
                let Some(pats) = phrases.entry_or_default(&key) else {
                    continue;
                };
                // Terms with the same base form ("budget", "budgets") in one theme are one
                // pattern, with the larger weight.
                match pats.iter_mut().find(|p| p.theme == ti) {
                    Some(p) if p.weight >= term.weight => {}
                    Some(p) => {
                        p.weight = term.weight;
                        p.term = k;
                    }
                    None => pats.push(Pattern {
                        theme: ti,
                        weight: term.weight,
                        term: k,
                    }),
                }
            }
        }
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        LexiconModel {
            taxonomy,
            words,
            phrases,
            scale: 3.0,
            threshold: 0.5,
            serial: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// The lexicon word id of a normalized term ([`NO_UNIT`]: none): its base form, or the base
    /// form of a verb it inflects.
    fn word_id(&self, w: &str) -> u32 {
        if let Some(&id) = self.words.get(base_form(w).as_ref()) {
            return id;
        }
        verb_candidates(w)
            .iter()
            .find_map(|c| self.words.get(c.as_str()).copied())
            .unwrap_or(NO_UNIT)
    }

    /// The matching units of a sentence: a lexicon word id per word, and per character of a
    /// Chinese word (so that 全国重点实验室 holds 重点实验室 however it was segmented).
    fn units(
        &self,
        doc: &Document,
        toks: &[brief_tokenize::Token],
        ids: &mut [u32],
        out: &mut Vec<u32>,
    ) {
        out.clear();
        for t in toks {
            if t.is_cjk() {
                let mut buf = [0u8; 4];
                for c in doc.term(t.term).chars() {
                    let c = brief_tokenize::to_simplified(c);
                    let id = self.words.get(&*c.encode_utf8(&mut buf)).copied();
                    out.push(id.unwrap_or(NO_UNIT));
                }
            } else {
                // Looked up once per term of the document (see `DocMatches`).
                let slot = &mut ids[t.term as usize];
                if *slot == UNSET {
                    *slot = self.word_id(doc.term(t.term));
                }
                out.push(*slot);
            }
        }
    }

    /// Raw match weight per theme, and the matches, over a range of sentences.
    fn matches(
        &self,
        doc: &Document,
        sentences: Range<usize>,
        mut on_match: impl FnMut(&Pattern),
    ) -> usize {
        // Taken out of the thread's memo while in use (and put back after), so that a nested
        // call cannot find it borrowed.
        let key = (doc.serial(), self.serial);
        let mut memo = DOC_MATCHES.with(|m| std::mem::take(&mut *m.borrow_mut()));
        if memo.key != Some(key) {
            // A new document: the memo of a much larger one before it is let go.
            memo = DocMatches {
                key: Some(key),
                ids: crate::features::refill(std::mem::take(&mut memo.ids), doc.num_terms(), UNSET),
                sentences: crate::features::refill(
                    std::mem::take(&mut memo.sentences),
                    doc.sentences().len(),
                    [0, UNSET, 0],
                ),
                found: crate::features::refill(std::mem::take(&mut memo.found), 0, (0, 0)),
            };
        }
        let mut content = 0usize;
        let mut units: Vec<u32> = Vec::new();
        for si in crate::classifier::clamp(doc, sentences) {
            let s = &doc.sentences()[si];
            if s.kind.is_boilerplate() {
                continue;
            }
            let [n, start, end] = memo.sentences[si];
            let (words, range) = if start == UNSET {
                let toks = doc.sentence_tokens(si);
                let words = toks.iter().filter(|t| t.is_content()).count();
                self.units(doc, toks, &mut memo.ids, &mut units);
                let at = memo.found.len();
                // The longest term at each position, then on after it; every theme's pattern
                // of it counts.
                for (_, pats) in self.phrases.find_iter(&units) {
                    memo.found
                        .extend(pats.iter().map(|p| (p.theme as u32, p.term as u32)));
                }
                // Past 4 billion matches (never in practice) a sentence is not remembered.
                let fits = (
                    u32::try_from(words),
                    u32::try_from(at),
                    u32::try_from(memo.found.len()),
                );
                if let (Ok(w), Ok(a), Ok(e)) = fits {
                    if a < UNSET && e < UNSET {
                        memo.sentences[si] = [w, a, e];
                    }
                }
                (words, at..memo.found.len())
            } else {
                (n as usize, start as usize..end as usize)
            };
            content += words;
            memo.found[range.clone()]
                .iter()
                .for_each(|&m| on_match(&self.pattern(m)));
            if memo.sentences[si][1] == UNSET {
                memo.found.truncate(range.start);
            }
        }
        DOC_MATCHES.with(|m| *m.borrow_mut() = memo);
        content
    }

    /// A pattern from its theme and term (its weight is its term's; see [`LexiconModel::new`]).
    fn pattern(&self, (theme, term): (u32, u32)) -> Pattern {
        let (theme, term) = (theme as usize, term as usize);
        Pattern {
            theme,
            weight: self.taxonomy.themes[theme].terms[term].weight,
            term,
        }
    }

    /// Raw (unsaturated) score per theme.
    pub fn raw_scores(&self, doc: &Document, sentences: Range<usize>) -> (Vec<f64>, usize) {
        let mut raw = vec![0.0; self.taxonomy.len()];
        let content = self.matches(doc, sentences, |p| raw[p.theme] += p.weight);
        (raw, content)
    }
}

impl Classifier for LexiconModel {
    fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    fn scores(&self, doc: &Document, sentences: Range<usize>) -> Vec<f64> {
        let sentences = crate::classifier::clamp(doc, sentences);
        let (raw, content) = self.raw_scores(doc, sentences);
        let scale = self.scale * (content as f64 / 25.0).sqrt().max(1.0);
        raw.iter().map(|&r| 1.0 - (-r / scale).exp()).collect()
    }

    fn threshold(&self, _theme: usize) -> f64 {
        self.threshold
    }

    fn evidence(&self, doc: &Document, sentences: Range<usize>) -> Vec<Evidence> {
        let mut counts: FxHashMap<(usize, usize), usize> = FxHashMap::default();
        self.matches(doc, sentences, |p| {
            *counts.entry((p.theme, p.term)).or_default() += 1
        });
        let mut out: Vec<Evidence> = counts
            .into_iter()
            .map(|((theme, term), count)| {
                let th = &self.taxonomy.themes[theme];
                Evidence {
                    theme: th.id.clone(),
                    term: th.terms[term].text.clone(),
                    weight: th.terms[term].weight,
                    count,
                }
            })
            .collect();
        out.sort_by(|a, b| {
            (b.weight * b.count as f64)
                .total_cmp(&(a.weight * a.count as f64))
                .then_with(|| a.theme.cmp(&b.theme))
                .then_with(|| a.term.cmp(&b.term))
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taxonomy::{Term, Theme};

    fn model(terms: &[(&str, &str)]) -> LexiconModel {
        let mut themes: Vec<Theme> = Vec::new();
        for (theme, text) in terms {
            if !themes.iter().any(|t| t.id == *theme) {
                themes.push(Theme {
                    id: (*theme).to_owned(),
                    name: (*theme).to_owned(),
                    definition: String::new(),
                    stip_codes: Vec::new(),
                    terms: Vec::new(),
                });
            }
            let t = themes.iter_mut().find(|t| t.id == *theme).unwrap();
            t.terms.push(Term {
                text: (*text).to_owned(),
                weight: 2.0,
            });
        }
        LexiconModel::new(Arc::new(Taxonomy {
            format: crate::taxonomy::TAXONOMY_FORMAT,
            name: "test".into(),
            description: String::new(),
            themes,
        }))
    }

    fn fired(m: &LexiconModel, text: &str) -> Vec<String> {
        let doc = brief_tokenize::analyze(text);
        let mut out: Vec<String> = m
            .evidence(&doc, 0..doc.sentences().len())
            .into_iter()
            .map(|e| e.term)
            .collect();
        out.sort();
        out
    }

    #[test]
    fn word_ids_are_remembered_per_document_and_lexicon() {
        // Two lexicons whose word ids differ, over two documents, in turn on one thread: every
        // call gives what a fresh thread (with nothing remembered) gives.
        let a = model(&[("labs", "key laboratory"), ("labs", "laboratories")]);
        let b = model(&[("people", "talent"), ("people", "laboratory staff")]);
        let d1 = brief_tokenize::analyze("The key laboratory trains talent. Laboratory staff met.");
        let d2 = brief_tokenize::analyze("Talent and key laboratories. New laboratories opened.");
        let fresh = |m: &LexiconModel, d: &Document, r: Range<usize>| {
            let (m, d) = (m.clone(), d.clone());
            std::thread::spawn(move || m.raw_scores(&d, r))
                .join()
                .unwrap()
        };
        for (m, d) in [
            (&a, &d1),
            (&b, &d1),
            (&a, &d2),
            (&b, &d1),
            (&b, &d2),
            (&a, &d1),
        ] {
            for r in [0..1, 1..2, 0..2] {
                assert_eq!(m.raw_scores(d, r.clone()), fresh(m, d, r));
            }
        }
        assert!(a.raw_scores(&d2, 0..2).0[0] > 0.0 && b.raw_scores(&d1, 0..2).0[0] > 0.0);
    }

    #[test]
    fn whole_words_not_stem_prefixes() {
        let m = model(&[
            ("talent", "engineers"),
            ("governance", "governance"),
            ("enterprise", "firms"),
            ("international", "exchanges"),
            ("labs", "laboratories"),
            ("reform", "strengthen"),
        ]);
        assert!(fired(&m, "The engines of growth run firmly under the government.").is_empty());
        assert_eq!(fired(&m, "Engineers and an engineer met."), ["engineers"]);
        assert_eq!(fired(&m, "One laboratory opened."), ["laboratories"]);
        assert_eq!(
            fired(&m, "The firm grew; governance improved."),
            ["firms", "governance"]
        );
        assert_eq!(
            fired(&m, "We are strengthening it; it was strengthened."),
            ["strengthen"]
        );
    }

    #[test]
    fn phrases_must_appear_together_and_longest_wins() {
        let m = model(&[
            ("labs", "key laboratories"),
            ("labs", "laboratories"),
            ("x", "key"),
        ]);
        let doc = brief_tokenize::analyze("Key laboratories were built. The key is laboratories.");
        let ev = m.evidence(&doc, 0..2);
        let count = |t: &str| ev.iter().find(|e| e.term == t).map_or(0, |e| e.count);
        assert_eq!(count("key laboratories"), 1);
        assert_eq!(count("laboratories"), 1);
        assert_eq!(count("key"), 1);
    }

    #[test]
    fn evidence_and_scores_cut_a_range_past_the_end() {
        let m = model(&[("labs", "laboratories")]);
        let doc = brief_tokenize::analyze("Laboratories grow.");
        assert_eq!(m.evidence(&doc, 0..100).len(), 1);
        assert_eq!(m.evidence(&doc, 5..100).len(), 0);
        assert_eq!(m.scores(&doc, 3..9).len(), 1);
    }

    #[test]
    fn a_huge_lexicon_under_one_first_word_stays_fast() {
        let terms: Vec<String> = (0..20_000).map(|i| format!("science w{i}")).collect();
        let pairs: Vec<(&str, &str)> = terms.iter().map(|t| ("t", t.as_str())).collect();
        let m = model(&pairs);
        let text = "science and more science ".repeat(20_000);
        let doc = brief_tokenize::analyze(&text);
        // One hash lookup per position and term length, whatever the lexicon's size (the old
        // matcher tried all 20,000 terms at each of the 40,000 "science" tokens).
        let s = m.scores(&doc, 0..doc.sentences().len());
        assert_eq!(s, [0.0]);
    }
}
