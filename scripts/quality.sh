#!/usr/bin/env bash
# Quality evaluations on the shared corpora. CI runs this when ../shared exists; it fails when
# a floor is not met. Data (nothing is copied into this repository; see ../shared/data/README.md):
# BBC News Summary (Greene & Cunningham 2006, research use), CNN/DailyMail 3.0.0 validation
# highlights, brief's policy-news dev set (real S&T policy news, hand-picked summaries), and
# EC-OECD STIP Compass (2021).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${BRIEF_SHARED:-../shared}
if [ ! -d "$SHARED/data" ]; then
  echo "quality: skipped: $SHARED/data is absent (a user's clone has no ../shared)"
  exit 0
fi
cargo build --release --locked -p brief-cli
B=target/release/brief
D=$SHARED/data
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "-- summaries: one table, every corpus (LEAD = the first body sentences)"
CORPORA=("$D/bbc-summary/dev.jsonl@ref" "$D/bbc-summary/dev.jsonl@3" "$D/cnn-highlights/dev.jsonl@3" "$D/policy-news@3")
SCORERS=combined,learned,lead,textrank,lexrank,pacsum,keyword,policy
$B eval summarize "${CORPORA[@]}" --scorers "$SCORERS" -f markdown
$B eval summarize "${CORPORA[@]}" --scorers "$SCORERS" -f json > "$work/summaries.json"
# Floors for the default (combined). Two of #9's floors are not reached yet, and the checks
# here keep what was reached from regressing: CNN's (LEAD-3 + 1.0 ROUGE-1), and policy news
# at sumy TextRank + 3 ROUGE-2 (sumy runs in benches/peers-news.sh, which needs the peers'
# virtualenv; brief's own textrank stands in for it here).
python3 - "$work/summaries.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))["rows"]
def get(corpus, scorer, metric):
    for r in rows:
        if r["corpus"].startswith(corpus) and r["scorer"] == scorer:
            return 100 * r["rouge"][metric]["f1"]
    raise SystemExit(f"quality: no row for {corpus} / {scorer}")
checks = [
    ("BBC N=ref ROUGE-2 >= 78.0", get("bbc-summary N=ref", "combined", "rouge2"), 78.0),
    ("CNN N=3 ROUGE-1 >= LEAD-3 - 2.5", get("cnn-highlights N=3", "combined", "rouge1"),
     get("cnn-highlights N=3", "lead", "rouge1") - 2.5),
    ("CNN N=3 ROUGE-1 >= textrank + 0.5", get("cnn-highlights N=3", "combined", "rouge1"),
     get("cnn-highlights N=3", "textrank", "rouge1") + 0.5),
    ("policy-news N=3 ROUGE-2 >= LEAD-3 + 3", get("policy-news/en N=3", "combined", "rouge2"),
     get("policy-news/en N=3", "lead", "rouge2") + 3.0),
    ("policy-news N=3 ROUGE-2 >= brief textrank + 3", get("policy-news/en N=3", "combined", "rouge2"),
     get("policy-news/en N=3", "textrank", "rouge2") + 3.0),
]
bad = 0
for name, got, floor in checks:
    ok = got >= floor
    bad += not ok
    print(f"quality: {'ok  ' if ok else 'FAIL'} {name}: {got:.2f} (floor {floor:.2f})")
sys.exit(1 if bad else 0)
PY

echo "-- summaries of the Chinese originals (policy-news zh, N = 3; picks = share of chosen"
echo "   sentences that are the analyst's; Chinese characters count one by one in ROUGE)"
$B eval summarize "$D/policy-news@3" --lang zh --scorers combined,learned,lead,textrank,lexrank,pacsum

echo "-- the seed article: the default summary"
$B summarize -n 3 "$D/seed/gansu-2022-02-25.txt" | tee "$work/seed.txt"
# It carries the meeting's tasks, not the run-on paragraph, and no glued pair.
if grep -q "vigorously promotes" "$work/seed.txt" || grep -q ';We' "$work/seed.txt"; then
  echo "quality: FAIL the seed summary holds the run-on or a glued pair"; exit 1
fi
grep -q "^We will" "$work/seed.txt" || { echo "quality: FAIL no task sentence in the seed summary"; exit 1; }

echo "-- no page clutter is chosen on the policy-news dev set"
for f in "$D"/policy-news/texts/en/*.txt; do
  $B summarize -f json "$f" | python3 -c '
import json, sys
v = json.load(sys.stdin)
for s in v["sentences"]:
    t = s["text"].lower()
    for w in ("updated:", "editor:", "source:", "print share", "home >", "related news", ".jpg", ".png"):
        if w in t:
            raise SystemExit("quality: FAIL clutter chosen in %s: %r" % (sys.argv[1], s["text"]))
' "$f"
done
echo "quality: ok   no clutter chosen"

echo "-- themes on real policy news (English; floors: news model micro-F1 >= 0.80, macro >= 0.70,"
echo "   labelled body sentences whose themes are exactly right >= 0.75)"
$B eval classify "$D/policy-news" --lang en --min-micro-f1 0.80 --min-macro-f1 0.70 --min-sentence-accuracy 0.75
echo "-- themes on real policy news (Chinese originals; floors: news model micro-F1 >= 0.78, macro >= 0.79,"
echo "   sentences >= 0.40: they keep what was reached)"
$B eval classify "$D/policy-news" --lang zh --min-micro-f1 0.78 --min-macro-f1 0.79 --min-sentence-accuracy 0.40

echo "-- classifier, STIP Compass 2021, 5-fold CV (floor: hybrid micro-F1 >= 0.66, macro-F1 >= 0.58)"
$B eval classify "$D/stip-2021/train.jsonl" --folds 5 --per-theme \
  --min-micro-f1 0.66 --min-macro-f1 0.58
echo "-- the same with each record's background as context (--context-field background: the"
echo "   linear model learns from text and background, the lexicon reads the text alone)"
$B eval classify "$D/stip-2021/train.jsonl" --folds 5 --context-field background \
  --min-micro-f1 0.665 --min-macro-f1 0.60
echo "-- with context and the 20 nearest training texts voting (--neighbors 20)"
$B eval classify "$D/stip-2021/train.jsonl" --folds 5 --context-field background --neighbors 20 \
  --min-micro-f1 0.678 --min-macro-f1 0.615

echo "-- the seed article: per-clause themes"
$B classify --per-sentence --split-semicolons "$D/seed/gansu-2022-02-25.txt"
