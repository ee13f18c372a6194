//! One run of `statuspress notify`: every event not yet in the ledger goes to every channel
//! that wants it, in a fixed order (channels as configured, events by time then key), and each
//! outcome is recorded as soon as it is known.
//!
//! - An event older than the channel's `max_age_hours` is recorded as `seen` and not sent, so a
//!   first run on a long history (or after an import) floods nobody.
//! - A delivery that may pass later (timeout, refused connection, 5xx, 408, 429) is tried
//!   again after 1, 2 and 4 seconds (or the `Retry-After` asked for, up to 30 seconds). If it
//!   still fails, the event and the channel's later events stay unrecorded for the next run,
//!   so they keep their order; other channels go on.
//! - A refusal that never passes (another 4xx) is recorded as `failed` and never sent again.
//! - A channel whose secret is not set sends nothing; the others go on.

use super::channel::{self, BuildError, Channel, Outgoing, SendError, Transport};
use super::events::{self, Event};
use super::ledger::{Ledger, Outcome, Record};
use super::statuspage;
use crate::derive::State;
use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::model::config::{ChannelKind, NotifyChannel};
use crate::model::site::CONFIG_FILE;
use crate::render::data::api::Api;
use std::io::Write;
use std::path::Path;

pub mod settings;

pub use settings::Settings;
use settings::{RETRIES, delay, words};

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// Events sent (or, in a dry run, that would be).
    pub sent: usize,
    /// Events recorded as seen without sending (or that would be).
    pub seen: usize,
    /// Events refused for good.
    pub failed: usize,
    /// Events left unrecorded for the next run.
    pub left: usize,
    /// Channels that could not send at all (a secret not set, a kind this build lacks).
    pub channels_down: usize,
}

impl Tally {
    /// True when everything due was sent or recorded as seen.
    pub fn all_done(&self) -> bool {
        self.failed == 0 && self.left == 0 && self.channels_down == 0
    }

    /// The closing line.
    pub fn summary(&self, dry_run: bool) -> String {
        if dry_run {
            return format!(
                "notify --dry-run: {} would be sent, {} would be recorded as seen; nothing was sent or recorded",
                self.sent, self.seen
            );
        }
        let mut line = format!(
            "notify: {} sent, {} seen, {} failed, {} left for the next run",
            self.sent, self.seen, self.failed, self.left
        );
        if self.channels_down > 0 {
            line.push_str(&format!(
                ", {} channel{} could not send",
                self.channels_down,
                if self.channels_down == 1 { "" } else { "s" }
            ));
        }
        line
    }
}

/// Why a run stopped before its end.
#[derive(Debug)]
pub enum Stop {
    /// The ledger cannot be read.
    Ledger(Diagnostic),
    /// The ledger cannot be written: going on could announce something twice.
    Save(String),
}

/// Whether `channel` wants `event`: its `events`, `min_impact` (maintenance always passes) and
/// `components` (any of the event's components or their groups) filters.
pub fn wants(channel: &NotifyChannel, event: &Event) -> bool {
    let kind_ok =
        channel.events.is_empty() || channel.events.contains(&event.notice.kind.event_name());
    let impact_ok = event.notice.kind.is_maintenance()
        || match (channel.min_impact, event.impact) {
            (Some(min), Some(impact)) => impact >= min,
            _ => true,
        };
    let components_ok = channel.components.is_empty()
        || event
            .notice
            .component_ids
            .iter()
            .any(|id| channel.components.iter().any(|(c, _)| c == id));
    kind_ok && impact_ok && components_ok
}

/// The streams a run reports on.
pub struct Streams<'a> {
    /// What was sent and the summary.
    pub out: &'a mut dyn Write,
    /// Retries, refusals and problems.
    pub err: &'a mut dyn Write,
}

/// Announces the events of `site` at the clock of `state` that its ledger in `root` has not
/// recorded yet, on every channel of its config.
pub fn run(
    root: &Path,
    site: &Site,
    state: &State,
    settings: &Settings,
    env: &dyn Fn(&str) -> Option<String>,
    io: &mut Streams<'_>,
) -> Result<Tally, Stop> {
    let mut ledger = Ledger::load(root).map_err(Stop::Ledger)?;
    let events = events::list(site, state);
    let transport = Transport::new(settings.timeout, settings.connect_timeout);
    // The webhook's payloads are the site's API: the same table, so the texts agree.
    let api = Api::new(site, state, crate::render::table_of(site));
    let mut payloads: Vec<Option<Vec<String>>> = vec![None; events.len()];
    let mut tally = Tally::default();
    for config in &site.config.notify.channels {
        let channel = match channel::build(config, env, &transport, settings.dry_run) {
            Ok(c) => c,
            Err(e) => {
                let _ = writeln!(io.err, "{}", unavailable(config, &e));
                tally.channels_down += 1;
                continue;
            }
        };
        if settings.dry_run {
            dry_run_header(config, env, io);
        }
        let due: Vec<usize> = (0..events.len())
            .filter(|&i| wants(config, &events[i]))
            .filter(|&i| ledger.get(&events[i].notice.key, &config.name).is_none())
            .collect();
        let oldest = state.now - chrono::Duration::hours(i64::from(config.max_age_hours));
        let mut seen = 0;
        for (n, &i) in due.iter().enumerate() {
            let event = &events[i];
            let headline = format!("{} — {}", event.notice.title, event.notice.status);
            if event.notice.at < oldest {
                seen += 1;
                if !settings.dry_run {
                    ledger.record(
                        &event.notice.key,
                        &config.name,
                        Record::new(
                            state.now,
                            Outcome::Seen,
                            format!("older than {} hours", config.max_age_hours),
                        ),
                    );
                }
                continue;
            }
            let statuspage: &[String] = if config.kind == ChannelKind::Webhook {
                payloads[i].get_or_insert_with(|| statuspage::payloads(&api, site, event))
            } else {
                &[]
            };
            let outgoing = Outgoing {
                notice: &event.notice,
                statuspage,
            };
            if settings.dry_run {
                let _ = writeln!(io.out, "--- {}: {headline}", event.notice.key);
                for d in channel.deliveries(&outgoing) {
                    let _ = writeln!(io.out, "{}", d.preview());
                }
                tally.sent += 1;
                continue;
            }
            match deliver(channel.as_ref(), &outgoing, settings, io) {
                Delivered::Sent(detail) => {
                    ledger.record(
                        &event.notice.key,
                        &config.name,
                        Record::new(state.now, Outcome::Sent, detail),
                    );
                    ledger.save(root).map_err(Stop::Save)?;
                    let _ = writeln!(io.out, "sent {}: {headline}", config.name);
                    tally.sent += 1;
                }
                Delivered::Refused(reason) => {
                    ledger.record(
                        &event.notice.key,
                        &config.name,
                        Record::new(state.now, Outcome::Failed, reason.clone()),
                    );
                    ledger.save(root).map_err(Stop::Save)?;
                    let _ = writeln!(
                        io.err,
                        "error: {} refused \"{headline}\" ({}): {reason}\n  help: recorded as failed and not sent again; check the channel's address and settings",
                        config.name, event.notice.key
                    );
                    tally.failed += 1;
                }
                Delivered::Later(reason) => {
                    let rest = due.len() - n;
                    let _ = writeln!(
                        io.err,
                        "error: {} failed {} times: {reason}; \"{headline}\"{} left for the next run",
                        config.name,
                        RETRIES + 1,
                        if rest > 1 {
                            format!(
                                " and {} later event{} are",
                                rest - 1,
                                if rest == 2 { "" } else { "s" }
                            )
                        } else {
                            " is".to_string()
                        }
                    );
                    tally.left += rest;
                    break;
                }
            }
        }
        tally.seen += seen;
        if seen > 0 {
            let events = if seen == 1 { "event" } else { "events" };
            let hours = config.max_age_hours;
            if settings.dry_run {
                let _ = writeln!(
                    io.out,
                    "{seen} {events} older than {hours} hours would be recorded as seen, not sent\n"
                );
            } else {
                ledger.save(root).map_err(Stop::Save)?;
                let _ = writeln!(
                    io.out,
                    "seen {}: {seen} {events} older than {hours} hours, recorded without sending",
                    config.name
                );
            }
        }
    }
    Ok(tally)
}

/// What became of one event on one channel.
enum Delivered {
    Sent(String),
    Refused(String),
    Later(String),
}

/// Sends every delivery of one event, each retried as [`run`] describes.
fn deliver(
    channel: &dyn Channel,
    outgoing: &Outgoing<'_>,
    settings: &Settings,
    io: &mut Streams<'_>,
) -> Delivered {
    let mut detail = String::new();
    for delivery in channel.deliveries(outgoing) {
        let mut attempt = 0;
        loop {
            match delivery.send() {
                Ok(answer) => {
                    detail = answer;
                    break;
                }
                Err(SendError::Permanent(reason)) => return Delivered::Refused(reason),
                Err(SendError::Retry { reason, after }) => {
                    if attempt == RETRIES {
                        return Delivered::Later(reason);
                    }
                    let wait = delay(attempt, settings.backoff, after);
                    let _ = writeln!(
                        io.err,
                        "{}: {reason}; trying again in {}",
                        channel.name(),
                        words(wait)
                    );
                    std::thread::sleep(wait);
                    attempt += 1;
                }
            }
        }
    }
    Delivered::Sent(detail)
}

/// The error of a channel that cannot send, at its entry in the config.
fn unavailable(config: &NotifyChannel, e: &BuildError) -> Diagnostic {
    match e {
        BuildError::MissingSecret(var) => {
            let position = config
                .secrets()
                .find(|v| &v.name == var)
                .map_or(config.position, |v| v.position);
            Diagnostic::error(
                CONFIG_FILE,
                position,
                format!("environment variable `{var}` is not set: channel `{}` sends nothing", config.name),
            )
            .with_hint(format!(
                "set it from a CI secret in the step that runs notify (GitHub: env: {var}: ${{{{ secrets.{var} }}}}); the other channels were sent"
            ))
        }
        BuildError::Unavailable(kind) => Diagnostic::error(
            CONFIG_FILE,
            config.position,
            format!(
                "channel `{}`: this build of statuspress cannot send kind `{}`",
                config.name,
                kind.as_str()
            ),
        )
        .with_hint(
            "use a statuspress release that lists this kind in its README, or remove the entry",
        ),
    }
}

/// The heading of a channel's part of a dry run, with its unset secrets.
fn dry_run_header(
    config: &NotifyChannel,
    env: &dyn Fn(&str) -> Option<String>,
    io: &mut Streams<'_>,
) {
    let _ = writeln!(io.out, "=== {} ({})", config.name, config.kind.as_str());
    for var in config.secrets() {
        if env(&var.name).is_none_or(|v| v.trim().is_empty()) {
            let _ = writeln!(
                io.out,
                "{} is not set: shown as ${}; a real run would skip this channel",
                var.name, var.name
            );
        }
    }
    let _ = writeln!(io.out);
}

#[cfg(test)]
mod tests;
