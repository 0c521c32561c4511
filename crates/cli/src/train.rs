//! `brief train` and `brief eval`.

use crate::cli::{EvalClassifyArgs, EvalSummarizeArgs, Format, TrainArgs};
use crate::error::{InputError, UsageError};
use crate::io::Out;
use anyhow::Result;
use brief::classify::{
    cross_validate, metrics, predict_indices, read_records, train, Classifier, HybridModel,
    Metrics, ModelInfo, ModelKind, Taxonomy, TrainConfig,
};
use brief::summarize::{evaluate, read_corpus, AnyScorer, Background, CorpusFields, EvalLength};
use serde_json::json;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| InputError(format!("{}: {e}", path.display())))?;
    brief::tokenize::decode(&bytes, Default::default())
        .map_err(|e| InputError(format!("{}: {e}", path.display())).into())
}

fn read_config(path: Option<&Path>) -> Result<TrainConfig> {
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
            cfg.validate()
                .map_err(|e| InputError(format!("{}: {e}", p.display())))?;
            Ok(cfg)
        }
    }
}

fn write_atomic(path: &Path, contents: &str, force: bool) -> Result<()> {
    if path.exists() && !force {
        return Err(UsageError(format!(
            "{} exists; use --force to replace it",
            path.display()
        ))
        .into());
    }
    let mut out = Out::new(Some(path))?;
    out.write_all(contents.as_bytes())?;
    out.write_all(b"\n")?;
    out.finish()
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
        let docs: Vec<_> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| {
                let v: serde_json::Value = serde_json::from_str(l)
                    .map_err(|e| InputError(format!("{name}: line {}: {e}", i + 1)))?;
                let t = v[&a.text_field].as_str().ok_or_else(|| {
                    InputError(format!(
                        "{name}: line {}: no string field `{}`",
                        i + 1,
                        a.text_field
                    ))
                })?;
                Ok(brief::tokenize::analyze(t))
            })
            .collect::<Result<_, InputError>>()?;
        let bg = Background::from_documents(docs.iter(), 2, &a.source);
        write_atomic(bg_path, &bg.to_json(), a.force)?;
        eprintln!(
            "brief: wrote {} ({} stems over {} documents)",
            bg_path.display(),
            bg.len(),
            bg.docs()
        );
    }
    if let Some(model_path) = &a.model {
        let taxonomy = match &a.taxonomy {
            Some(p) => Arc::new(Taxonomy::from_file(p).map_err(|e| InputError(e.to_string()))?),
            None => Taxonomy::builtin(),
        };
        let cfg = read_config(a.config.as_deref())?;
        let records = read_records(&text, &taxonomy, &a.text_field, &a.labels_field)
            .map_err(|e| InputError(format!("{name}: {e}")))?;
        let t = std::time::Instant::now();
        let model = train(&records, taxonomy, &cfg).map_err(|e| InputError(e.to_string()))?;
        let info = ModelInfo {
            source: a.source.clone(),
            trained_docs: records.len(),
        };
        write_atomic(model_path, &model.to_json(&info, &cfg), a.force)?;
        eprintln!(
            "brief: wrote {} (trained on {} texts in {:.2} s)",
            model_path.display(),
            records.len(),
            t.elapsed().as_secs_f64()
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn eval_summarize(a: &EvalSummarizeArgs) -> Result<ExitCode> {
    let length = if a.sentences == "ref" {
        EvalLength::Reference
    } else {
        EvalLength::Fixed(a.sentences.parse().map_err(|_| {
            UsageError(format!(
                "-n/--sentences must be a number or `ref`, got `{}`",
                a.sentences
            ))
        })?)
    };
    let scorers: Vec<(String, AnyScorer)> = a
        .scorers
        .split(',')
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(|s| {
            AnyScorer::by_name(s)
                .map(|x| (s.to_owned(), x))
                .map_err(|e| UsageError(e.to_string()))
        })
        .collect::<Result<_, _>>()?;
    if scorers.is_empty() {
        return Err(UsageError("--scorers names no scorer".into()).into());
    }
    let text = read_text(&a.corpus)?;
    let fields = CorpusFields {
        id: "id".into(),
        text: a.text_field.clone(),
        summary: a.summary_field.clone(),
        title: (!a.title_field.is_empty()).then(|| a.title_field.clone()),
    };
    let mut docs = read_corpus(&text, &fields)
        .map_err(|e| InputError(format!("{}: {e}", a.corpus.display())))?;
    if let Some(n) = a.limit {
        docs.truncate(n);
    }
    let t = std::time::Instant::now();
    let rows = evaluate(&docs, &scorers, length)?;
    let secs = t.elapsed().as_secs_f64();
    let mut out = Out::new(None)?;
    match a.format {
        Format::Json => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&json!({
                "corpus": a.corpus.display().to_string(),
                "docs": docs.len(),
                "length": match length { EvalLength::Reference => json!("ref"), EvalLength::Fixed(n) => json!(n) },
                "seconds": secs,
                "scorers": rows,
            }))?
        )?,
        fmt => {
            let md = fmt == Format::Markdown;
            let n = match length {
                EvalLength::Reference => "reference length".to_owned(),
                EvalLength::Fixed(n) => format!("{n} sentences"),
            };
            writeln!(
                out,
                "{} documents, {n}, ROUGE F1 x100 ({secs:.2} s)",
                docs.len()
            )?;
            if md {
                writeln!(
                    out,
                    "\n| scorer | R-1 | R-2 | R-L | R-Lsum |\n|---|---:|---:|---:|---:|"
                )?;
            } else {
                writeln!(
                    out,
                    "{:12} {:>7} {:>7} {:>7} {:>7}",
                    "scorer", "R-1", "R-2", "R-L", "R-Lsum"
                )?;
            }
            for r in &rows {
                let g = &r.rouge;
                let cells = [g.rouge1.f1, g.rouge2.f1, g.rouge_l.f1, g.rouge_lsum.f1]
                    .map(|x| format!("{:.2}", 100.0 * x));
                if md {
                    writeln!(out, "| {} | {} |", r.scorer, cells.join(" | "))?;
                } else {
                    writeln!(
                        out,
                        "{:12} {:>7} {:>7} {:>7} {:>7}",
                        r.scorer, cells[0], cells[1], cells[2], cells[3]
                    )?;
                }
            }
        }
    }
    out.finish()?;
    if let Some(min) = a.min_rouge2 {
        let got = rows[0].rouge.rouge2.f1;
        if got < min {
            return Err(InputError(format!(
                "{}: ROUGE-2 F1 {got:.4} is below the floor {min}",
                rows[0].scorer
            ))
            .into());
        }
        eprintln!(
            "brief: {} ROUGE-2 F1 {got:.4} >= floor {min}",
            rows[0].scorer
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn eval_classify(a: &EvalClassifyArgs) -> Result<ExitCode> {
    let text = read_text(&a.corpus)?;
    let name = a.corpus.display().to_string();
    let t = std::time::Instant::now();
    let (taxonomy, results): (Arc<Taxonomy>, Vec<(String, Metrics)>) = match &a.model {
        Some(p) => {
            let (m, _) = HybridModel::from_file(p, None).map_err(|e| InputError(e.to_string()))?;
            let tax = Arc::new(m.taxonomy().clone());
            let records = read_records(&text, &tax, &a.text_field, &a.labels_field)
                .map_err(|e| InputError(format!("{name}: {e}")))?;
            let docs: Vec<_> = records
                .iter()
                .map(|r| brief::tokenize::analyze(&r.text))
                .collect();
            let gold: Vec<Vec<usize>> = records
                .iter()
                .map(|r| r.labels.iter().filter_map(|l| tax.index_of(l)).collect())
                .collect();
            let mut res = Vec::new();
            for (kind, c) in [
                (
                    ModelKind::Lexicon,
                    m.lexicon() as &dyn brief::classify::Classifier,
                ),
                (ModelKind::Linear, m.linear()),
                (ModelKind::Hybrid, &m),
            ] {
                let (pred, best) = predict_indices(c, &docs);
                res.push((kind.as_str().to_owned(), metrics(&tax, &gold, &pred, &best)));
            }
            (tax, res)
        }
        None => {
            let tax = Taxonomy::builtin();
            let cfg = read_config(a.config.as_deref())?;
            let records = read_records(&text, &tax, &a.text_field, &a.labels_field)
                .map_err(|e| InputError(format!("{name}: {e}")))?;
            let res = cross_validate(&records, tax.clone(), &cfg, a.folds)
                .map_err(|e| InputError(e.to_string()))?;
            (
                tax,
                res.into_iter()
                    .map(|(k, m)| (k.as_str().to_owned(), m))
                    .collect(),
            )
        }
    };
    let _ = taxonomy;
    let secs = t.elapsed().as_secs_f64();
    let mut out = Out::new(None)?;
    let how = match &a.model {
        Some(p) => format!("model {}", p.display()),
        None => format!("{}-fold cross-validation", a.folds),
    };
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
            eprintln!(
                "brief: hybrid micro-F1 {:.4}, macro-F1 {:.4} meet the floor",
                m.micro_f1, m.macro_f1
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
