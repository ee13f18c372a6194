//! A text that may be translated where it is written: a string in the default language, or a
//! table of strings by language (`title.en = "…"` beside `title.de = "…"`; TOML does not allow
//! `title = "…"` beside `title.de`).

use crate::diagnostic::Diagnostic;
use crate::model::toml_source::{TomlSource, type_with_article};
use std::collections::BTreeMap;
use std::ops::Range;
use toml::{Spanned, Value};

/// Reads `field`, whose value is `value`, for a site of `languages` (the default first): a
/// string, or a table by language that has the default language's text and only the site's
/// languages. Gives the default language's text (`None` where it has none, which is reported)
/// and the others' by tag. Every problem goes to `diags`, at the line of the dotted key
/// (`title.fr = …`) it is about when that is written inside `within`.
pub fn read_text(
    src: &TomlSource<'_>,
    (field, within): (&str, Range<usize>),
    value: &Spanned<Value>,
    languages: &[String],
    diags: &mut Vec<Diagnostic>,
) -> (Option<String>, BTreeMap<String, String>) {
    let span = value.span();
    // A dotted key's table has no text of its own to point at: its first key is the place.
    let dotted = |tag: &str| {
        let end = within.end.min(src.text.len());
        let key = format!("{field}.{tag}");
        src.text.get(within.start..end).and_then(|text| {
            text.match_indices(&key)
                .find(|(i, _)| {
                    let before = text[..*i].chars().next_back();
                    let after = text[i + key.len()..].trim_start();
                    before.is_none_or(|c| c.is_whitespace()) && after.starts_with('=')
                })
                .map(|(i, _)| within.start + i)
        })
    };
    let mut others = BTreeMap::new();
    let table = match value.get_ref() {
        Value::String(s) => return (Some(s.clone()), others),
        Value::Table(table) => table,
        other => {
            diags.push(
                src.error_span(
                    &span,
                    format!(
                        "`{field}` must be a string, not {}",
                        type_with_article(other)
                    ),
                )
                .with_hint(format!("write it in quotes: {field} = \"…\"")),
            );
            return (None, others);
        }
    };
    let Some(default) = languages.first().filter(|_| languages.len() > 1) else {
        diags.push(
            src.error_span(
                &span,
                format!("`{field}` is given by language, but the site has one language"),
            )
            .with_hint(format!(
                "write {field} = \"…\", or list the site's languages in statuspress.toml: languages = [\"en\", \"de\"]"
            )),
        );
        return (None, others);
    };
    let mut own = None;
    for (tag, text) in table {
        let at = dotted(tag).unwrap_or_else(|| src.find_key(&span, tag));
        let Some(text) = text.as_str() else {
            diags.push(
                src.error_at(
                    at,
                    format!(
                        "`{field}.{tag}` must be a string, not {}",
                        type_with_article(text)
                    ),
                )
                .with_hint(format!("write it in quotes: {field}.{tag} = \"…\"")),
            );
            continue;
        };
        if tag == default {
            own = Some(text.to_string());
        } else if languages.contains(tag) {
            others.insert(tag.clone(), text.to_string());
        } else {
            diags.push(
                src.error_at(
                    at,
                    format!(
                        "`{field}.{tag}`: `{tag}` is not one of the site's languages ({})",
                        languages.join(", ")
                    ),
                )
                .with_hint("add it to `languages` in statuspress.toml, or remove this line"),
            );
        }
    }
    if own.is_none() {
        let first = table.keys().next().and_then(|tag| dotted(tag));
        diags.push(
            src.error_span(
                &first.map_or(span, |at| at..at),
                format!("`{field}` has no text in the default language, `{field}.{default}`"),
            )
            .with_hint(format!(
                "add {field}.{default} = \"…\": the default language's text is the one the others translate"
            )),
        );
    }
    (own, others)
}

/// Reads the required text `field` of a post's front matter like [`read_text`]: a missing or
/// empty one is reported (with `example`) and read as empty.
pub(crate) fn required(
    src: &TomlSource<'_>,
    field: &str,
    value: Option<&Spanned<Value>>,
    example: &str,
    languages: &[String],
    diags: &mut Vec<Diagnostic>,
) -> (String, BTreeMap<String, String>) {
    let Some(value) = value else {
        diags.push(
            src.error_at(0, format!("missing `{field}` in the front matter"))
                .with_hint(format!("add a line such as {field} = {example}")),
        );
        return (String::new(), BTreeMap::new());
    };
    let whole = 0..src.text.len();
    let (own, others) = read_text(src, (field, whole), value, languages, diags);
    match own {
        Some(text) if !text.trim().is_empty() => (text.trim().to_string(), others),
        Some(_) => {
            diags.push(
                src.error_span(&value.span(), format!("`{field}` is empty"))
                    .with_hint(format!("write it as {field} = {example}")),
            );
            (String::new(), others)
        }
        None => (String::new(), others),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn read(
        toml: &str,
        languages: &[&str],
    ) -> (Option<String>, Vec<(String, String)>, Vec<String>) {
        #[derive(serde::Deserialize)]
        struct Doc {
            title: Spanned<Value>,
        }
        let src = TomlSource::file(Path::new("x.md"), toml);
        let doc: Doc = toml::from_str(toml).unwrap();
        let languages: Vec<String> = languages.iter().map(|s| s.to_string()).collect();
        let mut diags = Vec::new();
        let whole = 0..toml.len();
        let (own, others) = read_text(&src, ("title", whole), &doc.title, &languages, &mut diags);
        let messages = diags
            .iter()
            .map(|d| format!("{}:{}: {}", d.line, d.column, d.message))
            .collect();
        (own, others.into_iter().collect(), messages)
    }

    #[test]
    fn a_string_or_a_table_by_language() {
        assert_eq!(
            read("title = \"Errors\"\n", &["en"]),
            (Some("Errors".into()), vec![], vec![])
        );
        assert_eq!(
            read(
                "title.en = \"Errors\"\ntitle.de = \"Fehler\"\n",
                &["en", "de"]
            ),
            (
                Some("Errors".into()),
                vec![("de".into(), "Fehler".into())],
                vec![]
            )
        );
        assert_eq!(
            read(
                "title = { de = \"Fehler\", en = \"Errors\" }\n",
                &["en", "de"]
            )
            .1,
            [("de".to_string(), "Fehler".to_string())]
        );
    }

    #[test]
    fn a_table_needs_the_default_language_and_only_the_site_s_languages() {
        let (own, _, messages) = read(
            "title.de = \"Fehler\"\ntitle.fr = \"Erreurs\"\n",
            &["en", "de"],
        );
        assert_eq!(own, None);
        assert_eq!(
            messages,
            [
                "2:1: `title.fr`: `fr` is not one of the site's languages (en, de)",
                "1:1: `title` has no text in the default language, `title.en`"
            ]
        );
        let (_, _, messages) = read("title.en = \"Errors\"\n", &["en"]);
        assert_eq!(
            messages,
            ["1:1: `title` is given by language, but the site has one language"]
        );
        let (_, _, messages) = read("title = 3\n", &["en"]);
        assert_eq!(messages, ["1:9: `title` must be a string, not an integer"]);
    }
}
