#!/usr/bin/env python3
"""How a batch scales from one thread to two: `brief summarize|classify|keywords --jsonl -f json`
on the BBC News Summary dev articles of ../shared (1,347 news texts; the project's own samples,
repeated to 1,000 texts, when ../shared is absent, and the output says which), whole process,
RAYON_NUM_THREADS=1 and =2 in turn, medians of RUNS runs after 2 warm-up rounds.

usage: python3 benches/batch.py [RUNS]                      (default: 10)
       BRIEF_BASE=path/to/other/brief python3 benches/batch.py [RUNS]

With BRIEF_BASE, that build runs too, in the same rounds (so that a busy machine slows both
alike), and the table shows both. #14 asks for 1.8x on two cores."""
import json, os, pathlib, statistics, sys, tempfile

from corpus import news_texts, once_ms

ROOT = pathlib.Path(__file__).resolve().parents[1]
BIN = os.environ.get("BRIEF_BIN", str(ROOT / "target" / "release" / "brief"))
BASE = os.environ.get("BRIEF_BASE")
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 10


def main():
    texts, src = news_texts()
    if len(texts) < 1000:
        texts = [texts[i % len(texts)] for i in range(1000)]
    path = pathlib.Path(tempfile.mkdtemp()) / "batch.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i, t in enumerate(texts):
            f.write(json.dumps({"id": str(i), "text": t}, ensure_ascii=False) + "\n")
    builds = [("base", BASE)] if BASE else []
    builds.append(("this", BIN))
    print(f"{len(texts)} texts ({src}), {path.stat().st_size / 1e6:.1f} MB of JSON Lines; "
          f"medians of {RUNS}, ms")
    print(f"{'command':10} {'build':5} {'1 thread':>9} {'2 threads':>10} {'ratio':>6}")
    for command in ["summarize", "classify", "keywords"]:
        times = {(b, n): [] for b, _ in builds for n in (1, 2)}
        for round in range(RUNS + 2):
            for b, binary in builds:
                for n in (1, 2):
                    ms = once_ms([binary, command, "--jsonl", str(path), "-f", "json"], n)
                    if round >= 2:
                        times[(b, n)].append(ms)
        for b, _ in builds:
            one, two = (statistics.median(times[(b, n)]) for n in (1, 2))
            print(f"{command:10} {b:5} {one:9.1f} {two:10.1f} {one / two:6.2f}")


if __name__ == "__main__":
    main()
