//! The text of a Mastodon post, within Mastodon's limit as Mastodon counts it.

use unicode_segmentation::UnicodeSegmentation;

use crate::notify::channel::plain::{headline, markdown_to_plain};
use crate::notify::notice::{Notice, Tone};

/// The most characters a post may have on a Mastodon server as it comes.
pub const MAX_CHARS: usize = 500;

/// What every address counts as, however long it is.
pub const URL_CHARS: usize = 23;

/// The sign before the headline.
fn emoji(tone: Tone) -> &'static str {
    match tone {
        Tone::Critical => "🔴",
        Tone::Major => "🟠",
        Tone::Minor => "🟡",
        Tone::None => "🔵",
        Tone::Maintenance => "🔧",
        Tone::Resolved => "✅",
    }
}

/// The post for `notice`:
///
/// ```text
/// 🟠 Identified: Elevated error rates
/// Affects: API, Web · Major impact
///
/// <the update as plain text, cut at a word with … to fit>
///
/// https://status.acme.com/incidents/2026-11-20-api-errors/
/// ```
///
/// Maintenance says when (`When: 26 Nov 2026, 02:00 – 04:00 CET`). The words around the post's
/// own are the notice's ([`Words`](crate::notify::notice::Words)). The whole post is at most
/// [`MAX_CHARS`] as Mastodon counts ([`length`]); the update's text is cut first, and only if the
/// rest alone is too long, the headline.
pub fn compose(notice: &Notice) -> String {
    let w = &notice.words;
    let mut head = format!("{} {}", emoji(notice.tone), headline(notice));
    let facts: Vec<String> = [
        (!notice.components.is_empty()).then(|| w.labelled(w.affects, &w.list(&notice.components))),
        (!notice.impact.is_empty()).then(|| notice.impact.clone()),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !facts.is_empty() {
        head.push('\n');
        head.push_str(&facts.join(" · "));
    }
    if let Some(window) = &notice.window_text {
        head.push('\n');
        head.push_str(&w.labelled(w.when, window));
    }
    let body = markdown_to_plain(&notice.body_markdown);
    let post = |body: &str| {
        if body.is_empty() {
            format!("{head}\n\n{}", notice.url)
        } else {
            format!("{head}\n\n{body}\n\n{}", notice.url)
        }
    };
    let whole = post(&body);
    if length(&whole) <= MAX_CHARS {
        return whole;
    }
    // The longest run of whole words that fits with the ellipsis.
    let mut fitting = None;
    let mut prefix = String::new();
    for word in body.split_inclusive(char::is_whitespace) {
        prefix.push_str(word);
        let cut = format!(
            "{}…",
            prefix
                .trim_end()
                .trim_end_matches([',', ';', ':', '.', '-', '–', '—'])
        );
        if length(&post(&cut)) > MAX_CHARS {
            break;
        }
        fitting = Some(cut);
    }
    if let Some(cut) = fitting {
        return post(&cut);
    }
    // Not even one word fits: the post is the headline, cut, and the link.
    let tail = format!("\n\n{}", notice.url);
    let room = MAX_CHARS.saturating_sub(length(&tail) + 1);
    let head: String = head.graphemes(true).take(room).collect();
    let post = format!("{}…{tail}", head.trim_end());
    if length(&post) <= MAX_CHARS {
        post
    } else {
        // An address Mastodon would count in full that alone is too long: cut everything.
        let mut text: String = post.graphemes(true).take(MAX_CHARS - 1).collect();
        text.push('…');
        text
    }
}

/// The length of `text` as Mastodon counts it: grapheme clusters (an emoji with modifiers is
/// one), with every `http://` or `https://` address counting as [`URL_CHARS`].
///
/// An address counts as 23 only where Mastodon recognises it too: at the start or after a
/// space, a bracket or a quote, with a host that has a dot and a top-level domain of letters.
/// Closing punctuation after it (`.`, `,`, an unbalanced `)`, …) counts as text. Elsewhere
/// this counts more than Mastodon, with one exception: Mastodon also checks the top-level
/// domain against its list, so an address on a private one (`.test`, `.internal`) counts in
/// full there. Published status pages live on public domains.
pub fn length(text: &str) -> usize {
    let mut count = 0;
    let mut rest = text;
    let mut previous: Option<char> = None;
    while !rest.is_empty() {
        let at_boundary = previous.is_none_or(|c| c.is_whitespace() || "([{<\"'".contains(c));
        if at_boundary && let Some(url_len) = url_at(rest) {
            count += URL_CHARS;
            previous = rest[..url_len].chars().next_back();
            rest = &rest[url_len..];
            continue;
        }
        // One grapheme cluster.
        let grapheme = rest.graphemes(true).next().unwrap_or(rest);
        count += 1;
        previous = grapheme.chars().next_back();
        rest = &rest[grapheme.len()..];
    }
    count
}

/// The length in bytes of the address `text` starts with, if it starts with one Mastodon
/// recognises (see [`length`]).
fn url_at(text: &str) -> Option<usize> {
    let lower = text.get(..8)?.to_ascii_lowercase();
    let scheme = if lower.starts_with("https://") {
        8
    } else if lower.starts_with("http://") {
        7
    } else {
        return None;
    };
    let end = text.find(char::is_whitespace).unwrap_or(text.len());
    let mut url = &text[..end];
    // Trailing punctuation is the sentence's, and a closing bracket without its opening one.
    loop {
        let trimmed = url.trim_end_matches(['.', ',', ':', ';', '!', '?', '\'', '"', '…']);
        let trimmed = match trimmed.strip_suffix(')') {
            Some(t) if t.matches('(').count() <= t.matches(')').count() => t,
            _ => trimmed,
        };
        let trimmed = trimmed.trim_end_matches([']', '}', '>']);
        if trimmed.len() == url.len() {
            break;
        }
        url = trimmed;
    }
    let host = url[scheme..]
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("")
        .rsplit('@')
        .next()
        .unwrap_or("");
    let host = host.split(':').next().unwrap_or("");
    let tld = host.rsplit_once('.').map(|(_, tld)| tld)?;
    let valid = tld.len() >= 2
        && tld.chars().all(|c| c.is_alphabetic())
        && host.split('.').all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    valid.then_some(url.len())
}

#[cfg(test)]
mod tests;
