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
    for line in brief_tokenize::jsonl::lines(jsonl.as_bytes()) {
        let line = line.map_err(|e| {
            Error::new(ErrorKind::Parse {
                what: format!("line {}", e.number),
                message: e.kind.to_string(),
            })
        })?;
        let (i, line) = (line.number - 1, &*line.text);
        let bad = |msg: String| {
            Error::new(ErrorKind::Parse {
                what: format!("line {}", i + 1),
                message: msg,
            })
        };
        let v: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| Error::json(format!("line {}", i + 1), "object", e))?;
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
    Ok(corpus_rows("", docs, length, scorers)?
        .into_iter()
        .map(|r| EvalRow {
            scorer: r.scorer,
            docs: r.docs,
            rouge: r.rouge,
        })
        .collect())
}

fn add(acc: &mut Prf, x: &Prf, n: f64) {
    acc.precision += x.precision / n;
    acc.recall += x.recall / n;
    acc.f1 += x.f1 / n;
}

/// A named evaluation corpus with the summary length it is evaluated at.
#[derive(Debug, Clone, PartialEq)]
pub struct Corpus {
    /// A short name for tables (`bbc`, `cnn`, `policy-news/en`).
    pub name: String,
    /// Its documents.
    pub docs: Vec<EvalDoc>,
    /// How long each summary is.
    pub length: EvalLength,
}

/// Reads a corpus in the policy-news layout: `DIR/texts/LANG/*.txt` with
/// `DIR/summaries.jsonl` (`{"id": "LANG/NAME", "summary_sentences": [...]}`). Texts without a
/// reference line are skipped; documents come in file-name order.
pub fn read_policy_news(dir: &std::path::Path, lang: &str) -> Result<Vec<EvalDoc>, Error> {
    let io = Error::io;
    let sp = dir.join("summaries.jsonl");
    let refs = std::fs::read_to_string(&sp).map_err(|e| io(&sp, e))?;
    let mut by_id = std::collections::HashMap::new();
    for line in brief_tokenize::jsonl::lines(refs.as_bytes()) {
        let line = line.map_err(|e| {
            Error::new(ErrorKind::Parse {
                what: format!("{}: line {}", sp.display(), e.number),
                message: e.kind.to_string(),
            })
        })?;
        let (i, line) = (line.number - 1, &*line.text);
        let v: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| Error::json(format!("{}: line {}", sp.display(), i + 1), "object", e))?;
        let id = v["id"].as_str().unwrap_or_default().to_owned();
        let sents: Vec<String> = v["summary_sentences"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        by_id.insert(id, sents);
    }
    let td = dir.join("texts").join(lang);
    let mut files: Vec<_> = std::fs::read_dir(&td)
        .map_err(|e| io(&td, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut docs = Vec::new();
    for f in files {
        let stem = f.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let id = format!("{lang}/{stem}");
        let Some(reference) = by_id.get(&id) else {
            continue;
        };
        let text = std::fs::read_to_string(&f).map_err(|e| io(&f, e))?;
        docs.push(EvalDoc {
            id,
            text,
            reference: reference.clone(),
        });
    }
    Ok(docs)
}

fn norm_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether most reference sentences occur verbatim in the text (an extractive reference).
fn extractive(d: &EvalDoc) -> bool {
    let text = norm_ws(&d.text);
    let found = d
        .reference
        .iter()
        .filter(|r| text.contains(&norm_ws(r)))
        .count();
    !d.reference.is_empty() && 2 * found >= d.reference.len()
}

/// Whether a chosen sentence is one of the reference sentences (or lies inside one, or holds
/// one: splitters disagree on glued text).
fn is_reference_pick(pick: &str, reference: &[String]) -> bool {
    let p = norm_ws(pick);
    reference.iter().any(|r| {
        let r = norm_ws(r);
        !p.is_empty() && (r == p || r.contains(&p) && 2 * p.len() >= r.len() || p.contains(&r))
    })
}

/// The mean ROUGE of every scorer on one corpus, and for extractive references the share of
/// chosen sentences that are reference sentences.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorpusRow {
    /// The scorer's name.
    pub scorer: String,
    /// The corpus name.
    pub corpus: String,
    /// Number of documents.
    pub docs: usize,
    /// Mean scores.
    pub rouge: RougeScores,
    /// Share of chosen sentences that are reference sentences (extractive corpora only).
    pub reference_picks: Option<f64>,
}

/// Evaluates every scorer on every corpus: one row per (corpus, scorer), corpora in order.
pub fn evaluate_corpora(
    corpora: &[Corpus],
    scorers: &[(String, AnyScorer)],
) -> Result<Vec<CorpusRow>, Error> {
    for (_, s) in scorers {
        s.validate()?;
    }
    let mut rows = Vec::new();
    for c in corpora {
        rows.extend(corpus_rows(&c.name, &c.docs, c.length, scorers)?);
    }
    Ok(rows)
}

/// Summarizes every document of one corpus with every scorer (documents analysed once, in
/// parallel) and returns one row of mean scores per scorer, in the order given.
fn corpus_rows(
    name: &str,
    docs: &[EvalDoc],
    length: EvalLength,
    scorers: &[(String, AnyScorer)],
) -> Result<Vec<CorpusRow>, Error> {
    let ext = docs.iter().filter(|d| extractive(d)).count() * 2 >= docs.len();
    let per_doc: Vec<Vec<(RougeScores, usize, usize)>> = docs
        .par_iter()
        .with_max_len(1)
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
                    let summary = Summarizer::builder()
                        .scorer(s.clone())
                        .budget(Budget::Sentences(n))
                        .build()?
                        .summarize(&doc)?;
                    let hits = summary
                        .sentences
                        .iter()
                        .filter(|x| is_reference_pick(&x.text, &d.reference))
                        .count();
                    Ok((
                        rouge(&reference, &summary.text()),
                        hits,
                        summary.sentences.len(),
                    ))
                })
                .collect::<Result<Vec<_>, Error>>()
        })
        .collect::<Result<_, Error>>()?;
    let n = docs.len().max(1) as f64;
    Ok(scorers
        .iter()
        .enumerate()
        .map(|(k, (scorer, _))| {
            let mut m = RougeScores::default();
            let (mut hits, mut picks) = (0usize, 0usize);
            for d in &per_doc {
                let (r, h, p) = &d[k];
                add(&mut m.rouge1, &r.rouge1, n);
                add(&mut m.rouge2, &r.rouge2, n);
                add(&mut m.rouge_l, &r.rouge_l, n);
                add(&mut m.rouge_lsum, &r.rouge_lsum, n);
                hits += h;
                picks += p;
            }
            CorpusRow {
                scorer: scorer.clone(),
                corpus: name.to_owned(),
                docs: docs.len(),
                rouge: m,
                reference_picks: (ext && picks > 0).then(|| hits as f64 / picks as f64),
            }
        })
        .collect())
}

/// The greedy ROUGE oracle: body sentences added one at a time, each time the one that most
/// raises ROUGE-1 + ROUGE-2 F1 against the reference, until `k` are chosen or none helps.
pub fn oracle(doc: &brief_tokenize::Document, reference: &str, k: usize) -> Vec<usize> {
    use std::collections::HashMap;
    type Grams = HashMap<String, u32>;
    fn grams(tokens: &[String]) -> (Grams, Grams) {
        let mut one = Grams::new();
        let mut two = Grams::new();
        for t in tokens {
            *one.entry(t.clone()).or_default() += 1;
        }
        for w in tokens.windows(2) {
            *two.entry(format!("{} {}", w[0], w[1])).or_default() += 1;
        }
        (one, two)
    }
    fn f1(sel: &Grams, reference: &Grams) -> f64 {
        let (ns, nr): (u32, u32) = (sel.values().sum(), reference.values().sum());
        if ns == 0 || nr == 0 {
            return 0.0;
        }
        let hit: u32 = sel
            .iter()
            .map(|(g, &c)| c.min(reference.get(g).copied().unwrap_or(0)))
            .sum();
        if hit == 0 {
            return 0.0;
        }
        let (p, r) = (
            f64::from(hit) / f64::from(ns),
            f64::from(hit) / f64::from(nr),
        );
        2.0 * p * r / (p + r)
    }
    let (r1, r2) = grams(&crate::rouge::rouge_tokens(reference));
    let cands: Vec<(usize, Vec<String>)> = (0..doc.sentences().len())
        .filter(|&i| doc.sentences()[i].kind.is_body() && doc.sentences()[i].word_count() > 0)
        .map(|i| (i, crate::rouge::rouge_tokens(doc.sentence_text(i))))
        .collect();
    let mut chosen: Vec<usize> = Vec::new();
    let (mut one, mut two) = (Grams::new(), Grams::new());
    let mut best_score = 0.0;
    while chosen.len() < k {
        let mut best: Option<(f64, usize)> = None;
        for (c, (i, toks)) in cands.iter().enumerate() {
            if chosen.contains(i) {
                continue;
            }
            // Bigrams across sentence ends do not count (ROUGE-2 of a summary joins them with
            // newlines, which the tokenizer drops, so a cross-sentence bigram can count; the
            // oracle ignores that small effect).
            let (a, b) = grams(toks);
            let mut o = one.clone();
            let mut t = two.clone();
            for (g, n) in a {
                *o.entry(g).or_default() += n;
            }
            for (g, n) in b {
                *t.entry(g).or_default() += n;
            }
            let s = f1(&o, &r1) + f1(&t, &r2);
            if best.is_none_or(|(b, _)| s > b) {
                best = Some((s, c));
            }
        }
        match best {
            Some((s, c)) if s > best_score => {
                best_score = s;
                let (i, toks) = &cands[c];
                chosen.push(*i);
                let (a, b) = grams(toks);
                for (g, n) in a {
                    *one.entry(g).or_default() += n;
                }
                for (g, n) in b {
                    *two.entry(g).or_default() += n;
                }
            }
            _ => break,
        }
    }
    chosen.sort_unstable();
    chosen
}

/// Fits the weights of `template`'s features on greedy-oracle labels of the corpora (each
/// corpus weighs the same, each document the same within its corpus) by L2-regularized
/// logistic regression, and returns the trained model.
pub fn train_learned(
    corpora: &[Corpus],
    template: &crate::scorers::Learned,
    l2: f64,
    source: &str,
) -> Result<crate::scorers::Learned, Error> {
    use crate::scorers::Learned;
    template.validate()?;
    let mut rows = Vec::new();
    let mut labels = Vec::new();
    let mut weights = Vec::new();
    let live: Vec<&Corpus> = corpora.iter().filter(|c| !c.docs.is_empty()).collect();
    for c in &live {
        let per_doc: Vec<(Vec<Vec<f64>>, Vec<f64>)> = c
            .docs
            .par_iter()
            .with_max_len(1)
            .map(|d| {
                let doc = brief_tokenize::analyze(&d.text);
                let k = match c.length {
                    EvalLength::Fixed(n) => n,
                    EvalLength::Reference => d.reference.len(),
                }
                .max(1);
                let picked = oracle(&doc, &d.reference.join("\n"), k);
                let body = doc.sentences().iter().filter(|s| s.kind.is_body()).count();
                let share = (k as f64 / body.max(1) as f64).min(1.0);
                let m = Learned::feature_matrix(&template.features, &doc, share);
                let mut xs = Vec::new();
                let mut ys = Vec::new();
                for (i, row) in m.into_iter().enumerate() {
                    let s = &doc.sentences()[i];
                    if s.kind.is_body() && s.word_count() > 0 {
                        xs.push(row);
                        ys.push(f64::from(u8::from(picked.contains(&i))));
                    }
                }
                (xs, ys)
            })
            .collect();
        let docs = per_doc.iter().filter(|(x, _)| !x.is_empty()).count().max(1);
        for (xs, ys) in per_doc {
            if xs.is_empty() {
                continue;
            }
            let w = 1.0 / (docs as f64 * xs.len() as f64 * live.len() as f64);
            weights.extend(std::iter::repeat_n(w, xs.len()));
            rows.extend(xs);
            labels.extend(ys);
        }
    }
    if rows.is_empty() {
        return Err(Error::config("no training sentences in the corpora"));
    }
    // Scale the weights to sum to the number of rows, so that `l2` is per-sentence.
    let total: f64 = weights.iter().sum();
    let scale = rows.len() as f64 / total;
    for w in &mut weights {
        *w *= scale;
    }
    let (w, b) = crate::scorers::fit_logistic(&rows, &labels, &weights, l2, 30);
    let mut model = template.clone();
    model.bias = b;
    for (f, w) in model.features.iter_mut().zip(w) {
        f.weight = w;
    }
    model.source = source.to_owned();
    model.validate()?;
    Ok(model)
}
