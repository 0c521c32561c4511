//! The error type of `brief-classify`.

/// An error from loading, training or running a classifier.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct Error {
    kind: ErrorKind,
}

/// What went wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A taxonomy file is malformed or inconsistent.
    #[error("invalid taxonomy{}: {message}", source_suffix(.source_name))]
    Taxonomy {
        /// The file or source.
        source_name: Option<String>,
        /// What is wrong.
        message: String,
    },
    /// A model file is malformed, of another version, or inconsistent.
    #[error("invalid model{}: {message}", source_suffix(.source_name))]
    Model {
        /// The file or source.
        source_name: Option<String>,
        /// What is wrong.
        message: String,
    },
    /// A theme name is not in the taxonomy.
    #[error("unknown theme `{name}`{hint} (valid: {valid})")]
    UnknownTheme {
        /// The name given.
        name: String,
        /// "; did you mean `…`?" when a valid name is close, else empty.
        hint: String,
        /// The valid names, comma-separated.
        valid: String,
    },
    /// A training or evaluation corpus line is malformed.
    #[error("{what}: {message}")]
    Corpus {
        /// Where (`line 12`).
        what: String,
        /// What is wrong.
        message: String,
    },
    /// Training cannot proceed (no data, a theme without examples, bad settings).
    #[error("training failed: {0}")]
    Training(String),
    /// Reading or writing a file failed.
    #[error("cannot read {}", path.display())]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// The system's error.
        #[source]
        source: std::io::Error,
    },
}

fn source_suffix(s: &Option<String>) -> String {
    s.as_ref().map(|s| format!(" in {s}")).unwrap_or_default()
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
    pub(crate) fn model(msg: impl Into<String>) -> Self {
        Error::new(ErrorKind::Model {
            source_name: None,
            message: msg.into(),
        })
    }
    pub(crate) fn taxonomy(msg: impl Into<String>) -> Self {
        Error::new(ErrorKind::Taxonomy {
            source_name: None,
            message: msg.into(),
        })
    }
    /// Names the file an error came from.
    pub(crate) fn in_source(mut self, name: &str) -> Self {
        match &mut self.kind {
            ErrorKind::Taxonomy { source_name, .. } | ErrorKind::Model { source_name, .. } => {
                *source_name = Some(name.to_owned())
            }
            _ => {}
        }
        self
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
