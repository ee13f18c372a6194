//! `language` and `languages`: the language of the site root, and the others published beside
//! it under `/<lang>/`.

use crate::diagnostic::Diagnostic;
use crate::model::toml_source::TomlSource;
use crate::model::urls;
use toml::Spanned;

/// The language of a site that names none.
pub const DEFAULT_LANGUAGE: &str = "en";

/// Reads `language` and `languages` into the site's languages, the default first.
///
/// Without `languages` the site has the one `language` (English when absent), read as it always
/// was. `languages` must be a list of distinct language tags, none of them a folder the site
/// already publishes; `language` beside it must name its first. A problem is reported and the
/// list read as far as it is right.
pub(super) fn read(
    src: &TomlSource<'_>,
    language: Option<&Spanned<String>>,
    languages: Option<&Spanned<toml::Value>>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let single =
        || vec![language.map_or_else(|| DEFAULT_LANGUAGE.to_string(), |l| l.get_ref().clone())];
    let Some(list) = languages else {
        return single();
    };
    let span = list.span();
    let Some(items) = list.get_ref().as_array() else {
        errors.push(
            src.error_span(&span, "`languages` must be a list of language tags")
                .with_hint("write it as languages = [\"en\", \"de\"], the default language first"),
        );
        return single();
    };
    let mut tags: Vec<String> = Vec::new();
    // Where the next item is looked for: a tag written twice is pointed at where it repeats.
    let mut from = span.start;
    for item in items {
        let Some(tag) = item.as_str() else {
            errors.push(
                src.error_span(
                    &span,
                    format!(
                        "`languages` lists {} where a language tag was expected",
                        crate::model::toml_source::type_with_article(item)
                    ),
                )
                .with_hint("write tags as strings: languages = [\"en\", \"de\"]"),
            );
            continue;
        };
        let at = src.find_in(&(from..span.end), &format!("\"{tag}\""));
        from = at + tag.len() + 2;
        if !crate::i18n::is_language_tag(tag) {
            errors.push(
                src.error_at(at, format!("`{tag}` is not a language tag"))
                    .with_hint("write tags as BCP 47 does, with `-`: \"de\", \"pt-BR\", \"zh-CN\""),
            );
        } else if let Some(same) = tags.iter().find(|t| t.eq_ignore_ascii_case(tag)) {
            errors.push(
                src.error_at(at, format!("`{tag}` is listed twice in `languages`"))
                    .with_hint(format!("remove one of them; `{same}` is already listed")),
            );
        } else if urls::is_site_folder(tag) {
            errors.push(
                src.error_at(at, format!("`{tag}` cannot be a language: the site publishes a folder `{tag}/` of its own"))
                    .with_hint("a language other than the default is published under /<tag>/; choose another tag for it"),
            );
        } else {
            tags.push(tag.to_string());
        }
    }
    if items.is_empty() {
        errors.push(
            src.error_span(&span, "`languages` is empty")
                .with_hint("list the site's languages, the default first: languages = [\"en\", \"de\"]; or remove it"),
        );
    }
    if let (Some(language), Some(first)) = (language, items.first().and_then(|v| v.as_str()))
        && language.get_ref() != first
    {
        errors.push(
            src.error_span(
                &language.span(),
                format!(
                    "`language` is `{}`, but `languages` starts with `{first}`",
                    language.get_ref()
                ),
            )
            .with_hint(format!(
                "the first of `languages` is the default language: remove `language`, or make it language = \"{first}\""
            )),
        );
    }
    if tags.is_empty() {
        return single();
    }
    tags
}

#[cfg(test)]
mod tests {
    use crate::model::Config;
    use crate::model::toml_source::TomlSource;
    use std::path::Path;

    fn read(extra: &str) -> (Option<Config>, Vec<crate::diagnostic::Diagnostic>) {
        let text = format!("title = \"Acme\"\nbase_url = \"https://a.test\"\n{extra}");
        let (config, errors) = Config::read(TomlSource::file(Path::new("statuspress.toml"), &text));
        (config, errors)
    }

    fn languages(extra: &str) -> Vec<String> {
        let (config, errors) = read(extra);
        assert!(errors.is_empty(), "{errors:?}");
        config.unwrap().languages
    }

    #[test]
    fn a_site_has_its_language_or_its_list_with_the_default_first() {
        assert_eq!(languages(""), ["en"]);
        assert_eq!(languages("language = \"de\"\n"), ["de"]);
        assert_eq!(
            languages("languages = [\"en\", \"de\", \"pt-BR\"]\n"),
            ["en", "de", "pt-BR"]
        );
        let (config, _) = read("languages = [\"de\", \"en\"]\n");
        assert_eq!(config.unwrap().language, "de");
        assert_eq!(
            languages("language = \"fr\"\nlanguages = [\"fr\", \"en\"]\n"),
            ["fr", "en"]
        );
    }

    #[test]
    fn language_must_be_the_first_of_languages() {
        let (_, errors) = read("language = \"de\"\nlanguages = [\"en\", \"de\"]\n");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(
            errors[0].message,
            "`language` is `de`, but `languages` starts with `en`"
        );
        assert_eq!((errors[0].line, errors[0].column), (3, 12));
        assert!(
            errors[0]
                .hint
                .as_deref()
                .unwrap()
                .contains("remove `language`"),
            "{errors:?}"
        );
    }

    #[test]
    fn duplicate_malformed_reserved_and_empty_lists_are_errors_at_the_tag() {
        let (config, errors) =
            read("languages = [\"en\", \"de\", \"DE\", \"de_AT\", \"api\", 3]\n");
        let messages: Vec<(&str, usize, usize)> = errors
            .iter()
            .map(|e| (e.message.as_str(), e.line, e.column))
            .collect();
        assert_eq!(
            messages,
            [
                ("`DE` is listed twice in `languages`", 3, 26),
                ("`de_AT` is not a language tag", 3, 32),
                (
                    "`api` cannot be a language: the site publishes a folder `api/` of its own",
                    3,
                    41
                ),
                (
                    "`languages` lists an integer where a language tag was expected",
                    3,
                    13
                ),
            ],
            "{errors:?}"
        );
        assert_eq!(config.unwrap().languages, ["en", "de"]);
        let (_, errors) = read("languages = []\n");
        assert_eq!(errors[0].message, "`languages` is empty");
        let (_, errors) = read("languages = \"de\"\n");
        assert_eq!(
            errors[0].message,
            "`languages` must be a list of language tags"
        );
    }
}
