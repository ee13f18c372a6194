//! A site's own texts: `i18n/<lang>.toml`, one file per language, laid over the built-in table of
//! that language.

use super::characters;
use super::confine::SiteFolder;
use crate::diagnostic::Diagnostic;
use crate::i18n::{self, Custom};
use crate::model::site::{CONFIG_FILE, I18N_DIR};
use crate::model::toml_source::TomlSource;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The `.toml` files of `i18n/`, as (path relative to the root, text), sorted by path. A missing
/// folder has none; what cannot be read goes to `diags`.
pub(super) fn read(root: &Path, diags: &mut Vec<Diagnostic>) -> Vec<(PathBuf, String)> {
    let dir = root.join(I18N_DIR);
    let site = SiteFolder::new(root);
    if !dir.exists() || !site.admits(&dir, diags) {
        return Vec::new();
    }
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) => {
            diags.push(super::read::unreadable(Path::new(I18N_DIR), &e));
            return Vec::new();
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        if !site.admits(&path, diags) {
            continue;
        }
        let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        match super::read::read_utf8(root, &rel) {
            Ok(text) => out.push((rel, text)),
            Err(d) => diags.push(d),
        }
    }
    out
}

/// The site's texts by language tag (the file's stem), with every problem in `diags`; and a
/// warning for each of the site's languages that has neither a built-in table nor a file of its
/// own.
pub(super) fn parse(
    files: &[(PathBuf, String)],
    languages: &[String],
    config_text: &str,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Custom> {
    let mut out = BTreeMap::new();
    for (path, text) in files {
        let tag = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !i18n::is_language_tag(&tag) {
            diags.push(
                Diagnostic::error(
                    path,
                    (1, 1),
                    format!("`{tag}` is not a language tag, so this file is not read"),
                )
                .with_hint("name the file after its language, as `language` in statuspress.toml names it: de.toml, pt-BR.toml"),
            );
            continue;
        }
        diags.extend(characters::in_toml(path, text));
        let (custom, problems) = i18n::read_custom(TomlSource::file(path, text), &tag);
        diags.extend(problems);
        out.insert(tag, custom);
    }
    let source = TomlSource::file(Path::new(CONFIG_FILE), config_text);
    let whole = 0..config_text.len();
    for language in languages {
        if i18n::builtin_for(language).is_some() || out.contains_key(language) {
            continue;
        }
        // At the tag in `languages`, or at `language` for a site of one language.
        let list = source.find_key(&whole, "languages");
        let at = if list > 0 || config_text.starts_with("languages") {
            source.find_in(&(list..config_text.len()), &format!("\"{language}\""))
        } else {
            source.find_key(&whole, "language")
        };
        diags.push(
            Diagnostic::warning(
                CONFIG_FILE,
                source.pos(at),
                format!("`{language}` has no built-in table and no {I18N_DIR}/{language}.toml: the pages read in English"),
            )
            .with_hint(format!(
                "write {I18N_DIR}/{language}.toml with the texts, or choose one of the built-in languages: {}",
                i18n::builtin_languages().collect::<Vec<_>>().join(", ")
            )),
        );
    }
    out
}
