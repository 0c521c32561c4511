"""The news texts the benchmark scripts run on: the BBC News Summary dev articles of ../shared
(real news), or the project's own samples when ../shared is absent."""
import json, pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1]


def news_texts(skip=("gbk",), samples="data/samples (no ../shared)"):
    """The texts and what they are: the BBC dev articles, else data/samples/*.txt but those whose
    name holds a word of `skip`, named `samples`."""
    bbc = ROOT.parent / "shared" / "data" / "bbc-summary" / "dev.jsonl"
    if bbc.exists():
        return [json.loads(l)["article"] for l in bbc.open(encoding="utf-8")], "BBC News Summary dev"
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "samples").glob("*.txt"))
            if not any(w in p.name for w in skip)], samples
