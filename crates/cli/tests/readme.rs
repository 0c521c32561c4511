//! The README's console examples are what `brief` prints: every `$ brief …` example whose
//! output the README shows in full (no `…`) and whose files ship in this repository is run
//! here, and its output compared line by line.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// An example: the command's words, how many lines `| head -N` keeps, the README's output.
struct Example {
    line: usize,
    args: Vec<String>,
    head: Option<usize>,
    expected: Vec<String>,
}

/// The `$ brief …` examples of the README's `console` blocks that show their output.
fn examples(readme: &str) -> Vec<Example> {
    let mut out = Vec::new();
    let lines: Vec<&str> = readme.lines().collect();
    let mut in_block = false;
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        if l.starts_with("```") {
            in_block = l.starts_with("```console") && !in_block;
            i += 1;
            continue;
        }
        let Some(cmd) = l.strip_prefix("$ brief ").filter(|_| in_block) else {
            i += 1;
            continue;
        };
        let start = i + 1;
        let mut expected = Vec::new();
        i += 1;
        while i < lines.len() && !lines[i].starts_with("$ ") && !lines[i].starts_with("```") {
            expected.push(lines[i].to_owned());
            i += 1;
        }
        while expected.last().is_some_and(|l| l.is_empty()) {
            expected.pop();
        }
        let (cmd, head) = match cmd.split_once(" | head -") {
            Some((c, n)) => (c, n.trim().parse().ok()),
            None => (cmd, None),
        };
        out.push(Example {
            line: start,
            args: cmd.split_whitespace().map(str::to_owned).collect(),
            head,
            expected,
        });
    }
    out
}

/// Whether the example can run here: it shows its whole output, has no other pipe or
/// redirection, and every file it names ships in the repository.
fn runnable(e: &Example, root: &Path) -> bool {
    !e.expected.is_empty()
        && !e.expected.iter().any(|l| l.contains('…'))
        && !e
            .args
            .iter()
            .any(|a| a.contains(['|', '>', '<', '$']) || a == "-o")
        && e.args
            .iter()
            .filter(|a| a.contains('/') || a.ends_with(".txt") || a.ends_with(".json"))
            .all(|a| root.join(a).exists())
}

#[test]
fn readme_console_examples_print_what_the_readme_shows() {
    let root = root();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let all = examples(&readme);
    let run: Vec<&Example> = all.iter().filter(|e| runnable(e, &root)).collect();
    // The parser finds the examples (a README reshuffle must not silently skip them all).
    assert!(run.len() >= 6, "only {} runnable examples", run.len());
    let mut wrong = Vec::new();
    for e in run {
        let out = Command::cargo_bin("brief")
            .unwrap()
            .current_dir(&root)
            .args(&e.args)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        let mut got: Vec<&str> = text.lines().collect();
        if let Some(n) = e.head {
            got.truncate(n);
        }
        while got.last().is_some_and(|l| l.is_empty()) {
            got.pop();
        }
        if got != e.expected {
            wrong.push(format!(
                "README line {}: brief {}\n  README: {:?}\n  brief:  {:?}",
                e.line,
                e.args.join(" "),
                e.expected,
                got
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
