//! The placeholders of a template, `{{ name }}`: which there are, and where a template uses them.

use super::Use;
use crate::diagnostic::{Diagnostic, closest};
use std::path::Path;

/// The placeholders a template may use, with what each stands for.
pub const PLACEHOLDERS: &[(&str, &str)] = &[
    ("title", "the incident's title"),
    (
        "component",
        "the names of the affected components and groups, e.g. \"API and Website\"",
    ),
    (
        "now",
        "the time of the post in the site time zone, e.g. \"2026-11-23 13:00 CET\"",
    ),
    (
        "upstream",
        "the address given with --upstream, e.g. the provider's incident page",
    ),
];

/// The names of every placeholder, for hints: `{{ title }}, {{ component }}, …`.
pub fn placeholder_list() -> String {
    PLACEHOLDERS
        .iter()
        .map(|(name, _)| format!("{{{{ {name} }}}}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The names inside each `{{ … }}` of a text that is already known to be well formed.
pub(super) fn placeholder_names(text: &str) -> impl Iterator<Item = &str> {
    text.split("{{")
        .skip(1)
        .filter_map(|rest| rest.split_once("}}").map(|(name, _)| name.trim()))
}

/// Every placeholder of `text` (front matter and body): unknown names and unclosed braces are
/// errors; the known ones are returned at their first use.
pub(super) fn placeholders(path: &Path, text: &str, diagnostics: &mut Vec<Diagnostic>) -> Vec<Use> {
    let known: Vec<&str> = PLACEHOLDERS.iter().map(|(n, _)| *n).collect();
    let mut uses: Vec<Use> = Vec::new();
    for (line_no, line) in (1..).zip(text.lines()) {
        let mut from = 0;
        while let Some(open) = line[from..].find("{{").map(|i| from + i) {
            let column = line[..open].chars().count() + 1;
            let Some(len) = line[open + 2..].find("}}") else {
                diagnostics.push(
                    Diagnostic::error(path, (line_no, column), "`{{` without a closing `}}`")
                        .with_hint(format!(
                            "write a placeholder as {{{{ name }}}} on one line; placeholders: {}",
                            placeholder_list()
                        )),
                );
                break;
            };
            let inner = line[open + 2..open + 2 + len].trim();
            match known.iter().find(|n| **n == inner) {
                Some(name) => {
                    if !uses.iter().any(|u| u.name == *name) {
                        uses.push(Use {
                            name,
                            at: (line_no, column),
                        });
                    }
                }
                None => {
                    let close = closest(inner, known.iter().copied())
                        .map_or(String::new(), |c| format!("did you mean `{{{{ {c} }}}}`? "));
                    diagnostics.push(
                        Diagnostic::error(
                            path,
                            (line_no, column),
                            format!("unknown placeholder `{{{{ {inner} }}}}`"),
                        )
                        .with_hint(format!("{close}placeholders: {}", placeholder_list())),
                    );
                }
            }
            from = open + 2 + len + 2;
        }
    }
    uses
}
