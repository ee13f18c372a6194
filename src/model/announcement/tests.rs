use super::*;
use crate::diagnostic::located;

fn parse(text: &str) -> (Option<Announcement>, Vec<Diagnostic>) {
    let mut d = Vec::new();
    let a = Announcement::parse(
        "2026-11-16-rate-limits",
        Path::new("announcements/2026-11-16-rate-limits.md"),
        text,
        ("Europe/Berlin".parse::<Tz>().unwrap(), &[]),
        &mut d,
    );
    (a, d)
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

#[test]
fn reads_every_field_with_times_in_the_site_zone() {
    let (a, d) = parse(
        "+++\ntitle = \"Rate limits change\"\nshow_from = 2026-11-16T10:00:00\nshow_until = \"2026-12-02 00:00 UTC\"\nlevel = \"warning\"\n+++\n\nFrom December 1, **100** requests a minute.\n",
    );
    assert!(d.is_empty(), "{d:?}");
    let a = a.unwrap();
    assert_eq!(a.id, "2026-11-16-rate-limits");
    assert_eq!(a.title, "Rate limits change");
    assert_eq!(a.level, Level::Warning);
    assert_eq!(a.level.label(), "Warning");
    assert_eq!(a.show_from, utc("2026-11-16T09:00:00Z"));
    assert_eq!(a.show_until, Some(utc("2026-12-02T00:00:00Z")));
    assert_eq!(a.body, "From December 1, **100** requests a minute.");
}

#[test]
fn level_defaults_to_info_and_show_until_is_optional() {
    let (a, d) =
        parse("+++\ntitle = \"New: email alerts\"\nshow_from = 2026-11-01T00:00:00Z\n+++\n");
    assert!(d.is_empty(), "{d:?}");
    let a = a.unwrap();
    assert_eq!((a.level, a.level.label()), (Level::Info, "Notice"));
    assert_eq!(a.show_until, None);
    assert_eq!(a.body, "");
}

#[test]
fn is_shown_from_show_from_until_show_until() {
    let (a, _) = parse(
        "+++\ntitle = \"T\"\nshow_from = 2026-11-16T09:00:00Z\nshow_until = 2026-12-02T00:00:00Z\n+++\n",
    );
    let a = a.unwrap();
    let before = utc("2026-11-16T08:59:59Z");
    assert!(!a.is_published(before) && !a.is_shown(before));
    let from = utc("2026-11-16T09:00:00Z");
    assert!(a.is_published(from) && a.is_shown(from) && !a.has_ended(from));
    let until = utc("2026-12-02T00:00:00Z");
    assert!(a.is_published(until) && !a.is_shown(until) && a.has_ended(until));
}

#[test]
fn unknown_keys_levels_and_bad_times_are_located_with_hints() {
    let (a, mut d) = parse(
        "+++\ntitle = \"T\"\nshow_form = 2026-11-16T09:00:00Z\nshow_until = \"next week\"\nlevel = \"warn\"\n+++\n",
    );
    assert!(a.is_none());
    crate::diagnostic::sort(&mut d);
    assert_eq!(
        located(&d),
        [
            "2:1 missing `show_from` in the front matter",
            "3:1 unknown key `show_form`",
            "4:14 `show_until` is not a valid timestamp: `next week` is not a timestamp",
            "5:9 unknown level `warn`",
        ]
    );
    let hint = |i: usize| d[i].hint.clone().unwrap();
    assert!(
        hint(1).starts_with("did you mean `show_from`?"),
        "{}",
        hint(1)
    );
    assert!(hint(3).contains("`warning`"), "{}", hint(3));
    assert!(
        d.iter()
            .all(|x| x.path == Path::new("announcements/2026-11-16-rate-limits.md"))
    );
}

#[test]
fn show_until_before_show_from_is_a_warning_at_show_until() {
    let (a, d) = parse(
        "+++\ntitle = \"T\"\nshow_from = 2026-11-16T09:00:00Z\nshow_until = 2026-11-15T09:00:00Z\n+++\n",
    );
    assert!(a.is_some(), "a warning does not stop the build");
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(!d[0].is_error());
    assert_eq!((d[0].line, d[0].column), (4, 14));
    assert!(d[0].message.contains("never shown"), "{}", d[0].message);
    let a = a.unwrap();
    assert!(!a.is_shown(utc("2026-11-16T10:00:00Z")));
}

#[test]
fn a_missing_title_and_missing_front_matter_are_errors() {
    let (a, d) = parse("+++\nshow_from = 2026-11-16T09:00:00Z\n+++\n");
    assert!(a.is_none());
    assert_eq!(located(&d), ["2:1 missing `title` in the front matter"]);
    let (a, d) = parse("Just text.\n");
    assert!(a.is_none());
    assert_eq!(located(&d), ["1:1 missing front matter"]);
}
