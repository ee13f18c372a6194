//! Varied English for generated posts: sentences assembled from word lists, with some Markdown.

use super::Rng;
use std::fmt::Write as _;

/// Regions that sentences mention.
const REGIONS: &[&str] = &[
    "eu-central-1",
    "eu-west-2",
    "us-east-1",
    "us-west-2",
    "ap-southeast-1",
    "ap-northeast-1",
    "sa-east-1",
    "ca-central-1",
];

const CUSTOMERS: &[&str] = &[
    "Some customers",
    "A small number of customers",
    "Customers on the Business plan",
    "Users in Europe",
    "Customers in North America",
    "Most customers",
    "About 5% of requests",
    "A subset of API clients",
    "Teams using single sign-on",
    "Accounts created this week",
];

const SYMPTOMS: &[&str] = &[
    "elevated error rates",
    "increased latency",
    "timeouts when loading the dashboard",
    "failed sign-ins",
    "delayed webhook deliveries",
    "slow builds",
    "intermittent 503 responses",
    "stale data in reports",
    "failed uploads",
    "missing log lines",
    "duplicate notifications",
    "connection resets",
];

const CAUSES: &[&str] = &[
    "a faulty configuration change",
    "an expired certificate on an internal load balancer",
    "a saturated database connection pool",
    "a bug in the latest release",
    "a failing network switch in one availability zone",
    "a surge of traffic from a single tenant",
    "disk pressure on the queue brokers",
    "a DNS resolution problem at an upstream provider",
    "a memory leak in the routing layer",
    "a misbehaving cache node",
    "an overloaded metadata service",
    "a stuck leader election in the coordination cluster",
];

const ACTIONS: &[&str] = &[
    "rolled back the deploy",
    "restarted the affected nodes",
    "moved traffic to a healthy region",
    "added capacity to the cluster",
    "disabled the feature flag that triggered the issue",
    "rotated the expired credentials",
    "drained the failing host",
    "increased the connection limits",
    "replayed the delayed events",
    "flushed the corrupted cache entries",
    "rate-limited the noisy tenant",
    "failed over to the standby database",
];

const TEAMS: &[&str] = &[
    "Our engineers",
    "The on-call team",
    "The platform team",
    "The database team",
    "The networking team",
    "Our infrastructure team",
];

const NEXT: &[&str] = &[
    "We will post another update within 30 minutes.",
    "Next update within the hour.",
    "We will share more details as soon as we have them.",
    "We will keep this page updated as we learn more.",
    "Expect the next update by the top of the hour.",
    "Thank you for your patience while we work on this.",
];

const ADVICE: &[&str] = &[
    "Requests that failed can be retried safely.",
    "No data was lost.",
    "You do not need to take any action.",
    "If you run automated deploys, make sure they retry on errors.",
    "Cached content kept being served throughout.",
    "Running workloads were not affected.",
    "Please contact support if you still see problems.",
];

const FILLER_SUBJECTS: &[&str] = &[
    "the scheduler",
    "the ingestion pipeline",
    "the edge proxies",
    "the billing workers",
    "the search index",
    "the metrics backend",
    "the replication stream",
    "the authentication service",
    "the job queue",
    "the object store",
];

const FILLER_VERBS: &[&str] = &[
    "recovered",
    "slowed down",
    "kept up with demand",
    "reported healthy checks",
    "retried failed work",
    "fell behind",
    "processed the backlog",
    "returned to normal",
];

const FILLER_TAILS: &[&str] = &[
    "within a few minutes",
    "after the change",
    "during the busiest hour",
    "for most of the afternoon",
    "once capacity was added",
    "without manual intervention",
    "across all regions",
    "in the affected region",
];

/// The phase of an incident an update is written in, which decides what it talks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// First report.
    Investigating,
    /// Cause known.
    Identified,
    /// Fix applied, watching.
    Monitoring,
    /// Over.
    Resolved,
    /// Written afterwards.
    Postmortem,
    /// Maintenance announcement.
    Scheduled,
    /// Maintenance running.
    InProgress,
    /// Maintenance being checked.
    Verifying,
    /// Maintenance done.
    Completed,
}

/// Writes one sentence for `phase` that names `thing` (a component name).
fn sentence(rng: &mut Rng, phase: Phase, thing: &str, out: &mut String) {
    let region = rng.pick(REGIONS);
    let _ = match phase {
        Phase::Investigating => match rng.below(4) {
            0 => write!(
                out,
                "{} are seeing {} on {}.",
                rng.pick(CUSTOMERS),
                rng.pick(SYMPTOMS),
                thing
            ),
            1 => write!(
                out,
                "We are investigating reports of {} in {region}.",
                rng.pick(SYMPTOMS)
            ),
            2 => write!(
                out,
                "{} {} paged and {} looking into {}.",
                rng.pick(TEAMS),
                if rng.chance(50) { "was" } else { "has been" },
                if rng.chance(50) { "is" } else { "is now" },
                rng.pick(SYMPTOMS)
            ),
            _ => write!(
                out,
                "Monitoring shows {} for {} since a few minutes ago.",
                rng.pick(SYMPTOMS),
                thing
            ),
        },
        Phase::Identified => match rng.below(3) {
            0 => write!(out, "We have identified {} as the cause.", rng.pick(CAUSES)),
            1 => write!(
                out,
                "The problem was traced to {} in {region}.",
                rng.pick(CAUSES)
            ),
            _ => write!(
                out,
                "{} {} and are watching the error rates.",
                rng.pick(TEAMS),
                rng.pick(ACTIONS)
            ),
        },
        Phase::Monitoring => match rng.below(3) {
            0 => write!(out, "A fix has been applied and {thing} is recovering."),
            1 => write!(
                out,
                "We {} and error rates are back to their usual level.",
                rng.pick(ACTIONS)
            ),
            _ => write!(
                out,
                "We are monitoring {thing} closely to make sure the fix holds."
            ),
        },
        Phase::Resolved => match rng.below(3) {
            0 => write!(out, "This incident has been resolved."),
            1 => write!(
                out,
                "{thing} has been operating normally for the last 30 minutes."
            ),
            _ => write!(
                out,
                "All systems are back to normal after we {}.",
                rng.pick(ACTIONS)
            ),
        },
        Phase::Postmortem => match rng.below(3) {
            0 => write!(
                out,
                "The root cause was {} that had gone unnoticed in testing.",
                rng.pick(CAUSES)
            ),
            1 => write!(
                out,
                "To prevent this from happening again, we {} and added an alert for {}.",
                rng.pick(ACTIONS),
                rng.pick(SYMPTOMS)
            ),
            _ => write!(
                out,
                "We are sorry for the disruption this caused to {}.",
                rng.pick(CUSTOMERS).to_lowercase()
            ),
        },
        Phase::Scheduled => write!(
            out,
            "We will perform planned work on {thing} in {region}; {}",
            lower_first(rng.pick(ADVICE))
        ),
        Phase::InProgress => write!(
            out,
            "The maintenance on {thing} has started and is going to plan."
        ),
        Phase::Verifying => write!(
            out,
            "The work is done and we are verifying that {thing} behaves as expected."
        ),
        Phase::Completed => write!(
            out,
            "The maintenance is complete and {thing} is fully available."
        ),
    };
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_lowercase().collect::<String>() + chars.as_str()
    })
}

/// A sentence of general background, for padding updates to a realistic length.
fn filler(rng: &mut Rng, out: &mut String) {
    let subject = rng.pick(FILLER_SUBJECTS);
    let _ = match rng.below(3) {
        0 => write!(
            out,
            "During this time {subject} {} {}.",
            rng.pick(FILLER_VERBS),
            rng.pick(FILLER_TAILS)
        ),
        1 => write!(
            out,
            "{} {}",
            rng.pick(ADVICE),
            if rng.chance(50) { rng.pick(NEXT) } else { "" }
        ),
        _ => write!(
            out,
            "We also saw that {subject} {} {}, which is expected.",
            rng.pick(FILLER_VERBS),
            rng.pick(FILLER_TAILS)
        ),
    };
    while out.ends_with(' ') {
        out.pop();
    }
}

/// A paragraph of about `words` words for `phase`, naming `thing`, without repeated sentences.
pub fn paragraph(rng: &mut Rng, phase: Phase, thing: &str, words: usize) -> String {
    let mut out = String::new();
    sentence(rng, phase, thing, &mut out);
    let mut next = String::new();
    // Bounded, in case the word lists run out of new sentences.
    for _ in 0..words * 4 {
        if out.split_whitespace().count() >= words {
            break;
        }
        next.clear();
        if rng.chance(35) {
            sentence(rng, phase, thing, &mut next);
        } else {
            filler(rng, &mut next);
        }
        if !out.contains(next.as_str()) {
            out.push(' ');
            out.push_str(&next);
        }
    }
    out
}

/// Some Markdown beyond plain paragraphs: a list, a link, inline or block code, emphasis.
pub fn extra(rng: &mut Rng, thing: &str) -> String {
    let region = rng.pick(REGIONS);
    match rng.below(6) {
        0 => format!(
            "Affected operations:\n\n- {}\n- {}\n- {}\n",
            capitalise(rng.pick(SYMPTOMS)),
            capitalise(rng.pick(SYMPTOMS)),
            capitalise(rng.pick(SYMPTOMS))
        ),
        1 => format!(
            "See the [runbook for {thing}](https://docs.example.com/status/{}) for workarounds.\n",
            region
        ),
        2 => format!(
            "Clients receive `503 Service Unavailable` or `ECONNRESET` from `{}.example.com`.\n",
            region
        ),
        3 => format!(
            "Example error from the logs:\n\n```\nERROR upstream timed out after 30s region={region} retries=3\n```\n"
        ),
        4 => format!(
            "**Workaround:** send requests to a region other than {region} until this is resolved.\n"
        ),
        _ => format!(
            "1. {}\n2. {}\n3. We will publish a full report.\n",
            capitalise(rng.pick(ACTIONS)),
            capitalise(rng.pick(ACTIONS))
        ),
    }
}

/// A little raw HTML, which the build sanitises.
pub fn raw_html(rng: &mut Rng) -> String {
    format!(
        "Press <kbd>Ctrl</kbd>+<kbd>R</kbd> to reload the dashboard if it still shows {}.<br>\n",
        rng.pick(SYMPTOMS)
    )
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    })
}

/// A short incident title for `thing`.
pub fn title(rng: &mut Rng, thing: &str) -> String {
    let symptom = capitalise(rng.pick(SYMPTOMS));
    match rng.below(4) {
        0 => format!("{symptom} on {thing}"),
        1 => format!("{thing}: {}", rng.pick(SYMPTOMS)),
        2 => format!("{symptom} in {}", rng.pick(REGIONS)),
        _ => format!("Degraded {thing}"),
    }
}

/// Lowercase words of `s` joined by `-`, for ids and file names.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}
