//! The `brief` command line, end to end: every subcommand, every documented error, and
//! snapshots of text and JSON output on the project's own samples.

use assert_cmd::Command;
use predicates::prelude::*;
use std::io::Write;
use std::path::PathBuf;

fn brief() -> Command {
    Command::cargo_bin("brief").unwrap()
}

fn sample(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/samples")
        .join(name)
}

const SHAANXI: &str = "shaanxi-sci-tech-conference.txt";
const HUBEI: &str = "hubei-lab-reform-meeting.txt";

/// JSON with every float rounded to 3 decimals, so snapshots do not hang on the last bits.
fn rounded(json: &str) -> String {
    fn walk(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Number(n) if n.is_f64() => {
                let x = (n.as_f64().unwrap() * 1000.0).round() / 1000.0;
                *v = serde_json::json!(x);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(walk),
            serde_json::Value::Object(o) => o.values_mut().for_each(walk),
            _ => {}
        }
    }
    let mut v: serde_json::Value = serde_json::from_str(json).unwrap();
    walk(&mut v);
    serde_json::to_string_pretty(&v).unwrap()
}

fn stdout_of(args: &[&str]) -> String {
    stdout(brief().args(args))
}

/// The standard output of a command that must succeed.
fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

// ---- snapshots -------------------------------------------------------------------------

#[test]
fn snapshot_summarize_text() {
    let s = stdout_of(&["summarize", sample(SHAANXI).to_str().unwrap()]);
    insta::assert_snapshot!(s);
}

#[test]
fn snapshot_summarize_json() {
    let s = stdout_of(&[
        "summarize",
        "-n",
        "2",
        "--format",
        "json",
        sample(HUBEI).to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_str(&s).unwrap();
    for x in v["sentences"].as_array().unwrap() {
        for k in ["index", "start", "end", "text", "score"] {
            assert!(x.get(k).is_some(), "schema field {k}");
        }
    }
    insta::assert_snapshot!(rounded(&s));
}

#[test]
fn snapshot_classify_json_per_sentence() {
    let s = stdout_of(&[
        "classify",
        "--per-sentence",
        "--split-semicolons",
        "-f",
        "json",
        sample(SHAANXI).to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_str(&s).unwrap();
    assert!(v["labels"].is_array() && v["scores"].is_object());
    for x in v["sentences"].as_array().unwrap() {
        for k in ["index", "text", "labels", "scores"] {
            assert!(x.get(k).is_some(), "schema field {k}");
        }
    }
    insta::assert_snapshot!(rounded(&s));
}

#[test]
fn snapshot_sentences_text() {
    let s = stdout_of(&["sentences", sample(HUBEI).to_str().unwrap()]);
    assert_eq!(s.lines().count(), 23, "one sentence per line");
    insta::assert_snapshot!(s);
}

#[test]
fn snapshot_keywords_markdown() {
    let s = stdout_of(&[
        "keywords",
        "-n",
        "8",
        "-f",
        "markdown",
        sample(SHAANXI).to_str().unwrap(),
    ]);
    insta::assert_snapshot!(s);
}

// ---- subcommands -------------------------------------------------------------------------

#[test]
fn sentences_json_marks_boilerplate() {
    let s = stdout_of(&["sentences", "-f", "json", sample(HUBEI).to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_str(&s).unwrap();
    let ss = v["sentences"].as_array().unwrap();
    assert_eq!(ss[1]["text"], "2023-03-02 0 By");
    assert_eq!(ss[1]["boilerplate"], true);
    assert_eq!(ss.last().unwrap()["boilerplate"], true);
    for x in ss {
        for k in ["index", "start", "end", "text", "boilerplate"] {
            assert!(x.get(k).is_some());
        }
    }
}

#[test]
fn summarize_budgets_and_scorers() {
    let f = sample(SHAANXI);
    let f = f.to_str().unwrap();
    for scorer in [
        "combined", "position", "keyword", "luhn", "title", "cue", "textrank", "lexrank", "pacsum",
        "length",
    ] {
        let s = stdout_of(&["summarize", "--scorer", scorer, "-n", "2", f]);
        assert_eq!(s.lines().count(), 2, "{scorer}");
    }
    let s = stdout_of(&["summarize", "--words", "40", "-f", "json", f]);
    let v: serde_json::Value = serde_json::from_str(&s).unwrap();
    let words: usize = v["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["text"].as_str().unwrap().split_whitespace().count())
        .sum();
    assert!(words <= 45, "{words}");
    stdout_of(&["summarize", "--ratio", "0.2", f]);
    stdout_of(&["summarize", "--chars", "300", f]);
    stdout_of(&["summarize", "--tokens", "60", f]);
    let tok =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/tokenizer/brief-wordpiece.json");
    stdout_of(&[
        "summarize",
        "--tokens",
        "60",
        "--tokenizer",
        tok.to_str().unwrap(),
        f,
    ]);
    stdout_of(&["summarize", "--redundancy", "0.5", "--order", "score", f]);
}

#[test]
fn summarize_explain_highlight_theme_config() {
    let f = sample(SHAANXI);
    let f = f.to_str().unwrap();
    let s = stdout_of(&["summarize", "--explain", f]);
    assert!(s.contains("textrank") && s.contains("score"), "{s}");
    let s = stdout_of(&["summarize", "--explain", "-f", "json", f]);
    let v: serde_json::Value = serde_json::from_str(&s).unwrap();
    assert!(v["sentences"][0]["contributions"].as_array().unwrap().len() >= 2);
    let s = stdout_of(&["summarize", "--highlight", f]);
    assert!(s.contains("[[") && s.contains("]]") && s.contains("(Reporter Li Wenjing"));
    let s = stdout_of(&["summarize", "--theme", "talent", "-n", "1", f]);
    assert!(s.to_lowercase().contains("talent"), "{s}");
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("weights.json");
    std::fs::write(
        &cfg,
        r#"{"type": "combined", "parts": [{"weight": 1, "scorer": {"type": "position"}}]}"#,
    )
    .unwrap();
    let s = stdout_of(&["summarize", "--config", cfg.to_str().unwrap(), "-n", "1", f]);
    assert!(s.starts_with("On the morning of February 15"), "{s}");
}

#[test]
fn keywords_classify_tokens() {
    let f = sample(HUBEI);
    let f = f.to_str().unwrap();
    let s = stdout_of(&["keywords", "-f", "json", f]);
    let v: serde_json::Value = serde_json::from_str(&s).unwrap();
    assert_eq!(v["keywords"].as_array().unwrap().len(), 10);
    let s = stdout_of(&["classify", "--explain", f]);
    assert!(s.starts_with("themes: ") && s.contains("evidence:"));
    let s = stdout_of(&[
        "classify", "--kind", "lexicon", "--top", "1", "-f", "json", f,
    ]);
    let v: serde_json::Value = serde_json::from_str(&s).unwrap();
    assert_eq!(v["labels"].as_array().unwrap().len(), 1);
    stdout_of(&["classify", "--kind", "linear", "--threshold", "0.9", f]);
    let s = stdout_of(&["tokens", f]);
    assert!(s
        .lines()
        .any(|l| l.contains("laboratories\tlaboratories\tlaboratori")));
}

#[test]
fn a_budget_nothing_fits_says_so() {
    brief()
        .args(["summarize", "--words", "2"])
        .write_stdin("This sentence is much longer than two words. So is this one here.")
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("no sentence fits the budget"));
}

#[test]
fn stdin_and_dash() {
    brief()
        .args(["summarize", "-n", "1"])
        .write_stdin("The province will build key laboratories. It rained.")
        .assert()
        .success()
        .stdout("The province will build key laboratories.\n");
    brief()
        .args(["sentences", "-"])
        .write_stdin("One here. Two here.")
        .assert()
        .success()
        .stdout("One here.\nTwo here.\n");
}

/// The `id` of every line of JSON Lines output, in order (each must have a string `id`).
fn ids_of(json_lines: &str) -> Vec<String> {
    json_lines
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

#[test]
fn folder_input_gives_json_lines_in_order() {
    let dir = sample("");
    let s = stdout_of(&["summarize", "-n", "1", "-f", "json", dir.to_str().unwrap()]);
    let ids = ids_of(&s);
    assert_eq!(
        ids,
        [
            "hubei-lab-reform-meeting.txt",
            "oecd-style-policy-brief.md",
            "shaanxi-sci-tech-conference.txt",
            "taiwan-style-traditional.txt",
            "zhejiang-keji-gongzuo-huiyi-gbk.txt",
            "zhejiang-keji-gongzuo-huiyi.txt"
        ]
    );
}

#[test]
fn jsonl_mode_keeps_ids_and_order() {
    let mut input = String::new();
    for i in 0..50 {
        input.push_str(&serde_json::json!({"doc": format!("d{i}"), "body": format!("Sentence one of doc {i} is here. Sentence two of doc {i} is there.")}).to_string());
        input.push('\n');
    }
    let out = brief()
        .args([
            "summarize",
            "--jsonl",
            "--id-field",
            "doc",
            "--text-field",
            "body",
            "-n",
            "1",
            "-f",
            "json",
        ])
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 50);
    for (i, l) in lines.iter().enumerate() {
        assert_eq!(l["id"], format!("d{i}"));
        assert!(l["sentences"][0]["text"]
            .as_str()
            .unwrap()
            .contains(&format!("doc {i}")));
    }
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("summary.json");
    brief()
        .args([
            "summarize",
            "-f",
            "json",
            "-o",
            out.to_str().unwrap(),
            sample(SHAANXI).to_str().unwrap(),
        ])
        .assert()
        .success()
        .stdout("");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v["sentences"].as_array().unwrap().len(), 3);
    // A failing run leaves neither the file nor a temporary file behind.
    let out2 = dir.path().join("never.json");
    brief()
        .args(["summarize", "--jsonl", "-o", out2.to_str().unwrap()])
        .write_stdin("{\"text\": \"fine text here.\"}\nnot json\n")
        .assert()
        .code(1);
    assert!(!out2.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn train_eval_completions_man() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("train.jsonl");
    let mut f = std::fs::File::create(&corpus).unwrap();
    let texts = [
        (
            "Doctoral fellowships and research careers for young scientists.",
            "talent",
        ),
        (
            "Grants and venture capital loans for innovative start-ups.",
            "funding_finance",
        ),
        (
            "Renewable energy and hydrogen research for the climate.",
            "green_energy",
        ),
    ];
    for i in 0..30 {
        let (t, l) = texts[i % 3];
        writeln!(
            f,
            "{}",
            serde_json::json!({"id": i, "text": format!("{t} Round {i}."), "labels": [l],
                "note": (i % 2 == 0).then_some("A call of the national research council.")})
        )
        .unwrap();
    }
    drop(f);
    let model = dir.path().join("model.json");
    let bg = dir.path().join("bg.json");
    brief()
        .args([
            "train",
            corpus.to_str().unwrap(),
            "--model",
            model.to_str().unwrap(),
            "--background",
            bg.to_str().unwrap(),
            "--source",
            "test fixture",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("trained on 30 texts"));
    brief()
        .args([
            "train",
            corpus.to_str().unwrap(),
            "--model",
            model.to_str().unwrap(),
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    let with_context = dir.path().join("context.bin");
    brief()
        .args(["train", corpus.to_str().unwrap(), "--context-field", "note"])
        .args(["--model", with_context.to_str().unwrap()])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "trained on 30 texts, 15 with context",
        ));
    // Classify records with their context, through the model trained with it: one JSON line
    // per record, the same themes as `eval classify --model` counts.
    let out = brief()
        .args([
            "classify",
            "--jsonl",
            "--kind",
            "hybrid",
            "--context-field",
            "note",
        ])
        .args(["--model", with_context.to_str().unwrap(), "-f", "json"])
        .arg(&corpus)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 30);
    assert_eq!(lines[0]["labels"][0], "talent", "{}", lines[0]);
    // The news model reads documents, not records; a context field needs JSON Lines; a
    // context that is not a string is an error that names its line.
    brief()
        .args(["classify", "--jsonl", "--context-field", "note"])
        .arg(&corpus)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--kind hybrid"));
    brief()
        .args([
            "classify",
            "--kind",
            "hybrid",
            "--context-field",
            "note",
            "-",
        ])
        .write_stdin("Grants for students.")
        .assert()
        .code(2);
    brief()
        .args([
            "classify",
            "--jsonl",
            "--kind",
            "hybrid",
            "--context-field",
            "note",
            "-",
        ])
        .write_stdin("{\"text\": \"Grants for students.\", \"note\": 7}\n")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "line 1: field `note` is not a string",
        ));
    brief()
        .args(["classify", "--model", model.to_str().unwrap(), "-"])
        .write_stdin("New doctoral fellowships for young scientists.")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("themes: talent"));
    // A model that keeps its training texts for nearest-neighbour votes.
    let near = dir.path().join("near.bin");
    brief()
        .args(["train", corpus.to_str().unwrap(), "--neighbors", "5"])
        .args(["--model", near.to_str().unwrap()])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "trained on 30 texts; kept for 5-nearest-neighbour votes",
        ));
    brief()
        .args([
            "classify",
            "--model",
            near.to_str().unwrap(),
            "--explain",
            "-",
        ])
        .write_stdin("New doctoral fellowships for young scientists.")
        .assert()
        .success()
        .stdout(
            predicate::str::starts_with("themes: talent")
                .and(predicate::str::contains("nearest training texts:\n"))
                .and(predicate::str::is_match(r"\n  \d+ 0\.\d\d: talent\n").unwrap()),
        );
    brief()
        .args(["eval", "classify", corpus.to_str().unwrap(), "--folds", "3"])
        .args(["--neighbors", "5"])
        .assert()
        .success()
        .stdout(predicate::str::contains("hybrid"));
    brief()
        .args(["train", corpus.to_str().unwrap(), "--neighbors", "5000"])
        .args(["--model", dir.path().join("no.bin").to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "neighbors must be between 0 and 1000",
        ));
    assert!(!dir.path().join("no.bin").exists());
    brief()
        .args(["eval", "classify", corpus.to_str().unwrap(), "--folds", "3"])
        .assert()
        .success()
        .stdout(predicate::str::contains("hybrid"));
    // Context from a field (absent or null on some lines), in training and evaluation.
    for extra in [&["--folds", "3"][..], &["--model", model.to_str().unwrap()]] {
        brief()
            .args(["eval", "classify", corpus.to_str().unwrap()])
            .args(["--context-field", "note"])
            .args(extra)
            .assert()
            .success()
            .stdout(
                predicate::str::contains("hybrid").and(predicate::str::contains(
                    "context from `note` in 15 of 30 records",
                )),
            );
    }
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(
        &bad,
        "{\"text\": \"Grants for start-ups.\", \"labels\": [], \"note\": 7}\n",
    )
    .unwrap();
    brief()
        .args(["eval", "classify", bad.to_str().unwrap(), "--folds", "2"])
        .args(["--context-field", "note"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("line 1").and(predicate::str::contains("`note`")));
    brief()
        .args([
            "eval",
            "classify",
            corpus.to_str().unwrap(),
            "--model",
            model.to_str().unwrap(),
            "--min-micro-f1",
            "1.01",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("below the floor"));
    let sumc = dir.path().join("sum.jsonl");
    std::fs::write(&sumc, r#"{"id": "a", "title": "Labs", "article": "The province builds key laboratories.\nIt rained today in the city.\nTalent teams will grow in the labs.", "summary_sentences": ["The province builds key laboratories."]}
"#).unwrap();
    brief()
        .args([
            "eval",
            "summarize",
            sumc.to_str().unwrap(),
            "--scorers",
            "position,textrank",
            "-n",
            "1",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("position").and(predicate::str::contains("textrank")));
    brief()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("brief"));
    brief()
        .args(["man"])
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH brief"));
}

// ---- errors ------------------------------------------------------------------------------

fn fails(args: &[&str], stdin: Option<&[u8]>, code: i32, msg: &str) {
    assert!(
        !msg.is_empty(),
        "a failure check must name the message it expects"
    );
    let mut c = brief();
    c.args(args);
    if let Some(s) = stdin {
        c.write_stdin(s.to_vec());
    }
    let out = c.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(code),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(msg), "{args:?}: stderr {err:?} lacks {msg:?}");
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
    assert!(err.lines().count() <= 8, "one clear message: {err}");
}

#[test]
fn a_word_file_in_windows_1252_is_read_and_damaged_utf8_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let word = dir.path().join("brief.txt");
    std::fs::write(
        &word,
        b"The ministry said \x93we will fund 20 new laboratories\x94 this year.\n\n\
          The \x8050 million plan covers five provinces \x96 and it\x92s the first of its kind.",
    )
    .unwrap();
    let out = stdout_of(&["summarize", "-f", "json", word.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["encoding"], "windows-1252");
    let text: Vec<&str> = v["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert!(
        text.contains(
            &"The ministry said \u{201c}we will fund 20 new laboratories\u{201d} this year."
        ),
        "{text:?}"
    );
    // A UTF-8 file with one damaged byte is still an error, at that byte.
    let damaged = dir.path().join("damaged.txt");
    std::fs::write(&damaged, b"The minist\xc3\xa8re funds \xe9 laboratories.").unwrap();
    fails(
        &["summarize", damaged.to_str().unwrap()],
        None,
        1,
        "offset 21",
    );
}

#[test]
fn bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let p = |n: &str| dir.path().join(n);
    std::fs::write(p("empty.txt"), b"").unwrap();
    std::fs::write(p("ws.txt"), b"  \n\n\t ").unwrap();
    std::fs::write(p("bad.txt"), b"Fine line.\nBad \xff byte.").unwrap();
    std::fs::write(p("nul.txt"), b"text\0with nul").unwrap();
    let bin: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
    std::fs::write(p("bin.dat"), &bin).unwrap();
    let s = |x: &str| p(x).to_str().unwrap().to_owned();
    fails(&["summarize", &s("missing.txt")], None, 1, "missing.txt");
    fails(&["summarize", &s("empty.txt")], None, 1, "empty");
    fails(&["summarize", &s("ws.txt")], None, 1, "only whitespace");
    fails(&["summarize", &s("bad.txt")], None, 1, "offset 15 (line 2)");
    fails(&["summarize", &s("nul.txt")], None, 1, "binary");
    fails(&["summarize", &s("bin.dat")], None, 1, "binary");
    fails(&["summarize"], Some(b"\0\0\0\0"), 1, "binary");
    fails(
        &[
            "classify",
            "--model",
            dir.path().to_str().unwrap(),
            &s("ws.txt"),
        ],
        None,
        1,
        "Is a directory",
    );
    brief()
        .args(["summarize", "--lossy", &s("bad.txt")])
        .assert()
        .success();
    fails(
        &["summarize", "--max-size", "5", &s("bad.txt")],
        None,
        1,
        "--max-size",
    );
}

#[test]
fn directory_given_as_a_file() {
    let dir = tempfile::tempdir().unwrap();
    fails(
        &[
            "classify",
            "--model",
            dir.path().to_str().unwrap(),
            sample(HUBEI).to_str().unwrap(),
        ],
        None,
        1,
        "directory",
    );
    fails(
        &[
            "summarize",
            "--tokens",
            "5",
            "--tokenizer",
            dir.path().to_str().unwrap(),
            sample(HUBEI).to_str().unwrap(),
        ],
        None,
        1,
        "Is a directory",
    );
    fails(
        &["summarize", dir.path().to_str().unwrap()],
        None,
        1,
        "no .txt, .md or .html files",
    );
    fails(
        &[
            "summarize",
            "-o",
            dir.path().to_str().unwrap(),
            sample(HUBEI).to_str().unwrap(),
        ],
        None,
        2,
        "is a directory",
    );
}

#[test]
fn bad_names_and_options_are_usage_errors() {
    let f = sample(HUBEI);
    let f = f.to_str().unwrap();
    fails(
        &["summarize", "--scorer", "texrank", f],
        None,
        2,
        "valid: combined, learned, lead, policy, position",
    );
    fails(
        &["summarize", "--theme", "talnet", f],
        None,
        2,
        "valid: talent,",
    );
    fails(&["summarize", "-n", "0", f], None, 2, "at least 1");
    fails(&["summarize", "--ratio", "2", f], None, 2, "ratio");
    fails(
        &["summarize", "-n", "2", "--words", "5", f],
        None,
        2,
        "cannot be used with",
    );
    fails(
        &["classify", "--threshold", "7", f],
        None,
        2,
        "between 0 and 1",
    );
    fails(&["frobnicate"], None, 2, "unrecognized subcommand");
    fails(
        &["eval", "summarize", f, "--scorers", "nope"],
        None,
        2,
        "unknown scorer",
    );
}

#[test]
fn corrupt_models_and_configs() {
    let dir = tempfile::tempdir().unwrap();
    let f = sample(HUBEI);
    let f = f.to_str().unwrap();
    let m = dir.path().join("m.json");
    let bin = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/models/themes-hybrid.bin");
    let real = brief_classify::HybridModel::from_file(&bin, None)
        .unwrap()
        .0
        .to_json();
    // The binary model loads by its magic bytes, whatever the file's name; cut short, it fails.
    let b = dir.path().join("m.model");
    let bytes = std::fs::read(&bin).unwrap();
    std::fs::write(&b, &bytes).unwrap();
    Command::cargo_bin("brief")
        .unwrap()
        .args(["classify", "--model", b.to_str().unwrap(), f])
        .assert()
        .success();
    std::fs::write(&b, &bytes[..bytes.len() / 2]).unwrap();
    fails(
        &["classify", "--model", b.to_str().unwrap(), f],
        None,
        1,
        "truncated",
    );
    std::fs::write(&m, &real[..real.len() / 3]).unwrap();
    fails(
        &["classify", "--model", m.to_str().unwrap(), f],
        None,
        1,
        "truncated",
    );
    std::fs::write(&m, real.replacen("\"format\":1", "\"format\":7", 1)).unwrap();
    fails(
        &["classify", "--model", m.to_str().unwrap(), f],
        None,
        1,
        "format version 7",
    );
    std::fs::write(&m, b"\x00\x01\x02").unwrap();
    fails(
        &["classify", "--model", m.to_str().unwrap(), f],
        None,
        1,
        "invalid model",
    );
    std::fs::write(&m, "{\"type\": \"centrality\", \"damping\": 3}").unwrap();
    fails(
        &["summarize", "--config", m.to_str().unwrap(), f],
        None,
        1,
        "damping",
    );
    std::fs::write(&m, "{\"format\": 1, \"name\": \"x\", \"themes\": []}").unwrap();
    fails(
        &[
            "classify",
            "--kind",
            "lexicon",
            "--taxonomy",
            m.to_str().unwrap(),
            f,
        ],
        None,
        1,
        "no themes",
    );
    std::fs::write(&m, "not a tokenizer").unwrap();
    fails(
        &[
            "summarize",
            "--tokens",
            "9",
            "--tokenizer",
            m.to_str().unwrap(),
            f,
        ],
        None,
        1,
        "tokenizer",
    );
}

#[test]
fn malformed_jsonl_lines() {
    let input = b"{\"id\": \"a\", \"text\": \"Good line here.\"}\nnot json\n{\"id\": \"c\"}\n{\"id\": \"d\", \"text\": \"Also good.\"}\n";
    fails(&["summarize", "--jsonl"], Some(input), 1, "line 2");
    let out = brief()
        .args(["summarize", "--jsonl", "--skip-bad", "-f", "json"])
        .write_stdin(input.to_vec())
        .output()
        .unwrap();
    assert!(out.status.success());
    let ids = ids_of(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(ids, ["a", "d"]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("skipped 2")
            && err.contains("line 2")
            && err.contains("line 3: no string field `text`"),
        "{err}"
    );
}

#[test]
fn jsonl_errors_come_in_line_order_whatever_their_kind() {
    // Lines are parsed in parallel; the first bad line is still the one reported, be it bad
    // UTF-8 (found when framing) or bad JSON (found when parsing), and a batch of many lines
    // keeps its order.
    fails(
        &["summarize", "--jsonl"],
        Some(b"{\"text\": \"Fine.\"}\nnot json\n\xff bad\n"),
        1,
        "line 2: not valid JSON",
    );
    fails(
        &["summarize", "--jsonl"],
        Some(b"{\"text\": \"Fine.\"}\n\xff bad\nnot json\n"),
        1,
        "line 2: not valid UTF-8",
    );
    let input: String = (0..500)
        .map(|i| format!("{{\"id\": \"n{i}\", \"text\": \"Line {i} funds talent.\"}}\n"))
        .collect();
    let out = brief()
        .args(["keywords", "--jsonl", "-f", "json"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(out.status.success());
    let ids = ids_of(&String::from_utf8(out.stdout).unwrap());
    let want: Vec<String> = (0..500).map(|i| format!("n{i}")).collect();
    assert_eq!(ids, want);
}

#[test]
fn big_inputs() {
    let dir = tempfile::tempdir().unwrap();
    // A 2 MB "sentence" without punctuation.
    let words = [
        "science",
        "talent",
        "laboratory",
        "reform",
        "enterprise",
        "fund",
    ];
    let mut s = String::with_capacity(2_100_000);
    let mut i = 0usize;
    while s.len() < 2_000_000 {
        s.push_str(words[i % words.len()]);
        s.push(' ');
        i = i.wrapping_mul(31).wrapping_add(7);
    }
    let p = dir.path().join("run-on.txt");
    std::fs::write(&p, &s).unwrap();
    let out = brief()
        .args(["summarize", "-f", "json", p.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Without any sentence end, the paragraph is cut at spaces into pieces of at most 16 KB
    // (the splitter's work stays linear); the summary takes at most three of them.
    let chosen = v["sentences"].as_array().unwrap();
    assert!((1..=3).contains(&chosen.len()));
    for x in chosen {
        assert!(x["text"].as_str().unwrap().len() <= 16 * 1024);
    }
    // A 20 MB file of news paragraphs.
    let para = std::fs::read_to_string(sample(SHAANXI)).unwrap();
    let big = dir.path().join("big.txt");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&big).unwrap());
    let mut n = 0;
    while n < 20_000_000 {
        f.write_all(para.as_bytes()).unwrap();
        f.write_all(b"\n\n").unwrap();
        n += para.len() + 2;
    }
    drop(f);
    let s = stdout_of(&["summarize", "-n", "2", big.to_str().unwrap()]);
    assert_eq!(s.lines().count(), 2);
}

#[cfg(unix)]
#[test]
fn broken_pipe_exits_quietly() {
    use std::process::{Command as Std, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let para = std::fs::read_to_string(sample(HUBEI)).unwrap();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, para.repeat(2000)).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("brief");
    let mut child = Std::new(bin)
        .args(["sentences", big.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, then close the pipe.
    let mut stdout = child.stdout.take().unwrap();
    let mut buf = [0u8; 64];
    let _ = std::io::Read::read(&mut stdout, &mut buf).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---- the manual: flags named in errors, suggestions, pages per command, completions --------

#[test]
fn manual_names_flags_and_suggests_names() {
    let f = sample(HUBEI);
    let f = f.to_str().unwrap();
    fails(
        &["summarize", "-n", "0", f],
        None,
        2,
        "'--sentences <SENTENCES>': must be at least 1",
    );
    fails(
        &["keywords", "-n", "0", f],
        None,
        2,
        "'--top <TOP>': must be at least 1",
    );
    fails(&["summarize", "--words", "0", f], None, 2, "--words");
    fails(
        &["summarize", "--theme", "talnt", f],
        None,
        2,
        "did you mean `talent`?",
    );
    fails(
        &["summarize", "--scorer", "textrnk", f],
        None,
        2,
        "did you mean `textrank`?",
    );
    // A name far from every valid one gets the list, not a guess.
    let out = brief()
        .args(["summarize", "--scorer", "zzzz", f])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("did you mean"));
    // Testing a given model takes no training flags.
    fails(
        &["eval", "classify", "--model", "m.bin", "--folds", "3", f],
        None,
        2,
        "cannot be used with",
    );
    fails(&["man", "nope"], None, 2, "no command `nope`");
}

#[test]
fn man_pages_per_command_and_completion_values() {
    for cmd in ["summarize", "keywords", "classify", "digest", "eval"] {
        brief()
            .args(["man", cmd])
            .assert()
            .success()
            .stdout(predicate::str::contains(format!(".TH brief-{cmd} 1")))
            .stdout(predicate::str::contains(".SH \"EXIT STATUS\""));
    }
    let out = brief().args(["completions", "bash"]).output().unwrap();
    let script = String::from_utf8_lossy(&out.stdout);
    for value in ["textrank", "learned", "regional_innovation", "lexicon"] {
        assert!(script.contains(value), "completion lacks {value}");
    }
}

#[test]
fn summarize_and_keywords_read_a_background_table() {
    let dir = tempfile::tempdir().unwrap();
    let f = sample(HUBEI);
    let f = f.to_str().unwrap();
    // A table where "laboratory" is in every document: it stops being a keyword.
    let bg = dir.path().join("bg.json");
    std::fs::write(
        &bg,
        r#"{"format": 1, "source": "test", "docs": 10, "df": {"laboratori": 10, "hubei": 10}}"#,
    )
    .unwrap();
    let bg = bg.to_str().unwrap();
    let with = brief()
        .args(["keywords", "-n", "3", "--background", bg, f])
        .output()
        .unwrap();
    assert!(
        with.status.success(),
        "{}",
        String::from_utf8_lossy(&with.stderr)
    );
    let without = brief().args(["keywords", "-n", "3", f]).output().unwrap();
    assert_ne!(with.stdout, without.stdout);
    // "hubei laboratories" leads without the table and falls below the others with it.
    let first = |o: &[u8]| {
        String::from_utf8_lossy(o)
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned()
    };
    assert!(first(&without.stdout).contains("hubei"));
    assert!(!first(&with.stdout).contains("hubei"));
    brief()
        .args(["summarize", "-n", "2", "--background", bg, f])
        .assert()
        .success();
    fails(
        &["keywords", "--background", "/nonexistent/bg.json", f],
        None,
        1,
        "bg.json",
    );
    std::fs::write(dir.path().join("bad.json"), "{").unwrap();
    fails(
        &[
            "summarize",
            "--background",
            dir.path().join("bad.json").to_str().unwrap(),
            f,
        ],
        None,
        1,
        "bad.json",
    );
}

/// The keys the README's "JSON output" section documents for a command, in their order.
fn readme_keys(command: &str) -> Vec<String> {
    let readme =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../README.md"))
            .unwrap();
    let section = readme.split("### JSON output").nth(1).unwrap();
    let marker = format!("`{command}`: `{{");
    let start = section
        .find(&marker)
        .unwrap_or_else(|| panic!("README documents {command}"));
    let rest = &section[start + marker.len()..];
    let end = rest.find("}`").unwrap();
    rest[..end]
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

#[test]
fn json_output_follows_the_readme_contract() {
    let f = sample(HUBEI);
    let f = f.to_str().unwrap();
    for (command, args) in [
        (
            "summarize",
            vec![
                "summarize",
                "-n",
                "2",
                "--explain",
                "--highlight",
                "-f",
                "json",
                f,
            ],
        ),
        (
            "classify",
            vec!["classify", "--per-sentence", "--explain", "-f", "json", f],
        ),
        ("keywords", vec!["keywords", "-n", "3", "-f", "json", f]),
    ] {
        let documented = readme_keys(command);
        let out = stdout_of(&args);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        // Every key in the output is documented (besides the common `language`).
        let mut seen = Vec::new();
        fn keys(v: &serde_json::Value, out: &mut Vec<String>) {
            match v {
                serde_json::Value::Object(o) => {
                    for (k, x) in o {
                        out.push(k.clone());
                        // Score maps are keyed by theme ids, not by field names.
                        if k != "scores" && k != "shares" {
                            keys(x, out);
                        }
                    }
                }
                serde_json::Value::Array(a) => a.iter().for_each(|x| keys(x, out)),
                _ => {}
            }
        }
        keys(&v, &mut seen);
        for k in seen.iter().filter(|k| *k != "language") {
            assert!(
                documented.contains(k),
                "{command}: `{k}` is not in the README"
            );
        }
        // The documented top-level keys come in the documented order (serde's field order).
        let mut top: Vec<&String> = documented
            .iter()
            .filter(|k| v.get(k.as_str()).is_some())
            .collect();
        let mut once = std::collections::HashSet::new();
        top.retain(|k| once.insert(k.as_str()));
        let pos: Vec<usize> = top
            .iter()
            .map(|k| out.find(&format!("\n  \"{k}\":")).unwrap())
            .collect();
        assert!(
            pos.windows(2).all(|w| w[0] < w[1]),
            "{command}: key order {documented:?}"
        );
    }
}

#[test]
fn lang_overrides_the_detected_language_and_rejects_unknown_codes() {
    let zh = sample("zhejiang-keji-gongzuo-huiyi.txt");
    let zh = zh.to_str().unwrap();
    let detected: serde_json::Value =
        serde_json::from_str(&stdout_of(&["summarize", zh, "--format", "json"])).unwrap();
    assert_eq!(detected["language"], "zh");
    let told: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "summarize",
        zh,
        "--format",
        "json",
        "--lang",
        "en",
    ]))
    .unwrap();
    assert_eq!(told["language"], "en");
    // The analysis does not depend on the label: the same sentences are chosen.
    assert_eq!(told["sentences"], detected["sentences"]);
    brief()
        .args(["keywords", "--lang", "fr", zh])
        .assert()
        .failure()
        .code(2)
        .stderr(predicates::str::contains("possible values: auto, en, zh"));
}

#[test]
fn print_config_round_trips_through_config() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("default.json");
    let printed = stdout_of(&["summarize", "--print-config"]);
    let v: serde_json::Value = serde_json::from_str(&printed).unwrap();
    assert_eq!(v["type"], "combined");
    std::fs::write(&config, &printed).unwrap();
    let hubei = sample(HUBEI);
    let hubei = hubei.to_str().unwrap();
    let with_config = stdout_of(&["summarize", hubei, "--config", config.to_str().unwrap()]);
    assert_eq!(with_config, stdout_of(&["summarize", hubei]));
    // A named scorer prints its own settings.
    let textrank = stdout_of(&["summarize", "--print-config", "--scorer", "textrank"]);
    assert!(textrank.contains("\"window\": 24"), "{textrank}");
}

#[test]
fn digest_files_documents_under_a_trained_model_s_own_themes() {
    // A taxonomy of two themes of our own, a model trained for it, and a digest by it.
    let dir = tempfile::tempdir().unwrap();
    let tax = dir.path().join("tax.json");
    std::fs::write(
        &tax,
        serde_json::json!({"format": 1, "name": "two", "description": "", "themes": [
            {"id": "labs", "name": "Labs", "definition": "", "stip_codes": [],
             "terms": [{"text": "laboratory", "weight": 2}]},
            {"id": "money", "name": "Money", "definition": "", "stip_codes": [],
             "terms": [{"text": "fund", "weight": 2}]}]})
        .to_string(),
    )
    .unwrap();
    let corpus = dir.path().join("records.jsonl");
    let texts = [
        (
            "labs",
            "The province opens a new key laboratory for materials science.",
        ),
        (
            "money",
            "A venture fund of two billion yuan will finance start-ups.",
        ),
    ];
    let lines: Vec<String> = (0..30)
        .map(|i| {
            let (l, t) = texts[i % 2];
            serde_json::json!({"id": i, "text": format!("{t} Round {i}."), "labels": [l]})
                .to_string()
        })
        .collect();
    std::fs::write(&corpus, lines.join("\n")).unwrap();
    let model = dir.path().join("two.bin");
    brief()
        .args([
            "train",
            corpus.to_str().unwrap(),
            "--taxonomy",
            tax.to_str().unwrap(),
        ])
        .args(["--model", model.to_str().unwrap()])
        .assert()
        .success();
    let out = stdout_of(&[
        "digest",
        "--jsonl",
        "-f",
        "json",
        "--model",
        model.to_str().unwrap(),
        corpus.to_str().unwrap(),
    ]);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let themes: Vec<&str> = report["themes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["theme"].as_str().unwrap())
        .collect();
    assert_eq!(themes.len(), 2, "{themes:?}");
    assert!(
        themes.contains(&"labs") && themes.contains(&"money"),
        "{themes:?}"
    );
    // A model file that does not load is an error before any input is read.
    brief()
        .args(["digest", "--jsonl", "--model", tax.to_str().unwrap()])
        .arg(&corpus)
        .assert()
        .code(1);
}

#[test]
fn a_batch_read_while_the_model_loads_reports_the_model_s_error_first() {
    // `classify` reads a JSON Lines input on another thread while its model loads: with both
    // broken, the model's error is the one reported, as when the two ran in turn.
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("model.bin");
    std::fs::write(&model, b"BRIEFTM\x02 not a model").unwrap();
    let input = dir.path().join("in.jsonl");
    std::fs::write(&input, "{\"id\": \"a\", \"text\": 3}\n").unwrap();
    let out = brief()
        .args(["classify", "--jsonl", input.to_str().unwrap()])
        .args(["--model", model.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("model.bin"), "{err}");
    assert!(!err.contains("no string field"), "{err}");
    // A good model: the input's error.
    brief()
        .args(["classify", "--jsonl", input.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("line 1: no string field `text`"));
    // Both good: the batch runs, in input order.
    std::fs::write(
        &input,
        "{\"id\": \"a\", \"text\": \"The province funds key laboratories.\"}\n\
         {\"id\": \"b\", \"text\": \"Enterprises hire young engineers.\"}\n",
    )
    .unwrap();
    let out = brief()
        .args(["classify", "--jsonl", input.to_str().unwrap(), "-f", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let ids: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string())
        .collect();
    assert_eq!(ids, ["\"a\"", "\"b\""]);
}

// ---- saved web pages: a file, standard input, a folder and JSON Lines holding HTML are read
// as the text a reader sees; `--input-format` forces either reading; a page without text is
// an input error -------------------------------------------------------------------------

/// A news page as a browser saves it: head, scripts, styles, navigation, share buttons, an
/// article, related links and a footer (written for these tests).
const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Province funds key laboratories | Provincial Daily</title>
<style>.share { float: right } p::after { content: "<p>" }</style>
<script>var t = "<h1>not a title</h1>"; if (a < b) { go(); }</script></head>
<body><nav><a href="/">Home</a> &gt; <a href="/news">News</a></nav>
<div class="share"><button>Print</button><button>Share - WeChat</button></div>
<article><h1>Province funds 57 key laboratories</h1>
<p>The province will invest 2&nbsp;billion yuan in 57 key laboratories this year, officials said on Monday.</p>
<p>The laboratories will recruit young scientists &amp; buy shared instruments for local firms.</p>
<p>Officials said the new laboratories will work with universities on key and core technologies.</p>
</article>
<aside><h3>Related news</h3><a href="/x">Another story about something else</a></aside>
<footer>Copyright &copy; 2024 Provincial Daily</footer>
</body></html>
"#;

fn page_file(dir: &tempfile::TempDir, name: &str) -> std::path::PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, PAGE).unwrap();
    p
}

#[test]
fn a_saved_page_is_read_as_the_text_a_reader_sees() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_file(&dir, "page.html");
    let sentences = stdout(brief().arg("sentences").arg(&page));
    assert_eq!(
        sentences.lines().collect::<Vec<_>>(),
        [
            "Province funds 57 key laboratories",
            "The province will invest 2 billion yuan in 57 key laboratories this year, officials said on Monday.",
            "The laboratories will recruit young scientists & buy shared instruments for local firms.",
            "Officials said the new laboratories will work with universities on key and core technologies.",
        ]
    );
    let summary = stdout(brief().args(["summarize", "-n", "2"]).arg(&page));
    assert!(
        !summary.contains('<') && !summary.contains("&amp;"),
        "{summary}"
    );
    assert_eq!(summary.lines().count(), 2);
    // The title leads the page's text: the summary's title signal reads it.
    let json = stdout(brief().args(["sentences", "-f", "json"]).arg(&page));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["sentences"][0]["kind"], "title");
}

#[test]
fn standard_input_and_any_file_name_are_sniffed() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_file(&dir, "page.html");
    let from_file = stdout(brief().arg("summarize").arg(&page));
    let from_stdin = stdout(brief().arg("summarize").write_stdin(PAGE));
    assert_eq!(from_file, from_stdin);
    // A page saved as .txt opens with <!DOCTYPE html>: read as HTML too.
    let txt = page_file(&dir, "page.txt");
    assert_eq!(stdout(brief().arg("summarize").arg(&txt)), from_file);
}

#[test]
fn input_format_forces_text_or_html() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_file(&dir, "page.html");
    let raw = stdout(
        brief()
            .args(["sentences", "--input-format", "text"])
            .arg(&page),
    );
    assert!(raw.contains("<nav>"), "{raw}");
    // A fragment is not sniffed as a page, but is read as HTML when asked.
    let fragment = "<p>Loans for <b>start-ups</b> grow.</p><p>Talent &amp; labs.</p>";
    let as_text = stdout(brief().arg("sentences").write_stdin(fragment));
    assert!(as_text.contains("<b>"), "{as_text}");
    let as_html = stdout(
        brief()
            .args(["sentences", "--input-format", "html"])
            .write_stdin(fragment),
    );
    assert_eq!(as_html, "Loans for start-ups grow.\nTalent & labs.\n");
}

#[test]
fn a_folder_reads_its_pages_beside_its_texts() {
    let dir = tempfile::tempdir().unwrap();
    page_file(&dir, "a.html");
    page_file(&dir, "b.HTM");
    std::fs::write(
        dir.path().join("c.txt"),
        "Talent programmes grow. Labs open.",
    )
    .unwrap();
    std::fs::write(dir.path().join("d.css"), "p { color: red }").unwrap();
    let out = stdout(
        brief()
            .args(["summarize", "-n", "1", "-f", "json"])
            .arg(dir.path()),
    );
    let ids: Vec<String> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(ids, ["a.html", "b.HTM", "c.txt"]);
    assert!(!out.contains("&nbsp;") && !out.contains("<p>"), "{out}");
}

#[test]
fn json_lines_holding_pages_are_read_as_html() {
    let line = serde_json::json!({"id": "p1", "text": PAGE}).to_string();
    let fragment =
        serde_json::json!({"id": "p2", "text": "<p>Seed loans &amp; grants.</p>"}).to_string();
    let input = format!("{line}\n{fragment}\n");
    let out = stdout(
        brief()
            .args(["sentences", "--jsonl", "-f", "json"])
            .write_stdin(input.clone()),
    );
    let docs: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs[0]["sentences"].as_array().unwrap().len(), 4);
    // The fragment is text unless HTML is asked for.
    assert!(docs[1].to_string().contains("<p>"));
    let forced = stdout(
        brief()
            .args([
                "sentences",
                "--jsonl",
                "-f",
                "json",
                "--input-format",
                "html",
            ])
            .write_stdin(input),
    );
    assert!(
        forced.contains("Seed loans & grants.") && !forced.contains("<p>"),
        "{forced}"
    );
}

#[test]
fn a_page_without_text_is_an_input_error() {
    brief()
        .arg("summarize")
        .write_stdin("<!DOCTYPE html><html><head><title></title><script>go()</script></head><body><nav>Home</nav></body></html>")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("an HTML page without text"))
        .stdout(predicate::str::is_empty());
    let line =
        serde_json::json!({"id": "x", "text": "<html><body><script>x</script></body></html>"})
            .to_string();
    brief()
        .args(["summarize", "--jsonl"])
        .write_stdin(format!("{line}\n"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("an HTML page without text"));
}

#[test]
fn a_digest_reads_pages() {
    let dir = tempfile::tempdir().unwrap();
    page_file(&dir, "a.html");
    std::fs::write(
        dir.path().join("b.txt"),
        "The city will fund incubators for start-ups. Loans for young firms grow.",
    )
    .unwrap();
    let out = stdout(brief().args(["digest", "-f", "json"]).arg(dir.path()));
    assert!(!out.contains("<nav>") && !out.contains("&gt;"), "{out}");
    assert!(out.contains("laboratories"), "{out}");
}
