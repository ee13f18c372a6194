//! The URL layout of a built site: the one place where an output path, a page address or a
//! relative root is computed.
//!
//! A page's URL is relative to the site root and ends in `/` (the index is `""`); its file is
//! that URL followed by `index.html`. Other outputs (feeds, badges, the API) are plain file
//! paths, also relative to the site root. Pages link to each other through their relative root,
//! `../` once per folder the page sits in, so a site works under any base path.

/// The index page's URL.
pub const INDEX: &str = "";
/// The history index page's URL.
pub const HISTORY: &str = "history/";
/// The uptime and incident statistics page's URL.
pub const STATS: &str = "stats/";
/// The embeddable widget page's URL: in the reader's colour scheme.
pub const EMBED: &str = "embed/";
/// The embeddable widget, always light.
pub const EMBED_LIGHT: &str = "embed/light/";
/// The embeddable widget, always dark.
pub const EMBED_DARK: &str = "embed/dark/";
/// The page that lists every way to follow the site's updates.
pub const SUBSCRIBE: &str = "subscribe/";
/// The page listing the maintenance windows in progress and every one scheduled (the index and
/// the component pages show the next few).
pub const MAINTENANCE_LIST: &str = "maintenance/";
/// The page listing every announcement shown now (the index shows the first few).
pub const ANNOUNCEMENT_LIST: &str = "announcements/";
/// The page servers show for a missing path; it sits at the root, outside the `index.html` layout.
pub const NOT_FOUND_FILE: &str = "404.html";
/// The name of the file holding a page, inside the page's folder.
pub const PAGE_FILE_NAME: &str = "index.html";

/// The sitemap, or the sitemap index of a site past 50,000 pages.
pub const SITEMAP: &str = "sitemap.xml";

/// Part `n` (from 1) of a sitemap split past 50,000 pages.
pub fn sitemap_part(n: usize) -> String {
    format!("sitemap-{n}.xml")
}

/// The component list on the home page, where groups are shown.
pub const COMPONENT_LIST: &str = "#components-h";

/// The stylesheet every page shares (the 404 page carries it inline).
pub const STYLESHEET: &str = "style.css";
/// The script every page shares that switches their times to UTC and back (the 404 page
/// carries it inline).
pub const TIMES_SCRIPT: &str = "times.js";
/// Atom feed of the whole page's incident history.
pub const HISTORY_ATOM: &str = "history.atom";
/// RSS feed of the whole page's incident history.
pub const HISTORY_RSS: &str = "history.rss";
/// iCalendar file of maintenance windows.
pub const MAINTENANCE_CALENDAR: &str = "maintenance.ics";
/// SVG badge of the whole page's status.
pub const BADGE: &str = "badge.svg";
/// shields.io endpoint document of the whole page's status.
pub const SHIELDS: &str = "shields.json";
/// SVG badge of a component's 30-day uptime, in its folder.
pub const UPTIME_BADGE: &str = "uptime.svg";
/// shields.io endpoint document of a component's 30-day uptime, in its folder.
pub const UPTIME_SHIELDS: &str = "uptime.json";
/// The image of a component's or group's daily uptime bar, in its folder (not `uptime.svg`,
/// which is the uptime badge).
pub const UPTIME_BAR_IMAGE: &str = "uptime-bar.svg";
/// The id of the component page's section with its day-by-day bar.
pub const UPTIME_ANCHOR: &str = "uptime-h";
/// Uptime figures as JSON.
pub const API_UPTIME: &str = "api/uptime.json";
/// What the probes measured, as JSON (only for sites with probes).
pub const API_PROBES: &str = "api/probes.json";

/// The Statuspage API v2 files, relative to the site root.
pub mod api {
    /// Page, components, unresolved incidents, upcoming and active maintenance, status.
    pub const SUMMARY: &str = "api/v2/summary.json";
    /// Page and status indicator.
    pub const STATUS: &str = "api/v2/status.json";
    /// Page and components.
    pub const COMPONENTS: &str = "api/v2/components.json";
    /// The most recent incidents.
    pub const INCIDENTS: &str = "api/v2/incidents.json";
    /// Unresolved incidents.
    pub const INCIDENTS_UNRESOLVED: &str = "api/v2/incidents/unresolved.json";
    /// The most recent maintenance windows.
    pub const MAINTENANCES: &str = "api/v2/scheduled-maintenances.json";
    /// Maintenance windows not yet started.
    pub const MAINTENANCES_UPCOMING: &str = "api/v2/scheduled-maintenances/upcoming.json";
    /// Maintenance windows in progress.
    pub const MAINTENANCES_ACTIVE: &str = "api/v2/scheduled-maintenances/active.json";

    /// Every API v2 file.
    #[cfg(test)]
    pub const ALL: &[&str] = &[
        SUMMARY,
        STATUS,
        COMPONENTS,
        INCIDENTS,
        INCIDENTS_UNRESOLVED,
        MAINTENANCES,
        MAINTENANCES_UPCOMING,
        MAINTENANCES_ACTIVE,
    ];
}

/// The URL of the incident with file id `id`: `incidents/<id>/`.
pub fn incident(id: &str) -> String {
    format!("incidents/{id}/")
}

/// The id of the postmortem's block on its incident's page.
pub const POSTMORTEM_ANCHOR: &str = "postmortem";

/// The URL of the postmortem of the incident with file id `id`: `incidents/<id>/#postmortem`.
pub fn postmortem(id: &str) -> String {
    format!("{}#{POSTMORTEM_ANCHOR}", incident(id))
}

/// The URL of the maintenance window with file id `id`: `maintenance/<id>/`.
pub fn maintenance(id: &str) -> String {
    format!("maintenance/{id}/")
}

/// The URL of the announcement with file id `id`: `announcements/<id>/`.
pub fn announcement(id: &str) -> String {
    format!("announcements/{id}/")
}

/// The anchor of one occurrence of a recurring maintenance window on its page, from the local
/// date that names it: `on-2026-11-29`.
pub fn occurrence_anchor(date: chrono::NaiveDate) -> String {
    format!("on-{date}")
}

/// The URL of one occurrence of the recurring maintenance window with file id `id`: its page,
/// at the occurrence's anchor (`maintenance/<id>/#on-2026-11-29`).
pub fn maintenance_occurrence(id: &str, date: chrono::NaiveDate) -> String {
    format!("{}#{}", maintenance(id), occurrence_anchor(date))
}

/// The page of a maintenance window: its own, or for one occurrence of a recurring window, its
/// file's page at the occurrence's anchor.
pub fn window(m: &super::Maintenance) -> String {
    m.occurrence.map_or_else(
        || maintenance(&m.id),
        |o| maintenance_occurrence(&m.id, o.date),
    )
}

/// The URL of the component with id `id`: `components/<id>/`.
pub fn component(id: &str) -> String {
    format!("components/{id}/")
}

/// The URL of a month of history, from its `YYYY/MM` key: `history/YYYY/MM/`.
pub fn month(key: &str) -> String {
    format!("{HISTORY}{key}/")
}

/// The `YYYY/MM` key of the month of history holding the local date `date`.
pub fn month_key(date: chrono::NaiveDate) -> String {
    date.format("%Y/%m").to_string()
}

/// The id of a day's entries on its month of history, from the local date: `2026-10-03`.
pub fn day_anchor(date: chrono::NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// The URL of a day on its month of history, from the local date in the site time zone:
/// `history/2026/10/#2026-10-03`.
pub fn history_day(date: chrono::NaiveDate) -> String {
    format!("{}#{}", month(&month_key(date)), day_anchor(date))
}

/// The component page's day-by-day uptime bar: `components/<id>/#uptime-h`.
pub fn component_uptime(id: &str) -> String {
    format!("{}#{UPTIME_ANCHOR}", component(id))
}

/// The image of a component's uptime bar: `components/<id>/uptime-bar.svg`.
pub fn component_bar_image(id: &str) -> String {
    format!("{}{UPTIME_BAR_IMAGE}", component(id))
}

/// The image of a group's uptime bar: `groups/<id>/uptime-bar.svg` (a group has no page; its
/// folder holds only that image).
pub fn group_bar_image(id: &str) -> String {
    format!("groups/{id}/{UPTIME_BAR_IMAGE}")
}

/// The Atom feed of one component's incident history: `components/<id>/history.atom`.
pub fn component_feed(id: &str) -> String {
    format!("{}{HISTORY_ATOM}", component(id))
}

/// The SVG badge of one component: `components/<id>/badge.svg`.
pub fn component_badge(id: &str) -> String {
    format!("{}{BADGE}", component(id))
}

/// The shields.io endpoint document of one component: `components/<id>/shields.json`.
pub fn component_shields(id: &str) -> String {
    format!("{}{SHIELDS}", component(id))
}

/// The SVG badge of one component's 30-day uptime: `components/<id>/uptime.svg`.
pub fn component_uptime_badge(id: &str) -> String {
    format!("{}{UPTIME_BADGE}", component(id))
}

/// The shields.io endpoint document of one component's 30-day uptime:
/// `components/<id>/uptime.json`.
pub fn component_uptime_shields(id: &str) -> String {
    format!("{}{UPTIME_SHIELDS}", component(id))
}

/// Where the file at `path` under the site's `static/` folder is published: the same path,
/// relative to the site root.
pub fn static_file(path: &str) -> String {
    path.to_string()
}

/// The file holding the page at `url`: `<url>index.html`.
pub fn page_file(url: &str) -> String {
    format!("{url}{PAGE_FILE_NAME}")
}

/// The URL of the page held in the file at `path`, or `None` for a file that is not a page's.
pub fn page_of_file(path: &str) -> Option<&str> {
    path.strip_suffix(PAGE_FILE_NAME)
}

/// The absolute address of `path` on a site whose base address is `base_url` (no trailing `/`).
pub fn absolute(base_url: &str, path: &str) -> String {
    format!("{base_url}/{path}")
}

/// The folder a language other than the site's default is published in: `<tag>/`. The default
/// language is published at the site root, `""`.
pub fn language_root(tag: &str) -> String {
    format!("{tag}/")
}

/// The relative path from the pages of the language whose root is `from` to the same page of
/// the language whose root is `to` (both from [`language_root`], or `""` for the default):
/// `de/` from the default, `../` back to it, `../fr/` from one to another.
pub fn between_languages(from: &str, to: &str) -> String {
    format!("{}{to}", root_of(from))
}

/// Whether `name` is a folder at the site root that the site publishes itself (the API,
/// posts, components, history and the other pages), which a language's folder may not be.
pub fn is_site_folder(name: &str) -> bool {
    let folders = [
        HISTORY,
        STATS,
        EMBED,
        SUBSCRIBE,
        "api/",
        "incidents/",
        "maintenance/",
        "announcements/",
        "components/",
        "groups/",
    ];
    folders
        .iter()
        .any(|f| f.trim_end_matches('/').eq_ignore_ascii_case(name))
}

/// The `webcal://` form of an absolute `http(s)` address, which calendar apps open as a
/// subscription (an address of another scheme is returned as it is).
pub fn webcal(absolute: &str) -> String {
    match absolute
        .strip_prefix("https://")
        .or_else(|| absolute.strip_prefix("http://"))
    {
        Some(rest) => format!("webcal://{rest}"),
        None => absolute.to_string(),
    }
}

/// How many folders deep the URL or file `path` (relative to the site root) sits.
pub fn depth(path: &str) -> usize {
    path.matches('/').count()
}

/// The relative path that climbs `levels` folders: `../` that many times.
pub fn up(levels: usize) -> String {
    "../".repeat(levels)
}

/// The relative root of the page or file at `path` (relative to the site root): the prefix that
/// turns a root-relative link into one relative to that page, e.g. `../../` for `incidents/x/`.
pub fn root_of(path: &str) -> String {
    up(depth(path))
}

#[cfg(test)]
mod tests;
