//! JSON Lines framing: the one reader every brief crate uses for JSON Lines input.
//!
//! [`lines`] walks raw bytes line by line, lazily, and gives each non-blank line with its
//! number (counting `\n` from 1). It takes care of what real files carry: a UTF-8 byte-order
//! mark, `\r\n` line ends (a `\r` inside a record is JSON whitespace, not a line end), blank
//! lines (ASCII whitespace only), and per-line decoding, so that an invalid byte or a NUL is *that line's* error and
//! the other lines still read. Parsing the JSON is left to the caller, who knows the record's
//! shape (a typed struct or a `serde_json::Value`).
//!
//! ```
//! use brief_tokenize::jsonl;
//!
//! let bytes = b"\xEF\xBB\xBF{\"id\": 1}\r\n\n{\"id\": 2}\n{\"id\": \xFF}\n";
//! let lines: Vec<_> = jsonl::lines(bytes).collect();
//! assert_eq!(lines.len(), 3);
//! let first = lines[0].as_ref().unwrap();
//! assert_eq!((first.number, &*first.text), (1, "{\"id\": 1}"));
//! assert_eq!(lines[1].as_ref().unwrap().number, 3);
//! let bad = lines[2].as_ref().unwrap_err();
//! assert_eq!(bad.number, 4);
//! assert!(bad.to_string().contains("not valid UTF-8"));
//! ```

use std::borrow::Cow;
use std::fmt;

/// One non-blank line of a JSON Lines input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line<'a> {
    /// Its line number, from 1 (blank lines are counted).
    pub number: usize,
    /// Its text, without the line end. Borrowed unless invalid bytes were replaced.
    pub text: Cow<'a, str>,
}

/// A line that cannot be read as text; the other lines are unaffected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// Its line number, from 1.
    pub number: usize,
    /// What is wrong with it.
    pub kind: LineErrorKind,
}

/// What is wrong with a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum LineErrorKind {
    /// Not valid UTF-8; `column` is the first invalid byte's, from 1.
    InvalidUtf8 {
        /// Byte column of the first invalid byte, from 1.
        column: usize,
    },
    /// A NUL byte (binary data, or UTF-16 read as UTF-8), at this byte column from 1.
    Nul {
        /// Byte column of the NUL, from 1.
        column: usize,
    },
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.number, self.kind)
    }
}

/// What is wrong, without the line number (for messages that name the line themselves).
impl fmt::Display for LineErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            LineErrorKind::InvalidUtf8 { column } => {
                write!(f, "not valid UTF-8 (first invalid byte at column {column})")
            }
            LineErrorKind::Nul { column } => write!(f, "a NUL byte at column {column}"),
        }
    }
}

impl std::error::Error for LineError {}

/// The non-blank lines of JSON Lines `bytes`, strictly decoded: a line with invalid UTF-8 or
/// a NUL byte is an error (see the [module documentation](self)).
pub fn lines(bytes: &[u8]) -> Lines<'_> {
    Lines::new(bytes, false)
}

/// Like [`lines`], but invalid UTF-8 is replaced by U+FFFD instead of failing the line (a NUL
/// byte is still an error).
///
/// ```
/// let lines: Vec<_> = brief_tokenize::jsonl::lines_lossy(b"{\"t\": \"a\xFFb\"}").collect();
/// assert_eq!(lines[0].as_ref().unwrap().text, "{\"t\": \"a\u{FFFD}b\"}");
/// ```
pub fn lines_lossy(bytes: &[u8]) -> Lines<'_> {
    Lines::new(bytes, true)
}

/// [`lines`] (or, with `lossy`, [`lines_lossy`]) of a later part of an input: whole lines
/// that follow its first `before` lines, as a stream reads them a chunk at a time. They are
/// numbered from `before + 1`, and a byte-order mark at their start is kept as part of the
/// line, as in the whole input (only the input's own start may carry one).
///
/// ```
/// use brief_tokenize::jsonl::{continued, lines};
///
/// let whole = b"{\"a\": 1}\n{\"b\": 2}\n";
/// let second: Vec<_> = continued(&whole[9..], 1, false).collect();
/// assert_eq!(second, lines(whole).skip(1).collect::<Vec<_>>());
/// assert_eq!(second[0].as_ref().unwrap().number, 2);
/// ```
pub fn continued(bytes: &[u8], before: usize, lossy: bool) -> Lines<'_> {
    if before == 0 {
        return Lines::new(bytes, lossy);
    }
    Lines {
        rest: bytes,
        number: before,
        lossy,
        done: false,
    }
}

/// The iterator of [`lines`], [`lines_lossy`] and [`continued`].
#[derive(Debug, Clone)]
pub struct Lines<'a> {
    rest: &'a [u8],
    number: usize,
    lossy: bool,
    done: bool,
}

impl<'a> Lines<'a> {
    fn new(bytes: &'a [u8], lossy: bool) -> Self {
        Lines {
            rest: bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes),
            number: 0,
            lossy,
            done: false,
        }
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = Result<Line<'a>, LineError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let (raw, rest) = match memchr::memchr(b'\n', self.rest) {
                Some(p) => (&self.rest[..p], &self.rest[p + 1..]),
                None => {
                    self.done = true;
                    (self.rest, &self.rest[self.rest.len()..])
                }
            };
            self.rest = rest;
            self.number += 1;
            let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
            if raw.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let number = self.number;
            let fail = |kind| Some(Err(LineError { number, kind }));
            if let Some(p) = memchr::memchr(0, raw) {
                return fail(LineErrorKind::Nul { column: p + 1 });
            }
            let text = match std::str::from_utf8(raw) {
                Ok(s) => Cow::Borrowed(s),
                Err(_) if self.lossy => String::from_utf8_lossy(raw),
                Err(e) => {
                    return fail(LineErrorKind::InvalidUtf8 {
                        column: e.valid_up_to() + 1,
                    })
                }
            };
            return Some(Ok(Line { number, text }));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(bytes: &[u8]) -> Vec<(usize, String)> {
        lines(bytes)
            .map(|l| {
                let l = l.unwrap();
                (l.number, l.text.into_owned())
            })
            .collect()
    }

    #[test]
    fn frames_lines_as_files_carry_them() {
        assert_eq!(texts(b""), []);
        assert_eq!(texts(b"\n\n  \r\n"), []);
        assert_eq!(texts(b"{}"), [(1, "{}".to_owned())]);
        assert_eq!(
            texts(b"\xEF\xBB\xBF{\"a\":1}\r\n{\"b\":\"x\ry\"}\n"),
            [
                (1, "{\"a\":1}".to_owned()),
                (2, "{\"b\":\"x\ry\"}".to_owned())
            ]
        );
        assert_eq!(
            texts("{\"t\":\"重点\"}\n".as_bytes())[0].1,
            "{\"t\":\"重点\"}"
        );
    }

    #[test]
    fn blank_means_ascii_whitespace() {
        // Found by fuzzing: a vertical tab is Unicode whitespace but not ASCII whitespace, so
        // the line is given to the caller, whose JSON parser refuses it.
        assert_eq!(texts(b"\x0b"), [(1, "\u{b}".to_owned())]);
        assert_eq!(texts(b" \t\x0c\r\n"), []);
    }

    #[test]
    fn a_bad_line_is_its_own_error() {
        let got: Vec<_> = lines(b"{}\n{\"a\":\"\xC3\"}\n{\0}\n{}").collect();
        assert_eq!(got.len(), 4);
        assert!(got[0].is_ok() && got[3].is_ok());
        assert_eq!(
            got[1].as_ref().unwrap_err().kind,
            LineErrorKind::InvalidUtf8 { column: 7 }
        );
        assert_eq!(
            got[2].as_ref().unwrap_err().kind,
            LineErrorKind::Nul { column: 2 }
        );
        assert_eq!(got[3].as_ref().unwrap().number, 4);
        assert!(lines_lossy(b"{\0}").next().unwrap().is_err());
        let e = got[2].as_ref().unwrap_err();
        assert_eq!(e.to_string(), "line 3: a NUL byte at column 2");
        assert_eq!(e.kind.to_string(), "a NUL byte at column 2");
    }
}
