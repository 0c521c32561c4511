//! Sentence scorers: one [`SentenceScorer`] trait, one type per method, and [`AnyScorer`] to
//! choose among them at run time or from a configuration file.

mod centrality;
mod combined;
mod cue;
pub(crate) mod keyword;
mod learned;
mod length;
mod position;
mod title;

pub use centrality::{Centrality, CentralityMethod, Similarity};
pub use combined::{Combined, Part, ScoredParts};
pub use cue::{Cue, CueLexicon};
pub use keyword::{BackgroundChoice, Keyword, KeywordMethod};
pub use learned::{fit_logistic, Feature, Learned, Weighted, LEARNED_FORMAT};
pub use length::Length;
pub use position::Position;
pub use title::Title;

use crate::error::{Error, ErrorKind};
use brief_tokenize::Document;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Scores every sentence of an analysed [`Document`].
///
/// Implementations clear `out` and push exactly one finite score per sentence of `doc`, in
/// document order; higher is better. Title, heading and boilerplate sentences should score 0
/// (the selection never picks them anyway). All scorers read the same analysed document, so a
/// document is tokenized once whatever the number of scorers.
///
/// ```
/// use brief_summarize::{Position, SentenceScorer};
///
/// let doc = brief_tokenize::analyze("First sentence here.Second one here.Third one.");
/// let scores = Position::default().score(&doc);
/// assert_eq!(scores.len(), 3);
/// assert!(scores[0] > scores[1] && scores[1] > scores[2]);
/// ```
pub trait SentenceScorer {
    /// The scorer's short name, as used on the command line and in explanations.
    fn name(&self) -> &str;

    /// Writes one score per sentence of `doc` into `out` (cleared first).
    fn score_into(&self, doc: &Document, out: &mut Vec<f64>);

    /// Returns one score per sentence of `doc`.
    fn score(&self, doc: &Document) -> Vec<f64> {
        let mut out = Vec::with_capacity(doc.sentences().len());
        self.score_into(doc, &mut out);
        out
    }

    /// The scores with the parts they are made of, for explanations. The provided method
    /// returns one part, the scorer itself (its total is its raw score); a scorer made of
    /// parts ([`Combined`], [`Learned`]) returns each part's weight and values, so that
    /// `--explain` shows every one.
    fn score_parts(&self, doc: &Document) -> ScoredParts {
        let raw = self.score(doc);
        let max = max_abs(&raw);
        let norm = raw
            .iter()
            .map(|&r| if max > 0.0 { r / max } else { 0.0 })
            .collect();
        ScoredParts {
            parts: vec![(self.name().to_owned(), 1.0, norm)],
            raw: vec![raw.clone()],
            total: raw,
        }
    }

    /// Checks the scorer's settings; [`Summarizer`](crate::Summarizer)'s builder calls it. The
    /// provided method accepts everything.
    fn validate(&self) -> Result<(), Error> {
        Ok(())
    }

    /// [`score_parts`](SentenceScorer::score_parts) for a summary that keeps `share` (0 to 1)
    /// of the document's body sentences. Scorers that adapt to how selective the summary is
    /// (the [`Learned`] one: position weighs more when few sentences are kept) override it;
    /// the provided method ignores `share`.
    fn score_parts_at(&self, doc: &Document, share: f64) -> ScoredParts {
        let _ = share;
        self.score_parts(doc)
    }
}

impl<T: SentenceScorer + ?Sized> SentenceScorer for &T {
    fn name(&self) -> &str {
        (**self).name()
    }
    fn score_into(&self, doc: &Document, out: &mut Vec<f64>) {
        (**self).score_into(doc, out)
    }
    fn score_parts(&self, doc: &Document) -> ScoredParts {
        (**self).score_parts(doc)
    }
    fn score_parts_at(&self, doc: &Document, share: f64) -> ScoredParts {
        (**self).score_parts_at(doc, share)
    }
    fn validate(&self) -> Result<(), Error> {
        (**self).validate()
    }
}

impl<T: SentenceScorer + ?Sized> SentenceScorer for Box<T> {
    fn name(&self) -> &str {
        (**self).name()
    }
    fn score_into(&self, doc: &Document, out: &mut Vec<f64>) {
        (**self).score_into(doc, out)
    }
    fn score_parts(&self, doc: &Document) -> ScoredParts {
        (**self).score_parts(doc)
    }
    fn score_parts_at(&self, doc: &Document, share: f64) -> ScoredParts {
        (**self).score_parts_at(doc, share)
    }
    fn validate(&self) -> Result<(), Error> {
        (**self).validate()
    }
}

/// Any of brief's scorers, as a serde configuration (`{"type": "keyword", ...}`).
///
/// Dispatch is a `match`, so a configured scorer costs no boxing.
///
/// ```
/// use brief_summarize::{AnyScorer, SentenceScorer};
///
/// let s: AnyScorer = serde_json::from_str(r#"{"type": "position", "decay": 0.5}"#).unwrap();
/// assert_eq!(s.name(), "position");
/// let lexrank = AnyScorer::by_name("lexrank").unwrap();
/// assert_eq!(lexrank.name(), "lexrank");
/// assert!(AnyScorer::by_name("nope").is_err());
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum AnyScorer {
    /// Lead and paragraph-start bias.
    Position(Position),
    /// Keyword significance (TF-IDF or Luhn).
    Keyword(Keyword),
    /// Overlap with the title.
    Title(Title),
    /// Cue-phrase bonus and stigma.
    Cue(Cue),
    /// Graph centrality (TextRank or LexRank).
    Centrality(Centrality),
    /// Penalty for fragments and run-on sentences.
    Length(Length),
    /// A weighted sum of other scorers.
    Combined(Combined),
    /// A logistic model over sentence features (`{"type": "learned"}` is the shipped model).
    Learned(Learned),
}

/// The scorer names that [`AnyScorer::by_name`] accepts.
pub const SCORER_NAMES: &[&str] = &[
    "combined", "learned", "lead", "policy", "position", "keyword", "tfidf", "luhn", "title",
    "cue", "textrank", "lexrank", "pacsum", "length",
];

/// The `policy` preset (`data/config/policy-news.json`): the combined centrality ensemble plus
/// cue phrases and keywords, which favours the sentences of S&T policy news that state
/// decisions and tasks.
const POLICY_PRESET: &str = include_str!("../../../../data/config/policy-news.json");

impl AnyScorer {
    /// A scorer with default settings by name: `combined`, `policy` (a preset for policy news),
    /// `position`, `keyword` (= `tfidf`), `luhn`, `title`, `cue`, `textrank`, `lexrank`,
    /// `length`.
    pub fn by_name(name: &str) -> Result<AnyScorer, Error> {
        Ok(match name {
            "combined" => AnyScorer::Combined(Combined::default()),
            "policy" => serde_json::from_str(POLICY_PRESET)
                .map_err(|e| Error::json("the policy preset", "scorer configuration", e))?,
            "learned" => AnyScorer::Learned(Learned::default()),
            "lead" => AnyScorer::Position(Position::lead()),
            "position" => AnyScorer::Position(Position::default()),
            "keyword" | "tfidf" => AnyScorer::Keyword(Keyword::default()),
            "luhn" => AnyScorer::Keyword(Keyword::luhn()),
            "title" => AnyScorer::Title(Title::default()),
            "cue" => AnyScorer::Cue(Cue::default()),
            "textrank" => AnyScorer::Centrality(Centrality::textrank()),
            "lexrank" => AnyScorer::Centrality(Centrality::lexrank()),
            "pacsum" => AnyScorer::Centrality(Centrality::pacsum()),
            "length" => AnyScorer::Length(Length::default()),
            _ => {
                let hint = SCORER_NAMES
                    .iter()
                    .map(|v| (strsim::jaro_winkler(name, v), *v))
                    .filter(|(score, _)| *score >= 0.8)
                    .max_by(|a, b| a.0.total_cmp(&b.0))
                    .map(|(_, v)| format!("; did you mean `{v}`?"))
                    .unwrap_or_default();
                return Err(Error::new(ErrorKind::UnknownScorer {
                    name: name.to_owned(),
                    hint,
                    valid: SCORER_NAMES.join(", "),
                }));
            }
        })
    }

    /// The same scorer with `table` as the background (document frequencies) of every part
    /// that reads a table ([`BackgroundChoice::Builtin`], `File` or `Custom`); parts that
    /// compute their own from the document are left as they are. The parts record the table
    /// as [`BackgroundChoice::Custom`] with its source, so a configuration saved from this
    /// scorer says which table it needs.
    ///
    /// ```
    /// use brief_summarize::{AnyScorer, Background, SentenceScorer};
    /// use std::sync::Arc;
    ///
    /// let docs = [brief_tokenize::analyze("Talent matters.Laboratories matter.")];
    /// let table = Arc::new(Background::from_documents(docs.iter(), 1, "two sentences"));
    /// let s = AnyScorer::by_name("combined").unwrap().with_background(table);
    /// assert_eq!(s.score(&docs[0]).len(), 2);
    /// ```
    pub fn with_background(mut self, table: Arc<crate::Background>) -> AnyScorer {
        let _ = self.for_each_table(&mut |choice, slot| {
            if choice.reads_table() {
                choice.give(slot, table.clone());
            }
            Ok(())
        });
        self
    }

    /// Calls `f` with every part's background choice and table slot (the centrality and
    /// keyword parts, inside ensembles and learned models too), stopping at the first error.
    fn for_each_table(&mut self, f: &mut TableVisitor<'_>) -> Result<(), Error> {
        match self {
            AnyScorer::Centrality(c) => f(&mut c.background, &mut c.table),
            AnyScorer::Keyword(k) => f(&mut k.background, &mut k.table),
            AnyScorer::Combined(c) => c
                .parts
                .iter_mut()
                .try_for_each(|p| p.scorer.for_each_table(f)),
            AnyScorer::Learned(l) => l.scorers_mut().try_for_each(|s| s.for_each_table(f)),
            _ => Ok(()),
        }
    }

    /// Reads a scorer configuration (JSON, as `serde` writes an [`AnyScorer`]), reads the
    /// background tables its parts name as `{"file": …}` (a relative path is taken from
    /// `base`, the configuration's folder), and validates it.
    ///
    /// ```
    /// use brief_summarize::{AnyScorer, Background, BackgroundChoice};
    ///
    /// let dir = std::env::temp_dir().join("brief-doc-from-config");
    /// std::fs::create_dir_all(&dir).unwrap();
    /// let docs = [brief_tokenize::analyze("Talent matters.Laboratories matter.")];
    /// let table = Background::from_documents(docs.iter(), 1, "two sentences");
    /// std::fs::write(dir.join("table.json"), table.to_json()).unwrap();
    ///
    /// let json = r#"{"type": "keyword", "background": {"file": "table.json"}}"#;
    /// let s = AnyScorer::from_config(json, Some(&dir)).unwrap();
    /// let AnyScorer::Keyword(k) = &s else { unreachable!() };
    /// assert_eq!(k.background_table().unwrap().source(), "two sentences");
    /// // Without the file, the configuration is refused, not run with another table.
    /// assert!(AnyScorer::from_config(json, Some(&dir.join("elsewhere"))).is_err());
    /// ```
    pub fn from_config(json: &str, base: Option<&std::path::Path>) -> Result<AnyScorer, Error> {
        let mut s = Self::parse_config(json)?;
        s.for_each_table(&mut |choice, slot| {
            if let BackgroundChoice::File(p) = choice {
                let path = match base {
                    Some(b) if p.is_relative() => b.join(&*p),
                    _ => p.clone(),
                };
                *slot = Some(Arc::new(crate::Background::from_file(&path)?));
            }
            Ok(())
        })?;
        s.validate()?;
        Ok(s)
    }

    /// Reads a scorer configuration and gives every part that reads a table this one (see
    /// [`with_background`](Self::with_background)); the tables the configuration names are
    /// not read.
    pub fn from_config_with_background(
        json: &str,
        table: Arc<crate::Background>,
    ) -> Result<AnyScorer, Error> {
        let s = Self::parse_config(json)?.with_background(table);
        s.validate()?;
        Ok(s)
    }

    fn parse_config(json: &str) -> Result<AnyScorer, Error> {
        serde_json::from_str(json).map_err(|e| Error::json("scorer configuration", "object", e))
    }

    /// Checks the scorer's parameters.
    pub fn validate(&self) -> Result<(), Error> {
        match self {
            AnyScorer::Position(s) => s.validate(),
            AnyScorer::Keyword(s) => s.validate(),
            AnyScorer::Title(s) => s.validate(),
            AnyScorer::Cue(s) => s.validate(),
            AnyScorer::Centrality(s) => s.validate(),
            AnyScorer::Length(s) => s.validate(),
            AnyScorer::Combined(s) => s.validate(),
            AnyScorer::Learned(s) => s.validate(),
        }
    }

    fn inner(&self) -> &dyn SentenceScorer {
        match self {
            AnyScorer::Position(s) => s,
            AnyScorer::Keyword(s) => s,
            AnyScorer::Title(s) => s,
            AnyScorer::Cue(s) => s,
            AnyScorer::Centrality(s) => s,
            AnyScorer::Length(s) => s,
            AnyScorer::Combined(s) => s,
            AnyScorer::Learned(s) => s,
        }
    }
}

impl SentenceScorer for AnyScorer {
    fn name(&self) -> &str {
        self.inner().name()
    }
    fn validate(&self) -> Result<(), Error> {
        AnyScorer::validate(self)
    }
    fn score_into(&self, doc: &Document, out: &mut Vec<f64>) {
        match self {
            AnyScorer::Position(s) => s.score_into(doc, out),
            AnyScorer::Keyword(s) => s.score_into(doc, out),
            AnyScorer::Title(s) => s.score_into(doc, out),
            AnyScorer::Cue(s) => s.score_into(doc, out),
            AnyScorer::Centrality(s) => s.score_into(doc, out),
            AnyScorer::Length(s) => s.score_into(doc, out),
            AnyScorer::Combined(s) => s.score_into(doc, out),
            AnyScorer::Learned(s) => s.score_into(doc, out),
        }
    }
    fn score_parts(&self, doc: &Document) -> ScoredParts {
        self.score_parts_at(doc, learned::default_share(doc))
    }
    fn score_parts_at(&self, doc: &Document, share: f64) -> ScoredParts {
        match self {
            AnyScorer::Combined(s) => s.score_parts_at(doc, share),
            AnyScorer::Learned(s) => s.score_parts_at(doc, share),
            s => {
                // The single scorers use the provided method.
                struct One<'a>(&'a dyn SentenceScorer);
                impl SentenceScorer for One<'_> {
                    fn name(&self) -> &str {
                        self.0.name()
                    }
                    fn score_into(&self, doc: &Document, out: &mut Vec<f64>) {
                        self.0.score_into(doc, out)
                    }
                }
                One(s.inner()).score_parts(doc)
            }
        }
    }
}

/// What [`AnyScorer::for_each_table`] calls for each part's background choice and table.
type TableVisitor<'a> =
    dyn FnMut(&mut BackgroundChoice, &mut Option<Arc<crate::Background>>) -> Result<(), Error> + 'a;

/// One scorer's scores of one document, remembered per thread for the document being scored
/// now: the default ensemble and its learned part share the same centrality graphs, which
/// are then built once. The key is the scorer's configuration and the document's serial
/// ([`Document::serial`]), so another document never reads stale scores.
pub(crate) fn memo_scores(scorer: &AnyScorer, doc: &Document) -> Vec<f64> {
    crate::vectors::remembered(&SCORES, doc, memo_key(scorer), || scorer.score(doc))
}

thread_local! {
    /// The memo of [`memo_scores`].
    static SCORES: crate::vectors::DocMemo<String, Vec<f64>> = const { crate::vectors::DocMemo::new(None) };
}

/// The key of `scorer`'s scores in [`memo_scores`]'s memo.
fn memo_key(scorer: &AnyScorer) -> String {
    let mut key = serde_json::to_string(scorer).unwrap_or_default();
    // A custom background table is not part of the serialized configuration.
    let table = match scorer {
        AnyScorer::Centrality(c) => c.table.as_ref(),
        AnyScorer::Keyword(k) => k.table.as_ref(),
        _ => None,
    };
    if let Some(t) = table {
        key.push_str(&format!("@{:p}", Arc::as_ptr(t)));
    }
    key
}

/// Builds the similarity graphs of every centrality scorer among `scorers` (and their parts) for `doc` together
/// (see [`Centrality`]), before its parts are scored one by one.
pub(crate) fn prepare<'a>(scorers: impl IntoIterator<Item = &'a AnyScorer>, doc: &Document) {
    let all: Vec<&Centrality> = leaves(scorers)
        .into_iter()
        .filter_map(|s| match s {
            AnyScorer::Centrality(c) => Some(c),
            _ => None,
        })
        .collect();
    if all.len() > 1 {
        centrality::prepare_graphs(doc, &all);
    }
}

/// The plain scorers among `scorers` and the parts of their ensembles and learned models.
fn leaves<'a>(scorers: impl IntoIterator<Item = &'a AnyScorer>) -> Vec<&'a AnyScorer> {
    fn walk<'a>(s: &'a AnyScorer, out: &mut Vec<&'a AnyScorer>) {
        match s {
            AnyScorer::Combined(c) => c.parts.iter().for_each(|p| walk(&p.scorer, out)),
            AnyScorer::Learned(l) => l.scorers().for_each(|s| walk(s, out)),
            s => out.push(s),
        }
    }
    let mut out = Vec::new();
    scorers.into_iter().for_each(|s| walk(s, &mut out));
    out
}

/// [`prepare`], then, for a long text, the scores of every plain scorer among `scorers` (and
/// their parts) on several threads at once, remembered for [`memo_scores`]: an ensemble's
/// parts need not wait on each other (each PageRank has dozens of rounds, each too short to
/// share among threads well). The scores are the same as one at a time.
pub(crate) fn prepare_scores<'a>(
    scorers: impl IntoIterator<Item = &'a AnyScorer> + Clone,
    doc: &Document,
) {
    prepare(scorers.clone(), doc);
    #[cfg(feature = "parallel")]
    score_ahead(scorers, doc);
    #[cfg(not(feature = "parallel"))]
    let _ = scorers;
}

#[cfg(feature = "parallel")]
fn score_ahead<'a>(scorers: impl IntoIterator<Item = &'a AnyScorer>, doc: &Document) {
    use rayon::prelude::*;
    if doc.sentences().len() < centrality::PARALLEL_ROWS || rayon::current_num_threads() < 2 {
        return;
    }
    let all = leaves(scorers);
    let id = doc.serial();
    let known: Vec<String> = SCORES.with(|m| {
        m.borrow()
            .as_ref()
            .filter(|(d, _)| *d == id)
            .map(|(_, v)| v.iter().map(|(k, _)| k.clone()).collect())
            .unwrap_or_default()
    });
    let mut todo: Vec<(String, &AnyScorer)> = Vec::new();
    for s in all {
        let key = memo_key(s);
        if !known.contains(&key) && !todo.iter().any(|(k, _)| *k == key) {
            todo.push((key, s));
        }
    }
    if todo.len() < 2 {
        return;
    }
    // The graphs are taken here: the other threads do not see this thread's graph memo.
    let graphs: Vec<Option<Arc<centrality::Graph>>> = todo
        .iter()
        .map(|(_, s)| match s {
            AnyScorer::Centrality(c) => Some(c.graph(doc)),
            _ => None,
        })
        .collect();
    // One scorer a job: their costs differ by a hundred times, and a thread must be able to
    // take any one that is not started.
    let scores: Vec<Vec<f64>> = todo
        .par_iter()
        .with_max_len(1)
        .zip(&graphs)
        .map(|((_, s), g)| match (s, g) {
            (AnyScorer::Centrality(c), Some(g)) => {
                let mut out = Vec::new();
                c.score_on(doc, g, &mut out);
                out
            }
            _ => s.score(doc),
        })
        .collect();
    SCORES.with(|m| {
        let mut m = m.borrow_mut();
        let v = match m.as_mut() {
            Some((d, v)) if *d == id => v,
            _ => &mut m.insert((id, Vec::new())).1,
        };
        v.extend(todo.into_iter().map(|(k, _)| k).zip(scores));
    });
}

/// The largest absolute value of `xs` (0 for an empty slice): each scorer's output is divided
/// by it before scorers are combined.
pub(crate) fn max_abs(xs: &[f64]) -> f64 {
    xs.iter().fold(0.0f64, |m, &x| m.max(x.abs()))
}

pub(crate) fn check_finite(name: &str, v: f64, min: f64, max: f64) -> Result<(), Error> {
    if v.is_finite() && v >= min && v <= max {
        Ok(())
    } else {
        Err(Error::config(format!(
            "{name} must be between {} and {}, got {}",
            short(min),
            short(max),
            short(v)
        )))
    }
}

/// A number as people write it: `0.5`, `1000000`, and `1e300` or `1e-12` rather than 301
/// digits or twelve zeros.
fn short(v: f64) -> String {
    if v != 0.0 && v.is_finite() && !(1e-4..1e9).contains(&v.abs()) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The default ensemble on a text long enough for its scorers to run on several threads
    /// at once gives the scores it gives on one thread.
    #[cfg(feature = "parallel")]
    #[test]
    fn scores_ahead_on_several_threads_equal_one_thread() {
        let n = centrality::PARALLEL_ROWS + 100;
        let scorer = AnyScorer::Combined(Combined::default());
        let run = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            // A new document each time, so that no memo of another run is read.
            pool.install(|| scorer.score_parts(&centrality::tests::doc(n)))
        };
        let (one, two) = (run(1), run(2));
        assert!(one.total.len() > centrality::PARALLEL_ROWS);
        assert_eq!(one.total, two.total);
        assert_eq!(one.raw, two.raw);
        assert!(one.parts.len() >= 3);
    }

    #[test]
    fn range_errors_write_numbers_briefly() {
        assert_eq!(short(0.0), "0");
        assert_eq!(short(0.85), "0.85");
        assert_eq!(short(1e6), "1000000");
        assert_eq!(short(-1e300), "-1e300");
        assert_eq!(short(1e-12), "1e-12");
        let e = check_finite("cue.stigma_weight", -1e300, 0.0, 1e6).unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid configuration: cue.stigma_weight must be between 0 and 1000000, got -1e300"
        );
        assert!(check_finite("x", f64::NAN, 0.0, 1.0).is_err());
        assert!(check_finite("x", 0.5, 0.0, 1.0).is_ok());
    }
}
