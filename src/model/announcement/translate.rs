//! An announcement's sibling file: its text in another language, held to the original's facts.

use super::{Announcement, FrontMatter, KEYS};
use crate::diagnostic::Diagnostic;
use crate::model::post::{self, ParseContext};
use crate::model::translation::PostText;
use crate::model::translation::sibling::Reader;
use std::path::Path;

impl Announcement {
    /// Reads `text`, the sibling file at `path` that translates this announcement into `tag`:
    /// its title and body. The times and level it states must be this announcement's; each
    /// difference is an error in `diagnostics`. `None` when the file cannot be read as a post.
    pub fn translation(
        &self,
        path: &Path,
        tag: &str,
        text: &str,
        ctx: ParseContext<'_>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<PostText> {
        let (doc, src, fm) =
            post::open_front_matter::<FrontMatter>(&self.id, path, text, KEYS, diagnostics)?;
        let fm = fm?;
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
        reader.same_time(
            &src,
            "show_from",
            fm.show_from.as_ref(),
            Some(self.show_from),
            d,
        );
        reader.same_time(
            &src,
            "show_until",
            fm.show_until.as_ref(),
            self.show_until,
            d,
        );
        reader.same_word(
            &src,
            "level",
            fm.level.as_ref(),
            Some(self.level.as_str()),
            d,
        );
        let text = PostText {
            path: path.to_path_buf(),
            title,
            summary: doc.body.trim().to_string(),
            ..PostText::default()
        };
        d.extend(reader.untranslated(&text, &self.body, std::iter::empty(), false));
        Some(text)
    }
}
