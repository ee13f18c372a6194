//! Sibling files, `<id>.<lang>.md` beside a post: told apart from posts when listed (they are
//! not posts of their own: no id, page or API entry), then read against their originals once
//! those are parsed.

use super::characters;
use crate::diagnostic::{Diagnostic, closest};
use crate::model::translation::PostText;
use crate::model::translation::sibling::sibling_of;
use crate::model::{Announcement, Incident, Maintenance, ParseContext};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The sibling files of each kind of post, as (path relative to the root, text).
#[derive(Debug, Clone, Default)]
pub(super) struct Siblings {
    pub(super) incidents: Vec<(PathBuf, String)>,
    pub(super) maintenance: Vec<(PathBuf, String)>,
    pub(super) announcements: Vec<(PathBuf, String)>,
}

/// The path of a file read.
pub(super) fn file_path(file: &(PathBuf, String)) -> &Path {
    &file.0
}

/// Splits `files` into posts and sibling files.
pub(super) fn split<T>(files: Vec<T>, path: impl Fn(&T) -> &Path) -> (Vec<T>, Vec<T>) {
    files
        .into_iter()
        .partition(|f| sibling_of(path(f)).is_none())
}

/// A kind of post, as the sibling files of its folder translate it.
trait Original {
    const KIND: &'static str;
    fn id(&self) -> &str;
    fn path(&self) -> &Path;
    fn translation(
        &self,
        path: &Path,
        tag: &str,
        text: &str,
        ctx: ParseContext<'_>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<PostText>;
    fn siblings(&mut self) -> &mut BTreeMap<String, PostText>;
}

/// Each kind of post translates itself (`translation`) and keeps its translations.
macro_rules! original {
    ($kind:ty, $name:literal) => {
        impl Original for $kind {
            const KIND: &'static str = $name;
            fn id(&self) -> &str {
                &self.id
            }
            fn path(&self) -> &Path {
                &self.path
            }
            fn translation(
                &self,
                path: &Path,
                tag: &str,
                text: &str,
                ctx: ParseContext<'_>,
                diags: &mut Vec<Diagnostic>,
            ) -> Option<PostText> {
                self.translation(path, tag, text, ctx, diags)
            }
            fn siblings(&mut self) -> &mut BTreeMap<String, PostText> {
                &mut self.translations.siblings
            }
        }
    };
}

original!(Incident, "incident");
original!(Maintenance, "maintenance window");
original!(Announcement, "announcement");

/// Reads every sibling file against its original among the parsed posts, replacing what earlier
/// loads attached (`serve` keeps unchanged posts from one load to the next). `listed` are the
/// ids of every post file of the kind, parsed or not: a sibling of one that has errors of its
/// own says nothing more. Problems go to `diags`.
fn attach<T: Original>(
    posts: &mut [T],
    listed: &BTreeSet<String>,
    files: &[(PathBuf, String)],
    ctx: ParseContext<'_>,
    diags: &mut Vec<Diagnostic>,
) {
    for post in posts.iter_mut() {
        post.siblings().clear();
    }
    let others = ctx.languages.get(1..).unwrap_or_default();
    let mut seen: Vec<(String, String, &Path)> = Vec::new();
    let mut read = Vec::new();
    for (path, text) in files {
        let Some((id, tag)) = sibling_of(path) else {
            continue;
        };
        if let Some((_, _, first)) = seen.iter().find(|(i, t, _)| *i == id && *t == tag) {
            diags.push(
                Diagnostic::error(
                    path,
                    (1, 1),
                    format!(
                        "a second translation of `{id}` into `{tag}`: {} is one already",
                        first.display()
                    ),
                )
                .with_hint("keep one of the two files"),
            );
            continue;
        }
        seen.push((id.clone(), tag.clone(), path));
        if !others.contains(&tag) {
            diags.push(not_a_language(path, &tag, ctx.languages));
            continue;
        }
        let Some(k) = posts.iter().position(|p| p.id() == id) else {
            if !listed.contains(&id) {
                diags.push(no_original::<T>(path, &id, &tag, posts));
            }
            continue;
        };
        diags.extend(characters::in_post(path, text));
        if let Some(t) = posts[k].translation(path, &tag, text, ctx, diags) {
            read.push((k, tag, t));
        }
    }
    for (k, tag, text) in read {
        posts[k].siblings().insert(tag, text);
    }
}

/// Reads the sibling files of every kind against the parsed posts; `listed` gives the paths of
/// every post file of each kind.
pub(super) fn attach_all(
    posts: (&mut [Incident], &mut [Maintenance], &mut [Announcement]),
    listed: [&[&Path]; 3],
    siblings: &Siblings,
    ctx: ParseContext<'_>,
    diags: &mut Vec<Diagnostic>,
) {
    let ids =
        |paths: &[&Path]| -> BTreeSet<String> { paths.iter().map(|p| super::post_id(p)).collect() };
    attach(posts.0, &ids(listed[0]), &siblings.incidents, ctx, diags);
    attach(posts.1, &ids(listed[1]), &siblings.maintenance, ctx, diags);
    attach(
        posts.2,
        &ids(listed[2]),
        &siblings.announcements,
        ctx,
        diags,
    );
}

fn not_a_language(path: &Path, tag: &str, languages: &[String]) -> Diagnostic {
    let (message, hint) = match languages {
        [default, ..] if default == tag => (
            format!("`{tag}` is the site's default language, which the post itself is written in"),
            "put the text in the post itself, and remove this file".to_string(),
        ),
        [_, _, ..] => (
            format!(
                "`{tag}` is not one of the site's languages ({})",
                languages.join(", ")
            ),
            format!("add \"{tag}\" to `languages` in statuspress.toml, or remove this file"),
        ),
        _ => (
            format!("a translation into `{tag}`, but the site has one language"),
            format!(
                "list the site's languages in statuspress.toml, e.g. languages = [\"{}\", \"{tag}\"], or remove this file",
                languages.first().map_or("en", String::as_str)
            ),
        ),
    };
    Diagnostic::error(path, (1, 1), message).with_hint(hint)
}

fn no_original<T: Original>(path: &Path, id: &str, tag: &str, posts: &[T]) -> Diagnostic {
    let hint = match closest(id, posts.iter().map(Original::id)) {
        Some(near) => format!(
            "did you mean `{near}.{tag}.md`? A translation is named after its original, beside {}",
            posts
                .iter()
                .find(|p| p.id() == near)
                .map_or_else(String::new, |p| p.path().display().to_string())
        ),
        None => format!(
            "name a translation after the post it translates, `<id>.{tag}.md` beside `<id>.md`; no file is named `{id}.md`"
        ),
    };
    Diagnostic::error(
        path,
        (1, 1),
        format!("there is no {} `{id}` for this file to translate", T::KIND),
    )
    .with_hint(hint)
}
