use super::{check_finite, SentenceScorer};
use crate::error::Error;
use brief_tokenize::Document;
use serde::{Deserialize, Serialize};

/// Lead bias of news: the first body sentences of the article score highest, and the first
/// sentence of each paragraph gets a bonus.
///
/// The k-th body sentence (k = 0, 1, ...) scores `1 / (1 + decay * k)`, plus
/// `paragraph_bonus` if it opens a paragraph. Titles, headings and boilerplate score 0.
///
/// ```
/// use brief_summarize::{Position, SentenceScorer};
///
/// let doc = brief_tokenize::analyze("2022-02-25 By\n\nWe met.We agreed.\n\nWe left.");
/// let s = Position { decay: 1.0, paragraph_bonus: 0.5 }.score(&doc);
/// assert_eq!(s, [0.0, 1.5, 0.5, 1.0 / 3.0 + 0.5]);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Position {
    /// How fast the lead bias decays with the sentence's rank (>= 0).
    pub decay: f64,
    /// Bonus for the first sentence of a paragraph (>= 0).
    pub paragraph_bonus: f64,
}

impl Default for Position {
    fn default() -> Self {
        Position {
            decay: 0.3,
            paragraph_bonus: 0.1,
        }
    }
}

impl Position {
    /// LEAD: the body sentences in document order (`decay` 1, no paragraph bonus), the classic
    /// news baseline (LEAD-3 with three sentences).
    pub fn lead() -> Self {
        Position {
            decay: 1.0,
            paragraph_bonus: 0.0,
        }
    }

    pub(crate) fn validate(&self) -> Result<(), Error> {
        check_finite("position.decay", self.decay, 0.0, 1e6)?;
        check_finite("position.paragraph_bonus", self.paragraph_bonus, 0.0, 1e6)
    }
}

impl SentenceScorer for Position {
    fn validate(&self) -> Result<(), crate::error::Error> {
        Position::validate(self)
    }

    fn name(&self) -> &str {
        "position"
    }

    fn score_into(&self, doc: &Document, out: &mut Vec<f64>) {
        out.clear();
        let mut k = 0usize;
        for s in doc.sentences() {
            if !s.kind.is_body() {
                out.push(0.0);
                continue;
            }
            let lead = 1.0 / (1.0 + self.decay * k as f64);
            let para = if s.first_in_paragraph {
                self.paragraph_bonus
            } else {
                0.0
            };
            out.push(lead + para);
            k += 1;
        }
    }
}
