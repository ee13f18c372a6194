//! The one check of post bodies before rendering: raw HTML the sanitizer cannot take in bounded
//! time is an error naming the file and the update.

use crate::diagnostic::Diagnostic;
use crate::model::translation::Translations;
use crate::model::{Incident, Maintenance, Site};
use crate::render::markdown::{MAX_MARKUP_WITH_RAW_HTML, raw_html_over_limit};
use std::path::Path;

/// An error for every summary, update and postmortem whose raw HTML is too much to sanitize.
pub(crate) fn problems(site: &Site) -> Vec<Diagnostic> {
    problems_with(site, |post| match post {
        Post::Incident(i) => incident(&site.incidents[i]),
        Post::Maintenance(f) => maintenance(&site.maintenance[f]),
    })
}

/// A post file whose problems [`problems_with`] asks for, by index.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Post {
    /// Of `site.incidents`.
    Incident(usize),
    /// Of `site.maintenance`.
    Maintenance(usize),
}

/// The problems of one post: in its own file, and in its translations' files.
#[derive(Debug, Clone, Default)]
pub(crate) struct PostProblems {
    own: Vec<Diagnostic>,
    translations: Vec<Diagnostic>,
}

/// The problems of every post of `site`, with those of each incident and maintenance file
/// from `of` (`serve` takes the unchanged ones' from the previous build), in the order of
/// [`problems`]: the posts' own, then their translations'.
pub(crate) fn problems_with(
    site: &Site,
    mut of: impl FnMut(Post) -> PostProblems,
) -> Vec<Diagnostic> {
    let posts: Vec<PostProblems> = (0..site.incidents.len())
        .map(Post::Incident)
        .chain((0..site.maintenance.len()).map(Post::Maintenance))
        .map(&mut of)
        .collect();
    let mut out: Vec<Diagnostic> = posts.iter().flat_map(|p| p.own.iter().cloned()).collect();
    // Translations, each at the top of its file (what it translates is named by the original's
    // line).
    out.extend(posts.into_iter().flat_map(|p| p.translations));
    for a in &site.announcements {
        translations(&a.translations, &mut out);
    }
    out
}

/// The problems of an incident file and its translations.
pub(crate) fn incident(inc: &Incident) -> PostProblems {
    let mut p = PostProblems::default();
    let updates = inc.updates.iter().map(|u| (u.line, u.body.as_str()));
    let postmortem = inc.postmortem.iter().map(|p| (p.line, p.body.as_str()));
    check_post(
        &inc.path,
        &inc.summary,
        updates.chain(postmortem),
        &mut p.own,
    );
    translations(&inc.translations, &mut p.translations);
    p
}

/// The problems of a maintenance file and its translations.
pub(crate) fn maintenance(m: &Maintenance) -> PostProblems {
    let mut p = PostProblems::default();
    let updates = m.updates.iter().map(|u| (u.line, u.body.as_str()));
    check_post(&m.path, &m.summary, updates, &mut p.own);
    translations(&m.translations, &mut p.translations);
    p
}

fn translations(of: &Translations, out: &mut Vec<Diagnostic>) {
    for text in of.siblings.values() {
        let updates = text.updates.values().map(|body| (1, body.as_str()));
        let postmortem = text.postmortem.iter().map(|body| (1, body.as_str()));
        check_post(&text.path, &text.summary, updates.chain(postmortem), out);
    }
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
