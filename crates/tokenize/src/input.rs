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
    bytes.iter().position(|&b| b == 0)
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
