//! Text analysis for **brief**: one pass turns a text into a [`Document`] of byte spans.
//!
//! # Pipeline
//!
//! 1. **Bytes to text** ([`decode`]): rejects invalid UTF-8 (with the offset of the first bad
//!    byte) and binary data, strips a BOM, normalizes line ends. The analysis itself takes `&str`.
//!    A saved web page becomes the text a reader sees of it first ([`html_to_text`]).
//! 2. **Paragraphs**: blank lines separate paragraphs, and so does a line break inside a block
//!    unless the text reads on (wrapped prose); a text without blank lines has one paragraph
//!    per line ([`ParagraphMode`]).
//! 3. **Sentences** ([`SentenceSplitter`], default [`SentencexSplitter`]), then brief's repair
//!    rules for machine-translated policy news: a period glued to the next sentence
//!    (`campaign.Pay`), closing quotes kept with their sentence, optional splitting at `;`/`；`.
//!    Each sentence gets a [`SentenceKind`]: title, heading, body, or boilerplate (date and
//!    byline lines, `The original title: ...`, a trailing reporter credit in parentheses).
//! 4. **Words** ([`WordTokenizer`]): the fast [`NativeTokenizer`], or [`HfWordTokenizer`] built
//!    on Hugging Face `tokenizers` (which also loads any `tokenizer.json`).
//! 5. **Per token**: normalized form (NFKC, case-folded, typographic quotes mapped), Snowball
//!    stem, stop-word flag; terms and stems are interned, so later stages count with vectors.
//!
//! Every span is a byte range into the original text; nothing is copied per sentence or token.
//!
//! ```
//! use brief_tokenize::{analyze, SentenceKind};
//!
//! let doc = analyze("Gansu S&T work meeting\n\n2022-02-25 By\n\n\
//!     The meeting pointed out key tasks.We will train talent.\n\n(Reporter Su Jiaying)");
//! let kinds: Vec<SentenceKind> = doc.sentences().iter().map(|s| s.kind).collect();
//! assert_eq!(kinds, [SentenceKind::Title, SentenceKind::Metadata, SentenceKind::Body,
//!                    SentenceKind::Body, SentenceKind::Credit]);
//! assert_eq!(doc.sentence_text(3), "We will train talent.");
//! let stems: Vec<&str> = doc.sentence_tokens(3).iter().map(|t| doc.stem(t.stem)).collect();
//! assert_eq!(stems, ["we", "will", "train", "talent"]);
//! ```
//!
//! # Model-token budgets
//!
//! [`TokenCounter`] counts the tokens of a Hugging Face `tokenizer.json`, so that a summary can
//! be cut to "at most 512 model tokens"; [`TokenCounter::builtin`] is a small WordPiece
//! tokenizer trained by the project on its own samples, so nothing is downloaded.
//!
//! # Features
//!
//! * `hf` (off by default): [`HfWordTokenizer`], [`TokenCounter`] and [`train_wordpiece`], on
//!   Hugging Face `tokenizers` (pure Rust, `fancy-regex`, no network).
//! * `encodings` (default): [`decode_any`], legacy encodings detected and decoded.
//! * `zh` (default): Chinese word segmentation with jieba-rs.
//! * `html` (default): [`html_to_text`], the text a reader sees of a saved web page, read by
//!   html5ever's tokenizer.
#![deny(missing_docs)]

#[cfg(feature = "hf")]
mod budget;
mod document;
mod error;
mod fastsplit;
#[cfg(feature = "html")]
mod html;
mod input;
pub mod jsonl;
pub mod phrase;

/// Smoothed inverse document frequency, `ln((N + 1) / (df + 1)) + 1`, of a term found in
/// `df` of `n` documents (scikit-learn's `smooth_idf`): never zero, finite for `df = 0`. The
/// one IDF every brief stage uses (keyword weights, sentence vectors, theme features).
///
/// ```
/// use brief_tokenize::idf;
/// assert_eq!(idf(9, 9), 1.0);
/// assert!(idf(9, 0) > idf(9, 1));
/// assert!((idf(99, 9) - (10.0f64.ln() + 1.0)).abs() < 1e-12);
/// ```
pub fn idf(n: usize, df: usize) -> f64 {
    ((n as f64 + 1.0) / (df as f64 + 1.0)).ln() + 1.0
}

/// Builds, now, the tables that splitting English text builds on first use (`sentencex`
/// compiles its expressions and abbreviation lists lazily, about a millisecond). Analysis
/// never needs this call: it is for a program about to analyse many documents on several
/// threads, which can call it on a spare thread while it reads its input, so that the first
/// documents do not wait for one thread to build them.
///
/// ```
/// brief_tokenize::prepare();
/// assert_eq!(brief_tokenize::analyze("Dr. Li spoke. The lab opened.").sentences().len(), 2);
/// ```
pub fn prepare() {
    sentence::prepare();
}

mod normalize;
mod sentence;
mod stem;
mod word;

#[cfg(feature = "hf")]
pub use budget::{train_wordpiece, TokenCounter, BUILTIN_TOKENIZER_JSON};
pub use document::{
    analyze, analyze_fragment, analyze_phrases, Analyzer, Document, Language, Paragraph,
    ParagraphMode, Sentence, Span, TermId, Token,
};
pub use error::{Error, ErrorKind};
#[cfg(feature = "html")]
pub use html::{html_to_text, looks_like_html};
#[cfg(feature = "encodings")]
pub use input::decode_any;
pub use input::{decode, decode_vec, DecodeOptions, Decoded};
pub use normalize::{normalize, normalize_into, to_simplified};
pub use sentence::{SentenceKind, SentenceSplitter, SentencexSplitter};
#[cfg(feature = "hf")]
pub use word::HfWordTokenizer;
pub use word::{is_cjk, is_han, NativeTokenizer, WordTokenizer};
