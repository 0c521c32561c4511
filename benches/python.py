#!/usr/bin/env python3
"""Python boundary and scale-out benchmark: documents per second of `brief.summarize_many`
against the CLI on the same corpus, and on a Dask LocalCluster of 1 and 2 worker processes.

usage: python benches/python.py [DOCS]    (needs the `brief` wheel, pandas, dask, distributed)

The corpus is the BBC dev set from ../shared when it exists (real news), else the project's
own samples repeated. Every configuration uses one thread per process (RAYON_NUM_THREADS=1),
so the figures compare the boundary and the engine, not the thread pool. Timed in
subprocesses, medians of 3 runs; figures as documents per second and ratios from one run.
"""
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
DOCS = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
BIN = os.environ.get("BRIEF_BIN", str(ROOT / "target" / "release" / "brief"))


def corpus():
    bbc = ROOT.parent / "shared" / "data" / "bbc-summary" / "dev.jsonl"
    if bbc.exists():
        texts = [json.loads(l)["article"] for l in bbc.open(encoding="utf-8")]
        src = f"{bbc} (BBC News Summary dev, Greene & Cunningham 2006)"
    else:
        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "samples").glob("*.txt"))
                 if "gbk" not in p.name]
        src = "data/samples (repeated)"
    texts = (texts * (DOCS // len(texts) + 1))[:DOCS]
    return texts, src


def timed(cmd, env=None, runs=3):
    env = {**os.environ, "RAYON_NUM_THREADS": "1", **(env or {})}
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL)
        out.append(time.perf_counter() - t)
    return statistics.median(out)


PY_LOCAL = """
import json, sys, brief
texts = json.load(open(sys.argv[1]))
brief.summarize_many(texts)
"""

PY_DASK = """
import json, sys, os
import pandas as pd, dask.dataframe as dd, distributed, brief
texts = json.load(open(sys.argv[1])); workers = int(sys.argv[2])
with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                              dashboard_address=None) as c, distributed.Client(c) as client:
    ddf = dd.from_pandas(pd.DataFrame({"text": texts}), npartitions=workers * 4)
    client.run(lambda: __import__("brief"))   # workers warm
    import time; t = time.perf_counter()
    ddf.map_partitions(lambda p: p.assign(s=brief.summarize_many(p["text"])),
                       meta={"text": "object", "s": "object"}).compute()
    print(time.perf_counter() - t, file=sys.stderr)
"""


def main():
    texts, src = corpus()
    with tempfile.TemporaryDirectory() as d:
        jl = pathlib.Path(d) / "c.jsonl"
        js = pathlib.Path(d) / "c.json"
        jl.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts)))
        js.write_text(json.dumps(texts))
        cli = timed([BIN, "summarize", "--jsonl", "-f", "json", str(jl)])
        py = timed([sys.executable, "-c", PY_LOCAL, str(js)])
        rows = [("CLI, brief summarize --jsonl", cli), ("Python, brief.summarize_many", py)]
        for w in (1, 2):
            r = []
            for _ in range(3):
                p = subprocess.run([sys.executable, "-c", PY_DASK, str(js), str(w)], check=True,
                                   env={**os.environ, "RAYON_NUM_THREADS": "1"},
                                   capture_output=True, text=True)
                r.append(float(p.stderr.strip().splitlines()[-1]))
            rows.append((f"Dask LocalCluster, {w} worker process(es)", statistics.median(r)))
    print(f"{len(texts)} documents of {src}; one thread per process; {os.cpu_count()} cores")
    print(f"{'configuration':44} {'seconds':>8} {'docs/s':>8} {'x CLI':>6}")
    for name, secs in rows:
        print(f"{name:44} {secs:8.2f} {len(texts) / secs:8.0f} {secs / cli:6.2f}")
    print("(CLI and Python rows: whole process, start-up included; Dask rows: the compute only)")


if __name__ == "__main__":
    main()
