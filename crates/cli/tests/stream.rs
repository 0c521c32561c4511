//! `--jsonl --stream`: JSON Lines read, processed and written a chunk at a time give what the
//! whole input gives, line numbers and errors included, in chunks of any size.

use assert_cmd::Command;
use std::path::PathBuf;

fn brief() -> Command {
    Command::cargo_bin("brief").unwrap()
}

/// JSON Lines of the project's own samples, their paragraphs one document each, with a blank
/// line now and then.
fn records() -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/samples");
    let mut out = String::new();
    let mut n = 0;
    for name in [
        "hubei-lab-reform-meeting.txt",
        "shaanxi-sci-tech-conference.txt",
        "oecd-style-policy-brief.md",
        "zhejiang-keji-gongzuo-huiyi.txt",
    ] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        for para in text
            .split("\n\n")
            .filter(|p| p.split_whitespace().count() > 3)
        {
            n += 1;
            let rec = serde_json::json!({"id": format!("{name}#{n}"), "text": para});
            out.push_str(&rec.to_string());
            out.push('\n');
            if n % 7 == 0 {
                out.push('\n');
            }
        }
    }
    assert!(n > 20, "{n} records");
    out
}

/// Exit code, standard output, and standard error with its lines sorted: warnings about single
/// documents come from the threads that process them, in no fixed order.
fn run(args: &[&str], stdin: &str) -> (i32, String, String) {
    let out = brief().args(args).write_stdin(stdin).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    let mut lines: Vec<&str> = err.lines().collect();
    lines.sort_unstable();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        lines.join("\n"),
    )
}

#[test]
fn streamed_output_equals_the_whole_input_in_chunks_of_any_size() {
    let input = records();
    for cmd in ["summarize", "classify", "keywords", "sentences"] {
        for format in ["json", "text"] {
            let whole = run(&[cmd, "--jsonl", "-f", format], &input);
            assert_eq!(whole.0, 0, "{}", whole.2);
            for chunk in ["1", "700", "8388608"] {
                let streamed = run(
                    &[
                        cmd,
                        "--jsonl",
                        "-f",
                        format,
                        "--stream",
                        "--stream-chunk",
                        chunk,
                    ],
                    &input,
                );
                assert_eq!(
                    streamed, whole,
                    "{cmd} -f {format}, chunks of {chunk} bytes"
                );
            }
        }
    }
}

#[test]
fn streamed_errors_name_the_line_and_skip_bad_lists_them_all() {
    let mut input = records();
    let lines = input.lines().count();
    input.push_str("not json\n{\"id\": \"x\"}\n");
    input.push_str(
        "{\"id\": \"hubei-lab-reform-meeting.txt#1\", \"text\": \"A repeated id. Still a document.\"}\n",
    );
    let bad = format!("line {}: not valid JSON", lines + 1);
    // Without --skip-bad: the lines before the bad one are written, then the error.
    let whole = run(&["summarize", "--jsonl", "-f", "json"], &input);
    let streamed = run(
        &[
            "summarize",
            "--jsonl",
            "-f",
            "json",
            "--stream",
            "--stream-chunk",
            "500",
        ],
        &input,
    );
    assert_eq!((whole.0, streamed.0), (1, 1));
    assert!(
        whole.2.contains(&bad) && streamed.2.contains(&bad),
        "{}",
        streamed.2
    );
    assert!(whole.1.is_empty());
    assert!(streamed.1.lines().count() > 10, "{}", streamed.1);
    assert!(run(&["summarize", "--jsonl", "-f", "json"], &records())
        .1
        .starts_with(&streamed.1));
    // With --skip-bad: the same documents, the same skipped lines, the same warning.
    let args = ["summarize", "--jsonl", "-f", "json", "--skip-bad"];
    let whole = run(&args, &input);
    let streamed = run(
        &[&args[..], &["--stream", "--stream-chunk", "500"]].concat(),
        &input,
    );
    assert_eq!(streamed, whole);
    assert_eq!(whole.0, 0);
    // Bad lines at the very end, alone in the last chunks, are listed too.
    let mut tail = records();
    tail.push_str("not json\n\n{\"id\": \"x\"}\n");
    let whole_tail = run(&args, &tail);
    assert!(
        whole_tail.2.contains("skipped 2 input(s)"),
        "{}",
        whole_tail.2
    );
    for chunk in ["1", "64"] {
        let streamed = run(
            &[&args[..], &["--stream", "--stream-chunk", chunk]].concat(),
            &tail,
        );
        assert_eq!(streamed, whole_tail, "chunks of {chunk} bytes");
    }
    assert!(whole.2.contains("skipped 2 input(s)"), "{}", whole.2);
    assert!(whole
        .2
        .contains(&format!("line {}: no string field", lines + 2)));
    assert!(
        whole
            .2
            .contains("the id `hubei-lab-reform-meeting.txt#1` was used before"),
        "{}",
        whole.2
    );
}

#[test]
fn streamed_limits_empty_input_and_atomic_output() {
    // --max-size bounds each line, not the input.
    let input = records();
    let longest = input.lines().map(str::len).max().unwrap();
    let max = longest.to_string();
    let (code, out, _) = run(
        &["keywords", "--jsonl", "--stream", "--max-size", &max],
        &input,
    );
    assert_eq!(code, 0);
    assert_eq!(out, run(&["keywords", "--jsonl"], &input).1);
    let less = (longest - 1).to_string();
    let (code, _, err) = run(
        &["keywords", "--jsonl", "--stream", "--max-size", &less],
        &input,
    );
    assert_eq!(code, 1);
    assert!(err.contains("is larger than the --max-size limit"), "{err}");
    // No document at all.
    let (code, _, err) = run(&["summarize", "--jsonl", "--stream"], "\n\n");
    assert_eq!(code, 1);
    assert!(err.contains("no JSON lines to process"), "{err}");
    // An error leaves no output file, even after chunks were processed.
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("out.jsonl");
    let mut bad = input.clone();
    bad.push_str("not json\n");
    let (code, _, _) = run(
        &[
            "summarize",
            "--jsonl",
            "--stream",
            "--stream-chunk",
            "300",
            "-o",
            dest.to_str().unwrap(),
        ],
        &bad,
    );
    assert_eq!(code, 1);
    assert!(!dest.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    // A device is refused before anything is read from it (as without --stream).
    #[cfg(unix)]
    for cmd in [
        &["summarize", "--jsonl", "--stream", "/dev/zero"][..],
        &["digest", "--jsonl", "/dev/zero"],
    ] {
        let (code, _, err) = run(cmd, "");
        assert_eq!(code, 1);
        assert!(err.contains("is a device, not a text file"), "{err}");
    }
    // --stream needs --jsonl.
    assert_eq!(run(&["summarize", "--stream"], "Text.").0, 2);
}
