//! The error type of `brief-summarize`.

/// An error from configuring or running the summarizer.
#[derive(Debug, thiserror::Error)]
#[error("{kind}")]
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
    /// A JSON file (configuration, background table, corpus line) could not be parsed.
    #[error("{what}: {message}")]
    Parse {
        /// What was being parsed (a file name, `line 12`, ...).
        what: String,
        /// The parser's message.
        message: String,
    },
    /// Reading a file failed.
    #[error("{path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// The system's message.
        message: String,
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
