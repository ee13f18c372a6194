use super::*;
use crate::diagnostic::{Severity, located};
use crate::model::toml_source::TomlSource;
use std::path::Path;

fn custom(language: &str, text: &str) -> (Custom, Vec<crate::diagnostic::Diagnostic>) {
    let path = format!("i18n/{language}.toml");
    read_custom(TomlSource::file(Path::new(&path), text), language)
}

#[test]
fn every_builtin_table_has_every_key_with_its_placeholders() {
    let en = english();
    for code in builtin_languages() {
        let texts = builtin_texts(code).unwrap();
        let missing: Vec<&String> = en.keys().filter(|k| !texts.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{code} misses {missing:?}");
        let unknown: Vec<&String> = texts.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(unknown.is_empty(), "{code} has unknown keys {unknown:?}");
        for (key, text) in texts {
            let known = en[key].placeholders();
            for name in text.placeholders() {
                assert!(
                    known.contains(&name),
                    "{code}: `{key}` has {{{name}}}, which English does not"
                );
            }
            if let Text::Plural(forms) = text {
                assert!(forms.contains_key(&Category::Other), "{code}: `{key}`");
            }
        }
    }
}

/// A count has a form for each CLDR category of the counts pages show (days, minutes, checks,
/// incidents: 0 to 1000), and none its language's integers never use: a missing form reads as
/// `other`, which is wrong in a language that has it, and a foreign one is never read. An
/// ordinal has forms of the language's ordinal categories only, and may leave out those it
/// writes as `other` (Spanish and Italian write a day of the month as a plain number).
#[test]
fn every_builtin_table_gives_the_plural_forms_of_its_language() {
    for code in builtin_languages() {
        let locale = LocaleData::new(code);
        let mut shown: Vec<Category> = (0..=1000).map(|n| locale.category(n)).collect();
        shown.sort();
        shown.dedup();
        let used = locale.categories();
        for (key, text) in builtin_texts(code).unwrap() {
            if let Text::Plural(forms) = text {
                let given: Vec<Category> = forms.keys().copied().collect();
                if is_ordinal(key) {
                    let used = locale.ordinal_categories();
                    assert!(
                        given.iter().all(|c| used.contains(c)) && given.contains(&Category::Other),
                        "{code}: the forms of `{key}` are {given:?}, of {used:?}"
                    );
                } else {
                    let missing: Vec<&Category> =
                        shown.iter().filter(|c| !given.contains(c)).collect();
                    assert!(missing.is_empty(), "{code}: `{key}` lacks {missing:?}");
                    let foreign: Vec<&Category> =
                        given.iter().filter(|c| !used.contains(c)).collect();
                    assert!(foreign.is_empty(), "{code}: `{key}` has {foreign:?}");
                }
            }
        }
    }
}

#[test]
fn ordinals_take_the_forms_of_the_ordinal_rules() {
    let en = english_table();
    let days: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31]
        .into_iter()
        .map(|n| en.ordinal("recurrence.ordinal", n))
        .collect();
    assert_eq!(
        days,
        [
            "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "31st"
        ]
    );
    // English writes `two` and `few`, which its counts do not use: no warning for them.
    let (_, problems) = custom(
        "en",
        "[recurrence.ordinal]\none = \"{n}st\"\ntwo = \"{n}nd\"\nfew = \"{n}rd\"\nother = \"{n}th\"\n",
    );
    assert!(problems.is_empty(), "{problems:?}");
    let (_, problems) = custom(
        "de",
        "[recurrence.ordinal]\none = \"{n}.\"\nother = \"{n}.\"\n",
    );
    assert_eq!(
        located(&problems),
        ["1:13 `recurrence.ordinal` has the plural form `one`, which `de` does not use"]
    );
}

#[test]
fn english_default_texts_are_the_ones_authoring_writes() {
    use crate::model::{IncidentStatus, MaintenanceStatus};
    let t = english_table();
    for s in IncidentStatus::ALL {
        assert_eq!(t.of("default_update", s.as_str()), s.default_text());
    }
    for s in MaintenanceStatus::ALL {
        assert_eq!(t.of("default_update", s.as_str()), s.default_text());
    }
}

#[test]
fn plural_forms_follow_the_language() {
    let de = table("de", None);
    assert_eq!(de.category(1), Category::One);
    assert_eq!(de.category(2), Category::Other);
    assert_eq!(de.count("uptime.days_ago", 1, &[]), "vor 1 Tag");
    assert_eq!(de.count("uptime.days_ago", 2, &[]), "vor 2 Tagen");
    let ja = table("ja", None);
    assert_eq!(ja.count("uptime.days_ago", 1, &[]), "1日前");
    assert_eq!(ja.count("uptime.days_ago", 22, &[]), "22日前");
    let ko = table("ko", None);
    assert_eq!(ko.count("uptime.days_ago", 1, &[]), "1일 전");
    assert_eq!(ko.count("maintenance.more", 5, &[]), "5건 더 예정");
    let zh = table("zh-CN", None);
    assert_eq!(zh.count("uptime.days_ago", 1, &[]), "1天前");
    assert_eq!(zh.count("recurrence.count", 2, &[]), "共2次");
    let en = english_table();
    assert_eq!(en.count("maintenance.more", 1, &[]), "1 more to come");
    assert_eq!(
        en.count("component.more_incidents", 3, &[]),
        "and 3 more incidents"
    );
}

#[test]
fn dutch_plural_forms_and_numbers() {
    let nl = table("nl", None);
    assert_eq!(nl.count("uptime.days_ago", 1, &[]), "1 dag geleden");
    assert_eq!(nl.count("uptime.days_ago", 2, &[]), "2 dagen geleden");
    assert_eq!(nl.count("uptime.days_ago", 22, &[]), "22 dagen geleden");
    assert_eq!(nl.decimal("99.95"), "99,95");
    assert_eq!(
        nl.fill("number.percent", &[("value", &nl.decimal("99.95"))]),
        "99,95%"
    );
    assert_eq!(builtin_for("nl-BE"), Some("nl"));
}

#[test]
fn polish_plural_forms_and_numbers() {
    let pl = table("pl", None);
    let ago = |n| pl.count("uptime.days_ago", n, &[]);
    assert_eq!(ago(1), "1 dzień temu");
    assert_eq!(ago(2), "2 dni temu");
    assert_eq!(ago(5), "5 dni temu");
    let minutes = |n| pl.count("site.stale_minutes", n, &[]);
    assert_eq!(minutes(1), "1 minutę");
    assert_eq!(minutes(2), "2 minuty");
    assert_eq!(minutes(5), "5 minut");
    assert_eq!(minutes(22), "22 minuty");
    assert_eq!(minutes(12), "12 minut");
    assert_eq!(
        pl.fill("number.percent", &[("value", &pl.decimal("99.95"))]),
        "99,95%"
    );
}

#[test]
fn turkish_plural_forms_and_numbers() {
    let tr = table("tr", None);
    // A noun after a number stays singular.
    assert_eq!(tr.count("uptime.days_ago", 1, &[]), "1 gün önce");
    assert_eq!(tr.count("uptime.days_ago", 5, &[]), "5 gün önce");
    // The percent sign comes first.
    assert_eq!(
        tr.fill("number.percent", &[("value", &tr.decimal("99.95"))]),
        "%99,95"
    );
}

#[test]
fn french_writes_the_first_of_the_month_as_an_ordinal_and_millions_with_de() {
    let fr = table("fr", None);
    assert_eq!(fr.ordinal("recurrence.ordinal", 1), "1er");
    assert_eq!(fr.ordinal("recurrence.ordinal", 21), "21");
    assert_eq!(fr.count("uptime.days_ago", 0, &[]), "il y a 0 jour");
    assert_eq!(fr.count("uptime.days_ago", 2, &[]), "il y a 2 jours");
    assert_eq!(
        fr.count("uptime.days_ago", 1_000_000, &[]),
        "il y a 1000000 de jours"
    );
    assert_eq!(fr.decimal("99.95"), "99,95");
}

#[test]
fn numbers_take_the_decimal_separator_of_the_language() {
    assert_eq!(table("de", None).decimal("99.95"), "99,95");
    assert_eq!(table("de-AT", None).decimal("0.5"), "0,5");
    assert_eq!(english_table().decimal("99.95"), "99.95");
    assert_eq!(table("ja", None).decimal("99.95"), "99.95");
    assert_eq!(table("ko", None).decimal("99.95"), "99.95");
    assert_eq!(table("zh-CN", None).decimal("99.95"), "99.95");
}

#[test]
fn a_language_reads_its_main_language_table_and_english_where_it_has_none() {
    assert_eq!(builtin_for("de-AT"), Some("de"));
    assert_eq!(builtin_for("DE"), Some("de"));
    assert_eq!(builtin_for("sv"), None);
    // A bare language reads the table of its region; another region reads English.
    assert_eq!(builtin_for("pt"), Some("pt-BR"));
    assert_eq!(builtin_for("pt-br"), Some("pt-BR"));
    assert_eq!(builtin_for("pt-PT"), None);
    assert_eq!(
        table("de-CH", None).get("banner.none"),
        "Alle Systeme betriebsbereit"
    );
    assert_eq!(
        table("sv", None).get("banner.none"),
        "All systems operational"
    );
    assert!(is_language_tag("pt-BR"));
    assert!(!is_language_tag("German"));
    assert!(!is_language_tag("pt_BR"));
}

#[test]
fn chinese_in_simplified_characters_reads_the_zh_cn_table() {
    for tag in ["zh-CN", "zh-cn", "zh", "zh-Hans", "zh-Hans-CN", "zh-SG"] {
        assert_eq!(builtin_for(tag), Some("zh-CN"), "{tag}");
    }
    for tag in ["zh-TW", "zh-HK", "zh-MO", "zh-Hant", "zh-Hant-CN"] {
        assert_eq!(builtin_for(tag), None, "{tag}");
    }
    assert_eq!(table("zh", None).get("banner.none"), "所有系统运行正常");
    assert_eq!(
        table("zh-TW", None).get("banner.none"),
        "All systems operational"
    );
}

#[test]
fn a_site_table_is_laid_over_the_builtin_one() {
    let (own, problems) = custom(
        "de",
        "[banner]\nnone = \"Alles läuft\"\n[uptime.days_ago]\none = \"gestern\"\nother = \"vor {n} Tagen\"\n",
    );
    assert!(problems.is_empty(), "{problems:?}");
    let t = table("de", Some(&own));
    assert_eq!(t.get("banner.none"), "Alles läuft");
    assert_eq!(t.count("uptime.days_ago", 1, &[]), "gestern");
    // What the site leaves out stays the built-in German.
    assert_eq!(t.get("banner.major"), "Teilweiser Ausfall");
    // The same texts give the same table; other texts another one.
    assert!(std::ptr::eq(t, table("de", Some(&own))));
    assert!(!std::ptr::eq(t, table("de", None)));
}

#[test]
fn a_site_table_reports_unknown_keys_placeholders_and_plural_forms() {
    let (own, problems) = custom(
        "de",
        "[banner]\nnon = \"x\"\n[duration]\nminutes = \"{m} Min. {s} Sek.\"\n[index]\ncomponents = { one = \"a\", other = \"b\" }\n[uptime.days_ago]\none = \"{n} Tag\"\nfew = \"{n} Tage\"\nother = \"{n} Tagen\"\n[date]\ndate = \"%Q\"\n",
    );
    assert_eq!(
        located(&problems),
        [
            "2:1 unknown text `banner.non`",
            "4:1 `duration.minutes` has the placeholder {s}, which its English text does not",
            "6:1 `index.components` is not a plural text",
            "7:9 `uptime.days_ago` has the plural form `few`, which `de` does not use",
            "12:1 `date.date` is not a date format chrono can read",
        ]
    );
    assert_eq!(
        problems[0].hint.as_deref(),
        Some("did you mean `banner.none`?")
    );
    assert_eq!(problems[3].severity, Severity::Warning);
    assert!(own.texts.contains_key("uptime.days_ago"));
    assert!(!own.texts.contains_key("banner.non"));
    assert!(!own.texts.contains_key("duration.minutes"));
}

#[test]
fn a_month_standing_alone_is_written_with_percent_ob() {
    use chrono::TimeZone;
    let (own, problems) = custom("pl", "[date]\nmonth = \"%OB %Y\"\ndate = \"%-d %B %Y\"\n");
    assert!(
        problems.iter().all(|p| p.severity == Severity::Warning),
        "{problems:?}"
    );
    assert!(own.texts.contains_key("date.month"));
    let t = table("pl", Some(&own));
    let at = chrono::Utc
        .with_ymd_and_hms(2026, 11, 20, 12, 0, 0)
        .unwrap();
    // glibc's Polish `%B` is the genitive a date needs; `%OB` the name a heading needs.
    assert_eq!(t.write_date(&at, t.get("date.month")), "listopad 2026");
    assert_eq!(t.write_date(&at, t.get("date.date")), "20 listopada 2026");
    assert_eq!(t.write_date(&at, "%%OB"), "%OB");
    assert_eq!(t.write_date(&at, "%Q"), "%Q");
}

#[test]
fn a_language_without_a_builtin_table_warns_about_what_reads_in_english() {
    let (own, problems) = custom("sv", "[banner]\nnone = \"Alla system fungerar\"\n");
    assert_eq!(problems.len(), 1);
    let warning = &problems[0];
    assert_eq!(warning.severity, Severity::Warning);
    let total = english().len();
    assert!(
        warning.message.starts_with(&format!(
            "{} of {total} texts are missing for `sv`",
            total - 1
        )),
        "{}",
        warning.message
    );
    let t = table("sv", Some(&own));
    assert_eq!(t.get("banner.none"), "Alla system fungerar");
    assert_eq!(t.get("banner.major"), "Partial outage");
    // A language with a built-in table needs no complete file.
    let (_, none) = custom("de", "[banner]\nnone = \"Alles gut\"\n");
    assert!(none.is_empty(), "{none:?}");
}

#[test]
fn arabic_counts_take_the_noun_form_of_each_of_its_six_categories() {
    let ar = table("ar", None);
    assert_eq!(
        locale::LocaleData::new("ar").categories(),
        Category::ALL,
        "Arabic integers use zero, one, two, few, many and other"
    );
    let days: Vec<String> = [0, 1, 2, 3, 10, 11, 99, 100, 102, 103, 111]
        .into_iter()
        .map(|n| ar.count("stats.days", n, &[]))
        .collect();
    assert_eq!(
        days,
        [
            "0 يوم",
            "يوم واحد",
            "يومان",
            "3 أيام",
            "10 أيام",
            "11 يومًا",
            "99 يومًا",
            "100 يوم",
            "102 يوم",
            "103 أيام",
            "111 يومًا",
        ]
    );
    // After "قبل" (ago) the dual is genitive.
    let ago: Vec<String> = [1, 2, 3, 11, 100]
        .into_iter()
        .map(|n| ar.count("site.stale_minutes", n, &[]))
        .collect();
    assert_eq!(
        ago,
        ["دقيقة واحدة", "دقيقتين", "3 دقائق", "11 دقيقة", "100 دقيقة"]
    );
    assert_eq!(ar.count("uptime.days_ago", 90, &[]), "قبل 90 يومًا");
    assert_eq!(ar.decimal("99.95"), "99.95");
    assert_eq!(ar.direction(), Direction::Rtl);
    assert_eq!(table("de", None).direction(), Direction::Ltr);
}
