//! Python bindings of brief: `brief._brief`, wrapped by the `brief` Python package
//! (`python/brief/__init__.py`). Every function returns JSON text in the command line's JSON
//! contract, which the Python layer turns into plain dicts and lists; batch functions release
//! the GIL and use every core (rayon).

use brief::classify::{
    document_themes, join_context, text_sentences, Classifier, HybridModel, InContext,
    LexiconModel, NewsModel, PredictOptions,
};
use brief::summarize::{AnyScorer, Budget, Summarizer};
use brief::tokenize::{analyze, Analyzer, Document, Language};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use rayon::prelude::*;
use std::sync::Arc;

/// A bad argument or a text that cannot be processed, with the command line's message.
fn bad(msg: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(msg.to_string())
}

fn check_text(text: &str) -> Result<(), String> {
    if text.is_empty() {
        return Err("the input is empty".into());
    }
    if text.trim().is_empty() {
        return Err("the input holds no text, only whitespace".into());
    }
    if let Some(p) = text.find('\0') {
        return Err(format!(
            "looks like binary data, not text (NUL or control byte at offset {p})"
        ));
    }
    Ok(())
}

/// A summarizer from the Python arguments (validated once for a batch).
fn summarizer(
    n: usize,
    scorer: &str,
    words: Option<usize>,
    ratio: Option<f64>,
    redundancy: Option<f64>,
) -> PyResult<Summarizer> {
    if n == 0 {
        return Err(bad("n must be at least 1"));
    }
    let budget = match (words, ratio) {
        (Some(_), Some(_)) => return Err(bad("give words or ratio, not both")),
        (Some(w), None) => Budget::Words(w),
        (None, Some(r)) => Budget::Ratio(r),
        (None, None) => Budget::Sentences(n),
    };
    let mut b = Summarizer::builder()
        .scorer(AnyScorer::by_name(scorer).map_err(bad)?)
        .budget(budget);
    if let Some(l) = redundancy {
        b = b.redundancy(l);
    }
    b.build().map_err(bad)
}

fn summary_json(s: &Summarizer, doc: &Document, explain: bool) -> Result<String, String> {
    let summary = s.summarize(doc).map_err(|e| e.to_string())?;
    let mut v = serde_json::to_value(&summary).map_err(|e| e.to_string())?;
    v["language"] = doc.language().into();
    if !explain {
        if let Some(ss) = v["sentences"].as_array_mut() {
            for x in ss {
                if let Some(o) = x.as_object_mut() {
                    o.remove("contributions");
                }
            }
        }
    }
    Ok(v.to_string())
}

/// The analyzer for a `lang` argument: `None` for `"auto"` (the shared default analyzer,
/// which detects the language per text), else one that reports `"en"` or `"zh"`, built once
/// per process like the default (a call per text in a notebook loop builds none).
fn analyzer(lang: &str) -> PyResult<Option<&'static Analyzer>> {
    use std::sync::OnceLock;
    static EN: OnceLock<Analyzer> = OnceLock::new();
    static ZH: OnceLock<Analyzer> = OnceLock::new();
    if lang == "auto" {
        return Ok(None);
    }
    let l = lang
        .parse::<Language>()
        .map_err(|e| bad(format!("lang: {e} (use \"auto\", \"en\" or \"zh\")")))?;
    let cell = match l {
        Language::En => &EN,
        Language::Zh => &ZH,
    };
    Ok(Some(cell.get_or_init(|| Analyzer::new().language(Some(l)))))
}

/// Checks `text`, analyses it (with `a`, or the shared default analyzer) and runs `f` on it.
fn run_one<T>(
    a: Option<&Analyzer>,
    text: &str,
    f: impl FnOnce(&Document) -> Result<T, String>,
) -> Result<T, String> {
    check_text(text)?;
    f(&match a {
        Some(a) => a.analyze(text),
        None => analyze(text),
    })
}

/// One text's result in a batch: with `skip_bad`, a text that cannot be processed (missing,
/// empty, binary) gives `None`; otherwise its error, with the text's index, stops the batch.
fn settle(i: usize, r: Result<String, String>, skip_bad: bool) -> Result<Option<String>, String> {
    match r {
        Ok(s) => Ok(Some(s)),
        Err(_) if skip_bad => Ok(None),
        Err(e) => Err(format!("text {i}: {e}")),
    }
}

/// A batch's text, or why there is none (`None` stands for a missing value or a non-string
/// that the Python layer let through with `skip_bad`).
fn text_of(t: &Option<String>) -> Result<&str, String> {
    t.as_deref()
        .ok_or_else(|| "not a text (missing or not a string)".to_owned())
}

/// Runs `f` over `texts` on every core without the GIL (see [`settle`]).
fn run_many(
    py: Python<'_>,
    a: Option<&Analyzer>,
    texts: Vec<Option<String>>,
    skip_bad: bool,
    f: impl Fn(&Document) -> Result<String, String> + Sync,
) -> PyResult<Vec<Option<String>>> {
    py.allow_threads(|| {
        texts
            .par_iter()
            .with_max_len(1)
            .enumerate()
            .map(|(i, t)| settle(i, text_of(t).and_then(|t| run_one(a, t, &f)), skip_bad))
            .collect::<Result<Vec<_>, _>>()
    })
    .map_err(bad)
}

#[pyfunction]
#[pyo3(signature = (text, n=3, scorer="combined", words=None, ratio=None, redundancy=None, explain=false, lang="auto"))]
#[allow(clippy::too_many_arguments)]
fn summarize_json(
    py: Python<'_>,
    text: String,
    n: usize,
    scorer: &str,
    words: Option<usize>,
    ratio: Option<f64>,
    redundancy: Option<f64>,
    explain: bool,
    lang: &str,
) -> PyResult<String> {
    let s = summarizer(n, scorer, words, ratio, redundancy)?;
    let a = analyzer(lang)?;
    py.allow_threads(|| run_one(a, &text, |d| summary_json(&s, d, explain)))
        .map_err(bad)
}

#[pyfunction]
#[pyo3(signature = (texts, n=3, scorer="combined", words=None, ratio=None, redundancy=None, explain=false, lang="auto", skip_bad=false))]
#[allow(clippy::too_many_arguments)]
fn summarize_many_json(
    py: Python<'_>,
    texts: Vec<Option<String>>,
    n: usize,
    scorer: &str,
    words: Option<usize>,
    ratio: Option<f64>,
    redundancy: Option<f64>,
    explain: bool,
    lang: &str,
    skip_bad: bool,
) -> PyResult<Vec<Option<String>>> {
    let s = summarizer(n, scorer, words, ratio, redundancy)?;
    let a = analyzer(lang)?;
    run_many(py, a, texts, skip_bad, |d| summary_json(&s, d, explain))
}

/// A theme model loaded from a file, kept per process while the file is unchanged (a
/// notebook loop or a batch on a worker loads it once).
fn load_model(path: &str) -> Result<Arc<HybridModel>, String> {
    use std::sync::Mutex;
    type Entry = (
        std::path::PathBuf,
        u64,
        Option<std::time::SystemTime>,
        Arc<HybridModel>,
    );
    static CACHE: Mutex<Vec<Entry>> = Mutex::new(Vec::new());
    let meta = std::fs::metadata(path).map_err(|e| format!("{path}: {e}"))?;
    let key = std::fs::canonicalize(path).map_err(|e| format!("{path}: {e}"))?;
    let (len, modified) = (meta.len(), meta.modified().ok());
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(e) = cache
        .iter()
        .find(|e| e.0 == key && e.1 == len && e.2 == modified)
    {
        return Ok(e.3.clone());
    }
    let (m, _) = HybridModel::from_file(path, None).map_err(|e| e.to_string())?;
    let m = Arc::new(m);
    cache.retain(|e| e.0 != key);
    if cache.len() >= 4 {
        cache.remove(0);
    }
    cache.push((key, len, modified, m.clone()));
    Ok(m)
}

/// The theme classifier of a `model` (a file, or the shipped model) and a `kind`, as `brief
/// classify --model --kind`.
enum Themes {
    News(NewsModel),
    Hybrid(Arc<HybridModel>),
    Linear(Arc<HybridModel>),
    Lexicon(LexiconModel),
}

impl Themes {
    fn new(model: Option<&str>, kind: &str) -> Result<Themes, String> {
        let m = match model {
            Some(p) => load_model(p)?,
            None => HybridModel::builtin(),
        };
        Ok(match kind {
            "news" => Themes::News(NewsModel::new(m)),
            "hybrid" => Themes::Hybrid(m),
            "linear" => Themes::Linear(m),
            "lexicon" => Themes::Lexicon(LexiconModel::new(Arc::new(m.taxonomy().clone()))),
            k => {
                return Err(format!(
                    "kind: `{k}` is not one of \"news\", \"hybrid\", \"linear\", \"lexicon\""
                ))
            }
        })
    }

    /// A context needs a model trained on records (as `brief classify --context-field`).
    fn check_context(&self) -> Result<(), String> {
        match self {
            Themes::Hybrid(_) | Themes::Linear(_) => Ok(()),
            _ => Err(
                "a context needs kind=\"hybrid\" or kind=\"linear\" (the models trained on \
                      records; the news model reads whole documents)"
                    .into(),
            ),
        }
    }

    /// The themes of `d`, whose first `text_len` bytes are the text when a context follows.
    fn json(
        &self,
        d: &Document,
        text_len: Option<usize>,
        per_sentence: bool,
        explain: bool,
    ) -> Result<String, String> {
        let opts = PredictOptions {
            fallback: true,
            ..Default::default()
        };
        let t = |c: &dyn Classifier| document_themes(c, d, opts, per_sentence, explain);
        let themes = match (self, text_len) {
            (Themes::Hybrid(m), Some(len)) => t(&InContext::new(m, text_sentences(d, len))),
            (Themes::Hybrid(m), None) => t(&**m),
            (Themes::Linear(m), _) => t(m.linear()),
            (Themes::News(m), _) => t(m),
            (Themes::Lexicon(m), _) => t(m),
        };
        let mut v = serde_json::to_value(themes).map_err(|e| e.to_string())?;
        v["language"] = d.language().into();
        Ok(v.to_string())
    }
}

/// Checks `text` and analyses it, with its `context` after it (as `brief_classify::join_context`
/// joins them) when one is given and not blank; `f` gets the document and, with a context, the
/// text's length.
fn run_in_context(
    a: Option<&Analyzer>,
    text: &str,
    context: Option<&str>,
    f: impl FnOnce(&Document, Option<usize>) -> Result<String, String>,
) -> Result<String, String> {
    match context.filter(|c| !c.trim().is_empty()) {
        None => run_one(a, text, |d| f(d, None)),
        Some(c) => {
            check_text(text)?;
            let joined = join_context(text, c);
            f(
                &match a {
                    Some(a) => a.analyze(&joined),
                    None => analyze(&joined),
                },
                Some(text.len()),
            )
        }
    }
}

#[pyfunction]
#[pyo3(signature = (text, per_sentence=false, explain=false, lang="auto", model=None, kind="news", context=None))]
#[allow(clippy::too_many_arguments)]
fn classify_json(
    py: Python<'_>,
    text: String,
    per_sentence: bool,
    explain: bool,
    lang: &str,
    model: Option<String>,
    kind: &str,
    context: Option<String>,
) -> PyResult<String> {
    let a = analyzer(lang)?;
    py.allow_threads(|| {
        let m = Themes::new(model.as_deref(), kind)?;
        if context.is_some() {
            m.check_context()?;
        }
        run_in_context(a, &text, context.as_deref(), |d, len| {
            m.json(d, len, per_sentence, explain)
        })
    })
    .map_err(bad)
}

#[pyfunction]
#[pyo3(signature = (texts, per_sentence=false, explain=false, lang="auto", model=None, kind="news", contexts=None, skip_bad=false))]
#[allow(clippy::too_many_arguments)]
fn classify_many_json(
    py: Python<'_>,
    texts: Vec<Option<String>>,
    per_sentence: bool,
    explain: bool,
    lang: &str,
    model: Option<String>,
    kind: &str,
    contexts: Option<Vec<Option<String>>>,
    skip_bad: bool,
) -> PyResult<Vec<Option<String>>> {
    let a = analyzer(lang)?;
    py.allow_threads(|| {
        let m = Themes::new(model.as_deref(), kind)?;
        let contexts = match contexts {
            None => vec![None; texts.len()],
            Some(c) if c.len() == texts.len() => {
                m.check_context()?;
                c
            }
            Some(c) => {
                return Err(format!(
                    "{} contexts for {} texts (give one per text, None for none)",
                    c.len(),
                    texts.len()
                ))
            }
        };
        texts
            .par_iter()
            .with_max_len(1)
            .zip(&contexts)
            .enumerate()
            .map(|(i, (t, c))| {
                let r = text_of(t).and_then(|t| {
                    run_in_context(a, t, c.as_deref(), |d, len| {
                        m.json(d, len, per_sentence, explain)
                    })
                });
                settle(i, r, skip_bad)
            })
            .collect::<Result<Vec<_>, _>>()
    })
    .map_err(bad)
}

fn keywords_of(d: &Document, n: usize) -> Result<String, String> {
    let kw = brief::summarize::keywords(d, n, Some(&brief::summarize::Background::builtin()));
    serde_json::to_string(&serde_json::json!({ "keywords": kw })).map_err(|e| e.to_string())
}

#[pyfunction]
#[pyo3(signature = (text, n=10))]
fn keywords_json(py: Python<'_>, text: String, n: usize) -> PyResult<String> {
    py.allow_threads(|| run_one(None, &text, |d| keywords_of(d, n)))
        .map_err(bad)
}

#[pyfunction]
#[pyo3(signature = (texts, n=10, skip_bad=false))]
fn keywords_many_json(
    py: Python<'_>,
    texts: Vec<Option<String>>,
    n: usize,
    skip_bad: bool,
) -> PyResult<Vec<Option<String>>> {
    run_many(py, None, texts, skip_bad, |d| keywords_of(d, n))
}

fn sentences_of(d: &Document) -> Result<String, String> {
    let s: Vec<serde_json::Value> = d
        .sentences()
        .iter()
        .enumerate()
        .map(|(i, s)| {
            serde_json::json!({
                "index": i,
                "start": s.span.start,
                "end": s.span.end,
                "text": d.sentence_text(i),
                "kind": s.kind.as_str(),
                "boilerplate": s.kind.is_boilerplate(),
                "paragraph": s.paragraph,
            })
        })
        .collect();
    serde_json::to_string(&serde_json::json!({ "sentences": s })).map_err(|e| e.to_string())
}

#[pyfunction]
fn sentences_json(py: Python<'_>, text: String) -> PyResult<String> {
    py.allow_threads(|| run_one(None, &text, sentences_of))
        .map_err(bad)
}

#[pyfunction]
#[pyo3(signature = (texts, skip_bad=false))]
fn sentences_many_json(
    py: Python<'_>,
    texts: Vec<Option<String>>,
    skip_bad: bool,
) -> PyResult<Vec<Option<String>>> {
    run_many(py, None, texts, skip_bad, sentences_of)
}

/// Per document of a digest: its id, date, group and title (each list as long as the texts).
type DigestFields = (
    Vec<String>,
    Option<Vec<Option<String>>>,
    Option<Vec<Option<String>>>,
    Option<Vec<Option<String>>>,
);

/// An empty digest with these settings (and a model file's themes, or the shipped ones).
fn new_digest(
    sentences_per_theme: usize,
    keyphrases: usize,
    model: Option<&str>,
) -> PyResult<brief::digest::Digest> {
    if sentences_per_theme == 0 {
        return Err(bad("sentences_per_theme must be at least 1"));
    }
    let mut builder = brief::digest::Digest::builder()
        .sentences_per_theme(sentences_per_theme)
        .keyphrases(keyphrases);
    if let Some(m) = model {
        builder = builder.model(load_model(m).map_err(bad)?);
    }
    builder.build().map_err(bad)
}

/// Adds `texts` to `digest` (as `brief digest` does): read on every core without the GIL, in
/// batches so that memory stays bounded by a batch and the report, and taken in their order.
/// With `skip_bad`, a text that cannot be read (missing, empty, binary) is left out and listed
/// in the report's overview; otherwise it is an error.
fn add_texts(
    py: Python<'_>,
    digest: &mut brief::digest::Digest,
    texts: Vec<Option<String>>,
    fields: DigestFields,
    lang: &str,
    skip_bad: bool,
) -> PyResult<()> {
    use brief::digest::{Date, DocInput};
    if texts.is_empty() {
        return Err(bad("no document to digest"));
    }
    for (name, len) in [
        ("ids", Some(fields.0.len())),
        ("dates", fields.1.as_ref().map(Vec::len)),
        ("groups", fields.2.as_ref().map(Vec::len)),
        ("titles", fields.3.as_ref().map(Vec::len)),
    ] {
        if let Some(len) = len.filter(|&l| l != texts.len()) {
            return Err(bad(format!(
                "{name}: {len} values for {} texts",
                texts.len()
            )));
        }
    }
    let a = analyzer(lang)?;
    let (ids, dates, groups, titles) = fields;
    let at = |v: &Option<Vec<Option<String>>>, i: usize| v.as_ref().and_then(|v| v[i].clone());
    py.allow_threads(|| {
        let indices: Vec<usize> = (0..texts.len()).collect();
        for chunk in indices.chunks(256) {
            let prepared: Vec<_> = chunk
                .par_iter()
                .with_max_len(1)
                .map(|&i| {
                    text_of(&texts[i]).and_then(|text| {
                        run_one(a, text, |doc| {
                            let input = DocInput {
                                id: ids[i].clone(),
                                text: String::new(),
                                date: at(&dates, i).and_then(|d| Date::find(&d)),
                                group: at(&groups, i),
                                title: at(&titles, i),
                            };
                            digest.prepare(input, doc).map_err(|e| e.to_string())
                        })
                    })
                })
                .collect();
            for (&i, p) in chunk.iter().zip(prepared) {
                match p {
                    Ok(p) => digest.absorb(p),
                    Err(e) if skip_bad => digest.skip(format!("{}: {e}", ids[i])),
                    Err(e) => return Err(format!("text {i}: {e}")),
                }
            }
        }
        Ok(())
    })
    .map_err(|e: String| bad(e))
}

/// A finished digest in `format`.
fn render(digest: brief::digest::Digest, format: &str) -> String {
    let report = digest.finish();
    match format {
        "markdown" => report.to_markdown(),
        "html" => report.to_html(),
        _ => report.to_json(),
    }
}

fn check_format(format: &str) -> PyResult<()> {
    if matches!(format, "json" | "markdown" | "html") {
        Ok(())
    } else {
        Err(bad(format!(
            "format: `{format}` is not one of \"dict\", \"json\", \"markdown\", \"html\""
        )))
    }
}

/// A digest of `texts` (as `brief digest`) in `format`: "json", "markdown" or "html", or
/// "part" for a part to merge (`brief::digest::Digest::to_part`).
#[pyfunction]
#[pyo3(signature = (texts, ids, dates=None, groups=None, titles=None, sentences_per_theme=5, keyphrases=15, model=None, lang="auto", format="json", skip_bad=false))]
#[allow(clippy::too_many_arguments)]
fn digest_json(
    py: Python<'_>,
    texts: Vec<Option<String>>,
    ids: Vec<String>,
    dates: Option<Vec<Option<String>>>,
    groups: Option<Vec<Option<String>>>,
    titles: Option<Vec<Option<String>>>,
    sentences_per_theme: usize,
    keyphrases: usize,
    model: Option<String>,
    lang: &str,
    format: &str,
    skip_bad: bool,
) -> PyResult<String> {
    if format != "part" {
        check_format(format)?;
    }
    let mut digest = new_digest(sentences_per_theme, keyphrases, model.as_deref())?;
    add_texts(
        py,
        &mut digest,
        texts,
        (ids, dates, groups, titles),
        lang,
        skip_bad,
    )?;
    if format == "part" {
        return Ok(digest.to_part());
    }
    if digest.is_empty() {
        return Err(bad("no document to digest: every text was skipped"));
    }
    Ok(render(digest, format))
}

/// The digest of `parts` merged in order, in `format`.
#[pyfunction]
#[pyo3(signature = (parts, sentences_per_theme=5, keyphrases=15, model=None, format="json"))]
fn digest_merge_json(
    py: Python<'_>,
    parts: Vec<String>,
    sentences_per_theme: usize,
    keyphrases: usize,
    model: Option<String>,
    format: &str,
) -> PyResult<String> {
    check_format(format)?;
    let mut digest = new_digest(sentences_per_theme, keyphrases, model.as_deref())?;
    py.allow_threads(|| {
        for (i, p) in parts.iter().enumerate() {
            digest.merge_part(p).map_err(|e| format!("part {i}: {e}"))?;
        }
        if digest.is_empty() {
            return Err("no document to digest".to_owned());
        }
        Ok(render(digest, format))
    })
    .map_err(|e: String| bad(e))
}

/// Decodes bytes as the command line does: UTF-8, UTF-16, GBK/GB18030, Big5, … detected.
#[pyfunction]
#[pyo3(signature = (data, encoding=None, lossy=false))]
fn decode(data: Vec<u8>, encoding: Option<&str>, lossy: bool) -> PyResult<(String, String)> {
    let opts = brief::tokenize::DecodeOptions {
        lossy,
        allow_binary: false,
    };
    let d = brief::tokenize::decode_any(data, opts, encoding).map_err(bad)?;
    Ok((d.text, d.encoding.to_owned()))
}

/// The text a reader sees of an HTML page, as the command line reads a saved web page.
#[pyfunction]
fn html_to_text(py: Python<'_>, html: String) -> String {
    py.allow_threads(|| brief::tokenize::html_to_text(&html))
}

#[pymodule]
fn _brief(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(summarize_json, m)?)?;
    m.add_function(wrap_pyfunction!(summarize_many_json, m)?)?;
    m.add_function(wrap_pyfunction!(classify_json, m)?)?;
    m.add_function(wrap_pyfunction!(classify_many_json, m)?)?;
    m.add_function(wrap_pyfunction!(keywords_json, m)?)?;
    m.add_function(wrap_pyfunction!(keywords_many_json, m)?)?;
    m.add_function(wrap_pyfunction!(sentences_json, m)?)?;
    m.add_function(wrap_pyfunction!(sentences_many_json, m)?)?;
    m.add_function(wrap_pyfunction!(digest_json, m)?)?;
    m.add_function(wrap_pyfunction!(digest_merge_json, m)?)?;
    m.add_function(wrap_pyfunction!(decode, m)?)?;
    m.add_function(wrap_pyfunction!(html_to_text, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
