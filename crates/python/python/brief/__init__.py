"""brief: summaries, keywords and themes of science-and-technology policy news.

The Rust library `brief`, from Python. Every function takes text (English or Chinese) and
returns plain Python objects that mirror the JSON of the `brief` command line. The ``*_many``
functions take a list (or any iterable, such as a pandas Series) of texts, release the GIL and
use every core; their results keep the input order.

>>> import brief
>>> s = brief.summarize("The province will invest 2 billion yuan in key laboratories. "
...                     "Officials met in the capital. Laboratories will hire 300 researchers.", n=1)
>>> len(s["sentences"])
1
>>> brief.classify("We will train a high-level talent team and attract young scientists.")["labels"]
['talent']

Errors (an empty text, an unknown scorer) are raised as ``ValueError`` with the command
line's message.
"""

from __future__ import annotations

import itertools
import json
import re
import warnings
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, TypeVar

from . import _brief

__version__: str = _brief.__version__

__all__ = [
    "summarize",
    "summarize_many",
    "classify",
    "classify_many",
    "keywords",
    "keywords_many",
    "sentences",
    "sentences_many",
    "summarize_iter",
    "classify_iter",
    "keywords_iter",
    "sentences_iter",
    "digest",
    "digest_part",
    "digest_merge",
    "decode",
    "html_to_text",
    "SCORERS",
]

#: The scorer names that ``summarize`` accepts.
SCORERS = (
    "combined", "learned", "lead", "policy", "position", "keyword", "tfidf", "luhn", "title",
    "cue", "textrank", "lexrank", "pacsum", "length",
)


def _texts(texts: Iterable[str], skip_bad: bool = False) -> List[Optional[str]]:
    """The texts as a list of ``str``; with ``skip_bad``, anything else (a missing value of a
    pandas column) becomes ``None``, for the extension to skip."""
    out = list(texts)
    for i, t in enumerate(out):
        if not isinstance(t, str):
            if skip_bad:
                out[i] = None
            else:
                raise TypeError(f"text {i}: expected str, got {type(t).__name__}")
    return out


def _loads(s: Optional[str]) -> Any:
    return None if s is None else json.loads(s)


def summarize(
    text: str,
    n: int = 3,
    scorer: str = "combined",
    words: Optional[int] = None,
    ratio: Optional[float] = None,
    redundancy: Optional[float] = None,
    explain: bool = False,
    lang: str = "auto",
) -> Dict[str, Any]:
    """The most important sentences of ``text``.

    Budget: ``n`` sentences, or ``words`` words, or ``ratio`` of the body sentences.
    ``scorer`` is one of :data:`SCORERS`; ``redundancy`` (MMR lambda, 0..1) keeps
    near-duplicates apart; ``explain`` adds each scorer's contribution. ``lang`` is the
    language the result reports: ``"auto"`` (detected from the script mix), ``"en"`` or
    ``"zh"``; one pipeline reads English, Chinese and text that mixes them.

    Returns ``{"scorer", "budget", "total_sentences", "candidates", "language", "sentences":
    [{"index", "start", "end", "text", "score"}]}``; ``start``/``end`` are UTF-8 byte offsets.
    """
    return json.loads(
        _brief.summarize_json(text, n, scorer, words, ratio, redundancy, explain, lang)
    )


def summarize_many(
    texts: Iterable[str],
    n: int = 3,
    scorer: str = "combined",
    words: Optional[int] = None,
    ratio: Optional[float] = None,
    redundancy: Optional[float] = None,
    explain: bool = False,
    text_only: bool = True,
    lang: str = "auto",
    skip_bad: bool = False,
) -> List[Any]:
    """Summaries of many texts in parallel, without the GIL.

    With ``text_only`` (the default) each result is the summary as one string (sentences
    joined by newlines), ready for ``df["summary"] = brief.summarize_many(df["text"])``;
    otherwise the dicts of :func:`summarize`. With ``skip_bad``, a text that cannot be
    summarized (missing, not a string, empty, binary) gives ``None`` in its place instead of
    an error; this holds for every ``*_many`` function.
    """
    out = [
        _loads(s)
        for s in _brief.summarize_many_json(
            _texts(texts, skip_bad), n, scorer, words, ratio, redundancy, explain, lang, skip_bad
        )
    ]
    if text_only:
        return [None if s is None else "\n".join(x["text"] for x in s["sentences"]) for s in out]
    return out


def classify(
    text: str,
    per_sentence: bool = False,
    explain: bool = False,
    lang: str = "auto",
    model: Optional[str] = None,
    kind: str = "news",
    context: Optional[str] = None,
) -> Dict[str, Any]:
    """The policy themes of ``text``, as ``brief classify``.

    ``lang`` is the language the result reports (``"auto"``, ``"en"`` or ``"zh"``), as in
    :func:`summarize`. ``model`` is a model file written by ``brief train`` (default: the
    shipped model; a file is loaded once per process while it is unchanged), ``kind`` which
    part of it classifies (``"news"``, ``"hybrid"``, ``"linear"`` or ``"lexicon"``, as
    ``--kind``). ``context`` is a record's background read after its text (as ``brief
    classify --context-field``; needs ``kind="hybrid"`` or ``"linear"``). Returns
    ``{"labels": [...best first], "scores": {theme: score}, "language", "evidence"?,
    "aggregate"?, "sentences"?}``.
    """
    return json.loads(
        _brief.classify_json(text, per_sentence, explain, lang, model, kind, _context(context))
    )


def _missing(c: Any) -> bool:
    """Whether ``c`` is a missing value: ``None``, or one of a pandas column (``NaN``,
    ``pd.NA``)."""
    if c is None:
        return True
    try:
        return bool(c != c)  # NaN
    except TypeError:  # pd.NA has no truth value
        return True


def _context(c: Any) -> Optional[str]:
    """A context as text: a string, or ``None`` for none (also a missing value of a pandas
    column: ``NaN``, ``pd.NA``); anything else is a ``TypeError``, as a non-string context
    field is an error for ``brief classify --context-field``."""
    if isinstance(c, str):
        return c
    if _missing(c):
        return None
    raise TypeError(f"a context is a str or None, not {type(c).__name__}")


def classify_many(
    texts: Iterable[str],
    per_sentence: bool = False,
    explain: bool = False,
    lang: str = "auto",
    model: Optional[str] = None,
    kind: str = "news",
    contexts: Optional[Iterable[Optional[str]]] = None,
    skip_bad: bool = False,
) -> List[Optional[Dict[str, Any]]]:
    """:func:`classify` over many texts in parallel, without the GIL; ``contexts`` gives
    each text's context (``None`` for none), one per text; ``skip_bad`` as in
    :func:`summarize_many`."""
    ctx = None if contexts is None else [_context(c) for c in contexts]
    return [
        _loads(s)
        for s in _brief.classify_many_json(
            _texts(texts, skip_bad), per_sentence, explain, lang, model, kind, ctx, skip_bad
        )
    ]


def keywords(text: str, n: int = 10) -> List[Dict[str, Any]]:
    """The top ``n`` keywords and keyphrases: ``[{"text", "score", "count", "words"}]``."""
    return json.loads(_brief.keywords_json(text, n))["keywords"]


def keywords_many(
    texts: Iterable[str], n: int = 10, skip_bad: bool = False
) -> List[Optional[List[Dict[str, Any]]]]:
    """:func:`keywords` over many texts in parallel, without the GIL (``skip_bad`` as in
    :func:`summarize_many`)."""
    out = _brief.keywords_many_json(_texts(texts, skip_bad), n, skip_bad)
    return [None if s is None else json.loads(s)["keywords"] for s in out]


def sentences(text: str) -> List[Dict[str, Any]]:
    """The sentences brief finds: ``[{"index", "start", "end", "text", "kind",
    "boilerplate", "paragraph"}]``."""
    return json.loads(_brief.sentences_json(text))["sentences"]


def sentences_many(
    texts: Iterable[str], skip_bad: bool = False
) -> List[Optional[List[Dict[str, Any]]]]:
    """:func:`sentences` over many texts in parallel, without the GIL (``skip_bad`` as in
    :func:`summarize_many`)."""
    out = _brief.sentences_many_json(_texts(texts, skip_bad), skip_bad)
    return [None if s is None else json.loads(s)["sentences"] for s in out]


_T = TypeVar("_T")


def _lazily(
    many: Callable[[List[Any]], List[_T]], items: Iterable[Any], batch_size: int
) -> Iterator[_T]:
    """``many`` over ``items`` a batch at a time, its results one by one: only a batch is in
    memory, and an error names the item by its index in ``items``."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    it = iter(items)
    start = 0
    while True:
        batch = list(itertools.islice(it, batch_size))
        if not batch:
            return
        try:
            results = many(batch)
        except (TypeError, ValueError) as e:
            msg = re.sub(r"^text (\d+)", lambda m: f"text {int(m.group(1)) + start}", str(e))
            raise type(e)(msg) from e
        yield from results
        start += len(batch)


def summarize_iter(
    texts: Iterable[str],
    n: int = 3,
    scorer: str = "combined",
    words: Optional[int] = None,
    ratio: Optional[float] = None,
    redundancy: Optional[float] = None,
    explain: bool = False,
    text_only: bool = True,
    lang: str = "auto",
    skip_bad: bool = False,
    batch_size: int = 1024,
) -> Iterator[Any]:
    """:func:`summarize_many`, lazily: ``texts`` (any iterable, such as the lines of a file
    too large to hold) is read ``batch_size`` texts at a time, each batch summarized on
    every core, and the results come in input order as they are ready.

    >>> import brief
    >>> lines = (f"Labs in city {i} get funds. They hire researchers." for i in range(10_000))
    >>> next(brief.summarize_iter(lines, n=1))
    'Labs in city 0 get funds.'
    """
    return _lazily(
        lambda b: summarize_many(
            b, n, scorer, words, ratio, redundancy, explain, text_only, lang, skip_bad
        ),
        texts,
        batch_size,
    )


def classify_iter(
    texts: Iterable[str],
    per_sentence: bool = False,
    explain: bool = False,
    lang: str = "auto",
    model: Optional[str] = None,
    kind: str = "news",
    contexts: Optional[Iterable[Optional[str]]] = None,
    skip_bad: bool = False,
    batch_size: int = 1024,
) -> Iterator[Optional[Dict[str, Any]]]:
    """:func:`classify_many`, lazily (see :func:`summarize_iter`); ``contexts``, when given,
    is read alongside ``texts``."""
    if contexts is None:
        return _lazily(
            lambda b: classify_many(b, per_sentence, explain, lang, model, kind, None, skip_bad),
            texts,
            batch_size,
        )
    return _lazily(
        lambda b: classify_many(
            [t for t, _ in b],
            per_sentence,
            explain,
            lang,
            model,
            kind,
            [c for _, c in b],
            skip_bad,
        ),
        zip(texts, contexts),
        batch_size,
    )


def keywords_iter(
    texts: Iterable[str], n: int = 10, skip_bad: bool = False, batch_size: int = 1024
) -> Iterator[Optional[List[Dict[str, Any]]]]:
    """:func:`keywords_many`, lazily (see :func:`summarize_iter`)."""
    return _lazily(lambda b: keywords_many(b, n, skip_bad), texts, batch_size)


def sentences_iter(
    texts: Iterable[str], skip_bad: bool = False, batch_size: int = 1024
) -> Iterator[Optional[List[Dict[str, Any]]]]:
    """:func:`sentences_many`, lazily (see :func:`summarize_iter`)."""
    return _lazily(lambda b: sentences_many(b, skip_bad), texts, batch_size)


def _field(values: Optional[Iterable[Any]]) -> Optional[List[Optional[str]]]:
    """A digest's per-document field as strings, ``None`` where missing (``None``, ``NaN``,
    ``pd.NA``); a number or a date is written as ``str`` writes it, as ``brief digest`` writes a
    non-string field of a record."""
    if values is None:
        return None
    return [None if _missing(v) else v if isinstance(v, str) else str(v) for v in values]


def _documents(texts, ids, dates, groups, titles, skip_bad):
    """A digest's texts and per-document fields as the extension takes them; with
    ``skip_bad``, a text that is not a string (a missing value) is passed as ``None``, to be
    skipped."""
    texts = _texts(texts, skip_bad)
    if ids is None:
        names = [str(i) for i in range(len(texts))]
    else:
        names = []
        for i, v in enumerate(ids):
            if _missing(v):
                raise ValueError(f"ids: id {i} is missing")
            names.append(v if isinstance(v, str) else str(v))
    seen: Dict[str, int] = {}
    for i, name in enumerate(names):
        if name in seen:
            warnings.warn(f"the id `{name}` of text {i} was used before, by text {seen[name]}")
        else:
            seen[name] = i
    return texts, names, _field(dates), _field(groups), _field(titles)


def digest(
    texts: Iterable[str],
    ids: Optional[Iterable[Any]] = None,
    dates: Optional[Iterable[Any]] = None,
    groups: Optional[Iterable[Any]] = None,
    titles: Optional[Iterable[Any]] = None,
    sentences_per_theme: int = 5,
    keyphrases: int = 15,
    model: Optional[str] = None,
    lang: str = "auto",
    format: str = "dict",
    skip_bad: bool = False,
) -> Any:
    """A digest of many documents, as ``brief digest``: an overview (documents, languages,
    dates, groups), each theme with its documents and representative sentences (each quoted
    with its source), what changed from one month to the next, the corpus's keyphrases, and
    every document's title, date, themes, keywords and one-sentence summary.

    ``ids`` names the documents (default ``"0"``, ``"1"``, …; numbers are written as text);
    ``dates`` (``YYYY-MM-DD`` or any date brief finds in text), ``groups`` (source, province,
    country) and ``titles`` give one value per document, ``None`` or ``NaN`` where there is
    none (without a date, it is looked for in the text's first lines and marked as found).
    ``model`` files the documents under the themes of a model trained with ``brief train``.
    ``format`` is ``"dict"`` (the report as Python objects, equal to ``brief digest -f
    json``), ``"json"``, ``"markdown"`` or ``"html"`` (a text). With ``skip_bad``, a text
    that cannot be read (missing, empty, binary) is left out and listed in the overview's
    ``skipped`` (as ``brief digest --skip-bad``); otherwise it is a ``ValueError`` (a
    ``TypeError`` if it is not a string). The documents are read on every core without the
    GIL. For an archive on a cluster, see :func:`digest_part`.
    """
    if format == "part":
        raise ValueError('format: use digest_part() for a part to merge')
    out = _brief.digest_json(
        *_documents(texts, ids, dates, groups, titles, skip_bad),
        sentences_per_theme,
        keyphrases,
        model,
        lang,
        "json" if format == "dict" else format,
        skip_bad,
    )
    return json.loads(out) if format == "dict" else out


def digest_part(
    texts: Iterable[str],
    ids: Optional[Iterable[Any]] = None,
    dates: Optional[Iterable[Any]] = None,
    groups: Optional[Iterable[Any]] = None,
    titles: Optional[Iterable[Any]] = None,
    sentences_per_theme: int = 5,
    keyphrases: int = 15,
    model: Optional[str] = None,
    lang: str = "auto",
    skip_bad: bool = False,
) -> str:
    """The digest of a share of an archive, as a part (JSON text) for :func:`digest_merge`:
    its documents' records and each theme's best candidate sentences. Arguments as
    :func:`digest` (the texts ``skip_bad`` leaves out are carried in the part); give every
    share the same ``sentences_per_theme``, ``keyphrases`` and ``model``, and ids that are
    unique across shares."""
    return _brief.digest_json(
        *_documents(texts, ids, dates, groups, titles, skip_bad),
        sentences_per_theme,
        keyphrases,
        model,
        lang,
        "part",
        skip_bad,
    )


def digest_merge(
    parts: Iterable[str],
    sentences_per_theme: int = 5,
    keyphrases: int = 15,
    model: Optional[str] = None,
    format: str = "dict",
) -> Any:
    """The digest of the parts of :func:`digest_part`, merged in their order: equal to
    :func:`digest` of all their documents in that order. The settings must be those the parts
    were made with (a part that does not fit, or is damaged, is a ``ValueError``); ``format``
    as in :func:`digest`."""
    parts = list(parts)
    for i, p in enumerate(parts):
        if not isinstance(p, str):
            raise TypeError(f"part {i}: expected str, got {type(p).__name__}")
    out = _brief.digest_merge_json(
        parts, sentences_per_theme, keyphrases, model, "json" if format == "dict" else format
    )
    return json.loads(out) if format == "dict" else out


def decode(data: bytes, encoding: Optional[str] = None, lossy: bool = False) -> "tuple[str, str]":
    """Bytes to text as the command line reads files: UTF-8, UTF-16, GBK/GB18030, Big5, …
    detected (or ``encoding`` forced). Returns ``(text, encoding name)``."""
    return _brief.decode(bytes(data), encoding, lossy)


def html_to_text(html: str) -> str:
    """The text a reader sees of an HTML page, in paragraphs, as the command line reads a saved
    web page: scripts, styles, navigation, page furniture, blocks of links and markup left out, character
    references decoded, the ``<title>`` first when the page has no ``<h1>``. Pass the result to
    :func:`summarize`, :func:`classify` and the rest."""
    if not isinstance(html, str):
        raise TypeError(f"expected str, got {type(html).__name__}")
    return _brief.html_to_text(html)
