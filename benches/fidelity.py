#!/usr/bin/env python3
"""Fidelity of the windowed similarity graph: the sentences the default summary chooses with
its stem window, against the same summarizer on the exact candidate graph (every pair of
sentences sharing a stem; window 1,000,000 in every centrality part and feature).

usage: python3 benches/fidelity.py [WINDOW ...]      (default: the shipped window only)

Corpora from ../shared (read-only; nothing is copied): BBC News Summary dev at N = 5 and
CNN/DailyMail highlights dev at N = 3. For each window, prints the share of the exact graph's
picks that the windowed graph also picks, and the time of each run (whole process, 2 cores)."""
import json, os, pathlib, re, subprocess, sys, tempfile, time

ROOT = pathlib.Path(__file__).resolve().parents[1]
BIN = os.environ.get("BRIEF_BIN", str(ROOT / "target" / "release" / "brief"))
DATA = ROOT.parent / "shared" / "data"
CORPORA = [("BBC dev, N = 5", DATA / "bbc-summary" / "dev.jsonl", 5),
           ("CNN dev, N = 3", DATA / "cnn-highlights" / "dev.jsonl", 3)]
EXACT = 1_000_000


def with_window(config: str, window: int) -> str:
    return re.sub(r'"window": \d+', f'"window": {window}', config)


def picks(config_path, corpus, n):
    a = time.perf_counter()
    out = subprocess.run([BIN, "summarize", "--jsonl", "--text-field", "article", "-n", str(n),
                          "-f", "json", "--config", str(config_path), str(corpus)],
                         capture_output=True, text=True, check=True).stdout
    secs = time.perf_counter() - a
    return {v["id"]: {s["index"] for s in v["sentences"]}
            for v in map(json.loads, out.splitlines())}, secs


def main():
    if not DATA.exists():
        print("fidelity: skipped: ../shared/data is absent")
        return
    default = subprocess.run([BIN, "summarize", "--print-config"], capture_output=True,
                             text=True, check=True).stdout
    shipped = sorted({int(w) for w in re.findall(r'"window": (\d+)', default)})
    windows = [int(w) for w in sys.argv[1:]] or shipped
    d = pathlib.Path(tempfile.mkdtemp())
    print(f"shipped window: {', '.join(map(str, shipped))}")
    print(f"{'corpus':<16} {'window':>8} {'agree':>8} {'picks':>7} {'seconds':>8}")
    for name, corpus, n in CORPORA:
        (d / "exact.json").write_text(with_window(default, EXACT))
        exact, secs = picks(d / "exact.json", corpus, n)
        total = sum(len(v) for v in exact.values())
        print(f"{name:<16} {'exact':>8} {100.0:>7.1f}% {total:>7} {secs:>8.2f}")
        for w in windows:
            (d / f"w{w}.json").write_text(with_window(default, w))
            got, secs = picks(d / f"w{w}.json", corpus, n)
            same = sum(len(exact[k] & got.get(k, set())) for k in exact)
            print(f"{name:<16} {w:>8} {100 * same / total:>7.1f}% {total:>7} {secs:>8.2f}")


if __name__ == "__main__":
    main()
