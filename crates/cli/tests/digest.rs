//! `brief digest` end to end: Markdown, JSON and HTML on our own samples and on a generated
//! corpus with a planted rising theme and reposted announcements; the HTML in a real browser.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/samples")
}

fn run(args: &[&str]) -> String {
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
    String::from_utf8(out.stdout).unwrap()
}

/// A corpus of JSON Lines with dates and groups: talent rises in the later months, and one
/// announcement is reposted by three sites.
fn planted(dir: &Path) -> PathBuf {
    let repost = "The province will rebuild 57 key laboratories and merge the weak ones this year.";
    let mut lines = String::new();
    for i in 0..12 {
        let text = if i < 6 {
            format!(
                "{repost} Key laboratories will open their equipment to enterprises in region {i}."
            )
        } else {
            format!("The city will attract young scientists and high-level talents with new grants in round {i}. Talent teams will lead major projects.")
        };
        let site = ["east.example", "west.example", "north.example"][i % 3];
        lines.push_str(
            &serde_json::json!({
                "id": format!("n{i}"),
                "text": text,
                "date": format!("2023-{:02}-15", i + 1),
                "site": site,
            })
            .to_string(),
        );
        lines.push('\n');
    }
    let p = dir.join("news.jsonl");
    std::fs::write(&p, lines).unwrap();
    p
}

#[test]
fn digest_of_our_samples_in_three_formats() {
    let s = samples();
    let md = run(&["digest", s.to_str().unwrap()]);
    for section in [
        "# Digest",
        "## Overview",
        "## Themes across the corpus",
        "## What each theme says",
        "## What changed",
        "## Corpus keyphrases",
        "## Documents",
    ] {
        assert!(md.contains(section), "{section} missing");
    }
    assert!(md.contains("zh 3") && md.contains("en 3"), "{md}");
    let json: serde_json::Value =
        serde_json::from_str(&run(&["digest", "-f", "json", s.to_str().unwrap()])).unwrap();
    assert_eq!(json["overview"]["documents"], 6);
    // The GBK copy and the UTF-8 original are the same text: their sentences merge.
    let html = run(&["digest", "-f", "html", s.to_str().unwrap()]);
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<svg"));
    assert!(!html.contains("<script") && !html.contains("https://") && !html.contains("<link"));
}

#[test]
fn planted_rising_theme_and_merged_reposts_at_their_spans() {
    let dir = tempfile::tempdir().unwrap();
    let p = planted(dir.path());
    let out = run(&[
        "digest",
        "--jsonl",
        "--date-field",
        "date",
        "--group-field",
        "site",
        "-f",
        "json",
        p.to_str().unwrap(),
    ]);
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["overview"]["dated_given"], 12);
    assert_eq!(
        r["changes"]["themes"][0]["item"], "talent",
        "{}",
        r["changes"]
    );
    assert_eq!(r["overview"]["groups"]["east.example"], 4);
    let texts: Vec<String> = std::fs::read_to_string(&p)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["text"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let labs = r["themes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["theme"] == "research_institutions")
        .unwrap();
    let top = &labs["quotes"][0];
    assert!(top["sources"].as_array().unwrap().len() >= 3, "{top}");
    for q in labs["quotes"].as_array().unwrap() {
        let s = &q["sources"][0];
        let i: usize = s["doc"].as_str().unwrap()[1..].parse().unwrap();
        let (a, b) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&texts[i][a..b], q["text"].as_str().unwrap());
    }
}

/// An archive digested in shares (`--to-part`, as machines of a cluster would) and merged
/// (`--parts`): the report equals the digest of the whole corpus, in every format; a part that
/// does not fit is an error and writes nothing.
#[test]
fn parts_of_shares_merge_into_the_digest_of_all() {
    let dir = tempfile::tempdir().unwrap();
    let p = planted(dir.path());
    let lines: Vec<String> = std::fs::read_to_string(&p)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    let fields = ["--jsonl", "--date-field", "date", "--group-field", "site"];
    let mut parts = Vec::new();
    for (i, share) in lines.chunks(5).enumerate() {
        let input = dir.path().join(format!("share{i}.jsonl"));
        std::fs::write(&input, share.join("\n")).unwrap();
        let part = dir.path().join(format!("part{i}.json"));
        let mut args = vec!["digest", "--to-part", "-o", part.to_str().unwrap()];
        args.extend(fields);
        args.push(input.to_str().unwrap());
        run(&args);
        parts.push(part.to_str().unwrap().to_owned());
    }
    for format in ["json", "markdown", "html"] {
        let mut whole = vec!["digest", "-f", format];
        whole.extend(fields);
        whole.push(p.to_str().unwrap());
        let mut merged = vec!["digest", "--parts", "-f", format];
        merged.extend(parts.iter().map(String::as_str));
        assert_eq!(run(&merged), run(&whole), "{format}");
    }
    // Other settings than the parts were made with, a text file, a damaged part.
    let out = dir.path().join("report.md");
    let damaged = dir.path().join("damaged.json");
    let first = std::fs::read_to_string(&parts[0]).unwrap();
    let half = (0..=first.len() / 2)
        .rev()
        .find(|&i| first.is_char_boundary(i))
        .unwrap_or(0);
    std::fs::write(&damaged, &first[..half]).unwrap();
    for (args, msg) in [
        (
            vec!["--sentences-per-theme", "2", &parts[0]],
            "built with 5 sentences per theme",
        ),
        (vec![p.to_str().unwrap()], "not a brief digest part"),
        (
            vec![&parts[0], damaged.to_str().unwrap()],
            "damaged.json: not a brief digest part",
        ),
    ] {
        let mut all = vec!["digest", "--parts", "-o", out.to_str().unwrap()];
        all.extend(args);
        Command::cargo_bin("brief")
            .unwrap()
            .args(&all)
            .assert()
            .code(1)
            .stderr(predicates::str::contains(msg));
        assert!(!out.exists());
    }
    Command::cargo_bin("brief")
        .unwrap()
        .args(["digest", "--to-part", "-f", "html", &parts[0]])
        .assert()
        .code(2);
}

#[test]
fn bad_documents_are_skipped_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("good.txt"),
        "The province funds key laboratories. Labs hire talent.",
    )
    .unwrap();
    std::fs::write(dir.path().join("bad.txt"), b"bad \xff\xfe\x00 bytes").unwrap();
    let md = run(&["digest", "--skip-bad", dir.path().to_str().unwrap()]);
    assert!(md.contains("Skipped: 1") && md.contains("bad.txt"), "{md}");
    // A part carries what was skipped into the merged report.
    let part = dir.path().join("part.json");
    let dir_arg = dir.path().to_str().unwrap();
    run(&[
        "digest",
        "--skip-bad",
        "--to-part",
        "-o",
        part.to_str().unwrap(),
        dir_arg,
    ]);
    assert_eq!(run(&["digest", "--parts", part.to_str().unwrap()]), md);
    Command::cargo_bin("brief")
        .unwrap()
        .args(["digest", dir.path().to_str().unwrap()])
        .assert()
        .code(1);
}

#[test]
fn json_lines_read_in_small_chunks_give_the_same_digest() {
    let dir = tempfile::tempdir().unwrap();
    let news = planted(dir.path());
    // A bad line and a blank one among the records.
    let mut text = std::fs::read_to_string(&news).unwrap();
    text.insert_str(text.find('\n').unwrap() + 1, "not json\n\n");
    std::fs::write(&news, text).unwrap();
    let news = news.to_str().unwrap();
    let base = [
        "digest",
        "--jsonl",
        "--skip-bad",
        "--date-field",
        "date",
        "--group-field",
        "site",
    ];
    for format in ["json", "markdown"] {
        let whole = run(&[&base[..], &["-f", format, news]].concat());
        assert!(whole.contains("line 2"), "{whole}");
        for chunk in ["1", "200", "5000"] {
            let chunked =
                run(&[&base[..], &["-f", format, "--stream-chunk", chunk, news]].concat());
            assert_eq!(chunked, whole, "{format}, chunks of {chunk} bytes");
        }
    }
    // Without --skip-bad the bad line is the error, whatever the chunk.
    for chunk in ["1", "5000"] {
        Command::cargo_bin("brief")
            .unwrap()
            .args(["digest", "--jsonl", "--stream-chunk", chunk, news])
            .assert()
            .code(1)
            .stderr(predicates::str::contains("line 2: not valid JSON"));
    }
}

/// Renders the HTML digest in headless Chromium: the screenshot is not blank and the page
/// logs no console error. Run by `.ci/run`, which installs Debian's `chromium`:
/// `cargo test -p brief-cli --test digest -- --ignored`.
#[test]
#[ignore = "needs chromium (installed by .ci/run)"]
fn html_renders_in_a_real_browser() {
    let chromium = ["chromium", "chromium-browser"]
        .iter()
        .find(|c| {
            std::process::Command::new(c)
                .arg("--version")
                .output()
                .is_ok()
        })
        .expect("chromium is installed");
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("digest.html");
    let p = planted(dir.path());
    run(&[
        "digest",
        "--jsonl",
        "--date-field",
        "date",
        "--group-field",
        "site",
        "-f",
        "html",
        "-o",
        html.to_str().unwrap(),
        p.to_str().unwrap(),
    ]);
    let shot = dir.path().join("shot.png");
    let out = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
            "--hide-scrollbars",
            "--window-size=1200,1600",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(shot.exists(), "no screenshot: {log}");
    assert!(
        !log.contains("Uncaught") && !log.contains(":CONSOLE"),
        "console errors: {log}"
    );
    let decoder = png::Decoder::new(std::fs::File::open(&shot).unwrap());
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let px = info.color_type.samples();
    let bytes = &buf[..info.buffer_size()];
    let inked = bytes
        .chunks(px)
        .filter(|p| p.iter().take(3).any(|&c| c < 200))
        .count();
    let total = bytes.len() / px;
    assert!(
        inked * 100 > total,
        "the page looks blank: {inked} of {total} pixels inked"
    );
    if let Ok(keep) = std::env::var("BRIEF_KEEP_SCREENSHOT") {
        std::fs::copy(&shot, keep).unwrap();
    }
}
