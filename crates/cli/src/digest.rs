//! `brief digest`: reads the inputs, feeds the library's `Digest` in parallel batches, and
//! writes the report.

use crate::cli::{DigestArgs, DigestFormat, Format, IoArgs};
use crate::io::{read_inputs, Out};
use anyhow::Result;
use brief::digest::{Date, Digest, DocInput};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

fn field(record: &Option<serde_json::Value>, name: &Option<String>) -> Option<String> {
    let v = record.as_ref()?.get(name.as_ref()?)?;
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Null => None,
        other => Some(other.to_string()),
    }
}

pub fn run(a: &DigestArgs) -> Result<ExitCode> {
    if let Some(j) = a.jobs {
        // The global pool can be set once; a second call in one process keeps the first.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(j.max(1))
            .build_global();
    }
    let mut builder = Digest::builder().sentences_per_theme(a.sentences_per_theme);
    if let Some(m) = &a.model {
        builder = builder.model(std::sync::Arc::new(
            brief::classify::HybridModel::from_file(m, None)?.0,
        ));
    }
    let mut digest = builder.build()?;
    if a.parts {
        for input in &a.inputs {
            let name = crate::io::display_path(input);
            let bytes = crate::io::read_file(input, a.max_size)?;
            let text = std::str::from_utf8(&bytes)
                .map_err(|e| crate::error::InputError(format!("{name}: not UTF-8 ({e})")))?;
            digest
                .merge_part(text)
                .map_err(|e| crate::error::InputError(format!("{name}: {e}")))?;
        }
    } else {
        add_inputs(a, &mut digest)?;
    }
    if digest.is_empty() {
        return Err(crate::error::InputError("no document to digest".into()).into());
    }
    let mut out = Out::new(a.output.as_deref())?;
    if a.to_part {
        out.write_all(digest.to_part().as_bytes())?;
        out.write_all(b"\n")?;
        out.finish()?;
        return Ok(ExitCode::SUCCESS);
    }
    let report = digest.finish();
    let text = match a.format {
        DigestFormat::Markdown => crate::io::clean(&report.to_markdown()).into_owned(),
        DigestFormat::Html => report.to_html(),
        DigestFormat::Json => report.to_json(),
    };
    out.write_all(text.as_bytes())?;
    if a.format == DigestFormat::Json {
        out.write_all(b"\n")?;
    }
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}

/// Reads `a.inputs` (files, folders, JSON Lines) into `digest`, which records the inputs that
/// --skip-bad leaves out. Documents are analysed in parallel, in batches, so that memory stays
/// bounded by a batch and the report; the digest takes them in input order.
fn add_inputs(a: &DigestArgs, digest: &mut Digest) -> Result<()> {
    let analyzer = brief::tokenize::Analyzer::new().language(a.lang.language());
    for input in &a.inputs {
        let io = IoArgs {
            input: Some(input.clone()),
            format: Format::Json,
            output: None,
            jsonl: a.jsonl,
            id_field: a.id_field.clone(),
            text_field: a.text_field.clone(),
            skip_bad: a.skip_bad,
            lossy: a.lossy,
            encoding: a.encoding.clone(),
            lang: a.lang,
            input_format: a.input_format,
            split_semicolons: false,
            keep_records: a.jsonl,
            context_field: None,
            max_size: a.max_size,
            stream: a.jsonl,
            stream_chunk: a.stream_chunk,
        };
        if a.jsonl {
            // JSON Lines are read a chunk at a time: an archive of any size, in bounded memory
            // (the report itself grows by a line per document).
            let mut stream = crate::io::JsonlStream::open(&io)?;
            let bar = crate::commands::counter();
            let mut read = || -> Result<()> {
                while let Some(items) = stream.next_chunk(&io)? {
                    for s in stream.take_skipped() {
                        digest.skip(s);
                    }
                    add_items(a, &analyzer, &items, digest, &bar)?;
                }
                Ok(())
            };
            let done = read();
            bar.finish_and_clear();
            done?;
            continue;
        }
        let inputs = read_inputs(&io)?;
        for s in inputs.skipped {
            digest.skip(s);
        }
        let bar = if inputs.items.len() > 1 && std::io::stderr().is_terminal() {
            indicatif::ProgressBar::new(inputs.items.len() as u64)
        } else {
            indicatif::ProgressBar::hidden()
        };
        add_items(a, &analyzer, &inputs.items, digest, &bar)?;
        bar.finish_and_clear();
    }
    Ok(())
}

/// Analyses `items` in parallel, 256 at a time, and gives them to `digest` in their order.
fn add_items(
    a: &DigestArgs,
    analyzer: &brief::tokenize::Analyzer,
    items: &[crate::io::Item],
    digest: &mut Digest,
    bar: &indicatif::ProgressBar,
) -> Result<()> {
    for chunk in items.chunks(256) {
        let prepared: Vec<_> = chunk
            .par_iter()
            .with_max_len(1)
            .map(|item| {
                let doc = analyzer.analyze(&item.text);
                let date = field(&item.record, &a.date_field).and_then(|d| Date::find(&d));
                let input = DocInput {
                    id: item.id.clone(),
                    text: String::new(),
                    date,
                    group: field(&item.record, &a.group_field),
                    title: field(&item.record, &a.title_field),
                };
                let p = digest.prepare(input, &doc);
                bar.inc(1);
                p
            })
            .collect();
        for p in prepared {
            digest.absorb(p?);
        }
    }
    Ok(())
}
