//! Translations: every string the site writes for readers, by key, in the site's language.
//!
//! The built-in tables are TOML files of `tables/` embedded in the binary, one per language
//! (`en.toml`, `de.toml`, `ar.toml`, …): sections by page or area (`[index]`, `[status]`,
//! `[duration]`, …), texts with `{placeholders}`, and plural texts as tables of CLDR categories
//! (`one`, `other`, `few`, …). English is the source: every key exists in `en`, and a text missing
//! from another table reads in English. A site lays its own `i18n/<lang>.toml` over the built-in
//! table of that language ([`Custom`], read through `load`).
//!
//! A build renders with one [`Table`], the language's texts and locale data (plural rules, month
//! names, decimal separator) and its writing direction ([`direction()`]). Tables are made once per process and kept (see [`table`]), so views
//! hold `&'static` texts and times stay `Copy`.

mod custom;
mod direction;
mod entries;
mod locale;
mod names;
mod text;

pub use custom::{Custom, read_custom};
pub use direction::{Direction, direction};
pub use names::autonym;
pub use text::{Category, Text, fill};

use locale::LocaleData;
use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock};

/// The language every other table is translated from.
pub const SOURCE: &str = "en";

/// The built-in tables: language tag and TOML text.
const BUILTIN: &[(&str, &str)] = &[
    ("en", include_str!("tables/en.toml")),
    ("de", include_str!("tables/de.toml")),
    ("ar", include_str!("tables/ar.toml")),
    ("es", include_str!("tables/es.toml")),
    ("fr", include_str!("tables/fr.toml")),
    ("it", include_str!("tables/it.toml")),
    ("ja", include_str!("tables/ja.toml")),
    ("ko", include_str!("tables/ko.toml")),
    ("nl", include_str!("tables/nl.toml")),
    ("pl", include_str!("tables/pl.toml")),
    ("pt-BR", include_str!("tables/pt-BR.toml")),
    ("tr", include_str!("tables/tr.toml")),
    ("zh-CN", include_str!("tables/zh-CN.toml")),
];

/// The texts whose forms are named by the language's ordinal categories ("1st", "2nd") rather
/// than by those of counts.
const ORDINAL_TEXTS: [&str; 1] = ["recurrence.ordinal"];

/// Whether the forms of the text `key` are those of ordinals.
pub fn is_ordinal(key: &str) -> bool {
    ORDINAL_TEXTS.contains(&key)
}

/// The languages with a built-in table, English first.
pub fn builtin_languages() -> impl Iterator<Item = &'static str> {
    BUILTIN.iter().map(|(code, _)| *code)
}

/// Whether `tag` is a BCP 47 language tag (`de`, `pt-BR`, `zh-Hans`).
pub fn is_language_tag(tag: &str) -> bool {
    icu_locale_core::LanguageIdentifier::try_from_str(tag).is_ok() && !tag.contains('_')
}

/// The built-in table that serves `language`: its own (`de`), its main language's (`de-AT`
/// reads `de`), for Chinese in simplified characters (`zh`, `zh-Hans`, `zh-SG`) `zh-CN` while
/// traditional Chinese (`zh-TW`, `zh-HK`, `zh-Hant`) has none, or for a bare language the table
/// of one of its regions (`pt` reads `pt-BR`, as CLDR's `pt` is Brazilian Portuguese).
pub fn builtin_for(language: &str) -> Option<&'static str> {
    let primary = language.split(['-', '_']).next().unwrap_or(language);
    let of_primary = |c: &&str| {
        c.split('-')
            .next()
            .is_some_and(|p| p.eq_ignore_ascii_case(primary))
    };
    builtin_languages()
        .find(|c| c.eq_ignore_ascii_case(language))
        .or_else(|| builtin_languages().find(|c| c.eq_ignore_ascii_case(primary)))
        .or_else(|| {
            simplified_chinese(language)
                .then(|| builtin_languages().find(|c| *c == "zh-CN"))
                .flatten()
        })
        .or_else(|| {
            (primary.len() == language.len())
                .then(|| builtin_languages().find(of_primary))
                .flatten()
        })
}

/// Whether `language` is Chinese written in simplified characters: its script is `Hans`, or it
/// names none and is not the Chinese of Taiwan, Hong Kong or Macao.
fn simplified_chinese(language: &str) -> bool {
    let Ok(id) = icu_locale_core::LanguageIdentifier::try_from_str(language) else {
        return false;
    };
    if id.language.as_str() != "zh" {
        return false;
    }
    match id.script {
        Some(script) => script.as_str() == "Hans",
        None => !matches!(
            id.region.as_ref().map(|r| r.as_str()),
            Some("TW" | "HK" | "MO")
        ),
    }
}

/// The texts of a built-in table by key, parsed once.
pub fn builtin_texts(code: &str) -> Option<&'static BTreeMap<String, Text>> {
    static PARSED: OnceLock<Vec<(&'static str, BTreeMap<String, Text>)>> = OnceLock::new();
    let parsed = PARSED.get_or_init(|| {
        BUILTIN
            .iter()
            .map(|(code, source)| {
                let (entries, problems) = entries::read(source);
                assert!(
                    problems.is_empty(),
                    "the built-in table {code}.toml has problems: {problems:?}"
                );
                let texts = entries.into_iter().map(|(k, e)| (k, e.text)).collect();
                (*code, texts)
            })
            .collect()
    });
    parsed.iter().find(|(c, _)| *c == code).map(|(_, t)| t)
}

/// The English table's texts: every key there is.
pub fn english() -> &'static BTreeMap<String, Text> {
    builtin_texts(SOURCE).expect("English is built in")
}

/// The texts and locale data of one language, as a build reads them.
#[derive(Debug)]
pub struct Table {
    language: String,
    texts: BTreeMap<String, Text>,
    locale: LocaleData,
    /// English texts of dates and English locale data: times take their fast path.
    english_dates: bool,
}

impl Table {
    fn new(language: &str, custom: Option<&Custom>) -> Table {
        let mut texts = english().clone();
        if let Some(own) = builtin_for(language).and_then(builtin_texts) {
            texts.extend(own.iter().map(|(k, t)| (k.clone(), t.clone())));
        }
        if let Some(custom) = custom {
            texts.extend(
                (custom.texts.iter())
                    .filter(|(k, _)| english().contains_key(*k))
                    .map(|(k, t)| (k.clone(), t.clone())),
            );
        }
        let locale = LocaleData::new(language);
        let english_dates = locale.dates == chrono::Locale::en_US
            && (texts.iter())
                .filter(|(k, _)| k.starts_with("date."))
                .all(|(k, t)| english().get(k) == Some(t));
        Table {
            language: language.to_string(),
            texts,
            locale,
            english_dates,
        }
    }

    /// The language tag, e.g. `de`.
    pub fn language(&self) -> &str {
        &self.language
    }

    /// The direction the language is written in (see [`direction()`]).
    pub fn direction(&self) -> Direction {
        direction(&self.language)
    }

    /// The text of `key`, if there is such a key.
    pub fn text(&self, key: &str) -> Option<&Text> {
        self.texts.get(key)
    }

    /// The text of `key` (the `other` form of a plural text).
    ///
    /// Keys come from the code and the templates; a key the English table does not have is a
    /// mistake in them, which debug builds (and so the tests) stop at.
    pub fn get(&self, key: &str) -> &str {
        match self.texts.get(key) {
            Some(t) => t.form(Category::Other),
            None => {
                debug_assert!(false, "no text `{key}` in the English table");
                ""
            }
        }
    }

    /// The text `name` of `section` (`status`, `operational`), for names that come from data.
    pub fn of(&self, section: &str, name: &str) -> &str {
        self.get(&format!("{section}.{name}"))
    }

    /// The text of `key` with its placeholders filled.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.get(key), args)
    }

    /// The form of the plural text `key` for `n`, with `{n}` and the other placeholders filled.
    pub fn count(&self, key: &str, n: u64, args: &[(&str, &str)]) -> String {
        let form = self
            .texts
            .get(key)
            .map_or_else(|| self.get(key), |t| t.form(self.locale.category(n)));
        let number = n.to_string();
        let mut all: Vec<(&str, &str)> = Vec::with_capacity(args.len() + 1);
        all.push(("n", &number));
        all.extend_from_slice(args);
        fill(form, &all)
    }

    /// The language's name of a time zone by its abbreviation ("MEZ" for "CET" in German), or the
    /// abbreviation itself where the table has none.
    pub fn zone<'a>(&'a self, abbreviation: &'a str) -> &'a str {
        self.texts
            .get(&format!("zone.{abbreviation}"))
            .map_or(abbreviation, |z| z.form(Category::Other))
    }

    /// The plural category of `n` in this language.
    pub fn category(&self, n: u64) -> Category {
        self.locale.category(n)
    }

    /// The ordinal `n` by the ordinal text `key` ("1st", "22nd"; "1er" in French), whose forms
    /// are named by the language's CLDR ordinal categories.
    pub fn ordinal(&self, key: &str, n: u64) -> String {
        let form = self.texts.get(key).map_or_else(
            || self.get(key),
            |t| t.form(self.locale.ordinal_category(n)),
        );
        fill(form, &[("n", &n.to_string())])
    }

    /// A decimal number written with a `.` (`99.95`) with the language's decimal separator.
    pub fn decimal(&self, number: &str) -> String {
        if self.locale.decimal == "." {
            number.to_string()
        } else {
            number.replace('.', self.locale.decimal)
        }
    }

    /// The locale chrono writes month and day names in.
    pub fn dates(&self) -> chrono::Locale {
        self.locale.dates
    }

    /// `at` through the chrono format `pattern` with the language's month and day names, and
    /// `%OB` as the month's name standing alone (see [`locale::with_standalone_month`]). A
    /// pattern chrono cannot read (which `check` reports in a site's table) is written out as
    /// it is.
    pub fn write_date<Z: chrono::TimeZone>(&self, at: &chrono::DateTime<Z>, pattern: &str) -> String
    where
        Z::Offset: std::fmt::Display,
    {
        use chrono::Datelike;
        use chrono::format::{Item, StrftimeItems};
        use std::fmt::Write;
        let month = self.locale.standalone_months[at.month0() as usize];
        let pattern = locale::with_standalone_month(pattern, month);
        if StrftimeItems::new(&pattern).any(|i| i == Item::Error) {
            return pattern.into_owned();
        }
        let mut out = String::new();
        if write!(out, "{}", at.format_localized(&pattern, self.locale.dates)).is_err() {
            return pattern.into_owned();
        }
        out
    }

    /// Whether dates read as in the English table with English month names: times then take
    /// their fast path, written out by hand.
    pub fn english_dates(&self) -> bool {
        self.english_dates
    }
}

/// The English table without site texts.
pub fn english_table() -> &'static Table {
    table(SOURCE, None)
}

/// The table of `language` with a site's `custom` texts laid over the built-in ones.
///
/// Each distinct table is made once per process and kept: a build and `serve`'s rebuilds ask for
/// the same few, and a new one is made only when a site's `i18n/` file changes.
pub fn table(language: &str, custom: Option<&Custom>) -> &'static Table {
    type Made = Vec<((String, Option<Custom>), &'static Table)>;
    static MADE: Mutex<Made> = Mutex::new(Vec::new());
    let mut made = MADE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((_, t)) = made
        .iter()
        .find(|((l, c), _)| l == language && c.as_ref() == custom)
    {
        return t;
    }
    let t: &'static Table = Box::leak(Box::new(Table::new(language, custom)));
    made.push(((language.to_string(), custom.cloned()), t));
    t
}

#[cfg(test)]
mod tests;
