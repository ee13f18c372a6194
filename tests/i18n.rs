//! The example site in every built-in language: every table has every key of the English one,
//! no English text of the product is left in the visible text of another language's build,
//! every page and XML file stays well-formed, and the pages of a right-to-left language say so
//! on `<html>`. A site's own `i18n/<lang>.toml` changes texts, and `check` reports its mistakes
//! at their lines.

mod common;

use common::{TempSite, assert_ok, repo, stderr};
use std::collections::BTreeMap;
use std::path::Path;

/// The built-in tables: language tag and its texts by dotted key (each plural form as
/// `key.form`).
fn tables() -> BTreeMap<String, BTreeMap<String, String>> {
    let dir = repo().join("src/i18n/tables");
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let tag = path.file_stem().unwrap().to_string_lossy().into_owned();
        let value: toml::Table = std::fs::read_to_string(&path).unwrap().parse().unwrap();
        let mut texts = BTreeMap::new();
        flatten("", &value, &mut texts);
        out.insert(tag, texts);
    }
    out
}

fn flatten(prefix: &str, table: &toml::Table, out: &mut BTreeMap<String, String>) {
    for (k, v) in table {
        let key = format!("{prefix}{k}");
        match v {
            toml::Value::String(s) => {
                out.insert(key, s.clone());
            }
            toml::Value::Table(t) => flatten(&format!("{key}."), t, out),
            other => panic!("{key} is not text: {other}"),
        }
    }
}

/// The key a flattened key belongs to: `uptime.days_ago.one` is a form of `uptime.days_ago`.
fn text_key(key: &str) -> &str {
    match key.rsplit_once('.') {
        Some((base, form)) if ["zero", "one", "two", "few", "many", "other"].contains(&form) => {
            base
        }
        _ => key,
    }
}

#[test]
fn every_table_has_every_english_key() {
    let tables = tables();
    let english: Vec<&str> = tables["en"].keys().map(|k| text_key(k)).collect();
    assert!(tables.len() >= 2, "{:?}", tables.keys());
    for (tag, texts) in &tables {
        let keys: Vec<&str> = texts.keys().map(|k| text_key(k)).collect();
        let missing: Vec<&&str> = english.iter().filter(|k| !keys.contains(k)).collect();
        assert!(missing.is_empty(), "{tag}.toml misses {missing:?}");
    }
}

/// What a reader sees of a page: its text outside tags, scripts and styles, and the words of
/// its `title`, `alt`, `aria-label` and `content` attributes, with the common entities decoded.
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        out.push('\n');
        let tag_end = rest[open..].find('>').map_or(rest.len(), |e| open + e + 1);
        let tag = &rest[open..tag_end];
        for attribute in ["title=\"", "alt=\"", "aria-label=\"", "content=\""] {
            if let Some(at) = tag.find(&format!(" {attribute}")) {
                let value = &tag[at + attribute.len() + 1..];
                out.push_str(value.split('"').next().unwrap_or(""));
                out.push('\n');
            }
        }
        rest = &rest[tag_end..];
        for raw in ["script", "style"] {
            if tag.starts_with(&format!("<{raw}")) {
                let close = format!("</{raw}>");
                rest = rest.find(&close).map_or("", |e| &rest[e..]);
            }
        }
    }
    out.push_str(rest);
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// Checks that the tags of `html` nest: every element closed in order, void elements aside.
fn assert_well_formed(path: &str, html: &str) {
    const VOID: [&str; 8] = ["meta", "link", "img", "br", "hr", "input", "source", "wbr"];
    let mut open: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let end = after
            .find('>')
            .unwrap_or_else(|| panic!("{path}: a tag never ends"));
        let tag = &after[..end];
        rest = &after[end + 1..];
        if tag.starts_with('!') {
            continue;
        }
        assert_eq!(
            tag.matches('"').count() % 2,
            0,
            "{path}: unbalanced quotes in <{tag}>"
        );
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if let Some(closing) = tag.strip_prefix('/') {
            let closing = closing.trim().to_ascii_lowercase();
            let top = open.pop();
            assert_eq!(
                top.as_deref(),
                Some(closing.as_str()),
                "{path}: </{closing}> closes {top:?}"
            );
        } else if !VOID.contains(&name.as_str()) && !tag.ends_with('/') {
            if name == "script" || name == "style" {
                let close = format!("</{name}>");
                let at = rest
                    .find(&close)
                    .unwrap_or_else(|| panic!("{path}: <{name}> never closes"));
                rest = &rest[at + close.len()..];
                continue;
            }
            open.push(name);
        }
    }
    assert!(open.is_empty(), "{path}: never closed: {open:?}");
}

fn files(public: &Path) -> Vec<String> {
    let mut found: Vec<String> = walkdir::WalkDir::new(public)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(public).unwrap();
            rel.to_string_lossy().replace('\\', "/")
        })
        .collect();
    found.sort();
    found
}

/// The pieces of an English text that show as they are whatever fills its placeholders, long
/// enough to say something (a short word such as "API" or "p50" is left out).
fn fragments(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        let (piece, next) = match rest.find('{') {
            Some(open) => {
                let close = rest[open..].find('}').map_or(rest.len(), |c| open + c + 1);
                (&rest[..open], Some(&rest[close..]))
            }
            None => (rest, None),
        };
        // Markup of `_html` texts is no text.
        let mut words = String::new();
        let mut in_tag = false;
        for c in piece.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => words.push(c),
                _ => {}
            }
        }
        let words = words
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_string();
        if words.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
            out.push(words);
        }
        match next {
            Some(n) => rest = n,
            None => break,
        }
    }
    out
}

/// How often `piece` stands in `text` as whole words.
fn count(text: &str, piece: &str) -> usize {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(piece)
        .filter(|(at, _)| {
            !word(text[..*at].chars().next_back()) && !word(text[at + piece.len()..].chars().next())
        })
        .count()
}

/// The built-in languages written right to left: their pages say `dir="rtl"`, the others
/// nothing.
const RIGHT_TO_LEFT: &[&str] = &["ar"];

/// The visible text of every page of the example site built in `tag` (with `files` added), after
/// checking that each page and XML file is well-formed.
fn build_in(tag: &str, files_added: &[(&str, String)]) -> String {
    let site = TempSite::example();
    for (path, text) in files_added {
        site.write(path, text);
    }
    let config = std::fs::read_to_string(site.path().join("statuspress.toml")).unwrap();
    site.write(
        "statuspress.toml",
        &config.replace("language = \"en\"", &format!("language = \"{tag}\"")),
    );
    let o = site.run(&["build", "--now", common::NOW]);
    assert_ok(&o);
    assert!(
        !stderr(&o).contains("no built-in table"),
        "{tag}: {}",
        stderr(&o)
    );
    let public = site.path().join("public");
    let mut visible = String::new();
    for path in files(&public) {
        let Ok(text) = std::fs::read_to_string(public.join(&path)) else {
            continue;
        };
        if path.ends_with(".html") {
            assert_well_formed(&path, &text);
            let dir = if RIGHT_TO_LEFT.contains(&tag) {
                " dir=\"rtl\" "
            } else {
                " "
            };
            assert!(
                text.contains(&format!("<html lang=\"{tag}\"{dir}")),
                "{tag}: {path} does not name its language and direction"
            );
            visible.push_str(&visible_text(&text));
        } else if [".xml", ".atom", ".rss", ".svg"]
            .iter()
            .any(|x| path.ends_with(x))
            && let Err(e) = roxmltree::Document::parse(&text)
        {
            panic!("{tag}: {path} is not well-formed XML: {e}");
        }
    }
    visible
}

/// The English table with every text replaced by a mark and its placeholders (dates, zone names
/// and texts without words, such as the colon, kept): a build with it shows the site's own words
/// and none of the product's.
fn marked_table(english: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    for (key, value) in english {
        let text = if key.starts_with("date.")
            || key.starts_with("zone.")
            || !value.chars().any(char::is_alphabetic)
        {
            value.clone()
        } else {
            let names: Vec<String> = value
                .split('{')
                .skip(1)
                .filter_map(|s| s.split_once('}').map(|(n, _)| format!("{{{n}}}")))
                .collect();
            format!("Ω {}", names.join(" "))
        };
        let quoted: Vec<String> = key.split('.').map(|k| format!("\"{k}\"")).collect();
        out.push_str(&format!("{} = {:?}\n", quoted.join("."), text));
    }
    out
}

/// The text of the example site's own files: its posts, configuration and components.
fn site_sources() -> String {
    let root = repo().join("content");
    let mut text = String::new();
    for path in files(&root) {
        if path.ends_with(".md") || path.ends_with(".toml") {
            text.push_str(&std::fs::read_to_string(root.join(&path)).unwrap());
            text.push('\n');
        }
    }
    text
}

/// The example site is in English, so its own words show in every build. An English text of the
/// product is left over where a build shows it and the site's files do not have it (a word
/// written into a template), or where a build shows it more often than the build whose texts are
/// all marks does (a text that did not come from the language's table).
#[test]
fn the_example_site_builds_in_every_builtin_language_without_english_left() {
    let tables = tables();
    let english = &tables["en"];
    let sources = site_sources();
    let site_words = build_in("en", &[("i18n/en.toml", marked_table(english))]);
    assert!(
        !site_words.contains("All systems operational"),
        "the marks replace the texts"
    );
    for (tag, texts) in &tables {
        let visible = build_in(tag, &[]);
        if tag == "en" {
            continue;
        }
        let mut left = Vec::new();
        for (key, value) in english {
            // Texts a language writes as English does (a name, "SLO", "p50") are not left over.
            if texts.get(key) == Some(value) {
                continue;
            }
            for piece in fragments(value) {
                let in_own = texts.values().any(|v| count(v, &piece) > 0);
                let shown = count(&visible, &piece);
                let from_site = count(&sources, &piece) > 0;
                if !in_own && shown > 0 && (!from_site || shown > count(&site_words, &piece)) {
                    left.push(format!("{key}: {piece:?}"));
                }
            }
        }
        left.sort();
        left.dedup();
        assert!(
            left.is_empty(),
            "{tag}: English left in the pages: {left:#?}"
        );
    }
}

#[test]
fn a_site_overrides_texts_and_check_reports_mistakes_at_their_lines() {
    let site = TempSite::new();
    site.write(
        "statuspress.toml",
        &format!("{}language = \"de\"\n", common::CONFIG),
    );
    site.write(
        "i18n/de.toml",
        "[banner]\nnone = \"Alles läuft\"\n\n[index]\ncomponets = \"Teile\"\n",
    );
    let o = site.run(&["check"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("i18n/de.toml:5:1: error: unknown text `index.componets`\n  help: did you mean `index.components`?"),
        "{err}"
    );

    site.write(
        "i18n/de.toml",
        "[banner]\nnone = \"Alles läuft\"\n\n[index]\ncomponents = \"Dienste {count}\"\n",
    );
    let err = stderr(&site.run(&["check"]));
    assert!(
        err.contains("i18n/de.toml:5:1: error: `index.components` has the placeholder {count}, which its English text does not"),
        "{err}"
    );

    site.write("i18n/de.toml", "[banner]\nnone = \"Alles läuft\"\n");
    let o = site.run(&["build", "--now", common::NOW]);
    assert_ok(&o);
    let index = site.read_output("index.html");
    assert!(index.contains("<p>Alles läuft</p>"), "{index}");
    assert!(index.contains("<html lang=\"de\""), "{index}");
    assert!(index.contains(">Komponenten</h2>"), "{index}");
}

/// Lists are joined with the language's separator (`site.list_comma`, "、" in Japanese),
/// not with an English comma written into the code or a template.
#[test]
fn lists_are_joined_with_the_separator_of_the_language() {
    let site = TempSite::example();
    site.write("i18n/en.toml", "[site]\nlist_comma = \" | \"\n");
    assert_ok(&site.run(&["build", "--now", common::NOW]));
    let index = site.read_output("index.html");
    assert!(
        index.contains(
            "<a href=\"components/builds/\">Builds</a> | <a href=\"components/edge-functions/\">"
        ),
        "{index}"
    );
    let stats = site.read_output("stats/index.html");
    assert!(
        stats.contains("by its worst status: major outage 100% | partial outage 30% | degraded"),
        "{stats}"
    );
}

#[test]
fn a_language_without_a_table_reads_in_english_and_check_says_so() {
    let site = TempSite::new();
    site.write(
        "statuspress.toml",
        &format!("{}language = \"sv\"\n", common::CONFIG),
    );
    let o = site.run(&["check"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("statuspress.toml:4:1: warning: `sv` has no built-in table and no i18n/sv.toml: the pages read in English"),
        "{err}"
    );
    site.write(
        "i18n/sv.toml",
        "[banner]\nnone = \"Alla system fungerar\"\n",
    );
    let o = site.run(&["build", "--now", common::NOW]);
    assert_ok(&o);
    let err = stderr(&o);
    assert!(
        err.contains("i18n/sv.toml:1:1: warning:") && err.contains("texts are missing for `sv`"),
        "{err}"
    );
    let index = site.read_output("index.html");
    assert!(index.contains("<p>Alla system fungerar</p>"), "{index}");
    assert!(index.contains(">Components</h2>"), "{index}");
}

#[test]
fn authoring_writes_the_default_texts_in_the_site_language() {
    let site = TempSite::new();
    site.write(
        "statuspress.toml",
        &format!("{}language = \"de\"\n", common::CONFIG),
    );
    let o = site.run(&[
        "new",
        "incident",
        "API-Fehler",
        "--impact",
        "major",
        "--affects",
        "api",
        "--now",
        "2026-11-23T10:00:00Z",
    ]);
    assert_ok(&o);
    let path = common::stdout(&o).trim().to_string();
    let id = Path::new(&path)
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert_ok(&site.run(&["resolve", &id, "--now", "2026-11-23T11:00:00Z"]));
    let text = std::fs::read_to_string(&path).unwrap();
    // The headings keep their English status words, which the parser reads.
    assert!(
        text.contains("## Resolved — 2026-11-23 11:00 UTC\nDieser Vorfall ist behoben.\n"),
        "{text}"
    );
    assert!(
        text.contains("## Investigating — 2026-11-23 10:00 UTC\nWir untersuchen das Problem.\n"),
        "{text}"
    );
}

/// Texts every language may write as English does: names.
const NAMES: &[&str] = &["index.api_version", "stats.slo"];

/// Texts a language writes exactly as English does, on purpose: loanwords ("Status" and
/// "Updates" in German). Any other text of a table that equals the English one is English copied
/// over, not translated.
const SAME_AS_ENGLISH: &[(&str, &[&str])] = &[
    (
        "de",
        &[
            "calendar.status",
            "incident.status",
            "incident.updates",
            "notify.status",
            "subscribe.feeds",
        ],
    ),
    // Arabic pages name time zones by their Latin abbreviations.
    ("ar", &["zone.CEST", "zone.EEST", "zone.WEST"]),
    (
        "nl",
        &[
            "badge.status",
            "calendar.status",
            "incident.status",
            "incident.updates",
            "notify.impact",
            "notify.status",
            "stats.component",
            "subscribe.feeds",
        ],
    ),
    (
        "pl",
        &[
            "badge.status",
            "calendar.status",
            "incident.status",
            "notify.status",
            "zone.CEST",
            "zone.EEST",
            "zone.WEST",
        ],
    ),
    // The zones' international abbreviations.
    ("es", &["zone.CEST", "zone.EEST", "zone.WEST"]),
    // French words spelt as in English, and the zones' international abbreviations.
    (
        "fr",
        &[
            "component.maintenance",
            "notify.impact",
            "post.maintenance",
            "site.stale_minutes",
            "stats.incidents",
            "zone.CEST",
            "zone.EEST",
            "zone.WEST",
        ],
    ),
    ("it", &["zone.CEST", "zone.EEST", "zone.WEST"]),
    // "Status" is Brazilian Portuguese ("página de status").
    (
        "pt-BR",
        &[
            "badge.status",
            "calendar.status",
            "incident.status",
            "notify.status",
            "zone.CEST",
            "zone.EEST",
            "zone.WEST",
        ],
    ),
    ("tr", &["zone.CEST", "zone.EEST", "zone.WEST"]),
    // Japanese pages name zones by their abbreviations.
    ("ja", &["zone.CEST", "zone.EEST", "zone.WEST"]),
    // Korean pages name zones by their abbreviations.
    ("ko", &["zone.CEST", "zone.EEST", "zone.WEST"]),
    // Chinese pages name zones by their abbreviations.
    ("zh-CN", &["zone.CEST", "zone.EEST", "zone.WEST"]),
];

#[test]
fn every_table_translates_its_texts_rather_than_copying_english() {
    let tables = tables();
    let english = &tables["en"];
    for (tag, texts) in tables.iter().filter(|(tag, _)| *tag != "en") {
        let allowed = SAME_AS_ENGLISH
            .iter()
            .find(|(t, _)| t == tag)
            .map_or(&[][..], |(_, keys)| *keys);
        let copied: Vec<&String> = english
            .iter()
            .filter(|(key, value)| {
                // Dates are format strings; a text of placeholders, digits and signs has no words.
                !key.starts_with("date.")
                    && !fragments(value).is_empty()
                    && texts.get(*key) == Some(*value)
                    && !allowed.contains(&text_key(key))
                    && !NAMES.contains(&text_key(key))
            })
            .map(|(key, _)| key)
            .collect();
        assert!(
            copied.is_empty(),
            "{tag}.toml keeps these English texts; translate them, or list a deliberate \
             loanword in SAME_AS_ENGLISH: {copied:#?}"
        );
    }
}
