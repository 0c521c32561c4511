#!/usr/bin/env bash
# brief beside the tools Chinese users know, on the 15 Chinese policy-news dev texts:
#   summaries (N = 3): brief's scorers, LEAD-3 and textrank4zh (TextRank over jieba words);
#   keywords (top 8): brief, jieba's TF-IDF (`jieba.analyse.extract_tags`) and jieba's TextRank
#   (`jieba.analyse.textrank`).
# One metric for every system: character-level ROUGE (Han characters one by one, Latin words and
# numbers whole) against the analyst's summary sentences in summaries.jsonl; rouge-score drops
# Chinese characters, so it cannot be used here. Keywords: the share of the top 8 that occur in
# the analyst's summary (a keyword the summary repeats is one a reader keeps), and the share
# that are a single character or a generic word of the list below (a keyword nobody keeps).
#
# usage: benches/peers-zh.sh        (needs ../shared; installs the peers with pip into a
#                                    throwaway virtualenv, ${ZH_PEERS_VENV:-/tmp/brief-zh-peers})
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${BRIEF_SHARED:-../shared}
if [ ! -d "$SHARED/data/policy-news/texts/zh" ]; then
  echo "peers-zh: $SHARED/data/policy-news is absent" >&2
  exit 1
fi
venv=${ZH_PEERS_VENV:-/tmp/brief-zh-peers}
if ! "$venv/bin/python" -c 'import jieba, textrank4zh, scipy' 2>/dev/null; then
  python3 -m venv "$venv"
  # textrank4zh 0.3 calls networkx APIs removed in networkx 3.
  "$venv/bin/pip" install -q jieba textrank4zh 'networkx<3' scipy numpy >&2
fi
PY=$venv/bin/python
cargo build --release --locked -q -p brief-cli
B=target/release/brief
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$PY" - "$SHARED/data/policy-news" "$work/zh.jsonl" <<'PY'
import json, os, sys
d, out = sys.argv[1], sys.argv[2]
refs = {}
for line in open(f"{d}/summaries.jsonl", encoding="utf-8"):
    r = json.loads(line)
    refs[r["id"]] = r["summary_sentences"]
with open(out, "w", encoding="utf-8") as o:
    for f in sorted(os.listdir(f"{d}/texts/zh")):
        i = "zh/" + f[:-4]
        text = open(f"{d}/texts/zh/{f}", encoding="utf-8").read()
        o.write(json.dumps({"id": i, "article": text, "summary_sentences": refs[i]},
                           ensure_ascii=False) + "\n")
PY
now() { date +%s.%N; }
for scorer in combined learned lead textrank; do
  t0=$(now)
  RAYON_NUM_THREADS=1 $B summarize --jsonl --text-field article -n 3 --scorer "$scorer" -f json \
    -o "$work/sum-brief-$scorer.jsonl" "$work/zh.jsonl"
  echo "$(echo "$(now) - $t0" | bc -l)" > "$work/sum-brief-$scorer.secs"
done
t0=$(now)
RAYON_NUM_THREADS=1 $B keywords --jsonl --text-field article -n 8 -f json \
  -o "$work/kw-brief.jsonl" "$work/zh.jsonl"
echo "$(echo "$(now) - $t0" | bc -l)" > "$work/kw-brief.secs"

"$PY" - "$work" <<'PY'
import json, os, re, sys, time
import jieba, jieba.analyse
jieba.setLogLevel(60)
from textrank4zh import TextRank4Sentence

work = sys.argv[1]
docs = [json.loads(l) for l in open(f"{work}/zh.jsonl", encoding="utf-8")]
jieba.initialize()

def units(s):
    # Han characters one by one; Latin words and numbers whole.
    return re.findall(r"[\u4e00-\u9fff]|[A-Za-z]+|[0-9]+(?:\.[0-9]+)?", s)

def ngrams(u, n):
    c = {}
    for i in range(len(u) - n + 1):
        k = tuple(u[i:i + n]); c[k] = c.get(k, 0) + 1
    return c

def f1(ref, cand, n):
    r, c = ngrams(ref, n), ngrams(cand, n)
    hit = sum(min(v, c.get(k, 0)) for k, v in r.items())
    if not hit: return 0.0
    p, q = hit / max(sum(c.values()), 1), hit / max(sum(r.values()), 1)
    return 2 * p * q / (p + q)

def lcs_f1(ref, cand):
    if not ref or not cand: return 0.0
    prev = [0] * (len(cand) + 1)
    for a in ref:
        cur = [0]
        for j, b in enumerate(cand):
            cur.append(prev[j] + 1 if a == b else max(prev[j + 1], cur[j]))
        prev = cur
    l = prev[-1]
    if not l: return 0.0
    p, q = l / len(cand), l / len(ref)
    return 2 * p * q / (p + q)

def key(s):
    return "".join(units(s))

def rouge(summaries):
    t = [0.0, 0.0, 0.0]
    picks = hits = 0
    for d in docs:
        ref = units("".join(d["summary_sentences"]))
        cand = units("".join(summaries.get(d["id"], [])))
        t[0] += f1(ref, cand, 1); t[1] += f1(ref, cand, 2); t[2] += lcs_f1(ref, cand)
        # A pick is the analyst's when one holds the other (splitters differ at the edges).
        refs = [key(r) for r in d["summary_sentences"]]
        for s in summaries.get(d["id"], []):
            k = key(s)
            picks += 1
            hits += bool(k) and any(k in r or r in k for r in refs if r)
    return [100 * x / len(docs) for x in t] + [100 * hits / max(picks, 1), sum(
        len(key("".join(summaries.get(d["id"], [])))) for d in docs) / len(docs)]

def brief_summaries(name):
    out = {}
    for l in open(f"{work}/{name}.jsonl", encoding="utf-8"):
        r = json.loads(l)
        out[r["id"]] = [s["text"] for s in r.get("sentences", [])]
    return out

rows = []
for scorer in ["combined", "learned", "lead", "textrank"]:
    secs = float(open(f"{work}/sum-brief-{scorer}.secs").read())
    rows.append((f"brief {scorer}", secs, rouge(brief_summaries(f"sum-brief-{scorer}"))))
t0 = time.perf_counter()
tr = {}
for d in docs:
    t = TextRank4Sentence()
    t.analyze(text=d["article"], lower=True, source="all_filters")
    best = t.get_key_sentences(num=3)
    tr[d["id"]] = [s.sentence for s in sorted(best, key=lambda s: s.index)]
rows.append(("textrank4zh", time.perf_counter() - t0, rouge(tr)))
print("Summaries, N = 3, character-level ROUGE F1 x100 (15 Chinese policy-news dev texts)")
print(f"{'system':<16} {'R-1':>6} {'R-2':>6} {'R-L':>6} {'picks':>6} {'chars':>6} {'ms/doc':>8}")
for name, secs, (r1, r2, rl, pk, ch) in rows:
    print(f"{name:<16} {r1:6.1f} {r2:6.1f} {rl:6.1f} {pk:5.0f}% {ch:6.0f} {1000 * secs / len(docs):8.1f}")
ref_chars = sum(len(key("".join(d["summary_sentences"]))) for d in docs) / len(docs)
print(f"(picks: chosen sentences that are the analyst's; chars: summary length, the analyst's {ref_chars:.0f})")

# Generic words of Chinese policy news: meetings, verbs of urging, "work", "development".
GENERIC = set("会议 会上 工作 加快 推进 推动 加强 坚持 要求 强调 提出 指出 表示 进一步 全面 深入 "
              "持续 积极 不断 重要 重点 发展 建设 实现 开展 召开 举行 部署 相关 有关 方面 全市 "
              "全省 今年 目前 同志 主要 负责 我们 一个 进行 提升 作为".split())

def judge(kws, d):
    ref = "".join(d["summary_sentences"])
    inref = sum(1 for k in kws if k.replace(" ", "") in ref)
    junk = sum(1 for k in kws if len(k) < 2 or k in GENERIC)
    return inref, junk, len(kws)

def keyword_row(name, secs, kw):
    a = [judge(kw[d["id"]], d) for d in docs]
    n = sum(x[2] for x in a) or 1
    return name, secs, sum(x[0] for x in a) / n, sum(x[1] for x in a) / n

kw_brief = {}
for l in open(f"{work}/kw-brief.jsonl", encoding="utf-8"):
    r = json.loads(l)
    kw_brief[r["id"]] = [k["text"] for k in r.get("keywords", [])]
krows = [keyword_row("brief", float(open(f"{work}/kw-brief.secs").read()), kw_brief)]
for name, fn in [("jieba tf-idf", jieba.analyse.extract_tags), ("jieba textrank", jieba.analyse.textrank)]:
    t0 = time.perf_counter()
    kw = {d["id"]: fn(d["article"], topK=8) for d in docs}
    krows.append(keyword_row(name, time.perf_counter() - t0, kw))
    if name == "jieba tf-idf":
        tfidf = kw
print()
print("Keywords, top 8: share found in the analyst's summary / share generic or one character")
print(f"{'system':<16} {'in summary':>10} {'generic':>8} {'ms/doc':>8}")
for name, secs, inref, junk in krows:
    print(f"{name:<16} {100 * inref:9.0f}% {100 * junk:7.0f}% {1000 * secs / len(docs):8.1f}")
print()
for d in docs[:3]:
    print(d["id"])
    print("  brief:       ", " / ".join(kw_brief[d["id"]]))
    print("  jieba tf-idf:", " / ".join(tfidf[d["id"]]))
PY
echo "(../shared/data/policy-news/texts/zh, 15 texts; brief times are one process for the corpus, start-up included; peers exclude loading; $(date -u +%F))"
