//! Slack: an incoming webhook, with a plain-text fallback and Block Kit blocks.

use super::http::Target;
use super::{Channel, Delivery, Outgoing};
use crate::notify::markup::{Dialect, clip, convert};
use crate::notify::notice::Notice;
use serde_json::{Value, json};

/// Longest text of a section block.
pub const SECTION_LIMIT: usize = 3000;
/// Longest text of a header block.
const HEADER_LIMIT: usize = 150;
/// Longest text of a section field.
const FIELD_LIMIT: usize = 2000;

/// A Slack incoming webhook.
#[derive(Debug)]
pub struct Slack(pub Target);

impl Channel for Slack {
    fn name(&self) -> &str {
        &self.0.name
    }

    fn deliveries(&self, event: &Outgoing<'_>) -> Vec<Box<dyn Delivery>> {
        vec![Box::new(self.0.post_json(&payload(event.notice)))]
    }
}

/// Text with Slack's three control characters escaped.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The message of `notice`: `text` for notifications and clients without blocks, then a
/// header, the facts, the update's text in mrkdwn and a link to the post, in the notice's words.
pub fn payload(n: &Notice) -> Value {
    let w = &n.words;
    let mut fields = vec![field(w.status, &n.status)];
    if !n.impact.is_empty() {
        fields.push(field(w.impact, &n.impact));
    }
    if !n.components.is_empty() {
        fields.push(field(w.components, &w.list(&n.components)));
    }
    match &n.window_text {
        Some(window) => fields.push(field(w.window, window)),
        None => fields.push(field(w.posted, &n.at_text)),
    }
    let mut blocks = vec![
        json!({
            "type": "header",
            "text": {"type": "plain_text", "text": clip(&n.title, HEADER_LIMIT), "emoji": true}
        }),
        json!({"type": "section", "fields": fields}),
    ];
    let text = convert(
        &n.body_markdown,
        Dialect::Slack,
        SECTION_LIMIT,
        (&n.url, w.read_more),
    );
    if !text.is_empty() {
        blocks.push(json!({"type": "section", "text": {"type": "mrkdwn", "text": text}}));
    }
    blocks.push(json!({
        "type": "context",
        "elements": [{
            "type": "mrkdwn",
            "text": format!("<{}|{}> · {}", n.url, escape(&w.view_on(&n.site_title)), escape(&n.at_text))
        }]
    }));
    let title = format!("{} — {}", n.title, n.status);
    json!({
        "text": escape(&w.labelled(&n.site_title, &title)),
        "blocks": blocks,
    })
}

fn field(name: &str, value: &str) -> Value {
    let name = escape(name);
    json!({
        "type": "mrkdwn",
        "text": clip(&format!("*{name}*\n{}", escape(value)), FIELD_LIMIT),
    })
}
