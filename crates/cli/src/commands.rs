//! The text commands: summarize, keywords, classify, sentences, tokens.

use crate::cli::{
    ClassifyArgs, Format, IoArgs, KeywordsArgs, ModelKindArg, OrderArg, SentencesArgs,
    SummarizeArgs, TokensArgs,
};
use crate::error::{InputError, UsageError};
use crate::io::{clean, read_inputs, Item, Out};
use anyhow::{Context, Result};
use brief::classify::{
    document_themes, text_sentences, Classifier, HybridModel, InContext, LexiconModel, NewsModel,
    PredictOptions, Taxonomy,
};
use brief::summarize::{AnyScorer, Background, Budget, Order, Summarizer};
use brief::tokenize::{Analyzer, Document, TokenCounter};
use rayon::prelude::*;
use serde_json::Value;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;

/// How one document's result is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Text,
    Markdown,
    /// A JSON object: pretty for a single document, one line in JSON Lines mode.
    Json {
        pretty: bool,
    },
}

/// A command's result for one document is rendered in the parallel stage (so that output work
/// scales with the cores and no document's intermediate values outlive it).
/// Adapts a command that builds a typed report into a `run_batch` closure: JSON comes straight
/// from serde (in the struct's field order), text and Markdown from `render` over the same
/// typed value.
fn with_report<T, F, R>(
    f: F,
    render: R,
) -> impl Fn(&Item, &Document, Shape) -> Result<String> + Sync
where
    T: serde::Serialize,
    F: Fn(&Item, &Document) -> Result<T> + Sync,
    R: Fn(&T, Format) -> String + Sync,
{
    move |item, doc, shape| {
        let r = f(item, doc)?;
        Ok(match shape {
            Shape::Json { pretty: true } => serde_json::to_string_pretty(&r)?,
            Shape::Json { pretty: false } => serde_json::to_string(&r)?,
            Shape::Text => render(&r, Format::Text),
            Shape::Markdown => render(&r, Format::Markdown),
        })
    }
}

/// What `brief summarize` reports for a document: the library's summary (contributions only
/// with `--explain`) and, with `--highlight`, the text with the chosen sentences marked.
#[derive(serde::Serialize)]
struct SummaryReport {
    #[serde(flatten)]
    summary: brief::summarize::Summary,
    #[serde(skip_serializing_if = "Option::is_none")]
    highlight: Option<String>,
}

/// What `brief keywords` reports for a document.
#[derive(serde::Serialize)]
struct KeywordsReport {
    keywords: Vec<brief::summarize::KeywordScore>,
}

/// A titled list in a text or Markdown report: `**Title:**` and `- ` items in Markdown,
/// `title:` and indented items in text.
fn push_list(s: &mut String, fmt: Format, title: &str, items: impl Iterator<Item = String>) {
    let md = fmt == Format::Markdown;
    if md {
        s.push_str(&format!("\n**{title}:**\n\n"));
    } else {
        let mut t = title.chars();
        let first = t
            .next()
            .map(|c| c.to_lowercase().to_string())
            .unwrap_or_default();
        s.push_str(&format!("{first}{}:\n", t.as_str()));
    }
    for item in items {
        s.push_str(if md { "- " } else { "  " });
        s.push_str(&item);
        s.push('\n');
    }
}

/// Runs `f` over every input in parallel and writes the rendered results in input order.
fn run_batch(
    io: &IoArgs,
    f: impl Fn(&Item, &Document, Shape) -> Result<String> + Sync,
) -> Result<ExitCode> {
    run_batch_of(io, None, f)
}

/// [`run_batch`] on inputs already read (`Some`: see [`read_meanwhile`]), or read now.
fn run_batch_of(
    io: &IoArgs,
    read: Option<crate::io::Inputs>,
    f: impl Fn(&Item, &Document, Shape) -> Result<String> + Sync,
) -> Result<ExitCode> {
    if io.stream {
        return run_stream(io, f);
    }
    let inputs = match read {
        Some(inputs) => inputs,
        None => read_batch(io)?,
    };
    let analyzer = analyzer(io);
    let bar = if inputs.batch && inputs.items.len() > 1 && std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(inputs.items.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let shape = shape(io, inputs.batch);
    let ids: Vec<(String, Option<&'static str>)> = inputs
        .items
        .iter()
        .map(|i| (i.id.clone(), i.encoding))
        .collect();
    let results = run_all(&analyzer, &f, shape, inputs.items, &bar);
    bar.finish_and_clear();
    let mut sink = Sink::new(io, shape, inputs.batch, inputs.skipped)?;
    for ((id, encoding), r) in ids.iter().zip(results) {
        sink.take(id, *encoding, r)?;
    }
    sink.finish()
}

/// Runs `load` (a command's model) on this thread while another one reads a batch's input
/// (JSON Lines or a folder, not streamed), so that neither waits for the other; `load`'s error
/// comes first, as when the two ran in turn. A single document is read later, by
/// [`run_batch_of`].
fn read_meanwhile<M>(
    io: &IoArgs,
    load: impl FnOnce() -> Result<M>,
) -> Result<(M, Option<crate::io::Inputs>)> {
    if io.stream || !many_inputs(io) {
        return Ok((load()?, None));
    }
    std::thread::scope(|s| {
        let reading = s.spawn(|| read_batch(io));
        let model = load();
        let inputs = reading
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        Ok((model?, Some(inputs?)))
    })
}

/// Whether `io` reads many documents: JSON Lines or a folder.
fn many_inputs(io: &IoArgs) -> bool {
    io.jsonl || io.input.as_deref().is_some_and(|p| p.is_dir())
}

/// The inputs of `io`; for JSON Lines or a folder, with the splitter's tables built on another
/// thread meanwhile (otherwise the batch's threads wait while its first document builds them).
fn read_batch(io: &IoArgs) -> Result<crate::io::Inputs> {
    if !many_inputs(io) {
        return read_inputs(io);
    }
    std::thread::scope(|s| {
        s.spawn(brief::tokenize::prepare);
        read_inputs(io)
    })
}

/// [`run_batch`] with `--stream`: JSON Lines read, processed (on every core) and written a
/// chunk at a time, in input order.
fn run_stream(
    io: &IoArgs,
    f: impl Fn(&Item, &Document, Shape) -> Result<String> + Sync,
) -> Result<ExitCode> {
    let mut input = crate::io::JsonlStream::open(io)?;
    // The splitter's tables, built while the first chunk is read (see `read_batch`).
    std::thread::spawn(brief::tokenize::prepare);
    let analyzer = analyzer(io);
    let shape = shape(io, true);
    let mut sink = Sink::new(io, shape, true, Vec::new())?;
    let bar = counter();
    let mut run = || -> Result<()> {
        while let Some(items) = input.next_chunk(io)? {
            let ids: Vec<String> = items.iter().map(|i| i.id.clone()).collect();
            let results = run_all(&analyzer, &f, shape, items, &bar);
            // Bad lines of the chunk first: they are met while reading it.
            sink.skipped.extend(input.take_skipped());
            for (id, r) in ids.iter().zip(results) {
                sink.take(id, None, r)?;
            }
            // What is written goes out before the next chunk is read.
            sink.out.flush()?;
        }
        Ok(())
    };
    let done = run();
    // Cleared before an error is reported, too.
    bar.finish_and_clear();
    done?;
    sink.finish()
}

/// Each document analysed and given to the command, on every core when there are several
/// (one runs on this thread: starting rayon's pool costs more than a short text), in order.
fn run_all(
    analyzer: &Analyzer,
    f: &(impl Fn(&Item, &Document, Shape) -> Result<String> + Sync),
    shape: Shape,
    items: Vec<Item>,
    bar: &indicatif::ProgressBar,
) -> Vec<Result<(String, &'static str)>> {
    let work = |item: Item| {
        let r = run_one(analyzer, f, shape, item);
        bar.inc(1);
        r
    };
    if items.len() > 1 {
        // One document a job: rayon otherwise hands each thread long runs of documents to
        // work through in order, and a thread that finishes early had nothing to steal while
        // the other one worked through the rest of its run (a batch's last 20-30 ms on one
        // core).
        items.into_par_iter().with_max_len(1).map(work).collect()
    } else {
        items.into_iter().map(work).collect()
    }
}

/// The number of documents done so far, on a terminal, for a stream whose total is not known.
pub(crate) fn counter() -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let b = indicatif::ProgressBar::new_spinner();
    b.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {human_pos} documents in {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    b
}

/// The analyzer of the input options.
fn analyzer(io: &IoArgs) -> Analyzer {
    Analyzer::new()
        .split_semicolons(io.split_semicolons)
        .language(io.lang.language())
}

/// How results are written: JSON is one line per document in a batch, pretty otherwise.
fn shape(io: &IoArgs, batch: bool) -> Shape {
    match io.format {
        Format::Text => Shape::Text,
        Format::Markdown => Shape::Markdown,
        Format::Json => Shape::Json { pretty: !batch },
    }
}

/// One document analysed and given to the command, with its language for JSON output.
fn run_one(
    analyzer: &Analyzer,
    f: &(impl Fn(&Item, &Document, Shape) -> Result<String> + Sync),
    shape: Shape,
    mut item: Item,
) -> Result<(String, &'static str)> {
    let doc = analyzer.analyze_string(std::mem::take(&mut item.text));
    // Only JSON output says the language (counting scripts costs a pass over the text).
    let language = match shape {
        Shape::Json { .. } => doc.language(),
        _ => "",
    };
    f(&item, &doc, shape)
        .map(|body| (body, language))
        .with_context(|| item.id.clone())
}

/// Where a batch's results go, in input order, and the inputs left out with `--skip-bad`.
struct Sink {
    out: Out,
    shape: Shape,
    batch: bool,
    skip_bad: bool,
    first: bool,
    skipped: Vec<String>,
}

impl Sink {
    fn new(io: &IoArgs, shape: Shape, batch: bool, skipped: Vec<String>) -> Result<Sink> {
        Ok(Sink {
            out: Out::with_capacity(
                io.output.as_deref(),
                if batch {
                    crate::io::BATCH_BUFFER
                } else {
                    crate::io::OUT_BUFFER
                },
            )?,
            shape,
            batch,
            skip_bad: io.skip_bad,
            first: true,
            skipped,
        })
    }

    /// Writes one document's result, or records its failure with `--skip-bad` (without it,
    /// the failure is the error).
    fn take(
        &mut self,
        id: &str,
        encoding: Option<&str>,
        r: Result<(String, &'static str)>,
    ) -> Result<()> {
        match r {
            Ok((body, language)) => {
                self.write(id, encoding, &body, language)?;
                self.first = false;
                Ok(())
            }
            Err(e) if self.skip_bad => {
                self.skipped.push(format!("{e:#}"));
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// One document's result: in JSON with its id (in a batch), encoding and language; in text
    /// and Markdown under a heading with its id (in a batch).
    fn write(
        &mut self,
        id: &str,
        encoding: Option<&str>,
        body: &str,
        language: &str,
    ) -> Result<()> {
        match (self.shape, self.batch) {
            (Shape::Json { pretty }, batch) => {
                // `{"id"?, "encoding"?, "language", <the command's fields>}`: the id in JSON
                // Lines mode, the encoding when the input was not UTF-8.
                let colon = if pretty { ": " } else { ":" };
                let mut meta = Vec::new();
                if batch {
                    meta.push(format!("\"id\"{colon}{}", serde_json::to_string(id)?));
                }
                if let Some(e) = encoding {
                    meta.push(format!("\"encoding\"{colon}{}", serde_json::to_string(e)?));
                }
                meta.push(format!(
                    "\"language\"{colon}{}",
                    serde_json::to_string(language)?
                ));
                let rest = body.strip_prefix('{').unwrap_or(body);
                let sep = if rest.trim_start().starts_with('}') {
                    ""
                } else {
                    ","
                };
                let nl = if pretty { "\n  " } else { "" };
                let join = if pretty { ",\n  " } else { "," };
                writeln!(self.out, "{{{nl}{}{sep}{rest}", meta.join(join))?;
            }
            (Shape::Text, true) => {
                if !self.first {
                    writeln!(self.out)?;
                }
                writeln!(self.out, "== {} ==", clean(id))?;
                write!(self.out, "{}", clean(body))?;
            }
            (Shape::Markdown, true) => {
                if !self.first {
                    writeln!(self.out)?;
                }
                writeln!(self.out, "## {}\n", clean(id))?;
                write!(self.out, "{}", clean(body))?;
            }
            (_, false) => write!(self.out, "{}", clean(body))?,
        }
        Ok(())
    }

    /// Finishes the output (a file is renamed into place) and lists the inputs skipped.
    fn finish(self) -> Result<ExitCode> {
        self.out.finish()?;
        if !self.skipped.is_empty() {
            say!("brief: skipped {} input(s):", self.skipped.len());
            for s in &self.skipped {
                say!("  {s}");
            }
        }
        Ok(ExitCode::SUCCESS)
    }
}

/// A weight with at most three decimals and no trailing zeros (`1`, `0.6`, `-4.912`).
fn short_number(x: f64) -> String {
    let s = format!("{x:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|")
}

pub fn summarize(a: &SummarizeArgs) -> Result<ExitCode> {
    let mut io = a.io.clone();
    io.keep_records = a.sentences_field.is_some();
    let table = match &a.background {
        Some(path) => Some(Arc::new(read_background(path)?)),
        None => None,
    };
    let scorer = match &a.config {
        Some(path) => {
            let json = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
            match table {
                // --background takes the place of any table the configuration names.
                Some(t) => AnyScorer::from_config_with_background(&json, t),
                None => AnyScorer::from_config(&json, path.parent()),
            }
            .with_context(|| path.display().to_string())?
        }
        None => {
            let s = AnyScorer::by_name(&a.scorer).map_err(|e| UsageError(e.to_string()))?;
            match table {
                Some(t) => s.with_background(t),
                None => s,
            }
        }
    };
    if a.print_config {
        let mut out = Out::new(a.io.output.as_deref())?;
        writeln!(out, "{}", serde_json::to_string_pretty(&scorer)?)?;
        out.finish()?;
        return Ok(ExitCode::SUCCESS);
    }
    let budget = if let Some(r) = a.ratio {
        Budget::Ratio(r)
    } else if let Some(w) = a.words {
        Budget::Words(w)
    } else if let Some(c) = a.chars {
        Budget::Chars(c)
    } else if let Some(t) = a.tokens {
        Budget::Tokens(t)
    } else {
        Budget::Sentences(a.sentences.unwrap_or(3))
    };
    let mut b = Summarizer::builder()
        .scorer(scorer)
        .budget(budget)
        .redundancy(a.redundancy)
        .duplicates(a.duplicates.0)
        .order(match a.order {
            OrderArg::Document => Order::Document,
            OrderArg::Score => Order::Score,
        });
    if a.tokens.is_some() {
        let counter = match &a.tokenizer {
            Some(p) => TokenCounter::from_file(p)?,
            None => TokenCounter::builtin(),
        };
        b = b.token_counter(counter);
    }
    let summarizer = b.build().map_err(|e| UsageError(e.to_string()))?;
    let hybrid;
    let focus = match &a.theme {
        Some(t) => {
            hybrid = HybridModel::builtin();
            Some(
                brief::focus::ThemeFocus::new(&*hybrid, t)
                    .map_err(|e| UsageError(e.to_string()))?,
            )
        }
        None => None,
    };
    let explain = a.explain;
    let highlight = a.highlight;
    let fmt = a.io.format;
    let per_doc = |item: &Item| -> Result<Option<Summarizer>> {
        let (Some(field), Some(rec)) = (&a.sentences_field, &item.record) else {
            return Ok(None);
        };
        let n = match rec.get(field) {
            Some(Value::Array(v)) => v.len(),
            Some(Value::Number(n)) => n.as_u64().unwrap_or(0) as usize,
            _ => return Err(InputError(format!("no number or list field `{field}`")).into()),
        };
        Ok(Some(summarizer.with_budget(Budget::Sentences(n.max(1)))?))
    };
    run_batch(
        &io,
        with_report(
            |item, doc| {
                let own = per_doc(item)?;
                let summarizer = own.as_ref().unwrap_or(&summarizer);
                let mut summary = match &focus {
                    Some(f) => brief::focus::summarize_about(summarizer, doc, f)?,
                    None => summarizer.summarize(doc)?,
                };
                if summary.sentences.is_empty() {
                    say!(
                        "brief: {}: no sentence fits the budget ({} candidate sentences)",
                        item.id,
                        summary.candidates
                    );
                }
                if !explain {
                    // Explanations are shown on request only.
                    summary
                        .sentences
                        .iter_mut()
                        .for_each(|s| s.contributions.clear());
                }
                let highlight = highlight.then(|| {
                    let (open, close) = match fmt {
                        Format::Text => ("[[", "]]"),
                        _ => ("**", "**"),
                    };
                    summary.highlight(doc.text(), open, close)
                });
                Ok(SummaryReport { summary, highlight })
            },
            |r, fmt| {
                let mut s = String::new();
                if let Some(h) = &r.highlight {
                    s.push_str(h);
                    if !s.ends_with('\n') {
                        s.push('\n');
                    }
                    return s;
                }
                for x in &r.summary.sentences {
                    let text = one_line(&x.text);
                    match fmt {
                        Format::Markdown => s.push_str(&format!("- {text}\n")),
                        _ => s.push_str(&format!("{text}\n")),
                    }
                    if !x.contributions.is_empty() {
                        let parts: Vec<String> = x
                            .contributions
                            .iter()
                            .map(|c| {
                                format!(
                                    "{} {:.3}×{} = {:.3}",
                                    c.scorer,
                                    c.normalized,
                                    short_number(c.weight),
                                    c.value
                                )
                            })
                            .collect();
                        let line = format!(
                            "[sentence {}, score {:.3}: {}]",
                            x.index,
                            x.score,
                            parts.join(", ")
                        );
                        match fmt {
                            Format::Markdown => s.push_str(&format!("  - {line}\n")),
                            _ => s.push_str(&format!("    {line}\n")),
                        }
                    }
                }
                s
            },
        ),
    )
}

/// A background table given on the command line.
fn read_background(path: &std::path::Path) -> Result<Background> {
    Ok(Background::from_file(path)?)
}

pub fn keywords(a: &KeywordsArgs) -> Result<ExitCode> {
    let bg = match &a.background {
        Some(path) => Arc::new(read_background(path)?),
        None => Background::builtin(),
    };
    let n = a.top;
    run_batch(
        &a.io,
        with_report(
            |_, doc| {
                Ok(KeywordsReport {
                    keywords: brief::summarize::keywords(doc, n, Some(&bg)),
                })
            },
            |r, fmt| {
                let mut s = String::new();
                if fmt == Format::Markdown {
                    s.push_str("| keyword | score | count |\n|---|---:|---:|\n");
                }
                for k in &r.keywords {
                    let (text, score, count) = (&k.text, k.score, k.count);
                    match fmt {
                        Format::Markdown => {
                            s.push_str(&format!("| {} | {score:.2} | {count} |\n", md_escape(text)))
                        }
                        _ => s.push_str(&format!("{score:8.2}  {count:>3}  {text}\n")),
                    }
                }
                s
            },
        ),
    )
}

pub fn classify(a: &ClassifyArgs) -> Result<ExitCode> {
    if let Some(t) = a.threshold {
        if !(t.is_finite() && (0.0..=1.0).contains(&t)) {
            return Err(UsageError(format!("--threshold must be between 0 and 1, got {t}")).into());
        }
    }
    let taxonomy = match &a.taxonomy {
        Some(p) => Some(Arc::new(Taxonomy::from_file(p)?)),
        None => None,
    };
    if a.context_field.is_some() && !matches!(a.kind, ModelKindArg::Hybrid | ModelKindArg::Linear) {
        return Err(UsageError(
            "--context-field needs --kind hybrid or --kind linear (the models trained on records; \
             the news model reads whole documents)"
                .into(),
        )
        .into());
    }
    let mut io = a.io.clone();
    io.context_field = a.context_field.clone();
    // With a context field, the hybrid model reads each record through `InContext`.
    let mut in_context: Option<Arc<HybridModel>> = None;
    let load = || -> Result<Box<dyn Classifier + Sync>> {
        Ok(match a.kind {
            ModelKindArg::Lexicon => Box::new(LexiconModel::new(
                taxonomy.clone().unwrap_or_else(Taxonomy::builtin),
            )),
            kind => {
                let model: Arc<HybridModel> = match &a.model {
                    Some(p) => Arc::new(HybridModel::from_file(p, taxonomy.as_deref())?.0),
                    None => {
                        let m = HybridModel::builtin();
                        if let Some(t) = &taxonomy {
                            if t.ids() != m.taxonomy().ids() {
                                return Err(InputError(format!(
                                    "the builtin model was trained for themes [{}]; train a model for this taxonomy with `brief train`",
                                    m.taxonomy().ids().join(", ")
                                ))
                                .into());
                            }
                        }
                        m
                    }
                };
                match kind {
                    ModelKindArg::Linear => Box::new(model.linear().clone()),
                    ModelKindArg::News => Box::new(NewsModel::new(model)),
                    _ => {
                        in_context = a.context_field.is_some().then(|| model.clone());
                        Box::new(model)
                    }
                }
            }
        })
    };
    let (classifier, inputs) = read_meanwhile(&io, load)?;
    let opts = PredictOptions {
        threshold: a.threshold,
        top: a.top,
        fallback: true,
    };
    let per_sentence = a.per_sentence;
    let explain = a.explain;
    run_batch_of(
        &io,
        inputs,
        with_report(
            |item, doc| {
                Ok(match (item.text_len, &in_context) {
                    (Some(len), Some(model)) => document_themes(
                        &InContext::new(model, text_sentences(doc, len)),
                        doc,
                        opts,
                        per_sentence,
                        explain,
                    ),
                    _ => document_themes(&classifier, doc, opts, per_sentence, explain),
                })
            },
            |t, fmt| {
                let mut s = String::new();
                let labels: Vec<&str> = t.labels.iter().map(String::as_str).collect();
                let mut scores: Vec<(&String, f64)> =
                    t.scores.iter().map(|(k, &x)| (k, x)).collect();
                scores.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
                let none = |md: bool| if md { "none" } else { "(none)" }.to_owned();
                match fmt {
                    Format::Markdown => {
                        s.push_str(&format!(
                            "**Themes:** {}\n\n",
                            if labels.is_empty() {
                                none(true)
                            } else {
                                labels.join(", ")
                            }
                        ));
                        s.push_str("| theme | score | predicted |\n|---|---:|:---:|\n");
                        for (k, x) in &scores {
                            let mark = if labels.contains(&k.as_str()) {
                                "✓"
                            } else {
                                ""
                            };
                            s.push_str(&format!("| {k} | {x:.3} | {mark} |\n"));
                        }
                    }
                    _ => {
                        s.push_str(&format!(
                            "themes: {}\n",
                            if labels.is_empty() {
                                none(false)
                            } else {
                                labels.join(", ")
                            }
                        ));
                        for (k, x) in &scores {
                            let mark = if labels.contains(&k.as_str()) {
                                " *"
                            } else {
                                ""
                            };
                            s.push_str(&format!("  {k:24} {x:.3}{mark}\n"));
                        }
                    }
                }
                if let Some(ev) = t.evidence.as_ref().filter(|e| !e.is_empty()) {
                    push_list(
                        &mut s,
                        fmt,
                        "Evidence",
                        ev.iter()
                            .take(20)
                            .map(|e| format!("{}: \"{}\" ×{}", e.theme, e.term, e.count)),
                    );
                }
                if let Some(near) = &t.neighbors {
                    push_list(
                        &mut s,
                        fmt,
                        "Nearest training texts",
                        near.iter().take(5).map(|n| {
                            let themes = if n.themes.is_empty() {
                                "(no theme)".to_owned()
                            } else {
                                n.themes.join(", ")
                            };
                            format!("{} {:.2}: {themes}", n.id, n.similarity)
                        }),
                    );
                }
                if let Some(agg) = &t.aggregate {
                    let mut sh: Vec<(&String, f64)> = agg
                        .shares
                        .iter()
                        .map(|(k, &x)| (k, x))
                        .filter(|x| x.1 > 0.0)
                        .collect();
                    sh.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
                    let parts: Vec<String> = sh
                        .iter()
                        .map(|(k, x)| format!("{k} {:.0}%", 100.0 * x))
                        .collect();
                    let line = if parts.is_empty() {
                        "(none)".to_owned()
                    } else {
                        parts.join(", ")
                    };
                    let by_sentence = if agg.labels.is_empty() {
                        "(none)".to_owned()
                    } else {
                        agg.labels.join(", ")
                    };
                    match fmt {
                        Format::Markdown => s.push_str(&format!(
                            "\n**Themes by sentence:** {by_sentence} (share of sentences: {line})\n"
                        )),
                        _ => s.push_str(&format!(
                            "themes by sentence: {by_sentence}\n  share of sentences: {line}\n"
                        )),
                    }
                }
                if let Some(ss) = &t.sentences {
                    s.push_str(if fmt == Format::Markdown {
                        "\n**Sentences:**\n\n"
                    } else {
                        "sentences:\n"
                    });
                    for x in ss {
                        let l = if x.labels.is_empty() {
                            "-".to_owned()
                        } else {
                            x.labels.join(",")
                        };
                        let text = one_line(&x.text);
                        match fmt {
                            Format::Markdown => s.push_str(&format!("- `{l}` {text}\n")),
                            _ => s.push_str(&format!("  [{}] {l}\t{text}\n", x.index)),
                        }
                    }
                }
                s
            },
        ),
    )
}

pub fn sentences(a: &SentencesArgs) -> Result<ExitCode> {
    #[derive(serde::Serialize)]
    struct SentenceOut<'a> {
        index: usize,
        start: usize,
        end: usize,
        text: &'a str,
        kind: &'static str,
        boilerplate: bool,
        paragraph: usize,
    }
    // Rendered sentence by sentence: memory stays a small multiple of the text.
    run_batch(&a.io, |_, doc, shape| {
        let mut s = String::with_capacity(doc.text().len() + doc.sentences().len() * 64);
        if let Shape::Json { pretty } = shape {
            s.push_str(if pretty {
                "{\n  \"sentences\": ["
            } else {
                "{\"sentences\":["
            });
        }
        for (i, x) in doc.sentences().iter().enumerate() {
            let text = doc.sentence_text(i);
            match shape {
                Shape::Json { pretty } => {
                    if i > 0 {
                        s.push(',');
                    }
                    let o = SentenceOut {
                        index: i,
                        start: x.span.start,
                        end: x.span.end,
                        text,
                        kind: x.kind.as_str(),
                        boilerplate: x.kind.is_boilerplate(),
                        paragraph: x.paragraph,
                    };
                    if pretty {
                        s.push_str("\n    ");
                    }
                    s.push_str(&serde_json::to_string(&o)?);
                }
                Shape::Markdown => s.push_str(&format!(
                    "{}. `{}` {}\n",
                    i + 1,
                    x.kind.as_str(),
                    one_line(text)
                )),
                Shape::Text => {
                    s.push_str(&one_line(text));
                    s.push('\n');
                }
            }
        }
        if let Shape::Json { pretty } = shape {
            s.push_str(if pretty { "\n  ]\n}" } else { "]}" });
        }
        Ok(s)
    })
}

pub fn tokens(a: &TokensArgs) -> Result<ExitCode> {
    #[derive(serde::Serialize)]
    struct TokenOut<'a> {
        sentence: usize,
        start: usize,
        end: usize,
        text: &'a str,
        norm: &'a str,
        stem: &'a str,
        stop: bool,
    }
    // Rendered token by token: memory stays a small multiple of the text.
    run_batch(&a.io, |_, doc, shape| {
        let mut s = String::with_capacity(doc.text().len() * 4);
        match shape {
            Shape::Json { pretty } => s.push_str(if pretty {
                "{\n  \"tokens\": ["
            } else {
                "{\"tokens\":["
            }),
            Shape::Markdown => s.push_str(
                "| sentence | token | normalized | stem | stop |\n|---:|---|---|---|:---:|\n",
            ),
            Shape::Text => {}
        }
        let mut first = true;
        for si in 0..doc.sentences().len() {
            for t in doc.sentence_tokens(si) {
                let (tx, n, st) = (doc.token_text(t), doc.term(t.term), doc.stem(t.stem));
                let stop = t.is_stop();
                match shape {
                    Shape::Json { pretty } => {
                        if !first {
                            s.push(',');
                        }
                        if pretty {
                            s.push_str("\n    ");
                        }
                        let o = TokenOut {
                            sentence: si,
                            start: t.span().start,
                            end: t.span().end,
                            text: tx,
                            norm: n,
                            stem: st,
                            stop,
                        };
                        s.push_str(&serde_json::to_string(&o)?);
                    }
                    Shape::Markdown => s.push_str(&format!(
                        "| {si} | {} | {} | {} | {} |\n",
                        md_escape(tx),
                        md_escape(n),
                        md_escape(st),
                        if stop { "✓" } else { "" }
                    )),
                    Shape::Text => s.push_str(&format!(
                        "{si}\t{tx}\t{n}\t{st}\t{}\n",
                        if stop { "stop" } else { "-" }
                    )),
                }
                first = false;
            }
        }
        if let Shape::Json { pretty } = shape {
            s.push_str(if pretty { "\n  ]\n}" } else { "]}" });
        }
        Ok(s)
    })
}
