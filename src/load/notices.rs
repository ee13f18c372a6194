//! The site's files that are neither posts nor configuration: announcements (published) and
//! incident templates (only checked, never published). Both are few and small, so they are read
//! whole while the site folder is listed.

use super::characters;
use super::posts::{PostTexts, check_unparsed, list_posts, parse_posts, post_id, read_posts};
use crate::diagnostic::Diagnostic;
use crate::model::incident_template::IncidentTemplate;
use crate::model::site::{ANNOUNCEMENTS_DIR, INCIDENT_TEMPLATES_DIR};
use crate::model::{Announcement, ParseContext};
use std::path::{Path, PathBuf};

/// The texts of `announcements/` and `incident-templates/`, as (path relative to the root,
/// text), sorted by path.
#[derive(Debug, Clone, Default)]
pub(super) struct NoticeTexts {
    pub(super) announcements: Vec<(PathBuf, String)>,
    pub(super) incident_templates: Vec<(PathBuf, String)>,
}

impl NoticeTexts {
    /// Reads both folders; what cannot be read is reported in `diags`.
    pub(super) fn read(root: &Path, diags: &mut Vec<Diagnostic>) -> NoticeTexts {
        let mut read = |dir: &str| {
            let paths = list_posts(root, dir, diags);
            read_posts(root, paths, diags)
        };
        NoticeTexts {
            announcements: read(ANNOUNCEMENTS_DIR),
            incident_templates: read(INCIDENT_TEMPLATES_DIR),
        }
    }

    /// The paths of the announcements.
    pub(super) fn announcement_paths(&self) -> Vec<&Path> {
        self.announcements
            .iter()
            .map(|(p, _)| p.as_path())
            .collect()
    }

    /// How many files there are, for the note on what was not checked.
    pub(super) fn len(&self) -> usize {
        self.announcements.len() + self.incident_templates.len()
    }

    /// The checks that need neither the configuration nor the catalogue.
    pub(super) fn check_unparsed(&self, diags: &mut Vec<Diagnostic>) {
        check_unparsed(PostTexts::InMemory(&self.announcements), diags);
        check_unparsed(PostTexts::InMemory(&self.incident_templates), diags);
    }

    /// Parses the announcements (sorted by id) and checks every incident template as `new
    /// incident --template` would fill it in.
    pub(super) fn parse(
        &self,
        ctx: ParseContext<'_>,
        diags: &mut Vec<Diagnostic>,
    ) -> Vec<Announcement> {
        let mut announcements = parse_posts(
            PostTexts::InMemory(&self.announcements),
            diags,
            |id, path, text, d| {
                d.extend(characters::in_post(path, text));
                Announcement::parse(id, path, text, (ctx.tz, ctx.languages), d)
            },
            None,
        );
        announcements.sort_by(|a, b| a.id.cmp(&b.id));
        let templates = parse_posts(
            PostTexts::InMemory(&self.incident_templates),
            diags,
            |name, path, text, d| IncidentTemplate::parse(name, path, text, ctx, d),
            None,
        );
        for t in &templates {
            t.check(ctx, diags);
        }
        announcements
    }
}

/// The template `name` among `texts`, parsed for `ctx`; `None` when there is no such file.
pub(crate) fn incident_template(
    texts: &[(PathBuf, String)],
    name: &str,
    ctx: ParseContext<'_>,
) -> Option<Result<IncidentTemplate, Vec<Diagnostic>>> {
    let (path, text) = texts.iter().find(|(p, _)| post_id(p) == name)?;
    let mut diags = Vec::new();
    let parsed = IncidentTemplate::parse(name, path, text, ctx, &mut diags);
    Some(
        parsed
            .filter(|_| !diags.iter().any(Diagnostic::is_error))
            .ok_or(diags),
    )
}

/// The names of the templates among `texts`, sorted.
pub(crate) fn incident_template_names(texts: &[(PathBuf, String)]) -> Vec<String> {
    let mut names: Vec<String> = texts.iter().map(|(p, _)| post_id(p)).collect();
    names.sort();
    names.dedup();
    names
}
