from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple

__version__: str
SCORERS: Tuple[str, ...]

def summarize(
    text: str,
    n: int = ...,
    scorer: str = ...,
    words: Optional[int] = ...,
    ratio: Optional[float] = ...,
    redundancy: Optional[float] = ...,
    explain: bool = ...,
    lang: str = ...,
) -> Dict[str, Any]: ...
def summarize_many(
    texts: Iterable[str],
    n: int = ...,
    scorer: str = ...,
    words: Optional[int] = ...,
    ratio: Optional[float] = ...,
    redundancy: Optional[float] = ...,
    explain: bool = ...,
    text_only: bool = ...,
    lang: str = ...,
    skip_bad: bool = ...,
) -> List[Any]: ...
def classify(
    text: str,
    per_sentence: bool = ...,
    explain: bool = ...,
    lang: str = ...,
    model: Optional[str] = ...,
    kind: str = ...,
    context: Optional[str] = ...,
) -> Dict[str, Any]: ...
def classify_many(
    texts: Iterable[str],
    per_sentence: bool = ...,
    explain: bool = ...,
    lang: str = ...,
    model: Optional[str] = ...,
    kind: str = ...,
    contexts: Optional[Iterable[Optional[str]]] = ...,
    skip_bad: bool = ...,
) -> List[Optional[Dict[str, Any]]]: ...
def keywords(text: str, n: int = ...) -> List[Dict[str, Any]]: ...
def keywords_many(
    texts: Iterable[str], n: int = ..., skip_bad: bool = ...
) -> List[Optional[List[Dict[str, Any]]]]: ...
def sentences(text: str) -> List[Dict[str, Any]]: ...
def sentences_many(
    texts: Iterable[str], skip_bad: bool = ...
) -> List[Optional[List[Dict[str, Any]]]]: ...
def summarize_iter(
    texts: Iterable[str],
    n: int = ...,
    scorer: str = ...,
    words: Optional[int] = ...,
    ratio: Optional[float] = ...,
    redundancy: Optional[float] = ...,
    explain: bool = ...,
    text_only: bool = ...,
    lang: str = ...,
    skip_bad: bool = ...,
    batch_size: int = ...,
) -> Iterator[Any]: ...
def classify_iter(
    texts: Iterable[str],
    per_sentence: bool = ...,
    explain: bool = ...,
    lang: str = ...,
    model: Optional[str] = ...,
    kind: str = ...,
    contexts: Optional[Iterable[Optional[str]]] = ...,
    skip_bad: bool = ...,
    batch_size: int = ...,
) -> Iterator[Optional[Dict[str, Any]]]: ...
def keywords_iter(
    texts: Iterable[str], n: int = ..., skip_bad: bool = ..., batch_size: int = ...
) -> Iterator[Optional[List[Dict[str, Any]]]]: ...
def sentences_iter(
    texts: Iterable[str], skip_bad: bool = ..., batch_size: int = ...
) -> Iterator[Optional[List[Dict[str, Any]]]]: ...
def digest(
    texts: Iterable[str],
    ids: Optional[Iterable[Any]] = ...,
    dates: Optional[Iterable[Any]] = ...,
    groups: Optional[Iterable[Any]] = ...,
    titles: Optional[Iterable[Any]] = ...,
    sentences_per_theme: int = ...,
    keyphrases: int = ...,
    model: Optional[str] = ...,
    lang: str = ...,
    format: str = ...,
    skip_bad: bool = ...,
) -> Any: ...
def digest_part(
    texts: Iterable[str],
    ids: Optional[Iterable[Any]] = ...,
    dates: Optional[Iterable[Any]] = ...,
    groups: Optional[Iterable[Any]] = ...,
    titles: Optional[Iterable[Any]] = ...,
    sentences_per_theme: int = ...,
    keyphrases: int = ...,
    model: Optional[str] = ...,
    lang: str = ...,
    skip_bad: bool = ...,
) -> str: ...
def digest_merge(
    parts: Iterable[str],
    sentences_per_theme: int = ...,
    keyphrases: int = ...,
    model: Optional[str] = ...,
    format: str = ...,
) -> Any: ...
def decode(data: bytes, encoding: Optional[str] = ..., lossy: bool = ...) -> Tuple[str, str]: ...
def html_to_text(html: str) -> str: ...
