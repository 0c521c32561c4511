//! Trains the WordPiece `tokenizer.json` that brief ships.
//!
//! ```text
//! cargo run -p brief-tokenize --example train_tokenizer -- \
//!     data/tokenizer/brief-wordpiece.json data/samples/*
//! ```
//!
//! The first argument is the output file; the rest are training texts. Each text is split into
//! paragraphs so that the trainer sees sentence-sized pieces.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((out, inputs)) = args.split_first() else {
        eprintln!("usage: train_tokenizer OUT.json TEXT...");
        return ExitCode::from(2);
    };
    let mut pieces = Vec::new();
    for path in inputs {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("error: {path}: {e}");
                return ExitCode::FAILURE;
            }
        };
        let text = match brief_tokenize::decode(&bytes, Default::default()) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error: {path}: {e}");
                return ExitCode::FAILURE;
            }
        };
        pieces.extend(
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_owned),
        );
    }
    let counter = match brief_tokenize::train_wordpiece(pieces.iter(), 2000) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    match counter.to_json(false) {
        Ok(json) => {
            if let Err(e) = std::fs::write(out, json + "\n") {
                eprintln!("error: {out}: {e}");
                return ExitCode::FAILURE;
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    }
    eprintln!(
        "wrote {out}: {} entries from {} lines",
        counter.tokenizer().get_vocab_size(true),
        pieces.len()
    );
    ExitCode::SUCCESS
}
