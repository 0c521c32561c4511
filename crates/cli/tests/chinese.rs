//! Every job on Chinese originals: simplified, traditional and GBK-encoded samples written for
//! brief.

use assert_cmd::Command;
use std::path::PathBuf;

fn sample(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/samples")
        .join(name)
        .to_str()
        .unwrap()
        .to_owned()
}

fn json_of(args: &[&str]) -> serde_json::Value {
    let out = Command::cargo_bin("brief")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

const ZH: &str = "zhejiang-keji-gongzuo-huiyi.txt";
const GBK: &str = "zhejiang-keji-gongzuo-huiyi-gbk.txt";
const TRAD: &str = "taiwan-style-traditional.txt";

#[test]
fn gbk_is_detected_and_reads_like_the_utf8_original() {
    let a = json_of(&["summarize", "-f", "json", &sample(ZH)]);
    let b = json_of(&["summarize", "-f", "json", &sample(GBK)]);
    assert_eq!(b["encoding"], "GBK");
    assert!(a.get("encoding").is_none());
    assert_eq!(a["sentences"], b["sentences"]);
    // Forcing another encoding is honoured (and here fails cleanly).
    let out = Command::cargo_bin("brief")
        .unwrap()
        .args(["sentences", "--encoding", "utf-8", &sample(GBK)])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn chinese_summary_skips_title_and_metadata_and_keeps_figures() {
    let v = json_of(&["summarize", "-f", "json", &sample(ZH)]);
    let picks: Vec<&str> = v["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(picks.len(), 3);
    assert!(
        picks
            .iter()
            .all(|p| !p.contains("来源") && !p.contains("记者")),
        "{picks:?}"
    );
    assert!(
        picks.iter().any(|p| p.chars().any(|c| c.is_ascii_digit())),
        "{picks:?}"
    );
}

#[test]
fn chinese_keywords_are_words() {
    let v = json_of(&["keywords", "-f", "json", "-n", "10", &sample(ZH)]);
    let kws: Vec<&str> = v["keywords"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["text"].as_str().unwrap())
        .collect();
    assert!(kws.iter().any(|k| k.chars().count() >= 4), "{kws:?}");
    assert!(kws.iter().all(|k| !k.contains(' ')), "{kws:?}");
}

#[test]
fn chinese_and_traditional_themes() {
    let v = json_of(&["classify", "-f", "json", &sample(ZH)]);
    let labels: Vec<&str> = v["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert!(labels.contains(&"research_institutions"), "{labels:?}");
    let v = json_of(&["classify", "-f", "json", "--explain", &sample(TRAD)]);
    let labels: Vec<&str> = v["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"research_institutions") && labels.contains(&"key_core_tech"),
        "{labels:?}"
    );
    // The evidence names the lexicon's (simplified) terms; the text keeps its own characters.
    let s = json_of(&["sentences", "-f", "json", &sample(TRAD)]);
    assert!(s["sentences"][1]["text"]
        .as_str()
        .unwrap()
        .contains("實驗室"));
}
