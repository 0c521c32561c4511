//! Theme-focused summaries: the summarizer's choice leaning towards the sentences a theme
//! classifier finds about one theme. This composes the two stages, which stay independent of
//! each other.
//!
//! ```
//! use brief::classify::HybridModel;
//! use brief::focus::{summarize_about, ThemeFocus};
//! use brief::summarize::{Budget, Summarizer};
//!
//! let doc = brief::tokenize::analyze(
//!     "The meeting reviewed the work of the past year.\
//!      The province will recruit young scientists and build talent teams.\
//!      New energy vehicles and solar power will grow.",
//! );
//! let model = HybridModel::builtin();
//! let focus = ThemeFocus::new(&*model, "talent").unwrap();
//! let summarizer = Summarizer::builder().budget(Budget::Sentences(1)).build().unwrap();
//! let summary = summarize_about(&summarizer, &doc, &focus).unwrap();
//! assert_eq!(summary.sentences[0].index, 1);
//! ```

use brief_classify::{Classifier, Error as ClassifyError};
use brief_summarize::{Error as SummarizeError, SentenceScorer, Summarizer, Summary};
use brief_tokenize::Document;

/// How much a theme's sentence scores weigh against the summarizer's own scores (both
/// normalized to their largest value in the document): the best theme sentence gains 0.6 of
/// what the best-scored sentence has.
pub const THEME_WEIGHT: f64 = 0.6;

/// A theme to lean towards, with the classifier that scores sentences for it.
pub struct ThemeFocus<'a, C: Classifier + ?Sized> {
    classifier: &'a C,
    theme: usize,
    weight: f64,
}

impl<'a, C: Classifier + ?Sized> ThemeFocus<'a, C> {
    /// Focus on `theme` (an id of the classifier's taxonomy; an unknown id is an error that
    /// suggests the closest one), with the default [`THEME_WEIGHT`].
    pub fn new(classifier: &'a C, theme: &str) -> Result<Self, ClassifyError> {
        Ok(ThemeFocus {
            theme: classifier.taxonomy().require(theme)?,
            classifier,
            weight: THEME_WEIGHT,
        })
    }

    /// Another weight for the theme's scores (0 turns the focus off).
    pub fn weight(mut self, weight: f64) -> Self {
        self.weight = weight;
        self
    }

    /// The theme's score for every sentence of `doc` (0 for sentences that are not body text).
    pub fn sentence_scores(&self, doc: &Document) -> Vec<f64> {
        (0..doc.sentences().len())
            .map(|i| {
                if doc.sentences()[i].kind.is_body() {
                    self.classifier.sentence_scores(doc, i)[self.theme]
                } else {
                    0.0
                }
            })
            .collect()
    }
}

/// Summarizes `doc` with `summarizer`, preferring the sentences about `focus`'s theme.
pub fn summarize_about<S: SentenceScorer, C: Classifier + ?Sized>(
    summarizer: &Summarizer<S>,
    doc: &Document,
    focus: &ThemeFocus<'_, C>,
) -> Result<Summary, SummarizeError> {
    let prefer = focus.sentence_scores(doc);
    summarizer.summarize_with(doc, Some((focus.weight, &prefer)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use brief_classify::HybridModel;
    use brief_summarize::Budget;

    #[test]
    fn focus_moves_the_choice_and_weight_zero_turns_it_off() {
        let doc =
            brief_tokenize::analyze(include_str!("../data/samples/hubei-lab-reform-meeting.txt"));
        let model = HybridModel::builtin();
        let s = Summarizer::builder()
            .budget(Budget::Sentences(2))
            .build()
            .unwrap();
        let plain = s.summarize(&doc).unwrap();
        let off = ThemeFocus::new(&*model, "digital").unwrap().weight(0.0);
        assert_eq!(summarize_about(&s, &doc, &off).unwrap(), plain);
        let on = ThemeFocus::new(&*model, "digital").unwrap().weight(5.0);
        let about = summarize_about(&s, &doc, &on).unwrap();
        let scores = on.sentence_scores(&doc);
        let best = |sum: &Summary| {
            sum.sentences
                .iter()
                .map(|x| scores[x.index])
                .fold(0.0, f64::max)
        };
        assert!(best(&about) >= best(&plain));
        assert!(about.sentences.iter().any(|x| scores[x.index] > 0.5));
        let e = ThemeFocus::new(&*model, "digitl").err().unwrap();
        assert!(e.to_string().contains("did you mean `digital`?"));
    }
}
