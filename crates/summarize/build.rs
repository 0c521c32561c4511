//! Turns the shipped background table (`data/background/en-stip.json`) into a sorted static
//! array, so that no process parses JSON to start summarizing (`Background::builtin`).

use std::fmt::Write as _;

fn main() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/background/en-stip.json"
    );
    println!("cargo::rerun-if-changed={path}");
    let json = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let v: serde_json::Value =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(v["format"], 1, "{path}: background table format");
    let docs = v["docs"].as_u64().expect("docs") as u32;
    let source = v["source"].as_str().expect("source");
    let mut df: Vec<(&str, u32)> = v["df"]
        .as_object()
        .expect("df")
        .iter()
        .map(|(k, n)| (k.as_str(), n.as_u64().expect("df value") as u32))
        .collect();
    df.sort_unstable();
    for &(stem, n) in &df {
        assert!(
            n <= docs,
            "{path}: stem `{stem}` has df {n} > {docs} documents"
        );
    }
    let mut out = String::new();
    writeln!(out, "const BUILTIN_DOCS: u32 = {docs};").unwrap();
    writeln!(out, "const BUILTIN_SOURCE: &str = {source:?};").unwrap();
    writeln!(out, "static BUILTIN_DF: &[(&str, u32)] = &[").unwrap();
    for &(stem, n) in &df {
        writeln!(out, "    ({stem:?}, {n}),").unwrap();
    }
    writeln!(out, "];").unwrap();
    // Each stem's first 8 bytes, big-endian and zero-padded (`prefix_key` in background.rs).
    writeln!(out, "static BUILTIN_KEYS: &[u64] = &[").unwrap();
    for &(stem, _) in &df {
        let mut k = [0u8; 8];
        let n = stem.len().min(8);
        k[..n].copy_from_slice(&stem.as_bytes()[..n]);
        writeln!(out, "    {:#x},", u64::from_be_bytes(k)).unwrap();
    }
    writeln!(out, "];").unwrap();
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("background.rs");
    std::fs::write(dest, out).unwrap();
}
