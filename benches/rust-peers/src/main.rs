//! Times the Rust crates `summary` and `pithy` on a file, whole process, as brief's peers.
//!
//! usage: rust-peers [--pithy] FILE [N]
use std::num::NonZeroU32;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let pithy = args.first().is_some_and(|a| a == "--pithy");
    if pithy {
        args.remove(0);
    }
    let path = args.first().expect("usage: rust-peers [--pithy] FILE [N]").clone();
    let n: u32 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(3);
    let text = std::fs::read_to_string(&path).expect("a UTF-8 text file");
    if pithy {
        // The settings of pithy's own command line by default: sentences split at ".", of 50
        // to 1,500 bytes, length penalty 0.6, density 3, bias strength 6, no progress bar.
        let mut s = pithy::Summariser::new();
        s.add_raw_text(path.clone(), text, ".", 50, 1500, false);
        let top = s.top_sentences(
            n as usize,
            false,
            None,
            false,
            0.6,
            false,
            3.0,
            None,
            Some(6.0),
            false,
            path,
        );
        for sentence in top {
            println!("{}", sentence.text.trim());
        }
    } else {
        let s = summary::Summarizer::new(summary::Language::English);
        for sentence in s.summarize_sentences(&text, NonZeroU32::new(n.max(1)).unwrap()) {
            println!("{sentence}");
        }
    }
}
