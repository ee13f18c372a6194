//! GitLab's code quality report: the subset of the Code Climate format that GitLab reads from a
//! job's `artifacts: reports: codequality` file and shows on merge requests.

use super::repository_path;
use crate::diagnostic::{Diagnostic, Severity};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::Path;

/// One problem, with the fields GitLab requires, in this order.
#[derive(Debug, Serialize)]
struct Issue {
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Debug, Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Debug, Serialize)]
struct Lines {
    begin: usize,
}

/// The report: a JSON array of every diagnostic (`[]` for none), sorted by file, line, column,
/// severity and message so that the same site always gives the same bytes.
pub(super) fn report(diags: &[Diagnostic], root: &Path) -> String {
    let mut sorted: Vec<&Diagnostic> = diags.iter().collect();
    sorted.sort_by(|a, b| {
        (&a.path, a.line, a.column, a.severity, &a.message)
            .cmp(&(&b.path, b.line, b.column, b.severity, &b.message))
    });
    let issues: Vec<Issue> = sorted.into_iter().map(|d| issue(d, root)).collect();
    serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".to_string())
}

fn issue(d: &Diagnostic, root: &Path) -> Issue {
    let path = repository_path(d, root);
    let mut description = d.message.clone();
    if let Some(hint) = &d.hint {
        description.push_str("\nhelp: ");
        description.push_str(hint);
    }
    let (check_name, severity) = match d.severity {
        Severity::Error => ("statuspress-error", "major"),
        Severity::Warning => ("statuspress-warning", "minor"),
        Severity::Note => ("statuspress-note", "info"),
    };
    Issue {
        fingerprint: fingerprint(&path, d.line, &d.message),
        description,
        check_name,
        severity,
        location: Location {
            path,
            lines: Lines { begin: d.line },
        },
    }
}

/// A stable id of a problem, by which GitLab tells new problems from those the target branch
/// already has: the SHA-256 of its path, line and message, in hex.
fn fingerprint(path: &str, line: usize, message: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(path.as_bytes());
    hasher.update([0]);
    hasher.update(line.to_string().as_bytes());
    hasher.update([0]);
    hasher.update(message.as_bytes());
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn no_problems_is_an_empty_array() {
        let text = report(&[], Path::new("."));
        assert_eq!(
            serde_json::from_str::<Value>(&text).unwrap(),
            Value::Array(vec![])
        );
    }

    #[test]
    fn each_problem_has_the_fields_gitlab_requires() {
        let diags = [
            Diagnostic::warning("x.md", (3, 1), "w"),
            Diagnostic::error("incidents/a.md", (6, 20), "unknown component `wbe`")
                .with_hint("did you mean `web`?"),
            Diagnostic::note("components.toml", (1, 1), "n"),
        ];
        let text = report(&diags, Path::new("site"));
        let issues: Vec<Value> = serde_json::from_str(&text).unwrap();
        // Sorted by path, whatever the order given.
        let paths: Vec<&str> = issues
            .iter()
            .map(|i| i["location"]["path"].as_str().unwrap())
            .collect();
        assert_eq!(
            paths,
            ["site/components.toml", "site/incidents/a.md", "site/x.md"]
        );
        let e = &issues[1];
        assert_eq!(
            e["description"],
            "unknown component `wbe`\nhelp: did you mean `web`?"
        );
        assert_eq!(e["check_name"], "statuspress-error");
        assert_eq!(e["severity"], "major");
        assert_eq!(e["location"]["lines"]["begin"], 6);
        let fp = e["fingerprint"].as_str().unwrap();
        assert_eq!(fp.len(), 64);
        assert!(
            fp.chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        assert_eq!(issues[2]["severity"], "minor");
        assert_eq!(issues[0]["severity"], "info");
        let keys: Vec<&String> = e.as_object().unwrap().keys().collect();
        let mut expected = [
            "check_name",
            "description",
            "fingerprint",
            "location",
            "severity",
        ];
        expected.sort_unstable();
        let mut keys: Vec<&str> = keys.iter().map(|k| k.as_str()).collect();
        keys.sort_unstable();
        assert_eq!(keys, expected);
    }

    #[test]
    fn text_that_json_must_escape_round_trips() {
        let message = "quote \" backslash \\ tab \t newline \n bell \u{7} </script> ✓";
        let d = Diagnostic::error("a \"b\".md", (1, 1), message);
        let text = report(std::slice::from_ref(&d), Path::new("."));
        let issues: Vec<Value> = serde_json::from_str(&text).unwrap();
        assert_eq!(issues[0]["description"], message);
        assert_eq!(issues[0]["location"]["path"], "a \"b\".md");
        assert!(!text.contains('\u{7}'), "control characters are escaped");
    }

    #[test]
    fn fingerprints_are_stable_and_tell_problems_apart() {
        let a = Diagnostic::error("a.md", (2, 1), "m");
        let fp = |d: &Diagnostic| {
            let text = report(std::slice::from_ref(d), Path::new("."));
            let issues: Vec<Value> = serde_json::from_str(&text).unwrap();
            issues[0]["fingerprint"].as_str().unwrap().to_string()
        };
        assert_eq!(fp(&a), fp(&a.clone()));
        assert_eq!(fp(&a), fp(&a.clone().with_hint("a hint does not count")));
        assert_ne!(fp(&a), fp(&Diagnostic::error("a.md", (3, 1), "m")));
        assert_ne!(fp(&a), fp(&Diagnostic::error("b.md", (2, 1), "m")));
        assert_ne!(fp(&a), fp(&Diagnostic::error("a.md", (2, 1), "n")));
        // The parts are separated: "a.md" line 12 is not "a.md1" line 2.
        assert_ne!(fingerprint("a.md", 12, "m"), fingerprint("a.md1", 2, "m"));
    }
}
