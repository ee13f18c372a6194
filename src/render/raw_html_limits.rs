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
