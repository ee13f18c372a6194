//! What a language's locale data gives: the CLDR plural rules (ICU4X's `icu_plurals`), and the
//! month and day names and decimal separator of the glibc locale data (`pure-rust-locales`, which
//! chrono's `format_localized` reads).

use super::text::Category;
use icu_plurals::{PluralCategory, PluralRules};

/// The locale data of one language.
#[derive(Debug)]
pub struct LocaleData {
    plurals: PluralRules,
    /// For chrono's `format_localized`.
    pub dates: chrono::Locale,
    /// The decimal separator, e.g. `,` in German.
    pub decimal: &'static str,
}

impl LocaleData {
    /// The data of `language` (a BCP 47 tag such as `de`, `pt-BR`), or of English for a tag
    /// neither source knows.
    pub fn new(language: &str) -> LocaleData {
        let plurals = icu_locale_core::Locale::try_from_str(language)
            .ok()
            .and_then(|l| PluralRules::try_new_cardinal((&l).into()).ok())
            .unwrap_or_else(|| {
                PluralRules::try_new_cardinal(icu_locale_core::locale!("en").into())
                    .expect("compiled data has English")
            });
        let dates = glibc_locale(language);
        LocaleData {
            plurals,
            decimal: pure_rust_locales::locale_match!(dates => LC_NUMERIC::DECIMAL_POINT),
            dates,
        }
    }

    /// The plural category of `n`.
    pub fn category(&self, n: u64) -> Category {
        match self.plurals.category_for(n) {
            PluralCategory::Zero => Category::Zero,
            PluralCategory::One => Category::One,
            PluralCategory::Two => Category::Two,
            PluralCategory::Few => Category::Few,
            PluralCategory::Many => Category::Many,
            PluralCategory::Other => Category::Other,
        }
    }

    /// The categories the language's integers use: the plural forms a table of it needs.
    pub fn categories(&self) -> Vec<Category> {
        let mut used: Vec<Category> = self
            .plurals
            .categories()
            .map(|c| match c {
                PluralCategory::Zero => Category::Zero,
                PluralCategory::One => Category::One,
                PluralCategory::Two => Category::Two,
                PluralCategory::Few => Category::Few,
                PluralCategory::Many => Category::Many,
                PluralCategory::Other => Category::Other,
            })
            .collect();
        used.sort();
        used
    }
}

/// The glibc locale of a tag: `pt-BR` is `pt_BR`, a bare language its main country (`de` is
/// `de_DE`), and English (`en_US`) for one glibc does not have.
fn glibc_locale(language: &str) -> chrono::Locale {
    let tag = language.replace('-', "_");
    let primary = tag.split('_').next().unwrap_or("").to_ascii_lowercase();
    let region = match primary.as_str() {
        "en" => "US".to_string(),
        "ja" => "JP".to_string(),
        "ko" => "KR".to_string(),
        "zh" => "CN".to_string(),
        "ar" => "SA".to_string(),
        "sv" => "SE".to_string(),
        "da" => "DK".to_string(),
        "cs" => "CZ".to_string(),
        "uk" => "UA".to_string(),
        "el" => "GR".to_string(),
        "he" => "IL".to_string(),
        "hi" => "IN".to_string(),
        "vi" => "VN".to_string(),
        "nb" => "NO".to_string(),
        other => other.to_ascii_uppercase(),
    };
    [tag.clone(), format!("{primary}_{region}"), primary]
        .iter()
        .find_map(|name| chrono::Locale::try_from(name.as_str()).ok())
        .unwrap_or(chrono::Locale::en_US)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_categories_follow_cldr() {
        let de = LocaleData::new("de");
        assert_eq!(de.category(1), Category::One);
        assert_eq!(de.category(2), Category::Other);
        assert_eq!(de.category(0), Category::Other);
        assert_eq!(de.categories(), [Category::One, Category::Other]);
        let pl = LocaleData::new("pl");
        assert_eq!(pl.category(3), Category::Few);
        assert_eq!(pl.category(5), Category::Many);
        assert_eq!(pl.category(22), Category::Few);
        let ja = LocaleData::new("ja");
        assert_eq!(ja.category(1), Category::Other);
        assert_eq!(ja.categories(), [Category::Other]);
        let ar = LocaleData::new("ar");
        assert_eq!(ar.category(0), Category::Zero);
        assert_eq!(ar.category(2), Category::Two);
    }

    #[test]
    fn locales_come_from_the_tag() {
        assert_eq!(glibc_locale("de"), chrono::Locale::de_DE);
        assert_eq!(glibc_locale("de-AT"), chrono::Locale::de_AT);
        assert_eq!(glibc_locale("pt-BR"), chrono::Locale::pt_BR);
        assert_eq!(glibc_locale("en"), chrono::Locale::en_US);
        assert_eq!(glibc_locale("xx"), chrono::Locale::en_US);
        assert_eq!(LocaleData::new("de").decimal, ",");
        assert_eq!(LocaleData::new("en").decimal, ".");
        assert_eq!(LocaleData::new("sv").category(1), Category::One);
        assert_eq!(LocaleData::new("sv").dates, chrono::Locale::sv_SE);
    }

    /// The name of November in `language`'s month names.
    fn november(language: &str) -> String {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        d.format_localized("%B", LocaleData::new(language).dates)
            .to_string()
    }

    /// Japanese, Korean and Chinese: one plural form and a decimal point.
    #[test]
    fn east_asian_languages_have_one_plural_form_and_a_point() {
        for (tag, dates, month) in [
            ("ja", chrono::Locale::ja_JP, "11月"),
            ("ko", chrono::Locale::ko_KR, "11월"),
            ("zh-CN", chrono::Locale::zh_CN, "十一月"),
            ("zh", chrono::Locale::zh_CN, "十一月"),
        ] {
            let data = LocaleData::new(tag);
            assert_eq!(data.dates, dates, "{tag}");
            assert_eq!(data.categories(), [Category::Other], "{tag}");
            for n in [0, 1, 2, 5, 22] {
                assert_eq!(data.category(n), Category::Other, "{tag} {n}");
            }
            assert_eq!(data.decimal, ".", "{tag}");
            assert_eq!(november(tag), month, "{tag}");
        }
    }
}
