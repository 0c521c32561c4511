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
        out.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
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

/// The traditional-to-simplified table (`data/zh/t2s.tsv`, generated from OpenCC by
/// `scripts/gen-t2s.sh`), sorted by the traditional character.
fn t2s_table() -> &'static [(char, char)] {
    static T: std::sync::OnceLock<Vec<(char, char)>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut v: Vec<(char, char)> = include_str!("../../../data/zh/t2s.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut cs = l.split('\t').map(|x| x.chars().next());
                Some((cs.next()??, cs.next()??))
            })
            .collect();
        v.sort_unstable();
        v
    })
}

/// The simplified form of a traditional Chinese character (`實` → `实`); any other character
/// is returned as it is. Used to match traditional-script text against simplified lexicons
/// while spans and output keep the original characters.
///
/// ```
/// use brief_tokenize::to_simplified;
/// let s: String = "重點實驗室".chars().map(to_simplified).collect();
/// assert_eq!(s, "重点实验室");
/// assert_eq!(to_simplified('a'), 'a');
/// ```
pub fn to_simplified(c: char) -> char {
    if (c as u32) < 0x3400 {
        return c;
    }
    let t = t2s_table();
    match t.binary_search_by_key(&c, |&(a, _)| a) {
        Ok(i) => t[i].1,
        Err(_) => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
