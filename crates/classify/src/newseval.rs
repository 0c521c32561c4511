//! Evaluation on labelled policy news: document themes and sentence themes, in the layout of
//! brief's policy-news dev set (`texts/LANG/*.txt`, `themes.jsonl`, `sentence-themes.jsonl`).

use crate::classifier::{Classifier, PredictOptions};
use crate::error::{Error, ErrorKind};
use crate::metrics::{metrics, Metrics};
use crate::taxonomy::Taxonomy;
use crate::train::{predict_indices, Record};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// One labelled sentence of a document.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelledSentence {
    /// The document id.
    pub doc: String,
    /// The sentence, verbatim from the text.
    pub text: String,
    /// Its themes (empty: metadata or contentless).
    pub labels: Vec<String>,
}

/// A labelled news corpus.
#[derive(Debug, Clone, Default)]
pub struct NewsCorpus {
    /// The documents with their themes.
    pub docs: Vec<Record>,
    /// The labelled sentences (of some documents).
    pub sentences: Vec<LabelledSentence>,
}

fn io_err(p: &Path, e: std::io::Error) -> Error {
    Error::io(p, e)
}

fn parse_err(what: String, message: String) -> Error {
    Error::new(ErrorKind::Corpus { what, message })
}

/// Reads the documents of language `lang` and their labels. Labels outside the taxonomy are
/// errors.
pub fn read_news_corpus(dir: &Path, lang: &str, tax: &Taxonomy) -> Result<NewsCorpus, Error> {
    #[derive(Deserialize)]
    struct Doc {
        id: String,
        labels: Vec<String>,
    }
    #[derive(Deserialize)]
    struct Sent {
        id: String,
        sentence: String,
        labels: Vec<String>,
    }
    let read_lines = |name: &str| -> Result<Vec<(usize, String)>, Error> {
        let p = dir.join(name);
        let bytes = std::fs::read(&p).map_err(|e| io_err(&p, e))?;
        brief_tokenize::jsonl::lines(&bytes)
            .map(|l| match l {
                Ok(l) => Ok((l.number, l.text.into_owned())),
                Err(e) => Err(parse_err(
                    format!("{name}: line {}", e.number),
                    e.kind.to_string(),
                )),
            })
            .collect()
    };
    let check = |labels: &[String], what: &str| -> Result<(), Error> {
        match labels.iter().find(|l| tax.index_of(l).is_none()) {
            Some(l) => Err(parse_err(what.to_owned(), format!("unknown theme `{l}`"))),
            None => Ok(()),
        }
    };
    let prefix = format!("{lang}/");
    let mut out = NewsCorpus::default();
    for (n, line) in read_lines("themes.jsonl")? {
        let what = format!("themes.jsonl: line {n}");
        let d: Doc =
            serde_json::from_str(&line).map_err(|e| parse_err(what.clone(), e.to_string()))?;
        let Some(name) = d.id.strip_prefix(&prefix) else {
            continue;
        };
        check(&d.labels, &what)?;
        let p = dir.join("texts").join(lang).join(format!("{name}.txt"));
        let text = std::fs::read_to_string(&p).map_err(|e| io_err(&p, e))?;
        out.docs.push(Record {
            id: d.id,
            text,
            context: String::new(),
            labels: d.labels,
        });
    }
    if dir.join("sentence-themes.jsonl").exists() {
        for (n, line) in read_lines("sentence-themes.jsonl")? {
            let what = format!("sentence-themes.jsonl: line {n}");
            let s: Sent =
                serde_json::from_str(&line).map_err(|e| parse_err(what.clone(), e.to_string()))?;
            if !s.id.starts_with(&prefix) {
                continue;
            }
            check(&s.labels, &what)?;
            out.sentences.push(LabelledSentence {
                doc: s.id,
                text: s.sentence,
                labels: s.labels,
            });
        }
    }
    Ok(out)
}

/// Sentence-level results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentenceResults {
    /// Labelled sentences found in their documents.
    pub sentences: usize,
    /// Of the sentences with themes (body sentences), the share whose predicted themes equal
    /// the labels.
    pub body_accuracy: f64,
    /// Micro-F1 over the labels of all sentences.
    pub micro_f1: f64,
    /// Of the sentences labelled with no theme (metadata, rhetoric), the share that get none.
    pub empty_accuracy: f64,
}

/// Document metrics of each named classifier, and the sentence results of the first.
pub fn evaluate_news(
    corpus: &NewsCorpus,
    models: &[(&str, &(dyn Classifier + Sync))],
) -> (Vec<(String, Metrics)>, Option<SentenceResults>) {
    let Some((_, first)) = models.first() else {
        return (Vec::new(), None);
    };
    let tax = first.taxonomy();
    let docs: Vec<_> = corpus
        .docs
        .iter()
        .map(|r| brief_tokenize::analyze(&r.text))
        .collect();
    let gold: Vec<Vec<usize>> = corpus
        .docs
        .iter()
        .map(|r| r.labels.iter().filter_map(|l| tax.index_of(l)).collect())
        .collect();
    let rows = models
        .iter()
        .map(|(name, c)| {
            let (pred, best) = predict_indices(*c, &docs);
            ((*name).to_owned(), metrics(tax, &gold, &pred, &best))
        })
        .collect();
    if corpus.sentences.is_empty() {
        return (rows, None);
    }
    // Each labelled sentence is found in its analysed document; its predicted themes are those
    // of the document's sentences that overlap it.
    let (mut found, mut body, mut body_ok, mut empty, mut empty_ok) = (0, 0, 0, 0, 0);
    let (mut tp, mut fp, mut fnn) = (0usize, 0usize, 0usize);
    for (r, doc) in corpus.docs.iter().zip(&docs) {
        let labelled: Vec<&LabelledSentence> =
            corpus.sentences.iter().filter(|s| s.doc == r.id).collect();
        if labelled.is_empty() {
            continue;
        }
        let preds = first.classify_sentences(doc, PredictOptions::default());
        let mut from = 0;
        for s in labelled {
            let Some(pos) = r.text[from..].find(s.text.as_str()).map(|p| p + from) else {
                continue;
            };
            from = pos;
            let end = pos + s.text.len();
            found += 1;
            let mut got: Vec<&str> = preds
                .iter()
                .filter(|p| p.start < end && p.end > pos)
                .flat_map(|p| p.labels.iter().map(String::as_str))
                .collect();
            got.sort_unstable();
            got.dedup();
            let mut want: Vec<&str> = s.labels.iter().map(String::as_str).collect();
            want.sort_unstable();
            let same = got == want;
            if want.is_empty() {
                empty += 1;
                empty_ok += usize::from(same);
            } else {
                body += 1;
                body_ok += usize::from(same);
            }
            tp += got.iter().filter(|g| want.contains(g)).count();
            fp += got.iter().filter(|g| !want.contains(g)).count();
            fnn += want.iter().filter(|w| !got.contains(w)).count();
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let sentences = SentenceResults {
        sentences: found,
        body_accuracy: ratio(body_ok, body),
        micro_f1: ratio(2 * tp, 2 * tp + fp + fnn),
        empty_accuracy: ratio(empty_ok, empty),
    };
    (rows, Some(sentences))
}
