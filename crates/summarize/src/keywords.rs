//! Keywords and multi-word keyphrases of a document.

use crate::background::Background;
use crate::scorers::keyword::stem_weights;
use crate::vectors::is_content;
use brief_tokenize::Document;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Stems of reporting verbs and generic news words, never a keyword on their own and never
/// the first or last word of a keyphrase.
const GENERIC: &[&str] = &[
    // Chinese units, dates and reporting words.
    "年",
    "月",
    "日",
    "家",
    "个",
    "项",
    "亿元",
    "万元",
    "元",
    "增至",
    "获悉",
    "同比",
    "增长",
    "全市",
    "全省",
    "工作",
    "表示",
    "指出",
    "强调",
    "记者",
    "介绍",
    "透露",
    "称",
    "已",
    "正",
    "将",
    "今年",
    "去年",
    // Chinese meeting words and the verbs of urging that open most clauses of government
    // news ("推进…", "加快…"): they frame a term, they are not one.
    "会议",
    "会上",
    "同志",
    "相关",
    "有关",
    "推进",
    "推动",
    "加快",
    "深化",
    "加强",
    "坚持",
    "部署",
    "召开",
    "举行",
    "要求",
    "进一步",
    "全面",
    "积极",
    "不断",
    "持续",
    "开展",
    "实现",
    "提升",
    "落实",
    "暨",
    "said",
    "say",
    "also",
    "last",
    "year",
    "month",
    "week",
    "day",
    "today",
    "yesterday",
    "accord",
    "includ",
    "new",
    "will",
    "would",
    "could",
    "statement",
    "note",
    "point",
    "mr",
    "ms",
    "told",
    "report",
    "time",
    "first",
    "one",
    "two",
    "three",
    "well",
    "made",
    "make",
    "way",
    "however",
    "still",
    "even",
    "many",
    "much",
    "may",
    "must",
    "can",
    "like",
    "per",
    "among",
    "within",
    "focus",
    "support",
    "us",
    "use",
    "take",
    "get",
    "given",
    "give",
];

/// Chinese words too general to be a keyword on their own in S&T policy news (with no
/// Chinese background table to weigh them down), though a phrase may hold them
/// (`科技创新中心`, `高新技术企业`).
const GENERIC_ALONE_ZH: &[&str] = &[
    "发展", "建设", "创新", "科技", "企业", "技术", "我市", "我省", "本市", "全国", "力度", "着力",
    "依托", "力量", "加大", "方面", "情况", "问题", "领域", "水平", "能力", "体系", "机制", "重点",
    "重要", "主要", "服务", "管理", "项目", "成果", "产业", "平台", "合作", "活动", "措施", "政策",
    "部门", "单位", "人员", "同时", "此外", "目前", "其中", "已经",
];

/// English stems of the same kind: `science` or `meeting` alone says nothing of a text about
/// science policy (`national science foundation`, `work meeting` still can).
const GENERIC_ALONE_EN: &[&str] = &[
    "scienc",
    "technolog",
    "innov",
    "research",
    "scientif",
    "develop",
    "work",
    "meet",
    "plan",
    "polici",
    "govern",
    "provinc",
    "provinci",
    "citi",
    "depart",
    "peopl",
    "futur",
    "action",
    "project",
    "construct",
    "releas",
    "import",
    "lead",
    "vice",
    "committe",
    "list",
    "set",
    "separ",
    "strength",
    "nation",
    "countri",
    "confer",
    "deputi",
    "requir",
    "held",
    "show",
    "total",
    "increas",
    "everi",
    "around",
    "amid",
    "driven",
];

/// [`GENERIC_ALONE_ZH`] and [`GENERIC_ALONE_EN`] as a set, built once per process.
fn generic_alone() -> &'static rustc_hash::FxHashSet<&'static str> {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| {
        GENERIC_ALONE_ZH
            .iter()
            .chain(GENERIC_ALONE_EN)
            .copied()
            .collect()
    })
}

/// Whether `word` is a pinyin syllable with its tone mark (`qū`, `wǎng`), as some Chinese
/// pages print after a character: an annotation, not a word of the text.
fn is_pinyin_syllable(word: &str) -> bool {
    const TONED: &str = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ";
    word.chars().count() <= 6
        && word.chars().any(|c| TONED.contains(c))
        && word
            .chars()
            .all(|c| c.is_ascii_lowercase() || TONED.contains(c) || c == 'ü')
}

/// [`GENERIC`] as a set, built once per process.
fn generic_words() -> &'static rustc_hash::FxHashSet<&'static str> {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| GENERIC.iter().copied().collect())
}

/// A keyword or keyphrase with its score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeywordScore {
    /// The phrase in normalized form (lower case), as first seen.
    pub text: String,
    /// Its score: summed TF-IDF weight of its words, times how often the phrase occurs for
    /// phrases of two or more words.
    pub score: f64,
    /// How many times it occurs.
    pub count: usize,
    /// Number of words.
    pub words: usize,
}

/// The top `n` keywords and keyphrases (up to three words) of a document.
///
/// Candidates are runs of content words inside one sentence, not interrupted by punctuation;
/// a phrase never crosses a sentence boundary. A phrase must occur at least twice. Words are
/// weighted by term frequency times inverse document frequency in `background` (the
/// document's own sentences when `None`). A phrase is listed once with its sub-phrases: a
/// single word or sub-phrase of a higher-ranked phrase is dropped, and a longer phrase that
/// occurs about as often replaces its picked sub-phrases. Reporting verbs and generic news
/// words ("said", "also", "last") never start or end a keyphrase; page clutter (navigation,
/// captions, metadata) is skipped.
///
/// ```
/// let doc = brief_tokenize::analyze(
///     "Key laboratories were rebuilt. Key laboratories will get funds. \
///      The funds support key laboratories and talent.",
/// );
/// let kw = brief_summarize::keywords(&doc, 3, None);
/// assert_eq!(kw[0].text, "key laboratories");
/// assert_eq!(kw[0].count, 3);
/// ```
pub fn keywords(doc: &Document, n: usize, background: Option<&Background>) -> Vec<KeywordScore> {
    let w = stem_weights(doc, background);
    // Phrase key: stem ids; value: (where its first occurrence starts in the document's
    // tokens, count, all words Chinese). Its text is written only if the phrase is kept.
    let mut phrases: FxHashMap<Key, (usize, usize, bool)> = FxHashMap::default();
    // How often each stem occurs as a word of a run (the one-word phrases' counts).
    let mut word_count = vec![0usize; doc.num_stems()];
    let text = doc.text();
    for (i, s) in doc.sentences().iter().enumerate() {
        if s.kind.is_boilerplate() {
            continue;
        }
        let toks = doc.sentence_tokens(i);
        let mut run_start = 0;
        for j in 0..=toks.len() {
            let breaks = j == toks.len()
                || !is_content(doc, &toks[j])
                || (j > run_start && {
                    let gap = &text[toks[j - 1].span().end..toks[j].span().start];
                    !gap.chars().all(|c| c == ' ' || c == '-')
                });
            if breaks {
                let run = &toks[run_start..j];
                for a in 0..run.len() {
                    word_count[run[a].stem as usize] += 1;
                    // A Chinese word glued to a number before it is a unit or a fragment
                    // (`29条措施`, `25.74万人`, `2024年厅机关` segmented `年厅`): no phrase
                    // starts there.
                    let k = run_start + a;
                    if k > 0
                        && run[a].is_cjk()
                        && toks[k - 1].span().end == run[a].span().start
                        && doc
                            .term(toks[k - 1].term)
                            .bytes()
                            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
                    {
                        continue;
                    }
                    for b in a + 1..=(a + 3).min(run.len()) {
                        let key = Key::new(&run[a..b]);
                        let e = phrases.entry(key).or_insert_with(|| {
                            let first = s.tokens.start + run_start + a;
                            (first, 0, run[a..b].iter().all(|t| t.is_cjk()))
                        });
                        e.1 += 1;
                    }
                }
                run_start = if j < toks.len() && is_content(doc, &toks[j]) {
                    j
                } else {
                    j + 1
                };
            }
        }
    }
    let generic: Vec<bool> = (0..doc.num_stems())
        .map(|i| generic_words().contains(doc.stem(i as u32)))
        .collect();
    // Never a keyword on its own: a general Chinese word, a single Chinese character, a
    // pinyin annotation in a Chinese text.
    // (The language is read only for a word that looks like pinyin: it takes a pass over the
    // text.)
    let chinese = std::cell::OnceCell::new();
    let alone_too_general = |stem: u32| {
        let st = doc.stem(stem);
        let mut chars = st.chars();
        let one_han = chars.next().is_some_and(brief_tokenize::is_cjk) && chars.next().is_none();
        one_han
            || generic_alone().contains(st)
            || (is_pinyin_syllable(st) && *chinese.get_or_init(|| doc.language() == "zh"))
    };
    // Chinese words join without spaces, so any run of segmented words reads as a term;
    // a Chinese phrase must hold together: it occurs at least half as often as its rarest
    // word (`京津冀协同创新`, not `部门深化京津冀` whose words mostly occur apart).
    let coheres = |k: &[u32], count: usize| {
        let rarest = k.iter().map(|&s| word_count[s as usize]).min().unwrap_or(0);
        2 * count >= rarest
    };
    let mut out: Vec<(Key, KeywordScore)> = phrases
        .into_iter()
        .filter(|(k, (_, c, cjk))| k.len() == 1 || (*c >= 2 && (!cjk || coheres(k.as_slice(), *c))))
        // No phrase starts or ends with a reporting verb or a generic news word; a Chinese
        // one holds none (inside a run of segmented words, a verb of urging marks a clause:
        // `部门深化京津冀` is two phrases).
        .filter(|(k, (_, _, cjk))| {
            let k = k.as_slice();
            if k.len() == 1 && alone_too_general(k[0]) {
                return false;
            }
            if *cjk {
                k.iter().all(|&s| !generic[s as usize])
            } else {
                !generic[k[0] as usize] && !generic[k[k.len() - 1] as usize]
            }
        })
        .map(|(k, (first, count, _))| {
            // Chinese words join without a space.
            let words = &doc.tokens()[first..first + k.len()];
            let mut text = String::with_capacity(words.iter().map(|t| t.span().len() + 1).sum());
            for (i, t) in words.iter().enumerate() {
                if i > 0 && !(t.is_cjk() && words[i - 1].is_cjk()) {
                    text.push(' ');
                }
                text.push_str(doc.term(t.term));
            }
            let idf_sum: f64 = k.as_slice().iter().map(|&s| w[s as usize]).sum();
            let score = if k.len() == 1 {
                idf_sum
            } else {
                idf_sum * count as f64 / k.len() as f64 * 1.5
            };
            let words = k.len();
            (
                k,
                KeywordScore {
                    text,
                    score,
                    count,
                    words,
                },
            )
        })
        .collect();
    out.sort_by(|a, b| {
        b.1.score
            .total_cmp(&a.1.score)
            .then_with(|| a.1.text.cmp(&b.1.text))
    });
    let mut picked: Vec<(Key, KeywordScore)> = Vec::new();
    for (k, kw) in out {
        if picked.len() >= n {
            break;
        }
        let contains = |long: &[u32], short: &[u32]| {
            long.len() > short.len() && long.windows(short.len()).any(|win| win == short)
        };
        // Skip a phrase contained in one already picked (word or sub-phrase), and one that
        // runs on from a picked phrase through two of its words (`京津冀协同创新` after
        // `推进京津冀协同`): the same term, framed differently.
        let ks = k.as_slice();
        if picked
            .iter()
            .any(|(p, _)| contains(p.as_slice(), ks) || overlaps_by_two(p.as_slice(), ks))
        {
            continue;
        }
        // A longer phrase that holds picked ones and occurs about as often replaces them
        // (`national science foundation` over `national science`); otherwise it is skipped.
        let held: Vec<usize> = (0..picked.len())
            .filter(|&i| contains(ks, picked[i].0.as_slice()))
            .collect();
        if held.is_empty() {
            picked.push((k, kw));
        } else if held.iter().all(|&i| 2 * kw.count >= picked[i].1.count) {
            let at = held[0];
            for &i in held.iter().rev() {
                if i != at {
                    picked.remove(i);
                }
            }
            picked[at] = (k, kw);
        }
    }
    picked.sort_by(|a, b| {
        b.1.score
            .total_cmp(&a.1.score)
            .then_with(|| a.1.text.cmp(&b.1.text))
    });
    picked.into_iter().map(|(_, kw)| kw).collect()
}

/// A phrase of one to three stems as a map key that costs no allocation: the stem ids, padded
/// with `u32::MAX` (which no stem has).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Key([u32; 3]);

impl Key {
    fn new(words: &[brief_tokenize::Token]) -> Key {
        debug_assert!((1..=3).contains(&words.len()));
        let mut k = [u32::MAX; 3];
        for (slot, t) in k.iter_mut().zip(words) {
            *slot = t.stem;
        }
        Key(k)
    }

    fn as_slice(&self) -> &[u32] {
        let n = self.0.iter().position(|&s| s == u32::MAX).unwrap_or(3);
        &self.0[..n]
    }

    fn len(&self) -> usize {
        self.as_slice().len()
    }
}

/// Whether the end of one phrase is the start of the other over at least two words (and
/// neither holds the other).
fn overlaps_by_two(a: &[u32], b: &[u32]) -> bool {
    let runs_on =
        |x: &[u32], y: &[u32]| (2..x.len().min(y.len())).any(|k| x[x.len() - k..] == y[..k]);
    runs_on(a, b) || runs_on(b, a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_phrase_not_its_parts_and_no_reporting_verbs() {
        let doc = brief_tokenize::analyze(
            "The National Science Foundation said it will grow. \
             The National Science Foundation also said grants rise. \
             Officials said the National Science Foundation funds labs. \
             Officials said labs matter.",
        );
        let kw = keywords(&doc, 10, None);
        let texts: Vec<&str> = kw.iter().map(|k| k.text.as_str()).collect();
        assert!(texts.contains(&"national science foundation"), "{texts:?}");
        assert!(!texts.contains(&"national science"), "{texts:?}");
        assert!(!texts.contains(&"science foundation"), "{texts:?}");
        assert!(!texts
            .iter()
            .any(|t| t.split(' ').any(|w| w == "said" || w == "also")));
        assert!(kw.windows(2).all(|w| w[0].score >= w[1].score));
    }

    #[test]
    fn chinese_keywords_are_terms_not_units_characters_or_annotations() {
        let doc = brief_tokenize::analyze(
            "新材料产业园由3万家企业组成，园区推出12条措施。新材料产业园新增5万家企业，\
             12条措施见效。据人民网(wǎng)消息，新材料产业园继续扩大。",
        );
        let texts: Vec<String> = keywords(&doc, 12, None)
            .into_iter()
            .map(|k| k.text)
            .collect();
        // With jieba (the `zh` feature of brief-tokenize) or in character pairs without it.
        assert!(texts.iter().any(|t| t.contains("新材料")), "{texts:?}");
        // (Generic words alone are checked with jieba in the workspace's tests.)
        for bad in ["万家", "条措施", "条", "新", "wǎng"] {
            assert!(!texts.iter().any(|t| t == bad), "{bad} in {texts:?}");
        }
        assert!(is_pinyin_syllable("wǎng") && is_pinyin_syllable("qū"));
        assert!(!is_pinyin_syllable("cafe") && !is_pinyin_syllable("Māori"));
    }

    #[test]
    fn a_phrase_that_runs_on_from_a_picked_one_is_left_out() {
        let doc = brief_tokenize::analyze(
            "Hebei backs joint science innovation zones. Tianjin joins joint science \
             innovation zones. Beijing leads joint science innovation. Joint science \
             innovation grows. Leaders praised joint science innovation.",
        );
        let texts: Vec<String> = keywords(&doc, 10, None)
            .into_iter()
            .map(|k| k.text)
            .collect();
        let framed = |t: &str| t.contains("joint science") || t.contains("science innovation");
        assert_eq!(
            texts
                .iter()
                .filter(|t| framed(t) && t.split(' ').count() == 3)
                .count(),
            1,
            "{texts:?}"
        );
        assert!(overlaps_by_two(&[1, 2, 3], &[2, 3, 4]));
        assert!(overlaps_by_two(&[2, 3, 4], &[1, 2, 3]));
        assert!(!overlaps_by_two(&[1, 2, 3], &[3, 4, 5]));
        assert!(!overlaps_by_two(&[1, 2], &[2, 3]));
    }
}
