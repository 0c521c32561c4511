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
    "held",
    "thank",
    // Dates: a month or a weekday is never a keyword (`may` is above).
    "januari",
    "februari",
    "march",
    "april",
    "june",
    "juli",
    "august",
    "septemb",
    "octob",
    "novemb",
    "decemb",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    // Company suffixes: a name ends before them (`jiabaoli chemical group`).
    "co",
    "ltd",
    "inc",
    "corp",
    "llc",
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
    /// Its score: the TF-IDF weight of a word; for a phrase, the mean weight of its content
    /// words times 1.5 times how often the phrase occurs.
    pub score: f64,
    /// How many times it occurs.
    pub count: usize,
    /// Number of words, joining words included (`chips and science act`: 4).
    pub words: usize,
}

/// The top `n` keywords and keyphrases of a document (fewer if it has fewer candidates).
///
/// Candidates are runs of up to four content words inside one sentence, not interrupted by
/// punctuation; a phrase never crosses a sentence boundary. Names are kept whole: capitalized
/// words run on through `of` and `for` (`Council for Science and Technology Policy`), and two
/// words that name the field joined by `and`, as the text joins them at least twice, act as
/// one (`science and technology bureau`, `CHIPS and Science Act`). A phrase must occur at
/// least twice. Words are weighted by term frequency times inverse document frequency in
/// `background` (the document's own sentences when `None`). A phrase is listed once with its
/// sub-phrases: a phrase found only inside one longer phrase, as often as it, is a fragment
/// of it and is left out; a single word or sub-phrase of a higher-ranked phrase is dropped,
/// and a longer phrase that occurs about as often replaces its picked sub-phrases. Reporting
/// verbs and generic news words ("said", "also", "including", dates) are in no keyphrase;
/// words too general alone for science-policy news (`science`, `research`) are no keyword
/// alone or together; page clutter (navigation, captions, metadata) is skipped. Words and
/// phrases that recur come first, then words said once, each by score.
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
    let marks = Marks::new(doc);
    let (mut units, mut ends) = (Vec::new(), Vec::new());
    for (i, s) in doc.sentences().iter().enumerate() {
        if s.kind.is_boilerplate() {
            continue;
        }
        let toks = doc.sentence_tokens(i);
        runs(doc, s, toks, &marks, (&mut units, &mut ends));
        let mut from = 0;
        for &to in &ends {
            let run = &units[from..to];
            from = to;
            for u in run {
                for t in &toks[u.start..u.end] {
                    if is_content(doc, t) {
                        word_count[t.stem as usize] += 1;
                    }
                }
            }
            for a in 0..run.len() {
                // A Chinese word glued to a number before it is a unit or a fragment
                // (`29条措施`, `25.74万人`, `2024年厅机关` segmented `年厅`): no phrase
                // starts there.
                let k = run[a].start;
                if k > 0
                    && toks[k].is_cjk()
                    && toks[k - 1].span().end == toks[k].span().start
                    && doc
                        .term(toks[k - 1].term)
                        .bytes()
                        .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
                {
                    continue;
                }
                for b in a + 1..=(a + MAX_UNITS).min(run.len()) {
                    let (from, to) = (run[a].start, run[b - 1].end);
                    if to - from > MAX_WORDS {
                        break;
                    }
                    // Words joined by `of` or `for` make a phrase only as a name: every
                    // word capitalized (`Ministry of Science`, not `ministry of science`).
                    if run[a + 1..b].iter().any(|u| u.joined) && !run[a..b].iter().all(|u| u.cap) {
                        continue;
                    }
                    let words = &toks[from..to];
                    let e = phrases.entry(Key::new(words)).or_insert_with(|| {
                        (s.tokens.start + from, 0, words.iter().all(|t| t.is_cjk()))
                    });
                    e.1 += 1;
                }
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
    let too_general: Vec<bool> = (0..doc.num_stems() as u32)
        .map(|stem| {
            let st = doc.stem(stem);
            let mut chars = st.chars();
            let one_han =
                chars.next().is_some_and(brief_tokenize::is_cjk) && chars.next().is_none();
            one_han
                || generic_alone().contains(st)
                || (is_pinyin_syllable(st) && *chinese.get_or_init(|| doc.language() == "zh"))
        })
        .collect();
    let alone_too_general = |stem: u32| too_general[stem as usize];
    // Chinese words join without spaces, so any run of segmented words reads as a term;
    // a Chinese phrase must hold together: it occurs at least half as often as its rarest
    // word (`京津冀协同创新`, not `部门深化京津冀` whose words mostly occur apart).
    let coheres = |k: &[u32], count: usize| {
        let rarest = k.iter().map(|&s| word_count[s as usize]).min().unwrap_or(0);
        2 * count >= rarest
    };
    phrases.retain(|k, &mut (first, count, cjk)| {
        let ks = k.as_slice();
        if ks.len() > 1 && (count < 2 || (cjk && !coheres(ks, count))) {
            return false;
        }
        let content = content_stems(doc, first, ks.len());
        // One word too general alone (`science`), or an English phrase of such words only
        // (`science and technology`, `scientific research`): they say nothing of a text about
        // science policy.
        if content.clone().all(alone_too_general) && (ks.len() == 1 || !cjk) {
            return false;
        }
        // A past participle alone (`supplemented`, `carried`, `attended`) tells what was
        // done, not to what: no keyword, unless it is written as a name.
        if ks.len() == 1 && past_participle(doc, &doc.tokens()[first]) {
            return false;
        }
        // No reporting verb or generic news word ("said", "also", "including") in a phrase:
        // a Chinese one holds none (inside a run of segmented words, a verb of urging marks a
        // clause: `部门深化京津冀` is two phrases), nor does an English one.
        !content.clone().any(|s| generic[s as usize])
    });
    // A phrase that occurs only as part of one longer phrase (as often as it: `zhongkai high`
    // in `zhongkai high tech zone`, `chips` in `chips and science act`) is a fragment of it.
    let mut fragments: rustc_hash::FxHashSet<Key> = rustc_hash::FxHashSet::default();
    for (k, &(_, count, _)) in &phrases {
        let ks = k.as_slice();
        for cut in 1..ks.len().min(4) {
            for sub in [&ks[cut..], &ks[..ks.len() - cut]] {
                let sub = Key::from_stems(sub);
                if phrases.get(&sub).is_some_and(|e| e.1 == count) {
                    fragments.insert(sub);
                }
            }
        }
    }
    // Candidates as (key, first occurrence, count, score); a kept one's text is written last.
    let mut out: Vec<Candidate> = phrases
        .into_iter()
        .filter(|(k, _)| !fragments.contains(k))
        .map(|(k, (first, count, _))| {
            let (mut idf_sum, mut content) = (0.0, 0usize);
            for s in content_stems(doc, first, k.len()) {
                idf_sum += w[s as usize];
                content += 1;
            }
            let score = if k.len() == 1 {
                idf_sum
            } else {
                idf_sum * count as f64 / content as f64 * 1.5
            };
            Candidate {
                key: k,
                first,
                count,
                score,
            }
        })
        .collect();
    // In rank order, a batch at a time: the best few times `n` first (most texts need no
    // more), then four times as many, so that a long text's candidates are not all sorted.
    let mut picked: Vec<Candidate> = Vec::new();
    let mut batch = Vec::new();
    let mut size = (8 * n).max(64);
    while picked.len() < n && !out.is_empty() {
        let take = size.min(out.len());
        if take < out.len() {
            out.select_nth_unstable_by(take - 1, ranked);
        }
        batch.clear();
        batch.extend(out.drain(..take));
        batch.sort_unstable_by(ranked);
        size = size.saturating_mul(4);
        pick(&mut picked, &batch, n);
    }
    picked.sort_unstable_by(ranked);
    picked
        .into_iter()
        .map(|c| {
            let words = &doc.tokens()[c.first..c.first + c.key.len()];
            // Chinese words join without a space.
            let mut text = String::with_capacity(words.iter().map(|t| t.span().len() + 1).sum());
            for (i, t) in words.iter().enumerate() {
                if i > 0 && !(t.is_cjk() && words[i - 1].is_cjk()) {
                    text.push(' ');
                }
                // A possessive inside a name stays (`people's congress`).
                let term = doc.term(t.term);
                text.push_str(if i + 1 == words.len() {
                    without_possessive(term)
                } else {
                    term
                });
            }
            KeywordScore {
                text,
                score: c.score,
                count: c.count,
                words: words.len(),
            }
        })
        .collect()
}

/// The stems of the content words of the `len` tokens from `first` (a candidate's words
/// without its joining words).
fn content_stems(
    doc: &Document,
    first: usize,
    len: usize,
) -> impl Iterator<Item = u32> + Clone + '_ {
    doc.tokens()[first..first + len]
        .iter()
        .filter(|t| is_content(doc, t))
        .map(|t| t.stem)
}

/// Takes the candidates of `batch` (in rank order) into `picked` until it holds `n`: a phrase
/// is listed once, not with its parts.
fn pick(picked: &mut Vec<Candidate>, batch: &[Candidate], n: usize) {
    for &kw in batch {
        if picked.len() >= n {
            break;
        }
        let contains = |long: &[u32], short: &[u32]| {
            long.len() > short.len() && long.windows(short.len()).any(|win| win == short)
        };
        // Skip a phrase contained in one already picked (word or sub-phrase), and one that
        // runs on from a picked phrase through two of its words (`京津冀协同创新` after
        // `推进京津冀协同`): the same term, framed differently.
        let ks = kw.key.as_slice();
        if picked
            .iter()
            .any(|p| contains(p.key.as_slice(), ks) || overlaps_by_two(p.key.as_slice(), ks))
        {
            continue;
        }
        // A longer phrase that holds picked ones and occurs about as often replaces them
        // (`national science foundation` over `national science`); otherwise it is skipped.
        let held: Vec<usize> = (0..picked.len())
            .filter(|&i| contains(ks, picked[i].key.as_slice()))
            .collect();
        if held.is_empty() {
            picked.push(kw);
        } else if held.iter().all(|&i| 2 * kw.count >= picked[i].count) {
            let at = held[0];
            for &i in held.iter().rev() {
                if i != at {
                    picked.remove(i);
                }
            }
            picked[at] = kw;
        }
    }
}

/// A keyword or keyphrase before its text is written: its stems, where it first occurs in the
/// document's tokens, how often, its score.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    key: Key,
    first: usize,
    count: usize,
    score: f64,
}

/// The keywords' order: the words and phrases that recur, then the words that occur once
/// (however rare elsewhere: a word the table has not seen gets the highest weight, and one
/// use of `fate` or `beat` says little of a text), each by score, then by first occurrence
/// (and, for phrases that start at one word, the shorter first).
fn ranked(a: &Candidate, b: &Candidate) -> std::cmp::Ordering {
    (a.count < 2)
        .cmp(&(b.count < 2))
        .then_with(|| b.score.total_cmp(&a.score))
        .then_with(|| a.first.cmp(&b.first))
        .then_with(|| a.key.len().cmp(&b.key.len()))
}

/// A phrase of one to [`MAX_WORDS`] stems as a map key that costs no allocation: the stem
/// ids, padded with `u32::MAX` (which no stem has).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Key([u32; MAX_WORDS]);

impl Key {
    fn new(words: &[brief_tokenize::Token]) -> Key {
        debug_assert!((1..=MAX_WORDS).contains(&words.len()));
        let mut k = [u32::MAX; MAX_WORDS];
        for (slot, t) in k.iter_mut().zip(words) {
            *slot = t.stem;
        }
        Key(k)
    }

    fn from_stems(stems: &[u32]) -> Key {
        let mut k = [u32::MAX; MAX_WORDS];
        k[..stems.len()].copy_from_slice(stems);
        Key(k)
    }

    fn as_slice(&self) -> &[u32] {
        let n = self
            .0
            .iter()
            .position(|&s| s == u32::MAX)
            .unwrap_or(MAX_WORDS);
        &self.0[..n]
    }

    fn len(&self) -> usize {
        self.as_slice().len()
    }
}

/// The stems of the words that name the field (science, technology, research, innovation,
/// development): two of them joined by `and` are one modifier in a keyphrase.
const FIELD_WORDS: &[&str] = &[
    "scienc",
    "scientif",
    "technolog",
    "technic",
    "research",
    "innov",
    "develop",
];

/// The most units (words, or pairs joined by `and`) of a keyphrase.
const MAX_UNITS: usize = 4;
/// The most words of a keyphrase, its joining words included (`ministry of science and
/// technology`).
const MAX_WORDS: usize = 8;

/// Stop words that join the capitalized words of a name: `Ministry of Science`, `Department
/// for Education`; `the` after one of them (`Ministry of the Interior`).
const NAME_JOINERS: &[&str] = &["of", "for"];

/// What the runs of a document read, found once: the ids of the joining words, the stems that
/// name the field, the pairs the document joins by `and`.
struct Marks {
    and: Option<u32>,
    the: Option<u32>,
    joiners: Vec<Option<u32>>,
    field: Vec<bool>,
    pairs: rustc_hash::FxHashSet<(u32, u32)>,
}

impl Marks {
    fn new(doc: &Document) -> Marks {
        let and = doc.term_id("and");
        Marks {
            and,
            the: doc.term_id("the"),
            joiners: NAME_JOINERS.iter().map(|j| doc.term_id(j)).collect(),
            field: (0..doc.num_stems() as u32)
                .map(|s| FIELD_WORDS.contains(&doc.stem(s)))
                .collect(),
            pairs: recurring_pairs(doc, and),
        }
    }
}

/// One unit of a run of content words: a word, or two words joined by `and` that act as one
/// (`science and technology`, `CHIPS and Science`: see [`unit_at`]).
#[derive(Debug, Clone, Copy)]
struct Unit {
    /// Its tokens, as indexes into the sentence's tokens.
    start: usize,
    end: usize,
    /// Every word of it capitalized in the text (a name's word).
    cap: bool,
    /// Joined to the unit before it by a name's joining word (`of`, `for`, …).
    joined: bool,
}

/// The pairs of content stems that the document joins by `and` (`science and technology`,
/// `research and development`) at least twice, each pair counted once per occurrence.
fn recurring_pairs(doc: &Document, and: Option<u32>) -> rustc_hash::FxHashSet<(u32, u32)> {
    let Some(and) = and else {
        return Default::default();
    };
    let mut count: FxHashMap<(u32, u32), u32> = FxHashMap::default();
    for (i, s) in doc.sentences().iter().enumerate() {
        if s.kind.is_boilerplate() {
            continue;
        }
        let toks = doc.sentence_tokens(i);
        for j in 0..toks.len().saturating_sub(2) {
            if let Some(pair) = and_pair(doc, toks, j, and) {
                *count.entry(pair).or_default() += 1;
            }
        }
    }
    count
        .into_iter()
        .filter(|&(_, c)| c >= 2)
        .map(|(k, _)| k)
        .collect()
}

/// The stems of `toks[j]` and `toks[j + 2]` if they are two content words (not Chinese)
/// joined by `and` (the term `and`) with one space on each side.
fn and_pair(
    doc: &Document,
    toks: &[brief_tokenize::Token],
    j: usize,
    and: u32,
) -> Option<(u32, u32)> {
    let [a, joiner, b] = toks.get(j..j + 3)? else {
        return None;
    };
    let text = doc.text();
    (joiner.term == and
        && is_content(doc, a)
        && is_content(doc, b)
        && !a.is_cjk()
        && !b.is_cjk()
        && one_space(text, a, joiner)
        && one_space(text, joiner, b))
    .then_some((a.stem, b.stem))
}

/// Whether one space, and nothing else, stands between tokens `a` and `b`.
fn one_space(text: &str, a: &brief_tokenize::Token, b: &brief_tokenize::Token) -> bool {
    text.get(a.span().end..b.span().start) == Some(" ")
}

/// Whether the word is written with a capital first letter (a name's word, or the first word
/// of a sentence).
fn capitalized(doc: &Document, t: &brief_tokenize::Token) -> bool {
    doc.token_text(t)
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// The runs of content words of sentence `s` (its tokens `toks`): words with nothing but a
/// space or a hyphen between them, as units (a word, or a recurring pair joined by `and`);
/// the capitalized words of a name run on through `of` or `for` (and `the` after them; not in
/// a title or a heading, where every word is capitalized). A phrase never crosses a run's end.
/// The units are written to `units`, and the end of each run in `units` to `ends`.
fn runs(
    doc: &Document,
    s: &brief_tokenize::Sentence,
    toks: &[brief_tokenize::Token],
    marks: &Marks,
    (units, ends): (&mut Vec<Unit>, &mut Vec<usize>),
) {
    units.clear();
    ends.clear();
    let text = doc.text();
    let names = s.kind.is_body();
    let plain = |a: usize, b: usize| {
        text[toks[a].span().end..toks[b].span().start]
            .chars()
            .all(|c| c == ' ' || c == '-')
    };
    let spaced = |a: usize, b: usize| one_space(text, &toks[a], &toks[b]);
    let content = |j: usize| is_content(doc, &toks[j]);
    let joiner = |j: usize| marks.joiners.contains(&Some(toks[j].term));
    // The units of the current run are `units[start..]`.
    let mut start = 0;
    let mut j = 0;
    while j < toks.len() {
        if !content(j) {
            // A name runs on through one or two joining words (`of`, `of the`) to the next
            // capitalized word.
            let after_name = names && units[start..].last().is_some_and(|u| u.cap && u.end == j);
            let mut k = j;
            if after_name && joiner(j) && spaced(j - 1, j) {
                k += 1;
                if k < toks.len() && Some(toks[k].term) == marks.the && spaced(k - 1, k) {
                    k += 1;
                }
            }
            if k > j
                && k < toks.len()
                && content(k)
                && capitalized(doc, &toks[k])
                && spaced(k - 1, k)
            {
                let (end, cap) = unit_at(doc, toks, k, marks);
                units.push(Unit {
                    start: k,
                    end,
                    cap,
                    joined: true,
                });
                j = end;
                continue;
            }
            if units.len() > start {
                ends.push(units.len());
                start = units.len();
            }
            j += 1;
            continue;
        }
        if units[start..]
            .last()
            .is_some_and(|u| u.end != j || !plain(j - 1, j))
        {
            ends.push(units.len());
            start = units.len();
        }
        let (end, cap) = unit_at(doc, toks, j, marks);
        units.push(Unit {
            start: j,
            end,
            cap,
            joined: false,
        });
        j = end;
    }
    if units.len() > start {
        ends.push(units.len());
    }
}

/// The unit of content words that starts at token `j`, with its end and whether all its
/// words are capitalized: the pair `toks[j] and toks[j + 2]` if the document joins them so at
/// least twice and they act as one, otherwise the word alone. Two of the words that name the
/// field ([`FIELD_WORDS`]) act as one modifier (`science and technology bureau`, `scientific
/// and technological achievements`, `research and development`); so do a name's two
/// capitalized words of which one is such a word (`CHIPS and Science Act`, `Ministry of
/// Science and ICT`). Other pairs are two things (`Meitan County and Kaili City`, `creative
/// and pioneering`, `Leading Group and Vice Mayor`): the run ends at `and`.
fn unit_at(
    doc: &Document,
    toks: &[brief_tokenize::Token],
    j: usize,
    marks: &Marks,
) -> (usize, bool) {
    let cap = |t: &brief_tokenize::Token| capitalized(doc, t);
    let pair = marks.and.and_then(|and| and_pair(doc, toks, j, and));
    if pair.is_some_and(|p| marks.pairs.contains(&p)) {
        let (a, b) = (&toks[j], &toks[j + 2]);
        let general = |t: &brief_tokenize::Token| marks.field[t.stem as usize];
        let both_caps = cap(a) && cap(b);
        if (general(a) && general(b)) || (both_caps && (general(a) || general(b))) {
            return (j + 3, both_caps);
        }
    }
    (j + 1, cap(&toks[j]))
}

/// Whether `t` is an English word in lower case that ends in `-ed` (not `-eed`: `speed`,
/// `seed`), five letters or more: a past participle or a past tense.
fn past_participle(doc: &Document, t: &brief_tokenize::Token) -> bool {
    let term = doc.term(t.term);
    term.len() >= 5
        && term.ends_with("ed")
        && !term.ends_with("eed")
        && term.bytes().all(|b| b.is_ascii_lowercase())
        && !capitalized(doc, t)
}

/// A word as a keyword shows it: without a possessive ending (`nsf's` → `nsf`, `researchers'`
/// → `researchers`), which its stem does not hold either.
fn without_possessive(term: &str) -> &str {
    term.strip_suffix("'s")
        .or_else(|| term.strip_suffix('\'').filter(|t| t.ends_with('s')))
        .filter(|t| !t.is_empty())
        .unwrap_or(term)
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
        // With jieba (the `zh` feature of brief-tokenize) a word, or, without it, four of the
        // name's six characters (a keyphrase holds at most four units).
        assert!(
            texts
                .iter()
                .any(|t| t.contains("新材料") || t.contains("产业园")),
            "{texts:?}"
        );
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

    #[test]
    fn names_are_kept_whole_and_fragments_left_out() {
        let doc = brief_tokenize::analyze(
            "The CHIPS and Science Act funds the Ministry of Science and ICT. \
             Under the CHIPS and Science Act, the NSF's budget grows. \
             The Ministry of Science and ICT backs the Zhongkai High Tech Zone. \
             Firms in the Zhongkai High Tech Zone fund technologies including artificial \
             intelligence. The NSF's staff and the Municipal Science and Technology Bureau \
             met. The Municipal Science and Technology Bureau thanked Meitan County and \
             Kaili City. Meitan County and Kaili City build technologies including artificial \
             intelligence. Fate intervened.",
        );
        let kw = keywords(&doc, 20, None);
        let texts: Vec<&str> = kw.iter().map(|k| k.text.as_str()).collect();
        for whole in [
            "chips and science act",
            "ministry of science and ict",
            "zhongkai high tech zone",
            "municipal science and technology bureau",
            "artificial intelligence",
            "nsf",
        ] {
            assert!(texts.contains(&whole), "{whole} not in {texts:?}");
        }
        // Fragments of a longer phrase, a phrase with a generic word, two names as one.
        for bad in [
            "chips",
            "science act",
            "zhongkai high",
            "technology bureau",
            "nsf's",
            "technologies including artificial",
            "meitan county and kaili city",
            "county and kaili",
        ] {
            assert!(!texts.contains(&bad), "{bad} in {texts:?}");
        }
        // A word said once comes after every word or phrase that recurs.
        let once = kw
            .iter()
            .position(|k| k.count == 1)
            .expect("a word said once");
        assert!(kw[once..].iter().all(|k| k.count == 1), "{kw:?}");
        assert!(kw[..once].iter().any(|k| k.text == "funds" && k.count == 2));
        assert!(texts[once..].contains(&"fate"), "{texts:?}");
        assert_eq!(without_possessive("researchers'"), "researchers");
        assert_eq!(without_possessive("'s"), "'s");
    }
}
