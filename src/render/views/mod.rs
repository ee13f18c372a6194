//! Serializable views of the model that templates read. The site-wide ones are built once per
//! build and shared by pages; those of posts when a page needs them ([`Views::incident`]).
//!
//! `components` holds the views of components and groups, `posts` those of incidents and
//! maintenance windows (`updates` those of their timelines), `announcements` those of
//! announcements, `uptime` the bars and figures, `badges` what an uptime badge says, `subscribe`
//! what the subscribe page and a component's feeds and badges list, `format` how times,
//! durations and percentages read, `languages` the site's languages as the switcher and the
//! alternates name them, `untranslated` what a page says of a post left in the default language.

mod announcements;
pub mod badges;
mod components;
pub mod format;
mod languages;
mod post_views;
mod postmortem;
mod posts;
pub mod probes;
mod subscribe;
mod untranslated;
mod updates;
pub mod uptime;

pub use announcements::AnnouncementView;
pub use components::{ComponentView, Entry, listed_entries};
pub use languages::{Edition, LanguageView};
#[cfg(test)]
use post_views::NoneKept;
pub(crate) use post_views::{KeptViews, PostViews};
pub use postmortem::incident_postmortem;
pub use posts::PostView;
pub use subscribe::{FollowView, SubscribeView};
pub use updates::{incident_updates, maintenance_updates};

use crate::derive::State;
use crate::i18n::Table;
use crate::model::ComponentStatus;
use crate::model::Site;
use crate::model::config::Branding;
use crate::model::urls;
use components::{component_views, entries};
use format::{TimeView, time_view};
use serde::Serialize;

/// Site-wide values every page gets as `site`.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    /// Site description.
    pub description: String,
    /// Absolute address of the pages of this language (the site's base address, or its
    /// language's folder there), no trailing slash.
    pub base_url: String,
    /// Path part of the base address, ending in `/`.
    pub base_path: String,
    /// Language tag.
    pub language: String,
    /// The site's languages, the default first: one for a site of one language.
    pub languages: Vec<LanguageView>,
    /// The language's direction, `ltr` or `rtl`: `<html>` carries `dir="rtl"` for the latter.
    pub direction: &'static str,
    /// IANA name of the display time zone.
    pub time_zone: String,
    /// What the footer says of the times: the zone and its UTC offsets, e.g. "Times are in
    /// Europe/Berlin time: CET (UTC+1) or CEST (UTC+2)."
    pub time_note: String,
    /// Whether pages offer to show their times in UTC: false for a site whose zone is UTC.
    pub time_toggle: bool,
    /// The build instant.
    pub now: TimeView,
    /// Page indicator (`none`, `minor`, `major`, `critical`, `maintenance`).
    pub indicator: String,
    /// Banner headline, e.g. "Partial outage".
    pub headline: String,
    /// The worst current component status.
    pub worst_status: String,
    /// Site-wide pages and files, relative to the site root (prefix them with `root`).
    pub links: Links,
    /// What the pages say about their own freshness.
    pub refresh: Refresh,
    /// The logo and favicon, if set.
    pub branding: BrandingView,
    /// The size of the uptime bars' images, and how a narrow screen crops them.
    pub bar: uptime::image::BarGeometry,
}

/// The site's logo and favicon, relative to the site root (prefix them with `root`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct BrandingView {
    /// The logo the header shows in place of the title.
    pub logo: Option<String>,
    /// The favicon.
    pub favicon: Option<String>,
    /// The favicon's media type, e.g. `image/svg+xml`.
    pub favicon_type: Option<&'static str>,
}

impl BrandingView {
    /// The view of `branding` for pages whose links to shared files start with `shared`.
    fn new(branding: &Branding, shared: &str) -> Self {
        let file =
            |a: &crate::model::config::Asset| format!("{shared}{}", urls::static_file(&a.path));
        BrandingView {
            logo: branding.logo.as_ref().map(file),
            favicon: branding.favicon.as_ref().map(file),
            favicon_type: branding.favicon.as_ref().map(|a| a.media_type),
        }
    }
}

/// What a page tells the reader, and its refresh script, about its own freshness: the build
/// instant is `site.now`; this holds what `api/v2/status.json` said at that instant, when the
/// page counts as stale, and whether the index and the embed carry the script.
#[derive(Debug, Clone, Serialize)]
pub struct Refresh {
    /// `page.updated_at` of `api/v2/status.json`, exactly as written there.
    pub page_updated: String,
    /// `status.indicator` of `api/v2/status.json`.
    pub status_indicator: &'static str,
    /// Minutes after the build from which a page says it may be out of date.
    pub stale_after_minutes: u32,
    /// Whether the index and the embed carry the refresh script (`auto_refresh`, and never in
    /// `serve`'s preview, which reloads pages itself).
    pub script: bool,
}

/// Where the site-wide pages and files are, relative to the root of the page's language, from
/// [`urls`]: templates link `{{ root }}{{ site.links.history }}` instead of spelling the layout
/// themselves. Files all languages share (the stylesheet, the API) climb out of a language's
/// folder: `../style.css` from `/de/`.
#[derive(Debug, Clone, Serialize)]
pub struct Links {
    /// The history index.
    pub history: &'static str,
    /// The uptime and incident statistics page.
    pub stats: &'static str,
    /// The embeddable widget.
    pub embed: &'static str,
    /// The page listing every way to follow the site's updates.
    pub subscribe: &'static str,
    /// The page of every maintenance window in progress and scheduled.
    pub maintenance: &'static str,
    /// The page of every announcement shown now.
    pub announcements: &'static str,
    /// The stylesheet the pages share.
    pub style: String,
    /// The script of the pages that shows their times in UTC on request (one per language:
    /// it holds the button's words).
    pub times_script: &'static str,
    /// The Atom feed of the whole page.
    pub history_atom: &'static str,
    /// The RSS feed of the whole page.
    pub history_rss: &'static str,
    /// The maintenance calendar.
    pub maintenance_calendar: &'static str,
    /// The status badge.
    pub badge: &'static str,
    /// The Statuspage-compatible summary.
    pub api_summary: String,
    /// Uptime figures as JSON.
    pub api_uptime: String,
    /// The Statuspage-compatible status, which the refresh script polls.
    pub api_status: String,
}

impl Links {
    /// The links of pages whose links to shared files start with `shared` (`""` at the site
    /// root, `../` in a language's folder).
    fn new(shared: &str) -> Links {
        Links {
            history: urls::HISTORY,
            stats: urls::STATS,
            embed: urls::EMBED,
            subscribe: urls::SUBSCRIBE,
            maintenance: urls::MAINTENANCE_LIST,
            announcements: urls::ANNOUNCEMENT_LIST,
            style: format!("{shared}{}", urls::STYLESHEET),
            times_script: urls::TIMES_SCRIPT,
            history_atom: urls::HISTORY_ATOM,
            history_rss: urls::HISTORY_RSS,
            maintenance_calendar: urls::MAINTENANCE_CALENDAR,
            badge: urls::BADGE,
            api_summary: format!("{shared}{}", urls::api::SUMMARY),
            api_uptime: format!("{shared}{}", urls::API_UPTIME),
            api_status: format!("{shared}{}", urls::api::STATUS),
        }
    }
}

/// All views of one build.
///
/// A build does not hold the views of incidents and maintenance windows: at 100,000 incidents
/// they would be a third of its memory. [`Views::incident`] and [`Views::window`] make one when
/// a page or list needs it, and pages drop it with the page. A rendering whose views of posts
/// are kept for the next one (`serve`, see [`KeptViews::keeps`]) holds them all instead.
#[derive(Debug, Clone, Serialize)]
pub struct Views<'a> {
    /// Site-wide values.
    pub site: SiteView,
    /// Component list rows in display order.
    pub entries: Vec<Entry>,
    /// Components in catalogue order.
    pub components: Vec<ComponentView>,
    /// Announcements in `site.announcements` order.
    pub announcements: Vec<AnnouncementView>,
    /// Uptime bars, figures, SLOs and statistics.
    pub uptime: uptime::UptimeViews,
    /// What the probes measured, per component.
    pub probes: probes::ProbeViews,
    /// The language's texts, which every view and file of the build reads.
    #[serde(skip)]
    pub t: &'static Table,
    /// The site and state the views are of, which post views are built from.
    #[serde(skip)]
    of: (&'a Site, &'a State),
    /// The view of every post, made with the others, for a rendering that keeps them.
    #[serde(skip)]
    posts: Option<PostViews>,
}

impl<'a> Views<'a> {
    /// Builds the views of the pages of `edition` (see [`Views::build_reusing`]); those of posts
    /// are made where pages need them.
    #[cfg(test)]
    pub fn build(
        site: &'a Site,
        state: &'a State,
        refresh: Refresh,
        edition: &Edition,
        t: &'static Table,
    ) -> Views<'a> {
        Views::build_reusing(site, state, refresh, edition, t, &NoneKept)
    }

    /// Builds the site-wide views of the pages of `edition`. The views of posts too, in
    /// parallel, if `kept` keeps them (taking those it has); otherwise each is made where a
    /// page needs it. `refresh` comes from the API's own values
    /// (`render::data::api::Api::refresh`), so the page and `api/v2/status.json` cannot
    /// disagree.
    pub(crate) fn build_reusing(
        site: &'a Site,
        state: &'a State,
        refresh: Refresh,
        edition: &Edition,
        t: &'static Table,
        kept: &dyn KeptViews,
    ) -> Views<'a> {
        let tz = site.config.time_zone;
        let cfg = &site.config;
        let worst = state
            .component_status
            .iter()
            .copied()
            .max()
            .unwrap_or(ComponentStatus::Operational);
        let site_view = SiteView {
            title: cfg.title.clone(),
            description: cfg.description.clone(),
            base_url: cfg.base_url.clone(),
            base_path: cfg.base_path(),
            language: cfg.language.clone(),
            languages: languages::language_views(cfg, edition),
            direction: t.direction().as_str(),
            time_zone: tz.name().to_string(),
            time_note: format::zone_note(tz, state.now, t),
            time_toggle: !format::always_utc(tz, state.now),
            now: time_view(state.now, tz, t),
            indicator: state.indicator.as_str().to_string(),
            headline: t.of("banner", state.indicator.as_str()).to_string(),
            worst_status: worst.as_str().to_string(),
            links: Links::new(&edition.shared()),
            refresh,
            branding: BrandingView::new(&cfg.branding, &edition.shared()),
            bar: uptime::image::BarGeometry::of(state.uptime.days.len()),
        };
        let probes = probes::ProbeViews::build(site, &state.probes, &state.group_members, t);
        let mut components = component_views(site, state, t);
        for (c, view) in components.iter_mut().enumerate() {
            view.measured.clone_from(&probes.summary[c]);
            view.upstream = (probes.components[c].iter())
                .find_map(|p| p.upstream.clone())
                .map(Box::new);
        }
        let entries = entries(site, state, &components, &probes.groups, t);
        let uptime = uptime::UptimeViews::build(site, &state.uptime, &edition.shared(), t);
        let announcements = site
            .announcements
            .iter()
            .map(|a| announcements::announcement_view(a, state.now, tz, t))
            .collect();
        let mut views = Views {
            site: site_view,
            entries,
            components,
            announcements,
            uptime,
            probes,
            t,
            of: (site, state),
            posts: None,
        };
        if kept.keeps() {
            views.posts = Some(views.all_posts(kept));
        }
        views
    }
}
