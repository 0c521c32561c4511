use super::{check_finite, SentenceScorer};
use crate::background::Background;
use crate::error::Error;
use crate::vectors::{idf, is_content};
use brief_tokenize::Document;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// How [`Keyword`] turns term weights into a sentence score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeywordMethod {
    /// Sum of the TF-IDF weights of the sentence's content words, divided by
    /// `words ^ length_norm`.
    TfIdf,
    /// Luhn (1958): significant words are the top `significant` share of the document's stems
    /// by TF-IDF; a cluster is a run of significant words at most `gap` insignificant words
    /// apart; a sentence scores its best cluster's `significant² / cluster length`.
    Luhn,
}

/// Where document frequencies come from, as a configuration file says it: `"builtin"`,
/// `"document"`, `{"file": "table.json"}` or `{"custom": "its source"}`.
///
/// A table given in code ([`AnyScorer::with_background`](crate::AnyScorer::with_background))
/// is written back as `custom` with the table's source, so that a configuration saved from
/// it never reloads silently with another table: its scorer refuses to run until the table
/// is given again. A `file` is read by [`AnyScorer::from_config`](crate::AnyScorer::from_config).
///
/// ```
/// use brief_summarize::BackgroundChoice;
///
/// let c: BackgroundChoice = serde_json::from_str(r#"{"file": "tables/en.json"}"#).unwrap();
/// assert_eq!(c, BackgroundChoice::File("tables/en.json".into()));
/// assert_eq!(serde_json::to_string(&BackgroundChoice::Builtin).unwrap(), r#""builtin""#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum BackgroundChoice {
    /// The table shipped with brief ([`Background::builtin`]).
    #[default]
    Builtin,
    /// The document's own sentences.
    Document,
    /// A table written by `brief train --background`, read from this file.
    File(std::path::PathBuf),
    /// A table given in code, named by its source.
    Custom(String),
}

/// Keyword significance: sentences holding the document's characteristic words score high.
///
/// A stem's weight is its frequency in the document times its inverse document frequency in a
/// background corpus, so the everyday words of news language do not dominate.
///
/// ```
/// use brief_summarize::{Keyword, SentenceScorer};
///
/// let doc = brief_tokenize::analyze(
///     "Laboratories were reorganized.Laboratories got new funding for laboratories.It rained.",
/// );
/// let s = Keyword::default().score(&doc);
/// assert!(s[1] > s[2] && s[0] > s[2]);
/// let luhn = Keyword::luhn().score(&doc);
/// assert_eq!(luhn.len(), 3);
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Keyword {
    /// TF-IDF sum or Luhn clusters.
    pub method: KeywordMethod,
    /// Length normalization exponent for [`KeywordMethod::TfIdf`]: 0 sums the weights, 1
    /// averages them.
    pub length_norm: f64,
    /// Share of distinct stems that count as significant for [`KeywordMethod::Luhn`].
    pub significant: f64,
    /// Largest run of insignificant words inside a Luhn cluster.
    pub gap: usize,
    /// Where document frequencies come from.
    pub background: BackgroundChoice,
    #[serde(skip)]
    pub(crate) table: Option<Arc<Background>>,
}

impl Default for Keyword {
    fn default() -> Self {
        Keyword {
            method: KeywordMethod::TfIdf,
            length_norm: 0.5,
            significant: 0.1,
            gap: 4,
            background: BackgroundChoice::Builtin,
            table: None,
        }
    }
}

impl Keyword {
    /// Luhn's method with default settings.
    pub fn luhn() -> Self {
        Keyword {
            method: KeywordMethod::Luhn,
            ..Keyword::default()
        }
    }

    /// Uses this background table instead of the builtin one (recorded as
    /// [`BackgroundChoice::Custom`]).
    pub fn with_background(mut self, table: Arc<Background>) -> Self {
        self.background.give(&mut self.table, table);
        self
    }

    pub(crate) fn validate(&self) -> Result<(), Error> {
        self.background.check(self.table.as_ref(), "keyword")?;
        check_finite("keyword.length_norm", self.length_norm, 0.0, 2.0)?;
        check_finite("keyword.significant", self.significant, 0.0, 1.0)
    }

    /// The background table in use, if any.
    pub fn background_table(&self) -> Option<Arc<Background>> {
        self.background.resolve(self.table.as_ref())
    }
}

impl BackgroundChoice {
    /// The table this choice stands for: `table` (a user's) or the builtin one, or none when
    /// frequencies come from the document itself. A file or custom table that was never
    /// given falls back to the document's own frequencies; [`check`](Self::check), run by
    /// every scorer's validation, refuses that case first.
    pub(crate) fn resolve(&self, table: Option<&Arc<Background>>) -> Option<Arc<Background>> {
        match self {
            BackgroundChoice::Document => None,
            BackgroundChoice::Builtin => Some(table.cloned().unwrap_or_else(Background::builtin)),
            BackgroundChoice::File(_) | BackgroundChoice::Custom(_) => table.cloned(),
        }
    }

    /// Gives a part this table (in `slot`), recorded as [`BackgroundChoice::Custom`] with the
    /// table's source.
    pub(crate) fn give(&mut self, slot: &mut Option<Arc<Background>>, table: Arc<Background>) {
        *self = BackgroundChoice::Custom(table.source().to_owned());
        *slot = Some(table);
    }

    /// Whether a table this choice needs has been given.
    pub(crate) fn check(&self, table: Option<&Arc<Background>>, part: &str) -> Result<(), Error> {
        match (self, table) {
            (BackgroundChoice::File(p), None) => Err(Error::config(format!(
                "{part}.background: the table {} was not read; load configurations with \
                 AnyScorer::from_config",
                p.display()
            ))),
            (BackgroundChoice::Custom(source), None) => Err(Error::config(format!(
                "{part}.background: this configuration was saved with a custom background \
                 table (\"{source}\"); give the table again (--background FILE)"
            ))),
            _ => Ok(()),
        }
    }

    /// Whether the part reads a table (not the document's own frequencies).
    pub(crate) fn reads_table(&self) -> bool {
        *self != BackgroundChoice::Document
    }
}

/// Per-stem TF-IDF weights of a document (content stems only; others are 0).
pub(crate) fn stem_weights(doc: &Document, background: Option<&Background>) -> Vec<f64> {
    let idf = idf(doc, background);
    let mut tf = vec![0u32; doc.num_stems()];
    for s in doc.sentences() {
        if s.kind.is_boilerplate() {
            continue;
        }
        for t in &doc.tokens()[s.tokens.clone()] {
            if is_content(doc, t) {
                tf[t.stem as usize] += 1;
            }
        }
    }
    tf.iter().zip(&idf).map(|(&f, &i)| f as f64 * i).collect()
}

impl SentenceScorer for Keyword {
    fn validate(&self) -> Result<(), crate::error::Error> {
        Keyword::validate(self)
    }

    fn name(&self) -> &str {
        match self.method {
            KeywordMethod::TfIdf => "keyword",
            KeywordMethod::Luhn => "luhn",
        }
    }

    fn score_into(&self, doc: &Document, out: &mut Vec<f64>) {
        out.clear();
        let table = self.background_table();
        let w = stem_weights(doc, table.as_deref());
        match self.method {
            KeywordMethod::TfIdf => {
                for (i, s) in doc.sentences().iter().enumerate() {
                    if !s.kind.is_body() {
                        out.push(0.0);
                        continue;
                    }
                    let mut sum = 0.0;
                    let mut n = 0usize;
                    for t in doc.sentence_tokens(i) {
                        if is_content(doc, t) {
                            sum += w[t.stem as usize];
                            n += 1;
                        }
                    }
                    out.push(if n == 0 {
                        0.0
                    } else {
                        sum / (n as f64).powf(self.length_norm)
                    });
                }
            }
            KeywordMethod::Luhn => {
                let mut ranked: Vec<(f64, u32)> = w
                    .iter()
                    .enumerate()
                    .filter(|(_, &x)| x > 0.0)
                    .map(|(i, &x)| (x, i as u32))
                    .collect();
                ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                let k = ((ranked.len() as f64 * self.significant).ceil() as usize)
                    .max(5)
                    .min(ranked.len());
                let mut significant = vec![false; w.len()];
                for &(_, st) in &ranked[..k] {
                    significant[st as usize] = true;
                }
                for (i, s) in doc.sentences().iter().enumerate() {
                    if !s.kind.is_body() {
                        out.push(0.0);
                        continue;
                    }
                    let toks = doc.sentence_tokens(i);
                    let mut best = 0.0f64;
                    let mut start: Option<usize> = None;
                    let mut last_sig = 0usize;
                    let mut count = 0usize;
                    for (j, t) in toks.iter().enumerate() {
                        if !significant[t.stem as usize] {
                            continue;
                        }
                        match start {
                            Some(_) if j - last_sig - 1 <= self.gap => {
                                count += 1;
                            }
                            _ => {
                                if let Some(st) = start {
                                    let len = (last_sig - st + 1) as f64;
                                    best = best.max((count * count) as f64 / len);
                                }
                                start = Some(j);
                                count = 1;
                            }
                        }
                        last_sig = j;
                    }
                    if let Some(st) = start {
                        let len = (last_sig - st + 1) as f64;
                        best = best.max((count * count) as f64 / len);
                    }
                    out.push(best);
                }
            }
        }
    }
}
