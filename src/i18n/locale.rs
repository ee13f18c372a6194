//! What a language's locale data gives: the CLDR plural rules of counts and of ordinals (ICU4X's
//! `icu_plurals`), and the month and day names and decimal separator of the glibc locale data
//! (`pure-rust-locales`, which chrono's `format_localized` reads).

use super::text::Category;
use icu_plurals::{PluralCategory, PluralRules, PluralRulesPreferences};
use icu_provider::DataError;
use std::borrow::Cow;

/// The locale data of one language.
#[derive(Debug)]
pub struct LocaleData {
    plurals: PluralRules,
    /// The rules of ordinals: "1st", "2nd" in English, "1er" in French.
    ordinals: PluralRules,
    /// For chrono's `format_localized`.
    pub dates: chrono::Locale,
    /// The decimal separator, e.g. `,` in German.
    pub decimal: &'static str,
    /// The names of the months standing alone, as a heading writes them ("listopad 2026" in
    /// Polish), where they differ from the names in a date, which chrono writes for `%B`
    /// ("20 listopada 2026"): glibc's `alt_mon`, or its `mon` where it has no other.
    pub standalone_months: &'static [&'static str],
}

impl LocaleData {
    /// The data of `language` (a BCP 47 tag such as `de`, `pt-BR`), or of English for a tag
    /// neither source knows.
    pub fn new(language: &str) -> LocaleData {
        let locale = icu_locale_core::Locale::try_from_str(language).ok();
        let rules = |new: fn(PluralRulesPreferences) -> Result<PluralRules, DataError>| {
            locale
                .as_ref()
                .and_then(|l| new(l.into()).ok())
                .unwrap_or_else(|| {
                    new(icu_locale_core::locale!("en").into()).expect("compiled data has English")
                })
        };
        let dates = glibc_locale(language);
        LocaleData {
            plurals: rules(PluralRules::try_new_cardinal),
            ordinals: rules(PluralRules::try_new_ordinal),
            decimal: pure_rust_locales::locale_match!(dates => LC_NUMERIC::DECIMAL_POINT),
            standalone_months: pure_rust_locales::locale_match!(dates => LC_TIME::ALT_MON)
                .unwrap_or(pure_rust_locales::locale_match!(dates => LC_TIME::MON)),
            dates,
        }
    }

    /// The plural category of `n`.
    pub fn category(&self, n: u64) -> Category {
        category(self.plurals.category_for(n))
    }

    /// The categories the language's integers use: the plural forms a table of it needs.
    pub fn categories(&self) -> Vec<Category> {
        sorted(self.plurals.categories())
    }

    /// The ordinal category of `n`: `one` for 1 in French ("1er"), `two` for 22 in English
    /// ("22nd").
    pub fn ordinal_category(&self, n: u64) -> Category {
        category(self.ordinals.category_for(n))
    }

    /// The categories of the language's ordinals: the forms of an ordinal text.
    pub fn ordinal_categories(&self) -> Vec<Category> {
        sorted(self.ordinals.categories())
    }
}

/// `pattern` (a chrono format string) with each `%OB` written as `name`, a month's name standing
/// alone. glibc's `strftime` has this field; chrono does not, so it is filled in before chrono
/// reads the rest. `%%OB` is a literal `%OB` and stays.
pub fn with_standalone_month<'a>(pattern: &'a str, name: &str) -> Cow<'a, str> {
    if !pattern.contains("%OB") {
        return Cow::Borrowed(pattern);
    }
    let mut out = String::with_capacity(pattern.len() + name.len());
    let mut rest = pattern;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        let field = &rest[at..];
        if let Some(after) = field.strip_prefix("%OB") {
            out.push_str(&name.replace('%', "%%"));
            rest = after;
        } else {
            // Any other field, `%%` included, is copied with the character after its `%`.
            let len = field[1..].chars().next().map_or(1, |c| 1 + c.len_utf8());
            out.push_str(&field[..len]);
            rest = &field[len..];
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn category(c: PluralCategory) -> Category {
    match c {
        PluralCategory::Zero => Category::Zero,
        PluralCategory::One => Category::One,
        PluralCategory::Two => Category::Two,
        PluralCategory::Few => Category::Few,
        PluralCategory::Many => Category::Many,
        PluralCategory::Other => Category::Other,
    }
}

fn sorted(categories: impl Iterator<Item = PluralCategory>) -> Vec<Category> {
    let mut used: Vec<Category> = categories.map(category).collect();
    used.sort();
    used
}

/// The glibc locale of a tag: `pt-BR` is `pt_BR`, a bare language its main country (`de` is
/// `de_DE`, `pt` is `pt_BR` as in CLDR), and English (`en_US`) for one glibc does not have.
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
        "pt" => "BR".to_string(),
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
    fn ordinal_categories_follow_cldr() {
        let en = LocaleData::new("en");
        let forms: Vec<Category> = [1, 2, 3, 4, 11, 12, 21, 22, 23]
            .into_iter()
            .map(|n| en.ordinal_category(n))
            .collect();
        use Category::{Few, One, Other, Two};
        assert_eq!(forms, [One, Two, Few, Other, Other, Other, One, Two, Few]);
        assert_eq!(en.ordinal_categories(), [One, Two, Few, Other]);
        let fr = LocaleData::new("fr");
        assert_eq!(fr.ordinal_category(1), One);
        assert_eq!(fr.ordinal_category(21), Other);
        assert_eq!(fr.ordinal_categories(), [One, Other]);
        assert_eq!(LocaleData::new("de").ordinal_categories(), [Other]);
    }

    #[test]
    fn french_counts_zero_and_one_alike_and_millions_apart() {
        use Category::{Many, One, Other};
        let fr = LocaleData::new("fr");
        let forms: Vec<Category> = [0, 1, 2, 5, 22, 1_000_000]
            .into_iter()
            .map(|n| fr.category(n))
            .collect();
        assert_eq!(forms, [One, One, Other, Other, Other, Many]);
        assert_eq!(fr.categories(), [One, Many, Other]);
        assert_eq!(fr.dates, chrono::Locale::fr_FR);
        assert_eq!(fr.decimal, ",");
    }

    #[test]
    fn spanish_counts_one_alone_and_millions_apart() {
        use Category::{Many, One, Other};
        let es = LocaleData::new("es");
        let forms: Vec<Category> = [0, 1, 2, 5, 22, 1_000_000]
            .into_iter()
            .map(|n| es.category(n))
            .collect();
        assert_eq!(forms, [Other, One, Other, Other, Other, Many]);
        assert_eq!(es.categories(), [One, Many, Other]);
        assert_eq!(es.dates, chrono::Locale::es_ES);
        assert_eq!(es.decimal, ",");
    }

    #[test]
    fn italian_counts_one_alone_and_millions_apart() {
        use Category::{Many, One, Other};
        let it = LocaleData::new("it");
        let forms: Vec<Category> = [0, 1, 2, 5, 22, 1_000_000]
            .into_iter()
            .map(|n| it.category(n))
            .collect();
        assert_eq!(forms, [Other, One, Other, Other, Other, Many]);
        assert_eq!(it.categories(), [One, Many, Other]);
        assert_eq!(it.dates, chrono::Locale::it_IT);
        assert_eq!(it.decimal, ",");
    }

    #[test]
    fn brazilian_portuguese_counts_zero_as_one_and_millions_apart() {
        use Category::{Many, One, Other};
        let pt = LocaleData::new("pt-BR");
        let forms: Vec<Category> = [0, 1, 2, 5, 22, 1_000_000]
            .into_iter()
            .map(|n| pt.category(n))
            .collect();
        assert_eq!(forms, [One, One, Other, Other, Other, Many]);
        assert_eq!(pt.categories(), [One, Many, Other]);
        assert_eq!(pt.dates, chrono::Locale::pt_BR);
        assert_eq!(pt.decimal, ",");
        assert_eq!(LocaleData::new("pt").dates, chrono::Locale::pt_BR);
        assert_eq!(LocaleData::new("pt-PT").dates, chrono::Locale::pt_PT);
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

    #[test]
    fn dutch_locale_data() {
        let nl = LocaleData::new("nl");
        assert_eq!(nl.dates, chrono::Locale::nl_NL);
        assert_eq!(glibc_locale("nl-BE"), chrono::Locale::nl_BE);
        assert_eq!(nl.decimal, ",");
        assert_eq!(nl.categories(), [Category::One, Category::Other]);
        assert_eq!(nl.category(1), Category::One);
        assert_eq!(nl.category(2), Category::Other);
        assert_eq!(nl.category(5), Category::Other);
        assert_eq!(nl.category(22), Category::Other);
        assert_eq!(month_name(nl.dates), "november");
    }

    #[test]
    fn polish_locale_data() {
        let pl = LocaleData::new("pl");
        assert_eq!(pl.dates, chrono::Locale::pl_PL);
        assert_eq!(pl.decimal, ",");
        assert_eq!(
            pl.categories(),
            [
                Category::One,
                Category::Few,
                Category::Many,
                Category::Other
            ]
        );
        assert_eq!(pl.category(1), Category::One);
        assert_eq!(pl.category(2), Category::Few);
        assert_eq!(pl.category(5), Category::Many);
        assert_eq!(pl.category(12), Category::Many);
        assert_eq!(pl.category(22), Category::Few);
        assert_eq!(pl.category(25), Category::Many);
        // A date's month is the genitive; one standing alone the nominative.
        assert_eq!(month_name(pl.dates), "listopada");
        assert_eq!(pl.standalone_months[10], "listopad");
    }

    #[test]
    fn turkish_locale_data() {
        let tr = LocaleData::new("tr");
        assert_eq!(tr.dates, chrono::Locale::tr_TR);
        assert_eq!(tr.decimal, ",");
        assert_eq!(tr.categories(), [Category::One, Category::Other]);
        assert_eq!(tr.category(1), Category::One);
        assert_eq!(tr.category(2), Category::Other);
        assert_eq!(tr.category(5), Category::Other);
        assert_eq!(tr.category(22), Category::Other);
        assert_eq!(month_name(tr.dates), "Kasım");
    }

    #[test]
    fn a_standalone_month_fills_percent_ob_only() {
        assert_eq!(with_standalone_month("%OB %Y", "listopad"), "listopad %Y");
        assert_eq!(with_standalone_month("%-d %B %Y", "x"), "%-d %B %Y");
        assert_eq!(with_standalone_month("%%OB, %OB", "maj"), "%%OB, maj");
        assert_eq!(with_standalone_month("%-d. %OB", "50%"), "%-d. 50%%");
        assert_eq!(with_standalone_month("ü%OB%", "mars"), "ümars%");
        let pl = LocaleData::new("pl");
        assert_eq!(pl.standalone_months[10], "listopad");
        // Without glibc's other names, the month stands alone as a date writes it.
        assert_eq!(LocaleData::new("de").standalone_months[2], "März");
    }

    /// The full name of November in `locale`, as chrono writes `%B`.
    fn month_name(locale: chrono::Locale) -> String {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        day.format_localized("%B", locale).to_string()
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
