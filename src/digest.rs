//! The multi-document digest: what a folder of policy news says, as a typed [`Report`].
//!
//! A [`Digest`] takes documents one at a time ([`Digest::add`]) and keeps only what the report
//! needs: per document a short record (title, date, group, one-sentence summary, themes,
//! keywords) and per theme a bounded heap of candidate sentences. [`Digest::finish`] merges
//! near-duplicate sentences (the same announcement reposted by several sites becomes one entry
//! with all its sources), compares the earlier and later half of the period, and returns the
//! [`Report`], which renders as Markdown, self-contained HTML (inline SVG charts, no scripts,
//! no network) or JSON.
//!
//! It composes the summarizer and the news theme model; the two stay independent of each other.
//!
//! ```
//! use brief::digest::{Digest, DocInput};
//!
//! let mut d = Digest::builder().build()?;
//! d.add(DocInput::new("a", "Laboratories get funds\n\n2022-02-25\n\nThe province will rebuild 20 key laboratories. Key laboratories will hire talent."))?;
//! d.add(DocInput::new("b", "Talent plan\n\nMarch 3, 2022\n\nThe city will attract young scientists. It offers housing to young scientists."))?;
//! let report = d.finish();
//! assert_eq!(report.overview.documents, 2);
//! assert!(report.themes.iter().any(|t| t.theme == "research_institutions"));
//! assert!(report.to_markdown().contains("# Digest"));
//! assert!(report.to_html().starts_with("<!DOCTYPE html>"));
//! # Ok::<(), brief::digest::DigestError>(())
//! ```

use crate::classify::{Classifier, HybridModel, NewsModel, PredictOptions};
use crate::summarize::{keywords, Background, Summarizer};
use crate::tokenize::{analyze, Document};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, BinaryHeap};
use std::fmt::Write as _;
use std::sync::Arc;

/// An error from building a digest.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DigestError {
    /// The summarizer could not be built.
    #[error(transparent)]
    Summarize(#[from] crate::summarize::Error),
    /// A document holds no text.
    #[error("{id}: the document holds no text")]
    Empty {
        /// The document's id.
        id: String,
    },
    /// A digest part (from [`Digest::to_part`]) could not be read.
    #[error("not a brief digest part: {0}")]
    PartJson(#[source] serde_json::Error),
    /// A digest part does not fit this digest (other settings or themes, or damaged).
    #[error("digest part: {0}")]
    Part(String),
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    /// Year.
    pub year: u16,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day, 1 to 31.
    pub day: u8,
}

impl Date {
    /// `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
    /// `YYYY-MM`.
    pub fn month_key(&self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
    fn new(year: u32, month: u32, day: u32) -> Option<Date> {
        ((1900..=2100).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day))
            .then_some(Date {
                year: year as u16,
                month: month as u8,
                day: day as u8,
            })
    }
    /// Parses `2022-02-25`, `2022/2/25`, `2022.02.25`, `2022年2月25日`, `February 25, 2022`
    /// and `25 February 2022` anywhere in `s`; the first date found wins.
    ///
    /// ```
    /// use brief::digest::Date;
    /// assert_eq!(Date::find("2022-07-24 0 By").unwrap().iso(), "2022-07-24");
    /// assert_eq!(Date::find("on February 25, 2022 the").unwrap().iso(), "2022-02-25");
    /// assert_eq!(Date::find("2022年2月25日上午").unwrap().iso(), "2022-02-25");
    /// assert!(Date::find("no date here").is_none());
    /// ```
    pub fn find(s: &str) -> Option<Date> {
        let chars: Vec<char> = s.chars().collect();
        let num = |i: usize, max: usize| -> Option<(u32, usize)> {
            let mut v = 0u32;
            let mut j = i;
            while j < chars.len() && j - i < max && chars[j].is_ascii_digit() {
                v = v * 10 + chars[j].to_digit(10)?;
                j += 1;
            }
            (j > i).then_some((v, j))
        };
        const MONTHS: [&str; 12] = [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ];
        for i in 0..chars.len() {
            if i > 0 && chars[i - 1].is_ascii_digit() {
                continue;
            }
            // Numeric: year first.
            if let Some((y, j)) = num(i, 4) {
                if j - i == 4 && j < chars.len() && matches!(chars[j], '-' | '/' | '.' | '年') {
                    if let Some((m, k)) = num(j + 1, 2) {
                        if k < chars.len() && matches!(chars[k], '-' | '/' | '.' | '月') {
                            if let Some((d, _)) = num(k + 1, 2) {
                                if let Some(date) = Date::new(y, m, d) {
                                    return Some(date);
                                }
                            }
                        }
                    }
                }
            }
            // `February 25, 2022` and `25 February 2022`.
            if chars[i].is_ascii_alphabetic() && (i == 0 || !chars[i - 1].is_alphabetic()) {
                let word: String = chars[i..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphabetic())
                    .collect::<String>()
                    .to_lowercase();
                if let Some(m) = MONTHS.iter().position(|&n| {
                    word == n || word.len() >= 3 && n.starts_with(&word) && word.len() == 3
                }) {
                    let mut j = i + word.len();
                    while j < chars.len() && matches!(chars[j], ' ' | '.') {
                        j += 1;
                    }
                    if let Some((d, k)) = num(j, 2) {
                        let mut k2 = k;
                        while k2 < chars.len() && matches!(chars[k2], ',' | ' ') {
                            k2 += 1;
                        }
                        if let Some((y, e)) = num(k2, 4) {
                            if e - k2 == 4 {
                                if let Some(date) = Date::new(y, m as u32 + 1, d) {
                                    return Some(date);
                                }
                            }
                        }
                    }
                    // `25 February 2022`
                    let mut b = i;
                    while b > 0 && chars[b - 1] == ' ' {
                        b -= 1;
                    }
                    let mut a = b;
                    while a > 0 && chars[a - 1].is_ascii_digit() && b - a < 2 {
                        a -= 1;
                    }
                    if a < b {
                        let d: u32 = chars[a..b].iter().collect::<String>().parse().ok()?;
                        let mut k = i + word.len();
                        while k < chars.len() && chars[k] == ' ' {
                            k += 1;
                        }
                        if let Some((y, e)) = num(k, 4) {
                            if e - k == 4 {
                                if let Some(date) = Date::new(y, m as u32 + 1, d) {
                                    return Some(date);
                                }
                            }
                        }
                    }
                }
            }
        }
        None
    }
}

/// One document for the digest.
#[derive(Debug, Clone, Default)]
pub struct DocInput {
    /// Its id (file name, JSON Lines id).
    pub id: String,
    /// Its text.
    pub text: String,
    /// Its date, if the source gives one (otherwise it is looked for in the text).
    pub date: Option<Date>,
    /// Its group (source, province, country), if any.
    pub group: Option<String>,
    /// Its title, if the source gives one (otherwise the text's title line).
    pub title: Option<String>,
}

impl DocInput {
    /// A document with an id and a text.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        DocInput {
            id: id.into(),
            text: text.into(),
            ..Default::default()
        }
    }
}

/// A [`Digest`]'s settings.
#[derive(Debug, Clone)]
pub struct DigestBuilder {
    model: Option<Arc<HybridModel>>,
    sentences_per_theme: usize,
    candidates_per_theme: usize,
    keyphrases: usize,
}

impl Default for DigestBuilder {
    fn default() -> Self {
        DigestBuilder {
            model: None,
            sentences_per_theme: 5,
            candidates_per_theme: 64,
            keyphrases: 15,
        }
    }
}

impl DigestBuilder {
    /// Representative sentences shown per theme (default 5).
    pub fn sentences_per_theme(mut self, n: usize) -> Self {
        self.sentences_per_theme = n.max(1);
        self.candidates_per_theme = self.candidates_per_theme.max(8 * n);
        self
    }
    /// Corpus keyphrases shown (default 15).
    pub fn keyphrases(mut self, n: usize) -> Self {
        self.keyphrases = n;
        self
    }
    /// Files the documents under the themes of this model (one trained with `brief train`,
    /// with its own taxonomy) instead of the shipped one, read as news (`NewsModel`).
    pub fn model(mut self, model: Arc<HybridModel>) -> Self {
        self.model = Some(model);
        self
    }
    /// Builds the summarizer and returns the digest (the shipped theme model is shared).
    pub fn build(mut self) -> Result<Digest, DigestError> {
        let hybrid: Arc<HybridModel> = self.model.take().unwrap_or_else(HybridModel::builtin);
        Ok(Digest {
            news: NewsModel::new(hybrid),
            summarizer: Summarizer::builder()
                .budget(crate::summarize::Budget::Sentences(1))
                .build()?,
            settings: self,
            docs: Vec::new(),
            heaps: BTreeMap::new(),
            seq: 0,
            skipped: Vec::new(),
        })
    }
}

/// A sentence that stands for a theme, with every document it appears in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The sentence.
    pub text: String,
    /// How strongly it carries the theme (0 to 1).
    pub score: f64,
    /// Where it appears: the first source, then its near-duplicates.
    pub sources: Vec<Source>,
}

/// Where a quoted sentence is: the document, its date and the byte span in its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// The document id.
    pub doc: String,
    /// The document's date, if known.
    pub date: Option<String>,
    /// Byte offset of the sentence's start in the document's (decoded) text.
    pub start: usize,
    /// Byte offset of its end.
    pub end: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Candidate {
    score: f64,
    seq: u64,
    text: String,
    source: Source,
}

/// What [`Digest::to_part`] writes: a digest's settings, themes, documents and theme
/// candidates.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Part {
    format: String,
    version: u32,
    themes: Vec<String>,
    sentences_per_theme: usize,
    candidates_per_theme: usize,
    keyphrases: usize,
    seq: u64,
    documents: Vec<DocSummary>,
    candidates: BTreeMap<String, Vec<Candidate>>,
    skipped: Vec<String>,
}

/// The `format` of a digest part.
const PART_FORMAT: &str = "brief-digest-part";
/// The version of a digest part's layout.
const PART_VERSION: u32 = 1;

impl PartialEq for Candidate {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o) == std::cmp::Ordering::Equal
    }
}
impl Eq for Candidate {}
impl PartialOrd for Candidate {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Candidate {
    /// Reversed, so that the heap's top is the weakest candidate (a bounded top-k).
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        o.score.total_cmp(&self.score).then(self.seq.cmp(&o.seq))
    }
}

/// One document's line in the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocSummary {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its date (`YYYY-MM-DD`), if known.
    pub date: Option<String>,
    /// Whether the date was found in the text rather than given.
    pub date_found_in_text: bool,
    /// Its group, if any.
    pub group: Option<String>,
    /// Its language (`en`, `zh`, `und`).
    pub language: String,
    /// Its most important sentence.
    pub summary: String,
    /// Its themes, best first.
    pub themes: Vec<String>,
    /// Its keywords.
    pub keywords: Vec<String>,
}

/// The corpus at a glance.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Overview {
    /// Documents in the digest.
    pub documents: usize,
    /// Documents per language.
    pub languages: BTreeMap<String, usize>,
    /// The first and last date.
    pub date_range: Option<(String, String)>,
    /// Documents with a date given, found in the text, or none.
    pub dated_given: usize,
    /// Documents whose date was found in the text.
    pub dated_found: usize,
    /// Documents per group.
    pub groups: BTreeMap<String, usize>,
    /// Inputs left out, each with the reason ([`Digest::skip`]).
    pub skipped: Vec<String>,
}

/// A theme across the corpus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeSection {
    /// The theme id.
    pub theme: String,
    /// Documents labelled with it.
    pub documents: usize,
    /// Their share of the corpus.
    pub share: f64,
    /// Documents per group.
    pub by_group: BTreeMap<String, usize>,
    /// Documents per month (`YYYY-MM`).
    pub by_month: BTreeMap<String, usize>,
    /// Its most representative sentences, near-duplicates merged.
    pub quotes: Vec<Quote>,
}

/// A theme or keyphrase whose share changed between two parts of the corpus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// The theme id or keyphrase.
    pub item: String,
    /// Documents with it in the earlier part, and that part's size.
    pub before: (usize, usize),
    /// Documents with it in the later part, and that part's size.
    pub after: (usize, usize),
    /// The change of share, in percentage points.
    pub points: f64,
}

/// What changed between the earlier and the later half of the period.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Changes {
    /// The split: documents dated up to this date are "before".
    pub split: Option<String>,
    /// Themes by change of share, largest rise first.
    pub themes: Vec<Change>,
    /// Keyphrases by change of share.
    pub keyphrases: Vec<Change>,
}

/// A corpus keyphrase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Keyphrase {
    /// The phrase.
    pub text: String,
    /// Documents that list it among their keywords.
    pub documents: usize,
}

/// The digest of a corpus (serde; stable field names).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Report {
    /// The corpus at a glance.
    pub overview: Overview,
    /// Themes by share of documents, largest first.
    pub themes: Vec<ThemeSection>,
    /// What changed over the period.
    pub changes: Changes,
    /// Corpus keyphrases (clutter excluded), by documents.
    pub keyphrases: Vec<Keyphrase>,
    /// Every document.
    pub documents: Vec<DocSummary>,
}

/// One document's contribution to a digest, from [`Digest::prepare`].
#[derive(Debug, Clone)]
pub struct Prepared {
    summary: DocSummary,
    candidates: Vec<(String, Candidate)>,
}

/// Builds a [`Report`] from documents added one at a time.
pub struct Digest {
    news: NewsModel,
    summarizer: Summarizer,
    settings: DigestBuilder,
    docs: Vec<DocSummary>,
    heaps: BTreeMap<String, BinaryHeap<Candidate>>,
    seq: u64,
    skipped: Vec<String>,
}

impl std::fmt::Debug for Digest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Digest")
            .field("documents", &self.docs.len())
            .finish()
    }
}

/// Adds a candidate sentence to its theme's heap of at most `cap` (the weakest one beyond the
/// bound is dropped).
fn keep(heap: &mut BinaryHeap<Candidate>, cap: usize, c: Candidate) {
    heap.push(c);
    if heap.len() > cap {
        heap.pop();
    }
}

fn title_of(doc: &Document) -> Option<String> {
    doc.title().map(|s| {
        doc.span_text(s.span)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    })
}

impl Digest {
    /// A digest with default settings.
    pub fn builder() -> DigestBuilder {
        DigestBuilder::default()
    }

    /// Records an input that was left out (a file that could not be read, a record without
    /// text), with the reason: the report's overview lists it.
    pub fn skip(&mut self, why: impl Into<String>) {
        self.skipped.push(why.into());
    }

    /// Adds one document.
    pub fn add(&mut self, input: DocInput) -> Result<(), DigestError> {
        if input.text.trim().is_empty() {
            return Err(DigestError::Empty { id: input.id });
        }
        let doc = analyze(&input.text);
        self.add_analyzed(input, &doc)
    }

    /// Adds one document that was analysed already (its text is `doc.text()`).
    pub fn add_analyzed(&mut self, input: DocInput, doc: &Document) -> Result<(), DigestError> {
        let p = self.prepare(input, doc)?;
        self.absorb(p);
        Ok(())
    }

    /// The per-document work of [`Digest::add_analyzed`] (themes, summary, keywords, theme
    /// candidates), which needs only `&self`: run it for many documents in parallel, then
    /// [`Digest::absorb`] the results in order.
    pub fn prepare(&self, input: DocInput, doc: &Document) -> Result<Prepared, DigestError> {
        let (date, found) = match input.date {
            Some(d) => (Some(d), false),
            None => {
                // The date is looked for in the first lines (title, dateline, byline).
                let head: String = doc.text().chars().take(600).collect();
                let d = Date::find(&head);
                (d, d.is_some())
            }
        };
        let opts = PredictOptions {
            fallback: true,
            ..Default::default()
        };
        let themes = self.news.classify_with(doc, opts).labels;
        let summary = self
            .summarizer
            .summarize(doc)?
            .sentences
            .first()
            .map(|s| s.text.clone())
            .unwrap_or_default();
        let kws: Vec<String> = keywords(doc, 8, Some(&Background::builtin()))
            .into_iter()
            .map(|k| k.text)
            .collect();
        // Theme candidates: body sentences labelled with a theme the document has.
        let sentences = self.news.classify_sentences(
            doc,
            PredictOptions {
                fallback: false,
                ..Default::default()
            },
        );
        let date_s = date.map(|d| d.iso());
        let mut candidates = Vec::new();
        for s in &sentences {
            let k = &doc.sentences()[s.index];
            if !k.kind.is_body() || k.word_count() < 5 || k.word_count() > 64 {
                continue;
            }
            for label in s.labels.iter().filter(|l| themes.contains(l)) {
                let score = s.scores.get(label).copied().unwrap_or(0.0);
                candidates.push((
                    label.clone(),
                    Candidate {
                        score,
                        seq: 0,
                        text: s.text.split_whitespace().collect::<Vec<_>>().join(" "),
                        source: Source {
                            doc: input.id.clone(),
                            date: date_s.clone(),
                            start: s.start,
                            end: s.end,
                        },
                    },
                ));
            }
        }
        Ok(Prepared {
            summary: DocSummary {
                title: input
                    .title
                    .or_else(|| title_of(doc))
                    .unwrap_or_else(|| input.id.clone()),
                id: input.id,
                date: date_s,
                date_found_in_text: found,
                group: input.group,
                language: doc.language().to_owned(),
                summary,
                themes,
                keywords: kws,
            },
            candidates,
        })
    }

    /// Takes a prepared document into the report.
    pub fn absorb(&mut self, p: Prepared) {
        let cap = self.settings.candidates_per_theme;
        for (label, mut c) in p.candidates {
            self.seq += 1;
            c.seq = self.seq;
            keep(self.heaps.entry(label).or_default(), cap, c);
        }
        self.docs.push(p.summary);
    }

    /// The digest so far as a part (JSON text) that another process can
    /// [`merge`](Digest::merge_part) into a digest with the same settings and themes: a way to
    /// digest an archive on many machines (each digests its share; one merges the parts, in
    /// order, and finishes). The merged report equals the report of one digest that took
    /// every document in that order.
    ///
    /// ```
    /// use brief::digest::{Digest, DocInput};
    ///
    /// let (a, b) = (
    ///     DocInput::new("a", "The province will rebuild 20 key laboratories. Key laboratories will hire talent."),
    ///     DocInput::new("b", "The city will attract young scientists. It offers housing to young scientists."),
    /// );
    /// let mut one = Digest::builder().build()?;
    /// one.add(a.clone())?;
    /// one.add(b.clone())?;
    /// let mut first = Digest::builder().build()?;
    /// first.add(a)?;
    /// let mut second = Digest::builder().build()?;
    /// second.add(b)?;
    /// let mut merged = Digest::builder().build()?;
    /// merged.merge_part(&first.to_part())?;
    /// merged.merge_part(&second.to_part())?;
    /// assert_eq!(merged.finish(), one.finish());
    /// # Ok::<(), brief::digest::DigestError>(())
    /// ```
    pub fn to_part(&self) -> String {
        let part = Part {
            format: PART_FORMAT.to_owned(),
            version: PART_VERSION,
            themes: self.themes(),
            sentences_per_theme: self.settings.sentences_per_theme,
            candidates_per_theme: self.settings.candidates_per_theme,
            keyphrases: self.settings.keyphrases,
            seq: self.seq,
            documents: self.docs.clone(),
            candidates: self
                .heaps
                .iter()
                .map(|(t, h)| (t.clone(), h.clone().into_sorted_vec()))
                .collect(),
            skipped: self.skipped.clone(),
        };
        // A part holds strings, numbers and maps with string keys: it always serializes.
        serde_json::to_string(&part).unwrap_or_default()
    }

    /// Adds the documents and theme candidates of a part (from [`Digest::to_part`]) after
    /// those this digest has: the part must come from a digest with the same settings and
    /// themes, and is checked as untrusted input.
    pub fn merge_part(&mut self, part: &str) -> Result<(), DigestError> {
        let p: Part = serde_json::from_str(part).map_err(DigestError::PartJson)?;
        let bad = |m: String| Err(DigestError::Part(m));
        if p.format != PART_FORMAT || p.version != PART_VERSION {
            return bad(format!(
                "format `{}` version {}, expected `{PART_FORMAT}` version {PART_VERSION}",
                p.format, p.version
            ));
        }
        let s = &self.settings;
        let mine = (s.sentences_per_theme, s.candidates_per_theme, s.keyphrases);
        let theirs = (p.sentences_per_theme, p.candidates_per_theme, p.keyphrases);
        if mine != theirs {
            return bad(format!(
                "built with {} sentences per theme and {} keyphrases, this digest with {} and {}",
                theirs.0, theirs.2, mine.0, mine.2
            ));
        }
        if p.themes != self.themes() {
            return bad("built with another theme model (its themes differ)".into());
        }
        for (t, cands) in &p.candidates {
            if !p.themes.contains(t) || cands.len() > s.candidates_per_theme {
                return bad(format!("bad candidates for theme `{t}`"));
            }
            if let Some(c) = cands.iter().find(|c| {
                !(0.0..=1.0).contains(&c.score)
                    || c.seq == 0
                    || c.seq > p.seq
                    || c.source.start > c.source.end
            }) {
                return bad(format!("a bad candidate sentence for `{t}`: {:?}", c.text));
            }
        }
        // Dates are read as `YYYY-MM-DD` (months are their first seven bytes).
        let iso = |d: &Option<String>| {
            d.as_deref()
                .is_none_or(|x| Date::find(x).is_some_and(|f| f.iso() == x))
        };
        if let Some(d) = p.documents.iter().find(|d| !iso(&d.date)) {
            return bad(format!("document `{}` has a bad date {:?}", d.id, d.date));
        }
        if p.candidates
            .values()
            .flatten()
            .any(|c| !iso(&c.source.date))
        {
            return bad("a candidate sentence has a bad date".into());
        }
        let offset = self.seq;
        self.seq = self
            .seq
            .checked_add(p.seq)
            .ok_or_else(|| DigestError::Part("too many candidate sentences".into()))?;
        let cap = s.candidates_per_theme;
        for (t, cands) in p.candidates {
            let heap = self.heaps.entry(t).or_default();
            for mut c in cands {
                c.seq += offset;
                keep(heap, cap, c);
            }
        }
        self.docs.extend(p.documents);
        self.skipped.extend(p.skipped);
        Ok(())
    }

    /// The theme ids of the digest's model.
    fn themes(&self) -> Vec<String> {
        self.news
            .taxonomy()
            .ids()
            .into_iter()
            .map(str::to_owned)
            .collect()
    }

    /// Documents added so far.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether no document was added.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The report.
    pub fn finish(self) -> Report {
        let n = self.docs.len();
        let mut ov = Overview {
            documents: n,
            skipped: self.skipped,
            ..Default::default()
        };
        for d in &self.docs {
            *ov.languages.entry(d.language.clone()).or_default() += 1;
            if let Some(g) = &d.group {
                *ov.groups.entry(g.clone()).or_default() += 1;
            }
            match (&d.date, d.date_found_in_text) {
                (Some(_), true) => ov.dated_found += 1,
                (Some(_), false) => ov.dated_given += 1,
                _ => {}
            }
        }
        let mut dates: Vec<&String> = self.docs.iter().filter_map(|d| d.date.as_ref()).collect();
        dates.sort();
        ov.date_range = dates
            .first()
            .zip(dates.last())
            .map(|(a, b)| ((*a).clone(), (*b).clone()));

        // Themes.
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for d in &self.docs {
            for t in &d.themes {
                *counts.entry(t.clone()).or_default() += 1;
            }
        }
        let mut heaps = self.heaps;
        let mut themes: Vec<ThemeSection> = counts
            .iter()
            .map(|(t, &c)| {
                let mut by_group = BTreeMap::new();
                let mut by_month = BTreeMap::new();
                for d in self.docs.iter().filter(|d| d.themes.contains(t)) {
                    if let Some(g) = &d.group {
                        *by_group.entry(g.clone()).or_default() += 1;
                    }
                    if let Some(date) = &d.date {
                        *by_month.entry(date[..7].to_owned()).or_default() += 1;
                    }
                }
                let cands = heaps
                    .remove(t)
                    .map(|h| h.into_sorted_vec())
                    .unwrap_or_default();
                ThemeSection {
                    theme: t.clone(),
                    documents: c,
                    share: c as f64 / n.max(1) as f64,
                    by_group,
                    by_month,
                    quotes: merge_quotes(cands, self.settings.sentences_per_theme),
                }
            })
            .collect();
        themes.sort_by(|a, b| b.documents.cmp(&a.documents).then(a.theme.cmp(&b.theme)));

        // Keyphrases by documents.
        let mut kp: BTreeMap<&str, usize> = BTreeMap::new();
        for d in &self.docs {
            for k in d.keywords.iter().collect::<BTreeSet<_>>() {
                *kp.entry(k.as_str()).or_default() += 1;
            }
        }
        let mut keyphrases: Vec<Keyphrase> = kp
            .into_iter()
            .filter(|&(_, c)| c >= 2 || n < 4)
            .map(|(k, c)| Keyphrase {
                text: k.to_owned(),
                documents: c,
            })
            .collect();
        keyphrases.sort_by(|a, b| b.documents.cmp(&a.documents).then(a.text.cmp(&b.text)));
        keyphrases.truncate(self.settings.keyphrases);

        let changes = changes(&self.docs);
        Report {
            overview: ov,
            themes,
            changes,
            keyphrases,
            documents: self.docs,
        }
    }
}

/// Word (or character, for Chinese) shingles of a sentence for near-duplicate detection.
fn shingles(s: &str) -> BTreeSet<String> {
    let words: Vec<String> = if s
        .chars()
        .any(|c| matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x9FFF | 0xAC00..=0xD7AF))
    {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .map(|c| c.to_string())
            .collect()
    } else {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    words.windows(3).map(|w| w.join(" ")).collect()
}

/// Best first; a sentence whose shingles overlap a kept one by 70 % or more is merged into it.
fn merge_quotes(cands: Vec<Candidate>, keep: usize) -> Vec<Quote> {
    // `into_sorted_vec` on the reversed order gives the best first.
    let mut out: Vec<(Quote, BTreeSet<String>)> = Vec::new();
    for c in cands {
        let sh = shingles(&c.text);
        let dup = out.iter_mut().find(|(q, s)| {
            q.text == c.text || {
                let inter = s.intersection(&sh).count();
                let small = s.len().min(sh.len()).max(1);
                inter * 10 >= small * 7
            }
        });
        match dup {
            Some((q, _)) => {
                if !q.sources.iter().any(|s| s.doc == c.source.doc) {
                    q.sources.push(c.source)
                }
            }
            None => out.push((
                Quote {
                    text: c.text,
                    score: (c.score * 1000.0).round() / 1000.0,
                    sources: vec![c.source],
                },
                sh,
            )),
        }
    }
    // More sources first among equals: what many sites repeat matters.
    out.sort_by(|a, b| {
        (b.0.score + 0.05 * b.0.sources.len() as f64)
            .total_cmp(&(a.0.score + 0.05 * a.0.sources.len() as f64))
    });
    out.into_iter().take(keep).map(|(q, _)| q).collect()
}

/// How many of the documents `dated[..mid]` and `dated[mid..]` carry each theme (`true`) and
/// keyphrase (`false`), a document once for an item; counted in one pass over the documents
/// (asking every document about every item was quadratic in the corpus, most of a
/// 10,000-document digest).
fn item_counts<'a>(
    dated: &[&'a DocSummary],
    mid: usize,
) -> BTreeMap<(bool, &'a str), (usize, usize)> {
    let mut items: BTreeMap<(bool, &str), (usize, usize)> = BTreeMap::new();
    let mut own: BTreeSet<(bool, &str)> = BTreeSet::new();
    for (k, d) in dated.iter().enumerate() {
        own.clear();
        own.extend(d.themes.iter().map(|t| (true, t.as_str())));
        own.extend(d.keywords.iter().map(|t| (false, t.as_str())));
        for &item in &own {
            let (b, a) = items.entry(item).or_default();
            *(if k < mid { b } else { a }) += 1;
        }
    }
    items
}

fn changes(docs: &[DocSummary]) -> Changes {
    let mut dated: Vec<&DocSummary> = docs.iter().filter(|d| d.date.is_some()).collect();
    if dated.len() < 4 {
        return Changes::default();
    }
    dated.sort_by(|a, b| a.date.cmp(&b.date));
    let mid = dated.len() / 2;
    let split = dated[mid - 1].date.clone();
    let (before, after) = dated.split_at(mid);
    let items = item_counts(&dated, mid);
    let mut themes = Vec::new();
    let mut keyphrases = Vec::new();
    for ((is_theme, item), (b, a)) in items {
        if !is_theme && a + b < 3 {
            continue;
        }
        let points = 100.0 * (a as f64 / after.len() as f64 - b as f64 / before.len() as f64);
        let c = Change {
            item: item.to_owned(),
            before: (b, before.len()),
            after: (a, after.len()),
            points: (points * 10.0).round() / 10.0,
        };
        if is_theme {
            themes.push(c)
        } else {
            keyphrases.push(c)
        }
    }
    themes.sort_by(|a, b| b.points.total_cmp(&a.points).then(a.item.cmp(&b.item)));
    keyphrases.sort_by(|a, b| b.points.abs().total_cmp(&a.points.abs()));
    keyphrases.truncate(10);
    Changes {
        split,
        themes,
        keyphrases,
    }
}

fn md(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

impl Report {
    /// The report as JSON (the same content as Markdown and HTML).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The report as Markdown.
    pub fn to_markdown(&self) -> String {
        let o = &self.overview;
        let mut s = String::new();
        let _ = writeln!(s, "# Digest\n\n## Overview\n");
        let _ = writeln!(s, "- Documents: {}", o.documents);
        let langs: Vec<String> = o
            .languages
            .iter()
            .map(|(l, c)| format!("{l} {c}"))
            .collect();
        let _ = writeln!(s, "- Languages: {}", langs.join(", "));
        if let Some((a, b)) = &o.date_range {
            let _ = writeln!(
                s,
                "- Dates: {a} to {b} ({} given, {} found in the text, {} undated)",
                o.dated_given,
                o.dated_found,
                o.documents - o.dated_given - o.dated_found
            );
        }
        if !o.groups.is_empty() {
            let g: Vec<String> = o
                .groups
                .iter()
                .map(|(g, c)| format!("{} {c}", md(g)))
                .collect();
            let _ = writeln!(s, "- Groups: {}", g.join(", "));
        }
        if !o.skipped.is_empty() {
            let _ = writeln!(s, "- Skipped: {}", o.skipped.len());
            for k in &o.skipped {
                let _ = writeln!(s, "  - {}", md(k));
            }
        }
        let _ = writeln!(
            s,
            "\n## Themes across the corpus\n\n| theme | documents | share |\n|---|---:|---:|"
        );
        for t in &self.themes {
            let _ = writeln!(
                s,
                "| {} | {} | {:.0} % |",
                t.theme,
                t.documents,
                100.0 * t.share
            );
        }
        if !o.groups.is_empty() {
            let _ = write!(s, "\n### By group\n\n| group |");
            for t in &self.themes {
                let _ = write!(s, " {} |", t.theme);
            }
            let _ = write!(s, "\n|---|{}\n", "---:|".repeat(self.themes.len()));
            for g in o.groups.keys() {
                let _ = write!(s, "| {} |", md(g));
                for t in &self.themes {
                    let _ = write!(s, " {} |", t.by_group.get(g).copied().unwrap_or(0));
                }
                s.push('\n');
            }
        }
        let months: BTreeSet<&String> =
            self.themes.iter().flat_map(|t| t.by_month.keys()).collect();
        if !months.is_empty() {
            let _ = write!(s, "\n### By month\n\n| month |");
            for t in &self.themes {
                let _ = write!(s, " {} |", t.theme);
            }
            let _ = write!(s, "\n|---|{}\n", "---:|".repeat(self.themes.len()));
            for m in months {
                let _ = write!(s, "| {m} |");
                for t in &self.themes {
                    let _ = write!(s, " {} |", t.by_month.get(m).copied().unwrap_or(0));
                }
                s.push('\n');
            }
        }
        let _ = writeln!(s, "\n## What each theme says\n");
        for t in &self.themes {
            let _ = writeln!(s, "### {} ({} documents)\n", t.theme, t.documents);
            for q in &t.quotes {
                let src: Vec<String> = q
                    .sources
                    .iter()
                    .map(|x| {
                        format!(
                            "{}{} [{}..{}]",
                            md(&x.doc),
                            x.date
                                .as_ref()
                                .map(|d| format!(", {d}"))
                                .unwrap_or_default(),
                            x.start,
                            x.end
                        )
                    })
                    .collect();
                let _ = writeln!(s, "- {} — {}", md(&q.text), src.join("; "));
            }
            s.push('\n');
        }
        let c = &self.changes;
        let _ = writeln!(s, "## What changed\n");
        match &c.split {
            None => {
                let _ = writeln!(s, "Fewer than four dated documents: no comparison.\n");
            }
            Some(split) => {
                let _ = writeln!(
                    s,
                    "Earlier half (to {split}) against the later half, documents with the item:\n\n| item | before | after | change |\n|---|---:|---:|---:|"
                );
                for x in c.themes.iter().chain(&c.keyphrases) {
                    let _ = writeln!(
                        s,
                        "| {} | {} of {} | {} of {} | {:+.1} pts |",
                        md(&x.item),
                        x.before.0,
                        x.before.1,
                        x.after.0,
                        x.after.1,
                        x.points
                    );
                }
                s.push('\n');
            }
        }
        let _ = writeln!(s, "## Corpus keyphrases\n");
        let k: Vec<String> = self
            .keyphrases
            .iter()
            .map(|k| format!("{} ({})", md(&k.text), k.documents))
            .collect();
        let _ = writeln!(s, "{}\n", k.join(", "));
        let _ = writeln!(s, "## Documents\n\n| document | date | group | themes | summary | keywords |\n|---|---|---|---|---|---|");
        for d in &self.documents {
            let _ = writeln!(
                s,
                "| {} | {}{} | {} | {} | {} | {} |",
                md(&d.title),
                d.date.clone().unwrap_or_default(),
                if d.date_found_in_text { " (found)" } else { "" },
                md(d.group.as_deref().unwrap_or("")),
                d.themes.join(", "),
                md(&d.summary),
                md(&d.keywords.join(", "))
            );
        }
        s
    }

    /// The report as one self-contained HTML page: inline CSS and SVG, no scripts, no fonts,
    /// no network.
    pub fn to_html(&self) -> String {
        let mut s = String::from(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>brief digest</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.25em .5em;font-size:90%}th{background:#f3f3f3}.q{margin:.4em 0}.src{color:#666;font-size:85%}</style></head><body>\n",
        );
        let o = &self.overview;
        let _ = write!(
            s,
            "<h1>Digest</h1><h2>Overview</h2><ul><li>Documents: {}</li>",
            o.documents
        );
        let langs: Vec<String> = o
            .languages
            .iter()
            .map(|(l, c)| format!("{l} {c}"))
            .collect();
        let _ = write!(s, "<li>Languages: {}</li>", esc(&langs.join(", ")));
        if let Some((a, b)) = &o.date_range {
            let _ = write!(s, "<li>Dates: {} to {}</li>", esc(a), esc(b));
        }
        if !o.skipped.is_empty() {
            let _ = write!(s, "<li>Skipped: {}<ul>", o.skipped.len());
            for k in &o.skipped {
                let _ = write!(s, "<li>{}</li>", esc(k));
            }
            s.push_str("</ul></li>");
        }
        s.push_str("</ul><h2>Themes across the corpus</h2>\n");
        // Bar chart: share of documents per theme.
        let h = 22 * self.themes.len() + 10;
        let _ = write!(s, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"{h}\" role=\"img\" aria-label=\"share of documents per theme\">");
        for (i, t) in self.themes.iter().enumerate() {
            let y = 5 + 22 * i;
            let w = (360.0 * t.share).round();
            let _ = write!(
                s,
                "<text x=\"200\" y=\"{}\" text-anchor=\"end\" font-size=\"13\">{}</text><rect x=\"210\" y=\"{y}\" width=\"{w}\" height=\"16\" fill=\"#3b7dd8\"/><text x=\"{}\" y=\"{}\" font-size=\"12\">{} ({:.0} %)</text>",
                y + 13,
                esc(&t.theme),
                215.0 + w,
                y + 13,
                t.documents,
                100.0 * t.share
            );
        }
        s.push_str("</svg>\n");
        if !o.groups.is_empty() {
            // Heat table: documents per group and theme.
            s.push_str("<h3>By group</h3><table><tr><th>group</th>");
            for t in &self.themes {
                let _ = write!(s, "<th>{}</th>", esc(&t.theme));
            }
            s.push_str("</tr>");
            let max = self
                .themes
                .iter()
                .flat_map(|t| t.by_group.values())
                .copied()
                .max()
                .unwrap_or(1)
                .max(1);
            for g in o.groups.keys() {
                let _ = write!(s, "<tr><th>{}</th>", esc(g));
                for t in &self.themes {
                    let c = t.by_group.get(g).copied().unwrap_or(0);
                    let a = c as f64 / max as f64;
                    let _ = write!(
                        s,
                        "<td style=\"background:rgba(59,125,216,{a:.2})\">{c}</td>"
                    );
                }
                s.push_str("</tr>");
            }
            s.push_str("</table>\n");
        }
        let months: Vec<&String> = self
            .themes
            .iter()
            .flat_map(|t| t.by_month.keys())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if months.len() >= 2 {
            // Line chart: documents per month for the top five themes.
            s.push_str("<h3>Over time</h3>");
            let (w, hh) = (640.0, 220.0);
            let max = self
                .themes
                .iter()
                .flat_map(|t| t.by_month.values())
                .copied()
                .max()
                .unwrap_or(1)
                .max(1) as f64;
            let _ = write!(s, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{}\" role=\"img\" aria-label=\"themes per month\"><line x1=\"40\" y1=\"{hh}\" x2=\"{w}\" y2=\"{hh}\" stroke=\"#999\"/>", hh + 40.0);
            const COLORS: [&str; 5] = ["#3b7dd8", "#d8573b", "#3bb273", "#9b59b6", "#e1a100"];
            for (k, t) in self.themes.iter().take(5).enumerate() {
                let pts: Vec<String> = months
                    .iter()
                    .enumerate()
                    .map(|(i, m)| {
                        let x = 40.0 + (w - 60.0) * i as f64 / (months.len() - 1) as f64;
                        let y = hh
                            - (hh - 10.0) * t.by_month.get(*m).copied().unwrap_or(0) as f64 / max;
                        format!("{x:.1},{y:.1}")
                    })
                    .collect();
                let _ = write!(
                    s,
                    "<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2\" points=\"{}\"/><text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"{}\">{}</text>",
                    COLORS[k],
                    pts.join(" "),
                    50 + 120 * k,
                    hh + 20.0,
                    COLORS[k],
                    esc(&t.theme)
                );
            }
            let _ = writeln!(
                s,
                "<text x=\"40\" y=\"{}\" font-size=\"11\">{}</text><text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text></svg>",
                hh + 36.0,
                esc(months[0]),
                w,
                hh + 36.0,
                esc(months[months.len() - 1])
            );
        }
        s.push_str("<h2>What each theme says</h2>\n");
        for t in &self.themes {
            let _ = write!(s, "<h3>{} ({} documents)</h3>", esc(&t.theme), t.documents);
            for q in &t.quotes {
                let src: Vec<String> = q
                    .sources
                    .iter()
                    .map(|x| {
                        format!(
                            "{}{} [{}..{}]",
                            esc(&x.doc),
                            x.date
                                .as_ref()
                                .map(|d| format!(", {}", esc(d)))
                                .unwrap_or_default(),
                            x.start,
                            x.end
                        )
                    })
                    .collect();
                let _ = write!(
                    s,
                    "<p class=\"q\">{} <span class=\"src\">— {}</span></p>",
                    esc(&q.text),
                    src.join("; ")
                );
            }
        }
        s.push_str("<h2>What changed</h2>");
        match &self.changes.split {
            None => s.push_str("<p>Fewer than four dated documents: no comparison.</p>"),
            Some(split) => {
                let _ = write!(s, "<p>Earlier half (to {}) against the later half:</p><table><tr><th>item</th><th>before</th><th>after</th><th>change</th></tr>", esc(split));
                for x in self.changes.themes.iter().chain(&self.changes.keyphrases) {
                    let _ = write!(
                        s,
                        "<tr><td>{}</td><td>{} of {}</td><td>{} of {}</td><td>{:+.1} pts</td></tr>",
                        esc(&x.item),
                        x.before.0,
                        x.before.1,
                        x.after.0,
                        x.after.1,
                        x.points
                    );
                }
                s.push_str("</table>");
            }
        }
        s.push_str("<h2>Corpus keyphrases</h2><p>");
        let k: Vec<String> = self
            .keyphrases
            .iter()
            .map(|k| format!("{} ({})", esc(&k.text), k.documents))
            .collect();
        s.push_str(&k.join(", "));
        s.push_str("</p><h2>Documents</h2><table><tr><th>document</th><th>date</th><th>group</th><th>themes</th><th>summary</th><th>keywords</th></tr>");
        for d in &self.documents {
            let _ = write!(
                s,
                "<tr><td>{}</td><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&d.title),
                esc(d.date.as_deref().unwrap_or("")),
                if d.date_found_in_text { " (found)" } else { "" },
                esc(d.group.as_deref().unwrap_or("")),
                esc(&d.themes.join(", ")),
                esc(&d.summary),
                esc(&d.keywords.join(", "))
            );
        }
        s.push_str("</table></body></html>\n");
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`item_counts`] by its definition: every item asked of every document.
    fn counts_by_definition<'a>(
        dated: &[&'a DocSummary],
        mid: usize,
    ) -> BTreeMap<(bool, &'a str), (usize, usize)> {
        let mut items: BTreeSet<(bool, &str)> = BTreeSet::new();
        for d in dated {
            items.extend(d.themes.iter().map(|t| (true, t.as_str())));
            items.extend(d.keywords.iter().map(|k| (false, k.as_str())));
        }
        let (before, after) = dated.split_at(mid);
        items
            .into_iter()
            .map(|(is_theme, item)| {
                let has = |d: &&&DocSummary| {
                    let list = if is_theme { &d.themes } else { &d.keywords };
                    list.iter().any(|x| x == item)
                };
                let counts = (
                    before.iter().filter(has).count(),
                    after.iter().filter(has).count(),
                );
                ((is_theme, item), counts)
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn items_counted_in_one_pass_equal_their_definition(
            docs in proptest::collection::vec(
                (
                    proptest::collection::vec(0u8..5, 0..4),
                    proptest::collection::vec(0u8..9, 0..6),
                ),
                0..40,
            )
        ) {
            // Repeated themes and keywords in a document count once, as before.
            let docs: Vec<DocSummary> = docs
                .into_iter()
                .enumerate()
                .map(|(i, (themes, keywords))| DocSummary {
                    id: i.to_string(),
                    title: String::new(),
                    date: Some(format!("2023-{:02}-01", i % 12 + 1)),
                    date_found_in_text: false,
                    group: None,
                    language: "en".into(),
                    summary: String::new(),
                    themes: themes.iter().map(|t| format!("theme{t}")).collect(),
                    keywords: keywords.iter().map(|k| format!("key {k}")).collect(),
                })
                .collect();
            // Every split of the documents, in their order (`changes` sorts them by date first).
            let dated: Vec<&DocSummary> = docs.iter().collect();
            for mid in 0..=dated.len() {
                proptest::prop_assert_eq!(item_counts(&dated, mid), counts_by_definition(&dated, mid));
            }
        }
    }

    #[test]
    fn dates_in_text() {
        assert_eq!(
            Date::find("Updated: 2015-03-12 09:06:58").unwrap().iso(),
            "2015-03-12"
        );
        assert_eq!(Date::find("发布:2022-06-29").unwrap().iso(), "2022-06-29");
        assert_eq!(
            Date::find("Tuesday, December 17, 2013").unwrap().iso(),
            "2013-12-17"
        );
        assert_eq!(
            Date::find("Statement made on 6 March 2023").unwrap().iso(),
            "2023-03-06"
        );
        assert!(Date::find("2022-13-45").is_none());
        assert!(Date::find("").is_none());
    }

    #[test]
    fn planted_rising_theme_duplicates_and_spans() {
        let mut d = Digest::builder().build().unwrap();
        let mut texts: BTreeMap<String, String> = BTreeMap::new();
        let repost = "The province will rebuild 57 key laboratories and merge weak ones this year.";
        for i in 0..8 {
            let month = i + 1;
            // Early documents are about laboratories; later ones about talent.
            let body = if i < 4 {
                format!("Labs news {i}\n\n2022-{month:02}-10\n\n{repost} Key laboratories will share equipment with universities.")
            } else {
                format!("Talent news {i}\n\n2022-{month:02}-10\n\nThe city will attract young scientists and high-level talents with grants. Talent teams will lead major projects.")
            };
            texts.insert(format!("doc{i}"), body.clone());
            d.add(DocInput {
                group: Some(if i % 2 == 0 { "east" } else { "west" }.into()),
                ..DocInput::new(format!("doc{i}"), body)
            })
            .unwrap();
        }
        let r = d.finish();
        // Every quoted sentence is found at its byte span.
        for t in &r.themes {
            for q in &t.quotes {
                for src in &q.sources {
                    let text = &texts[&src.doc][src.start..src.end];
                    let norm = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    let first = &q.sources[0];
                    if src == first {
                        assert_eq!(norm, q.text);
                    }
                }
            }
        }
        assert_eq!(r.overview.documents, 8);
        assert_eq!(r.overview.dated_found, 8);
        let talent = r
            .changes
            .themes
            .iter()
            .find(|c| c.item == "talent")
            .unwrap();
        assert!(talent.points > 50.0, "{talent:?}");
        assert_eq!(r.changes.themes[0].item, "talent");
        let labs = r
            .themes
            .iter()
            .find(|t| t.theme == "research_institutions")
            .unwrap();
        let q = labs.quotes.iter().find(|q| q.text == repost).unwrap();
        assert_eq!(
            q.sources.len(),
            4,
            "the repost is one entry with its four sources"
        );
        assert_eq!(labs.by_group.values().sum::<usize>(), 4);
        assert!(r.to_markdown().contains("talent"));
        let html = r.to_html();
        assert!(html.contains("<svg") && html.contains("<polyline"));
        assert!(!html.contains("<script") && !html.contains("https://"));
        let json: Report = serde_json::from_str(&r.to_json()).unwrap();
        assert_eq!(json, r);
    }
}
