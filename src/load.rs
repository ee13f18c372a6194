//! Reading a site folder from disk into the model. The only module of the build that reads files.

use crate::diagnostic::{self, Diagnostic};
use crate::model::toml_source::TomlSource;
use crate::model::{Catalog, Config, Incident, Maintenance, ParseContext};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// File names of a site folder.
pub const CONFIG_FILE: &str = "statuspress.toml";
/// The component catalogue.
pub const COMPONENTS_FILE: &str = "components.toml";
/// Folder of incident posts.
pub const INCIDENTS_DIR: &str = "incidents";
/// Folder of maintenance posts.
pub const MAINTENANCE_DIR: &str = "maintenance";
/// Folder copied as is into the output.
pub const STATIC_DIR: &str = "static";
/// Folder of template overrides.
pub const TEMPLATES_DIR: &str = "templates";
/// Folder of themes.
pub const THEMES_DIR: &str = "themes";

/// Everything a site folder holds, parsed.
#[derive(Debug, Clone)]
pub struct Site {
    /// The site configuration.
    pub config: Config,
    /// Groups and components.
    pub catalog: Catalog,
    /// Incidents, sorted by id.
    pub incidents: Vec<Incident>,
    /// Maintenance windows, sorted by id.
    pub maintenance: Vec<Maintenance>,
    /// Files of `static/`, by output path, sorted.
    pub static_files: Vec<(String, Vec<u8>)>,
    /// Template overrides (theme first, then the site's own), by template name.
    pub templates: Vec<(String, String)>,
    /// Warnings found while reading.
    pub warnings: Vec<Diagnostic>,
}

/// The raw text of a site folder, read but not parsed.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// Text of `statuspress.toml`.
    pub config: String,
    /// Text of `components.toml`.
    pub components: String,
    /// Incident files as (path relative to the root, text), sorted by path.
    pub incidents: Vec<(PathBuf, String)>,
    /// Maintenance files as (path relative to the root, text), sorted by path.
    pub maintenance: Vec<(PathBuf, String)>,
    /// Files of `static/`, by output path, sorted.
    pub static_files: Vec<(String, Vec<u8>)>,
    /// Template overrides of the theme (if any), then of the site.
    pub templates: Vec<(String, String)>,
}

/// Reads and parses a site folder, collecting every problem before giving up.
///
/// Each post is read and parsed in one step and its text dropped right after, so the whole
/// site's text is never held next to its model.
pub fn load(root: &Path) -> Result<Site, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let listed = list_sources(root, &mut diags);
    let (Some(config), Some(components)) = (&listed.config, &listed.components) else {
        return Err(finish(diags));
    };
    if diags.iter().any(Diagnostic::is_error) {
        return Err(finish(diags));
    }
    let on_disk = |paths| PostTexts::OnDisk { root, paths };
    parse_parts(
        config,
        components,
        on_disk(&listed.incidents),
        on_disk(&listed.maintenance),
        listed.static_files,
        listed.templates,
    )
    .map(|mut site| {
        site.warnings.extend(diags);
        diagnostic::sort(&mut site.warnings);
        site
    })
}

/// A site folder with its posts found but not read.
struct Listed {
    config: Option<String>,
    components: Option<String>,
    /// Incident files relative to the root, sorted by path.
    incidents: Vec<PathBuf>,
    /// Maintenance files relative to the root, sorted by path.
    maintenance: Vec<PathBuf>,
    static_files: Vec<(String, Vec<u8>)>,
    templates: Vec<(String, String)>,
}

/// Reads every file of a site folder. Unreadable files are reported in `diags`.
pub fn read_sources(root: &Path, diags: &mut Vec<Diagnostic>) -> Option<Sources> {
    let listed = list_sources(root, diags);
    let incidents = read_posts(root, listed.incidents, diags);
    let maintenance = read_posts(root, listed.maintenance, diags);
    Some(Sources {
        config: listed.config?,
        components: listed.components?,
        incidents,
        maintenance,
        static_files: listed.static_files,
        templates: listed.templates,
    })
}

/// Reads everything of a site folder but the posts, which it only lists.
fn list_sources(root: &Path, diags: &mut Vec<Diagnostic>) -> Listed {
    let config = read_text(
        root,
        CONFIG_FILE,
        diags,
        "create it with title and base_url, or point --root at the site folder",
    );
    let components = read_text(
        root,
        COMPONENTS_FILE,
        diags,
        "create it with at least one [[component]] table",
    );
    let incidents = list_posts(root, INCIDENTS_DIR);
    let maintenance = list_posts(root, MAINTENANCE_DIR);
    let static_files = read_tree(&root.join(STATIC_DIR), diags);
    let mut templates = Vec::new();
    let theme = config.as_deref().and_then(theme_name);
    if let Some(theme) = theme {
        let dir = root.join(THEMES_DIR).join(&theme);
        if !dir.is_dir() {
            diags.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    (1, 1),
                    format!("theme `{theme}` not found in {THEMES_DIR}/"),
                )
                .with_hint(format!(
                    "create {THEMES_DIR}/{theme}/templates/ or remove the `theme` key"
                )),
            );
        }
        templates.extend(read_templates(&dir.join(TEMPLATES_DIR), diags));
    }
    templates.extend(read_templates(&root.join(TEMPLATES_DIR), diags));
    Listed {
        config,
        components,
        incidents,
        maintenance,
        static_files,
        templates,
    }
}

fn theme_name(config_text: &str) -> Option<String> {
    let table: toml::Table = toml::from_str(config_text).ok()?;
    table.get("theme")?.as_str().map(str::to_string)
}

/// Parses the sources of a site; pure, so tests can build sites in memory.
pub fn parse(sources: Sources) -> Result<Site, Vec<Diagnostic>> {
    parse_parts(
        &sources.config,
        &sources.components,
        PostTexts::InMemory(&sources.incidents),
        PostTexts::InMemory(&sources.maintenance),
        sources.static_files,
        sources.templates,
    )
}

/// Where the texts of posts come from.
#[derive(Clone, Copy)]
enum PostTexts<'a> {
    /// Already read, as (path relative to the root, text).
    InMemory(&'a [(PathBuf, String)]),
    /// Read from `root` as each is parsed.
    OnDisk {
        root: &'a Path,
        paths: &'a [PathBuf],
    },
}

impl PostTexts<'_> {
    fn len(self) -> usize {
        match self {
            PostTexts::InMemory(files) => files.len(),
            PostTexts::OnDisk { paths, .. } => paths.len(),
        }
    }

    fn path(&self, i: usize) -> &Path {
        match self {
            PostTexts::InMemory(files) => &files[i].0,
            PostTexts::OnDisk { paths, .. } => &paths[i],
        }
    }

    /// The text of post `i`, or why it cannot be read.
    fn text(&self, i: usize) -> Result<Cow<'_, str>, Diagnostic> {
        match self {
            PostTexts::InMemory(files) => Ok(Cow::Borrowed(files[i].1.as_str())),
            PostTexts::OnDisk { root, paths } => read_post(root, &paths[i]).map(Cow::Owned),
        }
    }
}

fn parse_parts(
    config_text: &str,
    components_text: &str,
    incident_texts: PostTexts<'_>,
    maintenance_texts: PostTexts<'_>,
    static_files: Vec<(String, Vec<u8>)>,
    templates: Vec<(String, String)>,
) -> Result<Site, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let config = Config::parse(TomlSource::file(Path::new(CONFIG_FILE), config_text))
        .map_err(|e| diags.extend(e))
        .ok();
    let catalog = Catalog::parse(TomlSource::file(
        Path::new(COMPONENTS_FILE),
        components_text,
    ))
    .map_err(|e| diags.extend(e))
    .ok();
    let (Some(config), Some(catalog)) = (config, catalog) else {
        return Err(finish(diags));
    };
    let ctx = ParseContext {
        tz: config.time_zone,
        catalog: &catalog,
    };
    let incidents = parse_posts(incident_texts, &mut diags, |id, path, text, d| {
        Incident::parse(id, path, text, ctx, d)
    });
    let maintenance = parse_posts(maintenance_texts, &mut diags, |id, path, text, d| {
        Maintenance::parse(id, path, text, ctx, d)
    });
    if diags.iter().any(Diagnostic::is_error) {
        return Err(finish(diags));
    }
    Ok(Site {
        config,
        catalog,
        incidents,
        maintenance,
        static_files,
        templates,
        warnings: finish(diags),
    })
}

fn finish(mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostic::sort(&mut diags);
    diags
}

fn read_text(root: &Path, name: &str, diags: &mut Vec<Diagnostic>, hint: &str) -> Option<String> {
    match fs::read_to_string(root.join(name)) {
        Ok(t) => Some(t),
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    name,
                    (1, 1),
                    format!("cannot read {name} in {}: {e}", root.display()),
                )
                .with_hint(hint),
            );
            None
        }
    }
}

/// True for files an editor or the OS leaves behind: hidden, backup, swap and temp files.
pub fn is_scratch_file(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || [".swp", ".swx", ".tmp", ".bak", ".orig"]
            .iter()
            .any(|s| name.ends_with(s))
}

/// Markdown files under a folder, relative to the root, sorted by path.
fn list_posts(root: &Path, dir: &str) -> Vec<PathBuf> {
    let base = root.join(dir);
    let mut paths: Vec<PathBuf> = WalkDir::new(&base)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_scratch_file(&e.file_name().to_string_lossy()))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .filter_map(|e| Some(e.path().strip_prefix(root).ok()?.to_path_buf()))
        .collect();
    paths.sort_by_cached_key(|p| path_order_key(p));
    paths
}

/// The posts at `paths`, as (relative path, text); unreadable ones are reported in `diags`.
fn read_posts(
    root: &Path,
    paths: Vec<PathBuf>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(PathBuf, String)> {
    let read: Vec<(PathBuf, Result<String, Diagnostic>)> = paths
        .into_par_iter()
        .map(|p| {
            let text = read_post(root, &p);
            (p, text)
        })
        .collect();
    let mut out = Vec::with_capacity(read.len());
    for (path, text) in read {
        match text {
            Ok(t) => out.push((path, t)),
            Err(d) => diags.push(d),
        }
    }
    out
}

fn read_post(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    fs::read_to_string(root.join(path)).map_err(|e| {
        Diagnostic::error(path, (1, 1), format!("cannot read file: {e}"))
            .with_hint("save it as UTF-8 text")
    })
}

/// Bytes that sort like the path does (component by component), so sorting compares flat byte
/// strings instead of splitting both paths into components at every comparison.
fn path_order_key(path: &Path) -> Vec<u8> {
    let mut key = Vec::with_capacity(path.as_os_str().len() + 1);
    for c in path.components() {
        key.extend_from_slice(c.as_os_str().as_encoded_bytes());
        // Lower than any byte of a file name: a component sorts before its longer extensions.
        key.push(0);
    }
    key
}

/// The id of a post: its file stem.
pub fn post_id(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn parse_posts<T: Send>(
    files: PostTexts<'_>,
    diags: &mut Vec<Diagnostic>,
    parse: impl Fn(&str, &Path, &str, &mut Vec<Diagnostic>) -> Option<T> + Sync,
) -> Vec<T> {
    let mut first_seen: HashMap<String, &Path> = HashMap::new();
    for i in 0..files.len() {
        let path = files.path(i);
        let id = post_id(path);
        if let Some(other) = first_seen.get(&id) {
            diags.push(
                Diagnostic::error(
                    path,
                    (1, 1),
                    format!(
                        "duplicate id `{id}`: {} has the same file name",
                        other.display()
                    ),
                )
                .with_hint("the file name is the id; rename one of the two files"),
            );
        } else {
            first_seen.insert(id, path);
        }
    }
    let results: Vec<(Option<T>, Vec<Diagnostic>)> = (0..files.len())
        .into_par_iter()
        .map(|i| {
            let path = files.path(i);
            match files.text(i) {
                Ok(text) => {
                    let mut d = Vec::new();
                    let post = parse(&post_id(path), path, &text, &mut d);
                    (post, d)
                }
                Err(unreadable) => (None, vec![unreadable]),
            }
        })
        .collect();
    let mut posts = Vec::with_capacity(results.len());
    for (post, d) in results {
        diags.extend(d);
        posts.extend(post);
    }
    posts
}

fn read_tree(dir: &Path, diags: &mut Vec<Diagnostic>) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !is_scratch_file(&e.file_name().to_string_lossy())
                || e.file_name() == ".well-known"
        })
    {
        let Ok(entry) = entry else { continue };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let name = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        match fs::read(entry.path()) {
            Ok(bytes) => out.push((name, bytes)),
            Err(e) => diags.push(Diagnostic::error(
                entry.path(),
                (1, 1),
                format!("cannot read file: {e}"),
            )),
        }
    }
    out.sort();
    out
}

fn read_templates(dir: &Path, diags: &mut Vec<Diagnostic>) -> Vec<(String, String)> {
    read_tree(dir, diags)
        .into_iter()
        .filter_map(|(name, bytes)| match String::from_utf8(bytes) {
            Ok(text) => Some((name, text)),
            Err(_) => {
                diags.push(
                    Diagnostic::error(dir.join(&name), (1, 1), "template is not UTF-8 text")
                        .with_hint("save it as UTF-8"),
                );
                None
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_order_key_sorts_like_paths() {
        let names = [
            "incidents/a-b.md",
            "incidents/a/b.md",
            "incidents/a.md",
            "incidents/a",
            "incidents/2026/x.md",
            "incidents/2026-01-01-x.md",
            "incidents/2026/2026-01-01-x.md",
            "incidents/Z.md",
            "incidents/é.md",
            "incidents/ab/c.md",
        ];
        let mut by_path: Vec<PathBuf> = names.iter().map(PathBuf::from).collect();
        let mut by_key = by_path.clone();
        by_path.sort();
        by_key.sort_by_cached_key(|p| path_order_key(p));
        assert_eq!(by_key, by_path);
    }
}
