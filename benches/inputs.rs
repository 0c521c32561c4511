//! Benchmark inputs that behave like real news.
//!
//! [`document`] is real news when the shared corpus is present (the BBC News Summary dev
//! articles in `../shared`, one after another; [`source`] says so), and otherwise a generated
//! text with a realistic vocabulary: the samples' sentence shapes with their content words
//! replaced by words drawn from a Zipf distribution over an open vocabulary (new words keep
//! appearing as the text grows, as in real news, Heaps' law). The old input, the samples'
//! paragraphs repeated (491 distinct words at any size), stays as the named case [`repeated`]:
//! it flatters every cost that grows with the vocabulary.

#![allow(dead_code)]

const SAMPLES: &[&str] = &[
    include_str!("../data/samples/shaanxi-sci-tech-conference.txt"),
    include_str!("../data/samples/hubei-lab-reform-meeting.txt"),
    include_str!("../data/samples/oecd-style-policy-brief.md"),
];

/// Body paragraphs of the samples (title, date and credit lines left out).
fn paragraphs() -> Vec<&'static str> {
    SAMPLES
        .iter()
        .flat_map(|s| s.split("\n\n"))
        .map(str::trim)
        .filter(|p| p.len() > 120 && !p.starts_with('(') && !p.starts_with('#'))
        .collect()
}

/// Where [`document`] comes from, for the benchmark's report.
pub fn source() -> &'static str {
    if bbc().is_some() {
        "BBC News Summary dev articles (../shared)"
    } else {
        "generated: sample sentence shapes, Zipf vocabulary"
    }
}

fn bbc() -> Option<&'static Vec<String>> {
    static BBC: std::sync::OnceLock<Option<Vec<String>>> = std::sync::OnceLock::new();
    BBC.get_or_init(|| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/data/bbc-summary/dev.jsonl"
        );
        let text = std::fs::read_to_string(path).ok()?;
        let articles: Vec<String> = text
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["article"].as_str().map(str::to_owned))
            .collect();
        (!articles.is_empty()).then_some(articles)
    })
    .as_ref()
}

/// A news-like English document of about `bytes` bytes (see the module's documentation).
pub fn document(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 8192);
    if let Some(articles) = bbc() {
        // Small sizes take one article of about the size; larger ones run through the corpus.
        if let Some(a) = articles
            .iter()
            .find(|a| a.len() >= bytes && a.len() < bytes * 2)
        {
            return a.clone();
        }
        for a in articles.iter().cycle() {
            if out.len() >= bytes {
                break;
            }
            out.push_str(a);
            out.push_str("\n\n");
        }
        return out;
    }
    generated(bytes)
}

/// Generated text: the samples' sentences with content words (four letters or more) replaced
/// by words of a Zipf-distributed open vocabulary made of syllables.
fn generated(bytes: usize) -> String {
    const SYLLABLES: &[&str] = &[
        "pro", "vin", "tech", "no", "lo", "gy", "re", "search", "in", "no", "va", "tion", "lab",
        "or", "a", "to", "ry", "fund", "ing", "tal", "ent", "en", "ter", "prise", "plat", "form",
        "dis", "trict", "coun", "ty", "pa", "tent", "sci", "ence", "de", "vel", "op", "ment",
    ];
    let shapes: Vec<&str> = paragraphs()
        .iter()
        .flat_map(|p| p.split(". "))
        .filter(|s| s.len() > 40)
        .collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        state >> 11
    };
    // The r-th most frequent word: its syllables spell r in base SYLLABLES.len().
    let word = |mut r: u64| {
        let mut w = String::new();
        loop {
            w.push_str(SYLLABLES[(r % SYLLABLES.len() as u64) as usize]);
            r /= SYLLABLES.len() as u64;
            if r == 0 {
                break w;
            }
        }
    };
    let mut out = String::with_capacity(bytes + 4096);
    out.push_str("Provincial science and technology work meeting deploys key tasks\n\n");
    let mut in_para = 0;
    while out.len() < bytes {
        let shape = shapes[(next() as usize) % shapes.len()];
        for (i, piece) in shape.split(' ').enumerate() {
            if i > 0 {
                out.push(' ');
            }
            if piece.len() >= 4 && piece.chars().all(char::is_alphabetic) {
                // Zipf (s = 1) over an unbounded vocabulary: rank = floor(1 / u) - 1.
                let u = ((next() % 1_000_000) + 1) as f64 / 1_000_001.0;
                out.push_str(&word((1.0 / u) as u64 - 1 + 40));
            } else {
                out.push_str(piece);
            }
        }
        out.push_str(". ");
        in_para += 1;
        if in_para == 4 {
            out.push_str("\n\n");
            in_para = 0;
        }
    }
    out
}

/// The samples' paragraphs repeated (491 distinct words whatever the size): the named case
/// kept for comparison with earlier figures; it understates every vocabulary-bound cost.
pub fn repeated(bytes: usize) -> String {
    let paras = paragraphs();
    let mut out = String::with_capacity(bytes + 4096);
    out.push_str("Provincial science and technology work meeting deploys key tasks\n\n");
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut n = 0u32;
    while out.len() < bytes {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let p = paras[(state >> 33) as usize % paras.len()];
        n += 1;
        // Vary the numbers so repeated paragraphs differ.
        for (i, piece) in p.split(' ').enumerate() {
            if i > 0 {
                out.push(' ');
            }
            if piece.bytes().all(|b| b.is_ascii_digit()) && !piece.is_empty() {
                out.push_str(&format!("{}", (n as u64 * 7 + i as u64) % 997));
            } else {
                out.push_str(piece);
            }
        }
        out.push_str("\n\n");
    }
    out
}

/// Where [`chinese`] comes from, for the benchmark's report.
pub fn chinese_source() -> &'static str {
    if policy_news_zh().is_some() {
        "the Chinese policy-news dev texts (../shared), one after another"
    } else {
        "brief's two Chinese samples (data/samples), one after another"
    }
}

fn policy_news_zh() -> Option<&'static Vec<String>> {
    static ZH: std::sync::OnceLock<Option<Vec<String>>> = std::sync::OnceLock::new();
    ZH.get_or_init(|| {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/data/policy-news/texts/zh"
        );
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        let texts: Vec<String> = paths
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect();
        (!texts.is_empty()).then_some(texts)
    })
    .as_ref()
}

/// Chinese news of about `bytes` bytes: real texts, one after another, until the size is
/// reached (see [`chinese_source`]). Fifteen texts repeat beyond 25 KB; jieba's cost is per
/// character and the dictionary is fixed, so repetition flatters it less than it does the
/// vocabulary-bound English costs.
pub fn chinese(bytes: usize) -> String {
    const OWN: &[&str] = &[
        include_str!("../data/samples/zhejiang-keji-gongzuo-huiyi.txt"),
        include_str!("../data/samples/taiwan-style-traditional.txt"),
    ];
    let texts: Vec<&str> = match policy_news_zh() {
        Some(real) => real.iter().map(String::as_str).collect(),
        None => OWN.to_vec(),
    };
    let mut out = String::with_capacity(bytes + 8192);
    for t in texts.iter().cycle() {
        if out.len() >= bytes {
            break;
        }
        out.push_str(t);
        out.push_str("\n\n");
    }
    out
}

/// The sizes every scoring benchmark runs on.
pub const SIZES: &[(&str, usize)] = &[
    ("3KB", 3_000),
    ("30KB", 30_000),
    ("300KB", 300_000),
    ("1MB", 1_000_000),
];

/// A saved news page of about `bytes` bytes around [`document`]'s text: a head with a script
/// and a style, a menu and a breadcrumb trail of links, each paragraph in `<p>` (with an inline
/// link now and then and `&amp;`-escaped text), a list of related stories every 20 paragraphs,
/// and a footer; what `html_to_text` meets in a page an analyst saved.
pub fn page(bytes: usize) -> String {
    let text = document(bytes * 3 / 4);
    let mut out = String::with_capacity(bytes + 8192);
    out.push_str(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>News | Daily</title>\
         <style>p { margin: 0 } .menu li { display: inline }</style>\
         <script>var dl = []; if (a < b) { dl.push('<p>'); }</script></head><body>\
         <ul class=\"menu\"><li><a href=\"/\">Home</a></li><li><a href=\"/news\">News</a></li>\
         <li><a href=\"/policy\">Policy</a></li></ul>\
         <div class=\"crumbs\"><a href=\"/\">Home</a> &gt; <a href=\"/news\">News</a></div>\n",
    );
    for (i, p) in text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .enumerate()
    {
        let escaped = p.replace('&', "&amp;").replace('<', "&lt;");
        if i % 7 == 3 {
            // An inline link inside the text, as news pages link names and reports.
            match escaped.split_once(' ') {
                Some((first, rest)) => {
                    out.push_str(&format!("<p><a href=\"/t/{i}\">{first}</a> {rest}</p>\n"))
                }
                None => out.push_str(&format!("<p>{escaped}</p>\n")),
            }
        } else {
            out.push_str(&format!("<p>{escaped}</p>\n"));
        }
        if i % 20 == 19 {
            out.push_str(
                "<div class=\"related\"><h3>Related</h3><ul><li><a href=\"/r1\">Another story\
                 </a></li><li><a href=\"/r2\">A third story</a></li></ul></div>\n",
            );
        }
    }
    out.push_str("<footer>Copyright &copy; Daily</footer></body></html>\n");
    out
}
