//! Science-and-technology policy themes for **brief**: which themes a text, and each of its
//! sentences, is about, with scores and reasons.
//!
//! # Models
//!
//! One [`Classifier`] trait; three models over one [`Taxonomy`] (twelve themes by default,
//! `data/taxonomy/themes.json`):
//!
//! * [`LexiconModel`]: weighted matches of each theme's English and Chinese terms (whole words and phrases); no
//!   training; explains itself through [`Evidence`].
//! * [`LinearModel`]: TF-IDF over stems and stem bigrams, one-vs-rest logistic regression
//!   (AdaGrad, class-weighted) on `ndarray`, per-theme thresholds tuned on held-out data.
//! * [`HybridModel`]: the linear model plus the lexicon as a prior, so wording the training
//!   corpus lacks (Chinese policy phrasing) still lands on the right theme.
//! * [`NewsModel`] (the command line's default): the hybrid's scores blended with its
//!   lexicon's evidence and one threshold, calibrated on real S&T policy news; "no theme" is
//!   an answer.
//!
//! [`train`] fits a model from labelled texts ([`read_records`] reads JSON Lines); a model is
//! saved as one self-describing JSON file with a format version and its taxonomy, and
//! [`HybridModel::from_json`] validates everything on load. [`cross_validate`] and
//! [`metrics`] evaluate.
//!
//! ```
//! use brief_classify::{Classifier, HybridModel};
//!
//! let model = HybridModel::builtin();
//! let doc = brief_tokenize::analyze(
//!     "The province will accelerate the transformation of scientific and technological achievements.",
//! );
//! let p = model.classify(&doc);
//! assert_eq!(p.labels[0], "tech_transfer");
//! # Ok::<(), brief_classify::Error>(())
//! ```
#![deny(missing_docs)]

mod classifier;
mod error;
mod features;
mod hybrid;
mod knn;
mod lexicon;
mod linear;
mod metrics;
mod news;
mod newseval;
mod taxonomy;
mod train;

pub use classifier::{
    aggregate, document_themes, Aggregate, Classifier, DocumentThemes, Evidence, Neighbor,
    PredictOptions, Prediction, SentencePrediction, AGGREGATE_MIN_SENTENCES, AGGREGATE_MIN_SHARE,
};
pub use error::{Error, ErrorKind};
pub use features::{Featurizer, SparseVec};
pub use hybrid::{HybridModel, InContext, LONG_TEXT_SENTENCES, WINDOW_SENTENCES};
pub use lexicon::LexiconModel;
pub use linear::{LinearModel, TrainConfig};
pub use metrics::{metrics, Metrics, ThemeMetrics};
pub use news::NewsModel;
pub use newseval::{
    evaluate_news, read_news_corpus, LabelledSentence, NewsCorpus, SentenceResults,
};
pub use taxonomy::{Taxonomy, Term, Theme, BUILTIN_THEME_IDS, TAXONOMY_FORMAT};
pub use train::{
    cross_validate, evaluate_records, join_context, predict_indices, read_records, record_context,
    text_sentences, train, ModelInfo, ModelKind, Record, MODEL_FORMAT, MODEL_MAGIC,
};
