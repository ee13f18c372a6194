//! Languages by name: each built-in language in its own words (its autonym), as a language
//! switcher names it, and the name of a language in a table's language, as a note about text
//! left in that language says it.

use super::Table;

/// Each built-in language, and those other branches of the project translate into, named in
/// itself. A tag not listed is named by its main language's entry, or else by the tag.
const AUTONYMS: &[(&str, &str)] = &[
    ("en", "English"),
    ("de", "Deutsch"),
    ("fr", "Français"),
    ("es", "Español"),
    ("pt-BR", "Português (Brasil)"),
    ("pt", "Português"),
    ("it", "Italiano"),
    ("nl", "Nederlands"),
    ("pl", "Polski"),
    ("ja", "日本語"),
    ("ko", "한국어"),
    ("zh-CN", "中文（简体）"),
    ("zh", "中文"),
    ("tr", "Türkçe"),
    ("ar", "العربية"),
];

/// The main language of a tag: `pt` of `pt-BR`.
fn primary(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or(tag)
}

/// The entry of `list` for `tag`: its own, or its main language's.
fn lookup<'a>(
    list: impl Iterator<Item = (&'a str, &'a str)> + Clone,
    tag: &str,
) -> Option<&'a str> {
    let find = |wanted: &str| {
        list.clone()
            .find(|(t, _)| t.eq_ignore_ascii_case(wanted))
            .map(|(_, name)| name)
    };
    find(tag).or_else(|| find(primary(tag)))
}

/// The name of the language `tag` in itself: "Deutsch" for `de`, the tag itself for a language
/// the list does not know.
pub fn autonym(tag: &str) -> &str {
    lookup(AUTONYMS.iter().copied(), tag).unwrap_or(tag)
}

impl Table {
    /// The name of the language `tag` in this table's language, from its `[language]` texts
    /// ("Englisch" in German), or the language's own name where the table has none.
    pub fn language_name<'a>(&'a self, tag: &'a str) -> &'a str {
        let key = |t: &str| format!("language.{t}");
        self.text(&key(tag))
            .or_else(|| self.text(&key(primary(tag))))
            .map_or_else(|| autonym(tag), |t| t.form(super::Category::Other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_named_in_themselves_and_in_the_reader_s_language() {
        assert_eq!(autonym("de"), "Deutsch");
        assert_eq!(autonym("pt-BR"), "Português (Brasil)");
        assert_eq!(autonym("pt-PT"), "Português");
        assert_eq!(autonym("zh-CN"), "中文（简体）");
        assert_eq!(autonym("de-AT"), "Deutsch");
        assert_eq!(autonym("sv"), "sv");
        let de = crate::i18n::table("de", None);
        assert_eq!(de.language_name("en"), "Englisch");
        assert_eq!(de.language_name("de-CH"), "Deutsch");
        assert_eq!(de.language_name("sv"), "sv");
        let en = crate::i18n::english_table();
        assert_eq!(en.language_name("de"), "German");
        assert_eq!(en.language_name("pt-BR"), "Brazilian Portuguese");
    }

    #[test]
    fn every_built_in_language_has_an_autonym_and_a_name_in_every_table() {
        for tag in crate::i18n::builtin_languages() {
            assert_ne!(autonym(tag), tag, "{tag} has no autonym");
            for reader in crate::i18n::builtin_languages() {
                let t = crate::i18n::table(reader, None);
                assert!(
                    t.text(&format!("language.{tag}")).is_some(),
                    "the {reader} table does not name {tag}"
                );
            }
        }
    }
}
