"""Tests of the Python package: results equal the command line's JSON on the samples, errors
are exceptions, batch calls release the GIL, and a Dask LocalCluster gives the same summaries
as a local run."""

import itertools
import json
import os
import pathlib
import shutil
import subprocess
import threading

import pytest

import brief

ROOT = pathlib.Path(__file__).resolve().parents[3]
SAMPLES = sorted((ROOT / "data" / "samples").glob("*.txt"))
BRIEF_BIN = os.environ.get("BRIEF_BIN") or shutil.which("brief") or str(ROOT / "target" / "release" / "brief")


def cli_json(*args):
    out = subprocess.run([BRIEF_BIN, *args, "-f", "json"], capture_output=True, check=True)
    return json.loads(out.stdout)


def utf8_samples():
    return [p for p in SAMPLES if "gbk" not in p.name]


@pytest.mark.parametrize("path", utf8_samples(), ids=lambda p: p.name)
def test_summaries_equal_the_cli(path):
    text = path.read_text(encoding="utf-8")
    got = brief.summarize(text)
    want = cli_json("summarize", str(path))
    assert got == want


@pytest.mark.parametrize("path", utf8_samples(), ids=lambda p: p.name)
def test_themes_keywords_sentences_equal_the_cli(path):
    text = path.read_text(encoding="utf-8")
    got = brief.classify(text, per_sentence=True, explain=True)
    want = cli_json("classify", "--per-sentence", "--explain", str(path))
    assert got == want
    assert brief.keywords(text) == cli_json("keywords", str(path))["keywords"]
    assert brief.sentences(text) == cli_json("sentences", str(path))["sentences"]


def test_options_and_batch():
    texts = [p.read_text(encoding="utf-8") for p in utf8_samples()]
    one = brief.summarize(texts[0], n=2, scorer="textrank", explain=True)
    assert len(one["sentences"]) == 2 and one["scorer"] == "textrank"
    assert one["sentences"][0]["contributions"]
    words = brief.summarize(texts[0], words=40)
    assert sum(len(s["text"].split()) for s in words["sentences"]) <= 40
    many = brief.summarize_many(texts, text_only=False)
    assert many == [brief.summarize(t) for t in texts]
    joined = brief.summarize_many(texts)
    assert joined[0] == "\n".join(s["text"] for s in many[0]["sentences"])
    assert brief.classify_many(texts) == [brief.classify(t) for t in texts]
    assert brief.keywords_many(texts, n=3) == [brief.keywords(t, n=3) for t in texts]
    assert brief.sentences_many(texts) == [brief.sentences(t) for t in texts]


def test_chinese_and_encodings():
    gbk = (ROOT / "data" / "samples" / "zhejiang-keji-gongzuo-huiyi-gbk.txt").read_bytes()
    text, encoding = brief.decode(gbk)
    assert encoding == "GBK"
    assert text == (ROOT / "data" / "samples" / "zhejiang-keji-gongzuo-huiyi.txt").read_text(encoding="utf-8")
    assert "research_institutions" in brief.classify(text)["labels"]
    assert brief.classify(text)["language"] == "zh"
    # A brief saved by Word in windows-1252, curly quotes and all: read as Python reads it.
    word = "The minister said \u201cwe will fund 20 laboratories\u201d \u2013 a \u20ac50 million plan."
    assert brief.decode(word.encode("cp1252")) == (word, "windows-1252")


def test_lang_overrides_the_detected_language_like_the_cli():
    path = ROOT / "data" / "samples" / "zhejiang-keji-gongzuo-huiyi.txt"
    text = path.read_text(encoding="utf-8")
    got = brief.summarize(text, lang="en")
    assert got["language"] == "en"
    assert got == cli_json("summarize", "--lang", "en", str(path))
    assert brief.classify(text, lang="en") == cli_json("classify", "--lang", "en", str(path))
    auto = brief.summarize(text)
    assert auto["language"] == "zh" and auto["sentences"] == got["sentences"]
    assert [r["language"] for r in brief.classify_many([text, "Labs get funds."], lang="zh")] == ["zh", "zh"]
    assert brief.summarize_many([text], lang="en", text_only=False)[0]["language"] == "en"
    with pytest.raises(ValueError, match="lang"):
        brief.classify(text, lang="klingon")


def test_errors_are_exceptions_with_the_cli_messages():
    with pytest.raises(ValueError, match="empty"):
        brief.summarize("")
    with pytest.raises(ValueError, match="only whitespace"):
        brief.classify("  \n ")
    with pytest.raises(ValueError, match="unknown scorer `nope`"):
        brief.summarize("Labs get funds.", scorer="nope")
    with pytest.raises(ValueError, match="text 1: the input is empty"):
        brief.summarize_many(["Labs get funds.", ""])
    with pytest.raises(ValueError, match="n must be at least 1"):
        brief.summarize("Labs get funds.", n=0)
    with pytest.raises(TypeError):
        brief.summarize_many(["ok", 3])
    with pytest.raises(ValueError, match="unknown encoding"):
        brief.decode(b"abc", encoding="no-such")


def test_many_skip_bad_texts_when_asked():
    texts = [p.read_text(encoding="utf-8") for p in utf8_samples()][:2]
    bad = [texts[0], float("nan"), "", "bin\x00ary", None, 7, texts[1]]
    good = [0, 6]
    for many, one in [
        (brief.summarize_many, brief.summarize_many),
        (lambda t, **k: brief.classify_many(t, **k), brief.classify_many),
        (brief.keywords_many, brief.keywords_many),
        (brief.sentences_many, brief.sentences_many),
    ]:
        got = many(bad, skip_bad=True)
        assert [i for i, r in enumerate(got) if r is not None] == good
        assert [got[i] for i in good] == one([bad[i] for i in good])
    assert brief.summarize_many(bad, skip_bad=True, text_only=False)[1] is None
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"text": [texts[0], None, texts[1]]})
    df["summary"] = brief.summarize_many(df["text"], skip_bad=True)
    assert df["summary"].isna().tolist() == [False, True, False]
    with pytest.raises(TypeError):
        brief.keywords_many(bad)
    with pytest.raises(ValueError, match="text 2: the input is empty"):
        brief.sentences_many([texts[0], texts[1], ""])


def test_iter_functions_are_lazy_and_equal_the_many_ones():
    texts = [p.read_text(encoding="utf-8") for p in utf8_samples()]
    for it, many in [
        (brief.summarize_iter, brief.summarize_many),
        (brief.classify_iter, brief.classify_many),
        (brief.keywords_iter, brief.keywords_many),
        (brief.sentences_iter, brief.sentences_many),
    ]:
        for size in (1, 2, 1000):
            assert list(it(texts, batch_size=size)) == many(texts)
    ctx = [None, "Funds for young researchers.", None, "Key laboratories.", None, None][: len(texts)]
    assert list(
        brief.classify_iter(texts, kind="hybrid", contexts=ctx, batch_size=2)
    ) == brief.classify_many(texts, kind="hybrid", contexts=ctx)
    # An endless generator: only the batches asked for are read.
    read = []

    def endless():
        for i in itertools.count():
            read.append(i)
            yield f"Labs in city {i} get funds. They hire {i + 10} researchers."

    first = list(itertools.islice(brief.summarize_iter(endless(), n=1, batch_size=8), 10))
    assert first[3] == "Labs in city 3 get funds."
    assert len(read) == 16
    # Errors name the text by its place in the whole input.
    with pytest.raises(ValueError, match="text 5: the input is empty"):
        list(brief.keywords_iter(["Labs get funds."] * 5 + [""], batch_size=2))
    with pytest.raises(TypeError, match="text 3"):
        list(brief.sentences_iter(["a b.", "c d.", "e f.", 7], batch_size=2))
    got = list(brief.keywords_iter(["Labs get funds.", None, "Labs hire."], skip_bad=True, batch_size=1))
    assert got[1] is None and got[0] and got[2]
    with pytest.raises(ValueError, match="batch_size"):
        next(brief.sentences_iter(["a."], batch_size=0))


def test_batch_calls_release_the_gil():
    # While a long batch runs in another thread, this thread keeps running Python code: it
    # could not if the batch held the GIL.
    text = " ".join(p.read_text(encoding="utf-8") for p in utf8_samples())
    texts = [text] * 400
    done = threading.Event()
    ticks = []

    def work():
        brief.summarize_many(texts)
        done.set()

    t = threading.Thread(target=work)
    t.start()
    while not done.is_set():
        ticks.append(1)
        done.wait(0.001)
    t.join()
    assert len(ticks) > 5


def test_pandas_column():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"text": [p.read_text(encoding="utf-8") for p in utf8_samples()]})
    df["summary"] = brief.summarize_many(df["text"])
    assert df["summary"].str.len().gt(0).all()


def test_dask_local_cluster_equals_local_run():
    dd = pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    pd = pytest.importorskip("pandas")
    texts = [p.read_text(encoding="utf-8") for p in utf8_samples()] * 4
    df = pd.DataFrame({"text": texts, "id": [f"doc-{i}" for i in range(len(texts))]})
    local = brief.summarize_many(df["text"])
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster):
        ddf = dd.from_pandas(df, npartitions=4)
        out = ddf.map_partitions(
            lambda part: part.assign(summary=brief.summarize_many(part["text"])),
            meta={"text": "object", "id": "object", "summary": "object"},
        ).compute()
        # A digest of the archive: each worker digests its partitions, one process merges.
        parts = ddf.map_partitions(
            lambda p: pd.Series([brief.digest_part(p["text"], ids=p["id"], sentences_per_theme=2)]),
            meta=("part", "object"),
        ).compute()
    assert list(out.sort_index()["summary"]) == local
    assert len(parts) == 4
    merged = brief.digest_merge(list(parts), sentences_per_theme=2)
    assert merged == brief.digest(df["text"], ids=df["id"], sentences_per_theme=2)
    assert merged["overview"]["documents"] == len(texts)


def test_a_trained_model_with_context_equals_the_cli(tmp_path):
    # Records written for this test: the theme is named in the background only for some.
    rows = [
        ("talent", "Fellowships for doctoral researchers and young scientists."),
        ("funding_finance", "Venture capital funds and loans for research projects."),
        ("digital", "Artificial intelligence and big data platforms for industry."),
    ]
    corpus = tmp_path / "records.jsonl"
    with corpus.open("w", encoding="utf-8") as f:
        for i in range(30):
            label, text = rows[i % 3]
            rec = {"id": str(i), "text": f"{text} Round {i}.", "labels": [label]}
            if i % 2 == 0:
                rec["background"] = "A call of the national research council."
            f.write(json.dumps(rec) + "\n")
    model = tmp_path / "model.bin"
    subprocess.run(
        [BRIEF_BIN, "train", str(corpus), "--context-field", "background", "--neighbors", "5",
         "--model", str(model)],
        capture_output=True, check=True,
    )
    out = subprocess.run(
        [BRIEF_BIN, "classify", "--jsonl", "--kind", "hybrid", "--context-field", "background",
         "--model", str(model), "-f", "json", str(corpus)],
        capture_output=True, check=True,
    )
    want = [json.loads(line) for line in out.stdout.decode().splitlines()]
    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    texts = [r["text"] for r in records]
    contexts = [r.get("background") for r in records]
    got = brief.classify_many(texts, model=str(model), kind="hybrid", contexts=contexts)
    assert [{k: v for k, v in w.items() if k != "id"} for w in want] == got
    assert got[0]["labels"] == ["talent"]
    one = brief.classify(texts[0], model=str(model), kind="hybrid", context=contexts[0])
    assert one == got[0]
    # The news model reads documents, not records; a bad kind, a missing model file and
    # contexts that do not match the texts are errors with messages.
    with pytest.raises(ValueError, match="kind=\"hybrid\""):
        brief.classify(texts[0], context="Some background.")
    with pytest.raises(ValueError, match="not one of"):
        brief.classify(texts[0], kind="fancy")
    with pytest.raises(ValueError, match="missing.bin"):
        brief.classify(texts[0], model=str(tmp_path / "missing.bin"))
    with pytest.raises(ValueError, match="contexts for"):
        brief.classify_many(texts, kind="hybrid", contexts=contexts[:2])
    # A pandas column's missing values are no context; a number is not a context.
    nan = float("nan")
    assert brief.classify_many(texts[:2], model=str(model), kind="hybrid",
                               contexts=[contexts[0], nan]) == got[:2]
    with pytest.raises(TypeError, match="not int"):
        brief.classify(texts[0], kind="hybrid", context=7)


def test_digest_equals_the_cli(tmp_path):
    paths = utf8_samples()
    texts = [p.read_text(encoding="utf-8") for p in paths]
    # Files: the ids are the paths as the command line shows them.
    rel = [str(p.relative_to(ROOT)) for p in paths]
    run = lambda *a: subprocess.run([BRIEF_BIN, "digest", *a], capture_output=True, check=True, cwd=ROOT).stdout
    got = brief.digest(texts, ids=rel, sentences_per_theme=2)
    assert got == json.loads(run("-f", "json", "--sentences-per-theme", "2", *rel))
    assert got["overview"]["documents"] == len(texts) and got["themes"]
    md = brief.digest(texts, ids=rel, format="markdown")
    assert md == run("-f", "markdown", *rel).decode()
    assert brief.digest(texts, ids=rel, format="html") == run("-f", "html", *rel).decode()
    # Records with dates and groups (missing values as pandas gives them), as --jsonl reads them.
    dates = ["2024-03-05", None, float("nan"), "2024-04-01", "May 2, 2024"][: len(texts)]
    groups = ["Hubei", "OECD", None, "Zhejiang", 7][: len(texts)]
    records = tmp_path / "docs.jsonl"
    with records.open("w", encoding="utf-8") as f:
        for i, t in enumerate(texts):
            r = {"id": f"doc-{i}", "text": t}
            if isinstance(dates[i], str):
                r["date"] = dates[i]
            if groups[i] is not None:
                r["group"] = groups[i]
            f.write(json.dumps(r) + "\n")
    want = json.loads(run("--jsonl", "--date-field", "date", "--group-field", "group", "-f", "json", str(records)))
    got = brief.digest(texts, ids=[f"doc-{i}" for i in range(len(texts))], dates=dates, groups=groups)
    assert got == want
    assert got["overview"]["dated_given"] >= 2


def test_digest_arguments_and_errors():
    texts = [p.read_text(encoding="utf-8") for p in utf8_samples()]
    r = brief.digest(texts[:2])
    assert [d["id"] for d in r["documents"]] == ["0", "1"]
    assert [d["id"] for d in brief.digest(texts[:2], ids=[10, 11])["documents"]] == ["10", "11"]
    assert len(brief.digest(texts, keyphrases=3)["keyphrases"]) <= 3
    assert json.loads(brief.digest(texts[:1], format="json")) == brief.digest(texts[:1])
    with pytest.warns(UserWarning, match="the id `a` of text 1 was used before"):
        brief.digest(texts[:2], ids=["a", "a"])
    with pytest.raises(ValueError, match="text 1: the input is empty"):
        brief.digest([texts[0], ""])
    with pytest.raises(ValueError, match="no document to digest"):
        brief.digest([])
    with pytest.raises(ValueError, match="dates: 1 values for 2 texts"):
        brief.digest(texts[:2], dates=["2024-01-01"])
    with pytest.raises(ValueError, match="ids: id 0 is missing"):
        brief.digest(texts[:1], ids=[None])
    with pytest.raises(ValueError, match="format"):
        brief.digest(texts[:1], format="pdf")
    with pytest.raises(TypeError):
        brief.digest([texts[0], 3])
    # Parts merged in order equal one digest; parts that do not fit are errors.
    ids = [f"d{i}" for i in range(len(texts))]
    parts = [brief.digest_part(texts[:2], ids=ids[:2]), brief.digest_part(texts[2:], ids=ids[2:])]
    assert brief.digest_merge(parts) == brief.digest(texts, ids=ids)
    assert brief.digest_merge(parts, format="markdown") == brief.digest(texts, ids=ids, format="markdown")
    with pytest.raises(ValueError, match="part 0: digest part: built with 5 sentences per theme"):
        brief.digest_merge(parts, sentences_per_theme=3)
    with pytest.raises(ValueError, match="part 1: not a brief digest part"):
        brief.digest_merge([parts[0], parts[1][:-5]])
    with pytest.raises(ValueError, match="no document to digest"):
        brief.digest_merge([])
    with pytest.raises(TypeError):
        brief.digest_merge([b"{}"])


def test_digest_skips_bad_texts_when_asked():
    texts = [p.read_text(encoding="utf-8") for p in utf8_samples()][:2]
    bad = texts + [float("nan"), "", "bin\x00ary", None]
    ids = ["a", "b", "nan", "empty", "binary", "none"]
    r = brief.digest(bad, ids=ids, skip_bad=True)
    assert r["overview"]["documents"] == 2
    skipped = r["overview"]["skipped"]
    assert [s.split(":")[0] for s in skipped] == ["nan", "empty", "binary", "none"]
    assert "not a text" in skipped[0] and "empty" in skipped[1] and "binary" in skipped[2]
    assert {k: v for k, v in r.items() if k != "overview"} == {
        k: v for k, v in brief.digest(texts, ids=ids[:2]).items() if k != "overview"}
    # Parts carry what they skipped.
    parts = [brief.digest_part(bad[:3], ids=ids[:3], skip_bad=True),
             brief.digest_part(bad[3:], ids=ids[3:], skip_bad=True)]
    assert brief.digest_merge(parts) == r
    with pytest.raises(TypeError):
        brief.digest(bad, ids=ids)
    with pytest.raises(ValueError, match="text 3: the input is empty"):
        brief.digest(texts + ["x", ""])
    with pytest.raises(ValueError, match="every text was skipped"):
        brief.digest(["", None], skip_bad=True)


def test_html_pages_read_as_the_cli_reads_them(tmp_path):
    page = (
        "<!DOCTYPE html><html><head><title>Labs | Daily</title><script>go('<p>')</script></head>"
        "<body><nav>Home &gt; News</nav><h1>Province funds 57 key laboratories</h1>"
        "<p>The province will invest 2&nbsp;billion yuan in 57 laboratories this year.</p>"
        "<p>Young scientists &amp; local firms will share the instruments.</p></body></html>"
    )
    text = brief.html_to_text(page)
    assert text.startswith("Province funds 57 key laboratories\n\n")
    assert "<" not in text and "&amp;" not in text and "Home" not in text
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    assert brief.summarize(text) == cli_json("summarize", str(path))
    with pytest.raises(TypeError):
        brief.html_to_text(b"<p>bytes</p>")
