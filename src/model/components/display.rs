//! How a component is shown: `showcase` (its uptime bar) and `only_show_if_degraded` (left out
//! of the component list while operational), as Statuspage's fields of the same names.

use crate::diagnostic::Diagnostic;
use crate::model::toml_source::{TomlSource, type_with_article};
use toml::Spanned;

/// How one component is shown on the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Display {
    /// Whether its uptime bar is shown (`showcase`, default true).
    pub showcase: bool,
    /// Whether it is left out of the component list while operational
    /// (`only_show_if_degraded`, default false).
    pub only_show_if_degraded: bool,
}

impl Default for Display {
    fn default() -> Self {
        Display {
            showcase: true,
            only_show_if_degraded: false,
        }
    }
}

impl Display {
    /// How a group of components with these displays is shown: with a bar when any member
    /// has one, and listed only while degraded when every member is (a group without members
    /// is shown as a component with the defaults).
    pub fn of_group(members: impl IntoIterator<Item = Display>) -> Display {
        let mut members = members.into_iter().peekable();
        if members.peek().is_none() {
            return Display::default();
        }
        members.fold(
            Display {
                showcase: false,
                only_show_if_degraded: true,
            },
            |group, m| Display {
                showcase: group.showcase || m.showcase,
                only_show_if_degraded: group.only_show_if_degraded && m.only_show_if_degraded,
            },
        )
    }
}

/// Reads `showcase` and `only_show_if_degraded` of one component; a value that is not `true` or
/// `false` is reported at its position and the default kept.
pub(super) fn read(
    src: &TomlSource<'_>,
    showcase: Option<&Spanned<toml::Value>>,
    only_show_if_degraded: Option<&Spanned<toml::Value>>,
    errors: &mut Vec<Diagnostic>,
) -> Display {
    let default = Display::default();
    Display {
        showcase: switch(
            src,
            showcase,
            ("showcase", default.showcase),
            "false leaves out its uptime bar",
            errors,
        ),
        only_show_if_degraded: switch(
            src,
            only_show_if_degraded,
            ("only_show_if_degraded", default.only_show_if_degraded),
            "true lists it only while it is not operational",
            errors,
        ),
    }
}

fn switch(
    src: &TomlSource<'_>,
    value: Option<&Spanned<toml::Value>>,
    (key, default): (&str, bool),
    meaning: &str,
    errors: &mut Vec<Diagnostic>,
) -> bool {
    match value.map(|v| (v, v.get_ref())) {
        None => default,
        Some((_, toml::Value::Boolean(b))) => *b,
        Some((v, other)) => {
            errors.push(
                src.error_span(
                    &v.span(),
                    format!("`{key}` must be true or false, found {}", type_with_article(other)),
                )
                .with_hint(format!(
                    "write {key} = {} without quotes ({meaning}), or remove the line for the default, {default}",
                    !default
                )),
            );
            default
        }
    }
}
