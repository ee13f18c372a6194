//! The built-in theme, embedded in the binary, and per-file overrides from a theme or the site.

use crate::diagnostic::Diagnostic;
use std::error::Error as _;
use tera::Tera;

/// Built-in templates by name. A site overrides one by putting a file of the same name in `templates/`.
pub const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("style.css", include_str!("../../templates/style.css")),
    ("index.html", include_str!("../../templates/index.html")),
    (
        "incident.html",
        include_str!("../../templates/incident.html"),
    ),
    (
        "maintenance.html",
        include_str!("../../templates/maintenance.html"),
    ),
    (
        "component.html",
        include_str!("../../templates/component.html"),
    ),
    ("history.html", include_str!("../../templates/history.html")),
    (
        "uptime_bar.html",
        include_str!("../../templates/uptime_bar.html"),
    ),
    ("stats.html", include_str!("../../templates/stats.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("sitemap.xml", include_str!("../../templates/sitemap.xml")),
    ("robots.txt", include_str!("../../templates/robots.txt")),
    ("embed.html", include_str!("../../templates/embed.html")),
];

/// Compiles the built-in templates with `overrides` (name, text) laid over them.
pub fn engine(overrides: &[(String, String)]) -> Result<Tera, Vec<Diagnostic>> {
    let mut all: Vec<(String, String)> = BUILTIN
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    for (name, text) in overrides {
        match all.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = text.clone(),
            None => all.push((name.clone(), text.clone())),
        }
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml", ".htm"]);
    tera.set_escape_fn(escape);
    tera.add_raw_templates(all).map_err(|e| {
        let message = chain(&e);
        let culprit = overrides
            .iter()
            .find(|(n, _)| message.contains(&format!("'{n}'")))
            .map(|(n, _)| n.clone());
        let path = culprit.map_or_else(|| "templates".to_string(), |n| format!("templates/{n}"));
        vec![
            Diagnostic::error(path, (1, 1), format!("template error: {message}"))
                .with_hint("fix the template syntax; see https://keats.github.io/tera/docs/"),
        ]
    })?;
    Ok(tera)
}

/// Escapes text for HTML and XML: `&`, `<`, `>`, `"` and `'`. Unlike Tera's default it keeps `/`,
/// so URLs stay readable.
pub fn escape(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    for c in input.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A Tera error with all its causes, on one line.
pub fn chain(e: &tera::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join(": ")
}
