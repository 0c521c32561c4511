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
//! Each argument is a JSON Lines file with `@field` naming the text field, a text file, a
//! folder of text files (read recursively), or `synthetic:N` for N generated English-like
//! words. Exits non-zero if any document or stem differs.

use brief_tokenize::{Analyzer, SentencexSplitter};
use std::path::Path;

/// English letters and suffixes, joined at random into words that reach every step of the
/// stemmer (the property test's generator, here with a fixed seed).
const PIECES: &[&str] = &[
    "a", "e", "i", "o", "u", "y", "s", "t", "l", "n", "r", "c", "g", "b", "d", "w", "x", "z", "p",
    "m", "k", "h", "f", "v", "ed", "ing", "ly", "ies", "ied", "ational", "tional", "iz", "ation",
    "ness", "ful", "ement", "ion", "li", "ogi", "bl", "at", "eed", "sses", "us", "ss", "abli",
    "bli", "fulli", "lessli", "entli", "ousli", "iviti", "biliti", "alism", "ator", "izer", "anci",
    "enci", "alli", "icate", "ative", "alize", "iciti", "ical", "ance", "ence", "able", "ible",
    "ment", "ate", "ive", "ize", "iti", "ism", "ous", "ant", "ent", "ic", "al", "er", "ll",
    "gener", "commun", "arsen", "yy", "eedly", "ingly", "edly", "bb", "dd", "ff", "gg", "mm", "nn",
    "pp", "rr", "tt",
];

/// `n` generated words of one to five pieces, a paragraph each.
fn synthetic(n: usize) -> String {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |m: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % m
    };
    let mut out = String::new();
    for _ in 0..n {
        for _ in 0..=next(5) {
            out.push_str(PIECES[next(PIECES.len())]);
        }
        out.push_str("\n\n");
    }
    out
}

fn texts(arg: &str, out: &mut Vec<(String, String)>) -> Result<(), Box<dyn std::error::Error>> {
    if let Some(n) = arg.strip_prefix("synthetic:") {
        out.push((arg.to_owned(), synthetic(n.parse()?)));
        return Ok(());
    }
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
