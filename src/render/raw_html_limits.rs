//! The one check of post bodies before rendering: raw HTML the sanitizer cannot take in bounded
//! time is an error naming the file and the update.

use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::render::markdown::{MAX_MARKUP_WITH_RAW_HTML, raw_html_over_limit};
use std::path::Path;

/// An error for every summary, update and postmortem whose raw HTML is too much to sanitize.
pub(crate) fn problems(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for inc in &site.incidents {
        let updates = inc.updates.iter().map(|u| (u.line, u.body.as_str()));
        let postmortem = inc.postmortem.iter().map(|p| (p.line, p.body.as_str()));
        check_post(&inc.path, &inc.summary, updates.chain(postmortem), &mut out);
    }
    for m in &site.maintenance {
        let updates = m.updates.iter().map(|u| (u.line, u.body.as_str()));
        check_post(&m.path, &m.summary, updates, &mut out);
    }
    // Translations, each at the top of its file (what it translates is named by the original's
    // line).
    let translations = (site.incidents.iter().map(|i| &i.translations))
        .chain(site.maintenance.iter().map(|m| &m.translations))
        .chain(site.announcements.iter().map(|a| &a.translations));
    for text in translations.flat_map(|t| t.siblings.values()) {
        let updates = text.updates.values().map(|body| (1, body.as_str()));
        let postmortem = text.postmortem.iter().map(|body| (1, body.as_str()));
        check_post(
            &text.path,
            &text.summary,
            updates.chain(postmortem),
            &mut out,
        );
    }
    out
}

/// Checks one post: its summary (reported at the top of the file, which holds it) and each
/// update (reported at its heading).
fn check_post<'a>(
    path: &Path,
    summary: &str,
    updates: impl Iterator<Item = (usize, &'a str)>,
    out: &mut Vec<Diagnostic>,
) {
    let texts = std::iter::once((1, "the summary", summary))
        .chain(updates.map(|(line, body)| (line, "this update", body)));
    for (line, what, text) in texts {
        if raw_html_over_limit(text) {
            let message = format!(
                "{what} has raw HTML and renders to more than {MAX_MARKUP_WITH_RAW_HTML} tags \
                 and character references, too many to check for safety"
            );
            out.push(Diagnostic::error(path, (line, 1), message).with_hint(
                "write it in Markdown, or split the HTML into fewer, shallower elements",
            ));
        }
    }
}
