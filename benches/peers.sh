#!/usr/bin/env bash
# Side-by-side comparison with the Python peers on the same corpus: time per document and ROUGE
# (Google's rouge-score, Porter stemmer) for brief's scorers and sumy's LexRank, TextRank, Luhn
# and Edmundson, at N = the reference's sentence count.
#
# usage: benches/peers.sh [DOCS]        (default 300 documents of the BBC dev corpus)
#
# Needs ../shared (the corpus and the offline peer scripts); the peers are installed by
# ../shared/peers/setup.sh into a throwaway virtualenv with pip (sumy, rouge-score). Not part of
# the test suite: CI only checks that this script parses (bash -n).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${BRIEF_SHARED:-../shared}
DOCS=${1:-300}
if [ ! -d "$SHARED/peers" ]; then
  echo "peers: $SHARED/peers is absent; this comparison needs the shared corpus and peer scripts" >&2
  exit 1
fi
PY=$(bash "$SHARED/peers/setup.sh" | tail -1)
cargo build --release --locked -q -p brief-cli
B=target/release/brief
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
head -n "$DOCS" "$SHARED/data/bbc-summary/dev.jsonl" > "$work/corpus.jsonl"

now() { date +%s.%N; }
rouge() { "$PY" "$SHARED/peers/rouge_jsonl.py" "$work/corpus.jsonl" "$1" | tail -1; }
printf '%-16s %12s %10s   %s\n' "system" "ms/doc" "x brief" "ROUGE F1 x100 (rouge-score)"

# brief: one process for the whole corpus on one thread, start-up and loading included.
results=()
for scorer in combined textrank lexrank luhn; do
  t0=$(now)
  RAYON_NUM_THREADS=1 $B summarize --jsonl --text-field article --sentences-field summary_sentences \
     --scorer "$scorer" -f json -o "$work/brief-$scorer.jsonl" "$work/corpus.jsonl"
  t1=$(now)
  ms=$(echo "($t1 - $t0) * 1000 / $DOCS" | bc -l)
  [ "$scorer" = combined ] && base=$ms
  results+=("brief-$scorer|$ms|$(rouge "$work/brief-$scorer.jsonl")")
done
# sumy: time spent summarizing as reported by the script (loading excluded).
for method in lexrank textrank luhn edmundson; do
  "$PY" "$SHARED/peers/sumy_jsonl.py" "$method" "$work/corpus.jsonl" --n ref \
     > "$work/sumy-$method.jsonl" 2> "$work/sumy-$method.err"
  secs=$(grep -o 'summarize_secs [0-9.]*' "$work/sumy-$method.err" | awk '{print $2}')
  ms=$(echo "$secs * 1000 / $DOCS" | bc -l)
  results+=("sumy-$method|$ms|$(rouge "$work/sumy-$method.jsonl")")
done
for r in "${results[@]}"; do
  IFS='|' read -r name ms scores <<< "$r"
  printf '%-16s %12.2f %10.1f   %s\n' "$name" "$ms" "$(echo "$ms / $base" | bc -l)" "$scores"
done
echo "($DOCS documents of $SHARED/data/bbc-summary/dev.jsonl; $(nproc) cores; $(date -u +%F))"
