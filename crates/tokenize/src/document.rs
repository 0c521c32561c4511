//! The analysed [`Document`] and the [`Analyzer`] that builds it.

use crate::normalize::normalize_into;
use crate::sentence::{classify, repair, SentenceKind, SentenceSplitter, SentencexSplitter};
use crate::word::{is_cjk, NativeTokenizer, WordTokenizer};
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::OnceLock;

/// A half-open byte range `start..end` into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// Creates a span.
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span is empty.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The span as a `Range`, for slicing.
    pub const fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// Identifies a normalized term or a stem in a [`Document`]'s vocabulary.
pub type TermId = u32;

/// One word of a document.
///
/// A token is 20 bytes (a document's tokens are most of its memory): its span is kept as a
/// 40-bit start and a 32-bit length, so texts up to 1 TiB and words up to 4 GiB are
/// represented; the tokenizer leaves out a "word" longer than that.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// The low 32 bits of the start offset.
    start: u32,
    len: u32,
    /// Its normalized form (NFKC, case-folded), as an id into [`Document::term`].
    pub term: TermId,
    /// Its Snowball stem, as an id into [`Document::stem`].
    pub stem: TermId,
    flags: u8,
    /// Bits 32 to 39 of the start offset.
    start_hi: u8,
}

const STOP: u8 = 1;
const NUMERIC: u8 = 2;
const CJK: u8 = 4;

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Token")
            .field("span", &self.span())
            .field("term", &self.term)
            .field("stem", &self.stem)
            .field("flags", &self.flags)
            .finish()
    }
}

impl Token {
    /// The largest text offset a token can start at.
    const MAX_START: u64 = (1 << 40) - 1;

    /// A token at `span`, or `None` if the span does not fit (a start at or beyond 1 TiB, a
    /// length of 4 GiB or more).
    fn new(span: Span, term: TermId, stem: TermId, flags: u8) -> Option<Token> {
        let start = u64::try_from(span.start).ok()?;
        let len = u32::try_from(span.len()).ok()?;
        (start <= Token::MAX_START).then_some(Token {
            start: start as u32,
            len,
            term,
            stem,
            flags,
            start_hi: (start >> 32) as u8,
        })
    }

    /// Where the word is in the original text.
    ///
    /// ```
    /// let doc = brief_tokenize::analyze("Labs grow.");
    /// let t = doc.tokens()[1];
    /// assert_eq!(t.span().range(), 5..9);
    /// assert_eq!(doc.token_text(&t), "grow");
    /// ```
    pub fn span(&self) -> Span {
        let start = (u64::from(self.start_hi) << 32 | u64::from(self.start)) as usize;
        Span::new(start, start + self.len as usize)
    }
    /// Whether the word is a stop word (English NLTK list).
    pub fn is_stop(&self) -> bool {
        self.flags & STOP != 0
    }
    /// Whether the word starts with a digit.
    pub fn is_numeric(&self) -> bool {
        self.flags & NUMERIC != 0
    }
    /// Whether the word is Chinese, Japanese or Korean (a segmented Chinese word or one CJK
    /// character).
    pub fn is_cjk(&self) -> bool {
        self.flags & CJK != 0
    }
    /// Whether the word carries content: not a stop word and not a number.
    pub fn is_content(&self) -> bool {
        self.flags & (STOP | NUMERIC) == 0
    }
}

/// One sentence of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// Where the sentence is in the original text (trimmed of surrounding whitespace).
    pub span: Span,
    /// Index of the paragraph that holds it.
    pub paragraph: usize,
    /// The range of its tokens in [`Document::tokens`].
    pub tokens: Range<usize>,
    /// Its role: body text, title, heading or boilerplate.
    pub kind: SentenceKind,
    /// Whether it is the first sentence of its paragraph.
    pub first_in_paragraph: bool,
}

impl Sentence {
    /// Number of word tokens.
    pub fn word_count(&self) -> usize {
        self.tokens.len()
    }
}

/// One paragraph of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// Where the paragraph is in the original text.
    pub span: Span,
    /// The range of its sentences in [`Document::sentences`].
    pub sentences: Range<usize>,
}

/// A string interner: each distinct string gets a dense id. The strings live end to end in
/// one arena, and the table holds only ids, so interning allocates nothing per string.
#[derive(Clone, Default)]
struct Vocab {
    table: hashbrown::HashTable<TermId>,
    arena: String,
    /// End offset of each string in `arena`; it starts where the previous one ends.
    ends: Vec<usize>,
}

impl std::fmt::Debug for Vocab {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vocab")
            .field("len", &self.ends.len())
            .finish()
    }
}

fn hash_str(s: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(s)
}

fn arena_get<'a>(arena: &'a str, ends: &[usize], id: TermId) -> &'a str {
    let i = id as usize;
    let start = if i == 0 { 0 } else { ends[i - 1] };
    &arena[start..ends[i]]
}

impl Vocab {
    fn with_capacity(strings: usize, bytes: usize) -> Self {
        Vocab {
            table: hashbrown::HashTable::with_capacity(strings),
            arena: String::with_capacity(bytes),
            ends: Vec::with_capacity(strings),
        }
    }

    fn get(&self, id: TermId) -> &str {
        arena_get(&self.arena, &self.ends, id)
    }

    fn find(&self, s: &str) -> Option<TermId> {
        self.table
            .find(hash_str(s), |&id| {
                arena_get(&self.arena, &self.ends, id) == s
            })
            .copied()
    }

    fn get_or_insert(&mut self, s: &str) -> (TermId, bool) {
        let h = hash_str(s);
        let (arena, ends) = (&self.arena, &self.ends);
        if let Some(&id) = self.table.find(h, |&id| arena_get(arena, ends, id) == s) {
            return (id, false);
        }
        let id = self.ends.len() as TermId;
        self.arena.push_str(s);
        self.ends.push(self.arena.len());
        let (arena, ends) = (&self.arena, &self.ends);
        self.table
            .insert_unique(h, id, |&x| hash_str(arena_get(arena, ends, x)));
        (id, true)
    }

    fn len(&self) -> usize {
        self.ends.len()
    }
}

/// A text analysed once: paragraphs, sentences and word tokens as byte spans into the original
/// text, with each token's normalized form, stem and stop-word flag.
///
/// Every later stage (scorers, keywords, classifiers) reads this one structure. Terms and stems
/// are interned per document: [`Token::term`] and [`Token::stem`] are dense ids, so scorers can
/// count with plain vectors of length [`Document::num_terms`] / [`Document::num_stems`].
///
/// ```
/// let doc = brief_tokenize::analyze("Gansu held its S&T work meeting.It set key tasks.");
/// assert_eq!(doc.sentences().len(), 2);
/// assert_eq!(doc.sentence_text(1), "It set key tasks.");
/// let t = &doc.tokens()[0];
/// assert_eq!(doc.token_text(t), "Gansu");
/// assert_eq!(doc.term(t.term), "gansu");
/// ```
#[derive(Debug, Clone)]
pub struct Document {
    text: String,
    /// The language the analyzer was told the text is in (see [`Analyzer::language`]).
    language: Option<Language>,
    paragraphs: Vec<Paragraph>,
    sentences: Vec<Sentence>,
    tokens: Vec<Token>,
    terms: Vocab,
    stems: Vocab,
    stem_of_term: Vec<TermId>,
    serial: u64,
}

impl Document {
    /// The original text.
    pub fn text(&self) -> &str {
        &self.text
    }
    /// A number that no other document analysed in this process has (a clone keeps it: it is
    /// the same analysis), so that a later stage can remember what it computed for this
    /// document without comparing texts.
    ///
    /// ```
    /// let a = brief_tokenize::analyze("Talent matters.");
    /// let b = brief_tokenize::analyze("Talent matters.");
    /// assert_ne!(a.serial(), b.serial());
    /// assert_eq!(a.clone().serial(), a.serial());
    /// ```
    pub fn serial(&self) -> u64 {
        self.serial
    }
    /// All paragraphs, in order.
    pub fn paragraphs(&self) -> &[Paragraph] {
        &self.paragraphs
    }
    /// All sentences, in order.
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }
    /// All word tokens, in order.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }
    /// Whether the document has no sentences.
    pub fn is_empty(&self) -> bool {
        self.sentences.is_empty()
    }
    /// The text of sentence `i`.
    ///
    /// # Panics
    /// If `i` is out of range.
    pub fn sentence_text(&self, i: usize) -> &str {
        &self.text[self.sentences[i].span.range()]
    }
    /// The tokens of sentence `i`.
    ///
    /// # Panics
    /// If `i` is out of range.
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        &self.tokens[self.sentences[i].tokens.clone()]
    }
    /// The original text of a token.
    pub fn token_text(&self, t: &Token) -> &str {
        &self.text[t.span().range()]
    }
    /// The text of any span of this document.
    pub fn span_text(&self, span: Span) -> &str {
        &self.text[span.range()]
    }
    /// The normalized form with id `id`.
    pub fn term(&self, id: TermId) -> &str {
        self.terms.get(id)
    }
    /// The stem with id `id`.
    pub fn stem(&self, id: TermId) -> &str {
        self.stems.get(id)
    }
    /// The id of a normalized form, if the document contains it.
    pub fn term_id(&self, term: &str) -> Option<TermId> {
        self.terms.find(term)
    }
    /// The id of a stem, if the document contains it.
    pub fn stem_id(&self, stem: &str) -> Option<TermId> {
        self.stems.find(stem)
    }
    /// The stem id of a term id.
    pub fn stem_of(&self, term: TermId) -> TermId {
        self.stem_of_term[term as usize]
    }
    /// Number of distinct normalized forms.
    pub fn num_terms(&self) -> usize {
        self.terms.len()
    }
    /// Number of distinct stems.
    pub fn num_stems(&self) -> usize {
        self.stems.len()
    }
    /// The document's language: the one the analyzer was told ([`Analyzer::language`]), or
    /// else its main language from its script mix: `"zh"` when Chinese characters make
    /// up at least a third of its letters, `"en"` when Latin letters make up most of them,
    /// `"und"` (undetermined) otherwise, including for a text without letters. Mixed
    /// English/Chinese text is analysed by one pipeline either way; this says which it is.
    ///
    /// ```
    /// assert_eq!(brief_tokenize::analyze("重点实验室通过重组。").language(), "zh");
    /// assert_eq!(brief_tokenize::analyze("Key laboratories were rebuilt.").language(), "en");
    /// assert_eq!(brief_tokenize::analyze("2024 - 3.5%").language(), "und");
    /// ```
    pub fn language(&self) -> &'static str {
        match self.language {
            Some(lang) => lang.code(),
            None => self.detected_language(),
        }
    }

    /// The language found from the script mix, whatever the analyzer was told (see
    /// [`Document::language`]).
    ///
    /// ```
    /// use brief_tokenize::{Analyzer, Language};
    ///
    /// let doc = Analyzer::new().language(Some(Language::Zh)).analyze("Key labs were rebuilt.");
    /// assert_eq!((doc.language(), doc.detected_language()), ("zh", "en"));
    /// ```
    pub fn detected_language(&self) -> &'static str {
        let (mut han, mut latin, mut other) = (0usize, 0usize, 0usize);
        // ASCII bytes are counted without decoding; only the other characters are decoded.
        let bytes = self.text.as_bytes();
        // An ASCII text has Latin letters only: English if it has any.
        if bytes.is_ascii() {
            return if bytes.iter().any(u8::is_ascii_alphabetic) {
                "en"
            } else {
                "und"
            };
        }
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                latin += usize::from(b.is_ascii_alphabetic());
                i += 1;
                continue;
            }
            let c = self.text[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            if crate::word::is_han(c) {
                han += 1;
            } else if !c.is_alphabetic() {
                continue;
            } else if ('\u{00C0}'..='\u{024F}').contains(&c) {
                latin += 1;
            } else {
                other += 1;
            }
        }
        let letters = han + latin + other;
        if letters == 0 {
            "und"
        } else if han * 3 >= letters {
            "zh"
        } else if latin * 2 > letters {
            "en"
        } else {
            "und"
        }
    }

    /// The title: the first sentence that is not page chrome or metadata, if it is marked
    /// [`SentenceKind::Title`].
    ///
    /// ```
    /// let doc = brief_tokenize::analyze("Home > News\n\nLabs rebuilt\n\nThe province rebuilt 57 labs.");
    /// let title = doc.title().unwrap();
    /// assert_eq!(doc.span_text(title.span), "Labs rebuilt");
    /// ```
    pub fn title(&self) -> Option<&Sentence> {
        self.sentences
            .iter()
            .find(|s| !s.kind.is_boilerplate())
            .filter(|s| s.kind == SentenceKind::Title)
    }
}

/// How paragraphs are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParagraphMode {
    /// Blank lines separate paragraphs if the text has any, and so does a line break inside a
    /// block where the text does not read on (a line with final punctuation, a title over its
    /// dateline, a page's menu or foot: anything but prose wrapped at a fixed width or a line
    /// that goes on in lower case); a text without blank lines has a paragraph per line.
    #[default]
    Auto,
    /// Only blank lines separate paragraphs; single line breaks are wrapping.
    BlankLines,
    /// Every non-empty line is a paragraph.
    Lines,
}

/// Turns text into a [`Document`]: paragraphs, then sentences (with brief's repair rules and
/// boilerplate marking), then word tokens with normalized forms, stems and stop-word flags.
///
/// The splitter and tokenizer are static type parameters, so the hot path has no dynamic
/// dispatch; pass a `Box<dyn SentenceSplitter>` or `Box<dyn WordTokenizer>` to choose at run time.
///
/// ```
/// use brief_tokenize::{Analyzer, NativeTokenizer};
///
/// let analyzer = Analyzer::new().split_semicolons(true).with_tokenizer(NativeTokenizer);
/// let doc = analyzer.analyze("Train talent;support enterprises.");
/// assert_eq!(doc.sentences().len(), 2);
/// ```
pub struct Analyzer<S = SentencexSplitter, W = NativeTokenizer> {
    splitter: S,
    tokenizer: W,
    split_semicolons: bool,
    paragraph_mode: ParagraphMode,
    stemmer: Stemmer,
    /// Whether words are stemmed (otherwise a word's stem is its term).
    stemming: bool,
    /// Built once per process and shared by every analyzer.
    stop_words: &'static FxHashSet<&'static str>,
    language: Option<Language>,
}

/// A language brief reads, for overriding the detection ([`Analyzer::language`]).
///
/// Both are read by one pipeline (English words are split and stemmed, runs of Chinese
/// characters segmented with jieba, both scripts in one text alike), so a wrong detection costs
/// nothing in the analysis: the language is what the document is reported and grouped as.
///
/// ```
/// use brief_tokenize::Language;
///
/// let zh: Language = "zh".parse().unwrap();
/// assert_eq!(zh.code(), "zh");
/// assert!("klingon".parse::<Language>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// English.
    En,
    /// Chinese, simplified or traditional script.
    Zh,
}

impl Language {
    /// The ISO 639-1 code (`"en"`, `"zh"`).
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Zh => "zh",
        }
    }
}

impl std::str::FromStr for Language {
    type Err = crate::Error;

    /// Reads `en` or `zh` (any case; `zh-hans`, `zh-hant`, `zh-cn`, `zh-tw` and `en-*` too).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        let primary = lower.split(['-', '_']).next().unwrap_or("");
        match primary {
            "en" => Ok(Language::En),
            "zh" => Ok(Language::Zh),
            _ => Err(crate::Error::new(crate::ErrorKind::Language(s.to_owned()))),
        }
    }
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("split_semicolons", &self.split_semicolons)
            .field("paragraph_mode", &self.paragraph_mode)
            .finish_non_exhaustive()
    }
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new()
    }
}

impl Analyzer {
    /// An English analyzer with the default splitter and the native tokenizer.
    pub fn new() -> Self {
        Analyzer {
            splitter: SentencexSplitter::default(),
            tokenizer: NativeTokenizer,
            split_semicolons: false,
            paragraph_mode: ParagraphMode::Auto,
            stemmer: Stemmer::create(Algorithm::English),
            stemming: true,
            // English and Chinese (NLTK's lists).
            stop_words: stop_word_set(),
            language: None,
        }
    }
}

impl<S: SentenceSplitter, W: WordTokenizer> Analyzer<S, W> {
    /// Uses another word tokenizer.
    pub fn with_tokenizer<W2: WordTokenizer>(self, tokenizer: W2) -> Analyzer<S, W2> {
        Analyzer {
            splitter: self.splitter,
            tokenizer,
            split_semicolons: self.split_semicolons,
            paragraph_mode: self.paragraph_mode,
            stemmer: self.stemmer,
            stemming: self.stemming,
            stop_words: self.stop_words,
            language: self.language,
        }
    }

    /// Uses another sentence splitter.
    pub fn with_splitter<S2: SentenceSplitter>(self, splitter: S2) -> Analyzer<S2, W> {
        Analyzer {
            splitter,
            tokenizer: self.tokenizer,
            split_semicolons: self.split_semicolons,
            paragraph_mode: self.paragraph_mode,
            stemmer: self.stemmer,
            stemming: self.stemming,
            stop_words: self.stop_words,
            language: self.language,
        }
    }

    /// Splits sentences at `;` and `；` too (off by default: a semicolon-joined run of clauses
    /// stays one sentence).
    pub fn split_semicolons(mut self, yes: bool) -> Self {
        self.split_semicolons = yes;
        self
    }

    /// Says which language the texts are in (`None`, the default, detects it per document
    /// from the script mix). Only [`Document::language`] changes: see [`Language`].
    pub fn language(mut self, language: Option<Language>) -> Self {
        self.language = language;
        self
    }

    /// Whether words are stemmed (on by default). Off, a word's stem is its term: for callers
    /// that read only terms, such as a lexicon of whole words, and would pay for stems unread.
    ///
    /// ```
    /// use brief_tokenize::Analyzer;
    ///
    /// let doc = Analyzer::new().stemming(false).analyze_fragment("key laboratories");
    /// let stems: Vec<&str> = doc.tokens().iter().map(|t| doc.stem(t.stem)).collect();
    /// assert_eq!(stems, ["key", "laboratories"]);
    /// ```
    pub fn stemming(mut self, on: bool) -> Self {
        self.stemming = on;
        self
    }

    /// Sets how paragraphs are found.
    pub fn paragraph_mode(mut self, mode: ParagraphMode) -> Self {
        self.paragraph_mode = mode;
        self
    }

    /// Analyses `text` into a [`Document`] (the text is copied into it once).
    pub fn analyze(&self, text: &str) -> Document {
        self.analyze_string(text.to_owned())
    }

    /// Analyses a short fragment (a lexicon term, a cue phrase, a query) as one body sentence
    /// in one paragraph: the words, terms and stems of [`Analyzer::analyze`], without
    /// splitting sentences or telling their kinds, so it costs only the words.
    ///
    /// ```
    /// use brief_tokenize::{Analyzer, SentenceKind};
    ///
    /// let doc = Analyzer::new().analyze_fragment("national key laboratories. Dr. Li");
    /// assert_eq!(doc.sentences().len(), 1);
    /// assert_eq!(doc.sentences()[0].kind, SentenceKind::Body);
    /// let stems: Vec<&str> = doc.tokens().iter().map(|t| doc.stem(t.stem)).collect();
    /// assert_eq!(stems, ["nation", "key", "laboratori", "dr", "li"]);
    /// ```
    pub fn analyze_fragment(&self, text: &str) -> Document {
        let text = text.to_owned();
        let span = Span::new(0, text.len());
        let sentences = vec![Sentence {
            span,
            paragraph: 0,
            tokens: 0..0,
            kind: SentenceKind::Body,
            first_in_paragraph: true,
        }];
        let paras = vec![Paragraph {
            span,
            sentences: 0..1,
        }];
        self.document(text, paras, sentences)
    }

    /// Analyses many short phrases (lexicon terms, cue phrases) at once, as one fragment with
    /// a phrase a line ([`Analyzer::analyze_fragment`]; a word never runs across a line
    /// break): the fragment, and the range of each phrase's tokens in it, in order. One
    /// document for the lot costs a fraction of one per phrase.
    ///
    /// ```
    /// use brief_tokenize::Analyzer;
    ///
    /// let (doc, ranges) = Analyzer::new().analyze_phrases(["key tasks", "the", "pointed out"]);
    /// let stems = |i: usize| -> Vec<&str> {
    ///     doc.tokens()[ranges[i].clone()].iter().map(|t| doc.stem(t.stem)).collect()
    /// };
    /// assert_eq!(stems(0), ["key", "task"]);
    /// assert_eq!(stems(1), ["the"]);
    /// assert_eq!(stems(2), ["point", "out"]);
    /// ```
    pub fn analyze_phrases<I, P>(&self, phrases: I) -> (Document, Vec<Range<usize>>)
    where
        I: IntoIterator<Item = P>,
        P: AsRef<str>,
    {
        let mut joined = String::new();
        let mut ends = Vec::new();
        for p in phrases {
            joined.push_str(p.as_ref());
            ends.push(joined.len());
            joined.push('\n');
        }
        let doc = self.analyze_fragment(&joined);
        let tokens = doc.tokens();
        let mut next = 0;
        let ranges = ends
            .iter()
            .map(|&end| {
                let first = next;
                while next < tokens.len() && tokens[next].span().end <= end {
                    next += 1;
                }
                first..next
            })
            .collect();
        (doc, ranges)
    }

    /// The document of `text` with these paragraphs and sentences, and the words of each
    /// sentence ([`Analyzer::words`]).
    fn document(
        &self,
        text: String,
        paragraphs: Vec<Paragraph>,
        sentences: Vec<Sentence>,
    ) -> Document {
        self.document_in(text, paragraphs, sentences, 1)
    }

    /// [`Analyzer::document`] with the words found in `parts` parts.
    fn document_in(
        &self,
        text: String,
        paragraphs: Vec<Paragraph>,
        mut sentences: Vec<Sentence>,
        parts: usize,
    ) -> Document {
        static SERIAL: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let (tokens, stem_of_term, terms, stems) = self.words(&text, &mut sentences, parts);
        Document {
            text,
            language: self.language,
            paragraphs,
            sentences,
            tokens,
            stem_of_term,
            terms,
            stems,
            serial: SERIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// Analyses a text that the document may keep without copying it.
    ///
    /// With the `parallel` feature, a text of 256 KiB or more is analysed in parts on the
    /// threads of rayon's pool: its paragraphs are split, its words tokenized, normalized and
    /// stemmed, and its sentences' kinds told, part by part; the parts' vocabularies are then
    /// merged in order. The document is the same, id for id, for any number of parts.
    pub fn analyze_string(&self, text: String) -> Document {
        let parts = parts_for(text.len());
        self.analyze_in(text, parts)
    }

    /// [`Analyzer::analyze_string`] in `parts` parts (on several threads with the `parallel`
    /// feature).
    fn analyze_in(&self, text: String, parts: usize) -> Document {
        let mut paragraphs = find_paragraphs(&text, self.paragraph_mode);
        // Each part's sentences and paragraphs, its sentences numbered from 0, joined onto the
        // first part's.
        let groups = byte_parts(&paragraphs, |p| p.len(), parts);
        let mut split = map_parts(&mut paragraphs, &groups, |at, part| {
            self.sentences_of(&text, part, at)
        })
        .into_iter();
        let (mut sentences, mut paras) = split.next().unwrap_or_default();
        for (part_sentences, part_paras) in split {
            let at = sentences.len();
            sentences.extend(part_sentences);
            paras.extend(part_paras.into_iter().map(|p| Paragraph {
                sentences: p.sentences.start + at..p.sentences.end + at,
                ..p
            }));
        }

        let mut doc = self.document_in(text, paras, sentences, parts);
        let Document {
            text,
            paragraphs: paras,
            sentences,
            ..
        } = &mut doc;

        // Sentence kinds. The title is the first line of text, after any page chrome and
        // metadata that precede it (a navigation bar, a contact line, a date): sentences are
        // told one by one up to the first that is text, the rest (in parts) as after it.
        let n = sentences.len();
        let kind_of = |i: usize, s: &Sentence, before_text: bool| {
            classify(
                &text[s.span.range()],
                before_text,
                paras[s.paragraph].sentences.len() == 1,
                i + 1 == n,
                s.tokens.len(),
            )
        };
        // The lead: title-like lines and page chrome before the text. A site's banner or a
        // section's name may stand above the menu and the article's title (`FYI: Science
        // Policy News` / `FYI` / `/` / `Article` / the title; a slogan, a tag cloud, the
        // title): where navigation follows the first title-like line, the last one is the
        // title and the earlier ones are chrome. A lead line of one word (`ENDEFR`, `China`)
        // is chrome too. Otherwise the first is the title, and the later ones are told as
        // after it.
        // The lead is looked for in the first `LEAD_LINES` sentences (a page's header, not a
        // list of a million lines without punctuation told one by one).
        const LEAD_LINES: usize = 40;
        let mut lead = 0;
        let mut candidates = Vec::new();
        let mut menu_after_first = false;
        while lead < n.min(LEAD_LINES) {
            let mut kind = kind_of(lead, &sentences[lead], true);
            // (A one-word line is no menu between a title and its subtitles: `Headingley`
            // under `Leeds v Saracens (Fri)`.)
            let one_word = kind == SentenceKind::Title && sentences[lead].tokens.len() <= 1;
            if one_word {
                kind = SentenceKind::Navigation;
            }
            if kind == SentenceKind::Title {
                candidates.push(lead);
            } else if kind.is_boilerplate() {
                menu_after_first |=
                    kind == SentenceKind::Navigation && !one_word && !candidates.is_empty();
            } else {
                break;
            }
            sentences[lead].kind = kind;
            lead += 1;
        }
        if let Some((_, earlier)) = candidates.split_last() {
            if menu_after_first {
                for &c in earlier {
                    sentences[c].kind = SentenceKind::Navigation;
                }
            } else {
                // The first is the title; the rest of the lead is told again from the next.
                lead = candidates[0] + 1;
            }
        }
        let rest = &mut sentences[lead..];
        let bounds = byte_parts(rest, |s| s.span.len(), parts);
        map_parts(rest, &bounds, |at, part| {
            for (k, s) in part.iter_mut().enumerate() {
                s.kind = kind_of(lead + at + k, s, false);
            }
        });
        // A text that is all title and headings (one line without final punctuation, say) is
        // body text after all.
        if !sentences.iter().any(|s| s.kind.is_body())
            && sentences
                .iter()
                .any(|s| matches!(s.kind, SentenceKind::Title | SentenceKind::Heading))
        {
            for s in sentences.iter_mut() {
                if matches!(s.kind, SentenceKind::Title | SentenceKind::Heading) {
                    s.kind = SentenceKind::Body;
                }
            }
        }
        doc
    }

    /// The sentences of `paragraphs` (the document's paragraphs from number `first` on), and
    /// the paragraphs with their sentences numbered from 0.
    fn sentences_of(
        &self,
        text: &str,
        paragraphs: &[Span],
        first: usize,
    ) -> (Vec<Sentence>, Vec<Paragraph>) {
        let mut sentences = Vec::new();
        let mut paras = Vec::with_capacity(paragraphs.len());
        let mut raw = Vec::new();
        for (k, p) in paragraphs.iter().enumerate() {
            raw.clear();
            self.splitter.split(&text[p.range()], p.start, &mut raw);
            raw.retain(|s| s.start >= p.start && s.end <= p.end && s.start < s.end);
            repair(text, &mut raw, self.split_semicolons);
            let start = sentences.len();
            sentences.extend(raw.iter().enumerate().map(|(j, &span)| Sentence {
                span,
                paragraph: first + k,
                tokens: 0..0,
                kind: SentenceKind::Body,
                first_in_paragraph: j == 0,
            }));
            paras.push(Paragraph {
                span: *p,
                sentences: start..sentences.len(),
            });
        }
        (sentences, paras)
    }

    /// The tokens of each sentence (setting its token range), with interning and one stemming
    /// call per distinct term, in `parts` parts: the tokens, each term's stem, the terms and
    /// the stems. The first part's ids are the document's; each later part's terms are
    /// interned in the order they first appear in it, so every id is the one a single pass
    /// gives.
    fn words(
        &self,
        text: &str,
        sentences: &mut [Sentence],
        parts: usize,
    ) -> (Vec<Token>, Vec<TermId>, Vocab, Vocab) {
        let bounds = byte_parts(sentences, |s| s.span.len(), parts);
        let found = map_parts(sentences, &bounds, |_, part| {
            let bytes = part.iter().map(|s| s.span.len()).sum();
            self.words_of(text, part, bytes)
        });
        let mut found = found.into_iter().zip(&bounds);
        let Some((
            Words {
                mut tokens,
                mut stem_of_term,
                mut terms,
                mut stems,
            },
            _,
        )) = found.next()
        else {
            return Default::default();
        };
        for (part, r) in found {
            // Its sentences' token ranges start where the tokens so far end.
            let at = tokens.len();
            for s in &mut sentences[r.clone()] {
                s.tokens = s.tokens.start + at..s.tokens.end + at;
            }
            // The part's ids to the document's.
            let mut term_id = Vec::with_capacity(part.terms.len());
            let mut stem_id = vec![TermId::MAX; part.stems.len()];
            for t in 0..part.terms.len() {
                let (id, new) = terms.get_or_insert(part.terms.get(t as TermId));
                if new {
                    let local = part.stem_of_term[t] as usize;
                    if stem_id[local] == TermId::MAX {
                        stem_id[local] = stems.get_or_insert(part.stems.get(local as TermId)).0;
                    }
                    stem_of_term.push(stem_id[local]);
                }
                term_id.push(id);
            }
            tokens.reserve(part.tokens.len());
            tokens.extend(part.tokens.iter().map(|t| {
                let term = term_id[t.term as usize];
                Token {
                    term,
                    stem: stem_of_term[term as usize],
                    ..*t
                }
            }));
        }
        tokens.shrink_to_fit();
        (tokens, stem_of_term, terms, stems)
    }

    /// The words of `sentences` (`bytes` of text), with interning and one stemming call per
    /// distinct term.
    fn words_of(&self, text: &str, sentences: &mut [Sentence], bytes: usize) -> Words {
        // About one word per 5.5 bytes of English news: a guess on the high side, trimmed at
        // the end, so that a large text's tokens are not copied and doubled (a `Token` is 20
        // bytes a word: the largest part of a document).
        let mut tokens = Vec::with_capacity(bytes / 5 + 8);
        let mut spans = Vec::new();
        // Distinct words grow like the square root of the text (Heaps' law): about 4 √bytes in
        // a BBC article (181 in 1.9 KB), 14 √bytes in 1 MB of them (14,300); a fragment starts
        // small. A guess on the high side saves rehashing the tables as they fill.
        let guess = (bytes / 8).min(15 * bytes.isqrt()).clamp(8, 1 << 20);
        let mut terms = Vocab::with_capacity(guess, guess * 8);
        let mut stems = Vocab::with_capacity(guess, guess * 7);
        let mut term_info: Vec<(TermId, u8)> = Vec::with_capacity(guess);
        let mut buf = String::new();
        let mut memo = ShortWords::new(bytes);
        for s in sentences {
            spans.clear();
            self.tokenizer
                .tokenize(&text[s.span.range()], s.span.start, &mut spans);
            let start = tokens.len();
            for &sp in &spans {
                if sp.start < s.span.start || sp.end > s.span.end || sp.start >= sp.end {
                    continue;
                }
                let key = ShortWords::key(text.as_bytes(), sp.start, sp.len());
                if let Some((term, stem, flags)) = memo.get(key) {
                    if let Some(t) = Token::new(sp, term, stem, flags) {
                        tokens.push(t);
                    }
                    continue;
                }
                buf.clear();
                normalize_into(&text[sp.range()], &mut buf);
                if buf.is_empty() {
                    continue;
                }
                let (term, new) = terms.get_or_insert(&buf);
                if new {
                    let first = buf.chars().next().unwrap_or(' ');
                    let mut flags = 0;
                    // A traditional-script word's stem is its simplified form (the term keeps
                    // the original), so that both scripts share stems and stop words.
                    let simplified = if is_cjk(first) {
                        crate::normalize::simplified_same_offsets(&buf)
                    } else {
                        None
                    };
                    let root = simplified.as_deref().unwrap_or(&buf);
                    if self.stop_words.contains(root) {
                        flags |= STOP;
                    }
                    if first.is_numeric() {
                        flags |= NUMERIC;
                    }
                    if is_cjk(first) {
                        flags |= CJK;
                    }
                    let stem = if let Some(root) = simplified.as_deref() {
                        stems.get_or_insert(root).0
                    } else if !self.stemming || flags & (NUMERIC | CJK) != 0 || buf.len() <= 2 {
                        stems.get_or_insert(&buf).0
                    } else {
                        stem_cached(&self.stemmer, &buf, |st| stems.get_or_insert(st).0)
                    };
                    term_info.push((stem, flags));
                }
                let (stem, flags) = term_info[term as usize];
                memo.put(key, term, stem, flags);
                // A "word" of 4 GiB or more, or past 1 TiB of text, is left out.
                if let Some(t) = Token::new(sp, term, stem, flags) {
                    tokens.push(t);
                }
            }
            s.tokens = start..tokens.len();
        }
        Words {
            tokens,
            stem_of_term: term_info.iter().map(|&(s, _)| s).collect(),
            terms,
            stems,
        }
    }
}

/// The term, stem and flags of the words met last, as written in the text (before
/// normalizing): a direct-mapped table, so that the frequent words of a text ("the", "said",
/// "government") skip normalizing, hashing and the vocabulary's look-ups. A word of up to 15
/// bytes is its own key (its bytes and its length); a slot holds the last word that hashed to
/// it.
struct ShortWords {
    slots: Vec<((u64, u64), TermId, TermId, u8)>,
    bits: u32,
}

impl ShortWords {
    /// A table for `bytes` of text: a slot per 8 bytes, from 64 slots to 4,096 (128 KiB, in
    /// the second-level cache; with 1,024, 1 MB of news took 4 to 12 % longer in paired runs,
    /// and a short article pays for every slot it zeroes).
    fn new(bytes: usize) -> Self {
        let bits = (bytes / 8).max(1).ilog2().clamp(6, 12);
        ShortWords {
            slots: vec![((0, 0), 0, 0, 0); 1 << bits],
            bits,
        }
    }

    /// The key of the word of `len` bytes at `start` of `text`, or `(0, 0)` (no key: no slot
    /// holds it) for a word longer than 15 bytes: its first eight bytes, then the rest, with
    /// its length in the top byte of the part that ends it (a word of up to 7 bytes has an
    /// empty second part). Sixteen bytes are read at once where the text has them, and masked
    /// to the word's.
    #[inline]
    fn key(text: &[u8], start: usize, len: usize) -> (u64, u64) {
        if len > 15 {
            return (0, 0);
        }
        let (a, b) = match text.get(start..start + 16) {
            Some(sixteen) => (
                u64::from_le_bytes(sixteen[..8].try_into().expect("eight bytes")),
                u64::from_le_bytes(sixteen[8..].try_into().expect("eight bytes")),
            ),
            None => {
                let mut k = [0u8; 16];
                k[..len].copy_from_slice(&text[start..start + len]);
                (
                    u64::from_le_bytes(k[..8].try_into().expect("eight bytes")),
                    u64::from_le_bytes(k[8..].try_into().expect("eight bytes")),
                )
            }
        };
        let tag = (len as u64) << 56;
        if len <= 7 {
            (a & ((1u64 << (8 * len)) - 1) | tag, 0)
        } else {
            (a, b & ((1u64 << (8 * (len - 8))) - 1) | tag)
        }
    }

    fn slot(&self, key: (u64, u64)) -> usize {
        let h = (key.0 ^ key.1.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> (64 - self.bits)) as usize
    }

    fn get(&self, key: (u64, u64)) -> Option<(TermId, TermId, u8)> {
        let (k, term, stem, flags) = self.slots[self.slot(key)];
        (key != (0, 0) && k == key).then_some((term, stem, flags))
    }

    fn put(&mut self, key: (u64, u64), term: TermId, stem: TermId, flags: u8) {
        if key != (0, 0) {
            let i = self.slot(key);
            self.slots[i] = (key, term, stem, flags);
        }
    }
}

/// One part of a text's words ([`Analyzer::words_of`]): its tokens, with the part's own term
/// and stem ids, and its vocabulary.
struct Words {
    tokens: Vec<Token>,
    stem_of_term: Vec<TermId>,
    terms: Vocab,
    stems: Vocab,
}

/// Texts of at least this many bytes are analysed in parts on several threads (with the
/// `parallel` feature).
#[cfg(feature = "parallel")]
const PARALLEL_BYTES: usize = 1 << 18;

/// How many parts to analyse a text of `len` bytes in: one per thread of rayon's pool for a
/// long text (parts of at least 128 KiB), one without the `parallel` feature.
fn parts_for(len: usize) -> usize {
    #[cfg(feature = "parallel")]
    if len >= PARALLEL_BYTES {
        // Set to one thread, rayon's pool is not started for nothing: its thread would cost
        // `classify` of 1 MB 0.6 ms of 43 (a process with a second thread takes glibc's
        // malloc locks).
        if rayon::current_thread_index().is_none()
            && std::env::var_os("RAYON_NUM_THREADS").is_some_and(|n| n == "1")
        {
            return 1;
        }
        return rayon::current_num_threads().clamp(1, len / (PARALLEL_BYTES / 2));
    }
    let _ = len;
    1
}

/// `items` cut into at most `parts` consecutive ranges of about equal `size` (at least one
/// range, empty for no items).
fn byte_parts<T>(items: &[T], size: impl Fn(&T) -> usize, parts: usize) -> Vec<Range<usize>> {
    let parts = parts.clamp(1, items.len().max(1));
    if parts == 1 {
        return std::iter::once(0..items.len()).collect();
    }
    let total: usize = items.iter().map(&size).sum();
    let mut bounds = Vec::with_capacity(parts);
    let (mut start, mut sum) = (0, 0usize);
    for (i, x) in items.iter().enumerate() {
        sum += size(x);
        // Part `k` ends once the sizes reach k/parts of the total.
        if bounds.len() + 1 < parts && sum * parts >= total * (bounds.len() + 1) {
            bounds.push(start..i + 1);
            start = i + 1;
        }
    }
    bounds.push(start..items.len());
    bounds
}

/// `f(start, part)` for each part of `items` cut at `bounds` (consecutive ranges covering
/// it), in order (on several threads with the `parallel` feature).
fn map_parts<T: Send, R: Send>(
    items: &mut [T],
    bounds: &[Range<usize>],
    f: impl Fn(usize, &mut [T]) -> R + Sync + Send,
) -> Vec<R> {
    let mut rest = items;
    let mut parts = Vec::with_capacity(bounds.len());
    for r in bounds {
        let (part, tail) = std::mem::take(&mut rest).split_at_mut(r.len());
        parts.push((r.start, part));
        rest = tail;
    }
    #[cfg(feature = "parallel")]
    if parts.len() > 1 {
        use rayon::prelude::*;
        return parts
            .into_par_iter()
            .with_max_len(1)
            .map(|(at, part)| f(at, part))
            .collect();
    }
    parts.into_iter().map(|(at, part)| f(at, part)).collect()
}

/// English and Chinese stop words (NLTK's lists), as one set built once per process.
fn stop_word_set() -> &'static FxHashSet<&'static str> {
    static SET: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        stop_words::lookup("en")
            .unwrap_or(&[])
            .iter()
            .chain(stop_words::lookup("zh").unwrap_or(&[]))
            .copied()
            .collect()
    })
}

/// Stems `word`. A word of lower-case ASCII letters is stemmed directly (the same stems as
/// `rust-stemmers`, a seventh of its work), others by `rust-stemmers`. Within a document each
/// term is stemmed once; across the documents of a batch the same words recur, so once a
/// thread has stemmed [`STEMS_BEFORE_CACHE`] words, stems go through a per-thread cache
/// (cleared when it holds 200,000 words, which bounds it at a few megabytes).
fn stem_cached<R>(stemmer: &Stemmer, word: &str, f: impl FnOnce(&str) -> R) -> R {
    #[derive(Default)]
    struct Cache {
        stemmed: usize,
        stems: FxHashMap<Box<str>, Box<str>>,
    }
    thread_local! {
        static CACHE: std::cell::RefCell<Cache> = std::cell::RefCell::new(Cache::default());
    }
    let mut buf = [0u8; crate::stem::MAX];
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.stemmed < STEMS_BEFORE_CACHE {
            c.stemmed += 1;
            drop(c);
            return f(&stem_word(stemmer, word, &mut buf));
        }
        if let Some(st) = c.stems.get(word) {
            return f(st);
        }
        if c.stems.len() >= 200_000 {
            c.stems.clear();
        }
        let st: Box<str> = stem_word(stemmer, word, &mut buf).into();
        let r = f(&st);
        c.stems.insert(word.into(), st);
        r
    })
}

/// The stem of `word`: by the direct stemmer (written into `buf`, no allocation) when it takes
/// the word, otherwise by `rust-stemmers`.
fn stem_word<'a>(
    stemmer: &Stemmer,
    word: &'a str,
    buf: &'a mut [u8; crate::stem::MAX],
) -> std::borrow::Cow<'a, str> {
    match crate::stem::english(word, buf) {
        Some(st) => std::borrow::Cow::Borrowed(st),
        None => stemmer.stem(word),
    }
}

/// How many words a thread stems before it starts caching stems (see [`stem_cached`]).
const STEMS_BEFORE_CACHE: usize = 20_000;

/// Analyses `text` with the default English [`Analyzer`].
///
/// ```
/// let doc = brief_tokenize::analyze("2022-07-24 0 By\n\nWe will train talent.\n\n(Reporter Li Hua)");
/// let kinds: Vec<_> = doc.sentences().iter().map(|s| s.kind.as_str()).collect();
/// assert_eq!(kinds, ["metadata", "body", "credit"]);
/// ```
pub fn analyze(text: &str) -> Document {
    default_analyzer().analyze(text)
}

fn default_analyzer() -> &'static Analyzer {
    static DEFAULT: OnceLock<Analyzer> = OnceLock::new();
    DEFAULT.get_or_init(Analyzer::new)
}

/// Analyses a short fragment (a term, a phrase) with the default English [`Analyzer`], as one
/// body sentence: see [`Analyzer::analyze_fragment`].
///
/// ```
/// let doc = brief_tokenize::analyze_fragment("pointed out");
/// let stems: Vec<&str> = doc.tokens().iter().map(|t| doc.stem(t.stem)).collect();
/// assert_eq!(stems, ["point", "out"]);
/// ```
pub fn analyze_fragment(text: &str) -> Document {
    default_analyzer().analyze_fragment(text)
}

/// Analyses many short phrases at once with the default English [`Analyzer`]: see
/// [`Analyzer::analyze_phrases`].
///
/// ```
/// let (doc, ranges) = brief_tokenize::analyze_phrases(["we will", "reporter"]);
/// assert_eq!(ranges, [0..2, 2..3]);
/// assert_eq!(doc.stem(doc.tokens()[2].stem), "report");
/// ```
pub fn analyze_phrases<I, S>(phrases: I) -> (Document, Vec<Range<usize>>)
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    default_analyzer().analyze_phrases(phrases)
}

fn find_paragraphs(text: &str, mode: ParagraphMode) -> Vec<Span> {
    // Lines as spans without their line break.
    let mut lines = Vec::new();
    let mut start = 0;
    for i in memchr::memchr_iter(b'\n', text.as_bytes()) {
        lines.push(Span::new(start, i));
        start = i + 1;
    }
    lines.push(Span::new(start, text.len()));
    let blank = |s: &Span| text[s.range()].trim().is_empty();
    let mode = match mode {
        ParagraphMode::Auto => {
            // Blank lines between non-blank ones mean blank-line paragraphs.
            let mut seen_text = false;
            let mut pending_blank = false;
            let mut has_gap = false;
            for l in &lines {
                if blank(l) {
                    pending_blank = seen_text;
                } else {
                    if pending_blank {
                        has_gap = true;
                        break;
                    }
                    seen_text = true;
                }
            }
            if has_gap {
                ParagraphMode::Auto
            } else {
                ParagraphMode::Lines
            }
        }
        m => m,
    };
    let mut out = Vec::new();
    match mode {
        ParagraphMode::Lines => {
            out.extend(lines.iter().filter(|l| !blank(l)).copied());
        }
        // Blank lines separate paragraphs; inside a block, a line break wraps a line only
        // where the text reads on (see `wraps`), as `BlankLines` takes every one.
        ParagraphMode::BlankLines | ParagraphMode::Auto => {
            let hard = mode == ParagraphMode::Auto;
            let mut block: Vec<Span> = Vec::new();
            for l in lines
                .iter()
                .chain(std::iter::once(&Span::new(text.len(), text.len())))
            {
                if !blank(l) {
                    block.push(*l);
                    continue;
                }
                let width = hard.then(|| wrapped_block(text, &block)).flatten();
                let mut cur: Option<Span> = None;
                for (i, l) in block.iter().enumerate() {
                    cur = Some(match cur {
                        Some(c) if !hard || wraps(text, &block[i - 1], l, width) => {
                            Span::new(c.start, l.end)
                        }
                        Some(c) => {
                            out.push(c);
                            *l
                        }
                        None => *l,
                    });
                }
                out.extend(cur);
                block.clear();
            }
        }
    }
    // Trim each paragraph.
    out.into_iter()
        .map(|p| {
            let s = &text[p.range()];
            let lead = s.len() - s.trim_start().len();
            let trail = s.len() - s.trim_end().len();
            Span::new(p.start + lead, p.end - trail)
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// Whether a block of lines (between blank lines) is prose wrapped at a fixed width: at most
/// 100 characters a line, and at least two and at least half of the lines before the last as
/// long as 70 % of the longest (a paragraph of a saved page or a pasted article is one long
/// line; a menu, a footer or a dateline under a title are short lines of any length).
/// Returns the width (the longest line's characters) of a wrapped block, `None` otherwise.
fn wrapped_block(text: &str, block: &[Span]) -> Option<usize> {
    let width = block.iter().map(|l| line_width(text, l)).max().unwrap_or(0);
    let full = block[..block.len().saturating_sub(1)]
        .iter()
        .filter(|l| 10 * line_width(text, l) >= 7 * width)
        .count();
    (block.len() >= 3 && width <= 100 && full >= 2 && 2 * full >= block.len() - 1).then_some(width)
}

/// The characters of a line, without the spaces around it.
fn line_width(text: &str, line: &Span) -> usize {
    text[line.range()].trim().chars().count()
}

/// Whether the line break between `line` and `next` (lines of one block) wraps a line of
/// text rather than ending one: `line` has no final punctuation and either `next` reads on
/// in lower case or the block is wrapped prose of `width` and `line` is about as long as its
/// lines (70 % of the longest).
/// Otherwise the break ends a paragraph: a title over its dateline, a menu's items, "Previous:"
/// over "Next:", paragraphs of a page saved one per line.
fn wraps(text: &str, line: &Span, next: &Span, width: Option<usize>) -> bool {
    let l = text[line.range()].trim();
    let n = text[next.range()].trim_start();
    let ends = l.chars().next_back().is_some_and(|c| {
        matches!(
            c,
            '.' | '!'
                | '?'
                | ':'
                | ';'
                | '。'
                | '！'
                | '？'
                | '：'
                | '；'
                | '…'
                | '"'
                | '”'
                | '」'
                | '】'
        )
    });
    if ends {
        return false;
    }
    if n.chars().next().is_some_and(char::is_lowercase) {
        return true;
    }
    width.is_some_and(|w| 10 * line_width(text, line) >= 7 * w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn short_word_keys_are_the_words_themselves() {
        let words = [
            "a",
            "ab",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "government",
            "abcdefghijklmno",
            "abcdefghijklmnop",
            "abcdefgha",
            "abcdefgh\u{1}",
            "bcdefgh",
        ];
        let mut keys = std::collections::HashMap::new();
        for w in words {
            // The same word gives the same key wherever it sits, with text after it or not.
            let alone = ShortWords::key(w.as_bytes(), 0, w.len());
            let text = format!("xx {w} and more text after it");
            assert_eq!(ShortWords::key(text.as_bytes(), 3, w.len()), alone, "{w}");
            let end = format!("xx {w}");
            assert_eq!(ShortWords::key(end.as_bytes(), 3, w.len()), alone, "{w}");
            if w.len() > 15 {
                assert_eq!(alone, (0, 0));
            } else {
                assert_ne!(alone, (0, 0));
                assert_eq!(
                    keys.insert(alone, w),
                    None,
                    "{w} and another word share a key"
                );
            }
        }
        let mut memo = ShortWords::new(100);
        let k = ShortWords::key(b"government", 0, 10);
        assert_eq!(memo.get(k), None);
        memo.put(k, 3, 4, 1);
        assert_eq!(memo.get(k), Some((3, 4, 1)));
        assert_eq!(memo.get(ShortWords::key(b"governments", 0, 11)), None);
    }

    /// Everything a document holds, ids included, for comparing two analyses.
    fn contents(d: &Document) -> String {
        let terms: Vec<&str> = (0..d.num_terms() as TermId).map(|t| d.term(t)).collect();
        let stems: Vec<&str> = (0..d.num_stems() as TermId).map(|t| d.stem(t)).collect();
        format!(
            "{:?}\n{:?}\n{:?}\n{terms:?}\n{stems:?}\n{:?}",
            d.paragraphs, d.sentences, d.tokens, d.stem_of_term
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// A text analysed in parts (as on several threads) is the same document as in one
        /// pass, id for id: lines of English, numbers, page chrome, a parenthesized credit,
        /// traditional and simplified Chinese and stray punctuation, cut into 2 to 6 parts.
        #[test]
        fn parts_make_the_same_document(
            lines in proptest::collection::vec(
                prop_oneof![
                    "[A-Z][a-z]{1,8}( [a-z]{1,9}){0,12}[.?!;]",
                    "(Home > News|Editor: [A-Z][a-z]+|Updated: 2021-0[1-9]-1[0-9])",
                    "\\([A-Z][a-z]{2,6} [A-Z][a-z]{2,6}\\)",
                    "[0-9]{1,4}(\\.[0-9])?% of [a-z]{2,7} labs\\.",
                    "[科技创新实验室人才企業發展县市]{2,12}[。；！]",
                    "[“\"'(\\[]?[A-Za-z ,]{0,30}[”\"')\\]]?",
                    Just(String::new()),
                ],
                0..40,
            ),
            parts in 2usize..7,
        ) {
            let text = lines.join("\n");
            let a = Analyzer::new();
            let one = a.analyze_in(text.clone(), 1);
            let many = a.analyze_in(text, parts);
            prop_assert_eq!(contents(&one), contents(&many));
        }
    }

    #[test]
    fn kinds_after_the_first_text_know_the_last_sentence() {
        let kinds = |t: &str| -> Vec<SentenceKind> {
            let a = Analyzer::new();
            let one = a.analyze_in(t.to_owned(), 1);
            let two = a.analyze_in(t.to_owned(), 2);
            assert_eq!(contents(&one), contents(&two));
            one.sentences().iter().map(|s| s.kind).collect()
        };
        use SentenceKind::*;
        assert_eq!(
            kinds("Home > News\nLabs open\nThe lab opened.\n(Abc Def)"),
            [Navigation, Title, Body, Credit]
        );
        assert_eq!(
            kinds("The lab opened.\n(Abc Def)\nIt hired staff."),
            [Body, Heading, Body]
        );
    }

    #[test]
    fn byte_parts_cover_the_items_in_order() {
        let sizes = [5usize, 1, 1, 1, 9, 0, 3, 2];
        for parts in 1..12 {
            let b = byte_parts(&sizes, |&x| x, parts);
            assert!(!b.is_empty() && b.len() <= parts.min(sizes.len()));
            assert_eq!(b[0].start, 0);
            assert_eq!(b.last().unwrap().end, sizes.len());
            assert!(b.windows(2).all(|w| w[0].end == w[1].start));
        }
        assert_eq!(byte_parts(&sizes, |&x| x, 2), [0..5, 5..8]);
        assert_eq!(
            byte_parts::<usize>(&[], |&x| x, 4),
            std::iter::once(0..0).collect::<Vec<_>>()
        );
    }

    #[test]
    #[cfg(target_pointer_width = "64")]
    fn a_token_is_20_bytes_and_keeps_spans_up_to_its_limits() {
        assert_eq!(std::mem::size_of::<Token>(), 20);
        for (start, len) in [
            (0, 1),
            (7, 3),
            (u32::MAX as usize, 5),
            (1 << 39, u32::MAX as usize),
        ] {
            let t = Token::new(Span::new(start, start + len), 1, 2, STOP).unwrap();
            assert_eq!(t.span(), Span::new(start, start + len));
            assert_eq!((t.term, t.stem, t.is_stop()), (1, 2, true));
        }
        let max = Token::MAX_START as usize;
        assert_eq!(
            Token::new(Span::new(max, max + 1), 0, 0, 0)
                .unwrap()
                .span()
                .start,
            max
        );
        // Beyond 1 TiB of text, or a "word" of 4 GiB: no token, never a wrong span.
        assert!(Token::new(Span::new(max + 1, max + 2), 0, 0, 0).is_none());
        assert!(Token::new(Span::new(0, 1 << 32), 0, 0, 0).is_none());
    }
}
