//! What the authoring commands need to know about a site folder: its config, its components and
//! its existing posts (by id).

use super::Error;
use crate::diagnostic::{Diagnostic, suggest};
use crate::load;
use crate::model::site::{COMPONENTS_FILE, CONFIG_FILE, INCIDENTS_DIR, MAINTENANCE_DIR};
use crate::model::toml_source::TomlSource;
use crate::model::{Catalog, Config, Incident, Maintenance, ParseContext};
use std::path::{Path, PathBuf};

/// Which kind of post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostKind {
    /// A file under `incidents/`.
    Incident,
    /// A file under `maintenance/`.
    Maintenance,
}

impl PostKind {
    /// The folder the posts live in.
    pub fn dir(self) -> &'static str {
        match self {
            PostKind::Incident => INCIDENTS_DIR,
            PostKind::Maintenance => MAINTENANCE_DIR,
        }
    }
}

/// An existing post file.
#[derive(Debug, Clone)]
pub struct PostFile {
    /// The id (file stem).
    pub id: String,
    /// Path relative to the site root.
    pub path: PathBuf,
    pub text: String,
    /// Incident or maintenance.
    pub kind: PostKind,
}

/// A site folder read for authoring: config, catalogue and the raw posts.
#[derive(Debug, Clone)]
pub struct SiteContext {
    /// The site folder.
    pub root: PathBuf,
    /// Parsed `statuspress.toml`.
    pub config: Config,
    /// Parsed `components.toml`.
    pub catalog: Catalog,
    /// Every incident and maintenance file, sorted by path.
    pub posts: Vec<PostFile>,
    /// The incident templates as (path relative to the root, text), sorted by path.
    pub incident_templates: Vec<(PathBuf, String)>,
}

impl SiteContext {
    /// Statuspage's default text of an update with status `status` (a wire name), in the site's
    /// language: what `new`, `update` and `resolve` write when no message is given.
    pub fn default_text(&self, status: &str) -> &'static str {
        crate::i18n::table(&self.config.language, None).of("default_update", status)
    }

    /// Reads the config and components of `root` (both must be valid) and lists its posts.
    /// Posts are not parsed, so a broken post elsewhere does not block writing a new one; but
    /// every post must be readable, since a post that cannot be read has an id and a state the
    /// command would not see.
    pub fn read(root: &Path) -> Result<SiteContext, Error> {
        let mut diags = Vec::new();
        let sources = load::read_sources(root, &mut diags);
        let fatal: Vec<Diagnostic> = diags
            .iter()
            .filter(|d| d.path == Path::new(CONFIG_FILE) || d.path == Path::new(COMPONENTS_FILE))
            .cloned()
            .collect();
        let Some(sources) = sources.filter(|_| fatal.is_empty()) else {
            return Err(Error::invalid(
                format!("{} is not a statuspress site folder", root.display()),
                fatal,
            )
            .with_hint("run `statuspress init DIR` to create one, or point --root at the folder holding statuspress.toml"));
        };
        let mut problems = Vec::new();
        let config = Config::parse(TomlSource::file(Path::new(CONFIG_FILE), &sources.config))
            .map_err(|e| problems.extend(e))
            .ok();
        let languages = config.as_ref().map_or(&[][..], |c| &c.languages[..]);
        let catalog = Catalog::parse_in(
            TomlSource::file(Path::new(COMPONENTS_FILE), &sources.components),
            languages,
        )
        .map_err(|e| problems.extend(e))
        .ok();
        let (Some(config), Some(catalog)) = (config, catalog) else {
            return Err(Error::invalid("fix the site configuration first", problems));
        };
        let unreadable: Vec<Diagnostic> = diags
            .into_iter()
            .filter(|d| d.path.starts_with(INCIDENTS_DIR) || d.path.starts_with(MAINTENANCE_DIR))
            .collect();
        if !unreadable.is_empty() {
            return Err(Error::invalid(
                "some posts cannot be read; nothing was written",
                unreadable,
            ));
        }
        let incident_templates = sources.incident_templates;
        let mut posts: Vec<PostFile> = sources
            .incidents
            .into_iter()
            .map(|(p, t)| (p, t, PostKind::Incident))
            .chain(
                sources
                    .maintenance
                    .into_iter()
                    .map(|(p, t)| (p, t, PostKind::Maintenance)),
            )
            .map(|(path, text, kind)| PostFile {
                id: load::post_id(&path),
                path,
                text,
                kind,
            })
            .collect();
        posts.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(SiteContext {
            root: root.to_path_buf(),
            config,
            catalog,
            posts,
            incident_templates,
        })
    }

    /// The parse context for posts of this site.
    pub fn parse_context(&self) -> ParseContext<'_> {
        ParseContext {
            tz: self.config.time_zone,
            catalog: &self.catalog,
            languages: &self.config.languages,
        }
    }

    /// The post with this id, or an error with a "did you mean" over existing ids.
    pub fn find(&self, id: &str) -> Result<&PostFile, Error> {
        if let Some(p) = self.posts.iter().find(|p| p.id == id) {
            return Ok(p);
        }
        let ids: Vec<&str> = self.posts.iter().map(|p| p.id.as_str()).collect();
        let hint = match crate::diagnostic::closest(id, ids.iter().copied()) {
            Some(c) => format!("did you mean `{c}`?"),
            None if ids.is_empty() => "the site has no incidents or maintenance yet".to_string(),
            None => {
                "the id is the file name without `.md`; run `ls incidents maintenance` to see them"
                    .to_string()
            }
        };
        Err(Error::new(format!(
            "no incident or maintenance with id `{id}` in {}",
            self.root.display()
        ))
        .with_hint(hint))
    }

    /// Checks that every id names a component or group; the error lists each unknown one.
    pub fn check_components(&self, ids: &[String]) -> Result<(), Error> {
        let known = self.catalog.ids();
        let unknown: Vec<String> = ids
            .iter()
            .filter(|id| self.catalog.target(id).is_none())
            .map(|id| format!("`{id}` ({})", suggest(id, &known, "component")))
            .collect();
        if unknown.is_empty() {
            return Ok(());
        }
        Err(Error::new(format!(
            "unknown component{} {}",
            if unknown.len() == 1 { "" } else { "s" },
            unknown.join(", ")
        ))
        .with_hint(format!(
            "components and groups are defined in {COMPONENTS_FILE}; known ids: {}",
            known.join(", ")
        )))
    }
}

/// Parses incident text as the build would, returning its problems (errors and warnings).
pub fn parse_incident(
    ctx: ParseContext<'_>,
    path: &Path,
    text: &str,
) -> (Option<Incident>, Vec<Diagnostic>) {
    let mut d = Vec::new();
    let inc = Incident::parse(&load::post_id(path), path, text, ctx, &mut d);
    (inc, d)
}

/// Parses maintenance text as the build would, returning its problems.
pub fn parse_maintenance(
    ctx: ParseContext<'_>,
    path: &Path,
    text: &str,
) -> (Option<Maintenance>, Vec<Diagnostic>) {
    let mut d = Vec::new();
    let m = Maintenance::parse(&load::post_id(path), path, text, ctx, &mut d);
    (m, d)
}

/// The incident in an existing file, which must parse before it is edited.
pub fn existing_incident(
    ctx: ParseContext<'_>,
    path: &Path,
    text: &str,
) -> Result<Incident, Error> {
    let (inc, diags) = parse_incident(ctx, path, text);
    inc.ok_or_else(|| has_errors(path, diags))
}

/// The maintenance window in an existing file, which must parse before it is edited.
pub fn existing_maintenance(
    ctx: ParseContext<'_>,
    path: &Path,
    text: &str,
) -> Result<Maintenance, Error> {
    let (m, diags) = parse_maintenance(ctx, path, text);
    m.ok_or_else(|| has_errors(path, diags))
}

fn has_errors(path: &Path, diags: Vec<Diagnostic>) -> Error {
    Error::invalid(
        format!("{} has errors; fix them first", path.display()),
        diags,
    )
}
