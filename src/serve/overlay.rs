//! The error overlay shown on every HTML page while the last rebuild failed, and the page shown
//! when not even the first build succeeded.

use crate::diagnostic::Diagnostic;
use crate::render::escape;
use std::fmt::Write;

/// The list of diagnostics, one `path:line:column: severity: message` item each, with hints.
fn list(errors: &[Diagnostic]) -> String {
    let mut out = String::from("<ol style=\"margin:0;padding-left:1.4em\">");
    for d in errors {
        let _ = write!(
            out,
            "<li style=\"margin:.5em 0\"><code style=\"font:inherit;font-weight:bold\">{}</code>: {}: {}",
            escape::html(&d.location()),
            d.severity_label(),
            escape::html(&d.message)
        );
        if let Some(hint) = &d.hint {
            let _ = write!(
                out,
                "<br><span style=\"opacity:.8\">help: {}</span>",
                escape::html(hint)
            );
        }
        out.push_str("</li>");
    }
    out.push_str("</ol>");
    out
}

/// The overlay added to pages of the last good build while the latest build fails.
pub fn overlay(errors: &[Diagnostic]) -> String {
    format!(
        r#"<div id="statuspress-errors" role="alert" style="position:fixed;inset:auto 0 0 0;z-index:2147483647;max-height:60vh;overflow:auto;margin:0;padding:1em 1.5em;background:#2b0b0e;color:#ffd7d5;border-top:4px solid #f85149;font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;box-shadow:0 -4px 24px rgba(0,0,0,.4)">
<button type="button" onclick="this.parentNode.remove()" aria-label="Hide" style="float:right;font:inherit;background:none;color:inherit;border:1px solid currentColor;border-radius:4px;cursor:pointer">hide</button>
<p style="margin:0 0 .5em;font-weight:bold">statuspress: the site does not build ({summary}). Showing the last good build; fix the files and it reloads.</p>
{list}
</div>
"#,
        summary = crate::diagnostic::tally(errors),
        list = list(errors),
    )
}

/// The page served for every path while no build has succeeded yet.
pub fn error_page(errors: &[Diagnostic]) -> String {
    format!(
        r#"<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Build failed · statuspress</title></head>
<body style="margin:0;padding:2em;background:#2b0b0e;color:#ffd7d5;font:15px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace">
<h1 style="font-size:1.3em">statuspress: the site does not build ({summary})</h1>
<p>Nothing to show yet. Fix the files below; this page reloads by itself.</p>
{list}
</body>
</html>
"#,
        summary = crate::diagnostic::tally(errors),
        list = list(errors),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors() -> Vec<Diagnostic> {
        vec![
            Diagnostic::error("incidents/a.md", (3, 10), "unknown impact `<huge>`")
                .with_hint("use one of: none, minor, major, critical"),
            Diagnostic::error("components.toml", (1, 1), "x & y"),
        ]
    }

    #[test]
    fn overlay_lists_every_error_escaped() {
        let html = overlay(&errors());
        assert!(html.contains(
            "<code style=\"font:inherit;font-weight:bold\">incidents/a.md:3:10</code>: error: unknown impact `&lt;huge&gt;`"
        ));
        assert!(html.contains("help: use one of: none, minor, major, critical"));
        assert!(html.contains("components.toml:1:1</code>: error: x &amp; y"));
        assert!(html.contains("(2 problems)"));
        assert!(!html.contains("<huge>"));
    }

    #[test]
    fn the_summary_counts_what_the_list_shows() {
        let mut diags = errors()[..1].to_vec();
        diags.push(Diagnostic::warning("incidents/b.md", (8, 4), "w1"));
        diags.push(Diagnostic::warning("incidents/c.md", (8, 4), "w2"));
        let html = overlay(&diags);
        assert!(html.contains("(1 problem and 2 warnings)"), "{html}");
        assert_eq!(html.matches("<li ").count(), 3);
        assert!(error_page(&diags).contains("(1 problem and 2 warnings)"));
    }

    #[test]
    fn error_page_is_a_whole_document() {
        let page = error_page(&errors()[..1]);
        assert!(page.starts_with("<!doctype html>"));
        assert!(page.contains("(1 problem)"));
        assert!(page.contains("incidents/a.md:3:10"));
        assert!(page.contains("</body>"));
    }
}
