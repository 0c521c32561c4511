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
