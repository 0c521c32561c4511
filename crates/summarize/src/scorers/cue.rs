use super::SentenceScorer;
use crate::error::Error;
use brief_tokenize::phrase::PhraseMatcher;
use brief_tokenize::Document;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, OnceLock};

/// Bonus and stigma phrases for [`Cue`], as in `data/cue/en.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CueLexicon {
    /// Format version (1).
    pub format: u32,
    /// What the lexicon is for.
    #[serde(default)]
    pub description: String,
    /// Phrases that mark summary-worthy sentences.
    pub bonus: Vec<String>,
    /// Phrases that mark sentences a summary should avoid.
    pub stigma: Vec<String>,
    #[serde(skip)]
    compiled: OnceLock<[Vec<Vec<String>>; 2]>,
}

impl CueLexicon {
    /// The lexicon shipped with brief, written for science-and-technology policy news.
    ///
    /// Like every `builtin()` in brief: parsed once per process and shared (an `Arc`); the
    /// shipped file is checked by a unit test, so a failure to load it is a defect of the
    /// build, which panics naming the file, never silently empty data.
    pub fn builtin() -> Arc<CueLexicon> {
        static BUILTIN: OnceLock<Arc<CueLexicon>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                Arc::new(
                    CueLexicon::from_json(include_str!("../../../../data/cue/en.json"))
                        .unwrap_or_else(|e| {
                            panic!("data/cue/en.json, shipped in this build, does not load: {e}")
                        }),
                )
            })
            .clone()
    }

    /// Parses a lexicon from JSON.
    pub fn from_json(json: &str) -> Result<Self, Error> {
        let lex: CueLexicon =
            serde_json::from_str(json).map_err(|e| Error::json("cue lexicon", "cue lexicon", e))?;
        if lex.format != 1 {
            return Err(Error::config(format!(
                "cue lexicon format {} is not supported",
                lex.format
            )));
        }
        Ok(lex)
    }

    /// The phrases as stem sequences: `[bonus, stigma]`.
    fn stems(&self) -> &[Vec<Vec<String>>; 2] {
        self.compiled.get_or_init(|| {
            // One fragment for every phrase, not a document each (start-up time).
            let (d, ranges) =
                brief_tokenize::analyze_phrases(self.bonus.iter().chain(&self.stigma));
            let mut stems = ranges.into_iter().map(|r| -> Vec<String> {
                d.tokens()[r]
                    .iter()
                    .map(|t| d.stem(t.stem).to_owned())
                    .collect()
            });
            let mut conv = |n: usize| -> Vec<Vec<String>> {
                stems.by_ref().take(n).filter(|v| !v.is_empty()).collect()
            };
            [conv(self.bonus.len()), conv(self.stigma.len())]
        })
    }
}

/// Edmundson's cue method: bonus phrases ("pointed out", "we will", "key task") raise a
/// sentence's score, stigma phrases ("attended the meeting", "reporter") lower it.
///
/// Phrases are matched on stems, so "strengthening" matches "strengthen". A sentence scores
/// `bonus_hits - stigma_weight * stigma_hits`, and may be negative.
///
/// ```
/// use brief_summarize::{Cue, SentenceScorer};
///
/// let doc = brief_tokenize::analyze("The meeting pointed out the key tasks.The governor attended the meeting.");
/// let s = Cue::default().score(&doc);
/// assert!(s[0] > 0.0 && s[1] < s[0]);
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Cue {
    /// Weight of one stigma hit relative to one bonus hit.
    pub stigma_weight: f64,
    #[serde(skip)]
    lexicon: Option<Arc<CueLexicon>>,
}

impl Default for Cue {
    fn default() -> Self {
        Cue {
            stigma_weight: 1.0,
            lexicon: None,
        }
    }
}

impl Cue {
    pub(crate) fn validate(&self) -> Result<(), crate::error::Error> {
        super::check_finite("cue.stigma_weight", self.stigma_weight, 0.0, 1e6)
    }

    /// Uses this lexicon instead of the builtin one.
    pub fn with_lexicon(mut self, lexicon: Arc<CueLexicon>) -> Self {
        self.lexicon = Some(lexicon);
        self
    }
}

/// The phrases as sequences of the document's stem ids; a phrase with a stem that the
/// document lacks cannot match and is left out.
fn compile(doc: &Document, phrases: &[Vec<String>]) -> PhraseMatcher<()> {
    let mut m = PhraseMatcher::default();
    for p in phrases {
        let ids: Option<Vec<u32>> = p.iter().map(|s| doc.stem_id(s)).collect();
        if let Some(ids) = ids {
            m.insert(&ids, ());
        }
    }
    m
}

impl SentenceScorer for Cue {
    fn validate(&self) -> Result<(), crate::error::Error> {
        Cue::validate(self)
    }

    fn name(&self) -> &str {
        "cue"
    }

    fn score_into(&self, doc: &Document, out: &mut Vec<f64>) {
        out.clear();
        let lex = self.lexicon.clone().unwrap_or_else(CueLexicon::builtin);
        let [bonus, stigma] = lex.stems();
        let bonus = compile(doc, bonus);
        let stigma = compile(doc, stigma);
        let mut stems: Vec<u32> = Vec::new();
        for (i, s) in doc.sentences().iter().enumerate() {
            if !s.kind.is_body() {
                out.push(0.0);
                continue;
            }
            stems.clear();
            stems.extend(doc.sentence_tokens(i).iter().map(|t| t.stem));
            // A hit per position where a phrase starts ("we will" is two: "we will" and "will").
            let count = |m: &PhraseMatcher<()>| -> f64 {
                (0..stems.len())
                    .filter(|&j| m.longest_at(&stems, j).is_some())
                    .count() as f64
            };
            out.push(count(&bonus) - self.stigma_weight * count(&stigma));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_analysed_together_have_the_stems_of_each_alone() {
        let lex = CueLexicon::builtin();
        let alone = |phrases: &[String]| -> Vec<Vec<String>> {
            phrases
                .iter()
                .map(|p| {
                    let d = brief_tokenize::analyze_fragment(p);
                    d.tokens()
                        .iter()
                        .map(|t| d.stem(t.stem).to_owned())
                        .collect()
                })
                .filter(|v: &Vec<String>| !v.is_empty())
                .collect()
        };
        let [bonus, stigma] = lex.stems();
        assert_eq!(bonus, &alone(&lex.bonus));
        assert_eq!(stigma, &alone(&lex.stigma));
        assert!(bonus.len() > 10 && stigma.len() > 10);
    }
}
