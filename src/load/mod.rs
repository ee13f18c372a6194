//! Reading a site folder from disk into the model. The only module of the build that reads files.

mod characters;
mod confine;
mod notices;
mod parts;
mod posts;
mod probes;
mod read;
mod reuse;
mod siblings;
mod translations;
mod tree;

pub(crate) use notices::{incident_template, incident_template_names};
pub use posts::post_id;
pub(crate) use posts::{list_posts, read_posts};
pub use probes::{read_data as read_probe_data, read_probes};
pub use reuse::Reuse;
pub use tree::{is_scratch_file, template_overrides};

use crate::diagnostic::{self, Diagnostic};
use crate::model::site::{
    COMPONENTS_FILE, CONFIG_FILE, INCIDENTS_DIR, MAINTENANCE_DIR, STATIC_DIR, Site,
};
use confine::SiteFolder;
pub(crate) use confine::{check_inside, read_optional};
use notices::NoticeTexts;
use parts::{Posts, TomlTexts, finish, parse_parts};
use posts::PostTexts;
use siblings::Siblings;
use std::path::{Path, PathBuf};
use tree::{overrides, read_tree};

/// The raw text of a site folder, read but not parsed.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// Text of `statuspress.toml`.
    pub config: String,
    /// Text of `components.toml`.
    pub components: String,
    /// Text of `probes.toml`, when the site has one.
    pub probes: Option<String>,
    /// Incident files as (path relative to the root, text), sorted by path.
    pub incidents: Vec<(PathBuf, String)>,
    /// Maintenance files as (path relative to the root, text), sorted by path.
    pub maintenance: Vec<(PathBuf, String)>,
    /// Announcement files as (path relative to the root, text), sorted by path.
    pub announcements: Vec<(PathBuf, String)>,
    /// Incident templates as (path relative to the root, text), sorted by path.
    pub incident_templates: Vec<(PathBuf, String)>,
    /// Files of `static/`, by output path, sorted.
    pub static_files: Vec<(String, Vec<u8>)>,
    /// Template overrides of the theme (if any), then of the site.
    pub templates: Vec<(String, String)>,
    /// The site's own texts, `i18n/<lang>.toml`, as (path relative to the root, text), sorted
    /// by path.
    pub translations: Vec<(PathBuf, String)>,
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

fn load_with(root: &Path, reuse: Option<&mut Reuse>) -> Result<Site, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut listed = list_sources(root, &mut diags);
    let (incidents, incident_siblings) =
        siblings::split(std::mem::take(&mut listed.incidents), PathBuf::as_path);
    let (maintenance, maintenance_siblings) =
        siblings::split(std::mem::take(&mut listed.maintenance), PathBuf::as_path);
    let (announcements, announcement_siblings) = siblings::split(
        std::mem::take(&mut listed.notices.announcements),
        siblings::file_path,
    );
    listed.notices.announcements = announcements;
    let siblings = Siblings {
        incidents: read_posts(root, incident_siblings, &mut diags),
        maintenance: read_posts(root, maintenance_siblings, &mut diags),
        announcements: announcement_siblings,
    };
    let on_disk = |paths| PostTexts::OnDisk { root, paths };
    // Posts are parsed even when listing found problems, so every problem shows in one run.
    let parsed = parse_parts(
        TomlTexts {
            config: listed.config.as_deref(),
            components: listed.components.as_deref(),
            probes: listed.probes.as_deref(),
            translations: &listed.translations,
        },
        Posts {
            incidents: on_disk(&incidents),
            maintenance: on_disk(&maintenance),
            siblings: &siblings,
        },
        &listed.notices,
        listed.static_files,
        listed.templates,
        reuse,
    )
    .map(|mut site| {
        probes::read_ca_files(root, &mut site.probes, &mut diags);
        site.probe_data = probes::read_all_data(root, &site.probes, &mut diags);
        site
    });
    match parsed {
        Ok(mut site) if !diags.iter().any(Diagnostic::is_error) => {
            site.warnings.extend(diags);
            diagnostic::sort(&mut site.warnings);
            Ok(site)
        }
        Ok(site) => {
            diags.extend(site.warnings);
            Err(finish(diags))
        }
        Err(more) => {
            diags.extend(more);
            diags.extend(probes::ca_file_problems(root, listed.probes.as_deref()));
            Err(finish(diags))
        }
    }
}

/// A site folder with its posts found but not read.
struct Listed {
    config: Option<String>,
    components: Option<String>,
    probes: Option<String>,
    /// Incident files relative to the root, sorted by path.
    incidents: Vec<PathBuf>,
    /// Maintenance files relative to the root, sorted by path.
    maintenance: Vec<PathBuf>,
    /// Announcements and incident templates, read.
    notices: NoticeTexts,
    static_files: Vec<(String, Vec<u8>)>,
    templates: Vec<(String, String)>,
    translations: Vec<(PathBuf, String)>,
}

/// Reads every file of a site folder. Unreadable files are reported in `diags`.
pub fn read_sources(root: &Path, diags: &mut Vec<Diagnostic>) -> Option<Sources> {
    let listed = list_sources(root, diags);
    let incidents = read_posts(root, listed.incidents, diags);
    let maintenance = read_posts(root, listed.maintenance, diags);
    Some(Sources {
        config: listed.config?,
        components: listed.components?,
        probes: listed.probes,
        incidents,
        maintenance,
        announcements: listed.notices.announcements,
        incident_templates: listed.notices.incident_templates,
        static_files: listed.static_files,
        templates: listed.templates,
        translations: listed.translations,
    })
}

/// Reads everything of a site folder but the posts, which it only lists.
fn list_sources(root: &Path, diags: &mut Vec<Diagnostic>) -> Listed {
    let site = SiteFolder::new(root);
    let config = read_text(
        &site,
        root,
        CONFIG_FILE,
        diags,
        "create it with title and base_url, or point --root at the site folder",
    );
    let components = read_text(
        &site,
        root,
        COMPONENTS_FILE,
        diags,
        "create it with at least one [[component]] table",
    );
    let probes = probes::read_text(root, diags);
    let incidents = list_posts(root, INCIDENTS_DIR, diags);
    let maintenance = list_posts(root, MAINTENANCE_DIR, diags);
    let notices = NoticeTexts::read(root, diags);
    let static_files = read_tree(&site, &root.join(STATIC_DIR), diags);
    let templates = overrides(&site, root, config.as_deref(), diags);
    let translations = translations::read(root, diags);
    // Messages name files from the site folder, never by an absolute path.
    for d in diags.iter_mut() {
        if let Ok(rel) = d.path.strip_prefix(root) {
            d.path = rel.to_path_buf();
        }
    }
    Listed {
        config,
        components,
        probes,
        incidents,
        maintenance,
        notices,
        static_files,
        templates,
        translations,
    }
}

/// Parses the sources of a site; pure, so tests can build sites in memory. Sibling files
/// (`<id>.<lang>.md`) among the posts translate them.
pub fn parse(sources: Sources) -> Result<Site, Vec<Diagnostic>> {
    let path = siblings::file_path;
    let (incidents, incident_siblings) = siblings::split(sources.incidents, path);
    let (maintenance, maintenance_siblings) = siblings::split(sources.maintenance, path);
    let (announcements, announcement_siblings) = siblings::split(sources.announcements, path);
    parse_parts(
        TomlTexts {
            config: Some(&sources.config),
            components: Some(&sources.components),
            probes: sources.probes.as_deref(),
            translations: &sources.translations,
        },
        Posts {
            incidents: PostTexts::InMemory(&incidents),
            maintenance: PostTexts::InMemory(&maintenance),
            siblings: &Siblings {
                incidents: incident_siblings,
                maintenance: maintenance_siblings,
                announcements: announcement_siblings,
            },
        },
        &NoticeTexts {
            announcements,
            incident_templates: sources.incident_templates,
        },
        sources.static_files,
        sources.templates,
        None,
    )
}

/// The error for a folder that is not a site at all (it has no `statuspress.toml`), so that
/// commands fail at once instead of reading, walking or watching an unrelated folder.
pub(crate) fn missing_config(root: &Path) -> Option<Diagnostic> {
    (!root.join(CONFIG_FILE).exists()).then(|| {
        no_such_file(
            CONFIG_FILE,
            &format!(
                "{} is not a site folder: point --root at the site folder, or create one with `statuspress init DIR`",
                root.display()
            ),
        )
    })
}

fn no_such_file(name: &str, hint: &str) -> Diagnostic {
    Diagnostic::error(
        name,
        (1, 1),
        format!("cannot read {name}: the site folder has no such file"),
    )
    .with_hint(hint)
}

pub(super) fn read_text(
    site: &SiteFolder,
    root: &Path,
    name: &str,
    diags: &mut Vec<Diagnostic>,
    hint: &str,
) -> Option<String> {
    let path = root.join(name);
    if !site.admits(&path, diags) {
        return None;
    }
    let missing = !path.exists();
    match read::read_utf8(root, Path::new(name)) {
        Ok(t) => Some(t),
        Err(_) if missing => {
            diags.push(no_such_file(name, hint));
            None
        }
        Err(d) => {
            diags.push(d);
            None
        }
    }
}
