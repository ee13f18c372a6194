use super::*;

const WORDS: &[StatusWord<u8>] = &[
    StatusWord {
        word: "Investigating",
        status: Some(1),
    },
    StatusWord {
        word: "Resolved",
        status: Some(4),
    },
    StatusWord {
        word: "Update",
        status: None,
    },
    StatusWord {
        word: "In progress",
        status: Some(7),
    },
];

fn run(src: &str) -> (Result<Timeline<u8>, Diagnostic>, Vec<Diagnostic>) {
    let path = Path::new("incidents/x.md");
    let mut diags = Vec::new();
    let t = split(path, src)
        .map(|doc| timeline(path, &doc, Tz::UTC, WORDS, &["Monitoring"], &mut diags));
    (t, diags)
}

#[test]
fn splits_summary_and_updates() {
    let (t, diags) = run(
        "+++\ntitle = \"x\"\n+++\n\nSummary.\n\n## Resolved — 2026-11-20 15:30 UTC\nFixed.\n\n## Details\nMore.\n\n## investigating: 2026-11-20T14:05:00Z\nLooking.\n```\n## Resolved - not a heading\n```\n",
    );
    let t = t.unwrap();
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(t.summary, "Summary.");
    assert_eq!(t.updates.len(), 2);
    assert_eq!(t.updates[0].status, Some(4));
    assert_eq!(t.updates[0].line, 7);
    assert_eq!(t.updates[0].body, "Fixed.\n\n## Details\nMore.");
    assert_eq!(
        t.updates[1].body,
        "Looking.\n```\n## Resolved - not a heading\n```"
    );
}

#[test]
fn accepts_every_separator_and_multiword_statuses() {
    for sep in ["—", "–", "-", "·", ":", "|"] {
        let (t, d) = run(&format!(
            "+++\n+++\n## In progress {sep} 2026-11-20 14:05\nx\n"
        ));
        assert!(d.is_empty(), "{sep}");
        assert_eq!(t.unwrap().updates[0].status, Some(7), "{sep}");
    }
    let (t, _) = run("+++\n+++\n## Resolved: 2026-11-20 14:05\n## Update 2026-11-20 14:00\n");
    assert_eq!(
        t.unwrap()
            .updates
            .iter()
            .map(|u| u.status)
            .collect::<Vec<_>>(),
        [Some(4), None]
    );
}

#[test]
fn reports_broken_and_foreign_headings() {
    let (_, d) = run(
        "+++\n+++\nText\n## Resolved — 2026-11-32 10:00\n## Monitoring — 2026-11-20 10:00\n## Resolved issues\n",
    );
    assert_eq!(d.len(), 2);
    assert_eq!((d[0].line, d[0].column), (4, 4));
    assert!(
        d[0].message.contains("no readable timestamp"),
        "{}",
        d[0].message
    );
    assert_eq!(
        d[1].message,
        "`Monitoring` is not a status for this kind of post"
    );
}

#[test]
fn front_matter_errors() {
    assert_eq!(
        run("title = 1\n").0.unwrap_err().message,
        "missing front matter"
    );
    let e = run("+++\ntitle = \"x\"\n\n## Resolved\n").0.unwrap_err();
    assert!(e.message.starts_with("unclosed front matter"));
    let doc = split(Path::new("a.md"), "\n+++\na = 1\n+++\nbody\n").unwrap();
    assert_eq!(
        (
            doc.front_matter,
            doc.front_matter_offset,
            doc.body,
            doc.body_offset
        ),
        ("a = 1\n", 2, "body\n", 4)
    );
}

#[test]
fn an_update_shaped_heading_with_an_unknown_word_is_an_error() {
    let (t, d) = run(
        "+++\n+++\n## Resolvd — 2026-11-20 15:30 UTC\n## Investigatin - 2026-11-20 14:05\n## Follow-up - 2026-11-20 16:00\n## Resolved at — 2026-11-20 15:30\n",
    );
    assert!(t.unwrap().updates.is_empty());
    let found: Vec<_> = d
        .iter()
        .map(|d| (d.line, d.column, d.message.as_str(), d.hint.as_deref()))
        .collect();
    assert_eq!(
        found,
        [
            (
                3,
                4,
                "unknown update status `Resolvd`",
                Some("did you mean `Resolved`?")
            ),
            (
                4,
                4,
                "unknown update status `Investigatin`",
                Some("did you mean `Investigating`?")
            ),
            (
                5,
                4,
                "unknown update status `Follow-up`",
                Some(
                    "expected one of: Investigating, Resolved, Update, In progress; a heading that is not an update takes `###`"
                )
            ),
            (
                6,
                4,
                "unknown update status `Resolved at`",
                Some("did you mean `Resolved`?")
            ),
        ]
    );
}

#[test]
fn headings_that_are_not_update_shaped_stay_text() {
    let body = "+++\n+++\nSummary.\n## Timeline - 2026-11-20\n## 2026-11-20 10:00 - 2026-11-20 12:00\n## Phase two: the fix\n### Resolvd — 2026-11-20 15:30\n";
    let (t, d) = run(body);
    assert!(d.is_empty(), "{d:?}");
    assert!(t.unwrap().summary.contains("## Phase two"));
}

#[test]
fn a_heading_indented_to_four_columns_is_code() {
    for indent in ["\t", "  \t", "    "] {
        let (t, d) = run(&format!(
            "+++\n+++\n## Investigating — 2026-11-20 10:00\nLooking.\n\n{indent}## Resolved — 2026-11-20 11:00\n"
        ));
        assert!(d.is_empty(), "{d:?}");
        let t = t.unwrap();
        assert_eq!(t.updates.len(), 1, "{indent:?}");
        assert!(
            t.updates[0]
                .body
                .ends_with("## Resolved — 2026-11-20 11:00")
        );
    }
    let (t, _) = run("+++\n+++\n   ## Resolved — 2026-11-20 11:00\n");
    assert_eq!(
        t.unwrap().updates.len(),
        1,
        "three spaces still open a heading"
    );
}

#[test]
fn old_headings_keep_their_meaning_and_a_promise_suffix_is_read() {
    let (t, d) = run(
        "+++\n+++\n## Update — 2026-11-20 14:40 UTC · next update by 2026-11-20 15:10 UTC\nx\n## Investigating — 2026-11-20 14:05 UTC\ny\n",
    );
    assert!(d.is_empty(), "{d:?}");
    let t = t.unwrap();
    assert_eq!(
        t.updates[0].next_update.map(|t| t.to_rfc3339()),
        Some("2026-11-20T15:10:00+00:00".to_string())
    );
    assert_eq!(t.updates[1].next_update, None);
    // A typo in the status word is still caught with a promise after the time.
    let (_, d) = run("+++\n+++\n## Resolvd — 2026-11-20 14:40 UTC · next update by 15:10\n");
    assert_eq!(d[0].message, "unknown update status `Resolvd`");
}

#[test]
fn status_words_match_in_any_case_and_only_as_whole_words() {
    let (t, d) = run(
        "+++\n+++\n## RESOLVED — 2026-11-20 15:30\n## in PROGRESS: 2026-11-20 15:00\n## Resolvedé — 2026-11-20 14:30\n## Updates 2026-11-20 14:00\n## Ünterwegs — 2026-11-20 13:00\n## Résolu — 2026-11-20 12:00\n",
    );
    let statuses: Vec<Option<u8>> = t.unwrap().updates.iter().map(|u| u.status).collect();
    assert_eq!(statuses, [Some(4), Some(7)]);
    // The others are no status: those shaped like an update (a separator, then a time) are
    // errors, `Updates 2026-…` without a separator is text.
    let lines: Vec<usize> = d.iter().map(|d| d.line).collect();
    assert_eq!(lines, [5, 7, 8], "{d:?}");
    assert!(
        d.iter()
            .all(|d| d.message.starts_with("unknown update status"))
    );
}

#[test]
fn a_broken_heading_is_left_out_of_the_text_around_it() {
    let (t, d) = run(
        "+++\n+++\nSummary\n## Resolvd — 2026-11-20 10:00\n  goes on.\n\n## Resolved — 2026-11-20 11:00\nFixed\n## Resolved — 2026-11-32 10:00\nand done.\n\n",
    );
    assert_eq!(d.len(), 2, "{d:?}");
    let t = t.unwrap();
    assert_eq!(t.summary, "Summary\n  goes on.");
    assert_eq!(t.updates.len(), 1);
    assert_eq!(t.updates[0].body, "Fixed\nand done.");
}
