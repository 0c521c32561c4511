//! Turns the shipped traditional-to-simplified table (`data/zh/t2s.tsv`) into a sorted static
//! array and a bitmap of its traditional characters, so that no process parses or sorts it to
//! start reading Chinese (`to_simplified`).

use std::fmt::Write as _;

/// The bitmap covers the Basic Multilingual Plane from this character on (written into the
/// generated file for `normalize.rs`).
const BITMAP_BASE: u32 = 0x3400;

fn main() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/zh/t2s.tsv");
    println!("cargo::rerun-if-changed={path}");
    let tsv = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut table: Vec<(char, char)> = Vec::new();
    for (n, line) in tsv.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut cols = line.split('\t').map(|x| x.chars().next());
        match (cols.next().flatten(), cols.next().flatten()) {
            (Some(t), Some(s)) => table.push((t, s)),
            _ => panic!("{path}: line {}: not `traditional<TAB>simplified`", n + 1),
        }
    }
    table.sort_unstable();
    table.dedup_by_key(|p| p.0);
    assert!(table.len() > 1000, "{path}: only {} pairs", table.len());
    let mut bitmap = vec![0u64; ((0x10000 - BITMAP_BASE) / 64) as usize];
    for &(t, _) in &table {
        let u = t as u32;
        if (BITMAP_BASE..0x10000).contains(&u) {
            let k = (u - BITMAP_BASE) as usize;
            bitmap[k / 64] |= 1 << (k % 64);
        }
    }
    let mut out = String::new();
    writeln!(out, "const BITMAP_BASE: u32 = {BITMAP_BASE:#x};").unwrap();
    writeln!(out, "static T2S_TABLE: &[(char, char)] = &[").unwrap();
    for (t, s) in &table {
        writeln!(out, "    ({t:?}, {s:?}),").unwrap();
    }
    writeln!(out, "];").unwrap();
    writeln!(out, "static T2S_BITMAP: &[u64; {}] = &[", bitmap.len()).unwrap();
    for w in &bitmap {
        writeln!(out, "    {w:#x},").unwrap();
    }
    writeln!(out, "];").unwrap();
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("t2s.rs");
    std::fs::write(dest, out).unwrap();
}
