"""The news texts the benchmark scripts run on: the BBC News Summary dev articles of ../shared
(real news), or the project's own samples when ../shared is absent; and how they time a whole
process."""
import json, os, pathlib, subprocess, time

ROOT = pathlib.Path(__file__).resolve().parents[1]


def news_texts(skip=("gbk",), samples="data/samples (no ../shared)"):
    """The texts and what they are: the BBC dev articles, else data/samples/*.txt but those whose
    name holds a word of `skip`, named `samples`."""
    bbc = ROOT.parent / "shared" / "data" / "bbc-summary" / "dev.jsonl"
    if bbc.exists():
        return [json.loads(l)["article"] for l in bbc.open(encoding="utf-8")], "BBC News Summary dev"
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "samples").glob("*.txt"))
            if not any(w in p.name for w in skip)], samples


def once_ms(args, threads="1"):
    """Milliseconds of one run of the command `args` (output discarded) on `threads` threads."""
    a = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, check=True,
                   env={**os.environ, "RAYON_NUM_THREADS": str(threads)})
    return 1000 * (time.perf_counter() - a)
