//! Checks brief's fast paths against the crates they stand in for, on real text: the
//! regex-free path of `SentencexSplitter` gives the same sentences as `sentencex` in full (and
//! how many paragraphs it takes), and the direct stemmer of lower-case ASCII words gives the
//! stems of `rust-stemmers` (every distinct such word of the corpus is compared).
//!
//! ```text
//! cargo run --release -p brief-tokenize --example parity -- \
//!     ../shared/data/bbc-summary/dev.jsonl@article ../shared/data/policy-news/texts
//! ```
//!
//! Each argument is a JSON Lines file with `@field` naming the text field, a text file, or a
//! folder of text files (read recursively). Exits non-zero if any document or stem differs.

use brief_tokenize::{Analyzer, SentencexSplitter};
use std::path::Path;

fn texts(arg: &str, out: &mut Vec<(String, String)>) -> Result<(), Box<dyn std::error::Error>> {
    if let Some((path, field)) = arg.rsplit_once('@') {
        for (i, line) in std::fs::read_to_string(path)?.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let v: serde_json::Value = serde_json::from_str(line)?;
            let text = v[field].as_str().ok_or("no such text field")?;
            out.push((format!("{path}:{}", i + 1), text.to_owned()));
        }
        return Ok(());
    }
    let p = Path::new(arg);
    if p.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(p)?.collect::<Result<_, _>>()?;
        entries.sort_by_key(|e| e.path());
        for e in entries {
            texts(&e.path().to_string_lossy(), out)?;
        }
    } else {
        out.push((arg.to_owned(), std::fs::read_to_string(p)?));
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let fast = Analyzer::new().with_splitter(SentencexSplitter::default());
    let full = Analyzer::new().with_splitter(SentencexSplitter::default().fast_path(false));
    let probe = SentencexSplitter::default();
    let mut failed = false;
    let snowball = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    println!(
        "| corpus | documents | paragraphs | on the fast path | sentences | documents that differ \
         | distinct ASCII words | stems that differ |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    for arg in std::env::args().skip(1) {
        let mut docs = Vec::new();
        texts(&arg, &mut docs)?;
        let (mut paragraphs, mut taken, mut sentences, mut differ) = (0, 0, 0, 0);
        let mut words = std::collections::HashSet::new();
        let mut stems_differ = 0;
        for (id, text) in &docs {
            let a = fast.analyze(text);
            let b = full.analyze(text);
            // The analyzer stems words of three letters or more; a word of lower-case ASCII
            // letters takes the direct stemmer.
            for t in a.tokens() {
                let term = a.term(t.term);
                if term.len() > 2
                    && term.bytes().all(|c| c.is_ascii_lowercase())
                    && words.insert(term.to_owned())
                    && a.stem(t.stem) != snowball.stem(term)
                {
                    stems_differ += 1;
                    if stems_differ <= 5 {
                        eprintln!(
                            "stem of {term:?}: {:?}, rust-stemmers {:?}",
                            a.stem(t.stem),
                            snowball.stem(term)
                        );
                    }
                }
            }
            for p in a.paragraphs() {
                paragraphs += 1;
                taken += usize::from(probe.takes_fast_path(a.span_text(p.span)));
            }
            sentences += b.sentences().len();
            let spans = |d: &brief_tokenize::Document| {
                d.sentences()
                    .iter()
                    .map(|s| (s.span, s.kind))
                    .collect::<Vec<_>>()
            };
            if spans(&a) != spans(&b) {
                differ += 1;
                if differ <= 3 {
                    eprintln!("differs: {id}");
                    for (x, y) in a.sentences().iter().zip(b.sentences()) {
                        if x.span != y.span {
                            eprintln!(
                                "  fast: {:?}\n  full: {:?}",
                                a.span_text(x.span),
                                b.span_text(y.span)
                            );
                            break;
                        }
                    }
                }
            }
        }
        failed |= differ > 0 || stems_differ > 0;
        let pct = 100.0 * taken as f64 / paragraphs.max(1) as f64;
        println!(
            "| {arg} | {} | {paragraphs} | {taken} ({pct:.1} %) | {sentences} | {differ} | {} | {stems_differ} |",
            docs.len(),
            words.len()
        );
    }
    if failed {
        std::process::exit(1);
    }
    Ok(())
}
