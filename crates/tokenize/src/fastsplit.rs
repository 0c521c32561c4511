//! The regex-free path of [`SentencexSplitter`](crate::SentencexSplitter).
//!
//! `sentencex` compiles four regular expressions the first time it splits anything (quotes,
//! parentheses, e-mail addresses, terminator runs): 3.9 M instructions, more than half of a
//! whole `brief summarize` on a 3 KB article. Most news paragraphs need none of them: their
//! quotes are plain `"..."` or `“...”` pairs, their terminators `.`, `?`, `!` or `。`.
//!
//! This module splits such a paragraph the way `sentencex` 0.1.33's English rules do, step for
//! step (`collect_sentence_breaks` in its `languages/language.rs`): the same terminator runs, the
//! same quoted and parenthesized ranges, the same treatment of a terminator inside a quotation
//! and of a closing quote after one. Every linguistic decision (abbreviations, initials, sentence
//! starters, trailing markers such as `a.m.`) is still `sentencex`'s own: it comes from the
//! public methods of its `Language` trait, which need no regular expression.
//!
//! Single quotes are read as `sentencex`'s regular expression reads them (`\B'\b…[^\s']'\B`,
//! and a line that opens and closes with one), brackets as parentheses, and lists (bulleted,
//! numbered or lettered items, in lines or inline) as its `detect_list_items` finds them.
//!
//! A paragraph with anything this path does not reproduce is declined ([`split`] returns
//! `false`) and goes to `sentencex` in full: two `'` that it pairs as a quotation padded with
//! spaces (`' yes. '`, which may hold or straddle other quotations), `''`, backticks, `\n\n`,
//! carriage returns, `…`, and terminators of other scripts. E-mail addresses are found as its
//! expression finds them. The two paths agree: a property test compares them on generated
//! text, and the 1,347 BBC, 481 CNN and 45 policy-news dev documents and the 5,255 STIP Compass
//! records give the same sentences both ways (`examples/parity.rs`).

use sentencex::languages::{English, Language};

/// A quotation pair of `sentencex` without a backtick or `''`: its opener and closer. (`'`
/// opens a quotation only where [`single_quote_at`] finds one.)
const PAIRS: &[(char, char)] = &[
    ('\'', '\''),
    ('"', '"'),
    ('«', '»'),
    ('‘', '’'),
    ('‚', '‚'),
    ('“', '”'),
    ('‛', '‛'),
    ('„', '“'),
    ('»', '«'),
    ('‟', '‟'),
    ('‹', '›'),
    ('《', '》'),
    ('「', '」'),
];

/// The closers `sentencex` looks for after a terminator, longest (in bytes) first, in its order;
/// the ones with a backtick or `''` are left out (a paragraph with them is declined).
const CLOSERS_BY_LEN: &[&str] = &[
    "’", "‚", "”", "‛", "“", "‟", "›", "》", "」", "»", "«", "'", "\"",
];

/// Sentence terminators other than `.`, `!`, `?` (Unicode `Sentence_Break` STerm and ATerm, the
/// set `sentencex` uses): the ones this path handles.
const CJK_TERMINATORS: &[char] = &['。', '！', '？', '．', '｡', '﹒', '﹖', '﹗'];

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?') || (!c.is_ascii() && CJK_TERMINATORS.contains(&c))
}

/// Whether `c` is a sentence terminator of another script (Unicode `Sentence_Break` STerm or
/// ATerm, outside the ones this path handles), or a character whose class this path does not
/// decide: the paragraph then goes to `sentencex`.
fn is_foreign_terminator(c: char) -> bool {
    let u = c as u32;
    // Every STerm/ATerm code point lies in these blocks.
    matches!(u,
        0x0589 | 0x061D..=0x061F | 0x06D4 | 0x0700..=0x0702 | 0x07F9 | 0x0837..=0x083E
        | 0x0964 | 0x0965 | 0x104A | 0x104B | 0x1362..=0x1368 | 0x166E | 0x1735 | 0x1736
        | 0x1803 | 0x1809 | 0x1944 | 0x1945 | 0x1AA8..=0x1AAB | 0x1B5A..=0x1B5F
        | 0x1B7D | 0x1B7E | 0x1C3B | 0x1C3C | 0x1C7E | 0x1C7F | 0x2024 | 0x203C | 0x203D
        | 0x2047..=0x2049 | 0x2E2E | 0x2E3C | 0x2E53 | 0x2E54 | 0xA4FF | 0xA60E | 0xA60F
        | 0xA6F3 | 0xA6F7 | 0xA876 | 0xA877 | 0xA8CE | 0xA8CF | 0xA92F | 0xA9C8 | 0xA9C9
        | 0xAA5D..=0xAA5F | 0xAAF0 | 0xAAF1 | 0xABEB | 0x10A56 | 0x10A57 | 0x10F55..=0x10F59
        | 0x10F86..=0x10F89 | 0x11047 | 0x11048 | 0x110BE..=0x110C1 | 0x11141..=0x11143
        | 0x111C5 | 0x111C6 | 0x111CD | 0x111DE | 0x111DF | 0x11238..=0x1123C | 0x112A9
        | 0x1144B | 0x1144C | 0x115C2..=0x115D7 | 0x11641 | 0x11642 | 0x1173C..=0x1173E
        | 0x11944 | 0x11946 | 0x11A42 | 0x11A43 | 0x11A9B | 0x11A9C | 0x11C41 | 0x11C42
        | 0x11EF7 | 0x11EF8 | 0x11F43 | 0x11F44 | 0x16A6E | 0x16A6F | 0x16AF5 | 0x16B37
        | 0x16B38 | 0x16B44 | 0x16E98 | 0x1BC9F | 0x1DA88)
}

/// A word character as the regex `\w` sees it (Unicode: alphabetic, decimal digits, marks,
/// connector punctuation, joiners), read from `regex-syntax`'s own table.
fn is_word(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        regex_syntax::is_word_character(c)
    }
}

/// The bullets `sentencex`'s list detection knows.
const BULLETS: &[char] = &[
    '•', '◦', '▪', '▫', '■', '□', '●', '○', '⁃', '⁌', '⁍', '◆', '◇', '★', '☆', '➤', '➢', '➣', '▶',
    '▸', '►',
];

/// The kinds of list-item marker `sentencex` tells apart (its `MarkerFamily`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    /// A bullet or a parenthesized form (`(1)`, `(a)`, `(iv)`): a list by itself at a line's
    /// start.
    Tier1,
    /// `*`, `+`, `-`.
    Bullet,
    /// `1.`, `1)`, `1.)`.
    Numeric,
    /// `a)`, `A.)`.
    LetterParen,
    /// `a.` (lower case).
    LetterDot,
    /// `ii.`, `iii)` (two letters or more; one letter joins them when they are there).
    Roman,
}

const FAMILIES: usize = 6;

fn is_roman_byte(c: u8) -> bool {
    matches!(
        c.to_ascii_lowercase(),
        b'i' | b'v' | b'x' | b'l' | b'c' | b'd' | b'm'
    )
}

/// A list-item marker at the start of `s` as `sentencex` reads one (its `consume_marker`): its
/// length and family.
fn list_marker(s: &str) -> Option<(usize, Family)> {
    let b = s.as_bytes();
    let first = *b.first()?;
    let closer = |pos: usize| match b.get(pos) {
        Some(b'.') if b.get(pos + 1) == Some(&b')') => Some(2),
        Some(b'.' | b')') => Some(1),
        _ => None,
    };
    if first == 0xE2 {
        let c = s.chars().next()?;
        if BULLETS.contains(&c) {
            return Some((c.len_utf8(), Family::Tier1));
        }
    }
    if let Some(inside) = s.strip_prefix('(') {
        if let Some(close) = inside.find(')') {
            let inner = &inside.as_bytes()[..close];
            let numeric = (1..=2).contains(&inner.len()) && inner.iter().all(u8::is_ascii_digit);
            let letter = inner.len() == 1 && inner[0].is_ascii_alphabetic();
            let romans = !inner.is_empty() && inner.iter().all(|&c| is_roman_byte(c));
            if numeric || letter || romans {
                return Some((close + 2, Family::Tier1));
            }
        }
    }
    let romans = b.iter().take_while(|&&c| is_roman_byte(c)).count();
    if romans >= 2 {
        if let Some(cl) = closer(romans) {
            return Some((romans + cl, Family::Roman));
        }
    }
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 {
        if let Some(cl) = closer(digits) {
            return Some((digits + cl, Family::Numeric));
        }
    }
    if matches!(first, b'*' | b'+' | b'-') {
        return Some((1, Family::Bullet));
    }
    if b.len() >= 2 && first.is_ascii_alphabetic() {
        match b[1] {
            b')' => return Some((2, Family::LetterParen)),
            b'.' if b.get(2) == Some(&b')') => return Some((3, Family::LetterParen)),
            _ => {}
        }
    }
    (b.len() >= 2 && first.is_ascii_lowercase() && b[1] == b'.').then_some((2, Family::LetterDot))
}

/// The first character after the spaces that follow a marker (at least one space), if any.
fn after_marker(s: &str) -> Option<char> {
    let rest = s.trim_start_matches([' ', '\t']);
    if rest.len() == s.len() {
        return None;
    }
    rest.chars().next().filter(|&c| c != '\n' && c != '\r')
}

/// A place where a list item may start (`sentencex`'s `Candidate`).
#[derive(Clone, Copy)]
struct Candidate {
    pos: usize,
    family: Family,
    first_byte: u8,
    line_start: bool,
}

/// The list-item candidates of one line, `start..end` of `text` (its line break included):
/// `sentencex`'s `scan_line`.
fn scan_line(text: &str, start: usize, end: usize, out: &mut Vec<Candidate>) {
    let b = text.as_bytes();
    let content = start
        + b[start..end]
            .iter()
            .take_while(|&&c| c == b' ' || c == b'\t')
            .count();
    let line = &text[content..end];
    if let Some((len, family)) = list_marker(line) {
        if after_marker(&line[len..]).is_some() {
            out.push(Candidate {
                pos: start,
                family,
                first_byte: b[content],
                line_start: true,
            });
        }
    }
    // In a line, only a marker closed by `)` or a bullet counts (`sentencex` drops a bare
    // `1.`, and `*`, `+`, `-`, there), so only words holding a `)` or a bullet's lead byte 0xE2
    // are read: each one's start, when a space or tab comes before it, is where `sentencex`
    // would look.
    let (mut word_start, mut scanned, mut checked) = (content, content, usize::MAX);
    for q in memchr::memchr2_iter(b')', 0xE2, &b[content..end]).map(|r| r + content) {
        if let Some(sp) = b[scanned..q].iter().rposition(|&c| c == b' ' || c == b'\t') {
            word_start = scanned + sp + 1;
        }
        scanned = q + 1;
        if word_start == content || word_start == checked {
            continue;
        }
        checked = word_start;
        let s = &text[word_start..end];
        let Some((len, family)) = list_marker(s) else {
            continue;
        };
        let bare_dot = s.as_bytes()[len - 1] == b'.'
            && matches!(family, Family::Numeric | Family::LetterDot | Family::Roman);
        if bare_dot || family == Family::Bullet {
            continue;
        }
        if after_marker(&s[len..]).is_some_and(|next| !next.is_lowercase()) {
            out.push(Candidate {
                pos: word_start,
                family,
                first_byte: s.as_bytes()[0],
                line_start: false,
            });
        }
    }
}

/// Where the items of the list in `text` start, if `sentencex` finds one (its
/// `detect_list_items`): the candidates of the family that wins, a line's first-tier marker
/// or the kind found most often (at least twice), each at least 4 bytes after the last.
fn list_items(text: &str) -> Vec<usize> {
    let mut candidates = Vec::new();
    let mut start = 0;
    for nl in memchr::memchr_iter(b'\n', text.as_bytes()) {
        scan_line(text, start, nl + 1, &mut candidates);
        start = nl + 1;
    }
    if start < text.len() {
        scan_line(text, start, text.len(), &mut candidates);
    }
    if candidates.is_empty() {
        return Vec::new();
    }
    candidates.sort_by_key(|c| (c.pos, !c.line_start));
    candidates.dedup_by_key(|c| c.pos);
    if candidates.iter().any(|c| c.family == Family::Roman) {
        for c in &mut candidates {
            if matches!(c.family, Family::LetterDot | Family::LetterParen)
                && is_roman_byte(c.first_byte)
            {
                c.family = Family::Roman;
            }
        }
    }
    let mut last = [usize::MAX; FAMILIES];
    candidates.retain(|c| {
        let l = &mut last[c.family as usize];
        let keep = *l == usize::MAX || c.pos - *l >= 4;
        if keep {
            *l = c.pos;
        }
        keep
    });
    let mut counts = [0usize; FAMILIES];
    let mut first_pos = [usize::MAX; FAMILIES];
    for c in &candidates {
        counts[c.family as usize] += 1;
        first_pos[c.family as usize] = first_pos[c.family as usize].min(c.pos);
    }
    let tier1 = Family::Tier1 as usize;
    let winner = if counts[tier1] >= 2
        || candidates
            .iter()
            .any(|c| c.family == Family::Tier1 && c.line_start)
    {
        Some(Family::Tier1)
    } else {
        [
            Family::Bullet,
            Family::Numeric,
            Family::LetterParen,
            Family::LetterDot,
            Family::Roman,
        ]
        .into_iter()
        .filter(|&f| counts[f as usize] >= 2)
        .max_by_key(|&f| (counts[f as usize], std::cmp::Reverse(first_pos[f as usize])))
    };
    candidates
        .iter()
        .filter(|c| Some(c.family) == winner)
        .map(|c| c.pos)
        .collect()
}

/// Whether this path declines `text` (see the module docs).
pub(crate) fn declines(text: &str) -> bool {
    let b = text.as_bytes();
    // `\n\n` breaks a paragraph for `sentencex` (brief's own paragraphs never hold one).
    if memchr::memchr2(b'`', b'\r', b).is_some()
        || memchr::memmem::find(b, b"\n\n").is_some()
        || memchr::memmem::find(b, b"''").is_some()
    {
        return true;
    }
    // A `'` with a space after it and a space (or nothing) before it may pair with another one
    // as a space-padded quotation.
    if memchr::memchr_iter(b'\'', b).any(|i| opener_shaped(text, i)) && padded_pair(text) {
        return true;
    }
    let mut i = if b.is_ascii() { b.len() } else { 0 };
    // Lead bytes 0xE3 to 0xE9 start U+3000 to U+9FFF (CJK punctuation, kana, Han): no `…`
    // and no foreign terminator is among them, so Chinese text is scanned without decoding.
    while let Some(rel) = b[i..]
        .iter()
        .position(|&x| x >= 0xC0 && !(0xE3..=0xE9).contains(&x))
    {
        let at = i + rel;
        let c = text[at..]
            .chars()
            .next()
            .expect("a lead byte starts a char");
        i = at + c.len_utf8();
        if c == '…' || is_foreign_terminator(c) {
            return true;
        }
    }
    false
}

/// Whether the `'` at `i` has a space (or nothing) before it and a space after it.
fn opener_shaped(text: &str, i: usize) -> bool {
    text[..i]
        .chars()
        .next_back()
        .is_none_or(char::is_whitespace)
        && text[i + 1..]
            .chars()
            .next()
            .is_some_and(char::is_whitespace)
}

/// Whether `text` has a `.` followed by spaces and a capital letter (`sentencex`'s
/// `has_possible_inline_sentence_break`).
fn inline_break(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(b'.', b).any(|d| {
        let tail = &b[d + 1..];
        tail.iter()
            .position(|&c| c != b' ' && c != b'\t')
            .is_some_and(|n| n > 0 && tail[n].is_ascii_uppercase())
    })
}

/// Whether `sentencex` would pair two `'` as a space-padded quotation (`' Hello, world. '`, its
/// `append_space_padded_quote_pairs`). A paragraph where it would is declined: such a
/// quotation may hold or straddle others, which this path's ranges do not allow. Until the
/// first pair, `sentencex`'s ranges are the quotations of [`quote_ranges`], so its test of
/// whether a mark is inside one is [`Ranges::in_quote`]'s.
fn padded_pair(text: &str) -> bool {
    let mut ranges = Ranges::default();
    quote_ranges(text, &mut ranges.quotes);
    let candidate = |i: usize| !ranges.in_quote(i) && !is_contraction(text, i, "'");
    let mut marks = memchr::memchr_iter(b'\'', text.as_bytes()).filter(|&i| candidate(i));
    let Some(mut pending) = marks.next() else {
        return false;
    };
    // Each mark is read with the one before it and the one after it: linear.
    let mut next = marks.next();
    while let Some(closer) = next {
        next = marks.next();
        if opener_shaped(text, pending) {
            let back_to_back =
                starts_new_utterance(text, closer + 1) && inline_break(&text[pending + 1..closer]);
            // `candidate_opens_clean_span`: the closer looks like the opener of a quotation
            // without a sentence break up to the next mark.
            let opens_clean = opener_shaped(text, closer)
                && next.is_some_and(|y| !inline_break(&text[closer + 1..y]));
            if !back_to_back || !opens_clean {
                return true;
            }
        }
        pending = closer;
    }
    false
}

/// A quoted or parenthesized stretch of a paragraph, `start..end` in bytes.
#[derive(Clone, Copy)]
struct Range {
    start: usize,
    end: usize,
    /// For a quotation, its closer; `None` for parentheses.
    close: Option<char>,
    /// A symmetric quotation (`"..."`) that may be two halves of different quotations:
    /// `Some(true)` certainly (it straddles a parenthesis), `Some(false)` possibly (the paragraph
    /// has an odd number of its quote marks).
    mispaired: Option<bool>,
    symmetric: bool,
}

impl Range {
    fn contains(&self, pos: usize) -> bool {
        pos > self.start && pos < self.end
    }
}

/// The quotations and the parenthesized stretches of a paragraph, each list sorted and without
/// overlaps (a quotation and a parenthesis may overlap each other).
#[derive(Default)]
struct Ranges {
    quotes: Vec<Range>,
    parens: Vec<Range>,
    emails: Vec<Range>,
    /// With a list: `sentencex`'s own vector of ranges (quotations and parentheses by start,
    /// then the list's items), each range's start with the largest end of the quotations up to
    /// it. Its items are not in order of start, and `sentencex` binary-searches the vector
    /// all the same to tell whether a quote mark is inside a quotation; [`Ranges::in_quote`]
    /// does the same search so as to give the same answer.
    with_items: Vec<(usize, usize)>,
}

/// The last range of `list` that starts before `pos` (`<`, or `<=` with `inclusive`).
fn last_before(list: &[Range], pos: usize, inclusive: bool) -> Option<&Range> {
    let n = list.partition_point(|r| r.start < pos || (inclusive && r.start == pos));
    n.checked_sub(1).map(|i| &list[i])
}

impl Ranges {
    /// Whether a quotation or parenthesis starts at `pos`.
    fn starts_at(&self, pos: usize) -> bool {
        let at = |l: &[Range]| {
            l.get(l.partition_point(|r| r.start < pos))
                .is_some_and(|r| r.start == pos)
        };
        at(&self.quotes) || at(&self.parens) || at(&self.emails)
    }

    /// Whether `idx` lies in a quotation (from its opener on), as `sentencex`'s
    /// `is_in_quote_range` tells.
    fn in_quote(&self, idx: usize) -> bool {
        if self.with_items.is_empty() {
            return last_before(&self.quotes, idx, true).is_some_and(|r| idx < r.end);
        }
        let n = self.with_items.partition_point(|&(start, _)| start <= idx);
        n.checked_sub(1)
            .is_some_and(|last| self.with_items[last].1 > idx)
    }

    /// Builds [`Ranges::with_items`] for a paragraph of `len` bytes whose list items start at
    /// `items`.
    fn add_items(&mut self, items: &[usize], len: usize) {
        let mut all: Vec<(usize, usize, bool)> = self
            .quotes
            .iter()
            .map(|r| (r.start, r.end, true))
            .chain(self.parens.iter().map(|r| (r.start, r.end, false)))
            .chain(self.emails.iter().map(|r| (r.start, r.end, false)))
            .collect();
        all.sort_unstable_by_key(|r| r.0);
        let ends = items.iter().skip(1).copied().chain([len]);
        all.extend(items.iter().zip(ends).map(|(&s, e)| (s, e, false)));
        let mut max_end = 0;
        self.with_items = all
            .into_iter()
            .map(|(start, end, quote)| {
                if quote {
                    max_end = max_end.max(end);
                }
                (start, max_end)
            })
            .collect();
    }

    /// The first range, in order of start, that holds `pos` and passes `ok`: `sentencex` looks
    /// through all of them; as each list is free of overlaps, at most one of each can hold it.
    /// (An e-mail address and a parenthesis end no sentence inside them alike.)
    fn first_holding(&self, pos: usize, ok: impl Fn(&Range) -> bool) -> Option<&Range> {
        let mut holding = [&self.quotes, &self.parens, &self.emails]
            .map(|list| last_before(list, pos, false).filter(|r| r.contains(pos)));
        // No two ranges start at the same byte: their first characters differ.
        holding.sort_by_key(|r| r.map_or(usize::MAX, |r| r.start));
        holding.into_iter().flatten().find(|r| ok(r))
    }
}

/// The bytes a scan looks for: a 256-entry membership table, and its ASCII members.
struct Leads {
    table: [bool; 256],
    ascii: &'static [u8],
}

/// Where the next byte of `b` from `from` on is one of `leads`; `ascii` says that `b` is ASCII,
/// so that only the ASCII members can occur (found with `memchr`, up to three of them).
fn next_in(b: &[u8], from: usize, leads: &Leads, ascii: bool) -> Option<usize> {
    let hay = &b[from..];
    let found = match (ascii, leads.ascii) {
        (true, &[x]) => memchr::memchr(x, hay),
        (true, &[x, y]) => memchr::memchr2(x, y, hay),
        (true, &[x, y, z]) => memchr::memchr3(x, y, z, hay),
        _ => hay.iter().position(|&x| leads.table[x as usize]),
    };
    found.map(|i| from + i)
}

const fn leads(ascii: &'static [u8], others: &[u8]) -> Leads {
    Leads {
        table: mark(mark([false; 256], ascii), others),
        ascii,
    }
}

/// `table` with the entries of `bytes` set.
const fn mark(mut table: [bool; 256], bytes: &[u8]) -> [bool; 256] {
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
}

/// First bytes of the quotation openers in [`PAIRS`].
const QUOTE_LEADS: Leads = leads(b"\"'", &[0xC2, 0xE2, 0xE3]);
/// First bytes of `(`, `<`, `{`, `[` and `（`.
const PAREN_LEADS: Leads = leads(b"(<{[", &[0xEF]);
/// First bytes of the terminators this path handles, and of `…`.
const TERM_LEADS: Leads = leads(b".!?", &[0xE2, 0xE3, 0xEF]);

/// Where a quotation opened by the `'` at `p` ends, as `sentencex`'s regular expression finds
/// it (in a paragraph without `''` or backticks): `\B'\b(?s:.*?[^\s'])'\B`, else
/// `(?m:^'.+?'$)`. `no_closer_from` is where the first alternative is known to find no
/// closer from on (a later opener finds none either), so that every `'` is read once.
fn single_quote_at(text: &str, p: usize, no_closer_from: &mut usize) -> Option<usize> {
    let b = text.as_bytes();
    let prev = text[..p].chars().next_back();
    if prev.is_some_and(is_word) {
        return None;
    }
    if text[p + 1..].chars().next().is_some_and(is_word) && p < *no_closer_from {
        // The first `'` after a character other than a space or `'`, before a non-word
        // character or the end.
        let closer = memchr::memchr_iter(b'\'', &b[p + 1..])
            .map(|i| p + 1 + i)
            .find(|&q| {
                text[..q]
                    .chars()
                    .next_back()
                    .is_some_and(|c| !c.is_whitespace() && c != '\'')
                    && !text[q + 1..].chars().next().is_some_and(is_word)
            });
        match closer {
            Some(q) => return Some(q + 1),
            None => *no_closer_from = p,
        }
    }
    // A line that starts with `'` and ends with another.
    if prev.is_none_or(|c| c == '\n') {
        let end = memchr::memchr(b'\n', &b[p..]).map_or(b.len(), |i| p + i);
        if end >= p + 3 && b[end - 1] == b'\'' {
            return Some(end);
        }
    }
    None
}

/// Quotations: from an opener to the first closer of its pair after it (`'` as
/// [`single_quote_at`] reads it).
fn quote_ranges(text: &str, out: &mut Vec<Range>) {
    let b = text.as_bytes();
    let ascii = b.is_ascii();
    let mut cursor = 0;
    let mut no_closer_from = usize::MAX;
    let mut absent: Vec<char> = Vec::new();
    while let Some(at) = next_in(b, cursor, &QUOTE_LEADS, ascii) {
        if b[at] == b'\'' {
            match single_quote_at(text, at, &mut no_closer_from) {
                Some(end) => {
                    out.push(Range {
                        start: at,
                        end,
                        close: Some('\''),
                        mispaired: None,
                        symmetric: true,
                    });
                    cursor = end;
                }
                None => cursor = at + 1,
            }
            continue;
        }
        let c = text[at..]
            .chars()
            .next()
            .expect("a lead byte starts a char");
        let Some(&(open, close)) = PAIRS.iter().find(|&&(o, _)| o == c) else {
            cursor = at + c.len_utf8();
            continue;
        };
        let content = at + open.len_utf8();
        // A closer missing after one opener is missing after the later ones too.
        let found = if absent.contains(&close) {
            None
        } else {
            text[content..].find(close)
        };
        match found {
            Some(off) => {
                let end = content + off + close.len_utf8();
                out.push(Range {
                    start: at,
                    end,
                    close: Some(close),
                    mispaired: None,
                    symmetric: open == close,
                });
                cursor = end;
            }
            None => {
                absent.push(close);
                cursor = content;
            }
        }
    }
}

const PAREN_OPEN: &[char] = &['(', '（', '<', '{', '['];
const PAREN_CLOSE: &[char] = &[')', ']', '}', '>', '）'];

/// Parenthesized text: from an opener to the first closer of any kind after it.
fn paren_ranges(text: &str, out: &mut Vec<Range>) {
    let b = text.as_bytes();
    let ascii = b.is_ascii();
    let mut cursor = 0;
    // In ASCII text, where the next `(`, `<` or `{` is and where the next `[` is, each looked
    // for again only once the cursor has passed it (so that many of one kind before the next
    // of the other do not make the scan quadratic).
    let (mut three, mut bracket) = (None::<usize>, None::<usize>);
    loop {
        let next = if ascii {
            let find = |slot: &mut Option<usize>, f: &dyn Fn(&[u8]) -> Option<usize>| {
                let pos = match *slot {
                    Some(p) if p >= cursor => p,
                    _ => f(&b[cursor..]).map_or(b.len(), |i| cursor + i),
                };
                *slot = Some(pos);
                pos
            };
            let t = find(&mut three, &|h| memchr::memchr3(b'(', b'<', b'{', h));
            let k = find(&mut bracket, &|h| memchr::memchr(b'[', h));
            Some(t.min(k)).filter(|&at| at < b.len())
        } else {
            next_in(b, cursor, &PAREN_LEADS, false)
        };
        let Some(at) = next else { break };
        let c = text[at..]
            .chars()
            .next()
            .expect("a lead byte starts a char");
        if !PAREN_OPEN.contains(&c) {
            cursor = at + c.len_utf8();
            continue;
        }
        let content = at + c.len_utf8();
        match text[content..].find(PAREN_CLOSE) {
            Some(off) => {
                let end = content
                    + off
                    + text[content + off..]
                        .chars()
                        .next()
                        .map_or(1, char::len_utf8);
                out.push(Range {
                    start: at,
                    end,
                    close: None,
                    mispaired: None,
                    symmetric: false,
                });
                cursor = end;
            }
            // No closer after this opener: none after a later one either.
            None => break,
        }
    }
}

/// E-mail addresses as `sentencex`'s expression
/// `[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Z|a-z]{2,7}` finds them, one after another: the
/// longest run of local-part characters before an `@` (from where the last address ended),
/// then the domain's characters up to the last `.` in them that two to seven letters (or `|`)
/// follow, the letters taken up to seven. Each byte is read a bounded number of times.
fn email_ranges(text: &str, out: &mut Vec<Range>) {
    let b = text.as_bytes();
    let local = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-');
    let domain = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-');
    let top = |c: u8| c.is_ascii_alphabetic() || c == b'|';
    let mut cursor = 0;
    for at in memchr::memchr_iter(b'@', b) {
        if at < cursor {
            continue;
        }
        let start = at
            - b[cursor..at]
                .iter()
                .rev()
                .take_while(|&&c| local(c))
                .count();
        if start == at {
            continue;
        }
        let run_end = at + 1 + b[at + 1..].iter().take_while(|&&c| domain(c)).count();
        // The last `.` of the domain's run, after at least one of its characters, with two
        // or more letters after it.
        let end = (at + 2..run_end).rev().find_map(|dot| {
            if b[dot] != b'.' {
                return None;
            }
            let letters = b[dot + 1..].iter().take(7).take_while(|&&c| top(c)).count();
            (letters >= 2).then_some(dot + 1 + letters)
        });
        if let Some(end) = end {
            out.push(Range {
                start,
                end,
                close: None,
                mispaired: None,
                symmetric: false,
            });
            cursor = end;
        }
    }
}

/// `sentencex`'s `tag_quote_mispairing`.
fn tag_mispairing(text: &str, ranges: &mut Ranges) {
    let parens = &ranges.parens;
    let containing = |x: usize| last_before(parens, x, false).filter(|p| x < p.end);
    // Whether the paragraph has an odd number of each symmetric quote mark, counted once.
    let mut odd: Vec<(char, bool)> = Vec::new();
    for r in ranges.quotes.iter_mut().filter(|r| r.symmetric) {
        let mark = r.close.expect("a quotation has a closer");
        let straddles = containing(r.start).is_some_and(|p| p.end < r.end)
            || containing(r.end).is_some_and(|p| p.start > r.start);
        r.mispaired = if straddles {
            Some(true)
        } else {
            let is_odd = match odd.iter().find(|(m, _)| *m == mark) {
                Some(&(_, o)) => o,
                None => {
                    let o = text.matches(mark).count() % 2 == 1;
                    odd.push((mark, o));
                    o
                }
            };
            is_odd.then_some(false)
        };
    }
}

/// The end of a terminator run starting at `p` (the regex
/// `\.(?:[ \t]+\.){2,}|[!?…](?:[ \t]+[!?…])+|[terminators]+`), or `None`.
fn run_at(text: &str, p: usize) -> Option<usize> {
    let c = text[p..].chars().next()?;
    let spaced = |is_member: &dyn Fn(char) -> bool, min: usize| {
        let mut count = 1;
        let mut end = p + c.len_utf8();
        loop {
            let rest = &text[end..];
            let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            match rest[blanks..].chars().next() {
                Some(m) if blanks > 0 && is_member(m) => {
                    count += 1;
                    end += blanks + m.len_utf8();
                }
                _ => break,
            }
        }
        (count >= min).then_some(end)
    };
    if c == '.' {
        if let Some(e) = spaced(&|m| m == '.', 3) {
            return Some(e);
        }
    }
    if matches!(c, '!' | '?' | '…') {
        if let Some(e) = spaced(&|m| matches!(m, '!' | '?' | '…'), 2) {
            return Some(e);
        }
    }
    if !is_terminator(c) {
        return None;
    }
    let mut end = p + c.len_utf8();
    for n in text[end..].chars() {
        if !is_terminator(n) {
            break;
        }
        end += n.len_utf8();
    }
    Some(end)
}

/// The terminator runs of `text`, a `!`/`?` run folded with a following spaced dot run
/// (`sentencex`'s `find_terminator_matches`).
fn terminator_runs(text: &str, out: &mut Vec<(usize, usize)>) {
    let ascii = text.is_ascii();
    let mut cursor = 0;
    while cursor < text.len() {
        let Some(p) = next_in(text.as_bytes(), cursor, &TERM_LEADS, ascii) else {
            break;
        };
        match run_at(text, p) {
            Some(end) => {
                let fold = out.last().is_some_and(|&(ps, pe)| {
                    let prev = &text[ps..pe];
                    let cand = &text[p..end];
                    let gap = &text[pe..p];
                    prev.ends_with(['!', '?', '…'])
                        && cand.starts_with('.')
                        && cand.chars().all(|c| matches!(c, '.' | ' ' | '\t'))
                        && !gap.is_empty()
                        && gap.chars().all(|c| matches!(c, ' ' | '\t'))
                });
                if fold {
                    out.last_mut().expect("a previous run").1 = end;
                } else {
                    out.push((p, end));
                }
                cursor = end;
            }
            None => cursor = p + text[p..].chars().next().map_or(1, char::len_utf8),
        }
    }
}

/// `^\W*[0-9a-z]`.
fn continues_after_nonword(s: &str) -> bool {
    s.chars()
        .find(|&c| is_word(c))
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

/// `^\s+[0-9a-z]` or `^\s+I(?:[\s'’]|$)`: English's `is_ellipsis_continuation`.
fn ellipsis_continues(next: &str) -> bool {
    let rest = next.trim_start();
    if rest.len() == next.len() {
        return false;
    }
    let mut chars = rest.chars();
    match chars.next() {
        Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit() => true,
        Some('I') => chars
            .next()
            .is_none_or(|c| c.is_whitespace() || c == '\'' || c == '’'),
        _ => false,
    }
}

/// `sentencex`'s `find_boundary` for English, step for step, with its regular expressions
/// written out (a numbered reference with other digits than ASCII ones is left to `sentencex`
/// itself): where the sentence that the terminator run `start..end` may end ends.
fn find_boundary(lang: &English, text: &str, start: usize, end: usize) -> Option<usize> {
    let next = lang.get_next_word_approx(text, end);
    if next.contains('[') {
        match numbered_references(next) {
            Some(0) => {}
            Some(len) => return Some(end + len),
            None => return lang.find_boundary(text, start, end),
        }
    }
    let head = &text[..start];
    let matched = &text[start..end];
    let first_is_lower_or_digit = next
        .as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    // `terminator_continues`.
    let continues = if matched.chars().nth(1).is_some() {
        ellipsis_continues(next)
            || (head.chars().next_back().is_some_and(|c| !c.is_whitespace())
                && first_is_lower_or_digit)
    } else {
        lang.continue_in_next_word(next)
            || (matches!(matched, "!" | "?")
                && matches!(head.as_bytes().last(), Some(b' ' | b'\t'))
                && continues_after_nonword(next))
    };
    if continues {
        return None;
    }
    let last_word = lang.get_last_word(head);
    if matched == "." {
        // A code-like numbered token (`7.Bg5`).
        if head.bytes().next_back().is_some_and(|b| b.is_ascii_digit())
            && next.starts_with(char::is_alphabetic)
            && next.bytes().any(|b| b.is_ascii_digit())
        {
            return None;
        }
        if lang.period_suppresses_boundary(head, last_word, next) {
            return None;
        }
    }
    if lang.is_exclamation_for(last_word) {
        return None;
    }
    Some(end + next.len() - next.trim_start().len())
}

/// The length of the match of `^(\s*\[\d+])+` (numbered references, `[1][2]`) at the start
/// of `next`, 0 for none; `None` where a bracket holds a character that is not an ASCII digit
/// but may be another script's decimal digit (which `\d` matches), for `sentencex` to read.
fn numbered_references(next: &str) -> Option<usize> {
    let b = next.as_bytes();
    let mut matched = 0;
    let mut i = 0;
    loop {
        // `\s*`: Unicode white space, as `char::is_whitespace`.
        let rest = &next[i..];
        i += rest.len() - rest.trim_start().len();
        if b.get(i) != Some(&b'[') {
            return Some(matched);
        }
        let digits = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        match b.get(i + 1 + digits) {
            Some(b']') if digits > 0 => {
                i += digits + 2;
                matched = i;
            }
            Some(c) if !c.is_ascii() => return None,
            _ => return Some(matched),
        }
    }
}

/// `sentencex`'s `get_boundary_extend` for English.
fn boundary_extend(word: &str) -> Option<usize> {
    if (English {}).continue_in_next_word(word.trim()) || continues_after_nonword(word) {
        return None;
    }
    Some(
        word.chars()
            .take_while(|&c| c.is_whitespace() || is_terminator(c))
            .map(char::len_utf8)
            .sum(),
    )
}

fn is_contraction(text: &str, idx: usize, token: &str) -> bool {
    let prev = text[..idx].chars().next_back();
    let next = text[idx + token.len()..].chars().next();
    prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric)
}

fn starts_new_utterance(text: &str, from: usize) -> bool {
    let tail = &text[from..];
    let trimmed = tail.trim_start_matches([' ', '\t']);
    trimmed.len() < tail.len()
        && trimmed
            .as_bytes()
            .first()
            .is_some_and(u8::is_ascii_uppercase)
}

fn skip_space(text: &str, pos: usize) -> usize {
    let rest = &text[pos..];
    pos + rest.len() - rest.trim_start().len()
}

/// The quote marks of one kind that are not inside a quotation nor an apostrophe in a word,
/// found once per paragraph and mark (`sentencex`'s `OrphanCloserPositions`).
#[derive(Default)]
struct Orphans {
    mark: Option<&'static str>,
    positions: Vec<usize>,
}

impl Orphans {
    /// How many such marks come before `boundary`, and how many there are.
    fn before_and_total(
        &mut self,
        text: &str,
        mark: &'static str,
        boundary: usize,
        ranges: &Ranges,
    ) -> (usize, usize) {
        if self.mark != Some(mark) {
            self.positions.clear();
            self.positions.extend(
                text.match_indices(mark)
                    .map(|(i, _)| i)
                    .filter(|&i| !ranges.in_quote(i) && !is_contraction(text, i, mark)),
            );
            self.mark = Some(mark);
        }
        let before = self.positions.partition_point(|&p| p < boundary);
        (before, self.positions.len())
    }
}

fn is_symmetric_mark(mark: &str) -> bool {
    PAIRS.iter().any(|&(o, c)| o == c && mark.starts_with(o))
}

/// `sentencex`'s `extend_past_orphan_closer`: a closing quote right after a terminator whose
/// opener is not in the paragraph goes with the sentence it closes.
fn past_orphan_closer(
    text: &str,
    boundary: usize,
    ranges: &Ranges,
    items: &[usize],
    orphans: &mut Orphans,
) -> usize {
    if ranges.starts_at(boundary) || items.binary_search(&boundary).is_ok() {
        return boundary;
    }
    let Some(&closer) = CLOSERS_BY_LEN.iter().find(|&&c| {
        text[boundary..].starts_with(c) && {
            if !is_symmetric_mark(c) {
                true
            } else {
                let (before, total) = orphans.before_and_total(text, c, boundary, ranges);
                before % 2 == 1 || (before == 0 && total == 1)
            }
        }
    }) else {
        return boundary;
    };
    if is_symmetric_mark(closer)
        && text[..boundary]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace)
        && starts_new_utterance(text, boundary + closer.len())
        && ranges
            .quotes
            .iter()
            .any(|r| r.end <= boundary && r.symmetric && text[r.start..].starts_with(closer))
    {
        return boundary;
    }
    let mut b = skip_space(text, boundary + closer.len());
    while let Some(end) = run_at(text, b) {
        b = skip_space(text, end);
    }
    b
}

/// `sentencex`'s `inner_terminator_boundary`: a terminator right before a quotation's closer
/// ends the sentence after the closer, unless the text goes on in lower case.
fn inner_boundary(text: &str, range: &Range, boundary: usize) -> Option<usize> {
    if range.close.is_none() || boundary >= range.end {
        return None;
    }
    let head = &text[..range.end];
    let inner = CLOSERS_BY_LEN
        .iter()
        .any(|c| head.ends_with(*c) && boundary + c.len() == range.end);
    if !inner {
        return None;
    }
    let next = (English {}).get_next_word_approx(text, range.end);
    boundary_extend(next).map(|extend| range.end + extend)
}

/// Splits `text` (one paragraph) as `sentencex`'s English rules do, appending its sentence
/// spans shifted by `base`; returns `false`, appending nothing, for a paragraph this path
/// declines.
pub(crate) fn split(text: &str, base: usize, out: &mut Vec<crate::Span>) -> bool {
    if declines(text) {
        return false;
    }
    let lang = English {};
    let mut runs = Vec::new();
    terminator_runs(text, &mut runs);
    let mut ranges = Ranges::default();
    // A list's items are ranges too, from one item's start to the next (the last to the end),
    // read after the quotations and parentheses: a terminator inside one ends no sentence.
    let items = list_items(text);
    if !runs.is_empty() {
        quote_ranges(text, &mut ranges.quotes);
        paren_ranges(text, &mut ranges.parens);
        email_ranges(text, &mut ranges.emails);
        tag_mispairing(text, &mut ranges);
        if !items.is_empty() {
            ranges.add_items(&items, text.len());
        }
    }
    let in_item = |pos: usize| {
        items
            .first()
            .is_some_and(|&first| pos > first && pos < text.len())
            && items.binary_search(&pos).is_err()
    };
    let mut orphans = Orphans::default();
    let mut breaks = vec![0usize];
    for &(start, end) in &runs {
        let Some(boundary) = find_boundary(&lang, text, start, end) else {
            continue;
        };
        let inside = ranges.first_holding(boundary, |r| match r.mispaired {
            None => true,
            Some(true) => false,
            Some(false) => !lang.has_strong_sentence_break(text, start, end),
        });
        let at = match inside {
            Some(r) => inner_boundary(text, r, boundary),
            None if in_item(boundary) => None,
            None => Some(past_orphan_closer(
                text,
                boundary,
                &ranges,
                &items,
                &mut orphans,
            )),
        };
        if let Some(at) = at {
            if at > *breaks.last().expect("starts with 0") {
                breaks.push(at);
            }
        }
    }
    // Every item starts a sentence.
    if !items.is_empty() {
        breaks.extend(items.iter().filter(|&&p| p > 0));
        breaks.sort_unstable();
        breaks.dedup();
    }
    if *breaks.last().expect("starts with 0") != text.len() {
        breaks.push(text.len());
    }
    for w in breaks.windows(2) {
        out.push(crate::Span::new(base + w[0], base + w[1]));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sentences of `text` by this path, which must take it, and by `sentencex` in full.
    fn both(text: &str) -> (Vec<String>, Vec<String>) {
        use sentencex::languages::Language;
        let mut spans = Vec::new();
        assert!(split(text, 0, &mut spans), "declined: {text:?}");
        let fast = spans.iter().map(|s| text[s.range()].to_owned()).collect();
        let full = English {}
            .get_sentence_boundaries(text)
            .iter()
            .filter(|b| !b.is_paragraph_break && !b.text.is_empty())
            .map(|b| b.text.to_owned())
            .collect();
        (fast, full)
    }

    /// Both ways give the same sentences for each of `texts`.
    fn agree(texts: &[&str]) {
        for text in texts {
            let (fast, full) = both(text);
            assert_eq!(fast, full, "{text:?}");
        }
    }

    #[test]
    fn numbered_references_end_sentences_as_sentencex_reads_them() {
        assert_eq!(numbered_references("[1] Next"), Some(3));
        assert_eq!(numbered_references(" [1][23]  [4] Next"), Some(13));
        assert_eq!(numbered_references("[1] [x] Next"), Some(3));
        assert_eq!(numbered_references("[x] Next"), Some(0));
        assert_eq!(numbered_references("[] Next"), Some(0));
        assert_eq!(numbered_references("[12 Next"), Some(0));
        assert_eq!(numbered_references("Next [1]"), Some(0));
        assert_eq!(numbered_references("[\u{661}] Next"), None);
        agree(&[
            "Funds grew.[1] Labs opened. More followed.",
            "Funds grew. [1][2] Labs opened.[3]\u{a0}[4] More followed.",
            "Funds grew. [a] Labs opened. [12 More followed. [] Then. [x][1] End.",
            "It ends here.[1]",
            "It ends here. [1]",
            "Trials ran.[1]. Then more. [2] And more.[3]",
            "Trials ran! [1] Then more? [2] And more.\u{2003}[3] End.",
            "Mr. [1] Smith came. He left.",
        ]);
    }

    #[test]
    fn single_quotes_split_as_sentencex_reads_them() {
        agree(&[
            "He said 'we will win.' Then he left. It rained.",
            "'Funding grew,' the minister said. 'Labs opened.' More followed.",
            "The students' lab opened. Its 'core tasks' were set. O'Brien spoke.",
            "'A line that opens and closes with a quote. It has two sentences.'",
            "Rock 'n' roll came back. The year's 'best' song won.",
            "It is 'unclosed. The next sentence starts here.",
        ]);
        let (fast, _) = both("He said 'we will win.' Then he left.");
        assert_eq!(fast, ["He said 'we will win.' ", "Then he left."]);
    }

    #[test]
    fn brackets_and_lists_split_as_sentencex_reads_them() {
        agree(&[
            "The plan [approved in May] sets goals. It runs to 2030 [1]. Funds follow.",
            "The tasks are:\n- build labs. Hire staff.\n- fund firms\n- train talent",
            "Goals: (a) more labs. (b) more talent. Then the budget.",
            "Steps: 1) plan. 2) build. 3) review. Done.",
            "- A single dash item. It has two sentences.",
            "• A bullet starts this line. It is a list by itself.",
        ]);
        // Each item of a list is a sentence; a terminator inside one ends none.
        let (fast, _) = both("Tasks:\n- build labs. Hire staff.\n- fund firms");
        assert_eq!(
            fast,
            ["Tasks:\n", "- build labs. Hire staff.\n", "- fund firms"]
        );
    }

    #[test]
    fn only_a_quotation_padded_with_spaces_is_declined() {
        // Two `'` that `sentencex` pairs: declined.
        assert!(declines("He said ' yes. ' It rained."));
        // A lone `'` between spaces pairs with nothing: kept, and split alike.
        let (fast, full) = both("The event ended. '\nDay-Lewis spoke. It rained.");
        assert_eq!(fast, full);
        assert!(declines("He wrote `code` here."));
        agree(&[
            "Mail info@example.org today. Thanks.",
            "Write to li.wang@most.gov.cn. He replied. Or to a@b.c.de.x today.",
            "Contact x@y@z.com. Or (dept@gov.org. Not here) later.",
        ]);
        assert!(declines("He said ''yes'' to it."));
    }

    /// [`declines`] skips the characters of lead bytes 0xE3 to 0xE9 without decoding them:
    /// none of them may be one it looks for.
    #[test]
    fn no_declined_character_has_a_skipped_lead_byte() {
        for u in 0x3000u32..=0x9FFF {
            let Some(c) = char::from_u32(u) else { continue };
            let lead = c.to_string().as_bytes()[0];
            assert!((0xE3..=0xE9).contains(&lead), "{u:X}");
            assert!(c != '…' && !is_foreign_terminator(c), "{u:X}");
        }
        // The characters just outside are still read.
        assert!(declines("科技创新…"));
        assert!(declines("科技创新\u{A60E}"));
        assert!(!declines("科技创新。实验室建设。"));
    }
}
