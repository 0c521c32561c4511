//! Python bindings of brief: `brief._brief`, wrapped by the `brief` Python package
//! (`python/brief/__init__.py`). Every function returns JSON text in the command line's JSON
//! contract, which the Python layer turns into plain dicts and lists; batch functions release
//! the GIL and use every core (rayon).

use brief::classify::{document_themes, HybridModel, NewsModel, PredictOptions};
use brief::summarize::{AnyScorer, Budget, Summarizer};
use brief::tokenize::{analyze, Analyzer, Document, Language};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use rayon::prelude::*;

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

fn run_one(
    a: Option<&Analyzer>,
    text: &str,
    f: impl FnOnce(&Document) -> Result<String, String>,
) -> Result<String, String> {
    check_text(text)?;
    f(&match a {
        Some(a) => a.analyze(text),
        None => analyze(text),
    })
}

/// Runs `f` over `texts` on every core without the GIL; the first error (with its index)
/// is raised.
fn run_many(
    py: Python<'_>,
    a: Option<&Analyzer>,
    texts: Vec<String>,
    f: impl Fn(&Document) -> Result<String, String> + Sync,
) -> PyResult<Vec<String>> {
    py.allow_threads(|| {
        texts
            .par_iter()
            .enumerate()
            .map(|(i, t)| run_one(a, t, &f).map_err(|e| format!("text {i}: {e}")))
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
#[pyo3(signature = (texts, n=3, scorer="combined", words=None, ratio=None, redundancy=None, explain=false, lang="auto"))]
#[allow(clippy::too_many_arguments)]
fn summarize_many_json(
    py: Python<'_>,
    texts: Vec<String>,
    n: usize,
    scorer: &str,
    words: Option<usize>,
    ratio: Option<f64>,
    redundancy: Option<f64>,
    explain: bool,
    lang: &str,
) -> PyResult<Vec<String>> {
    let s = summarizer(n, scorer, words, ratio, redundancy)?;
    let a = analyzer(lang)?;
    run_many(py, a, texts, |d| summary_json(&s, d, explain))
}

fn news_model() -> NewsModel {
    NewsModel::new(HybridModel::builtin())
}

fn themes_json(
    m: &NewsModel,
    d: &Document,
    per_sentence: bool,
    explain: bool,
) -> Result<String, String> {
    let opts = PredictOptions {
        fallback: true,
        ..Default::default()
    };
    let mut v = serde_json::to_value(document_themes(m, d, opts, per_sentence, explain))
        .map_err(|e| e.to_string())?;
    v["language"] = d.language().into();
    Ok(v.to_string())
}

#[pyfunction]
#[pyo3(signature = (text, per_sentence=false, explain=false, lang="auto"))]
fn classify_json(
    py: Python<'_>,
    text: String,
    per_sentence: bool,
    explain: bool,
    lang: &str,
) -> PyResult<String> {
    let m = news_model();
    let a = analyzer(lang)?;
    py.allow_threads(|| run_one(a, &text, |d| themes_json(&m, d, per_sentence, explain)))
        .map_err(bad)
}

#[pyfunction]
#[pyo3(signature = (texts, per_sentence=false, explain=false, lang="auto"))]
fn classify_many_json(
    py: Python<'_>,
    texts: Vec<String>,
    per_sentence: bool,
    explain: bool,
    lang: &str,
) -> PyResult<Vec<String>> {
    let m = news_model();
    let a = analyzer(lang)?;
    run_many(py, a, texts, |d| themes_json(&m, d, per_sentence, explain))
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
#[pyo3(signature = (texts, n=10))]
fn keywords_many_json(py: Python<'_>, texts: Vec<String>, n: usize) -> PyResult<Vec<String>> {
    run_many(py, None, texts, |d| keywords_of(d, n))
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
fn sentences_many_json(py: Python<'_>, texts: Vec<String>) -> PyResult<Vec<String>> {
    run_many(py, None, texts, sentences_of)
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
    m.add_function(wrap_pyfunction!(decode, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
