#!/usr/bin/env python3
"""Time and peak memory of `brief summarize` (3 sentences; 30 % of the sentences, "sum 30%";
the same with MMR's redundancy penalty, "mmr 30%") and `brief classify` on adversarial input
shapes: growth must be linear and memory at most a few times the input.

usage: python3 benches/shapes.py [MB ...]      (default: 10 and 50)
       BRIEF_THREADS=2 python3 benches/shapes.py [MB ...]   (on 2 threads; default 1)

Shapes, each generated at the given size from the project's own samples (data/samples; the
BBC dev corpus of ../shared for the "news" shape when present, and the output says which):
  news            real news articles, one after another
  one-paragraph   the same text with every line break replaced by a space
  tiny-sentences  one-word sentences ("Funding. Talent. ..."), about 10^6 per 10 MB
  identical       one sentence repeated
  stop-words      sentences made only of stop words
  chinese         Chinese text without spaces or line breaks

Whole process, release build, one thread unless BRIEF_THREADS says; peak RSS from
/usr/bin/time. Runs over 300 s are
stopped and reported as such."""
import os, pathlib, random, subprocess, sys, tempfile, time

from corpus import news_texts

ROOT = pathlib.Path(__file__).resolve().parents[1]
BIN = os.environ.get("BRIEF_BIN", str(ROOT / "target" / "release" / "brief"))
LIMIT = 300
THREADS = os.environ.get("BRIEF_THREADS", "1")


def fill(size, parts):
    out, n, i = [], 0, 0
    while n < size:
        p = parts(i)
        out.append(p)
        n += len(p.encode())
        i += 1
    return "".join(out)


def shapes(size):
    texts, src = news_texts(skip=("gbk", "zh"), samples="data/samples")
    news = lambda: fill(size, lambda i: texts[i % len(texts)] + "\n\n")
    words = sorted({w.strip(".,;:!?\"'()").capitalize() for t in texts[:200] for w in t.split()
                    if w.isalpha() and len(w) > 3})
    rng = random.Random(7)
    zh = (ROOT / "data" / "samples" / "zhejiang-keji-gongzuo-huiyi.txt").read_text(encoding="utf-8")
    zh = "".join(zh.split())
    stop = "the of and to in a is that for it as was with be by on not he this are or his from at which".split()
    yield "news", news, src
    yield "one-paragraph", lambda: " ".join(news().split()), src
    yield "tiny-sentences", lambda: fill(size, lambda i: rng.choice(words) + ". "), "sample vocabulary"
    yield "identical", lambda: fill(size, lambda i: "The province will fund key laboratories this year. "), "one sentence"
    yield "stop-words", lambda: fill(size, lambda i: " ".join(rng.choice(stop) for _ in range(12)).capitalize() + ". "), "stop words"
    yield "chinese", lambda: fill(size, lambda i: zh), "data/samples (Chinese)"


def run(args):
    t = time.perf_counter()
    try:
        p = subprocess.run(["/usr/bin/time", "-f", "%M"] + args, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, timeout=LIMIT, env={**os.environ, "RAYON_NUM_THREADS": THREADS})
    except subprocess.TimeoutExpired:
        return None, None, "timeout"
    secs = time.perf_counter() - t
    lines = p.stderr.decode(errors="replace").strip().splitlines()
    kb = int(lines[-1]) if lines and lines[-1].isdigit() else 0
    return secs, kb / 1024, "ok" if p.returncode == 0 else f"exit {p.returncode}"


def main():
    sizes = [float(a) for a in sys.argv[1:]] or [10.0, 50.0]
    d = pathlib.Path(tempfile.mkdtemp())
    print(f"{'shape':15} {'MB':>6} {'command':10} {'s':>8} {'s/100MB':>8} {'peak MB':>8} {'x input':>8}  status")
    for mb in sizes:
        size = int(mb * 1_000_000)
        for name, make, _src in shapes(size):
            f = d / f"{name}.txt"
            f.write_text(make(), encoding="utf-8")
            real = f.stat().st_size / 1e6
            # "sum 30%": a long summary, 30 % of the sentences (the greedy choice and its
            # near-duplicate guard over thousands of picks).
            for cmd, args in [("summarize", ["summarize"]), ("sum 30%", ["summarize", "--ratio", "0.3"]),
                              ("mmr 30%", ["summarize", "--ratio", "0.3", "--redundancy", "0.7"]),
                              ("classify", ["classify"])]:
                secs, peak, status = run([BIN] + args + ["--max-size", str(10**10), str(f)])
                if secs is None:
                    print(f"{name:15} {real:6.1f} {cmd:10} {'>' + str(LIMIT):>8} {'':>8} {'':>8} {'':>8}  {status}")
                else:
                    print(f"{name:15} {real:6.1f} {cmd:10} {secs:8.2f} {secs * 100 / real:8.2f} "
                          f"{peak:8.0f} {peak / real:8.1f}  {status}", flush=True)
            f.unlink()


if __name__ == "__main__":
    main()
