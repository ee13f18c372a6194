//! The one reporter of the command line: prints diagnostics for people (`path:line:col: error:
//! message` on standard error), as GitHub Actions workflow commands (on standard output, so
//! problems show on pull request lines) or as GitLab's code quality report ([`codequality`]),
//! and the "N problems found" summary line.

mod codequality;

use super::args::CheckFormat;
use crate::diagnostic::{self, Diagnostic};
use std::path::Path;
use std::process::ExitCode;

/// Prints the diagnostics of one command in one format.
#[derive(Debug, Clone, Copy)]
pub struct Reporter<'a> {
    format: CheckFormat,
    /// The site folder as given on the command line, which annotation paths start from.
    root: &'a Path,
}

impl<'a> Reporter<'a> {
    /// A reporter for the site in `root`.
    pub fn new(format: CheckFormat, root: &'a Path) -> Self {
        Reporter { format, root }
    }

    /// A reporter for people, for commands without `--format`.
    pub fn human(root: &'a Path) -> Self {
        Reporter::new(CheckFormat::Human, root)
    }

    /// Prints each diagnostic. In the GitLab format this is the whole report, so a command
    /// calls it once (with no diagnostics, the report is an empty array).
    pub fn diagnostics(&self, diags: &[Diagnostic]) {
        use std::io::Write;
        let human = || {
            let mut err = std::io::stderr().lock();
            for d in diags {
                let _ = writeln!(err, "{d}");
            }
        };
        match self.format {
            CheckFormat::Human => human(),
            CheckFormat::Github => {
                let mut out = std::io::stdout().lock();
                for d in diags {
                    let _ = writeln!(out, "{}", github(d, self.root));
                }
            }
            CheckFormat::Gitlab => {
                // The job log shows standard error; standard output goes to the report file.
                human();
                let _ = writeln!(
                    std::io::stdout().lock(),
                    "{}",
                    codequality::report(diags, self.root)
                );
            }
        }
    }

    /// Prints the closing line of a command that succeeded: on standard output, or on standard
    /// error where standard output is a report that must hold nothing else.
    pub fn outcome(&self, line: &str) {
        match self.format {
            CheckFormat::Human | CheckFormat::Github => println!("{line}"),
            CheckFormat::Gitlab => eprintln!("{line}"),
        }
    }

    /// Prints the problems that stopped a command, then `error: N problems found` followed by
    /// `consequence` (e.g. "; nothing was written"), and returns the failure exit code.
    pub fn problems_found(&self, diags: &[Diagnostic], consequence: &str) -> ExitCode {
        self.diagnostics(diags);
        eprintln!("error: {} found{consequence}", diagnostic::problems(diags));
        ExitCode::FAILURE
    }
}

/// Prints why an authoring command wrote nothing (the problems in site files, the error and its
/// hint) and returns the failure exit code.
pub fn author_failed(e: &crate::authoring::Error) -> ExitCode {
    eprintln!("{e}");
    ExitCode::FAILURE
}

/// Escapes the message of a workflow command: `%`, CR and LF.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command: as data, plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The diagnostic's file as CI systems name it: from the checkout, `/`-separated, without `./`.
///
/// `root` is the site folder as given on the command line; the path is prefixed with it, since
/// CI resolves paths from the repository's root.
fn repository_path(d: &Diagnostic, root: &Path) -> String {
    let path = root.join(&d.path);
    let path = path.to_string_lossy().replace('\\', "/");
    path.strip_prefix("./").unwrap_or(&path).to_string()
}

/// `::error file=PATH,line=L,col=C::MESSAGE` (or `::warning`), the hint on a second line; the
/// path as [`repository_path`] gives it.
pub fn github(d: &Diagnostic, root: &Path) -> String {
    let path = repository_path(d, root);
    let mut message = d.message.clone();
    if let Some(hint) = &d.hint {
        message.push_str("\nhelp: ");
        message.push_str(hint);
    }
    // GitHub calls a note a notice.
    let command = match d.severity_label() {
        "note" => "notice",
        label => label,
    };
    format!(
        "::{} file={},line={},col={}::{}",
        command,
        escape_property(&path),
        d.line,
        d.column,
        escape_data(&message)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_escapes() {
        let d = Diagnostic::error(
            "incidents/a,b.md",
            (6, 20),
            "unknown component `wbe` (100%)",
        )
        .with_hint("did you mean `web`?\r\nsee: components.toml");
        assert_eq!(
            github(&d, Path::new(".")),
            "::error file=incidents/a%2Cb.md,line=6,col=20::unknown component `wbe` (100%25)%0Ahelp: did you mean `web`?%0D%0Asee: components.toml"
        );
        let w = Diagnostic::warning("x.md", (1, 1), "w");
        assert_eq!(
            github(&w, Path::new("site")),
            "::warning file=site/x.md,line=1,col=1::w"
        );
        assert_eq!(escape_property("C:\\a,b%"), "C%3A\\a%2Cb%25");
        let n = Diagnostic::note("components.toml", (1, 1), "n");
        assert_eq!(
            github(&n, Path::new(".")),
            "::notice file=components.toml,line=1,col=1::n"
        );
    }
}
