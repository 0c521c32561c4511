//! Token normalization: NFKC, case folding, and typographic punctuation mapped to ASCII.

use unicode_normalization::UnicodeNormalization;

/// Appends the normalized form of `word` to `out`.
///
/// The normalized form is NFKC (which also maps full-width letters, digits and punctuation to
/// their ASCII forms), lower-cased, with typographic quotes and apostrophes mapped to `'` and `"`.
/// ASCII input takes a fast path that only lower-cases.
///
/// ```
/// let mut out = String::new();
/// brief_tokenize::normalize_into("Ｓｃｉｅｎｃｅ’s", &mut out);
/// assert_eq!(out, "science's");
/// ```
pub fn normalize_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
        return;
    }
    // Chinese words: unified ideographs (the main block and extension A) are their own NFKC
    // form and have no case, so they are copied as they are.
    if word
        .chars()
        .all(|c| matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF))
    {
        out.push_str(word);
        return;
    }
    for c in word.nfkc() {
        match map_punct(c) {
            Some(m) => out.push(m),
            None => {
                if c.is_ascii() {
                    out.push(c.to_ascii_lowercase());
                } else {
                    out.extend(c.to_lowercase());
                }
            }
        }
    }
}

/// Returns the normalized form of `word` as a new string (see [`normalize_into`]).
///
/// ```
/// assert_eq!(brief_tokenize::normalize("R&D"), "r&d");
/// ```
pub fn normalize(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    normalize_into(word, &mut out);
    out
}

/// Maps typographic quotes, apostrophes and CJK brackets to ASCII punctuation.
pub(crate) fn map_punct(c: char) -> Option<char> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' | '\u{300C}' | '\u{300D}' | '\u{300E}' | '\u{300F}' => '"',
        '\u{3002}' => '.',
        '\u{3001}' => ',',
        '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
        _ => return None,
    })
}

// The traditional-to-simplified table (`data/zh/t2s.tsv`, generated from OpenCC by
// `scripts/gen-t2s.sh`), compiled in by `build.rs`: `T2S_TABLE`, sorted by the traditional
// character, and `T2S_BITMAP`, whose bit `c - BITMAP_BASE` is set when a character of the Basic
// Multilingual Plane has a simplified form, so that the common case (a character without one)
// is one bit test.
include!(concat!(env!("OUT_DIR"), "/t2s.rs"));

/// The simplified form of a traditional Chinese character (`實` → `实`); any other character
/// is returned as it is. Used to match traditional-script text against simplified lexicons
/// and to segment it with the simplified dictionary, while spans and output keep the original
/// characters.
///
/// ```
/// use brief_tokenize::to_simplified;
/// let s: String = "重點實驗室".chars().map(to_simplified).collect();
/// assert_eq!(s, "重点实验室");
/// assert_eq!(to_simplified('a'), 'a');
/// ```
pub fn to_simplified(c: char) -> char {
    let u = c as u32;
    if u < BITMAP_BASE {
        return c;
    }
    if u < 0x10000 {
        let k = (u - BITMAP_BASE) as usize;
        if T2S_BITMAP[k / 64] & (1 << (k % 64)) == 0 {
            return c;
        }
    }
    match T2S_TABLE.binary_search_by_key(&c, |&(a, _)| a) {
        Ok(i) => T2S_TABLE[i].1,
        Err(_) => c,
    }
}

/// The simplified form of a run of text, for segmenting it and for the stems of its words,
/// when it has traditional characters; `None` when there is nothing to map. A character is
/// mapped only when its simplified form has the same UTF-8 length (824 of the table's 4,105
/// pairs, rare characters whose simplified form has another length, are kept as they are), so
/// byte offsets into the result are byte offsets into `run`.
pub(crate) fn simplified_same_offsets(run: &str) -> Option<String> {
    let mut out: Option<String> = None;
    for (i, c) in run.char_indices() {
        let s = to_simplified(c);
        if s != c && s.len_utf8() == c.len_utf8() {
            out.get_or_insert_with(|| {
                let mut o = String::with_capacity(run.len());
                o.push_str(&run[..i]);
                o
            })
            .push(s);
        } else if let Some(o) = out.as_mut() {
            o.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simplified_runs_keep_offsets() {
        assert_eq!(
            simplified_same_offsets("重點實驗室").as_deref(),
            Some("重点实验室")
        );
        assert_eq!(simplified_same_offsets("重点实验室"), None);
        assert_eq!(simplified_same_offsets("abc"), None);
        // Every traditional character of the shipped table, in one run: offsets are kept, and
        // only the pairs that would change length stay as they are.
        let all: String = T2S_TABLE.iter().map(|&(t, _)| t).collect();
        let simple = simplified_same_offsets(&all).unwrap();
        assert_eq!(simple.len(), all.len());
        let mut kept = 0;
        for ((t, s), &(tt, ts)) in all.chars().zip(simple.chars()).zip(T2S_TABLE) {
            assert_eq!((t, to_simplified(t)), (tt, ts));
            kept += usize::from(s == t);
            assert!(s == ts || ts.len_utf8() != tt.len_utf8(), "{t} -> {s}");
        }
        let changes_length = T2S_TABLE
            .iter()
            .filter(|&&(t, s)| t.len_utf8() != s.len_utf8())
            .count();
        assert_eq!(kept, changes_length);
    }

    #[test]
    fn compiled_table_is_the_shipped_file() {
        let mut pairs: Vec<(char, char)> = include_str!("../../../data/zh/t2s.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| {
                let mut cs = l.split('\t').map(|x| x.chars().next().unwrap());
                (cs.next().unwrap(), cs.next().unwrap())
            })
            .collect();
        pairs.sort_unstable();
        assert_eq!(pairs, T2S_TABLE);
        assert_eq!(T2S_BITMAP.len() as u32 * 64, 0x10000 - BITMAP_BASE);
    }

    #[test]
    fn ideographs_take_the_fast_path_unchanged() {
        assert_eq!(normalize("重点实验室"), "重点实验室");
        // A compatibility ideograph is not its own NFKC form: it takes the full path.
        assert_eq!(normalize("\u{F900}"), "\u{8C48}");
        assert_eq!(normalize("实验室Ａ"), "实验室a");
        // The fast path is exact: every character it copies is its own NFKC form.
        for u in (0x3400..=0x4DBF).chain(0x4E00..=0x9FFF) {
            let c = char::from_u32(u).unwrap();
            assert!(std::iter::once(c).nfkc().eq(std::iter::once(c)), "{c}");
            assert!(c.to_lowercase().eq(std::iter::once(c)), "{c}");
        }
    }

    #[test]
    fn folds_case_and_width() {
        assert_eq!(normalize("ＡＢＣ１２３"), "abc123");
        assert_eq!(normalize("Ministry"), "ministry");
        assert_eq!(normalize("ÉCOLE"), "école");
    }

    #[test]
    fn maps_quotes() {
        assert_eq!(normalize("don’t"), "don't");
        assert_eq!(normalize("“strong”"), "\"strong\"");
    }

    #[test]
    fn nfkc_ligatures() {
        assert_eq!(normalize("ﬁnance"), "finance");
    }
}
