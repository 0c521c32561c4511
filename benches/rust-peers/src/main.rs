//! Times the Rust crate `summary` on a file, whole process, as brief's peer.
use std::num::NonZeroU32;

fn main() {
    let path = std::env::args().nth(1).expect("usage: rust-peers FILE [N]");
    let n: u32 = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(3);
    let text = std::fs::read_to_string(&path).expect("a UTF-8 text file");
    let s = summary::Summarizer::new(summary::Language::English);
    for sentence in s.summarize_sentences(&text, NonZeroU32::new(n.max(1)).unwrap()) {
        println!("{sentence}");
    }
}
