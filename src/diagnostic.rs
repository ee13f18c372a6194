//! Typed diagnostics for content problems: file, line, column, message and a hint.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The site cannot be built.
    Error,
    /// The site builds, but something is probably wrong.
    Warning,
    /// Not a problem: what could not be checked, and why.
    Note,
}

/// One problem found in the site's content, located in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Path relative to the site root, with `/` separators.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at a line and column of `path`.
    pub fn error(
        path: impl AsRef<Path>,
        (line, column): (usize, usize),
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            path: path.as_ref().to_path_buf(),
            line,
            column,
            severity: Severity::Error,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning at a line and column of `path`.
    pub fn warning(
        path: impl AsRef<Path>,
        pos: (usize, usize),
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, pos, message)
        }
    }

    /// A note at a line and column of `path`: what could not be checked, and why.
    pub fn note(path: impl AsRef<Path>, pos: (usize, usize), message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(path, pos, message)
        }
    }

    /// Attaches a hint that says how to fix the problem.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// `path:line:column`, the location part of the message.
    pub fn location(&self) -> String {
        format!(
            "{}:{}:{}",
            self.path.display().to_string().replace('\\', "/"),
            self.line,
            self.column
        )
    }

    /// The label of the severity as printed.
    pub fn severity_label(&self) -> &'static str {
        match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }

    /// True for errors (which stop a build).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.location(),
            self.severity_label(),
            self.message
        )?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  help: {hint}")?;
        }
        Ok(())
    }
}

/// Sorts diagnostics by file, line and column so output never depends on load order.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.column, a.severity, &a.message)
            .cmp(&(&b.path, b.line, b.column, b.severity, &b.message))
    });
}

/// How many errors `diagnostics` hold, as "1 problem" or "N problems" (warnings do not count):
/// the words of every summary line, on the command line and in `serve`.
pub fn problems(diagnostics: &[Diagnostic]) -> String {
    let n = diagnostics.iter().filter(|d| d.is_error()).count();
    format!("{n} problem{}", if n == 1 { "" } else { "s" })
}

/// What a list of diagnostics holds: "1 problem", or "1 problem and 2 warnings" when it lists
/// warnings too, so a summary never counts fewer items than the list under it shows.
pub fn tally(diagnostics: &[Diagnostic]) -> String {
    let warnings = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    match warnings {
        0 => problems(diagnostics),
        1 => format!("{} and 1 warning", problems(diagnostics)),
        n => format!("{} and {n} warnings", problems(diagnostics)),
    }
}

/// The 1-based line and column of a byte offset in `src`.
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(src.len());
    let mut offset = offset;
    while !src.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &src[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The closest candidate to `name`, if one is close enough to be a likely typo.
///
/// Close enough means fewer edits than half the longer name, and at most one in three: `emial`
/// is a typo of `mail` and `ore` of `core`, but `node` (half its letters changed) is not one of
/// `core`, nor `x` of `a`.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let name = name.to_lowercase();
    let name_len = name.chars().count();
    candidates
        .into_iter()
        .filter_map(|c| {
            let lower = c.to_lowercase();
            let len = lower.chars().count();
            let distance = strsim::osa_distance(&name, &lower);
            let longer = name_len.max(len);
            let similar = 2 * distance < longer && distance <= longer.div_ceil(3);
            // A prefix of a longer name (`partial` for `partial_outage`) is a likely short-hand.
            let prefix = name.len() >= 3 && lower.starts_with(&name);
            (similar || prefix).then_some((if prefix { 0 } else { distance }, c))
        })
        .min()
        .map(|(_, c)| c)
}

/// A "did you mean `x`?" hint, or a list of what is allowed when nothing is close.
pub fn suggest(name: &str, candidates: &[&str], what: &str) -> String {
    match closest(name, candidates.iter().copied()) {
        Some(c) => format!("did you mean `{c}`?"),
        None if candidates.is_empty() => format!("no {what} is defined"),
        None => format!("expected one of: {}", candidates.join(", ")),
    }
}

/// Each diagnostic as `line:column message`, for tests that check where problems are reported.
#[cfg(test)]
pub fn located(diags: &[Diagnostic]) -> Vec<String> {
    diags
        .iter()
        .map(|d| format!("{}:{} {}", d.line, d.column, d.message))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one_in_chars() {
        let src = "a = 1\nbé = 2\n";
        assert_eq!(line_col(src, 0), (1, 1));
        assert_eq!(line_col(src, 6), (2, 1));
        assert_eq!(line_col(src, src.find('=').unwrap()), (1, 3));
        assert_eq!(line_col(src, src.rfind('=').unwrap()), (2, 4));
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            suggest("apii", &["api", "web"], "component"),
            "did you mean `api`?"
        );
        assert_eq!(
            suggest("zzz", &["api", "web"], "component"),
            "expected one of: api, web"
        );
        assert_eq!(
            suggest("ore", &["api", "core"], "id"),
            "did you mean `core`?"
        );
        assert_eq!(
            suggest("databse", &["database"], "id"),
            "did you mean `database`?"
        );
        assert_eq!(suggest("titel", &["title"], "key"), "did you mean `title`?");
        assert_eq!(
            suggest("emial", &["api", "mail"], "id"),
            "did you mean `mail`?"
        );
        // Resemblances of half the letters, or none at all, are not typos.
        for unlike in ["node", "cost", "mono"] {
            assert_eq!(
                suggest(unlike, &["api", "web", "mail", "core"], "component"),
                "expected one of: api, web, mail, core",
                "{unlike}"
            );
        }
        assert_eq!(suggest("x", &["a", "b"], "id"), "expected one of: a, b");
    }

    #[test]
    fn display_has_location_and_hint() {
        let d = Diagnostic::error("incidents/a.md", (3, 9), "unknown component `apii`")
            .with_hint("did you mean `api`?");
        assert_eq!(
            d.to_string(),
            "incidents/a.md:3:9: error: unknown component `apii`\n  help: did you mean `api`?"
        );
    }
}
