use super::{
    check_finite, max_abs, AnyScorer, BackgroundChoice, Centrality, Learned, Length,
    SentenceScorer, Similarity,
};
use crate::error::Error;
use brief_tokenize::Document;
use serde::{Deserialize, Serialize};

/// One weighted scorer of a [`Combined`] scorer.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// The weight of the scorer's normalized output.
    pub weight: f64,
    /// The scorer.
    pub scorer: AnyScorer,
}

/// Each part's normalized scores, as computed by [`Combined::score_parts`].
#[derive(Debug, Clone, Default)]
pub struct ScoredParts {
    /// `(name, weight, normalized scores)` per part; a part's contribution to sentence `i` is
    /// `weight * normalized[i]`.
    pub parts: Vec<(String, f64, Vec<f64>)>,
    /// Raw (unnormalized) scores per part.
    pub raw: Vec<Vec<f64>>,
    /// The combined score per sentence.
    pub total: Vec<f64>,
}

/// A weighted sum of scorers, each normalized so that its largest absolute score in the
/// document is 1.
///
/// The default weights were chosen by measurement on the BBC News Summary dev corpus (see the
/// README); load other weights from a JSON file with `serde_json`.
///
/// ```
/// use brief_summarize::{Combined, SentenceScorer};
///
/// let json = r#"{"parts": [
///     {"weight": 1.0, "scorer": {"type": "position"}},
///     {"weight": 2.0, "scorer": {"type": "keyword", "length_norm": 0.5}}
/// ]}"#;
/// let combined: Combined = serde_json::from_str(json).unwrap();
/// combined.validate().unwrap();
/// let doc = brief_tokenize::analyze("Laboratories matter.We fund laboratories.It rained.");
/// assert_eq!(combined.score(&doc).len(), 3);
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Combined {
    /// The weighted scorers.
    pub parts: Vec<Part>,
}

impl Default for Combined {
    /// The default, measured across three kinds of news (BBC, CNN, S&T policy news; see the
    /// README): an ensemble of three centrality graphs, a light length penalty and the
    /// [`Learned`] scorer (position, figures, keywords and title overlap, weighted by what
    /// editors keep).
    fn default() -> Self {
        let part = |weight, scorer| Part { weight, scorer };
        Combined {
            parts: vec![
                part(
                    1.0,
                    AnyScorer::Centrality(Centrality {
                        similarity: Similarity::Overlap,
                        ..Centrality::textrank()
                    }),
                ),
                part(
                    0.6,
                    AnyScorer::Centrality(Centrality {
                        background: BackgroundChoice::Document,
                        ..Centrality::textrank()
                    }),
                ),
                part(0.3, AnyScorer::Centrality(Centrality::lexrank())),
                part(0.15, AnyScorer::Length(Length::default())),
                part(0.6, AnyScorer::Learned(Learned::default())),
            ],
        }
    }
}

impl Combined {
    /// Checks weights and every part.
    pub fn validate(&self) -> Result<(), Error> {
        if self.parts.is_empty() {
            return Err(Error::config("a combined scorer needs at least one part"));
        }
        for p in &self.parts {
            check_finite("combined weight", p.weight, -1e6, 1e6)?;
            p.scorer.validate()?;
        }
        Ok(())
    }

    fn parts_of(&self, doc: &Document, share: f64) -> ScoredParts {
        let n = doc.sentences().len();
        let mut out = ScoredParts {
            total: vec![0.0; n],
            ..Default::default()
        };
        super::prepare_scores(self.parts.iter().map(|p| &p.scorer), doc);
        for p in &self.parts {
            let buf = match &p.scorer {
                // Plain scorers through the per-document memo (shared with `Learned`).
                AnyScorer::Learned(l) => l.total_at(doc, share),
                AnyScorer::Combined(c) => c.score_parts_at(doc, share).total,
                s => super::memo_scores(s, doc),
            };
            let max = max_abs(&buf);
            let norm: Vec<f64> = if max > 0.0 {
                buf.iter().map(|&x| x / max).collect()
            } else {
                vec![0.0; n]
            };
            for (t, &x) in out.total.iter_mut().zip(&norm) {
                *t += p.weight * x;
            }
            out.parts.push((p.scorer.name().to_owned(), p.weight, norm));
            out.raw.push(buf);
        }
        out
    }
}

impl SentenceScorer for Combined {
    fn validate(&self) -> Result<(), crate::error::Error> {
        Combined::validate(self)
    }

    fn name(&self) -> &str {
        "combined"
    }

    /// Each part's normalized scores and the total.
    fn score_parts(&self, doc: &Document) -> ScoredParts {
        self.parts_of(doc, super::learned::default_share(doc))
    }

    fn score_parts_at(&self, doc: &Document, share: f64) -> ScoredParts {
        self.parts_of(doc, share)
    }

    fn score_into(&self, doc: &Document, out: &mut Vec<f64>) {
        out.clear();
        out.resize(doc.sentences().len(), 0.0);
        let mut buf = Vec::with_capacity(out.len());
        super::prepare(self.parts.iter().map(|p| &p.scorer), doc);
        for p in &self.parts {
            p.scorer.score_into(doc, &mut buf);
            let max = max_abs(&buf);
            if max > 0.0 {
                let k = p.weight / max;
                for (t, &x) in out.iter_mut().zip(&buf) {
                    *t += k * x;
                }
            }
        }
    }
}
