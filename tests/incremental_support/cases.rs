//! The edits that reach the cases of reuse the guard names ([`CASES`]): a post still under way
//! in a later month than it began, the index's recent past, announcements and a day boundary
//! (a new maintenance window, in `mod.rs`, reaches the maintenance page).

use super::{Editor, Rng, heading_time, stamp};
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use statuspress::model::Site;
use std::fs;
use std::path::PathBuf;

/// The cases of reuse the edits must reach in every sequence: each is reached by an edit after
/// which the page it names differs from the build before.
pub const CASES: &[&str] = &[
    "continued",
    "recent past",
    "maintenance list",
    "announcement",
    "day boundary",
];

/// A page an edit means to change, and the case of reuse that shows.
pub struct Expected {
    pub case: &'static str,
    /// The file, relative to the output.
    pub path: String,
}

/// The history page of the month of `date`, as a file of the output.
fn month_page(date: NaiveDate) -> String {
    format!("history/{:04}/{:02}/index.html", date.year(), date.month())
}

impl Editor {
    /// Adds to the generated site what the edits of the [`CASES`] need from the start: an
    /// incident that began on the last evening of the month before and was resolved in the
    /// next, so the later month's page lists it as still under way; one on the index's recent
    /// past; and an announcement shown now.
    pub fn seed_cases(&self) {
        let site = self.site().expect("the generated site loads");
        let component = &site.catalog.components[0].id;
        let local = self.now.with_timezone(&self.tz);
        let first = local.date_naive().with_day(1).unwrap();
        let midnight = self
            .tz
            .from_local_datetime(&first.and_hms_opt(0, 0, 0).unwrap());
        let boundary = midnight.unwrap().with_timezone(&Utc);
        self.write_incident(
            "crossing",
            "Across the month",
            (
                boundary - Duration::hours(2),
                Some(boundary + Duration::hours(30)),
            ),
            component,
        );
        let recent = self.now - Duration::hours(26);
        self.write_incident(
            "recent",
            "Of the recent past",
            (recent, Some(recent + Duration::minutes(40))),
            component,
        );
        self.write_announcement("notice", "A notice", self.now - Duration::days(3));
    }

    /// Writes the incident `id` with `title`, started and resolved at `span`, affecting
    /// `component`.
    fn write_incident(
        &self,
        id: &str,
        title: &str,
        (started, resolved): (DateTime<Utc>, Option<DateTime<Utc>>),
        component: &str,
    ) -> PathBuf {
        let mut text = format!(
            "+++\ntitle = \"{title}\"\nimpact = \"major\"\nstarted = {}\naffected = [\"{component}\"]\n+++\n\nWhat happened.\n",
            stamp(started)
        );
        if let Some(end) = resolved {
            text.push_str(&format!("\n## Resolved — {}\nFixed.\n", heading_time(end)));
        }
        text.push_str(&format!(
            "\n## Investigating — {}\nLooking.\n",
            heading_time(started + Duration::minutes(1))
        ));
        let rel = PathBuf::from(format!("incidents/{}/{id}.md", started.format("%Y")));
        self.write(&rel, &text);
        rel
    }

    fn write_announcement(&self, id: &str, title: &str, show_from: DateTime<Utc>) -> PathBuf {
        let text = format!(
            "+++\ntitle = \"{title}\"\nshow_from = {}\n+++\n\nSomething to know.\n",
            stamp(show_from)
        );
        let rel = PathBuf::from(format!("announcements/{id}.md"));
        self.write(&rel, &text);
        rel
    }

    /// The local date of `t`.
    fn date(&self, t: DateTime<Utc>) -> NaiveDate {
        t.with_timezone(&self.tz).date_naive()
    }

    pub(super) fn expect(&mut self, case: &'static str, path: String) {
        self.expected = Some(Expected { case, path });
    }

    /// An incident still under way on a day of a later month than it started in, within the
    /// uptime bars' window, so that month's page names it: one retitled, or a new one.
    pub(super) fn continued(&mut self, rng: &mut Rng, site: &Site, components: &[&str]) -> String {
        let n = self.step;
        let bars_from = self.date(self.now) - Duration::days(80);
        let crossing: Vec<_> = (site.incidents.iter())
            .filter_map(|i| {
                let end = i.resolved?;
                let (from, to) = (self.date(i.started), self.date(end));
                let later = (from.year(), from.month()) < (to.year(), to.month());
                (later && to >= bars_from && end <= self.now).then_some((i, to))
            })
            .collect();
        if let Some(&(inc, to)) = rng.pick(&crossing).filter(|_| rng.below(4) != 0) {
            self.set_front_matter(&inc.path, "title", &format!("title = \"Across {n}\""));
            self.expect("continued", month_page(to));
            return format!("title of {}, under way into {to}", inc.path.display());
        }
        // A new one: from the evening before the first of a month of the window to a day or
        // two after it.
        let local = self.now.with_timezone(&self.tz).date_naive();
        let months_back = rng.range(0, 2) as u32;
        let first = (local.with_day(1).unwrap())
            .checked_sub_months(chrono::Months::new(months_back))
            .unwrap();
        let midnight = (self.tz)
            .from_local_datetime(&first.and_hms_opt(0, 0, 0).unwrap())
            .unwrap()
            .with_timezone(&Utc);
        let start = midnight - Duration::minutes(rng.range(10, 600));
        let end = (midnight + Duration::minutes(rng.range(10, 3000))).min(self.now);
        let c = *rng.pick(components).unwrap();
        let rel = self.write_incident(&format!("crossing-{n}"), "Across", (start, Some(end)), c);
        self.expect("continued", month_page(self.date(end)));
        format!(
            "new incident {} under way into {}",
            rel.display(),
            stamp(end)
        )
    }

    /// A post the index's recent past lists changes: the newest incident of the last days
    /// retitled, or a new one.
    pub(super) fn recent_past(
        &mut self,
        rng: &mut Rng,
        site: &Site,
        components: &[&str],
    ) -> String {
        let n = self.step;
        let newest = (site.incidents.iter())
            .filter(|i| i.started <= self.now && i.started > self.now - Duration::days(5))
            .max_by_key(|i| i.started);
        self.expect("recent past", "index.html".into());
        match newest.filter(|_| rng.below(4) != 0) {
            Some(inc) => {
                self.set_front_matter(&inc.path, "title", &format!("title = \"Recent {n}\""));
                format!("title of {}, on the recent past", inc.path.display())
            }
            None => {
                let start = self.now - Duration::minutes(rng.range(5, 24 * 60));
                let end = (start + Duration::minutes(rng.range(5, 120))).min(self.now);
                let c = *rng.pick(components).unwrap();
                let rel =
                    self.write_incident(&format!("recent-{n}"), "Recent", (start, Some(end)), c);
                format!("new incident {} on the recent past", rel.display())
            }
        }
    }

    /// An announcement shown now: a new one, one retitled, or one removed.
    pub(super) fn announcement(&mut self, rng: &mut Rng, site: &Site) -> String {
        let n = self.step;
        self.expect("announcement", "announcements/index.html".into());
        let shown: Vec<_> = (site.announcements.iter())
            .filter(|a| a.show_from <= self.now && a.show_until.is_none_or(|u| u > self.now))
            .collect();
        match (rng.below(3), rng.pick(&shown)) {
            (0, Some(a)) => {
                self.set_front_matter(&a.path, "title", &format!("title = \"Notice {n}\""));
                format!("title of {}", a.path.display())
            }
            (1, Some(a)) if shown.len() > 1 => {
                fs::remove_file(self.root.join(&a.path)).unwrap();
                format!("deleted {}", a.path.display())
            }
            _ => {
                let from = self.now - Duration::minutes(rng.range(1, 600));
                let rel = self.write_announcement(&format!("guard-{n}"), "Guard notice", from);
                format!("new announcement {}", rel.display())
            }
        }
    }

    /// The clock moves past the next local midnight: the recent past, the uptime bars and the
    /// days of history they link to move on by a day.
    pub(super) fn midnight(&mut self, rng: &mut Rng) -> String {
        let next = self.date(self.now).succ_opt().unwrap();
        let midnight = (self.tz)
            .from_local_datetime(&next.and_hms_opt(0, 0, 0).unwrap())
            .unwrap()
            .with_timezone(&Utc);
        self.now = midnight + Duration::minutes(rng.range(1, 30));
        self.expect("day boundary", "index.html".into());
        format!("clock moved past midnight to {}", stamp(self.now))
    }
}
