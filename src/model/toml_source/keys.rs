//! The keys a TOML table accepts, and the check that reports every other key in one pass.

use crate::diagnostic::{Diagnostic, closest};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::TomlSource;

/// The keys one table accepts, and the keys of the tables nested under some of them.
///
/// A key listed in `nested` holds a table (or an array of tables) checked against its own
/// `Keys`; a key only listed in `allowed` holds anything, and its contents are not checked.
#[derive(Debug, Clone, Copy)]
pub struct Keys<'a> {
    /// Every key this table accepts.
    pub allowed: &'a [&'a str],
    /// Keys whose tables have a fixed set of keys of their own.
    pub nested: &'a [(&'a str, Keys<'a>)],
    /// Keys refused for what they would hold rather than as misspellings: each with the reason
    /// and the hint its error gives (`url` in `[[notify]]` would put a secret in the repository).
    pub refused: &'a [Refused<'a>],
}

/// A key a table refuses with its own message, rather than as an unknown key.
#[derive(Debug, Clone, Copy)]
pub struct Refused<'a> {
    /// The key.
    pub key: &'a str,
    /// Why it is refused, after "`key` in `[table]`".
    pub reason: &'a str,
    /// How to say it instead.
    pub hint: &'a str,
}

impl<'a> Keys<'a> {
    /// A table that accepts `allowed`, with nothing checked below them.
    pub const fn flat(allowed: &'a [&'a str]) -> Self {
        Keys {
            allowed,
            nested: &[],
            refused: &[],
        }
    }

    fn nested(&self, key: &str) -> Option<&Keys<'a>> {
        self.nested.iter().find(|(k, _)| *k == key).map(|(_, n)| n)
    }
}

/// Removes every key of `table` (and of the tables below it) that `keys` does not accept,
/// reporting each with its position and the closest accepted key.
pub(super) fn remove_unknown(
    src: &TomlSource<'_>,
    table: &mut DeTable<'_>,
    keys: &Keys<'_>,
    table_name: Option<&str>,
    errors: &mut Vec<Diagnostic>,
) {
    let mut unknown = Vec::new();
    for (key, value) in table.iter_mut() {
        let name: &str = key.get_ref();
        if let Some(r) = keys.refused.iter().find(|r| r.key == name) {
            let place = table_name.map_or(String::new(), |t| format!(" in {t}"));
            errors.push(
                src.error_span(&key.span(), format!("`{name}`{place} {}", r.reason))
                    .with_hint(r.hint),
            );
            unknown.push(name.to_string());
        } else if !keys.allowed.contains(&name) {
            errors.push(unknown_key(src, key, keys, table_name));
            unknown.push(name.to_string());
        } else if let Some(inner) = keys.nested(name) {
            check_nested(src, value, inner, name, errors);
        }
    }
    for name in unknown {
        table.remove(name.as_str());
    }
}

fn check_nested(
    src: &TomlSource<'_>,
    value: &mut Spanned<DeValue<'_>>,
    keys: &Keys<'_>,
    name: &str,
    errors: &mut Vec<Diagnostic>,
) {
    match value.get_mut() {
        DeValue::Table(t) => remove_unknown(src, t, keys, Some(&format!("[{name}]")), errors),
        DeValue::Array(items) => {
            let label = format!("[[{name}]]");
            for item in items.iter_mut() {
                if let DeValue::Table(t) = item.get_mut() {
                    remove_unknown(src, t, keys, Some(&label), errors);
                }
            }
        }
        _ => {}
    }
}

fn unknown_key(
    src: &TomlSource<'_>,
    key: &Spanned<std::borrow::Cow<'_, str>>,
    keys: &Keys<'_>,
    table_name: Option<&str>,
) -> Diagnostic {
    let name: &str = key.get_ref();
    let allowed = keys.allowed.join(", ");
    let hint = match closest(name, keys.allowed.iter().copied()) {
        Some(k) => format!("did you mean `{k}`? Allowed keys: {allowed}"),
        None => format!("remove it; allowed keys: {allowed}"),
    };
    let message = match table_name {
        Some(table) => format!("unknown key `{name}` in {table}"),
        None => format!("unknown key `{name}`"),
    };
    src.error_span(&key.span(), message).with_hint(hint)
}
