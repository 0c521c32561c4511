//! The error type of `brief-summarize`.

/// An error from configuring or running the summarizer. Its message says what failed; the
/// underlying error (the system's, the JSON parser's) is its [`source`](std::error::Error::source).
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct Error {
    kind: ErrorKind,
}

/// What went wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A configuration value is out of range or inconsistent.
    #[error("invalid configuration: {0}")]
    InvalidConfig(String),
    /// A scorer name is unknown.
    #[error("unknown scorer `{name}`{hint} (valid: {valid})")]
    UnknownScorer {
        /// The name given.
        name: String,
        /// "; did you mean `…`?" when a valid name is close, else empty.
        hint: String,
        /// The valid names, comma-separated.
        valid: String,
    },
    /// A corpus line or file has the wrong content.
    #[error("{what}: {message}")]
    Parse {
        /// What was being parsed (a file name, `line 12`, ...).
        what: String,
        /// What is wrong.
        message: String,
    },
    /// A JSON text (configuration, model, background table, corpus line) is not valid JSON of
    /// the expected shape.
    #[error("{what}: not a valid JSON {expected}")]
    Json {
        /// What was being parsed (a file name, `line 12`, ...).
        what: String,
        /// What it should have been.
        expected: &'static str,
        /// The parser's error.
        #[source]
        source: serde_json::Error,
    },
    /// Reading a file failed.
    #[error("cannot read {}", path.display())]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// The system's error.
        #[source]
        source: std::io::Error,
    },
    /// Counting model tokens failed.
    #[error(transparent)]
    Tokenize(#[from] brief_tokenize::Error),
}

impl Error {
    /// Creates an error of the given kind.
    pub fn new(kind: ErrorKind) -> Self {
        Error { kind }
    }
    /// The kind of error.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }
    pub(crate) fn config(msg: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidConfig(msg.into()))
    }
    pub(crate) fn json(
        what: impl Into<String>,
        expected: &'static str,
        e: serde_json::Error,
    ) -> Self {
        Error::new(ErrorKind::Json {
            what: what.into(),
            expected,
            source: e,
        })
    }
    pub(crate) fn io(path: &std::path::Path, e: std::io::Error) -> Self {
        Error::new(ErrorKind::Io {
            path: path.to_owned(),
            source: e,
        })
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Error { kind }
    }
}

impl From<brief_tokenize::Error> for Error {
    fn from(e: brief_tokenize::Error) -> Self {
        Error::new(ErrorKind::Tokenize(e))
    }
}
