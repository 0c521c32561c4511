//! Word tokenizers: the [`WordTokenizer`] trait, the fast [`NativeTokenizer`] and the
//! [`HfWordTokenizer`] built on Hugging Face `tokenizers`.

use crate::Span;
#[cfg(feature = "hf")]
pub use hf::HfWordTokenizer;

/// Splits text into word spans.
///
/// Implementations append the byte spans of the words of `text` to `out`, each shifted by
/// `base` (the offset of `text` in the document), in order and without overlap. Only words are
/// reported: punctuation and whitespace are skipped. Normalization and stemming are done by the
/// [`Analyzer`](crate::Analyzer), not by the tokenizer.
///
/// ```
/// use brief_tokenize::{NativeTokenizer, Span, WordTokenizer};
///
/// let mut out = Vec::new();
/// NativeTokenizer.tokenize("R&D spending rose 3.5%.", 0, &mut out);
/// let words: Vec<&str> = out.iter().map(|s| &"R&D spending rose 3.5%."[s.start..s.end]).collect();
/// assert_eq!(words, ["R&D", "spending", "rose", "3.5"]);
/// ```
///
/// A tokenizer is shared by the threads that analyse a long text's parts (with the `parallel`
/// feature), so it is `Sync`.
pub trait WordTokenizer: Sync {
    /// Appends the word spans of `text`, shifted by `base`, to `out`.
    fn tokenize(&self, text: &str, base: usize, out: &mut Vec<Span>);
}

impl<T: WordTokenizer + ?Sized> WordTokenizer for &T {
    fn tokenize(&self, text: &str, base: usize, out: &mut Vec<Span>) {
        (**self).tokenize(text, base, out)
    }
}

impl<T: WordTokenizer + ?Sized> WordTokenizer for Box<T> {
    fn tokenize(&self, text: &str, base: usize, out: &mut Vec<Span>) {
        (**self).tokenize(text, base, out)
    }
}

/// The fast native word tokenizer used on the hot path.
///
/// A word is a run of letters, digits and combining marks. Inside a word, an apostrophe
/// between letters (`China's`), `&` between letters (`R&D`) and `.` or `,` between digits
/// (`3.5`, `1,000`) are kept. A run of Chinese characters is segmented into words by
/// `jieba-rs` (its embedded dictionary plus brief's policy terms, `data/zh/policy-terms.txt`:
/// 揭榜挂帅, 科技特派员, 新型研发机构, …) with the default feature `zh`; without it, and for
/// kana and hangul, each character is a word of its own. Traditional script is segmented in
/// its simplified form ([`to_simplified`](crate::to_simplified)), with spans on the original
/// characters. Hyphens split words (`high-quality`
/// gives `high` and `quality`).
#[derive(Debug, Clone, Copy, Default)]
pub struct NativeTokenizer;

/// Whether `c` is a CJK character that brief reads as a word or part of one without spaces:
/// kana, Han ideographs (the main block, extensions A to G, compatibility ideographs) and
/// Hangul syllables. The tokenizer, the encoding detector and ROUGE share this definition.
///
/// ```
/// assert!(brief_tokenize::is_cjk('实') && brief_tokenize::is_cjk('か'));
/// assert!(!brief_tokenize::is_cjk('a') && !brief_tokenize::is_cjk('。'));
/// ```
#[inline]
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0xAC00..=0xD7AF) || is_han(c)
}

/// Han ideographs (Chinese characters, simplified and traditional: the main block,
/// extensions A to G, compatibility ideographs), which jieba segments.
///
/// ```
/// assert!(brief_tokenize::is_han('实') && brief_tokenize::is_han('實'));
/// assert!(!brief_tokenize::is_han('か') && !brief_tokenize::is_han('a'));
/// ```
#[inline]
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// brief's Chinese policy terms for the segmenter (word, frequency, tag per line).
#[cfg(feature = "zh")]
pub const ZH_POLICY_TERMS: &str = include_str!("../../../data/zh/policy-terms.txt");

#[cfg(feature = "zh")]
fn jieba() -> &'static jieba_rs::Jieba {
    static J: std::sync::OnceLock<jieba_rs::Jieba> = std::sync::OnceLock::new();
    J.get_or_init(|| {
        let mut j = jieba_rs::Jieba::new();
        let mut r = std::io::BufReader::new(ZH_POLICY_TERMS.as_bytes());
        // The shipped file is checked by a unit test.
        let _ = j.load_dict(&mut r);
        j
    })
}

/// Pushes the words of a run of Han characters.
fn segment_han(run: &str, base: usize, out: &mut Vec<Span>) {
    #[cfg(feature = "zh")]
    {
        // Traditional script is segmented in its simplified form (jieba's dictionary is
        // simplified); the two have the same byte offsets, so the spans cut the original.
        let simplified = crate::normalize::simplified_same_offsets(run);
        let mut pos = 0;
        for w in jieba().cut(simplified.as_deref().unwrap_or(run), true) {
            out.push(Span::new(base + pos, base + pos + w.word.len()));
            pos += w.word.len();
        }
    }
    #[cfg(not(feature = "zh"))]
    for (k, ch) in run.char_indices() {
        out.push(Span::new(base + k, base + k + ch.len_utf8()));
    }
}

#[inline]
fn is_word_char(c: char) -> bool {
    // Punctuation of Chinese and typographic text (`，` `、` `“` `—`) is common enough to be
    // told apart without the Unicode tables (a test checks these ranges hold no letter or digit).
    if is_wide_punctuation(c) {
        return false;
    }
    c.is_alphanumeric() || matches!(c, '\u{0300}'..='\u{036F}')
}

/// General punctuation, CJK punctuation and the full-width ASCII punctuation: no letters or
/// digits among them.
#[inline]
fn is_wide_punctuation(c: char) -> bool {
    matches!(
        c as u32,
        0x2000..=0x206F
            | 0x3000..=0x3004
            | 0x3008..=0x3020
            | 0xFF01..=0xFF0F
            | 0xFF1A..=0xFF20
            | 0xFF3B..=0xFF40
            | 0xFF5B..=0xFF65
    )
}

#[inline]
fn is_joiner(prev: char, c: char, next: char) -> bool {
    match c {
        '\'' | '\u{2019}' => prev.is_alphabetic() && next.is_alphabetic(),
        '&' => prev.is_alphabetic() && next.is_alphabetic(),
        '.' | ',' => prev.is_ascii_digit() && next.is_ascii_digit(),
        _ => false,
    }
}

/// ASCII letters and digits: the word bytes of ASCII text, looked up by byte.
static ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// The first position at or after `from` that does not hold an ASCII letter or digit
/// (`bytes.len()` if none): eight bytes at a time, so that a word costs one well-predicted
/// branch instead of one per letter.
#[inline]
fn ascii_word_end(bytes: &[u8], from: usize) -> usize {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const fn each(b: u8) -> u64 {
        u64::from_le_bytes([b; 8])
    }
    // The high bit of each byte of `v` (7-bit bytes) that lies in `lo..=hi`: the sums stay
    // within their bytes.
    let in_range = |v: u64, lo: u8, hi: u8| {
        v.wrapping_add(each(0x80 - lo)) & !v.wrapping_add(each(0x7F - hi)) & HIGH
    };
    let mut at = from;
    while let Some(eight) = bytes.get(at..at + 8) {
        let x = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
        let v = x & LOW7;
        let word = (in_range(v | each(0x20), b'a', b'z') | in_range(v, b'0', b'9')) & !x;
        let other = !word & HIGH;
        if other != 0 {
            return at + (other.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while at < bytes.len() && ASCII_WORD[bytes[at] as usize] {
        at += 1;
    }
    at
}

impl WordTokenizer for NativeTokenizer {
    fn tokenize(&self, text: &str, base: usize, out: &mut Vec<Span>) {
        let bytes = text.as_bytes();
        let mut i = 0;
        let n = bytes.len();
        let mut start: Option<usize> = None;
        let mut prev = ' ';
        while i < n {
            let b = bytes[i];
            if ASCII_WORD[b as usize] {
                // A run of ASCII letters and digits at once: each is a word character.
                let end = ascii_word_end(bytes, i + 1);
                start.get_or_insert(i);
                prev = bytes[end - 1] as char;
                i = end;
                continue;
            }
            if b < 0x80 {
                // Another ASCII character ends a word, unless it joins two parts of one: an
                // apostrophe or `&` between letters, `.` or `,` between digits (the rule of
                // `is_joiner`, asked only of the characters it can hold for).
                if let Some(s) = start {
                    let joins = matches!(b, b'\'' | b'&' | b'.' | b',') && {
                        let next = text[i + 1..].chars().next().unwrap_or(' ');
                        is_joiner(prev, b as char, next) && is_word_char(next) && !is_cjk(next)
                    };
                    if !joins {
                        out.push(Span::new(base + s, base + i));
                        start = None;
                    }
                }
                prev = b as char;
                i += 1;
                continue;
            }
            let c = text[i..].chars().next().unwrap_or(' ');
            let len = c.len_utf8();
            if is_cjk(c) {
                if let Some(s) = start.take() {
                    out.push(Span::new(base + s, base + i));
                }
                if is_han(c) {
                    // The whole run of Han characters, segmented at once.
                    let run_end = text[i..]
                        .char_indices()
                        .find(|&(_, ch)| !is_han(ch))
                        .map_or(n, |(k, _)| i + k);
                    segment_han(&text[i..run_end], base + i, out);
                    prev = text[..run_end].chars().next_back().unwrap_or(c);
                    i = run_end;
                    continue;
                }
                out.push(Span::new(base + i, base + i + len));
                prev = c;
                i += len;
                continue;
            }
            if is_word_char(c) {
                if start.is_none() {
                    start = Some(i);
                }
            } else if let Some(s) = start {
                let next = text[i + len..].chars().next().unwrap_or(' ');
                if !(is_joiner(prev, c, next) && is_word_char(next) && !is_cjk(next)) {
                    out.push(Span::new(base + s, base + i));
                    start = None;
                }
            }
            prev = c;
            i += len;
        }
        if let Some(s) = start {
            out.push(Span::new(base + s, base + n));
        }
    }
}

#[cfg(feature = "hf")]
mod hf {
    use super::{NativeTokenizer, WordTokenizer};
    use crate::error::{Error, ErrorKind};
    use crate::Span;
    use tokenizers::normalizers::NormalizerWrapper;
    use tokenizers::pre_tokenizers::bert::BertPreTokenizer;
    use tokenizers::pre_tokenizers::PreTokenizerWrapper;
    use tokenizers::{
        Normalizer, OffsetReferential, OffsetType, PreTokenizedString, PreTokenizer, Tokenizer,
    };

    /// A word tokenizer built on the normalizer and pre-tokenizer stages of Hugging Face
    /// `tokenizers`.
    ///
    /// By default it uses BERT's pre-tokenizer (split on whitespace and punctuation, each CJK
    /// character apart). [`HfWordTokenizer::from_file`] takes the stages of any `tokenizer.json`
    /// instead, so words match what a user's language model sees. Spans that hold no letter or digit
    /// are dropped; offsets always point into the original text.
    ///
    /// ```
    /// use brief_tokenize::{HfWordTokenizer, WordTokenizer};
    ///
    /// let text = "Key core technologies, e.g. chips.";
    /// let mut out = Vec::new();
    /// HfWordTokenizer::default().tokenize(text, 0, &mut out);
    /// let words: Vec<&str> = out.iter().map(|s| &text[s.start..s.end]).collect();
    /// assert_eq!(words, ["Key", "core", "technologies", "e", "g", "chips"]);
    /// ```
    #[derive(Clone)]
    pub struct HfWordTokenizer {
        normalizer: Option<NormalizerWrapper>,
        pre_tokenizer: PreTokenizerWrapper,
    }

    impl std::fmt::Debug for HfWordTokenizer {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.debug_struct("HfWordTokenizer")
                .field("normalizer", &self.normalizer.is_some())
                .finish_non_exhaustive()
        }
    }

    impl Default for HfWordTokenizer {
        fn default() -> Self {
            HfWordTokenizer {
                normalizer: None,
                pre_tokenizer: PreTokenizerWrapper::BertPreTokenizer(BertPreTokenizer),
            }
        }
    }

    impl HfWordTokenizer {
        /// Builds a word tokenizer from explicit `tokenizers` stages.
        pub fn new(
            normalizer: Option<NormalizerWrapper>,
            pre_tokenizer: PreTokenizerWrapper,
        ) -> Self {
            HfWordTokenizer {
                normalizer,
                pre_tokenizer,
            }
        }

        /// Takes the normalizer and pre-tokenizer of a `tokenizer.json` file.
        ///
        /// A file without a pre-tokenizer falls back to BERT's.
        pub fn from_file(path: impl AsRef<std::path::Path>) -> Result<Self, Error> {
            let path = path.as_ref();
            let tok = Tokenizer::from_file(path).map_err(|e| {
                Error::new(ErrorKind::Tokenizer(format!(
                    "cannot load {}",
                    path.display()
                )))
                .with_source(e)
            })?;
            Ok(Self::from_tokenizer(&tok))
        }

        /// Takes the normalizer and pre-tokenizer of a loaded tokenizer.
        pub fn from_tokenizer(tok: &Tokenizer) -> Self {
            HfWordTokenizer {
                normalizer: tok.get_normalizer().cloned(),
                pre_tokenizer: tok
                    .get_pre_tokenizer()
                    .cloned()
                    .unwrap_or(PreTokenizerWrapper::BertPreTokenizer(BertPreTokenizer)),
            }
        }
    }

    impl WordTokenizer for HfWordTokenizer {
        fn tokenize(&self, text: &str, base: usize, out: &mut Vec<Span>) {
            let mut pts = PreTokenizedString::from(text);
            if let Some(n) = &self.normalizer {
                if pts.normalize(|s| n.normalize(s)).is_err() {
                    return NativeTokenizer.tokenize(text, base, out);
                }
            }
            if self.pre_tokenizer.pre_tokenize(&mut pts).is_err() {
                return NativeTokenizer.tokenize(text, base, out);
            }
            let mut last_end = 0;
            for (_, (a, b), _) in pts.get_splits(OffsetReferential::Original, OffsetType::Byte) {
                if a < last_end || b > text.len() || a >= b {
                    continue;
                }
                let Some(piece) = text.get(a..b) else {
                    continue;
                };
                if piece.chars().any(|c| c.is_alphanumeric()) {
                    out.push(Span::new(base + a, base + b));
                    last_end = b;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_punctuation_holds_no_letter_or_digit() {
        let wide: Vec<char> = (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| is_wide_punctuation(c))
            .collect();
        assert!(wide.contains(&'，') && wide.contains(&'、') && wide.contains(&'“'));
        for c in wide {
            assert!(!c.is_alphanumeric(), "{c:?}");
        }
    }

    /// The tokenizer's rule, a character at a time: a word is a run of word characters, which
    /// a joiner between two parts does not break; a Han run is segmented as one; another CJK
    /// character is a word of its own.
    fn reference(text: &str) -> Vec<Span> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let at = |k: usize| chars.get(k).map_or(text.len(), |x| x.0);
        let mut out = Vec::new();
        let mut word: Option<usize> = None;
        let mut prev = ' ';
        let mut k = 0;
        while let Some(&(i, c)) = chars.get(k) {
            let next = chars.get(k + 1).map_or(' ', |x| x.1);
            if is_cjk(c) {
                out.extend(word.take().map(|s| Span::new(s, i)));
                let run = chars[k..].iter().take_while(|x| is_han(x.1)).count();
                if run > 0 {
                    segment_han(&text[i..at(k + run)], i, &mut out);
                    k += run;
                    prev = chars[k - 1].1;
                } else {
                    out.push(Span::new(i, at(k + 1)));
                    prev = c;
                    k += 1;
                }
                continue;
            }
            if is_word_char(c) {
                word.get_or_insert(i);
            } else if word.is_some()
                && !(is_joiner(prev, c, next) && is_word_char(next) && !is_cjk(next))
            {
                out.extend(word.take().map(|s| Span::new(s, i)));
            }
            prev = c;
            k += 1;
        }
        out.extend(word.map(|s| Span::new(s, text.len())));
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn native_splits_as_the_reference_does(
            text in "([a-zA-Z0-9]{0,6}|[ .,'&\\-_!?;:()\\n\\t]|[\u{2019}\u{e9}\u{301}\u{ff0c}\u{3001}\u{4e2d}\u{56fd}\u{ac00}\u{3042}\u{2014}\u{3b1}\u{430}]){0,40}"
        ) {
            let mut out = Vec::new();
            NativeTokenizer.tokenize(&text, 0, &mut out);
            proptest::prop_assert_eq!(out, reference(&text));
        }
    }

    #[test]
    fn ascii_word_end_reads_eight_bytes_as_one() {
        // Every byte value at every position of a run, and runs of every length.
        for b in 0..=255u8 {
            for pos in 0..12 {
                let mut text = vec![b'a'; 12];
                text[pos] = b;
                let want = if ASCII_WORD[b as usize] { 12 } else { pos };
                assert_eq!(ascii_word_end(&text, 0), want, "byte {b:#x} at {pos}");
            }
        }
        for len in 0..20 {
            let text: Vec<u8> = (0..len).map(|k| b"aZ09mQ"[k % 6]).chain(*b" x").collect();
            assert_eq!(ascii_word_end(&text, 0), len);
            assert_eq!(ascii_word_end(&text[..len], 0), len);
        }
    }

    #[test]
    fn native_splits_joiners_as_the_reference_does() {
        for text in [
            "China's R&D 1,000.5 units' end 5, 6 a.b 7.x x.7 R&",
            "l'été O\u{2019}Neil 3,4,5. Éva's café&co 1.e 中国's R&中",
            "a'\u{e9} a'\u{4e2d} 9.\u{ff19} x&\u{301}y '",
        ] {
            let mut out = Vec::new();
            NativeTokenizer.tokenize(text, 0, &mut out);
            assert_eq!(out, reference(text), "{text}");
        }
    }

    fn words<'a>(t: &impl WordTokenizer, text: &'a str) -> Vec<&'a str> {
        let mut out = Vec::new();
        t.tokenize(text, 0, &mut out);
        out.iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn native_keeps_joined_words() {
        assert_eq!(
            words(
                &NativeTokenizer,
                "China's R&D rose 1,000.5 units; high-quality."
            ),
            ["China's", "R&D", "rose", "1,000.5", "units", "high", "quality"]
        );
    }

    #[test]
    fn native_glued_period_splits_words() {
        assert_eq!(words(&NativeTokenizer, "campaign.Pay"), ["campaign", "Pay"]);
    }

    #[test]
    fn native_chinese_runs_are_segmented() {
        let got = words(&NativeTokenizer, "科技创新ABC。ひらがな");
        #[cfg(feature = "zh")]
        assert_eq!(got, ["科技创新", "ABC", "ひ", "ら", "が", "な"]);
        #[cfg(not(feature = "zh"))]
        assert_eq!(got, ["科", "技", "创", "新", "ABC", "ひ", "ら", "が", "な"]);
    }

    #[test]
    fn native_trailing_joiner_is_dropped() {
        assert_eq!(words(&NativeTokenizer, "talents' 3."), ["talents", "3"]);
        assert_eq!(words(&NativeTokenizer, "ends with &"), ["ends", "with"]);
    }

    #[test]
    fn native_offsets_shift_by_base() {
        let mut out = Vec::new();
        NativeTokenizer.tokenize("ab cd", 10, &mut out);
        assert_eq!(out, [Span::new(10, 12), Span::new(13, 15)]);
    }

    #[cfg(feature = "hf")]
    #[test]
    fn hf_splits_punctuation() {
        assert_eq!(
            words(&HfWordTokenizer::default(), "China's “key” tech"),
            ["China", "s", "key", "tech"]
        );
    }
}
