#!/usr/bin/env python3
"""Whole-process times of `brief` on real-text inputs (hyperfine's job where hyperfine is not
installed): median of RUNS runs, after 3 warm-up runs.

usage: python3 benches/process.py [RUNS]
       BRIEF_BASE=path/to/other/brief python3 benches/process.py [RUNS]

With BRIEF_BASE, that build and this one run alternately, a pair at a time (so that a busy
machine slows both alike), and the table shows both medians and their ratio.

Three rows run a 1 MB command on every core (RAYON_NUM_THREADS = the number of CPUs); the
others run on one thread. Inputs: a 3 KB BBC article and 1 MB of BBC articles (../shared, real news; the project's own
samples repeated when ../shared is absent, and the output says which)."""
import os, pathlib, statistics, sys, tempfile

from corpus import news_texts, once_times

ROOT = pathlib.Path(__file__).resolve().parents[1]
BIN = os.environ.get("BRIEF_BIN", str(ROOT / "target" / "release" / "brief"))
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 30
# The Rust crate `summary` as a peer (built by benches/rust-peers.sh), when given.
PEER = os.environ.get("BRIEF_PEER_BIN")
# Another build of brief to compare with, run alternately with this one.
BASE = os.environ.get("BRIEF_BASE")


def median_ms(args, runs, threads="1"):
    """Median elapsed and CPU milliseconds of `runs` runs of `args`."""
    for _ in range(3):
        once_times(args, threads)
    runs = [once_times(args, threads) for _ in range(runs)]
    return tuple(statistics.median(r[k] for r in runs) for k in (0, 1))


def paired_ms(base, args, runs, threads="1"):
    """Median elapsed and CPU milliseconds of `base` and of `args` (the same command with
    another binary), run in turn: `((base elapsed, base CPU), (elapsed, CPU))`."""
    for _ in range(3):
        once_times(base, threads), once_times(args, threads)
    pairs = [(once_times(base, threads), once_times(args, threads)) for _ in range(runs)]
    return tuple(tuple(statistics.median(p[w][k] for p in pairs) for k in (0, 1)) for w in (0, 1))


def main():
    ts, src = news_texts()
    d = pathlib.Path(tempfile.mkdtemp())
    small = next(t for t in ts if 2500 <= len(t.encode()) <= 3500)
    (d / "3kb.txt").write_text(small)
    big, i = "", 0
    while len(big.encode()) < 1_000_000:
        big += ts[i % len(ts)] + "\n\n"
        i += 1
    (d / "1mb.txt").write_text(big)
    every = str(os.cpu_count() or 1)
    rows = []
    for row in [
        ("summarize 3 KB (default)", [BIN, "summarize", str(d / "3kb.txt")], RUNS),
        ("summarize 3 KB (textrank)", [BIN, "summarize", "--scorer", "textrank", str(d / "3kb.txt")], RUNS),
        ("classify 3 KB", [BIN, "classify", str(d / "3kb.txt")], RUNS),
        ("keywords 3 KB", [BIN, "keywords", str(d / "3kb.txt")], RUNS),
        ("summarize 1 MB (default)", [BIN, "summarize", str(d / "1mb.txt")], max(3, RUNS // 6)),
        ("summarize 1 MB (textrank)", [BIN, "summarize", "--scorer", "textrank", str(d / "1mb.txt")], max(3, RUNS // 6)),
        (f"summarize 1 MB, {every} threads", [BIN, "summarize", str(d / "1mb.txt")], max(3, RUNS // 6), every),
        ("classify 1 MB", [BIN, "classify", str(d / "1mb.txt")], max(3, RUNS // 6)),
        (f"classify 1 MB, {every} threads", [BIN, "classify", str(d / "1mb.txt")], max(3, RUNS // 6), every),
        ("keywords 1 MB", [BIN, "keywords", str(d / "1mb.txt")], max(3, RUNS // 6)),
        (f"keywords 1 MB, {every} threads", [BIN, "keywords", str(d / "1mb.txt")], max(3, RUNS // 6), every),
    ] + ([
        ("Rust `summary` 0.1, 3 KB", [PEER, str(d / "3kb.txt"), "3"], RUNS),
        ("Rust `summary` 0.1, 1 MB", [PEER, str(d / "1mb.txt"), "3"], max(3, RUNS // 6)),
        ("Rust `pithy` 0.1.7, 3 KB", [PEER, "--pithy", str(d / "3kb.txt"), "3"], RUNS),
        ("Rust `pithy` 0.1.7, 1 MB", [PEER, "--pithy", str(d / "1mb.txt"), "3"], 3),
    ] if PEER else []):
        name, args, runs, *threads = row
        threads = threads[0] if threads else "1"
        if BASE and args[0] == BIN:
            rows.append((name, *paired_ms([BASE] + args[1:], args, runs, threads)))
        else:
            rows.append((name, None, median_ms(args, runs, threads)))
    print(f"whole process, one thread unless said, median ms (elapsed, and CPU: user + system);"
          f" inputs from {src}")
    if BASE:
        print(f"{'':30} {'base':>9}    {'this':>9}    ratio  {'base CPU':>9}    {'CPU':>9}    ratio"
              f"   (base: {BASE})")
    for name, base, ms in rows:
        if base is None:
            print(f"{name:30} {ms[0]:9.1f} ms {ms[1]:9.1f} ms CPU")
        else:
            print(f"{name:30} {base[0]:9.1f} ms {ms[0]:9.1f} ms  {ms[0] / base[0]:5.2f}"
                  f"  {base[1]:9.1f} ms {ms[1]:9.1f} ms  {ms[1] / base[1]:5.2f}")


if __name__ == "__main__":
    main()
