//! The built-in theme, embedded in the binary, and per-file overrides from a theme or the site.

use crate::diagnostic::Diagnostic;
use crate::render::escape;
use std::collections::HashMap;
use std::error::Error as _;
use tera::{Tera, Value, try_get_value};
use unicode_segmentation::UnicodeSegmentation;

/// Built-in templates by name. A site overrides one by putting a file of the same name in `templates/`.
pub const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../../templates/base.html")),
    (
        "macros.html",
        include_str!("../../../templates/macros.html"),
    ),
    ("colors.css", include_str!("../../../templates/colors.css")),
    ("style.css", include_str!("../../../templates/style.css")),
    ("times.js", include_str!("../../../templates/times.js")),
    ("index.html", include_str!("../../../templates/index.html")),
    (
        "incident.html",
        include_str!("../../../templates/incident.html"),
    ),
    (
        "maintenance.html",
        include_str!("../../../templates/maintenance.html"),
    ),
    (
        "announcement.html",
        include_str!("../../../templates/announcement.html"),
    ),
    (
        "maintenance_list.html",
        include_str!("../../../templates/maintenance_list.html"),
    ),
    (
        "announcement_list.html",
        include_str!("../../../templates/announcement_list.html"),
    ),
    (
        "component.html",
        include_str!("../../../templates/component.html"),
    ),
    (
        "history.html",
        include_str!("../../../templates/history.html"),
    ),
    (
        "post_line.html",
        include_str!("../../../templates/post_line.html"),
    ),
    (
        "uptime_bar.html",
        include_str!("../../../templates/uptime_bar.html"),
    ),
    (
        "uptime_image.html",
        include_str!("../../../templates/uptime_image.html"),
    ),
    (
        "uptime_bar.svg",
        include_str!("../../../templates/uptime_bar.svg"),
    ),
    (
        "probe_chart.html",
        include_str!("../../../templates/probe_chart.html"),
    ),
    ("stats.html", include_str!("../../../templates/stats.html")),
    (
        "subscribe.html",
        include_str!("../../../templates/subscribe.html"),
    ),
    ("404.html", include_str!("../../../templates/404.html")),
    (
        "sitemap.xml",
        include_str!("../../../templates/sitemap.xml"),
    ),
    (
        "sitemap_index.xml",
        include_str!("../../../templates/sitemap_index.xml"),
    ),
    ("robots.txt", include_str!("../../../templates/robots.txt")),
    ("embed.html", include_str!("../../../templates/embed.html")),
    (
        "refresh.html",
        include_str!("../../../templates/refresh.html"),
    ),
];

/// Prefix under which the built-in templates stay available to overrides.
pub const BUILTIN_PREFIX: &str = "builtin/";

/// Compiles the built-in templates with `overrides` (name, text) laid over them.
pub fn engine(overrides: &[(String, String)]) -> Result<Tera, Vec<Diagnostic>> {
    let mut all: Vec<(String, String)> = BUILTIN
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    // Every built-in also stays reachable as `builtin/NAME`, so an override can extend it
    // (e.g. a theme's style.css that includes the built-in one and changes a few colours).
    // Only those an override names are compiled: Tera cannot refer to a template by a computed
    // name, and parsing them all again took a third of the engine's time.
    all.extend(
        BUILTIN
            .iter()
            .map(|(n, t)| (format!("{BUILTIN_PREFIX}{n}"), t))
            .filter(|(name, _)| {
                overrides
                    .iter()
                    .any(|(_, text)| text.contains(name.as_str()))
            })
            .map(|(name, t)| (name, t.to_string())),
    );
    for (name, text) in overrides {
        match all.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = text.clone(),
            None => all.push((name.clone(), text.clone())),
        }
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml", ".htm", ".svg"]);
    tera.set_escape_fn(escape::html);
    tera.register_filter("truncate", truncate);
    tera.add_raw_templates(all).map_err(|e| {
        let message = chain(&e);
        let culprit = overrides
            .iter()
            .find(|(n, _)| message.contains(&format!("'{n}'")))
            .map(|(n, _)| n.clone());
        let path = culprit.map_or_else(|| "templates".to_string(), |n| format!("templates/{n}"));
        vec![
            Diagnostic::error(
                path,
                syntax_position(&message).unwrap_or((1, 1)),
                format!("template error: {message}"),
            )
            .with_hint("fix the template syntax; see https://keats.github.io/tera/docs/"),
        ]
    })?;
    let mut loops = super::cycles::find_loops(&tera, overrides);
    loops.extend(super::runaway::find_runaway_macros(&tera, overrides));
    if !loops.is_empty() {
        return Err(loops);
    }
    Ok(tera)
}

/// The `line:column` a Tera syntax error points at (its `--> 2:30` line).
fn syntax_position(message: &str) -> Option<(usize, usize)> {
    let after = &message[message.find("--> ")? + 4..];
    let (line, rest) = after.split_once(':')?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, column.parse().ok()?))
}

/// Tera's `truncate` filter with the same results, but it reads only the first `length`
/// graphemes instead of splitting the whole text: lists call it on every post's latest update.
pub fn truncate(value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let s = try_get_value!("truncate", "value", String, value);
    let length = match args.get("length") {
        Some(l) => try_get_value!("truncate", "length", usize, l),
        None => 255,
    };
    Ok(Value::String(match cut_at(&s, length) {
        None => s,
        Some(cut) => {
            let end = match args.get("end") {
                Some(e) => try_get_value!("truncate", "end", String, e),
                None => "…".to_string(),
            };
            s[..cut].to_string() + &end
        }
    }))
}

/// The byte index where the grapheme number `length` starts, if the text is longer than that.
fn cut_at(s: &str, length: usize) -> Option<usize> {
    // In ASCII every character is a grapheme of its own, except CR LF: no need to segment.
    let head = &s.as_bytes()[..s.len().min(length.saturating_add(1))];
    if head.is_ascii() && !head.contains(&b'\r') {
        return (s.len() > length).then_some(length);
    }
    s.grapheme_indices(true).nth(length).map(|(i, _)| i)
}

/// Renders a whole-file template such as `robots.txt`; an error names the template.
pub fn render_file(
    tera: &Tera,
    name: &str,
    ctx: &tera::Context,
) -> Result<String, Vec<Diagnostic>> {
    tera.render(name, ctx).map_err(|e| {
        vec![Diagnostic::error(
            format!("templates/{name}"),
            (1, 1),
            chain(&e),
        )]
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, length: Option<u64>, end: Option<&str>) -> String {
        let mut args = HashMap::new();
        if let Some(l) = length {
            args.insert("length".to_string(), Value::from(l));
        }
        if let Some(e) = end {
            args.insert("end".to_string(), Value::from(e));
        }
        let ours = truncate(&Value::from(text), &args).unwrap();
        let teras = tera::Tera::default()
            .render_str(
                "{{ t | truncate(length=l, end=e) }}",
                &tera::Context::from_serialize(serde_json::json!({
                    "t": text,
                    "l": length.unwrap_or(255),
                    "e": end.unwrap_or("…"),
                }))
                .unwrap(),
            )
            .unwrap();
        let ours = ours.as_str().unwrap().to_string();
        assert_eq!(ours, teras, "{text:?} {length:?} {end:?}");
        ours
    }

    #[test]
    fn truncate_matches_the_builtin_filter() {
        assert_eq!(run("Hello world", Some(5), None), "Hello…");
        assert_eq!(run("Hello", Some(5), None), "Hello");
        assert_eq!(run("Hello", Some(4), Some("...")), "Hell...");
        assert_eq!(run("", Some(0), None), "");
        // Graphemes, not chars: a flag and an accented letter count as one each.
        assert_eq!(run("🇩🇪e\u{301}xyz", Some(2), None), "🇩🇪e\u{301}…");
        assert_eq!(run("ab\r\ncd", Some(3), None), "ab\r\n…");
        assert_eq!(run("abc\u{301}d", Some(3), None), "abc\u{301}…");
        assert_eq!(run("abc\u{301}", Some(3), None), "abc\u{301}");
        assert_eq!(run("abcd", Some(3), None), "abc…");
        assert_eq!(run("abc", Some(3), None), "abc");
        let long = "word ".repeat(100);
        assert_eq!(run(&long, None, None).chars().count(), 256);
    }

    #[test]
    fn a_builtin_is_reachable_under_its_prefix_where_an_override_names_it() {
        let names = |tera: &Tera| -> Vec<String> {
            let mut names: Vec<String> = tera
                .get_template_names()
                .filter(|n| n.starts_with(BUILTIN_PREFIX))
                .map(str::to_string)
                .collect();
            names.sort();
            names
        };
        assert!(names(&engine(&[]).unwrap()).is_empty());
        let theme = [
            (
                "index.html".to_string(),
                "{% extends \"builtin/index.html\" %}".to_string(),
            ),
            (
                "style.css".to_string(),
                "{% include \"builtin/style.css\" %} body { color: red }".to_string(),
            ),
        ];
        let tera = engine(&theme).unwrap();
        assert_eq!(names(&tera), ["builtin/index.html", "builtin/style.css"]);
    }

    #[test]
    fn truncate_rejects_what_the_builtin_rejects() {
        let args = HashMap::from([("length".to_string(), Value::from("x"))]);
        assert!(truncate(&Value::from("abc"), &args).is_err());
        assert!(truncate(&Value::from(3), &HashMap::new()).is_err());
    }
}
