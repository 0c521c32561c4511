#!/usr/bin/env python3
"""Time and peak memory of JSON Lines read whole and streamed (`--jsonl --stream`; `brief digest
--jsonl` always streams: its "whole" row reads the input as one chunk).

usage: python3 benches/stream.py [MB]                       (default: 100)

The input is MB megabytes of JSON Lines: the BBC News Summary dev articles of ../shared repeated
with fresh ids (the project's own samples when ../shared is absent; the output says which).
Whole process, every core, release build; one run each; peak RSS from /usr/bin/time. The
streamed output is checked to equal the whole one, byte for byte."""
import hashlib, json, os, pathlib, subprocess, sys, tempfile, time

from corpus import news_texts

ROOT = pathlib.Path(__file__).resolve().parents[1]
BIN = os.environ.get("BRIEF_BIN", str(ROOT / "target" / "release" / "brief"))


def run(args):
    """Seconds, peak MB and the md5 of standard output."""
    out = tempfile.NamedTemporaryFile(delete=False)
    t = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + args, stdout=out, stderr=subprocess.PIPE)
    secs = time.perf_counter() - t
    out.close()
    if p.returncode != 0:
        sys.exit(f"{args}: exit {p.returncode}: {p.stderr.decode(errors='replace')[-500:]}")
    kb = int(p.stderr.decode().strip().splitlines()[-1])
    digest = hashlib.md5(pathlib.Path(out.name).read_bytes()).hexdigest()
    os.unlink(out.name)
    return secs, kb / 1024, digest


def main():
    mb = float(sys.argv[1]) if len(sys.argv) > 1 else 100.0
    texts, src = news_texts()
    d = pathlib.Path(tempfile.mkdtemp())
    f = d / "archive.jsonl"
    size, k = 0, 0
    with f.open("w", encoding="utf-8") as w:
        while size < mb * 1_000_000:
            line = json.dumps({"id": f"d{k}", "text": texts[k % len(texts)]}) + "\n"
            w.write(line)
            size += len(line.encode())
            k += 1
    real = f.stat().st_size / 1e6
    print(f"{real:.0f} MB of JSON Lines, {k} documents from {src}")
    print(f"{'command':30} {'whole s':>8} {'peak MB':>8} {'stream s':>9} {'peak MB':>8}  same output")
    big = ["--max-size", str(10**11)]
    for cmd in ["summarize", "keywords", "classify"]:
        args = [cmd, "--jsonl", "-f", "json", *big, str(f)]
        w_s, w_mb, w_md5 = run([BIN, *args])
        s_s, s_mb, s_md5 = run([BIN, *args, "--stream"])
        print(f"{cmd + ' --jsonl':30} {w_s:8.2f} {w_mb:8.0f} {s_s:9.2f} {s_mb:8.0f}  {w_md5 == s_md5}")
    args = ["digest", "--jsonl", "-f", "json", *big, str(f)]
    w_s, w_mb, w_md5 = run([BIN, *args, "--stream-chunk", str(10**11)])
    s_s, s_mb, s_md5 = run([BIN, *args])
    print(f"{'digest --jsonl':30} {w_s:8.2f} {w_mb:8.0f} {s_s:9.2f} {s_mb:8.0f}  {w_md5 == s_md5}")
    f.unlink()


if __name__ == "__main__":
    main()
