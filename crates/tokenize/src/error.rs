//! The error type of `brief-tokenize`.

use std::fmt;

/// An error from reading or analysing text.
///
/// Match on [`Error::kind`] to tell the cases apart; the `Display` text is a complete, user-facing
/// message.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

/// What went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The bytes are not valid UTF-8; `offset` is the byte offset of the first bad byte.
    InvalidUtf8 {
        /// Byte offset of the first invalid byte in the input.
        offset: usize,
        /// The line (from 1) that holds it.
        line: usize,
    },
    /// The input looks like binary data (NUL bytes or many control characters).
    Binary {
        /// Byte offset of the first NUL or control byte that made the input look binary.
        offset: usize,
    },
    /// A `tokenizer.json` could not be loaded, or a model tokenizer failed.
    Tokenizer(String),
    /// Reading or writing a file failed.
    Io(String),
    /// An encoding label is unknown, or the input cannot be decoded in the encoding given.
    Encoding(String),
    /// A language code brief does not read (it reads `en` and `zh`).
    Language(String),
}

impl Error {
    /// Creates an error of the given kind.
    pub fn new(kind: ErrorKind) -> Self {
        Error { kind, source: None }
    }

    /// The same error, caused by `source` (the system's or a library's error), which
    /// [`std::error::Error::source`] returns.
    pub fn with_source(
        mut self,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        self.source = Some(source.into());
        self
    }

    /// The kind of error.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::InvalidUtf8 { offset, line } => write!(
                f,
                "input is not valid UTF-8: first invalid byte at offset {offset} (line {line}); \
                 use lossy decoding to replace invalid bytes"
            ),
            ErrorKind::Binary { offset } => write!(
                f,
                "input looks like binary data, not text (NUL or control byte at offset {offset})"
            ),
            ErrorKind::Tokenizer(msg) => write!(f, "tokenizer error: {msg}"),
            ErrorKind::Io(path) => write!(f, "cannot read {path}"),
            ErrorKind::Encoding(msg) => write!(f, "{msg}"),
            ErrorKind::Language(code) => {
                write!(f, "unknown language {code:?}: brief reads en and zh")
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Error::new(kind)
    }
}
