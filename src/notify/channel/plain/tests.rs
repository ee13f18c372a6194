use super::*;
use crate::notify::channel::sample::notice;
use crate::notify::notice::Words;

#[test]
fn paragraphs_keep_a_blank_line_and_soft_breaks_reflow() {
    assert_eq!(
        markdown_to_plain("We are\ninvestigating.\n\nMore soon.  \nThanks."),
        "We are investigating.\n\nMore soon.\nThanks."
    );
    assert_eq!(markdown_to_plain(""), "");
}

#[test]
fn emphasis_and_code_markers_are_dropped_but_code_blocks_are_indented() {
    assert_eq!(
        markdown_to_plain("We *rolled back* the **deploy** of `api-7`; ~~no~~ data lost."),
        "We rolled back the deploy of api-7; no data lost."
    );
    assert_eq!(
        markdown_to_plain("Run:\n\n```sh\ncurl -I https://api.acme.test\nexit 0\n```\n\nDone."),
        "Run:\n\n    curl -I https://api.acme.test\n    exit 0\n\nDone."
    );
}

#[test]
fn links_read_as_text_then_address_unless_they_are_the_same() {
    assert_eq!(
        markdown_to_plain("See [the notes](https://acme.test/notes) or <https://acme.test/x>."),
        "See the notes (https://acme.test/notes) or https://acme.test/x."
    );
    assert_eq!(
        markdown_to_plain("Mail <ops@acme.test>, ![graph](https://acme.test/g.png)"),
        "Mail ops@acme.test, graph (https://acme.test/g.png)"
    );
    assert_eq!(
        markdown_to_plain("[click](javascript:alert(1)) here"),
        "click here"
    );
}

#[test]
fn lists_keep_their_markers_numbers_and_nesting() {
    assert_eq!(
        markdown_to_plain("Steps:\n\n- one\n- two\n  - two a\n  - two b\n- three\n\nAfter."),
        "Steps:\n\n- one\n- two\n  - two a\n  - two b\n- three\n\nAfter."
    );
    assert_eq!(
        markdown_to_plain("3. third\n4. fourth\n\n- [x] done\n- [ ] open"),
        "3. third\n4. fourth\n\n- [x] done\n- [ ] open"
    );
    // A loose list: paragraphs inside items continue under the text, not the marker.
    assert_eq!(
        markdown_to_plain("1. First item.\n\n   Its second paragraph.\n\n2. Second."),
        "1. First item.\n\n   Its second paragraph.\n\n2. Second."
    );
}

#[test]
fn headings_quotes_rules_and_tables_stay_readable() {
    assert_eq!(
        markdown_to_plain("# Cause\nA bad deploy.\n\n> Quoted\n> text\n>\n> again\n\n---\n\nEnd"),
        "Cause\n\nA bad deploy.\n\n> Quoted text\n>\n> again\n\n---\n\nEnd"
    );
    assert_eq!(
        markdown_to_plain("| Region | State |\n|---|---|\n| eu | ok |\n| us | *down* |\n"),
        "Region | State\neu | ok\nus | down"
    );
}

#[test]
fn raw_html_is_left_out_and_entities_are_text() {
    assert_eq!(
        markdown_to_plain("Tom &amp; Jerry <b>bold</b> 1 &lt; 2\n\n<div>block</div>\n\nend"),
        "Tom & Jerry bold 1 < 2\n\nend"
    );
}

#[test]
fn non_ascii_text_passes_through() {
    assert_eq!(
        markdown_to_plain("Störung in **Köln** — 東京 ✅"),
        "Störung in Köln — 東京 ✅"
    );
}

#[test]
fn labels_use_the_status_for_incidents_and_the_change_for_maintenance() {
    let mut n = notice();
    assert_eq!(headline(&n), "Identified: Elevated error rates");
    n.kind = NoticeKind::MaintenanceScheduled;
    n.title = "Database upgrade".into();
    assert_eq!(headline(&n), "Maintenance scheduled: Database upgrade");
    n.kind = NoticeKind::MaintenanceCompleted;
    assert_eq!(label(&n), "Maintenance completed");
    n.kind = NoticeKind::MaintenanceStarted;
    assert_eq!(label(&n), "Maintenance started");
    n.kind = NoticeKind::MaintenanceUpdated;
    assert_eq!(label(&n), "Maintenance update");
    n.kind = NoticeKind::Postmortem;
    assert_eq!(label(&n), "Postmortem");
    n.kind = NoticeKind::IncidentResolved;
    n.status = "Resolved".into();
    assert_eq!(label(&n), "Resolved");
}

#[test]
fn labels_and_headlines_are_in_the_notice_words_and_punctuation() {
    let mut n = notice();
    n.words = Words::builtin("fr");
    n.kind = NoticeKind::MaintenanceScheduled;
    n.title = "Mise à niveau de la base".into();
    // French puts a no-break space before the colon, as its pages do.
    assert_eq!(
        headline(&n),
        "Maintenance planifiée\u{a0}: Mise à niveau de la base"
    );
    n.words = Words::builtin("de");
    n.kind = NoticeKind::Postmortem;
    assert_eq!(label(&n), "Nachbetrachtung");
    n.kind = NoticeKind::MaintenanceCompleted;
    assert_eq!(label(&n), "Wartung abgeschlossen");
    // An incident's label is its status, already in words.
    n.kind = NoticeKind::IncidentUpdated;
    n.status = "Ursache gefunden".into();
    assert_eq!(headline(&n), "Ursache gefunden: Mise à niveau de la base");
}
