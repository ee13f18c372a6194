//! `logo` and `favicon` of `statuspress.toml`: images of the site's `static/` folder that every
//! page shows in its header and names in its `<head>`.

use crate::diagnostic::Diagnostic;
use crate::model::site::{CONFIG_FILE, STATIC_DIR};
use crate::model::toml_source::{TomlSource, type_with_article};
use crate::model::urls;
use toml::Spanned;

/// An image of `static/` named by `logo` or `favicon`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Its path under `static/`, which is also where it is published (`urls::static_file`).
    pub path: String,
    /// Its media type, from the extension, e.g. `image/svg+xml`.
    pub media_type: &'static str,
    /// Line and column of the key in `statuspress.toml`.
    pub position: (usize, usize),
}

/// The site's logo and favicon, each unless unset.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Branding {
    /// Shown in the header of every page, in place of the title (`logo`).
    pub logo: Option<Asset>,
    /// Named by `<link rel="icon">` in every page (`favicon`).
    pub favicon: Option<Asset>,
}

/// Image extensions and their media types.
const IMAGES: &[(&str, &str)] = &[
    ("svg", "image/svg+xml"),
    ("png", "image/png"),
    ("ico", "image/x-icon"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("gif", "image/gif"),
    ("webp", "image/webp"),
    ("avif", "image/avif"),
];

/// Reads `logo` and `favicon`, reporting values that are not a plain image path.
pub(super) fn read(
    src: &TomlSource<'_>,
    logo: Option<&Spanned<toml::Value>>,
    favicon: Option<&Spanned<toml::Value>>,
    errors: &mut Vec<Diagnostic>,
) -> Branding {
    Branding {
        logo: logo.and_then(|v| read_asset(src, "logo", v, errors)),
        favicon: favicon.and_then(|v| read_asset(src, "favicon", v, errors)),
    }
}

fn read_asset(
    src: &TomlSource<'_>,
    key: &str,
    value: &Spanned<toml::Value>,
    errors: &mut Vec<Diagnostic>,
) -> Option<Asset> {
    let example = format!("{key} = \"{key}.svg\" for {STATIC_DIR}/{key}.svg");
    let toml::Value::String(path) = value.get_ref() else {
        errors.push(
            src.error_span(
                &value.span(),
                format!(
                    "`{key}` must be a path in quotes, found {}",
                    type_with_article(value.get_ref())
                ),
            )
            .with_hint(format!("write {example}")),
        );
        return None;
    };
    let at = key_offset(src, value.span().start);
    let plain = path
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'));
    let segments_ok = path
        .split('/')
        .all(|s| !s.is_empty() && s != "." && s != "..");
    if !plain || !segments_ok {
        errors.push(
            src.error_at(
                at,
                format!("`{key}` must be a path under {STATIC_DIR}/, got `{path}`"),
            )
            .with_hint(format!(
                "write {example}; use letters, digits, `-`, `_` and `.` in names, `/` between folders, and no `..`"
            )),
        );
        return None;
    }
    let extension = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let Some(&(_, media_type)) = IMAGES.iter().find(|(e, _)| *e == extension) else {
        let names: Vec<&str> = IMAGES.iter().map(|(e, _)| *e).collect();
        errors.push(
            src.error_at(at, format!("`{key}` must be an image, got `{path}`"))
                .with_hint(format!("use a file ending in .{}", names.join(", ."))),
        );
        return None;
    };
    Some(Asset {
        path: path.clone(),
        media_type,
        position: src.pos(at),
    })
}

/// The offset of the key whose value starts at `value`: the first character of its line (a
/// top-level key of `statuspress.toml` starts its line).
fn key_offset(src: &TomlSource<'_>, value: usize) -> usize {
    let line_start = src.text[..value.min(src.text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let indent = src.text[line_start..value]
        .find(|c: char| !c.is_whitespace())
        .unwrap_or(0);
    line_start + indent
}

impl Branding {
    /// An error for each image that `static/` does not hold, given the files it does by output
    /// path (as `Site::static_files`).
    pub fn check_files(&self, static_files: &[(String, Vec<u8>)]) -> Vec<Diagnostic> {
        let holds = |path: &str| static_files.iter().any(|(p, _)| p == path);
        [("logo", &self.logo), ("favicon", &self.favicon)]
            .into_iter()
            .filter_map(|(key, asset)| asset.as_ref().map(|a| (key, a)))
            .filter(|(_, a)| !holds(&urls::static_file(&a.path)))
            .map(|(key, a)| {
                let under = a.path.strip_prefix(&format!("{STATIC_DIR}/"));
                let hint = match under {
                    Some(rest) if holds(rest) => {
                        format!("the path is read from {STATIC_DIR}/: write {key} = \"{rest}\"")
                    }
                    _ => format!(
                        "put the image at {STATIC_DIR}/{}, or correct the path (it is read from {STATIC_DIR}/)",
                        a.path
                    ),
                };
                Diagnostic::error(
                    CONFIG_FILE,
                    a.position,
                    format!("`{key}` names {STATIC_DIR}/{}, which does not exist", a.path),
                )
                .with_hint(hint)
            })
            .collect()
    }
}
