//! `brief train` and `brief eval`.

use crate::cli::{
    EvalClassifyArgs, EvalSummarizeArgs, Format, RecordFields, TrainArgs, TrainSummarizerArgs,
};
use crate::error::{InputError, UsageError};
use crate::io::Out;
use anyhow::{Context, Result};
use brief::classify::{
    cross_validate, evaluate_news, evaluate_records, read_news_corpus, read_records, train,
    Classifier, HybridModel, Metrics, NewsModel, Record, Taxonomy, TrainConfig,
};
use brief::summarize::{
    evaluate_corpora, read_corpus, read_policy_news, train_learned, AnyScorer, Background, Corpus,
    CorpusFields, EvalLength, Learned,
};
use serde_json::json;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).with_context(|| path.display().to_string())?;
    brief::tokenize::decode(&bytes, Default::default())
        .map_err(|e| InputError(format!("{}: {e}", path.display())).into())
}

/// The training configuration of `--config` (the defaults without it), with `--neighbors` over
/// it.
fn read_config(path: Option<&Path>, neighbors: Option<usize>) -> Result<TrainConfig> {
    let mut cfg = read_config_file(path)?;
    if let Some(n) = neighbors {
        cfg.neighbors = n;
        cfg.validate().context("--neighbors")?;
    }
    Ok(cfg)
}

fn read_config_file(path: Option<&Path>) -> Result<TrainConfig> {
    match path {
        None => Ok(TrainConfig::default()),
        Some(p) => {
            let json = read_text(p)?;
            let cfg: TrainConfig = serde_json::from_str(&json).map_err(|e| {
                InputError(format!(
                    "{}: not a training configuration: {e}",
                    p.display()
                ))
            })?;
            cfg.validate().with_context(|| p.display().to_string())?;
            Ok(cfg)
        }
    }
}

fn write_atomic(path: &Path, contents: &str, force: bool) -> Result<()> {
    let mut bytes = Vec::with_capacity(contents.len() + 1);
    bytes.extend_from_slice(contents.as_bytes());
    bytes.push(b'\n');
    write_bytes_atomic(path, &bytes, force)
}

fn write_bytes_atomic(path: &Path, contents: &[u8], force: bool) -> Result<()> {
    if path.exists() && !force {
        return Err(UsageError(format!(
            "{} exists; use --force to replace it",
            path.display()
        ))
        .into());
    }
    let mut out = Out::new(Some(path))?;
    out.write_all(contents)?;
    out.finish()
}

/// The labelled records of `text` (the contents of `name`), read with the fields given.
fn labelled_records(
    text: &str,
    name: &str,
    taxonomy: &Taxonomy,
    f: &RecordFields,
) -> Result<Vec<Record>> {
    read_records(
        text,
        taxonomy,
        &f.text_field,
        f.context_field.as_deref(),
        &f.labels_field,
    )
    .with_context(|| name.to_owned())
}

/// How many records carry context.
fn records_with_context(records: &[Record]) -> usize {
    records.iter().filter(|r| r.has_context()).count()
}

pub fn run_train(a: &TrainArgs) -> Result<ExitCode> {
    if a.model.is_none() && a.background.is_none() {
        return Err(
            UsageError("nothing to do: give --model FILE and/or --background FILE".into()).into(),
        );
    }
    let text = read_text(&a.input)?;
    let name = a.input.display().to_string();
    if let Some(bg_path) = &a.background {
        let docs: Vec<_> = brief::tokenize::jsonl::lines(text.as_bytes())
            .map(|l| {
                let l = l.map_err(|e| InputError(format!("{name}: {e}")))?;
                let i = l.number - 1;
                let v: serde_json::Value = serde_json::from_str(&l.text)
                    .map_err(|e| InputError(format!("{name}: line {}: {e}", i + 1)))?;
                let t = v[&a.fields.text_field].as_str().ok_or_else(|| {
                    InputError(format!(
                        "{name}: line {}: no string field `{}`",
                        i + 1,
                        a.fields.text_field
                    ))
                })?;
                Ok(brief::tokenize::analyze(t))
            })
            .collect::<Result<_, InputError>>()?;
        let bg = Background::from_documents(docs.iter(), 2, &a.source);
        write_atomic(bg_path, &bg.to_json(), a.force)?;
        say!(
            "brief: wrote {} ({} stems over {} documents)",
            bg_path.display(),
            bg.len(),
            bg.docs()
        );
    }
    if let Some(model_path) = &a.model {
        let taxonomy = match &a.taxonomy {
            Some(p) => Arc::new(Taxonomy::from_file(p)?),
            None => Taxonomy::builtin(),
        };
        let cfg = read_config(a.config.as_deref(), a.neighbors)?;
        let records = labelled_records(&text, &name, &taxonomy, &a.fields)?;
        let t = std::time::Instant::now();
        let model = train(&records, taxonomy, &cfg)?.with_source(a.source.clone());
        // A `.bin` file gets the binary format (what brief ships), anything else JSON.
        if model_path.extension().is_some_and(|e| e == "bin") {
            write_bytes_atomic(model_path, &model.to_bytes(), a.force)?;
        } else {
            write_atomic(model_path, &model.to_json(), a.force)?;
        }
        let with_context = match records_with_context(&records) {
            0 => String::new(),
            n => format!(", {n} with context"),
        };
        let kept = match cfg.neighbors {
            0 => String::new(),
            k => format!("; kept for {k}-nearest-neighbour votes"),
        };
        say!(
            "brief: wrote {} (trained on {} texts{with_context}{kept} in {:.2} s)",
            model_path.display(),
            records.len(),
            t.elapsed().as_secs_f64()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn parse_length(s: &str) -> Result<EvalLength> {
    if s == "ref" {
        return Ok(EvalLength::Reference);
    }
    match s.parse::<usize>() {
        Ok(n) if n > 0 => Ok(EvalLength::Fixed(n)),
        _ => Err(UsageError(format!(
            "a summary length must be a positive number or `ref`, got `{s}`"
        ))
        .into()),
    }
}

struct CorpusOptions<'a> {
    default_length: &'a str,
    fields: CorpusFields,
    lang: &'a str,
    limit: Option<usize>,
}

/// Reads `PATH[@N]` corpus arguments.
fn load_corpora(specs: &[String], o: &CorpusOptions<'_>) -> Result<Vec<Corpus>> {
    specs
        .iter()
        .map(|spec| {
            let (path, len) = match spec.rsplit_once('@') {
                Some((p, l)) if !p.is_empty() => (p, l),
                _ => (spec.as_str(), o.default_length),
            };
            let length = parse_length(len)?;
            let p = Path::new(path);
            let parent = |p: &Path| {
                p.parent()
                    .and_then(|d| d.file_name())
                    .map(|d| d.to_string_lossy().into_owned())
                    .unwrap_or_else(|| p.display().to_string())
            };
            let (name, mut docs) = if p.is_dir() {
                let name = format!(
                    "{}/{}",
                    p.file_name()
                        .map(|d| d.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    o.lang
                );
                let docs = read_policy_news(p, o.lang).with_context(|| p.display().to_string())?;
                (name, docs)
            } else {
                let text = read_text(p)?;
                let docs =
                    read_corpus(&text, &o.fields).with_context(|| p.display().to_string())?;
                (parent(p), docs)
            };
            if let Some(n) = o.limit {
                docs.truncate(n);
            }
            let name = match length {
                EvalLength::Reference => format!("{name} N=ref"),
                EvalLength::Fixed(n) => format!("{name} N={n}"),
            };
            Ok(Corpus { name, docs, length })
        })
        .collect()
}

/// A scorer file: a learned model or a scorer configuration.
fn read_scorer_file(p: &Path) -> Result<AnyScorer> {
    let json = read_text(p)?;
    if let Ok(m) = Learned::from_json(&json) {
        return Ok(AnyScorer::Learned(m));
    }
    // "Neither" only when the file is not JSON of either shape; a configuration that parses
    // but fails (a background file it names, a bad setting) says so under its path.
    AnyScorer::from_config(&json, p.parent()).map_err(|e| {
        let what = if matches!(e.kind(), brief::summarize::ErrorKind::Json { .. }) {
            format!(
                "{}: neither a learned model nor a scorer configuration",
                p.display()
            )
        } else {
            p.display().to_string()
        };
        anyhow::Error::new(e).context(what)
    })
}

pub fn eval_summarize(a: &EvalSummarizeArgs) -> Result<ExitCode> {
    parse_length(&a.sentences)?;
    let scorers: Vec<(String, AnyScorer)> = a
        .scorers
        .split(',')
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(|s| -> Result<(String, AnyScorer)> {
            if s.ends_with(".json") {
                return Ok((s.to_owned(), read_scorer_file(Path::new(s))?));
            }
            AnyScorer::by_name(s)
                .map(|x| (s.to_owned(), x))
                .map_err(|e| UsageError(e.to_string()).into())
        })
        .collect::<Result<_>>()?;
    if scorers.is_empty() {
        return Err(UsageError("--scorers names no scorer".into()).into());
    }
    let corpora = load_corpora(
        &a.corpora,
        &CorpusOptions {
            default_length: &a.sentences,
            fields: CorpusFields {
                id: "id".into(),
                text: a.text_field.clone(),
                summary: a.summary_field.clone(),
                title: (!a.title_field.is_empty()).then(|| a.title_field.clone()),
            },
            lang: &a.lang,
            limit: a.limit,
        },
    )?;
    let t = std::time::Instant::now();
    let rows = evaluate_corpora(&corpora, &scorers)?;
    let secs = t.elapsed().as_secs_f64();
    let mut out = Out::new(None)?;
    match a.format {
        Format::Json => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&json!({
                "corpora": corpora.iter().map(|c| json!({"name": c.name, "docs": c.docs.len()})).collect::<Vec<_>>(),
                "seconds": secs,
                "rows": rows,
            }))?
        )?,
        fmt => {
            let md = fmt == Format::Markdown;
            let pct = |x: f64| format!("{:.1}", 100.0 * x);
            // One column group per corpus, R-L (and reference picks where defined).
            let mut header = vec!["scorer".to_owned()];
            let mut groups = Vec::new();
            for c in &corpora {
                let ext = rows
                    .iter()
                    .any(|r| r.corpus == c.name && r.reference_picks.is_some());
                let mut cols = vec!["R-1", "R-2", "R-L"];
                if ext {
                    cols.push("picks%");
                }
                for col in &cols {
                    header.push(format!("{} {col}", c.name));
                }
                groups.push((c.name.clone(), ext));
            }
            let mut table = vec![header];
            for (name, _) in &scorers {
                let mut line = vec![name.clone()];
                for (cn, ext) in &groups {
                    let r = rows
                        .iter()
                        .find(|r| &r.corpus == cn && &r.scorer == name)
                        .expect("a row per corpus and scorer");
                    line.push(pct(r.rouge.rouge1.f1));
                    line.push(pct(r.rouge.rouge2.f1));
                    line.push(pct(r.rouge.rouge_l.f1));
                    if *ext {
                        line.push(r.reference_picks.map(pct).unwrap_or_default());
                    }
                }
                table.push(line);
            }
            writeln!(
                out,
                "ROUGE F1 x100 (rouge-score algorithm, stemmed); {} ({secs:.2} s)",
                corpora
                    .iter()
                    .map(|c| format!("{}: {} docs", c.name, c.docs.len()))
                    .collect::<Vec<_>>()
                    .join(", ")
            )?;
            if md {
                writeln!(out, "\n| {} |", table[0].join(" | "))?;
                writeln!(out, "|---|{}", "---:|".repeat(table[0].len() - 1))?;
                for l in &table[1..] {
                    writeln!(out, "| {} |", l.join(" | "))?;
                }
            } else {
                let widths: Vec<usize> = (0..table[0].len())
                    .map(|j| {
                        table
                            .iter()
                            .map(|l| l[j].chars().count())
                            .max()
                            .unwrap_or(0)
                    })
                    .collect();
                for l in &table {
                    let cells: Vec<String> = l
                        .iter()
                        .enumerate()
                        .map(|(j, c)| {
                            if j == 0 {
                                format!("{c:<w$}", w = widths[j])
                            } else {
                                format!("{c:>w$}", w = widths[j])
                            }
                        })
                        .collect();
                    writeln!(out, "{}", cells.join("  "))?;
                }
            }
        }
    }
    out.finish()?;
    if let Some(min) = a.min_rouge2 {
        let got = rows[0].rouge.rouge2.f1;
        if got < min {
            return Err(InputError(format!(
                "{} on {}: ROUGE-2 F1 {got:.4} is below the floor {min}",
                rows[0].scorer, rows[0].corpus
            ))
            .into());
        }
        say!(
            "brief: {} ROUGE-2 F1 {got:.4} >= floor {min}",
            rows[0].scorer
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn train_summarizer(a: &TrainSummarizerArgs) -> Result<ExitCode> {
    parse_length(&a.sentences)?;
    if !(a.l2.is_finite() && a.l2 >= 0.0) {
        return Err(UsageError(format!("--l2 must be >= 0, got {}", a.l2)).into());
    }
    let template = match &a.template {
        Some(p) => Learned::from_json(&read_text(p)?).with_context(|| p.display().to_string())?,
        None => Learned::default(),
    };
    let corpora = load_corpora(
        &a.corpora,
        &CorpusOptions {
            default_length: &a.sentences,
            fields: CorpusFields::default(),
            lang: &a.lang,
            limit: None,
        },
    )?;
    let t = std::time::Instant::now();
    let model = train_learned(&corpora, &template, a.l2, &a.source)?;
    write_atomic(&a.out, &model.to_json(), a.force)?;
    say!(
        "brief: wrote {} ({} features, {:.1} s)",
        a.out.display(),
        model.features.len(),
        t.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

/// Tests the model on a folder of labelled news: document themes per model, sentence themes.
fn eval_classify_news(a: &EvalClassifyArgs) -> Result<ExitCode> {
    let hybrid: Arc<HybridModel> = match &a.model {
        Some(p) => Arc::new(HybridModel::from_file(p, None)?.0),
        None => HybridModel::builtin(),
    };
    let name = a.corpus.display().to_string();
    let corpus =
        read_news_corpus(&a.corpus, &a.lang, hybrid.taxonomy()).with_context(|| name.clone())?;
    if corpus.docs.is_empty() {
        return Err(InputError(format!("{name}: no labelled documents in `{}`", a.lang)).into());
    }
    let news = NewsModel::new(hybrid.clone());
    let models: Vec<(&str, &(dyn Classifier + Sync))> = vec![
        ("news", &news),
        ("hybrid", hybrid.as_ref()),
        ("linear", hybrid.linear()),
        ("lexicon", hybrid.lexicon()),
    ];
    let (rows, sentences) = evaluate_news(&corpus, &models);
    let mut out = Out::new(None)?;
    match a.format {
        Format::Json => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&json!({
                "corpus": name,
                "lang": a.lang,
                "docs": corpus.docs.len(),
                "models": rows.iter().map(|(k, m)| json!({"model": k, "metrics": m})).collect::<Vec<_>>(),
                "sentences": sentences,
            }))?
        )?,
        _ => {
            writeln!(
                out,
                "{name} ({}): {} documents; macro-F1 over the themes present",
                a.lang,
                corpus.docs.len()
            )?;
            writeln!(
                out,
                "{:8} {:>9} {:>9} {:>7} {:>8} {:>8}",
                "model", "micro-F1", "macro-F1", "P@1", "micro-P", "micro-R"
            )?;
            for (k, m) in &rows {
                writeln!(
                    out,
                    "{k:8} {:>9.4} {:>9.4} {:>7.4} {:>8.4} {:>8.4}",
                    m.micro_f1, m.macro_f1, m.precision_at_1, m.micro_precision, m.micro_recall
                )?;
            }
            if let Some(s) = &sentences {
                writeln!(
                    out,
                    "sentences (news model): {} labelled; body accuracy {:.4}, label micro-F1 {:.4}, no-theme sentences left empty {:.4}",
                    s.sentences, s.body_accuracy, s.micro_f1, s.empty_accuracy
                )?;
            }
        }
    }
    out.finish()?;
    let main = &rows[0].1;
    check_floor("news micro-F1", main.micro_f1, a.min_micro_f1)?;
    check_floor("news macro-F1", main.macro_f1, a.min_macro_f1)?;
    if let Some(s) = &sentences {
        check_floor(
            "sentence accuracy",
            s.body_accuracy,
            a.min_sentence_accuracy,
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

fn check_floor(what: &str, got: f64, floor: Option<f64>) -> Result<()> {
    if let Some(min) = floor {
        if got < min {
            return Err(InputError(format!("{what} {got:.4} is below the floor {min}")).into());
        }
        say!("brief: {what} {got:.4} >= floor {min}");
    }
    Ok(())
}

pub fn eval_classify(a: &EvalClassifyArgs) -> Result<ExitCode> {
    if a.corpus.is_dir() {
        return eval_classify_news(a);
    }
    let text = read_text(&a.corpus)?;
    let name = a.corpus.display().to_string();
    let t = std::time::Instant::now();
    let model = match &a.model {
        Some(p) => Some(HybridModel::from_file(p, None)?.0),
        None => None,
    };
    let taxonomy = match &model {
        Some(m) => Arc::new(m.taxonomy().clone()),
        None => Taxonomy::builtin(),
    };
    let records = labelled_records(&text, &name, &taxonomy, &a.fields)?;
    let results: Vec<(String, Metrics)> = match &model {
        Some(m) => evaluate_records(m, &records)?,
        None => cross_validate(
            &records,
            taxonomy.clone(),
            &read_config(a.config.as_deref(), a.neighbors)?,
            a.folds,
        )?,
    }
    .into_iter()
    .map(|(k, m)| (k.as_str().to_owned(), m))
    .collect();
    let secs = t.elapsed().as_secs_f64();
    let mut out = Out::new(None)?;
    let mut how = match &a.model {
        Some(p) => format!("model {}", p.display()),
        None => format!("{}-fold cross-validation", a.folds),
    };
    if let Some(f) = &a.fields.context_field {
        how.push_str(&format!(
            ", context from `{f}` in {} of {} records",
            records_with_context(&records),
            records.len()
        ));
    }
    match a.format {
        Format::Json => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&json!({
                "corpus": name,
                "evaluation": how,
                "seconds": secs,
                "models": results.iter().map(|(k, m)| json!({"model": k, "metrics": m})).collect::<Vec<_>>(),
            }))?
        )?,
        fmt => {
            let md = fmt == Format::Markdown;
            writeln!(out, "{name}: {how} ({secs:.1} s)")?;
            if md {
                writeln!(out, "\n| model | micro-F1 | macro-F1 | P@1 | subset acc. | micro-P | micro-R |\n|---|---:|---:|---:|---:|---:|---:|")?;
            } else {
                writeln!(
                    out,
                    "{:8} {:>9} {:>9} {:>7} {:>7} {:>8} {:>8}",
                    "model", "micro-F1", "macro-F1", "P@1", "subset", "micro-P", "micro-R"
                )?;
            }
            for (k, m) in &results {
                let c = [
                    m.micro_f1,
                    m.macro_f1,
                    m.precision_at_1,
                    m.subset_accuracy,
                    m.micro_precision,
                    m.micro_recall,
                ]
                .map(|x| format!("{x:.4}"));
                if md {
                    writeln!(out, "| {k} | {} |", c.join(" | "))?;
                } else {
                    writeln!(
                        out,
                        "{k:8} {:>9} {:>9} {:>7} {:>7} {:>8} {:>8}",
                        c[0], c[1], c[2], c[3], c[4], c[5]
                    )?;
                }
            }
            if a.per_theme {
                if let Some((_, m)) = results.iter().find(|(k, _)| k == "hybrid") {
                    writeln!(out, "\nhybrid per theme:")?;
                    for t in &m.per_theme {
                        writeln!(
                            out,
                            "  {:24} P {:.3}  R {:.3}  F1 {:.3}  n {}",
                            t.theme, t.precision, t.recall, t.f1, t.support
                        )?;
                    }
                }
            }
        }
    }
    out.finish()?;
    if let Some((_, m)) = results.iter().find(|(k, _)| k == "hybrid") {
        if let Some(min) = a.min_micro_f1 {
            if m.micro_f1 < min {
                return Err(InputError(format!(
                    "hybrid micro-F1 {:.4} is below the floor {min}",
                    m.micro_f1
                ))
                .into());
            }
        }
        if let Some(min) = a.min_macro_f1 {
            if m.macro_f1 < min {
                return Err(InputError(format!(
                    "hybrid macro-F1 {:.4} is below the floor {min}",
                    m.macro_f1
                ))
                .into());
            }
        }
        if a.min_micro_f1.is_some() || a.min_macro_f1.is_some() {
            say!(
                "brief: hybrid micro-F1 {:.4}, macro-F1 {:.4} meet the floor",
                m.micro_f1,
                m.macro_f1
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
