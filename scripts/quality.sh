#!/usr/bin/env bash
# Quality evaluations on the shared corpora. CI runs this when ../shared exists; it fails when
# a floor from the issues is not met. Data: BBC News Summary (Greene & Cunningham 2006, research
# use) and EC-OECD STIP Compass (2021); see ../shared/data/README.md. Nothing is copied here.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${BRIEF_SHARED:-../shared}
if [ ! -d "$SHARED/data" ]; then
  echo "quality: skipped: $SHARED/data is absent (a user's clone has no ../shared)"
  exit 0
fi
cargo build --release --locked -p brief-cli
B=target/release/brief

echo "-- summarizer, BBC dev, N = reference length (floor: combined ROUGE-2 F1 >= 0.78)"
$B eval summarize "$SHARED/data/bbc-summary/dev.jsonl" -n ref --min-rouge2 0.78
echo "-- summarizer, BBC dev, N = 3"
$B eval summarize "$SHARED/data/bbc-summary/dev.jsonl" -n 3 --scorers combined,textrank,keyword,position

echo "-- classifier, STIP Compass 2021, 5-fold CV (floor: hybrid micro-F1 >= 0.66, macro-F1 >= 0.58)"
$B eval classify "$SHARED/data/stip-2021/train.jsonl" --folds 5 --per-theme \
  --min-micro-f1 0.66 --min-macro-f1 0.58

echo "-- seed article: 3-sentence summary and per-clause themes"
$B summarize -n 3 "$SHARED/data/seed/gansu-2022-02-25.txt"
$B classify --per-sentence --split-semicolons "$SHARED/data/seed/gansu-2022-02-25.txt"
