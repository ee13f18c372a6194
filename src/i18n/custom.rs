//! A site's own texts: `i18n/<lang>.toml`, laid over the built-in table of that language.

use super::entries::{self, Entry};
use super::locale::LocaleData;
use super::text::{Category, Text};
use super::{builtin_for, english, is_ordinal};
use crate::diagnostic::{Diagnostic, closest};
use crate::model::toml_source::TomlSource;
use std::collections::BTreeMap;

/// The texts of a site's `i18n/<lang>.toml`, by key: only keys the English table has.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Custom {
    pub texts: BTreeMap<String, Text>,
}

/// How many missing keys a warning lists by name.
const LISTED: usize = 12;

/// Reads the site's texts for `language` from `source`, with a diagnostic for each key the
/// English table does not have (with the closest one), each placeholder its English text does
/// not have, and each text that is not a string. Warns about plural forms the language does not
/// use, and, for a language without a built-in table, about the keys the file leaves to English.
pub fn read_custom(source: TomlSource<'_>, language: &str) -> (Custom, Vec<Diagnostic>) {
    let (entries, problems) = entries::read(source.text);
    let mut diags: Vec<Diagnostic> = problems
        .into_iter()
        .map(|p| source.error_at(p.offset, p.message).with_hint(p.hint))
        .collect();
    let locale = LocaleData::new(language);
    let english = english();
    let mut texts = BTreeMap::new();
    for (key, Entry { text, span }) in entries {
        let Some(source_text) = english.get(&key) else {
            let hint = match closest(&key, english.keys().map(String::as_str)) {
                Some(k) => format!("did you mean `{k}`?"),
                None => format!(
                    "remove it; the keys are those of the English table ({} keys, in sections such as [index] and [status])",
                    english.len()
                ),
            };
            diags.push(
                source
                    .error_span(&span, format!("unknown text `{key}`"))
                    .with_hint(hint),
            );
            continue;
        };
        let known = source_text.placeholders();
        let mut fine = true;
        for name in text.placeholders() {
            if !known.contains(&name) {
                fine = false;
                let hint = if known.is_empty() {
                    "remove it; the English text has no placeholders".to_string()
                } else {
                    format!(
                        "remove it; the English text has {}",
                        known
                            .iter()
                            .map(|n| format!("{{{n}}}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                };
                diags.push(
                    source
                        .error_span(
                            &span,
                            format!("`{key}` has the placeholder {{{name}}}, which its English text does not"),
                        )
                        .with_hint(hint),
                );
            }
        }
        if key.starts_with("date.") && key != "date.display" && !is_date_format(&text) {
            fine = false;
            diags.push(
                source
                    .error_span(&span, format!("`{key}` is not a date format chrono can read"))
                    .with_hint("write it with chrono's fields, as `%-d. %B %Y`; see https://docs.rs/chrono/latest/chrono/format/strftime/"),
            );
        }
        match (&text, source_text) {
            (Text::Plural(_), Text::Plain(_)) => {
                fine = false;
                diags.push(
                    source
                        .error_span(&span, format!("`{key}` is not a plural text"))
                        .with_hint("write one string in quotes"),
                );
            }
            (Text::Plural(forms), Text::Plural(_)) => {
                let used = if is_ordinal(&key) {
                    locale.ordinal_categories()
                } else {
                    locale.categories()
                };
                for c in forms.keys().filter(|c| !used.contains(c)) {
                    diags.push(
                        source
                            .warning_span(
                                &span,
                                format!(
                                    "`{key}` has the plural form `{}`, which `{language}` does not use",
                                    c.as_str()
                                ),
                            )
                            .with_hint(format!("`{language}` uses {}", names(&used))),
                    );
                }
                let missing: Vec<Category> = used
                    .into_iter()
                    .filter(|c| !forms.contains_key(c))
                    .collect();
                if !missing.is_empty() {
                    diags.push(
                        source
                            .warning_span(
                                &span,
                                format!(
                                    "`{key}` has no plural form {}: those numbers read with `other`",
                                    names(&missing)
                                ),
                            )
                            .with_hint("add the forms CLDR gives the language"),
                    );
                }
            }
            _ => {}
        }
        if fine {
            texts.insert(key, text);
        }
    }
    if builtin_for(language).is_none() && !diags.iter().any(Diagnostic::is_error) {
        let missing: Vec<&str> = english
            .keys()
            .filter(|k| !texts.contains_key(*k))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            let mut list = missing[..missing.len().min(LISTED)].join(", ");
            if missing.len() > LISTED {
                list.push_str(&format!(" and {} more", missing.len() - LISTED));
            }
            diags.push(
                Diagnostic::warning(
                    source.path,
                    (1, 1),
                    format!(
                        "{} of {} texts are missing for `{language}`, which has no built-in table; they read in English: {list}",
                        missing.len(),
                        english.len()
                    ),
                )
                .with_hint("add them to this file; the English table lists every key"),
            );
        }
    }
    crate::diagnostic::sort(&mut diags);
    (Custom { texts }, diags)
}

/// Whether chrono reads every string of `text`, with glibc's `%OB` (the month standing alone),
/// which [`super::Table::write_date`] fills in first.
fn is_date_format(text: &Text) -> bool {
    use chrono::format::{Item, StrftimeItems};
    text.strings().iter().all(|s| {
        let s = super::locale::with_standalone_month(s, "month");
        !StrftimeItems::new(&s).any(|i| i == Item::Error)
    })
}

fn names(categories: &[Category]) -> String {
    categories
        .iter()
        .map(|c| format!("`{}`", c.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}
