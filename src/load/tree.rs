//! Reading the folders copied or compiled as they are: `static/` and the template folders.

use super::confine::SiteFolder;
use crate::diagnostic::Diagnostic;
use crate::model::site::{CONFIG_FILE, TEMPLATES_DIR, THEMES_DIR};
use std::fs;
use std::path::Path;
use walkdir::WalkDir;

/// True for files an editor or the OS leaves behind: hidden, backup, swap and temp files.
pub fn is_scratch_file(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || [".swp", ".swx", ".tmp", ".bak", ".orig"]
            .iter()
            .any(|s| name.ends_with(s))
}

/// Every file below `dir`, by path relative to it. Links are followed while they stay inside
/// the site; one that leads out is an error, and nothing behind it is read.
pub(super) fn read_tree(
    site: &SiteFolder,
    dir: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    if !site.admits(dir, diags) {
        return out;
    }
    let mut refused = Vec::new();
    let walk = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let wanted = e.depth() == 0
                || !is_scratch_file(&e.file_name().to_string_lossy())
                || e.file_name() == ".well-known";
            wanted && site.admits_entry(e, &mut refused)
        });
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            // A site need not have the folder at all.
            Err(e) if e.depth() == 0 && !dir.exists() => continue,
            Err(e) => {
                // The caller names it from the site folder.
                diags.push(super::read::unwalkable(e.path().unwrap_or(dir), &e));
                continue;
            }
        };
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
            Err(e) => diags.push(super::read::unreadable(entry.path(), &e)),
        }
    }
    diags.append(&mut refused);
    out.sort();
    out
}

pub(super) fn read_templates(
    site: &SiteFolder,
    dir: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, String)> {
    read_tree(site, dir, diags)
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

/// The template overrides of the site in `root`: its theme's, then its own. Read again only to
/// check them when the rest of the site does not load; whatever cannot be read there was
/// reported by the load itself.
pub fn template_overrides(root: &Path) -> Vec<(String, String)> {
    let mut reported = Vec::new();
    let site = SiteFolder::new(root);
    let config = super::read_text(&site, root, CONFIG_FILE, &mut reported, "");
    overrides(&site, root, config.as_deref(), &mut reported)
}

pub(super) fn overrides(
    site: &SiteFolder,
    root: &Path,
    config: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, String)> {
    let mut templates = Vec::new();
    let theme = config.and_then(theme_name);
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
        templates.extend(read_templates(site, &dir.join(TEMPLATES_DIR), diags));
    }
    templates.extend(read_templates(site, &root.join(TEMPLATES_DIR), diags));
    templates
}

fn theme_name(config_text: &str) -> Option<String> {
    let table: toml::Table = toml::from_str(config_text).ok()?;
    table.get("theme")?.as_str().map(str::to_string)
}
