//! The error of an authoring command: what is wrong, how to fix it, and any content diagnostics.

use crate::diagnostic::Diagnostic;
use std::fmt;

/// Why an authoring command wrote nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
    /// Problems found in site files (or in what the command would have written).
    pub diagnostics: Vec<Diagnostic>,
}

impl Error {
    /// An error with a message only.
    pub fn new(message: impl Into<String>) -> Self {
        Error {
            message: message.into(),
            hint: None,
            diagnostics: Vec::new(),
        }
    }

    /// Attaches a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// An error caused by problems in site files.
    pub fn invalid(message: impl Into<String>, diagnostics: Vec<Diagnostic>) -> Self {
        Error {
            diagnostics,
            ..Error::new(message)
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        write!(f, "error: {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  help: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::new(e.to_string())
    }
}
