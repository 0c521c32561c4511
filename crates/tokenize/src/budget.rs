//! Token budgets in model tokens: count how many tokens of a language model's `tokenizer.json`
//! a sentence or span takes, and train a small tokenizer of one's own.

use crate::error::{Error, ErrorKind};
use crate::word::HfWordTokenizer;
use std::path::Path;
use tokenizers::decoders::wordpiece::WordPiece as WordPieceDecoder;
use tokenizers::models::wordpiece::{WordPiece, WordPieceTrainer};
use tokenizers::models::TrainerWrapper;
use tokenizers::normalizers::bert::BertNormalizer;
use tokenizers::pre_tokenizers::bert::BertPreTokenizer;
use tokenizers::{AddedToken, Tokenizer};

/// The WordPiece `tokenizer.json` that brief ships, trained by
/// `cargo run -p brief-tokenize --example train_tokenizer` on the project's own sample texts.
pub const BUILTIN_TOKENIZER_JSON: &str =
    include_str!("../../../data/tokenizer/brief-wordpiece.json");

fn tok_err(what: impl std::fmt::Display) -> Error {
    Error::new(ErrorKind::Tokenizer(what.to_string()))
}

/// Counts model tokens with a Hugging Face `tokenizer.json`.
///
/// ```
/// use brief_tokenize::TokenCounter;
///
/// let counter = TokenCounter::builtin();
/// let n = counter.count("The province will strengthen key laboratories.").unwrap();
/// assert!(n >= 6);
/// ```
#[derive(Clone)]
pub struct TokenCounter {
    tokenizer: Tokenizer,
}

impl std::fmt::Debug for TokenCounter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenCounter")
            .field("vocab_size", &self.tokenizer.get_vocab_size(true))
            .finish()
    }
}

impl TokenCounter {
    /// The tokenizer shipped with brief (WordPiece, about 1,400 entries, trained on the texts in `data/samples/`).
    ///
    /// Parsed once per process (a copy is returned); the shipped file is checked by a unit
    /// test, so a failure to load it is a defect of the build, which panics naming the file.
    pub fn builtin() -> Self {
        static BUILTIN: std::sync::OnceLock<TokenCounter> = std::sync::OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                Self::from_json(BUILTIN_TOKENIZER_JSON).unwrap_or_else(|e| {
                    panic!("data/tokenizer/brief-wordpiece.json, shipped in this build, does not load: {e}")
                })
            })
            .clone()
    }

    /// Loads a `tokenizer.json` file.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let json = std::fs::read_to_string(path)
            .map_err(|e| Error::new(ErrorKind::Io(path.display().to_string())).with_source(e))?;
        Self::from_json(&json).map_err(|e| match e.kind() {
            ErrorKind::Tokenizer(m) => tok_err(format!("{}: {m}", path.display())),
            _ => e,
        })
    }

    /// Parses the contents of a `tokenizer.json`.
    ///
    /// The file's own truncation and padding settings are dropped: a budget counts every
    /// token of a sentence, never a truncated or padded length. Malformed files are errors,
    /// including those that would make `tokenizers` panic.
    pub fn from_json(json: &str) -> Result<Self, Error> {
        // Truncated or garbled JSON is caught here, before `tokenizers` sees it.
        serde_json::from_str::<serde::de::IgnoredAny>(json)
            .map_err(|e| tok_err(format!("invalid tokenizer.json: {e}")))?;
        let parsed = std::panic::catch_unwind(|| json.parse::<Tokenizer>())
            .map_err(|_| tok_err("invalid tokenizer.json: the tokenizers library rejected it"))?;
        let mut tokenizer = parsed.map_err(|e| tok_err(format!("invalid tokenizer.json: {e}")))?;
        tokenizer
            .with_truncation(None)
            .map_err(|e| tok_err(format!("invalid tokenizer.json: {e}")))?;
        tokenizer.with_padding(None);
        let counter = TokenCounter { tokenizer };
        // A model that cannot encode a plain sentence is rejected now, not at the first budget.
        counter.count("Key laboratories, talent and 3.5% growth.")?;
        Ok(counter)
    }

    /// Number of model tokens of `text`, without special tokens.
    pub fn count(&self, text: &str) -> Result<usize, Error> {
        let tok = &self.tokenizer;
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            tok.encode_fast(text, false)
        }))
        .map_err(|_| tok_err("the tokenizer failed on this text"))?
        .map(|e| e.len())
        .map_err(tok_err)
    }

    /// A word tokenizer that uses this tokenizer's normalizer and pre-tokenizer.
    pub fn word_tokenizer(&self) -> HfWordTokenizer {
        HfWordTokenizer::from_tokenizer(&self.tokenizer)
    }

    /// The underlying `tokenizers::Tokenizer`.
    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    /// Serializes the tokenizer as `tokenizer.json` text.
    pub fn to_json(&self, pretty: bool) -> Result<String, Error> {
        self.tokenizer.to_string(pretty).map_err(tok_err)
    }
}

/// Trains a WordPiece tokenizer (BERT normalizer and pre-tokenizer, lower-casing) on texts.
///
/// ```
/// let texts = ["Science and technology work meeting.", "Key laboratories and talent."];
/// let counter = brief_tokenize::train_wordpiece(texts.iter(), 200).unwrap();
/// assert!(counter.count("science meeting").unwrap() >= 2);
/// ```
pub fn train_wordpiece<I, S>(texts: I, vocab_size: usize) -> Result<TokenCounter, Error>
where
    I: Iterator<Item = S> + Send,
    S: AsRef<str> + Send,
{
    let mut trainer: TrainerWrapper = WordPieceTrainer::builder()
        .vocab_size(vocab_size)
        .min_frequency(1)
        .show_progress(false)
        .special_tokens(vec![
            AddedToken::from("[UNK]", true),
            AddedToken::from("[CLS]", true),
            AddedToken::from("[SEP]", true),
        ])
        .build()
        .into();
    let mut tokenizer = Tokenizer::new(WordPiece::default());
    tokenizer
        .with_normalizer(Some(BertNormalizer::default()))
        .with_pre_tokenizer(Some(BertPreTokenizer))
        .with_decoder(Some(WordPieceDecoder::default()));
    tokenizer.train(&mut trainer, texts).map_err(tok_err)?;
    Ok(TokenCounter { tokenizer })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_loads_and_counts() {
        let c = TokenCounter::from_json(BUILTIN_TOKENIZER_JSON).expect("shipped tokenizer.json");
        assert!(c.tokenizer().get_vocab_size(true) > 1000);
        let n = c.count("innovation-oriented enterprises").unwrap();
        assert!((3..=10).contains(&n), "{n}");
        assert_eq!(c.count("").unwrap(), 0);
    }

    #[test]
    fn rejects_garbage() {
        assert!(TokenCounter::from_json("{\"model\": 3}").is_err());
        assert!(TokenCounter::from_json("").is_err());
        let e = TokenCounter::from_file("/nonexistent/tokenizer.json").unwrap_err();
        assert!(e.to_string().contains("/nonexistent/tokenizer.json"));
    }
}
