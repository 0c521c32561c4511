//! The evaluation runner: mean ROUGE per scorer over a JSON Lines corpus, side by side.

use crate::error::{Error, ErrorKind};
use crate::rouge::{rouge, Prf, RougeScores};
use crate::scorers::AnyScorer;
use crate::summary::{Budget, Summarizer};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// How many sentences each evaluated summary has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvalLength {
    /// A fixed number of sentences.
    Fixed(usize),
    /// As many sentences as the document's reference summary.
    Reference,
}

/// Where the fields of a corpus line are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorpusFields {
    /// The document id (`id`).
    pub id: String,
    /// The article text (`article`).
    pub text: String,
    /// The reference summary: a list of sentences or one string (`summary_sentences`).
    pub summary: String,
    /// An optional title, put on the first line of the text (`title`).
    pub title: Option<String>,
}

impl Default for CorpusFields {
    fn default() -> Self {
        CorpusFields {
            id: "id".into(),
            text: "article".into(),
            summary: "summary_sentences".into(),
            title: Some("title".into()),
        }
    }
}

/// One evaluation document.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalDoc {
    /// Its id.
    pub id: String,
    /// Its text (with the title on the first line, if there was one).
    pub text: String,
    /// The reference sentences.
    pub reference: Vec<String>,
}

/// Reads a JSON Lines corpus. Blank lines are skipped; a malformed line is an error that
/// names its line number.
pub fn read_corpus(jsonl: &str, fields: &CorpusFields) -> Result<Vec<EvalDoc>, Error> {
    let mut docs = Vec::new();
    for (i, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = |msg: String| {
            Error::new(ErrorKind::Parse {
                what: format!("line {}", i + 1),
                message: msg,
            })
        };
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| bad(e.to_string()))?;
        let id = match &v[&fields.id] {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Null => (i + 1).to_string(),
            other => other.to_string(),
        };
        let body = v[&fields.text]
            .as_str()
            .ok_or_else(|| bad(format!("no string field `{}`", fields.text)))?;
        let reference: Vec<String> = match &v[&fields.summary] {
            serde_json::Value::String(s) => brief_tokenize::analyze(s)
                .sentences()
                .iter()
                .map(|x| s[x.span.range()].to_owned())
                .collect(),
            serde_json::Value::Array(a) => a
                .iter()
                .filter_map(|x| x.as_str().map(|s| s.trim().to_owned()))
                .collect(),
            _ => {
                return Err(bad(format!(
                    "no field `{}` (string or list)",
                    fields.summary
                )))
            }
        };
        let text = match fields.title.as_ref().and_then(|t| v[t].as_str()) {
            Some(t) if !t.trim().is_empty() => format!("{}\n{}", t.trim(), body),
            _ => body.to_owned(),
        };
        docs.push(EvalDoc {
            id,
            text,
            reference,
        });
    }
    Ok(docs)
}

/// Mean ROUGE of one scorer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvalRow {
    /// The scorer's name.
    pub scorer: String,
    /// Number of documents.
    pub docs: usize,
    /// Mean scores.
    pub rouge: RougeScores,
}

/// Summarizes every document with every scorer and returns mean ROUGE per scorer, in the order
/// given. Documents are analysed once and processed in parallel.
///
/// ```
/// use brief_summarize::{evaluate, AnyScorer, EvalDoc, EvalLength};
///
/// let docs = vec![EvalDoc {
///     id: "a".into(),
///     text: "Talent is the key resource of the province.The province funds new laboratories.\
///            It rained in the city today.".into(),
///     reference: vec!["The province funds laboratories.".into()],
/// }];
/// let scorers = vec![("position".to_string(), AnyScorer::by_name("position").unwrap())];
/// let rows = evaluate(&docs, &scorers, EvalLength::Fixed(1)).unwrap();
/// assert_eq!(rows[0].docs, 1);
/// assert!(rows[0].rouge.rouge1.f1 < 1.0);
/// ```
pub fn evaluate(
    docs: &[EvalDoc],
    scorers: &[(String, AnyScorer)],
    length: EvalLength,
) -> Result<Vec<EvalRow>, Error> {
    for (_, s) in scorers {
        s.validate()?;
    }
    let per_doc: Vec<Vec<RougeScores>> = docs
        .par_iter()
        .map(|d| {
            let doc = brief_tokenize::analyze(&d.text);
            let n = match length {
                EvalLength::Fixed(n) => n,
                EvalLength::Reference => d.reference.len(),
            }
            .max(1);
            let reference = d.reference.join("\n");
            scorers
                .iter()
                .map(|(_, s)| {
                    let summarizer = Summarizer::builder()
                        .scorer(s.clone())
                        .budget(Budget::Sentences(n))
                        .build()?;
                    let summary = summarizer.summarize(&doc)?;
                    Ok(rouge(&reference, &summary.text()))
                })
                .collect::<Result<Vec<_>, Error>>()
        })
        .collect::<Result<_, Error>>()?;
    let n = docs.len().max(1) as f64;
    Ok(scorers
        .iter()
        .enumerate()
        .map(|(k, (name, _))| {
            let mut m = RougeScores::default();
            for d in &per_doc {
                let r = &d[k];
                add(&mut m.rouge1, &r.rouge1, n);
                add(&mut m.rouge2, &r.rouge2, n);
                add(&mut m.rouge_l, &r.rouge_l, n);
                add(&mut m.rouge_lsum, &r.rouge_lsum, n);
            }
            EvalRow {
                scorer: name.clone(),
                docs: docs.len(),
                rouge: m,
            }
        })
        .collect())
}

fn add(acc: &mut Prf, x: &Prf, n: f64) {
    acc.precision += x.precision / n;
    acc.recall += x.recall / n;
    acc.f1 += x.f1 / n;
}
