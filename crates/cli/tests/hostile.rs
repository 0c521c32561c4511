//! Regression tests for the defects found by fuzzing and hostile use (issue 16): crashes,
//! hangs, data loss, silent wrong output and terminal escapes. Each test names its row.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn brief() -> Command {
    Command::cargo_bin("brief").unwrap()
}

fn sample(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/samples")
        .join(name)
}

fn hubei() -> String {
    sample("hubei-lab-reform-meeting.txt")
        .to_str()
        .unwrap()
        .to_owned()
}

fn no_panic(out: &std::process::Output) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !err.contains("panicked") && out.status.code() != Some(101),
        "{err}"
    );
}

#[test]
fn row01_highlight_with_score_order() {
    let out = brief()
        .args(["summarize", "--highlight", "--order", "score", &hubei()])
        .output()
        .unwrap();
    no_panic(&out);
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert_eq!(s.matches("[[").count(), 3, "{s}");
}

#[test]
fn row02_row14_truncated_and_truncating_tokenizers() {
    let dir = tempfile::tempdir().unwrap();
    let full = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/tokenizer/brief-wordpiece.json"),
    )
    .unwrap();
    let t = dir.path().join("t.json");
    std::fs::write(&t, &full[..614]).unwrap();
    let out = brief()
        .args(["summarize", "--tokens", "50", "--tokenizer"])
        .arg(&t)
        .arg(hubei())
        .output()
        .unwrap();
    no_panic(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid tokenizer.json"));

    // A tokenizer.json with truncation at 8 tokens must not make budgets undercount.
    let mut v: serde_json::Value = serde_json::from_str(&full).unwrap();
    v["truncation"] = serde_json::json!({"direction": "Right", "max_length": 8,
        "strategy": "LongestFirst", "stride": 0});
    std::fs::write(&t, v.to_string()).unwrap();
    let out = brief()
        .args(["summarize", "--tokens", "60", "-f", "json", "--tokenizer"])
        .arg(&t)
        .arg(hubei())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let words: usize = j["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap().split_whitespace().count())
        .sum();
    assert!(words > 0 && words <= 60, "{words} words for 60 tokens");
}

#[test]
fn row04_completions_into_a_closed_pipe() {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("brief"))
        .args(["completions", "bash"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    no_panic(&out);
}

#[test]
fn row05_warnings_into_a_closed_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(
        &bad,
        "{\"text\": \"Labs get funds. Labs hire staff.\"}\nnot json\n",
    )
    .unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("brief"))
        .args(["summarize", "--jsonl", "--skip-bad", "-o"])
        .arg(dir.path().join("o.jsonl"))
        .arg(&bad)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    let status = child.wait().unwrap();
    assert_ne!(status.code(), Some(101));
    assert!(std::fs::read_to_string(dir.path().join("o.jsonl"))
        .unwrap()
        .contains("Labs"));
}

#[cfg(unix)]
#[test]
fn row06_row19_output_to_links_fifos_and_under_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    // A symlink: its target is written, the link stays a link.
    let target = dir.path().join("target.txt");
    std::fs::write(&target, "old").unwrap();
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    brief()
        .args(["sentences", &hubei(), "-o"])
        .arg(&link)
        .assert()
        .success();
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&target).unwrap().contains("Hubei"));

    // A FIFO is written as a stream and stays a FIFO.
    let fifo = dir.path().join("fifo");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    brief()
        .args(["sentences", &hubei(), "-o"])
        .arg(&fifo)
        .assert()
        .success();
    assert!(reader.join().unwrap().contains("Hubei"));
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());

    // New files follow the umask.
    let n = dir.path().join("n.txt");
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask 077; {} sentences {} -o {}",
            assert_cmd::cargo::cargo_bin("brief").display(),
            hubei(),
            n.display()
        ))
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(
        std::fs::metadata(&n).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // No temporary file is left behind.
    let leftovers = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".brief-")
        })
        .count();
    assert_eq!(leftovers, 0);
}

#[test]
fn row07_row16_row17_jsonl_lines_are_their_own_errors() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("in.jsonl");
    let mut bytes = Vec::new();
    for i in 0..10 {
        bytes.extend_from_slice(
            format!("{{\"id\": {i}, \"text\": \"Labs get funds {i}. Labs hire staff.\"}}\n")
                .as_bytes(),
        );
    }
    bytes.extend_from_slice(b"{\"id\": 99, \"text\": \"bad \xff byte.\"}\n");
    // A carriage return as JSON whitespace inside a record, and a huge integer id.
    bytes.extend_from_slice(
        b"{\"id\": 123456789012345678901234567890,\r \"text\": \"Labs grow fast. Labs win.\"}\r\n",
    );
    bytes.extend_from_slice(b"{\"id\": 3, \"text\": \"Duplicate id here. It is fine.\"}\n");
    std::fs::write(&f, &bytes).unwrap();
    let out = brief()
        .args(["sentences", "--jsonl", "--skip-bad", "-f", "json"])
        .arg(&f)
        .output()
        .unwrap();
    no_panic(&out);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 12, "{stdout}");
    assert!(
        stdout.contains("\"id\":\"123456789012345678901234567890\""),
        "{stdout}"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 11") && err.contains("UTF-8"), "{err}");
    assert!(err.contains("`3` was used before"), "{err}");
}

#[cfg(unix)]
#[test]
fn row08_row09_folder_walk_with_link_loops_and_fifos() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d");
    std::fs::create_dir(&d).unwrap();
    std::fs::copy(sample("hubei-lab-reform-meeting.txt"), d.join("a.txt")).unwrap();
    std::os::unix::fs::symlink("..", d.join("l1")).unwrap();
    std::os::unix::fs::symlink("..", d.join("l2")).unwrap();
    std::os::unix::fs::symlink(".", d.join("self")).unwrap();
    assert!(std::process::Command::new("mkfifo")
        .arg(d.join("p.txt"))
        .status()
        .unwrap()
        .success());
    let out = brief()
        .args(["sentences", "-f", "json", "--skip-bad"])
        .arg(&d)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    no_panic(&out);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "one file, once: {stdout}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a regular file"));
}

#[test]
fn row10_configurations_that_never_end_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (cfg, field) in [
        (
            r#"{"type":"centrality","tolerance":0,"max_iterations":18446744073709551615}"#,
            "centrality.tolerance",
        ),
        (
            r#"{"type":"centrality","window":18446744073709551615,"max_neighbors":0}"#,
            "centrality.max_neighbors",
        ),
        (
            r#"{"type":"cue","stigma_weight":-1e300}"#,
            "cue.stigma_weight",
        ),
        (
            r#"{"type":"title","heading_weight":1e308}"#,
            "title.heading_weight",
        ),
    ] {
        let p = dir.path().join("c.json");
        std::fs::write(&p, cfg).unwrap();
        let out = brief()
            .args(["summarize", "--config"])
            .arg(&p)
            .arg(hubei())
            .timeout(std::time::Duration::from_secs(30))
            .output()
            .unwrap();
        no_panic(&out);
        assert_eq!(out.status.code(), Some(1), "{cfg} was accepted");
        // Refused for the setting itself (the input is a valid sample), in a short message.
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(field) && err.len() < 300, "{cfg}: {err}");
    }
}

#[test]
fn row12_selection_is_not_quadratic() {
    // 40,000 distinct sentences, every one chosen: the old selection scanned every candidate
    // for every pick (1.6 billion steps); this finishes in well under the timeout.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("many.txt");
    let mut s = String::new();
    for i in 0..40_000 {
        s.push_str(&format!(
            "Province {i} funds laboratory {} and talent {}. ",
            i * 7,
            i * 13
        ));
    }
    std::fs::write(&p, s).unwrap();
    let out = brief()
        .args([
            "summarize",
            "--ratio",
            "1",
            "--scorer",
            "position",
            "-f",
            "json",
        ])
        .arg(&p)
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn row15_offsets_are_into_the_decoded_text() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("crlf.txt");
    std::fs::write(&p, "\u{feff}Labs get funds.\r\nLabs hire staff today.\r\n").unwrap();
    let out = brief()
        .args(["sentences", "-f", "json"])
        .arg(&p)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let decoded = "Labs get funds.\nLabs hire staff today.\n";
    for s in v["sentences"].as_array().unwrap() {
        let (a, b) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&decoded[a..b], s["text"].as_str().unwrap());
    }
}

#[test]
fn row18_no_raw_escape_sequences_in_text_output() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("esc.txt");
    std::fs::write(
        &p,
        "The lab \u{1b}]0;owned\u{7} got funds today.\u{1b}[2J The lab hired staff today.",
    )
    .unwrap();
    for cmd in ["summarize", "sentences", "keywords", "tokens"] {
        let out = brief().arg(cmd).arg(&p).output().unwrap();
        assert!(out.status.success());
        assert!(
            !out.stdout.contains(&0x1b) && !out.stdout.contains(&0x07),
            "{cmd}: {:?}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[cfg(unix)]
#[test]
fn row20_devices_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("zero.txt");
    std::os::unix::fs::symlink(Path::new("/dev/zero"), &link).unwrap();
    let out = brief()
        .arg("summarize")
        .arg(&link)
        .timeout(std::time::Duration::from_secs(10))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("device"));
}

#[test]
fn a_background_table_that_never_ends_is_refused() {
    // /dev/zero as a table, given on the command line or named by a configuration: refused
    // after the size limit, not read forever.
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("c.json");
    std::fs::write(
        &cfg,
        r#"{"type":"keyword","background":{"file":"/dev/zero"}}"#,
    )
    .unwrap();
    for args in [
        vec!["summarize", "--background", "/dev/zero"],
        vec!["keywords", "--background", "/dev/zero"],
        vec!["summarize", "--config", cfg.to_str().unwrap()],
    ] {
        let out = brief()
            .args(&args)
            .arg(hubei())
            .timeout(std::time::Duration::from_secs(60))
            .output()
            .unwrap();
        no_panic(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("at most 64 MiB"), "{args:?}: {err}");
    }
}
