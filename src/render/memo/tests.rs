//! The memo on small sites in memory: what a second rendering takes from the first, and that
//! its files are those of a rendering from scratch. (`tests/serve_incremental.rs` checks the
//! same over long random sequences of edits on disk.)

use super::Memo;
use crate::derive::State;
use crate::fixture::{OPEN_WEB, RESOLVED_API, SILENT, WINDOW, derived};
use crate::model::Site;
use crate::output::Output;
use crate::render::{Mode, render_into, render_reusing};
use std::sync::Mutex;

const NOW: &str = "2026-11-20T12:00:00Z";

/// The files of a rendering of `incidents` at `now`, with `memo` or from scratch.
fn rendered(incidents: &[(&str, &str)], now: &str, memo: Option<&mut Memo>) -> Output {
    let (site, state) = derived(incidents, &[("upgrade", WINDOW)], now);
    render_site(&site, &state, memo)
}

/// The files of a rendering of `site` at `state`, with `memo` or from scratch.
fn render_site(site: &Site, state: &State, memo: Option<&mut Memo>) -> Output {
    let sink = Mutex::new(Output::new());
    match memo {
        Some(memo) => render_reusing(site, state, &sink, Mode::Preview, memo),
        None => render_into(site, state, &sink, Mode::Preview),
    }
    .unwrap();
    sink.into_inner().unwrap()
}

/// Asserts that `served` holds the files of `fresh`, naming those that differ.
fn assert_same(served: &Output, fresh: &Output) {
    let paths = |o: &Output| o.iter().map(|(p, _)| p.to_string()).collect::<Vec<_>>();
    assert_eq!(paths(served), paths(fresh));
    let differ: Vec<&str> = (served.iter().zip(fresh.iter()))
        .filter(|((_, a), (_, b))| a != b)
        .map(|((p, _), _)| p)
        .collect();
    assert!(differ.is_empty(), "these files differ: {differ:?}");
}

#[test]
fn an_edit_reuses_what_it_does_not_touch_and_renders_the_rest() {
    let mut memo = Memo::default();
    let first = [("open", OPEN_WEB), ("slow", RESOLVED_API), ("blip", SILENT)];
    rendered(&first, NOW, Some(&mut memo));
    assert_eq!(memo.reused(), 0);

    // The same site again: every page and feed is taken from the first rendering (the API,
    // calendars, badges and scripts are always made again).
    let again = rendered(&first, NOW, Some(&mut memo));
    assert_same(&again, &rendered(&first, NOW, None));
    let kept = |out: &Output| {
        out.iter()
            .filter(|(p, _)| {
                (p.ends_with(".html") && !p.starts_with("embed/"))
                    || p.ends_with(".atom")
                    || p.ends_with(".rss")
                    || ["sitemap.xml", "robots.txt", "style.css"].contains(p)
            })
            .count()
    };
    let same = memo.reused();
    assert_eq!(same, kept(&again));

    // One resolved incident retitled: its page and the lists that show it are made again,
    // the other incidents' pages are not.
    let retitled = RESOLVED_API.replace("API slow", "API slower");
    let second = [
        ("open", OPEN_WEB),
        ("slow", retitled.as_str()),
        ("blip", SILENT),
    ];
    let out = rendered(&second, NOW, Some(&mut memo));
    assert_same(&out, &rendered(&second, NOW, None));
    assert!(
        out.text("incidents/slow/index.html")
            .unwrap()
            .contains("API slower")
    );
    assert!(memo.reused() > same / 2, "{} of {same}", memo.reused());
    assert!(memo.reused() < same);

    // The clock moves: nothing is taken.
    let later = rendered(&second, "2026-11-20T12:01:00Z", Some(&mut memo));
    assert_same(&later, &rendered(&second, "2026-11-20T12:01:00Z", None));
    assert_eq!(memo.reused(), 0);
}

#[test]
fn an_entry_is_rendered_again_when_the_site_view_it_may_show_changes() {
    // An override of the entry that shows the page indicator, which the open incident sets.
    let line = "{% import \"macros.html\" as m -%}<!-- {{ site.indicator }} -->{{ m::post_line(post=post, root=root) }}";
    let render = |incidents: &[(&str, &str)], memo: Option<&mut Memo>| {
        let (mut site, state) = derived(incidents, &[], NOW);
        site.templates = vec![("post_line.html".into(), line.into())];
        render_site(&site, &state, memo)
    };
    let mut memo = Memo::default();
    let open = [("open", OPEN_WEB), ("slow", RESOLVED_API)];
    render(&open, Some(&mut memo));
    // The open incident resolved: the other one is unchanged, but its entries show the new
    // indicator on the history, whose month page names it.
    let resolved = OPEN_WEB.replace(
        "## Identified",
        "## Resolved — 2026-11-20 11:00 UTC\nFixed.\n\n## Identified",
    );
    let closed = [("open", resolved.as_str()), ("slow", RESOLVED_API)];
    let out = render(&closed, Some(&mut memo));
    assert_same(&out, &render(&closed, None));
    let history = out.text("history/index.html").unwrap();
    assert!(history.contains("<!-- none -->"), "{history}");
    assert!(!history.contains("<!-- major -->"), "{history}");
}

#[test]
fn a_failed_rendering_forgets_what_was_kept() {
    let mut memo = Memo::default();
    let posts = [("slow", RESOLVED_API)];
    rendered(&posts, NOW, Some(&mut memo));
    let (mut site, state) = derived(&posts, &[], NOW);
    site.templates = vec![("index.html".into(), "{{ nope(".into())];
    let sink = Mutex::new(Output::new());
    assert!(render_reusing(&site, &state, &sink, Mode::Preview, &mut memo).is_err());
    rendered(&posts, NOW, Some(&mut memo));
    assert_eq!(memo.reused(), 0);
}
