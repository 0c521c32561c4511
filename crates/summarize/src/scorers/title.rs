use super::SentenceScorer;
use crate::vectors::is_content;
use brief_tokenize::{Document, SentenceKind};
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

/// Edmundson's title method: the share of the title's content stems that a sentence contains.
///
/// The title is the document's [`SentenceKind::Title`] line; headings count too, at
/// `heading_weight`. A document without title or headings scores all zeros.
///
/// ```
/// use brief_summarize::{SentenceScorer, Title};
///
/// let doc = brief_tokenize::analyze("Gansu strengthens key laboratories\n\n\
///     The province will reorganize key laboratories.The weather was fine.");
/// let s = Title::default().score(&doc);
/// assert_eq!(s[0], 0.0);
/// assert!(s[1] >= 0.5 && s[2] == 0.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Title {
    /// Weight of heading words relative to title words.
    pub heading_weight: f64,
}

impl Default for Title {
    fn default() -> Self {
        Title {
            heading_weight: 0.5,
        }
    }
}

impl Title {
    pub(crate) fn validate(&self) -> Result<(), crate::error::Error> {
        super::check_finite("title.heading_weight", self.heading_weight, 0.0, 1e6)
    }
}

impl SentenceScorer for Title {
    fn validate(&self) -> Result<(), crate::error::Error> {
        Title::validate(self)
    }

    fn name(&self) -> &str {
        "title"
    }

    fn score_into(&self, doc: &Document, out: &mut Vec<f64>) {
        out.clear();
        let mut title = FxHashSet::default();
        let mut heading = FxHashSet::default();
        for (i, s) in doc.sentences().iter().enumerate() {
            let set = match s.kind {
                SentenceKind::Title => &mut title,
                SentenceKind::Heading => &mut heading,
                _ => continue,
            };
            set.extend(
                doc.sentence_tokens(i)
                    .iter()
                    .filter(|t| is_content(doc, t))
                    .map(|t| t.stem),
            );
        }
        heading.retain(|s| !title.contains(s));
        let total = title.len() as f64 + self.heading_weight * heading.len() as f64;
        let mut seen = FxHashSet::default();
        for (i, s) in doc.sentences().iter().enumerate() {
            if !s.kind.is_body() || total == 0.0 {
                out.push(0.0);
                continue;
            }
            seen.clear();
            let mut hit = 0.0;
            for t in doc.sentence_tokens(i) {
                if seen.insert(t.stem) {
                    if title.contains(&t.stem) {
                        hit += 1.0;
                    } else if heading.contains(&t.stem) {
                        hit += self.heading_weight;
                    }
                }
            }
            out.push(hit / total);
        }
    }
}
