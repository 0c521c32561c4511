//! **brief**: summarization and classification of science-and-technology policy news.
//!
//! This facade re-exports the workspace's libraries:
//!
//! * [`tokenize`] (`brief-tokenize`): text → [`tokenize::Document`] of paragraph, sentence and
//!   token spans, with normalized forms, stems and boilerplate marking;
//! * [`summarize`] (`brief-summarize`): sentence scorers, selection, keywords, ROUGE;
//! * [`classify`] (`brief-classify`): science-policy themes;
//!
//! and composes them in [`digest`]: the report over many documents (themes across the corpus,
//! representative sentences with near-duplicates merged, what changed, per document), and in
//! [`focus`]: summaries that lean towards one theme.
//!
//! ```
//! let doc = brief::tokenize::analyze("We will train talent.We will support enterprises.");
//! assert_eq!(doc.sentences().len(), 2);
//! ```
#![deny(missing_docs)]

pub mod digest;
pub mod focus;

/// The README's code examples, compiled and run as doctests (`cargo test --doc`), so the
/// library example there stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

pub use brief_classify as classify;
pub use brief_summarize as summarize;
pub use brief_tokenize as tokenize;
