//! Turning bytes from files and pipes into analysable text.
//!
//! The analysis itself takes `&str`; every byte source (a file, standard input, a JSON field)
//! goes through [`decode`] first, so that invalid UTF-8, byte-order marks, CRLF line ends and
//! binary data are handled in one place.

use crate::error::{Error, ErrorKind};

/// How [`decode`] treats its input.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DecodeOptions {
    /// Replace invalid UTF-8 sequences with U+FFFD instead of failing.
    pub lossy: bool,
    /// Accept input that looks binary (NUL bytes, many control characters).
    pub allow_binary: bool,
}

impl DecodeOptions {
    /// Options that replace invalid UTF-8 instead of rejecting it.
    pub fn lossy() -> Self {
        DecodeOptions {
            lossy: true,
            allow_binary: false,
        }
    }
}

/// Decodes bytes into text ready for analysis.
///
/// * strips a UTF-8 byte-order mark;
/// * rejects invalid UTF-8 with the byte offset of the first bad byte (or replaces it with
///   U+FFFD when [`DecodeOptions::lossy`] is set);
/// * rejects binary data: any NUL byte, or more than 10 % control characters other than
///   tab, newline, carriage return and form feed in the first 8 KiB;
/// * normalizes CRLF and lone CR line ends to LF.
///
/// ```
/// use brief_tokenize::{decode, DecodeOptions, ErrorKind};
///
/// let text = decode(b"\xEF\xBB\xBFLine one.\r\nLine two.", DecodeOptions::default()).unwrap();
/// assert_eq!(text, "Line one.\nLine two.");
///
/// let err = decode(b"ok \xFF bad", DecodeOptions::default()).unwrap_err();
/// assert_eq!(err.kind(), &ErrorKind::InvalidUtf8 { offset: 3, line: 1 });
///
/// let fixed = decode(b"ok \xFF bad", DecodeOptions::lossy()).unwrap();
/// assert_eq!(fixed, "ok \u{FFFD} bad");
/// ```
pub fn decode(bytes: &[u8], options: DecodeOptions) -> Result<String, Error> {
    decode_vec(bytes.to_vec(), options)
}

/// Like [`decode`], but takes the bytes by value and reuses their buffer when no change is
/// needed (no copy for valid UTF-8 without BOM or carriage returns).
///
/// ```
/// let text = brief_tokenize::decode_vec(b"plain text".to_vec(), Default::default()).unwrap();
/// assert_eq!(text, "plain text");
/// ```
pub fn decode_vec(mut bytes: Vec<u8>, options: DecodeOptions) -> Result<String, Error> {
    // Offsets in errors count from the start of the input, BOM included.
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    bytes.drain(..bom);
    if !options.allow_binary {
        check_binary(&bytes).map_err(|e| match e.kind() {
            ErrorKind::Binary { offset } => ErrorKind::Binary {
                offset: offset + bom,
            }
            .into(),
            _ => e,
        })?;
    }
    let text = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) if options.lossy => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..valid]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            return Err(ErrorKind::InvalidUtf8 {
                offset: valid + bom,
                line,
            }
            .into());
        }
    };
    if text.contains('\r') {
        Ok(normalize_newlines(&text))
    } else {
        Ok(text)
    }
}

fn check_binary(bytes: &[u8]) -> Result<(), Error> {
    if let Some(offset) = memchr_nul(bytes) {
        return Err(ErrorKind::Binary { offset }.into());
    }
    let head = &bytes[..bytes.len().min(8192)];
    let mut controls = 0usize;
    let mut first = None;
    for (i, &b) in head.iter().enumerate() {
        if (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F {
            controls += 1;
            first.get_or_insert(i);
        }
    }
    if !head.is_empty() && controls * 10 > head.len() {
        return Err(ErrorKind::Binary {
            offset: first.unwrap_or(0),
        }
        .into());
    }
    Ok(())
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(0, bytes)
}

fn normalize_newlines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_crlf() {
        let t = decode(b"\xEF\xBB\xBFa\r\nb\rc\n", DecodeOptions::default()).unwrap();
        assert_eq!(t, "a\nb\nc\n");
    }

    #[test]
    fn invalid_utf8_reports_offset() {
        let err = decode(
            "héllo"
                .as_bytes()
                .iter()
                .copied()
                .chain([0xC3, b'x'])
                .collect::<Vec<_>>()
                .as_slice(),
            DecodeOptions::default(),
        )
        .unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::InvalidUtf8 { offset: 6, line: 1 });
        assert!(err.to_string().contains("offset 6"));
    }

    #[test]
    fn offsets_count_the_bom() {
        let err = decode(b"\xEF\xBB\xBFab\xFF", DecodeOptions::default()).unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::InvalidUtf8 { offset: 5, line: 1 });
    }

    #[test]
    fn lossy_replaces() {
        let t = decode(b"a\xFFb", DecodeOptions::lossy()).unwrap();
        assert_eq!(t, "a\u{FFFD}b");
    }

    #[test]
    fn nul_bytes_are_binary() {
        let err = decode(b"text\0more", DecodeOptions::default()).unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::Binary { offset: 4 });
    }

    #[test]
    fn control_heavy_is_binary() {
        let bytes: Vec<u8> = (0..200u8)
            .map(|i| if i % 3 == 0 { 0x01 } else { b'a' })
            .collect();
        assert!(matches!(
            decode(&bytes, DecodeOptions::default()).unwrap_err().kind(),
            ErrorKind::Binary { .. }
        ));
        let ok = decode(
            &bytes,
            DecodeOptions {
                lossy: false,
                allow_binary: true,
            },
        );
        assert!(ok.is_ok());
    }

    #[test]
    fn empty_is_empty_text() {
        assert_eq!(decode(b"", DecodeOptions::default()).unwrap(), "");
    }
}

/// Text decoded from bytes, with the encoding that was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text (UTF-8, no byte-order mark, LF line ends).
    pub text: String,
    /// The encoding's name (`UTF-8`, `GBK`, `gb18030`, `Big5`, `UTF-16LE`, …).
    pub encoding: &'static str,
    /// Whether the encoding was detected (not UTF-8, not given by the caller).
    pub detected: bool,
}

/// Decodes bytes in any common encoding: UTF-8 first; UTF-16 by its byte-order mark or its
/// zero bytes; otherwise, for input that is not UTF-8, the encoding that `chardetng` (the
/// detector of Firefox) guesses, accepted only if the bytes decode without error: GBK/GB18030
/// or Big5 for Chinese pages and archives (if the text reads as mostly CJK), windows-1252 for
/// an English or Western European text saved by Word, or another single-byte encoding (if no
/// valid UTF-8 sequence of several bytes is in the input, which would make it damaged UTF-8,
/// and every other character is a letter or ordinary punctuation). `encoding` (a WHATWG
/// label such as `gb18030`, `big5`, `utf-16le`, `windows-1252`) forces one. Invalid input is the same error as [`decode`]
/// gives; [`DecodeOptions::lossy`] replaces what cannot be decoded.
///
/// ```
/// use brief_tokenize::decode_any;
///
/// // "重点实验室" in GBK.
/// let gbk = b"\xd6\xd8\xb5\xe3\xca\xb5\xd1\xe9\xca\xd2\xa1\xa3\xd6\xd8\xb5\xe3\xca\xb5\xd1\xe9\xca\xd2";
/// let d = decode_any(gbk.to_vec(), Default::default(), None).unwrap();
/// assert_eq!(d.text, "重点实验室。重点实验室");
/// assert!(d.detected && d.encoding == "GBK");
/// let u = decode_any("plain".as_bytes().to_vec(), Default::default(), None).unwrap();
/// assert_eq!((u.encoding, u.detected), ("UTF-8", false));
/// # Ok::<(), brief_tokenize::Error>(())
/// ```
#[cfg(feature = "encodings")]
pub fn decode_any(
    bytes: Vec<u8>,
    options: DecodeOptions,
    encoding: Option<&str>,
) -> Result<Decoded, Error> {
    use encoding_rs::{Encoding, UTF_8};
    let finish = |text: std::borrow::Cow<'_, str>, enc: &'static Encoding, detected: bool| {
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let text = if text.contains('\r') {
            normalize_newlines(text)
        } else {
            text.to_owned()
        };
        Decoded {
            text,
            encoding: enc.name(),
            detected,
        }
    };
    let strict = |enc: &'static Encoding, bytes: &[u8], detected: bool| -> Result<Decoded, Error> {
        let (text, had_errors) = enc.decode_with_bom_removal(bytes);
        if had_errors && !options.lossy {
            return Err(ErrorKind::Encoding(format!(
                "the input is not valid {}; use lossy decoding to replace what cannot be decoded",
                enc.name()
            ))
            .into());
        }
        let d = finish(text, enc, detected);
        if !options.allow_binary {
            check_binary(d.text.as_bytes())?;
        }
        Ok(d)
    };
    if let Some(label) = encoding {
        let enc = Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
            Error::from(ErrorKind::Encoding(format!(
                "unknown encoding `{label}` (try utf-8, gb18030, gbk, big5, utf-16le, utf-16be, shift_jis, windows-1252)"
            )))
        })?;
        if enc == UTF_8 {
            return decode_vec(bytes, options).map(|text| Decoded {
                text,
                encoding: "UTF-8",
                detected: false,
            });
        }
        return strict(enc, &bytes, false);
    }
    if let Some((enc, _)) = Encoding::for_bom(&bytes) {
        if enc != UTF_8 {
            return strict(enc, &bytes, true);
        }
    }
    if let Some(enc) = utf16_without_bom(&bytes) {
        return strict(enc, &bytes, true).or_else(|_| {
            decode_vec(bytes.clone(), options).map(|text| Decoded {
                text,
                encoding: "UTF-8",
                detected: false,
            })
        });
    }
    if std::str::from_utf8(&bytes).is_ok() || bytes.is_empty() {
        return decode_vec(bytes, options).map(|text| Decoded {
            text,
            encoding: "UTF-8",
            detected: false,
        });
    }
    // Not UTF-8: guess, and accept the guess only if it decodes cleanly.
    let mut det = chardetng::EncodingDetector::new();
    det.feed(&bytes, true);
    let guess = det.guess(None, true);
    // What the decoded text must read as for the guess to be taken. The multi-byte East Asian
    // encodings: mostly CJK. A single-byte guess (windows-1252 for a Western European or
    // English text saved by Word with its curly quotes, windows-1250, windows-1251,
    // ISO-8859-x): only where nothing suggests UTF-8 with a damaged byte, that is no valid
    // UTF-8 sequence of two or more bytes anywhere, and every character that is not ASCII a
    // letter or the punctuation and symbols of ordinary text.
    const EAST_ASIAN: &[&str] = &["GBK", "gb18030", "Big5", "EUC-KR", "Shift_JIS", "EUC-JP"];
    let reads_well: Option<fn(&str) -> bool> = if guess == UTF_8 {
        None
    } else if EAST_ASIAN.contains(&guess.name()) {
        Some(|text| {
            let non_ascii = text.chars().filter(|c| !c.is_ascii()).count();
            let cjk = text.chars().filter(|&c| crate::word::is_cjk(c)).count();
            cjk * 2 >= non_ascii
        })
    } else if guess.is_single_byte() && !has_utf8_sequence(&bytes) {
        Some(|text| text.chars().all(|c| c.is_ascii() || plausible_in_text(c)))
    } else {
        None
    };
    if let Some(reads_well) = reads_well {
        let (text, had_errors) = guess.decode_without_bom_handling(&bytes);
        if !had_errors && reads_well(&text) {
            let d = finish(text, guess, true);
            if options.allow_binary || check_binary(d.text.as_bytes()).is_ok() {
                return Ok(d);
            }
        }
    }
    decode_vec(bytes, options).map(|text| Decoded {
        text,
        encoding: "UTF-8",
        detected: false,
    })
}

/// Whether `bytes` hold a valid UTF-8 sequence of two to four bytes: text that does is UTF-8
/// with damage, not a single-byte encoding (whose letters almost never pair up so).
#[cfg(feature = "encodings")]
fn has_utf8_sequence(bytes: &[u8]) -> bool {
    bytes.iter().enumerate().any(|(i, &b)| {
        let width = match b {
            0xc2..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf4 => 4,
            _ => return false,
        };
        bytes
            .get(i..i + width)
            .is_some_and(|seq| std::str::from_utf8(seq).is_ok())
    })
}

/// Whether a character that is not ASCII is what a text in a single-byte encoding holds: a
/// letter (but `ÿ`, which is byte 0xFF, the mark of damaged bytes far more often than of a
/// French place name), a no-break space, typographic punctuation (curly quotes, dashes,
/// ellipsis, bullets) or a common sign (currency, degree, section, copyright).
#[cfg(feature = "encodings")]
fn plausible_in_text(c: char) -> bool {
    (c.is_alphabetic() && c != '\u{ff}')
        || matches!(c,
            '\u{a0}' | '¡' | '¿' | '«' | '»' | '°' | '§' | '¶' | '©' | '®' | '™' | '·' | '±'
            | '×' | '÷' | '¹' | '²' | '³' | '¼' | '½' | '¾' | '€' | '£' | '¥' | '¢' | '´' | '¨'
            | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205e}')
}

/// UTF-16 without a byte-order mark: most of the zero bytes sit at odd (LE) or even (BE)
/// offsets, as in text of Latin or CJK characters.
#[cfg(feature = "encodings")]
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 8 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &b) in head.iter().enumerate() {
        if b == 0 {
            if i % 2 == 0 {
                even += 1
            } else {
                odd += 1
            }
        }
    }
    let pairs = head.len() / 2;
    if odd * 3 > pairs && even * 10 < odd {
        Some(encoding_rs::UTF_16LE)
    } else if even * 3 > pairs && odd * 10 < even {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}
