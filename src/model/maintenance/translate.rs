//! A maintenance window's sibling file: its text in another language, read as a window is and
//! held to the original's facts.

use super::series::read_skip;
use super::{Maintenance, open};
use crate::diagnostic::Diagnostic;
use crate::model::post::{self, ParseContext};
use crate::model::translation::PostText;
use crate::model::translation::sibling::Reader;
use std::path::Path;

impl Maintenance {
    /// Reads `text`, the sibling file at `path` that translates this window's file into `tag`:
    /// its title, summary and updates. Every fact it states (times, affected components, the
    /// rule it repeats by and the dates it skips, an update's status) must be this file's, and
    /// every update must pair with one of this file's by time; each difference is an error in
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
            timeline,
        } = open(&self.id, path, text, ctx.tz, diagnostics)?;
        let reader = Reader {
            path,
            original: &self.path,
            tag,
            tz: ctx.tz,
        };
        let title = reader.title(
            &src,
            fm.title.as_ref(),
            &self.translations.titles,
            diagnostics,
        );
        let d = diagnostics;
        reader.same_time(&src, "start", fm.start.as_ref(), Some(self.start), d);
        reader.same_time(&src, "end", fm.end.as_ref(), Some(self.end), d);
        reader.same_affected(&src, fm.affected.as_ref(), ctx.catalog, &self.affected, d);
        let rule = self.repeat.as_ref().map(|r| r.rule.as_str());
        reader.same_word(&src, "repeat", fm.repeat.as_ref(), rule, d);
        if let Some(v) = &fm.skip {
            let skip = read_skip(&src, v, d);
            let own = self
                .repeat
                .as_ref()
                .map(|r| r.skip.clone())
                .unwrap_or_default();
            if skip != own {
                let dates = |list: &[chrono::NaiveDate]| {
                    let dates: Vec<String> = list.iter().map(ToString::to_string).collect();
                    format!("[{}]", dates.join(", "))
                };
                d.push(reader.disagrees(&src, &v.span(), "skip", (dates(&skip), dates(&own))));
            }
        }
        let updates = reader.updates(timeline.updates, &self.updates, d);
        let text = PostText {
            path: path.to_path_buf(),
            title,
            summary: timeline.summary,
            updates,
            postmortem: None,
        };
        d.extend(reader.untranslated(
            &text,
            &self.summary,
            self.updates.iter().map(|u| u.line),
            false,
        ));
        Some(text)
    }
}
