//! Sibling files: `<id>.<lang>.md` beside a post holds its text in another language. It is read
//! with the post's own reader (the same front matter keys and update headings), then held to the
//! original: a fact it states must be the original's, and each of its updates must pair with
//! one of the original's by the time of its heading.

use super::PostText;
use crate::diagnostic::Diagnostic;
use crate::model::document::RawUpdate;
use crate::model::post::{self, Affected, HEADING_COLUMN, Update};
use crate::model::toml_source::TomlSource;
use crate::model::{Catalog, frontmatter};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use std::collections::BTreeMap;
use std::fmt::Display;
use std::ops::Range;
use std::path::Path;
use toml::{Spanned, Value};

/// The id of the post a sibling file translates and the language it is in:
/// `2026-11-20-api.de.md` gives (`2026-11-20-api`, `de`). `None` for a file whose name does not
/// end in a language tag before `.md` (a post of its own).
pub fn sibling_of(path: &Path) -> Option<(String, String)> {
    let stem = path.file_stem()?.to_str()?;
    let (id, tag) = stem.rsplit_once('.')?;
    (!id.is_empty() && crate::i18n::is_language_tag(tag)).then(|| (id.to_string(), tag.to_string()))
}

/// Reads one sibling file against its original.
#[derive(Debug, Clone, Copy)]
pub struct Reader<'a> {
    /// The sibling file, relative to the site root.
    pub path: &'a Path,
    /// The original's file.
    pub original: &'a Path,
    /// The sibling's language.
    pub tag: &'a str,
    /// The site's time zone, for times written without an offset.
    pub tz: Tz,
}

impl Reader<'_> {
    /// The error for a fact (`field`, at `span`) the sibling states otherwise than the original
    /// (`here` and `there`, as they read).
    pub fn disagrees(
        &self,
        src: &TomlSource<'_>,
        span: &Range<usize>,
        field: &str,
        (here, there): (impl Display, impl Display),
    ) -> Diagnostic {
        src.error_span(
            span,
            format!(
                "`{field}` is {here} here but {there} in {}: a translation cannot change the facts",
                self.original.display()
            ),
        )
        .with_hint(format!(
            "remove `{field}` from this file (a translation takes every fact from {}), or correct it there",
            self.original.display()
        ))
    }

    /// The sibling's title: its front matter's `title`, one string, unless the original's own
    /// front matter translates the title into this language already.
    pub fn title(
        &self,
        src: &TomlSource<'_>,
        value: Option<&Spanned<Value>>,
        titles: &BTreeMap<String, String>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<String> {
        let value = value?;
        let Some(title) = value.get_ref().as_str() else {
            diags.push(
                src.error_span(&value.span(), "a translation's `title` is one string")
                    .with_hint("write title = \"…\" in this file's language"),
            );
            return None;
        };
        if titles.contains_key(self.tag) {
            diags.push(
                src.error_span(
                    &value.span(),
                    format!(
                        "the title in `{}` is also given in {} (`title.{}`)",
                        self.tag,
                        self.original.display(),
                        self.tag
                    ),
                )
                .with_hint("keep one of the two: remove this line, or that one"),
            );
            return None;
        }
        let title = title.trim();
        (!title.is_empty()).then(|| title.to_string())
    }

    /// Checks a word the sibling states (`impact`, `level`, `repeat`) against the original's.
    pub fn same_word(
        &self,
        src: &TomlSource<'_>,
        field: &str,
        value: Option<&Spanned<String>>,
        original: Option<&str>,
        diags: &mut Vec<Diagnostic>,
    ) {
        let Some(v) = value else { return };
        if Some(v.get_ref().as_str()) != original {
            let there = original.map_or_else(|| "not set".to_string(), |o| format!("`{o}`"));
            diags.push(self.disagrees(
                src,
                &v.span(),
                field,
                (format!("`{}`", v.get_ref()), there),
            ));
        }
    }

    /// Checks a time the sibling states (`started`, `start`, …) against the original's.
    pub fn same_time(
        &self,
        src: &TomlSource<'_>,
        field: &str,
        value: Option<&Spanned<Value>>,
        original: Option<DateTime<Utc>>,
        diags: &mut Vec<Diagnostic>,
    ) {
        let Some(v) = value else { return };
        match post::read_time(src, field, v, self.tz) {
            Err(d) => diags.push(d),
            Ok(t) if Some(t) != original => {
                let there = original.map_or_else(|| "not set".to_string(), frontmatter::time);
                diags.push(self.disagrees(src, &v.span(), field, (frontmatter::time(t), there)));
            }
            Ok(_) => {}
        }
    }

    /// Checks the `affected` the sibling states against the original's.
    pub fn same_affected(
        &self,
        src: &TomlSource<'_>,
        value: Option<&Spanned<Value>>,
        catalog: &Catalog,
        original: &[Affected],
        diags: &mut Vec<Diagnostic>,
    ) {
        let Some(v) = value else { return };
        let key = |list: &[Affected]| {
            let mut ids: Vec<String> = list
                .iter()
                .map(|a| match a.status {
                    Some(s) => format!("{} = {s}", a.id),
                    None => a.id.clone(),
                })
                .collect();
            ids.sort();
            ids.join(", ")
        };
        let here = post::read_affected(src, v, catalog, diags);
        if key(&here) != key(original) {
            diags.push(self.disagrees(
                src,
                &v.span(),
                "affected",
                (format!("[{}]", key(&here)), format!("[{}]", key(original))),
            ));
        }
    }

    /// Pairs the sibling's updates with the original's by the time of their headings (updates
    /// of the same time in file order) and gives each translated text by the line of the
    /// original's heading. An update the original does not have, and a heading whose status or
    /// promised next update is not the original's, is an error at its line; an update with an
    /// empty text is left untranslated.
    pub fn updates<S: Copy + PartialEq + Display>(
        &self,
        raw: Vec<RawUpdate<S>>,
        original: &[Update<S>],
        diags: &mut Vec<Diagnostic>,
    ) -> BTreeMap<usize, String> {
        let mut by_time: BTreeMap<DateTime<Utc>, Vec<&Update<S>>> = BTreeMap::new();
        for u in original {
            by_time.entry(u.at).or_default().push(u);
        }
        for same in by_time.values_mut() {
            same.sort_by_key(|u| u.line);
            same.reverse();
        }
        let mut out = BTreeMap::new();
        for u in raw {
            let at = (u.line, HEADING_COLUMN);
            let Some(theirs) = by_time.get_mut(&u.at).and_then(Vec::pop) else {
                diags.push(
                    Diagnostic::error(
                        self.path,
                        at,
                        format!(
                            "{} has no update at {}: a translation pairs each update with the original's by its time",
                            self.original.display(),
                            heading_time(u.at)
                        ),
                    )
                    .with_hint(format!(
                        "give the heading the time of the update it translates in {}, or post the update there first",
                        self.original.display()
                    )),
                );
                continue;
            };
            if let Some(s) = u.status.filter(|s| *s != theirs.status) {
                diags.push(
                    Diagnostic::error(
                        self.path,
                        at,
                        format!(
                            "this update is `{s}` here but `{}` in {} (line {}): a translation cannot change the facts",
                            theirs.status,
                            self.original.display(),
                            theirs.line
                        ),
                    )
                    .with_hint("write the original's status word in the heading, or `Update`"),
                );
            }
            if let Some(next) = u.next_update.filter(|n| Some(*n) != theirs.next_update) {
                diags.push(
                    Diagnostic::error(
                        self.path,
                        at,
                        format!(
                            "this update promises the next one by {} here, which {} (line {}) does not",
                            heading_time(next),
                            self.original.display(),
                            theirs.line
                        ),
                    )
                    .with_hint("leave the promise out of the heading: it comes from the original"),
                );
            }
            if !u.body.trim().is_empty() {
                out.insert(theirs.line, u.body);
            }
        }
        out
    }

    /// The warning for what of the original the sibling `text` leaves untranslated: its
    /// summary (when the original has one), updates (by the lines of `original_updates`) and
    /// postmortem (when `postmortem` is true). The pages show those in the default language,
    /// with a note.
    pub fn untranslated(
        &self,
        text: &PostText,
        original_summary: &str,
        original_updates: impl Iterator<Item = usize>,
        postmortem: bool,
    ) -> Option<Diagnostic> {
        let mut left: Vec<String> = Vec::new();
        if !original_summary.trim().is_empty() && text.summary.trim().is_empty() {
            left.push("the summary".to_string());
        }
        let mut lines: Vec<usize> = original_updates
            .filter(|l| !text.updates.contains_key(l))
            .collect();
        lines.sort_unstable();
        match lines.as_slice() {
            [] => {}
            [one] => left.push(format!("the update at line {one}")),
            [many @ .., last] => left.push(format!(
                "the updates at lines {} and {last}",
                many.iter()
                    .map(usize::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
        if postmortem && text.postmortem.is_none() {
            left.push("the postmortem".to_string());
        }
        let last = left.pop()?;
        let list = if left.is_empty() {
            last
        } else {
            format!("{} and {last}", left.join(", "))
        };
        let many = list.contains(" and ") || list.starts_with("the updates");
        let (are, them) = if many { ("are", "them") } else { ("is", "it") };
        Some(
            Diagnostic::warning(
                self.path,
                (1, 1),
                format!(
                    "{list} of {} {are} not translated here: the `{}` pages show {them} in the default language, with a note",
                    self.original.display(),
                    self.tag,
                ),
            )
            .with_hint(
                "translate each update under the original's heading (the same status word and time)",
            ),
        )
    }
}

/// A time as an update heading writes it: `2026-11-20 14:05 UTC` (with seconds where it has
/// them).
fn heading_time(t: DateTime<Utc>) -> String {
    use crate::model::update_text::{Precision, heading_time};
    use chrono::Timelike;
    let precision = if t.second() == 0 {
        Precision::Minute
    } else {
        Precision::Second
    };
    heading_time(t, precision)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sibling_is_named_after_its_original_and_a_language() {
        let of = |p: &str| sibling_of(Path::new(p));
        assert_eq!(
            of("incidents/2026-11-20-api.de.md"),
            Some(("2026-11-20-api".to_string(), "de".to_string()))
        );
        assert_eq!(
            of("incidents/x.pt-BR.md"),
            Some(("x".to_string(), "pt-BR".to_string()))
        );
        assert_eq!(of("incidents/2026-11-20-api.md"), None);
        assert_eq!(of("incidents/x.de_AT.md"), None);
        assert_eq!(of("incidents/.de.md"), None);
    }
}
