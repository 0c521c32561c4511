//! Error classes that decide the exit code.

use std::fmt;

/// Bad input or a failed job: exit code 1.
#[derive(Debug)]
pub struct InputError(pub String);

/// A usage error (unknown name, conflicting options): exit code 2.
#[derive(Debug)]
pub struct UsageError(pub String);

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InputError {}
impl std::error::Error for UsageError {}
