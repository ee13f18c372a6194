//! Random edits of a site folder, as an author makes them while `serve` runs: each one chosen
//! from a seeded stream, so that a failing sequence can be replayed from its seed.

mod cases;

pub use cases::{CASES, Expected};

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use chrono_tz::Tz;
use statuspress::load;
use statuspress::model::Site;
use std::fs;
use std::path::{Path, PathBuf};

/// SplitMix64, as the site generator uses.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5EED_0F5E_12E5)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        (!items.is_empty()).then(|| &items[self.below(items.len())])
    }
}

/// The site being edited, and the clock `serve` builds it at.
pub struct Editor {
    pub root: PathBuf,
    pub now: DateTime<Utc>,
    /// The site's other language, if it has one.
    pub other_language: Option<&'static str>,
    step: usize,
    /// The site's time zone (days and months are local).
    tz: Tz,
    /// Kinds of edit still to make in this round, drawn in random order so that every kind
    /// comes up in every [`KINDS`] steps.
    deck: Vec<usize>,
    /// The page the last edit means to change, if it is one of the [`CASES`].
    pub expected: Option<Expected>,
}

/// The kinds of edit ([`Editor::try_edit`] names them).
pub const KINDS: usize = 19;

fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn heading_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

impl Editor {
    pub fn new(
        root: &Path,
        now: DateTime<Utc>,
        tz: Tz,
        other_language: Option<&'static str>,
    ) -> Editor {
        Editor {
            root: root.to_path_buf(),
            now,
            other_language,
            tz,
            step: 0,
            deck: Vec::new(),
            expected: None,
        }
    }

    fn write(&self, rel: &Path, text: &str) {
        let p = self.root.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }

    fn read(&self, rel: &Path) -> String {
        fs::read_to_string(self.root.join(rel)).unwrap()
    }

    /// Replaces the first line of `rel` that starts with `prefix` by `line`, or inserts `line`
    /// after the opening `+++` when there is none.
    fn set_front_matter(&self, rel: &Path, prefix: &str, line: &str) {
        let text = self.read(rel);
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        match lines.iter().position(|l| l.starts_with(prefix)) {
            Some(i) => lines[i] = line.to_string(),
            None => lines.insert(1, line.to_string()),
        }
        self.write(rel, &(lines.join("\n") + "\n"));
    }

    /// The site as it is now, if it loads.
    fn site(&self) -> Option<Site> {
        load::load(&self.root).ok()
    }

    /// Makes one random edit and says what it was.
    pub fn edit(&mut self, rng: &mut Rng) -> String {
        self.step += 1;
        self.expected = None;
        let Some(site) = self.site() else {
            // A broken site (an edit left an error): the next edit deletes the file at fault
            // or undoes the template and translation overrides.
            return self.repair();
        };
        for _ in 0..2 * KINDS {
            if self.deck.is_empty() {
                self.deck = (0..KINDS).collect();
            }
            let kind = self.deck.swap_remove(rng.below(self.deck.len()));
            // A kind that does not apply now (no open incident to update) is skipped.
            if let Some(done) = self.try_edit(kind, rng, &site) {
                return done;
            }
        }
        self.tick(false, rng)
    }

    fn try_edit(&mut self, kind: usize, rng: &mut Rng, site: &Site) -> Option<String> {
        let n = self.step;
        let components: Vec<&str> = site
            .catalog
            .components
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        match kind {
            0 | 1 => Some(self.new_incident(rng, &components)),
            2 => {
                let inc = rng.pick(&site.incidents)?;
                self.set_front_matter(&inc.path, "title", &format!("title = \"Retitled {n}\""));
                Some(format!("title of {}", inc.path.display()))
            }
            3 => {
                let inc = rng.pick(&site.incidents)?;
                let impact = *rng.pick(&["none", "minor", "major", "critical"])?;
                self.set_front_matter(&inc.path, "impact", &format!("impact = \"{impact}\""));
                Some(format!("impact of {} to {impact}", inc.path.display()))
            }
            4 => {
                // An open incident moves on: a new update, which may resolve it.
                let open: Vec<_> = site
                    .incidents
                    .iter()
                    .filter(|i| i.resolved.is_none())
                    .collect();
                let inc = *rng.pick(&open)?;
                let latest = inc
                    .updates
                    .iter()
                    .map(|u| u.at)
                    .max()
                    .unwrap_or(inc.started);
                let at = (latest + Duration::minutes(1)).max(self.now - Duration::minutes(1));
                if at > self.now {
                    return None;
                }
                let word = *rng.pick(&["Identified", "Monitoring", "Resolved"])?;
                let text = self.read(&inc.path);
                let end = text[3..].find("+++")? + 6;
                let update = format!("\n## {word} — {}\nStep {n}.\n", heading_time(at));
                self.write(
                    &inc.path,
                    &format!("{}{update}{}", &text[..end], &text[end..]),
                );
                Some(format!("{word} update of {}", inc.path.display()))
            }
            5 => {
                // Moved back across months (earlier, so its updates stay after its start).
                let inc = rng.pick(&site.incidents)?;
                let to = inc.started - Duration::days(rng.range(20, 400));
                self.set_front_matter(&inc.path, "started", &format!("started = {}", stamp(to)));
                Some(format!(
                    "start of {} moved to {}",
                    inc.path.display(),
                    stamp(to)
                ))
            }
            6 => {
                let all: Vec<&Path> = (site.incidents.iter().map(|i| i.path.as_path()))
                    .chain(site.maintenance.iter().map(|m| m.path.as_path()))
                    .collect();
                let path = *rng.pick(&all)?;
                fs::remove_file(self.root.join(path)).unwrap();
                // Its translations go with it.
                if let Some(lang) = self.other_language {
                    let _ =
                        fs::remove_file(self.root.join(path.with_extension(format!("{lang}.md"))));
                }
                Some(format!("deleted {}", path.display()))
            }
            7 => {
                let text = self.read(Path::new("components.toml"));
                let names: Vec<usize> = text.match_indices("\nname = \"").map(|(i, _)| i).collect();
                let at = *rng.pick(&names)? + 1;
                let end = at + text[at..].find('\n')?;
                let renamed = format!("name = \"Renamed {n}\"");
                self.write(
                    Path::new("components.toml"),
                    &format!("{}{renamed}{}", &text[..at], &text[end..]),
                );
                Some(format!("renamed a component or group: {renamed}"))
            }
            8 => Some(self.template(rng)),
            9 => Some(self.translation(rng, site)?),
            10 => Some(self.tick(false, rng)),
            11 => Some(self.tick(true, rng)),
            12 => {
                let done = self.new_maintenance(rng, &components);
                self.expect("maintenance list", "maintenance/index.html".into());
                Some(done)
            }
            13 => {
                let m = rng.pick(&site.maintenance)?;
                self.set_front_matter(&m.path, "title", &format!("title = \"Window {n}\""));
                Some(format!("title of {}", m.path.display()))
            }
            15 => Some(self.continued(rng, site, &components)),
            16 => Some(self.recent_past(rng, site, &components)),
            17 => Some(self.announcement(rng, site)),
            18 => Some(self.midnight(rng)),
            _ => {
                // The same text saved again: nothing changes.
                let inc = rng.pick(&site.incidents)?;
                let text = self.read(&inc.path);
                self.write(&inc.path, &text);
                Some(format!("saved {} unchanged", inc.path.display()))
            }
        }
    }

    fn new_incident(&self, rng: &mut Rng, components: &[&str]) -> String {
        let n = self.step;
        let recent = rng.below(2) == 0;
        let started = if recent {
            self.now - Duration::minutes(rng.range(30, 10 * 24 * 60))
        } else {
            self.now - Duration::days(rng.range(10, 3000))
        };
        let open = recent && rng.below(3) == 0;
        let a = rng.pick(components).unwrap();
        let b = rng.pick(components).unwrap();
        let impact = ["minor", "major", "critical"][rng.below(3)];
        let mut text = format!(
            "+++\ntitle = \"Guard incident {n}\"\nimpact = \"{impact}\"\nstarted = {}\naffected = [\"{a}\", \"{b}\"]\n+++\n\nWhat happened in step {n}.\n",
            stamp(started)
        );
        if !open {
            let end = started + Duration::minutes(rng.range(5, 600)).min(self.now - started);
            text.push_str(&format!("\n## Resolved — {}\nFixed.\n", heading_time(end)));
        }
        let first = started + Duration::minutes(1);
        if first <= self.now {
            text.push_str(&format!(
                "\n## Investigating — {}\nLooking.\n",
                heading_time(first)
            ));
        }
        let local = started.format("%Y");
        let rel = PathBuf::from(format!("incidents/{local}/guard-{n}.md"));
        self.write(&rel, &text);
        format!(
            "new {}incident {}",
            if open { "open " } else { "" },
            rel.display()
        )
    }

    fn new_maintenance(&self, rng: &mut Rng, components: &[&str]) -> String {
        let n = self.step;
        let start = self.now + Duration::minutes(rng.range(2, 180));
        let end = start + Duration::minutes(rng.range(30, 240));
        let c = rng.pick(components).unwrap();
        let repeat = if rng.below(3) == 0 {
            "repeat = \"FREQ=WEEKLY\"\n"
        } else {
            ""
        };
        let text = format!(
            "+++\ntitle = \"Guard window {n}\"\nstart = {}\nend = {}\n{repeat}affected = [\"{c}\"]\n+++\n\nPlanned in step {n}.\n\n## Scheduled — {}\nAnnounced.\n",
            stamp(start),
            stamp(end),
            heading_time(self.now - Duration::minutes(1)),
        );
        let rel = PathBuf::from(format!("maintenance/guard-{n}.md"));
        self.write(&rel, &text);
        format!(
            "new {}window {} at {}",
            if repeat.is_empty() { "" } else { "weekly " },
            rel.display(),
            stamp(start)
        )
    }

    /// The clock moves on: a minute or a few, or with `to_window`, to just after the start of
    /// the next maintenance window, which opens.
    fn tick(&mut self, to_window: bool, rng: &mut Rng) -> String {
        let next_start = self.site().and_then(|s| {
            (s.maintenance.iter())
                .flat_map(|m| m.windows(self.now, self.now + Duration::days(60)))
                .map(|w| w.start)
                .filter(|&t| t > self.now)
                .min()
        });
        self.now = match next_start.filter(|_| to_window) {
            Some(t) => t + Duration::minutes(rng.range(0, 20)),
            None if rng.below(2) == 0 => self.now + Duration::minutes(1),
            None => self.now + Duration::minutes(rng.range(5, 120)),
        };
        let opens = if to_window && next_start.is_some() {
            ": a window opens"
        } else {
            ""
        };
        format!("clock moved to {}{opens}", stamp(self.now))
    }

    fn template(&self, rng: &mut Rng) -> String {
        let n = self.step;
        let name = *rng
            .pick(&[
                "base.html",
                "incident.html",
                "history.html",
                "index.html",
                "post_line.html",
            ])
            .unwrap();
        let rel = PathBuf::from(format!("templates/{name}"));
        if rng.below(3) == 0 && self.root.join(&rel).exists() {
            fs::remove_file(self.root.join(&rel)).unwrap();
            return format!("removed the override of {name}");
        }
        let text = if name == "base.html" {
            let builtin =
                fs::read_to_string(crate::common::repo().join("templates/base.html")).unwrap();
            builtin.replace("</main>", &format!("<p>Edit {n}</p></main>"))
        } else if name == "post_line.html" {
            // An entry that shows what the site view says: it changes with the site's status.
            format!(
                "{{% import \"macros.html\" as m -%}}<!-- {n} {{{{ site.indicator }}}} {{{{ site.headline }}}} -->{{{{ m::post_line(post=post, root=root) }}}}"
            )
        } else {
            format!(
                "{{% extends \"builtin/{name}\" %}}{{% block title %}}Edit {n} · {{{{ super() }}}}{{% endblock title %}}"
            )
        };
        self.write(&rel, &text);
        format!("template override of {name}")
    }

    /// A translation changes: the site's texts of a language, or a post's sibling in the
    /// other language.
    fn translation(&self, rng: &mut Rng, site: &Site) -> Option<String> {
        let n = self.step;
        let lang = match self.other_language {
            Some(other) if rng.below(2) == 0 => {
                let inc = rng.pick(&site.incidents)?;
                let original = self.read(&inc.path);
                let body = &original[original[3..].find("+++")? + 6..];
                let rel = inc.path.with_extension(format!("{other}.md"));
                self.write(
                    &rel,
                    &format!("+++\ntitle = \"Übersetzt {n}\"\n+++\n{body}"),
                );
                return Some(format!("translation {}", rel.display()));
            }
            Some(other) if rng.below(2) == 0 => other,
            _ => "en",
        };
        let rel = PathBuf::from(format!("i18n/{lang}.toml"));
        self.write(&rel, &format!("[site]\nnav_history = \"History {n}\"\n"));
        Some(format!("texts of {lang} in {}", rel.display()))
    }

    /// Undoes what breaks the site: overrides, and the last post file written.
    fn repair(&mut self) -> String {
        let errors = match load::load(&self.root) {
            Ok(_) => Vec::new(),
            Err(errors) => errors,
        };
        for d in &errors {
            let _ = fs::remove_file(self.root.join(&d.path));
        }
        let _ = fs::remove_dir_all(self.root.join("templates"));
        let _ = fs::remove_dir_all(self.root.join("i18n"));
        format!("repaired: removed {} files with errors", errors.len())
    }
}
