//! Sentence segmentation: the [`SentenceSplitter`] trait, the `sentencex`-based default, and
//! the rules brief adds for machine-translated policy news.

use crate::Span;
use serde::{Deserialize, Serialize};

/// Splits a paragraph into sentence spans.
///
/// Implementations append the byte spans of the sentences of `text`, shifted by `base`, to
/// `out`, in order and without overlap. Spans may include surrounding whitespace; the
/// [`Analyzer`](crate::Analyzer) trims them and applies brief's own repair rules afterwards.
///
/// ```
/// use brief_tokenize::{SentenceSplitter, SentencexSplitter};
///
/// let text = "Dr. Li spoke. Growth was 3.5% in the U.S. last year.";
/// let mut out = Vec::new();
/// SentencexSplitter::default().split(text, 0, &mut out);
/// assert_eq!(out.len(), 2);
/// ```
///
/// A splitter is shared by the threads that split a long text's paragraphs (with the
/// `parallel` feature), so it is `Sync`.
pub trait SentenceSplitter: Sync {
    /// Appends the sentence spans of `text`, shifted by `base`, to `out`.
    fn split(&self, text: &str, base: usize, out: &mut Vec<Span>);
}

impl<T: SentenceSplitter + ?Sized> SentenceSplitter for &T {
    fn split(&self, text: &str, base: usize, out: &mut Vec<Span>) {
        (**self).split(text, base, out)
    }
}

impl<T: SentenceSplitter + ?Sized> SentenceSplitter for Box<T> {
    fn split(&self, text: &str, base: usize, out: &mut Vec<Span>) {
        (**self).split(text, base, out)
    }
}

/// The default splitter: the `sentencex` crate (Wikimedia's rule-based segmenter), which handles
/// abbreviations, decimals, ellipses, a period with no space after it and CJK punctuation.
///
/// With English rules (the default), a paragraph whose quotes, brackets and terminators are
/// plain (`"..."`, `“...”`, `(...)`, `.`, `?`, `!`, `。`) is split by brief's own scanner, which
/// takes every linguistic decision from `sentencex` but needs none of the regular expressions
/// `sentencex` compiles on first use (3.9 M instructions, more than half of summarizing a 3 KB
/// article); any other paragraph goes to `sentencex` in full. The sentences are the same
/// either way; [`fast_path`](Self::fast_path)`(false)` sends every paragraph to `sentencex`.
///
/// ```
/// use brief_tokenize::{SentenceSplitter, SentencexSplitter};
///
/// let text = "“We will build 12 labs.” The plan costs 3.5 bn yuan (about $480 m). Dr. Li agreed.";
/// let (mut fast, mut full) = (Vec::new(), Vec::new());
/// SentencexSplitter::default().split(text, 0, &mut fast);
/// SentencexSplitter::default().fast_path(false).split(text, 0, &mut full);
/// assert_eq!(fast, full);
/// assert_eq!(fast.len(), 3);
/// ```
#[derive(Debug, Clone)]
pub struct SentencexSplitter {
    language: String,
    fast: bool,
}

impl Default for SentencexSplitter {
    fn default() -> Self {
        SentencexSplitter::new("en")
    }
}

impl SentencexSplitter {
    /// A splitter for the given language code (`"en"`, `"fr"`, `"ja"`, ...); unknown codes fall
    /// back to English rules.
    pub fn new(language: &str) -> Self {
        SentencexSplitter {
            language: language.to_owned(),
            fast: true,
        }
    }

    /// Whether plain paragraphs with English rules take brief's regex-free path (on by
    /// default; the sentences are the same, see the type's docs).
    pub fn fast_path(mut self, on: bool) -> Self {
        self.fast = on;
        self
    }

    /// Whether `paragraph` would be split by the regex-free path (English rules, fast path on,
    /// and nothing in the paragraph that only `sentencex` itself reads: two `'` it pairs as a
    /// quotation padded with spaces, `''`, a backtick, a carriage return, `…`, a terminator of
    /// another script).
    ///
    /// ```
    /// use brief_tokenize::SentencexSplitter;
    ///
    /// let s = SentencexSplitter::default();
    /// assert!(s.takes_fast_path("He said “yes.” It rained."));
    /// assert!(s.takes_fast_path("He said 'yes.' It rained [1]."));
    /// assert!(!s.takes_fast_path("He said ' yes. ' It rained."));
    /// ```
    pub fn takes_fast_path(&self, paragraph: &str) -> bool {
        self.fast && self.language == "en" && !crate::fastsplit::declines(paragraph)
    }
}

/// Paragraphs longer than this are given to sentencex in pieces: its work grows with the square
/// of a paragraph's length (a 9 MB paragraph without line breaks took 9 s, 60 times a 1 MB
/// one), and a piece of this size keeps it linear.
const PIECE: usize = 16 * 1024;

/// Where to cut a long paragraph near `target` (a byte offset): after a sentence end that no
/// rule could read otherwise (a full stop, question or exclamation mark after a lower-case word
/// of three letters or more, then a space and an upper-case letter, or a Chinese full stop),
/// searching back to half a piece; else after the last space; else at a character boundary.
fn piece_end(text: &str, target: usize) -> usize {
    if target >= text.len() {
        return text.len();
    }
    let b = text.as_bytes();
    let floor = target.saturating_sub(PIECE / 2);
    let mut i = target;
    while i > floor {
        i -= 1;
        // "。" (E3 80 82) ends a sentence whatever follows.
        if i >= 2 && b[i - 2] == 0xE3 && b[i - 1] == 0x80 && b[i] == 0x82 {
            return i + 1;
        }
        if matches!(b[i], b'.' | b'?' | b'!')
            && i + 2 < b.len()
            && b[i + 1] == b' '
            && b[i + 2].is_ascii_uppercase()
            && i >= 3
            && b[i - 3..i].iter().all(u8::is_ascii_lowercase)
        {
            return i + 2;
        }
    }
    if let Some(sp) = text[floor..target].rfind(' ') {
        return floor + sp + 1;
    }
    let mut cut = target;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    cut.max(1)
}

impl SentenceSplitter for SentencexSplitter {
    fn split(&self, text: &str, base: usize, out: &mut Vec<Span>) {
        if text.len() > PIECE {
            let mut start = 0;
            while start < text.len() {
                let end = start + piece_end(&text[start..], PIECE);
                self.split_piece(&text[start..end], base + start, out);
                start = end;
            }
            return;
        }
        self.split_piece(text, base, out);
    }
}

/// Runs `sentencex`'s English rules once on a text that reaches its lazily built tables (see
/// [`crate::prepare`]).
pub(crate) fn prepare() {
    use sentencex::languages::Language;
    let text = "Dr. Wang said (in Beijing) \"the U.S. lab opened.\" It cost $1.5 bn... Then? Yes!";
    let _ = sentencex::languages::English {}.get_sentence_boundaries(text);
}

impl SentencexSplitter {
    fn split_piece(&self, text: &str, base: usize, out: &mut Vec<Span>) {
        use sentencex::languages::Language;
        if self.fast && self.language == "en" && crate::fastsplit::split(text, base, out) {
            return;
        }
        // English, the common case, skips sentencex's per-call language lookup.
        let boundaries = if self.language == "en" {
            sentencex::languages::English {}.get_sentence_boundaries(text)
        } else {
            sentencex::get_sentence_boundaries(&self.language, text)
        };
        for b in boundaries {
            if b.is_paragraph_break {
                continue;
            }
            let (s, e) = (b.start_byte, b.end_byte);
            if s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e) {
                out.push(Span::new(base + s, base + e));
            }
        }
    }
}

/// What role a sentence plays in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SentenceKind {
    /// An ordinary sentence of the body text.
    Body,
    /// The document's title: the first line of text (after any page chrome or metadata that
    /// precede it), standing alone, without final punctuation.
    Title,
    /// A heading line inside the document.
    Heading,
    /// Metadata: a date or byline line, `The original title: ...`, `Source: ...`.
    Metadata,
    /// A reporter or editor credit, such as a trailing `(Su Jiaying, reporter of ...)`.
    Credit,
    /// Page chrome: navigation and breadcrumbs (`Home > News`), share and print widgets,
    /// "related news" links, view and comment counters, licence lines, list bullets.
    Navigation,
    /// A photo caption, an image credit or an image file name.
    Caption,
}

impl SentenceKind {
    /// Metadata, credits, navigation and captions: kept in the document, never worth
    /// summarizing, classifying or listing as keywords.
    pub fn is_boilerplate(self) -> bool {
        matches!(
            self,
            SentenceKind::Metadata
                | SentenceKind::Credit
                | SentenceKind::Navigation
                | SentenceKind::Caption
        )
    }

    /// Whether the sentence is body text (not a title, heading or boilerplate).
    pub fn is_body(self) -> bool {
        self == SentenceKind::Body
    }

    /// The lower-case name used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            SentenceKind::Body => "body",
            SentenceKind::Title => "title",
            SentenceKind::Heading => "heading",
            SentenceKind::Metadata => "metadata",
            SentenceKind::Credit => "credit",
            SentenceKind::Navigation => "navigation",
            SentenceKind::Caption => "caption",
        }
    }
}

const CLOSERS: &[char] = &[
    '"', '\'', '\u{201D}', '\u{2019}', ')', ']', '}', '\u{FF09}', '\u{300D}', '\u{300F}',
    '\u{3011}', '\u{00BB}',
];
const TERMINALS: &[char] = &[
    '.', '!', '?', '\u{3002}', '\u{FF01}', '\u{FF1F}', '\u{2026}', '\u{FF0E}',
];

/// Repairs raw sentence spans in place: trims whitespace, drops empty spans, moves closing
/// quotes and brackets that were split off back to their sentence, splits at a period glued to
/// a capital letter that the splitter missed, and optionally splits at semicolons.
pub(crate) fn repair(text: &str, spans: &mut Vec<Span>, split_semicolons: bool) {
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for &sp in spans.iter() {
        let mut sp = trim(text, sp);
        if sp.is_empty() {
            continue;
        }
        // A sentence that starts with closing punctuation: give it back to the previous one.
        if let Some(prev) = out.last_mut() {
            let s = &text[sp.start..sp.end];
            let moved: usize = s
                .char_indices()
                .take_while(|&(i, c)| CLOSERS.contains(&c) && !is_opening_use(&s[i..], c))
                .map(|(_, c)| c.len_utf8())
                .sum();
            if moved > 0 && text[prev.end..sp.start].trim().is_empty() && prev.end <= sp.start {
                prev.end = sp.start + moved;
                sp.start += moved;
                sp = trim(text, sp);
                if sp.is_empty() {
                    continue;
                }
            }
        }
        // A list marker is not a sentence end: in "The tasks are: 1. talent; 2. funding." and
        // "… were set. 1. Strengthen research." the markers stay with their items.
        // The item then gets the same glued-boundary repair as any sentence.
        if let Some(&prev) = out.last() {
            let gap = &text[prev.end..sp.start];
            let p = &text[prev.start..prev.end];
            let next = &text[sp.start..sp.end];
            if !gap.contains("\n\n")
                && ends_with_list_marker(p)
                && (is_list_marker(p) || next.starts_with(|c: char| c.is_lowercase()))
            {
                out.pop();
                sp = Span::new(prev.start, sp.end);
            }
        }
        split_glued(text, sp, &mut out);
    }
    if split_semicolons {
        let mut split = Vec::with_capacity(out.len());
        for sp in out {
            let mut start = sp.start;
            for (i, c) in text[sp.start..sp.end].char_indices() {
                if c == ';' || c == '\u{FF1B}' {
                    let end = sp.start + i + c.len_utf8();
                    let piece = trim(text, Span::new(start, end));
                    if !piece.is_empty() {
                        split.push(piece);
                    }
                    start = end;
                }
            }
            let piece = trim(text, Span::new(start, sp.end));
            if !piece.is_empty() {
                split.push(piece);
            }
        }
        out = split;
    }
    *spans = out;
}

/// `1.`, `12.` or `3)`: a list marker (one or two digits).
fn is_list_marker(s: &str) -> bool {
    let b = s.as_bytes();
    matches!(b.len(), 2 | 3)
        && matches!(b[b.len() - 1], b'.' | b')')
        && b[..b.len() - 1].iter().all(u8::is_ascii_digit)
}

/// Whether `s` ends with a list marker that opens a word (after a space, `:`, `;`, `(` or the
/// sentence's start), as in "The tasks are: 1." (a figure such as "rose by 3.5." does not).
fn ends_with_list_marker(s: &str) -> bool {
    let cut = s
        .char_indices()
        .rev()
        .find(|&(_, c)| {
            c.is_whitespace() || matches!(c, ':' | ';' | '(' | '：' | '；' | '，' | ',')
        })
        .map_or(0, |(i, c)| i + c.len_utf8());
    is_list_marker(&s[cut..])
}

/// A straight quote at the start of a sentence followed by a letter opens a quotation.
fn is_opening_use(s: &str, c: char) -> bool {
    (c == '"' || c == '\'') && s[c.len_utf8()..].starts_with(|n: char| n.is_alphanumeric())
}

/// Splits `text[sp]` at `x.Y` where `x` is a lower-case letter of at least two letters' word and
/// `Y` an upper-case letter followed by a lower-case one (`carry.The`), which is how
/// machine-translated news glues sentences; and at `。` or `！`/`？` followed by more text,
/// then pushes the pieces.
fn split_glued(text: &str, sp: Span, out: &mut Vec<Span>) {
    let s = &text[sp.start..sp.end];
    let b = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    // Only `;`, `,`, `.` and the lead bytes of `…` (E2), `。` (E3) and `！？；` (EF) can start a
    // boundary: every other byte is passed over at once (by `memchr` in ASCII text).
    let ascii = b.is_ascii();
    while i + 2 < b.len() {
        if ascii {
            match memchr::memchr3(b';', b',', b'.', &b[i..b.len() - 2]) {
                Some(k) => i += k,
                None => break,
            }
        } else if !matches!(b[i], b';' | b',' | b'.' | 0xE2 | 0xE3 | 0xEF) {
            i += 1;
            continue;
        }
        // `development;We will`, `…On`, `plan,A new`: the traces of a translated `；`, `…` or
        // a lost sentence end, glued to a capital that starts a word.
        let glued_mark = (b[i] == b';' || b[i] == b',')
            && i >= 2
            && (b[i - 1].is_ascii_lowercase() && b[i - 2].is_ascii_lowercase()
                || b[i] == b';' && s[..i].ends_with(CLOSERS))
            && b[i + 1].is_ascii_uppercase()
            && (b[i + 2].is_ascii_lowercase() || b[i + 2] == b' ')
            // After a comma only a word that starts sentences (`Beijing,China` stays whole).
            && (b[i] == b';' || starts_sentence(&s[i + 1..]));
        let ellipsis = b[i..].starts_with("\u{2026}".as_bytes())
            && i >= 1
            && b[i - 1].is_ascii_alphabetic()
            && i + 5 <= b.len()
            && b[i + 3].is_ascii_uppercase()
            && b[i + 4].is_ascii_lowercase();
        // `。`, `！`, `？` followed by more text (`发展。3年来`, `。ABC公司`), and `；` or `;`
        // after a Chinese character, end a sentence; closing quotes and brackets stay with it.
        let wide_end = b[i..].starts_with("\u{3002}".as_bytes())
            || b[i..].starts_with("\u{FF01}".as_bytes())
            || b[i..].starts_with("\u{FF1F}".as_bytes())
            || b[i..].starts_with("\u{FF1B}".as_bytes())
            || b[i] == b';' && s[..i].chars().next_back().is_some_and(crate::word::is_han);
        if wide_end {
            let mark = if b[i] == b';' { 1 } else { 3 };
            let mut end = i + mark;
            while let Some(c) = s[end..].chars().next().filter(|c| CLOSERS.contains(c)) {
                end += c.len_utf8();
            }
            let rest = s[end..].trim_start();
            if !rest.is_empty() && !rest.starts_with(TERMINALS) {
                out.push(Span::new(sp.start + start, sp.start + end));
                start = end;
                i = end;
                continue;
            }
        }
        if ellipsis {
            out.push(Span::new(sp.start + start, sp.start + i + 3));
            start = i + 3;
            i += 3;
            continue;
        }
        if glued_mark {
            out.push(Span::new(sp.start + start, sp.start + i + 1));
            start = i + 1;
        } else if b[i] == b'.'
            && i >= 2
            && b[i - 1].is_ascii_lowercase()
            && b[i - 2].is_ascii_lowercase()
            && b[i + 1].is_ascii_uppercase()
            && b[i + 2].is_ascii_lowercase()
            && !s[..i].ends_with("e.g")
            && !s[..i].ends_with("i.e")
        {
            // Avoid domain names and file names: the word before must not contain a dot.
            let word_start = s[..i]
                .char_indices()
                .rev()
                .find(|&(_, c)| !c.is_alphanumeric() && c != '.')
                .map_or(0, |(p, c)| p + c.len_utf8());
            let next_word_end = s[i + 1..]
                .find(char::is_whitespace)
                .map_or(s.len(), |p| i + 1 + p);
            let next_word = s[i + 1..next_word_end].trim_end_matches(TERMINALS);
            if !s[word_start..i].contains('.') && !next_word.contains('.') {
                out.push(Span::new(sp.start + start, sp.start + i + 1));
                start = i + 1;
            }
        }
        i += 1;
    }
    out.push(Span::new(sp.start + start, sp.end));
}

/// Whether `s` starts with a word that typically opens a sentence of news.
fn starts_sentence(s: &str) -> bool {
    const STARTERS: &[&str] = &[
        "A",
        "The",
        "We",
        "In",
        "At",
        "On",
        "It",
        "This",
        "These",
        "By",
        "According",
    ];
    let word = s
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    STARTERS.contains(&word)
}

fn trim(text: &str, sp: Span) -> Span {
    let s = &text[sp.start..sp.end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        return Span::new(sp.start, sp.start);
    }
    Span::new(sp.start + lead, sp.end - trail)
}

/// Decides the kind of a sentence from its text and place.
pub(crate) fn classify(
    s: &str,
    before_text: bool,
    alone_in_paragraph: bool,
    last_in_document: bool,
    word_count: usize,
) -> SentenceKind {
    // Only the start of a sentence matters for the prefixes; the whole sentence is lower-cased
    // only for the (rare) parenthesized or short lines.
    let trimmed = s.trim();
    let head_end = trimmed
        .char_indices()
        .nth(24)
        .map_or(trimmed.len(), |(i, _)| i);
    let head = lower(&trimmed[..head_end]);
    let parenthesized = is_parenthesized(s);
    let needs_full = parenthesized || (alone_in_paragraph && word_count <= 12);
    let lower: std::borrow::Cow<'_, str> = if needs_full {
        self::lower(trimmed).into()
    } else {
        head.as_str().into()
    };
    const META_PREFIXES: Prefixes = Prefixes::new(&[
        "the original title",
        "original title",
        "原标题",
        "source:",
        "source：",
        "来源：",
        "editor:",
        "editor：",
        "responsible editor",
        "责任编辑",
        "photo:",
        "copyright",
        "©",
        "all rights reserved",
        "reporter:",
        "记者：",
        "记者:",
        "updated:",
        "updated :",
        "date:",
        "pub date",
        "published:",
        "release time",
        "author:",
        "translator:",
        "translated by",
        "editor：",
        "time:",
        "来源:",
        "发布:",
        "发布时间",
        "编辑:",
        "编辑：",
        "责编",
        "通讯员",
        "作者:",
        "作者：",
    ]);
    // Only the prefixes that start with the sentence's first byte are compared.
    if META_PREFIXES.any(&head, |p| head.starts_with(p)) {
        return SentenceKind::Metadata;
    }
    if let Some(kind) = page_clutter(trimmed, &head, word_count) {
        return kind;
    }
    // `2022-01-20 省科技厅 37 核心提示：…`: a site's date, source and view count before its
    // summary of the article (which the article's first sentence then repeats).
    let mut lead_end = trimmed.len().min(160);
    while !trimmed.is_char_boundary(lead_end) {
        lead_end -= 1;
    }
    if has(&trimmed[..lead_end], "核心提示") {
        return SentenceKind::Metadata;
    }
    // `会议现场。` (the meeting's venue): a photo's caption, alone in its paragraph.
    if alone_in_paragraph {
        let bare = trimmed.trim_end_matches(['。', '.']);
        if bare.ends_with("现场")
            && bare.chars().count() <= 8
            && bare.chars().all(crate::word::is_han)
        {
            return SentenceKind::Caption;
        }
    }
    if alone_in_paragraph && word_count <= 12 && s.len() <= 100 && is_dateline(&lower) {
        return SentenceKind::Metadata;
    }
    if parenthesized && (last_in_document || has_credit_word(&lower)) {
        return SentenceKind::Credit;
    }
    let ends_terminal = s
        .trim_end_matches(CLOSERS)
        .ends_with(|c: char| TERMINALS.contains(&c) || c == ';' || c == '\u{FF1B}' || c == ':');
    if alone_in_paragraph && !ends_terminal && word_count > 0 {
        if before_text && word_count <= 40 {
            return SentenceKind::Title;
        }
        if word_count <= 15 {
            return SentenceKind::Heading;
        }
    }
    SentenceKind::Body
}

/// Whether a word is an e-mail address (`name@host.tld`, trailing punctuation aside).
fn is_email(w: &str) -> bool {
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    match w.split_once('@') {
        Some((user, host)) => {
            !user.is_empty()
                && host.rsplit_once('.').is_some_and(|(h, tld)| {
                    !h.is_empty() && tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic())
                })
        }
        None => false,
    }
}

/// Page chrome and captions, recognized from the words of short lines.
fn page_clutter(s: &str, head: &str, word_count: usize) -> Option<SentenceKind> {
    if !s
        .chars()
        .any(|c| crate::word::is_han(c) || c.is_alphabetic())
    {
        // `1.`, `?`, `•`, `- 0 -`: no words at all; `2023-03-02 10:15`: a date alone.
        return Some(if has_date(s) {
            SentenceKind::Metadata
        } else {
            SentenceKind::Navigation
        });
    }
    // At most 120 characters: certain from the bytes for most lines.
    let short = word_count <= 12 && (s.len() <= 120 || s.chars().nth(120).is_none());
    let lower_all;
    let lower: &str = if short {
        lower_all = self::lower(s);
        &lower_all
    } else {
        head
    };
    const NAV_PREFIXES: Prefixes = Prefixes::new(&[
        "home >",
        "home>",
        "home /",
        "home »",
        "your position",
        "position:",
        "current position",
        "you are here",
        "skip to main content",
        "当前位置",
        "您的位置",
        "返回首页",
        "分享到",
        "打印",
        // Chinese site chrome: a welcome banner, breadcrumbs, related links, back-to-top and
        // contact buttons, the share prompts of a WeChat page.
        "欢迎访问",
        "欢迎光临",
        "欢迎转载",
        "转载请注明",
        "当前所在",
        "网站首页",
        "首页 >",
        "首页>",
        "相关新闻",
        "相关阅读",
        "相关文章",
        "相关链接",
        "返回顶部",
        "返回首页",
        "联系我们",
        "电话咨询",
        "在线咨询",
        "免费报价",
        "点击右上角",
        "请使用浏览器",
        "分享让更多人",
        "上一篇",
        "下一篇",
        "扫一扫",
        // A reposting site's source link and disclaimer.
        "原文链接",
        "原文地址",
        "免责声明",
        "[免责声明]",
        "【免责声明】",
        "disclaimer:",
        // `上一篇` / `下一篇` in translation: the links to the site's previous and next
        // articles.
        "last one:",
        "next one:",
        "previous article",
        "next article",
        "previous post",
        "next post",
        "related news",
        "related articles",
        "related products",
        "related stories",
        "you may also like",
        "more from author",
        "read more",
        "click here",
        "print share",
    ]);
    // `lower` starts with a word (it is trimmed): only prefixes that start with its first byte
    // can match.
    if NAV_PREFIXES.any(lower, |p| starts_with_words(lower, p)) {
        return Some(SentenceKind::Navigation);
    }
    // A line that is only a button or a menu's word: `Menu`, `Search`, `Sign in`, `Tweet`.
    const BUTTONS: &[&str] = &[
        "menu",
        "search",
        "advertisement",
        "tweet",
        "login",
        "log in",
        "sign in",
        "sign up",
        "register",
        "subscribe",
        "newsletter",
        "close",
        "home",
        "more",
        "top",
    ];
    if short
        && BUTTONS.contains(
            &lower
                .trim()
                .trim_end_matches(['.', ':', '|', '»', '›'])
                .trim_end(),
        )
    {
        return Some(SentenceKind::Navigation);
    }
    // `> Laboratory News`, `» Media Focus`: a menu's item, one per line.
    if short && (lower.starts_with('>') || lower.starts_with('»')) {
        return Some(SentenceKind::Navigation);
    }
    let ends_terminal = s
        .trim_end_matches(CLOSERS)
        .ends_with(|c: char| TERMINALS.contains(&c));
    if !ends_terminal && s.len() <= 600 {
        if let Some(kind) = chinese_chrome(s, lower) {
            return Some(kind);
        }
    }
    if !short {
        return None;
    }
    let t = lower.trim_start_matches(['-', '•', '·', '*', ' ', '|']);
    const CAPTION_WORDS: &[&str] = &[
        "image caption",
        "media caption",
        "caption:",
        "getty images",
        "ap photo",
        "shutterstock",
        "photo:",
        "photo by",
        "(photo",
        "image credit",
        "image:",
        "credit:",
        "file photo",
        "图片来源",
        "图为",
        "摄影",
        "文章图片",
        "组图",
        "供图",
    ];
    const IMAGE_EXT: &[&str] = &[".jpg", ".jpeg", ".png", ".gif", ".webp"];
    if CAPTION_WORDS
        .iter()
        .any(|w| t.starts_with(w) || word_count <= 6 && has(t, w))
        || IMAGE_EXT.iter().any(|e| has(t, e))
    {
        return Some(SentenceKind::Caption);
    }
    // Whole words of share, print and counter widgets, and phrases of page chrome.
    const WIDGET_WORDS: &[&str] = &[
        "share",
        "tweet",
        "print",
        "wechat",
        "weibo",
        "facebook",
        "twitter",
        "linkedin",
        "e-mail",
        "email",
        "comments",
        "views",
        "likes",
        "browse",
        "admin",
        "uncategorized",
        "分享",
        "打印",
        "收藏",
    ];
    const WIDGET_PHRASES: &[&str] = &[
        "min read",
        "font size",
        "size: big",
        "all rights reserved",
        "icp备",
        "icp license",
        "current1page",
        "page current",
        "next page",
        "previous page",
        "备案号",
        "朋友圈",
        "微信好友",
        "分享本页",
        "分享到",
        "小字号",
        "大字号",
        "字号:",
        "字体:",
        "二维码",
    ];
    let words: Vec<&str> = t.split_whitespace().collect();
    let widget_word = words.iter().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        WIDGET_WORDS.contains(&w)
    });
    if !ends_terminal
        && word_count <= 8
        && (widget_word || WIDGET_PHRASES.iter().any(|w| has(t, w)))
    {
        return Some(SentenceKind::Navigation);
    }
    // The links and buttons of a page's foot, on a line of their own (a line break that ends
    // a line of a block now ends its sentence): `Previous: City holds innovation week`,
    // `Back to top`, `Address: … | Tel: …`, `【打印本页】【关闭窗口】`.
    const FOOT_PREFIXES: &[&str] = &[
        "skip to content",
        "skip to navigation",
        "skip navigation",
        "tags:",
        "filed under",
        "more on this story",
        "most read",
        "most popular",
        "previous:",
        "prev:",
        "next:",
        "back to top",
        "follow us",
        "subscribe to",
        "subscribe now",
        "subscribe:",
        "sign up",
        "contact us",
        "privacy policy",
        "terms of use",
        "sitemap",
        "site map",
        "address:",
        "tel:",
        "phone:",
        "fax:",
        "postcode",
        "地址：",
        "地址:",
        "电话：",
        "电话:",
        "邮编",
        "【打印",
        "【关闭",
        "关闭窗口",
        // An attachment's link: `附件：2023年科技工作要点.docx`, `Download the report (PDF)`.
        "附件",
        "attachment:",
        "attachments:",
        "download:",
        "download the",
        "download pdf",
    ];
    const FILE_EXT: &[&str] = &[
        ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".zip",
    ];
    if !ends_terminal
        && (FOOT_PREFIXES.iter().any(|p| starts_with_words(t, p))
            || FILE_EXT.iter().any(|e| t.trim_end().ends_with(e)))
    {
        return Some(SentenceKind::Navigation);
    }
    // `press@ministry.example ENDE`: a short line with an e-mail address and no sentence end
    // is a contact or language-switch bar.
    if !ends_terminal && word_count <= 8 && words.iter().any(|w| is_email(w)) {
        return Some(SentenceKind::Navigation);
    }
    if !ends_terminal {
        // `Global Edition\nChina\nHome / China / Innovation`: a breadcrumb inside a bar.
        if has(lower, "home / ") || has(lower, "home > ") || has(lower, "home » ") {
            return Some(SentenceKind::Navigation);
        }
        // `FYI: Science Policy News\nFYI\n/\nArticle`: a bar of three lines or more, most of
        // them a word or two.
        let lines = s.lines().count();
        if lines >= 3
            && 3 * s
                .lines()
                .filter(|l| l.split_whitespace().count() <= 2)
                .count()
                >= 2 * lines
        {
            return Some(SentenceKind::Navigation);
        }
        // `NSF logo frosted onto a window`, `Semiconductors in a colorful, abstract image`: an
        // image's description (it describes "a" something; `How the city rebuilt its image`
        // is a headline).
        let last = words
            .last()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
        if word_count <= 8
            && words.iter().any(|w| *w == "a" || *w == "an")
            && (words.contains(&"logo")
                || last.is_some_and(|w| {
                    ["image", "photo", "photograph", "illustration", "screenshot"].contains(&w)
                }))
        {
            return Some(SentenceKind::Caption);
        }
    }
    // `- admin`, `• News article`: a bullet or dash with a few words and no sentence end.
    let bulleted = s.trim_start().starts_with(['-', '•', '·']);
    if bulleted && !ends_terminal && words.len() <= 4 {
        return Some(SentenceKind::Navigation);
    }
    // `XIE ZHENLIN/FOR CHINA DAILY`: an upper-case credit line.
    if !ends_terminal
        && words.len() >= 2
        && s.chars().all(|c| !c.is_lowercase())
        && s.chars().any(|c| c.is_ascii_uppercase())
        && (s.contains('/') || has(lower, "for ") || has(lower, "daily"))
    {
        return Some(SentenceKind::Caption);
    }
    None
}

/// Page chrome of Chinese sites, in a line without a sentence end (`lower` is the line, or at
/// least its first 24 characters, lower-cased and simplified):
/// - breadcrumbs: `人民网>>内蒙古频道>>包头` (two `>>` or more);
/// - a date line with its source: `2022年01月17日09:36 | 来源：《包头日报》`,
///   `http://news.example.cn 2023-01-30 10:07:32 发布于：北京市 来源：科创中国`;
/// - a photographer's credit: `杨光 摄`;
/// - a menu or tag cloud of Chinese words apart: `氢能科技 联源科技 园区 园区 园区`, at least
///   five items, half of them Chinese, most of them short or one of them three times (Chinese
///   prose has no spaces between words).
fn chinese_chrome(s: &str, lower: &str) -> Option<SentenceKind> {
    if !s.chars().any(crate::word::is_han) {
        return None;
    }
    if lower.matches(">>").count() >= 2 || lower.matches('»').count() >= 2 {
        return Some(SentenceKind::Navigation);
    }
    let head = {
        let t = s.trim();
        self::lower(&t[..t.char_indices().nth(80).map_or(t.len(), |(i, _)| i)])
    };
    let head = head.as_str();
    if ["来源", "发布于", "发布时间", "发布日期"]
        .iter()
        .any(|w| has(head, w))
        && has_date(head)
    {
        return Some(SentenceKind::Metadata);
    }
    // A site's footer: who runs the site, its licence (ICP 备案) and identification codes.
    const FOOTER: &[&str] = &[
        "主办单位：",
        "主办单位:",
        "承办单位：",
        "承办单位:",
        "主管单位：",
        "主管单位:",
        "技术支持：",
        "技术支持:",
        "版权所有",
        "网站标识码",
        "icp备",
        "公网安备",
    ];
    if FOOTER.iter().any(|w| has(head, w)) {
        return Some(SentenceKind::Navigation);
    }
    let t = s.trim();
    let chars = t.chars().count();
    if chars <= 24 {
        if let Some(name) = t.strip_suffix('摄') {
            let name = name.trim_end_matches(['/', ' ', '\u{3000}']);
            if (name.ends_with(|c: char| crate::word::is_han(c)) || name.ends_with(' '))
                && t.contains([' ', '\u{3000}', '/'])
            {
                return Some(SentenceKind::Caption);
            }
        }
    }
    let items: Vec<&str> = t.split_whitespace().collect();
    let han_items = items
        .iter()
        .filter(|w| w.chars().any(crate::word::is_han))
        .count();
    if items.len() >= 5 && 2 * han_items >= items.len() {
        let mut lens: Vec<usize> = items.iter().map(|w| w.chars().count()).collect();
        lens.sort_unstable();
        // (Items of more than six characters each: at most 27 in the 600 bytes of a line.)
        let repeated = || {
            items
                .iter()
                .any(|w| items.iter().filter(|x| *x == w).count() >= 3)
        };
        if lens[lens.len() / 2] <= 6 || repeated() {
            return Some(SentenceKind::Navigation);
        }
    }
    None
}

/// Whether `lower` holds a date: four digits, then `-`, `/`, `.` or `年` and a digit.
/// Whether `lower` holds a year (1900 to 2099) and an English month's name or its
/// abbreviation as words (`nov 23, 2022`, `26 november 2021`, `march 2023`).
fn month_date(lower: &str) -> bool {
    const MONTHS: &[&str] = &[
        "jan",
        "january",
        "feb",
        "february",
        "mar",
        "march",
        "apr",
        "april",
        "may",
        "jun",
        "june",
        "jul",
        "july",
        "aug",
        "august",
        "sep",
        "sept",
        "september",
        "oct",
        "october",
        "nov",
        "november",
        "dec",
        "december",
    ];
    let words = || {
        lower
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
    };
    words().any(|w| MONTHS.contains(&w))
        && words().any(|w| {
            w.len() == 4
                && (w.starts_with("19") || w.starts_with("20"))
                && w.bytes().all(|b| b.is_ascii_digit())
        })
}

/// Whether `lower` holds a numeric date (`2022-07-24`, `2022/7/24`, `2022.07`, `2022年1月`).
fn has_date(lower: &str) -> bool {
    let b = lower.as_bytes();
    (0..b.len()).any(|i| {
        i + 6 <= b.len() && b[i..i + 4].iter().all(u8::is_ascii_digit) && {
            let rest = &lower[i + 4..];
            (rest.starts_with('-')
                || rest.starts_with('/')
                || rest.starts_with('.')
                || rest.starts_with('年'))
                && rest.chars().nth(1).is_some_and(|c| c.is_ascii_digit())
        }
    })
}

/// Whether `s`, with its runs of whitespace read as one space and its leading whitespace
/// dropped, starts with `prefix` (`"home  >\tnews"` starts with `"home > news"`).
fn starts_with_words(s: &str, prefix: &str) -> bool {
    let mut p = prefix.as_bytes().iter();
    for (k, w) in s.split_whitespace().enumerate() {
        if k > 0 {
            match p.next() {
                None => return true,
                Some(b' ') => {}
                Some(_) => return false,
            }
        }
        for c in w.as_bytes() {
            match p.next() {
                None => return true,
                Some(x) if x == c => {}
                Some(_) => return false,
            }
        }
    }
    p.next().is_none()
}

/// `s` lower-cased, with Chinese characters (which have no case) in their simplified form
/// without a case lookup: the result is for matching, not for offsets.
fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if crate::word::is_han(c) {
            // Traditional script is matched in its simplified form (`來源：` is `来源：`).
            out.push(crate::normalize::to_simplified(c));
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

fn is_parenthesized(s: &str) -> bool {
    let t = s.trim();
    (t.starts_with('(') || t.starts_with('\u{FF08}'))
        && (t.ends_with(')') || t.ends_with('\u{FF09}') || t.ends_with(").") || t.ends_with("）。"))
}

fn has_credit_word(lower: &str) -> bool {
    const WORDS: &[&str] = &[
        "reporter",
        "correspondent",
        "editor",
        "daily",
        "xinhua",
        "news agency",
        "记者",
        "通讯员",
        "编辑",
        "责编",
        "photo by",
        "photo:",
        "photo",
    ];
    WORDS.iter().any(|w| has(lower, w))
}

/// A list of prefixes with, for each byte, the set of them that start with it (as bits), so
/// that a sentence is compared only with the prefixes that start with its first byte.
struct Prefixes {
    all: &'static [&'static str],
    by_lead: [u64; 256],
}

impl Prefixes {
    /// The table of `all` (at most 64 prefixes, none empty), built at compile time.
    const fn new(all: &'static [&'static str]) -> Prefixes {
        assert!(all.len() <= 64, "at most 64 prefixes in a table");
        let mut by_lead = [0u64; 256];
        let mut i = 0;
        while i < all.len() {
            by_lead[all[i].as_bytes()[0] as usize] |= 1 << i;
            i += 1;
        }
        Prefixes { all, by_lead }
    }

    /// Whether `matches` holds for one of the prefixes that start with the first byte of `s`.
    fn any(&self, s: &str, matches: impl Fn(&str) -> bool) -> bool {
        let Some(&lead) = s.as_bytes().first() else {
            return false;
        };
        let mut set = self.by_lead[lead as usize];
        while set != 0 {
            if matches(self.all[set.trailing_zeros() as usize]) {
                return true;
            }
            set &= set - 1;
        }
        false
    }
}

/// Whether `needle` occurs in `haystack`: `str::contains`, without the setup of a general
/// substring search on every call (sentence kinds test a few dozen short phrases against
/// every sentence).
fn has(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    match n.first() {
        None => true,
        Some(_) if n.len() > h.len() => false,
        // Where the needle's first byte occurs (most sentences hold none of a phrase's first
        // byte, or only a few), the rest is compared.
        Some(&b) => memchr::memchr_iter(b, &h[..=h.len() - n.len()]).any(|i| h[i..].starts_with(n)),
    }
}

/// A short line holding a date (`2022-07-24`, `2022/7/24`, `2022年7月24日`) or a byline
/// (`By ...`, `... By`).
fn is_dateline(lower: &str) -> bool {
    let has_date = has_date(lower);
    let words: Vec<&str> = lower.split_whitespace().collect();
    let byline = words.first() == Some(&"by") || words.last() == Some(&"by");
    let alpha_words = words
        .iter()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    has_date && (byline || alpha_words <= 6)
        || (byline && words.len() <= 6)
        // `NOV 23, 2022`, `Updated March 5, 2023`: a month's name, a year and little else.
        || (alpha_words <= 3 && month_date(lower))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// The phrase search of sentence kinds is `str::contains`.
        #[test]
        fn has_is_contains(h in "[ab图为.]{0,12}", n in "[ab图为.]{0,4}") {
            prop_assert_eq!(super::has(&h, &n), h.contains(n.as_str()));
        }
    }

    #[test]
    fn has_finds_phrases_anywhere() {
        use super::has;
        assert!(has("file photo.jpg", ".jpg") && has("图为会议现场", "图为") && has("ab", ""));
        assert!(!has("photo", "photo:") && !has("", "a") && !has("图", "图为"));
    }

    #[test]
    fn prefixes_match_across_runs_of_whitespace() {
        use super::starts_with_words as w;
        assert!(w("  home  >\tnews", "home > news") && w("home > news", "home >"));
        assert!(w("当前位置：首页", "当前位置") && w("ab", "") && w("", ""));
        assert!(!w("home", "home >") && !w("homepage", "home >") && !w("hom", "home"));
        assert!(!w("home>", "home >") && !w("", "a"));
    }

    #[test]
    fn a_long_paragraph_is_split_in_pieces_as_it_would_be_whole() {
        let unit = "The province funds 57 key laboratories. Dr. Li said talent matters! \
                    Did the county (the one in the north) agree? It did, in 2023. ";
        let text = unit.repeat(100_000 / unit.len());
        assert!(text.len() > 4 * PIECE);
        let sx = SentencexSplitter::default();
        let (mut pieces, mut whole) = (Vec::new(), Vec::new());
        sx.split(&text, 7, &mut pieces);
        sx.split_piece(&text, 7, &mut whole);
        assert_eq!(pieces, whole);
        // Chinese without spaces, and a text without any sentence end, are cut safely too.
        let zh = "科技厅召开全省科技工作会议。".repeat(3000);
        let mut v = Vec::new();
        sx.split(&zh, 0, &mut v);
        assert_eq!(v.len(), 3000);
        let run = "word ".repeat(10_000);
        let mut v = Vec::new();
        sx.split(&run, 0, &mut v);
        assert!(v
            .iter()
            .all(|s| run.is_char_boundary(s.start) && run.is_char_boundary(s.end)));
        let cover: usize = v.iter().map(|s| s.len()).sum();
        assert!(cover >= run.trim_end().len() - 10 * (run.len() / PIECE + 1));
    }
    use super::*;

    #[test]
    fn dateline_detection() {
        assert!(is_dateline("2022-07-24 0 by"));
        assert!(is_dateline("2022年7月24日 09:30"));
        assert!(is_dateline("by su jiaying"));
        assert!(!is_dateline(
            "in 2022-23 the province invested 3 billion yuan in research and more"
        ));
    }

    #[test]
    fn month_name_datelines_are_metadata_headlines_with_a_month_are_not() {
        for line in [
            "NOV 23, 2022",
            "Tuesday, December 17, 2013",
            "26 November 2021",
        ] {
            assert_eq!(
                classify(line, false, true, false, line.split_whitespace().count()),
                SentenceKind::Metadata,
                "{line}"
            );
        }
        assert_eq!(
            classify("Budget rises in March 2023", false, true, false, 5),
            SentenceKind::Heading
        );
        assert!(month_date("mar 2023") && month_date("updated: sept 5, 2023"));
        assert!(!month_date("may we") && !month_date("2023 report"));
    }

    #[test]
    fn classify_kinds() {
        assert_eq!(
            classify("2022-07-24 0 By", false, true, false, 3),
            SentenceKind::Metadata
        );
        assert_eq!(
            classify("The original title:Map blueprint", false, false, false, 4),
            SentenceKind::Metadata
        );
        assert_eq!(
            classify(
                "(Su Jiaying, reporter of New Gansu · Gansu Daily)",
                false,
                false,
                true,
                8
            ),
            SentenceKind::Credit
        );
        assert_eq!(
            classify("Gansu draws a blueprint", true, true, false, 4),
            SentenceKind::Title
        );
        assert_eq!(
            classify("Key tasks for 2022", false, true, false, 4),
            SentenceKind::Heading
        );
        assert_eq!(
            classify("We will act.", false, true, false, 3),
            SentenceKind::Body
        );
        assert_eq!(
            classify("(The fund was set up in 2019.)", false, false, false, 7),
            SentenceKind::Body
        );
    }

    #[test]
    fn contact_bars_are_navigation_and_addresses_need_a_domain() {
        assert_eq!(
            classify("press@kjt.example.cn ENDE PRESS", true, true, false, 3),
            SentenceKind::Navigation
        );
        assert!(is_email("press@kjt.example.cn,"));
        assert!(!is_email("@handle"));
        assert!(!is_email("a@b"));
        assert!(!is_email("v2@3.0"));
        // A sentence that gives an address is still a sentence.
        assert_eq!(
            classify(
                "Write to press@kjt.example.cn for the full list.",
                false,
                true,
                false,
                7
            ),
            SentenceKind::Body
        );
    }

    #[test]
    fn bars_breadcrumbs_and_image_descriptions() {
        let kind = |s: &str| classify(s, true, true, false, 6);
        assert_eq!(
            kind("World Edition\nAsia\nHome / Asia / Science"),
            SentenceKind::Navigation
        );
        assert_eq!(
            kind("Policy Weekly\nNews\n/\nStory"),
            SentenceKind::Navigation
        );
        assert_eq!(
            kind("Last one:County plans a lab Next one:County opens a lab"),
            SentenceKind::Navigation
        );
        assert_eq!(kind("Ministry logo on a glass door"), SentenceKind::Caption);
        assert_eq!(
            kind("Laboratories in a bright, abstract image"),
            SentenceKind::Caption
        );
        // A headline with its subtitle, and headlines that name an image or a logo otherwise.
        assert_eq!(
            kind("Province rebuilds its laboratories\nFunds go to 57 key laboratories"),
            SentenceKind::Title
        );
        assert_eq!(kind("How the city rebuilt its image"), SentenceKind::Title);
        assert_eq!(kind("New logo for the science week"), SentenceKind::Title);
    }

    #[test]
    fn chinese_page_chrome() {
        let kind = |s: &str, alone: bool| classify(s, false, alone, false, 12);
        for line in [
            "欢迎访问 科技信息网!",
            "首页>>新闻中心>>地方动态",
            "储能科技 智慧农业 联科科技 园区 园区 园区",
            "网站简介 本网动态 友情链接 版权声明 我要投稿",
            "?0000000 免费报价 免费报价 分享本页 返回顶部",
            "点击右上角分享给好友",
            "欢迎转载，转载请注明出处",
            "返回頂部",
            "相關新聞",
            // A site's footer (as a page's footer reads once its markup is gone).
            "主办单位：省科学技术厅 京ICP备12345678号\n网站标识码：1234000001",
            "版权所有：省科学技术厅 承办单位：省科技信息中心",
            "京ICP备05034670号-2 京公网安备11010802026093号",
        ] {
            assert_eq!(kind(line, true), SentenceKind::Navigation, "{line}");
        }
        // A sentence that names the organizer is prose.
        assert_eq!(
            kind(
                "主办单位：省科学技术厅和市人民政府将于五月举办科技周。",
                false
            ),
            SentenceKind::Body
        );
        for line in [
            "2023年05月08日10:12 | 來源：《江城日報》 小字號",
            "http://news.example.cn  2023-05-08 10:12  发布于：武汉市  来源：示例网",
            "2023-05-08 省科技厅 12 核心提示：省科技厅召开会议，部署全年工作。",
        ] {
            assert_eq!(kind(line, true), SentenceKind::Metadata, "{line}");
        }
        for line in ["王小明 摄", "座谈会现场。", "文章图片"] {
            assert_eq!(kind(line, true), SentenceKind::Caption, "{line}");
        }
        assert_eq!(kind("(記者 李明 通訊員 王芳)", false), SentenceKind::Credit);
        // Prose, a headline with a space, a caption-like ending inside a paragraph.
        assert_eq!(
            kind("会议要求，各地要加快建设科技创新中心。", false),
            SentenceKind::Body
        );
        assert_eq!(
            kind("市科技局召开 2023年工作会议", true),
            SentenceKind::Heading
        );
        assert_eq!(kind("记者来到了项目建设现场。", false), SentenceKind::Body);
        assert_eq!(kind("这张照片由他本人拍摄", true), SentenceKind::Heading);
    }

    #[test]
    fn the_title_follows_page_chrome() {
        let doc = crate::analyze(
            "Skip to main content\n\n• News article\n\nProvince rebuilds its key laboratories\n\n\
             The province will rebuild 57 key laboratories this year. They will recruit scientists.",
        );
        let kinds: Vec<SentenceKind> = doc.sentences().iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                SentenceKind::Navigation,
                SentenceKind::Navigation,
                SentenceKind::Title,
                SentenceKind::Body,
                SentenceKind::Body
            ]
        );
        assert_eq!(
            doc.title().map(|s| &doc.text()[s.span.range()]),
            Some("Province rebuilds its key laboratories")
        );
        // Once text has begun, a later line without final punctuation is a heading.
        let doc = crate::analyze("We act now.\n\nKey tasks for 2022\n\nWe will act.");
        assert_eq!(doc.sentences()[1].kind, SentenceKind::Heading);
    }

    #[test]
    fn repair_moves_closers_and_splits_glued() {
        let text = "He said “go.” Then he left.Next one starts.";
        let cut = text.find('”').unwrap();
        let mut spans = vec![Span::new(0, cut), Span::new(cut, text.len())];
        repair(text, &mut spans, false);
        let got: Vec<&str> = spans.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(got, ["He said “go.”", "Then he left.", "Next one starts."]);
    }

    #[test]
    fn glued_split_spares_abbreviations_and_domains() {
        for text in ["See e.g.Table 1 here.", "Visit www.Gansu.gov today."] {
            let mut spans = vec![Span::new(0, text.len())];
            repair(text, &mut spans, false);
            assert_eq!(spans.len(), 1, "{text}");
        }
    }

    #[test]
    fn glued_semicolon_comma_and_ellipsis_split() {
        fn cut(t: &str) -> Vec<&str> {
            let mut out = Vec::new();
            split_glued(t, Span::new(0, t.len()), &mut out);
            out.iter().map(|s| &t[s.range()]).collect()
        }
        assert_eq!(
            cut("Improving achievements;We will promote openness."),
            ["Improving achievements;", "We will promote openness."]
        );
        assert_eq!(
            cut("the plan,A new fund opens."),
            ["the plan,", "A new fund opens."]
        );
        assert_eq!(cut("Beijing,China hosts it."), ["Beijing,China hosts it."]);
        assert_eq!(cut("targets; We will go."), ["targets; We will go."]);
        assert_eq!(
            cut("grew fast\u{2026}On Monday it fell."),
            ["grew fast\u{2026}", "On Monday it fell."]
        );
    }

    #[test]
    fn glued_split_after_wide_punctuation() {
        // A full-width mark before the word must not break the byte arithmetic.
        let text = "好！ab.Cd ef";
        let mut spans = vec![Span::new(0, text.len())];
        repair(text, &mut spans, false);
        let got: Vec<&str> = spans.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(got, ["好！", "ab.", "Cd ef"]);
    }

    #[test]
    fn a_list_marker_stays_with_its_item() {
        let split = |t: &str| {
            let doc = crate::analyze(t);
            (0..doc.sentences().len())
                .map(|i| doc.sentence_text(i).to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            split("The tasks are: 1. talent; 2. funding. The meeting ended."),
            [
                "The tasks are: 1. talent; 2. funding.",
                "The meeting ended."
            ]
        );
        assert_eq!(
            split("Four tasks were set. 1. Strengthen basic research. 2. Support firms."),
            [
                "Four tasks were set.",
                "1. Strengthen basic research.",
                "2. Support firms."
            ]
        );
        // A figure or a count at a sentence's end is a sentence end.
        assert_eq!(
            split("Spending rose by 12. The city grew. The rate was 3.5. Talent rose."),
            [
                "Spending rose by 12.",
                "The city grew.",
                "The rate was 3.5.",
                "Talent rose."
            ]
        );
        // The item still gets the glued-boundary repair.
        assert_eq!(
            split("The tasks are: 1. talent.We will grow."),
            ["The tasks are: 1. talent.", "We will grow."]
        );
        assert!(is_list_marker("1.") && is_list_marker("12)") && !is_list_marker("123."));
        assert!(ends_with_list_marker("are: 1.") && !ends_with_list_marker("rose by 3.5."));
    }

    #[test]
    fn semicolon_option() {
        let text = "First clause;second clause；third.";
        let mut spans = vec![Span::new(0, text.len())];
        repair(text, &mut spans, true);
        let got: Vec<&str> = spans.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(got, ["First clause;", "second clause；", "third."]);
    }
}
