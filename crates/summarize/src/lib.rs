//! Extractive summarization for **brief**: score every sentence of an analysed document, pick
//! the best ones within a budget, and show why.
//!
//! # Pipeline
//!
//! 1. Analyse the text once with [`brief_tokenize`] into a [`Document`](brief_tokenize::Document).
//! 2. Score its sentences with any [`SentenceScorer`]: [`Position`], [`Keyword`] (TF-IDF or
//!    Luhn), [`Title`], [`Cue`], [`Centrality`] (TextRank, LexRank), [`Length`], or a weighted
//!    [`Combined`] sum of them. Scorers are plain types (static dispatch); [`AnyScorer`] picks
//!    one at run time or from a JSON configuration.
//! 3. Select with a [`Summarizer`]: a [`Budget`] in sentences, ratio, words, characters or
//!    model tokens; MMR redundancy control; boilerplate and fragments skipped; document order.
//! 4. Read the [`Summary`]: each selected sentence with its index, byte span, text, score and
//!    each scorer's [`Contribution`].
//!
//! Also here: [`keywords`] (keywords and keyphrases) and, with the `eval` feature, `rouge`
//! (ROUGE-1/2/L/Lsum through the `rougers` port of Google's `rouge-score`), `evaluate` (mean
//! ROUGE per scorer over a corpus) and the learned scorer's training.
//!
//! ```
//! use brief_summarize::{summarize, Budget, Summarizer, AnyScorer};
//!
//! let text = "Gansu held its science and technology work meeting on Friday.\
//!     The meeting pointed out that the province will reorganize national key laboratories.\
//!     Vice Governor Zhang attended the meeting.\
//!     We will develop innovation-oriented enterprises and train a talent team.";
//! let quick = summarize(text, 2);
//! assert_eq!(quick.sentences.len(), 2);
//!
//! let doc = brief_tokenize::analyze(text);
//! let summarizer = Summarizer::builder()
//!     .scorer(AnyScorer::by_name("lexrank")?)
//!     .budget(Budget::Ratio(0.5))
//!     .build()?;
//! let summary = summarizer.summarize(&doc)?;
//! assert!(summary.sentences.iter().all(|s| &text[s.start..s.end] == s.text));
//! # Ok::<(), brief_summarize::Error>(())
//! ```
#![deny(missing_docs)]

mod background;
mod error;
#[cfg(feature = "eval")]
mod eval;
mod keywords;
#[cfg(feature = "eval")]
mod rouge;
mod scorers;
mod summary;
mod vectors;

pub use background::{Background, BACKGROUND_FORMAT, MAX_TABLE_BYTES};
pub use error::{Error, ErrorKind};
#[cfg(feature = "eval")]
pub use eval::{
    evaluate, evaluate_corpora, oracle, read_corpus, read_policy_news, train_learned, Corpus,
    CorpusFields, CorpusRow, EvalDoc, EvalLength, EvalRow,
};
pub use keywords::{keywords, KeywordScore};
#[cfg(feature = "eval")]
pub use rouge::{rouge, Prf, RougeScores};
pub use scorers::{
    fit_logistic, AnyScorer, BackgroundChoice, Centrality, CentralityMethod, Combined, Cue,
    CueLexicon, Feature, Keyword, KeywordMethod, Learned, Length, Part, Position, ScoredParts,
    SentenceScorer, Similarity, Title, Weighted, LEARNED_FORMAT, SCORER_NAMES,
};
pub use summary::{
    summarize, Budget, Contribution, Order, Summarizer, SummarizerBuilder, Summary,
    SummarySentence, DUPLICATE_OVERLAP,
};
