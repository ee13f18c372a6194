//! An incident's sibling file: its text in another language, read as an incident is and held
//! to the original's facts.

use super::{Incident, open, postmortem};
use crate::diagnostic::Diagnostic;
use crate::model::frontmatter;
use crate::model::post::{self, HEADING_COLUMN, ParseContext};
use crate::model::translation::PostText;
use crate::model::translation::sibling::Reader;
use std::path::Path;

impl Incident {
    /// Reads `text`, the sibling file at `path` that translates this incident into `tag`: its
    /// title, summary, updates and postmortem. Every fact it states (impact, times, affected
    /// components, an update's status) must be this incident's, and every update and the
    /// postmortem must pair with one of this incident's by time; each difference is an error in
    /// `diagnostics`. `None` when the file cannot be read as a post.
    pub fn translation(
        &self,
        path: &Path,
        tag: &str,
        text: &str,
        ctx: ParseContext<'_>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<PostText> {
        let post::Opened {
            src,
            front_matter: fm,
            mut timeline,
        } = open(&self.id, path, text, ctx.tz, diagnostics)?;
        let reader = Reader {
            path,
            original: &self.path,
            tag,
            tz: ctx.tz,
        };
        let theirs = postmortem::take(path, &mut timeline.updates, diagnostics);
        let title = reader.title(
            &src,
            fm.title.as_ref(),
            &self.translations.titles,
            diagnostics,
        );
        let d = diagnostics;
        reader.same_word(
            &src,
            "impact",
            fm.impact.as_ref(),
            Some(self.impact.as_str()),
            d,
        );
        reader.same_time(&src, "started", fm.started.as_ref(), Some(self.started), d);
        reader.same_time(&src, "resolved", fm.resolved.as_ref(), self.resolved, d);
        reader.same_time(
            &src,
            "next_update",
            fm.next_update.as_ref(),
            self.next_update,
            d,
        );
        reader.same_affected(&src, fm.affected.as_ref(), ctx.catalog, &self.affected, d);
        let postmortem = match (theirs, &self.postmortem) {
            (Some(p), Some(own)) if p.published == own.published => {
                Some(p.body).filter(|b| !b.trim().is_empty())
            }
            (Some(p), _) => {
                d.push(
                    Diagnostic::error(
                        path,
                        (p.line, HEADING_COLUMN),
                        format!(
                            "{} has no postmortem published at {}",
                            self.path.display(),
                            frontmatter::time(p.published)
                        ),
                    )
                    .with_hint(format!(
                        "give the heading the time of the postmortem in {}, or publish it there first",
                        self.path.display()
                    )),
                );
                None
            }
            (None, _) => None,
        };
        let updates = reader.updates(timeline.updates, &self.updates, d);
        let text = PostText {
            path: path.to_path_buf(),
            title,
            summary: timeline.summary,
            updates,
            postmortem,
        };
        d.extend(reader.untranslated(
            &text,
            &self.summary,
            self.updates.iter().map(|u| u.line),
            self.postmortem.is_some(),
        ));
        Some(text)
    }
}
