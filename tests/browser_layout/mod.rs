//! The layout of every page of the example site at phone and desktop widths: nothing wider
//! than the screen, no status text clipped, every day's tooltip on screen; with screenshots of one page of each kind at each
//! width, light and dark, named `PAGE-WIDTH-SCHEME.png`.

use crate::browser_pages::{
    BuiltExample, layout_problems, one_of_each_kind, open, pages, tooltips_off_screen,
};
use crate::browser_support::{Chromium, find_chromium, save_png};
use crate::static_support::StaticServer;
use crate::{Ran, skip};
use serde_json::json;

/// A small phone, a common phone, a laptop.
pub const WIDTHS: [u32; 3] = [320, 390, 1280];

pub fn every_page_fits_phone_and_desktop_widths_in_light_and_dark() -> Ran {
    let Some(chromium) = find_chromium() else {
        return skip("chromium not found (install Debian's `chromium` package, or set CHROMIUM)");
    };
    let built = BuiltExample::new();
    let server = StaticServer::start(&built.out());
    let all = pages(&built.out());
    let shown = one_of_each_kind(&all);
    // The example site has every kind of page: the checks below look at all of them.
    for kind in [
        "index",
        "404",
        "incidents/2",
        "maintenance/2",
        "components/2",
        "history/1",
        "history/3",
        "stats/1",
        "subscribe/1",
        "embed/1",
    ] {
        assert!(
            all.iter().any(|p| p.kind == kind),
            "no page of kind {kind} in {all:?}"
        );
    }
    let browser = Chromium::launch(&chromium);
    let mut page = browser.page();
    page.call("Page.enable", json!({}));
    let mut problems = Vec::new();
    let mut shots = 0;
    for width in WIDTHS {
        page.viewport(width);
        for scheme in ["light", "dark"] {
            page.color_scheme(scheme);
            // Every page in light; the colours do not move anything, so dark is looked at (and
            // photographed) on one page of each kind.
            let list = if scheme == "light" { &all } else { &shown };
            for p in list {
                let url = format!("http://{}{}", server.addr, p.path);
                open(&mut page, &url);
                let found = page.eval(&layout_problems(width));
                let found = found
                    .as_array()
                    .unwrap_or_else(|| panic!("layout check on {url}: {found}"));
                problems.extend(found.iter().map(|f| {
                    format!(
                        "{} at {width}px ({scheme}): {}",
                        p.path,
                        f.as_str().unwrap_or_default()
                    )
                }));
                if scheme == "light" {
                    let off = page.eval(&tooltips_off_screen(width));
                    let off = off
                        .as_array()
                        .unwrap_or_else(|| panic!("tooltips on {url}: {off}"));
                    problems.extend(off.iter().map(|f| {
                        format!(
                            "{} at {width}px: {}",
                            p.path,
                            f.as_str().unwrap_or_default()
                        )
                    }));
                }
                if p.kind == "components/2" && shown.contains(p) && scheme == "light" {
                    // A day's tooltip open, as a reader taps it.
                    page.eval("(function () { var d = Array.from(document.querySelectorAll('.ubd>i[tabindex]')).filter(d => d.getClientRects().length).pop(); d.scrollIntoView({ block: 'center' }); d.focus(); })()");
                    save_png(
                        &format!("{}-{width}-{scheme}-tooltip.png", p.name),
                        &page.screenshot(),
                    );
                    page.eval("document.activeElement.blur()");
                }
                if shown.contains(p) {
                    save_png(
                        &format!("{}-{width}-{scheme}.png", p.name),
                        &page.screenshot(),
                    );
                    shots += 1;
                }
            }
        }
    }
    assert_eq!(shots, shown.len() * WIDTHS.len() * 2);
    assert!(
        problems.is_empty(),
        "layout problems:\n{}",
        problems.join("\n")
    );
    eprintln!(
        "layout: {} pages at {WIDTHS:?} px, {shots} screenshots",
        all.len()
    );
    Ok(())
}
