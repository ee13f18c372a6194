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
    load_with(root, None)
}

/// Like [`load`], but takes the posts whose text is unchanged from `reuse` instead of parsing
/// them again. Give the site back with [`Reuse::keep`] once it is built.
pub fn load_reusing(root: &Path, reuse: &mut Reuse) -> Result<Site, Vec<Diagnostic>> {
    load_with(root, Some(reuse))
}

/// Posts parsed by an earlier load of the same folder. `serve` loads the site again after every
/// save, when most files are unchanged; all are parsed again when `statuspress.toml` or
/// `components.toml` changed, since posts are read against both.
#[derive(Debug, Default)]
pub struct Reuse {
    /// Fingerprint of the config and catalogue texts the kept posts were parsed against.
    against: Fingerprint,
    incidents: HashMap<PathBuf, Kept<Incident>>,
    maintenance: HashMap<PathBuf, Kept<Maintenance>>,
}

/// One parsed file: the hash of its text, what parsing it said, and the post while it is not
/// lent to a site.
#[derive(Debug)]
struct Kept<T> {
    text: Fingerprint,
    diags: Vec<Diagnostic>,
    post: Option<T>,
}

impl Reuse {
    /// Takes back the posts of a site made by [`load_reusing`], for the next load.
    pub fn keep(&mut self, site: Site) {
        for inc in site.incidents {
            if let Some(k) = self.incidents.get_mut(&inc.path) {
                k.post = Some(inc);
            }
        }
        for m in site.maintenance {
            if let Some(k) = self.maintenance.get_mut(&m.path) {
                k.post = Some(m);
            }
        }
    }
}

/// The length and a 64-bit hash of a text: what tells an unchanged file.
type Fingerprint = (usize, u64);

fn fingerprint(text: &str) -> Fingerprint {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    (text.len(), h.finish())
}

fn load_with(root: &Path, reuse: Option<&mut Reuse>) -> Result<Site, Vec<Diagnostic>> {
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
        reuse,
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
        None,
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
    reuse: Option<&mut Reuse>,
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
    let against = fingerprint(&format!("{config_text}\0{components_text}"));
    let (kept_incidents, kept_maintenance) = match reuse {
        Some(r) => {
            if r.against != against {
                *r = Reuse {
                    against,
                    ..Reuse::default()
                };
            }
            (Some(&mut r.incidents), Some(&mut r.maintenance))
        }
        None => (None, None),
    };
    let incidents = parse_posts(
        incident_texts,
        &mut diags,
        |id, path, text, d| Incident::parse(id, path, text, ctx, d),
        kept_incidents,
    );
    let maintenance = parse_posts(
        maintenance_texts,
        &mut diags,
        |id, path, text, d| Maintenance::parse(id, path, text, ctx, d),
        kept_maintenance,
    );
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

/// What reading one file gave: an unreadable file, a post reused as it was, or a fresh parse.
enum Outcome<T> {
    Unreadable(Diagnostic),
    Unchanged,
    Parsed {
        text: Fingerprint,
        post: Option<T>,
        diags: Vec<Diagnostic>,
    },
}

/// Parses every post (in parallel), checks that ids are unique, and reports problems in
/// `diags`. With `kept`, files whose text is unchanged are not parsed again, and `kept` is
/// left describing this load.
fn parse_posts<T: Send + Sync>(
    files: PostTexts<'_>,
    diags: &mut Vec<Diagnostic>,
    parse: impl Fn(&str, &Path, &str, &mut Vec<Diagnostic>) -> Option<T> + Sync,
    kept: Option<&mut HashMap<PathBuf, Kept<T>>>,
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
    let previous = kept.as_deref();
    let outcomes: Vec<Outcome<T>> = (0..files.len())
        .into_par_iter()
        .map(|i| {
            let path = files.path(i);
            let text = match files.text(i) {
                Ok(text) => text,
                Err(unreadable) => return Outcome::Unreadable(unreadable),
            };
            let hash = previous.map(|_| fingerprint(&text)).unwrap_or_default();
            let unchanged = previous
                .and_then(|k| k.get(path))
                .is_some_and(|k| k.text == hash && k.post.is_some());
            if unchanged {
                return Outcome::Unchanged;
            }
            let mut d = Vec::new();
            let post = parse(&post_id(path), path, &text, &mut d);
            Outcome::Parsed {
                text: hash,
                post,
                diags: d,
            }
        })
        .collect();
    let mut kept = kept;
    let mut earlier = kept.as_deref_mut().map(std::mem::take);
    let mut now_kept = HashMap::new();
    let mut posts = Vec::with_capacity(outcomes.len());
    for (i, outcome) in outcomes.into_iter().enumerate() {
        let path = files.path(i);
        match outcome {
            Outcome::Unreadable(d) => diags.push(d),
            Outcome::Unchanged => {
                let mut k = earlier
                    .as_mut()
                    .and_then(|e| e.remove(path))
                    .expect("an unchanged post was kept");
                diags.extend(k.diags.iter().cloned());
                posts.extend(k.post.take());
                now_kept.insert(path.to_path_buf(), k);
            }
            Outcome::Parsed {
                text,
                post,
                diags: d,
            } => {
                diags.extend(d.iter().cloned());
                posts.extend(post);
                if kept.is_some() {
                    now_kept.insert(
                        path.to_path_buf(),
                        Kept {
                            text,
                            diags: d,
                            post: None,
                        },
                    );
                }
            }
        }
    }
    if let Some(k) = kept {
        *k = now_kept;
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

    const CONFIG: &str = "title = \"T\"\nbase_url = \"https://t.test\"\n";
    const COMPONENTS: &str = "[[component]]\nid = \"api\"\nname = \"API\"\n[[component]]\nid = \"web\"\nname = \"Web\"\n";

    fn post(title: &str, component: &str) -> String {
        format!(
            "+++\ntitle = \"{title}\"\nstarted = 2026-11-20T10:00:00Z\naffected = [\"{component}\"]\n+++\n\n## Resolved — 2026-11-20 11:00 UTC\nDone.\n"
        )
    }

    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }

    fn titles(site: &Site) -> Vec<(String, String)> {
        site.incidents
            .iter()
            .map(|i| (i.id.clone(), i.title.clone()))
            .collect()
    }

    fn site_folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), CONFIG_FILE, CONFIG);
        write(dir.path(), COMPONENTS_FILE, COMPONENTS);
        write(dir.path(), "incidents/a.md", &post("A", "api"));
        write(dir.path(), "incidents/b.md", &post("B", "web"));
        // An update dated before `started`: a warning the second load must report again.
        write(
            dir.path(),
            "incidents/c.md",
            &format!(
                "{}\n## Investigating — 2026-11-20 09:00 UTC\nEarly.\n",
                post("C", "api")
            ),
        );
        dir
    }

    #[test]
    fn a_reusing_load_equals_a_fresh_one_after_edits() {
        let dir = site_folder();
        let root = dir.path();
        let mut reuse = Reuse::default();
        let first = load_reusing(root, &mut reuse).unwrap();
        assert_eq!(format!("{first:?}"), format!("{:?}", load(root).unwrap()));
        reuse.keep(first);

        write(root, "incidents/b.md", &post("B edited", "web"));
        write(root, "incidents/d.md", &post("D", "web"));
        fs::remove_file(root.join("incidents/a.md")).unwrap();
        let second = load_reusing(root, &mut reuse).unwrap();
        let fresh = load(root).unwrap();
        assert_eq!(format!("{second:?}"), format!("{fresh:?}"));
        assert_eq!(
            titles(&second),
            [("b", "B edited"), ("c", "C"), ("d", "D")]
                .map(|(a, b)| (a.to_string(), b.to_string()))
        );
        assert_eq!(second.warnings.len(), 1, "{:?}", second.warnings);
        assert!(
            second.warnings[0]
                .message
                .contains("dated before `started`")
        );
        assert_eq!(reuse.incidents.len(), 3, "forgets removed files");
    }

    #[test]
    fn only_changed_files_are_parsed_again() {
        let dir = site_folder();
        let root = dir.path();
        let mut reuse = Reuse::default();
        let first = load_reusing(root, &mut reuse).unwrap();
        reuse.keep(first);
        // Mark the kept posts: a reused post keeps the mark, a parsed one comes from its file.
        for kept in reuse.incidents.values_mut() {
            kept.post.as_mut().unwrap().title.push_str(" (kept)");
        }
        write(root, "incidents/b.md", &post("B edited", "web"));
        let second = load_reusing(root, &mut reuse).unwrap();
        assert_eq!(
            titles(&second),
            [("a", "A (kept)"), ("b", "B edited"), ("c", "C (kept)")]
                .map(|(a, b)| (a.to_string(), b.to_string()))
        );
    }

    #[test]
    fn unchanged_posts_are_read_again_when_the_catalogue_changes() {
        let dir = site_folder();
        let root = dir.path();
        let mut reuse = Reuse::default();
        let first = load_reusing(root, &mut reuse).unwrap();
        reuse.keep(first);
        // `web` is gone: b.md, unchanged, must now fail to load.
        write(
            root,
            COMPONENTS_FILE,
            "[[component]]\nid = \"api\"\nname = \"API\"\n",
        );
        let errors = load_reusing(root, &mut reuse).unwrap_err();
        assert!(
            errors.iter().any(|d| d.path == Path::new("incidents/b.md")
                && d.message.contains("unknown component `web`")),
            "{errors:?}"
        );
        // After a failed load, fixing the file gives the same site as a fresh load.
        write(root, "incidents/b.md", &post("B", "api"));
        let again = load_reusing(root, &mut reuse).unwrap();
        assert_eq!(format!("{again:?}"), format!("{:?}", load(root).unwrap()));
    }

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
