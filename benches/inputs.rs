//! Deterministic benchmark inputs built from the project's own sample texts.
//!
//! A document of the wanted size is made by repeating the samples' paragraphs in a shuffled but
//! fixed order (a small linear congruential generator), with numbers varied so that repeated
//! sentences are not byte-identical.

#![allow(dead_code)]

const SAMPLES: &[&str] = &[
    include_str!("../data/samples/shaanxi-sci-tech-conference.txt"),
    include_str!("../data/samples/hubei-lab-reform-meeting.txt"),
    include_str!("../data/samples/oecd-style-policy-brief.md"),
];

/// Body paragraphs of the samples (title, date and credit lines left out).
fn paragraphs() -> Vec<&'static str> {
    SAMPLES
        .iter()
        .flat_map(|s| s.split("\n\n"))
        .map(str::trim)
        .filter(|p| p.len() > 120 && !p.starts_with('(') && !p.starts_with('#'))
        .collect()
}

/// A news-like English document of about `bytes` bytes.
pub fn document(bytes: usize) -> String {
    let paras = paragraphs();
    let mut out = String::with_capacity(bytes + 4096);
    out.push_str("Provincial science and technology work meeting deploys key tasks\n\n");
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut n = 0u32;
    while out.len() < bytes {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let p = paras[(state >> 33) as usize % paras.len()];
        n += 1;
        // Vary the numbers so repeated paragraphs differ.
        for (i, piece) in p.split(' ').enumerate() {
            if i > 0 {
                out.push(' ');
            }
            if piece.bytes().all(|b| b.is_ascii_digit()) && !piece.is_empty() {
                out.push_str(&format!("{}", (n as u64 * 7 + i as u64) % 997));
            } else {
                out.push_str(piece);
            }
        }
        out.push_str("\n\n");
    }
    out
}

/// The sizes every scoring benchmark runs on.
pub const SIZES: &[(&str, usize)] = &[
    ("3KB", 3_000),
    ("30KB", 30_000),
    ("300KB", 300_000),
    ("1MB", 1_000_000),
];
