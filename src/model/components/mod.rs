//! The component catalogue, `components.toml`: groups, components and their set health.

use super::status::ComponentStatus;
use super::toml_source::{Keys, TomlSource};
use super::translation::{Names, read_text};
use crate::diagnostic::{Diagnostic, suggest};
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use toml::Spanned;

mod display;
mod slo;
mod slo_source;
pub use display::Display;
pub use slo::{DEFAULT_SLO_WINDOW_DAYS, MAX_SLO_WINDOW_DAYS, Slo};
pub use slo_source::SloSource;

/// A named set of components shown together.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Stable id, used in URLs and in `affected`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Optional one-line description.
    pub description: Option<String>,
    /// Its name and description in the site's other languages.
    pub names: Names,
}

/// Something whose health the page reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Component {
    /// Stable id, used in URLs and in `affected`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Id of the group it belongs to.
    pub group: Option<String>,
    /// Optional one-line description.
    pub description: Option<String>,
    /// Health set by the operator, before incidents and maintenance are applied.
    pub status: ComponentStatus,
    /// The day the component started to exist, if recent.
    pub since: Option<NaiveDate>,
    /// The service level objective published for it, if any.
    pub slo: Option<Slo>,
    /// Whether its uptime bar is shown and whether it is listed while operational.
    pub display: Display,
    /// Its name and description in the site's other languages.
    pub names: Names,
}

/// All groups and components, in file order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Catalog {
    /// Groups in file order.
    pub groups: Vec<Group>,
    /// Components in file order.
    pub components: Vec<Component>,
}

/// What an id in `affected` refers to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Target<'a> {
    /// One component.
    Component(&'a Component),
    /// Every component of a group.
    Group(&'a Group),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    #[serde(default)]
    group: Vec<RawGroup>,
    #[serde(default)]
    component: Vec<RawComponent>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    id: Spanned<String>,
    name: Option<Spanned<toml::Value>>,
    description: Option<Spanned<toml::Value>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawComponent {
    id: Spanned<String>,
    name: Option<Spanned<toml::Value>>,
    group: Option<Spanned<String>>,
    description: Option<Spanned<toml::Value>>,
    status: Option<Spanned<String>>,
    since: Option<Spanned<toml::value::Datetime>>,
    slo: Option<Spanned<toml::Value>>,
    slo_window_days: Option<Spanned<i64>>,
    slo_source: Option<Spanned<String>>,
    showcase: Option<Spanned<toml::Value>>,
    only_show_if_degraded: Option<Spanned<toml::Value>>,
}

/// The keys of `components.toml`, of its `[[group]]` and of its `[[component]]` tables.
const SCHEMA: Keys<'static> = Keys {
    allowed: &["group", "component"],
    nested: &[
        ("group", Keys::flat(&["id", "name", "description"])),
        (
            "component",
            Keys::flat(&[
                "id",
                "name",
                "group",
                "description",
                "status",
                "since",
                "slo",
                "slo_window_days",
                "slo_source",
                "showcase",
                "only_show_if_degraded",
            ]),
        ),
    ],
    refused: &[],
};

/// True for ids made of lowercase letters, digits, `-` and `_`, starting with a letter or digit.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
}

impl Catalog {
    /// Parses the text of `components.toml`, collecting every problem.
    pub fn parse(src: TomlSource<'_>) -> Result<Catalog, Vec<Diagnostic>> {
        Catalog::parse_in(src, &[])
    }

    /// Parses the text of `components.toml` of a site of `languages` (the default first), whose
    /// names and descriptions may be given in each of them.
    pub fn parse_in(src: TomlSource<'_>, languages: &[String]) -> Result<Catalog, Vec<Diagnostic>> {
        match Catalog::read_in(src, languages) {
            (Some(catalog), errors) if errors.is_empty() => Ok(catalog),
            (_, errors) => Err(errors),
        }
    }

    /// Reads `components.toml` as far as it can: every problem, and the groups and components
    /// that could be read (`None` when the text is not TOML at all), so posts can still be
    /// checked against them.
    pub fn read(src: TomlSource<'_>) -> (Option<Catalog>, Vec<Diagnostic>) {
        Catalog::read_in(src, &[])
    }

    /// Like [`Catalog::read`], for a site of `languages` (the default first): a name or
    /// description may be a table by language (`name.en = "…"`, `name.de = "…"`).
    pub fn read_in(
        src: TomlSource<'_>,
        languages: &[String],
    ) -> (Option<Catalog>, Vec<Diagnostic>) {
        let (raw, mut errors) = src.read::<RawCatalog>(&SCHEMA);
        let Some(raw) = raw else {
            return (None, errors);
        };
        let mut seen: HashMap<String, &'static str> = HashMap::new();
        let mut check_id = |id: &Spanned<String>,
                            kind: &'static str,
                            errors: &mut Vec<Diagnostic>| {
            if !is_valid_id(id.get_ref()) {
                errors.push(
                    src.error_span(&id.span(), format!("invalid {kind} id `{}`", id.get_ref()))
                        .with_hint("ids use lowercase letters, digits, `-` and `_`, e.g. \"api\" or \"eu-west\""),
                );
            } else if let Some(other) = seen.insert(id.get_ref().clone(), kind) {
                errors.push(
                    src.error_span(
                        &id.span(),
                        format!("duplicate id `{}`: a {other} already uses it", id.get_ref()),
                    )
                    .with_hint("every group and component needs its own id"),
                );
            }
        };

        let tables = |header: &str, count: usize| table_ranges(src.text, header, count);
        let (group_tables, component_tables) = (
            tables("[[group]]", raw.group.len()),
            tables("[[component]]", raw.component.len()),
        );
        let texts = |(name, description): (
            Option<&Spanned<toml::Value>>,
            Option<&Spanned<toml::Value>>,
        ),
                     id: &str,
                     within: std::ops::Range<usize>,
                     errors: &mut Vec<Diagnostic>| {
            let mut names = Names::default();
            let mut read = |field: &str, value: Option<&Spanned<toml::Value>>| {
                value.and_then(|v| {
                    let (own, others) =
                        read_text(&src, (field, within.clone()), v, languages, errors);
                    if field == "name" {
                        names.name = others;
                    } else {
                        names.description = others;
                    }
                    own
                })
            };
            let name = read("name", name).unwrap_or_else(|| id.to_string());
            let description = read("description", description);
            (name, description, names)
        };
        let mut groups = Vec::new();
        for (g, within) in raw.group.into_iter().zip(group_tables) {
            check_id(&g.id, "group", &mut errors);
            let fields = (g.name.as_ref(), g.description.as_ref());
            let (name, description, names) = texts(fields, g.id.get_ref(), within, &mut errors);
            groups.push(Group {
                id: g.id.into_inner(),
                name,
                description,
                names,
            });
        }
        let group_ids: Vec<&str> = groups.iter().map(|g| g.id.as_str()).collect();
        let mut components = Vec::new();
        for (c, within) in raw.component.into_iter().zip(component_tables) {
            check_id(&c.id, "component", &mut errors);
            if let Some(g) = &c.group
                && !group_ids.contains(&g.get_ref().as_str())
            {
                errors.push(
                    src.error_span(&g.span(), format!("unknown group `{}`", g.get_ref()))
                        .with_hint(format!(
                            "{}; groups are declared with [[group]] tables",
                            suggest(g.get_ref(), &group_ids, "group")
                        )),
                );
            }
            let status = match &c.status {
                None => ComponentStatus::Operational,
                Some(s) => ComponentStatus::parse(s.get_ref()).unwrap_or_else(|| {
                    errors.push(
                        src.error_span(&s.span(), format!("unknown status `{}`", s.get_ref()))
                            .with_hint(suggest(s.get_ref(), ComponentStatus::NAMES, "status")),
                    );
                    ComponentStatus::Operational
                }),
            };
            let since = c
                .since
                .as_ref()
                .and_then(|d| match (d.get_ref().date, d.get_ref().time) {
                    (Some(date), None) => NaiveDate::from_ymd_opt(
                        date.year.into(),
                        date.month.into(),
                        date.day.into(),
                    ),
                    _ => {
                        errors.push(
                            src.error_span(&d.span(), "`since` must be a date")
                                .with_hint("write it as since = 2026-03-01"),
                        );
                        None
                    }
                });
            let mut slo = slo::read(
                &src,
                c.slo.as_ref(),
                c.slo_window_days.as_ref(),
                &mut errors,
            );
            let (source, position) =
                slo_source::read(&src, c.slo_source.as_ref(), c.slo.is_some(), &mut errors);
            if let Some(slo) = &mut slo {
                slo.source = source;
                slo.source_position = position;
            }
            let display = display::read(
                &src,
                c.showcase.as_ref(),
                c.only_show_if_degraded.as_ref(),
                &mut errors,
            );
            let fields = (c.name.as_ref(), c.description.as_ref());
            let (name, description, names) = texts(fields, c.id.get_ref(), within, &mut errors);
            components.push(Component {
                id: c.id.into_inner(),
                name,
                group: c.group.map(Spanned::into_inner),
                description,
                names,
                status,
                since,
                slo,
                display,
            });
        }
        (Some(Catalog { groups, components }), errors)
    }

    /// Looks up a component or group by id.
    pub fn target(&self, id: &str) -> Option<Target<'_>> {
        self.component(id)
            .map(Target::Component)
            .or_else(|| self.group(id).map(Target::Group))
    }

    /// The component with this id.
    pub fn component(&self, id: &str) -> Option<&Component> {
        self.components.iter().find(|c| c.id == id)
    }

    /// The group with this id.
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// Components of a group, in file order.
    pub fn members<'a>(&'a self, group: &'a str) -> impl Iterator<Item = &'a Component> + 'a {
        self.components
            .iter()
            .filter(move |c| c.group.as_deref() == Some(group))
    }

    /// Every id that `affected` may name, components first.
    pub fn ids(&self) -> Vec<&str> {
        self.components
            .iter()
            .map(|c| c.id.as_str())
            .chain(self.groups.iter().map(|g| g.id.as_str()))
            .collect()
    }

    /// Index from component id to its position in `components`.
    pub fn index(&self) -> BTreeMap<&str, usize> {
        self.components
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect()
    }
}

/// The part of `text` each of the `count` tables of the array `header` (`[[component]]`) takes:
/// from its header to the next header of any table. The whole text for each, where the headers
/// are not written so.
fn table_ranges(text: &str, header: &str, count: usize) -> Vec<std::ops::Range<usize>> {
    let starts: Vec<usize> = text
        .match_indices(header)
        .filter(|(i, _)| text[..*i].ends_with('\n') || *i == 0)
        .map(|(i, _)| i)
        .collect();
    if starts.len() != count {
        return vec![0..text.len(); count];
    }
    starts
        .iter()
        .map(|&start| {
            let after = start + header.len();
            let end = text[after..]
                .match_indices("\n[")
                .next()
                .map_or(text.len(), |(i, _)| after + i + 1);
            start..end
        })
        .collect()
}

#[cfg(test)]
mod tests;
