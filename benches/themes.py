#!/usr/bin/env python3
"""Prediction throughput of trained theme models (#10: at least 20,000 texts/s), whole process.

usage: python3 benches/themes.py [RUNS]
       BRIEF_BASE=path/to/other/brief python3 benches/themes.py [RUNS]

Trains three models on the STIP Compass records of ../shared (EC-OECD STIP Compass 2021; needs
../shared): on the texts alone; keeping the 20 nearest training texts (`--neighbors 20`); and
on each record's text and background (`--context-field background`) with 20 neighbours, the
best-scoring setting of the README. Then times `brief classify --jsonl --kind hybrid` of all
5,255 records with each model as it was trained, on one thread and on every core, and `brief
classify` of one 3 KB text (most of which is loading the model), and the training itself on one
thread (`brief train` of the 5,255 records, in seconds; #10: under 5 s). Medians of RUNS runs after one warm-up; with BRIEF_BASE, that build and this one run in
turn with the same model files (trained by this build)."""
import json, os, pathlib, statistics, subprocess, sys, tempfile, time

ROOT = pathlib.Path(__file__).resolve().parents[1]
BIN = os.environ.get("BRIEF_BIN", str(ROOT / "target" / "release" / "brief"))
BASE = os.environ.get("BRIEF_BASE")
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 7
STIP = ROOT.parent / "shared" / "data" / "stip-2021" / "train.jsonl"


def once(args, threads):
    a = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True,
                   env={**os.environ, "RAYON_NUM_THREADS": threads})
    return time.perf_counter() - a


def main():
    if not STIP.exists():
        sys.exit(f"{STIP} is missing: this benchmark needs ../shared")
    d = pathlib.Path(tempfile.mkdtemp())
    n = sum(1 for line in STIP.open(encoding="utf-8") if line.strip())
    text = json.loads(STIP.open(encoding="utf-8").readline())["text"]
    while len(text.encode()) < 3000:
        text += " " + text
    (d / "3kb.txt").write_text(text)
    models = [
        ("texts", []),
        ("texts, 20 neighbours", ["--neighbors", "20"]),
        ("context, 20 neighbours", ["--neighbors", "20", "--context-field", "background"]),
    ]
    for i, (_, extra) in enumerate(models):
        subprocess.run([BIN, "train", str(STIP), "--model", str(d / f"{i}.bin"), *extra],
                       check=True, capture_output=True)
    every = str(os.cpu_count() or 1)
    bins = [b for b in [BASE, BIN] if b]
    print(f"{n} STIP Compass records, medians of {RUNS} runs" + (f"; base {BASE}" if BASE else ""))
    head = "".join(f"{'base' if b == BASE else 'this':>22}" for b in bins)
    print(f"{'':52}{head}")
    for i, (name, extra) in enumerate(models):
        model = ["--model", str(d / f"{i}.bin"), "--kind", "hybrid"]
        ctx = extra[extra.index("--context-field"):] if "--context-field" in extra else []
        rows = []
        for threads in ["1", every]:
            args = ["classify", *model, "--jsonl", "-f", "json", *ctx, str(STIP)]
            rows.append((f"{name}, --jsonl, {threads} thread(s)", args, threads, n))
        rows.append((f"{name}, one 3 KB text", ["classify", *model, str(d / "3kb.txt")], "1", 0))
        train = ["train", str(STIP), "--model", str(d / "again.bin"), "--force", *extra]
        rows.append((f"{name}, training (seconds)", train, "1", -1))
        for label, args, threads, count in rows:
            times = {b: [] for b in bins}
            for b in bins:
                once([b, *args], threads)
            for _ in range(RUNS):
                for b in bins:
                    times[b].append(once([b, *args], threads))
            cells = ""
            for b in bins:
                m = statistics.median(times[b])
                if count > 0:
                    cells += f"{count / m:>12,.0f} texts/s"
                elif count < 0:
                    cells += f"{m:>20.2f} s"
                else:
                    cells += f"{1000 * m:>19.1f} ms"
            print(f"{label:52}{cells}")


if __name__ == "__main__":
    main()
