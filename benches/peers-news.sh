#!/usr/bin/env bash
# brief beside the sumy peers on news at N = 3: CNN/DailyMail validation highlights and the
# English policy-news dev set (converted to JSON Lines in a temporary folder; nothing is
# copied into the project). ROUGE by Google's rouge-score (Porter stemmer), the same for all.
#
# usage: benches/peers-news.sh       (needs ../shared: the corpora and the offline peer scripts)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${BRIEF_SHARED:-../shared}
if [ ! -d "$SHARED/peers" ]; then
  echo "peers-news: $SHARED/peers is absent" >&2
  exit 1
fi
PY=$(bash "$SHARED/peers/setup.sh" | tail -1)
cargo build --release --locked -q -p brief-cli
B=target/release/brief
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$SHARED/data/cnn-highlights/dev.jsonl" "$work/cnn.jsonl"
python3 - "$SHARED/data/policy-news" "$work/policy.jsonl" <<'PY'
import json, os, sys
d, out = sys.argv[1], sys.argv[2]
refs = {json.loads(l)["id"]: json.loads(l)["summary_sentences"] for l in open(f"{d}/summaries.jsonl")}
with open(out, "w", encoding="utf-8") as o:
    for f in sorted(os.listdir(f"{d}/texts/en")):
        i = "en/" + f[:-4]
        o.write(json.dumps({"id": i, "article": open(f"{d}/texts/en/{f}", encoding="utf-8").read(),
                            "summary_sentences": refs[i]}) + "\n")
PY
printf '%-10s %-18s %s\n' corpus system "ROUGE F1 x100 (rouge-score), N = 3"
for corpus in cnn policy; do
  c="$work/$corpus.jsonl"
  for scorer in combined learned lead textrank; do
    $B summarize --jsonl --text-field article -n 3 --scorer "$scorer" -f json -o "$work/b.jsonl" "$c"
    printf '%-10s %-18s %s\n' "$corpus" "brief-$scorer" "$("$PY" "$SHARED/peers/rouge_jsonl.py" "$c" "$work/b.jsonl" | tail -1)"
  done
  for method in textrank lexrank lead; do
    "$PY" "$SHARED/peers/sumy_jsonl.py" "$method" "$c" --n 3 > "$work/s.jsonl" 2>/dev/null
    printf '%-10s %-18s %s\n' "$corpus" "sumy-$method" "$("$PY" "$SHARED/peers/rouge_jsonl.py" "$c" "$work/s.jsonl" | tail -1)"
  done
done
echo "(cnn: ../shared/data/cnn-highlights/dev.jsonl, 481 articles; policy: the 30 English texts of ../shared/data/policy-news; $(date -u +%F))"
