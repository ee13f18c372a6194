//! Generates realistic status sites of any size, deterministically from a seed.
//!
//! Shared by the `gen-site` example and the integration test that checks its output. Every file
//! is a pure function of the parameters: incident `i` draws from its own random stream, so the
//! same parameters always give byte-identical sites.

mod text;

use chrono::{DateTime, Duration, LocalResult, SecondsFormat, TimeZone, Utc};
use chrono_tz::Tz;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;
use text::Phase;

/// The instant generated history ends at; benchmarks build with `--now` set to it.
pub const END: &str = "2026-11-23T12:00:00Z";
/// The site time zone of generated sites.
pub const TIME_ZONE: Tz = chrono_tz::Europe::Berlin;
/// Years of history before `END`.
pub const YEARS: i64 = 10;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Params {
    /// Number of incident files.
    pub incidents: usize,
    /// Number of components.
    pub components: usize,
    /// Seed of the random streams.
    pub seed: u64,
}

impl Params {
    /// Number of maintenance windows: about one per 50 incidents, at least 2.
    pub fn maintenance(&self) -> usize {
        (self.incidents / 50).max(2)
    }

    /// Number of ongoing incidents: a handful.
    pub fn ongoing(&self) -> usize {
        (self.incidents / 20).clamp(usize::from(self.incidents > 0), 4)
    }
}

/// SplitMix64: small, fast and good enough for test data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// An independent stream for item `k` of kind `salt`.
    pub fn fork(seed: u64, salt: u64, k: u64) -> Rng {
        let mut r = Rng(seed ^ salt.wrapping_mul(0xA076_1D64_78BD_642F));
        r.0 = r.0.wrapping_add(k.wrapping_mul(0xE703_7ED1_A0B4_28DB));
        r.next_u64();
        r
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True with a probability of `percent` in 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One element of a non-empty slice.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

const GROUP_NAMES: &[&str] = &[
    "Core platform",
    "Build & delivery",
    "Data & storage",
    "Networking",
    "Identity",
    "Observability",
    "Billing",
    "Messaging",
    "Compute",
    "Developer tools",
    "Edge",
    "AI services",
];

const COMPONENT_NAMES: &[&str] = &[
    "API",
    "Dashboard",
    "Authentication",
    "Webhooks",
    "Builds",
    "Deployments",
    "CDN",
    "Edge Functions",
    "Object Storage",
    "Postgres",
    "Redis",
    "Queues",
    "Search",
    "Logs",
    "Metrics",
    "Tracing",
    "Alerts",
    "Billing portal",
    "Invoices",
    "Email delivery",
    "SMS delivery",
    "Push notifications",
    "DNS",
    "Load balancers",
    "Private networking",
    "Virtual machines",
    "Kubernetes",
    "Container registry",
    "Secrets",
    "Audit log",
    "SSO",
    "Git integration",
    "CLI",
    "Terraform provider",
    "Inference",
    "Vector database",
    "Backups",
    "Status API",
    "Documentation",
    "Support portal",
];

const REGION_SUFFIXES: &[&str] = &["EU", "US", "APAC"];

/// A component as generated: id, display name and group id.
#[derive(Debug, Clone)]
struct Comp {
    id: String,
    name: String,
}

/// Groups (id, name, member indexes) and components of the catalogue.
#[derive(Debug, Clone)]
struct Catalog {
    groups: Vec<(String, String, Vec<usize>)>,
    components: Vec<Comp>,
}

fn catalog(p: &Params) -> Catalog {
    let mut rng = Rng::fork(p.seed, 1, 0);
    let mut components = Vec::with_capacity(p.components);
    for k in 0..p.components {
        let base = COMPONENT_NAMES[k % COMPONENT_NAMES.len()];
        let round = k / COMPONENT_NAMES.len();
        let name = match round {
            0 => base.to_string(),
            r if r <= REGION_SUFFIXES.len() => format!("{base} ({})", REGION_SUFFIXES[r - 1]),
            r => format!("{base} {r}"),
        };
        components.push(Comp {
            id: text::slug(&name),
            name,
        });
    }
    let mut groups = Vec::new();
    let mut next = 0;
    while next < p.components {
        let left = p.components - next;
        let size = if left <= 10 {
            left
        } else {
            let s = rng.range(5, 10) as usize;
            if left - s < 5 { left - 5 } else { s }
        };
        let g = groups.len();
        let base = GROUP_NAMES[g % GROUP_NAMES.len()];
        let name = match g / GROUP_NAMES.len() {
            0 => base.to_string(),
            r => format!("{base} {}", r + 1),
        };
        groups.push((text::slug(&name), name, (next..next + size).collect()));
        next += size;
    }
    Catalog { groups, components }
}

fn components_toml(p: &Params, cat: &Catalog) -> String {
    let mut rng = Rng::fork(p.seed, 2, 0);
    let mut out = String::from("# Groups are shown in the order listed here.\n");
    for (id, name, _) in &cat.groups {
        let _ = write!(out, "\n[[group]]\nid = \"{id}\"\nname = \"{name}\"\n");
        if rng.chance(50) {
            let _ = writeln!(
                out,
                "description = \"Everything about {}.\"",
                name.to_lowercase()
            );
        }
    }
    for (gid, _, members) in &cat.groups {
        for &c in members {
            let comp = &cat.components[c];
            let _ = write!(
                out,
                "\n[[component]]\nid = \"{}\"\nname = \"{}\"\ngroup = \"{gid}\"\n",
                comp.id, comp.name
            );
            if rng.chance(60) {
                let _ = writeln!(
                    out,
                    "description = \"{} for all customers, in every region.\"",
                    comp.name
                );
            }
            if rng.chance(30) {
                let _ = writeln!(out, "since = 2016-11-01");
            }
        }
    }
    out
}

fn config_toml() -> String {
    format!(
        "title = \"Meridian Cloud Status\"\nbase_url = \"https://status.meridian.example\"\ndescription = \"Live and historical status of Meridian Cloud.\"\ntime_zone = \"{}\"\nlanguage = \"en\"\n",
        TIME_ZONE.name()
    )
}

fn end() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(END)
        .expect("END is RFC 3339")
        .with_timezone(&Utc)
}

/// The local wall-clock time of `t` in the site zone, if it names `t` unambiguously.
fn local_text(t: DateTime<Utc>, fmt: &str) -> Option<String> {
    let local = t.with_timezone(&TIME_ZONE).naive_local();
    match TIME_ZONE.from_local_datetime(&local) {
        LocalResult::Single(_) => Some(local.format(fmt).to_string()),
        _ => None,
    }
}

/// A timestamp in one of the forms an update heading accepts.
fn heading_time(rng: &mut Rng, t: DateTime<Utc>) -> String {
    let local = t.with_timezone(&TIME_ZONE);
    match rng.below(6) {
        0 | 1 => t.format("%Y-%m-%d %H:%M UTC").to_string(),
        2 => t.to_rfc3339_opts(SecondsFormat::Secs, true),
        3 => local_text(t, "%Y-%m-%d %H:%M")
            .unwrap_or_else(|| t.format("%Y-%m-%d %H:%M UTC").to_string()),
        4 => local.format("%Y-%m-%d %H:%M %:z").to_string(),
        _ => t.format("%Y-%m-%d %H:%MZ").to_string(),
    }
}

/// A front-matter timestamp: a TOML date-time (UTC, offset or site-local) or a string.
fn toml_time(rng: &mut Rng, t: DateTime<Utc>) -> String {
    match rng.below(5) {
        0 | 1 => t.to_rfc3339_opts(SecondsFormat::Secs, true),
        2 => t
            .with_timezone(&TIME_ZONE)
            .to_rfc3339_opts(SecondsFormat::Secs, true),
        3 => local_text(t, "%Y-%m-%dT%H:%M:%S")
            .unwrap_or_else(|| t.to_rfc3339_opts(SecondsFormat::Secs, true)),
        _ => format!("\"{}\"", t.format("%Y-%m-%d %H:%M UTC")),
    }
}

fn heading(rng: &mut Rng, word: &str, t: DateTime<Utc>) -> String {
    let word = match rng.below(20) {
        0 => word.to_lowercase(),
        1 => word.to_uppercase(),
        _ => word.to_string(),
    };
    let sep = rng.pick(&[" —", " —", " —", " -", " ·", ":", " |", " –", ""]);
    format!("## {word}{sep} {}", heading_time(rng, t))
}

fn phase_word(phase: Phase, rng: &mut Rng) -> &'static str {
    match phase {
        Phase::Investigating => "Investigating",
        Phase::Identified => "Identified",
        Phase::Monitoring => {
            if rng.chance(30) {
                "Update"
            } else {
                "Monitoring"
            }
        }
        Phase::Resolved => "Resolved",
        Phase::Postmortem => {
            if rng.chance(20) {
                "Post-mortem"
            } else {
                "Postmortem"
            }
        }
        Phase::Scheduled => "Scheduled",
        Phase::InProgress => "In progress",
        Phase::Verifying => "Verifying",
        Phase::Completed => "Completed",
    }
}

/// The body of an update: a paragraph or two, sometimes with Markdown extras.
fn update_body(rng: &mut Rng, phase: Phase, thing: &str) -> String {
    let words = rng.range(35, 95) as usize;
    let mut body = text::paragraph(rng, phase, thing, words);
    if rng.chance(25) {
        body.push_str("\n\n");
        body.push_str(&text::extra(rng, thing));
    }
    if rng.chance(15) {
        body.push_str("\n\n");
        let more = rng.range(20, 50) as usize;
        body.push_str(&text::paragraph(rng, phase, thing, more));
    }
    if rng.chance(2) {
        body.push_str("\n\n");
        body.push_str(&text::raw_html(rng));
    }
    body.trim_end().to_string()
}

const IMPACTS: &[(&str, &str)] = &[
    ("none", "operational"),
    ("minor", "degraded_performance"),
    ("major", "partial_outage"),
    ("critical", "major_outage"),
];

/// One incident file: (path relative to the site root, text).
fn incident(p: &Params, cat: &Catalog, k: usize) -> (String, String) {
    let mut rng = Rng::fork(p.seed, 3, k as u64);
    let end = end();
    let ongoing = k < p.ongoing();
    let started = if ongoing {
        end - Duration::minutes(rng.range(60, 2 * 24 * 60))
    } else {
        let span = (YEARS * 365 - 3) * 24 * 60;
        end - Duration::days(3) - Duration::minutes(rng.range(0, span))
    };
    let impact_idx = match rng.below(100) {
        0..=4 => 0,
        5..=54 => 1,
        55..=89 => 2,
        _ => 3,
    };
    // Affected: a list of components or groups, a table with statuses, or nothing.
    let n_affected = rng.range(1, 3) as usize;
    let mut picked: Vec<usize> = Vec::new();
    while picked.len() < n_affected.min(cat.components.len()) {
        let c = rng.below(cat.components.len() as u64) as usize;
        if !picked.contains(&c) {
            picked.push(c);
        }
    }
    let thing = cat.components[picked[0]].name.clone();
    let title = text::title(&mut rng, &thing);
    let mut fm = format!("+++\ntitle = \"{title}\"\n");
    let form = rng.below(100);
    let table = (60..95).contains(&form);
    if !(table && rng.chance(30)) {
        let _ = writeln!(fm, "impact = \"{}\"", IMPACTS[impact_idx].0);
    }
    let _ = writeln!(fm, "started = {}", toml_time(&mut rng, started));
    // The resolving update and the front matter's `resolved`, if over.
    let duration = Duration::minutes(if rng.chance(70) {
        rng.range(15, 240)
    } else {
        rng.range(240, 36 * 60)
    });
    let resolved_at = started + duration;
    let fm_resolved = !ongoing && rng.chance(50);
    if fm_resolved {
        let impact_ended = resolved_at - Duration::minutes(rng.range(0, 5));
        let _ = writeln!(fm, "resolved = {}", toml_time(&mut rng, impact_ended));
    }
    if form < 60 {
        let ids: Vec<String> = picked
            .iter()
            .map(|&c| {
                if rng.chance(12) {
                    let g = cat
                        .groups
                        .iter()
                        .find(|g| g.2.contains(&c))
                        .expect("every component is grouped");
                    g.0.clone()
                } else {
                    cat.components[c].id.clone()
                }
            })
            .fold(Vec::new(), |mut acc, id| {
                if !acc.contains(&id) {
                    acc.push(id);
                }
                acc
            });
        let quoted: Vec<String> = ids.iter().map(|id| format!("\"{id}\"")).collect();
        let _ = writeln!(fm, "affected = [{}]", quoted.join(", "));
    } else if table {
        let entries: Vec<String> = picked
            .iter()
            .enumerate()
            .map(|(j, &c)| {
                let idx = if j == 0 {
                    impact_idx.max(1)
                } else {
                    rng.range(1, impact_idx.max(1) as i64) as usize
                };
                format!("{} = \"{}\"", cat.components[c].id, IMPACTS[idx].1)
            })
            .collect();
        let _ = writeln!(fm, "affected = {{ {} }}", entries.join(", "));
    }
    fm.push_str("+++\n\n");

    // The timeline: phases and times, oldest first.
    let n_updates = rng.range(2, 6) as usize;
    let mut phases: Vec<Phase> = Vec::with_capacity(n_updates);
    phases.push(Phase::Investigating);
    if ongoing {
        for j in 1..n_updates.min(4) {
            phases.push([Phase::Identified, Phase::Monitoring, Phase::Monitoring][j - 1]);
        }
    } else {
        let postmortem = n_updates >= 3 && rng.chance(20);
        let middle = n_updates - 2 - usize::from(postmortem);
        for j in 0..middle {
            phases.push(if j == 0 {
                Phase::Identified
            } else {
                Phase::Monitoring
            });
        }
        phases.push(Phase::Resolved);
        if postmortem {
            phases.push(Phase::Postmortem);
        }
    }
    let last_open = if ongoing { end } else { resolved_at };
    let first = started + Duration::minutes(rng.range(2, 12));
    let steps = phases.len();
    let mut times = Vec::with_capacity(steps);
    for (j, phase) in phases.iter().enumerate() {
        let t = match phase {
            Phase::Investigating => first,
            Phase::Resolved => resolved_at.max(first + Duration::minutes(steps as i64)),
            Phase::Postmortem => {
                (resolved_at + Duration::days(rng.range(1, 3))).min(end - Duration::minutes(1))
            }
            _ => {
                let span = (last_open - first).num_minutes().max(steps as i64);
                let at = first + Duration::minutes(span * j as i64 / steps as i64);
                at.min(last_open - Duration::minutes(1)).max(first)
            }
        };
        times.push(t);
    }
    let mut updates: Vec<String> = phases
        .iter()
        .zip(&times)
        .map(|(&phase, &t)| {
            let word = phase_word(phase, &mut rng);
            format!(
                "{}\n{}\n",
                heading(&mut rng, word, t),
                update_body(&mut rng, phase, &thing)
            )
        })
        .collect();
    // Most authors write newest first; some append at the bottom.
    if rng.chance(85) {
        updates.reverse();
    }
    let mut text = fm;
    if rng.chance(60) {
        let words = rng.range(20, 70) as usize;
        text.push_str(&text::paragraph(
            &mut rng,
            Phase::Investigating,
            &thing,
            words,
        ));
        text.push_str("\n\n");
    }
    text.push_str(&updates.join("\n"));
    let local = started.with_timezone(&TIME_ZONE);
    let id = format!(
        "{}-{}-{k}",
        local.format("%Y-%m-%d"),
        text::slug(&title)
            .chars()
            .take(40)
            .collect::<String>()
            .trim_end_matches('-')
    );
    (format!("incidents/{}/{id}.md", local.format("%Y")), text)
}

/// One maintenance file: (path relative to the site root, text).
fn maintenance(p: &Params, cat: &Catalog, k: usize) -> (String, String) {
    let mut rng = Rng::fork(p.seed, 4, k as u64);
    let end_of_history = end();
    let future = k < (p.maintenance() / 10).max(1);
    let day = if future {
        end_of_history + Duration::days(rng.range(1, 60))
    } else {
        end_of_history - Duration::days(rng.range(2, YEARS * 365))
    };
    let start = day
        .date_naive()
        .and_hms_opt(rng.range(0, 4) as u32, 0, 0)
        .expect("valid hour")
        .and_utc();
    let window_end = start + Duration::minutes(rng.range(2, 8) * 30);
    let c = rng.below(cat.components.len() as u64) as usize;
    let comp = &cat.components[c];
    let title = format!("Planned maintenance of {}", comp.name);
    let mut text = format!(
        "+++\ntitle = \"{title}\"\nstart = {}\nend = {}\naffected = [\"{}\"]\n+++\n\n",
        toml_time(&mut rng, start),
        toml_time(&mut rng, window_end),
        comp.id
    );
    let words = rng.range(30, 80) as usize;
    text.push_str(&text::paragraph(
        &mut rng,
        Phase::Scheduled,
        &comp.name,
        words,
    ));
    text.push_str("\n\n");
    let announced = (start - Duration::days(rng.range(3, 14))).min(end_of_history);
    let mut timeline = vec![(Phase::Scheduled, announced)];
    if !future {
        timeline.push((Phase::InProgress, start));
        if rng.chance(50) {
            timeline.push((Phase::Verifying, window_end - Duration::minutes(20)));
        }
        timeline.push((
            Phase::Completed,
            window_end - Duration::minutes(rng.range(0, 15)),
        ));
    }
    let mut updates: Vec<String> = timeline
        .iter()
        .map(|&(phase, t)| {
            let word = phase_word(phase, &mut rng);
            let words = rng.range(20, 60) as usize;
            format!(
                "{}\n{}\n",
                heading(&mut rng, word, t),
                text::paragraph(&mut rng, phase, &comp.name, words)
            )
        })
        .collect();
    updates.reverse();
    text.push_str(&updates.join("\n"));
    let local = start.with_timezone(&TIME_ZONE);
    let id = format!("{}-{}-{k}", local.format("%Y-%m-%d"), comp.id);
    (format!("maintenance/{}/{id}.md", local.format("%Y")), text)
}

/// Calls `emit(path, text)` for every file of the site, in a fixed order.
pub fn generate(p: &Params, mut emit: impl FnMut(&str, &str) -> io::Result<()>) -> io::Result<()> {
    assert!(p.components > 0, "a site needs at least one component");
    let cat = catalog(p);
    emit("statuspress.toml", &config_toml())?;
    emit("components.toml", &components_toml(p, &cat))?;
    for k in 0..p.incidents {
        let (path, text) = incident(p, &cat, k);
        emit(&path, &text)?;
    }
    for k in 0..p.maintenance() {
        let (path, text) = maintenance(p, &cat, k);
        emit(&path, &text)?;
    }
    Ok(())
}

/// Writes a generated site into `out`, which must not exist or be empty. Returns the file count.
pub fn write_site(p: &Params, out: &Path) -> io::Result<usize> {
    if out.exists() && fs::read_dir(out)?.next().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} is not empty; choose a new folder", out.display()),
        ));
    }
    let mut count = 0;
    generate(p, |path, text| {
        let target = out.join(path);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir)?;
        }
        count += 1;
        fs::write(target, text)
    })?;
    Ok(count)
}
