#!/usr/bin/env bash
# Digest speed and memory on real news: the BBC and CNN dev corpora (../shared) repeated to
# DOCS documents (default 10,000) as JSON Lines, `brief digest -f json` on all cores.
# Prints wall time, documents per second and peak RSS (GNU time). Needs ../shared.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${BRIEF_SHARED:-../shared}
DOCS=${1:-10000}
cargo build --release --locked -q -p brief-cli
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$SHARED" "$DOCS" "$work/corpus.jsonl" <<'PY'
import json, sys
shared, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
texts = []
for f in ("bbc-summary/dev.jsonl", "cnn-highlights/dev.jsonl"):
    for line in open(f"{shared}/data/{f}", encoding="utf-8"):
        r = json.loads(line)
        texts.append((r.get("title", "") + "\n\n" + r["article"]).strip())
with open(out, "w", encoding="utf-8") as o:
    for i in range(n):
        o.write(json.dumps({"id": i, "text": texts[i % len(texts)],
                            "date": f"2023-{i % 12 + 1:02d}-01", "src": f"s{i % 7}"}) + "\n")
PY
mb=$(du -m "$work/corpus.jsonl" | cut -f1)
/usr/bin/time -f "%e s wall, %M KB peak RSS" target/release/brief digest --jsonl --date-field date \
  --group-field src -f json -o "$work/report.json" "$work/corpus.jsonl" 2> "$work/time.txt"
secs=$(awk '{print $1}' "$work/time.txt")
echo "$DOCS documents ($mb MB of BBC and CNN dev articles, repeated), $(nproc) cores: $(cat "$work/time.txt"), $(echo "$DOCS / $secs" | bc) documents/s"
