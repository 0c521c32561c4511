use super::{check_finite, SentenceScorer};
use crate::error::Error;
use brief_tokenize::Document;
use serde::{Deserialize, Serialize};

/// A penalty for fragments and run-on sentences.
///
/// A body sentence of `min_words..=max_words` words scores 1; a shorter one
/// `(words / min_words)²`, a longer one `(max_words / words)²`.
///
/// ```
/// use brief_summarize::{Length, SentenceScorer};
///
/// let doc = brief_tokenize::analyze("Too short.This sentence has a length that is just right here.");
/// let s = Length { min_words: 6, max_words: 30 }.score(&doc);
/// assert!(s[0] < 0.2 && s[1] == 1.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Length {
    /// Fewer words than this is a fragment.
    pub min_words: usize,
    /// More words than this is a run-on sentence.
    pub max_words: usize,
}

impl Default for Length {
    fn default() -> Self {
        Length {
            min_words: 10,
            max_words: 40,
        }
    }
}

impl Length {
    pub(crate) fn validate(&self) -> Result<(), Error> {
        check_finite("length.min_words", self.min_words as f64, 1.0, 1e6)?;
        if self.max_words < self.min_words {
            return Err(Error::config(
                "length.max_words must be >= length.min_words",
            ));
        }
        Ok(())
    }
}

impl SentenceScorer for Length {
    fn validate(&self) -> Result<(), crate::error::Error> {
        Length::validate(self)
    }

    fn name(&self) -> &str {
        "length"
    }

    fn score_into(&self, doc: &Document, out: &mut Vec<f64>) {
        out.clear();
        let (lo, hi) = (self.min_words.max(1) as f64, self.max_words.max(1) as f64);
        out.extend(doc.sentences().iter().map(|s| {
            if !s.kind.is_body() {
                return 0.0;
            }
            let w = s.word_count() as f64;
            if w < lo {
                (w / lo).powi(2)
            } else if w > hi {
                (hi / w).powi(2)
            } else {
                1.0
            }
        }));
    }
}
